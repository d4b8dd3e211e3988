"""`reportx new-extractor`: the three files a new extractor needs, importable and never overwriting."""

import importlib.util
import json

from typer.testing import CliRunner

from extract.cli import app
from extract.document import Document
from extract.process import extract_document

runner = CliRunner()


def test_new_extractor_writes_module_fixture_and_test_that_load(tmp_path, nlp):
    result = runner.invoke(app, ["new-extractor", "partnership.alt.v1", "--root", str(tmp_path)])
    assert result.exit_code == 0, result.output
    module = tmp_path / "src/extract/extractors/partnership_alt.py"
    fixture = tmp_path / "fixtures/extractors/partnership.jsonl"
    test = tmp_path / "tests/test_extractor_partnership_alt.py"
    assert module.is_file() and fixture.is_file() and test.is_file()
    assert '"partnership.alt.v1" = "extract.extractors.partnership_alt:PartnershipAltV1"' in result.output
    for line in fixture.read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) >= {"text", "expected"}
    compile(test.read_text(encoding="utf-8"), str(test), "exec")
    # the module imports inside the package and runs (it reads nothing until its rules are written)
    spec = importlib.util.spec_from_file_location("extract.extractors.partnership_alt", module)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    ex = mod.PartnershipAltV1()
    assert (ex.name, ex.kind) == ("partnership.alt.v1", "partnership")
    assert extract_document(Document(text="数坤科技与飞利浦建立战略合作。", source="t"), [ex], nlp).records == []


def test_new_extractor_keeps_existing_files_and_refuses_bad_or_taken_names(tmp_path):
    target = tmp_path / "tests/test_extractor_partnership_alt.py"
    target.parent.mkdir(parents=True)
    target.write_text("# mine\n", encoding="utf-8")
    result = runner.invoke(app, ["new-extractor", "partnership.alt.v1", "--root", str(tmp_path)])
    assert result.exit_code == 0 and "kept (exists)" in result.output
    assert target.read_text(encoding="utf-8") == "# mine\n"
    bad = runner.invoke(app, ["new-extractor", "Partnership-rules", "--root", str(tmp_path)])
    assert bad.exit_code == 2 and "<kind>.<flavour>.v<N>" in bad.output
    taken = runner.invoke(app, ["new-extractor", "policy.rules.v1", "--root", str(tmp_path)])
    assert taken.exit_code == 2 and "already registered" in taken.output


def test_a_new_kind_is_told_to_add_its_record_model(tmp_path):
    result = runner.invoke(app, ["new-extractor", "clinical_trial.rules.v1", "--root", str(tmp_path)])
    assert result.exit_code == 0
    assert "class ClinicalTrial(RecordBase)" in result.output and "reportx schemas" in result.output

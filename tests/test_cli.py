"""`reportx extract` and `reportx eval` as users call them."""

import json

from typer.testing import CliRunner

from extract.cli import app
from extract.records import RECORD_MODELS

from .conftest import FIXTURES, REPORTS

runner = CliRunner()


def test_extract_prints_valid_records_of_every_kind_with_correct_offsets():
    report = next(p for p in REPORTS if p.name.startswith("003_"))
    result = runner.invoke(app, ["extract", str(report)])
    assert result.exit_code == 0, result.output
    text = report.read_text(encoding="utf-8")
    kinds = set()
    for line in result.stdout.splitlines():
        rec = json.loads(line)
        RECORD_MODELS[rec["kind"]].model_validate(rec)
        ev = rec["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]
        kinds.add(rec["kind"])
    assert kinds == set(RECORD_MODELS)


def test_extract_names_a_bad_file_and_exits_non_zero(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    result = runner.invoke(app, ["extract", str(bad)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "empty report" in result.output


def test_unknown_extractor_lists_the_known_ones():
    result = runner.invoke(app, ["extract", "-e", "policy.rules.v0", str(REPORTS[0])])
    assert result.exit_code == 2
    assert "unknown extractor 'policy.rules.v0'" in result.output
    assert "policy.rules.v1" in result.output


def test_eval_prints_scores_per_kind_and_field():
    result = runner.invoke(app, ["eval", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert set(scores["kinds"]) == set(RECORD_MODELS)
    assert 0.0 <= scores["micro"]["f1"] <= 1.0
    assert "funding_round.investors" in scores["fields"]


def test_eval_ner_prints_entity_scores_and_the_ablation_with_prose_recall():
    result = runner.invoke(app, ["eval", "--ner", "--set", "prose"])
    assert result.exit_code == 0, result.output
    out = result.output
    for label in ("ORG", "GOV", "PRODUCT", "MONEY", "DATE", "LAW"):
        assert f"│ {label}" in out
    assert "rules + NER" in out and "rules only" in out and "prose-only" in out


def test_eval_knows_its_scoring_sets():
    result = runner.invoke(app, ["eval", "--set", "nope"])
    assert result.exit_code == 2
    assert "known sets: gold, dev, heldout, prose, prose_heldout, tables, wild_dev, wild_heldout" in result.output


def test_eval_on_a_folder_without_gold_fails_clearly(tmp_path):
    result = runner.invoke(app, ["eval", "--reports", str(FIXTURES / "reports"), "--gold", str(tmp_path)])
    assert result.exit_code == 2
    assert "no gold files" in result.output


def test_dev_tools_outside_a_checkout_name_the_option_to_pass(tmp_path):
    """An installed package has no fixtures/ or training/: the dev commands say which option names them."""
    res = runner.invoke(app, ["build-ner-data", "--root", str(tmp_path)])
    assert res.exit_code == 2 and "--root" in res.output and str(tmp_path / "fixtures") in res.output.replace("\n", "")
    res = runner.invoke(app, ["train-ner", "--data-dir", str(tmp_path)])
    assert res.exit_code == 2 and "--data-dir" in res.output and not (tmp_path / "model").exists()

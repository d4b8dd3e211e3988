"""One settings object (extract/settings.py): the environment, a config file and ``[tool.reportx]``
of pyproject.toml, validated once; extractor configs reach the extractors and the fingerprint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract import settings
from extract.document import Document
from extract.extractors import create, identities
from extract.process import extract_document

ROOT = Path(__file__).resolve().parents[1]

PARTNERS = "2024年3月，甲乙医疗科技有限公司与丙丁人民医院签署战略合作协议，共建影像AI联合实验室。"


@pytest.fixture
def clean(monkeypatch, tmp_path):
    """A working directory without pyproject.toml and no REPORTX_ variable but the test's own."""
    import os

    for name in list(os.environ):
        if name.startswith("REPORTX_") and name != "REPORTX_CACHE_DIR":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_defaults_without_any_source(clean):
    s = settings.current()
    assert s.jobs is None and s.entities is True and s.extractors == {}
    assert s.max_bytes == 32 * 1024 * 1024 and s.effective_jobs(1) == 1


def test_environment_beats_config_file_beats_pyproject(clean, monkeypatch):
    (clean / "pyproject.toml").write_text('[tool.reportx]\njobs = 3\npdf_max_pages = 10\nmax_bytes = 100\n', encoding="utf-8")
    assert (settings.current().jobs, settings.current().pdf_max_pages) == (3, 10)
    conf = clean / "reportx.toml"
    conf.write_text("jobs = 2\n", encoding="utf-8")
    monkeypatch.setenv("REPORTX_CONFIG", str(conf))
    s = settings.current()
    assert (s.jobs, s.pdf_max_pages, s.max_bytes) == (2, 10, 100)
    monkeypatch.setenv("REPORTX_JOBS", "auto")
    assert settings.current().jobs is None


@pytest.mark.parametrize("var, value, named", [
    ("REPORTX_JOBS", "many", "REPORTX_JOBS"),
    ("REPORTX_JOBS", "-2", "REPORTX_JOBS"),
    ("REPORTX_ENTITIES", "perhaps", "REPORTX_ENTITIES"),
    ("REPORTX_PDF_PAGE_SECONDS", "0", "REPORTX_PDF_PAGE_SECONDS"),
    ("REPORTX_CONFIG", "/no/such/reportx.toml", "REPORTX_CONFIG=/no/such/reportx.toml: no such file"),
])
def test_a_bad_value_names_its_variable(clean, monkeypatch, var, value, named):
    monkeypatch.setenv(var, value)
    with pytest.raises(settings.SettingsError, match=re.escape(named)):
        settings.current()


def test_a_bad_key_in_pyproject_names_the_file(clean):
    (clean / "pyproject.toml").write_text('[tool.reportx]\ncache_max_days = "soon"\n', encoding="utf-8")
    with pytest.raises(settings.SettingsError, match=r"cache_max_days in pyproject.toml \[tool.reportx\]"):
        settings.current()


def test_extractor_config_reaches_the_extractor_and_the_fingerprint(clean):
    default = dict(identities(create()))
    assert default["partnership.rules.v1"] == create(["partnership.rules.v1"])[0].version  # datasets stay reusable
    doc = Document(text=PARTNERS, source="p.txt")
    assert [r.kind for r in extract_document(doc).records] == ["partnership"]

    (clean / "pyproject.toml").write_text('[tool.reportx.extractors."partnership.rules.v1"]\nmin_parties = 3\n',
                                          encoding="utf-8")
    (ext,) = create(["partnership.rules.v1"])
    assert ext.config.min_parties == 3
    changed = dict(identities(create()))
    assert changed["partnership.rules.v1"].startswith(default["partnership.rules.v1"] + "+config.")
    assert {k: v for k, v in changed.items() if k != "partnership.rules.v1"} == \
        {k: v for k, v in default.items() if k != "partnership.rules.v1"}
    assert extract_document(doc).records == []  # two parties are no longer enough


@pytest.mark.parametrize("toml, message", [
    ('[tool.reportx.extractors."partnership.rules.v1"]\nmin_partys = 3\n', "extractors.partnership.rules.v1: min_partys"),
    ('[tool.reportx.extractors."policy.rules.v9"]\nuse_ner = false\n', "extractors.policy.rules.v9: config for an extractor"),
])
def test_a_bad_extractor_config_is_an_error_naming_it(clean, toml, message):
    (clean / "pyproject.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(settings.SettingsError, match=re.escape(message)):
        create()


def test_no_module_reads_reportx_variables_but_settings():
    """The environment is read in one place: other modules ask ``settings.current()`` (the
    crash-test hooks and the pool's message to its forkserver are not settings)."""
    allowed = {"src/extract/settings.py", "src/extract/faults.py", "src/extract/parallel.py"}
    pattern = re.compile(r"""environ(?:\.get)?\(\s*["']REPORTX_|environ\[\s*["']REPORTX_|getenv\(\s*["']REPORTX_""")
    found = []
    for path in sorted([*ROOT.glob("src/extract/**/*.py"), *ROOT.glob("flows/*.py")]):
        rel = path.relative_to(ROOT).as_posix()
        if rel not in allowed and pattern.search(path.read_text(encoding="utf-8")):
            found.append(rel)
    assert found == []
    parallel = (ROOT / "src/extract/parallel.py").read_text(encoding="utf-8")
    assert set(re.findall(r"REPORTX_[A-Z_]+", parallel)) <= {"REPORTX_FORKSERVER_PRELOAD", "REPORTX_JOBS"}


def test_the_pdf_limits_defaults_are_the_settings_defaults():
    """PdfLimits keeps its defaults as literals (the isolated parsing process must not import the
    settings machinery before its memory cap); they must stay the settings' defaults."""
    from extract.pdf import PdfLimits

    s, p = settings.Settings.model_fields, PdfLimits()
    assert (p.max_pages, p.page_seconds, p.total_seconds, p.max_memory_mb) == tuple(
        s[f"pdf_{n}"].default for n in ("max_pages", "page_seconds", "total_seconds", "max_memory_mb"))


def test_pipeline_switches_are_settings_and_enter_the_fingerprint(clean, monkeypatch):
    """``REPORTX_NER=0`` (what ``--no-ner`` does for one command) builds the pipeline without the
    NER, and a run under it gets another fingerprint, so its records are re-extracted by the next
    run with the NER instead of carried; with every switch at its default nothing changes."""
    import json

    from extract import dataset
    from extract.nlp.pipeline import get_nlp
    from extract.runner import run_fingerprint

    extractors = create()
    default = dataset.fingerprint(identities(extractors))
    assert settings.current().pipeline_changes() == {} and run_fingerprint(extractors) == default
    assert {"ner", "entity_ruler"} <= set(get_nlp().pipe_names)
    seen = {default}
    for var, key in (("REPORTX_NER", "ner"), ("REPORTX_RULER", "ruler"), ("REPORTX_ENTITIES", "entities")):
        monkeypatch.setenv(var, "0")
        assert settings.current().pipeline_changes() == {key: False}
        assert run_fingerprint(extractors) not in seen
        seen.add(run_fingerprint(extractors))
        monkeypatch.delenv(var)
    monkeypatch.setenv("REPORTX_NER", "off")
    assert "ner" not in get_nlp().pipe_names and "entity_ruler" in get_nlp().pipe_names
    monkeypatch.setenv("REPORTX_RULER", "false")
    assert {"ner", "entity_ruler"}.isdisjoint(get_nlp().pipe_names)
    assert settings.current().pipeline_changes() == {"ner": False, "ruler": False}

    pub = dataset.publish(clean / "data", [], [Document(text=PARTNERS, source="p.txt")],
                          extractors=identities(extractors), pipeline={"ner": False})
    manifest = json.loads((pub.path / "datapackage.json").read_text(encoding="utf-8"))
    assert manifest["pipeline"] == {"ner": False}
    assert manifest["fingerprint"] == dataset.fingerprint(identities(extractors), pipeline={"ner": False}) != default

"""Shared test fixtures: heavy resources load once per test session: the spaCy pipeline with
pkuseg, the Prefect test server, a warm Prefect home for runs in subprocesses, and the sample
reports' extraction.

Tests that start real servers, subprocess runs or crash trials are marked ``slow``: `make test`
(what CI runs) runs everything, `make test-fast` skips them for the edit loop."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
REPORTS = sorted((FIXTURES / "reports").glob("*.txt"))


@pytest.fixture(scope="session")
def nlp():
    from extract.nlp.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def run_extractor(nlp):
    """run_extractor(extractor_or_name, text) -> list of records for ``text`` as one document."""
    from extract.document import Document
    from extract.extractors import create
    from extract.process import extract_document

    def run(extractor, text: str, source: str = "<test>"):
        ex = create([extractor])[0] if isinstance(extractor, str) else extractor
        res = extract_document(Document(text=text, source=source), [ex], nlp)
        assert not res.rejected, res.rejected
        return res.records

    return run


@pytest.fixture(scope="session", autouse=True)
def _extraction_cache(tmp_path_factory):
    """Flow runs of the session cache their extractions in a folder of the session, not in the
    user's Prefect home (subprocess runs inherit the variable)."""
    before = os.environ.get("REPORTX_CACHE_DIR")
    os.environ["REPORTX_CACHE_DIR"] = str(tmp_path_factory.mktemp("extraction-cache"))
    yield
    if before is None:
        os.environ.pop("REPORTX_CACHE_DIR", None)
    else:
        os.environ["REPORTX_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server and database for every in-process flow run of the session (its
    start-up may migrate a cold database on a busy machine: a generous bound, not Prefect's 30 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=300):
        yield


REPORTX = str(ROOT / ".venv" / "bin" / "reportx") if (ROOT / ".venv" / "bin" / "reportx").exists() else "reportx"


@pytest.fixture(scope="session")
def run_env(tmp_path_factory):
    """run_env(**extra) -> environment for a `reportx run` in a subprocess: one Prefect home for the
    session (prepared by the first run that uses it), no configured server, quiet logs."""
    home = tmp_path_factory.mktemp("prefect-home") / "home"

    def make(**extra):
        env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
               "PREFECT_LOGGING_LEVEL": "WARNING", **extra}
        env.pop("PREFECT_API_URL", None)
        return env

    return make


def reportx(*args, env=None, timeout=300, **kwargs):
    """Run the installed `reportx` command; a CompletedProcess with text output."""
    return subprocess.run([REPORTX, *map(str, args)], env=env, capture_output=True, text=True, timeout=timeout, **kwargs)


@pytest.fixture(scope="session")
def sample_extractions(nlp):
    """{report path: (Document, DocumentResult)} for the sample reports with every extractor."""
    from extract.extractors import create
    from extract.ingest import read_document
    from extract.process import extract_document

    exs = create()
    out = {}
    for report in REPORTS:
        doc = read_document(report)
        out[report] = (doc, extract_document(doc, exs, nlp))
    return out


def part_file(version_dir, name: str) -> Path:
    """The one file holding resource ``name`` (a kind, ``merged_<kind>``) of a version written by a
    single run: records and merged facts are stored in parts, and a first version has one each."""
    import json

    manifest = json.loads((Path(version_dir) / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in manifest["resources"] if r["name"] == name)
    paths = [res["path"]] if isinstance(res["path"], str) else res["path"]
    assert len(paths) == 1, paths
    return Path(version_dir) / paths[0]

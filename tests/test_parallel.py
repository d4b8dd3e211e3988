"""Extraction across processes gives exactly what one process gives, in input order."""

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.ingest import read_document
from extract.parallel import ExtractionPool, default_jobs

from .conftest import REPORTS

runner = CliRunner()


def test_default_jobs_reads_reportx_jobs_and_caps_at_the_documents(monkeypatch):
    monkeypatch.setenv("REPORTX_JOBS", "3")
    assert default_jobs() == 3 and default_jobs(2) == 2 and default_jobs(0) == 1
    monkeypatch.setenv("REPORTX_JOBS", "auto")
    assert default_jobs() >= 1
    for bad in ("many", "-1"):
        monkeypatch.setenv("REPORTX_JOBS", bad)
        with pytest.raises(ValueError, match="REPORTX_JOBS"):
            default_jobs()


def test_a_bad_reportx_jobs_is_a_clear_error_for_run_and_extract(monkeypatch, tmp_path):
    monkeypatch.setenv("REPORTX_JOBS", "many")
    for args in (["run", str(REPORTS[0].parent), "--out", str(tmp_path)], ["extract", str(REPORTS[0])]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "REPORTX_JOBS" in result.output, result.output


def test_extract_with_two_processes_prints_the_same_records_in_the_same_order():
    files = [str(p) for p in REPORTS]
    one = runner.invoke(app, ["extract", "-j", "1", *files])
    two = runner.invoke(app, ["extract", "-j", "2", *files])
    assert one.exit_code == 0 and two.exit_code == 0, (one.output[-500:], two.output[-500:])
    assert one.stdout == two.stdout and one.stdout.count("\n") > 100


def test_pool_returns_results_in_input_order_and_reports_failures_per_document(nlp):
    from extract.document import Document
    from extract.extractors import create
    from extract.process import extract_document

    docs = [read_document(p) for p in REPORTS]
    bad = Document(text=12345, source="bad.txt")  # a document the pipeline cannot take
    pool = ExtractionPool(2, None)
    try:
        out = list(pool.imap([docs[0], bad, docs[1]]))
    finally:
        pool.close()
    assert [d.source for d, _ in out] == [docs[0].source, "bad.txt", docs[1].source]
    assert isinstance(out[1][1], BaseException)
    expected = extract_document(docs[1], create(), nlp).records
    assert [r.id for r in out[2][1].records] == [r.id for r in expected]


def _use_the_shared_pool():
    from extract.document import Document
    from extract.parallel import shared_pool

    ((_, result),) = list(shared_pool(1).imap([Document(text="2023年7月，推想科技宣布完成数亿元B轮融资。", source="x")]))
    assert result.records


@pytest.mark.slow
def test_a_child_process_that_used_the_shared_pool_exits_when_it_is_done():
    """A served flow run or a Dask worker is a multiprocessing child: it must not hang at exit
    on its pool (it did, holding its workers and their pipelines after the run)."""
    import multiprocessing

    child = multiprocessing.get_context("spawn").Process(target=_use_the_shared_pool)
    child.start()
    child.join(120)
    alive = child.is_alive()
    if alive:
        child.kill()
    assert not alive, "the child process hung at exit"
    assert child.exitcode == 0

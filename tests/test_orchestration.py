"""Orchestration: run reports, one publisher at a time, Dask scale-out (served deployments: test_serve.py)."""

import shutil
import threading
import time

import httpx
import pytest

from extract.records import RECORD_MODELS

from extract import dataset

from .conftest import FIXTURES

REPORT = next((FIXTURES / "reports").glob("001_*.txt"))


def _inbox(tmp_path, bad=False):
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(REPORT, inbox / REPORT.name)
    (inbox / "b.txt").write_text("2023年7月，推想科技宣布完成数亿元B轮融资，由高瓴资本领投。\n", encoding="utf-8")
    if bad:
        (inbox / "empty.txt").write_bytes(b"")
    return inbox


def test_run_report_artifact_and_honest_partial_state(prefect_harness, tmp_path):
    from flows.ingest import ingest_reports

    state = ingest_reports(str(_inbox(tmp_path, bad=True)), str(tmp_path / "data"), return_state=True)
    assert state.is_completed() and state.name == "PartiallyCompleted"
    assert "1 quarantined" in state.message
    summary = state.result()
    assert summary.published.version == "v0001"

    from prefect.settings import PREFECT_API_URL

    artifact = httpx.get(f"{PREFECT_API_URL.value()}/artifacts/{summary.report_artifact}", timeout=10).json()
    assert artifact["key"] == "ingest-run-report"
    md = artifact["data"]
    assert "| quarantined | 1 |" in md and "| new dataset version | `v0001`" in md and "empty.txt" in md


def test_one_publisher_at_a_time(tmp_path):
    out = tmp_path / "data"
    holder_ready = threading.Event()
    release = threading.Event()

    def hold():
        with dataset.PublishLock(out):
            holder_ready.set()
            release.wait(5)

    t = threading.Thread(target=hold)
    t.start()
    holder_ready.wait(5)
    with pytest.raises(dataset.DatasetError, match="is publishing; gave up after 0.3s"):
        with dataset.PublishLock(out, timeout=0.3):
            pass
    release.set()
    t.join()
    with dataset.PublishLock(out, timeout=1):  # free again
        pass


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_dataset(prefect_harness, tmp_path):
    from flows.ingest import run_ingest

    inbox = _inbox(tmp_path)
    single = run_ingest(str(inbox), str(tmp_path / "one"))
    dask = run_ingest(str(inbox), str(tmp_path / "two"), workers=2)
    for kind in RECORD_MODELS:
        a = dataset.open_dataset(tmp_path / "one").rows(kind)
        b = dataset.open_dataset(tmp_path / "two").rows(kind)
        assert a == b, kind
    assert dataset.open_dataset(tmp_path / "two").inputs.keys() == dataset.open_dataset(tmp_path / "one").inputs.keys()


def test_a_document_that_breaks_extraction_is_quarantined_not_fatal(prefect_harness, tmp_path, monkeypatch):
    import extract.process as process
    from flows.ingest import ingest_reports

    original = process.extract_document

    def fragile(doc, extractors=None, nlp=None):
        if "爆炸" in doc.text:
            raise RuntimeError("simulated pipeline bug")
        return original(doc, extractors, nlp)

    monkeypatch.setattr(process, "extract_document", fragile)
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "ok.txt").write_text("2023年7月，推想科技宣布完成数亿元B轮融资，由高瓴资本领投。\n", encoding="utf-8")
    # a text no earlier run has cached (the extraction cache outlives test runs in PREFECT_HOME)
    (inbox / "bad.txt").write_text(f"这份报告会让流水线爆炸。{tmp_path.name}{time.time_ns()}\n", encoding="utf-8")
    # jobs=1: the patched function lives in this process (a worker process raising goes the same way)
    state = ingest_reports(str(inbox), str(tmp_path / "data"), jobs=1, return_state=True)
    summary = state.result()
    assert state.name == "PartiallyCompleted"
    outcomes = {o.source.rsplit("/", 1)[-1]: o for o in summary.outcomes}
    assert outcomes["bad.txt"].state == "quarantined" and "simulated pipeline bug" in outcomes["bad.txt"].reason
    assert outcomes["ok.txt"].state == "published"
    ds = dataset.open_dataset(tmp_path / "data")
    assert len(ds.inputs) == 1 and [r.company for r in ds.records("funding_round")] == ["推想科技"]

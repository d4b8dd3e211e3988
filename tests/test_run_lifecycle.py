"""`reportx run` from the outside, as a user or a scheduler meets it: mistakes are one-line errors
before any work, the first run in a fresh Prefect home works and says what it is doing, each
quarantined file is reported once, and whatever a run starts stops when the run stops."""

import os
import signal
import subprocess
import time

import psutil
import pytest
from typer.testing import CliRunner

from extract.cli import app

from .conftest import FIXTURES, REPORTX, reportx

REPORT = next((FIXTURES / "reports").glob("001_*.txt"))


def _no_traceback(text: str) -> None:
    assert "Traceback" not in text and "╭" not in text, text[-3000:]


# --- errors before work (in-process: they never reach Prefect) ------------------------------------


def _one_report_inbox(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text("2023年7月，推想科技宣布完成数亿元B轮融资。\n", encoding="utf-8")
    return inbox


def test_out_that_is_a_file_is_refused_before_any_work(tmp_path):
    inbox = _one_report_inbox(tmp_path)
    target = tmp_path / "data.json"
    target.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(inbox), "--out", str(target)])
    assert result.exit_code == 2
    assert f"{target}: --out is a file" in result.output
    _no_traceback(result.output)


def test_an_input_that_is_a_file_is_refused_and_points_at_extract(tmp_path):
    result = CliRunner().invoke(app, ["run", str(REPORT), "--out", str(tmp_path / "d")])
    assert result.exit_code == 2
    assert f"{REPORT}: the input is a file" in result.output and "reportx extract" in result.output
    assert not (tmp_path / "d").exists()


def test_an_empty_input_folder_says_so_and_leaves_nothing_behind(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".hidden.txt").write_text("ignored", encoding="utf-8")
    out = tmp_path / "d"
    result = CliRunner().invoke(app, ["run", str(empty), "--out", str(out)])
    assert result.exit_code == 1
    assert f"{empty}: no report files" in result.output
    assert not out.exists()  # no dataset folder, no stale .lock


def test_a_prefect_home_that_cannot_be_created_fails_at_once(tmp_path):
    inbox = _one_report_inbox(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    env = {**os.environ, "PREFECT_HOME": str(blocker / "home")}
    env.pop("PREFECT_API_URL", None)
    t0 = time.monotonic()
    res = reportx("run", inbox, "--out", tmp_path / "d", env=env, timeout=120)
    assert res.returncode == 2, res.stderr
    assert f"PREFECT_HOME {blocker / 'home'} cannot be used" in res.stderr
    assert time.monotonic() - t0 < 60  # no stall waiting for a server that cannot start
    _no_traceback(res.stdout + res.stderr)


def test_a_rerun_with_nothing_to_extract_starts_no_prefect(tmp_path, monkeypatch):
    """The usual scheduled rerun: every file unchanged. It is settled without the flow (no server
    start), prints the run's summary and quarantines, and exits as the flow's run would."""
    import flows.ingest
    from extract.extractors import create
    from extract.runner import RunBook, extract_one, load, new_state, publish_state

    inbox = _one_report_inbox(tmp_path)
    out = tmp_path / "d"
    book = RunBook(new_state(out, create()))
    path = inbox / "a.txt"
    book.admit(path, load(path, inbox))
    book.plan(1)
    for work in book.work:
        book.collect(work, extract_one(work.doc, None, book.state.fingerprint))
    book.close()
    publish_state(out, book.state, create(), [])

    def no_flow(*args, **kwargs):
        raise AssertionError("the flow ran for a rerun with nothing to extract")

    monkeypatch.setattr(flows.ingest, "run_ingest", no_flow)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    result = CliRunner().invoke(app, ["run", str(inbox), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 files: 0 new, 1 skipped" in result.output and "Prefect was not started" in result.output
    (inbox / "broken.txt").write_bytes(b"\x00\x01binary")
    result = CliRunner().invoke(app, ["run", str(inbox), "--out", str(out)])
    assert result.exit_code == 3, result.output  # done, with a quarantined file, as a flow run says it
    assert result.output.count("broken.txt") == 1 and "Prefect was not started" in result.output
    assert not (tmp_path / "prefect").exists()  # no server, no database prepared
    _no_traceback(result.output)


# --- real runs in subprocesses --------------------------------------------------------------------


@pytest.mark.slow
def test_first_run_in_a_fresh_prefect_home_works_and_reports_each_quarantine_once(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / REPORT.name).write_bytes(REPORT.read_bytes())
    (inbox / "broken.txt").write_bytes(b"\x00\x01binary")
    home = tmp_path / "missing" / "parent" / "prefect"  # not even its parent exists yet
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "REPORTX_JOBS": "1"}
    env.pop("PREFECT_API_URL", None)
    res = reportx("run", inbox, "--out", tmp_path / "data", env=env, timeout=600)
    out = res.stdout + res.stderr
    assert res.returncode == 3, out[-3000:]  # published, with a quarantined file
    assert "preparing Prefect's database" in out and "first run only" in out
    assert out.count("broken.txt") == 1, out  # once, not once per logger
    assert "1 new" in res.stdout and "published v0001" in res.stdout
    _no_traceback(out)
    again = reportx("run", inbox, "--out", tmp_path / "data", env=env, timeout=600)
    assert again.returncode == 3 and "preparing Prefect's database" not in again.stdout + again.stderr
    assert "Prefect was not started" in again.stdout and (again.stdout + again.stderr).count("broken.txt") == 1


def _children_at_checkpoint(proc, marker, timeout=300):
    deadline = time.monotonic() + timeout
    while not marker.exists():
        assert proc.poll() is None, f"the run ended early: {proc.stderr.read()[-2000:]}"
        assert time.monotonic() < deadline, "checkpoint never reached"
        time.sleep(0.2)
    return psutil.Process(proc.pid).children(recursive=True)


def _alive(processes, within):
    deadline = time.monotonic() + within
    while True:
        alive = [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        if not alive or time.monotonic() > deadline:
            return [" ".join(p.cmdline())[:120] for p in alive]
        time.sleep(0.5)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signalled_run_stops_everything_it_started(tmp_path, run_env, sig):
    inbox = tmp_path / "in"
    inbox.mkdir()
    # a text no earlier run of the session has extracted (a cached extraction never reaches the pause)
    (inbox / "a.txt").write_text(f"2023年7月，推想科技宣布完成数亿元B轮融资，由高瓴资本领投。{time.time_ns()}\n", encoding="utf-8")
    marker = tmp_path / "paused"
    proc = subprocess.Popen([REPORTX, "run", str(inbox), "--out", str(tmp_path / "data")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env=run_env(REPORTX_FAULT_PAUSE="extraction", REPORTX_FAULT_MARKER=str(marker), REPORTX_JOBS="2"))
    try:
        started = _children_at_checkpoint(proc, marker)
        assert any("flows.server" in " ".join(p.cmdline()) for p in started), "no Prefect server was started by the run"
        proc.send_signal(sig)
        stdout, stderr = proc.communicate(timeout=30)
        assert proc.returncode == 128 + sig, stderr[-2000:]
        assert f"stopped by {signal.Signals(sig).name}" in stderr
        assert _alive(started, 10) == []
        assert not (tmp_path / "data" / "latest").exists()
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

"""SIGKILL at several points of a real run: `latest` stays a complete, valid version, nothing the
run started (its Prefect server, its extraction workers) outlives it by more than 15 s, and the
next run finishes the work without losing or duplicating anything."""

import contextlib
import os
import shutil
import signal
import subprocess
import time

import psutil
import pytest


from extract import dataset

from .conftest import REPORTX, reportx

A = "2021年6月，上海市卫健委发布《上海市“便捷就医服务”数字化转型工作方案》。\n"
B = "2023年7月，推想科技宣布完成数亿元B轮融资，由高瓴资本领投，红杉中国跟投。\n"
C = "2023年5月，深睿医疗的胸部CT骨折智能辅助诊断软件获得国家药监局颁发的三类医疗器械注册证。\n"
pytestmark = pytest.mark.slow


def _alive_after(processes, seconds):
    """The command lines of ``processes`` still running (not zombies) after up to ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        alive = []
        for p in processes:
            try:
                if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                    alive.append(" ".join(p.cmdline())[:120])
            except psutil.NoSuchProcess:
                pass
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.5)


def _run(inbox, out, env, timeout=300):
    return reportx("run", inbox, "--out", out, env=env, timeout=timeout)


@pytest.fixture(scope="module")
def first_version(tmp_path_factory, run_env):
    """A dataset whose v0001 holds report A, published by a real run (made once, copied per test)."""
    base = tmp_path_factory.mktemp("first")
    inbox, out = base / "in", base / "data"
    inbox.mkdir()
    (inbox / "a.txt").write_text(A, encoding="utf-8")
    first = _run(inbox, out, run_env())
    assert first.returncode == 0, first.stderr[-2000:]
    assert dataset.latest(out) == "v0001"
    return base


@pytest.mark.parametrize("point", ["extraction", "staging", "before_latest"])
def test_sigkill_leaves_latest_valid_and_the_next_run_completes(tmp_path, point, first_version, run_env):
    inbox, out = tmp_path / "in", tmp_path / "data"
    shutil.copytree(first_version / "in", inbox)
    shutil.copytree(first_version / "data", out, symlinks=True)
    dataset.verify(out / "v0001")
    # texts no earlier run of the session has extracted: a cached extraction never reaches the pause
    (inbox / "b.txt").write_text(B + f"{point} {time.time_ns()}\n", encoding="utf-8")
    (inbox / "c.txt").write_text(C + f"{point} {time.time_ns()}\n", encoding="utf-8")

    marker = tmp_path / "paused"
    proc = subprocess.Popen([REPORTX, "run", str(inbox), "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=run_env(REPORTX_FAULT_PAUSE=point, REPORTX_FAULT_MARKER=str(marker)),
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not marker.exists():
            assert proc.poll() is None, f"the run ended before reaching the checkpoint: {proc.stderr.read()[-2000:]}"
            assert time.monotonic() < deadline, "checkpoint never reached"
            time.sleep(0.2)
        started = psutil.Process(proc.pid).children(recursive=True)  # its Prefect server, pool workers
        assert started, "the run started no process"
        # the run alone, as a scheduler's timeout or the OOM killer would: what it started notices
        proc.kill()
        proc.wait(30)
        alive = _alive_after(started, 15)
        assert not alive, f"still running 15 s after the run was killed: {alive}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)

    # after the crash: `latest` still names the complete first version
    assert dataset.latest(out) == "v0001"
    dataset.verify(out / "v0001")
    assert len(dataset.open_dataset(out).inputs) == 1

    # the next run finishes the work; every document and record is there exactly once
    again = _run(inbox, out, run_env())
    assert again.returncode == 0, again.stderr[-2000:]
    ds = dataset.open_dataset(out)
    dataset.verify(ds.path)
    assert len(ds.inputs) == 3
    ids = [r.id for r in ds.records()]
    assert len(ids) == len(set(ids)) and {r.kind for r in ds.records()} >= {"policy", "funding_round", "certified_product"}
    assert not list(out.glob(".staging-*"))

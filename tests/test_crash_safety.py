"""SIGKILL at several points of a real run: `latest` stays a complete, valid version and the
next run finishes the work without losing or duplicating anything."""

import os
import shutil
import signal
import subprocess
import time

import pytest


from extract import dataset

from .conftest import ROOT

A = "2021年6月，上海市卫健委发布《上海市“便捷就医服务”数字化转型工作方案》。\n"
B = "2023年7月，推想科技宣布完成数亿元B轮融资，由高瓴资本领投，红杉中国跟投。\n"
C = "2023年5月，深睿医疗的胸部CT骨折智能辅助诊断软件获得国家药监局颁发的三类医疗器械注册证。\n"
REPORTX = str(ROOT / ".venv" / "bin" / "reportx") if (ROOT / ".venv" / "bin" / "reportx").exists() else "reportx"


def _env(tmp_path, **extra):
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_LOGGING_LEVEL": "WARNING", **extra}
    env.pop("PREFECT_API_URL", None)
    return env


def _run(inbox, out, env, timeout=180):
    return subprocess.run([REPORTX, "run", str(inbox), "--out", str(out)], env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def first_version(tmp_path_factory):
    """A dataset whose v0001 holds report A, published by a real run (made once, copied per test)."""
    base = tmp_path_factory.mktemp("first")
    inbox, out = base / "in", base / "data"
    inbox.mkdir()
    (inbox / "a.txt").write_text(A, encoding="utf-8")
    first = _run(inbox, out, _env(base))
    assert first.returncode == 0, first.stderr[-2000:]
    assert dataset.latest(out) == "v0001"
    return base


@pytest.mark.parametrize("point", ["extraction", "staging", "before_latest"])
def test_sigkill_leaves_latest_valid_and_the_next_run_completes(tmp_path, point, first_version):
    inbox, out = tmp_path / "in", tmp_path / "data"
    shutil.copytree(first_version / "in", inbox)
    shutil.copytree(first_version / "data", out, symlinks=True)
    dataset.verify(out / "v0001")
    (inbox / "b.txt").write_text(B, encoding="utf-8")
    (inbox / "c.txt").write_text(C, encoding="utf-8")

    marker = tmp_path / "paused"
    # its own process group: the kill takes the run's temporary Prefect server and workers with it
    # (a killed run alone would leave that server behind, burning CPU for the rest of the suite)
    proc = subprocess.Popen([REPORTX, "run", str(inbox), "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=_env(tmp_path, REPORTX_FAULT_PAUSE=point, REPORTX_FAULT_MARKER=str(marker)),
                            start_new_session=True)
    deadline = time.monotonic() + 180
    while not marker.exists():
        assert proc.poll() is None, "the run ended before reaching the checkpoint"
        assert time.monotonic() < deadline, "checkpoint never reached"
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(30)

    # after the crash: `latest` still names the complete first version
    assert dataset.latest(out) == "v0001"
    dataset.verify(out / "v0001")
    assert len(dataset.open_dataset(out).inputs) == 1

    # the next run finishes the work; every document and record is there exactly once
    again = _run(inbox, out, _env(tmp_path))
    assert again.returncode == 0, again.stderr[-2000:]
    ds = dataset.open_dataset(out)
    dataset.verify(ds.path)
    assert len(ds.inputs) == 3
    ids = [r.id for r in ds.records()]
    assert len(ids) == len(set(ids)) and {r.kind for r in ds.records()} >= {"policy", "funding_round", "certified_product"}
    assert not list(out.glob(".staging-*"))

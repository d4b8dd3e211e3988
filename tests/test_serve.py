"""`python -m flows.serve --start-server` (what `make serve` runs): on a real Prefect server the
schedule fires by itself and publishes, and SIGTERM, SIGINT (Ctrl-C) and SIGKILL leave nothing
running. Every test starts the supervisor as a subprocess; the first one pays for the database
migrations of a cold PREFECT_HOME, the others reuse it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import psutil
import pytest

from extract import dataset, ledger

from .conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow

REPORT = next((FIXTURES / "reports").glob("001_*.txt"))
START_SECONDS = 240  # a cold PREFECT_HOME runs the migrations first: 20-60 s on a busy 2-core machine
PUBLISH_SECONDS = 300  # server start, first scheduled run, pkuseg load, one report
STOP_SECONDS = 10  # the promise: nothing of the service is alive 10 s after SIGINT / SIGTERM
ORPHAN_SECONDS = 15  # after SIGKILL of the supervisor: its server (and a run in flight) stop by themselves
TAG = "REPORTX_TEST_SERVE_TAG"  # in the environment of every process of one service (found even if orphaned)


@pytest.fixture(scope="module")
def prefect_home(tmp_path_factory) -> Path:
    """One Prefect home for the module: migrated by the first test, warm for the others."""
    return tmp_path_factory.mktemp("prefect-home")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


class Service:
    """One `python -m flows.serve --start-server` subprocess, in a process group of its own (a
    signal to the group is what a terminal's Ctrl-C sends)."""

    def __init__(self, home: Path, tmp_path: Path, *schedule: str, name: str = "scheduled"):
        self.home = home
        self.port = _free_port()
        self.api = f"http://127.0.0.1:{self.port}/api"
        self.inbox = tmp_path / "in"
        self.inbox.mkdir()
        shutil.copy(REPORT, self.inbox / REPORT.name)
        self.out = tmp_path / "out"
        self.log = tmp_path / "serve.log"
        self.name = name
        self.tag = uuid.uuid4().hex
        env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
               "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2", "PREFECT_RUNNER_POLL_FREQUENCY": "2",
               "PREFECT_LOGGING_LEVEL": "WARNING", "REPORTX_JOBS": "1", TAG: self.tag}
        env.pop("PREFECT_API_URL", None)
        self.cmd = [sys.executable, "-m", "flows.serve", "--start-server", "--port", str(self.port), *schedule,
                    "--name", name, "--input", str(self.inbox), "--out", str(self.out)]
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(self.cmd, env=env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        self.started = time.monotonic()

    # --- observation -------------------------------------------------------------------------

    def logs(self) -> str:
        return (f"\n--- supervisor log {self.log} ---\n{_tail(self.log)}"
                f"\n--- server log {self.home / 'reportx-serve-server.log'} ---\n"
                f"{_tail(self.home / 'reportx-serve-server.log', 20)}")

    def processes(self) -> dict[int, psutil.Process]:
        """The supervisor and everything below it, plus any process carrying this service's tag
        (a flow run started after a snapshot, an orphan)."""
        found: dict[int, psutil.Process] = {}
        try:
            root = psutil.Process(self.proc.pid)
            for p in [root, *root.children(recursive=True)]:
                found[p.pid] = p
        except psutil.NoSuchProcess:
            pass
        for p in psutil.process_iter():
            try:
                if p.pid not in found and p.environ().get(TAG) == self.tag:
                    found[p.pid] = p
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        return found

    def describe(self, procs) -> str:
        out = []
        for p in procs:
            try:
                out.append(f"  {p.pid} {p.status()} {' '.join(p.cmdline())[:150]}")
            except psutil.Error:
                out.append(f"  {p.pid} (gone)")
        return "\n".join(out)

    def wait_for(self, check, seconds: float, what: str):
        deadline = time.monotonic() + seconds
        while True:
            try:
                value = check()
            except (httpx.HTTPError, OSError, ValueError):
                value = None
            if value:
                return value
            if self.proc.poll() is not None:
                pytest.fail(f"the supervisor exited (code {self.proc.returncode}) while waiting for {what}{self.logs()}")
            if time.monotonic() > deadline:
                pytest.fail(f"timed out after {seconds:g} s waiting for {what}{self.logs()}")
            time.sleep(0.5)

    def published(self) -> str | None:
        """The published version named by OUT/latest, once its folder exists."""
        version = dataset.latest(self.out)
        return version if version and (self.out / version).is_dir() else None

    def deployment(self) -> dict | None:
        r = httpx.get(f"{self.api}/deployments/name/ingest-reports/{self.name}", timeout=5)
        return r.json() if r.status_code == 200 else None

    # --- stopping ----------------------------------------------------------------------------

    def stop(self, sig: int, to_group: bool = False) -> float:
        """Send ``sig``; assert that the supervisor exits 0 and that no process of the service is
        alive within STOP_SECONDS; return the seconds that took."""
        before = self.processes()
        assert len(before) >= 2, f"expected the supervisor and its server:\n{self.describe(before.values())}"
        t0 = time.monotonic()
        if to_group:
            os.killpg(self.proc.pid, sig)
        else:
            self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the supervisor was still running {STOP_SECONDS} s after {signal.Signals(sig).name}:\n"
                        f"{self.describe(before.values())}{self.logs()}")
        while True:
            left = [p for p in {**before, **self.processes()}.values() if _alive(p)]
            elapsed = time.monotonic() - t0
            if not left:
                break
            if elapsed > STOP_SECONDS:
                pytest.fail(f"{STOP_SECONDS} s after {signal.Signals(sig).name} these processes are alive:\n"
                            f"{self.describe(left)}\nof:\n{self.describe(before.values())}{self.logs()}")
            time.sleep(0.1)
        assert code == 0, f"exit code {code} after {signal.Signals(sig).name}{self.logs()}"
        print(f"{signal.Signals(sig).name}: {len(before)} processes gone after {elapsed:.1f} s")
        return elapsed

    def kill_all(self) -> None:
        """Cleanup whatever happened: SIGKILL every process of the service and reap the supervisor."""
        for p in self.processes().values():
            try:
                p.kill()
            except psutil.Error:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass


def _run_created_by_the_schedule(svc: Service, version: str) -> dict:
    """The flow run that published ``version`` (its id is in the dataset's ledger), once completed."""
    run_id = next(e.run for e in ledger.read(svc.out) if e.version == version and e.state == "published")

    def completed():
        run = httpx.get(f"{svc.api}/flow_runs/{run_id}", timeout=5).json()
        return run if run["state_type"] == "COMPLETED" else None

    return svc.wait_for(completed, 60, f"flow run {run_id} to complete")


def test_interval_schedule_publishes_by_itself_and_sigterm_stops_everything(prefect_home, tmp_path):
    svc = Service(prefect_home, tmp_path, "--interval", "5")
    try:
        version = svc.wait_for(svc.published, PUBLISH_SECONDS, f"a scheduled run to publish to {svc.out}")
        print(f"published {version} {time.monotonic() - svc.started:.0f} s after the start")
        dataset.verify(svc.out / version)

        dep = svc.deployment()
        assert dep["parameters"] == {"input_dir": str(svc.inbox.resolve()), "out_dir": str(svc.out.resolve())}
        assert [s["schedule"].get("interval") for s in dep["schedules"]] == [5.0]
        run = _run_created_by_the_schedule(svc, version)
        assert run["deployment_id"] == dep["id"]
        assert run["auto_scheduled"] is True, run  # made by the scheduler service, not by a hand
        states = httpx.get(f"{svc.api}/flow_run_states/", params={"flow_run_id": run["id"]}, timeout=5).json()
        names = [s["name"] for s in sorted(states, key=lambda s: s["timestamp"])]
        assert names[0] == "Scheduled" and names[-1] in ("Completed", "PartiallyCompleted"), names

        svc.stop(signal.SIGTERM)
    finally:
        svc.kill_all()


def test_cron_schedule_publishes_by_itself_and_ctrl_c_stops_everything(prefect_home, tmp_path):
    """`make serve`'s kind of schedule (cron; every minute here, so up to a minute's wait), then
    SIGINT to the supervisor's process group, as a terminal's Ctrl-C sends it (the server runs in a
    session of its own and hears of it only from the supervisor)."""
    svc = Service(prefect_home, tmp_path, "--cron", "* * * * *")
    try:
        version = svc.wait_for(svc.published, PUBLISH_SECONDS + 60, f"a scheduled run to publish to {svc.out}")
        print(f"published {version} {time.monotonic() - svc.started:.0f} s after the start")
        assert [s["schedule"].get("cron") for s in svc.deployment()["schedules"]] == ["* * * * *"]
        assert _run_created_by_the_schedule(svc, version)["auto_scheduled"] is True
        svc.stop(signal.SIGINT, to_group=True)
    finally:
        svc.kill_all()


def test_sigkill_of_the_supervisor_leaves_no_server(prefect_home, tmp_path):
    svc = Service(prefect_home, tmp_path, "--interval", "5", name="sigkill")
    try:
        svc.wait_for(svc.deployment, START_SECONDS, "the deployment to be registered")
        # best with a flow run in flight, so that its process is checked too
        svc.wait_for(lambda: any("spawn_main" in " ".join(p.cmdline()) for p in svc.processes().values() if _alive(p)),
                     120, "a flow-run process")
        before = svc.processes()
        servers = [p for p in before.values() if "_prefect-server" in p.cmdline()]
        assert len(servers) == 1, svc.describe(before.values())
        t0 = time.monotonic()
        svc.proc.kill()
        svc.proc.wait(timeout=5)
        while True:
            left = [p for p in {**before, **svc.processes()}.values() if _alive(p)]
            if not left:
                break
            if time.monotonic() - t0 > ORPHAN_SECONDS:
                pytest.fail(f"{ORPHAN_SECONDS} s after SIGKILL of the supervisor these processes are alive:\n"
                            f"{svc.describe(left)}\nserver: {servers[0].pid}{svc.logs()}")
            time.sleep(0.2)
        print(f"SIGKILL: server and {len(before) - 2} other processes gone after {time.monotonic() - t0:.1f} s")
    finally:
        svc.kill_all()


def test_a_server_that_cannot_start_is_one_clear_error(tmp_path):
    home = tmp_path / "prefect"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{tmp_path}/no-such-dir/prefect.db"}
    env.pop("PREFECT_API_URL", None)
    cmd = [sys.executable, "-m", "flows.serve", "--start-server", "--port", str(_free_port()),
           "--input", str(tmp_path), "--out", str(tmp_path / "out")]
    res = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=START_SECONDS)
    assert res.returncode == 1, res.stderr
    assert "error: the Prefect server exited during its start" in res.stderr, res.stderr
    assert "unable to open database file" in res.stderr, res.stderr  # the tail of the server's log
    assert not (tmp_path / "out").exists()


def test_without_start_server_prefect_api_url_is_required(tmp_path):
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    res = subprocess.run([sys.executable, "-m", "flows.serve", "--input", str(tmp_path), "--out", str(tmp_path / "out")],
                         env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 2, res.stderr
    assert "PREFECT_API_URL is not set" in res.stderr and "--start-server" in res.stderr, res.stderr

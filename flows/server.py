"""The Prefect API server a run talks to, started and stopped by the run itself.

Without ``PREFECT_API_URL`` Prefect would start its own temporary server on first use, with a fixed
20 s start-up limit, inherited stdout, and no way to stop it when the run is killed. Two things
went wrong with that on a fresh 2-core machine: a cold ``PREFECT_HOME`` runs the database
migrations at the first start, which can take longer than 20 s ("Timed out while attempting to
connect to ephemeral Prefect API server"), and a ``reportx run`` killed on its own (SIGKILL, the
OOM killer) left the server running, reparented to PID 1.

``local_api_server()`` starts the same server (uvicorn serving ``prefect.server.api.server:
create_app``, UI and background services off) but:

- **it waits as long as the start takes** while the server process is alive (up to
  ``REPORTX_SERVER_START_SECONDS``, 600 by default) and says what it is waiting for: a line for the
  first start in a Prefect home ("first run: preparing Prefect's database ... (first run only)")
  and a line when a start is slow;
- **the server dies with its run**: it runs in a session of its own (a terminal's Ctrl-C reaches
  only the run, which then stops the server in order) under ``python -m flows.server``, whose
  watchdog thread stops the server when the process that started it is gone, however it ended;
- **errors come before work**: a Prefect home that cannot be created is an error at once, and a
  server that exits during its start is reported with the tail of its log
  (``PREFECT_HOME/reportx-server.log``).

``python -m flows.server --parent PID --port PORT`` is the server process itself.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from extract import settings

LOG_NAME = "reportx-server.log"


class ServerError(RuntimeError):
    """The run's Prefect server could not be started (the message says why and where to look)."""


def prefect_home() -> Path:
    """The Prefect home every entry point uses: ``PREFECT_HOME``, or Prefect's default ``~/.prefect``."""
    from prefect.settings import PREFECT_HOME

    return Path(PREFECT_HOME.value()).expanduser()


def ensure_prefect_home() -> Path:
    """Create the Prefect home (parents too) or fail at once, naming the folder and the reason."""
    home = prefect_home()
    try:
        home.mkdir(parents=True, exist_ok=True)
        probe = home / f".reportx-write-test-{os.getpid()}"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise ServerError(f"PREFECT_HOME {home} cannot be used: {exc.strerror or exc}") from None
    return home


def _database_file() -> Path | None:
    """The SQLite file of Prefect's database, or None when it is another database."""
    from prefect.settings import PREFECT_API_DATABASE_CONNECTION_URL

    url = PREFECT_API_DATABASE_CONNECTION_URL.value() or ""
    prefix = "sqlite+aiosqlite:///"
    if not url.startswith(prefix):
        return None
    return Path(url[len(prefix):])


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def healthy(api_url: str) -> bool:
    """``GET {api_url}/health`` answers 200. Straight to 127.0.0.1: a proxy set in the environment
    (HTTP_PROXY without a NO_PROXY for localhost) must not turn a running server into a timeout."""
    try:
        with _NO_PROXY.open(f"{api_url}/health", timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.strip().splitlines()[-lines:])


class LocalServer:
    """One Prefect API server process on 127.0.0.1 owned by this process (see the module doc)."""

    def __init__(self, say: Callable[[str], None] | None = None, start_seconds: float | None = None):
        self.say = say or (lambda msg: print(msg, file=sys.stderr, flush=True))
        if start_seconds is None:
            try:
                start_seconds = settings.current().server_start_seconds
            except settings.SettingsError as exc:
                raise ServerError(str(exc)) from None
        self.start_seconds = start_seconds
        self.process: subprocess.Popen | None = None
        self.port: int | None = None
        self.log_path: Path | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> str:
        home = ensure_prefect_home()
        self.log_path = home / LOG_NAME
        db = _database_file()
        if db is not None and (not db.exists() or db.stat().st_size == 0):
            self.say(f"first run: preparing Prefect's database in {db.parent} (first run only; can take a minute)")
        for attempt in range(3):  # a port taken between choosing and binding: choose again
            self.port = _free_port()
            with open(self.log_path, "ab") as log:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "flows.server", "--parent", str(os.getpid()), "--port", str(self.port)],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                    env={**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
                         "PREFECT__SERVER_FINAL": "1", "PYTHONPATH": _pythonpath()},
                )
            if self._wait_ready():
                return self.api_url
            code = self.process.returncode
            if code != 3:  # uvicorn's exit code for an address in use
                break
        self.stop()
        tail = _tail(self.log_path)
        raise ServerError(f"the Prefect server did not start (exit code {code}); log {self.log_path}"
                          + (f":\n{tail}" if tail else ""))

    def _wait_ready(self) -> bool:
        assert self.process is not None
        started = time.monotonic()
        said = False
        while True:
            if self.process.poll() is not None:
                return False
            if healthy(self.api_url):
                return True
            waited = time.monotonic() - started
            if waited > self.start_seconds:
                self.stop()
                raise ServerError(f"the Prefect server on {self.api_url} was not ready after {self.start_seconds:g} s "
                                  f"(REPORTX_SERVER_START_SECONDS); log {self.log_path}")
            if waited > 10 and not said:
                self.say(f"waiting for the Prefect server on 127.0.0.1:{self.port} (a busy machine or a first start is slow) ...")
                said = True
            time.sleep(0.2)

    def stop(self) -> None:
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=8)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _pythonpath() -> str:
    """``flows`` must be importable by the server process wherever the run was started from."""
    root = str(Path(__file__).resolve().parents[1])
    parts = [root] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != root]
    return os.pathsep.join(parts)


@contextmanager
def local_api_server(say: Callable[[str], None] | None = None) -> Iterator[str | None]:
    """While the block runs, ``PREFECT_API_URL`` points at a server this process started, unless
    one is configured already (then nothing is started and the configured URL is used)."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    configured = PREFECT_API_URL.value()
    if configured:
        yield configured
        return
    server = LocalServer(say)
    before = os.environ.get("PREFECT_API_URL")
    try:
        url = server.start()
        os.environ["PREFECT_API_URL"] = url  # child processes (pool workers, Dask workers) inherit it
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield url
    finally:
        _drain_clients()  # logs and events still queued go out before the server stops
        if before is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = before
        server.stop()


def _drain_clients() -> None:
    """Send the log lines and events Prefect's background workers still hold (5 s at most each)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        try:
            worker.drain_all(timeout=5)
        except Exception:  # noqa: BLE001 - a failed drain must not hide why the run ended
            pass


# --- the server process -----------------------------------------------------------------------

def watch_parent(parent: int, grace: float = 10.0, poll: float = 0.5) -> None:
    """Stop this process when the process that started it is gone (SIGKILL, OOM kill, crash):
    SIGTERM to itself (uvicorn and Prefect shut down cleanly on it), then a hard exit after
    ``grace`` seconds. Run it in a daemon thread; used by every server and flow-run process that
    reportx starts (here and in flows/serve.py)."""
    while True:
        time.sleep(poll)
        if os.getppid() != parent:  # reparented: the parent is gone, however it ended
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(grace)
            os._exit(1)


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(description="A Prefect API server that exits when its parent process is gone.")
    ap.add_argument("--parent", type=int, required=True)
    ap.add_argument("--port", type=int, required=True)
    args = ap.parse_args(argv)
    if os.getppid() != args.parent:
        sys.exit(1)  # the parent died before we even started
    threading.Thread(target=watch_parent, args=(args.parent,), daemon=True, name="reportx-parent-watch").start()
    import uvicorn

    uvicorn.run("prefect.server.api.server:create_app", factory=True, host="127.0.0.1", port=args.port,
                log_level="error", lifespan="on")


if __name__ == "__main__":
    main()

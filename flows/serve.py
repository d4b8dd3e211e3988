"""Serve the ingest flow as a scheduled deployment, with its own Prefect server if asked.

    python -m flows.serve --start-server --port 4200 --input fixtures/reports --out data --cron "0 * * * *"
    PREFECT_API_URL=http://prefect.example:4200/api python -m flows.serve --input IN --out OUT --interval 3600

registers the deployment ``ingest-reports/scheduled`` (``--name``) with a cron or interval
schedule and pinned parameters (input and output folder as absolute paths) and executes its runs
until stopped. Runs can also be triggered by hand: ``prefect deployment run ingest-reports/scheduled``.

``--start-server`` (what ``make serve`` and the systemd unit use) starts ``prefect server start
--host 127.0.0.1 --port PORT`` as a child first, in a session of its own (a terminal's Ctrl-C
reaches only this supervisor, which then stops things in order), logging to
``$PREFECT_HOME/reportx-serve-server.log``, and waits for ``/api/health`` (a first start in a
Prefect home prepares its database: up to a minute on a busy machine). A server that exits or does
not come up within ``--server-timeout`` seconds is an error with the tail of its log. Without
``--start-server`` the server named by ``PREFECT_API_URL`` (environment or Prefect profile) is used.

Stopping: SIGINT (Ctrl-C) and SIGTERM (``kill``, systemd) both stop the runner gracefully
(``Runner.astop()``: in-flight runs are cancelled, the schedule is paused), then the server child
gets SIGTERM (SIGKILL after 2.5 s) and is reaped. Everything is gone within 10 s of the signal: a
runner that needs more than 5.5 s has its flow-run processes killed, and a timer kills whatever
is left and exits at 9 s. If this process is killed outright (SIGKILL, OOM killer), the server
notices within a second that its parent is gone and stops itself, and so does a flow run in
progress (see ``_watch_supervisor_from_flow_run``).

The runner takes one flow run at a time (runs on one output folder never interleave anyway; a
second run would only wait for the first one's publish lock, holding memory).

Exit status: 0 stopped by SIGINT or SIGTERM (a requested stop is a success, also for systemd's
``Restart=on-failure``); 1 the server did not start, died while serving, the runner failed, or a
stop needed the 9 s hard deadline; 2 usage error (bad arguments, no ``PREFECT_API_URL`` without
``--start-server``); 130 interrupted before a stop could be requested (should not happen).
"""

# Imports stay light at module level: this module is also the server child's entry point
# (``python -m flows.serve _prefect-server ...``) and is imported again as ``__mp_main__`` by every
# flow-run process (Prefect starts them with multiprocessing's spawn method). Prefect and the
# flow are imported only after PREFECT_API_URL is in the environment.
from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from flows.server import healthy, watch_parent

DEFAULT_CRON = "0 * * * *"  # hourly, at minute 0 (UTC unless --timezone)
SERVER_LOG = "reportx-serve-server.log"
SERVER_CHILD = "_prefect-server"  # hidden first argument: run as the server child (see _server_child)
SERVE_PID_ENV = "REPORTX_SERVE_PID"  # the supervisor's pid, for its flow-run processes

#: seconds after the stop signal: the runner's own graceful stop, the server's SIGTERM grace, and
#: the hard deadline at which everything left is killed (all under the promised 10 s)
RUNNER_STOP_SECONDS = 5.5
SERVER_STOP_SECONDS = 2.5
HARD_DEADLINE_SECONDS = 9.0


def say(msg: str) -> None:
    print(f"reportx serve: {msg}", file=sys.stderr, flush=True)


class ServeError(RuntimeError):
    """The server could not be started or reached (the message says why and where to look)."""


# --- the server child -----------------------------------------------------------------------------

class ServerProcess:
    """``prefect server start`` on 127.0.0.1 as a child of this process.

    The child is ``python -m flows.serve _prefect-server --parent PID server start ...``: Prefect's
    own CLI run in-process (the same code as the ``prefect`` script) plus a watchdog thread that
    stops the server when its parent is gone. Chosen over ``prctl(PR_SET_PDEATHSIG)`` in a
    ``preexec_fn`` because (1) ``preexec_fn`` is documented as unsafe when the parent has threads
    (Prefect's client starts some), (2) the death signal fires when the *thread* that forked the
    child exits, not the process, a trap as soon as a server is started from a worker thread or an
    executor, and (3) it is Linux-only, while ``make serve`` also runs on developers' Macs. The cost
    is a poll every 0.5 s. The extraction pool's workers watch their parent the same way.
    """

    def __init__(self, port: int, home: Path):
        self.port = port
        self.home = home
        self.log_path = home / SERVER_LOG
        self.proc: subprocess.Popen | None = None
        self._log_start = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        try:
            self.home.mkdir(parents=True, exist_ok=True)
            with open(self.log_path, "ab"):
                pass
        except OSError as exc:
            raise ServeError(f"PREFECT_HOME {self.home} cannot be used: {exc.strerror or exc}") from None
        if not _port_free(self.port):
            raise ServeError(f"port {self.port} on 127.0.0.1 is in use (another Prefect server?): choose another "
                             "with --port, or drop --start-server and point PREFECT_API_URL at that server")
        with open(self.log_path, "ab") as log:
            # the log is appended to (a restart keeps the previous session's lines); the tail shown
            # in errors starts at this session's marker
            log.write(f"\n--- reportx serve: server start by pid {os.getpid()} at "
                      f"{time.strftime('%Y-%m-%d %H:%M:%S')} ---\n".encode())
            log.flush()
            self._log_start = log.tell()
            env = {**os.environ, "PREFECT_API_URL": f"{self.url}/api"}
            try:
                self.proc = subprocess.Popen(
                    [sys.executable, "-m", "flows.serve", SERVER_CHILD, "--parent", str(os.getpid()),
                     "server", "start", "--host", "127.0.0.1", "--port", str(self.port)],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
                    start_new_session=True,  # own session and process group: Ctrl-C reaches only us
                )
            except OSError as exc:
                raise ServeError(f"cannot start the Prefect server ({sys.executable}): {exc.strerror or exc}") from None

    def wait_healthy(self, timeout: float) -> None:
        assert self.proc is not None
        say(f"waiting for the Prefect server on {self.url} (a first start prepares its database) ...")
        started = time.monotonic()
        next_note = 30.0
        while True:
            code = self.proc.poll()
            if code is not None:
                raise ServeError(f"the Prefect server exited during its start (exit code {code}); "
                                 f"log {self.log_path}{self.tail()}")
            if healthy(f"{self.url}/api"):
                say(f"Prefect server ready on {self.url} after {time.monotonic() - started:.0f} s "
                    f"(log {self.log_path})")
                return
            waited = time.monotonic() - started
            if waited > timeout:
                self.stop()
                raise ServeError(f"the Prefect server on {self.url} was not ready after {timeout:g} s "
                                 f"(--server-timeout); log {self.log_path}{self.tail()}")
            if waited > next_note:
                say(f"still waiting for the Prefect server ({waited:.0f} s) ...")
                next_note += 30.0
            time.sleep(0.5)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, grace: float = SERVER_STOP_SECONDS) -> None:
        """SIGTERM to the server's process group, SIGKILL after ``grace`` seconds; always reaped."""
        proc = self.proc
        if proc is None:
            return
        if proc.poll() is None:
            _killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                say(f"the Prefect server did not stop within {grace:g} s: killing it")
        if proc.poll() is None or _group_alive(proc.pid):
            _killpg(proc.pid, signal.SIGKILL)
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass

    def kill(self) -> None:
        if self.proc is not None:
            _killpg(self.proc.pid, signal.SIGKILL)

    def tail(self, lines: int = 15) -> str:
        try:
            with open(self.log_path, "rb") as f:
                f.seek(self._log_start)
                text = f.read().decode("utf-8", errors="replace")
        except OSError:
            return ""
        text = "\n".join(text.strip().splitlines()[-lines:])
        return f":\n{text}" if text else " (empty)"


def _server_child(argv: list[str]) -> int:
    """``python -m flows.serve _prefect-server --parent PID <prefect CLI args>``: Prefect's CLI in
    this process, stopped by a watchdog thread when the parent process is gone."""
    ap = argparse.ArgumentParser(prog=f"flows.serve {SERVER_CHILD}")
    ap.add_argument("--parent", type=int, required=True)
    args, prefect_args = ap.parse_known_args(argv)
    if os.getppid() != args.parent:
        return 1  # the parent died before we even started
    threading.Thread(target=watch_parent, args=(args.parent, 8.0), daemon=True, name="reportx-parent-watch").start()
    from prefect.cli import app

    sys.argv = ["prefect", *prefect_args]
    return app()


def _watch_supervisor_from_flow_run() -> None:
    """In a flow-run process of this supervisor: stop when the supervisor is gone.

    Prefect starts each flow run with multiprocessing's spawn method, which imports this module
    as ``__mp_main__`` in the new process; the supervisor's pid in ``REPORTX_SERVE_PID`` tells a
    direct flow-run child (watched) from anything further down (not watched: an extraction
    pool's forkserver must stay free of threads, and its workers watch their own parent).
    A SIGKILLed supervisor so leaves neither its server nor a run talking to a dead API.
    """
    parent = os.getppid()
    if os.environ.get(SERVE_PID_ENV) == str(parent):
        threading.Thread(target=watch_parent, args=(parent, 5.0), daemon=True,
                         name="reportx-supervisor-watch").start()


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _killpg(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _descendants(root: int) -> list[int]:
    """PIDs of all processes below ``root`` (Linux /proc; elsewhere none are found)."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
            ppid = int(stat.rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _kill_all_but(keep: set[int]) -> int:
    """SIGKILL every descendant of this process except ``keep``; return how many were signalled."""
    n = 0
    for pid in _descendants(os.getpid()):
        if pid in keep:
            continue
        try:
            os.kill(pid, signal.SIGKILL)
            n += 1
        except (ProcessLookupError, PermissionError):
            pass
    return n


# --- the supervisor ----------------------------------------------------------------------------

class Stop:
    """The one stop request of this process: why, with which exit code, and the hard deadline."""

    def __init__(self, server: ServerProcess | None):
        self.server = server
        self.event: asyncio.Event | None = None
        self.code = 0
        self.reason: str | None = None
        self.timer: threading.Timer | None = None
        self.at = 0.0  # time.monotonic() of the request

    def since(self) -> str:
        what = "the signal" if (self.reason or "").startswith("received") else "the stop request"
        return f"{time.monotonic() - self.at:.1f} s after {what}"

    def request(self, reason: str, code: int = 0) -> None:
        if self.reason is not None:
            say(f"{reason}: already stopping (everything is gone within 10 s of the first signal)")
            return
        self.reason, self.code = reason, code
        self.at = time.monotonic()
        say(f"{reason}: stopping the runner{', then the server' if self.server is not None else ''} ...")
        # the promise that nothing outlives the signal by 10 s does not depend on Prefect's shutdown
        self.timer = threading.Timer(HARD_DEADLINE_SECONDS, self._hard_exit)
        self.timer.daemon = True
        self.timer.start()
        if self.event is not None:
            self.event.set()

    @property
    def requested(self) -> bool:
        return self.reason is not None

    def _hard_exit(self) -> None:
        say(f"not stopped {HARD_DEADLINE_SECONDS:g} s after the signal: killing what is left")
        if self.server is not None:
            self.server.kill()
        _kill_all_but(set())
        os._exit(self.code or 1)

    def disarm(self) -> None:
        if self.timer is not None:
            self.timer.cancel()


async def _serve(args: argparse.Namespace, parameters: dict, stop: Stop) -> int:
    """Register the deployment and run its flow runs until ``stop`` is requested; 0 on a requested
    stop, 1 when the runner could not run."""
    from prefect.runner import Runner

    from flows.ingest import ingest_reports

    loop = asyncio.get_running_loop()
    stop.event = asyncio.Event()
    if stop.requested:  # a signal arrived while the server was starting
        return stop.code

    def on_signal(sig: int) -> None:
        stop.request(f"received {signal.Signals(sig).name}", 0)

    class SupervisedRunner(Runner):
        def handle_sigterm(self, *_args, **_kwargs) -> None:
            # Prefect installs this with signal.signal(SIGTERM) in start(); its version calls the
            # sync stop(), which inside a running event loop only creates the astop() coroutine
            # ("coroutine 'Runner.astop' was never awaited") and then sys.exit()s from the handler.
            # Here the signal only requests the stop; _serve awaits astop() on the loop.
            loop.call_soon_threadsafe(on_signal, signal.SIGTERM)

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, on_signal, sig)

    runner = SupervisedRunner(name=args.name, limit=1)
    schedule_kw = _schedule(args)
    try:
        deployment_id = await runner.aadd_flow(
            ingest_reports, name=args.name, parameters=parameters, paused=False,
            description="Ingest new reports and publish a dataset version", **schedule_kw)
        missed = await _drop_missed_runs(deployment_id)
    except Exception as exc:  # noqa: BLE001 - one clear line, not a traceback
        say(f"could not register the deployment on {os.environ.get('PREFECT_API_URL')}: {exc!r}")
        return 1
    if missed:
        say(f"dropped {missed} scheduled run(s) missed while the service was down "
            "(the next run picks up everything new)")
    if stop.requested:
        return stop.code

    start_task = asyncio.create_task(runner.start(), name="prefect-runner")
    await asyncio.sleep(0)  # start() has run up to its first await: it installed its SIGTERM handler
    for sig in (signal.SIGINT, signal.SIGTERM):  # take SIGTERM back onto the loop (wakes it at once)
        loop.add_signal_handler(sig, on_signal, sig)
    when = f"cron {args.cron!r}" if args.cron else f"every {args.interval:g} s"
    if args.timezone:
        when += f" ({args.timezone})"
    say(f"serving deployment 'ingest-reports/{args.name}' ({when}): {parameters['input_dir']} -> "
        f"{parameters['out_dir']}; API {os.environ.get('PREFECT_API_URL')}; Ctrl-C or SIGTERM stops")
    say(f"a run now: prefect deployment run 'ingest-reports/{args.name}'")

    watch = asyncio.create_task(_watch_server(stop)) if stop.server is not None else None
    stopped = asyncio.create_task(stop.event.wait())
    await asyncio.wait({start_task, stopped}, return_when=asyncio.FIRST_COMPLETED)
    if watch is not None:
        watch.cancel()
    if start_task.done() and not stop.requested:
        exc = start_task.exception()
        say(f"the runner stopped by itself: {exc!r}" if exc else "the runner stopped by itself")
        stopped.cancel()
        return 1
    stopped.cancel()

    keep = {stop.server.proc.pid} if stop.server is not None and stop.server.proc is not None else set()
    if stop.code == 0 and runner.started:
        try:
            await asyncio.wait_for(_stop_runner(runner, start_task), RUNNER_STOP_SECONDS)
        except asyncio.TimeoutError:
            n = _kill_all_but(keep)
            say(f"the runner did not stop within {RUNNER_STOP_SECONDS:g} s: killed {n} flow-run process(es)")
        except Exception as exc:  # noqa: BLE001
            say(f"error while stopping the runner: {exc!r}")
        else:
            say(f"runner stopped {stop.since()}")
    else:  # the server is gone (no API to report to) or the runner had not started yet
        start_task.cancel()
        await asyncio.wait({start_task}, timeout=2)
        _kill_all_but(keep)
    return stop.code


async def _drop_missed_runs(deployment_id) -> int:
    """Delete the deployment's auto-scheduled runs that were due before now and never started.

    Registering the deployment replaces its future scheduled runs, but Prefect keeps the past-due
    ones (missed while the service was stopped: paused on shutdown, or down) with the parameters
    of their time, and the runner would work through all of them on start, with an old
    ``--out`` even. One ingest run processes everything new, so the next scheduled run stands
    in for all of them.
    """
    import datetime

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        FlowRunFilter, FlowRunFilterDeploymentId, FlowRunFilterExpectedStartTime, FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import FlowRunSort

    now = datetime.datetime.now(datetime.timezone.utc)
    dropped = 0
    due = FlowRunFilter(deployment_id=FlowRunFilterDeploymentId(any_=[deployment_id]),
                        state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED])),
                        expected_start_time=FlowRunFilterExpectedStartTime(before_=now))
    async with get_client() as client:
        for _page in range(100):
            # sort given: the 3.8 client sends sort=null by default, which the 3.8 server rejects (422)
            runs = [r for r in await client.read_flow_runs(flow_run_filter=due, sort=FlowRunSort.EXPECTED_START_TIME_ASC,
                                                           limit=200)
                    if r.auto_scheduled and not r.run_count]
            if not runs:
                break
            for run in runs:
                await client.delete_flow_run(run.id)
                dropped += 1
    return dropped


async def _stop_runner(runner, start_task: asyncio.Task) -> None:
    """``astop()`` cancels the in-flight runs and ends the polling loops; ``start()`` then leaves
    the runner's context (pauses the schedule, closes the client)."""
    await runner.astop()
    try:
        await start_task
    except asyncio.CancelledError:
        pass


async def _watch_server(stop: Stop) -> None:
    """A server that dies while serving ends the service (exit 1, so a supervisor restarts it)
    instead of leaving the runner retrying a dead address."""
    server = stop.server
    assert server is not None
    while server.alive():
        await asyncio.sleep(1.0)
    say(f"the Prefect server exited (code {server.proc.returncode}) while serving; log {server.log_path}"
        f"{server.tail()}")
    stop.request("the server is gone", 1)


def _schedule(args: argparse.Namespace) -> dict:
    if args.timezone:
        from prefect.schedules import Cron, Interval

        return {"schedule": Cron(args.cron, timezone=args.timezone) if args.cron
                else Interval(args.interval, timezone=args.timezone)}
    return {"cron": args.cron} if args.cron else {"interval": args.interval}


def _prefect_home() -> Path:
    """PREFECT_HOME as the server child will see it (Prefect's default is ~/.prefect). Read from
    the environment, not Prefect's settings: importing those here, before PREFECT_API_URL is set,
    would fix this process in ephemeral mode (no scheduling)."""
    return Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser().resolve()


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m flows.serve", description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", default="fixtures/reports", help="folder the runs read reports from")
    ap.add_argument("--out", default="data", help="dataset folder the runs publish to")
    when = ap.add_mutually_exclusive_group()
    when.add_argument("--cron", help=f"cron schedule (default {DEFAULT_CRON!r})")
    when.add_argument("--interval", type=float, help="run every SECONDS instead of a cron schedule")
    ap.add_argument("--timezone", help="IANA time zone of the schedule, e.g. Asia/Shanghai (default UTC)")
    ap.add_argument("--name", default="scheduled", help="deployment name (default 'scheduled')")
    ap.add_argument("--start-server", action="store_true",
                    help="start `prefect server start` on 127.0.0.1:PORT as a child (else use PREFECT_API_URL)")
    ap.add_argument("--port", type=int, default=4200, help="port of the started server (default 4200)")
    ap.add_argument("--server-timeout", type=float, default=300.0,
                    help="seconds to wait for the server to answer /api/health (default 300)")
    return ap


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == SERVER_CHILD:
        return _server_child(argv[1:])
    ap = _parser()
    args = ap.parse_args(argv)
    if args.interval is not None and args.interval <= 0:
        ap.error("--interval must be a positive number of seconds")
    if args.cron is None and args.interval is None:
        args.cron = DEFAULT_CRON
    parameters = {"input_dir": str(Path(args.input).resolve()), "out_dir": str(Path(args.out).resolve())}

    os.environ[SERVE_PID_ENV] = str(os.getpid())
    server = ServerProcess(args.port, _prefect_home()) if args.start_server else None
    stop = Stop(server)

    def early_signal(signum, _frame):  # before the event loop runs: stop in order all the same
        stop.request(f"received {signal.Signals(signum).name}", 0)
        raise KeyboardInterrupt

    handled = (signal.SIGINT, signal.SIGTERM)
    for sig in handled:
        signal.signal(sig, early_signal)
    code = 1
    try:
        if server is not None:
            if os.environ.get("PREFECT_API_URL"):
                say(f"--start-server: PREFECT_API_URL={os.environ['PREFECT_API_URL']} is ignored")
            server.start()
            os.environ["PREFECT_API_URL"] = f"{server.url}/api"
            server.wait_healthy(args.server_timeout)
        else:
            url = os.environ.get("PREFECT_API_URL") or _profile_api_url()
            if not url:
                ap.error("PREFECT_API_URL is not set: use --start-server (`make serve` does), or point "
                         "PREFECT_API_URL at a running Prefect server (e.g. http://127.0.0.1:4200/api)")
            os.environ["PREFECT_API_URL"] = url
            base = url.rstrip("/").removesuffix("/api")
            if not healthy(f"{base}/api"):
                raise ServeError(f"the Prefect server at PREFECT_API_URL={url} does not answer {base}/api/health")
        # early_signal stays in place until _serve has the loop's handlers installed
        code = asyncio.run(_serve(args, parameters, stop))
    except KeyboardInterrupt:
        code = stop.code if stop.requested else 130
    except ServeError as exc:
        say(f"error: {exc}")
        code = 1
    finally:
        for sig in handled:  # from here on a further signal only says that we are stopping already
            signal.signal(sig, lambda signum, _frame: stop.request(f"received {signal.Signals(signum).name}", 0))
        if server is not None:
            server.stop()
        _kill_all_but(set())  # nothing of this service outlives it (flow runs left by a failed stop)
        stop.disarm()
    if stop.requested:
        say(f"stopped ({stop.reason}) {stop.since()}; exit code {code}")
    return code


def _profile_api_url() -> str | None:
    """PREFECT_API_URL from the active Prefect profile (``prefect config set PREFECT_API_URL=...``)."""
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value() or None


if __name__ == "__mp_main__":  # a flow-run process started by this supervisor's runner
    _watch_supervisor_from_flow_run()

if __name__ == "__main__":
    sys.exit(main())

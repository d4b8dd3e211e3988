"""Ingest flow: discover report files -> read -> skip what is unchanged -> extract -> publish.

Thin by design: every task calls the library, and the flow body reads like a table of contents.
Retries only where I/O is (listing, reading, opening the previous version, publishing). A file
that cannot be read is quarantined with its reason; it never fails the run. A run that finds
nothing new publishes nothing.

Caching: ``extract_records`` is cached on (document content hash, extraction fingerprint, code
version and a hash of the package's code and data); a re-run after a crash between extraction and publishing reuses the extraction
instead of repeating it (results persist under ``PREFECT_HOME``). Documents already published
under the same fingerprint are not even submitted (the dataset's own incremental check).

Cores: extraction tasks hand their documents to a pool of ``jobs`` worker processes (default:
one per core, ``REPORTX_JOBS``), each with the pipeline loaded once; the thread task runner keeps
``jobs`` tasks in flight. The pool lives as long as the process, so a long-lived process that
runs the flow again reuses its loaded workers; a run with nothing new never starts it.

Scale-out: with ``workers`` (a local Dask cluster) or ``dask_address`` (an existing cluster)
the per-document extraction tasks run on Dask workers via prefect-dask; every worker process
loads the NLP pipeline once (``get_nlp`` is cached per process) and keeps it for all the
documents it gets.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.artifacts import create_markdown_artifact
from prefect.states import Completed

from extract import __version__
from extract.dataset import DatasetError, PublishLock
from extract.document import Document
from extract.extractors import create
from extract.ingest import IngestError
from extract.ledger import record_run
from extract.parallel import default_jobs
from flows.cache import cache_dir, evict
from flows.server import local_api_server
from extract.runner import (
    Outcome, RunBook, RunState, RunSummary, code_fingerprint, discover, display_path, extract_one, load, new_state,
    progress_hook, publish_state, report_markdown, reporting_progress,
)


#: log records carrying this attribute are shown by the CLI itself (once, as plain lines); its
#: console filter drops them from Prefect's console output, while the API (the UI) still gets them
CLI_REPORTS = {"reportx_cli_reports": True}


def _extraction_key(context, parameters) -> str:
    """Cache key of an extraction: what was read (content hash), how (extraction fingerprint,
    extractor selection) and by which code (package version and a hash of its code and data)."""
    names = parameters.get("extractor_names") or []
    return f"extract:{parameters['doc'].doc_id}:{parameters['fingerprint']}:{','.join(names)}:{__version__}:{code_fingerprint()}"


@task(retries=2, retry_delay_seconds=[1, 4])
def discover_files(input_dir: str, out_dir: str | None = None) -> list[Path]:
    """Inputs in the input folder (a dataset folder inside it is not an input)."""
    pruned: list[Path] = []
    found = discover(Path(input_dir), exclude=[Path(out_dir)] if out_dir else [], pruned=pruned)
    for folder in pruned:
        get_run_logger().warning("not read: %s is a reportx dataset folder (its texts are copies, not reports)", folder,
                                 extra=CLI_REPORTS)
    return found


@task(retries=2, retry_delay_seconds=[1, 4], retry_condition_fn=lambda task, run, state: not isinstance(
    state.result(raise_on_failure=False), DatasetError))
def start_run(out_dir: str, extractor_names: list[str] | None, from_scratch: bool = False) -> RunState:
    """Open (and verify) the latest published version the run builds on."""
    return new_state(Path(out_dir), create(extractor_names), from_scratch=from_scratch)


@task(retries=2, retry_delay_seconds=[1, 4])
def read_file(path: Path, input_dir: str | None = None) -> Document | Outcome:
    """Decode one file into a Document; a file that is not a report is a quarantined Outcome (a
    result, not a failed task: it is final), OS errors fail the task and are retried."""
    try:
        return load(path, Path(input_dir) if input_dir else None)
    except IngestError as exc:
        return Outcome(display_path(path), "quarantined", exc.reason)


#: structure, segment and extract one document (records are validated before they leave); the
#: function lives in the library so Dask workers can import it by reference
extract_records = task(extract_one, name="extract_records", cache_key_fn=_extraction_key, persist_result=True)


@task(retries=2, retry_delay_seconds=[1, 4])
def publish_version(out_dir: str, state: RunState, extractor_names: list[str] | None, quarantined: list[Outcome]):
    """Write and atomically publish the new dataset version."""
    return publish_state(Path(out_dir), state, create(extractor_names), quarantined)


class StoppableThreadPoolTaskRunner(ThreadPoolTaskRunner):
    """Prefect's thread task runner, except that a flow ending in an exception (SIGTERM, SIGINT, a
    crash) does not wait for the documents still in flight: Prefect's own exit joins the task
    threads, so a stopped run would hang until every running extraction ends. (Uses the runner's
    ``_executor`` and ``_cancel_events``; prefect is pinned in requirements.lock.)"""

    def __exit__(self, exc_type, exc_value, traceback) -> None:
        if exc_type is not None and getattr(self, "_executor", None) is not None:
            for event in getattr(self, "_cancel_events", {}).values():
                event.set()
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
        super().__exit__(exc_type, exc_value, traceback)


# as many tasks in flight as there are extraction processes; Dask replaces this runner
@flow(name="ingest-reports", log_prints=False, task_runner=StoppableThreadPoolTaskRunner(max_workers=default_jobs()))
def ingest_reports(input_dir: str, out_dir: str, extractors: list[str] | None = None, lock_timeout: float = 600.0,
                   jobs: int | None = None, from_scratch: bool = False):
    """Process the new reports in ``input_dir`` and publish a new dataset version under ``out_dir``.

    Runs on one output folder never interleave: a run waits up to ``lock_timeout`` seconds for
    another run's publish to finish, then stops with a clear error. ``jobs``: extraction
    processes (default ``REPORTX_JOBS`` or one per core, at most one per new document; 1 extracts
    in the flow's own process). ``from_scratch``: publish a version of the input files only, not
    built on ``latest`` (the way out when ``latest`` fails verification).
    """
    logger = get_run_logger()
    files = discover_files(input_dir, out_dir)
    if not files:  # nothing to do: no lock taken, no output folder made
        logger.warning("no report files in %s: nothing to do", input_dir)
        return Completed(name="Completed", message=f"no report files in {input_dir}", data=RunSummary())
    _evict_cache(logger)
    extract = extract_records.with_options(result_storage=cache_dir())
    with PublishLock(Path(out_dir), timeout=lock_timeout):
        book = RunBook(start_run(out_dir, extractors, from_scratch), log=_printable(logger), tick=progress_hook())
        for path in files:
            book.admit(path, read_file(path, input_dir))
        n = book.plan(jobs)
        futures = [extract.submit(w.doc, extractors, book.state.fingerprint, n) for w in book.work]
        for work, future in zip(book.work, futures):
            book.collect(work, future.result(raise_on_failure=False))
        quarantined = book.close()
        if book.anything_to_publish:
            book.summary.published = publish_version(out_dir, book.state, extractors, quarantined)
        record_run(Path(out_dir), _run_id(), book.summary.outcomes, book.latest)
    summary = book.summary
    logger.info(summary.line())
    summary.report_artifact = str(create_markdown_artifact(key="ingest-run-report", markdown=report_markdown(summary),
                                                           description=summary.line()))
    return Completed(name="PartiallyCompleted" if book.partial else "Completed", message=summary.line(), data=summary)


def _printable(logger):
    """Lines for the user (a quarantined file): logged to Prefect and printed once by the CLI."""
    return lambda level, line: logger.log(level, "%s", line, extra=CLI_REPORTS)


def _run_id() -> str:
    """The Prefect flow run id (the ledger's run key)."""
    from prefect.runtime import flow_run

    return str(flow_run.id or "")


def _evict_cache(logger) -> None:
    """Keep the extraction cache within its limits (flows/cache.py); a failure here never fails a run."""
    try:
        gone = evict()
    except (OSError, ValueError) as exc:
        logger.warning("extraction cache not trimmed: %s", exc)
        return
    if gone.entries:
        logger.info("extraction cache: removed %d old entries (%.1f MB) from %s", gone.entries, gone.bytes / 1e6, gone.path)


def run_ingest(input_dir: str, out_dir: str, extractors: list[str] | None = None, progress=None,
               workers: int | None = None, dask_address: str | None = None, jobs: int | None = None,
               say=None, from_scratch: bool = False) -> RunSummary:
    """Run the flow: extraction in ``jobs`` local processes (default one per core), or on a Dask
    cluster when ``workers`` or ``dask_address`` is given.

    Without ``PREFECT_API_URL`` the run starts its own Prefect server and stops it when it ends,
    however it ends (flows/server.py); a local Dask cluster's workers share it. ``say(line)``
    tells the user what the start-up is waiting for (default: a line on stderr).
    """
    jobs = default_jobs() if jobs is None else jobs
    flow_ = ingest_reports.with_options(task_runner=StoppableThreadPoolTaskRunner(max_workers=jobs))
    if workers or dask_address:
        jobs = 1  # the Dask workers are the processes
        from prefect_dask import DaskTaskRunner

        runner = DaskTaskRunner(address=dask_address) if dask_address else DaskTaskRunner(
            cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
        flow_ = ingest_reports.with_options(task_runner=runner)
    with reporting_progress(progress), local_api_server(say):
        return flow_(input_dir, out_dir, extractors, jobs=jobs, from_scratch=from_scratch)

"""Extraction across cores: worker processes that each load the pipeline once.

pkuseg and spaCy hold the GIL for most of their work, so threads do not add throughput; processes
do. ``ExtractionPool`` starts ``jobs`` worker processes (forkserver: safe beside the threads of
Prefect and the CLI), each loading the spaCy pipeline and the extractors once in its
initializer, then extracting document after document. Documents go in, validated
``DocumentResult``s come back; the order of results is the order of submission, so output is
identical to a one-process run.

Memory: each worker holds one pipeline (about 0.9 GB resident with pkuseg's model); the parent
holds none. Plan ``jobs x 0.9 GB`` plus the parent for scale-out. ``imap`` keeps at most
``2 x jobs`` documents in flight, so memory stays flat however long the input is.

``REPORTX_JOBS`` sets the default number of processes (``auto``: one per core, at most one per
document; ``1``: extract in the calling process).
"""

from __future__ import annotations

import atexit
import multiprocessing
import multiprocessing.util
import os
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Iterable, Iterator

from .document import Document
from .process import DocumentResult

_WORKER: dict = {}


def default_jobs(documents: int | None = None) -> int:
    """Worker processes for ``documents`` documents: ``REPORTX_JOBS`` or one per core."""
    raw = os.environ.get("REPORTX_JOBS", "auto").strip().lower()
    if raw in ("", "auto", "0"):
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    else:
        try:
            jobs = int(raw)
        except ValueError:
            raise ValueError(f"REPORTX_JOBS must be a number or 'auto', got {raw!r}") from None
        if jobs < 1:
            raise ValueError(f"REPORTX_JOBS must be at least 1, got {jobs}")
    if documents is not None:
        jobs = min(jobs, max(documents, 1))
    return max(jobs, 1)


def _watch(parent: int) -> None:
    """Exit when the process that started the pool is gone (killed with SIGKILL, say): workers
    hold a pipeline each and must not outlive their run."""
    import time

    while True:
        time.sleep(1.0)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # pragma: no cover - the pid was reused by another user's process
            os._exit(0)


def _init(names: list[str] | None, ruler: bool, ner: bool, parent: int) -> None:
    from .extractors import create
    from .nlp.pipeline import get_nlp

    threading.Thread(target=_watch, args=(parent,), daemon=True, name="reportx-parent-watch").start()

    nlp = get_nlp(ruler=ruler, ner=ner)
    nlp.tokenizer.segmenter  # load pkuseg's model now, not inside the first document
    _WORKER["nlp"] = nlp
    _WORKER["extractors"] = create(names)


def _extract(doc: Document) -> DocumentResult:
    from .process import extract_document

    return extract_document(doc, _WORKER["extractors"], _WORKER["nlp"])


class ExtractionPool:
    """``jobs`` worker processes, each with its own pipeline and extractors."""

    def __init__(self, jobs: int, extractor_names: list[str] | None = None, *, ruler: bool = True, ner: bool = True):
        self.jobs = jobs
        self.key = (jobs, tuple(extractor_names or ()), ruler, ner)
        ctx = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
        self._executor = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init,
                                             initargs=(extractor_names, ruler, ner, os.getpid()))

    def submit(self, doc: Document) -> "Future[DocumentResult]":
        return self._executor.submit(_extract, doc)

    def imap(self, docs: Iterable[Document]) -> Iterator[tuple[Document, DocumentResult | BaseException]]:
        """(document, result or the exception it raised), in input order, ``2 x jobs`` in flight."""
        window: deque[tuple[Document, Future]] = deque()
        for doc in docs:
            window.append((doc, self.submit(doc)))
            if len(window) >= 2 * self.jobs:
                yield _done(*window.popleft())
        while window:
            yield _done(*window.popleft())

    @property
    def broken(self) -> bool:
        return bool(getattr(self._executor, "_broken", False))

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _done(doc: Document, fut: Future) -> tuple[Document, DocumentResult | BaseException]:
    try:
        return doc, fut.result()
    except BaseException as exc:  # a worker crash or a bug in an extractor: the caller quarantines
        return doc, exc


_SHARED: dict[tuple, ExtractionPool] = {}
_LOCK = threading.Lock()


def shared_pool(jobs: int, extractor_names: list[str] | None = None) -> ExtractionPool:
    """A process-wide pool, kept for the life of the process (a process that runs the flow again
    reuses its workers and their loaded pipelines); closed at exit."""
    key = (jobs, tuple(extractor_names or ()), True, True)
    with _LOCK:
        pool = _SHARED.get(key)
        if pool is not None and pool.broken:
            pool.close()  # a worker died (killed, out of memory): start fresh workers
            pool = None
        if pool is None:
            for other in list(_SHARED.values()):  # one set of workers at a time: memory is per worker
                other.close()
            _SHARED.clear()
            pool = _SHARED[key] = ExtractionPool(jobs, extractor_names)
        return pool


def close_shared() -> None:
    with _LOCK:
        for pool in _SHARED.values():
            pool.close()
        _SHARED.clear()


atexit.register(close_shared)
# A multiprocessing child (a Prefect flow run served by `flow.serve`, a Dask worker) leaves through
# multiprocessing's own exit path, which runs its finalizers but not atexit; without this its
# exit waits forever on the executor's manager thread and the process, with its workers and
# their pipelines (~0.9 GB each), outlives the run.
multiprocessing.util.Finalize(None, close_shared, exitpriority=100)

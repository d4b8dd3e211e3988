"""Extraction across cores: worker processes that share one loaded pipeline.

pkuseg and spaCy hold the GIL for most of their work, so threads do not add throughput; processes
do. ``ExtractionPool`` starts ``jobs`` worker processes with multiprocessing's forkserver (safe
beside the threads of Prefect and the CLI: the forkserver is a fresh single-threaded process),
then extracts document after document. Documents go in, validated ``DocumentResult``s come back;
the order of results is the order of submission, so output is identical to a one-process run.

One model in memory: the pool starts the forkserver with this module as a preload, and the
forkserver loads the pipeline (pkuseg's model, the NER, the gazetteer ruler) and the extractors
once, runs them over a short text so that what they build lazily is built too, and freezes the
garbage collector's view of it (``gc.freeze``). Every worker is then forked from it: the model's
pages are shared copy-on-write instead of loaded again per worker (about 0.9 GB each before).
What a worker writes to becomes its own (pkuseg's feature-index integers, touched by reference
counting; the strings spaCy interns): measured by ``benchmarks/footprint.py`` (docs/benchmarks.md).
The forkserver lives as long as the process that started the pool, holding the shared copy; the
parent process itself loads no model. A pool whose settings differ from what the forkserver
loaded (``--no-ner``, say, after a default pool in the same process) loads its own pipeline in
each worker, as before; so does every pool if the preload fails (the workers then report why).

``imap`` keeps at most ``2 x jobs`` documents in flight, so memory stays flat however long the
input is.

``REPORTX_JOBS`` sets the default number of processes (``auto``: one per core, at most one per
document; ``1``: extract in the calling process).
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import multiprocessing.util
import os
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Iterable, Iterator

from . import settings
from .document import Document
from .process import DocumentResult

_WORKER: dict = {}

#: set only while ``ExtractionPool`` starts the forkserver: the pipeline settings it preloads
_PRELOAD_ENV = "REPORTX_FORKSERVER_PRELOAD"
#: a short text that goes through every layer once before the forkserver forks workers
_WARM_TEXT = "2023年7月，推想科技宣布完成数亿元B轮融资，由红杉中国领投。国家药监局批准联影医疗的CT产品上市。"


def default_jobs(documents: int | None = None) -> int:
    """Worker processes for ``documents`` documents: setting ``jobs`` (``REPORTX_JOBS``) or one per core."""
    return settings.current().effective_jobs(documents)


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


def _preload() -> None:
    """In a forkserver started by ``ExtractionPool``: load the pipeline and the extractors once,
    for every worker it forks (see the module doc). Anywhere else: nothing. A failure here only
    means the workers load their own pipeline (and report what fails)."""
    spec = os.environ.pop(_PRELOAD_ENV, None)
    if not spec:
        return
    try:
        from .extractors import create
        from .nlp.pipeline import get_nlp
        from .process import extract_document

        ruler, ner = (part == "1" for part in spec.split(",")[:2])
        nlp = get_nlp(ruler=ruler, ner=ner)
        nlp.tokenizer.segmenter
        extract_document(Document(text=_WARM_TEXT, source="reportx-preload"), create(), nlp)
        _PRELOADED["nlp"] = nlp
    except Exception:  # noqa: BLE001 - the workers load the pipeline themselves and fail visibly
        return
    gc.collect()
    gc.freeze()  # the loaded objects move out of the collected generations: no collection in a
    # worker writes to their pages (which would copy them)
    try:  # give the heap's free pages back (about 20 MB after loading), so no worker inherits them
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _start_forkserver(ctx, ruler: bool, ner: bool) -> None:
    """Start the forkserver (if it is not running yet) preloading the pipeline with these settings."""
    if ctx.get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    with _FORKSERVER_LOCK:
        forkserver.set_forkserver_preload(["__main__", __name__])
        os.environ[_PRELOAD_ENV] = f"{int(ruler)},{int(ner)}"
        try:
            forkserver.ensure_running()  # a no-op when it runs already (with what it preloaded then)
        finally:
            os.environ.pop(_PRELOAD_ENV, None)


_FORKSERVER_LOCK = threading.Lock()
_PRELOADED: dict = {}  # in the forkserver and its workers: the pipeline loaded before the fork


def _status() -> dict:
    """In a worker: whether it runs on the forkserver's pipeline (for the tests)."""
    return {"pid": os.getpid(), "shared": _WORKER.get("nlp") is not None and _WORKER.get("nlp") is _PRELOADED.get("nlp"),
            "frozen": gc.get_freeze_count(), "preload_env": _PRELOAD_ENV in os.environ}


def _extract(doc: Document) -> DocumentResult:
    from .process import extract_document

    return extract_document(doc, _WORKER["extractors"], _WORKER["nlp"])


class ExtractionPool:
    """``jobs`` worker processes, forked from a forkserver that holds the loaded pipeline."""

    def __init__(self, jobs: int, extractor_names: list[str] | None = None, *, ruler: bool | None = None,
                 ner: bool | None = None):
        current = settings.current()  # what is left out comes from the settings, read here, not in each worker
        ruler = current.ruler if ruler is None else ruler
        ner = current.ner if ner is None else ner
        self.jobs = jobs
        self.key = (jobs, tuple(extractor_names or ()), ruler, ner)
        ctx = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
        _start_forkserver(ctx, ruler, ner)
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


_preload()  # a no-op except in the forkserver that ExtractionPool starts
atexit.register(close_shared)
# A multiprocessing child (a Prefect flow run served by `flow.serve`, a Dask worker) leaves through
# multiprocessing's own exit path, which runs its finalizers but not atexit; without this its
# exit waits forever on the executor's manager thread and the process, with its workers and
# their pipelines (~0.9 GB each), outlives the run.
multiprocessing.util.Finalize(None, close_shared, exitpriority=100)

"""The library side of a run: discover inputs, decide what is new, process it, publish.

The Prefect flow (flows/ingest.py) wraps these steps as tasks; nothing here imports Prefect.

Incremental runs: a document (identified by the sha256 of its text) already published under
the same extraction fingerprint (schema version + extractor names/versions) is skipped and its
records are carried into the new version unchanged. A document whose fingerprint differs is
extracted again (from the stored text when its file is gone). A run that extracts nothing
publishes nothing. Documents whose source files were removed are kept: a dataset accumulates
facts, and a deleted input file does not retract what was published (the catalog keeps
their sources for audit).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from . import __version__, settings
from .dataset import _next_version  # the number a retraction's version will get
from .dataset import (LATEST, Dataset, DatasetError, InputDoc, PublishLock, Published, check_latest, check_strays, finish_pending, fingerprint, latest,
                      open_dataset, publish, verify, version_folders)
from .document import Document
from .extractors import Extractor, identities
from .ingest import SUPPORTED_SUFFIXES, IngestError, read_document
from .process import DocumentResult, RejectedRecord
from .records import RecordBase


@dataclass
class Outcome:
    """What happened to one input file."""

    source: str
    state: str  # "published" | "skipped" | "quarantined"
    reason: str = ""
    doc_id: str = ""
    records: int = 0


@dataclass
class RunSummary:
    outcomes: list[Outcome] = field(default_factory=list)
    rejected: list[RejectedRecord] = field(default_factory=list)
    published: Published | None = None
    previous: str | None = None
    reextracted: int = 0  # stored documents extracted again (their extraction changed)
    kept_missing: int = 0  # documents kept although their source files are gone
    superseded: int = 0  # earlier texts of files edited in place, replaced by their new text
    report_artifact: str | None = None  # id of the run report (a Prefect markdown artifact)

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.published.counts) if self.published else {}

    def states(self) -> dict[str, int]:
        out = {"published": 0, "skipped": 0, "quarantined": 0}
        for o in self.outcomes:
            out[o.state] = out.get(o.state, 0) + 1
        return out

    def line(self) -> str:
        """One-line summary for logs and the CLI."""
        st = self.states()
        head = (f"{len(self.outcomes)} files: {st['published']} new, {st['skipped']} skipped (unchanged or duplicate), "
                f"{st['quarantined']} quarantined")
        if self.reextracted:
            head += f"; {self.reextracted} stored documents re-extracted"
        if self.superseded:
            head += f"; {self.superseded} edited files replace their earlier text"
        if self.published is None:
            return f"{head}; nothing new to publish" + (f" (latest stays {self.previous})" if self.previous else "")
        counts = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        return f"{head}; records: {counts or 'none'}; published {self.published.version} at {self.published.path}"


def is_dataset_folder(path: Path) -> bool:
    """A reportx dataset folder (a ``latest`` file, or a ``vNNNN/datapackage.json``)."""
    path = Path(path)
    if (path / LATEST).is_file():
        return True
    try:
        return any(c.name.startswith("v") and c.name[1:].isdigit() and (c / "datapackage.json").is_file()
                   for c in path.iterdir())
    except OSError:
        return False


def discover(input_dir: Path, exclude: Iterable[Path] = (), pruned: list[Path] | None = None) -> list[Path]:
    """Every input under ``input_dir`` (recursive, sorted). Left out: hidden files and folders,
    the folders in ``exclude`` (the run's own dataset folder) and any other reportx dataset folder
    (its stored texts are a dataset's copies, not reports); those folders are appended to
    ``pruned`` when given, so the caller can say so.

    Not only regular files: FIFOs, devices, sockets, broken links and links to folders are listed
    too, so that each ends quarantined with its reason (``load`` never opens them) instead of
    vanishing silently.
    """
    input_dir = Path(input_dir)
    if input_dir.exists() and not input_dir.is_dir():
        raise NotADirectoryError(f"{input_dir}: the input is a file, not a folder of reports (`reportx extract FILE` reads one file)")
    if not input_dir.is_dir():
        raise FileNotFoundError(f"{input_dir}: input folder does not exist")
    skip = [Path(p).resolve() for p in exclude]
    out = []
    for top, dirs, files in os.walk(input_dir):
        here = Path(top)
        keep = []
        for d in sorted(dirs):
            sub = here / d
            if d.startswith("."):
                continue
            if sub.is_symlink():
                out.append(sub)  # not followed: quarantined by `load` with its reason
            elif any(sub.resolve() == s or sub.absolute() == s for s in skip):
                continue
            elif is_dataset_folder(sub) or (d[:1] == "v" and d[1:].isdigit() and (sub / "datapackage.json").is_file()):
                if pruned is not None:
                    pruned.append(sub)
            else:
                keep.append(d)
        dirs[:] = keep
        out.extend(here / f for f in files if not f.startswith("."))
    return sorted(out)


def display_path(path: Path | str) -> str:
    """A path as text that can be written anywhere (JSON, the ledger, a terminal): bytes of a file
    name that are not UTF-8 are shown as ``\\xff`` escapes instead of lone surrogates."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def path_exists(shown: str, working_dir: str | None = None) -> bool:
    """Whether the file a :func:`display_path` names is there (also when its name is not UTF-8 and
    was recorded with ``\\xff`` escapes; a name holding a literal backslash-x is tried as is too).
    A relative path is tried against ``working_dir`` (where the run that recorded it started) too."""
    candidates = [shown]
    if working_dir and not os.path.isabs(shown):
        candidates.append(os.path.join(working_dir, shown))
    for path in candidates:
        if os.path.lexists(path):
            return True
        if "\\x" in path:
            raw = re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m.group(1), 16)]), path.encode("utf-8"))
            if os.path.lexists(os.fsdecode(raw)):
                return True
    return False


def load(path: Path, root: Path | None = None) -> Document:
    """Read one input; IngestError (with the file and reason) for files that cannot be reports.

    Inputs are data: a symbolic link that leads outside the input folder ``root`` is refused.
    """
    if display_path(path) != str(path):
        raise IngestError(path, "the file name is not valid UTF-8 (rename the file)")
    if root is not None and path.is_symlink():
        if not path.exists():
            raise IngestError(path, f"broken symbolic link (to {os.readlink(path)})")
        target = path.resolve()
        if not target.is_relative_to(Path(root).resolve()):
            raise IngestError(path, f"symbolic link to {target}, outside the input folder (refused)")
    if path.is_dir():
        raise IngestError(path, "a link to a folder (links to folders are not followed)")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise IngestError(path, f"unsupported file type {path.suffix or '(none)'}")
    return read_document(path)


#: a callback per finished input file (the CLI's progress bar). A context variable, not a flow
#: parameter: the flow's parameters must stay serialisable (deployments, Dask workers).
_PROGRESS: ContextVar = ContextVar("reportx_progress", default=None)


def progress_hook():
    """The progress callback of the current run, or None."""
    return _PROGRESS.get()


@contextmanager
def reporting_progress(callback):
    """Make ``callback(path)`` the progress hook while the block runs."""
    token = _PROGRESS.set(callback)
    try:
        yield
    finally:
        _PROGRESS.reset(token)


#: parts of the package that never change what a document's extraction gives: the developer
#: tools (evaluation, review page and its assets, scaffold, NER training), the CLI, the export
NOT_EXTRACTION = ("cli.py", "export.py", "devtools/")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 over the package's code and data that extraction runs (rules, gazetteers, model):
    extraction results cached under one fingerprint are reused only by the same code. An edit of
    a developer tool or the review page's CSS keeps the cache (``NOT_EXTRACTION``)."""
    return tree_digest(Path(__file__).resolve().parent)


def tree_digest(root: Path) -> str:
    """sha256 of the files under ``root`` (names and bytes) except ``NOT_EXTRACTION`` and caches."""
    import hashlib

    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if not p.is_file() or "__pycache__" in p.parts or rel.startswith(NOT_EXTRACTION):
            continue
        h.update(rel.encode("utf-8"))
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


_IN_PROCESS = threading.Lock()  # pkuseg is not thread-safe: one in-process extraction at a time


def extract_one(doc: Document, extractor_names: list[str] | None, fingerprint: str, jobs: int = 1) -> DocumentResult:
    """Extract one document (the flow's per-document task).

    With ``jobs`` > 1 the document goes to the process-wide pool of ``jobs`` worker processes
    (``extract.parallel``), so concurrent tasks use every core; otherwise it is extracted here,
    one document at a time. Defined here, importable by reference, so Dask workers unpickle the
    task without the flow module; ``fingerprint`` only keys the task cache.
    """
    from .faults import checkpoint

    checkpoint("extraction")
    if jobs > 1:
        from .parallel import shared_pool

        res = shared_pool(jobs, extractor_names).submit(doc).result()
    else:
        from .nlp.pipeline import get_nlp
        from .process import extract_document

        with _IN_PROCESS:
            res = extract_document(doc, _extractors(tuple(extractor_names or ())), get_nlp())
    if res.crashed:  # a failure, not a result: never cached, the document is quarantined and retried
        raise ExtractionFailed("; ".join(f"{r.extractor}: {r.reason}" for r in res.crashed))
    return res


class ExtractionFailed(Exception):
    """An extractor crashed on a whole document (the message names it and the error)."""

    def __reduce__(self):  # picklable across processes (Dask workers)
        return (ExtractionFailed, self.args)


@lru_cache(maxsize=8)
def _extractors(names: tuple[str, ...]) -> list[Extractor]:
    """The extractors of one selection, built once per process (they hold only their config)."""
    from .extractors import create

    return create(list(names) or None)


def previous_version(out_dir: Path, *, from_scratch: bool = False) -> Dataset | None:
    """The version the run builds on (``latest``), verified; None for a first run (or
    ``from_scratch``). A ``latest`` naming a missing or damaged version is a DatasetError saying
    what to do: a run never builds on, or silently starts over from, a version it cannot trust."""
    check_strays(out_dir)
    if from_scratch:
        return None
    name = check_latest(out_dir)
    if name is None:
        return None
    try:
        ds = open_dataset(out_dir)
        verify(ds.path, deep=False)  # every file against its sha256 in the manifest
    except DatasetError as exc:
        raise DatasetError(
            f"{out_dir}: the latest version {name} cannot be trusted: {exc}. Nothing was published. Run `reportx datasets "
            f"repair {out_dir}` (re-extracts its documents from the stored or source texts), or run again with "
            f"--from-scratch to publish a new version from the input files only") from None
    return ds


@dataclass
class RunState:
    """What a run has decided so far: documents to publish and records carried from before."""

    fingerprint: str
    previous: Dataset | None
    inputs: dict[str, InputDoc] = field(default_factory=dict)
    carried: set[str] = field(default_factory=set)  # doc_ids whose records come from ``previous``
    results: list[DocumentResult] = field(default_factory=list)
    read: dict[str, str] = field(default_factory=dict)  # source path -> doc_id of the text it holds now
    #: previous documents whose every source now holds another text: old doc_id -> {by, source}
    superseded: dict[str, dict] = field(default_factory=dict)
    restored: list[str] = field(default_factory=list)  # superseded, but their successor was quarantined
    _live: dict[str, list[str]] = field(default_factory=dict)  # kept documents -> their sources still valid

    @property
    def retracted(self) -> dict[str, dict]:
        """doc_id -> its entry in the previous manifest's ``retracted`` list (``reportx retract``)."""
        if self.previous is None:
            return {}
        return {x["doc_id"]: x for x in self.previous.manifest.get("retracted") or []}

    def classify(self, doc: Document) -> Outcome | None:
        """An Outcome for a document that needs no extraction (duplicate, unchanged), else None."""
        self.read[doc.source] = doc.doc_id
        seen = self.inputs.get(doc.doc_id)
        if seen is not None:
            seen.sources.append(doc.source)
            return Outcome(doc.source, "skipped", f"same text as {seen.sources[0]}", doc.doc_id)
        gone = self.retracted.get(doc.doc_id)
        if gone is not None:  # retracted on purpose: a run never publishes that text again by itself
            return Outcome(doc.source, "skipped", f"retracted in {gone.get('version', '?')} ({gone.get('reason') or 'no reason given'}); "
                           "`reportx retract DATA --restore` lets runs publish it again", doc.doc_id)
        prev = self.previous.inputs.get(doc.doc_id) if self.previous else None
        if prev is not None and prev.get("fingerprint") == self.fingerprint:
            sources = list(dict.fromkeys([*prev.get("sources", [prev["source"]]), doc.source]))
            self.inputs[doc.doc_id] = InputDoc(self.previous.document(doc.doc_id), sources, self.fingerprint)
            self.carried.add(doc.doc_id)
            return Outcome(doc.source, "skipped", f"unchanged since {self.previous.version}", doc.doc_id)
        # new: registered now, so a copy later in the same run is recognised as a duplicate
        self.inputs[doc.doc_id] = InputDoc(doc, [doc.source], self.fingerprint)
        return None

    def drop(self, doc_id: str) -> None:
        """Forget a document whose extraction failed (it is quarantined, not published); a
        document it would have superseded (the earlier text of its file) is kept instead."""
        self.inputs.pop(doc_id, None)
        for old, sup in list(self.superseded.items()):
            if sup["by"] == doc_id:
                del self.superseded[old]
                self.restored.append(old)

    def add_result(self, res: DocumentResult) -> None:
        """The extraction of a document classified as new (or a stored one extracted again)."""
        if res.doc.doc_id not in self.inputs:
            self.inputs[res.doc.doc_id] = InputDoc(res.doc, [res.doc.source], self.fingerprint)
        self.results.append(res)

    def leftovers(self) -> tuple[list[Document], list[str]]:
        """Previous documents this run has not seen: (to re-extract, to carry as they are).

        A previous document whose every source file was read in this run with another text was
        edited in place: it is superseded by the new text (``superseded``), not carried, so an
        edited report's facts are not published twice. One whose files are gone is kept."""
        if self.previous is None:
            return [], []
        redo, keep = [], []
        for doc_id, inp in self.previous.inputs.items():
            if doc_id in self.inputs:
                continue  # seen in this run (carried, duplicate or extracted)
            sources = list(inp.get("sources", [inp["source"]]))
            live = [s for s in sources if self.read.get(s, doc_id) == doc_id]
            if not live:
                self.superseded[doc_id] = {"by": self.read[sources[0]], "source": sources[0]}
                continue
            self._live[doc_id] = live
            if inp.get("fingerprint") == self.fingerprint:
                keep.append(doc_id)
            else:
                redo.append(self.previous.document(doc_id))
        return redo, keep

    def keep(self, doc_ids: list[str]) -> None:
        """Carry previous documents (and their records) into the new version as they are."""
        for doc_id in [*doc_ids, *self.restored]:
            prev = self.previous.inputs[doc_id]
            sources = self._live.get(doc_id) or list(prev.get("sources", [prev["source"]]))
            fp = self.fingerprint if doc_id in doc_ids else prev.get("fingerprint", "")
            self.inputs[doc_id] = InputDoc(self.previous.document(doc_id), sources, fp)
            self.carried.add(doc_id)

    def settle_sources(self) -> None:
        """Drop from every document the source paths that now hold another text."""
        for doc_id, inp in self.inputs.items():
            inp.sources[:] = [s for s in dict.fromkeys(inp.sources) if self.read.get(s, doc_id) == doc_id] or inp.sources

    def records(self) -> list[RecordBase]:
        new = [r for res in self.results for r in res.records]
        old = [r for r in self.previous.records() if r.doc_id in self.carried] if self.previous and self.carried else []
        return old + new


def run_fingerprint(extractors: list[Extractor]) -> str:
    """The fingerprint a run's documents get: these extractors (name, version, config) under this
    process's pipeline settings (``settings.PIPELINE``)."""
    return fingerprint(identities(extractors), pipeline=settings.current().pipeline_changes())


def new_state(out_dir: Path, extractors: list[Extractor], *, from_scratch: bool = False,
              verified: Dataset | None = None) -> RunState:
    """Start a run on top of ``out_dir``'s latest version (verified first), or on nothing. Call it
    holding the PublishLock: a publish that stopped before switching ``latest`` is finished first.
    ``verified``: the version the caller has just verified (``previous_version``), used as it is
    while ``latest`` still names it."""
    finish_pending(Path(out_dir))
    if verified is not None and not from_scratch and latest(Path(out_dir)) == verified.version:
        return RunState(run_fingerprint(extractors), verified)
    return RunState(run_fingerprint(extractors),
                    previous_version(Path(out_dir), from_scratch=from_scratch))


@dataclass
class Work:
    """A document to extract: an input file read by this run (``path``), or a stored document of
    the previous version whose extraction changed (``path`` None)."""

    doc: Document
    path: Path | None = None


class RunBook:
    """The bookkeeping of one run, so that the flow body reads as its steps: each input file's
    outcome, the documents to extract, each extraction's result, the summary the run reports.

    ``log(level, line)`` is called for lines the user should see (a quarantined file);
    ``tick(path)`` once per input file when its outcome is known (progress).
    """

    def __init__(self, state: RunState, log: Callable[[int, str], None] | None = None,
                 tick: Callable[[Path], None] | None = None):
        self.state = state
        self.summary = RunSummary(previous=state.previous.version if state.previous else None)
        self.work: list[Work] = []
        self._log = log or (lambda level, line: None)
        self._tick = tick or (lambda path: None)
        self._keep: list[str] = []

    def admit(self, path: Path, read: Document | Outcome) -> None:
        """One input file as read: quarantined (not a report), skipped (unchanged, or the same
        text as another file) or a document to extract."""
        if isinstance(read, Outcome):
            self.summary.outcomes.append(read)
            self._log(logging.WARNING, f"quarantined {read.source}: {read.reason}")
            self._tick(path)
            return
        outcome = self.state.classify(read)
        if outcome is None:
            self.work.append(Work(read, path))
            return
        self.summary.outcomes.append(outcome)
        self._tick(path)

    def plan(self, jobs: int | None = None) -> int:
        """Add the stored documents whose extraction changed to the work; return the extraction
        processes to use (``jobs``, else the setting; never more than there are documents)."""
        redo, self._keep = self.state.leftovers()
        self.work += [Work(doc) for doc in redo]
        self.summary.reextracted = len(redo)
        n = len(self.work)
        return settings.current().effective_jobs(n) if jobs is None else max(1, min(jobs, n))

    def collect(self, work: Work, result: DocumentResult | BaseException) -> None:
        """One extraction's result. A document that broke the pipeline or an extractor is
        quarantined (and tried again by the next run, with its reason in the ledger); the run goes on."""
        doc = work.doc
        if isinstance(result, BaseException):
            reason = f"extraction failed: {result}" if isinstance(result, ExtractionFailed) else f"extraction failed: {result!r}"
            self.state.drop(doc.doc_id)
            self.summary.outcomes.append(Outcome(doc.source, "quarantined", reason, doc.doc_id))
            self._log(logging.ERROR, f"quarantined {doc.source}: {reason}")
        else:
            self.state.add_result(result)
            self.summary.rejected.extend(result.rejected)
            if work.path is not None:
                self.summary.outcomes.append(Outcome(doc.source, "published", doc_id=doc.doc_id, records=len(result.records)))
        if work.path is not None:
            self._tick(work.path)

    def close(self) -> list[Outcome]:
        """Carry the previous documents kept as they are; return the quarantined outcomes (the
        new version lists them)."""
        self.state.keep(self._keep)
        self.summary.kept_missing, self.summary.superseded = len(self._keep), len(self.state.superseded)
        return [o for o in self.summary.outcomes if o.state == "quarantined"]

    @property
    def anything_to_publish(self) -> bool:
        return bool(self.state.results)

    @property
    def latest(self) -> str | None:
        """The version ``latest`` names after the run."""
        return self.summary.published.version if self.summary.published else self.summary.previous

    @property
    def partial(self) -> bool:
        """Some file was quarantined or some record rejected (the flow ends PartiallyCompleted)."""
        return any(o.state == "quarantined" for o in self.summary.outcomes) or bool(self.summary.rejected)


def settle_without_extraction(input_dir: Path, out_dir: Path, extractors: list[Extractor], *,
                              from_scratch: bool = False, verified: Dataset | None = None,
                              files: list[Path] | None = None) -> RunSummary | None:
    """Finish a run that has nothing to extract without the flow, or return None.

    A scheduled run mostly finds nothing new; the flow would start a Prefect server (seconds) to
    learn that. This does the flow's own first steps in the calling process (list the inputs,
    open ``latest``, read and classify every file, ask which stored documents need extracting
    again) with the same ``RunBook``, and when nothing is left to extract it records the run in
    the ledger (files skipped, files quarantined with their reasons) and returns the summary the
    flow would have returned. None, and nothing written, as soon as anything needs the flow: a
    first run, ``from_scratch``, a new or edited file, a stored document whose extraction
    changed, a file that cannot be read now (the flow retries it), or another run holding the
    dataset (the flow waits for it). ``verified`` and ``files``: the latest version and the input
    files the caller has already verified and listed (neither is read twice).
    """
    import uuid

    out_dir = Path(out_dir)
    if from_scratch or latest(out_dir) is None:
        return None
    files = discover(Path(input_dir), exclude=[out_dir]) if files is None else files
    if not files:
        return None
    lock = PublishLock(out_dir, timeout=0)
    try:
        lock.__enter__()
    except DatasetError:
        return None
    try:  # the flow's steps, in its order (flows/ingest.py)
        book = RunBook(new_state(out_dir, extractors, verified=verified))
        for path in files:
            try:
                read: Document | Outcome = load(path, Path(input_dir))
            except IngestError as exc:
                read = Outcome(display_path(path), "quarantined", exc.reason)
            except OSError:
                return None
            book.admit(path, read)
            if book.work:
                return None
        book.plan(1)
        if book.work:
            return None
        book.close()
        from .ledger import record_run

        record_run(out_dir, f"local-{uuid.uuid4()}", book.summary.outcomes, book.latest)
    finally:
        lock.__exit__(None, None, None)
    return book.summary


def publish_state(out_dir: Path, state: RunState, extractors: list[Extractor], quarantined: list[Outcome]) -> Published:
    """Publish one version holding every document of the run and the previous version's kept ones."""
    state.settle_sources()
    extra = {"quarantined": [{"source": o.source, "reason": o.reason} for o in quarantined],
             "previous_version": state.previous.version if state.previous else None,
             "superseded": [{"doc_id": old, **sup} for old, sup in sorted(state.superseded.items())],
             # documents a repair lost stay listed (a later `datasets repair --input` looks for them) until found
             "lost": [x for x in (state.previous.manifest.get("lost") or []) if x["doc_id"] not in state.inputs]
             if state.previous else [],
             # retracted texts stay out of every later version until `reportx retract --restore`
             "retracted": list(state.retracted.values())}
    return publish(
        out_dir, state.records(), list(state.inputs.values()),
        extractors=identities(extractors),
        pipeline=settings.current().pipeline_changes(),
        code_version=__version__,
        extra=extra,
    )


@dataclass
class Retraction:
    """What ``retract`` did: the documents taken out (or let back in) and the version it published."""

    previous: str
    documents: list[dict]  # {doc_id, sources, records}
    published: Published | None = None
    restore: bool = False

    def line(self) -> str:
        n = len(self.documents)
        what = "let back in (the next run publishes their files if they are in its input)" if self.restore else \
            f"retracted with {sum(d['records'] for d in self.documents)} records"
        version = self.published.version if self.published else self.previous
        return f"{n} document{'s' if n != 1 else ''} {what}; published {version} (previous {self.previous})"


def _resolve_targets(ds: Dataset, out_dir: Path, targets: list[str], pool: dict[str, dict]) -> dict[str, list[str]]:
    """doc_id -> the targets naming it: a doc_id (or a unique prefix of at least 8 hex digits) or a
    source path (as the runs recorded it, or any path to the same file). DatasetError for a target
    that names nothing in ``pool`` (doc_id -> {sources}) or more than one document by prefix."""
    from . import ledger

    dirs = ledger.started_in(out_dir)

    def where(src: str) -> set[str]:
        paths = {os.path.abspath(src)} if os.path.isabs(src) else {os.path.abspath(p) for p in ledger.candidate_paths(src, dirs)[1:]}
        return {os.path.realpath(p) for p in paths} | {src}

    found: dict[str, list[str]] = {}
    for t in targets:
        hits = [d for d in pool if d == t] or ([d for d in pool if d.startswith(t)] if re.fullmatch(r"[0-9a-f]{8,64}", t) else [])
        if not hits:
            key = {t, os.path.realpath(t), os.path.abspath(t)}
            hits = [d for d, info in pool.items() if any(key & where(src) for src in info.get("sources", []) if src)]
        if len(hits) > 1 and all(h.startswith(t) for h in hits):
            raise DatasetError(f"{t}: the prefix names {len(hits)} documents of {ds.version}; give more of the doc_id")
        if not hits:
            raise DatasetError(f"{t}: no document of {ds.version} has this doc_id or source path "
                               "(`reportx datasets show DATA` lists them); nothing was published")
        for h in hits:
            found.setdefault(h, []).append(t)
    return found


def retract(out_dir: Path, targets: list[str], *, reason: str = "", restore: bool = False) -> Retraction:
    """Publish a version without the documents ``targets`` name (doc_ids or source paths) and their
    records; their facts leave ``merged/`` (or lose them as a source) and ``changes/`` lists them as
    removed. The texts are listed under ``retracted`` in this and every later manifest, and runs skip
    them (state "skipped", reason "retracted in vN"), whatever path they come back under; an edited
    file is another text and is published as usual. ``restore`` takes them off that list instead (a
    new version with the same records), so the next run publishes their files if it reads them.
    Earlier versions keep everything: retraction is a new version, never an edit."""
    out_dir = Path(out_dir)
    with PublishLock(out_dir):
        finish_pending(out_dir)
        ds = previous_version(out_dir)
        if ds is None:
            raise DatasetError(f"{out_dir}: nothing published yet: nothing to retract")
        listed = {x["doc_id"]: x for x in ds.manifest.get("retracted") or []}
        pool = listed if restore else {d: {"sources": list(i.get("sources", [i["source"]]))} for d, i in ds.inputs.items()}
        if restore and not listed:
            raise DatasetError(f"{out_dir}: {ds.version} lists no retracted document: nothing to restore")
        chosen = _resolve_targets(ds, out_dir, targets, pool)
        records = list(ds.records())
        count = {d: sum(1 for r in records if r.doc_id == d) for d in chosen}
        if restore:
            kept_out = [x for d, x in listed.items() if d not in chosen]
        else:
            kept_out = list(listed.values()) + [
                {"doc_id": d, "sources": pool[d]["sources"], "reason": reason, "version": _next_version(out_dir), "records": count[d]}
                for d in chosen]
            records = [r for r in records if r.doc_id not in chosen]
        docs = [InputDoc(ds.document(d), list(i.get("sources", [i["source"]])), i.get("fingerprint", ""))
                for d, i in ds.inputs.items() if restore or d not in chosen]
        extra = {"previous_version": ds.version, "quarantined": [], "superseded": [],
                 "lost": list(ds.manifest.get("lost") or []), "retracted": kept_out}
        published = publish(out_dir, records, docs, extractors=[(e["name"], e["version"]) for e in ds.manifest.get("extractors", [])],
                            code_version=__version__, extra=extra)
        return Retraction(ds.version, [{"doc_id": d, "sources": pool[d]["sources"], "records": count[d]} for d in chosen],
                          published, restore)


@dataclass
class Repair:
    """What ``repair`` did: the version it started from and the one ``latest`` names now."""

    damaged: str | None  # the version that failed verification (None: `latest` was only missing)
    latest: str | None  # what `latest` names after the repair
    published: Published | None = None
    recovered: dict[str, str] = field(default_factory=dict)  # doc_id -> where its text came from
    lost: list[dict] = field(default_factory=list)  # {doc_id, sources, reason}
    problem: str = ""  # why the damaged version failed verification
    rejected: int = 0

    def line(self) -> str:
        if self.damaged is None and self.published is None:
            if self.problem:
                return f"{self.problem}; `latest` now names {self.latest}, the newest version, which verifies"
            if self.lost:
                return f"{self.latest} verifies; the {len(self.lost)} documents an earlier repair lost are still lost"
            return f"nothing to repair: {self.latest} verifies"
        if self.damaged is None:
            return (f"{self.latest}: {len(self.recovered)} documents an earlier repair lost were found and extracted; "
                    f"{len(self.lost)} still lost")
        head = f"{self.damaged} failed verification ({self.problem})"
        if self.published is None:
            return f"{head}; no document text could be recovered: nothing published"
        counts = ", ".join(f"{k} {v}" for k, v in sorted(self.published.counts.items()))
        return (f"{head}; published {self.published.version} with {len(self.recovered)} documents re-extracted "
                f"({counts or 'no records'}), {len(self.lost)} lost")


def _stored_text(folder: Path, doc_id: str) -> str | None:
    """The text stored as ``folder/documents/<doc_id>.txt`` if it still hashes to ``doc_id``."""
    from . import jsonl
    from .document import text_id

    try:
        text = jsonl.read_text(folder / "documents" / f"{doc_id}.txt")
    except (OSError, UnicodeDecodeError):
        return None
    return text if text_id(text) == doc_id else None


def _damaged_inputs(version_dir: Path) -> dict[str, dict]:
    """doc_id -> {sources, title, encoding} of a damaged version, from whatever can still be read:
    the manifest (its inputs, and the documents an earlier repair lost), else its catalog, else
    the names of the stored texts, else the ledger (below)."""
    out = _readable_inputs(version_dir)
    if not out:
        out = _ledger_inputs(version_dir.parent, version_dir.name)
    return out


def _retracted_list(version_dir: Path) -> list[dict]:
    """The ``retracted`` list of a version's manifest if it can still be read (a repair keeps it, so
    runs keep retracted texts out), else the newest earlier version's that can."""
    import json

    from . import jsonl

    for v in [version_dir, *reversed([version_dir.parent / f for f in version_folders(version_dir.parent) if f < version_dir.name])]:
        try:
            return list(json.loads(jsonl.read_text(v / "datapackage.json")).get("retracted") or [])
        except (OSError, UnicodeDecodeError, ValueError, AttributeError):
            continue
    return []


def _ledger_inputs(out_dir: Path, name: str) -> dict[str, dict]:
    """The documents of version ``name`` as the ledger remembers them, when nothing of the version
    itself can be read: the files its run published or skipped as unchanged, plus the documents of
    the newest earlier version that can be read whose sources that run did not see with another text."""
    from . import ledger

    out: dict[str, dict] = {}
    seen_now: dict[str, str] = {}
    for e in ledger.read(out_dir):
        if e.version == name and e.doc_id and e.state in ("published", "skipped"):
            out.setdefault(e.doc_id, {"sources": [], "title": "", "encoding": "utf-8"})["sources"].append(e.source)
            seen_now[e.source] = e.doc_id
    for v in reversed([v for v in version_folders(out_dir) if name[1:].isdigit() and int(v[1:]) < int(name[1:])]):
        earlier = _readable_inputs(out_dir / v)
        if earlier:
            for doc_id, info in earlier.items():
                if doc_id not in out and all(seen_now.get(src, doc_id) == doc_id for src in info["sources"] if src):
                    out[doc_id] = info
            break
    return out


def _readable_inputs(version_dir: Path) -> dict[str, dict]:
    import json

    from . import jsonl

    out: dict[str, dict] = {}
    try:
        manifest = json.loads(jsonl.read_text(version_dir / "datapackage.json"))
        for i in [*manifest.get("inputs", []), *manifest.get("lost", [])]:  # lost by an earlier repair: still wanted
            out[i["doc_id"]] = {"sources": list(i.get("sources", [i.get("source")])), "title": "", "encoding": "utf-8"}
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        pass
    # the catalog: documents.jsonl before format 4, then catalog/*.jsonl (globbed: the manifest may be gone)
    for catalog in [version_dir / "documents.jsonl", *sorted((version_dir / "catalog").glob("*.jsonl"))]:
        try:
            for n, line in jsonl.lines(catalog):
                try:
                    row = json.loads(line)
                    entry = out.setdefault(row["doc_id"], {"sources": list(row.get("sources", [row.get("source")])), "title": "",
                                                           "encoding": "utf-8"})
                    entry.update(title=row.get("title", ""), encoding=row.get("encoding", "utf-8"))
                except (ValueError, KeyError, TypeError, AttributeError):
                    continue
        except (OSError, UnicodeDecodeError, ValueError):
            pass
    for f in sorted((version_dir / "documents").glob("*.txt")):
        out.setdefault(f.stem, {"sources": [], "title": "", "encoding": "utf-8"})
    return out


def _find_texts(out_dir: Path, wanted: dict[str, dict], inputs: Path | None, folders: list[str]) -> dict[str, tuple[str, str]]:
    """doc_id -> (text, where it was found) for the documents in ``wanted`` whose text can still be
    found, hashing to its id: a stored copy in any version folder (newest first), else one of its
    source files, else a file under ``inputs``."""
    texts: dict[str, tuple[str, str]] = {}
    for doc_id in wanted:
        for v in reversed(folders):
            text = _stored_text(out_dir / v, doc_id)
            if text is not None:
                texts[doc_id] = (text, f"stored copy in {v}")
                break
    from . import ledger

    dirs = ledger.started_in(out_dir)
    for doc_id, info in wanted.items():
        candidates = [(src, p) for src in info["sources"] if src for p in ledger.candidate_paths(src, dirs)]
        for src, path in candidates if doc_id not in texts else ():
            try:
                doc = read_document(path)
            except Exception:  # noqa: BLE001 - a source that cannot be read is just not a candidate
                doc = None
            if doc is not None and doc.doc_id == doc_id:
                texts[doc_id] = (doc.text, f"source file {path}")
                break
    missing = {d for d in wanted if d not in texts}
    if missing and inputs is not None:
        for path in discover(Path(inputs), exclude=[out_dir]):
            try:
                doc = load(path, root=Path(inputs))
            except Exception:  # noqa: BLE001 - not a report: not a candidate
                continue
            if doc.doc_id in missing and doc.doc_id not in texts:
                texts[doc.doc_id] = (doc.text, f"input file {path}")
    return texts


def repair(out_dir: Path, extractors: list[Extractor], *, inputs: Path | None = None, say=lambda line: None) -> Repair:
    """Make ``latest`` trustworthy again (holding the PublishLock). Never rolls back silently.

    * ``latest`` verifies: nothing to do, unless an earlier repair lost documents and their texts
      can be found now (``inputs``): they are extracted and a version with them is published.
    * ``latest`` missing, or naming no version folder: the newest version folder is the one to
      trust; if it verifies, ``latest`` is pointed at it, else it is treated as damaged (below).
    * ``latest`` damaged (a file edited, torn, added or deleted, the manifest included): every
      document it held (from its manifest, else its catalog, else its stored texts' names, else
      the ledger's record of the run that published it) is
      extracted again from a text that still hashes to its doc_id (a stored copy in any version,
      else its source file, else a file under ``inputs``) and a new version is published from those
      extractions alone (no file of the damaged version is reused); documents without such a text
      are listed as ``lost`` in the new manifest. The damaged version stays on disk, untouched.

    A relative source path is tried as is and against the folder each run that saw it started in
    (the ledger records it), so repair works from any folder.
    """
    from .dataset import PublishLock, _write_atomic, latest, version_folders
    from .document import text_id
    from .nlp.pipeline import get_nlp
    from .process import extract_document

    out_dir = Path(out_dir)
    if not version_folders(out_dir):
        raise DatasetError(f"{out_dir}: no version folder (v0001, …) here: not a dataset to repair")
    with PublishLock(out_dir):
        finish_pending(out_dir)
        folders = version_folders(out_dir)
        name = latest(out_dir)
        carried = None  # the verified version a recovery of lost documents builds on
        if name is None or name not in folders:
            why = "`latest` is missing" if name is None else f"`latest` named {name}, which is not a version folder"
            name = folders[-1]
            try:
                verify(out_dir / name)
            except DatasetError as exc:
                problem = f"{why}; the newest version {name} does not verify: {exc}"
            else:
                _write_atomic(out_dir / LATEST, name + "\n")
                return Repair(None, name, problem=why)
        else:
            try:
                verify(out_dir / name)
            except DatasetError as exc:
                problem = str(exc)
            else:
                carried = open_dataset(out_dir)
                if not carried.manifest.get("lost"):
                    return Repair(None, name)
                problem = ""
        if carried is not None:  # a good `latest` with documents an earlier repair lost
            wanted = {x["doc_id"]: {"sources": list(x.get("sources", [])), "title": "", "encoding": "utf-8"}
                      for x in carried.manifest["lost"]}
            say(f"{name} verifies; looking for the texts of the {len(wanted)} documents an earlier repair lost")
        else:
            wanted = _damaged_inputs(out_dir / name)
            say(f"{name} failed verification: {problem}")
            say(f"recovering the texts of {len(wanted)} documents")
        texts = _find_texts(out_dir, wanted, inputs, folders)
        result = Repair(None if carried is not None else name, name, problem=problem)
        result.lost = [{"doc_id": d, "sources": wanted[d]["sources"],
                        "reason": "no stored copy or source file holds the text this document id names"}
                       for d in wanted if d not in texts]
        if not texts:
            return result
        nlp = get_nlp()
        records: list[RecordBase] = list(carried.records()) if carried is not None else []
        fp = run_fingerprint(extractors)
        docs: list[InputDoc] = []
        if carried is not None:
            docs = [InputDoc(carried.document(d), list(i.get("sources", [i["source"]])), i.get("fingerprint", ""))
                    for d, i in carried.inputs.items()]
        for i, (doc_id, (text, where)) in enumerate(sorted(texts.items()), 1):
            info = wanted[doc_id]
            srcs = [x for x in info["sources"] if x] or [f"documents/{doc_id}.txt"]
            doc = Document(text=text, source=srcs[0], title=info.get("title", ""), encoding=info.get("encoding", "utf-8"))
            assert text_id(doc.text) == doc_id
            res = extract_document(doc, extractors, nlp)
            if res.crashed:
                result.lost.append({"doc_id": doc_id, "sources": srcs,
                                    "reason": "; ".join(f"{r.extractor}: {r.reason}" for r in res.crashed)})
                continue
            result.rejected += len(res.rejected)
            records += res.records
            docs.append(InputDoc(doc, srcs, fp))
            result.recovered[doc_id] = where
            say(f"[{i}/{len(texts)}] {srcs[0]}: {len(res.records)} records (text from {where})")
        if not result.recovered:
            return result
        result.published = publish(
            out_dir, records, docs, extractors=identities(extractors), pipeline=settings.current().pipeline_changes(),
            code_version=__version__,
            extra={"previous_version": name, "repaired_from": name, "repair_reason": problem or "documents lost earlier found",
                   "lost": result.lost, "quarantined": [], "retracted": _retracted_list(out_dir / name)},
            share=carried is not None)
        result.latest = result.published.version
        return result


def report_markdown(summary: RunSummary) -> str:
    """The run report (a Prefect artifact): files by outcome, records per kind, the new version."""
    st = summary.states()
    rows = [
        "| | |", "|---|---|",
        f"| files | {len(summary.outcomes)} |",
        f"| new (extracted) | {st['published']} |",
        f"| skipped (unchanged or duplicate) | {st['skipped']} |",
        f"| quarantined | {st['quarantined']} |",
        f"| stored documents re-extracted | {summary.reextracted} |",
        f"| documents kept without their files | {summary.kept_missing} |",
        f"| earlier texts of edited files superseded | {summary.superseded} |",
        f"| records rejected by validation | {len(summary.rejected)} |",
    ]
    if summary.published:
        rows += [f"| records: {k} | {v} |" for k, v in sorted(summary.counts.items())]
        rows += [f"| new dataset version | `{summary.published.version}` at `{summary.published.path}` |"]
    else:
        rows += [f"| new dataset version | none (latest stays `{summary.previous}`) |"]
    out = ["# Ingest run", "", summary.line(), "", *rows]
    bad = [o for o in summary.outcomes if o.state == "quarantined"]
    if bad:
        out += ["", "## Quarantined", "", "| file | reason |", "|---|---|"] + [f"| `{o.source}` | {o.reason} |" for o in bad]
    return "\n".join(out) + "\n"

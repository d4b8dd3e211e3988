"""Immutable, versioned JSON datasets: publish, verify, read, compare.

Layout of ``DATA_DIR``::

    DATA_DIR/
      v0001/                      one published version (never modified after publish)
        datapackage.json          manifest: resources (path, bytes, sha256, count, schema), inputs,
                                  extractors, fingerprint, schema/code version, quarantined files
        records/<kind>.jsonl      per-document records, UTF-8, sorted by (doc_id, start, id)
        merged/<kind>.jsonl       one record per fact across documents, with provenance
        documents/<doc_id>.txt    the document texts that evidence offsets refer to
        documents.jsonl           one line per document (doc_id, sources, title, encoding)
        schemas/*.schema.json     the JSON Schemas the files follow
      latest                      text file naming the newest complete version ("v0001")

A version is written into ``.staging-*``, verified, then renamed into place; ``latest`` is
replaced atomically afterwards. A crash leaves the previous ``latest`` complete; leftover
staging directories are removed by the next publish. (A crash between the rename and the
``latest`` switch leaves a complete, verified version that ``latest`` does not name yet; readers
of ``latest`` never see it, and the next run publishes after it.) The store knows records and
manifests, not extractors or NLP.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable, Sequence

from . import jsonl
from .document import Document
from .faults import checkpoint
from .merge import merge_records
from .records import RECORD_MODELS, SCHEMA_VERSION, MergedRecord, RecordBase

FORMAT = "reportx-dataset/1"
LATEST = "latest"
_VERSION_PREFIX = "v"


class DatasetError(Exception):
    """A dataset that cannot be published or read; the message says which file and why."""


@dataclass(frozen=True)
class Published:
    version: str
    path: Path
    counts: dict[str, int]
    documents: int


@dataclass
class InputDoc:
    """A document going into a version: its text and every source file it was read from."""

    doc: Document
    sources: list[str]
    fingerprint: str


def fingerprint(extractors: Sequence[tuple[str, str]], schema_version: str = SCHEMA_VERSION) -> str:
    """What extraction a document went through: schema version and extractor names/versions.

    A document already published under the same fingerprint is not extracted again.
    """
    payload = json.dumps([schema_version, sorted(list(e) for e in extractors)], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _write_atomic(path: Path, data: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def versions(data_dir: Path) -> list[str]:
    """Published version ids, oldest first."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return []
    return sorted(
        p.name for p in data_dir.iterdir()
        if p.is_dir() and p.name.startswith(_VERSION_PREFIX) and p.name[1:].isdigit() and (p / "datapackage.json").is_file()
    )


def latest(data_dir: Path) -> str | None:
    """The version ``latest`` names (None before the first publish)."""
    f = Path(data_dir) / LATEST
    if not f.is_file():
        return None
    name = f.read_text(encoding="utf-8").strip()
    return name or None


def _next_version(data_dir: Path) -> str:
    existing = [int(v[1:]) for v in versions(data_dir)]
    return f"{_VERSION_PREFIX}{(max(existing) + 1) if existing else 1:04d}"


def _clean_staging(data_dir: Path) -> None:
    for p in data_dir.glob(".staging-*"):
        shutil.rmtree(p, ignore_errors=True)


def _record_sort_key(r: RecordBase) -> tuple:
    return (r.doc_id, r.evidence.start, r.id)


def _jsonl(path: Path, rows: Iterable[dict]) -> int:
    return jsonl.write(path, rows)


def _manifest(path: Path) -> dict:
    """A version's datapackage.json, or DatasetError naming it (missing, torn, not JSON)."""
    if not path.is_file():
        raise DatasetError(f"{path}: missing manifest")
    try:
        return json.loads(jsonl.read_text(path))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DatasetError(f"{path}: not a readable manifest ({exc}); the version is damaged") from None


def _rows(path: Path) -> list:
    """The rows of a JSON Lines file of a version (jsonl: split on \\n only); DatasetError if torn."""
    try:
        return jsonl.read(path)
    except jsonl.JsonlError as exc:
        raise DatasetError(str(exc)) from None


def publish(
    data_dir: Path,
    records: Iterable[RecordBase],
    documents: Sequence[Document | InputDoc],
    *,
    extractors: Sequence[tuple[str, str]] = (),
    code_version: str = "",
    extra: dict | None = None,
) -> Published:
    """Write, verify and atomically publish a new version; return where it went."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    _clean_staging(data_dir)
    staging = data_dir / f".staging-{uuid.uuid4().hex}"
    for sub in ("records", "merged", "documents", "schemas"):
        (staging / sub).mkdir(parents=True)
    fp = fingerprint(extractors)
    try:
        inputs = [d if isinstance(d, InputDoc) else InputDoc(d, [d.source], fp) for d in documents]
        by_kind: dict[str, list[RecordBase]] = {k: [] for k in RECORD_MODELS}
        all_records = list(records)
        for r in all_records:
            by_kind.setdefault(r.kind, []).append(r)  # type: ignore[attr-defined]
        merged = merge_records(all_records)
        resources = []
        for kind, recs in sorted(by_kind.items()):
            recs.sort(key=_record_sort_key)
            n = _jsonl(staging / "records" / f"{kind}.jsonl", (r.model_dump(mode="json") for r in recs))
            resources.append(_resource(kind, f"records/{kind}.jsonl", f"schemas/{kind}.schema.json", n))
            rows = [m.model_dump(mode="json") for m in merged if m.kind == kind]
            n = _jsonl(staging / "merged" / f"{kind}.jsonl", rows)
            resources.append(_resource(f"merged_{kind}", f"merged/{kind}.jsonl", "schemas/merged.schema.json", n))
        docs = sorted({i.doc.doc_id: i for i in inputs}.values(), key=lambda i: i.doc.doc_id)
        earlier = _document_store(data_dir)
        for i in docs:
            _store_document(staging / "documents" / f"{i.doc.doc_id}.txt", i.doc.text, earlier)
        doc_rows = [{"doc_id": i.doc.doc_id, "sources": sorted(set(i.sources)), "source": sorted(set(i.sources))[0],
                     "title": i.doc.title, "encoding": i.doc.encoding, "chars": len(i.doc.text),
                     "path": f"documents/{i.doc.doc_id}.txt"} for i in docs]
        n = _jsonl(staging / "documents.jsonl", doc_rows)
        resources.append(_resource("documents", "documents.jsonl", None, n))
        for res in resources:
            p = staging / res["path"]
            res["bytes"] = p.stat().st_size
            res["sha256"] = _sha256(p)
            res["hash"] = f"sha256:{res['sha256']}"  # Frictionless' spelling
        _write_schemas(staging / "schemas")
        checkpoint("staging")  # records and documents written, manifest not yet
        version = _next_version(data_dir)
        manifest = {
            "profile": "data-package",
            "name": "reportx",
            "format": FORMAT,
            "version": version,
            "schema_version": SCHEMA_VERSION,
            "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "code_version": code_version,
            "fingerprint": fp,
            "extractors": [{"name": n_, "version": v} for n_, v in extractors],
            "inputs": [{"doc_id": i.doc.doc_id, "source": sorted(set(i.sources))[0], "sources": sorted(set(i.sources)),
                        "content_hash": f"sha256:{i.doc.doc_id}", "fingerprint": i.fingerprint} for i in docs],
            "resources": resources,
            **(extra or {}),
        }
        _write_atomic(staging / "datapackage.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        verify(staging)
        while True:
            target = data_dir / version
            try:
                os.rename(staging, target)
                break
            except OSError:
                if target.exists():  # another publisher took the number: take the next one
                    version = f"{_VERSION_PREFIX}{int(version[1:]) + 1:04d}"
                    manifest["version"] = version
                    _write_atomic(staging / "datapackage.json", json.dumps(manifest, ensure_ascii=False, indent=2))
                    continue
                raise
        checkpoint("before_latest")  # the version is in place, `latest` not switched yet
        _write_atomic(data_dir / LATEST, version + "\n")
        return Published(version, target, {k: len(v) for k, v in by_kind.items()}, len(docs))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _document_store(data_dir: Path) -> Path | None:
    """The documents folder of the latest version, whose texts a new version shares."""
    name = latest(data_dir)
    folder = data_dir / name / "documents" if name else None
    return folder if folder is not None and folder.is_dir() else None


def _store_document(path: Path, text: str, earlier: Path | None) -> None:
    """Write a document's text, or hard-link the identical file of the latest version: texts are
    named by their sha256, so a version's folder stays complete and self-verifying while an
    unchanged document costs no space (storage grows with new documents, not with versions).
    Versions are never written to after publishing, so shared files never change; ``verify``
    checks every text against its doc_id either way."""
    data = text.encode("utf-8")
    if earlier is not None:
        src = earlier / path.name
        try:
            if src.stat().st_size == len(data):
                os.link(src, path)
                return
        except OSError:  # absent, or a file system without hard links: write it
            pass
    path.write_bytes(data)


def _resource(name: str, path: str, schema: str | None, count: int) -> dict:
    res = {"name": name, "path": path, "format": "jsonl", "mediatype": "application/x-ndjson", "encoding": "utf-8", "count": count}
    if schema:
        res["schema"] = schema
    return res


def _write_schemas(out: Path) -> None:
    """Embed the JSON Schema of every record kind (generated from the models) in the version."""
    from .schemas import render_all

    for name, text in render_all().items():
        (out / name).write_text(text, encoding="utf-8")


def verify(version_dir: Path, *, deep: bool = True) -> dict:
    """Check a version: hashes, sizes, counts, every record against its model and JSON Schema,
    every evidence offset against the stored text, every text against its doc_id.

    ``deep=False`` checks what can change after publishing (every file against the manifest's
    size and sha256, every text against its doc_id) and skips re-validating the records, which
    publishing already did: what a run does before building on ``latest``."""
    import jsonschema

    version_dir = Path(version_dir)
    manifest = _manifest(version_dir / "datapackage.json")
    for res in manifest["resources"]:
        p = version_dir / res["path"]
        if not p.is_file():
            raise DatasetError(f"{p}: listed in the manifest but missing")
        if p.stat().st_size != res["bytes"] or _sha256(p) != res.get("sha256", res.get("hash", "")[7:]):
            raise DatasetError(f"{p}: size or sha256 differs from the manifest")
    texts: dict[str, str] = {}
    for inp in manifest.get("inputs", []):
        tp = version_dir / "documents" / f"{inp['doc_id']}.txt"
        if not tp.is_file():
            raise DatasetError(f"{tp}: document text missing")
        try:
            text = jsonl.read_text(tp)  # exactly as stored: \r\n is not translated
        except UnicodeDecodeError:
            raise DatasetError(f"{tp}: document text is not UTF-8") from None
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != inp["doc_id"]:
            raise DatasetError(f"{tp}: sha256 of the text is not its doc_id")
        texts[inp["doc_id"]] = text
    if not deep:
        return manifest
    validators: dict[str, jsonschema.Draft202012Validator] = {}
    for res in manifest["resources"]:
        if "schema" not in res:
            continue
        schema_path = version_dir / res["schema"]
        if res["schema"] not in validators:
            validators[res["schema"]] = jsonschema.Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))
        validator = validators[res["schema"]]
        merged = res["name"].startswith("merged_")
        model = MergedRecord if merged else RECORD_MODELS[res["name"]]
        n = 0
        try:
            lines = list(jsonl.lines(version_dir / res["path"]))
        except jsonl.JsonlError as exc:
            raise DatasetError(str(exc)) from None
        for lineno, line in lines:
            n += 1
            where = f"{res['path']}:{lineno}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DatasetError(f"{where}: not JSON ({exc.msg})") from None
            err = next(iter(validator.iter_errors(data)), None)
            if err is not None:
                raise DatasetError(f"{where}: does not follow {res['schema']}: {err.message}")
            try:
                rec = model.model_validate(data)
            except ValueError as exc:
                raise DatasetError(f"{where}: invalid record: {exc}") from exc
            for doc_id, evidence in _evidences(rec):
                if doc_id not in texts:
                    raise DatasetError(f"{where}: document {doc_id} is not in the version")
                try:
                    evidence.check_against(texts[doc_id])
                except ValueError as exc:
                    raise DatasetError(f"{where}: {exc}") from exc
        if n != res["count"]:
            raise DatasetError(f"{res['path']}: {n} records, manifest says {res['count']}")
    return manifest


def _evidences(rec) -> list:
    if isinstance(rec, MergedRecord):
        return [(p.doc_id, p.evidence) for p in rec.provenance]
    return [(rec.doc_id, rec.evidence)]


class PublishLock:
    """One run at a time on a dataset folder (an exclusive ``flock`` on ``DATA_DIR/.lock``).

    A second run waits up to ``timeout`` seconds, then raises DatasetError saying who holds it.
    The lock is released when the holder exits or dies (the kernel drops it with the process).
    """

    def __init__(self, data_dir: Path, timeout: float = 600.0, poll: float = 0.2):
        self.path = Path(data_dir) / ".lock"
        self.timeout = timeout
        self.poll = poll
        self._fh = None

    def __enter__(self) -> "PublishLock":
        import fcntl
        import time

        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.path, "a+", encoding="utf-8")
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(self._fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self._fh.seek(0)
                    holder = self._fh.read().strip() or "another run"
                    self._fh.close()
                    raise DatasetError(f"{self.path.parent}: {holder} is publishing; gave up after {self.timeout:g}s") from None
                time.sleep(self.poll)
        self._fh.seek(0)
        self._fh.truncate()
        self._fh.write(f"run pid {os.getpid()} since {_dt.datetime.now(_dt.timezone.utc).isoformat(timespec='seconds')}")
        self._fh.flush()
        return self

    def __exit__(self, *exc) -> None:
        import fcntl

        if self._fh is not None:
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None


# --- reading -----------------------------------------------------------------------------------


@dataclass
class Dataset:
    """A published version, read-only."""

    path: Path
    manifest: dict = field(repr=False)

    @property
    def version(self) -> str:
        return self.manifest["version"]

    @property
    def fingerprint(self) -> str:
        return self.manifest.get("fingerprint", "")

    @cached_property
    def inputs(self) -> dict[str, dict]:
        """doc_id -> the manifest's input entry."""
        return {i["doc_id"]: i for i in self.manifest.get("inputs", [])}

    @cached_property
    def documents(self) -> dict[str, dict]:
        """doc_id -> its documents.jsonl row (sources, title, encoding)."""
        rows = _rows(self.path / "documents.jsonl")
        return {r["doc_id"]: r for r in rows}

    def records(self, kind: str | None = None) -> list[RecordBase]:
        """Per-document records (typed), of one kind or all kinds."""
        out: list[RecordBase] = []
        for k in ([kind] if kind else sorted(RECORD_MODELS)):
            p = self.path / "records" / f"{k}.jsonl"
            if p.is_file():
                model = RECORD_MODELS[k]
                out += [model.model_validate(x) for x in _rows(p)]
        return out

    def merged(self, kind: str | None = None) -> list[MergedRecord]:
        """Records merged across documents, with provenance."""
        out: list[MergedRecord] = []
        for k in ([kind] if kind else sorted(RECORD_MODELS)):
            p = self.path / "merged" / f"{k}.jsonl"
            if p.is_file():
                out += [MergedRecord.model_validate(x) for x in _rows(p)]
        return out

    def document_text(self, doc_id: str) -> str:
        """The text every evidence offset of ``doc_id`` refers to."""
        return jsonl.read_text(self.path / "documents" / f"{doc_id}.txt")  # as stored, no newline translation

    def document(self, doc_id: str) -> Document:
        """A stored document as a Document (for carrying it into a new version)."""
        row = self.documents[doc_id]
        return Document(text=self.document_text(doc_id), source=row["source"], title=row.get("title", ""), encoding=row.get("encoding", "utf-8"))


def open_dataset(data_dir: Path | str, version: str = "latest") -> Dataset:
    """Open a published version of ``data_dir`` (``latest`` by default) for reading."""
    data_dir = Path(data_dir)
    name = latest(data_dir) if version == "latest" else version
    if name is None:
        raise DatasetError(f"{data_dir}: no published version (no 'latest')")
    path = data_dir / name
    mf = path / "datapackage.json"
    if not mf.is_file():
        known = ", ".join(versions(data_dir)) or "none"
        raise DatasetError(f"{data_dir}: no version {name!r} (published: {known})")
    return Dataset(path, _manifest(mf))


@dataclass
class Diff:
    """What changed between two versions, by stable record id."""

    a: str
    b: str
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, dict]] = field(default_factory=list)
    unchanged: int = 0

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed), "unchanged": self.unchanged}


def diff(a: Dataset, b: Dataset, *, merged: bool = False) -> Diff:
    """Records added, removed and changed from version ``a`` to ``b`` (per-document, or merged)."""
    def index(ds: Dataset) -> dict[str, dict]:
        rows = ds.merged() if merged else ds.records()
        return {r.id: r.model_dump(mode="json") for r in rows}

    ra, rb = index(a), index(b)
    out = Diff(a.version, b.version)
    for rid in sorted(rb.keys() - ra.keys()):
        out.added.append(rb[rid])
    for rid in sorted(ra.keys() - rb.keys()):
        out.removed.append(ra[rid])
    for rid in sorted(ra.keys() & rb.keys()):
        if ra[rid] != rb[rid]:
            out.changed.append((ra[rid], rb[rid]))
        else:
            out.unchanged += 1
    return out

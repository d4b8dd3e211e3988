"""Immutable, versioned JSON datasets: publish, verify, read, compare.

Layout of ``DATA_DIR``::

    DATA_DIR/
      v0001/                      one published version (never modified after publish)
        datapackage.json          manifest: resources (path, bytes, sha256, count, schema), inputs,
                                  extractors, fingerprint, schema/code version, quarantined files
        records/<kind>/<sha>.jsonl  per-document records, UTF-8, in parts (below)
        merged/<kind>/<sha>.jsonl   one line per fact across documents (its values), in parts
        provenance/<kind>/<sha>.jsonl  one line per document mention of a merged fact, in parts
        changes/<kind>.jsonl      the merged facts added, removed or changed since the previous version
        documents/<doc_id>.txt    the document texts that evidence offsets refer to
        catalog/<sha>.jsonl       one line per document (doc_id, sources, title, encoding, fingerprint)
        schemas/*.schema.json     the JSON Schemas the files follow
      latest                      text file naming the newest complete version ("v0001")

Records, merged facts, their provenance and the catalog of documents are stored in part files
named by the sha256 of their bytes; the manifest lists a resource's parts in reading order
(``path`` is the list, Frictionless' multipart resource). A part of the previous version whose
rows are all unchanged is hard-linked into the new version, and only new or changed rows are
written; when a resource has more than ``MAX_PARTS`` parts its smallest are merged. A merged fact
is stored without its provenance, so another report repeating a known fact writes one provenance
line, not the fact with every mention again, and the manifest does not list every input (the
catalog does): storage grows with what changed, not with the number of versions, and every
version folder stays complete and self-verifying. Within a part, records are sorted by (doc_id,
start, id), merged facts by id, provenance by (fact_id, doc_id, record_id).

A version is written into ``.staging-*``, verified, then renamed into place; ``latest`` is
replaced atomically afterwards. A crash leaves the previous ``latest`` complete; leftover
staging directories are removed by the next publish. A crash between the rename and the
``latest`` switch leaves a complete, verified version that ``latest`` does not name yet, and
``.pending`` naming it: readers of ``latest`` never see it, and the next run (``finish_pending``)
points ``latest`` at it before building on it. A missing ``latest`` while versions exist is an
error (``check_latest``), never a first run. The store knows records and manifests, not
extractors or NLP.
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

from . import jsonl, stopping
from .document import Document
from .faults import checkpoint
from .merge import merge_records
from .records import (RECORD_MODELS, SCHEMA_VERSION, FactChange, MergedRecord, ProvenanceRow, RecordBase, StoredFact,
                      UnknownKindError, stable_id)

#: /4: merged facts without provenance, which is its own resource; the documents' catalog in parts
#: and no ``inputs`` list in the manifest;
#: /3: a Frictionless Data Package v2 (``schema`` is a Table Schema, the JSON Schema is ``jsonschema``);
#: /2: records and merged facts in shared parts. Versions of every format are still read.
FORMAT = "reportx-dataset/4"
DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
LATEST = "latest"
#: names the version a publish is switching ``latest`` to; present only between the rename of the
#: version into place and the switch (a crash there leaves it; the next run finishes the switch)
PENDING = ".pending"
_VERSION_PREFIX = "v"
#: a resource with more parts than this has its smallest parts merged into one (each publish adds
#: at most a few small parts; merging the smallest keeps a row's rewrites few and the manifest short)
MAX_PARTS = 8


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


def fingerprint(extractors: Sequence[tuple[str, str]], schema_version: str = SCHEMA_VERSION,
                pipeline: dict[str, bool] | None = None) -> str:
    """What extraction a document went through: schema version, extractor names/versions and the
    pipeline switches that are off their default (``Settings.pipeline_changes``: a run without
    the NER); with every switch at its default the fingerprint is what it always was.

    A document already published under the same fingerprint is not extracted again.
    """
    parts: list = [schema_version, sorted(list(e) for e in extractors)]
    if pipeline:
        parts.append(sorted(pipeline.items()))
    payload = json.dumps(parts, ensure_ascii=False)
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


def version_folders(data_dir: Path) -> list[str]:
    """Names of the version folders (``v0001``…), oldest first, whether or not their manifest is
    readable: real folders only (a symbolic link named like a version is not one)."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return []
    return sorted(p.name for p in data_dir.iterdir()  # v + at least four digits: a stray "v9" is not a version
                  if p.name.startswith(_VERSION_PREFIX) and len(p.name) >= 5 and p.name[1:].isdigit() and p.is_dir()
                  and not p.is_symlink())


def versions(data_dir: Path) -> list[str]:
    """Published version ids (folders with a manifest), oldest first."""
    return [v for v in version_folders(data_dir) if (Path(data_dir) / v / "datapackage.json").is_file()]


def _number(version: str | None) -> int:
    return int(version[1:]) if version and version[1:].isdigit() else 0


def latest(data_dir: Path) -> str | None:
    """The version ``latest`` names (None before the first publish)."""
    f = Path(data_dir) / LATEST
    if not f.is_file():
        return None
    name = f.read_text(encoding="utf-8").strip()
    return name or None


def _pending_name(data_dir: Path) -> str | None:
    """The version ``.pending`` names if that is the newest version folder, else None (stale,
    garbage, unreadable)."""
    try:
        name = (Path(data_dir) / PENDING).read_bytes().decode("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    folders = version_folders(data_dir)
    return name if folders and name == folders[-1] else None


def finish_pending(data_dir: Path) -> str | None:
    """Finish a publish that stopped between renaming its version into place and switching
    ``latest`` (call it holding the PublishLock): ``latest`` is pointed at that version if it is
    complete and verifies. Returns the version ``latest`` was switched to, else None."""
    data_dir = Path(data_dir)
    marker = data_dir / PENDING
    if not marker.exists():
        return None
    name = _pending_name(data_dir)
    done = None
    # only forward, and only to the newest version folder: any other marker is stale (or forged)
    if name and name in versions(data_dir) and _number(name) > _number(latest(data_dir)):
        try:
            verify(data_dir / name, deep=False)
        except DatasetError:
            pass  # a damaged version never becomes `latest`; it stays on disk for inspection
        else:
            _write_atomic(data_dir / LATEST, name + "\n")
            done = name
    if marker.is_dir() and not marker.is_symlink():
        shutil.rmtree(marker, ignore_errors=True)
    else:
        marker.unlink(missing_ok=True)  # before the rename (nothing was published), stale, or finished now
    return done


def _span(names: list[str]) -> str:
    return f"version {names[0]}" if len(names) == 1 else f"versions {names[0]}..{names[-1]}"


def check_latest(data_dir: Path) -> str | None:
    """The version ``latest`` names, or None when nothing was ever published. DatasetError when
    ``latest`` is missing, empty or names a version that is not there while versions exist: a
    run must not take that for a first run and publish a dataset without the earlier facts."""
    data_dir = Path(data_dir)
    name = latest(data_dir)
    published = versions(data_dir)
    folders = version_folders(data_dir)
    if name is None:
        if not folders or _pending_name(data_dir) is not None:
            return None  # a first run, or a publish that `finish_pending` completes (it names the newest folder)
        raise DatasetError(
            f"{data_dir / LATEST}: missing or empty, but {_span(folders)} exist{'s' if len(folders) == 1 else ''}. Nothing was "
            f"published. Run `reportx datasets repair {data_dir}` to point it at the newest version that verifies, "
            f"or run again with --from-scratch to publish a new version from the input files only")
    if name in folders and name not in published:
        raise DatasetError(
            f"{data_dir / name / 'datapackage.json'}: missing, so the latest version {name} is damaged. Nothing was "
            f"published. Run `reportx datasets repair {data_dir}` (re-extracts its documents from the stored or source "
            f"texts), or run again with --from-scratch")
    if name not in published:
        raise DatasetError(
            f"{data_dir / LATEST}: names {name}, which is not a published version here"
            f" (versions: {', '.join(published) or 'none'}). Nothing was published. Run `reportx datasets repair "
            f"{data_dir}` to point it at the newest version that verifies, or run again with --from-scratch")
    return name


def _version_like(name: str) -> bool:
    return name.startswith(_VERSION_PREFIX) and len(name) >= 5 and name[1:].isdigit()


def strays(data_dir: Path) -> list[tuple[str, str]]:
    """Entries of ``data_dir`` named like a version that are not versions published here, with why:
    a symbolic link, a file, or a folder whose manifest names another version (copied or renamed).
    A folder whose manifest is missing or unreadable is a damaged version, not a stray."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return []
    out = []
    for p in sorted(data_dir.iterdir()):
        if not _version_like(p.name):
            continue
        if p.is_symlink():
            out.append((p.name, f"a symbolic link (to {os.readlink(p)}), not a version folder"))
        elif not p.is_dir():
            out.append((p.name, "a file, not a version folder"))
        else:
            if not any(p.iterdir()):
                out.append((p.name, "an empty folder, not a version"))
                continue
            try:
                named = json.loads((p / "datapackage.json").read_text(encoding="utf-8")).get("version")
            except (OSError, ValueError, AttributeError):
                continue  # damaged: verify and repair deal with it, and it keeps its number
            if named != p.name:
                out.append((p.name, f"its manifest is of version {named!r}: a copied or renamed folder"))
    return out


def check_strays(data_dir: Path) -> None:
    """DatasetError naming every entry that looks like a version but is not one (see :func:`strays`):
    a run refuses to publish beside them, since readers would take them for versions."""
    bad = strays(data_dir)
    if bad:
        where = "; ".join(f"{Path(data_dir) / n}: {why}" for n, why in bad)
        raise DatasetError(f"{where}. Nothing was published. Move {'it' if len(bad) == 1 else 'them'} out of "
                           f"{data_dir} (only reportx writes version folders there), then run again")


def _next_version(data_dir: Path) -> str:
    # a damaged folder keeps its number, and so does anything else named like a version, and so does
    # a version the ledger records as published even if its folder was deleted since: a number
    # names one version, ever
    existing = [int(p.name[1:]) for p in Path(data_dir).iterdir() if _version_like(p.name)] if Path(data_dir).is_dir() else []
    from . import ledger

    existing += [int(e.version[1:]) for e in ledger.read(data_dir) if e.version and _version_like(e.version)]
    return f"{_VERSION_PREFIX}{(max(existing) + 1) if existing else 1:04d}"


def _clean_staging(data_dir: Path) -> None:
    """Remove what a stopped publish left: staging folders and half-written atomic files."""
    for p in data_dir.glob(".staging-*"):
        shutil.rmtree(p, ignore_errors=True)
    for p in data_dir.glob(".*.tmp"):
        p.unlink(missing_ok=True)


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
    pipeline: dict[str, bool] | None = None,
    code_version: str = "",
    extra: dict | None = None,
    share: bool = True,
) -> Published:
    """Write, verify and atomically publish a new version; return where it went. With ``share``
    (runs: ``latest`` was verified first) unchanged files are hard-linked from ``latest``; a repair
    of a damaged ``latest`` writes every file anew (``share=False``). ``pipeline``: the switches off
    their default the records were made with (a run without the NER), in the fingerprint and the manifest."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    _clean_staging(data_dir)
    staging = data_dir / f".staging-{uuid.uuid4().hex}"
    for sub in ("records", "merged", "provenance", "changes", "documents", "catalog", "schemas"):
        (staging / sub).mkdir(parents=True)
    fp = fingerprint(extractors, pipeline=pipeline)
    committed = False  # the version folder is renamed into place: from then on it is published
    try:
        inputs = [d if isinstance(d, InputDoc) else InputDoc(d, [d.source], fp) for d in documents]
        by_kind: dict[str, list[RecordBase]] = {k: [] for k in RECORD_MODELS}
        all_records = list(records)
        for r in all_records:
            by_kind.setdefault(r.kind, []).append(r)  # type: ignore[attr-defined]
        resources = []
        before = _previous_parts(data_dir) if share else {}
        since = (extra or {}).get("previous_version", latest(data_dir))
        earlier_facts = _merged_rows(data_dir, since)
        version = _next_version(data_dir)  # merged facts name it (first_seen, last_changed)
        merged = [_dated(m, earlier_facts.get(m.kind, {}).get(m.id), since, version) for m in merge_records(all_records)]
        for kind, recs in sorted(by_kind.items()):
            recs.sort(key=_record_sort_key)
            rows = [r.model_dump(mode="json") for r in recs]
            parts = _write_parts(staging, f"records/{kind}", rows, before.get(kind, []))
            resources.append(_resource(staging, kind, parts, f"schemas/{kind}.schema.json", f"schemas/{kind}.table.json"))
            rows, mentions = [], []
            for m in merged:
                if m.kind == kind:
                    fact, said = split_fact(m)
                    rows.append(fact)
                    mentions += said
            parts = _write_parts(staging, f"merged/{kind}", rows, before.get(f"merged_{kind}", []))
            resources.append(_resource(staging, f"merged_{kind}", parts, "schemas/merged.schema.json", "schemas/merged.table.json"))
            mentions.sort(key=_mention_key)
            parts = _write_parts(staging, f"provenance/{kind}", mentions, before.get(f"provenance_{kind}", []), key=_mention_key)
            resources.append(_resource(staging, f"provenance_{kind}", parts, "schemas/provenance.schema.json",
                                       "schemas/provenance.table.json"))
            changes = fact_changes(kind, since, earlier_facts.get(kind, {}), {r["id"]: r for r in rows})
            parts = [_part(staging, f"changes/{kind}.jsonl", _jsonl(staging / "changes" / f"{kind}.jsonl", changes))] if changes else []
            resources.append(_resource(staging, f"changes_{kind}", parts, "schemas/changes.schema.json", "schemas/changes.table.json"))
        docs = sorted({i.doc.doc_id: i for i in inputs}.values(), key=lambda i: i.doc.doc_id)
        earlier = _document_store(data_dir) if share else None
        for i in docs:
            _store_document(staging / "documents" / f"{i.doc.doc_id}.txt", i.doc.text, earlier)
        doc_rows = [{"doc_id": i.doc.doc_id, "sources": sorted(set(i.sources)), "source": sorted(set(i.sources))[0],
                     "title": i.doc.title, "encoding": i.doc.encoding, "chars": len(i.doc.text),
                     "path": f"documents/{i.doc.doc_id}.txt", "content_hash": f"sha256:{i.doc.doc_id}",
                     "fingerprint": i.fingerprint} for i in docs]
        parts = _write_parts(staging, "catalog", doc_rows, before.get("documents", []), key=_doc_key)
        resources.append(_resource(staging, "documents", parts, None, "schemas/documents.table.json"))
        _write_schemas(staging / "schemas", earlier.parent / "schemas" if earlier is not None else None)
        schema_files = {f.name: _sha256(f) for f in sorted((staging / "schemas").iterdir())}
        checkpoint("staging")  # records and documents written, manifest not yet
        manifest = {
            "$schema": DATA_PACKAGE_PROFILE,
            "name": "reportx",
            "format": FORMAT,
            "version": version,
            "schema_version": SCHEMA_VERSION,
            "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "code_version": code_version,
            "fingerprint": fp,
            "extractors": [{"name": n_, "version": v} for n_, v in extractors],
            **({"pipeline": dict(sorted(pipeline.items()))} if pipeline else {}),
            "resources": resources,
            "schema_files": schema_files,
            **(extra or {}),
        }
        _write_atomic(staging / "datapackage.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        verify(staging)
        stopping.check()  # the commit point: a SIGINT/SIGTERM swallowed anywhere before still stops it here
        while True:
            target = data_dir / version
            _write_atomic(data_dir / PENDING, version + "\n")
            try:
                os.rename(staging, target)
                committed = True
                break
            except OSError:
                if target.exists():  # only a publisher that bypassed the PublishLock gets here
                    (data_dir / PENDING).unlink(missing_ok=True)
                    raise DatasetError(f"{target}: published by another process while this version was written "
                                       f"(without the lock); nothing was published, run again") from None
                raise
        checkpoint("before_latest")  # the version is in place, `latest` not switched yet
        _write_atomic(data_dir / LATEST, version + "\n")
        (data_dir / PENDING).unlink(missing_ok=True)
        return Published(version, target, {k: len(v) for k, v in by_kind.items()}, len(docs))
    except BaseException:
        # renamed into place: the flag, or (a stop landing between the rename and the flag's
        # assignment) the staging folder gone while a version folder holds its place
        committed = committed or (not staging.exists() and "version" in locals() and (data_dir / version).is_dir()
                                  and _pending_name(data_dir) == version)
        shutil.rmtree(staging, ignore_errors=True)
        if committed and latest(data_dir) != version:  # stopped between the rename and the switch:
            _write_atomic(data_dir / LATEST, version + "\n")  # the version is whole, so finish publishing it
            (data_dir / PENDING).unlink(missing_ok=True)
        raise


def _dated(fact: MergedRecord, before: dict | None, since: str | None, version: str) -> MergedRecord:
    """``fact`` with ``first_seen`` and ``last_changed``: carried from its row in ``since`` (facts of
    versions before schema 1.4.0 count as first seen in ``since``), this version when it is new or
    its values changed."""
    if before is None:
        return fact.model_copy(update={"first_seen": version, "last_changed": version})
    changed = bool(changed_fields(before, fact.model_dump(mode="json")))
    return fact.model_copy(update={"first_seen": before.get("first_seen") or since,
                                   "last_changed": version if changed else before.get("last_changed") or since})


def _merged_rows(data_dir: Path, version: str | None) -> dict[str, dict[str, dict]]:
    """kind -> id -> merged row of ``version`` ({} for none, or for a version that cannot be read:
    a repair publishes after a damaged one, and its changes then list every fact as added)."""
    if not version or not (data_dir / version / "datapackage.json").is_file():
        return {}
    try:
        ds = open_dataset(data_dir, version)
        return {k: {r["id"]: r for r in ds.rows(f"merged_{k}")} for k in RECORD_MODELS}
    except (DatasetError, KeyError, TypeError):
        return {}


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


def _resource(root: Path, name: str, parts: list[dict], schema: str | None, table: str) -> dict:
    """A manifest resource. One file: ``path`` is a string. Several (records and merged facts,
    shared between versions in parts): ``path`` is the list of part files, read in that order as
    one JSON Lines stream (Frictionless' multipart resource), and ``parts`` gives each part's bytes,
    sha256 and count. ``bytes``, ``count`` and ``hash`` are those of the whole stream."""
    single = len(parts) == 1 and parts[0].get("single", False)
    res = {"name": name, "type": "table", "path": parts[0]["path"] if single else [p["path"] for p in parts],
           "format": "jsonl", "mediatype": "application/x-ndjson", "encoding": "utf-8",
           "count": sum(p["count"] for p in parts), "bytes": sum(p["bytes"] for p in parts)}
    if not parts:  # no rows: inline data holding only the header row (Frictionless cannot read an empty JSON Lines file)
        from .schemas import table_schema_for

        kind = _schema_kind(name)
        del res["path"], res["format"], res["mediatype"], res["encoding"]
        res.update(data=[[f["name"] for f in table_schema_for(kind)["fields"]]], parts=[])
    elif single:
        res["sha256"] = parts[0]["sha256"]
    else:
        res["parts"] = [{k: p[k] for k in ("path", "bytes", "sha256", "count")} for p in parts]
        res["sha256"] = _stream_sha256(root, parts)
    if parts:
        res["hash"] = f"sha256:{res['sha256']}"  # Frictionless' spelling
    else:
        del res["bytes"]
    res["schema"] = table  # the Table Schema (Frictionless validates rows against it)
    if schema:
        res["jsonschema"] = schema  # the JSON Schema, nested values included (verify checks every row)
    return res


def _schema_kind(name: str) -> str:
    """The schema family of a resource name: a kind, merged, provenance, changes or documents."""
    for prefix in ("merged", "provenance", "changes"):
        if name.startswith(prefix + "_"):
            return prefix
    return name


def json_schema_of(res: dict) -> str | None:
    """The JSON Schema path of a resource (``jsonschema``; versions before reportx-dataset/3 kept it
    in ``schema``, where the Table Schema is now)."""
    if "jsonschema" in res:
        return res["jsonschema"]
    legacy = res.get("schema")
    return legacy if isinstance(legacy, str) and legacy.endswith(".schema.json") else None


def parts_of(res: dict) -> list[dict]:
    """The files of a manifest resource, in reading order: [{path, bytes, sha256, count}]
    (a one-file resource, as every resource of format reportx-dataset/1, is one part)."""
    if "parts" in res:
        return list(res["parts"])  # [] for a resource without rows (inline header only)
    return [{"path": res["path"], "bytes": res["bytes"], "sha256": res.get("sha256") or res.get("hash", "")[7:],
             "count": res.get("count", 0)}]


def _part(root: Path, rel: str, count: int) -> dict:
    """A resource written as one file (``documents.jsonl``)."""
    p = root / rel
    return {"path": rel, "bytes": p.stat().st_size, "sha256": _sha256(p), "count": count, "single": True}


def _previous_parts(data_dir: Path) -> dict[str, list[tuple[Path, dict]]]:
    """Resource name -> the part files of the latest version (where they are, their manifest entry):
    what a new version can share instead of writing again. Empty before the first publish."""
    name = latest(data_dir)
    if name is None or not (data_dir / name / "datapackage.json").is_file():
        return {}
    try:
        manifest = _manifest(data_dir / name / "datapackage.json")
    except DatasetError:
        return {}
    return {res["name"]: [(data_dir / name, p) for p in parts_of(res)] for res in manifest.get("resources", [])}


def _id_key(row: dict):
    return row.get("id") if isinstance(row, dict) else None


def _mention_key(row: dict):
    """What identifies a provenance line: the fact, and the record that mentions it."""
    return (row.get("fact_id"), row.get("doc_id"), row.get("record_id")) if isinstance(row, dict) else None


def _doc_key(row: dict):
    return row.get("doc_id") if isinstance(row, dict) else None


def split_fact(m: MergedRecord) -> tuple[dict, list[dict]]:
    """A merged fact as stored (since format 4): its row without provenance, and one provenance
    row per mention, by reference (the mentioning record holds the evidence)."""
    row = m.model_dump(mode="json")
    mentions = [{"kind": m.kind, "fact_id": m.id, "doc_id": p["doc_id"], "record_id": p["record_id"],
                 "confidence": p["confidence"]} for p in row.pop("provenance")]
    return row, mentions


def join_facts(facts: list[dict], mentions: list[dict], records: list[dict]) -> list[dict]:
    """Merged facts with their ``provenance`` again, each mention with its record's evidence, in
    the order ``merge_records`` gives them (most confident first, then by document and offset).
    Rows that carry their provenance (versions before format 4) are returned as they are."""
    evidence = {r["id"]: r["evidence"] for r in records}
    by_fact: dict[str, list[dict]] = {}
    for p in mentions:
        by_fact.setdefault(p["fact_id"], []).append({"doc_id": p["doc_id"], "record_id": p["record_id"],
                                                     "evidence": evidence.get(p["record_id"]), "confidence": p["confidence"]})
    out = []
    for f in facts:
        if "provenance" in f:
            out.append(f)
            continue
        said = sorted(by_fact.get(f["id"], []), key=lambda p: (-p["confidence"], p["doc_id"], p["evidence"]["start"]))
        out.append({**f, "provenance": said})
    return out


def _write_parts(staging: Path, folder: str, rows: list[dict], previous: list[tuple[Path, dict]], key=_id_key) -> list[dict]:
    """Write one resource's rows as part files under ``staging/folder``; return the parts.

    A part of the previous version whose every row is in ``rows`` unchanged is hard-linked (the same
    bytes, one inode). The rows left over go into at most two new parts, each in the order given:
    rows that were already published unchanged but sat in a part that lost or changed a row
    ("settled"), and rows that are new or changed ("fresh"). Keeping the two apart keeps settled rows
    out of the way of facts that change often (a policy every new report cites): next time only
    the small fresh part is rewritten. Parts are named by the sha256 of their bytes, so a version's
    folder stays complete and self-verifying, and storage grows with the rows that changed, not
    with the number of versions. ``key`` tells which rows are one (a record's id by default).
    More than ``MAX_PARTS`` parts: the smallest are merged (``_compact``)."""
    (staging / folder).mkdir(parents=True, exist_ok=True)
    left: dict = {}
    for r in rows:
        left.setdefault(key(r), []).append(r)
    parts: list[dict] = []
    published: set[str] = set()  # every row of the previous version, as written
    for version_dir, part in previous:
        src = version_dir / part["path"]
        try:
            old = jsonl.read(src)
        except (OSError, jsonl.JsonlError):
            continue
        published.update(jsonl.dumps(o) for o in old)
        if (not old and rows) or not _take(left, old, key):  # an empty part is shared only by an empty resource
            continue
        rel = f"{folder}/{part['sha256'][:16]}.jsonl"
        if not _link_or_copy(src, staging / rel):
            for o in old:
                left.setdefault(key(o), []).append(o)
            continue
        parts.append({"path": rel, "bytes": part["bytes"], "sha256": part["sha256"], "count": len(old)})
    settled, fresh = [], []  # in the order given; a row listed twice stays twice
    for r in rows:
        bucket = left.get(key(r))
        if bucket and r in bucket:
            bucket.remove(r)
            (settled if jsonl.dumps(r) in published else fresh).append(r)
    for group in (settled, fresh):
        if group:
            parts.append(_new_part(staging, folder, group))
    return _compact(staging, folder, parts, rows, key)  # [] for no rows: the manifest holds such a resource inline


def _compact(staging: Path, folder: str, parts: list[dict], rows: list[dict], key) -> list[dict]:
    """Merge the smallest parts while there are more than ``MAX_PARTS``: a publish adds one or two
    small parts, so without this the manifest would list ever more of them. Merging the two
    smallest each time rewrites a row only a few times over many versions (as a binary counter
    carries), so storage still grows with what changed. The merged part keeps the rows in the
    order ``rows`` gives them."""
    if len(parts) <= MAX_PARTS:
        return parts  # the usual case: no row needs serialising to find its place
    order = {}
    for i, r in enumerate(rows):
        order.setdefault(jsonl.dumps(r), i)
    while len(parts) > MAX_PARTS:
        a, b = sorted(range(len(parts)), key=lambda i: (parts[i]["count"], i))[:2]
        both = jsonl.read(staging / parts[a]["path"]) + jsonl.read(staging / parts[b]["path"])
        both.sort(key=lambda r: order.get(jsonl.dumps(r), len(order)))
        gone = [parts[a]["path"], parts[b]["path"]]
        parts = [p for i, p in enumerate(parts) if i not in (a, b)]
        parts.append(_new_part(staging, folder, both))
        for rel in gone:
            if all(p["path"] != rel for p in parts):
                (staging / rel).unlink(missing_ok=True)
    return parts


def _new_part(staging: Path, folder: str, rows: list[dict]) -> dict:
    tmp = staging / folder / f".new-{uuid.uuid4().hex}.jsonl"
    n = jsonl.write(tmp, rows)
    sha = _sha256(tmp)
    rel = f"{folder}/{sha[:16]}.jsonl"
    os.replace(tmp, staging / rel)
    return {"path": rel, "bytes": (staging / rel).stat().st_size, "sha256": sha, "count": n}


def _take(left: dict, rows: list, key=_id_key) -> bool:
    """Remove ``rows`` from ``left`` (key -> rows) if every one of them is there, counting repeats;
    otherwise leave ``left`` as it was and return False."""
    taken: list[dict] = []
    for o in rows:
        bucket = left.get(key(o)) if isinstance(o, dict) else None
        if not bucket or o not in bucket:
            for t in taken:
                left[key(t)].append(t)
            return False
        bucket.remove(o)
        taken.append(o)
    return True


def _link_or_copy(src: Path, dst: Path) -> bool:
    """Hard-link ``src`` at ``dst`` (a copy on file systems without hard links); False if neither works."""
    try:
        os.link(src, dst)
        return True
    except FileExistsError:
        return True
    except OSError:
        try:
            shutil.copyfile(src, dst)
            return True
        except OSError:
            return False


def _stream_sha256(root: Path, parts: list[dict]) -> str:
    """sha256 of a multipart resource read as one stream (the parts' bytes in order)."""
    h = hashlib.sha256()
    for p in parts:
        with open(root / p["path"], "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


def _write_schemas(out: Path, earlier: Path | None = None) -> None:
    """Embed the JSON Schema of every record kind (generated from the models) in the version; a
    schema identical to the latest version's is hard-linked, not written again."""
    from .schemas import render_all

    for name, text in render_all().items():
        data = text.encode("utf-8")
        src = earlier / name if earlier is not None else None
        try:
            if src is not None and src.read_bytes() == data and _link_or_copy(src, out / name):
                continue
        except OSError:
            pass
        (out / name).write_bytes(data)


def verify(version_dir: Path, *, deep: bool = True) -> dict:
    """Check a version: hashes, sizes, counts, every record against its model and JSON Schema,
    every evidence offset against the stored text, every text against its doc_id.

    ``deep=False`` checks what can change after publishing (every file against the manifest's
    size and sha256, every text against its doc_id) and skips re-validating the records, which
    publishing already did: what a run does before building on ``latest``."""
    import jsonschema

    version_dir = Path(version_dir)
    manifest = _manifest(version_dir / "datapackage.json")
    if not version_dir.name.startswith(".staging-") and manifest.get("version") != version_dir.name:
        raise DatasetError(f"{version_dir / 'datapackage.json'}: the manifest is of version {manifest.get('version')!r}, "
                           f"not {version_dir.name!r}: the folder was copied or renamed")
    listed: set[str] = set()
    for res in manifest["resources"]:
        for part in parts_of(res):
            listed.add(part["path"])
            p = version_dir / part["path"]
            if not p.is_file():
                raise DatasetError(f"{p}: listed in the manifest but missing")
            if p.stat().st_size != part["bytes"] or _sha256(p) != part["sha256"]:
                raise DatasetError(f"{p}: size or sha256 differs from the manifest")
    inputs = _inputs_of(version_dir, manifest)
    listed.update(f"documents/{i['doc_id']}.txt" for i in inputs)
    for folder in ("records", "merged", "provenance", "changes", "documents", "catalog"):  # a file slipped in would be read by glob readers
        for f in sorted((version_dir / folder).rglob("*")) if (version_dir / folder).is_dir() else []:
            if not f.is_dir() and f.relative_to(version_dir).as_posix() not in listed:
                raise DatasetError(f"{f}: not listed in the manifest (a file added after publishing)")
    for name, digest in (manifest.get("schema_files") or {}).items():
        f = version_dir / "schemas" / name
        if not f.is_file() or _sha256(f) != digest:
            raise DatasetError(f"{f}: missing, or its sha256 differs from the manifest")
    texts: dict[str, str] = {}
    for inp in inputs:
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
    ids: dict[str, dict] = {}  # resource -> key -> row read (for the provenance check)
    for res in manifest["resources"]:
        rel_schema = json_schema_of(res)
        if rel_schema is None:
            continue
        if rel_schema not in validators:
            schema_path = version_dir / rel_schema
            try:
                validators[rel_schema] = jsonschema.Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))
            except (OSError, ValueError) as exc:
                raise DatasetError(f"{schema_path}: not a readable JSON Schema ({exc})") from None
        validator = validators[rel_schema]
        family = _schema_kind(res["name"])
        try:
            model = {"merged": StoredFact, "provenance": ProvenanceRow, "changes": FactChange}.get(family) or RECORD_MODELS[res["name"]]
        except UnknownKindError as exc:  # a plugin's kind, its package not installed here
            raise DatasetError(f"{version_dir / 'datapackage.json'}: resource {res['name']!r}: {exc.args[0]}") from None
        n = 0
        try:
            lines = [(part["path"], no, line) for part in parts_of(res) for no, line in jsonl.lines(version_dir / part["path"])]
        except jsonl.JsonlError as exc:
            raise DatasetError(str(exc)) from None
        for rel, lineno, line in lines:
            n += 1
            where = f"{rel}:{lineno}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DatasetError(f"{where}: not JSON ({exc.msg})") from None
            err = next(iter(validator.iter_errors(data)), None)
            if err is not None:
                raise DatasetError(f"{where}: does not follow {rel_schema}: {err.message}")
            try:  # a merged fact of a version before format 4 carries its provenance
                rec = (MergedRecord if family == "merged" and isinstance(data, dict) and "provenance" in data else model).model_validate(data)
            except ValueError as exc:
                raise DatasetError(f"{where}: invalid record: {exc}") from exc
            if family != "changes":
                ids.setdefault(res["name"], {})[(rec.fact_id, rec.doc_id, rec.record_id) if family == "provenance" else rec.id] = rec
            for doc_id, evidence in _evidences(rec):
                if doc_id not in texts:
                    raise DatasetError(f"{where}: document {doc_id} is not in the version")
                try:
                    evidence.check_against(texts[doc_id])
                except ValueError as exc:
                    raise DatasetError(f"{where}: {exc}") from exc
        if n != res["count"]:
            raise DatasetError(f"{version_dir / res['name']}: {n} records, manifest says {res['count']}")
    _check_provenance(version_dir, manifest, ids)
    return manifest


def _check_provenance(version_dir: Path, manifest: dict, ids: dict[str, dict]) -> None:
    """Since format 4: every provenance line names a merged fact of its kind and a record of the
    version read from the same document, and every merged fact has at least one."""
    for res in manifest["resources"]:
        if _schema_kind(res["name"]) != "provenance":
            continue
        kind = res["name"].removeprefix("provenance_")
        facts = {i: f for i, f in ids.get(f"merged_{kind}", {}).items() if isinstance(f, StoredFact)}
        records = ids.get(kind, {})
        backed: set[str] = set()
        for (fact_id, _doc, record_id), p in ids.get(res["name"], {}).items():
            if fact_id not in facts:
                raise DatasetError(f"{version_dir / 'provenance' / kind}: a mention of fact {fact_id}, which is not in merged/{kind}")
            rec = records.get(record_id)
            if rec is None or rec.doc_id != p.doc_id:
                raise DatasetError(f"{version_dir / 'provenance' / kind}: fact {fact_id} cites record {record_id}, "
                                   f"which is not a {kind} record of document {p.doc_id[:12]}")
            backed.add(fact_id)
        for fact_id in facts.keys() - backed:
            raise DatasetError(f"{version_dir / 'merged' / kind}: fact {fact_id} has no provenance line")


def _inputs_of(version_dir: Path, manifest: dict) -> list[dict]:
    """The documents of a version: its catalog's rows (format 4), or the manifest's ``inputs``
    (earlier formats). The catalog's parts are read as they are; ``verify`` checks their hashes."""
    if "inputs" in manifest:
        return list(manifest["inputs"])
    res = next((r for r in manifest.get("resources", []) if r.get("name") == "documents"), None)
    if res is None:
        return []
    try:
        return [row for part in parts_of(res) for row in jsonl.read(version_dir / part["path"])]
    except (OSError, jsonl.JsonlError) as exc:
        raise DatasetError(f"{version_dir}: the catalog of documents cannot be read ({exc})") from None


def _evidences(rec) -> list:
    if isinstance(rec, MergedRecord):
        return [(p.doc_id, p.evidence) for p in rec.provenance]
    if isinstance(rec, (FactChange, StoredFact, ProvenanceRow)):  # no evidence of their own
        return []
    return [(rec.doc_id, rec.evidence), *((rec.doc_id, s) for s in rec.support)]


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
        """doc_id -> its entry in the catalog (doc_id, source, sources, content_hash, fingerprint;
        the manifest's ``inputs`` list in versions before format 4)."""
        return {i["doc_id"]: i for i in _inputs_of(self.path, self.manifest)}

    @cached_property
    def documents(self) -> dict[str, dict]:
        """doc_id -> its catalog row (sources, title, encoding)."""
        if "inputs" not in self.manifest:  # format 4: the catalog is what ``inputs`` already read
            return self.inputs
        return {r["doc_id"]: r for r in self.rows("documents")}

    def records(self, kind: str | None = None) -> list[RecordBase]:
        """Per-document records (typed), of one kind or all kinds."""
        out: list[RecordBase] = []
        for k in ([kind] if kind else sorted(RECORD_MODELS)):
            model = RECORD_MODELS[k]
            out += [model.model_validate(x) for x in self.rows(k)]
        return out

    def resource(self, name: str) -> dict | None:
        """The manifest entry of resource ``name`` (a kind, ``merged_<kind>``, ``documents``)."""
        return next((r for r in self.manifest.get("resources", []) if r["name"] == name), None)

    def rows(self, name: str) -> list[dict]:
        """The rows of resource ``name`` as plain JSON values, every part in order ([] if absent)."""
        res = self.resource(name)
        if res is None:
            return []
        return [row for part in parts_of(res) for row in _rows(self.path / part["path"])]

    def merged(self, kind: str | None = None) -> list[MergedRecord]:
        """Records merged across documents, with provenance (joined from ``provenance/<kind>``)."""
        out: list[MergedRecord] = []
        for k in ([kind] if kind else sorted(RECORD_MODELS)):
            rows = join_facts(self.rows(f"merged_{k}"), self.rows(f"provenance_{k}"), self.rows(k))
            out += [MergedRecord.model_validate(x) for x in rows]
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
    if not (name[:1] == _VERSION_PREFIX and name[1:].isdigit()):  # a name, never a path out of the folder
        known = ", ".join(versions(data_dir)) or "none"
        raise DatasetError(f"{data_dir}: {name!r} is not a version name like v0001 (published: {known})")
    path = data_dir / name
    mf = path / "datapackage.json"
    if path.is_symlink():
        raise DatasetError(f"{path}: a symbolic link, not a version folder of {data_dir}")
    if not mf.is_file():
        known = ", ".join(versions(data_dir)) or "none"
        raise DatasetError(f"{data_dir}: no version {name!r} (published: {known})")
    manifest = _manifest(mf)
    if manifest.get("version") != name:
        raise DatasetError(f"{mf}: the manifest is of version {manifest.get('version')!r}, not {name!r}: the folder was "
                           f"copied or renamed")
    return Dataset(path, manifest)


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


#: what identifies a per-document record's place rather than its content (a fact whose report was
#: edited gets a new doc_id, so a new id, and usually new offsets, and is still the same fact), and
#: the schema version a row was written under (an additive schema bump changes no fact)
_PLACE = ("id", "doc_id", "schema_version")


def value_changes(x: dict, y: dict) -> list[str]:
    """The fields whose values differ between two rows of one fact: its place (id, doc_id, evidence
    offsets and page) is not a value, the evidence text is."""
    def content(r: dict) -> dict:
        out = {k: v for k, v in r.items() if k not in _PLACE}
        if isinstance(out.get("evidence"), dict):
            out["evidence"] = out["evidence"].get("text")
        if isinstance(out.get("support"), list):  # like the evidence: its texts, not its offsets
            out["support"] = [s.get("text") if isinstance(s, dict) else s for s in out["support"]]
        return out

    cx, cy = content(x), content(y)
    return sorted(k for k in cx.keys() | cy.keys() if cx.get(k) != cy.get(k))


def changed_fields(x: dict, y: dict) -> list[str]:
    """What changed between two rows of one fact: for merged facts the names of the values
    (``fields``) that differ, never their provenance; for per-document records ``value_changes``.
    A value absent on one side equals null (a field added by a schema bump is no change)."""
    if "fields" in x or "fields" in y:
        fx, fy = x.get("fields") or {}, y.get("fields") or {}
        return sorted(k for k in fx.keys() | fy.keys() if fx.get(k) != fy.get(k))
    return value_changes(x, y)


def supersessions(data_dir: Path, after: str, upto: str) -> dict[str, str]:
    """old doc_id -> the doc_id that replaced it, for the documents superseded (their file edited in
    place) by the versions after ``after`` up to ``upto``, chains followed to the newest text."""
    moves: dict[str, str] = {}
    for v in versions(data_dir):
        if after < v <= upto:
            for s in _manifest(Path(data_dir) / v / "datapackage.json").get("superseded", []):
                moves[s["doc_id"]] = s["by"]
    for old in list(moves):
        seen = {old}
        while moves[old] in moves and moves[old] not in seen:
            seen.add(moves[old])
            moves[old] = moves[moves[old]]
    return moves


def diff(a: Dataset, b: Dataset, *, merged: bool = False) -> Diff:
    """Records added, removed and changed from version ``a`` to ``b`` (per-document, or merged).

    Per-document records of a report edited in place in between (its earlier text superseded) are
    paired with the new text's records by kind and key fields: the same fact is unchanged, or
    changed in the fields that differ, never removed and added again."""
    def index(ds: Dataset) -> dict[str, dict]:
        rows = ds.merged() if merged else ds.records()
        return {r.id: r.model_dump(mode="json") for r in rows}

    moves = supersessions(a.path.parent, a.version, b.version) if not merged and a.path.parent == b.path.parent else {}
    return diff_rows(index(a), index(b), a.version, b.version, moves)


def diff_rows(ra: dict[str, dict], rb: dict[str, dict], a: str, b: str, moves: dict[str, str] | None = None) -> Diff:
    """``diff`` of two versions' rows (id -> row); ``moves``: superseded doc_id -> its successor."""
    out = Diff(a, b)
    pairs = [(rid, rid) for rid in sorted(ra.keys() & rb.keys())]
    gone, new = set(ra.keys() - rb.keys()), set(rb.keys() - ra.keys())
    for rid in sorted(gone) if moves else ():
        row = ra[rid]
        if row.get("doc_id") in moves:
            moved = stable_id(row["kind"], moves[row["doc_id"]], row)
            if moved in new:
                pairs.append((rid, moved))
                gone.discard(rid)
                new.discard(moved)
    out.added = [rb[rid] for rid in sorted(new)]
    out.removed = [ra[rid] for rid in sorted(gone)]
    for x, y in pairs:
        if changed_fields(ra[x], rb[y]):
            out.changed.append((ra[x], rb[y]))
        else:
            out.unchanged += 1
    return out


def fact_changes(kind: str, since: str | None, before: dict[str, dict], after: dict[str, dict]) -> list[dict]:
    """The ``changes/<kind>.jsonl`` rows (FactChange) from merged facts ``before`` to ``after``
    (id -> merged row): exactly ``diff(..., merged=True)`` of the two versions, one row per fact."""
    d = diff_rows(before, after, since or "", "")
    rows = [{"change": "added", "kind": kind, "id": r["id"], "since": since, "fields": r["fields"], "previous": None,
             "changed_fields": []} for r in d.added]
    rows += [{"change": "removed", "kind": kind, "id": r["id"], "since": since, "fields": None, "previous": r["fields"],
              "changed_fields": []} for r in d.removed]
    rows += [{"change": "changed", "kind": kind, "id": y["id"], "since": since, "fields": y["fields"], "previous": x["fields"],
              "changed_fields": changed_fields(x, y)} for x, y in d.changed]
    return sorted(rows, key=lambda r: r["id"])


def changes_since(data_dir: Path, since: str, kinds: Sequence[str] | None = None) -> Iterable[dict]:
    """Every fact change of the versions after ``since`` up to ``latest``, oldest first: each
    version's ``changes/<kind>.jsonl`` rows with ``version`` added (for a version published before
    change files existed, computed from its merged facts and its predecessor's)."""
    data_dir = Path(data_dir)
    published = versions(data_dir)
    if since not in published:
        raise DatasetError(f"{data_dir}: no version {since!r} (published: {', '.join(published) or 'none'})")
    upto = latest(data_dir) or since
    for v in published:
        if not since < v <= upto:
            continue
        ds = open_dataset(data_dir, v)
        for kind in kinds or sorted(RECORD_MODELS):
            if ds.resource(f"changes_{kind}") is not None:
                rows = ds.rows(f"changes_{kind}")
            else:
                prev = ds.manifest.get("previous_version")
                rows = fact_changes(kind, prev, _merged_rows(data_dir, prev).get(kind, {}),
                                    {r["id"]: r for r in ds.rows(f"merged_{kind}")})
            for row in rows:
                yield {"version": v, **row}

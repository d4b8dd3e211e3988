"""Immutable, versioned JSON datasets.

Layout of ``DATA_DIR``::

    DATA_DIR/
      v0001/                      one published version (never modified after publish)
        datapackage.json          manifest: resources with bytes/sha256/count, inputs, extractors
        records/<kind>.jsonl      one record a line, UTF-8, sorted by (doc_id, start, id)
        documents/<doc_id>.txt    the document texts that evidence offsets refer to
        documents.jsonl           one line per input document (doc_id, source, title, sha256)
      latest                      text file naming the newest complete version ("v0001")

A version is written into ``.staging-*``, validated, then renamed into place; ``latest`` is
replaced atomically afterwards. A crash leaves the previous ``latest`` complete; leftover
staging directories are removed by the next publish. The store knows records and manifests,
not extractors or NLP.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .document import Document
from .records import RECORD_MODELS, SCHEMA_VERSION, RecordBase

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


def publish(
    data_dir: Path,
    records: Iterable[RecordBase],
    documents: Sequence[Document],
    *,
    extractors: Sequence[tuple[str, str]] = (),
    code_version: str = "",
    extra: dict | None = None,
) -> Published:
    """Write, validate and atomically publish a new version; return where it went."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    _clean_staging(data_dir)
    staging = data_dir / f".staging-{uuid.uuid4().hex}"
    (staging / "records").mkdir(parents=True)
    (staging / "documents").mkdir()
    try:
        by_kind: dict[str, list[RecordBase]] = {k: [] for k in RECORD_MODELS}
        for r in records:
            by_kind.setdefault(r.kind, []).append(r)  # type: ignore[attr-defined]
        docs = {d.doc_id: d for d in documents}
        resources = []
        for kind, recs in sorted(by_kind.items()):
            recs.sort(key=_record_sort_key)
            path = staging / "records" / f"{kind}.jsonl"
            with open(path, "w", encoding="utf-8") as f:
                for r in recs:
                    f.write(json.dumps(r.model_dump(mode="json"), ensure_ascii=False, sort_keys=True) + "\n")
            resources.append({
                "name": kind, "path": f"records/{kind}.jsonl", "format": "jsonl", "mediatype": "application/x-ndjson",
                "encoding": "utf-8", "schema": f"schemas/{kind}.schema.json", "count": len(recs),
            })
        doc_index = []
        for doc_id, d in sorted(docs.items()):
            (staging / "documents" / f"{doc_id}.txt").write_text(d.text, encoding="utf-8", newline="")
            doc_index.append({"doc_id": doc_id, "source": d.source, "title": d.title, "encoding": d.encoding, "chars": len(d.text), "path": f"documents/{doc_id}.txt"})
        with open(staging / "documents.jsonl", "w", encoding="utf-8") as f:
            for row in doc_index:
                f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        resources.append({"name": "documents", "path": "documents.jsonl", "format": "jsonl", "count": len(doc_index)})
        for res in resources:
            p = staging / res["path"]
            res["bytes"] = p.stat().st_size
            res["hash"] = f"sha256:{_sha256(p)}"
        _copy_schemas(staging)
        version = _next_version(data_dir)
        manifest = {
            "profile": "data-package",
            "name": "reportx",
            "format": FORMAT,
            "version": version,
            "schema_version": SCHEMA_VERSION,
            "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "code_version": code_version,
            "extractors": [{"name": n, "version": v} for n, v in extractors],
            "inputs": [{"doc_id": r["doc_id"], "source": r["source"], "content_hash": f"sha256:{r['doc_id']}"} for r in doc_index],
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
        _write_atomic(data_dir / LATEST, version + "\n")
        return Published(version, target, {k: len(v) for k, v in by_kind.items()}, len(doc_index))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _copy_schemas(staging: Path) -> None:
    """Embed the JSON Schema of every record kind (generated from the models) in the version."""
    from .schemas import schema_for

    out = staging / "schemas"
    out.mkdir()
    for kind in RECORD_MODELS:
        (out / f"{kind}.schema.json").write_text(json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def verify(version_dir: Path) -> dict:
    """Check a version: hashes, byte sizes, every record against its model, every evidence offset."""
    version_dir = Path(version_dir)
    mf = version_dir / "datapackage.json"
    if not mf.is_file():
        raise DatasetError(f"{mf}: missing manifest")
    manifest = json.loads(mf.read_text(encoding="utf-8"))
    for res in manifest["resources"]:
        p = version_dir / res["path"]
        if not p.is_file():
            raise DatasetError(f"{p}: listed in the manifest but missing")
        if p.stat().st_size != res["bytes"] or f"sha256:{_sha256(p)}" != res["hash"]:
            raise DatasetError(f"{p}: size or sha256 differs from the manifest")
    for inp in manifest.get("inputs", []):
        tp = version_dir / "documents" / f"{inp['doc_id']}.txt"
        if not tp.is_file() or hashlib.sha256(tp.read_text(encoding="utf-8").encode("utf-8")).hexdigest() != inp["doc_id"]:
            raise DatasetError(f"{tp}: document text missing or its sha256 is not its doc_id")
    texts: dict[str, str] = {}
    for res in manifest["resources"]:
        kind = res["name"]
        if kind not in RECORD_MODELS:
            continue
        model = RECORD_MODELS[kind]
        with open(version_dir / res["path"], encoding="utf-8") as f:
            n = 0
            for lineno, line in enumerate(f, 1):
                n += 1
                try:
                    rec = model.model_validate_json(line)
                except ValueError as exc:
                    raise DatasetError(f"{res['path']}:{lineno}: invalid {kind} record: {exc}") from exc
                if rec.doc_id not in texts:
                    tp = version_dir / "documents" / f"{rec.doc_id}.txt"
                    if not tp.is_file():
                        raise DatasetError(f"{res['path']}:{lineno}: document {rec.doc_id} is not in the version")
                    texts[rec.doc_id] = tp.read_text(encoding="utf-8")
                try:
                    rec.evidence.check_against(texts[rec.doc_id])
                except ValueError as exc:
                    raise DatasetError(f"{res['path']}:{lineno}: {exc}") from exc
            if n != res["count"]:
                raise DatasetError(f"{res['path']}: {n} records, manifest says {res['count']}")
    return manifest


def read_records(version_dir: Path, kind: str) -> list[dict]:
    """Records of one kind from a published version, as dicts."""
    path = Path(version_dir) / "records" / f"{kind}.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

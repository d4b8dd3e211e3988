"""The library side of a run: discover inputs, process them, publish a version.

The Prefect flow (flows/ingest.py) wraps these steps as tasks; nothing here imports Prefect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .dataset import Published, publish
from .document import Document
from .extractors import Extractor
from .ingest import SUPPORTED_SUFFIXES, IngestError, read_document
from .process import DocumentResult, RejectedRecord
from .records import RecordBase


@dataclass
class Outcome:
    """What happened to one input file."""

    source: str
    state: str  # "published" | "quarantined"
    reason: str = ""
    doc_id: str = ""
    records: int = 0


@dataclass
class RunSummary:
    outcomes: list[Outcome] = field(default_factory=list)
    rejected: list[RejectedRecord] = field(default_factory=list)
    published: Published | None = None

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.published.counts) if self.published else {}

    def line(self) -> str:
        """One-line summary for logs and the CLI."""
        n_pub = sum(o.state == "published" for o in self.outcomes)
        n_q = sum(o.state == "quarantined" for o in self.outcomes)
        counts = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        where = f"{self.published.version} at {self.published.path}" if self.published else "nothing published"
        return f"{len(self.outcomes)} files: {n_pub} published, {n_q} quarantined; records: {counts or 'none'}; {where}"


def discover(input_dir: Path) -> list[Path]:
    """Report files under ``input_dir`` (recursive, sorted; hidden files ignored)."""
    input_dir = Path(input_dir)
    if not input_dir.is_dir():
        raise FileNotFoundError(f"{input_dir}: input folder does not exist")
    return sorted(
        p for p in input_dir.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(input_dir).parts)
    )


def load(path: Path) -> Document:
    """Read one input; IngestError (with the file and reason) for files that cannot be reports."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise IngestError(path, f"unsupported file type {path.suffix or '(none)'}")
    return read_document(path)


def publish_results(out_dir: Path, results: list[DocumentResult], extractors: list[Extractor], quarantined: list[Outcome]) -> Published:
    """Publish one version holding every processed document and its records."""
    records: list[RecordBase] = [r for res in results for r in res.records]
    docs = [res.doc for res in results]
    extra = {"quarantined": [{"source": o.source, "reason": o.reason} for o in quarantined]}
    return publish(
        out_dir, records, docs,
        extractors=[(e.name, e.version) for e in extractors],
        code_version=__version__,
        extra=extra,
    )

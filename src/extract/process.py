"""Run the extractors over one document: structure, NLP, extract, validate.

This is the library's per-document step; the CLI and the Prefect flows call it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from spacy.language import Language

from .document import Document
from .extractors import ExtractionContext, Extractor, create
from .records import RECORD_MODELS, RecordBase
from .structure import analyse


@dataclass
class RejectedRecord:
    """A record that failed validation: never published, always reported."""

    doc_id: str
    source: str
    extractor: str
    reason: str


#: the reason prefix of a rejection that is an extractor's crash, not one bad record
CRASHED = "extractor crashed: "


@dataclass
class DocumentResult:
    doc: Document
    records: list[RecordBase] = field(default_factory=list)
    rejected: list[RejectedRecord] = field(default_factory=list)

    @property
    def crashed(self) -> list[RejectedRecord]:
        """Extractors that failed on the whole document (its records of their kinds are missing)."""
        return [r for r in self.rejected if r.reason.startswith(CRASHED)]


def validate_record(record: RecordBase, doc: Document) -> None:
    """Raise ValueError unless the record re-validates against its model and its evidence offsets hold."""
    model = RECORD_MODELS[record.kind]  # type: ignore[attr-defined]
    model.model_validate(record.model_dump())
    if record.doc_id != doc.doc_id:
        raise ValueError(f"doc_id {record.doc_id} is not the document's {doc.doc_id}")
    record.evidence.check_against(doc.text)


def _dedupe(records: Iterable[RecordBase]) -> list[RecordBase]:
    """One record per id: the same fact found twice keeps the more confident, earlier mention."""
    best: dict[str, RecordBase] = {}
    for r in records:
        cur = best.get(r.id)
        if cur is None or r.confidence > cur.confidence:
            best[r.id] = r
    return sorted(best.values(), key=lambda r: (r.evidence.start, r.kind, r.id))


def extract_document(doc: Document, extractors: list[Extractor] | None = None, nlp: Language | None = None) -> DocumentResult:
    """All validated records of one document; failing records go to ``rejected`` with the reason."""
    extractors = extractors if extractors is not None else create()
    ctx = ExtractionContext(doc, analyse(doc), nlp)
    result = DocumentResult(doc)
    found: list[RecordBase] = []
    for ex in extractors:
        try:
            produced = list(ex.extract(ctx))
        except Exception as exc:  # one broken extractor must not lose the others' records
            result.rejected.append(RejectedRecord(doc.doc_id, doc.source, ex.name, f"{CRASHED}{exc!r}"))
            continue
        for rec in produced:
            try:
                validate_record(rec, doc)
            except ValueError as exc:
                result.rejected.append(RejectedRecord(doc.doc_id, doc.source, ex.name, str(exc)))
                continue
            found.append(rec)
    result.records = _dedupe(found)
    return result

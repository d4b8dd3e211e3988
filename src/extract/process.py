"""Run the extractors over one document: structure, NLP, extract, validate.

This is the library's per-document step; the CLI and the Prefect flows call it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from spacy.language import Language

from .document import Document
from .extractors import ExtractionContext, Extractor, create
from .extractors.base import Trace
from .records import DOCUMENT_FIELDS, RECORD_MODELS, RecordBase
from .structure import across_wraps, analyse, unwrap


@dataclass
class RejectedRecord:
    """A record that failed validation: never published, always reported."""

    doc_id: str
    source: str
    extractor: str
    reason: str
    kind: str = ""
    start: int = -1  # the rejected record's evidence span (-1: a whole-document failure)
    end: int = -1


#: the reason prefix of a rejection that is an extractor's crash, not one bad record
CRASHED = "extractor crashed: "


@dataclass
class DocumentResult:
    doc: Document
    records: list[RecordBase] = field(default_factory=list)
    rejected: list[RejectedRecord] = field(default_factory=list)
    #: the extraction context with its Trace, when extract_document(trace=True)
    context: ExtractionContext | None = field(default=None, repr=False, compare=False)

    @property
    def crashed(self) -> list[RejectedRecord]:
        """Extractors that failed on the whole document (its records of their kinds are missing)."""
        return [r for r in self.rejected if r.reason.startswith(CRASHED)]


def validate_record(record: RecordBase, doc: Document) -> None:
    """Raise ValueError unless the record re-validates against its model and its evidence and
    support offsets hold (document offsets: a span computed in a block's view fails here)."""
    model = RECORD_MODELS[record.kind]  # type: ignore[attr-defined]
    model.model_validate(record.model_dump())
    if record.doc_id != doc.doc_id:
        raise ValueError(f"doc_id {record.doc_id} is not the document's {doc.doc_id}")
    record.evidence.check_against(doc.text)
    for span in record.support:
        span.check_against(doc.text)


def _dedupe(records: Iterable[RecordBase]) -> list[RecordBase]:
    """One record per id: the same fact found twice keeps the more confident, earlier mention."""
    best: dict[str, RecordBase] = {}
    for r in records:
        cur = best.get(r.id)
        if cur is None or r.confidence > cur.confidence:
            best[r.id] = r
    return sorted(best.values(), key=lambda r: (r.evidence.start, r.kind, r.id))


def extract_document(doc: Document, extractors: list[Extractor] | None = None, nlp: Language | None = None, *,
                     trace: bool = False) -> DocumentResult:
    """All validated records of one document; failing records go to ``rejected`` with the reason.

    A document in traditional characters is read through its simplified view (``script``) and
    its records are mapped back to the original text: evidence and names as written. With
    ``trace`` the result keeps its extraction context and Trace (for ``reportx eval --errors``)."""
    from .script import simplified_view

    extractors = extractors if extractors is not None else create()
    view = simplified_view(doc.text)
    if view is None:
        return _extract(doc, extractors, nlp, trace)
    work = Document(text=view, source=doc.source, title=doc.title, encoding=doc.encoding, metadata=doc.metadata)
    seen = _extract(work, extractors, nlp, trace)
    result = DocumentResult(doc, rejected=[RejectedRecord(doc.doc_id, r.source, r.extractor, r.reason, r.kind, r.start, r.end)
                                           for r in seen.rejected], context=seen.context)
    for rec in seen.records:
        try:
            back = _as_written(rec, doc, view)
            validate_record(back, doc)
        except ValueError as exc:
            result.rejected.append(RejectedRecord(doc.doc_id, doc.source, rec.extractor.name, f"traditional text: {exc}",
                                                  rec.kind, rec.evidence.start, rec.evidence.end))
            continue
        result.records.append(back)
    result.records = _dedupe(result.records)
    return result


_META = DOCUMENT_FIELDS


def _wrapped(value: str):
    """``value`` matching also where a line break cuts it (names of a sensible length only)."""
    return across_wraps(value) if 2 <= len(value) <= 200 else None


def _as_written(rec: RecordBase, doc: Document, view: str) -> RecordBase:
    """A record found in the simplified view, with its evidence, support spans and names from the
    original text (same offsets: the view has the original's length). A name is taken from the
    evidence when written there, else from the first support span that holds it (a company named
    in an earlier sentence or a heading), else from where the view first writes it."""
    from .records import stable_id

    spans = [(rec.evidence.start, rec.evidence.end)] + [(s.start, s.end) for s in rec.support]

    def back(value):
        if isinstance(value, str) and value:
            for start, end in spans:
                at = view.find(value, start, end)
                if at >= 0:
                    return doc.text[at:at + len(value)]
            # a name a line break cuts ("…審評審批工\n作程序（試行）" in a hard-wrapped announcement):
            # as written, the break left out as the record's value left it out
            wrapped = _wrapped(value)
            for start, end in spans:
                m = wrapped.search(view, start, end) if wrapped is not None else None
                if m is not None:
                    return unwrap(doc.text[m.start():m.end()])
            # a name the entity layer resolved from elsewhere (the issuer heading the report):
            # as the original writes it where the view has it first, never in simplified form
            at = view.find(value)
            if at >= 0:
                return doc.text[at:at + len(value)]
            return value
        if isinstance(value, list):
            return [back(v) for v in value]
        if isinstance(value, dict):
            return {k: back(v) for k, v in value.items()}
        return value

    data = rec.model_dump(mode="json")
    for key, value in data.items():
        if key not in _META:
            data[key] = back(value)
    data["doc_id"] = doc.doc_id
    data["evidence"] = {**data["evidence"], "text": doc.text[rec.evidence.start:rec.evidence.end]}
    data["support"] = [{**s, "text": doc.text[s["start"]:s["end"]]} for s in data["support"]]
    data["id"] = stable_id(rec.kind, doc.doc_id, data)  # type: ignore[attr-defined]
    return RECORD_MODELS[rec.kind].model_validate(data)  # type: ignore[attr-defined]


def _extract(doc: Document, extractors: list[Extractor], nlp: Language | None, trace: bool = False) -> DocumentResult:
    ctx = ExtractionContext(doc, analyse(doc), nlp, Trace() if trace else None)
    result = DocumentResult(doc, context=ctx if trace else None)
    found: list[RecordBase] = []
    for ex in extractors:
        ctx.kind = ex.kind
        try:
            produced = list(ex.extract(ctx))
        except Exception as exc:  # one broken extractor must not lose the others' records
            result.rejected.append(RejectedRecord(doc.doc_id, doc.source, ex.name, f"{CRASHED}{exc!r}"))
            continue
        for rec in produced:
            try:
                validate_record(rec, doc)
            except ValueError as exc:
                result.rejected.append(RejectedRecord(doc.doc_id, doc.source, ex.name, str(exc), rec.kind,
                                                      rec.evidence.start, rec.evidence.end))
                continue
            found.append(rec)
    result.records = _dedupe(found)
    return result

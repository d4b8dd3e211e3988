"""The extractor contract: a small Protocol, a context, and a helper base class.

Extractors see a Document, its Structure (typed blocks) and the spaCy pipeline; they return
records. They never touch files, datasets, the CLI or Prefect.
"""

from __future__ import annotations

from typing import Any, ClassVar, Iterable, Protocol, runtime_checkable

import regex as re

from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.tokens import Doc

from .confidence import CLAUSE
from ..document import Document
from ..document import page_of
from ..entities import DocumentEntities, build as build_entities, enabled as entities_enabled
from ..records import Evidence, ExtractorRef, RecordBase, Span, stable_id
from ..structure import Block, Structure, sentence_spans, trim_span


#: blocks run through the pipeline in one batch (see ExtractionContext._prefetch)
PREFETCH = 32


class ExtractorConfig(BaseModel):
    """Per-extractor settings; unknown keys are an error."""

    model_config = ConfigDict(extra="forbid")


class Trace:
    """What extraction did with one document, kept only when asked (``reportx eval --errors``
    reads it to say which stage lost a missed fact; production runs keep none).

    ``read[kind]``: starts of the blocks an extractor of ``kind`` looked at for a trigger;
    ``triggered[kind]``: those whose text held one; ``filtered``: candidates an extractor dropped
    on purpose, as (kind, start, end, why) in document offsets.
    """

    def __init__(self) -> None:
        self.read: dict[str, set[int]] = {}
        self.triggered: dict[str, set[int]] = {}
        self.filtered: list[tuple[str, int, int, str]] = []


class ExtractionContext:
    """What an extractor may look at for one document."""

    def __init__(self, doc: Document, structure: Structure, nlp: Language | None = None, trace: Trace | None = None):
        self.doc = doc
        self.structure = structure
        self.nlp = nlp
        self._docs: dict[int, Doc] = {}
        self.trace = trace
        self.kind = ""  # the kind of the extractor running now (set by process; used by the trace)
        self._entity_layer: DocumentEntities | None = None
        self._entity_layer_built = False

    @property
    def entity_layer(self) -> DocumentEntities | None:
        """The document's entity layer (typed mentions, ORG clusters, the organisation in focus;
        ``extract.entities``), built once for all extractors on first use; None when switched off
        (``REPORTX_ENTITIES=0``)."""
        if not self._entity_layer_built:
            self._entity_layer_built = True
            if entities_enabled():
                self._entity_layer = build_entities(self.doc.text, self.structure, self._ner_entities)
        return self._entity_layer

    def _ner_entities(self, block: Block) -> list[tuple[int, int, str]] | None:
        """(start, end, label) of the pipeline's entities in ``block`` (the trained NER's and the
        gazetteer ruler's), in document offsets; None without a pipeline."""
        if self.nlp is None:
            return None
        view = block.view(self.doc.text)
        return [(*view.doc_span(s, e), label) for s, e, label in self.entities(block)]

    def filtered(self, start: int, end: int, why: str) -> None:
        """Say that a candidate at document span [start, end) was dropped on purpose (a title
        that names a report, a round of a fund); traced for ``reportx eval --errors``, else free."""
        if self.trace is not None:
            self.trace.filtered.append((self.kind, start, end, why))

    @property
    def text(self) -> str:
        return self.doc.text

    def spacy_doc(self, block: Block) -> Doc | None:
        """The block's normalised view run through the spaCy pipeline (cached; None without nlp)."""
        if self.nlp is None:
            return None
        key = block.start
        if key not in self._docs:
            self._docs[key] = self.nlp(block.view(self.doc.text).text)
        return self._docs[key]

    def sentences(self, block: Block, trigger: "re.Pattern | None" = None) -> list[tuple[int, int]]:
        """Sentence spans (offsets in the block's view) of a block that can hold a record.

        Blocks whose view matches ``trigger`` (a cheap regex of the extractor's vocabulary) go
        through the spaCy pipeline (pkuseg tokens, the sentence component); a block without a
        trigger word has no sentence worth reading and gives []. Without a pipeline the same
        boundaries come from ``sentence_spans``.
        """
        view = block.view(self.doc.text)
        hit = trigger is None or trigger.search(view.text) is not None
        if self.trace is not None and self.kind:
            self.trace.read.setdefault(self.kind, set()).add(block.start)
            if hit:
                self.trace.triggered.setdefault(self.kind, set()).add(block.start)
        if not hit:
            return []
        if trigger is not None and self.nlp is not None and block.start not in self._docs:
            self._prefetch(block, trigger)
        doc = self.spacy_doc(block)
        if doc is None:
            return sentence_spans(view.text)
        text = doc.text
        return [trim_span(text, s.start_char, s.end_char) for s in doc.sents if s.text.strip()]

    def _prefetch(self, block: Block, trigger: "re.Pattern") -> None:
        """Run the pipeline over this block and the next blocks of its type that match ``trigger``
        in one ``nlp.pipe`` batch: the extractor asking now will ask for them next, and batched
        tok2vec/NER is much faster than one call per block."""
        batch = [block]
        for b in self.structure.blocks:
            if len(batch) >= PREFETCH:
                break
            if b.start > block.start and b.type == block.type and b.start not in self._docs \
                    and trigger.search(b.view(self.doc.text).text):
                batch.append(b)
        texts = [b.view(self.doc.text).text for b in batch]
        for b, doc in zip(batch, self.nlp.pipe(texts, batch_size=PREFETCH)):
            self._docs[b.start] = doc

    def entities(self, block: Block, *labels: str) -> list[tuple[int, int, str]]:
        """(start, end, label) of the entities in the block's view (all labels when none given)."""
        doc = self.spacy_doc(block)
        if doc is None:
            return []
        return [(e.start_char, e.end_char, e.label_) for e in doc.ents if not labels or e.label_ in labels]

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for document span [start, end), trimmed of surrounding whitespace."""
        start, end = trim_span(self.doc.text, start, end)
        return Evidence(text=self.doc.text[start:end], start=start, end=end, page=page_of(self.doc, start))

    def support(self, spans: Iterable[tuple[int, int]], evidence: Evidence) -> list[Span]:
        """Support spans for document spans [start, end), trimmed like the evidence; spans that are
        empty, inside the evidence or repeated are left out (they add nothing a reader can check)."""
        out: list[Span] = []
        for start, end in spans:
            start, end = trim_span(self.doc.text, start, end)
            if start >= end or (evidence.start <= start and end <= evidence.end):
                continue
            span = Span(text=self.doc.text[start:end], start=start, end=end)
            if span not in out:
                out.append(span)
        return out


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def written_elsewhere(text: str, names: Iterable[str | None], start: int, end: int,
                      given: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Document spans where the ``names`` that evidence [start, end) does not hold are written:
    inside a ``given`` span (where the extractor read it: a cell above, another mention's
    sentence), narrowed to the name; else the name's last mention before the evidence, else its
    first after it. The nearest mention is the one an extractor read when it resolved a value from
    the text around a sentence (a heading, the paragraph's opening, a definition, a footnote under
    a table) without keeping the offset, and it is the name exactly as written."""
    spans = list(given)
    out: list[tuple[int, int]] = []
    for name in names:
        if not name or _squeezed(name) in _squeezed(text[start:end]):
            continue  # written in the evidence (a name wrapped over two lines too)
        inside = next((at for s, e in spans if (at := text.find(name, s, e)) >= 0), -1)
        if inside >= 0:
            out.append((inside, inside + len(name)))
            continue
        wrapped = next(((s, e) for s, e in spans if _squeezed(name) in _squeezed(text[s:e])), None)
        if wrapped:
            out.append(wrapped)  # a cell whose name a layout wrapped over lines: the whole cell
            continue
        at = text.rfind(name, 0, start)
        if at < 0:
            at = text.find(name, end)
        if at >= 0:
            out.append((at, at + len(name)))
    return out


@runtime_checkable
class Extractor(Protocol):
    """What the registry needs from an extractor."""

    name: ClassVar[str]  # versioned registry name, e.g. "policy.rules.v1"
    kind: ClassVar[str]  # record kind it produces
    version: ClassVar[str]

    def extract(self, ctx: ExtractionContext) -> Iterable[RecordBase]: ...


class RuleExtractor:
    """Convenience base: config handling and record construction with stable ids."""

    name: ClassVar[str] = ""
    kind: ClassVar[str] = ""
    version: ClassVar[str] = ""
    record_model: ClassVar[type[RecordBase]]
    Config: ClassVar[type[ExtractorConfig]] = ExtractorConfig

    def __init__(self, config: ExtractorConfig | dict[str, Any] | None = None):
        if config is None:
            config = self.Config()
        elif isinstance(config, dict):
            config = self.Config(**config)
        self.config = config

    def extract(self, ctx: ExtractionContext) -> Iterable[RecordBase]:  # pragma: no cover
        raise NotImplementedError

    def make(self, ctx: ExtractionContext, start: int, end: int, *, confidence: float = CLAUSE,
             support: Iterable[tuple[int, int]] = (), **fields: Any) -> RecordBase:
        """Build a validated record of this extractor's kind for evidence span [start, end);
        ``support``: document spans where values not written in the evidence are written (the
        heading naming the company, the cell of another column). The id ignores them."""
        evidence = ctx.evidence(start, end)
        return self.record_model(
            id=stable_id(self.kind, ctx.doc.doc_id, fields),
            doc_id=ctx.doc.doc_id,
            evidence=evidence,
            support=ctx.support(support, evidence),
            extractor=ExtractorRef(name=self.name, version=self.version),
            confidence=confidence,
            **fields,
        )

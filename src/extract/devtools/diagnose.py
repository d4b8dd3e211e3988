"""Which stage of extraction lost a missed fact (``reportx eval --errors``).

A gold record the extractors missed is attributed to the first stage, in pipeline order, that
explains it, so the next person knows where to work:

* ``no trigger``: the block holding the fact was never read for the fact's kind, or held no
  trigger word of it (the extractor's cheap vocabulary test, ``ExtractionContext.sentences``);
* ``no entity``: the fact's key entity (the company of a round, the product of a certification,
  the title of a policy, the parties of a partnership) is found nowhere in the document as a
  mention: not by the NER, not by the gazetteers, not between title or name quotes;
* ``no assembly``: trigger and entity are there, but no record came out of them; the detail says
  when the entity is only written outside the block (a heading, an earlier sentence: the
  organisation in focus was not resolved);
* ``filtered``: a candidate was built and then dropped on purpose (``ExtractionContext.filtered``)
  or rejected by validation, with the reason;
* ``wrong key``: a record of the kind came out of the same evidence, but a key field differs
  (the detail names the fields): the fact was seen, its values were not bounded right.
"""

from __future__ import annotations

from dataclasses import dataclass

from .evaluate import norm
from ..process import DocumentResult
from ..records import RECORD_MODELS

STAGES = ("no trigger", "no entity", "no assembly", "filtered", "wrong key")

#: quotes that bound a name in running text without any model: 《title》, “name”, 「name」
_QUOTES = (("《", "》"), ("“", "”"), ("「", "」"), ("『", "』"), ('"', '"'))


@dataclass(frozen=True)
class Stage:
    stage: str
    detail: str


def locate(text: str, gold: dict) -> tuple[int, int] | None:
    """Document span of a gold record's evidence (searched from its line first), or None."""
    evidence = gold.get("evidence") or ""
    if not evidence:
        return None
    line = gold.get("line")
    at = -1
    if isinstance(line, int) and line > 0:
        start = 0
        for _ in range(line - 1):
            start = text.find("\n", start) + 1
            if start == 0:
                break
        at = text.find(evidence, start)
    if at < 0:
        at = text.find(evidence)
    return (at, at + len(evidence)) if at >= 0 else None


def _key_values(gold: dict) -> tuple[str, list[str], tuple[str, ...]]:
    """(field, its non-empty values, labels) of a gold record's key entity."""
    # the kind's model says which fields hold its key entity (in order of preference) and the
    # mention labels that can hold it (the NER's and the gazetteers' labels; none: any mention)
    model = RECORD_MODELS.get(gold["kind"])
    fields = (model.key_entity or model.key_fields) if model is not None else ()
    labels = model.entity_labels() if model is not None else ()
    for name in fields:
        value = gold.get(name)
        values = [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str) and v.strip()]
        if values:
            return name, values, labels
    return "", [], labels


def _same_name(a: str, b: str) -> bool:
    x, y = norm(a), norm(b)
    return bool(x) and bool(y) and (x == y or (min(len(x), len(y)) >= 2 and (x in y or y in x)))


def _mentioned(ctx, blocks, value: str, labels: tuple[str, ...]) -> bool:
    """Is ``value`` a mention in any of ``blocks``: an entity of ``labels`` or a quoted name?"""
    from ..script import simplified_view

    value = simplified_view(value) or value  # a traditional-Chinese document is read in its simplified view
    for block in blocks:
        doc = ctx.spacy_doc(block)
        if doc is not None and any(_same_name(e.text, value) for e in doc.ents if not labels or e.label_ in labels):
            return True
        view = block.view(ctx.text).text
        if any(f"{a}{value}{b}" in view for a, b in _QUOTES):
            return True
    return False


def _overlaps(a: tuple[int, int], start: int, end: int) -> bool:
    return start < a[1] and a[0] < end


def stage_of_miss(gold: dict, result: DocumentResult, preds: list[dict]) -> Stage:
    """The stage that lost ``gold`` in ``result`` (extracted with ``trace=True``); ``preds`` are
    the result's records as scored (dicts)."""
    ctx = result.context
    if ctx is None or ctx.trace is None:
        raise ValueError("stage_of_miss needs a result extracted with trace=True")
    kind = gold["kind"]
    span = locate(result.doc.text, gold)
    if span is None:
        return Stage("no assembly", "the gold evidence is not in the text (check the gold line)")
    model = RECORD_MODELS.get(kind)
    keys = tuple(getattr(model, "key_fields", ()))
    for p in preds:
        ev = p.get("evidence") or {}
        if p.get("kind") == kind and _overlaps(span, ev.get("start", -1), ev.get("end", -1)):
            diffs = [f"{k}: gold {gold.get(k)!r}, predicted {p.get(k)!r}" for k in keys if gold.get(k) != p.get(k)]
            return Stage("wrong key", "; ".join(diffs) or "a record of this evidence scored as another fact")
    for k, start, end, why in ctx.trace.filtered:
        if k == kind and _overlaps(span, start, end):
            return Stage("filtered", why)
    for rej in result.rejected:
        if rej.kind == kind and _overlaps(span, rej.start, rej.end):
            return Stage("filtered", f"rejected by validation: {rej.reason}")
    blocks = [b for b in ctx.structure.blocks if _overlaps(span, b.start, b.end)]
    if not blocks:
        return Stage("no trigger", "the evidence is in no block that can hold a record")
    if not any(b.start in ctx.trace.read.get(kind, ()) for b in blocks):
        return Stage("no trigger", f"the block at line {blocks[0].line} was never read for {kind}")
    if not any(b.start in ctx.trace.triggered.get(kind, ()) for b in blocks):
        return Stage("no trigger", f"no {kind} trigger word in the block at line {blocks[0].line}")
    name, values, labels = _key_values(gold)
    if values:
        missing = [v for v in values if not _mentioned(ctx, blocks, v, labels)]
        if missing:
            elsewhere = [v for v in missing if _mentioned(ctx, ctx.structure.blocks, v, labels)]
            if len(elsewhere) < len(missing):
                lost = [v for v in missing if v not in elsewhere]
                return Stage("no entity", f"{name} {lost[0]!r} is not a {'/'.join(labels) or 'name'} mention anywhere")
            return Stage("no assembly", f"{name} {elsewhere[0]!r} is only written outside the block (heading or earlier "
                                        "text): the organisation or title in focus was not resolved")
    return Stage("no assembly", "trigger and key entity present, no record built")

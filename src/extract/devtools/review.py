"""Static HTML review pages (``reportx review``): no server, no external resources.

``render_review(dataset)`` lists a published version's records per kind, each with its evidence
highlighted (displaCy-style: a ``<mark>`` with a badge naming the kind, field values underlined)
inside the surrounding document text, per-kind counts and filters by kind, document and text.
``render_gold_review(reports)`` compares predictions with gold per report, side by side: misses
(gold nothing matched, located in the report text), false positives and matched records, with
per-kind tp/fp/fn.

Kinds are never hard-coded: they come from ``RECORD_MODELS`` (built-in kinds and those of plugin
packages) and from the records present; a record's kind fields are shown generically, its kind's
model says which fields are scored (``eval_fields``) and how a fact is named (``display_name``).
All input text is escaped.

DOM contract (tests read it): ``#count-<kind>`` / ``#count-total`` hold record counts;
``article.record[data-kind][data-doc]`` is one record card (``hidden`` when filtered out), its
evidence text is ``mark.ent > .ev-text``; ``[data-shown]`` elements hold the number of visible
cards matching their filter spec; the filters read and write the URL hash
(``#kind=policy&doc=<doc>&status=fn&q=text``); ``body[data-ready]`` is set once the script ran and
``body[data-errors]`` collects JS errors. In gold mode ``#gold-tp-<kind>``, ``#gold-fp-<kind>``,
``#gold-fn-<kind>`` hold the scores.
"""

from __future__ import annotations

import html
from importlib import resources
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence
from urllib.parse import urlencode

from ..records import DOCUMENT_FIELDS, RECORD_MODELS

COMMON_FIELDS = DOCUMENT_FIELDS
GOLD_META = frozenset({"kind", "evidence", "line", "source", "borderline", "note", "aliases"})
CONTEXT = 75  # characters of document text shown on each side of the evidence

_PALETTE = ("#7aecec", "#feca74", "#bfe1d9", "#aa9cfc", "#ff9561", "#c887fb", "#9cc9cc", "#ffeb80", "#e4e7d2", "#f0d0ff")


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def slug(kind: str) -> str:
    """A kind as an id/class fragment (kinds are identifiers already; this keeps ids valid anyway)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", str(kind)) or "_"


def kinds_of(present: Iterable[str] = ()) -> list[str]:
    """Kinds in the contract's order, then any other kind present (sorted)."""
    out = list(RECORD_MODELS)
    for k in sorted(set(present)):
        if k not in out:
            out.append(k)
    return out


def kind_fields(record: dict) -> list[tuple[str, Any]]:
    """A record's kind-specific fields (model order when the kind is known), without the common ones."""
    model = RECORD_MODELS.get(record.get("kind", ""))
    names = [n for n in model.model_fields] if model is not None else []
    names += [n for n in record if n not in names]
    return [(n, record.get(n)) for n in names if n not in COMMON_FIELDS and n in record]


# --- value and snippet formatting ----------------------------------------------------------------


def fmt_value(v: Any) -> str:
    """HTML for a field value: lists as chips, dicts (amount) as key/value pairs, empties dimmed."""
    if v is None or v == "" or v == [] or v == {}:
        return '<span class="empty">—</span>'
    if isinstance(v, bool):
        return esc(str(v).lower())
    if isinstance(v, float):
        if v.is_integer():
            return esc(f"{v:,.0f}")
        return esc(f"{v:,.6g}")
    if isinstance(v, int):
        return esc(f"{v:,}" if abs(v) >= 10000 else v)
    if isinstance(v, (list, tuple)):
        return "".join(f'<span class="chip">{fmt_value(x)}</span>' for x in v)
    if isinstance(v, dict):
        parts = [f'<span class="kv"><span class="k">{esc(k)}</span> {fmt_value(x)}</span>' for k, x in v.items() if x is not None]
        return "".join(parts) or '<span class="empty">—</span>'
    return esc(v)


def _strings(v: Any) -> Iterable[str]:
    if isinstance(v, str):
        yield v
    elif isinstance(v, (list, tuple)):
        for x in v:
            yield from _strings(x)
    elif isinstance(v, dict):
        for x in v.values():
            yield from _strings(x)


def evidence_html(text: str, fields: Sequence[tuple[str, Any]] = ()) -> str:
    """The evidence text, escaped, with the record's field values found in it wrapped in ``span.fv``."""
    spans: list[tuple[int, int, str]] = []
    cands = sorted({(s, name) for name, v in fields for s in _strings(v) if len(s) >= 2}, key=lambda c: (-len(c[0]), c[0], c[1]))
    taken = [False] * len(text)
    for value, name in cands:
        start = text.find(value)
        while start >= 0:
            end = start + len(value)
            if not any(taken[start:end]):
                spans.append((start, end, name))
                for i in range(start, end):
                    taken[i] = True
            start = text.find(value, end)
    spans.sort()
    out, pos = [], 0
    for start, end, name in spans:
        out.append(esc(text[pos:start]))
        out.append(f'<span class="fv" data-field="{esc(name)}" title="{esc(name)}">{esc(text[start:end])}</span>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def _tidy(context_text: str) -> str:
    """Context around evidence with runs of blank lines collapsed (the evidence itself is never changed)."""
    return re.sub(r"\n(?:[ \t\u3000]*\n)+", "\n", context_text)


def snippet(doc_text: str | None, start: int | None, end: int | None, evidence: str, kind: str,
            fields: Sequence[tuple[str, Any]] = (), context: int = CONTEXT, note: str = "") -> str:
    """The evidence marked inside ``context`` characters of document text on each side."""
    label = f'<span class="ent-label">{esc(kind)}</span>'
    mark = f'<mark class="ent kind-{slug(kind)}"><span class="ev-text">{evidence_html(evidence, fields)}</span>{label}</mark>'
    if doc_text is None or start is None or end is None:
        before = after = ""
    else:
        a, b = max(0, start - context), min(len(doc_text), end + context)
        before = ("…" if a > 0 else "") + _tidy(doc_text[a:start])
        after = _tidy(doc_text[end:b]) + ("…" if b < len(doc_text) else "")
    extra = f'<div class="note">{esc(note)}</div>' if note else ""
    return f'<div class="ctx"><div class="snippet">{esc(before)}{mark}{esc(after)}</div>{extra}</div>'


def fields_table(fields: Sequence[tuple[str, Any]]) -> str:
    rows = "".join(f'<tr data-field="{esc(n)}"><th>{esc(n)}</th><td>{fmt_value(v)}</td></tr>' for n, v in fields)
    return f'<table class="fields">{rows}</table>' if rows else ""


def doc_label(row: dict | None, doc_id: str) -> str:
    if not row:
        return doc_id[:12]
    return Path(str(row.get("source") or doc_id[:12])).name


# --- page scaffolding ----------------------------------------------------------------------------

def _asset(name: str) -> str:
    """A file of the page (src/extract/devtools/assets/: the error collector, the filters, the CSS),
    shipped as package data so an installed wheel has it and an edit is a CSS or JS diff."""
    return (resources.files("extract.devtools") / "assets" / name).read_text(encoding="utf-8")






def _kind_css(kinds: Sequence[str]) -> str:
    return "\n".join(f".kind-{slug(k)} {{ --kc: {_PALETTE[i % len(_PALETTE)]}; }}" for i, k in enumerate(kinds))


def _page(title: str, meta: str, body: str, kinds: Sequence[str], mode: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{esc(title)}</title>\n<link rel=\"icon\" href=\"data:,\">\n"
        f"<script>\n{_asset('errors.js')}</script>\n"
        f"<style>\n{_asset('review.css')}\n{_kind_css(kinds)}</style>\n</head>\n"
        f"<body data-mode=\"{esc(mode)}\" data-errors=\"\">\n"
        f"<header class=\"top\"><h1>{esc(title)}</h1><div class=\"meta\">{meta}</div></header>\n<main>\n{body}\n</main>\n"
        f"<script>\n{_asset('filter.js')}</script>\n</body>\n</html>\n"
    )


def _counts_bar(kinds: Sequence[str], counts: dict[str, int], total_label: str = "records") -> str:
    chips = [f'<span class="count total">{esc(total_label)} <b id="count-total">{sum(counts.values())}</b></span>']
    for k in kinds:
        chips.append(f'<span class="count kind-{slug(k)}" data-kind="{esc(k)}" title="filter by {esc(k)}">'
                     f'<span class="swatch"></span>{esc(k)} <b id="count-{slug(k)}">{counts.get(k, 0)}</b></span>')
    return f'<div class="counts">{"".join(chips)}</div>'


def _filters(kinds: Sequence[str], docs: Sequence[tuple[str, str]], statuses: Sequence[tuple[str, str]] = ()) -> str:
    kopts = '<option value="">all kinds</option>' + "".join(f'<option value="{esc(k)}">{esc(k)}</option>' for k in kinds)
    dopts = '<option value="">all documents</option>' + "".join(f'<option value="{esc(v)}">{esc(lab)}</option>' for v, lab in docs)
    parts = [f'<label>kind <select id="filter-kind" data-filter="kind">{kopts}</select></label>',
             f'<label>document <select id="filter-doc" data-filter="doc">{dopts}</select></label>']
    if statuses:
        sopts = '<option value="">all</option>' + "".join(f'<option value="{esc(v)}">{esc(lab)}</option>' for v, lab in statuses)
        parts.append(f'<label>status <select id="filter-status" data-filter="status">{sopts}</select></label>')
    parts.append('<label>text <input id="filter-text" data-filter="q" type="search" placeholder="search records"></label>')
    parts.append('<button type="button" id="filter-reset">reset</button>')
    parts.append('<span class="shown">showing <b id="shown-total" data-shown="">0</b> cards</span>')
    return f'<nav class="filters">{"".join(parts)}</nav>'


# --- dataset review ------------------------------------------------------------------------------


def render_review(dataset, *, title: str | None = None, context: int = CONTEXT) -> str:
    """HTML page of a published version: records per kind with highlighted evidence, counts, filters."""
    records = [r.model_dump(mode="json") for r in dataset.records()]
    docs: dict[str, dict] = dict(dataset.documents)
    kinds = kinds_of(r["kind"] for r in records)
    counts = {k: 0 for k in kinds}
    for r in records:
        counts[r["kind"]] = counts.get(r["kind"], 0) + 1
    texts: dict[str, str | None] = {}

    def text_of(doc_id: str) -> str | None:
        if doc_id not in texts:
            try:
                texts[doc_id] = dataset.document_text(doc_id)
            except OSError:
                texts[doc_id] = None
        return texts[doc_id]

    names = {d: doc_label(docs.get(d), d) for d in {*docs, *(r["doc_id"] for r in records)}}
    records.sort(key=lambda r: (names[r["doc_id"]], r["evidence"]["start"], r["id"]))
    history = _history(dataset)
    sections = []
    for k in kinds:
        cards = [_record_card(r, names[r["doc_id"]], text_of(r["doc_id"]), context, head_extra=history.get(r["id"], ""),
                              extra=fields_table(kind_fields(r)) + _support(r, text_of(r["doc_id"])))
                 for r in records if r["kind"] == k]
        body = "".join(cards) or '<div class="empty-state">no records of this kind</div>'
        sections.append(
            f'<section class="kind kind-{slug(k)}" id="kind-{slug(k)}" data-kind="{esc(k)}" data-hide-empty>'
            f'<h2><span class="swatch"></span>{esc(k)} <span class="n">(<span data-shown="{esc(urlencode({"kind": k}))}">{counts[k]}</span> shown of {counts[k]})</span></h2>'
            f"{body}</section>"
        )
    doc_opts = []
    for d in sorted(docs, key=lambda d: names[d]):
        row = docs[d]
        n = sum(1 for r in records if r["doc_id"] == d)
        t = row.get("title") or ""
        doc_opts.append((d, f"{names[d]}{' — ' + t if t else ''} ({n})"))
    m = dataset.manifest
    meta = (f"version <b>{esc(dataset.version)}</b> · {len(docs)} documents · {len(records)} records · schema {esc(m.get('schema_version', ''))}"
            f" · created {esc(m.get('created', ''))} · {esc(dataset.path)}")
    body = _counts_bar(kinds, counts) + _filters(kinds, doc_opts) + _conflicts(dataset, names) + "\n".join(sections)
    return _page(title or f"reportx review — {dataset.version}", meta, body, kinds, "dataset")


def _history(dataset) -> dict[str, str]:
    """record id -> a header note on the fact it belongs to: the version that first published it,
    the last one that changed its values, and how many documents report it."""
    out = {}
    for m in dataset.merged():
        seen = (f'<span class="history" title="merged fact {esc(m.id)}">first seen {esc(m.first_seen or "?")}'
                f' · last changed {esc(m.last_changed or "?")}'
                + (f" · {len(m.provenance)} documents" if len(m.provenance) > 1 else "")
                + (" · sources disagree" if m.conflicts else "") + "</span>")
        for p in m.provenance:
            out[p.record_id] = seen
    return out


def _support(r: dict, doc_text: str | None) -> str:
    """The other places of the document a value was read from (a heading, the sentence before),
    each with its text, so a reviewer sees the evidence of every name ('' when there is none)."""
    spans = r.get("support") or []
    if not spans:
        return ""
    items = []
    for sp in spans:
        ok = doc_text is None or doc_text[sp["start"]:sp["end"]] == sp["text"]
        items.append(f"<li>chars {esc(sp['start'])}–{esc(sp['end'])}: <mark>{esc(sp['text'])}</mark>"
                     + ("" if ok else ' <span class="warn">(offsets do not match the document text)</span>') + "</li>")
    return f'<div class="support"><b>also read from</b><ul>{"".join(items)}</ul></div>'


def _conflicts(dataset, names: dict[str, str]) -> str:
    """A section listing the merged facts whose sources disagree: per field, every value with the
    documents that give it, the value kept and why ('' when no fact has a conflict)."""
    from ..records import RECORD_MODELS

    rows = []
    for m in dataset.merged():
        model = RECORD_MODELS.get(m.kind)
        name = model.display_name(m.fields) if model is not None else m.id
        for c in m.conflicts:
            values = "".join(f"<li>{fmt_value(v.value)} <span class=\"n\">({esc(', '.join(names.get(d, d[:12]) for d in v.doc_ids))})</span></li>"
                             for v in c.values)
            rows.append(f"<tr><td>{esc(m.kind)}</td><td>{esc(name)}<br><code>{esc(m.id)}</code></td><td>{esc(c.field)}</td>"
                        f"<td><ul>{values}</ul></td><td>{fmt_value(c.chosen)}<br><span class=\"n\">{esc(c.reason)}</span></td></tr>")
    if not rows:
        return ""
    return (f'<section class="conflicts" id="conflicts"><h2>Sources disagree ({len(rows)})</h2>'
            "<table><tr><th>kind</th><th>fact</th><th>field</th><th>values (documents)</th><th>kept</th></tr>"
            + "".join(rows) + "</table></section>")


def _record_card(r: dict, doc_name: str, doc_text: str | None, context: int, *, status: str = "", extra: str = "",
                 head_extra: str = "") -> str:
    kind = r["kind"]
    ev = r.get("evidence") or {}
    fields = kind_fields(r)
    start, end = ev.get("start"), ev.get("end")
    note = ""
    if doc_text is not None and start is not None and doc_text[start:end] != ev.get("text"):
        note, start, end, doc_text = "evidence offsets do not match the document text", None, None, None
    ex = r.get("extractor") or {}
    page = f"<span>p. {esc(ev['page'])}</span>" if ev.get("page") else ""
    conf = r.get("confidence")
    head = (f'<div class="rec-head"><span class="kind-badge">{esc(kind)}</span><span class="doc">{esc(doc_name)}</span>'
            f"<span>chars {esc(start)}–{esc(end)}</span>{page}"
            + (f"<span>confidence {conf:.2f}</span>" if isinstance(conf, (int, float)) else "")
            + (f"<span>{esc(ex.get('name', ''))}@{esc(ex.get('version', ''))}</span>" if ex else "")
            + f"{head_extra}<code>{esc(r.get('id', ''))}</code></div>")
    status_attr = f' data-status="{esc(status)}"' if status else ""
    return (f'<article class="record kind-{slug(kind)}" data-kind="{esc(kind)}" data-doc="{esc(r.get("doc_id", ""))}"'
            f' data-id="{esc(r.get("id", ""))}"{status_attr}>{head}'
            f'<div class="rec-body">{snippet(doc_text, start, end, ev.get("text", ""), kind, fields, context, note)}'
            f"{extra or fields_table(fields)}</div></article>")


# --- gold comparison -----------------------------------------------------------------------------


@dataclass
class GoldReport:
    """One report's text, its gold records (all its gold files) and the predicted records (JSON dicts)."""

    name: str
    text: str
    gold: list[dict]
    preds: list[dict]
    doc_id: str = ""
    gold_files: list[str] = field(default_factory=list)


def gold_reports(pairs: Iterable[tuple[Path, Path]], predict: Callable[[Any], list[dict]],
                 read: Callable[[Path], Any] | None = None) -> list[GoldReport]:
    """Group ``pair_files`` output by report (a report may have several gold files), read each
    report once and ``predict(document) -> list[record dict]`` on it."""
    from .evaluate import group_pairs, load_gold

    if read is None:
        from ..ingest import read_document as read
    out = []
    for report, golds in group_pairs((Path(r), Path(g)) for r, g in pairs):
        doc = read(report)
        gold = [g for path in golds for g in load_gold(path)]
        out.append(GoldReport(report.name, doc.text, gold, list(predict(doc)), doc.doc_id, [p.name for p in golds]))
    return out


def locate(text: str, evidence: str, line: int | None) -> tuple[int, int] | None:
    """Offsets of a gold evidence string in the report text: on its 1-based ``line`` first, else anywhere."""
    if not evidence:
        return None
    if line and line >= 1:
        lines = text.split("\n")
        if line <= len(lines):
            offset = sum(len(x) + 1 for x in lines[: line - 1])
            i = lines[line - 1].find(evidence)
            if i >= 0:
                return offset + i, offset + i + len(evidence)
    i = text.find(evidence)
    if i >= 0:
        return i, i + len(evidence)
    return None


def _gold_fields(g: dict) -> list[tuple[str, Any]]:
    return [(k, v) for k, v in g.items() if k not in GOLD_META]


def _compare_table(g: dict, p: dict) -> str:
    from .evaluate import field_correct, flatten

    fp = flatten(p)
    names = [k for k, _ in _gold_fields(g)]
    names += [k for k, _ in kind_fields(fp) if k not in names and k not in COMMON_FIELDS]
    scored = set(getattr(RECORD_MODELS.get(g.get("kind", "")), "eval_fields", ()))  # as its kind declares
    rows = []
    for n in names:
        gv, pv = g.get(n), fp.get(n)
        if n in scored and gv not in (None, "", []):
            try:
                ok = field_correct(g["kind"], n, g, fp)
            except Exception:  # a malformed value: show it as differing
                ok = False
        else:
            ok = gv in (None, "", []) or gv == pv
        cls = "" if ok else ' class="diff"'
        rows.append(f'<tr data-field="{esc(n)}"{cls}><th>{esc(n)}</th><td>{fmt_value(gv)}</td><td>{fmt_value(pv)}</td></tr>')
    return f'<table class="fields"><tr><th></th><th>gold</th><th>predicted</th></tr>{"".join(rows)}</table>'


def render_gold_review(reports: Sequence[GoldReport], *, title: str = "reportx review — predictions against gold",
                       subtitle: str = "", context: int = CONTEXT) -> str:
    """Side by side per report: misses (gold not matched), false positives, matched; per-kind tp/fp/fn."""
    from .evaluate import EvalResult, Counts, annotated_kinds, score_document

    result = EvalResult()
    annotated = annotated_kinds(g for rep in reports for g in rep.gold)
    present = {r.get("kind", "") for rep in reports for r in [*rep.gold, *rep.preds]}
    sections = []
    doc_opts = []
    n_cards = {"tp": 0, "fn": 0, "fp": 0}
    for rep in reports:
        per = EvalResult()
        score_document(rep.gold, rep.preds, per, source=rep.name, annotated=annotated)
        for k, c in per.kinds.items():
            result.kinds.setdefault(k, Counts()).add(c)
        result.misses += per.misses
        result.false_positives += per.false_positives
        fp_ids = {p.get("id") for p in per.false_positives}
        pairs = per.matched
        doc = rep.name
        cols = {"fn": [], "fp": [], "tp": []}
        for m in per.misses:
            g = {k: v for k, v in m.items() if k != "source"}
            cols["fn"].append(_gold_card(g, rep, context))
        for p in rep.preds:
            if p.get("id") in fp_ids:
                cols["fp"].append(_record_card({**p, "doc_id": doc}, doc, rep.text, context, status="fp"))
        for g, p in pairs:
            head = f'<span>gold line {esc(g.get("line", "?"))}</span>'
            cols["tp"].append(_record_card({**p, "doc_id": doc}, doc, rep.text, context, status="tp",
                                           extra=_compare_table(g, p), head_extra=head))
        for k in cols:
            n_cards[k] += len(cols[k])
        titles = {"fn": "Missed (gold, nothing matched)", "fp": "False positives (predicted, not in gold)", "tp": "Matched"}
        col_html = []
        for k in ("fn", "fp", "tp"):
            body = "".join(cols[k]) or '<div class="none">none</div>'
            col_html.append(f'<div class="col {k}" data-status="{k}"><h3>{titles[k]} — '
                            f'<span data-shown="{esc(urlencode({"doc": doc, "status": k}))}">{len(cols[k])}</span> of {len(cols[k])}</h3>{body}</div>')
        files = ", ".join(rep.gold_files)
        sections.append(
            f'<section class="report" data-doc="{esc(doc)}" data-hide-empty><h2>{esc(doc)} <span class="n">gold: {esc(files)}; '
            f"{len(rep.gold)} gold records, {len(rep.preds)} predicted</span></h2>"
            f'<div class="cols">{"".join(col_html)}</div></section>'
        )
        doc_opts.append((doc, doc))
    kinds = [k for k in kinds_of(present | set(result.kinds)) if k]
    rows = []
    for k in kinds:
        c = result.kinds.get(k, Counts())
        s = slug(k)
        rows.append(f'<tr class="kind-{s}" data-kind="{esc(k)}"><td><span class="swatch"></span> {esc(k)}</td><td id="gold-tp-{s}">{c.tp}</td>'
                    f'<td id="gold-fp-{s}">{c.fp}</td><td id="gold-fn-{s}">{c.fn}</td><td>{c.precision:.3f}</td><td>{c.recall:.3f}</td><td>{c.f1:.3f}</td></tr>')
    m = result.micro
    rows.append(f'<tr><td><b>micro</b></td><td id="gold-tp-total">{m.tp}</td><td id="gold-fp-total">{m.fp}</td><td id="gold-fn-total">{m.fn}</td>'
                f"<td>{m.precision:.3f}</td><td>{m.recall:.3f}</td><td>{m.f1:.3f}</td></tr>")
    scores = ('<table class="scores" id="scores"><tr><th>kind</th><th>tp</th><th>fp</th><th>fn (missed)</th><th>precision</th>'
              f'<th>recall</th><th>F1</th></tr>{"".join(rows)}</table>')
    counts = {k: 0 for k in kinds}
    for rep in reports:
        for p in rep.preds:
            counts[p.get("kind", "")] = counts.get(p.get("kind", ""), 0) + 1
    statuses = [("fn", f"missed ({n_cards['fn']})"), ("fp", f"false positives ({n_cards['fp']})"), ("tp", f"matched ({n_cards['tp']})")]
    meta = (f"{len(reports)} reports · {sum(len(r.gold) for r in reports)} gold records · {sum(counts.values())} predicted"
            + (f" · {esc(subtitle)}" if subtitle else ""))
    body = scores + _counts_bar(kinds, counts, "predicted") + _filters(kinds, doc_opts, statuses) + "\n".join(sections)
    return _page(title, meta, body, kinds, "gold")


def _gold_card(g: dict, rep: GoldReport, context: int) -> str:
    kind = g.get("kind", "")
    ev = str(g.get("evidence") or "")
    where = locate(rep.text, ev, g.get("line"))
    fields = _gold_fields(g)
    note = "" if where else "gold evidence not found verbatim in the report text"
    start, end = where if where else (None, None)
    extra_notes = []
    if g.get("note"):
        extra_notes.append(f'<div class="note">note: {esc(g["note"])}</div>')
    if g.get("aliases"):
        extra_notes.append(f'<div class="note">aliases: {fmt_value(g["aliases"])}</div>')
    head = (f'<div class="rec-head"><span class="kind-badge">{esc(kind)}</span><span class="doc">{esc(rep.name)}</span>'
            f'<span>gold line {esc(g.get("line", "?"))}</span></div>')
    return (f'<article class="record kind-{slug(kind)}" data-kind="{esc(kind)}" data-doc="{esc(rep.name)}" data-status="fn">{head}'
            f"{snippet(rep.text if where else None, start, end, ev or '(no evidence)', kind, fields, context, note)}"
            f"{fields_table(fields)}{''.join(extra_notes)}</article>")

"""Score extracted records against gold annotations (the fixtures' JSON Lines format).

Matching follows the annotation guidelines (fixtures/GUIDELINES.md, "How records are matched"):
strings compared after NFKC, lower-casing and removing whitespace and punctuation; two names are
close when equal or when one contains the other and the shorter covers >= 60% of the longer;
company names drop a trailing 股份有限公司/有限责任公司/有限公司/集团/公司. Gold ``aliases`` count like
the key name. Borderline gold is neutral. Non-borderline gold is matched first (in file order,
each to the first unused prediction that matches), then borderline gold takes what is left.

Nothing here knows a kind by name: each record model declares its key fields, how gold matches
(``gold_match``, ``alias_field``), its eval fields and how each compares (``eval_compare``), and
its gold's flat form (``flatten``); this module defines the ways of comparing they name
(``MATCH_WAYS``, ``SCORE_WAYS``). Kinds come from ``RECORD_MODELS`` when asked, so a kind
registered by a plugin package is scored like a built-in one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import regex as re

from ..normalize import dates_agree as _dates_agree, fold_company, fold_name
from ..records import RECORD_MODELS, RecordBase


def kinds() -> tuple[str, ...]:
    """Every registered record kind, in the registry's order."""
    return tuple(RECORD_MODELS)


def eval_fields() -> dict[str, tuple[str, ...]]:
    """kind -> the fields scored on its matched pairs (the models' ``eval_fields``)."""
    return {kind: model.eval_fields for kind, model in RECORD_MODELS.items()}


def __getattr__(name: str):
    # KINDS and FIELDS read the registry when asked: a kind registered after this module was
    # imported (a plugin's, on first use) is counted
    if name == "KINDS":
        return kinds()
    if name == "FIELDS":
        return eval_fields()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_INNER_TITLE = re.compile(r"《([^《》]+)》")


def norm(s: str | None) -> str:
    """Normalised form for comparison (the guidelines' rule: NFKC, lower case, no whitespace or punctuation)."""
    return fold_name(s)


def close(a: str | None, b: str | None, *, company: bool = False) -> bool:
    """Equal, or one contains the other and the shorter covers at least 60% of the longer."""
    x, y = (fold_company(a), fold_company(b)) if company else (norm(a), norm(b))
    if not x or not y:
        return False
    if x == y:
        return True
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return short in long_ and len(short) >= 0.6 * len(long_)


def _titles(title: str | None) -> list[str]:
    if not title:
        return []
    out = [title]
    out += _INNER_TITLE.findall(title)
    return out


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """A prediction in the gold's flat field names, as its kind defines them (``RecordBase.flatten``:
    a funding round's amount -> amount_raw/currency/amount_value)."""
    return RECORD_MODELS.get(record.get("kind", ""), RecordBase).flatten(record)


# --- ways of matching a gold record's field: (gold value, its names, predicted value) -> bool -----
# ("its names": the gold value, and the gold's aliases when the kind's alias_field is this field)

def _titles_close(g: Any, names: list, p: Any) -> bool:
    gts = [t for name in names for t in _titles(name)]
    return any(len(norm(a)) >= 4 and len(norm(b)) >= 4 and close(a, b) for a in gts for b in _titles(p))


def _same_month(g: Any, names: list, p: Any) -> bool:
    return bool(g and p and g[:7] == p[:7]) or (not g and not p)


MATCH_WAYS = {
    "title": _titles_close,  # policy titles: the title in an inner 《》 counts, four characters at least
    "name": lambda g, names, p: any(close(n, p) for n in names),
    "company": lambda g, names, p: any(close(n, p, company=True) for n in names),
    "same": lambda g, names, p: g == p,
    "same_if_both": lambda g, names, p: not (g and p and g != p),  # a value given on one side only agrees
    "dates_agree": lambda g, names, p: _dates_agree(g, p),
    "same_month": _same_month,  # both dated in one month, or both undated
}


def matches(gold: dict, pred: dict) -> bool:
    """Whether a prediction is the same fact as a gold record (key fields only), by the kind's
    ``gold_match`` (or, when it declares none, its ``key_fields``)."""
    kind = gold["kind"]
    if pred.get("kind") != kind:
        return False
    model = RECORD_MODELS.get(kind)
    if model is None:
        return False
    aliases = gold.get("aliases") or []
    if not model.gold_match:
        return _key_fields_match(model.key_fields, gold, pred, aliases)
    rules = next((alt for alt in model.gold_match if _filled(gold.get(next(iter(alt), "")))), model.gold_match[-1])
    for name, way in rules.items():
        g = gold.get(name)
        names = [g, *aliases] if name == model.alias_field else [g]
        if not MATCH_WAYS[way](g, names, pred.get(name)):
            return False
    return True


def _key_fields_match(keys: tuple[str, ...], gold: dict, pred: dict, aliases: list[str]) -> bool:
    """The rule for kinds that declare no ``gold_match``: every key field of gold agrees.

    Dates agree to the month; a name is close to the prediction's (or an alias is); a list of
    names needs at least two of its names (all, when it has fewer) close to predicted ones.
    """
    for key in keys:
        g, p = gold.get(key), pred.get(key)
        if key == "date":
            if not _dates_agree(g, p):
                return False
        elif isinstance(g, list):
            hits = sum(1 for x in g if any(close(x, y, company=True) for y in (p or [])))
            if hits < min(2, len(g)):
                return False
        elif g is not None and not any(close(n, p, company=True) for n in [g, *aliases]):
            return False
    return True


# --- ways of scoring a field of a matched pair: (gold value, predicted value) -> bool ---------------

def _names(g: Any, p: Any) -> bool:
    return all(any(close(x, y, company=True) for y in (p or [])) for x in g)


SCORE_WAYS = {
    "same": lambda g, p: g == p,
    "date": lambda g, p: bool(p) and p[: len(g)] == g,  # as precise as the gold at least
    "company": lambda g, p: close(g, p, company=True),
    "names": _names,  # every gold name close to a predicted one
    "names_bounded": lambda g, p: _names(g, p) and len(p or []) <= len(g) + 1,  # and at most one more
    "within_1pct": lambda g, p: p is not None and abs(float(p) - float(g)) <= 0.01 * abs(float(g)),
}


def score_way(kind: str, name: str) -> str:
    """How field ``name`` of ``kind`` is scored: the model's ``eval_compare``, else "date" for a
    date and "same" for anything else."""
    model = RECORD_MODELS.get(kind, RecordBase)
    return model.eval_compare.get(name) or ("date" if name == "date" else "same")


def field_correct(kind: str, name: str, gold: dict, pred: dict) -> bool:
    """Whether the prediction's ``name`` is right, by the kind's way of comparing it (gold filled)."""
    return SCORE_WAYS[score_way(kind, name)](gold.get(name), pred.get(name))


def _filled(v: Any) -> bool:
    return v not in (None, "", [])


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (0.0 if self.fn else 1.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class EvalResult:
    kinds: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in kinds()})
    fields: dict[tuple[str, str], Counts] = field(default_factory=lambda: {(k, f): Counts() for k, fs in eval_fields().items() for f in fs})
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)
    field_errors: list[dict] = field(default_factory=list)
    #: kinds the set's gold does not annotate at all -> their predictions (not scored)
    unannotated: dict[str, int] = field(default_factory=dict)
    #: (gold, prediction as given) of every matched non-borderline gold record, in scoring order
    matched: list[tuple[dict, dict]] = field(default_factory=list)

    @property
    def micro(self) -> Counts:
        total = Counts()
        for kind, c in self.kinds.items():
            if kind not in self.unannotated:
                total.add(c)
        return total

    def to_dict(self) -> dict:
        return {
            "micro": _cdict(self.micro),
            "kinds": {k: _cdict(c) for k, c in self.kinds.items()},
            "fields": {f"{k}.{f}": _cdict(c) for (k, f), c in sorted(self.fields.items())},
            "misses": self.misses,
            "false_positives": self.false_positives,
            "field_errors": self.field_errors,
            "unannotated": self.unannotated,
        }


def _cdict(c: Counts) -> dict:
    return {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4)}


def load_gold(path: Path) -> list[dict]:
    """Gold records of one report (JSON Lines)."""
    out = []
    for i, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{i}: invalid JSON: {exc}") from exc
    return out


def score_document(gold: list[dict], preds: list[dict], result: EvalResult, source: str = "",
                   annotated: Iterable[str] | None = None) -> None:
    """Match one document's predictions to its gold and add the counts to ``result``.

    ``annotated``: the kinds the scoring set annotates (default: all). Predictions of other kinds
    are counted in ``result.unannotated`` instead of as false positives: a set annotated before a
    kind existed says nothing about it.
    """
    if annotated is not None:
        annotated = set(annotated)
        for p in preds:
            if p.get("kind") not in annotated:
                result.unannotated[p["kind"]] = result.unannotated.get(p["kind"], 0) + 1
        for kind in set(kinds()) - annotated:
            result.unannotated.setdefault(kind, 0)
        preds = [p for p in preds if p.get("kind") in annotated]
    given = preds
    preds = [flatten(p) for p in preds]
    used = [False] * len(preds)
    pairs: list[tuple[dict, dict]] = []
    neutral = [False] * len(preds)
    ordered = [g for g in gold if not g.get("borderline")] + [g for g in gold if g.get("borderline")]
    for g in ordered:
        hit = next((i for i, p in enumerate(preds) if not used[i] and matches(g, p)), None)
        if hit is None:
            if not g.get("borderline"):
                result.kinds[g["kind"]].fn += 1
                result.misses.append({"source": source, **g})
            continue
        used[hit] = True
        if g.get("borderline"):
            neutral[hit] = True
            continue
        result.kinds[g["kind"]].tp += 1
        pairs.append((g, preds[hit]))
        result.matched.append((g, given[hit]))
    for i, p in enumerate(preds):
        if not used[i] and p.get("kind") in result.kinds:
            result.kinds[p["kind"]].fp += 1
            result.false_positives.append({"source": source, **p})
    for g, p in pairs:
        kind = g["kind"]
        for name in RECORD_MODELS[kind].eval_fields:
            c = result.fields.setdefault((kind, name), Counts())
            gf, pf = _filled(g.get(name)), _filled(p.get(name))
            if not gf:
                if pf:
                    c.fp += 1
                continue
            if field_correct(kind, name, g, p):
                c.tp += 1
            else:
                c.fn += 1
                if pf:
                    c.fp += 1
                result.field_errors.append({"source": source, "kind": kind, "field": name, "gold": g.get(name), "predicted": p.get(name), "evidence": g.get("evidence")})


def gold_stem(gold: Path) -> str:
    """The report stem a gold file belongs to: ``<stem>.jsonl`` or ``<stem>.<kind>.jsonl``.

    The second form holds annotations of one kind added later (the project's ``partnership``
    annotations beside the shared corpus gold), so the original gold files stay untouched.
    """
    stem = gold.stem
    head, _, kind = stem.rpartition(".")
    return head if head and kind in RECORD_MODELS else stem


def pair_files(reports_dir: Path, gold_dir: Path) -> list[tuple[Path, Path]]:
    """(report, gold file) pairs matched by stem, in report order; a report may have several gold
    files (one per extra kind). A gold file without its report is an error."""
    reports = {p.stem: p for p in sorted(Path(reports_dir).iterdir()) if p.is_file() and not p.name.startswith(".")}
    pairs = []
    for g in sorted(Path(gold_dir).glob("*.jsonl")):
        stem = gold_stem(g)
        if stem not in reports:
            raise FileNotFoundError(f"gold file {g} has no report named {stem}.* in {reports_dir}")
        pairs.append((reports[stem], g))
    if not pairs:
        raise FileNotFoundError(f"no gold files (*.jsonl) in {gold_dir}")
    return sorted(pairs, key=lambda rg: (rg[0].name, rg[1].name))


def group_pairs(pairs: Iterable[tuple[Path, Path]]) -> list[tuple[Path, list[Path]]]:
    """(report, [gold files]) in first-seen order."""
    out: dict[Path, list[Path]] = {}
    for report, gold in pairs:
        out.setdefault(report, []).append(gold)
    return list(out.items())


def annotated_kinds(gold: Iterable[dict]) -> set[str]:
    """The kinds a scoring set annotates (all kinds for a set with no facts at all)."""
    return {rec["kind"] for rec in gold} or set(kinds())


def evaluate(pairs: Iterable[tuple[Path, Path]], predict) -> EvalResult:
    """Score ``predict(report_path) -> list[dict]`` on every report against all its gold files.

    Each report is predicted once; its gold is the union of its gold files.
    """
    result = EvalResult()
    grouped = [(report, [rec for g in golds for rec in load_gold(g)]) for report, golds in group_pairs(pairs)]
    annotated = annotated_kinds(rec for _, gold in grouped for rec in gold)
    for report, gold in grouped:
        score_document(gold, predict(report), result, source=report.name, annotated=annotated)
    return result

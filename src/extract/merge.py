"""Cross-report merge: the same fact reported by several documents becomes one MergedRecord.

Matching rule (documented in the README; names compared after NFKC, lower-casing and removing
whitespace and punctuation; company names also drop 股份有限公司/有限责任公司/有限公司/集团/公司):

- policy: equal titles (the title inside an inner 《》 counts: 关于印发《X》的通知 is X);
- funding_round: equal company and round, and dates that agree to the month (or to the year
  when either gives only a year); a record without a round merges only with one without;
- certified_product: same authority and equal product names (a record without a product:
  equal company and the same month);
- any other kind (e.g. partnership): its model's ``key_fields`` are equal (names folded, lists of
  names compared as sets), and dates agree to the month when ``date`` is a key field.

Records only merge across documents: two records of one document stay two facts. The merged
fields come from the most confident mention, gaps filled from the others in confidence order.
Per-document records are published unchanged beside the merged ones, for audit.
"""

from __future__ import annotations

import hashlib
import json
from typing import Iterable

import regex as re

from .normalize import dates_agree as _dates_agree, fold_name
from .records import DOCUMENT_FIELDS, RECORD_MODELS, SCHEMA_VERSION, Conflict, ConflictValue, MergedRecord, Provenance, RecordBase

#: per-document keys that are not the fact's fields
_DOC_KEYS = DOCUMENT_FIELDS
_norm = fold_name


def merge_key(r: RecordBase) -> tuple | None:
    """The key two records of the same fact share (None: the record cannot be merged safely);
    each kind defines it (``RecordBase.merge_key``)."""
    return r.merge_key()


def _date_keyed(kind: str) -> bool:
    """Whether records of ``kind`` merge only when their dates agree."""
    model = RECORD_MODELS.get(kind)
    return model is not None and model.merge_on_date and "date" in model.key_fields


def _fields(r: RecordBase) -> dict:
    return {k: v for k, v in r.model_dump(mode="json").items() if k not in _DOC_KEYS}


def _merged_id(kind: str, key: tuple, date: str | None) -> str:
    payload = json.dumps([list(key), (date or "")[:7] if _date_keyed(kind) else ""], ensure_ascii=False)
    return f"{kind}:m:{hashlib.sha256(payload.encode('utf-8')).hexdigest()[:20]}"


def merge_records(records: Iterable[RecordBase]) -> list[MergedRecord]:
    """Merge per-document records into one record per fact (sorted by kind and id)."""
    groups: list[tuple[tuple, list[RecordBase]]] = []
    by_key: dict[tuple, list[int]] = {}
    for r in sorted(records, key=lambda r: (r.doc_id, r.evidence.start, r.id)):
        key = merge_key(r)
        target = None
        if key is not None:
            for gi in by_key.get(key, []):
                members = groups[gi][1]
                if any(m.doc_id == r.doc_id for m in members):
                    continue  # one document's two records are two facts
                if _date_keyed(r.kind) and not all(_dates_agree(m.date, r.date) for m in members):  # type: ignore[attr-defined]
                    continue
                target = gi
                break
        if target is None:
            groups.append((key or ("unmergeable", r.id), [r]))
            if key is not None:
                by_key.setdefault(key, []).append(len(groups) - 1)
        else:
            groups[target][1].append(r)
    out = []
    seen: set[str] = set()
    for key, members in groups:
        members = sorted(members, key=lambda m: (-m.confidence, m.doc_id, m.evidence.start))
        fields = _fields(members[0])
        for other in members[1:]:
            for k, v in _fields(other).items():
                if fields.get(k) in (None, [], "") and v not in (None, [], ""):
                    fields[k] = v
        kind = members[0].kind  # type: ignore[attr-defined]
        conflicts = find_conflicts(members, fields)
        mid = _merged_id(kind, key, fields.get("date"))
        if mid in seen:  # two facts with one key (undated rounds of one company): keep both apart
            mid = f"{mid}-{hashlib.sha256(members[0].id.encode('utf-8')).hexdigest()[:8]}"
        seen.add(mid)
        out.append(MergedRecord(
            kind=kind,
            id=mid,
            schema_version=SCHEMA_VERSION,
            fields=fields,
            provenance=[Provenance(doc_id=m.doc_id, record_id=m.id, evidence=m.evidence, confidence=m.confidence) for m in members],
            conflicts=conflicts,
        ))
    return sorted(out, key=lambda m: (m.kind, m.id))


def _comparable(field: str, value, derived: tuple[str, ...] = ()):
    """What two sources must share for their values of ``field`` to agree: names folded, amounts
    by currency and value (not how they were written), raw spellings and ``derived`` fields (the
    kind's ``derived_fields``: canonical names) ignored, lists as sets."""
    if value in (None, "", []) or field.endswith("_raw") or field in derived:
        return None
    if isinstance(value, dict):  # an amount: 3,000万美元 and 3000万美元 agree
        if value.get("value") is None:
            return None
        return (value.get("currency"), round(float(value["value"]), 2))
    if isinstance(value, list):
        return frozenset(_norm(str(v)) for v in value)
    return _norm(str(value)) if isinstance(value, str) else value


def find_conflicts(members: list[RecordBase], fields: dict) -> list[Conflict]:
    """Fields on which the mentions of one fact disagree (members most confident first). Lists
    where one is part of another (a report naming fewer investors) and dates that agree at the
    coarser precision (2024 and 2024-06) are not disagreements: they are less detail."""
    out = []
    derived = type(members[0]).derived_fields
    for name, chosen in fields.items():
        seen: dict = {}  # comparable -> (value as written, doc_ids)
        for m in members:
            value = _fields(m).get(name)
            key = _comparable(name, value, derived)
            if key is None:
                continue
            seen.setdefault(key, (value, []))[1].append(m.doc_id)
        keys = list(seen)
        if len(keys) < 2:
            continue
        if all(isinstance(k, frozenset) for k in keys) and all(a <= b or b <= a for a in keys for b in keys):
            continue
        if name == "date" and all(_dates_agree(seen[a][0], seen[b][0]) for a in keys for b in keys):
            continue
        top = members[0]
        source = next((m for m in members if _comparable(name, _fields(m).get(name), derived) == _comparable(name, chosen, derived)), top)
        why = (f"the most confident mention ({source.confidence:.2f}, document {source.doc_id[:12]})" if source is top
               else f"the most confident mention that gives it ({source.confidence:.2f}, document {source.doc_id[:12]})")
        out.append(Conflict(field=name, chosen=chosen, reason=why,
                            values=[ConflictValue(value=v, doc_ids=sorted(set(d))) for v, d in seen.values()]))
    return out

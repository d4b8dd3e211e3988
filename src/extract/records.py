"""Record contract: the Pydantic models downstream systems read.

This module imports nothing else of the project; everything may import it. Changing a field
here changes the published contract: bump ``SCHEMA_VERSION`` (major for breaking changes) and
regenerate ``schemas/`` (``reportx schemas``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, MutableMapping
from importlib.metadata import entry_points
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "2.1.0"

ROUNDS = (
    "seed", "angel", "pre-A", "A", "A+", "pre-B", "B", "B+", "C", "C+",
    "D", "E", "F", "pre-IPO", "IPO", "strategic", "undisclosed",
)
Round = Literal[
    "seed", "angel", "pre-A", "A", "A+", "pre-B", "B", "B+", "C", "C+",
    "D", "E", "F", "pre-IPO", "IPO", "strategic", "undisclosed",
]
Currency = Literal["CNY", "USD", "HKD", "EUR", "TWD"]
Qualifier = Literal["exact", "approx", "at_least", "at_most", "vague"]
CertClass = Literal["I", "II", "III"]

#: an ISO 8601 partial date (2016, 2016-10, 2016-10-25): the JSON Schema pattern of every ``date``
ISO_PARTIAL_DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
_ISO_PARTIAL = re.compile(ISO_PARTIAL_DATE)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(_Strict):
    """The exact source text of a record and its character offsets in the document text."""

    text: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = Field(default=None, ge=1, description="1-based page of a PDF report where the evidence starts; since 1.2.0")

    @model_validator(mode="after")
    def _span_matches_length(self) -> "Evidence":
        if self.end - self.start != len(self.text):
            raise ValueError(f"evidence span {self.start}:{self.end} does not match text length {len(self.text)}")
        return self

    def check_against(self, document_text: str) -> None:
        """Raise ValueError unless ``document_text[start:end] == text``."""
        if document_text[self.start:self.end] != self.text:
            raise ValueError(
                f"evidence offsets {self.start}:{self.end} do not match the document text "
                f"(expected {self.text[:40]!r}, found {document_text[self.start:self.end][:40]!r})"
            )


class Span(_Strict):
    """A stretch of the document text a record's values are read from besides its evidence (a
    heading, a definition, an earlier sentence, a table cell); since 1.4.0."""

    text: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _span_matches_length(self) -> "Span":
        if self.end - self.start != len(self.text):
            raise ValueError(f"support span {self.start}:{self.end} does not match text length {len(self.text)}")
        return self

    def check_against(self, document_text: str) -> None:
        """Raise ValueError unless ``document_text[start:end] == text``."""
        if document_text[self.start:self.end] != self.text:
            raise ValueError(
                f"support offsets {self.start}:{self.end} do not match the document text "
                f"(expected {self.text[:40]!r}, found {document_text[self.start:self.end][:40]!r})"
            )


class ExtractorRef(_Strict):
    """Which extractor (registered name and version) produced a record."""

    name: str = Field(min_length=1)
    version: str = Field(min_length=1)


class Amount(_Strict):
    """A money amount as written plus its normalised value."""

    raw: str = Field(min_length=1)
    currency: Currency | None
    value: float | None = Field(default=None, ge=0, description="In units of currency; null if vague")
    qualifier: Qualifier


def _check_date(value: str | None) -> str | None:
    if value is not None and not _ISO_PARTIAL.match(value):
        raise ValueError(f"date must be an ISO partial string (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}")
    return value


class RecordBase(_Strict):
    """Fields every record carries.

    A kind also declares what the rest of the project needs to know about it, so that merge,
    eval, review, diff and the NER data never branch on kind names (none of this is part of the
    JSON contract):

    - ``key_fields``: the fields that identify the fact (the stable id, the cross-report merge and,
      unless ``gold_match`` says more, gold matching use them); ``merge_on_date``, ``merge_key``;
    - ``eval_fields``: the fields scoring checks on matched pairs, and ``eval_compare``: how each
      is compared when not by equality (dates: by prefix);
    - ``gold_match`` and ``alias_field``: how a prediction is matched to a gold record;
    - ``entity_fields``: which fields hold entity names, with their NER label, and
      ``key_entity``: the fields naming the fact's key entity (where ``eval --errors`` looks);
    - ``derived_fields``: fields computed from others, which merged sources cannot disagree on;
    - ``summary``, ``display_name``, ``flatten``: how a record is written for people and gold.

    The ways of comparing named in ``eval_compare`` and ``gold_match`` are defined in
    ``extract/devtools/evaluate.py`` (``SCORE_WAYS``, ``MATCH_WAYS``).
    """

    key_fields: ClassVar[tuple[str, ...]] = ()
    eval_fields: ClassVar[tuple[str, ...]] = ()
    #: how scoring compares an eval field of a matched pair, where not by the default (``date``:
    #: "date", the prediction starts with the gold; any other field: "same", equal). Ways:
    #: "same", "date", "company" (close company names), "names" (every gold name close to a
    #: predicted one), "names_bounded" (and at most one predicted name more), "within_1pct"
    eval_compare: ClassVar[dict[str, str]] = {}
    #: how a prediction is matched to a gold record: alternatives of {field: way}; the first whose
    #: first field the gold fills applies (the last one otherwise). Ways: "title" (titles close,
    #: the title in an inner 《》 counts), "name", "company" (close names), "same", "same_if_both",
    #: "dates_agree" (to the month, or the year when one gives only a year), "same_month".
    #: Empty: every key field agrees (dates_agree for ``date``, lists of names share two names,
    #: other values close company names)
    gold_match: ClassVar[tuple[dict[str, str], ...]] = ()
    #: the field a gold record's ``aliases`` are other spellings of (gold matching tries each)
    alias_field: ClassVar[str | None] = None
    #: fields holding entity names -> their NER label (ORG, GOV, PRODUCT, MONEY, LAW; "ORG|GOV":
    #: either, the name decides), in the gold's flat field names (``flatten``), earlier fields
    #: first: the NER training data labels these names inside the record's evidence
    entity_fields: ClassVar[dict[str, str]] = {}
    #: the fields naming the fact's key entity, in order of preference (``reportx eval --errors``
    #: looks for a mention of it; their labels come from ``entity_fields``); empty: the key fields
    key_entity: ClassVar[tuple[str, ...]] = ()
    #: fields computed from others (a canonical form of names as written): when the sources of a
    #: merged fact disagree, it is on the others; these are not compared (nor the ``*_raw`` fields)
    derived_fields: ClassVar[tuple[str, ...]] = ()
    #: merged facts of this kind only join when their dates agree (a date among the key fields);
    #: False where one approval is restated with other dates (certified products)
    merge_on_date: ClassVar[bool] = True

    @classmethod
    def flatten(cls, record: dict) -> dict:
        """A record (as JSON) in the gold's flat form: the evidence as its text; a kind with nested
        values says how they flatten (a funding round's amount)."""
        r = dict(record)
        if isinstance(r.get("evidence"), dict):
            r["evidence"] = r["evidence"].get("text", "")
        return r

    @classmethod
    def entity_labels(cls, fields: tuple[str, ...] | None = None) -> tuple[str, ...]:
        """The NER labels of ``fields`` (default: ``key_entity``), "ORG|GOV" as both, in order."""
        out: list[str] = []
        for name in cls.key_entity if fields is None else fields:
            for label in cls.entity_fields.get(name, "").split("|"):
                if label and label not in out:
                    out.append(label)
        return tuple(out)

    def merge_key(self) -> tuple | None:
        """The key two records of the same fact share across documents (None: the record cannot be
        merged safely). Default: the key fields other than the date, names folded (case, width,
        punctuation, a trailing legal form), lists as sorted tuples; a kind may say more."""
        from .normalize import fold_company

        keys = [k for k in self.key_fields if k != "date"]
        if not keys:
            return None
        out: list = [self.kind]  # type: ignore[attr-defined]
        for k in keys:
            v = getattr(self, k)
            out.append(tuple(sorted(fold_company(x) for x in v)) if isinstance(v, list) else fold_company(v) if isinstance(v, str) else v)
        return tuple(out)

    @classmethod
    def summary(cls, values: dict) -> str:
        """One line of a record's (or a flat gold record's) fields for `reportx eval --errors`:
        every field that is not where-and-by-whom (DOCUMENT_FIELDS) or scoring bookkeeping."""
        skip = DOCUMENT_FIELDS | {"source", "line", "note", "stage", "stage_detail", "borderline"}
        return " ".join(f"{k}={v}" for k, v in values.items() if k not in skip)

    @classmethod
    def display_name(cls, values: dict) -> str:
        """A short human name of a record (or a merged fact's ``fields``) of this kind, for the CLI
        and the review page: its first filled key field, lists joined with 、."""
        for name in cls.key_fields:
            value = values.get(name)
            if isinstance(value, list) and value:
                return "、".join(map(str, value))
            if value not in (None, "", []):
                return str(value)
        return ""

    id: str = Field(min_length=1, description="Stable: same fact from the same document gives the same id")
    schema_version: str = SCHEMA_VERSION
    doc_id: str = Field(pattern=r"^[0-9a-f]{64}$")
    evidence: Evidence
    support: list[Span] = Field(
        default_factory=list,
        description="where values not written in the evidence are written: a heading, a definition, an earlier "
                    "sentence, another table column; since 1.4.0",
    )
    extractor: ExtractorRef
    confidence: float = Field(ge=0.0, le=1.0)

    @field_validator("date", check_fields=False)
    @classmethod
    def _iso_date(cls, v: str | None) -> str | None:
        return _check_date(v)


class Policy(RecordBase):
    """A named policy document issued by a government or regulatory body."""

    key_fields: ClassVar[tuple[str, ...]] = ("title",)
    eval_fields: ClassVar[tuple[str, ...]] = ("issuers", "date")
    eval_compare: ClassVar[dict[str, str]] = {"issuers": "names"}  # a report may name more issuers
    gold_match: ClassVar[tuple[dict[str, str], ...]] = ({"title": "title"},)
    alias_field: ClassVar[str | None] = "title"
    entity_fields: ClassVar[dict[str, str]] = {"title": "LAW", "issuers": "GOV"}
    key_entity: ClassVar[tuple[str, ...]] = ("title",)
    derived_fields: ClassVar[tuple[str, ...]] = ("issuers_canonical",)

    def merge_key(self) -> tuple | None:
        """The title (the one inner 《》 title of a 关于印发《…》的通知 counts), folded; too short a
        title (under four characters) is not merged."""
        from .normalize import fold_name

        inner = re.findall(r"《([^《》]+)》", self.title)
        title = fold_name(inner[0] if len(inner) == 1 else self.title)
        return (self.kind, title) if len(title) >= 4 else None

    @classmethod
    def summary(cls, values: dict) -> str:
        return f"《{values.get('title')}》 issuers={values.get('issuers')} date={values.get('date')}"

    kind: Literal["policy"] = "policy"
    title: str = Field(min_length=1, description="Document name without the outer 《》")
    issuers: list[str] = Field(default_factory=list, description="Issuing bodies as written")
    issuers_canonical: list[str] = Field(
        default_factory=list,
        description="Canonical names of the issuers, same order (药监局/CFDA -> 国家药品监督管理局); since 1.1.0",
    )
    date: str | None = Field(default=None, pattern=ISO_PARTIAL_DATE, description="ISO partial date: YYYY, YYYY-MM or YYYY-MM-DD")


class FundingRound(RecordBase):
    """One financing event of one company."""

    key_fields: ClassVar[tuple[str, ...]] = ("company", "round", "date")
    eval_fields: ClassVar[tuple[str, ...]] = ("round", "date", "currency", "amount_value", "investors")
    eval_compare: ClassVar[dict[str, str]] = {"amount_value": "within_1pct", "investors": "names_bounded"}
    #: a round given on one side only does not stop a match
    gold_match: ClassVar[tuple[dict[str, str], ...]] = ({"company": "company", "round": "same_if_both", "date": "dates_agree"},)
    alias_field: ClassVar[str | None] = "company"
    entity_fields: ClassVar[dict[str, str]] = {"company": "ORG", "investors": "ORG", "amount_raw": "MONEY"}
    key_entity: ClassVar[tuple[str, ...]] = ("company",)

    @classmethod
    def flatten(cls, record: dict) -> dict:
        """The amount as the gold's amount_raw, currency and amount_value."""
        r = super().flatten(record)
        amount = r.pop("amount", None)
        if "amount_raw" not in r:
            r["amount_raw"] = amount.get("raw") if amount else None
            r["currency"] = amount.get("currency") if amount else None
            r["amount_value"] = amount.get("value") if amount else None
        return r

    def merge_key(self) -> tuple | None:
        """Company (folded, legal form dropped) and round; dates must agree as well (merge_on_date)."""
        from .normalize import fold_company

        return (self.kind, fold_company(self.company), self.round or "")

    @classmethod
    def summary(cls, values: dict) -> str:
        return (f"{values.get('company')} round={values.get('round')} date={values.get('date')} "
                f"amount={values.get('amount_raw')} investors={values.get('investors')}")

    kind: Literal["funding_round"] = "funding_round"
    company: str = Field(min_length=1)
    round: Round | None = None
    round_raw: str | None = None
    date: str | None = Field(default=None, pattern=ISO_PARTIAL_DATE, description="ISO partial date: YYYY, YYYY-MM or YYYY-MM-DD")
    amount: Amount | None = None
    investors: list[str] = Field(default_factory=list)
    lead_investors: list[str] = Field(default_factory=list, description="The investors that led the round (领投), a subset of investors; since 1.1.0")

    @model_validator(mode="after")
    def _leads_are_investors(self) -> "FundingRound":
        missing = [x for x in self.lead_investors if x not in self.investors]
        if missing:
            raise ValueError(f"lead_investors {missing} are not among investors")
        return self


class CertifiedProduct(RecordBase):
    """A product that received a regulatory market approval, registration or clearance."""

    key_fields: ClassVar[tuple[str, ...]] = ("product", "company", "authority", "date")
    eval_fields: ClassVar[tuple[str, ...]] = ("company", "cert_class", "date")
    eval_compare: ClassVar[dict[str, str]] = {"company": "company"}
    #: by product when the gold names one, else by company and month
    gold_match: ClassVar[tuple[dict[str, str], ...]] = (
        {"product": "name", "authority": "same"},
        {"authority": "same", "company": "company", "date": "same_month"},
    )
    alias_field: ClassVar[str | None] = "product"
    entity_fields: ClassVar[dict[str, str]] = {"product": "PRODUCT", "company": "ORG"}
    key_entity: ClassVar[tuple[str, ...]] = ("product", "company")
    merge_on_date: ClassVar[bool] = False  # one approval is restated with other dates (the month, the year)

    def merge_key(self) -> tuple | None:
        """Authority and product (folded); without a product, authority, company and month."""
        from .normalize import fold_company, fold_name

        if self.product:
            return (self.kind, self.authority, "p", fold_name(self.product))
        return (self.kind, self.authority, "c", fold_company(self.company), (self.date or "")[:7])

    @classmethod
    def summary(cls, values: dict) -> str:
        return (f"{values.get('product')} / {values.get('company')} {values.get('authority')} "
                f"class={values.get('cert_class')} date={values.get('date')}")

    kind: Literal["certified_product"] = "certified_product"
    product: str | None = None
    company: str | None = None
    authority: str = Field(min_length=1, description="NMPA, FDA, CE, ... (CFDA is normalised to NMPA)")
    authority_raw: str | None = Field(default=None, description="The authority as written (CFDA, 国家药监局); since 1.1.0")
    cert_class: CertClass | None = None
    registration_no: str | None = Field(default=None, description="Registration/clearance number when written (国械注准20203210xxx, K123456); since 1.1.0")
    date: str | None = Field(default=None, pattern=ISO_PARTIAL_DATE, description="ISO partial date: YYYY, YYYY-MM or YYYY-MM-DD")

    @model_validator(mode="after")
    def _names_something(self) -> "CertifiedProduct":
        if not self.product and not self.company:
            raise ValueError("a certified product needs a product or a company name")
        return self


class Partnership(RecordBase):
    """A cooperation between two or more named organisations (合作协议, 战略合作, 合作备忘录); since 1.3.0."""

    key_fields: ClassVar[tuple[str, ...]] = ("parties", "date")
    eval_fields: ClassVar[tuple[str, ...]] = ("parties", "date")
    eval_compare: ClassVar[dict[str, str]] = {"parties": "names_bounded"}
    entity_fields: ClassVar[dict[str, str]] = {"parties": "ORG|GOV"}  # a party may be a government body
    key_entity: ClassVar[tuple[str, ...]] = ("parties",)

    kind: Literal["partnership"] = "partnership"
    parties: list[str] = Field(min_length=2, description="The named organisations as written, in text order")
    agreement: str | None = Field(default=None, description="The agreement as written when named (战略合作备忘录, 合作协议, 战略合作)")
    date: str | None = Field(default=None, pattern=ISO_PARTIAL_DATE, description="ISO partial date: YYYY, YYYY-MM or YYYY-MM-DD")

    @model_validator(mode="after")
    def _distinct_parties(self) -> "Partnership":
        folded = [_fold(p) for p in self.parties]
        if len(set(folded)) != len(folded):
            raise ValueError(f"parties repeat a name: {self.parties}")
        return self


#: the keys of a per-document record that say where and by whom it was read, not what the fact is
#: (merged facts, exports and the review page leave them out of a fact's fields)
DOCUMENT_FIELDS = frozenset({"kind", "id", "schema_version", "doc_id", "evidence", "support", "extractor", "confidence"})


#: a record of a built-in kind (kinds of other packages validate through ``RECORD_MODELS[kind]``)
Record = Annotated[Union[Policy, FundingRound, CertifiedProduct, Partnership], Field(discriminator="kind")]
class Provenance(_Strict):
    """One document's mention of a merged fact: where it was read and by which record."""

    doc_id: str = Field(pattern=r"^[0-9a-f]{64}$")
    record_id: str
    evidence: Evidence
    confidence: float = Field(ge=0.0, le=1.0)


class ConflictValue(_Strict):
    """One of the values the sources of a merged fact give for a field, and who gives it."""

    value: Any
    doc_ids: list[str] = Field(min_length=1)


class Conflict(_Strict):
    """Sources of one fact disagree on a field: every value with its documents, and the one kept."""

    field: str = Field(min_length=1)
    chosen: Any
    reason: str = Field(min_length=1, description="Why this value was kept (the most confident mention, …)")
    values: list[ConflictValue] = Field(min_length=2)


class MergedRecord(_Strict):
    """One fact reported by one or more documents (merged across reports; since 1.1.0).

    ``fields`` are the kind's fields (as in the per-document record) filled from all mentions;
    ``provenance`` lists every document mention, most confident first.
    """

    #: a registered kind (``RECORD_MODELS``); the JSON Schema lists the kinds registered when it
    #: is written (``reportx schemas``: the built-in kinds; a publish: every kind installed)
    kind: str = Field(json_schema_extra=lambda schema: _enum_of_kinds(schema))
    id: str = Field(min_length=1, description="Stable: the same fact gives the same id in every version")
    schema_version: str = SCHEMA_VERSION
    fields: dict[str, Any]
    provenance: list[Provenance] = Field(min_length=1)
    conflicts: list[Conflict] = Field(default_factory=list, description="Fields its sources disagree on; since 1.4.0")
    first_seen: str | None = Field(default=None, description="The version that first published this fact; since 1.4.0")
    last_changed: str | None = Field(default=None, description="The last version that changed its values; since 1.4.0")

    @field_validator("kind")
    @classmethod
    def _registered_kind(cls, v: str) -> str:
        if v not in RECORD_MODELS:
            raise ValueError(f"unknown record kind {v!r}; kinds: {', '.join(RECORD_MODELS)}")
        return v


class StoredFact(_Strict):
    """A line of ``merged/<kind>/*.jsonl`` (since 2.0.0): a merged fact without its provenance,
    which is stored beside it, one mention a line (``ProvenanceRow``), so that a fact another
    report repeats is not written again (``Dataset.merged`` joins the two)."""

    kind: str = Field(min_length=1)
    id: str = Field(min_length=1, description="Stable: the same fact gives the same id in every version")
    schema_version: str = SCHEMA_VERSION
    fields: dict[str, Any]
    conflicts: list[Conflict] = Field(default_factory=list, description="Fields its sources disagree on; since 1.4.0")
    first_seen: str | None = Field(default=None, description="The version that first published this fact; since 1.4.0")
    last_changed: str | None = Field(default=None, description="The last version that changed its values; since 1.4.0")


class ProvenanceRow(_Strict):
    """A line of ``provenance/<kind>/*.jsonl`` (since 2.0.0): one document's mention of the merged
    fact ``fact_id`` (its ``id`` in ``merged/<kind>``), by reference: the record ``record_id`` of
    ``records/<kind>`` carries the evidence."""

    kind: str = Field(min_length=1)
    fact_id: str = Field(min_length=1, description="The merged fact this mention supports")
    doc_id: str = Field(pattern=r"^[0-9a-f]{64}$")
    record_id: str = Field(min_length=1, description="The per-document record that mentions it (its evidence is there)")
    confidence: float = Field(ge=0.0, le=1.0)


class FactChange(_Strict):
    """One line of a version's ``changes/<kind>.jsonl``: how a merged fact changed since the version
    this one was built on (``since``; null for a first version or one published from scratch).
    Only a fact's values count: a new document mentioning a known fact changes its provenance, not
    the fact."""

    change: Literal["added", "removed", "changed"]
    kind: str = Field(min_length=1)
    id: str = Field(min_length=1, description="The merged fact's stable id")
    since: str | None = Field(description="The version compared against")
    fields: dict[str, Any] | None = Field(description="The fact's values now (null when removed)")
    previous: dict[str, Any] | None = Field(description="Its values in `since` (null when added)")
    changed_fields: list[str] = Field(default_factory=list, description="Which values changed (for `changed`)")


#: the entry-point group of record kinds from other packages, one a line: ``<kind> = "module:Model"``
KIND_ENTRY_POINT_GROUP = "reportx.kinds"


class UnknownKindError(KeyError):
    """A record kind no model is registered for (a plugin package's kind, when it is not installed)."""

    def __init__(self, kind: str, known: list[str]):
        self.kind = kind
        self.known = known
        super().__init__(f"unknown record kind {kind!r}; kinds: {', '.join(known)} (a kind of another package "
                         f"is known once that package is installed: entry points {KIND_ENTRY_POINT_GROUP!r})")

    def __str__(self) -> str:
        return self.args[0]


class KindRegistry(MutableMapping):
    """Record kind -> its model: the built-in kinds in the contract's order, then the kinds of
    installed packages (entry-point group ``reportx.kinds``, loaded on first use, by name), then
    kinds registered in this process (``register_kind``). A model must be a ``RecordBase`` whose
    ``kind`` is the name it is registered under; a kind registered twice is refused."""

    def __init__(self, builtin: dict[str, type[RecordBase]]):
        self._models = dict(builtin)
        self._state = "new"  # -> "loading" -> "loaded"

    def _load(self) -> None:
        if self._state != "new":
            return  # loaded, or loading (a plugin module that looks kinds up while it is imported)
        self._state = "loading"
        try:
            found: dict[str, type[RecordBase]] = {}
            for ep in sorted(entry_points(group=KIND_ENTRY_POINT_GROUP), key=lambda e: e.name):
                if ep.name in self._models or ep.name in found:
                    raise ValueError(f"record kind {ep.name!r} is registered twice ({ep.value})")
                found[ep.name] = _checked_model(ep.load(), ep.name)
        except BaseException:
            self._state = "new"
            raise
        self._models.update(found)
        self._state = "loaded"

    def __getitem__(self, kind: str) -> type[RecordBase]:
        self._load()
        try:
            return self._models[kind]
        except KeyError:
            raise UnknownKindError(kind, list(self._models)) from None

    def __setitem__(self, kind: str, model: type[RecordBase]) -> None:
        self._load()
        self._models[kind] = model

    def __delitem__(self, kind: str) -> None:
        self._load()
        del self._models[kind]

    def __iter__(self) -> Iterator[str]:
        self._load()
        return iter(list(self._models))

    def __len__(self) -> int:
        self._load()
        return len(self._models)

    def __repr__(self) -> str:
        return f"KindRegistry({list(self)})"


def _checked_model(model: Any, kind: str) -> type[RecordBase]:
    if not (isinstance(model, type) and issubclass(model, RecordBase)):
        raise ValueError(f"record kind {kind!r}: {model!r} is not a RecordBase model")
    field = model.model_fields.get("kind")
    if field is None or field.default != kind:
        raise ValueError(f"record kind {kind!r}: {model.__name__}.kind defaults to "
                         f"{getattr(field, 'default', None)!r}, not {kind!r}")
    return model


RECORD_MODELS: KindRegistry = KindRegistry({
    "policy": Policy,
    "funding_round": FundingRound,
    "certified_product": CertifiedProduct,
    "partnership": Partnership,
})


def register_kind(model: type[RecordBase]) -> type[RecordBase]:
    """Register a record model in this process (tests, notebooks), under its ``kind``; an installed
    package registers through the ``reportx.kinds`` entry points instead. Duplicates are refused."""
    field = model.model_fields.get("kind") if isinstance(model, type) and issubclass(model, RecordBase) else None
    kind = getattr(field, "default", None)
    if not isinstance(kind, str) or not kind:
        raise ValueError(f"{model!r} has no kind (a field `kind: Literal[\"<kind>\"] = \"<kind>\"`)")
    if kind in RECORD_MODELS:
        raise ValueError(f"record kind {kind!r} is already registered")
    RECORD_MODELS[kind] = _checked_model(model, kind)
    return model


def _enum_of_kinds(schema: dict) -> None:
    """JSON Schema of ``MergedRecord.kind``: an enum of the kinds registered now, first."""
    rest = dict(schema)
    schema.clear()
    schema.update({"enum": list(RECORD_MODELS), **rest})


def _fold(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"\s+", "", value).lower()
    if isinstance(value, list):
        return [_fold(v) for v in value]
    return value


def stable_id(kind: str, doc_id: str, fields: dict[str, Any]) -> str:
    """Id of a fact: hash of kind, document and the kind's identifying fields (whitespace/case folded)."""
    model = RECORD_MODELS.get(kind)
    keys = model.key_fields if model is not None and model.key_fields else tuple(sorted(fields))
    payload = json.dumps([kind, doc_id, [_fold(fields.get(k)) for k in keys]], ensure_ascii=False)
    return f"{kind}:{hashlib.sha256(payload.encode('utf-8')).hexdigest()[:20]}"

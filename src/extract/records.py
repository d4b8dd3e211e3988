"""Record contract: the Pydantic models downstream systems read.

This module imports nothing else of the project; everything may import it. Changing a field
here changes the published contract: bump ``SCHEMA_VERSION`` (major for breaking changes) and
regenerate ``schemas/`` (``reportx schemas``).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "1.4.0"

ROUNDS = (
    "seed", "angel", "pre-A", "A", "A+", "pre-B", "B", "B+", "C", "C+",
    "D", "E", "F", "pre-IPO", "IPO", "strategic", "undisclosed",
)
Round = Literal[
    "seed", "angel", "pre-A", "A", "A+", "pre-B", "B", "B+", "C", "C+",
    "D", "E", "F", "pre-IPO", "IPO", "strategic", "undisclosed",
]
Currency = Literal["CNY", "USD", "HKD", "EUR"]
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

    A kind also says which of its fields identify the fact (``key_fields``: the stable id, the
    cross-report merge and gold matching use them) and which fields scoring checks on matched
    pairs (``eval_fields``). Neither is part of the JSON contract.
    """

    key_fields: ClassVar[tuple[str, ...]] = ()
    eval_fields: ClassVar[tuple[str, ...]] = ()
    #: merged facts of this kind only join when their dates agree (a date among the key fields);
    #: False where one approval is restated with other dates (certified products)
    merge_on_date: ClassVar[bool] = True

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

    kind: Literal["policy", "funding_round", "certified_product", "partnership"]
    id: str = Field(min_length=1, description="Stable: the same fact gives the same id in every version")
    schema_version: str = SCHEMA_VERSION
    fields: dict[str, Any]
    provenance: list[Provenance] = Field(min_length=1)
    conflicts: list[Conflict] = Field(default_factory=list, description="Fields its sources disagree on; since 1.4.0")
    first_seen: str | None = Field(default=None, description="The version that first published this fact; since 1.4.0")
    last_changed: str | None = Field(default=None, description="The last version that changed its values; since 1.4.0")


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


RECORD_MODELS: dict[str, type[RecordBase]] = {
    "policy": Policy,
    "funding_round": FundingRound,
    "certified_product": CertifiedProduct,
    "partnership": Partnership,
}


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

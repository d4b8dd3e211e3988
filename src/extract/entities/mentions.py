"""Typed mentions of a document: ORG, GOV, PRODUCT, MONEY, DATE, ROUND, LAW.

Each mention is a span of the document text with its label and where it came from: ``ner`` (the
trained NER, on the blocks the pipeline ran over), ``gazetteer`` (data/gazetteers), ``cluster``
(a name of an ORG cluster: legal names, definitions, short forms, brackets; see ``clusters``) or
``pattern`` (the shared vocabulary: dates, amounts, rounds, titles and document numbers, product
fields). Patterns are the families real texts write (the project's own examples):

- GOV: "国家药监局、国家卫生健康委联合印发…", "四川省药品监督管理局颁发的…" (gazetteer, agency endings);
- PRODUCT: "商品名：安示宁", "通用名：示例替尼片", "产品名称：血管内超声诊断系统", a quoted name right
  after 的 ("示例医疗的“示例FFR”…");
- MONEY / DATE / ROUND: ``normalize`` (数千万元, 2亿港元, US$80 million; 2024年3月; B+轮, Pre-IPO);
- LAW: a title in 《》, a document number (国办发〔2024〕53号, 2022年第8号).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex as re

from ..lexicon.agencies import is_gov_body
from ..nlp.resources import gazetteer
from ..normalize import ROUND_RE, find_dates, find_money

#: the labels of the layer (the trained NER's, plus ROUND)
LABELS = ("ORG", "GOV", "PRODUCT", "MONEY", "DATE", "ROUND", "LAW")


@dataclass(frozen=True)
class Mention:
    """A typed span of the document text."""

    start: int
    end: int
    text: str
    label: str
    source: str  # "ner", "gazetteer", "cluster", "pattern"
    cluster: int = -1  # the ORG cluster it names (ORG mentions of clusters)


#: a product named in a field of an announcement or a news item
_PRODUCT_FIELD = re.compile(r"(?:商品名|通用名|产品名称|品名)\s*[:：为]\s*(?P<name>[^，,。；;：:（）()\n]{2,40})")
#: a quoted product right after its maker ("示例医疗的“示例FFR”")
_QUOTED_PRODUCT = re.compile(r"的\s*[“「](?P<name>[^”」\n]{2,30})[”」]")
#: a title in 《》 (the LAW label: laws, plans, notices, guidelines)
_TITLE = re.compile(r"《(?P<name>[^《》\n]{2,120})》")
#: a document number: 国办发〔2024〕53号, 国卫办医政函〔2024〕188号, 2022年第8号
_DOC_NUMBER = re.compile(r"[\p{Han}]{1,12}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号|(?:19|20)\d{2}\s*年\s*第\s*\d{1,4}\s*号")
#: a governmental body as news writes it before a verb of issuing or approving
_GOV_CANDIDATE = re.compile(r"(?P<name>[\p{Han}]{2,24}?(?:人民政府|政府|办公厅|委员会|卫健委|局|部|署|厅|中心))(?=[、，,与和及]|联合|印发|发布|颁发|核发|批准|出台|下发|公布)")


@lru_cache(maxsize=1)
def _gov_terms() -> tuple[str, ...]:
    return tuple(sorted(set(gazetteer("gov")), key=len, reverse=True))


def pattern_mentions(text: str) -> list[Mention]:
    """The mentions the shared vocabulary finds in ``text`` (no ORG: those come from clusters)."""
    out: list[Mention] = []
    for d in find_dates(text):
        out.append(Mention(d.start, d.end, text[d.start:d.end], "DATE", "pattern"))
    for money in find_money(text):
        out.append(Mention(money.start, money.end, text[money.start:money.end], "MONEY", "pattern"))
    for m in ROUND_RE.finditer(text):
        out.append(Mention(m.start(), m.end(), m.group(), "ROUND", "pattern"))
    for m in _TITLE.finditer(text):
        out.append(Mention(m.start("name"), m.end("name"), m["name"], "LAW", "pattern"))
    for m in _DOC_NUMBER.finditer(text):
        out.append(Mention(m.start(), m.end(), m.group(), "LAW", "pattern"))
    for pattern in (_PRODUCT_FIELD, _QUOTED_PRODUCT):
        for m in pattern.finditer(text):
            out.append(Mention(m.start("name"), m.end("name"), m["name"].strip(), "PRODUCT", "pattern"))
    taken: set[int] = set()
    for term in _gov_terms():
        for m in re.finditer(re.escape(term), text):
            if m.start() in taken:
                continue
            taken.update(range(m.start(), m.end()))
            out.append(Mention(m.start(), m.end(), term, "GOV", "gazetteer"))
    for m in _GOV_CANDIDATE.finditer(text):
        if m.start("name") not in taken and is_gov_body(m["name"]):
            out.append(Mention(m.start("name"), m.end("name"), m["name"], "GOV", "pattern"))
    out.sort(key=lambda x: (x.start, -x.end))
    return out

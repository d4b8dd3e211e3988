"""Approvals written as numbered cards: the product on the item line, its fields on the lines below.

Trade media's monthly round-ups and regulators' digests list each approved product so::

    1. 经自然腔道柔性手术机器人系统
    注册人：杭州某某医疗机器人有限公司
    审批时间：2月6日
    产品简介：……

A card is a numbered line that reads as a product name, followed by labelled lines among which a
holder (注册人, 注册证持有人, 申请人, 生产企业…) and an approval date (审批时间, 批准日期…) or a
certificate number. The regulator is the one the number says, else the one the document's head
names (a round-up of 国家药监局's approvals); without either the card gives no record.
"""

from __future__ import annotations

import regex as re

from .. import confidence
from ...normalize import Dateline, parse_date
from ...structure import labelled_lines
from .tables import number_authorities
from .vocabulary import Candidate, authorities_in, class_for, clean_name, is_company_name, is_product_name

#: the item line: a number, then the product alone on the line
_ITEM = re.compile(r"^[ \t　]*(?:\d{1,2}\s*[.、．)）]|[（(]\d{1,2}[）)]|[①-⑳])[ \t　]*(?P<product>[^\n：:，,。；;]{3,60}?)[ \t　]*$", re.M)
_HOLDER = re.compile(r"^(?:注册人(?:名称)?|注册证持有人|持有人|上市许可持有人|申请人|生产企业|生产厂家|企业名称)$")
_DATE = re.compile(r"^(?:审批时间|批准时间|批准日期|获批时间|获批日期|审批日期|注册时间|注册日期|发证日期|上市时间|许可日期|决定日期)$")
_NUMBER = re.compile(r"^(?:注册证号|注册证编号|证号|批准文号|注册号|510\(k\)编号|510（k）编号|K号|申请号)$")
_PRODUCT = re.compile(r"^(?:产品|产品名称|器械名称|药品名称)$")
_CLASS = re.compile(r"(?:第\s*)?(?P<c>[一二三])\s*类")
#: how many labelled lines a card may have
_MAX_FIELDS = 8
#: how much of the document's head may name the regulator of its cards
_HEAD_CHARS = 800


def product_cards(text: str, dated: Dateline | None) -> list[Candidate]:
    """A candidate per card of ``text`` (document offsets); ``dated`` gives a bare 2月6日 its year."""
    out: list[Candidate] = []
    head_auths = {a for a, _, _ in authorities_in(text[:_HEAD_CHARS])}
    for m in _ITEM.finditer(text):
        product = clean_name(m["product"])
        if not (is_product_name(product) or is_company_name(product)):
            continue
        fields: dict[str, str] = {}
        end = m.end()
        for label, value, _, value_end in labelled_lines(text, m.end() + 1, _MAX_FIELDS):
            fields.setdefault(label, value)
            end = value_end
        named = next((v for k, v in fields.items() if _PRODUCT.match(k)), None)
        if named is not None and is_company_name(product) and is_product_name(clean_name(named)):
            # "3. 上海某某智能科技有限公司" / "产品：肺部CT影像分诊软件" / "510(k)编号：K252987": a card by company
            fields.setdefault("注册人", product)
            product = clean_name(named)
        if not is_product_name(product):
            continue
        holder = next((v for k, v in fields.items() if _HOLDER.match(k)), None)
        day = next((v for k, v in fields.items() if _DATE.match(k)), None)
        number = next((v for k, v in fields.items() if _NUMBER.match(k)), None)
        if holder is None or (day is None and number is None):
            continue
        company = clean_name(holder)
        if not is_company_name(company):
            continue
        auths = number_authorities(number) if number else []
        auth = auths[0] if auths else (next(iter(head_auths)) if len(head_auths) == 1 else ("NMPA" if "NMPA" in head_auths else None))
        if auth is None:
            continue
        date = None
        if day:
            month = re.search(r"(\d{1,2})\s*月", day)
            year = dated.year_of(int(month.group(1))) if dated is not None and month else None
            date = parse_date(day, year=year)
        card = text[m.start():end]
        klass = class_for(auth, (number or "") + "".join(c.group(0) for c in _CLASS.finditer(card)))
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        out.append(Candidate(product, company, auth, klass, date, start, end, confidence.LAYOUT, from_table=True))
    return out

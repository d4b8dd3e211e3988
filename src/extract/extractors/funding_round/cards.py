"""Funding rounds written as cards of labelled lines, one field a line.

Portfolio walls, incubators' yearly lists and some databases' pages give each company a card::

    企业名称：苏州某某智能医疗器械有限公司
    所属领域：心电AI
    本轮：Pre-A轮
    金额：3000万元
    投资方：某某基金（领投）、某某母基金（跟投）
    时间：2025年3月
    上一轮：天使轮
    金额：未披露
    投资方：某某创坛
    时间：2024年7月

A card is a run of at least three ``label：value`` lines with a company label and a round or an
amount label; each round label (本轮, 轮次, 上一轮, 本年另完成…) opens the fields of one round of
the card's company, and the amount, investors and date lines after it belong to that round.
Labels that are no field of a round (所属领域, 一句话点评, 备注) are passed over.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from ...normalize import parse_date
from ...records import Amount
from ...structure import labelled_lines
from .fields import money_in, rounds_in, split_investors

_COMPANY = re.compile(r"^(?:企业名称|公司名称|企业全称|公司全称|项目名称|被投企业|融资企业|融资方|融资主体|企业|公司)$")
#: a label that opens a round: this round, the one before, another of the same year
_ROUND = re.compile(r"^(?:本轮|轮次|融资轮次|本轮轮次|融资阶段|阶段|上一轮|前一轮|上轮|此前轮次|本年另完成|另完成|同年另完成|历史融资)$")
_AMOUNT = re.compile(r"^(?:金额|融资金额|融资额|本轮金额|本轮融资额|融资规模|规模)$")
_INVESTORS = re.compile(r"^(?:投资方|投资机构|投资人|出资方|本轮投资方|投资者)$")
_DATE = re.compile(r"^(?:时间|日期|融资时间|交割时间|披露时间|完成时间|公布时间)$")
#: a round not done yet: "B轮（筹备中）", "金额：拟融资约1.5亿元", "投资方：洽谈中"
_PLANNED = re.compile(r"筹备中|筹划中|洽谈中|进行中|待定|启动中|^拟|计划|预计")
#: at least this many labelled lines make a card
_MIN_LINES = 3


@dataclass
class CardRound:
    """One round of a card: its fields and the document span of its lines."""

    company: str
    company_span: tuple[int, int]
    planned: bool = False
    raw_round: str | None = None
    round: str | None = None
    amount: Amount | None = None
    investors: list[str] = field(default_factory=list)
    date: str | None = None
    start: int = 0
    end: int = 0


def card_rounds(text: str) -> list[CardRound]:
    """Every round of every card in ``text`` (document offsets)."""
    out: list[CardRound] = []
    pos = 0
    while pos < len(text):
        run = [(start, label, value, end) for label, value, start, end in labelled_lines(text, pos, len(text))]
        last = run[-1][3] if run else pos
        nl = text.find("\n", last)
        pos = nl + 1 if nl >= 0 else len(text)
        if len(run) < _MIN_LINES:
            continue
        labels = [label for _, label, _, _ in run]
        if not any(_COMPANY.match(x) for x in labels) or not any(_ROUND.match(x) or _AMOUNT.match(x) for x in labels):
            continue
        out.extend(_card(run))
    return out


def _card(run: list[tuple[int, str, str, int]]) -> list[CardRound]:
    company: tuple[str, int, int] | None = None
    rounds: list[CardRound] = []
    cur: CardRound | None = None
    for start, label, value, end in run:
        if _COMPANY.match(label):
            if company is not None:
                break  # a second company: the card ended without a blank line
            at = end - len(value)
            company = (value.strip(), at, end)
            continue
        if company is None:
            continue
        if _ROUND.match(label):
            found = rounds_in(value, table_cell=True)
            cur = CardRound(company[0], (company[1], company[2]), start=start, end=end)
            if found:
                cur.raw_round, cur.round = found[0]
            cur.planned = bool(_PLANNED.search(value))
            rounds.append(cur)
            continue
        if cur is None and (_AMOUNT.match(label) or _INVESTORS.match(label) or _DATE.match(label)):
            # a card giving an amount before (or without) a round line: one round, its round unknown
            cur = CardRound(company[0], (company[1], company[2]), start=start, end=end)
            rounds.append(cur)
        if cur is None:
            continue
        if _PLANNED.search(value) and (_ROUND.match(label) or _AMOUNT.match(label) or _INVESTORS.match(label) or _DATE.match(label)):
            cur.planned = True
        if _AMOUNT.match(label):
            money = money_in(value)
            cur.amount = cur.amount or (money[0] if money else None)
        elif _INVESTORS.match(label):
            cur.investors = cur.investors or split_investors(value)
        elif _DATE.match(label):
            cur.date = cur.date or parse_date(value)
        else:
            continue
        cur.end = end
    # the first round's evidence starts at the company line
    if rounds and company is not None:
        rounds[0].start = min(rounds[0].start, company[1])
    return [r for r in rounds if (r.round or r.amount or r.investors) and not r.planned]

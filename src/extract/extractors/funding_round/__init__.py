"""funding_round records: financing events (rounds, strategic investments, IPO proceeds) of one company.

Two sources of evidence:

* **Tables** whose header names a company column and at least one of round / amount / investors
  (企业名称 | 融资时间 | 融资轮次 | 融资金额 | 投资机构). A row whose company cell is empty continues the
  company of the row above. Headerless tables are accepted when their columns can be recognised by
  content (a column of rounds plus a column of dates or amounts). An IPO table (公司 | 上市板块 |
  上市日期 | 募资金额, no round column) gives one IPO per row.
* **Prose** (paragraphs, list items, news-style headings). A sentence is split into clauses on
  ，/, ; an *event clause* carries a completion trigger (完成/获得/获 … 融资/投资, ``Y向X投资了``,
  ``Y领投了X的…融资``, a stock-exchange listing with proceeds, or a listed company's follow-on
  offering with proceeds: 配售新股/定增/向特定对象发行, round null). Clauses before it in the same
  sentence may give its date and company ("2024年10月，腾讯向…"), clauses after it (up to the next
  event clause) its amount and investors ("由Y资本领投，Z创投跟投"). A following sentence that
  starts with 本轮/此轮/本次 adds investors or an amount to the last event. A company left
  implicit ("公司"/"该公司"/"其"/no subject) is the organisation in focus (``extract.focus``): the
  paragraph's last company-like subject, else the digest item's label ("▍2. X｜C轮"), a heading
  that names it, the company the document defines as 公司 （以下简称"X"或"公司"）, or the
  announcement's issuer, else the company of a person the story introduced for it ("X创始人林晓舟"
  … "林晓舟告诉记者，去年底刚完成的B轮…", see ``speakers``); when none is found the event gives no
  record (the contract has no null company). A person speaking ("林晓舟坦言") is never a company,
  and a clause "公司账上…" before the event points at the company in focus. A sentence opening with
  那一轮/这一轮/本轮 ("那一轮X融资3亿元，由A领投") completes the event before it. The announcer
  written 公司/本公司 among investors ("由公司与Y共同出资", "Y领投，公司跟投") is named. Its evidence then reaches back to the mention of the name. Funding histories count:
  "此前曾于2021年完成A轮", "2021年和2022年先后完成A轮、B轮融资", "继2021年Pre-A轮、2022年A轮之后"
  (investors paired by 分别), "上一轮为2021年的A轮". A bare "7月12日" takes the paragraph's last
  written year, else the year of the document's dateline (发布时间：2023-07-17 in its first lines),
  else the year its title names ("2024年第23期"); "去年10月" is relative to the dateline ("去年底" is
  its December, "前年"/"去年初" a year), "本季度" and "成立当年" give a year. An item of a weekly
  digest ("2025年第28周", "本周（2025.07.07-2025.07.11）") under a section saying it is the week's
  news ("二、本周重点事件") takes the week's month when it gives no date and is not background
  ("此前曾获…"). A news flash's item numbers ("03｜"), a digest's label line or
  【X｜港股IPO】 label and Markdown bold are not part of names; a colon introduces the clause that
  follows ("还有两笔交易值得关注：一是X完成…"). Amounts in 新台币 keep their raw text and value
  without a currency (the contract has no TWD).
* **English and bilingual writing**: "closed a US$80 million Series C+ round in Sep 2023, led by X,
  with participation from Y and Z", RMB/US$/HK$ amounts with million/billion/m/bn, English table
  headers (Company | Round | Amount | Date | Investors). A bracketed name in the other script is an
  alias ("Deepwise Healthcare（深睿医疗）"): a table row repeating a prose deal under it is merged;
  so is an English line restating the Chinese one (same round, month and amount; the Chinese kept).

Guards keep the usual false positives out: aggregate statistics (共发生95起投融资事件, 融资总额),
plans (递交招股说明书, 拟/计划/预计), capital expenditure (投资建设, 总投资), relative clauses
describing investors without an event (由X投资的Y公司), valuations and currency conversions.
"""

from __future__ import annotations

from typing import Iterable, Iterator

import regex as re

from .. import confidence
from ...normalize import find_dates
from ...focus import Focus, FocusIndex, mention, speaker_label, without_label
from ...lexicon.orgs import is_org_name
from ...records import FundingRound, RecordBase
from ...structure import Block, BlockType, TextView
from ..base import ExtractionContext, ExtractorConfig, RuleExtractor, written_elsewhere
from .vocabulary import _AGGREGATE_RE, _LEAD_RE, _PROSE_TRIGGER, _ROUND_LEAD_RE, _ROUND_MENTION
from .fields import (
    _Clause, _Event, _When, _founding_date, _without_bracket_label, daily_period, digest_period, document_company, document_when,
    monthly_period,
    drop_alias, investors_in, is_company_name, lead_investors, money_in, rounds_in, split_clauses,
)
from .cards import card_rounds
from .tables import row_fields, table_columns
from .prose import FORMER_LATTER, _merge, _name_anchor, _ner_topic, _subject_of, sentence_events
from .speakers import speaker_company, speakers


#: labels of a document's metadata lines ("发布时间：…", "来源：…", "作者：…"): never a company in focus
_META_LABEL = re.compile(r"^(?:发布|发表|更新|报告|撰稿|来源|作者|记者|编辑|责编|日期|时间|分析师|联系人|出品|整理)")


#: a top-level section heading ("二、本周重点事件"), which ends the sections above it
_TOP_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|#\s)")
#: a section heading saying its items are the week's news ("本周重点事件", "本期投融资")
_THIS_WEEK_HEADING = re.compile(r"本周|本期|(?i:this\s+week)")


def _this_week_blocks(blocks: list[Block]) -> set[int]:
    """ids of the blocks under a section heading that says they are the digest's week ("二、本周重点
    事件 / （三）投融资动态 / 12. X完成C轮融资"): only those items take the week's month as their date;
    items under a plain "一、投融资动态" keep no date when they give none."""
    out: set[int] = set()
    chain: list[str] = []
    for b in blocks:
        if b.type is BlockType.HEADING:
            line = b.text.strip()
            chain = [line] if _TOP_HEADING.match(line) else [*chain, line]
        elif any(_THIS_WEEK_HEADING.search(h) for h in chain):
            out.add(id(b))
    return out


class FundingRoundConfig(ExtractorConfig):
    """Settings of funding_round.rules.v1."""

    use_ner: bool = True  # ORG entities of the trained NER name companies the rules cannot read


#: the year a yearly report's title covers: "产业发展年度报告（2025）", "2025年度报告", "2025年年报"
_REPORT_YEAR = re.compile(r"(?:年度|年报|报告|白皮书|蓝皮书)\s*[（(]\s*(?P<y>(?:19|20)\d{2})\s*[)）]"
                          r"|(?P<y2>(?:19|20)\d{2})\s*年\s*(?:年度|度)?\s*(?:报告|年报|白皮书|蓝皮书|发展报告)")
#: how much of a document's head may be its title
_TITLE_CHARS = 200


def report_year_of(text: str) -> int | None:
    """The year a yearly report says it covers in its title, or None."""
    m = _REPORT_YEAR.search(text[:_TITLE_CHARS])
    return int(m["y"] or m["y2"]) if m else None


class FundingRoundRulesV1(RuleExtractor):
    """Rule-based funding round extraction from tables and prose."""

    name = "funding_round.rules.v1"
    kind = "funding_round"
    version = "8"
    record_model = FundingRound
    Config = FundingRoundConfig

    def extract(self, ctx: ExtractionContext) -> Iterable[RecordBase]:
        """Records of every financing event found in the document's tables and prose."""
        records: list[RecordBase] = []
        when = document_when(ctx.text)
        layer = ctx.entity_layer
        # the company the document calls 公司, else the one it is about (an interim report's issuer)
        about = layer.about() if layer is not None else None
        self_name = document_company(ctx.text) or (about.name if about else None)
        focus = layer.focus if layer is not None else FocusIndex(ctx.structure)
        people = speakers(ctx.text)  # "X创始人林晓舟": what 林晓舟 says is about X
        # a weekly digest's items happened in the week it covers (its head: "2025年第28周")
        period = digest_period(ctx.text, when.published.year if when.published else when.year)
        report_year = report_year_of(ctx.text)
        this_week = _this_week_blocks(ctx.structure.blocks) if period else set()
        if period is None and (period := daily_period(ctx.text) or monthly_period(ctx.text)):
            this_week = {id(b) for b in ctx.structure.blocks}  # a daily brief or a monthly review: every item is of its period
        for block in ctx.structure.blocks:
            if block.type is BlockType.TABLE and block.table is not None:
                records.extend(self._from_table(ctx, block, when.published.year if when.published else when.year))
            elif block.type in (BlockType.PARAGRAPH, BlockType.LIST_ITEM, BlockType.HEADING):
                records.extend(self._from_prose(ctx, block, when, self_name, focus, people,
                                                period if id(block) in this_week else None, report_year))
        records.extend(self._from_cards(ctx))
        return _merge(records, ctx.text, layer.same if layer is not None else None)

    # --- cards of labelled lines -----------------------------------------------------------

    def _from_cards(self, ctx: ExtractionContext) -> Iterator[RecordBase]:
        """Rounds of portfolio cards (企业名称：… / 本轮：… / 金额：… / 投资方：… / 时间：…; see ``cards``)."""
        for r in card_rounds(ctx.text):
            if not is_company_name(r.company):
                continue
            support = [r.company_span] if not (r.start <= r.company_span[0] and r.company_span[1] <= r.end) else []
            yield self.make(ctx, r.start, r.end, confidence=confidence.LAYOUT, support=support, company=r.company,
                            round=r.round, round_raw=r.raw_round, date=r.date, amount=r.amount, investors=r.investors,
                            lead_investors=lead_investors(ctx.text[r.start:r.end], r.investors))

    # --- tables ---------------------------------------------------------------------------

    def _from_table(self, ctx: ExtractionContext, block: Block, year: int | None = None) -> Iterator[RecordBase]:
        """Records of a funding table's rows; ``year`` is the document's, for days written without one."""
        table = block.table
        cols = table_columns(table, context=" ".join((block.caption, block.heading, block.note)))
        if cols is None:
            return
        company: str | None = None
        company_cell: tuple[int, int] | None = None
        if "company" not in cols:
            company, company_cell = self._history_owner(ctx, block)
        for row in table.rows:
            cell = row.cell(cols["company"]) if "company" in cols else None
            if cell is not None and not cell.empty:
                company = drop_alias(cell.text)  # "Deepwise Healthcare (深睿医疗)"
                company_cell = (cell.start, cell.end)
            if not company:
                continue
            fields = row_fields(row, cols, year)
            if fields is None:
                continue
            fields["lead_investors"] = lead_investors(ctx.text[row.start:row.end], fields["investors"])
            # a row continuing the one above takes its company from the cell above it
            support = [company_cell] if company_cell and not (row.start <= company_cell[0] < row.end) else []
            yield self.make(ctx, row.start, row.end, confidence=confidence.FIELDS, support=support, company=company, **fields)

    @staticmethod
    def _history_owner(ctx: ExtractionContext, block: Block) -> tuple[str | None, tuple[int, int] | None]:
        """The company whose rounds a table without a company column lists, and where it is named:
        the subject of the sentence introducing it ("栖砚医疗自成立以来共完成6轮融资，具体如下："),
        本公司 / 公司 there, else the section's or the document's company (``extract.entities``)."""
        layer = ctx.entity_layer
        if layer is None:
            return None, None
        blocks = ctx.structure.blocks
        i = blocks.index(block)
        before = next((b for b in reversed(blocks[max(0, i - 2):i]) if b.type is not BlockType.TABLE), None)
        found = None
        if before is not None:
            text = ctx.text[before.start:before.end]
            word = re.search(r"本公司|本集团|我们|(?<![\p{Han}])公司", text)
            found = layer.resolve(before, before.start + word.start(), word.group()) if word else None
            if found is None:
                subject = layer.subject_before(before, before.end)
                found = Focus(subject.name, "previous", subject.start) if subject else None
        found = found or layer.resolve(block, block.start, None)
        if found is None:
            return None, None
        at = ctx.text.find(found.name, max(found.offset, 0)) if found.offset >= 0 else -1
        at = at if at >= 0 else ctx.text.rfind(found.name, 0, block.start)
        return found.name, ((at, at + len(found.name)) if at >= 0 else None)

    # --- prose ----------------------------------------------------------------------------

    def _from_prose(self, ctx: ExtractionContext, block: Block, when: _When, self_name: str | None,
                    focus: FocusIndex, people: dict[str, str] | None = None,
                    period: str | None = None, report_year: int | None = None) -> Iterator[RecordBase]:
        """Records of the sentences of a paragraph, list item or heading. ``people``: persons
        speaking for a company (``speakers``); ``period``: the month of the week a weekly digest
        covers, the date of its items that give none of their own."""
        view = block.view(ctx.text)
        text = view.text
        topic: str | None = None
        last: _Event | None = None
        published = when.published
        # a bare "7月12日" takes the last year written in the paragraph, else the dateline's, else
        # the year a yearly report's title says it covers ("…年度报告（2025）"); never a guess from
        # another paragraph
        year = when
        if when.year is None and when.published is None and report_year is not None:
            year = _When(report_year, None, when.founded)
        spans = _without_bracket_label(without_label(ctx.sentences(block, _PROSE_TRIGGER), ctx.text, block), view)
        # only blocks with a trigger word were parsed; their ORG entities back up the rules
        entities = ctx.entities(block, "ORG", "PRODUCT", "GOV") if spans and self.config.use_ner else []
        paired: list[str] = []  # companies a sentence paired with their rounds ("X与Y分别完成A轮、B轮融资")
        for s, e in spans:
            s += speaker_label(text[s:e], focus.speakers)  # "陈朗：天使轮是X投的": who speaks is no subject
            sentence = text[s:e]
            which = FORMER_LATTER.match(sentence) if paired else None
            if which:
                # "后者获君联资本领投的2.6亿元融资": the last of the companies just paired
                topic = paired[0] if which["w"] == "前者" else paired[-1]
                sentence = sentence[:which.start("w")] + "  " + sentence[which.end("w"):]
            clauses = split_clauses(sentence, s)
            orgs = tuple(text[a:b] for a, b, lab in entities if lab == "ORG" and s <= a and b <= e)
            # 公司 / 其 / no subject: the previous sentence's subject, else the item head, heading,
            # or the company the document defines (see extract.focus)
            at = view.doc_span(s, e)[0]
            layer = ctx.entity_layer
            in_focus = layer.resolve(block, at, None, previous=topic) if layer is not None else focus.at(block, at, previous=topic)
            if in_focus is None and ctx.entity_layer is not None:
                in_focus = ctx.entity_layer.about()  # the company the whole document is about
            # a person quoted for a company ("林晓舟告诉记者，去年底刚完成的B轮…") stands for it
            if in_focus is not None and in_focus.how in ("heading", "item_head") and _META_LABEL.match(in_focus.name):
                in_focus = None  # "发布时间：2025年…" heads a dateline, it names no company
            spoken = speaker_company(sentence, people or {})
            if in_focus is None and spoken:
                in_focus = Focus(spoken, "speaker", -1)
            events = sentence_events(clauses, in_focus.name if in_focus else None, year, orgs, self_name)
            if (events and last is not None and _ROUND_MENTION.match(_LEAD_RE.sub("", sentence))
                    and all(not ev.rounds and ev.implicit_company for ev in events)):
                events = []  # "本轮融资由Y领投" after an event of this paragraph completes it (below)
            if len(events) >= 2 and len({ev.company for ev in events}) == len(events):
                paired = [ev.company for ev in events]
            if events:
                for ev in events:
                    if period and not ev.dates and not ev.past and block.type is not BlockType.HEADING:
                        ev.dates = [period]  # "（一）投融资 … 12. X完成6亿元C轮融资" in a 周报 of 2025年第28周
                    yield from self._records(ctx, view, ev, block, in_focus.offset if in_focus else -1)
                    if ev.company and not ev.implicit_company:
                        topic = ev.company
                last = events[-1]
            else:
                if last is not None and _ROUND_MENTION.match(_LEAD_RE.sub("", sentence)):
                    # "本轮融资由Y领投，Z跟投。" completes the event of the sentence before
                    yield from self._amend(ctx, view, last, sentence, s, e, block)
                elif last is not None and len(last.rounds) > 1:
                    # "B轮由Y领投，B+轮由Z独家投资。" gives each round of the event before its investors
                    yield from self._amend_rounds(ctx, view, last, clauses, e, block)
                subject = _subject_of(clauses[0].text) if clauses else None
                if clauses and entities:
                    subject = _ner_topic(subject, clauses[0], text, entities)
                if spoken and not (subject and is_org_name(subject)):
                    subject = spoken  # "回忆起创业之初，林晓舟坦言…": the sentence is about his company
                if subject:
                    topic = subject
            # a founding year ("成立于2017年") dates the company, not the bare "3月12日" of its news
            dates = [d for d in find_dates(sentence) if not _founding_date(sentence, d.start)]
            founded = next((int(d.value[:4]) for d in find_dates(sentence) if _founding_date(sentence, d.start)), year.founded)
            year = _When(int(dates[-1].value[:4]) if dates else year.year, published, founded)

    def _amend(self, ctx, view: TextView, ev: _Event, sentence: str, s: int, e: int, block: Block) -> Iterator[RecordBase]:
        """Re-emit ``ev`` with investors/amount from a following 本轮… sentence (evidence spans both)."""
        inv = investors_in(sentence)
        money = [] if ev.money else money_in(sentence)
        if not inv and not money:
            return
        if _AGGREGATE_RE.search(sentence) and not inv:
            return
        extra = _Event(ev.company, ev.rounds, ev.dates, money or ev.money, inv or ev.investors, ev.start, e, ev.confidence,
                       ev.is_ipo, ev.implicit_company)
        yield from self._records(ctx, view, extra, block)

    def _amend_rounds(self, ctx, view: TextView, ev: _Event, clauses: list[_Clause], e: int, block: Block) -> Iterator[RecordBase]:
        """Re-emit single rounds of a several-round ``ev`` with the investors a following sentence
        gives each of them; the round's own date and amount stay as paired before."""
        n = len(ev.rounds)
        for c in clauses:
            m = _ROUND_LEAD_RE.match(_LEAD_RE.sub("", c.text.strip()))
            if not m:
                continue
            said = rounds_in(m["round"])
            idx = next((i for i, (_, norm) in enumerate(ev.rounds) if said and norm == said[0][1]), None)
            inv = investors_in(c.text)
            if idx is None or not inv:
                continue
            dates = [ev.dates[idx]] if len(ev.dates) == n else ev.dates[:1]
            money = [ev.money[idx]] if len(ev.money) == n else []
            one = _Event(ev.company, [ev.rounds[idx]], dates, money, inv, ev.start, e, ev.confidence,
                         ev.is_ipo, ev.implicit_company)
            yield from self._records(ctx, view, one, block)

    def _records(self, ctx, view: TextView, ev: _Event, block: Block, focus_at: int = -1) -> Iterator[RecordBase]:
        """One record per round of ``ev``; dates and amounts pair with rounds in written order.
        ``focus_at``: where the company in focus is written (see ``extract.focus``), for a sentence
        that calls it 公司 / 其."""
        if not ev.company:
            return
        if ev.is_ipo and not ev.money and block.type is BlockType.HEADING:
            return  # "▍8. 星桥医疗（港股IPO）": a digest item's label; its story tells the listing
        rounds = ev.rounds or [(None, "IPO" if ev.is_ipo else None)]
        if ev.is_ipo:
            rounds = [(ev.extra[0] if ev.extra else "上市", "IPO")]
        dates = ev.dates
        n = len(rounds)
        conf = ev.confidence - (confidence.HEADING_PENALTY if block.type is BlockType.HEADING else 0.0)
        ds, de = view.doc_span(ev.start, min(ev.end, len(view.text)))
        company = ev.company
        layer = ctx.entity_layer
        if layer is not None:
            # an organisation of the document, never a fragment (extract.entities)
            company = layer.company(ev.company, ds, de)
            if company is None and ev.implicit_company and layer.about() is not None:
                # "该公司宣布完成…" after a sentence whose subject is no organisation ("从…办公室起步，
                # 这家…公司"): the company the document is about
                company = layer.about().name
            if company is None:
                ctx.filtered(ds, de, f"no organisation in {ev.company!r}")
                return
        if ev.implicit_company and company not in ctx.text[ds:de]:
            ds = _name_anchor(ctx.text, company, ds)
        # a company the evidence does not name is shown where it is written (heading, definition,
        # an earlier sentence)
        named = company in ctx.text[ds:de]
        where = None if named else mention(ctx.text, company, focus_at, before=ds)
        support = [where] if where else []
        for i, (raw, norm) in enumerate(rounds):
            if len(dates) == n:
                date = dates[i]
            elif dates:
                date = dates[0] if n == 1 or len(dates) == 1 else None
            else:
                date = None
            if len(ev.money) == n:
                amount = ev.money[i]
            elif n == 1 and ev.money:
                amount = ev.money[0]
            else:
                amount = None
            investors = ev.round_investors[i] if len(ev.round_investors) == n else list(ev.investors)
            # an investor written 公司 (the document's own company investing) is shown where it is named
            shown = [*support, *written_elsewhere(ctx.text, investors, ds, de, support)]
            yield self.make(ctx, ds, de, confidence=round(max(confidence.FLOOR, conf), 2), support=shown, company=company, round=norm,
                            round_raw=raw, date=date, amount=amount, investors=investors,
                            lead_investors=lead_investors(ctx.text[ds:de], investors))

"""funding_round fields: clauses, dates, amounts, rounds, company and investor names, and the
merge of repeated mentions; shared by the table and prose readers."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
import regex as re

from ...normalize import (
    RELATIVE_YEARS, ROUND_RE, Dateline, dateline, find_dates, find_english_dates, find_money, iso_date,
    normalise_round,
)
from ...lexicon.orgs import ROLE_NAMES, definitions
from ...records import Amount
from ...structure import TextView
from .vocabulary import (
    PAID_IN,
    _ACTIVITY_MODIFIER_RE, _BAD_INVESTOR, _BARE_AMOUNT_RE, _BRACKET_HEAD, _CLASS_NOUN_END, _CLOSE,
    _COLON_LABEL, _DESCRIBED_INVESTOR, _DESCRIPTOR_RE, _EMPTY_CELL, _EN_CURRENCY, _EN_INV_PATTERNS,
    _EN_MONEY_RE, _EN_NOT_RAISE, _EN_ROUND_RE, _EN_UNITS, _FOUNDING_YEAR_RE, _FUND_KIND, _GENERIC_FUND,
    _HEAD_YEAR, _INDEFINITE_RE, _INV_PATTERNS, _INV_SPLIT_RE, _INV_STRIP_HEAD, _INV_STRIP_TAIL,
    _LEAD_PATTERNS, _LEAD_RE, _NOT_COMPANY_RE, _NOT_RAISE_MONEY, _OPEN, _PARENT_GENERIC, _PARENT_PREFIX,
    _PERIOD_YEAR_RE, _PRONOUN_RE, _RELATIVE_MONTH_RE, _RELATIVE_YEAR_PART_RE, _ROLE_NOTE, _SUBJECT_END_RE, _THIS_PERIOD_RE,
    _TIME_PHRASE, _TWD_PREFIX, _DAY_RANGE_RE, _DOT_RANGE_RE, _MONTH_WEEK_RE, _WEEK_NUMBER_RE, _WEEKLY_RE,
)


#: a daily news brief, named in its title line
_DAILY_RE = re.compile(r"日报|早报|晚报|早知道|日刊|每日|今日要闻|快讯汇总")
#: how many non-empty lines of a digest's head may state the week it covers
_PERIOD_HEAD_LINES = 12


#: a monthly report's title: "2026年10月医疗健康投融资回顾", "医疗器械月报（2026年3月）", "10月盘点"
_MONTHLY_RE = re.compile(r"月报|月度|月刊|回顾|盘点|复盘|速览|汇总")
_TITLE_MONTH_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])")


def monthly_period(text: str) -> str | None:
    """The month ("2026-10") a monthly report reviews, read from its title line ("衡观月报 | 2026年10月
    医疗健康投融资回顾"), or None for any other document. It is published after that month, so its
    own "本月" and an item that gives no date of its own are of the month reviewed, not of the
    dateline's (the v1.3 convention)."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    months = {(int(m["y"]), int(m["m"])) for m in _TITLE_MONTH_RE.finditer(first)}
    if len(months) != 1 or not _MONTHLY_RE.search(first) or _WEEKLY_RE.search(first) or _DAILY_RE.search(first):
        return None
    (y, mo), = months
    return iso_date(y, mo, None) if 1 <= mo <= 12 else None


def daily_period(text: str) -> str | None:
    """The month of a daily news brief ("医疗健康投融资日报（2026年3月19日）" -> "2026-03"), read from its
    title line, or None for any other document. Its items happened in the days before its date, so
    one that gives no date of its own takes that month."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if not _DAILY_RE.search(first):
        return None
    day = next((d.value for d in find_dates(first) if len(d.value) == 10), None)
    return day[:7] if day else None


def digest_period(text: str, year: int | None = None) -> str | None:
    """The month ("2025-07") of the week a weekly digest covers, read from its head, or None when the
    document is no weekly digest or its week spans two months. ``year``: the document's year (for
    "7月7日—7月13日" or "7月第2周" without one). An item of the digest that gives no date of its own
    happened in that week: "医药周报（2025年第28周）… 12. X完成6亿元C轮融资" -> 2025-07."""
    head = "\n".join([ln for ln in text.splitlines() if ln.strip()][:_PERIOD_HEAD_LINES])
    if not _WEEKLY_RE.search(head):
        return None
    months: list[tuple[int, int, int]] = []  # (year, first month, last month) of each period written
    for m in _WEEK_NUMBER_RE.finditer(head):
        y, w = int(m["y"]), int(m["w"])
        try:
            a, b = _dt.date.fromisocalendar(y, w, 1), _dt.date.fromisocalendar(y, w, 7)
        except ValueError:
            continue
        months.append((a.year, a.month, b.month if b.year == a.year else 13))
    for m in _DOT_RANGE_RE.finditer(head):
        months.append((int(m["y1"]), int(m["m1"]), int(m["m2"]) if not m["y2"] or m["y2"] == m["y1"] else 13))
    for m in _DAY_RANGE_RE.finditer(head):
        y = int(m["y"]) if m["y"] else year
        if y:
            months.append((y, int(m["m1"]), int(m["m2"] or m["m1"])))
    for m in _MONTH_WEEK_RE.finditer(head):
        y = int(m["y"]) if m["y"] else year
        if y:
            months.append((y, int(m["m"]), int(m["m"])))
    spans = {(y, a) for y, a, b in months if a == b and 1 <= a <= 12}
    if len(spans) != 1 or any(a != b for _, a, b in months):
        return None  # a week across two months (6月30日—7月6日), or periods that disagree
    (y, mo), = spans
    return iso_date(y, mo, None)


@dataclass
class _Clause:
    text: str
    start: int  # view offsets
    end: int


@dataclass
class _Event:
    company: str | None
    rounds: list[tuple[str, str | None]]
    dates: list[str]
    money: list[Amount]
    investors: list[str]
    start: int  # view offsets of the evidence
    end: int
    confidence: float
    is_ipo: bool = False
    implicit_company: bool = False
    extra: list[str] = field(default_factory=list)
    #: investors of each round when the text pairs them ("前两轮分别获得X和Y的投资")
    round_investors: list[list[str]] = field(default_factory=list)
    #: the event is told as background (此前曾获…, a funding history), not as the text's own news
    past: bool = False


def split_clauses(text: str, offset: int = 0) -> list[_Clause]:
    """Clauses of a sentence split on commas outside brackets; offsets shifted by ``offset``."""
    out: list[_Clause] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif (ch in "，," and depth == 0 and not _digit_comma(text, i) or ch in "：:" and depth == 0 and _colon_splits(text, start, i)
              or ch == "." and depth == 0 and _english_stop(text, i)):
            out.append(_Clause(text[start:i], offset + start, offset + i))
            start = i + 1
    out.append(_Clause(text[start:], offset + start, offset + len(text)))
    return [c for c in out if c.text.strip()]


def _english_stop(text: str, i: int) -> bool:
    """Whether the "." at ``i`` ends an English sentence that a Chinese one follows on the next line
    of a bilingual brief ("…led by Orchard Ventures.北风医疗于2024年5月完成…" once lines are joined)."""
    if not (0 < i < len(text) - 1 and re.match(r"[a-z0-9)]", text[i - 1]) and re.match(r"\s*\p{Han}", text[i + 1:])):
        return False
    # an English sentence ends here (words since the last Chinese), not a list number ("5. 星桥医疗…")
    tail = re.search(r"[^\p{Han}]*$", text[:i]).group()
    return len(re.findall(r"[A-Za-z]{2,}", tail)) >= 3


def _colon_splits(text: str, start: int, i: int) -> bool:
    """Whether the colon at ``i`` ends a clause (a lead-in sentence, not a label or a time 09:30)."""
    head = text[start:i].strip()
    if len(head) < 4 or _COLON_LABEL.search(head) or _DATE_LABEL.fullmatch(head):
        return False  # (a history list's "- 2019年3月：种子轮（Seed），…": the date labels the round)
    return not (i + 1 < len(text) and text[i - 1].isdigit() and text[i + 1].isdigit())


#: a date as a list item's label: "- 2019年3月", "2022年7月和2023年9月"
_DATE_LABEL = re.compile(r"(?:[-•·*●▪]\s*)?(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?"
                         r"(?:\s*(?:和|及|、|至|—|-)\s*(?:(?:19|20)\d{2}\s*年)?(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?)?")


def _digit_comma(text: str, i: int) -> bool:
    """A thousands separator ("3,000万美元") is not a clause boundary."""
    return 0 < i < len(text) - 3 and text[i - 1].isdigit() and text[i + 1:i + 4].isdigit()


@dataclass(frozen=True)
class _When:
    """Year context of a paragraph: the last year written in it so far, and the document's dateline
    (a bare "7月12日" takes the first, else the second; "去年10月" is relative to the dateline)."""

    year: int | None
    published: Dateline | None
    founded: int | None = None  # the founding year a paragraph told ("成立于2017年"), for "成立当年"

    def year_of(self, month: int) -> int | None:
        if self.year is not None:
            return self.year
        return self.published.year_of(month) if self.published else None


def _year_for(year: int | Dateline | _When | None, month: int) -> int | None:
    """The year of a bare month: the year in context, or the dateline's."""
    return year.year_of(month) if isinstance(year, (Dateline, _When)) else year


def _published_year(year: int | Dateline | _When | None) -> int | None:
    """The year of the document's dateline, if the context knows it."""
    if isinstance(year, _When):
        return year.published.year if year.published else None
    return year.year if isinstance(year, Dateline) else None


def _founding_date(text: str, start: int) -> bool:
    """Whether the date at ``start`` is a founding date (成立于2017年, founded in 2017) or a range's
    start (…至今): it dates the company, not an event."""
    return bool(re.search(r"成立|创立|创办|创建|注册|始创|组建|至今", text[max(0, start - 4):start])
                or re.search(r"(?i:founded\s+in\s*)$", text[max(0, start - 12):start]))


def _en_dates(text: str) -> list[tuple[int, int, str]]:
    """English dates ("Sep 2023", "March 15, 2023", "Q3 2023") as (start, end, ISO value)."""
    return [(d.start, d.end, d.value) for d in find_english_dates(text)]


def clause_dates(text: str, year: int | Dateline | _When | None = None) -> list[str]:
    """Dates in ``text`` in order; a bare "11月" after "2019年3月和" takes the year written before it
    (else ``year``: the year of the paragraph so far, or the document's dateline)."""
    found = [(d.start, d.end, d.value) for d in find_dates(text)]
    # "Sep 2023" holds a year find_dates reads alone: the English date replaces it
    for s, e, v in _en_dates(text):
        found = [f for f in found if not (f[0] < e and s < f[1])] + [(s, e, v)]
    published = _published_year(year)
    for m in _RELATIVE_MONTH_RE.finditer(text) if published else ():
        if m["m"] and not any(s < m.end() and m.start() < e for s, e, _ in found):
            value = iso_date(published - RELATIVE_YEARS[m["rel"]], int(m["m"]), int(m["d"]) if m["d"] else None)
            if value:
                found.append((m.start(), m.end(), value))
    # "去年底" -> December of the year before the dateline; "前年" / "去年初" -> that year only
    for m in _RELATIVE_YEAR_PART_RE.finditer(text) if published else ():
        if m["rel"] == "今年" and not m["part"] or any(s < m.end() and m.start() < e for s, e, _ in found):
            continue
        y = published - RELATIVE_YEARS[m["rel"]]
        found.append((m.start(), m.end(), iso_date(y, 12, None) if m["part"] in ("底", "末", "年底", "年末") else str(y)))
    # "本周" / "本月" / "上月" of a digest: the month of its dateline
    dl = year.published if isinstance(year, _When) else year if isinstance(year, Dateline) else None
    for m in _THIS_PERIOD_RE.finditer(text) if dl is not None and not found else ():
        y, mo = (dl.year, dl.month) if m.group() != "上月" else (dl.year - (dl.month == 1), (dl.month - 2) % 12 + 1)
        found.append((m.start(), m.end(), iso_date(y, mo, None)))
    # "公司成立当年即获得…": the founding year the paragraph told
    founded = year.founded if isinstance(year, _When) else None
    for m in _FOUNDING_YEAR_RE.finditer(text) if founded and not found else ():
        found.append((m.start(), m.end(), str(founded)))
    # "本季度" / "今年" without a month: the year of the dateline, else of the document's title
    own_year = published or (year.year if isinstance(year, _When) else None)
    for m in _PERIOD_YEAR_RE.finditer(text) if own_year and not found else ():
        found.append((m.start(), m.end(), str(own_year)))
    taken = [(s, e) for s, e, _ in found]
    for m in re.finditer(r"(?<![\d年.])(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?", text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        prev = [v for s, _, v in found if s < m.start()]
        y = int(prev[-1][:4]) if prev else _year_for(year, int(m.group(1)))
        if y is None:
            continue
        value = iso_date(y, int(m.group(1)), int(m.group(2)) if m.group(2) else None)
        if value:
            found.append((m.start(), m.end(), value))
    # a range "2020年1-9月" or a founding date is not the event's date
    return [v for s, _, v in sorted(found) if not _founding_date(text, s)]


def _amount(m) -> Amount:
    """The contract's Amount for a normalize.Money."""
    return Amount(raw=m.raw, currency=m.currency, value=m.value, qualifier=m.qualifier)


def _en_money(text: str) -> list[tuple[int, int, Amount]]:
    """Amounts written the English way ("US$80 million", "RMB 1.6bn", "~RMB 100m") with their spans."""
    out = []
    for m in _EN_MONEY_RE.finditer(text):
        num, unit, cur = (m["num"], m["unit"], m["cur"]) if m["num"] else (m["num2"], m["unit2"], m["cur2"])
        approx = (m["approx"] or m["approx2"] or "").strip().lower()
        if not unit and cur in ("$", "¥", "￥", "€"):
            continue  # "$5" alone is a price, not a round (find_money still reads "$5 million")
        currency = _EN_CURRENCY.get(cur.lower())
        if currency is None or currency == "SGD":
            continue
        value = round(float(num.replace(",", "")) * _EN_UNITS.get((unit or "").lower(), 1), 2)
        qualifier = ("approx" if approx in ("~", "≈", "约", "approx", "approx.", "approximately", "about", "nearly", "around")
                     else "at_least" if approx in ("over", "more than") else "at_most" if approx == "up to" else "exact")
        raw = m["raw"].strip()
        out.append((m.start(), m.start() + len(m["raw"].rstrip()), Amount(raw=raw, currency=currency, value=value, qualifier=qualifier)))
    return out


#: the money paid in for new shares, right before its amount: "增资款合计", "投资款共计", "认购款为"
_PAID_IN = re.compile(PAID_IN + r"\s*(?:合计|共计|总计|总额)?\s*(?:为|达|约)?\s*$")


def money_in(text: str) -> list[Amount]:
    """Raise amounts in ``text``: no valuations/revenues, no bracketed conversions after an amount.

    Wraps ``find_money``: English forms ("US$80 million", "RMB 1.6bn") are read by ``_en_money``
    (they win where both read the same span), and a bare "6000万"/"2亿" written before
    融资/投资/轮 (no currency word) is read as CNY, which ``find_money`` leaves out.
    """
    english = _en_money(text)
    found = list(english)
    for m in find_money(text):
        if not any(s < m.end and m.start < e for s, e, _ in english):
            found.append((m.start, m.end, _amount(m)))
    found.sort(key=lambda x: x[0])
    out: list[tuple[int, Amount]] = []
    prev_end = -10
    for start, end, amount in found:
        before = text[:start]
        # "X及Y合计500万元投资": the investors' tickets summed are this round, not a running total
        investors_sum = bool(re.search(r"合计\s*$", before)) and bool(re.match(r"\s*(?:的)?(?:投资|融资|注资|增资)", text[end:]))
        # "…，增资款合计22,000.00万元": what the investors paid in for the round, as a prospectus says it
        paid_in = bool(_PAID_IN.search(before))
        if (_NOT_RAISE_MONEY.search(before) and not investors_sum and not paid_in) or _EN_NOT_RAISE.search(before):
            prev_end = end
            continue
        # "新台币3亿元": the contract has no code for the New Taiwan dollar: kept as written, no currency
        twd = _TWD_PREFIX.search(before)
        if twd:
            amount = Amount(raw=twd.group() + amount.raw, currency=None, value=amount.value, qualifier=amount.qualifier)
        # "3,000万美元（约2.1亿元人民币）": the bracketed figure restates the one before it
        if prev_end >= 0 and re.fullmatch(r"\s*[（(]\s*(?:约合|约|折合|合|approx\.?|about|~)?\s*", text[prev_end:start]):
            prev_end = end
            continue
        out.append((start, amount))
        prev_end = end
    covered = [(s, s + len(a.raw) + 2) for s, a in out]
    for m in _BARE_AMOUNT_RE.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        if not re.match(r"[^，,。；]{0,8}(?:融资|投资|轮|注资)", text[m.end():]):
            continue
        if _NOT_RAISE_MONEY.search(text[:m.start()]):
            continue
        for fm in find_money(m["raw"] + "元"):
            out.append((m.start(), Amount(raw=m["raw"], currency="CNY", value=fm.value, qualifier=fm.qualifier)))
            break
    return [a for _, a in sorted(out, key=lambda x: x[0])]


def rounds_in(text: str, *, table_cell: bool = False) -> list[tuple[str, str | None]]:
    """(raw, normalised) rounds written in ``text``.

    In prose 未公开/未披露 usually qualify the amount ("金额未披露"), so they count as the round only
    next to 轮次; 天使投资人 is a kind of investor, not the angel round.
    """
    out = []
    for m in ROUND_RE.finditer(text):
        raw = m["raw"]
        if not table_cell:
            # "轮次未披露", "金额与轮次均未披露", "未披露具体金额和轮次": the round itself is undisclosed
            if raw in ("未公开", "未披露") and not re.search(r"轮次\S{0,2}$", text[: m.start()]) and not re.match(r"轮|[^，,。；]{0,8}轮次", text[m.end():]):
                continue
            if raw == "天使投资" and text[m.end():].startswith("人"):
                continue
            if raw.upper() == "IPO" or raw.startswith("首次公开"):
                continue  # listings are handled by the IPO rule
        norm = normalise_round(raw)
        if norm is None and not table_cell:
            continue
        out.append((m.start(), raw.strip(), norm))
    for m in _EN_ROUND_RE.finditer(text):
        if not any(s <= m.start() < s + len(r) for s, r, _ in out):
            norm = _normalise_en_round(m["raw"])
            # "B轮融资（Series B）": the English gloss of the round just written, no second round
            if out and out[-1][2] == norm and _GLOSS_OPEN.search(text[:m.start()]):
                continue
            out.append((m.start(), m["raw"].strip(), norm))
    # "B+轮战略投资": 战略 qualifies the lettered round right before it, no second round
    lettered_ends = {s + len(r) for s, r, n in out if n not in (None, "strategic", "undisclosed")}
    out = [(s, r, n) for s, r, n in out if not (n == "strategic" and s in lettered_ends)]
    return [(raw, norm) for _, raw, norm in sorted(out)]


#: the bracket an English gloss opens right after a Chinese round: "B轮融资（"
_GLOSS_OPEN = re.compile(r"轮(?:融资|投资)?\s*[（(]\s*$")


def _normalise_en_round(raw: str) -> str | None:
    """The contract's round for an English round name ("Series C+" -> "C+", "seed" -> "seed")."""
    low = re.sub(r"\s+", " ", raw.strip().lower())
    if low in ("undisclosed", "n/a"):
        return "undisclosed"
    if low.startswith("strategic"):
        return "strategic"
    if "seed" in low:
        return "seed"
    if "angel" in low:
        return "angel"
    m = re.match(r"(pre-?)?series ?([a-f])(\+*)", low)
    if m:
        return normalise_round(("Pre-" if m.group(1) else "") + m.group(2).upper() + m.group(3) + ("" if m.group(1) else "轮"))
    return normalise_round(raw)


def clean_company(text: str) -> str | None:
    """A company name from a clause head: leading time words, descriptors and aliases removed."""
    # Markdown bold marks a name ("**天智航**早在…"); the markers are not part of it
    s = text.replace("**", "").strip()
    # "…获得资本青睐：镁信健康于…": the subject follows the colon
    s = re.split(r"[：:](?!\d)", s)[-1] if re.search(r"[：:](?!\d)\s*\S", s) else s
    s = _LEAD_RE.sub("", s.strip())
    # aliases in brackets ("（以下简称“堃博医疗”）", "（HealthWay）") are not part of the name
    s = re.sub(r"\s*[（(][^（）()]*[）)]", "", s)
    s = _ACTIVITY_MODIFIER_RE.sub("", s)
    m = _SUBJECT_END_RE.search(s)
    if m and m.start() >= 2:
        s = s[: m.start()]
    elif m:
        return None
    s = s.strip(" 　“”\"'「」")
    s = re.sub(r"(?<=\S)(?:[AHB]股|港股|美股)$", "", s)  # "本公司H股於…上市": the company, not its shares
    # descriptor before the name: take what follows the last descriptor that leaves a name
    for d in reversed(list(_DESCRIPTOR_RE.finditer(s))):
        rest = s[d.end():].strip(" 　“”\"'")
        if len(rest) >= 2 and not rest.startswith(("（", "(")):
            s = rest
            break
    s = re.sub(r"\s*[（(][^）)]*[）)]\s*$", "", s)  # "健康之路（HealthWay）"
    s = s.strip(" 　“”\"'「」《》")
    return s if is_company_name(s) else None


def is_company_name(s: str | None) -> bool:
    """Whether ``s`` looks like a single company name (not a generic noun phrase or pronoun)."""
    if not s or len(s) < 2 or len(s) > 30:
        return False
    if _NOT_COMPANY_RE.search(s) or _PRONOUN_RE.match(s) or _INDEFINITE_RE.match(s):
        return False
    if re.fullmatch(r"[\d\s.%]+", s) or re.search(r"(?:省|市|县|区|国|仅|只|均|都)$", s):
        return False
    if _TIME_PHRASE.fullmatch(s):  # "两年后，这家公司…": a time, not a subject
        return False
    if _CLASS_NOUN_END.search(s):  # "慢病管理企业": a class of companies, not one
        return False
    return True


def drop_alias(name: str) -> str:
    """"CICC Capital（中金资本）" -> "CICC Capital": a bracket that gives the name in the other script
    (Latin vs Chinese) is an alias; other brackets ("（有限合伙）", "（北京）") belong to the name."""
    m = re.fullmatch(r"(?P<a>[^（(]+?)\s*[（(](?P<b>[^（）()]+)[）)]", name.strip())
    if not m:
        return name.strip()
    a, b = m["a"].strip(), m["b"]
    return a if len(a) >= 2 and ((_latin(a) and _han(b)) or (_han(a) and _latin(b))) else name.strip()


def _han(text: str) -> bool:
    return bool(re.search(r"\p{Han}", text))


def _latin(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2}", text)) and not _han(text)


#: a role label before the investors it names: "领投：", "老股东追投：", "独家投资:"
_ROLE_LABEL = re.compile(r"(^|[；;，,\s])\s*(?:老股东|新股东|原股东)?(?:联合|共同)?(?:领投|跟投|追投|参投|独家投资|投资方|投资人|战略投资|超额跟投)(?:方|机构)?\s*[：:]\s*")
#: an adviser's segment of such a list: "财务顾问：华兴资本", "独家财务顾问：X"
_ADVISER_SEGMENT = re.compile(r"(?:^|[；;，,\s])\s*(?:独家)?(?:财务顾问|法律顾问|顾问|FA)\s*[：:][^；;]*")


def split_investors(text: str) -> list[str]:
    """Investor names in a list phrase, as written (role words and 等 removed)."""
    out: list[str] = []
    # a cell listing investors by role: "领投：X；跟投：Y、Z；财务顾问：W" (an adviser is no investor)
    text = _ADVISER_SEGMENT.sub("", text)
    text = _ROLE_LABEL.sub(lambda m: m.group(1), text)
    for part in _INV_SPLIT_RE.split(text):
        p = _ROLE_NOTE.sub("", part).strip(" 　“”\"'")
        p = drop_alias(p)
        m = _PARENT_GENERIC.match(p)
        if m:
            p = m["parent"]
        elif not _GENERIC_FUND.search(p):
            p = _FUND_KIND.sub("", _PARENT_PREFIX.sub("", p))
        prev = None
        while p != prev:
            prev = p
            p = _INV_STRIP_HEAD.sub("", p).strip()
            p = _INV_STRIP_TAIL.sub("", p).strip()
        described = _DESCRIBED_INVESTOR.match(p)  # "互联网平台云岫" -> "云岫"
        p = described["name"] if described else p
        p = re.sub(r"\s*[（(][^）)]*[）)]$", "", p) if not re.fullmatch(r"[^（(]+[（(][^）)]*[）)]", p) or len(p) > 20 else p
        # (English names run longer: "Zhejiang Provincial Industry Fund")
        too_long = len(p) > (60 if re.fullmatch(r"[A-Za-z0-9 .&'-]+", p) else 30)
        if len(p) < 2 or too_long or _BAD_INVESTOR.search(p) or _EMPTY_CELL.match(p):
            continue
        if p not in out:
            out.append(p)
    return out


def investors_in(text: str) -> list[str]:
    """Investors named in a clause by lead/follow/investor-list phrases."""
    out: list[str] = []
    for pat in _INV_PATTERNS:
        for m in pat.finditer(text):
            inv = m["inv"]
            # "获得平安集团10亿元增资": the amount/round after the names is not part of them
            cut = [x.start for x in find_money(inv)] + [x.start() for x in ROUND_RE.finditer(inv)]
            if cut and min(cut) >= 2:
                inv = inv[: min(cut)]
            for name in split_investors(inv):
                if name not in out and not any(name in o or o in name for o in out):
                    out.append(name)
    return out


def en_investors_in(text: str) -> list[str]:
    """Investors named by English phrases ("led by X, with participation from Y and Z")."""
    out: list[str] = []
    for pat in _EN_INV_PATTERNS:
        for m in pat.finditer(text):
            for name in split_investors(m["inv"]):
                if re.search(r"(?i)\b(?:round|financing|funding|million|billion)\b", name):
                    continue
                if name not in out and not any(name in o or o in name for o in out):
                    out.append(name)
    return out


def lead_investors(text: str, investors: list[str]) -> list[str]:
    """The investors (as already extracted) that ``text`` says led the round."""
    named: list[str] = []
    for pat in _LEAD_PATTERNS:
        for m in pat.finditer(text):
            named.extend(split_investors(m["inv"]))
    return [inv for inv in investors if any(inv == n or inv in n or n in inv for n in named)]


def document_company(text: str) -> str | None:
    """The company a document defines as 公司/本公司 (its short name, else its full name), or None:
    an annual report or prospectus writes "广州睿影智能医疗科技股份有限公司（以下简称“睿影智能”“公司”）"."""
    for _, full, names in definitions(text):
        if any(n in ("公司", "本公司") for n in names):
            short = [n for n in names if n not in ROLE_NAMES]
            return short[0] if short else full
    return None


def document_when(text: str) -> _When:
    """The year context of a document: its dateline, else the year its title names (a digest
    "2024年第23期｜6月3日—6月9日" has no dateline). A dateline older than the title's year is a date
    of the body read as one ("…法自2021年5月1日起施行" under a 2024 title) and gives way."""
    published = dateline(text)
    year = head_year(text)
    if published and year and published.year < year:
        published = None
    month = monthly_period(text)
    if month and (published is None or published.value[:7] > month):
        published = Dateline(month)  # a monthly review's "本月" is the month it reviews
    return _When(None if published else year, published)


def head_year(text: str) -> int | None:
    """The year written in a document's first non-empty line, or None (used without a dateline)."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    m = _HEAD_YEAR.search(first)
    return int(m["y"]) if m else None


def _without_bracket_label(spans: list[tuple[int, int]], view: TextView) -> list[tuple[int, int]]:
    """Sentence spans without a 【…】 item label opening the block ("5. 【星桥医疗｜港股IPO】6月6日，…")."""
    m = _BRACKET_HEAD.match(view.text)
    return spans if not m else [(max(s, m.end()), e) for s, e in spans if e > m.end()]

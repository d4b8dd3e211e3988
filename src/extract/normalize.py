"""Normalisation of values as written into the contract's forms: dates, money, rounds, agencies."""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

# --- dates ---------------------------------------------------------------------------------

_Y = r"(?P<y>(?:19|20)\d{2})"
_DATE_PATTERNS = [
    re.compile(_Y + r"\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
    re.compile(_Y + r"\s*年\s*(?P<m>\d{1,2})\s*月"),
    re.compile(_Y + r"\s*[.\-/／]\s*(?P<m>\d{1,2})\s*[.\-/／]\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(_Y + r"\s*[.\-/／]\s*(?P<m>\d{1,2})(?![\d.])"),
    re.compile(_Y + r"\s*年(?!\s*\d{1,2}\s*月)(?!代)"),
    # a bare year, not a quantity that starts like one (2000万美元, 2019家医院, 2021例)
    re.compile(r"(?<![\d.])" + _Y + r"(?![\d年.\-/%])(?!\s*(?:万|亿|千|百|元|美元|人|家|例|个|台|张|款|项|起|笔|余|多|名|次|份|件|套))"),
]
#: years relative to a document's own date ("今年3月", "去年"): how many years back
RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": 1, "前年": 2}
_MONTH_DAY = re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*[日号])?")
#: a date in Chinese numerals, as Hong Kong announcements and signature lines write it:
#: "二零二五年十月二十八日", "二〇二四年三月" (year digit by digit; month and day as numbers)
_CN_DIGIT = "〇零一二三四五六七八九"
_CN_MONTH = r"(?:十[一二]|十|[一二三四五六七八九])"
_CN_DAY = r"(?:三十一|三十|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
CN_DATE = rf"[{_CN_DIGIT}]{{4}}\s*年(?:\s*{_CN_MONTH}\s*月(?:\s*{_CN_DAY}\s*[日号])?)?"
_CN_DATE_RE = re.compile(
    rf"(?P<y>[{_CN_DIGIT}]{{4}})\s*年(?:\s*(?P<m>{_CN_MONTH})\s*月(?:\s*(?P<d>{_CN_DAY})\s*[日号])?)?(?!\s*[{_CN_DIGIT}十]\s*[月日])"
)
DATE_RE = re.compile(
    "(?:" + _Y.replace("?P<y>", "?:") + r"\s*(?:年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|年|[.\-/／]\s*\d{1,2}(?:\s*[.\-/／]\s*\d{1,2})?)"
    + "|" + CN_DATE + ")"
)


_CN_VALUE = {"〇": 0, **{c: i for i, c in enumerate("零一二三四五六七八九")}}


def _cn_number(s: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十八 -> 28, 三十一 -> 31."""
    if "十" not in s:
        return _CN_VALUE[s]
    tens, _, ones = s.partition("十")
    return (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[ones] if ones else 0)


def _cn_dates(text: str) -> list[DateMatch]:
    out = []
    for m in _CN_DATE_RE.finditer(text):
        year = int("".join(str(_CN_VALUE[c]) for c in m["y"]))
        value = iso_date(year, _cn_number(m["m"]) if m["m"] else None, _cn_number(m["d"]) if m["d"] else None)
        if value:
            out.append(DateMatch(value, m.start(), m.end()))
    return out


_EN_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_EN_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|Sept|October|November|December"
             r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?(?![A-Za-z])")
#: English dates of bilingual reports: "Mar 2023", "March 15, 2023", "15 Mar 2023", and
#: "Q3 2023" / "H1 2023" / "FY2023" (a quarter or half gives the year only)
ENGLISH_DATE_RE = re.compile(
    rf"(?i)(?<![A-Za-z])(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_EN_MONTH})\s*,?\s*(?P<y1>(?:19|20)\d{{2}})"
    rf"|(?P<m2>{_EN_MONTH})\s*(?:(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*)?(?P<y2>(?:19|20)\d{{2}})"
    rf"|(?:Q[1-4]|H[12]|FY)\s*(?P<y3>(?:19|20)\d{{2}}))(?!\d)"
)


def iso_date(y: int, m: int | None = None, d: int | None = None) -> str | None:
    """ISO partial string, or None when the parts are not a calendar date."""
    if not 1900 <= y <= 2100:
        return None
    if m is None:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    if not 1 <= d <= 31:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


@dataclass(frozen=True)
class DateMatch:
    value: str
    start: int
    end: int


def find_dates(text: str) -> list[DateMatch]:
    """All absolute dates in ``text`` (most specific pattern wins where matches overlap)."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pat in _DATE_PATTERNS:
        for m in pat.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            g = m.groupdict()
            value = iso_date(int(g["y"]), int(g["m"]) if g.get("m") else None, int(g["d"]) if g.get("d") else None)
            if value:
                found.append(DateMatch(value, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    if any(c in text for c in "〇零"):
        found += [d for d in _cn_dates(text) if not any(d.start < e and s < d.end for s, e in taken)]
    return sorted(found, key=lambda d: d.start)


def find_english_dates(text: str) -> list["DateMatch"]:
    """English dates in ``text`` ("Sep 2023" -> 2023-09, "March 15, 2023", "Q3 2023" -> 2023)."""
    out = []
    for m in ENGLISH_DATE_RE.finditer(text):
        y = int(m["y1"] or m["y2"] or m["y3"])
        mon = m["m1"] or m["m2"]
        day = m["d1"] or m["d2"]
        month = _EN_MONTHS.get(mon[:3].lower()) if mon else None
        value = iso_date(y, month, int(day) if day and month else None)
        if value:
            out.append(DateMatch(value, m.start(), m.end()))
    return out


def english_date(text: str) -> str | None:
    """The first English date in ``text`` as an ISO partial string."""
    found = find_english_dates(text)
    return found[0].value if found else None


def parse_date(text: str, *, year: int | None = None) -> str | None:
    """The first date in ``text`` as an ISO partial string; ``6月29日`` takes ``year`` if given; an
    English date ("Feb 2022") is read whole, not as its bare year."""
    dates = find_dates(text)
    if dates:
        first = dates[0]
        for en in find_english_dates(text):
            if en.start <= first.start < en.end and len(en.value) > len(first.value):
                return en.value
        return first.value
    if year is not None:
        m = _MONTH_DAY.search(text)
        if m:
            return iso_date(year, int(m["m"]), int(m["d"]) if m["d"] else None)
    return None


@dataclass(frozen=True)
class Dateline:
    """A document's own date (发布时间：2023-07-17, a digest's 本周（2023年7月10日…）, a news header).

    Bare dates in the document ("7月12日", "本周") take their year from it.
    """

    value: str  # ISO partial, at least year and month

    @property
    def year(self) -> int:
        return int(self.value[:4])

    @property
    def month(self) -> int:
        return int(self.value[5:7])

    def year_of(self, month: int) -> int:
        """A month later than the dateline's month was last year ("12月28日" in a January digest)."""
        return self.year - 1 if month > self.month else self.year


#: a labelled date in a document's head: 发布时间：…, 发布日期：…, 本周（…）, 日期：…
_DATELINE_LABELLED = re.compile(
    r"(?:本周|本月|本期|(?:发布|发表|发稿|出版|更新|报告)(?:时间|日期)|(?<!截止|截至|到期|生效|有效)日期)\s*[（(：:]?\s*(?P<date>"
    + DATE_RE.pattern + r")"
)
_DATELINE_HEAD_CHARS = 1500
_DATELINE_HEAD_LINES = 8


def dateline(text: str) -> Dateline | None:
    """The document's own date: a labelled date in its head, else the first day-precise date in
    its first lines (a news header "2023年11月20日 星期一"). A report's subject year alone is not one."""
    head = text[:_DATELINE_HEAD_CHARS]
    m = _DATELINE_LABELLED.search(head)
    if m:
        value = parse_date(m["date"])
        if value and len(value) >= 7:
            return Dateline(value)
    lines = [ln for ln in head.splitlines() if ln.strip()][:_DATELINE_HEAD_LINES]
    # a line that is a date (and maybe its weekday) is the dateline, wherever it stands in the head;
    # a date a headline writes ("…2027年1月1日起执行") is what the story is about
    for line in lines:
        dates = find_dates(line)
        if (len(dates) == 1 and len(dates[0].value) == 10 and not line[:dates[0].start].strip()
                and _DATE_ONLY_LINE.match(line[dates[0].end:])):
            return Dateline(dates[0].value)
    for line in lines:
        for d in find_dates(line):
            if len(d.value) == 10 and not _FROM_DAY.match(line, d.end):
                return Dateline(d.value)
    return None


#: what may follow the date of a dateline line: a time, a weekday, a source
_DATE_ONLY_LINE = re.compile(r"^\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:星期[一二三四五六日天]|周[一二三四五六日天])?\s*(?:[|｜丨]?\s*(?:来源|作者|编辑)[:：].*)?\s*$")
#: a day something starts from, not the day of the document: "2027年1月1日起执行"
_FROM_DAY = re.compile(r"\s*(?:起|开始|之前|前|以前|以后|后|至)")


def dates_agree(a: str | None, b: str | None) -> bool:
    """Two ISO partial dates agree to the month (to the year when either gives only a year);
    a missing date agrees with any."""
    if not a or not b:
        return True
    n = min(len(a), len(b), 7)
    return a[:n] == b[:n]


def last_year(text: str) -> int | None:
    """The year of the last date written in ``text`` (context for ``6月29日``)."""
    dates = find_dates(text)
    return int(dates[-1].value[:4]) if dates else None


# --- money ---------------------------------------------------------------------------------

CURRENCIES = {
    "美元": "USD", "美金": "USD", "USD": "USD", "US$": "USD", "$": "USD",
    "港元": "HKD", "港币": "HKD", "HKD": "HKD", "HK$": "HKD",
    "欧元": "EUR", "EUR": "EUR", "€": "EUR",
    # Taiwan: 募资新台币3亿元 / 1.2亿新台币 / NT$5,000万 (read through the simplified view)
    "新台币": "TWD", "台币": "TWD", "TWD": "TWD", "NT$": "TWD",
    "人民币": "CNY", "元": "CNY", "RMB": "CNY", "CNY": "CNY", "¥": "CNY", "￥": "CNY",
}
_UNITS = {"千": 1e3, "仟": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8, "十亿": 1e9, "百亿": 1e10, "千亿": 1e11, "万亿": 1e12}
_CN_DIGITS = "零一二两三四五六七八九十百千"
_NUM = rf"(?:\d+(?:[,，]\d{{3}})*(?:\.\d+)?|[{_CN_DIGITS}]+(?:点[{_CN_DIGITS}]+)?)"
_UNIT = r"(?:千万|百万|十万|万亿|千亿|百亿|十亿|亿|万|仟|千(?=元))"  # 仟元/千元: thousands (Taiwan filings: 新台币240,000仟元)
_CUR = r"(?:美元|美金|港元|港币|欧元|元人民币|元|人民币|新台币|台币|RMB|USD|HKD|EUR|TWD)"
_APPROX = r"(?:近|约|大约|接近|将近|逾|超过|超|过|不少于|至少|不超过|不到|最高|高达|达)"
_VAGUE = r"(?:数|几|上|过|近)(?:十|百|千)?(?:万|亿)(?:级)?|(?:千万|百万|亿|十亿)级|亿元级|数十亿|数百亿|过亿|上亿|近亿|超亿"

MONEY_RE = re.compile(
    rf"(?P<raw>(?:{_APPROX}\s*)?(?:"
    rf"(?:(?P<lead>新台币|台币)\s*)?(?P<num>{_NUM})\s*(?:(?:至|到|-|~|－)\s*(?P<num2>{_NUM})\s*)?(?P<unit>{_UNIT})?\s*(?:多|余)?\s*(?P<cur>{_CUR})(?:人民币)?"
    rf"|(?P<curpre>US\$|HK\$|NT\$|\$|¥|￥|€)\s*(?P<pnum>\d+(?:[,，]\d{{3}})*(?:\.\d+)?)\s*(?P<punit>{_UNIT}|million|billion|[MB])?"
    rf"|(?P<vague>{_VAGUE})\s*(?P<vcur>{_CUR})?(?:人民币)?"
    rf"))"
)


@dataclass(frozen=True)
class Money:
    raw: str
    currency: str | None
    value: float | None
    qualifier: str
    start: int
    end: int


def _to_number(num: str) -> float | None:
    num = num.replace(",", "").replace("，", "")
    try:
        return float(num)
    except ValueError:
        pass
    try:
        import cn2an

        return float(cn2an.cn2an(num, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def _currency(word: str) -> str | None:
    return "CNY" if word.startswith("元") else CURRENCIES.get(word)


def _qualifier(raw: str) -> str:
    if re.match(r"^(?:近|约|大约|接近|将近)", raw):
        return "approx"
    if re.match(r"^(?:逾|超过|超|过|不少于|至少|高达)", raw):
        return "at_least"
    if re.match(r"^(?:不超过|不到|最高)", raw):
        return "at_most"
    return "exact"


def parse_money(text: str) -> Money | None:
    """The first money amount in ``text``."""
    for m in find_money(text):
        return m
    return None


def find_money(text: str) -> list[Money]:
    """All money amounts in ``text`` with currency, value (None when vague) and qualifier."""
    out = []
    for m in MONEY_RE.finditer(text):
        raw = m["raw"].strip()
        if m["vague"]:
            v = m["vague"]
            if m["vcur"] is None and not re.search(r"级|亿|万", v):
                continue
            cur = _currency(m["vcur"]) if m["vcur"] else "CNY"
            if v in ("近亿", "近一亿"):
                value, qual = 1e8, "approx"
            else:
                value, qual = None, "vague"
            out.append(Money(raw, cur, value, qual, m.start("raw"), m.end("raw")))
            continue
        if m["curpre"]:
            cur = CURRENCIES[m["curpre"]]
            base = _to_number(m["pnum"])
            unit = m["punit"]
            mult = {"million": 1e6, "M": 1e6, "billion": 1e9, "B": 1e9}.get(unit or "", _UNITS.get(unit or "", 1))
            value = round(base * mult, 2) if base is not None else None
            out.append(Money(raw, cur, value, _qualifier(raw), m.start("raw"), m.end("raw")))
            continue
        cur_word = m["cur"]
        cur = "TWD" if m["lead"] else _currency(cur_word)
        base = _to_number(m["num"])
        unit = m["unit"]
        if base is None:
            continue
        if unit is None and cur_word in ("元",) and base < 1000 and not m["num2"]:
            # "3元" is a price, not a financing amount
            continue
        mult = _UNITS.get(unit or "", 1)
        if m["num2"]:
            value, qual = None, "vague"  # a range: 4至5亿美元
        else:
            value = round(base * mult, 2)  # 36.7 * 1e8 must be 3670000000, not ...0000005
            qual = _qualifier(raw)
            if re.search(r"(?:多|余)\s*" + _CUR, raw):
                qual = "at_least"
        out.append(Money(raw, cur, value, qual, m.start("raw"), m.end("raw")))
    return out


# --- rounds --------------------------------------------------------------------------------

ROUND_RE = re.compile(
    r"(?i)(?P<raw>pre[-\s]?IPO轮?|Pre[-\s]?(?P<pre>[A-F])\+{0,2}\s*轮?|(?<![A-Za-z])(?P<letter>[A-F])(?P<plus>\+{1,2}|＋{1,2})?\s*(?:\d)?\s*轮"
    r"|天使\+?轮|天使投资|种子轮|战略(?:融资|投资)|(?<![A-Za-z])IPO(?![A-Za-z])|首次公开发行|未公开|未披露)"
)


def normalise_round(raw: str | None) -> str | None:
    """Map a round as written to the contract vocabulary (None when it names no round)."""
    if not raw:
        return None
    s = raw.strip().replace("＋", "+").replace(" ", "")
    low = s.lower()
    if "ipo" in low:
        return "pre-IPO" if low.startswith("pre") else "IPO"
    if s.startswith("首次公开发行"):
        return "IPO"
    if low.startswith("pre"):
        m = re.match(r"(?i)pre-?([a-f])", s)
        return f"pre-{m.group(1).upper()}" if m and m.group(1).upper() in "AB" else None
    if s.startswith("天使"):
        return "angel"
    if s.startswith("种子"):
        return "seed"
    if s.startswith("战略"):
        return "strategic"
    if s in ("未公开", "未披露"):
        return "undisclosed"
    m = re.match(r"([A-Fa-f])(\+*)", s)
    if m:
        letter = m.group(1).upper()
        if m.group(2) and letter in "ABC":
            return letter + "+"
        return letter
    return None


# --- agencies ------------------------------------------------------------------------------

#: written form -> canonical body name
AGENCY_CANONICAL = {
    "药监局": "国家药品监督管理局", "国家药监局": "国家药品监督管理局", "NMPA": "国家药品监督管理局",
    "CFDA": "国家药品监督管理局", "国家食品药品监督管理总局": "国家药品监督管理局",
    "国家食品药品监督管理局": "国家药品监督管理局",
    "CMDE": "国家药品监督管理局医疗器械技术审评中心", "器审中心": "国家药品监督管理局医疗器械技术审评中心",
    "医疗器械技术审评中心": "国家药品监督管理局医疗器械技术审评中心",
    "卫健委": "国家卫生健康委员会", "国家卫健委": "国家卫生健康委员会", "卫计委": "国家卫生健康委员会",
    "国家卫计委": "国家卫生健康委员会",
    "医保局": "国家医疗保障局", "国家医保局": "国家医疗保障局",
    "工信部": "工业和信息化部", "发改委": "国家发展和改革委员会", "国家发改委": "国家发展和改革委员会",
    "国家发展改革委": "国家发展和改革委员会", "科技部": "科学技术部",
}

#: written form -> authority short name used in certified_product.authority
AUTHORITY = {
    "NMPA": "NMPA", "CFDA": "NMPA", "药监局": "NMPA", "国家药监局": "NMPA", "国家药品监督管理局": "NMPA",
    "国家食品药品监督管理总局": "NMPA", "SFDA": "NMPA", "CMDE": "NMPA",
    "FDA": "FDA", "美国FDA": "FDA", "美国食品药品监督管理局": "FDA", "美国食品药品管理局": "FDA",
    "CE": "CE", "欧盟CE": "CE", "CE认证": "CE", "CE标志": "CE",
    "PMDA": "PMDA", "TGA": "TGA", "HSA": "HSA", "MFDS": "MFDS", "Health Canada": "Health Canada",
}
AUTHORITY_RE = re.compile(
    r"(?<![A-Za-z])(?:NMPA|CFDA|SFDA|FDA|CE|PMDA|TGA|MFDS)(?![A-Za-z])|国家药品监督管理局|国家药监局|药监局|国家食品药品监督管理总局|美国食品药品监督管理局"
)


def canonical_agency(name: str) -> str:
    """Canonical body name for an agency as written (unchanged when unknown)."""
    key = re.sub(r"\s+", "", name)
    return AGENCY_CANONICAL.get(key, key)


def authority_of(name: str) -> str | None:
    """Short authority name (NMPA, FDA, CE, ...) for a regulator as written."""
    return AUTHORITY.get(re.sub(r"\s+", "", name).upper() if name.isascii() else re.sub(r"\s+", "", name))


_CLASS = {"三": "III", "3": "III", "Ⅲ": "III", "III": "III", "二": "II", "2": "II", "Ⅱ": "II", "II": "II", "一": "I", "1": "I", "Ⅰ": "I", "I": "I"}
CLASS_RE = re.compile(r"(?:第\s*)?(?P<c>[一二三123ⅠⅡⅢ]|III|II|I)\s*类(?:医疗器械)?(?:注册)?证?|(?P<c2>Class\s*(?:III|II|I))")


def cert_class(text: str) -> str | None:
    """Registration class (I/II/III) written in ``text`` (三类证, 第二类医疗器械, Class II)."""
    m = CLASS_RE.search(text)
    if not m:
        return None
    if m["c2"]:
        return m["c2"].split()[-1].replace("Class", "").strip() or None
    return _CLASS.get(m["c"])


# --- name folding ----------------------------------------------------------------------------

_FOLD_PUNCT = re.compile(r"[《》〈〉“”\"'‘’「」『』()（）\[\]【】,，、.。:：;；·•\-—_®™\s]+")
_COMPANY_FORM = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团|公司)$")


def fold_name(s: str | None) -> str:
    """A name for comparison: NFKC, lower case, whitespace and punctuation removed."""
    import unicodedata

    return _FOLD_PUNCT.sub("", unicodedata.normalize("NFKC", s or "").lower())


def fold_company(s: str | None) -> str:
    """A company name for comparison: folded, a trailing legal form (有限公司, 集团 …) dropped."""
    n = fold_name(s)
    return _COMPANY_FORM.sub("", n) or n

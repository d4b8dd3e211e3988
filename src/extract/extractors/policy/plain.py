"""policy titles written without 《》.

News digests, annual reviews and government bulletins often name a document in plain text. Its
end is found by its document-type suffix (…的通知, …审评要点, …行动方案) with optional official
marks (（试行）, （征求意见稿）, （2024—2026年）), and its start by what stands before it:

* a publishing verb after the issuing body: 省医保局印发关于…的通知, 器审中心公开征求A、B（征求意见稿）
  的意见, 市政府办公厅7月印发的…若干措施, 卫福部公告「…指引（草案）」 (Taiwan writes 「」);
* the issuing body opening an official title: 国家药监局关于发布…的公告（2023年第9号）;
* a citing word: 按照…管理办法的相关规定 (a law cited by name, no issuer);
* a law at the head of a clause coming into force: …管理法自2021年5月1日起施行;
* a number naming the document: 国家药监局2024年第12号公告对… (the number phrase is the title);
* a field list: 【文件名称】… with 【成文日期】/【发布机构】/【文号】 on the following lines.

A bracket after the title gives its number (文号, whose year dates it when nothing else does)
and sometimes its date (（医保办发〔2024〕9号，2024年8月）). Without a governmental body before
the verb or the 关于 a plain title is not taken: a company's 关于…的公告 is not a policy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex as re

from .. import confidence
from ...lexicon.places import is_place
from ...normalize import RELATIVE_YEARS, find_dates, parse_date
from ...structure import sentence_spans
from .prose import (
    _ADVERBS,
    _ANAPHORIC_TIME,
    _DOC_NUMBER,
    _DOC_SUFFIX,
    _LIST_MARKER,
    _MONTH_DAY,
    _THIS_PERIOD,
    _TITLE,
    Mention,
    _clean_subject,
    _context_year,
    _mask_titles,
    has_doc_suffix,
    is_negative_title,
    split_issuers,
    title_issuers,
)

# --- vocabulary -----------------------------------------------------------------------------

#: verbs that put a plain title right after them: 印发关于…的通知, 修正发布「…办法」, 预告…修正草案
_VERB = re.compile(
    r"(?:修正发布|修正公布|发布|印发|出台|颁布|公布|下发|转发|预告|(?<!的)公告|公开征求|征求)(?:了|的)?"
)
#: an official mark that belongs to a plain title: （试行）, （征求意见稿）, （2022年修订版）,
#: （2024—2026年）; a number in brackets (（2024年第21号）, （医保发〔2023〕27号）) does not
_MARK = (
    r"(?:[（(](?:试行|暂行|征求意见稿|草案|送审稿|修订稿|修订版|修订|"
    r"\d{4}\s*年?\s*(?:修订|修正)?版|\d{4}\s*年?\s*[-－—–~至]\s*\d{4}\s*年?|第[一二三四五六七八九十\d]+版)[）)])"
)
_MARK_RE = re.compile(_MARK)
#: the bracket right after a title (its number, sometimes its date): （医保办发〔2024〕9号，2024年8月）
_BRACKET = re.compile(r"^[」\s]*[（(](?P<b>[^（）()]{2,60})[）)]")
#: a date that starts or ends a period rather than dating an event: 自8月1日起, 到2027年
_NOT_EVENT = re.compile(r"(?:自|从|至|到|截至|截止|预计|力争)\s*$")
#: where a plain title can end: a document-type word (with its marks), or what only plain titles
#: use: 若干措施, 指标体系, 咨询文件 (a Hong Kong consultation paper), 条文修正草案 (a Taiwan draft amendment)
_END = re.compile(
    rf"(?:{_DOC_SUFFIX.pattern[3:-2]}|措施|体系|咨询文件|(?:条文)?(?:修正|修订)草案)(?:{_MARK})*"
)
#: what may follow a plain title: punctuation, its number bracket, a list comma, or a word that
#: starts the rest of the clause (…的通知已由我委转发, …规划中关于…, …指导原则在本季度被引用)
_BOUNDARY = re.compile(
    r"\s*(?:$|[，,。；;：:！？!?、（(”\n]|两份|等|已|也|还|在|对|中|将|自|于|被|提出|明确|要求|指出|"
    r"强调|的(?:相关|有关)?(?:规定|要求|精神)|规定|相关|有关)"
)
#: characters a plain title never contains: punctuation of the clause and other titles' brackets
_STOP = re.compile(r"[，,。；;：:！？!?《》「」【】\n]")
#: words of the clause, never of a title: 发布通知要求…, 印发方案提出…
_CLAUSE_WORDS = re.compile(r"要求|提出|指出|强调|表示|明确")
#: a title that is only a document-type word, opens with a pronoun or a vague qualifier (通知, 本办法,
#: 该方案, 新版诊疗方案) or with a second verb (…第8号公告|发布的…办法: the title follows that verb)
_GENERIC_START = re.compile(
    r"^(?:通知|公告|通告|意见|文件|政策|规定|办法|方案|本|该|此|上述|相关|有关|其|公司|本公司|我公司|新版|最新|"
    r"发布|印发|公布|转发)"
)
#: an official notice title: 关于…的通知, 关于…的指导意见, 关于…的若干措施
_NOTICE = re.compile(r"^关于.{2,}的[\p{Han}]{0,4}?(?:通知|公告|通告|意见|决定|批复|通报|复函|函|规定|办法|措施|方案)$")
#: 征求A、B（征求意见稿）两份文件的意见: the trailing 意见 belongs to the verb 征求
_CONSULT_TAIL = re.compile(r"(?:[两二三四五六七八九十\d]+\s*(?:份|个|项)\s*(?:文件)?)?的?意见$")
#: a title in 「」 right after the verb (Taiwan: 以…字第…號公告「…」)
_CORNER = re.compile(r"^「(?P<t>[^「」]{4,80})」")
#: an order or letter number between the body and its verb: 以卫授食字第1131602345号(令)
_ORDER_NUMBER = re.compile(r"以\s*[\p{Han}]{0,12}第\s*\d{3,}\s*号\s*令?\s*$")
#: words that end what comes before the body in a subject: 本次合作符合|国家卫健委印发的…, 该产品上市契合|某局发布的…
_BEFORE_BODY = re.compile(r"^.*(?:符合|契合|顺应|呼应|根据|按照|依据|落实|贯彻|响应|参照|对照)")
#: a list item's marker, also inside a line (■ 法规动态1. 卫福部…, （三）成都市…)
_ITEM_MARK = re.compile(
    r"(?:(?<![\d.])\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.、．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[）)]|[■●•▍◆]"
)
#: a time in the subject, not part of the body's name: a bare month (市政府办公厅7月印发), a year
#: relative to the document's date (市卫健委今年3月印发, 某市则在去年出台, 省医保局去年底发布)
_SUBJECT_TIME = re.compile(
    r"(?:于|在)?\s*(?:(?:今年|去年|前年|本年|当年|同年)\s*(?:以来|年初|年中|年底|年末|初|底|末|上半年|下半年)?\s*)?"
    r"(?:\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?(?:初|底|中旬|下旬|上旬)?)?\s*$"
)
#: a year relative to the document's own date, with its month if written: 今年8月, 去年底, 今年以来
_RELATIVE = re.compile(r"(?P<rel>今年|本年|去年|前年)\s*(?:(?P<m>\d{1,2})\s*月)?")
#: where the body published it (国家药监局在官网发布…): not part of the body's name
_SUBJECT_PLACE = re.compile(r"(?:在|于|通过)\s*其?\s*(?:官网|官方网站|门户网站|网站|政务网站|微信公众号|官方微信)\s*上?\s*$")
#: adverbs of time and sequence before a verb (另, 同期, 同日, 则): not part of the body's name
_SUBJECT_ADVERB = re.compile(rf"(?:{_ADVERBS}|另|则|同期|同日|同月|当日|当月|\s)+$")
#: a document number in a subject or title: 国家药监局2025年第8号公告(发布的…)
_NUMBER_PHRASE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*第\s*\d{1,4}\s*号\s*(?:公告|通告|令)?\s*$")
#: a document named by its number and its body: 国家药监局2024年第12号公告对…调整
_NUMBERED = re.compile(
    r"(?P<body>[\p{Han}]{2,20}?)(?P<num>(?P<y>(?:19|20)\d{2})\s*年\s*第\s*\d{1,4}\s*号\s*(?:公告|通告))"
    r"(?!\s*(?:发布|印发|公布|的|所|[（(]))"
)
#: citing a law by name: 按照…管理办法的相关规定, 依据…条例第十条
_CITE = re.compile(r"(?:按照|根据|依据|依照|遵照)")
_CITE_END = re.compile(r"(?:法|条例|办法|规定|细则|规则|准则|规范)$")
_CITE_AFTER = re.compile(r"^\s*(?:的\s*)?(?:相关|有关)?\s*(?:规定|要求)|^\s*第\s*[\d一二三四五六七八九十百]+\s*条")
#: a law at the head of a clause coming into force: …管理法自2021年5月1日起施行
_LAW_HEAD = re.compile(r"[^，,。；;：:《》]{4,40}?(?=\s*(?:自|于|从))")
_IN_FORCE_AFTER = re.compile(r"^\s*(?:自|于|从)\s*[^，,。；]{4,16}?起?\s*(?:正式)?(?:施行|实施|生效)")
#: 同年/同月/同期/同日 refers back to the date written before (its precision)
_SAME_DAY = re.compile(r"同日|当日|同一天")
_SAME_MONTH = re.compile(r"同月|当月|同期")

# --- field lists

#: a field list item: 一、【文件名称】…, 文件名称：…
_FIELD_TITLE = re.compile(
    rf"^[ \t　]*(?:[一二三四五六七八九十]{{1,3}}\s*[、.．]|{_LIST_MARKER.pattern[1:]})?[ \t　]*(?:【\s*(?:文件名称|政策名称|文件标题|名称|标题)\s*】|(?:文件名称|政策名称)\s*[:：])"
    r"[ \t　]*(?P<title>[^\n【]{4,120}?)[ \t　]*$",
    re.M,
)
#: a field of the item in brackets: 【成文日期】2025年4月8日, 【文号】川卫发〔2025〕9号
_BRACKET_FIELD = re.compile(r"【\s*(?P<l>[^】\n]{2,8}?)\s*】\s*(?P<v>[^【\n]*)")
#: a field of the item after a colon, fields apart by spaces: 发布机构：某省卫健委　发布日期：2024年5月6日
_COLON_FIELD = re.compile(r"(?:^|[ \t　])(?P<l>[\p{Han}]{2,6})[:：]\s*(?P<v>[^ \t　\n]*)")
#: field labels naming the issuer, the date (signing first) and the number of the document
_FIELD_ISSUER = re.compile(r"^(?:发布机构|发布机关|发文机关|发布单位|发文单位|制发机关|印发机关|发布部门)$")
_FIELD_DATES = ("成文日期", "印发日期", "发文日期", "发布日期")
_FIELD_NUMBER = re.compile(r"^(?:文号|发文字号|发文号)$")
#: how much of a document's head may state the year it is about
_HEAD_CHARS = 120
#: the fields of one item: the lines after its title, up to the next item
_FIELD_LINES = 4


# --- titles after a verb, a body or a citing word --------------------------------------------


def _mask_quoted(sentence: str) -> str:
    """《》 titles blanked (read by ``prose``), offsets unchanged."""
    return _TITLE.sub(lambda m: "《" + "□" * (len(m.group(0)) - 2) + "》", sentence)


def _title_ends(window: str) -> list[int]:
    """Offsets in ``window`` where a title may end: after a document-type word followed by a
    boundary, or after an official mark (（修订稿）简化了… : the mark closes the title)."""
    return [m.end() for m in _END.finditer(window) if window[m.end() - 1] in "）)" or _BOUNDARY.match(window, m.end())]


def _is_title(title: str) -> bool:
    """Whether a span read as a plain title names a document (not a clause or a bare doc word)."""
    t = re.sub(r"\s+", "", title)
    if not 5 <= len(t) <= 80 or _GENERIC_START.match(t) or is_negative_title(t):
        return False
    if t.startswith("关于"):
        return bool(_NOTICE.match(t))
    return not _CLAUSE_WORDS.search(t)


def _title_after(window: str, consulting: bool) -> list[tuple[int, int]]:
    """(start, end) of the titles written at the head of ``window`` (after a verb); a list
    A、B（征求意见稿） gives each title; 征求关于X的意见 gives X."""
    if m := _CORNER.match(window):
        return [(1, 1 + len(m["t"]))] if _is_title(m["t"]) else []
    stop = _STOP.search(window)
    window = window[:stop.start()] if stop else window
    if consulting and (tail := _CONSULT_TAIL.search(window)):
        window = window[:tail.start()]
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(window):
        span = _first_title(window, start, consulting)
        if span is None:
            break
        out.append(span)
        if not window.startswith("、", span[1]):
            break
        start = span[1] + 1
    return out


def _first_title(window: str, start: int, consulting: bool) -> tuple[int, int] | None:
    """The shortest title from ``start`` that ends at a boundary (关于… needs its 的通知)."""
    for end in _title_ends(window):
        if end <= start:
            continue
        title = window[start:end]
        if _is_title(title):
            return start, end
        if consulting and title.startswith("关于") and _is_title(title[2:]):
            return start + 2, end  # 征求关于X（征求意见稿）的意见: the draft is X
    return None


@dataclass
class _Found:
    """A plain title found in a sentence (offsets in the sentence) with its fields."""

    start: int
    end: int
    issuers: list[str]
    date: str | None
    confidence: float
    clause_start: int


@dataclass
class _Context:
    """What dates a sentence's titles besides the sentence: the year and text written before it."""

    year_before: int | None
    text_before: str
    doc_period: str | None
    dated_year: int | None = None  # the year of the document's own date line (今年 / 去年 count from it)


def _clause_start(before: str) -> int:
    """Where the clause ending ``before`` starts: after its last clause mark or list-item marker
    (a heading run into its first item: ■ 法规动态1. 卫福部…)."""
    marks = [m.end() for m in _ITEM_MARK.finditer(before)]
    return max([before.rfind(c) + 1 for c in "，,：:；;】\n"] + marks[-1:])


def _subject(sentence: str, verb_start: int) -> tuple[str, int, str | None]:
    """The body before a verb (numbers, times and adverbs removed), where its clause starts, and the
    year of a document number written in it (国家药监局2025年第8号公告发布的…)."""
    before = sentence[:verb_start]
    clause_start = _clause_start(before)
    subj, year, prev = before[clause_start:], None, None
    while subj != prev:
        prev = subj
        if n := _NUMBER_PHRASE.search(subj):
            year, subj = year or n["y"], subj[:n.start()]
        subj = _ORDER_NUMBER.sub("", subj)
        subj = _SUBJECT_ADVERB.sub("", _SUBJECT_TIME.sub("", _SUBJECT_PLACE.sub("", subj)))
        subj = _clean_subject(_BEFORE_BODY.sub("", subj))
    return subj, clause_start, year


def _bracket_fields(after: str) -> tuple[str | None, str | None]:
    """(date, year of the document number) from a bracket right after a title:
    （医保办发〔2024〕9号，2024年8月） gives 2024-08 and 2024."""
    m = _BRACKET.match(after)
    if not m:
        return None, None
    n = _DOC_NUMBER.search(m["b"])
    dates = find_dates(_DOC_NUMBER.sub("", m["b"]))
    return (dates[0].value if dates else None), ((n["y"] or n["y2"]) if n else None)


def _blank_marks(text: str) -> str:
    """Official marks blanked (（2022年修订版） names a version, not a time), offsets unchanged."""
    return _MARK_RE.sub(lambda m: "□" * len(m.group(0)), text)


def _earlier_date(text: str, year: int | None, dated_year: int | None = None) -> str | None:
    """The last event date written in ``text``: a full date, else a bare 6月18日 in ``year``, else a
    year relative to the document's date (今年8月, 去年) when it has one; a start or target
    (自8月1日起施行, 到2027年) dates no event."""
    masked = _mask_titles(_blank_marks(text))
    dates = [d for d in find_dates(masked) if not _NOT_EVENT.search(masked[:d.start])]
    last = dates[-1].end if dates else -1
    if dated_year is not None:
        rel = [r for r in _RELATIVE.finditer(masked) if r.start() >= last and not _NOT_EVENT.search(masked[:r.start()])]
        if rel:
            r = rel[-1]
            y = dated_year - RELATIVE_YEARS[r["rel"]]
            return f"{y:04d}-{int(r['m']):02d}" if r["m"] and 1 <= int(r["m"]) <= 12 else f"{y:04d}"
    days = [d for d in _MONTH_DAY.finditer(masked) if not _NOT_EVENT.search(masked[:d.start()])]
    if days and (not dates or days[-1].start() >= dates[-1].end) and year is not None:
        return parse_date(days[-1].group(0), year=year)
    return dates[-1].value if dates else None


def _date_before(sentence: str, title_start: int, ctx: _Context) -> str | None:
    """Issue date written before a title in its sentence: 2024年12月，…印发; 6月3日，…发布 (the year
    of the text above); 同期/同日 refer back to the date before; 本周 is the document's period."""
    seg = _mask_titles(sentence[:title_start])
    if date := _earlier_date(seg, ctx.year_before, ctx.dated_year):
        return date
    if _ANAPHORIC_TIME.search(seg) or _SAME_DAY.search(seg):
        earlier = _earlier_date(ctx.text_before, ctx.year_before)
        if earlier and not _SAME_DAY.search(seg):
            return earlier[:7] if _SAME_MONTH.search(seg) else earlier[:4]
        return earlier
    if _THIS_PERIOD.search(seg) and ctx.doc_period:
        return ctx.doc_period
    return None


def _title_date(sentence: str, start: int, end: int, ctx: _Context, year: str | None) -> str | None:
    """A title's date: its bracket's, else the sentence's before it, else a document number's year."""
    bracket_date, number_year = _bracket_fields(sentence[end:])
    title_year = _NUMBER_PHRASE.search(sentence[start:end])
    before = _date_before(sentence, start, ctx)
    if before and number_year and not before.startswith(number_year):
        before = None  # a date of another year before it (an item above in a list) is not this document's
    return (bracket_date or before or year or number_year
            or (title_year["y"] if title_year else None))


def _verb_titles(sentence: str, ctx: _Context) -> list[_Found]:
    """Titles right after a governmental body's publishing verb (印发关于…的通知, 公告「…」)."""
    out: list[_Found] = []
    taken = 0
    for v in _VERB.finditer(sentence):
        if v.start() < taken:
            continue  # a verb inside a title already read (关于印发…的通知)
        consulting = "征求" in v.group()
        spans = [(v.end() + a, v.end() + b) for a, b in _title_after(sentence[v.end():], consulting)]
        if not spans:
            continue
        subj, clause_start, year = _subject(sentence, v.start())
        issuers = split_issuers(subj) if subj else []
        if not issuers and is_place(subj):
            issuers = [subj]  # 某市去年出台了…若干措施: a place publishing a title stands for its government
        if not issuers:
            continue
        for a, b in spans:
            if title_issuers(sentence[a:b]):
                continue  # 转发国家药监局关于…的通知: the bodies opening the title issued it (_body_titles)
            out.append(_Found(a, b, issuers, _title_date(sentence, a, b, ctx, year), confidence.CLAUSE, clause_start))
        taken = spans[-1][1]
    return out


def _body_titles(sentence: str, ctx: _Context) -> list[_Found]:
    """Official titles opened by their bodies: 国家药监局关于发布…的公告 (title from 关于)."""
    out = []
    for m in re.finditer("关于", sentence):
        before = sentence[:m.start()]
        clause_start = _clause_start(before)
        # 省药监局转发国家药监局关于…: the bodies after the verb open the title
        verbs = list(_VERB.finditer(before, clause_start))
        issuers = split_issuers(_clean_subject(before[verbs[-1].end() if verbs else clause_start:]))
        span = _first_title(sentence[m.start():], 0, False) if issuers else None
        if span:
            a, b = m.start() + span[0], m.start() + span[1]
            out.append(_Found(a, b, issuers, _title_date(sentence, a, b, ctx, None), confidence.CLAUSE, clause_start))
    return out


def _numbered_titles(sentence: str, ctx: _Context) -> list[_Found]:
    """A document named by its body and number (国家药监局2024年第12号公告对…): the phrase is the title."""
    out = []
    for m in _NUMBERED.finditer(sentence):
        body = _clean_subject(m["body"])
        issuers = split_issuers(body)
        if issuers:
            a = m.end() - len(body) - len(m["num"])
            date = _date_before(sentence, a, ctx) or m["y"]
            out.append(_Found(a, m.end(), issuers, date, confidence.BARE_TITLE, a))
    return out


def _cited_titles(sentence: str) -> list[_Found]:
    """A law cited by name (按照…管理办法的相关规定): no issuer, no date."""
    out = []
    for c in _CITE.finditer(sentence):
        window = sentence[c.end():]
        stop = _STOP.search(window)
        window = window[:stop.start()] if stop else window
        for m in _END.finditer(window):
            title = window[:m.end()]
            if _CITE_AFTER.match(window[m.end():]) and _CITE_END.search(title) and _is_title(title):
                out.append(_Found(c.end(), c.end() + m.end(), [], None, confidence.BARE_TITLE, c.start()))
                break
    return out


def _in_force_title(sentence: str) -> list[_Found]:
    """A law opening a clause that comes into force (…管理法自2021年5月1日起施行): its effective
    date is not its issue date, so no date."""
    head = _LIST_MARKER.match(sentence)
    a = head.end() if head else 0
    m = _LAW_HEAD.match(sentence[a:])
    if not m or not _IN_FORCE_AFTER.match(sentence[a + m.end():]):
        return []
    title = m.group(0)
    if not (_CITE_END.search(title) and _is_title(title)):
        return []
    return [_Found(a, a + m.end(), [], None, confidence.BARE_TITLE, a)]


def _sentence_titles(sentence: str, ctx: _Context) -> list[_Found]:
    """All plain titles of a sentence; where two readings overlap the first one found is kept."""
    found: list[_Found] = []
    for f in (_verb_titles(sentence, ctx) + _body_titles(sentence, ctx) + _numbered_titles(sentence, ctx)
              + _cited_titles(sentence) + _in_force_title(sentence)):
        if all(f.end <= g.start or f.start >= g.end for g in found):
            found.append(f)
    return found


#: blocks worth reading: a verb, 关于, a citing word, a document number or a 「」 title
_TRIGGER = re.compile(r"发布|印发|出台|颁布|公布|下发|转发|预告|公告|征求|关于|按照|根据|依据|依照|遵照|号|施行|实施|生效|「")


def document_year(text: str, period: str | None) -> int | None:
    """The year a document is about: its period's, else the first date of its head (a digest's
    【周报】2024年第23期, a review's 2023年…年度回顾): the year of the bare 6月3日 of its items."""
    if period:
        return int(period[:4])
    dates = find_dates(text[:_HEAD_CHARS])
    return int(dates[0].value[:4]) if dates else None


def plain_mentions(text: str, span: Callable[[int, int], tuple[int, int]], *, context_before: str = "",
                   doc_period: str | None = None, doc_year: int | None = None, dated_year: int | None = None) -> list[Mention]:
    """Policy mentions written without 《》 in ``text``; ``span`` maps text offsets to document offsets;
    ``doc_year`` is the year of bare dates (6月3日) when the text above gives none; ``dated_year`` the
    year of the document's own date line, from which 今年 and 去年 count."""
    if not _TRIGGER.search(text):
        return []
    out: list[Mention] = []
    for s0, s1 in sentence_spans(text):
        sentence = _mask_quoted(text[s0:s1])
        year_before = (_context_year(_mask_titles(_blank_marks(text[:s0])))
                       or _context_year(context_before, months_only=True) or doc_year)
        ctx = _Context(year_before, context_before + text[:s0], doc_period, dated_year)
        for f in _sentence_titles(sentence, ctx):
            a, b = _evidence(sentence, f)
            ds, de = span(s0 + a, s0 + b)
            out.append(Mention(sentence[f.start:f.end].strip(), f.issuers, f.date, ds, de, f.confidence))
    return out


def _evidence(sentence: str, f: _Found, limit: int = 300) -> tuple[int, int]:
    """The sentence, or when too long the title's clause through its bracket."""
    if len(sentence) <= limit:
        return 0, len(sentence)
    bracket = _BRACKET.match(sentence[f.end:])
    end = f.end + (bracket.end() if bracket else 0)
    return max(f.clause_start, end - limit), end


# --- field lists ------------------------------------------------------------------------------


def _item_fields(text: str, pos: int) -> tuple[dict[str, str], int]:
    """Fields written on the lines after a list item's title (up to a blank line or the next item),
    and where the last of those lines ends."""
    fields: dict[str, str] = {}
    end = pos
    for line in text[pos:].lstrip("\n").split("\n")[:_FIELD_LINES]:
        if not line.strip() or _FIELD_TITLE.match(line):
            break
        pairs = [(m["l"], m["v"]) for pat in (_BRACKET_FIELD, _COLON_FIELD) for m in pat.finditer(line)]
        if not pairs:
            break
        for label, value in pairs:
            fields.setdefault(label.strip(), value.strip())
        end = text.index(line, end) + len(line)
    return fields, end


def field_list_mentions(text: str) -> list[Mention]:
    """Documents listed as fields: 一、【文件名称】…的通知 then 【文号】…　【成文日期】2025年4月8日."""
    out = []
    for m in _FIELD_TITLE.finditer(text):
        title = m["title"].strip()
        if not (has_doc_suffix(title) and _is_field_title(title)):
            continue
        fields, end = _item_fields(text, m.end())
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        stop = end if end - start <= 300 else m.end()
        out.append(Mention(title, _field_issuers(title, fields), _field_date(fields), start, stop, confidence.FIELDS))
    return out


#: a digest item whose line is a document's title, its fields on the lines below:
#: "1.1 关于进一步优化…有关事项的公告" / "文号：…" / "发布日期：2026年10月9日"; "4.1 上海｜关于…的若干措施";
#: "1.4 药审中心发布…指导原则（试行）" (issuer and verb before the title)
_TITLED_ITEM = re.compile(
    r"^[ \t　]*(?:\d{1,2}(?:\.\d{1,2}){1,2}|\d{1,2}\s*[.、．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}\s*[、.．])"
    r"[ \t　]*(?:(?P<region>[\p{Han}]{2,8})\s*[｜|]\s*)?(?P<title>[^\n]{6,120}?)[ \t　]*$", re.M)
#: fields that only a document's item carries (a report or an event has none of them)
_DOCUMENT_FIELD = re.compile(r"^(?:文号|发文字号|发文号|发布日期|成文日期|印发日期|发文日期|生效日期|施行日期|实施日期|发文机关|发布机关|发布机构|印发机关)$")
#: the issuer and its verb before the title: "药审中心发布…", "广东省人民政府办公厅印发…"
_ISSUER_VERB = re.compile(r"^(?P<pre>[^《》，,。]{2,40}?)(?:发布|印发|公布|出台)(?P<rest>.{4,})$")
#: a numbered section heading of a digest by issuer: "一、国家药品监督管理局"
_SECTION_LINE = re.compile(r"^[ \t　]*[一二三四五六七八九十]{1,3}\s*[、.．]\s*(?P<h>[^\n]{2,30}?)[ \t　]*$", re.M)


def titled_item_mentions(text: str) -> list[Mention]:
    """Documents a regulation digest lists as items: the item line is the title (after its number
    and a region label), the lines below carry the document's fields (文号, 发布日期, 发文机关);
    the issuer is the issuer field, else the bodies before the title's verb or its 关于, else the
    digest's section heading when that names a body ("一、国家药品监督管理局")."""
    out = []
    for m in _TITLED_ITEM.finditer(text):
        fields, end = _item_fields(text, m.end())
        if not any(_DOCUMENT_FIELD.match(k) for k in fields):
            continue
        title = m["title"].strip()
        issuers: list[str] = []
        if (v := _ISSUER_VERB.match(title)) and (pre := split_issuers(v["pre"])):
            title, issuers = v["rest"].strip(), pre
        elif (pre := title_issuers(title)) and title.find("关于") > 0:
            title, issuers = title[title.find("关于"):], pre
        if not (has_doc_suffix(title) and _is_field_title(title)):
            continue
        issuers = split_issuers(next((v for k, v in fields.items() if _FIELD_ISSUER.match(k)), "")) or issuers
        if not issuers:
            section = [h for h in _SECTION_LINE.finditer(text, 0, m.start())]
            issuers = split_issuers(section[-1]["h"]) if section else []
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        stop = end if end - start <= 300 else m.end()
        out.append(Mention(title, issuers, _field_date(fields), start, stop, confidence.FIELDS))
    return out


def _field_issuers(title: str, fields: dict[str, str]) -> list[str]:
    """The issuer field's bodies, else the bodies opening the title (not a transmittal's 关于转发…)."""
    issuer_field = next((v for k, v in fields.items() if _FIELD_ISSUER.match(k)), "")
    return split_issuers(issuer_field) or ([] if title.startswith("关于") else title_issuers(title))


def _field_date(fields: dict[str, str]) -> str | None:
    """The signing or publishing date field, else the year of the document number field."""
    date = next((d for k in _FIELD_DATES if (d := parse_date(fields.get(k, "")))), None)
    number = next((v for k, v in fields.items() if _FIELD_NUMBER.match(k)), "")
    if date is None and (n := _DOC_NUMBER.search(number)):
        return n["y"] or n["y2"]
    return date


def _is_field_title(title: str) -> bool:
    """A field list's title names a document: no clause punctuation, not a report or agreement."""
    return not _STOP.search(title) and not is_negative_title(title)

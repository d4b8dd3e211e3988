"""policy mentions with 《》 titles, the shared vocabulary and tests, and the merging of mentions.

* prose (paragraphs, list items, headings, captions, table cells): titles in 《》, with the
  issuing body and date read from the clause around them (``2021年6月，上海市卫健委发布《…》``,
  ``国家卫健委在《…》中指出``, ``器审中心就《…》公开征求意见``, ``《A》、《B》等政策``), from a
  bracket right after the title (``《…》（国家发展改革委，2022年5月）``), and for ``本周…发布``
  in a digest from the period the document states in its head;
* a government page's head block (发布机构：…, 成文日期：…) under the document's title;
* guidance a government body publishes under an English title in quotes (FDA 发布了 draft guidance "…").

Bilingual briefs write an English rendering before the 《》 (blanked before reading the clause) and
issuers/dates after a dash; a document number (国办发〔2021〕16号) gives the year when no date is
written; 等N部门 and vague partners (会同有关部门) are dropped from issuer lists.

Whether a 《》 title is a policy is decided by general cues only: the title's document-type
suffix (规划, 意见, 通知, 办法, 指导原则, 征求意见稿 …), a governmental issuer with a publishing
verb, or context words (等政策, 法规政策，如 …); research reports, white papers, yearbooks,
statistical bulletins, periodicals, meetings and agreements are rejected by title words, by a
research publisher, society or company written right before the 《》, and by the reference-list
shape of footnotes. When a policy is named several times (with or without 《》, in a table or a
field list), the mention with most fields (then the most precise date) gives the record; a short
form the text defines (以下简称《条例》), a wrapping notice without 《》 and an official title's
issuer prefix name the same policy, and an agreeing, more precise date refines it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import regex as re

from .. import confidence
from ...lexicon.agencies import (  # noqa: F401  (names used by plain.py and tables.py too)
    _GOV_ACRONYM, _GOV_BODY, _GOV_BODY_EN, _NAME_NOTE, _NOT_GOV, _NOT_GOV_EN, _VAGUE_BODY, _gov_names,
    is_english_gov_body, is_gov_body,
)
from ...nlp.resources import gazetteer
from ...normalize import DATE_RE, ENGLISH_DATE_RE, dateline, english_date, find_dates, parse_date
from ...structure import BlockType, sentence_spans

# --- vocabulary -----------------------------------------------------------------------------

#: a title whose core (trailing version/trial marks removed) ends like this names a document type
_DOC_SUFFIX = re.compile(
    r"(?:规划|纲要|意见|通知|办法|条例|规定|指导原则|原则|审评要点|审批要点|审查要点|工作要点|要点|指南|指引|"
    r"(?<!解决)方案|计划|行动|措施|标准|规范|细则|决定|决议|通报|通告|公告|目录|清单|征求意见稿|准则|规则|批复|"
    r"制度|战略|(?<!小)程序|法典|法案|(?<![方算疗手做看说用写技语想])法)$"
)
#: trailing marks stripped before the suffix test: （试行）, (2022修订版), （2020年版）, 第二版, 修订稿
_TRAILING_MARK = re.compile(
    r"(?:[（(][^（）()]{0,24}[）)]|第[一二三四五六七八九十\d]+版|\d{4}\s*年?\s*(?:修订)?版|修订版|修订稿|"
    r"试行|暂行|草案|送审稿)\s*$"
)
#: a parenthetical that marks an official document version
_OFFICIAL_MARK = re.compile(r"[（(]\s*(?:试行|暂行|征求意见稿|草案|送审稿|修订|\d{4}\s*年?\s*(?:修订)?版|\d{4}\s*[-－—~至]\s*\d{4}\s*年?)")
#: national strategy names written as <short name><target year>: 中国制造2025, 健康中国2030
_STRATEGY_NAME = re.compile(r"^[\p{Han}“”\"]{2,10}20\d{2}$")
#: words that make a title a report, statistics, periodical, book-like or event, never a policy
_NEG_TITLE = re.compile(
    r"报告|白皮书|蓝皮书|绿皮书|年鉴|公报|杂志|期刊|学报|日报|晚报|时报|周刊|月刊|论文|综述|"
    r"座谈会|研讨会|会议|大会|论坛|峰会|博览会|展览会|访谈|专访|报道|新闻|案例集|榜单|排行榜|图谱|指数|共识"
)
#: reporting as what a rule regulates, not a report: 《…年度自查报告编写指南》, 《药品不良反应报告和监测管理办法》
_REPORTING_RULE = re.compile(r"报告(?=编写|编制|撰写|格式|模板|填报|报送|和监测|与监测|管理|制度)")
#: typical endings of articles and research titles, and of agreements between parties (《战略合作
#: 协议》, 《独家经销合同》 are partnerships; a plan about agreements, …协议期满接续工作方案, stays)
_NEG_TITLE_END = re.compile(
    r"(?:研究|分析|初探|探讨|探析|浅析|展望|趋势|洞察|观察|思考|启示|机遇|挑战|建议|分享|实践|解决方案|(?<!通)报|协议|合同|备忘录)$"
)
#: a title made only of document-type words (《规划》《行动计划》《实施意见》) refers back to a full title
_GENERIC_TITLE = re.compile(
    r"(?:行动|实施|指导|管理|工作|若干|三年|五年|发展|专项|暂行|试行|规划|纲要|意见|通知|办法|方案|计划|条例|规定|"
    r"指南|标准|规范|决定|目录|清单|征求|意见稿|细则|有关|相关|该|本|上述|此)+"
)
#: how company short names end (信达生物, 恒瑞医药, 迈瑞医疗): a company's own plan is not a policy
_COMPANY_END = r"(?:生物|医药|药业|制药|医疗|科技|控股|基因)"
#: a company short name standing alone right before the 《》 (信达生物《2024-2028年发展战略规划》);
#: 支持智慧医疗的《…》 is a topic, not a publisher, so no 的 and a clause boundary before the name
_COMPANY_BEFORE = re.compile(rf"(?:^|[，,。；;：:\s、])[\p{{Han}}A-Za-z]{{2,6}}{_COMPANY_END}\s*$")
#: a research publisher or society written right before the 《》 (动脉网《…》, 前瞻产业研究院《…》,
#: 某医学会肿瘤学分会牵头编写的《…诊疗指南》)
_PUBLISHER_BEFORE = re.compile(
    r"(?:网|研究院|研究所|研究中心|咨询|智库|证券|资讯|杂志社?|日报|报社|出版社|大学|学院|公司|集团|协会|学会|分会|联盟|"
    r"[A-Za-z]{2,})\s*(?:[（(]\d{4}[）)])?\s*(?:(?:牵头|组织|联合)?(?:编写|编制|撰写|制定|发布|推出|出版)的|的)?\s*$"
)
#: words right after 》 that name a report or article (《…》报告, 《…》一书)
_AFTER_NEG = re.compile(r"^\s*(?:报告|白皮书|研究|一书|书中|杂志|期刊|文章|一文|报道|专栏|节目|论文)")
#: context that calls a group of titles policies: 《A》、《B》等政策, 《A》政策, 三个原则
_AFTER_POS = re.compile(
    r"^\s*(?:等)?\s*(?:[一二三四五六七八九十两多几数\d]+\s*(?:个|项|份|部|条|大))?\s*(?:相关|重要|配套|系列|指导性|纲领性|重磅)?\s*"
    r"(?:政策|法规|法律|文件|规章|原则(?!上)|条例|规范性文件)"
)
_BEFORE_POS = re.compile(r"(?:政策|法规|法律|文件|规章)[^，。；]{0,8}[，,：:]?\s*(?:如|包括|例如|比如|即|有)?\s*$")

#: the clause's document is one made for the title (《X》配套实施方案, 《X》实施细则, 《X》解读): the
#: issuer and date of the clause are that document's, X is only named
_OBJECT_AFTER = re.compile(
    r"^\s*的?\s*(?:(?:配套|实施|具体|落实|操作)[\p{Han}]{0,4}?(?:方案|细则|文件|措施|办法|政策|指南)|(?:政策)?解读)"
)

#: verbs that link an issuer (before) to the document it issues
_PUB_VERB = (
    r"(?:发布并(?:正式)?实施|发布|印发|出台|颁布|公布|发出|下发|推出|制定|制订|修订|修改|编制|起草|审议通过|通过|"
    r"公开征求|征求|批复|批准|实施|施行|更新|转发)"
)
_ADVERBS = (
    r"(?:正式|联合|共同|先后|相继|陆续|再次|又|再|还|也|已经|已|首次|近日|日前|随后|此后|此前|先前|早前|曾经|曾|同时|分别|专门|"
    r"最新|重新|进一步)"
)
_VERB_CLAUSE = re.compile(
    # (an object before the verb, "向社会公开发布"; not the citing verbs "对照…", "为贯彻落实…")
    rf"^(?P<subj>.*?)(?:{_ADVERBS})*\s*(?:(?:向|对(?!照)|针对|面向|为(?!了?贯彻|了?落实))[^，,《]{{0,20}}?)?(?:{_ADVERBS})*\s*{_PUB_VERB}(?:了|的|过)?"
    rf"(?P<fill>[^《，,。；]{{0,14}}?)\s*$"
)
_IN_CLAUSE = re.compile(r"^(?P<subj>.*?)\s*(?:在|于|通过)\s*$")
#: a body consulting on a draft: 器审中心就《…》公开征求意见 (the verb follows the title)
_ON_CLAUSE = re.compile(rf"^(?P<subj>.*?)(?:{_ADVERBS})*\s*(?:就|对)\s*$")
_CONSULT_AFTER = re.compile(r"^\s*(?:[（(][^（）()]{0,30}[）)])?\s*(?:再次|正式|已|向社会|面向社会|公开|广泛|\s)*征求(?:[^，,。；]{0,6})?意见")
#: the lead body of a joint action (河南省医保局牵头12省联盟发布): the issuer is the lead body
_LEAD_BODY = re.compile(r"^(?P<lead>.+?)(?:牵头|带头|领衔)")
#: issuer and/or date in brackets right after a title: 《…》（工业和信息化部等九部门，2022年1月）
_PAREN_AFTER = re.compile(r"^\s*[（(](?P<body>[^（）()《》]{2,40})[）)]")
_PAREN_SPLIT = re.compile(r"[，,；;]\s*")
#: a decree's number, which names who decreed it: "国务院令第739号", "国家市场监督管理总局令第47号"
_DECREE = re.compile(r"(?P<body>[\p{Han}]{3,20}?)令\s*第\s*\d{1,4}\s*号")
_LIST_SEP = re.compile(r"\s*(?:、|，|,|；|;|和|及|与|以及)?\s*")
_PAREN_VERB = re.compile(r"\s*(?:联合)?(?:发布|印发|颁布|出台|公布|修订|修正)$")
#: citing a document (根据《…》, 以《…》为基准): the clause subject is not its issuer
_CITING = re.compile(r"(?:根据|依据|依照|按照|参照|参考|对照|遵照|落实|贯彻|结合|依托|基于|以|据|从)\s*$")
_NOTICE_PREFIX = re.compile(r"关于(?:印发|转发|发布|公布|颁布|修订)\s*$")
_NOTICE_SUFFIX = re.compile(r"^\s*的(?:通知|公告|通告|决定|批复)")
#: verbs of issuing (not of coming into force: 施行/实施 dates are effective dates)
_ISSUE_VERB = r"(?:发布|印发|出台|颁布|公布|下发|推出|修订|审议通过|表决通过|通过|批复|制定|编制)"
#: a written date in any of the forms find_dates reads (2023年6月, 2023.6, 2023-06-15)
_DATE_WORDS = DATE_RE.pattern
#: text after a title group that names its issuer and/or date: 《…》由国务院办公厅于2019年7月印发;
#: a policy list item writes them after a dash (《…》——科技部等十部门于2023年9月联合印发), and a
#: joint list of seven ministries runs past 40 characters
_AFTER_ISSUE = re.compile(
    rf"^(?:[，,]|\s*[—–－]{{1,2}})?\s*(?:已|是)?\s*(?:由|经)?\s*(?P<subj>[^，,。；《\d]{{2,90}}?)??\s*(?:于|在)?\s*(?P<date>{_DATE_WORDS})?\s*"
    rf"(?:{_ADVERBS})*\s*{_ISSUE_VERB}"
)

#: a list item's marker in front of a clause subject (- , •, (3), （三）, 2., ①)
_LIST_MARKER = re.compile(
    r"^\s*(?:[-*+•·●○▪◆■◇]|[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[）)]|\d{1,2}\s*[.、．)）](?!\d)|[①-⑳]|"
    # a news flash numbers its items 24｜…
    r"\d{1,3}\s*[｜|])\s*"
)
#: an English rendering of a title written right before its 《》 (Interim Measures for …《…》) is a
#: translation, not a publisher; it has several words, one of them a document-type word
_EN_GLOSS = re.compile(
    r"(?P<gloss>[A-Z][A-Za-z0-9'’\-]*(?:[ \t]+(?:[A-Za-z0-9][A-Za-z0-9'’\-/,.&]*|\([A-Za-z0-9 ,.\-]+\)))+)[ \t]*(?=《)"
)
_EN_DOC_WORD = re.compile(
    r"\b(?:Opinions?|Measures|Catalog(?:ue)?|Guidelines?|Guidance|Guiding|Principles|Regulations?|Rules|Notice|Circular|"
    r"Plan|Provisions|Law|Standards?|Program(?:me)?|Procedures?|Requirements|Decision|Announcement|Outline|Strategy|"
    r"Policy|Framework|Directory|List)\b"
)
#: a government's English-titled guidance named in quotes (FDA 于2023年4月发布了 draft guidance "…")
_EN_QUOTED = re.compile(
    r"(?P<subj>[A-Za-z\p{Han}（）()]{2,40}?)\s*(?:于\s*(?P<date>" + DATE_RE.pattern + r")\s*)?"
    r"(?:正式|联合|再次|最新|进一步)?\s*(?:发布|印发|公布|推出|出台|颁布|更新)了?\s*"
    r"(?:(?:the|a|an|its)\s+)?(?:(?:draft|final|updated|revised|new)\s+)?"
    r"(?:guidance|guidelines?|rules?|regulation|framework|action\s+plan|policy)\s*"
    r"[“\"](?P<title>[A-Z][^”\"]{10,250})[”\"]",
    re.I,
)
_EN_NEG_TITLE = re.compile(r"\b(?:report|white\s*paper|survey|study|outlook|review\s+of|press\s+release)\b", re.I)
#: a document number (文号) names the issue year: 国办发〔2021〕16号, 国家药监局公告2018年第83号, 2022年第8号通告
_DOC_NUMBER = re.compile(
    r"[\p{Han}]{0,12}[〔［\[【]\s*(?P<y>(?:19|20)\d{2})\s*[〕］\]】]\s*(?:第\s*)?\d{1,4}\s*号"
    r"|(?P<y2>(?:19|20)\d{2})\s*年\s*第\s*\d{1,4}\s*号"
)
_BRACKET_AFTER = re.compile(r"^\s*[（(](?P<body>[^（）()]{2,80})[）)]")
#: an abbreviation a document defines for a title: 《…》（…，以下简称《条例》）
_ABBREVIATION = re.compile(r"(?:以下简称|以下称|下称|简称)\s*[《“\"]?(?P<abbr>[^》”\"，,；;）)]{2,20})")
#: "X发布通知，就《…》公开征求意见": the consulting body is the subject of the clause before
_NOTICE_CLAUSE = re.compile(
    rf"(?P<subj>[^，,。；;：:]*?)(?:{_ADVERBS})*\s*(?:发布|印发|发出|下发)了?\s*(?:通知|公告|通告)\s*[，,]\s*$"
)

#: leading time words and dates in front of a clause subject
_LEAD_TIME = re.compile(
    r"^(?:\s|早在|当时|当年|同年|同月|当月|近期|近日|日前|目前|此前|此后|随后|其后|之后|今年|去年|明年|"
    r"例如|比如|如|其中|另外|此外|同时|而|并|且|又|截至|到|在|于|自|从|经(?![济信])|"
    r"(?:(?:19|20)\d{2}\s*年?\s*(?:\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?(?:初|底|末|中|年初|年底|年末|上半年|下半年)?)|"
    r"\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|[，,、：:]|起|以来|开始)+"
)
#: the period a digest or news item covers (本周国家药监局发布《…》): dated by the document's own date
_THIS_PERIOD = re.compile(r"本周|本月|当周|本期")
_ANAPHORIC_TIME = re.compile(r"该阶段|这一阶段|此阶段|本阶段|同年|同月|当年|当月|同期|此时|彼时")
# only read where the sentence has no full date: a bare 6月29日 or 同年3月
_MONTH_DAY = re.compile(r"(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*[日号]|(?<![\d.])\d{1,2}\s*月(?!份)")

_PLACE_ONLY = re.compile(r"^[\p{Han}]{1,8}(?:省|市|自治区|特别行政区|区|县|州|盟|旗)$")
_ISSUER_SPLIT = re.compile(r"[、，,；;/]+")
_ISSUER_CONJ = re.compile(r"以及|会同|联合|和|与|及|同")
_STRONG_CONJ = re.compile(r"会同|联合(?!国)")
#: layout spaces split a Chinese issuer list; spaces between English words belong to one name
_LAYOUT_SPACE = re.compile(r"(?<![A-Za-z&.,'’])\s+|\s+(?![A-Za-z&(])")
_ETC_BODIES = re.compile(r"\s*等\s*(?:[一二三四五六七八九十\d]+\s*(?:个|家)?)?\s*(?:部门|部委|单位|机构|部委联合)?$")

_TITLE = re.compile(r"《([^《》]{2,120})》")
#: what may stand between two titles of one list: a short bracket (an abbreviation, a document
#: number 国家药监局公告2018年第83号) and a separator
_GROUP_SEP = re.compile(
    r"^\s*(?:[（(](?:[^（）()《》]{0,15}|[^（）()《》]{0,40}号)[）)])?\s*(?:、|，|,|和|及|与|以及|或|/)?\s*$"
)

_REFERENCE_HEADING = re.compile(r"参考文献|参考资料|资料来源|文献|引用|注释|延伸阅读|相关报告|往期|推荐阅读|系列报告")

#: non-governmental publishers: a guideline a society or company publishes is not a policy
_NON_GOV_ORG = re.compile(
    r"(?:学会|协会|联盟|医院|大学|学院|公司|集团|企业|研究院|研究所|基金会|平台|联合会|商会|智库|网|科技|资本|银行|证券|"
    r"咨询|媒体|出版社|杂志社|专家组|课题组|编委会|" + _COMPANY_END + r")$"
)

#: only blocks with a 《》 title go through segmentation
_TITLE_TRIGGER = re.compile(r"《|[“\"][A-Z]")
_SKIP_BLOCKS = {BlockType.TOC, BlockType.BOILERPLATE}
_CITATION_BLOCKS = {BlockType.FOOTNOTE, BlockType.SOURCE_NOTE}


@lru_cache(maxsize=1)
def _org_names() -> frozenset[str]:
    """Companies and investors of the gazetteer."""
    return frozenset(gazetteer("org"))


# --- title tests ----------------------------------------------------------------------------


def title_core(title: str) -> str:
    """The title without trailing version and trial marks (（试行）, (2022修订版), 第二版)."""
    core = re.sub(r"\s+", "", title)
    prev = None
    while prev != core:
        prev = core
        core = _TRAILING_MARK.sub("", core).rstrip("：:，, ")
    return core


def has_doc_suffix(title: str) -> bool:
    """Whether the title ends with a document-type word (规划, 意见, 办法, 指导原则 …)."""
    core = title_core(title)
    return bool(_DOC_SUFFIX.search(core)) or bool(_OFFICIAL_MARK.search(title)) or bool(_STRATEGY_NAME.match(core))


def is_negative_title(title: str) -> bool:
    """Titles of reports, statistics, periodicals, articles and events (never policies)."""
    t = re.sub(r"\s+", "", title)
    if _NEG_TITLE.search(_REPORTING_RULE.sub("", t)):
        return True
    if re.search(r"[：:]", t) and not t.startswith("关于") and not re.search(r"第\s*\d+\s*部分\s*[：:]", t):
        return True  # subtitles (报告：冲刺结束，正步走) are a report/article habit
    core = title_core(t)
    if _GENERIC_TITLE.fullmatch(core):
        return True
    return bool(_NEG_TITLE_END.search(core)) and not _DOC_SUFFIX.search(core)


def _strip_outer(title: str) -> str:
    t = title.strip()
    if t.startswith("《") and t.endswith("》") and t.count("《") == 1:
        return t[1:-1].strip()
    return t


def _title_key(title: str) -> str:
    t = unicodedata.normalize("NFKC", title)
    return re.sub(r"[\s“”\"'‘’《》〈〉]+", "", t).lower()


# --- issuers --------------------------------------------------------------------------------


def _split_conj(piece: str) -> list[str]:
    """Split ``A和B`` only when both sides are bodies (keeps 工业和信息化部 whole).

    会同/联合 join bodies and never occur inside a name, so ``A会同B和C委`` splits there first and
    each side is split again; a vague partner (A会同有关部门) is dropped like 等N部门.
    """
    # an adverb between a body and 会同/联合 is not part of its name: 省卫健委还联合省药监局, A也会同B
    strong = [re.sub(rf"(?:{_ADVERBS})+$", "", p) for p in _STRONG_CONJ.split(piece) if p.strip()]
    if len(strong) > 1:
        parts = [q for p in strong if not _VAGUE_BODY.match(p) for q in _split_conj(p)]
        if parts and all(is_gov_body(p) for p in parts):
            return parts
    parts = [p for p in _ISSUER_CONJ.split(piece) if p]
    if len(parts) > 1 and all(is_gov_body(p) for p in parts):
        return parts
    return [piece]


def split_issuers(text: str, *, require_gov: bool = True) -> list[str]:
    """Issuing bodies written in ``text``: split on 、，/和/与 and on spaces between distinct bodies.

    A layout space inside one name (``上海市 政府办公厅``) is closed up: a piece that is only a
    place name joins the next piece. With ``require_gov`` every piece must read as a body,
    otherwise the result is empty (the text is not an issuer list).
    """
    text = _ETC_BODIES.sub("", _NAME_NOTE.sub("", text.strip()))
    out: list[str] = []
    for chunk in _ISSUER_SPLIT.split(text):
        words = [w for w in _LAYOUT_SPACE.split(chunk.strip()) if w]
        merged: list[str] = []
        pending = ""
        for w in words:
            if _PLACE_ONLY.match(w) and not is_gov_body(w):
                pending += w
                continue
            merged.append(pending + w)
            pending = ""
        if pending:
            if merged:
                merged[-1] += pending
            else:
                merged.append(pending)
        # words that are not bodies on their own were one name broken by layout: close them up
        if len(merged) > 1 and not all(is_gov_body(m) for m in merged):
            merged = ["".join(merged)]
        for m in merged:
            out.extend(_split_conj(m))
    out = [_without_lead(o.strip()) for o in out if o.strip()]
    if any(_NOT_IN_BODY.search(o) for o in out):
        return []  # "关于转发国家卫生健康委办公厅…": a title's words, not a body
    if require_gov and (not out or not all(is_gov_body(o) for o in out)):
        return []
    return list(dict.fromkeys(out))


#: what a clause says before the body whose document it cites: "为贯彻落实国家卫生健康委、…《…》",
#: "集采结余留用资金按照省医疗保障局、省财政厅…印发的《…》", "质量管理参照国家药监局…《…》"
_ISSUER_LEAD = re.compile(r"^.*(?:贯彻落实|贯彻|落实|按照|参照|依照|遵照|根据|依据|对照|执行)")


#: words of a title that no body's name holds
_NOT_IN_BODY = re.compile(r"关于|转发|印发")


def _without_lead(piece: str) -> str:
    """``piece`` without the clause before the body it names, when what is left is a body."""
    m = _ISSUER_LEAD.match(piece)
    if m and m.end() < len(piece) and is_gov_body(piece[m.end():]):
        return piece[m.end():]
    return piece


def _clean_subject(subj: str) -> str:
    """The issuer part of a clause subject: no leading dates/time words, no parentheticals."""
    s = _NAME_NOTE.sub("", _LIST_MARKER.sub("", subj))
    lead = _ISSUER_LEAD.match(s)  # "各试点单位要对照国家卫生健康委办公厅" -> the body after 对照
    if lead and lead.end() < len(s):
        s = s[lead.end():]
    s = _LEAD_TIME.sub("", s)
    s = re.sub(r"(?:同日|当日|当天|同期|近日|日前|随后|今日|今天|昨日)$", "", s)
    s = re.sub(rf"(?:{_ADVERBS}|\s)+$", "", s)
    # FDA于2021年1月发布: the time phrase after the subject is not part of it
    s = re.sub(rf"\s*(?:于|在|自)?\s*{_DATE_WORDS}(?:初|底|末|中旬|上旬|下旬)?\s*$", "", s)
    s = re.sub(r"(?:向|对|针对|面向|为)[^，,]{0,20}$", "", s)
    s = re.sub(rf"(?:{_ADVERBS}|\s)+$", "", s)
    return s.strip(" ，,、：:")


# --- mentions ---------------------------------------------------------------------------------


@dataclass
class Mention:
    """One mention of a policy with what its context says about it."""

    title: str
    issuers: list[str]
    date: str | None
    start: int  # document offsets of the evidence
    end: int
    confidence: float
    inner: str = ""  # the title inside 关于印发《…》的通知
    aliases: list[str] = field(default_factory=list)  # short forms the text defines (以下简称《条例》)
    support: list[tuple[int, int]] = field(default_factory=list)  # spans of values read outside start:end (a cell above)

    @property
    def richness(self) -> tuple[int, int, float]:
        """Fields given, then how precise the date is (a table's 2019-07-03 beats prose's 2019年7月)."""
        return (bool(self.issuers) + bool(self.date), len(self.date or ""), self.confidence)


@dataclass
class _Title:
    """A 《》 title found in a sentence (offsets in the sentence)."""

    title: str
    start: int  # position of 《 (or of 关于 for a wrapped notice)
    end: int  # position after 》 (or after 的通知)
    inner: str = ""


@dataclass
class _Group:
    titles: list[_Title] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.titles[0].start

    @property
    def end(self) -> int:
        return self.titles[-1].end


def _mask_titles(sentence: str) -> str:
    """The sentence with title contents and document numbers blanked, so years inside titles and
    文号 (国办发〔2021〕16号) are not read as event dates."""
    masked = _TITLE.sub(lambda m: "《" + "□" * (len(m.group(0)) - 2) + "》", sentence)
    return _DOC_NUMBER.sub(lambda m: "□" * len(m.group(0)), masked)


def _blank_glosses(sentence: str) -> str:
    """The sentence with English renderings of titles (written right before the 《》) blanked to
    spaces, so they are read neither as a publisher nor as part of the clause; offsets unchanged."""

    def blank(m: re.Match) -> str:
        gloss = m["gloss"]
        if len(gloss.split()) >= 3 and _EN_DOC_WORD.search(gloss):
            return " " * len(m.group(0))
        return m.group(0)

    return _EN_GLOSS.sub(blank, sentence)


def doc_number_year(after: str) -> str | None:
    """Issue year named by a document number in the bracket right after a title."""
    m = _BRACKET_AFTER.match(after)
    n = _DOC_NUMBER.search(m["body"]) if m else None
    return (n["y"] or n["y2"]) if n else None


def abbreviation(after: str) -> str | None:
    """The short form a document defines for the title it follows (以下简称《条例》)."""
    m = _BRACKET_AFTER.match(after)
    a = _ABBREVIATION.search(m["body"]) if m else None
    return a["abbr"].strip() if a else None


def _find_titles(sentence: str) -> list[_Title]:
    out = []
    for m in _TITLE.finditer(sentence):
        s, e, title = m.start(), m.end(), m.group(1).strip()
        before = sentence[:s]
        nb = _NOTICE_PREFIX.search(before)
        na = _NOTICE_SUFFIX.match(sentence[e:])
        if nb and na:
            # 关于印发《X》的通知 is one document: keep the notice whole
            out.append(_Title(sentence[nb.start():e + na.end()].strip(), nb.start(), e + na.end(), inner=title))
            continue
        out.append(_Title(title, s, e))
    return out


def _group_titles(sentence: str, titles: list[_Title]) -> list[_Group]:
    groups: list[_Group] = []
    for t in titles:
        gap = sentence[groups[-1].end:t.start] if groups else ""
        # 《A》（国务院，2016年）、《B》: the bracket dates A only, so B starts a group of its own
        if groups and _GROUP_SEP.match(gap) and not _is_fields_paren_gap(gap):
            groups[-1].titles.append(t)
        else:
            groups.append(_Group([t]))
    return groups


def _after_group(sentence: str, group: _Group) -> str:
    rest = sentence[group.end:]
    return re.sub(r"^\s*[（(][^（）()]{0,15}[）)]", "", rest)


@dataclass
class _Clause:
    """What the text around a title group says: issuer, date, whether a publishing verb links them."""

    issuers: list[str]
    verb: bool
    citing: bool
    clause_start: int
    non_gov: bool = False  # a company, society or hospital publishes it: not a policy
    date_after: str | None = None
    elided: bool = False  # a publishing verb without a subject (同月发布了《…》)
    listed: bool = False  # a later item of a list of titles with bracketed fields: only its own bracket counts


def _is_non_gov_org(subj: str) -> bool:
    s = re.sub(r"\s+", "", subj)
    return bool(_NON_GOV_ORG.search(s)) or s in _org_names()


def _paren_fields(after: str) -> tuple[list[str], str | None] | None:
    """Issuers and date written in brackets right after a title, or None when the brackets hold
    anything else (a document number 医保发〔2021〕31号, an abbreviation 以下简称…)."""
    m = _PAREN_AFTER.match(after)
    if not m:
        return None
    issuers: list[str] = []
    date = None
    for piece in _PAREN_SPLIT.split(m["body"].strip()):
        piece = _PAREN_VERB.sub("", piece.strip())
        if not piece:
            continue
        decree = _DECREE.fullmatch(piece)
        if decree and (found := split_issuers(decree["body"])):
            issuers.extend(found)  # "国务院令第739号": a decree names its issuer
        elif (n := _DOC_NUMBER.fullmatch(piece)) and date is None:
            date = n["y"] or n["y2"]  # "2022年第7号": the number's year
        elif DATE_RE.fullmatch(piece):
            date = parse_date(piece)
        elif ENGLISH_DATE_RE.fullmatch(piece):
            date = english_date(piece)
        elif found := split_issuers(piece):
            issuers.extend(found)
        else:
            return None
    return (issuers, date) if issuers or date else None


def _is_fields_paren_gap(gap: str) -> bool:
    """Whether the text between two titles is an issuer/date bracket of the first plus a list separator."""
    m = _PAREN_AFTER.match(gap)
    return bool(m) and _paren_fields(gap) is not None and bool(_LIST_SEP.fullmatch(gap[m.end():]))


def _subject_issuers(subj: str) -> list[str]:
    """Issuers named by a clause subject; for a joint action (A牵头B) the lead body A."""
    issuers = split_issuers(subj) if subj else []
    if not issuers and (m := _LEAD_BODY.match(subj)):
        issuers = split_issuers(_clean_subject(m["lead"]))
    return issuers


def _company_before(before: str) -> bool:
    """Whether a company is written right before the 《》 (信达生物《…》, 阿里健康《…》)."""
    if _COMPANY_BEFORE.search(before):
        return True
    tail = re.sub(r"\s+", "", before)
    return any(tail.endswith(o) for o in _org_names())


def _read_clause(sentence: str, group: _Group, gov_entities: tuple[str, ...] = ()) -> _Clause:
    """Issuer of a title group from the clause before it (or a 由…印发 after it).

    ``gov_entities`` are the GOV names the NER found in the sentence: when the rules read a
    publishing clause but no issuer in its subject, a GOV entity inside the subject is taken.
    """
    masked = _mask_titles(sentence)
    before = masked[:group.start]
    close = before.rfind("》")
    if close >= 0 and _is_fields_paren_gap(before[close + 1:]):
        # 《A》（国务院办公厅，2022年3月印发）、《B》: B is the next item of a list whose items carry
        # their own bracketed fields; the clause before A and A's bracket say nothing about B
        paren = _paren_fields(masked[group.end:]) or ([], None)
        return _Clause(paren[0], False, False, group.start, date_after=paren[1], listed=True)
    cut = max(before.rfind(c) for c in "，,：:")
    clause_start = cut + 1
    clause = before[clause_start:]
    after = _after_group(masked, group)
    m_after = _AFTER_ISSUE.match(after)
    date_after = parse_date(m_after["date"]) if m_after and m_after["date"] else None
    if _CITING.search(clause):
        return _Clause([], False, True, clause_start, date_after=date_after)
    subj, verb = None, False
    m = _VERB_CLAUSE.match(clause)
    m_on = _ON_CLAUSE.match(clause)
    if m and "《" not in m["fill"]:
        subj, verb = m["subj"], True
    elif m_on and _CONSULT_AFTER.match(masked[group.end:]):
        subj, verb = m_on["subj"], True
        if not _clean_subject(subj) and (mn := _NOTICE_CLAUSE.search(before[:clause_start])):
            subj = mn["subj"]
    else:
        m = _IN_CLAUSE.match(clause)
        subj = m["subj"] if m else clause
    subj = _clean_subject(subj or "")
    subj = subj.removesuffix("的")
    issuers = _subject_issuers(subj)
    non_gov = verb and not issuers and bool(subj) and _is_non_gov_org(subj)
    if not issuers and m_after and m_after["subj"]:
        issuers = split_issuers(_clean_subject(m_after["subj"]))
        non_gov = non_gov or (not issuers and _is_non_gov_org(_clean_subject(m_after["subj"])))
    if m_after:
        verb = True
    paren = _paren_fields(masked[group.end:])
    if paren:
        issuers = issuers or paren[0]
        date_after = paren[1] or date_after
    if not issuers and verb and subj and not non_gov:
        issuers = list(dict.fromkeys(g for g in gov_entities if g in subj and not _NOT_GOV.search(g)))
    elided = verb and not subj and not issuers
    return _Clause(issuers, verb, False, clause_start, non_gov, date_after, elided)


def _read_date(sentence: str, group: _Group, clause: _Clause, year_before: int | None, block_before: str,
               doc_period: str | None = None) -> str | None:
    """Issue date of a title group, or None when the sentence does not date the document.

    A date before the titles counts when a publishing verb or an issuer links it to them, or
    when it stands right before them (早在2015年,《…》); a bare 6月29日 takes the year written
    earlier in the block; 该阶段/同年 refers back to the last date written earlier in the block;
    本周/本月 is the period the document states in its head (a weekly digest's 2023.7.10-7.16).
    """
    if clause.date_after or clause.listed:
        return clause.date_after
    if clause.citing:
        return None
    masked = _mask_titles(sentence)
    before = masked[:group.start]
    dates = find_dates(before)
    if dates:
        d = dates[-1]
        gap = before[d.end:]
        if "《" in gap and _LATER.search(before[clause.clause_start:]):
            return None  # 2020年5月，A印发《X》，B随后印发《Y》: the date is X's, Y's is later and unstated
        adjacent = bool(re.fullmatch(r"[\s，,、的起]*(?:早在|就)?[\s，,]*", gap))
        linked = clause.verb or bool(clause.issuers)
        return d.value if adjacent or linked else None
    if not (clause.verb and clause.issuers):
        return None
    md = _MONTH_DAY.search(before)
    if md and year_before is not None:
        return parse_date(md.group(0), year=year_before)
    if _ANAPHORIC_TIME.search(before) and block_before:
        return _context_date(block_before)
    if _THIS_PERIOD.search(before) and doc_period:
        return doc_period
    return None


#: a later, unstated time (随后, 此后): an earlier date of the sentence does not carry over
_LATER = re.compile(r"随后|此后|之后|其后|后来|嗣后")

#: a date written as a target or deadline (到2030年, 截至2022年底) does not date events after it
_TARGET_BEFORE = re.compile(r"(?:到|至|截至|截止|预计|计划|目标|力争|直至)\s*$")


def document_period(text: str) -> str | None:
    """Month of the period a document covers: its dateline's (None when it states none)."""
    d = dateline(text)
    return d.value[:7] if d else None


def _context_date(text: str, months_only: bool = False) -> str | None:
    """The last event date written in ``text`` (targets such as 到2030年 skipped; with
    ``months_only`` also bare years)."""
    for d in reversed(find_dates(text)):
        if months_only and len(d.value) < 7:
            continue
        if _IN_FORCE_TAIL.match(text, d.end):
            continue  # "…（2026〕31号），自2027年1月1日起施行": a date of effect, not of the story told
        if not _TARGET_BEFORE.search(text[max(0, d.start - 4):d.start]):
            return d.value
    return None


#: what follows a date of coming into force: "自2027年1月1日起施行", "2026年3月1日起实施"
_IN_FORCE_TAIL = re.compile(r"\s*(?:起|开始)?\s*(?:正式)?(?:施行|实施|生效)")


def _context_year(text: str, months_only: bool = False) -> int | None:
    """Year of the last event date in ``text``: the year of a later bare 6月29日 or 同年3月."""
    d = _context_date(text, months_only)
    return int(d[:4]) if d else None


def _group_is_policy_context(sentence: str, group: _Group) -> bool:
    masked = _mask_titles(sentence)
    return bool(_AFTER_POS.match(_after_group(masked, group)) or _BEFORE_POS.search(masked[:group.start]))


#: a law short enough to look like a fragment: 《公司法》, 《证券法》, 《民法典》 (not 《方法》, 《算法》)
_SHORT_LAW = re.compile(r"^(?:\p{Han}{2}(?<![方算做看说办用手写疗技])法|民法典)$")


def _accept(title: _Title, sentence: str, group: _Group, clause: _Clause, context: bool, *, citation_block: bool,
            block_has_gov: bool) -> float | None:
    """Confidence that ``title`` names a policy, or None to reject it."""
    core_title = title.inner or title.title
    short = len(re.sub(r"\s+", "", core_title)) < 4 and not _SHORT_LAW.match(core_title.strip())
    if short or is_negative_title(core_title) or is_negative_title(title.title):
        return None
    if _AFTER_NEG.match(sentence[title.end:]):
        return None
    before = _mask_titles(sentence)[:title.start]
    if (_PUBLISHER_BEFORE.search(before) or _company_before(before)) and not clause.issuers:
        tail = re.sub(r"\s+", "", before)[-12:]
        if not any(tail.endswith(g) for g in _gov_names()):
            return None
    if clause.non_gov:
        return None
    suffix = has_doc_suffix(core_title) or bool(title.inner)
    if citation_block:
        return confidence.CONTEXT if suffix and block_has_gov else None
    if suffix and clause.issuers and clause.verb:
        return confidence.FIELDS
    if suffix:
        return confidence.CLAUSE
    if context:
        return confidence.CONTEXT
    if clause.issuers and clause.verb:
        return confidence.NO_KIND
    return None


def _citation_fields(sentence: str, group: _Group) -> tuple[list[str], str | None]:
    """Issuer and date of a reference entry: ``国务院办公厅《…》`` or ``《…》，国务院办公厅，2018年``."""
    masked = _mask_titles(sentence)
    before = re.sub(r"^\s*(?:[-•]\s*)?(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\]|注\s*\d{0,3})\s*[:：.]?\s*", "", masked[:group.start])
    # a Markdown reference entry ends its author with a full stop: [1] 国务院办公厅. 《…》. 2018年4月.
    issuers = split_issuers(before.strip(" ，,：:.．")) if before.strip() else []
    after = _after_group(masked, group)
    if not issuers:
        m = re.match(r"^[\s，,：:.．]*(?P<pub>[^，,。；;《\d.．]{2,40})", after)
        issuers = split_issuers(m["pub"]) if m else []
    dates = find_dates(masked)
    if dates:
        return issuers, dates[0].value
    # a reference entry may give the year alone (…》. 2017.)
    year = _BARE_YEAR.search(after)
    return issuers, (year.group(0) if year else None)


_BARE_YEAR = re.compile(r"(?<![\d〔\[])(?:19|20)\d{2}(?![\d〕\]年])")

#: a list entry that describes a rule field by field: "- 《X》，国家医疗保障局办公室，医保办发〔2026〕9号，
#: 2026年7月24日印发；", "2. 《Y》，国家药监局，2026年第87号，8月6日发布"
_LIST_ENTRY = re.compile(r"^\s*(?:[-•*·]|\d{1,3}\s*[.、）)]|[（(]\d{1,3}[）)])?\s*$")
_ENTRY_BODY = re.compile(r"^\s*[，,]\s*(?P<pub>[^，,。；;《》\d]{2,30}?)\s*[，,](?P<rest>[^。；;]*)")


def _list_entry_fields(sentence: str, group: _Group, year_before: int | None) -> tuple[list[str], str | None] | None:
    """Issuer and date of a list entry that opens with one title and gives its issuing body after
    it, then its number and date ("《X》，国家药监局，2026年第87号，8月6日发布"); None for any other sentence.
    A bare month and day take the year of the entry's number, else of the text above."""
    if len(group.titles) != 1 or not _LIST_ENTRY.match(sentence[:group.start]):
        return None
    body = _ENTRY_BODY.match(sentence[group.end:])
    if body is None:
        return None
    issuers = split_issuers(body["pub"].strip())
    if not issuers or not all(is_gov_body(i) for i in issuers):
        return None
    rest = body["rest"]
    number = _DOC_NUMBER.search(rest)
    year = int(number["y"] or number["y2"]) if number else year_before
    plain = _DOC_NUMBER.sub(lambda m: " " * len(m.group(0)), rest)  # its year is no date of issue
    full = [d for d in find_dates(plain) if len(d.value) >= 7]
    if full:
        return issuers, full[0].value
    md = _MONTH_DAY.search(plain)  # (the bare month and day of a news flash, below)
    if md and year:
        return issuers, parse_date(md.group(0), year=year)
    return issuers, None


def _evidence_span(sentence: str, group: _Group, clause: _Clause, limit: int = 300) -> tuple[int, int]:
    """A part of the sentence short enough for evidence, keeping the clause and the titles."""
    if len(sentence) <= limit:
        return 0, len(sentence)
    start = clause.clause_start
    if group.end - start > limit:
        start = group.start
    dates = find_dates(_mask_titles(sentence)[:group.start])
    if dates and group.end - dates[-1].start <= limit:
        start = min(start, dates[-1].start)
    end = min(len(sentence), max(group.end, start + limit))
    return start, end


def prose_mentions(text: str, span: Callable[[int, int], tuple[int, int]], *, citation_block: bool = False,
                   context_before: str = "", sentences: list[tuple[int, int]] | None = None,
                   doc_period: str | None = None, entities: list[tuple[int, int, str]] = ()) -> list[Mention]:
    """Policy mentions written with 《》 in ``text``; ``span`` maps text offsets to document offsets.

    ``sentences`` are the sentence spans of ``text`` (from the spaCy pipeline); by default the
    same boundaries are computed by regex; ``doc_period`` is the month the document covers;
    ``entities`` are the trained NER's (start, end, label) spans in ``text``.
    """
    out: list[Mention] = []
    if not _TITLE_TRIGGER.search(text):
        return out
    gov = _gov_names()
    block_has_gov = any(g in text for g in gov) or bool(re.search(r"人民政府|办公厅|委员会|管理局|总局", text))
    for s0, s1 in sentence_spans(text) if sentences is None else sentences:
        sentence = _blank_glosses(text[s0:s1])
        gov = tuple(text[a:b] for a, b, lab in entities if lab == "GOV" and s0 <= a and b <= s1)
        block_before = context_before + _mask_titles(text[:s0])
        # a news flash writes 11月15日 without a year: the year of the text above, else the document's
        # (in the blocks above, only a dated event counts: "较2021年高点" or "到2027年" dates nothing)
        year_before = (_context_year(_mask_titles(text[:s0])) or _context_year(context_before, months_only=True)
                       or (int(doc_period[:4]) if doc_period else None))
        out.extend(english_quoted_mentions(sentence, lambda a, b, s0=s0: span(s0 + a, s0 + b)))
        titles = _find_titles(sentence)
        if not titles:
            continue
        prev_issuers: list[str] = []
        for group in _group_titles(sentence, titles):
            clause = _read_clause(sentence, group, gov)
            if clause.elided and prev_issuers:
                # 国家药监局发布了《A》，同月发布了《B》: the second verb keeps the first subject
                clause.issuers = list(prev_issuers)
            prev_issuers = clause.issuers or prev_issuers
            context = _group_is_policy_context(sentence, group)
            entry = _list_entry_fields(sentence, group, year_before) if not citation_block else None
            if citation_block:
                issuers, date = _citation_fields(sentence, group)
            elif entry is not None:
                issuers, date = entry  # "- 《X》，国家药监局，2026年第87号，8月6日发布": a list of rules
            else:
                issuers = clause.issuers
                date = _read_date(sentence, group, clause, year_before, _mask_titles(text[:s0]), doc_period)
            es, ee = _evidence_span(sentence, group, clause)
            ds, de = span(s0 + es, s0 + ee)
            for t in group.titles:
                # a reference entry whose author is a body (国家卫生健康委. 《…》) vouches for itself
                conf = _accept(t, sentence, group, clause, context, citation_block=citation_block,
                               block_has_gov=block_has_gov or (citation_block and bool(issuers)))
                if conf is None:
                    continue
                after = sentence[t.end:]
                own_issuers, own_date = (issuers, date) if not _OBJECT_AFTER.match(after) else ([], None)
                # a document number (国办发〔2021〕16号) dates only the title it follows
                own_date = own_date or doc_number_year(after)
                aliases = [a] if (a := abbreviation(after)) else []
                out.append(Mention(t.title, list(own_issuers), own_date, ds, de, conf, inner=t.inner, aliases=aliases))
    return out


def english_quoted_mentions(sentence: str, span: Callable[[int, int], tuple[int, int]]) -> list[Mention]:
    """Guidance a government body publishes under an English title in quotes (FDA 于2023年4月发布了
    draft guidance "…"): no 《》, so only a document-type word and a governmental subject admit it."""
    out = []
    for m in _EN_QUOTED.finditer(sentence):
        title = m["title"].strip()
        if _EN_NEG_TITLE.search(title):
            continue
        issuers = split_issuers(_clean_subject(m["subj"]))
        if not issuers:
            continue
        date = parse_date(m["date"]) if m["date"] else None
        start = m.start()
        if date is None:
            # a date written right before the subject (2024年1月，EMA 发布了 …)
            dates = find_dates(_mask_titles(sentence[:m.start("subj")]))
            if dates and re.fullmatch(r"[\s，,]*", sentence[dates[-1].end:m.start("subj")]):
                date, start = dates[-1].value, dates[-1].start
        ds, de = span(start, m.end())
        out.append(Mention(title, issuers, date, ds, de, confidence.CLAUSE))
    return out


# --- merging ----------------------------------------------------------------------------------


#: how one document's title is varied when named again: a wrapping notice without 《》
#: (关于印发“十四五”…规划的通知), the issuers opening the official title (国务院办公厅关于…), the
#: 中华人民共和国 of a law and its amendment mark (（2019年修订）)
_WRAPPER = re.compile(r"^.{0,40}?关于(?:印发|转发|发布|公布|颁布)(?P<inner>.{4,}?)的(?:通知|公告|通告)$")
_ISSUER_PREFIX = re.compile(r"^(?P<pre>[^《》]{2,60}?)(?=关于)")
_AMEND_MARK = re.compile(r"[（(]\d{4}年?(?:修订|修正)版?[）)]$")


def title_issuers(title: str) -> list[str]:
    """Bodies that open an official title (国务院办公厅关于…, 广东省发展改革委 广东省财政厅关于…)."""
    m = _ISSUER_PREFIX.match(title.strip())
    return split_issuers(m["pre"]) if m else []


def _merge_keys(title: str) -> list[str]:
    """Keys under which mentions of one document meet: the title and its plain variant."""
    key = _title_key(title)
    plain = _AMEND_MARK.sub("", key.removeprefix("中华人民共和国"))
    if m := _WRAPPER.match(plain):
        plain = m["inner"]
    elif (m := _ISSUER_PREFIX.match(plain)) and split_issuers(m["pre"]):
        plain = plain[m.end():]
    return list(dict.fromkeys([key, plain]))


def merge_mentions(mentions: list[Mention]) -> list[Mention]:
    """One mention per distinct policy: fields filled from all mentions, evidence from the richest.

    A wrapped notice (关于印发《X》的通知) and a bare mention of X are the same policy, and so are
    the variants of ``_merge_keys`` and a short form the text defines (以下简称《条例》). A more
    precise date that agrees with the richest mention's refines it (附件 row 2021-04-27, prose 2021年4月).
    """
    groups: list[list[Mention]] = []
    index: dict[str, int] = {}
    short_forms = {_title_key(a) for m in mentions for a in m.aliases}
    for m in mentions:
        keys = _merge_keys(m.title) + (_merge_keys(m.inner) if m.inner else []) + [_title_key(a) for a in m.aliases]
        hit = next((index[k] for k in keys if k in index), None)
        if hit is None:
            hit = len(groups)
            groups.append([])
        groups[hit].append(m)
        for k in keys:
            index.setdefault(k, hit)
    out = []
    for g in groups:
        best = max(g, key=lambda m: m.richness)
        # a wrapped notice keeps its full title even when a bare mention is richer; a short form
        # (《若干措施》) never names the record when the full title is written
        named = [m for m in g if _title_key(m.title) not in short_forms] or g
        title = next((m.title for m in named if m.inner), max(named, key=lambda m: m.richness).title)
        issuers = best.issuers or next((m.issuers for m in g if m.issuers), []) or title_issuers(title)
        if best.date:
            date = _most_precise([m.date for m in g if m.date and m.date.startswith(best.date)])
        else:
            date = _most_precise([m.date for m in g if m.date])
        # issuers another mention gave are written in its evidence (or its support)
        donor = best if best.issuers else next((m for m in g if m.issuers), best)
        support = [*best.support, *(donor.support or [(donor.start, donor.end)] if donor is not best else [])]
        out.append(Mention(title, issuers, date, best.start, best.end, max(m.confidence for m in g), inner=best.inner,
                           support=support))
    return out


def _most_precise(dates: list[str]) -> str | None:
    return max(dates, key=len) if dates else None


# --- a government page's head block ---------------------------------------------------------

#: a government site prints the document's metadata above it: 发布机构：…, 成文日期：…
_HEAD_CHARS = 1500
_HEAD_ISSUER = re.compile(r"^[ \t　]*(?:发布机构|发文机关|发文单位|发布单位|制发机关|印发机关)[ \t　]*[:：][ \t　]*(?P<v>[^\n]{2,80}?)[ \t　]*$", re.M)
#: 成文日期 is the signing date of the document itself, preferred over the posting date
_HEAD_DATES = ("成文日期", "印发日期", "发文日期", "发布日期")
_HEAD_DATE = re.compile(r"^[ \t　]*(?P<label>成文日期|印发日期|发文日期|发布日期)[ \t　]*[:：][ \t　]*(?P<v>[^\n]{4,30}?)[ \t　]*$", re.M)
#: a page about a document (its 解读, a Q&A) carries the head block of the page, not of the document
_HEAD_ABOUT = re.compile(r"(?:解读|图解|问答|答记者问|读懂|说明|发布会)$")


def header_mention(text: str) -> Mention | None:
    """The document a government page publishes, from the title above its head block
    (发布机构：…, 成文日期：…); None when the head has no issuer label or the page is a 解读."""
    head = text[:_HEAD_CHARS]
    label = _HEAD_ISSUER.search(head)
    if not label:
        return None
    title_line = _head_title(head[:label.start()])
    if title_line is None:
        return None
    start, _, title = title_line
    issuers = split_issuers(label["v"])
    if not issuers:
        return None  # a society's or company's page: its notices are not policies
    dates = {m["label"]: (parse_date(m["v"]), m.end()) for m in _HEAD_DATE.finditer(head)}
    date, date_end = next((dates[k] for k in _HEAD_DATES if k in dates and dates[k][0]), (None, label.end()))
    # evidence: from the title through the issuer line and, when close enough, the chosen date line
    stop = max(label.end(), date_end) if date_end - start <= 300 else label.end()
    return Mention(title, issuers, date, start, stop, confidence.LAYOUT)


def _head_title(above: str) -> tuple[int, int, str] | None:
    """(start, end, title) of the page title: the nearest line above the head block that reads as
    a policy title; labelled lines (索引号：…) and breadcrumbs (首页 > …) are passed over."""
    pos = len(above)
    for line in reversed(above.splitlines(keepends=True)):
        pos -= len(line)
        t = line.strip()
        if not t or re.search(r"[:：>›»]", t):
            continue
        if _HEAD_ABOUT.search(t):
            return None
        title = _strip_outer(t)
        if has_doc_suffix(title) and not is_negative_title(title) and 4 <= len(title) <= 120:
            s = pos + line.index(t)
            return s, s + len(t), title
        return None
    return None



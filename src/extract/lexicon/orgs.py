"""Shared vocabulary of organisation names: legal forms, name heads, anaphora and definitions.

Extractors that name companies (funding rounds, partnerships, certified products) read the same
surface forms. The example phrases in the comments are the project's own wording.
"""

from __future__ import annotations

from functools import lru_cache

import regex as re

#: legal forms that end a full company name
#: "杭州示例医疗科技有限公司", "示例生物医药股份有限公司", "示例创业投资合伙企业（有限合伙）"
LEGAL_FORM = r"(?:股份有限公司|有限责任公司|有限公司|合伙企业(?:（有限合伙）|\(有限合伙\))?|集团有限公司|GmbH|Inc\.?|Ltd\.?|Co\.,?\s*Ltd\.?|Corp\.?|LLC|AG|S\.A\.)"
LEGAL_FORM_RE = re.compile(LEGAL_FORM + r"$")

#: the last words of a short company or brand name
#: "星桥医疗", "远帆科技", "澄和药业", "北辰生物", "衡元智能", "医联星图", "鹭岛集团"
NAME_HEAD = (
    r"(?:科技|医疗|医学|医药|药业|制药|生物|生医|生技|基因|健康|智能|智医|影像|诊断|器械|医材|医电|机器人|"
    r"数据|信息|网络|软件|电子|集团|控股|眼科|口腔|Bio|Health|Medical|Therapeutics|Technologies|AI)"
)
NAME_HEAD_RE = re.compile(NAME_HEAD + r"$")

#: words standing for the company a text is about (its subject, defined or in focus)
#: "公司同时与…", "该公司于…完成", "本公司收到…", "其此前曾获…", "这家公司同日宣布…", "它亦透露…",
#: and the company speaking of itself (an interview, an annual report): "我们2019年拿到第一笔钱",
#: "我司与…签署", "我們與…訂立" (traditional text is matched through its simplified view)
ANAPHOR = r"(?:该公司|本公司|这家公司|此公司|该企业|这家企业|公司|企业|该集团|本集团|集团|其|它|我们|我司|我公司)"
#: words a feature's title opens with before the company it is about ("对话…", "专访…", "重磅｜…")
TITLE_LEAD_RE = re.compile(r"^(?:对话|专访|访谈|独家|重磅|快讯|走进|探访|解码|揭秘|聚焦)[｜|：:\s]*")
#: an interview title names the company, then the person's role: "专访禾川智影创始人：…",
#: "对话朗芯医疗CEO陈朗：…"; the role (and a name after it) is no part of the company
TITLE_ROLE_RE = re.compile(r"(?:联合)?(?:创始人|创办人|CEO|CTO|董事长|总裁|总经理|首席执行官)(?:兼(?:CEO|CTO|董事长|总裁|总经理|首席执行官))?.*$")
#: the interview title itself, when no organisation mention is read in it: 专访X创始人：…
INTERVIEW_TITLE_RE = re.compile(r"^(?:对话|专访|访谈)[｜|：:\s]*(?P<name>[\p{Han}A-Za-z0-9]{2,16}?)" + TITLE_ROLE_RE.pattern[:-3] + r"")
#: the first-person ones: the company the document is about, never the subject of the sentence before
FIRST_PERSON = frozenset({"我们", "我司", "我公司"})
#: a company speaking of itself (an interview, its own report or announcement): "我们2019年拿到…",
#: "本公司H股於…上市", "本集團的X…"; resolved to the company the document is about
COMPANY_SELF = FIRST_PERSON | {"本公司", "本集团"}
#: the same words as a regex alternation, longest first
COMPANY_SELF_WORD = "(?:" + "|".join(sorted(COMPANY_SELF, key=lambda w: (-len(w), w))) + ")"
#: what an organisation calls itself in its own text, defined or not ("郑州大学第一附属医院（以下简称“我院”）",
#: "我委于2025年9月组织…"): a record names the organisation, never the pronoun
SELF_NAMES = COMPANY_SELF | {"我院", "本院", "我委", "本委", "我局", "本局", "我校", "本校", "我所", "本所"}
#: an institution its own site calls by its kind alone: "医院与华擎影像共建…" in a hospital's news
BARE_INSTITUTIONS = frozenset({"医院", "学校", "学院"})
ANAPHOR_RE = re.compile(r"^" + ANAPHOR + r"$")
#: an anaphor opening a clause, maybe after a connective: "此后该公司…", "同时公司…"
LEADING_ANAPHOR_RE = re.compile(r"^(?:此后|之后|随后|同时|其后|此外|另外|同期|同日|据悉)?[，,]?\s*(?P<word>" + ANAPHOR + r")")

#: a definition of a short name for the full name before it
#: "杭州示例医疗科技有限公司（以下简称“示例医疗”）", "示例生物（下称“示例”或“公司”）",
#: "示例医药有限公司（“示例医药”）", "示例科技（简称：示例）", and what announcements add after the
#: quoted name: its stock code ("示例医疗器械股份有限公司（简称“示例医疗”，600000.SH）") or a role
#: ("（以下或简称“公司”）", "（以下合称“交易各方”）" is no company: a plural role)
_DEFINED_AS = r"(?:以下简称|以下或简称|以下称|下称|简称)"
DEFINITION_RE = re.compile(
    r"(?P<full>[^\s，,。；：:（()）“”「」]{2,40}?)\s*[（(](?:(?P<latin>[A-Za-z][A-Za-z0-9 .&'-]{1,40})[，,]\s*)?"
    + _DEFINED_AS + r"?[:：]?\s*(?P<names>[“\"「『][^（）()]{1,60}?[”\"」』])"
    # a second name for the group it heads: "（「本公司」，連同其附屬公司統稱「本集團」）"
    r"(?:\s*[，,]\s*[^（）()“”「」，,]{0,16}?[“\"「『][^（）()“”「」]{1,20}[”\"」』])?"
    r"(?:\s*[，,、；;]\s*(?:股票代码|证券代码)?[:：]?\s*[0-9A-Z]{4,6}(?:\.[A-Z]{2})?)?[）)]"
    r"|(?P<full2>[^\s，,。；：:（()）“”「」]{2,40}?)\s*[（(]" + _DEFINED_AS + r"[:：]\s*(?P<name2>[^（）()“”，,]{2,20})[）)]"
)
@lru_cache(maxsize=4)
def definition_matches(text: str) -> tuple["re.Match", ...]:
    """``DEFINITION_RE``'s matches in ``text``, found once per document: the focus index, the
    ORG clusters and the funding-round extractor each read a document's definitions, and the
    scan (a lazy run of up to 40 characters tried at every offset) costs more than what they do
    with it. A few documents are kept: one is extracted at a time per process.

    Every match opens with a run of name characters ending right before spaces and a bracket:
    the run cannot hold a space or a bracket, so the lazy name ends where the run does and a
    match can start only in a run that a bracket follows, at most 40 characters before its end.
    The scan tries that one start per bracket (``DEFINITION_RE.match``) instead of every offset;
    what follows the bracket does not depend on where the run starts, so a run whose first
    start fails has no match. Same matches as ``DEFINITION_RE.finditer(text)`` (tested)."""
    out = []
    pos = 0  # the scan resumes after the last match, as finditer does
    for bracket in _OPEN_BRACKET.finditer(text):
        end = bracket.start()
        while end > pos and _SPACE_CHAR.match(text, end - 1):
            end -= 1
        start = end
        while start > max(pos, end - _MAX_DEFINED_FULL) and _FULL_CHAR.match(text, start - 1):
            start -= 1
        if end - start < 2:
            continue
        m = DEFINITION_RE.match(text, start)
        if m is not None:
            out.append(m)
            pos = m.end()
    return tuple(out)


#: what ``DEFINITION_RE``'s full name is made of (its character class) and how long it may be
_FULL_CHAR = re.compile(r"[^\s，,。；：:（()）“”「」]")
_MAX_DEFINED_FULL = 40
_SPACE_CHAR = re.compile(r"\s")
_OPEN_BRACKET = re.compile(r"[（(]")


#: one quoted short name inside a definition: "“示例医疗”或“公司”"
QUOTED_RE = re.compile(r"[“\"「『]([^”\"」』]{1,30})[”\"」』]")

#: short names that are a role, not a name of their own: "（以下简称“公司”或“发行人”）"
ROLE_NAMES = frozenset({"公司", "本公司", "发行人", "集团", "本集团", "标的公司", "目标公司", "甲方", "乙方"})

#: the last word of a description standing before a company's name: "手术机器人企业示例医疗",
#: "AI病理独角兽示例智能", "心电领域新锐示例医疗", "连锁眼科机构明瞳眼科", "超声治疗设备商示例医疗",
#: "ADC药物研发商示例药业" (the entity layer reads the name after it)
DESCRIPTOR_HEAD = (r"(?:企业|公司|(?:厂|服务|提供|开发|运营|制造|供应|研发|设备|器械|耗材|试剂|经销|代理)商|机构|独角兽|初创|新锐"
                   r"|创企|龙头|巨头)")

#: the issuer line of a listed company's announcement: "证券代码：688000  证券简称：示例医疗"
SECURITIES_NAME_RE = re.compile(r"证券简称[:：]\s*(?P<name>[^\s，,；;|｜]{2,12})")

#: bare whole names that are a category, not one organisation: "药企", "三甲医院", "合作伙伴"
CATEGORY_RE = re.compile(
    r"^(?:多家|数家|几家|更多|部分|一些|相关|各类|各级|某|一家)?[^、，,]{0,8}?"
    r"(?:企业|药企|厂商|机构|医院|高校|伙伴|合作方|公司|投资人|投资者|股东)$"
)


def is_org_name(name: str | None) -> bool:
    """Whether ``name`` says it is an organisation by its ending (legal form or name head) and is
    not a pronoun or a category. "北辰生物" yes; "该公司", "多家医院" no."""
    if not name or not 2 <= len(name) <= 40:
        return False
    if ANAPHOR_RE.match(name) or CATEGORY_RE.match(name) and not LEGAL_FORM_RE.search(name):
        return False
    return bool(LEGAL_FORM_RE.search(name) or NAME_HEAD_RE.search(name))


#: characters that introduce a legal name and never stand inside one ("本公告由…", "公司是…")
INTRODUCING = frozenset("由是被把将从向经据")


def definitions(text: str) -> list[tuple[int, str, list[str]]]:
    """(offset, full name, short names) of the short-name definitions in ``text``, in order.

    Role words (公司, 发行人) are kept in the short names: they say the defined company is the one
    a later 公司 refers to."""
    out = []
    for m in definition_matches(text):
        full = m["full"] or m["full2"]
        names = QUOTED_RE.findall(m["names"]) if m["names"] else [m["name2"].strip()]
        if m["latin"] and m["names"]:
            # "杭州示例医疗科技有限公司（Sample Medical，以下简称“示例医疗”）": the brand is a name too
            names.append(m["latin"].strip())
        if full and LEGAL_FORM_RE.search(full):
            # "本公告由示例医疗科技控股有限公司（「本公司」）…": the name starts after what introduces it
            cut = max((i for i, ch in enumerate(full) if ch in INTRODUCING), default=-1)
            if 0 <= cut < len(full) - 4:
                full = full[cut + 1:]
        if full and names:
            out.append((m.start(), full, names))
    return out

"""The organisation in focus: who 公司 / 该公司 / 其 / a missing subject stands for.

News and reports name a company once and then write 公司, 该公司, 其 or nothing at all. Which
company that is depends on the layout around the sentence, tried in this order:

1. ``previous``: the subject of an earlier sentence of the same block, as the caller tracked it
   ("星桥医疗成立于2019年。公司当年即获得…");
2. ``item_head``: the head of the block's own first line, in a digest item or list item
   ("▍2. 星桥医疗｜B轮，数亿元", "【星桥医疗｜A轮】…", "3. 星桥医疗：9月完成…");
3. ``heading``: a heading a few blocks up that is such a head or an organisation's name
   ("▍星桥医疗：B轮募得2亿元", "上海星桥医疗科技股份有限公司" above an announcement);
4. ``definition``: the nearest earlier definition that makes a short name the document's 公司
   ("杭州星桥医疗科技有限公司（以下简称“星桥医疗”或“公司”）"), else the announcement's issuer
   (证券简称：星桥医疗), else the nearest earlier short-name definition of any company.

``FocusIndex.at`` returns the name as written and how it was found; ``aliases`` groups the full
name, short name and bracketed English brand of one company, so callers can compare mentions.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

from .lexicon.orgs import ROLE_NAMES, SECURITIES_NAME_RE, TITLE_LEAD_RE, definitions, is_org_name
from .structure import LABELLED_LINE, Block, BlockType, Structure

#: the longest short name read from an item head that does not end like a company ("若水眼科")
MAX_BRAND = 8
#: how many blocks above a sentence a heading may name its company
HEADING_REACH = 6

#: the head of an item line: an optional bullet and number, then a name before ｜ ： （ or 】
#: "▍2. 星桥医疗｜B轮，数亿元", "【星桥医疗｜A轮｜数千万元】", "3. 星桥医疗：9月完成…", "1. 星桥医疗（杭州星桥医疗科技有限公司）"
_ITEM_HEAD = re.compile(
    r"^\s*(?:[▍■●◆▶►▪•·\-*#]+\s*)?(?:\d{1,2}(?:[.．]\d{1,2}){1,3}\s*|\d{1,2}\s*[.、．)）]\s*|\d{1,2}\s+(?=\p{Han})|[一二三四五六七八九十]{1,3}、\s*|[（(][一二三四五六七八九十\d]{1,3}[）)]\s*)?(?:\*\*)?【?"
    r"(?P<name>[\p{Han}A-Za-z0-9][\p{Han}A-Za-z0-9 .&'-]{1,24}?)\s*(?:\*\*)?(?:[｜|：:】]|[（(]|$)"
)
#: heading words that are a section's topic, not a company ("▍写在前面", "三、融资进展", "▍资本市场")
_SECTION_WORD = re.compile(
    r"写在|前面|最后|政策|速递|观察|展望|动态|汇总|清单|概况|情况|说明|提示|程序|进展|合作|融资|募资|投资|上市|审批|"
    r"产品|注册|市场|资本|数据|行业|赛道|趋势|总结|结语|前言|编者|本周|本期|季度|年度|新闻|消息|短讯|阅读|简介|关于|"
    r"目录|附录|风险|影响|概述|基本|其他|证券|代码|公告|编号|备注|点评|领域|时间|日期|金额|轮次|^本轮$|^上一?轮$|地区|城市|创始人|官网|地址|"
    r"历程|认证|发展|业务|研发|财务|估值|盈利|要点|团队|股权|治理|管线|布局|格局|看点|亮点|简介|导读|"
    r"第.{1,3}[章节部分篇]|^[一二三四五六七八九十\d]+$"
)
#: what a chapter of a company's story is about, never a company ("肺结节", "卒中产品线", "出海")
_TOPIC_END = re.compile(r"(?:结节|肿瘤|癌|病|症|卒中|骨折|影像|产品线?|软件|系统|器械|药物|疗法|技术|算法|模型|出海|临床|注册|之路)$")
#: a date heading an item: "2019年3月", "2021.06", "3月5日"
_DATE_HEAD = re.compile(r"^(?:(?:19|20)\d{2}\s*(?:年|[.\-/]\d)|\d{1,2}\s*月)")
#: a label whose value is a company's name
_NAME_LABEL = re.compile(r"^(?:企业名称|公司名称|企业全称|公司全称|被投企业|融资企业|融资方|融资主体|注册人|注册证持有人|上市许可持有人|申请人)$")
#: the number of a report's case box or sidebar: "案例4-1", "案例三", "专栏2", "企业案例 5", "Case 3"
_CASE_LABEL = re.compile(r"^(?:(?:典型|企业)?案例|专栏|示例|(?i:case|box))\s*[\d一二三四五六七八九十]+(?:[-.．]\d{1,2})?$")
#: a heading's kind of company, not one: "二、重点公司：新证与出海", "相关企业：…"
_GENERIC_HEAD = re.compile(r"^(?:重点|主要|代表性?|典型|相关|龙头|标的|样本|可比|上市|其他|部分)(?:公司|企业|厂商|机构)$")
def is_section_label(name: str) -> bool:
    """Whether a label before a colon names a section or a field ("创新看点", "备注", "时间"), not a company."""
    return bool(_SECTION_WORD.search(name) or _GENERIC_HEAD.match(name))


#: function words before a name ("…与澄川智能（Clearriver AI）")
_FUNCTION_LEAD = re.compile(r"^[与和及同在由对向为是的了将把被从]+")
#: function characters a company head does not contain ("公司本季度未进行新的融资")
_FUNCTION_CHARS = re.compile(r"[的了是在把被将对从向这那其该各每此些要应能会可仍都也还又就再已并或所于与和及等]")


@dataclass(frozen=True)
class Focus:
    """The organisation a sentence is about, and how it was found."""

    name: str
    how: str  # "previous", "item_head", "heading", "definition", "issuer"
    offset: int  # document offset where the name is written (-1 when passed in by the caller)


#: how far after a focus offset (a definition's start, 证券简称) its name may be written
MENTION_REACH = 160


def mention(text: str, name: str | None, offset: int, before: int | None = None) -> tuple[int, int] | None:
    """Document span where ``name`` is written for a record whose evidence does not hold it: at
    or just after ``offset`` (a resolved focus: the heading, item head, definition or 证券简称
    naming it), else its last mention before ``before`` (an earlier sentence the caller took it
    from). None when it is written in neither place."""
    if not name:
        return None
    if offset >= 0:
        at = text.find(name, offset, offset + len(name) + MENTION_REACH)
        if at >= 0:
            return at, at + len(name)
    if before is not None:
        at = text.rfind(name, 0, before)
        if at >= 0:
            return at, at + len(name)
    return None


def item_head(line: str) -> str | None:
    """The company named at the head of an item line, or None ("▍2. 星桥医疗｜B轮" -> 星桥医疗)."""
    m = _ITEM_HEAD.match(line)
    if not m:
        return None
    name = m["name"].strip()
    name = TITLE_LEAD_RE.sub("", name) or name  # "专访示川医疗：…": the company, not the interview word
    rest = re.sub(r"^[｜|：:】\s]+", "", line[m.end("name"):]).strip()
    if _GENERIC_HEAD.match(name) or _DATE_HEAD.match(name):
        return None  # ("- 2019年3月：种子轮…": a history list's date labels the item, no company)
    if _NAME_LABEL.match(name) or _CASE_LABEL.match(name):
        # a card's "企业名称：苏州某某医疗科技有限公司", a report's case box "案例4-1｜深圳某某医疗科技有限公司":
        # the value is the company
        return rest if is_org_name(rest) else None
    if is_org_name(name):
        return name  # "上海星桥医疗科技股份有限公司", "星桥医疗：…"
    # a short brand needs a label after it ("星桥医疗｜B轮"); "互联网企业布局案例：" introduces a list;
    # "02 肺结节：第一张三类证" heads a chapter about a disease or a product line, not a company
    if (not rest or len(name) > MAX_BRAND or _SECTION_WORD.search(name) or _FUNCTION_CHARS.search(name)
            or _TOPIC_END.search(name)):
        return None
    return name


#: a label line a layout joined to the story under it: "▍2. 星桥医疗｜B轮，数亿元", "■ 合作消息"
_LABEL_LINE = re.compile(r"^\s*(?:[▍■●◆▶►▪•]|\d{1,2}\s*[.、．]\s*\S{1,20}[｜|：:]|【)")
#: the longest label line
MAX_LABEL = 30


def label_end(text: str, block: Block) -> int | None:
    """Document offset where a block's first line ends when that line is a label (a digest item's
    head or a section mark) joined to the sentences under it; None when the block has none."""
    nl = text.find("\n", block.start, block.end)
    if nl < 0:
        return None
    line = text[block.start:nl].strip()
    if len(line) > MAX_LABEL or line[-1:] in "。！？；" or not _LABEL_LINE.match(line):
        return None
    return nl


def without_label(spans: list[tuple[int, int]], text: str, block: Block) -> list[tuple[int, int]]:
    """Sentence spans (offsets in the block's view) with a joined label line left out: the label
    names the company (the focus reads it) but states nothing itself."""
    nl = label_end(text, block)
    if nl is None:
        return spans
    view = block.view(text)
    cut = next((i for i, off in enumerate(view.offsets) if off > nl), len(view.text))
    return [(max(s, cut), e) for s, e in spans if e > cut]


#: the interviewer's label that makes a text an interview ("记者：", "问：", "Q：")
_INTERVIEWER = re.compile(r"^\s*(?:记者|主持人|问|提问|Q|编者)\s*[：:]", re.M)
#: a label opening a line: who speaks ("陈朗：三块。一是…")
_SPEAKER = re.compile(r"^\s*(?P<name>[\p{Han}A-Za-z]{1,6})\s*[：:]", re.M)


def interview_speakers(text: str) -> frozenset[str]:
    """The people an interview's lines open with ("记者：…" / "陈朗：…"): labels of two or more
    lines that are no organisation's name, in a text where an interviewer speaks."""
    if not _INTERVIEWER.search(text):
        return frozenset()
    counts: dict[str, int] = {}
    for m in _SPEAKER.finditer(text):
        counts[m["name"]] = counts.get(m["name"], 0) + 1
    return frozenset(n for n, c in counts.items() if c >= 2 and not is_org_name(n))


def speaker_label(sentence: str, speakers: frozenset[str]) -> int:
    """How many characters of an interview's sentence are its speaker's label ("陈朗：…" -> 3); 0 when none."""
    m = _SPEAKER.match(sentence)
    if not m or m["name"] not in speakers:
        return 0
    end = m.end()
    while end < len(sentence) and sentence[end].isspace():
        end += 1
    return end


def without_speaker(sentence: str, speakers: frozenset[str]) -> str:
    """An interview's sentence without its speaker's label ("陈朗：是X，2023年拿到三类证" -> "是X，…"):
    the person speaking is no subject of what they say."""
    return sentence[speaker_label(sentence, speakers):]


def spoken_by(text: str, offset: int, speakers: frozenset[str]) -> str | None:
    """The interviewee whose line holds document ``offset``, or None (also on the interviewer's lines:
    who asks is no subject of the answer)."""
    if not speakers:
        return None
    start = text.rfind("\n", 0, offset) + 1
    m = _SPEAKER.match(text, start)
    if m is None or m["name"] not in speakers or _INTERVIEWER.match(text, start):
        return None
    return m["name"]


class FocusIndex:
    """Focus resolution over one document's structure (definitions and issuers read once)."""

    def __init__(self, structure: Structure):
        self.structure = structure
        text = structure.doc.text
        self._definitions = definitions(text)
        self._issuers = [(m.start(), m["name"]) for m in SECURITIES_NAME_RE.finditer(text)]
        self._index = {id(b): i for i, b in enumerate(structure.blocks)}
        self._groups = self._alias_groups(text)
        self._speakers = interview_speakers(text)

    @property
    def speakers(self) -> frozenset[str]:
        """The people an interview's lines open with (``interview_speakers``); empty elsewhere."""
        return self._speakers

    # --- aliases ---

    def _alias_groups(self, text: str) -> list[set[str]]:
        groups: list[set[str]] = []
        for _, full, names in self._definitions:
            group = {full, *(n for n in names if n not in ROLE_NAMES)}
            groups.append(group)
        # "Deepwise Medical（北辰医疗）", "北辰医疗（Deepwise）": a bracketed name in the other script
        for m in re.finditer(r"(?P<a>[\p{Han}]{2,12})[（(](?P<b>[A-Za-z][A-Za-z .&-]{1,30})[）)]", text):
            groups.append({_FUNCTION_LEAD.sub("", m["a"]), m["b"].strip()})
        return groups

    def aliases(self, name: str) -> set[str]:
        """Other forms of ``name`` the document defines (full name, short name, English brand)."""
        out = {name}
        for group in self._groups:
            if name in group:
                out |= group
        return out

    def same(self, a: str, b: str) -> bool:
        """Whether two names stand for one organisation of this document."""
        return a == b or b in self.aliases(a)

    # --- focus ---

    def at(self, block: Block, offset: int, previous: str | None = None) -> Focus | None:
        """The organisation in focus at document ``offset`` of ``block`` (see the module doc)."""
        if previous:
            return Focus(previous, "previous", -1)
        return self.head(block) or self._defined(offset)

    def position(self, block: Block) -> int | None:
        """Index of ``block`` in the document's blocks (None for a block of another structure)."""
        return self._index.get(id(block))

    def head(self, block: Block) -> Focus | None:
        """The organisation the block's item head or the heading above names, else None."""
        return self._block_head(block) or self._heading(block)

    def defined_role(self, offset: int) -> Focus | None:
        """The company the document defines as 公司, or the announcement's issuer, before ``offset``
        (not a plain short-name definition)."""
        before = [(at, full, names) for at, full, names in self._definitions if at < offset]
        for at, full, names in reversed(before):
            if any(n in ROLE_NAMES for n in names):
                short = [n for n in names if n not in ROLE_NAMES]
                return self._definition(at, short[0] if short else full)
        issuers = [(at, name) for at, name in self._issuers if at < offset]
        return Focus(issuers[-1][1], "issuer", issuers[-1][0]) if issuers else None

    def _block_head(self, block: Block) -> Focus | None:
        if block.type not in (BlockType.LIST_ITEM, BlockType.PARAGRAPH, BlockType.HEADING):
            return None
        text = self.structure.doc.text
        nl = text.find("\n", block.start, block.end)
        line = text[block.start:nl if nl >= 0 else block.end]
        name = item_head(line)
        if name in self._speakers:
            return None  # "陈朗：今年4月，我们和…": who speaks in an interview, not whom it is about
        return Focus(name, "item_head", block.start + line.find(name)) if name else None

    def _heading(self, block: Block) -> Focus | None:
        i = self._index.get(id(block))
        if i is None:
            return None
        counted = 0
        for b in reversed(self.structure.blocks[:i]):
            if counted >= HEADING_REACH:
                break
            # a card's field lines ("金额：3000万元", "时间：2025年3月") do not use up the reach
            # back to its "企业名称：…" line
            if not (b.type is BlockType.HEADING and LABELLED_LINE.match(b.text)):
                counted += 1
            if b.type is not BlockType.HEADING:
                continue
            name = item_head(b.text.strip())
            if name:
                return Focus(name, "heading", b.start + b.text.find(name))
        return None

    def defined_as(self, short: str, offset: int) -> str | None:
        """The full name the document defined ``short`` for before ``offset``
        ("郑州大学第一附属医院（以下简称“我院”）" -> 郑州大学第一附属医院 for 我院), else None."""
        found = [full for at, full, names in self._definitions if at < offset and short in names]
        return found[-1] if found else None

    def role_holder(self, offset: int) -> Focus | None:
        """The company the document defined as 公司 / 本公司 before ``offset`` ("X（以下简称“公司”）"),
        else None: what a sentence means when it says 公司 itself, whatever it is about."""
        for at, full, names in reversed([d for d in self._definitions if d[0] < offset]):
            if any(n in ROLE_NAMES for n in names):
                short = [n for n in names if n not in ROLE_NAMES]
                return self._definition(at, short[0] if short else full)
        return None

    def _defined(self, offset: int) -> Focus | None:
        return self.defined_role(offset) or self.last_definition(offset)

    def last_definition(self, offset: int) -> Focus | None:
        """The company of the last short-name definition before ``offset``, whatever its role."""
        before = [(at, full, names) for at, full, names in self._definitions if at < offset]
        if not before:
            return None
        at, full, names = before[-1]
        short = [n for n in names if n not in ROLE_NAMES]
        return self._definition(at, short[0] if short else full)

    def _definition(self, at: int, name: str) -> Focus:
        """The focus a definition starting at ``at`` gives, offset at its quoted short name
        (“星桥医疗” of "杭州星桥医疗科技有限公司（以下简称“星桥医疗”）", not the full name holding it)."""
        text = self.structure.doc.text
        quoted = [i + 1 for q in "“\"「‘'" if (i := text.find(q + name, at, at + MENTION_REACH)) >= 0]
        return Focus(name, "definition", min(quoted) if quoted else at)

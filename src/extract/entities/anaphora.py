"""Who 公司 / 该公司 / 其 / 它 / 旗下 / a missing subject stands for: the organisation in focus.

Real texts name a company once and then refer back to it. The families this module reads (the
project's own wording):

- the subject of an earlier sentence of the paragraph: "示例医疗成立于2019年。该公司于2023年完成…",
  "近日，AI公司示例医疗宣布，其…", "以示例医疗为例，其…", "示例医疗旗下的…";
- the heading of the section or the head of the list item (``focus.FocusIndex``: "▍2. 示例医疗｜B轮",
  a company heading above an announcement);
- the company the document defines as 公司 ("X（以下简称“示例”或“公司”）"), the announcement's issuer
  (证券简称：示例医疗): 公司 / 本公司 written in an announcement is that company, whatever the
  paragraph's last subject ("公司控股子公司示例智能…。公司持有其60%股权").

``block_subjects`` reads the organisation each sentence of a block opens with; ``Resolver``
answers for an offset.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable

import regex as re

from ..focus import Focus, FocusIndex
from ..lexicon.orgs import COMPANY_SELF, DESCRIPTOR_HEAD, NAME_HEAD, is_org_name
from ..lexicon.time import TIME_BEFORE_VERB
from ..structure import Block, BlockType
from .mentions import Mention

#: what opens a sentence before its subject: bullets, numbers, labels, dates, connectives
_OPENING = re.compile(
    r"(?:[\s▍■●◆▶►▪•·\-*#>]+|\*\*|\d{1,2}\s*[.、．)）]\s*|[一二三四五六七八九十]{1,3}、|【[^】]{0,20}】|"
    r"(?:(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?|\d{1,2}\s*月)(?:\s*\d{1,2}\s*[日号])?(?:[上中下]旬|初|底|末)?|"
    r"近日|日前|此外|另外|同时|同日|同期|随后|其后|此后|之后|据悉|据了解|值得一提的是|与此同时|今年|去年|本周|本月|近期|目前|此前|"
    r"而|但|并且|不过|其中|[，,：:])+"
)
#: a description before the name ("AI公司示例医疗", "手术机器人企业示例医疗", "园区企业…")
_DESCRIPTOR = re.compile(r"^[^，,。；;！？]{0,16}?(?:" + DESCRIPTOR_HEAD + r"|平台|机构)$")
#: "以示例医疗为例" / "以示例医疗为代表": the example a later 其 refers to
_EXAMPLE = re.compile(r"^(?:例如|比如|如|以)$")
#: words standing for the company the document defines as its 公司
_ROLE_WORDS = frozenset({"公司", "本公司"})
#: words that always mean the company the document is about (its header, the one its title names):
#: "本公司H股於…上市" in an interim report, "我们2019年拿到第一笔钱" in an interview
_SELF_WORDS = COMPANY_SELF
#: a brand no mention found, in subject position before an act: "鉴川基因11月17日宣布…",
#: "澄和医疗近日完成…" (the NER misses many short brands; the act says it is an organisation)
_BRAND_SUBJECT = re.compile(
    r"(?P<name>[\p{Han}]{1,6}" + NAME_HEAD + r")(?=\s*(?:" + TIME_BEFORE_VERB + r")?\s*[，,]?\s*"
    r"(?:宣布|宣告|完成|获得|获|与|携手|联合|发布|推出|表示|正式|成功|此前|已|再度|再次|又))"
)
#: a subject that only comments ("康瑞华药业方面称…", "高瓴资本相关负责人表示…"): an investor or a
#: partner quoted, not the company a later 公司 means
_SPEAKING_AFTER = re.compile(r"\s*(?:方面|相关负责人|负责人|合伙人|创始人|董事长|CEO|总裁|发言人)?\s*(?:称|表示|认为|指出|透露|介绍|强调|回应|坦言|告诉)")
#: how many paragraphs above a sentence its subject may be written
PARAGRAPHS_ABOVE = 3
#: a sentence's end
_SENTENCE_END = re.compile(r"[。！？；!?;]|(?<![\p{Han}\w，、])\n|\n(?![\p{Han}\w])")  # a wrap inside a sentence ("跟\n投") ends none


@dataclass(frozen=True)
class Subject:
    """The organisation a sentence opens with (its subject), where it is written."""

    start: int  # document offset of the name
    name: str
    cluster: int


def block_subjects(text: str, block: Block, orgs: list[Mention]) -> list[Subject]:
    """The subjects of a paragraph's, list item's or heading's sentences, in order: the ORG mention
    (of ``orgs``, sorted by start) each sentence opens with, after a date, a connective or a
    description ("近日，AI公司示例医疗宣布…")."""
    if block.type not in (BlockType.PARAGRAPH, BlockType.LIST_ITEM, BlockType.HEADING):
        return []
    starts = [m.start for m in orgs]
    found: list[Subject] = []
    s = block.start
    for end in [m.end() for m in _SENTENCE_END.finditer(text, block.start, block.end)] + [block.end]:
        if end <= s:
            continue
        subject = _opening_org(text, s, end, orgs, starts)
        if subject is not None:
            found.append(subject)
        s = end
    return found


def _opening_org(text: str, s: int, e: int, orgs: list[Mention], starts: list[int]) -> Subject | None:
    lead = _OPENING.match(text, s, e)
    at = lead.end() if lead else s
    clause_end = min((i for i in (text.find(c, at, e) for c in "，,：:") if i >= 0), default=e)
    i = bisect_right(starts, at) - 1
    i = max(i, 0)
    for m in orgs[i:]:
        if m.start >= clause_end:
            break
        if m.start < at:
            continue
        before = text[at:m.start]
        if before == "" or _DESCRIPTOR.match(before) or _EXAMPLE.match(before):
            return Subject(m.start, m.text, m.cluster)
        break
    brand = _BRAND_SUBJECT.match(text, at, clause_end)
    if brand is not None and is_org_name(brand["name"]):
        return Subject(brand.start("name"), brand["name"], -1)
    return None


class Resolver:
    """The organisation in focus at a document offset (see the module doc). ``orgs`` gives the ORG
    mentions of a block (the rules' and, where it ran, the NER's)."""

    def __init__(self, text: str, index: FocusIndex, orgs: Callable[[Block], list[Mention]],
                 about: Callable[[], Focus | None] = lambda: None):
        self.text = text
        self.index = index
        self._orgs = orgs
        self._about = about  # the organisation the whole document is about, if it has one
        self._subjects: dict[int, list[Subject]] = {}

    def subject_before(self, block: Block, offset: int) -> Subject | None:
        """The last subject written in ``block`` before ``offset`` (this sentence's or an earlier one's)."""
        found = [s for s in self._subjects_of(block) if s.start < offset]
        return found[-1] if found else None

    def resolve(self, block: Block, offset: int, word: str | None = None, previous: str | None = None) -> Focus | None:
        """Who ``word`` (公司 / 该公司 / 其 / 它 / 我们 / None for a missing subject) at ``offset`` of
        ``block`` stands for: 公司 itself is the document's defined 公司 when it has one; 我们 / 本公司
        / 本集团 the company the document is about; otherwise the caller's ``previous`` subject, the
        paragraph's last subject, the item head or heading, the defined company or issuer, and last
        the company the document is about."""
        if word in _ROLE_WORDS or word in _SELF_WORDS:
            held = self.index.role_holder(offset)
            if held is not None:
                return held
        if word in _SELF_WORDS:
            about = self._about()
            if about is not None:
                return about
        if previous:
            return Focus(previous, "previous", -1)
        subject = self.subject_before(block, offset)
        if subject is not None:
            return Focus(subject.name, "previous", subject.start)
        head = self.index.head(block)
        if head is not None:
            return head
        # "知衡健康由周屹创立。" … "此前，公司曾于2024年获得…" a paragraph or two later, no heading between:
        # the subject a paragraph above opened with
        role = self.index.defined_role(offset)  # 公司 as the document defines it, an announcement's issuer
        if role is not None:
            return role
        fallback = self.index.last_definition(offset) or self._about()
        above = self._subject_above(block)
        if above is not None and not (fallback is not None and (above.name in fallback.name or fallback.name in above.name)):
            return above
        return fallback

    def _subject_above(self, block: Block) -> Focus | None:
        """The last subject of the paragraphs just above ``block`` (``PARAGRAPHS_ABOVE`` at most),
        none across a heading, a table or a separator."""
        blocks = self.index.structure.blocks
        i = self.index.position(block)
        if i is None:
            return None
        for b in reversed(blocks[max(0, i - PARAGRAPHS_ABOVE):i]):
            if b.type not in (BlockType.PARAGRAPH, BlockType.LIST_ITEM):
                return None
            for found in reversed(self._subjects_of(b)):
                if not _SPEAKING_AFTER.match(self.text, found.start + len(found.name)):
                    return Focus(found.name, "above", found.start)
        return None

    def _subjects_of(self, block: Block) -> list[Subject]:
        if block.start not in self._subjects:
            self._subjects[block.start] = block_subjects(self.text, block, self._orgs(block))
        return self._subjects[block.start]

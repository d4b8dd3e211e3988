"""A company is an organisation, never whatever string stands in subject position.

Rules that read a company from the words before a trigger (``X完成B轮融资``, ``X的Y获批``) get the
subject as written, and news writes much more there than a name: an adverbial (``在芜湖，…``,
``直到2021年…``), a role (``子公司瑞泓影像``), a person speaking for it (``康衡医疗总经理刘某透露``),
a pronoun (``他们``), a time fragment (``去年底刚完成的…`` leaves ``底刚``). ``organisation`` keeps
the organisation inside such a subject, or says there is none, so the caller falls back to the
organisation in focus (``focus.py``) or emits no company rather than a fragment. A subject with
no organisation ending is kept when nothing rules it out: brands are written that way (汇医慧影).
"""

from __future__ import annotations

import regex as re

from .lexicon.orgs import ANAPHOR_RE, CATEGORY_RE, is_org_name
from .lexicon.places import is_place

#: words that open a subject but are not part of a name: 在 and adverbs of time and sequence
#: ("在杭州，…", "直到2021年…", "据悉，…", "随后…", "此外…"); never one character that names begin
#: with too (和铂医药, 华…), so no 和/与/由
_LEAD = re.compile(
    r"^(?:在|直到|截至|截止|据悉|据了解|同时|此外|另外|其中|随后|目前|近日|日前|此前|后来|如今|最终)(?=\p{Han}{2})"
)
#: what a preceding bracket leaves before a name: "K251640). ", "(LX-Lung) "
_LEFTOVER = re.compile(r"^[^\p{Han}]*[)）][.。]?\s*(?=\p{Han})")
#: a subject that is only such a word ("直到", "据悉")
_LEAD_ALONE = re.compile(r"^(?:直到|截至|截止|据悉|据了解|同时|此外|另外|其中|随后|目前|近日|日前|此前|后来|如今|最终)$")
#: a role before the name ("子公司瑞泓影像", "控股子公司X", "旗下X", "合作伙伴X")
_ROLE = re.compile(r"^(?:公司|本公司)?(?:全资|控股|参股)?(?:子公司|孙公司|旗下|合作伙伴|投资方|被投企业|被投公司)(?=\p{Han}{2})")
#: a person speaking for the company after its name ("X总经理刘东阳透露", "X创始人兼CEO王某表示")
_PERSON = re.compile(
    r"(?:董事长|总经理|总裁|首席执行官|CEO|COO|CTO|创始人|联合创始人|负责人|副总裁|董事会秘书|董秘|合伙人|院长|主任)"
    r"(?:兼\S{1,8})?[\p{Han}·]{0,4}(?:透露|表示|称|介绍|指出|说|坦言|告诉)?$"
)
#: a verb of saying or announcing left at the end ("X透露", "X宣布", "X公告称")
_SAYS = re.compile(r"(?:透露|表示|称|介绍|指出|宣布|宣称|公告称|公告|披露|说)$")
#: subjects that are a time or a degree, never a name ("底刚", "今年初", "去年底", "近期")
_TIMEISH = re.compile(r"^(?:[今去前明]年|年|月|底|初|末|近期|近来|刚刚|刚|已|曾|也|还|又|才)")
#: pronouns a rule may leave as the subject ("他们", "我们", "它")
_PRONOUN = re.compile(r"^(?:他们|她们|我们|它们|他|她|它|大家|对方|双方|各方)$")


def organisation(subject: str | None, *, known: frozenset[str] | set[str] = frozenset()) -> str | None:
    """The organisation named in ``subject`` (a rule's subject as written), or None when it names
    none. ``known``: names the document itself makes organisations (NER ORG mentions, short-name
    definitions), accepted whatever their ending."""
    if not subject:
        return None
    name = re.split(r"[，,；;：:。]", subject.strip(" ，,、：:；;“”\"'"))[-1]  # the last clause's subject
    name = _LEFTOVER.sub("", name)  # "K251640).深圳X有限公司": the end of a bracket before the name
    for _ in range(3):  # "在子公司X" peels twice
        before = name
        name = _ROLE.sub("", _LEAD.sub("", name))
        if name == before:
            break
    name = _PERSON.sub("", name)
    name = _SAYS.sub("", name).strip()
    if len(name) < 2 or _PRONOUN.match(name) or ANAPHOR_RE.match(name) or _LEAD_ALONE.match(name) or is_place(name):
        return None
    if name in known or is_org_name(name):
        return name
    if _TIMEISH.match(name) or CATEGORY_RE.match(name):
        return None
    # no organisation ending, but nothing that rules a name out: brands are written that way (汇医慧影)
    return name

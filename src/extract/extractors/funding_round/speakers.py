"""People who speak for a company: features name a founder once ("星桥医疗创始人、CEO林晓舟说"),
then let the person stand for the company ("林晓舟回忆，公司前年底才拿到A轮").

``speakers`` maps each person introduced with a company role to that company; a sentence that
quotes the person (``speaker_company``) is about the company, and its clause "林晓舟告诉记者" is no
company name (``is_speech``).
"""

from __future__ import annotations

from typing import Iterator

import regex as re

from ...lexicon.orgs import is_org_name
from ...orgnames import organisation

#: roles a person holds in a company (several may be joined: "创始人、首席执行官", "董事长兼CEO")
_ROLE = (r"(?:(?:联合)?创始人|创办人|首席执行官|首席技术官|首席医学官|首席科学家|CEO|CTO|COO|CMO|董事长|总经理|"
         r"副总经理|总裁|副总裁|合伙人|负责人)")
#: "澄川医疗联合创始人兼CTO周予安表示", "公司创始人、首席执行官林晓舟一边…": company (or 公司), role(s),
#: then a two- or three-character name followed by a verb of saying/doing or punctuation
_SPEAKER_RE = re.compile(
    r"(?P<org>[\p{Han}A-Za-z0-9（）()]{0,30}?)" + _ROLE + r"(?:\s*[、兼及和]\s*" + _ROLE + r")*"
    r"(?P<person>\p{Han}{2,3}?)(?=一边|说|表示|告诉|坦言|直言|透露|介绍|指出|认为|称|回忆|感慨|笑着|对记者|向记者|接受|[，,：:“（(])"
)
#: a verb of saying read where a name should stand ("CEO表示，")
_VERB_START = re.compile(r"^(?:表示|介绍|透露|指出|认为|坦言|直言|回忆|感慨|笑着|告诉|说|称)")
#: a legal name written earlier, for a speaker introduced as "公司创始人"
_LEGAL_NAME_RE = re.compile(r"[\p{Han}（）()]{2,30}?(?:股份有限公司|有限责任公司|有限公司)")
#: a clause in which someone speaks: "林晓舟告诉记者", "他坦言", "周予安对记者说"
_SPEECH_RE = re.compile(r"(?:告诉记者|对记者说|向记者介绍|接受[^，,。]{0,8}采访时(?:表示|说)|坦言|直言|透露|表示|介绍|指出|认为|回忆|说|称)(?:道)?$")
#: a role alone, and the longest company written before it in ``_SPEAKER_RE``
_ROLE_RE = re.compile(_ROLE)
_MAX_SPEAKER_ORG = 30
#: how far back a 公司 of "公司创始人" looks for the company's written name
_REACH = 400


def speaker_matches(text: str) -> Iterator["re.Match"]:
    """``_SPEAKER_RE.finditer(text)``, tried only where a role is written: a match holds a role at
    most 30 characters after its start, so no match starts more than 30 characters before the
    next role, and most of a text (no role in it) is skipped instead of tried offset by offset."""
    pos = 0
    while (role := _ROLE_RE.search(text, pos)) is not None:
        at = role.start()
        for start in range(max(pos, at - _MAX_SPEAKER_ORG), at + 1):
            m = _SPEAKER_RE.match(text, start)
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = at + 1  # no match starts up to this role: the next one starts after it


def speakers(text: str) -> dict[str, str]:
    """{person: company} of the people the text introduces with a company role (first introduction wins)."""
    out: dict[str, str] = {}
    for m in speaker_matches(text):
        person = m["person"]
        if person in out or re.search(r"[的是在和与及]", person) or _VERB_START.match(person):
            continue  # ("若水眼科CEO表示，…" names no person)
        head = re.split(r"[，,。；;：:“”\s]", m["org"])[-1]
        org = organisation(head) if head and head not in ("公司", "该公司", "本公司", "其", "这家公司") else None
        if org and not is_org_name(org):
            org = None
        if org is None:
            # "公司创始人…": the first company named in the sentence before it (or in its own sentence),
            # its subject; later names of that sentence are its investors or partners
            ends = [i for i in (text.rfind(p, max(0, m.start() - _REACH), m.start()) for p in "。！？\n") if i >= 0]
            last = max(ends) if ends else max(0, m.start() - _REACH)
            prev = [i for i in (text.rfind(p, max(0, last - _REACH), last) for p in "。！？\n") if i >= 0]
            start = max(prev) + 1 if prev else max(0, last - _REACH)
            names = list(_LEGAL_NAME_RE.finditer(text, start, m.start()))
            if names:
                org = organisation(re.split(r"[的在由与和]", names[0].group())[-1])
        if org and is_org_name(org):
            out[person] = org
    return out


def speaker_company(sentence: str, people: dict[str, str]) -> str | None:
    """The company of the first known person quoted in ``sentence``, or None."""
    found = [(sentence.find(p), c) for p, c in people.items() if p in sentence]
    return min(found)[1] if found else None


def is_speech(subject: str | None) -> bool:
    """Whether a rule's subject is a person speaking ("林晓舟告诉记者", "他坦言"): no company name,
    unless what precedes the verb names one ("星桥医疗透露" stays a company)."""
    if not subject:
        return False
    m = _SPEECH_RE.search(subject)
    if not m or is_org_name(subject[: m.start()]):
        return False
    # "康衡医疗总经理刘某透露": the person speaks for a company the subject names
    return not is_org_name(organisation(subject))

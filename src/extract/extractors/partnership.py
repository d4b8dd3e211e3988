"""partnership.rules.v1: cooperations between named organisations.

The worked example of ``docs/adding-an-extractor.md``: one module that reads two layouts.

- Prose: a cooperation verb (签署…合作协议/备忘录, 达成/建立…合作, 与…合作开发, 携手, 共同打造…)
  with a subject before ``与/和/同`` and one or more partners after it:
  ``2019 年 9 月，GE 医疗宣布与医准智能、泓懿医疗等本土 AI 开发企业签署战略合作备忘录``.
- Tables whose header names two organisation columns and whose header or caption says 合作
  (``AI 企业 | 医疗服务企业 | 合作领域 | 合作内容``): one record per row.

Partners named only by a category (药企, 多家医院, 合作伙伴) are not names; a record needs two named
parties (see fixtures/GUIDELINES.md, kind "partnership"). A subject written 公司 / 这家公司 / 其 is the
organisation in focus (``extract.focus``: the digest item's label, a heading naming it, the company
the document defines as 公司, the announcement's issuer). Places and dates between the partners and
the verb ("在北京签署", "于2024年3月签署") and a "三方" close the partner list; plans (计划/拟与…) are
no cooperation; 同日/同时 takes the date of the statement before. A headline and its body telling
the same cooperation give one record (the body's, with its date and full names). Where the rules cannot find where the
subject's name starts, an ORG/GOV entity of the spaCy pipeline that ends right before ``与`` is
used (``use_ner``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

import regex as re

from . import confidence
from ..focus import FocusIndex, without_label
from ..lexicon.orgs import ANAPHOR, BARE_INSTITUTIONS, COMPANY_SELF_WORD, LEGAL_FORM, SELF_NAMES
from ..lexicon.places import COUNTRY_DESCRIPTOR
from ..lexicon.time import RELATIVE_TIME, TIME_BEFORE_VERB, WRITTEN_DATE
from ..normalize import find_dates, fold_company
from ..records import Partnership, RecordBase
from ..structure import Block, BlockType, TextView
from .base import ExtractionContext, ExtractorConfig, RuleExtractor, written_elsewhere
from .funding_round.fields import _When, clause_dates, document_when

#: cheap test a block must pass before it is segmented at all
TRIGGER = re.compile(r"合作|签署|签订|签约|订立|共建|授权给|许可给|授予|引进|引入|达成[^，。；]{0,10}?协议|携手|联手|牵手|备忘录|共同(?:打造|开发|推出|建设|研发|发布)|联合(?!国)")

#: longer "sentences" are runs of text without punctuation, not statements of a cooperation
MAX_SENTENCE = 600

#: the agreement as named in the text
#: ("授权许可协议" of a licensing deal, "商业化合作协议", "战略合作备忘录")
_AGREEMENT = re.compile(
    r"(?:战略|全面|框架|独家)?(?:授权许可|许可|授权|商业化合作|商业化|合作开发|联合开发|技术服务|技术合作|研发合作|合作)(?:框架)?(?:协议|备忘录)"
    r"|战略合作|(?:框架)?协议|备忘录"
)

#: an agreement named by its title right after the verb: "签署《医工交叉人才联合培养协议》"
_TITLED_AGREEMENT = re.compile(r"\s*(?:了)?\s*[《「“](?P<title>[^》」”]{2,40}?(?:协议|备忘录|合同|协议书))[》」”]")

#: what follows the partner list: a verb of cooperating
_VERB = (
    r"(?:(?:正式|宣布|共同|再次|已|已经|成功|近日|日前|联合)?(?:签署|签订|签约|签了|签下|达成|建立|展开|开展|开启|启动|深化|进行|宣布)"
    r"[^，。；：]{0,12}?合作|(?:深度|深入|全面|战略|长期|紧密|密切|展开|开展)?合作"
    r"|(?:共同|联合)(?:打造|开发|推出|建设|研发|完成|发布|成立|进行|推进|探索|构建|搭建)|签署|签订|共建(?=的?[“\p{Han}A-Za-z])"
    # a Hong Kong announcement's wording: "本公司與X訂立授權許可協議" (read through its simplified view)
    r"|订立[^，。；：]{0,16}?(?:协议|备忘录|合同)"
    # a signing at a ceremony or a conference: "第二组：X医院与Y医疗签约"
    r"|(?:正式|现场|成功)?签约(?!仪式|活动|会|项目|金额|额)"
    # a licence: "华岳制药与美国Corvane Bio达成授权协议"
    r"|达成[^，。；：]{0,10}?(?:协议|备忘录)"
    # a ceremony held together: "我院与X举行战略合作签约仪式"
    r"|举行了?[^，。；：]{0,10}?签约仪式)"
)

#: 和/同/跟 joining a subject to its partners (not 同时/同样…, 跟进/跟投…)
_AND = r"和|(?<![协共相合如等不认陪赞混])同(?![时样步期类比])|跟(?![进投踪随着])"
#: subject + 与 + partners + a verb of cooperating, inside one clause. 与 is tried before 和/同,
#: which also occur inside names (北京协和医院); the subject may be missing (``- 与X合作推出…``).
_WITH = [
    re.compile(r"(?P<subject>[^，。；：！？\n]{0,40}?)(?:" + conn + r")(?P<partners>[^，。；：！？\n]{2,120}?)(?P<verb>" + _VERB + r")")
    for conn in (r"与", _AND)
]
#: subject + a verb that is itself cooperating (携手, 联合) + partners up to the next verb
#: a verb right after 联合 is done jointly ("三方将…联合招收研究生"), it names no partner
_JOINTLY_DONE = (r"招收|招生|培养|开展|承办|申报|攻关|研发|开发|推出|发布|打造|建设|培育|成立|设立|组建|编写|撰写|制定|起草|"
                 r"参与|承担|完成|实施|推进|探索|研究|举行|召开|启动|攻克|申请|培训|诊治|会诊")
_JOINS = re.compile(r"(?P<subject>[^，。；：！？\n]{0,40}?)(?P<verb>携手|联手|牵手|联合(?!国|实验室|研究院|研究中心|创新中心|体|领投|跟投|投资|出资|注资|主办|举办|"
                    + _JOINTLY_DONE + r"))(?P<partners>[^，。；：！？\n]{2,120})")
#: several parties, then how many sign: "澄和医疗、华为、北京协和医院三方签署合作备忘录"
_PARTIES_SIGN = re.compile(r"(?P<subject>)(?P<partners>[^，。；：！？\n]{4,120}?、[^，。；：！？\n]{2,60}?)\s*[两三四五六七八九十多]方(?:共同|正式|联合)?(?P<verb>签署|签订|签约|达成|订立|共建)")
#: 和/同/跟 opening the partners at a given place (the first 和 may be inside a name: 澄和医疗和腾讯健康…)
_WITH_AT = re.compile(r"(?P<subject>)(?:" + _AND + r")(?P<partners>[^，。；：！？\n]{2,120}?)(?P<verb>" + _VERB + r")")


def _matches(pattern: "re.Pattern", sentence: str) -> Iterator["re.Match"]:
    """The matches of a cooperation pattern in a sentence; for 和/同/跟, also each later place of
    the word when a match from the first place found no parties (it was inside a name)."""
    first = list(pattern.finditer(sentence))
    yield from first
    if pattern is _WITH[1]:
        tried = {m.start("partners") - 1 for m in first}
        for w in re.finditer(_AND, sentence):
            if w.start() not in tried and (m := _WITH_AT.match(sentence, w.start())):
                yield m


#: a licence granted: "公司将复方X在东南亚地区的开发和商业化权益授权给新加坡Y", "X将Z的海外权利许可给Y"
#: a licence taken in: "X宣布，从Y引进一款siRNA药物", "X自Y引入…的开发权益"
_IN_LICENSES = re.compile(r"(?P<subject>[^，。；：！？\n]{0,40}?)(?:从|自|由)(?P<partners>[^，。；：！？\n]{2,60}?)(?P<verb>引进|引入|获得[^，。；：！？\n]{0,30}?(?:授权|许可))"
                          r"(?=[^，。；：！？\n]{0,30}?(?:药|药物|产品|疗法|抗体|分子|技术|平台|器械|权益|权利|候选|管线|siRNA|mRNA|[A-Z]{1,4}-?\d))")
_LICENSES = re.compile(r"(?P<subject>[^，。；：！？\n]{0,40}?)将[^，。；：！？\n]{2,80}?(?P<verb>(?:授权|许可|授予)给?)(?P<partners>[^，。；：！？\n]{2,60})")
_PARTNERS_END = re.compile(r"共同|共建|一起|一道|联合|合作|发布|推出|打造|开发|研发|建设|完成|进行|开展|探索|成立|搭建|构建|推进|签署|签订|达成|建立|上线|的")
#: several parties then 共同/联合 + a verb, without 与: ``由阿里健康、熙牛医疗共同打造的…``
_TOGETHER = re.compile(r"(?P<partners>[^，。；：！？\n]{4,120}?)(?P<verb>(?:共同|联合)(?:打造|开发|推出|建设|研发|发布|完成|成立|搭建|构建))")
#: issuing a document together (联合印发《…》) makes joint issuers, not partners
_ISSUES = re.compile(r"\s*(?:联合|共同)?(?:印发|发布的?\s*《|下发|出台|颁布|制定)")
#: what a 共同发布 publishes when it is a document (its issuers, not partners): 《…》, 关于…的通知, …指南
_PUBLISHED_DOCUMENT = re.compile(
    r"\s*(?:了|的)?\s*(?:《|关于|[^，。；]{0,40}?(?:通知|意见|办法|规定|指南|指导原则|方案|措施|标准|共识|白皮书|报告)(?:[（(][^）)]{1,10}[）)])?\s*(?:[，。；]|$))")
#: examples naming the parties a category stood for: ``多家药企与X达成合作，如A、B等``
_EXAMPLES = re.compile(r"^[^。；]{0,20}?(?:如|例如|比如|包括)(?P<names>[^，。；：]{2,80})")

#: a leading part of a subject that is not the name (dates, connectives, 'the company also')
_SUBJECT_PREFIX = re.compile(
    # ("【新闻稿】星桥医疗…": a release's label; "6月4日，…": a date without its year)
    # ("去年我们和华为云合作…": a relative time before the subject, lexicon.time)
    r"^(?:(?:" + TIME_BEFORE_VERB + r"|同时|此外|另外|其中|例如|比如|如|以|由|而|并|"
    r"此次|本次|随后|之后|最终|【[^】]{0,20}】|[-•*#▍■●\s]+|\*\*|[一二三四五六七八九十\d]+[、.])[，,\s]*)+"
)
#: a trailing part of a subject that is not the name (adverbs, 宣布, a date)
_SUBJECT_SUFFIX = re.compile(
    # ("星桥医疗3月13日与…", "这家公司同日宣布与…", "公司同时与…")
    # (times from lexicon.time)
    r"(?:\s*" + TIME_BEFORE_VERB + r"|宣布|已经|已|还|也|正式|率先|此次|本次|这次|曾|先后|分别|将|均|便|则|更|又|就|积极|主动|纷纷|相继|正在|"
    r"再次|首次|同时|亦)+$"
)

#: the last words of a category of organisation (多家医院, 智慧医疗企业, 保险公司): not a name
_GENERIC_END = re.compile(
    r"(?:企业|厂商|服务商|设备商|运营商|供应商|开发商|机构|院所|高校|伙伴|合作方|人员|团队|专家|医生|患者|用户|"
    r"(?<![有限股份集团控分])公司|药企|(?<!人民)政府|部门|社区卫生服务中心|卫生院|卫生室|诊所|"
    r"动态|资讯|速递|要闻|快讯|周报|月报|简报|新闻|观察)$|^(?:三甲|公立|民营|基层|合作|定点|各级)?医院$"
)
#: words that refer back to a party already named, never a party's name
_REFERS_BACK = re.compile(r"^(?:前者|后者|对方|双方|三方|各方|彼此|该方)$")
#: a subject that refers back to the section's organisation (公司还与…, 其与…)
_ANAPHOR = re.compile(r"^(?:" + ANAPHOR + r"|双方)$")
#: a subject that is the company speaking of itself ("我们跟X合作", "本公司與X簽署")
_SELF_WORD = re.compile(COMPANY_SELF_WORD)
#: an anaphor standing as a clause's whole subject: "…，公司将X授权给Y", "该公司还与Y签署…"
_SUBJECT_ANAPHOR = re.compile(r"(?:^|(?<=[，,。；;：:\s]))(?:该公司|本公司|公司)(?=[^，,。；;]{0,6}$)")
_NOT_A_NAME_START = re.compile(r"^(?:某|该|这|那|其|各|每|此|本|多|更多|许多|众|诸|部分|一些|相关|国内|海外|全球|国际|全国|各地|外部|主要|需要|仍|可|如何|除了|通过|分析|对于|关于)")
#: characters a short brand name does not contain (function words, pronouns, auxiliaries)
_FUNCTION_CHARS = re.compile(r"[的了是在把被将对从向使让给这那其某该各每此些需要应能会可仍都也还又就再已并或及所]")
#: endings of organisation names (科技, 医疗, 大学, 委员会, ...)
_ORG_SUFFIX = re.compile(
    r"(?:科技|医疗|医学|医药|药业|制药|生物|健康|集团|有限公司|股份公司|分公司|控股|银行|资本|基金|创投|投资|智能|软件|信息|网络|数据|"
    r"电信|移动|联通|大学|学院|医院|研究院|研究所|实验室|中心|委员会|管委会|基金会|联合会|研究会|促进会|商会|人民政府|卫健委|委|局|部|厅|署|组织|协会|学会|联盟|出版社|互联网|"
    r"技术|系统|电子|通信|云|影像|器械|诊断|机器人|平台|(?<!体|关|联|派)系|株式会社|会社|Lab|Inc\.?|Ltd\.?|Medical|Health(?:care)?)$",
    re.I,
)
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9 .,&'-]{1,60}$")
#: a country (and a kind of company) before a Latin-script name: "以色列Vitrix Medical Ltd."
#: ("美国Vertexa Therapeutics公司": the Latin name, without the country before and 公司 after it)
_COUNTRY_LATIN = re.compile(r"^" + COUNTRY_DESCRIPTOR + r"\s*(?P<name>[A-Za-z][A-Za-z0-9 .,&'-]{1,60}?)\s*(?:公司)?$")
#: a full name with its short name in brackets after it: "上海医拓医疗科技有限公司（医拓科技）"
_FULL_THEN_SHORT = re.compile(r"^(?P<full>.+?" + LEGAL_FORM + r")\s*[（(](?P<short>[^()（）]{2,12})[)）]$")
#: Latin abbreviations of a kind of organisation, not of one (与多家药企及CRO达成合作)
_LATIN_CATEGORY = re.compile(r"^(?:CROs?|CDMOs?|CMOs?|CXOs?|CSOs?|SMOs?|OEMs?|ODMs?|KOLs?|ISVs?|SaaS|IT|AI|VC|PE|LP|GP)$")
#: a descriptor before a Latin-script name: 国际医疗影像服务企业 PETUUM -> PETUUM
_DESCRIBED_LATIN = re.compile(r"^\p{Han}.*?(?:平台|企业|公司|机构|厂商|服务商)\s*(?P<name>[A-Za-z][A-Za-z0-9 .&'-]{1,30})$")
#: a descriptor before a name: 医疗AI影像企业睿心医疗 -> 睿心医疗
_DESCRIBED = re.compile(r"^\S*?(?:企业|公司|厂商|机构)(?P<name>\p{Han}{2,8}(?:科技|医疗|医学|智能|生物|健康|集团))$")
#: a name opening a paragraph, before its first verb: 灵医智惠坚持以…
_OPENING_NAME = re.compile(
    r"^(?P<name>[\p{Han}A-Za-z0-9 ]{2,20}?)(?:则|也|还|已|坚持|是|作为|专注|致力|通过|利用|依托|基于|以|在|于|将|为|的|成立|推出|发布|拥有|目前|自)"
)
#: a plan or wish right before the partner: "并计划与…", "拟与…", "有意与…", "正与…洽谈"
_INTENT = re.compile(r"(?:计划|拟|有意|希望|意向|正在?|将)\s*(?:与|和|同)?\s*$")
#: what closes a partner list before the verb: "三方", a place or a date ("在北京签署", "于2024年3月签署")
_PARTNER_TAIL = re.compile(
    # ("…也早在2021年就签订了…", "…在2023年已共建…": adverbs around the time, lexicon.time)
    # ("…与Y本周达成战略合作": a relative time right before the verb)
    r"(?:\s*[两三四五多]方)?\s*(?:也|还|亦|均|都|早已|早)*\s*(?:(?:在|于)\s*(?:" + WRITTEN_DATE + r"|\p{Han}{2,6})|" + RELATIVE_TIME + r")?"
    r"\s*(?:就|已经|已|便|即|曾|均|都|也)*\s*$"
)
#: one subject with each partner apart: "推想医疗分别与拜耳、西门子医疗达成合作", "X与A、B分别签署…"
_RESPECTIVELY = re.compile(r"分别\s*$")
#: what the partners agree about, between their names and the verb: "与Y就SY-207签署…", "与Y围绕…达成合作"
_TOPIC_TAIL = re.compile(r"(?:就|围绕|针对|面向)[^，。；：]{1,60}$")
_QUANTITY = re.compile(r"[\d一二三四五六七八九十两]+\s*余?\s*家|多家|数家|几家|若干")
#: an opening "X旗下(的)" names the owner of the subject that follows
_OWNED = re.compile(r"[^，。；：！？]{0,30}?旗下的?")
#: the legal form after a comma of a Latin name: "Calyx Biosciences, Inc.", "Sorami Pharmaceutical Co., Ltd."
_LATIN_FORM = r"(?:Inc|Ltd|LLC|L\.?P|Co|Corp|Corporation|GmbH|AG|S\.?A|plc|Limited|B\.?V|N\.?V|K\.?K)\b"
#: list separators; 和 inside 协和/共和/和睦 is part of a name
#: (与 inside a faculty's name is kept: 计算机科学与技术学院)
_SPLIT = re.compile(r"\s*(?:、|，|,(?!\s*" + _LATIN_FORM + r")|以及|及|(?<![协共])(?<=[^、，,/；;\s]{2})和(?![睦黄])|(?<!科学|工程|信息|电子)与(?!技术|工程|信息|通信)|&)\s*")
#: the end of a list that names no one: 等本土 AI 开发企业, 等企业、医院, 在内的多家机构
_TRAILING = re.compile(r"\s*(?:等(?:[^、，]{0,20})(?:、[^、，]{0,10})*|在内的?[^、，]{0,16}|(?:共同|一起|一道|双方|三方|多方|的)\s*)$")

#: table header cells naming organisations (two of them make a cooperation table)
_ORG_COLUMN = re.compile(r"(?:企业|公司|机构|医院|厂商|伙伴|合作方|甲方|乙方|品牌|高校|单位)(?:名称)?$")
_TABLE_CONTEXT = re.compile(r"合作|携手|联合|伙伴")


def clean_name(name: str) -> str:
    """A candidate name without quotes, markup and a descriptor before a Latin-script name; a
    platform or product of a named owner stands for its owner (腾讯 AI 辅诊开放平台 -> 腾讯)."""
    name = name.strip(" \t“”\"'《》*·•")
    short = _FULL_THEN_SHORT.match(name)
    if short:
        name = short["full"]
    m = _COUNTRY_LATIN.match(name) or _DESCRIBED_LATIN.match(name) or _DESCRIBED.match(name)
    if m:
        return m["name"].strip()
    owner = re.match(r"^(?P<owner>\S{2,8})\s+\S.*(?:平台|系统|产品)$", name)
    if owner:
        return owner["owner"]
    # a hospital's department or team stands for the hospital: 安徽医科大学第二附属医院眼科 -> …医院
    dept = re.match(r"^(?P<org>\p{Han}{4,30}?医院)\p{Han}{1,6}?(?:科|科室|中心|团队|课题组)$", name)
    return dept["org"] if dept else name


def is_name(name: str, known: frozenset[str] = frozenset()) -> bool:
    """Whether ``name`` reads as one organisation's name, not a category or a piece of a clause.

    ``known`` are names the pipeline already recognises (entities, gazetteer entries).
    """
    if _REFERS_BACK.match(name):
        return False  # "将…权益授予后者": the partner named before, not a name
    if name in known:
        return True
    longest = 60 if _LATIN_NAME.match(name) else 30  # "Sorami Pharmaceutical Co., Ltd."
    if not 2 <= len(name) <= longest or re.search(r"[，。；：！？《》“”\"、]|印发|发布", name):
        return False
    # a place inside a legal name: 星河医药（深圳）有限公司
    name = re.sub(r"[(（]\p{Han}{2,4}[)）](?=" + LEGAL_FORM + r"$)", "", name)
    bare = re.sub(r"\s*[(（][^()（）]{1,12}[)）]$", "", name)  # 冲电气 (OKI), 智算云腾（四川）
    if bare != name:
        return bare != "" and not re.search(r"[()（）]", bare) and is_name(bare, known)
    if re.search(r"[()（）]", name):
        return False
    if _QUANTITY.search(name) or _NOT_A_NAME_START.match(name) or _GENERIC_END.search(name):
        return False
    if _LATIN_NAME.match(name):
        return not _LATIN_CATEGORY.match(name)
    han = re.sub(r"[A-Za-z0-9 .&'-]+", "", name)
    if _ORG_SUFFIX.search(name):
        return not _FUNCTION_CHARS.search(han[:-2]) or len(han) >= 8
    # a short brand (腾讯, 飞利浦, 东软): a few characters with no function word inside
    return 2 <= len(han) <= 5 and not _FUNCTION_CHARS.search(han)


def split_names(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The names of a partner list (``X、Y以及Z等本土 AI 企业`` -> X, Y, Z); category words are dropped."""
    trail = _TRAILING.search(text)
    if trail:
        text = text[: trail.start()]
    names = [clean_name(part) for part in _SPLIT.split(text)]
    return [n for n in names if n and is_name(n, known)]


def _clause_before(text: str, end: int) -> str:
    """The clause of ``text`` that ends at ``end`` (from the last punctuation before it)."""
    head = text[:end]
    return head[max(head.rfind(c) for c in "，。；：！？\n,") + 1:]


def _subject(text: str, end: int, known: frozenset[str]) -> str | None:
    """The subject's name ending at ``end`` of ``text`` (the clause before 与), or None."""
    head = text[:end]
    for name in sorted(known, key=len, reverse=True):  # a recognised name ending here is the surest boundary
        if head.endswith(name):
            return name
    clause = _clause_before(text, end)
    # the agents after 由 are the subject: 该项研究由公司与某医院合作完成, 其试验由X与Y共同开展
    if (by := list(re.finditer(r"(?<![自理缘经])由", clause))):
        clause = clause[by[-1].end():]
    m = _SUBJECT_PREFIX.match(clause)
    name = clean_name(clause[m.end():] if m else clause)
    if not name or _ANAPHOR.match(name):
        return ""  # no subject of its own: the caller resolves it from the context
    if name in BARE_INSTITUTIONS:
        return name  # "医院又与X签署…": the entity layer says which hospital (its site's), or drops it
    return name if is_name(name, known) else None


def _subject_list(text: str, end: int, known: frozenset[str]) -> list[str]:
    """The names of a subject that lists several organisations ("我院、郑州大学"), or []."""
    clause = _clause_before(text, end)
    m = _SUBJECT_PREFIX.match(clause)
    clause = clause[m.end():] if m else clause
    if "、" not in clause:
        return []
    parts = [clean_name(p) for p in clause.split("、")]
    names = [p for p in parts if p and (is_name(p, known) or p in SELF_NAMES)]
    return names if len(names) == len(parts) else []


def topic(ctx: ExtractionContext, block: Block, entities: list[tuple[int, int, str]], sentence_start: int, before: int,
          focus: FocusIndex) -> str | None:
    """Who a sentence without a subject of its own is about (``公司还与…``, ``- 与X合作推出…``).

    In order: a name of the pipeline opening the sentence (before offset ``before``, widened to
    its clause: 江苏省 + 卫健委), the organisation an earlier sentence of the paragraph opens with
    (the entity layer's subject), a name opening the paragraph, the item head or heading that names
    a company (``extract.focus``), the section heading when it is a name (a case study headed
    ``华为`` lists ``- 与X合作…``), the company the document defines as 公司.
    """
    view = block.view(ctx.text).text
    word = re.search(r"(?P<w>本公司|该公司|公司)\s*(?:还|也|已|亦|又|同时|将|则|并|正)?\s*(?:与|和|同)?\s*$", view[:before])
    if word:  # 公司 itself: the company defined as 公司, else the one the document is about
        at = block.view(ctx.text).doc_span(sentence_start, sentence_start + 1)[0]
        held = focus.role_holder(at)
        if held is not None:
            return held.name
        found = ctx.entity_layer.resolve(block, at, word["w"]) if ctx.entity_layer is not None else None
        if found is not None and is_name(found.name, frozenset({found.name})):
            return found.name
    for lo in (sentence_start, 0):
        owned = _OWNED.match(view, lo)  # 阿里巴巴入股公司蚂蚁旗下支付宝推出…: the subject is 支付宝
        if owned:
            after = owned.end()
            name = next((view[s:e] for s, e, _ in entities if s == after), None)
            if name is None:
                opening = _OPENING_NAME.match(view[after:])
                name = clean_name(opening["name"]) if opening else None
            if name and is_name(name, frozenset({name})):
                return name
        for s, e, _label in entities:
            if lo <= s <= lo + 12 and e <= before:
                clause_start = max(view.rfind(c, 0, s) for c in "，。；：！？,") + 1
                prefix = _SUBJECT_PREFIX.match(view[clause_start:s])
                wide = view[clause_start + (prefix.end() if prefix else 0):e]
                for name in (wide, view[s:e]):
                    if is_name(name, frozenset({view[s:e]})):
                        return name
    layer = ctx.entity_layer
    if layer is not None:
        # the organisation an earlier sentence of the paragraph opened with ("X宣布完成B轮融资。公司
        # 同时与Y…"), read by the entity layer from the rules' and the NER's ORG mentions
        subject = layer.subject_before(block, block.view(ctx.text).doc_span(sentence_start, sentence_start + 1)[0])
        if subject is not None and is_name(subject.name, frozenset({subject.name})):
            return subject.name
    opening = _OPENING_NAME.match(view)
    if opening and is_name(clean_name(opening["name"])):
        return clean_name(opening["name"])
    at = block.view(ctx.text).doc_span(sentence_start, sentence_start + 1)[0]
    found = focus.at(block, at)
    if found and found.how in ("item_head", "heading"):
        return found.name
    named = _name_heading(ctx, block) or (found.name if found else None)
    if named is None and layer is not None:
        # "2019年，与南京鼓楼医院共建…" in a company's own profile or timeline: the company it is about
        about = layer.resolve(block, at, None)
        named = about.name if about is not None and is_name(about.name, frozenset({about.name})) else None
    return named


def _name_heading(ctx: ExtractionContext, block: Block) -> str | None:
    """The nearest heading (a few blocks up at most) that is a bare name ("华为")."""
    headings = [block.heading]
    i = next((k for k, b in enumerate(ctx.structure.blocks) if b is block), 0)
    headings += [b.text for b in ctx.structure.blocks[max(0, i - 4):i][::-1] if b.type == BlockType.HEADING]
    for text in headings:  # the nearest heading that is a name, a few blocks up at most
        heading = clean_name(re.sub(r"^[\s➤▶►•●■◆#*\-]+", "", text).split(" ")[0])
        if heading and is_name(heading):
            return heading
    return None


def _date(sentence: str, end: int, when: _When) -> str | None:
    """The last date written in the sentence up to the end of the cooperation phrase
    (``2019 年 9 月，GE 医疗宣布与…``, ``X与Y于2024年3月签署…``); a bare ``6月4日`` takes the document's year."""
    dates = clause_dates(sentence[:end], when)
    return dates[-1] if dates else None


#: "据悉，双方同时签署了战略合作协议": the two organisations of the sentence before cooperate
_BOTH_SIGN = re.compile(r"\s*(?:[^，。；\s]{0,6}[，,]\s*)?(?:据悉|此外|同时|同日|另外)?[，,]?\s*双方(?:同时|同日|当天|正式|还|也|并|已|随即)*"
                        r"(?P<verb>签署|签订|订立|达成)")
#: a bracketed aside with a comma inside, after a name: "（「Veltrane」，一家于美国特拉华州注册成立的生物制药公司）"
_ASIDE_COMMA = re.compile(r"[（(][^（）()\n，,]{0,30}[，,][^（）()\n]{1,60}[）)]")


def _blank_aside(m: "re.Match") -> str:
    """The aside blanked, brackets and all, same length: the name before it reads alone."""
    return " " * len(m.group(0))


#: "同日，X与Y签署…", "公司同时与Y达成合作": the day of the statement this one follows
_SAME_DAY = re.compile(r"同日|当日|同一天|同时")
#: a preposition a subject read too far left keeps in front ("与东南大学")
_PREPOSITION = re.compile(r"^(?:与|和|同|跟|及)(?=\S{2})")


def _same_day(ctx: ExtractionContext, block: Block, start: int, head: str, when: _When) -> str | None:
    """The date of the statement a cooperation said to be on the same day follows: the first date
    of its paragraph before it ("11月17日宣布获得…。公司同时与…"), else of the paragraph before
    ("2024年6月18日，X宣布…" then "同日，X与Y签署…"). None without 同日/同时."""
    if not _SAME_DAY.search(head):
        return None
    blocks = ctx.structure.blocks
    i = next((k for k, b in enumerate(blocks) if b is block), 0)
    for text in (ctx.text[block.start:start], blocks[i - 1].text if i > 0 else ""):
        dates = clause_dates(text, when)
        if dates:
            return dates[0]
    return None


#: an event held on a day, where agreements get signed: "2月26日上午，…签约暨揭牌仪式在…举行"
_CEREMONY = re.compile(r"(?:仪式|签约活动|签约会|大会|峰会|论坛|推介会|洽谈会|发布会)[^。！？；\n]{0,40}?(?:举行|举办|召开|开幕|启动)"
                       r"|(?:举行|举办|召开)[^。！？；\n]{0,30}?(?:仪式|签约活动|签约会|大会|峰会|论坛|推介会|洽谈会|发布会)")
#: how far before a signing the sentence telling its event may stand
CEREMONY_REACH = 1200


def _ceremony_day(text: str, start: int, verb: str, when: _When) -> str | None:
    """The day of the event a signing without a date of its own took place at: the last sentence
    before it, within ``CEREMONY_REACH``, that says an event of signings (签约仪式, 集中签约…) was
    held and dates it
    ("2月26日上午，…合作集中签约暨揭牌仪式在…举行" then "签约环节，我院与X签署…"). Only for a
    signing (签署/签订/签约/订立), never for a cooperation said to be ongoing."""
    if not re.search(r"签署|签订|签约|订立|签了", verb):
        return None
    lo = max(0, start - CEREMONY_REACH)
    for sent in reversed(re.findall(r"[^。！？\n]+", text[lo:start])):
        if _CEREMONY.search(sent) and re.search(r"签约|签署", sent):
            dates = clause_dates(sent, when)
            return dates[0] if dates else None
    return None


def _distinct(names: list[str]) -> list[str]:
    """Parties in text order, each organisation once (a name repeated or folded alike is dropped)."""
    seen: set[str] = set()
    out = []
    for n in names:
        if fold_company(n) not in seen:
            seen.add(fold_company(n))
            out.append(n)
    return out


@dataclass
class _Found:
    """One cooperation found, before repeated mentions are merged."""

    start: int
    end: int
    parties: list[str]
    agreement: str | None
    date: str | None
    prose: bool


def _close(a: str, b: str) -> bool:
    """Two names of one organisation: one holds the other after folding (瑞金医院 in 上海交通大学医学院附属瑞金医院)."""
    fa, fb = fold_company(a), fold_company(b)
    return bool(fa and fb) and (fa in fb or fb in fa)


def _covers(bigger: list[str], smaller: list[str]) -> bool:
    return all(any(_close(x, y) for y in bigger) for x in smaller)


def _keep(kept: list[_Found], new: _Found, org: Callable[[str], str] = fold_company) -> None:
    """Add ``new`` unless it repeats a cooperation already kept: a headline and its body, or the
    same parties (some of them) again without a new date. Of two mentions of the same parties the
    one with a date, then the longer names, stays. ``org`` names the organisation a party is (one
    key for 珀络医疗 and Perilux when the document says they are one)."""
    for i, old in enumerate(kept):
        dates_agree = not new.date or not old.date or new.date[:7] == old.date[:7]
        same = {org(p) for p in new.parties} == {org(p) for p in old.parties}
        subset = {org(p) for p in new.parties} <= {org(p) for p in old.parties}
        # (names that only hold one another count as one party when the counts agree: a headline's
        # 瑞金医院 is the body's 上海交通大学医学院附属瑞金医院)
        restated = len(new.parties) == len(old.parties) and _covers(old.parties, new.parties)
        no_new_date = new.date is None or new.date == old.date
        if not (same or (new.prose and old.prose and ((subset and no_new_date) or (restated and dates_agree)))):
            continue
        if len(new.parties) == len(old.parties) and _richness(new) > _richness(old):
            kept[i] = new
        return
    kept.append(new)


def _richness(f: _Found) -> tuple:
    return (f.date is not None, len(f.date or ""), sum(len(p) for p in f.parties))


class PartnershipRulesV1(RuleExtractor):
    """Cooperations between named organisations, from prose and from cooperation tables."""

    name = "partnership.rules.v1"
    kind = "partnership"
    version = "1.7.0"
    record_model = Partnership

    class Config(ExtractorConfig):
        use_ner: bool = True  # ORG/GOV entities mark where a subject's name starts
        min_parties: int = 2

    def extract(self, ctx: ExtractionContext) -> Iterable[RecordBase]:
        layer = ctx.entity_layer
        focus = layer.focus if layer is not None else FocusIndex(ctx.structure)
        when = document_when(ctx.text)
        kept: list[_Found] = []

        def org(name: str) -> str:
            cluster = layer.cluster_of(name) if layer is not None else None
            return f"#{cluster.id}" if cluster is not None else fold_company(name)

        for block in ctx.structure.blocks:
            if block.type == BlockType.TABLE:
                found = self._table(ctx, block)
            elif block.type in (BlockType.PARAGRAPH, BlockType.LIST_ITEM):
                found = self._prose(ctx, block, focus, when)
            else:
                continue
            for start, end, parties, agreement, date in found:
                if len(parties) >= self.config.min_parties:
                    _keep(kept, _Found(start, end, parties, agreement, date, block.type != BlockType.TABLE), org)
        for f in kept:
            # a subject the sentence leaves out (公司还与…, - 与X合作…) is read from the paragraph's
            # opening, the item head or heading above, or a definition: all before the sentence
            support = written_elsewhere(ctx.text, f.parties, f.start, f.end)
            yield self.make(ctx, f.start, f.end, confidence=confidence.PARTIES, support=support, parties=f.parties,
                            agreement=f.agreement, date=f.date)

    # --- prose ---

    def _prose(self, ctx: ExtractionContext, block: Block, focus: FocusIndex, when: _When) -> Iterator[tuple]:
        # ([] unless the block holds a trigger word; a joined label line "■ 合作消息" is no sentence)
        sentences = without_label(ctx.sentences(block, TRIGGER), ctx.text, block)
        if not sentences:
            return
        view = block.view(ctx.text)
        entities = ctx.entities(block, "ORG", "GOV") if self.config.use_ner else []
        previous: tuple[int, int] | None = None
        for s_start, s_end in sentences:
            if s_end - s_start > MAX_SENTENCE:
                continue  # text without sentence punctuation: no cooperation sentence is this long
            prev, previous = previous, (s_start, s_end)
            both = _BOTH_SIGN.match(view.text, s_start, s_end)
            if both is not None and prev is not None and ctx.entity_layer is not None:
                # "X获得Y数千万元战略投资。据悉，双方同时签署了战略合作协议": 双方 are the two organisations
                # the sentence before names
                found = self._both(ctx, block, view, prev, both, s_start, s_end, when)
                if found is not None:
                    yield found
                    continue
            # "与Veltrane Therapeutics, Inc.（「Veltrane」，一家于美国注册成立的公司）订立…": an aside
            # in brackets describing a party does not end the clause at its comma (same offsets)
            sentence = _ASIDE_COMMA.sub(_blank_aside, view.text[s_start:s_end])
            known = frozenset(view.text[s:e] for s, e, _ in entities if s >= s_start and e <= s_end)
            start, end = view.doc_span(s_start, s_end)
            layer = ctx.entity_layer
            for names, m in self._parties(ctx, block, entities, s_start, sentence, known, focus):
                if layer is not None:
                    # organisations of the document, never fragments or words the NER saw no
                    # organisation in (extract.entities): "和黄医药" for "黄医药", no "编制"
                    kept = layer.parties(names, start, end)
                    if len(kept) < len(names):
                        ctx.filtered(start, end, f"parties {names} read as {kept}")
                    names = kept
                titled = _TITLED_AGREEMENT.match(sentence, m.end())
                agreement = titled or _AGREEMENT.search(m["verb"] + sentence[m.end():m.end() + 12])
                date = (_date(sentence, m.end(), when) or _same_day(ctx, block, start, sentence[:m.end()], when)
                        or _ceremony_day(ctx.text, start, m["verb"] + sentence[m.end():m.end() + 4], when))
                yield start, end, names, (agreement["title"] if titled else agreement.group(0)) if agreement else None, date

    @staticmethod
    def _both(ctx: ExtractionContext, block: Block, view, prev: tuple[int, int], m: "re.Match", s_start: int, s_end: int,
              when: _When) -> tuple | None:
        """The cooperation a 双方 sentence states between the two organisations of the sentence before,
        or None when that sentence names other than two."""
        layer = ctx.entity_layer
        if "、" in view.text[prev[0]:prev[1]]:
            return None  # "X、Y与Z举行座谈。双方…": more than two could be meant
        ps, pe = view.doc_span(*prev)
        names: list[str] = []
        for name in layer.parties([mention.text for mention in layer.mentions_in(ps, pe, "ORG")], ps, pe):
            if not any(name in n or n in name for n in names):  # "知衡健康科技有限公司" beside "北京知衡健康科技有限公司"
                names.append(name)
        if len(names) != 2:
            return None
        start, end = view.doc_span(s_start, s_end)
        sentence = view.text[s_start:s_end]
        rel = m.end() - s_start
        titled = _TITLED_AGREEMENT.match(sentence, rel)
        agreement = titled or _AGREEMENT.search(m["verb"] + sentence[rel:rel + 12])
        date = _date(view.text[prev[0]:prev[1]] + sentence, len(view.text[prev[0]:prev[1]]) + rel, when)
        return ps, end, names, (agreement["title"] if titled else agreement.group(0)) if agreement else None, date

    @staticmethod
    def _speaking_for(ctx: ExtractionContext, block: Block, sentence: str, m: "re.Match", s_start: int) -> str | None:
        """The company a subject written 我们 / 本公司 / 本集团 stands for (the one the document is
        about, ``extract.entities``), or None for other subjects."""
        layer = ctx.entity_layer
        word = _SELF_WORD.search(sentence[:m.start("partners")])
        if word is None:
            # "…。2025年11月，公司将X授权给Y": 公司 / 该公司 as the clause's subject, resolved by the entity layer
            word = _SUBJECT_ANAPHOR.search(sentence[:m.start("subject") + len(m["subject"])])
        if layer is None or word is None:
            return None
        at = block.view(ctx.text).doc_span(s_start + word.start(), s_start + word.end())[0]
        found = layer.resolve(block, at, word.group(0))
        return found.name if found else None

    def _parties(self, ctx, block, entities, s_start: int, sentence: str, known: frozenset[str],
                 focus: FocusIndex) -> Iterator[tuple[list[str], "re.Match"]]:
        """(parties, match) of each cooperation in one sentence, by the first pattern family that reads one."""
        for pattern in (*_WITH, _JOINS, _LICENSES, _IN_LICENSES, _PARTIES_SIGN):
            found = False
            for m in _matches(pattern, sentence):
                partners_text = m["partners"]
                if pattern is _PARTIES_SIGN:
                    # the parties are all named before how many sign: no subject to add
                    names = split_names(_SUBJECT_PREFIX.sub("", partners_text), known)
                    if len(names) >= 2 and len(names) == len(_SPLIT.split(partners_text.strip())):
                        found = True
                        yield _distinct(names), m
                    continue
                if (_ISSUES.search(partners_text) or _ISSUES.match(sentence, m.end())
                        or m["verb"].endswith("发布") and _PUBLISHED_DOCUMENT.match(sentence, m.end())):
                    continue  # 国家卫健委与国家中医药局联合印发《…》: a policy's issuers, not a partnership
                if _INTENT.search(sentence[max(0, m.start("partners") - 12):m.start("partners")]):
                    continue  # "并计划与更多医院建立合作": a plan, not a cooperation
                respectively = bool(_RESPECTIVELY.search(m["subject"]) or _RESPECTIVELY.search(partners_text))
                partners_text = _PARTNER_TAIL.sub("", _TOPIC_TAIL.sub("", _RESPECTIVELY.sub("", partners_text)))
                if pattern is _JOINS:
                    cut = _PARTNERS_END.search(partners_text)
                    partners_text = partners_text[: cut.start()] if cut else partners_text
                subject_end = m.start("subject") + len(_SUBJECT_SUFFIX.sub("", m["subject"]))
                subject = _subject(sentence, subject_end, known)
                partners = split_names(partners_text, known)
                if subject is None and pattern is not _JOINS:
                    # "我院、郑州大学与金水区人民政府三方签署…": several subjects, each a name
                    subjects = _subject_list(sentence, subject_end, known)
                    if subjects and partners:
                        found = True
                        yield _distinct([*subjects, *partners]), m
                        continue
                if subject is None and partners:  # a category as subject: the examples that follow name it
                    ex = _EXAMPLES.match(sentence[m.end():])
                    names = [n for n in split_names(ex["names"], known) if n not in partners] if ex else []
                    if names:
                        found = True
                        yield partners + names, m
                    continue
                if subject == "":
                    subject = self._speaking_for(ctx, block, sentence, m, s_start) or topic(
                        ctx, block, entities, s_start, s_start + m.start("partners"), focus)
                if not subject or not partners:
                    continue
                found = True
                subject = _PREPOSITION.sub("", subject)
                if len(partners) >= 2 and respectively:
                    for partner in partners:  # one cooperation per partner (GUIDELINES: "X与Y…；X与Z…" is two)
                        yield _distinct([subject, partner]), m
                    continue
                yield _distinct([subject, *partners]), m
            if found:
                return
        for m in _TOGETHER.finditer(sentence):
            if _ISSUES.match(sentence, m.end()) or m["verb"].endswith("发布") and _PUBLISHED_DOCUMENT.match(sentence, m.end()):
                continue
            text = m["partners"]
            lead = _SUBJECT_PREFIX.match(text)
            names = split_names(text[lead.end():] if lead else text, known)
            if len(names) >= 2 and len(names) == len(_SPLIT.split(_TRAILING.sub("", text[lead.end():] if lead else text))):
                yield names, m

    # --- tables ---

    def _table(self, ctx: ExtractionContext, block: Block) -> Iterator[tuple]:
        table = block.table
        if table is None or table.header is None:
            return
        header = [re.sub(r"\s+", "", c) for c in table.columns]
        org_cols = [i for i, h in enumerate(header) if h and _ORG_COLUMN.search(h)]
        context = " ".join([block.caption, " ".join(header)])
        if len(org_cols) < 2 or not _TABLE_CONTEXT.search(context):
            return
        date_col = next((i for i, h in enumerate(header) if re.search(r"时间|日期|年份", h)), None)
        for row in table.rows:
            names = []
            for i in org_cols:
                cell = row.cell(i)
                if cell is not None and not cell.empty:
                    names += split_names(TextView.of(ctx.text, cell.start, cell.end).text)
            date = None
            if date_col is not None and row.cell(date_col) is not None:
                found = find_dates(row.cell(date_col).text)
                date = found[0].value if found else None
            yield row.start, row.end, names, None, date

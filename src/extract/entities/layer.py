"""The entity layer of one document: typed mentions, ORG clusters, the organisation in focus, and
the test every extractor's company goes through.

Built once per document before the extractors read it (``ExtractionContext.entity_layer``). The
NER is read where the pipeline runs: the blocks an extractor parsed for its trigger words, which
hold every prose record's evidence.

A company a rule read is, after ``company``:

- the organisation an anaphor (公司, 该公司, 其, 它) stands for (``anaphora``);
- a name of an ORG cluster, as written (the text's choice of full or short name is kept);
- the organisation a fragment was cut from ("黄医药" of "和黄医药", "上海市经济" of
  "上海市经济和信息化委员会"), or inside a rule's subject with a description or a function word
  stuck to it ("医疗AI影像企业示例医疗", "以示例医疗", "示例生物于");
- nothing, when what the rule read is a governmental body, a product, a place, a category, an
  activity or a person speaking ("编制", "质量体系", "创始人表示"): the caller then emits no company
  (certified products), no record (funding rounds), no party (partnerships).

Switch the layer off with the environment variable ``REPORTX_ENTITIES=0`` (the extractors then
read companies as they did before it, for ablation).
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import Callable, Iterable

import regex as re

from .. import settings
from ..focus import Focus, FocusIndex
from ..lexicon.agencies import is_gov_body
from ..lexicon.orgs import (
    INTRODUCING,
    ANAPHOR_RE, BARE_INSTITUTIONS, DESCRIPTOR_HEAD, LEGAL_FORM, LEGAL_FORM_RE, NAME_HEAD, SELF_NAMES, TITLE_LEAD_RE, is_org_name,
    INTERVIEW_TITLE_RE, TITLE_ROLE_RE,
)
from ..lexicon.places import is_place
from ..nlp.resources import gazetteer
from ..normalize import fold_company
from ..structure import Block, BlockType, Structure
from .anaphora import Resolver, Subject
from .clusters import OrgCluster, build_clusters
from .mentions import Mention, pattern_mentions
from .names import _is_brand, brand_of, core, unstick

#: the environment variable that switches the layer off ("0", "off", "false", "no")
SWITCH = "REPORTX_ENTITIES"

#: (start, end, label) of a block's NER entities in document offsets, or None where none ran
NerReader = Callable[[Block], "list[tuple[int, int, str]] | None"]

#: how far before the evidence a company's name may be written (a heading, the sentence before)
REACH = 300
#: how many blocks at the top of a document may name the organisation it is about
ABOUT_BLOCKS = 4
#: the organisation whose site a page is, as its site path or masthead writes it
_SITE_ORG = r"(?P<org>\p{Han}[\p{Han}（）()]{1,30}?(?:医院|大学|学院|研究院|研究所|中心|局|委员会|政府|公司|集团))"
#: the site path a web page opens with: "山东大学齐鲁医院 > 新闻中心 > 医院要闻", "某某大学 / 新闻网 / 综合新闻"
_BREADCRUMB = re.compile(r"^\s*(?:首页\s*[>›»]\s*)?" + _SITE_ORG + r"\s*[>›»]\s*[^>›»\n]{1,20}[>›»]")
#: a site's masthead over its column: "郑州大学第一附属医院 | 医院新闻", "某某市人民医院｜新闻中心": the
#: organisation whose site it is
_MASTHEAD = re.compile(r"^\s*" + _SITE_ORG + r"\s*[|｜]\s*[^|｜\n]{2,12}\s*$")
#: the last character of a self word or bare kind -> the ending the site's organisation has
_INSTITUTION_OF = {"院": "院", "校": "学", "局": "局", "委": "委员会", "所": "所"}
#: the longest title that names the organisation a document is about
MAX_TITLE = 80
#: the longest name read as a brand with nothing else saying it is an organisation ("深衡智影")
MAX_BARE_BRAND = 8
#: what a short brand does not hold: function words, verbs of a clause, digits
_NOT_BRAND_CHARS = re.compile(r"[的了是在把被将对从向这那其该各每此些等据称宣携与及起做拿到获完成\d]")
#: share classes and listings a rule may read as a subject ("本公司H股於…上市")
_SHARES = re.compile(r"(?:^|[^A-Za-z])[AHB]股|港股|美股|新股|股票|股份$")
#: a name in both scripts, one after the other
_HAN_LATIN = re.compile(r"^(?:(?P<a>\p{Han}{2,})\s*(?P<b>[A-Za-z][A-Za-z0-9 .&'-]+)|(?P<c>[A-Za-z][A-Za-z0-9 .&'-]+?)\s*(?P<d>\p{Han}{2,}))$")
#: a name with a bracket after it: its other-script name, place or short name
_BRACKETED = re.compile(r"^(?P<name>[^（(]+?)\s*[（(](?P<inner>[^()（）]{1,30})[)）]$")
#: a company's name in Latin letters ("Aldenmoor Therapeutics Ltd", "Airdoc")
_LATIN_ORG = re.compile(r"^(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
                        r"[A-Z][A-Za-z&.,' -]*[A-Za-z][A-Za-z0-9&.,' -]{0,60}$")
#: what a description before a name ends with ("医疗AI影像企业示例医疗", "AI病理公司示例")
_DESCRIBED = re.compile(r"^(?:.{0,20}?(?:" + DESCRIPTOR_HEAD + r"|平台|机构|品牌|子公司|旗下))$")
#: a function word or time word left around a name
_LOOSE = re.compile(r"^(?:[以由与和及在于对向将把被为是据经从如但而且并还也则又就已均都亦曾正再即的等]|此前|此后|随后|同时|同日|近日|日前|目前|今年|去年|"
                    r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)+$")
#: characters an NER extension of a name may not hold ("近日示例医疗", "脉宁本周" are no names)
_EXTENSION_STOP = re.compile(r"[的了是在把被将对从向这那其该各每此些等本今近日周月年前后去明据称宣携与及\d]")
#: a category of organisation, not one ("多家医院", "三甲医院", "头部药企", "合作伙伴")
_CATEGORY = re.compile(
    r"^(?:多家|数家|几家|更多|部分|一些|相关|各类|各级|某|一家|该|其他|其它|国内|海外|国外|本土|头部|三甲|公立|民营|基层|知名|大型|"
    r"中小|龙头|合作|下游|上游|AI|医疗|医药|科技|互联网|创新|生物)*"
    r"(?:企业|药企|厂商|机构|医院|高校|伙伴|合作伙伴|合作方|公司|投资人|投资者|股东|医疗机构|科研院所|院所)$"
)
#: a description before a name, read with it ("手术机器人企业示例医疗", "AI病理公司示例智能")
_DESCRIPTION = re.compile(r"^.{1,20}" + DESCRIPTOR_HEAD + r"(?P<name>(?!管理|发展|服务|咨询)[\p{Han}A-Za-z].{1,20})$")
#: "以X为例" / "以X为代表": an example named in a phrase whose 以 a rule may keep with the name
_EXAMPLE_OPEN = re.compile(r"^以(?=\S{2})")
_EXAMPLE_CLOSE = re.compile(r"为例|为代表|为首|为主")
#: a person speaking for an organisation ("公司联合创始人表示" leaves "创始人表示")
_SPEAKING = re.compile(r"(?:创始人|创办人|CEO|CTO|总经理|总裁|董事长|负责人|院长|主任|专家|人士)\S{0,4}(?:表示|称|说|透露|介绍|指出|认为)$")
#: the last words of a concept or an activity, never of an organisation ("质量体系", "专题培训")
_CONCEPT = re.compile(r"(?:体系|建设|工作|活动|会议|培训|模式|能力|方案|项目|计划|制度|标准|规范|流程|服务|研究|应用|推广|体验|水平)$")
#: verbs and activities a list after 联合 / 与 runs into ("联合编制", "联合投资的…", "存储、传输与…"):
#: a two-character word of these is never a partner's name
_ACTIVITY = re.compile(r"^(?:签发|核发|颁发|核准|批准|编制|投资|出资|发布|举办|主办|承办|开发|研发|攻关|申报|培养|传输|存储|建设|推广|运营|采购|销售|生产|制造|研究|"
                       r"打造|推出|组建|成立|设立|签署|开展|实施|提供|诊断|治疗|应用|部署|落地|验证|评价|审评|审批|监管|管理|服务|创新)$")
#: words that are a role or a category, never one organisation (合作方, 双方, 创始人…)
_NOT_ORG = re.compile(r"^(?:合作方|合作伙伴|双方|三方|各方|对方|投资方|投资人|股东|老股东|团队|创始人|联合创始人|管理层|客户|用户|患者|医生|专家)$")


def enabled() -> bool:
    """Whether the entity layer is on (setting ``entities``: ``REPORTX_ENTITIES=0`` switches it off)."""
    return settings.current().entities


@lru_cache(maxsize=1)
def _gazetteer_orgs() -> frozenset[str]:
    return frozenset(gazetteer("org"))


class DocumentEntities:
    """Mentions, clusters and focus of one document (see the module doc)."""

    def __init__(self, text: str, structure: Structure, ner: NerReader | None = None):
        self.text = text
        self.structure = structure
        self._ner = ner
        self._ner_cache: dict[int, list[Mention]] = {}
        self.clusters, orgs = build_clusters(text)
        self.mentions: list[Mention] = sorted(orgs + pattern_mentions(text), key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]
        self._by_name: dict[str, OrgCluster] = {n: cl for cl in self.clusters for n in cl.names}
        self._by_fold: dict[str, OrgCluster] = {}
        for cl in self.clusters:
            for n in cl.names:
                self._by_fold.setdefault(fold_company(n), cl)
        self.focus = FocusIndex(structure)
        self._block_starts = [b.start for b in structure.blocks]
        self.resolver = Resolver(text, self.focus, self.block_orgs, self.about)
        self._about: Focus | None | bool = False  # not read yet

    # --- names ---

    @property
    def org_names(self) -> frozenset[str]:
        """Every name of every ORG cluster (for rules that accept a known name whatever its ending)."""
        return frozenset(self._by_name)

    def cluster_of(self, name: str | None) -> OrgCluster | None:
        """The cluster ``name`` is a form of (as written, or alike after folding), or None."""
        if not name:
            return None
        return self._by_name.get(name) or self._by_fold.get(fold_company(name))

    def same(self, a: str | None, b: str | None) -> bool:
        """Whether two names stand for one organisation of the document."""
        if not a or not b:
            return False
        if a == b:
            return True
        ca, cb = self.cluster_of(a), self.cluster_of(b)
        return ca is not None and ca is cb or self.focus.same(a, b)

    # --- mentions ---

    def mentions_in(self, start: int, end: int, *labels: str) -> list[Mention]:
        """Rule mentions inside document span [start, end), plus the NER's of the blocks it covers."""
        i = bisect_left(self._starts, start)
        out = [m for m in self.mentions[i:bisect_left(self._starts, end)] if m.end <= end and (not labels or m.label in labels)]
        for block in self._blocks(start, end):
            out += [m for m in self._ner_mentions(block) if start <= m.start and m.end <= end and (not labels or m.label in labels)]
        return sorted(out, key=lambda m: (m.start, -m.end))

    def _blocks(self, start: int, end: int) -> list[Block]:
        i = max(0, bisect_left(self._block_starts, start + 1) - 1)
        out = []
        for b in self.structure.blocks[i:]:
            if b.start >= end:
                break
            if b.end > start:
                out.append(b)
        return out

    def block_at(self, offset: int) -> Block | None:
        blocks = self._blocks(offset, offset + 1)
        return blocks[0] if blocks else None

    def _ner_mentions(self, block: Block) -> list[Mention]:
        if block.start not in self._ner_cache:
            found: list[Mention] = []
            if self._ner is not None and block.type in (BlockType.PARAGRAPH, BlockType.LIST_ITEM, BlockType.HEADING):
                for s, e, label in self._ner(block) or []:
                    found.append(Mention(s, e, self.text[s:e], label, "ner"))
            self._ner_cache[block.start] = found
        return self._ner_cache[block.start]

    def block_orgs(self, block: Block) -> list[Mention]:
        """The ORG mentions of a block: the clusters' names, and the NER's where they add a name
        the rules do not know (overlapping ones give way to the rules')."""
        rules = [m for m in self.mentions_in(block.start, block.end, "ORG") if m.source != "ner"]
        taken = [(m.start, m.end) for m in rules]
        ner = [m for m in self._ner_mentions(block) if m.label == "ORG" and not any(s < m.end and m.start < e for s, e in taken)]
        return sorted(rules + ner, key=lambda m: m.start)

    # --- focus ---

    def about(self) -> Focus | None:
        """The organisation the whole document is about, or None: a line that is an organisation's
        full name alone at the top (the issuer heading an interim report or an announcement:
        "昀峰生物科技股份有限公司" over "2025年中期報告"), else the one organisation the title names
        ("对话朗芯医疗陈朗：七年、三张三类证…", "重磅｜示例医疗完成数亿元C轮融资"). A digest's title names
        none or several: no document subject."""
        if self._about is False:
            self._about = self._read_about()
        return self._about  # type: ignore[return-value]

    def _read_about(self) -> Focus | None:
        first = self.structure.blocks[0] if self.structure.blocks else None
        site = (_BREADCRUMB.match(first.text) or _MASTHEAD.match(first.text)) if first is not None else None
        if site and len(site["org"]) >= 4:
            return Focus(site["org"], "document", first.start)  # "山东大学齐鲁医院 > 新闻中心 > 医院要闻"
        top = [b for b in self.structure.blocks[:ABOUT_BLOCKS] if b.type is not BlockType.TABLE]
        for b in top:
            name = b.text.strip()
            if LEGAL_FORM_RE.search(name) and self.cluster_of(name) is not None:
                return Focus(name, "document", b.start)
        for b in top:
            # a research report on one listed company heads its pages "睿镜医疗（688×××.SH）   增持（首次）"
            listed = _LISTED_TITLE.search(b.text)
            if listed is not None and not is_gov_body(listed["name"]):
                cluster = self.cluster_of(listed["name"])
                name = cluster.full if cluster is not None and cluster.full else listed["name"]
                return Focus(name, "document", b.start + listed.start("name"))
        if not top or top[0].start != self.structure.blocks[0].start or len(top[0].text) > MAX_TITLE:
            return None
        title = top[0]
        if len(self.structure.blocks) < 2 or title.text.rstrip()[-1:] in "。！？；.!?;":
            return None  # a sentence, not a title: a one-paragraph text names no document subject
        names: dict[str, Mention] = {}
        for m in self.block_orgs(title):
            if m.label != "ORG" or _NOT_ORG.match(m.text) or _CATEGORY.match(m.text) or is_gov_body(m.text) \
                    or _NEWS_DATELINE.search(m.text):
                continue
            cluster = self.cluster_of(m.text)
            names.setdefault(cluster.names[0] if cluster else fold_company(m.text), m)
        if not names and (iv := INTERVIEW_TITLE_RE.match(title.text)):
            # "专访禾川智影创始人：…": the interview names the company before the person's role
            return Focus(iv["name"], "document", title.start + iv.start("name"))
        if len(names) != 1:
            return None
        m = next(iter(names.values()))
        lead = TITLE_LEAD_RE.match(m.text)  # "专访澄明生物": the interview's word stuck to the name
        name = m.text[lead.end():] if lead else m.text
        name = TITLE_ROLE_RE.sub("", name)  # "禾川智影医疗创始人": the role is no part of the name
        return Focus(name, "document", m.start + (lead.end() if lead else 0)) if len(name) >= 2 else None

    def subject_before(self, block: Block, offset: int) -> Subject | None:
        return self.resolver.subject_before(block, offset)

    def resolve(self, block: Block, offset: int, word: str | None = None, previous: str | None = None) -> Focus | None:
        return self.resolver.resolve(block, offset, word, previous)

    # --- the company of a record ---

    def company(self, name: str | None, start: int, end: int) -> str | None:
        """The organisation a rule's company ``name`` for evidence [start, end) stands for, as
        written; None when it names none (see the module doc)."""
        return self._organisation(name, start, end, gov=False)

    def party(self, name: str | None, start: int, end: int) -> str | None:
        """Like ``company``, for a party of a cooperation: a governmental body is a party."""
        return self._organisation(name, start, end, gov=True)

    def parties(self, names: Iterable[str], start: int, end: int) -> list[str]:
        """The parties of a cooperation, each resolved (``party``), each organisation once."""
        out: list[str] = []
        for n in names:
            p = self.party(n, start, end)
            if p and not any(p == q or self.same(p, q) or fold_company(p) == fold_company(q) for q in out):
                out.append(p)
        return out

    def _organisation(self, name: str | None, start: int, end: int, *, gov: bool) -> str | None:
        found = self._organisation_of(name, start, end, gov=gov)
        if found and len(found) > 3 and found[0] == "了":
            found = found[1:]  # "批准了澄和医疗…": a particle the segmenter or a rule left on the name
        role = TITLE_ROLE_RE.search(found) if found else None
        # "清涟医疗创始人邵铭" (a rule's subject or the NER's span): the company the person speaks for
        return found[:role.start()] if role and role.start() >= 2 else found

    def _organisation_of(self, name: str | None, start: int, end: int, *, gov: bool) -> str | None:
        if not name or not name.strip():
            return None
        n = name.strip()
        role = TITLE_ROLE_RE.search(n)
        if role and role.start() >= 2:
            n = n[:role.start()]
        if n in SELF_NAMES:
            # "郑州大学第一附属医院（以下简称“我院”）… 我院与X签署…": the organisation, not the pronoun
            cluster = self.cluster_of(n)
            named = [x for x in (cluster.names if cluster else []) if x not in SELF_NAMES and not ANAPHOR_RE.match(x)]
            if named:
                return cluster.full if cluster.full in named else named[0]
            defined = self.focus.defined_as(n, start)
            if defined:
                return defined
        if n in SELF_NAMES or n in BARE_INSTITUTIONS:
            # "我院还与X签署…", "医院与X共建…" in a hospital's own news: the hospital whose site it is
            about = self.about()
            kind = _INSTITUTION_OF.get(n[-1])
            if about is not None and kind is not None and about.name.endswith(kind):
                return about.name
        if ANAPHOR_RE.match(n):
            at = self.text.find(n, start, end)  # resolved where the evidence writes it
            at = at if at >= 0 else start
            block = self.block_at(at)
            found = self.resolve(block, at, n) if block is not None else None
            return found.name if found else None
        if n in self._by_name or n in _gazetteer_orgs():
            return n
        known = self.org_names | _gazetteer_orgs()
        fixed = unstick(n, known)
        if fixed != n:
            return fixed
        # "本公告乃由瀚欣生物制药控股有限公司": a clause head that ends with a known organisation,
        # what introduces it before (由, 是, 经…): the organisation
        tail = next((k for k in sorted(known, key=len, reverse=True)
                     if len(k) >= 4 and n.endswith(k) and n != k and INTRODUCING.intersection(n[:-len(k)])), None)
        if tail is not None:
            return tail
        at = self._written(n, start, end)
        if at is not None and _EXAMPLE_OPEN.match(n) and _EXAMPLE_CLOSE.match(self.text, at + len(n)):
            return n[1:]  # "以示例医疗为例，其…": the rule kept the 以 of the phrase
        if at is not None:
            better = self._around(n, at, gov)
            if better is not None:
                return better or None
        described = _DESCRIPTION.match(n)
        if described and is_org_name(described["name"]) and _is_brand(brand_of(core(described["name"]))[0]):
            return described["name"]  # "医疗AI影像企业示例医疗": a description written before the name
        if _NOT_ORG.match(n) or _CATEGORY.match(n) or is_place(n) or _ACTIVITY.match(n) or _SPEAKING.search(n) or _CONCEPT.search(n) and not is_org_name(n):
            return None
        if not gov and is_gov_body(n) and not is_org_name(n):
            return None  # "国家药监局" is no company
        if not gov and not self._reads_as_org(n, at):
            return None  # "二十平米办公室起步", "H股": a clause or a word a rule stood in subject position
        return n

    def _reads_as_org(self, name: str, at: int | None) -> bool:
        """Whether a name no mention confirms still reads as one organisation's: it ends like one
        (北辰生物, 示例医疗科技有限公司), is a Latin company name, an ORG the NER found where it is
        written, or a short brand (深衡智影, 腾讯) with no function word, verb or share class inside."""
        if is_org_name(name) or _LATIN_ORG.match(name):
            return True
        mixed = _HAN_LATIN.match(name)
        if mixed:  # "鹰瞳科技Airdoc", "Airdoc鹰瞳": a name written in both scripts
            return any(self._reads_as_org(part, None) for part in mixed.group("a", "b", "c", "d") if part)
        bracket = _BRACKETED.match(name)
        if bracket:  # "Shenrui Medical（深睿医疗）", "星河医药（深圳）": either form may say it
            return any(self._reads_as_org(part, None) for part in (bracket["name"], bracket["inner"]) if part)
        if at is not None and any(m.label == "ORG" and m.start <= at and at + len(name) <= m.end
                                  for m in self.mentions_in(max(0, at - 20), min(len(self.text), at + len(name) + 20))):
            return True
        return (len(name) <= MAX_BARE_BRAND and bool(re.search(r"[\p{Han}A-Za-z]{2}", name))
                and not _NOT_BRAND_CHARS.search(name) and not _SHARES.search(name))

    def _written(self, name: str, start: int, end: int) -> int | None:
        """Where ``name`` is written for evidence [start, end): inside it, else just before it."""
        at = self.text.find(name, start, end)
        if at < 0:
            at = self.text.rfind(name, max(0, start - REACH), start)
        return at if at >= 0 else None

    def _around(self, name: str, at: int, gov: bool) -> str | None:
        """What the mentions at ``name``'s occurrence say it is: "" (none: a product, or a body
        where a company is wanted), the longer organisation it was cut from, the organisation
        inside it with only a description or function words around, or None (nothing to change)."""
        end = at + len(name)
        labels = ("ORG", "GOV") if gov else ("ORG",)
        near = self.mentions_in(max(0, at - 20), min(len(self.text), end + 20))
        # the whole name is another type: a product, or a governmental body where a company is wanted
        exact = [m for m in near if m.start == at and m.end == end]
        if exact and all(m.label not in ("ORG", "GOV") for m in exact) and any(m.label == "PRODUCT" for m in exact):
            return ""
        if exact and any(m.label in labels for m in exact):
            return None
        # cut from a longer organisation: "黄医药" of "和黄医药", "上海市经济" of "上海市经济和信息化委员会"
        for m in near:
            if m.label in labels and m.start <= at and end <= m.end and (m.start, m.end) != (at, end):
                if _extends(self.text[m.start:at], self.text[end:m.end], ner=m.source == "ner"):
                    return m.text
        # an organisation inside it, with a description or function words around it
        inside = [m for m in near if m.label in labels and at <= m.start and m.end <= end and (m.start, m.end) != (at, end)]
        for m in sorted(inside, key=lambda m: m.start - m.end):
            before, after = self.text[at:m.start], self.text[m.end:end]
            if (not before or _DESCRIBED.match(before) or _LOOSE.match(before)) and (not after or _LOOSE.match(after)):
                if len(m.text) >= 2 and not _NOT_ORG.match(m.text):
                    return m.text
        if not gov and exact and any(m.label == "GOV" for m in exact) and not is_org_name(name):
            return ""
        return None


#: a listed company and its stock code on a title line: "睿镜医疗（688×××.SH）", "澄和医疗(2598.HK)"
_LISTED_TITLE = re.compile(r"(?:^|\n)\s*(?P<name>[\p{Han}A-Za-z][\p{Han}A-Za-z0-9]{1,11})\s*[（(]\s*[0-9×xX*]{4,6}\.(?:SH|SZ|BJ|HK)\s*[)）]")
#: a news agency's dateline the NER may read as an organisation: "新华社合肥12月3日电"
_NEWS_DATELINE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|^(?:新华社|中新社|中新网|人民网|央视网|新华网|央广网)")


def _extends(before: str, after: str, *, ner: bool) -> bool:
    """Whether a mention that holds a rule's name around it only adds name characters: the rule
    cut a name short ("黄医药" of "和黄医药"). A rule mention (a cluster's name, a body of the
    gazetteer) may add any characters but punctuation; an NER span adds at most two characters in
    front, or a name ending behind (示例 -> 示例医疗科技), never a time or a verb ("脉宁本周",
    "知语医疗携手北京协和医院")."""
    extra = before + after
    if re.search(r"[，,。；;：:、\s]", extra):
        return False
    if not ner:
        return True
    if before and (len(before) > 2 or not re.fullmatch(r"\p{Han}+", before) or _EXTENSION_STOP.search(before)
                   or TITLE_LEAD_RE.fullmatch(before)):
        return False
    if after and not re.fullmatch(NAME_HEAD + r"*(?:" + LEGAL_FORM + r")?", after):
        return False
    return True


def build(text: str, structure: Structure, ner: NerReader | None = None) -> DocumentEntities:
    """The entity layer of a document (its text as the extractors read it, its structure)."""
    return DocumentEntities(text, structure, ner)

"""certified_product from sentences: approval phrases, the product and maker each is about, its
regulator and date, and what a sentence inherits from its paragraph and its document."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex as re

from ...lexicon.time import NEAR_PUBLICATION, is_digest, publication_month
from ...lexicon import products as lex
from ...lexicon.orgs import COMPANY_SELF_WORD
from ...normalize import ENGLISH_DATE_RE, RELATIVE_YEARS, english_date, find_dates, fold_company, iso_date, parse_date
from ...structure import Block, BlockType, heading_words
from .vocabulary import (
    authorities_in, clean_name, document_year, is_company_name, is_product_name, looks_like_company, norm,
    split_company, strip_asides, unique, ANAPHOR, ANNOUNCE_RE, APPROVED_IN, ASPECT_RE, AS_SUBJECT, BARE_MONTH,
    BARE_MONTH_DAY, BOLD, CATEGORY_TAIL, CLAUSE_END, COMPANY_HEAD, COMPANY_SUFFIX, COMPANY_WORD, COORDINATED, COUNT,
    COUNT_AFTER, COUNT_LATER, Candidate, FIRST_OF_KIND, FOREIGN, FORWARD_RE, GENERATION, GOT_RE, HEADING_MARK, INDICATION,
    LABEL_COLON, LEAD_NOISE, LEGAL_FORM, MADE_BY_RE, NOT_APPROVAL, ISSUED_BY_RE, ORDINAL_RE, MAKER_TAIL, MODEL_LEAD, NAMED_INDICATION, NEXT_YEAR, NMPA_CERT,
    NOT_OWNER, ORIGIN_CATEGORY, OWNER_ANAPHOR, OWNER_RE, PAREN_DATE, PARTNER_TAIL, PASSIVE_RE, PLACE_AUTHORITY,
    PREPOSITION_END, PRODUCT_IS, QUOTED, REG_NO, RELATIVE_YEAR, RESTATES, SAID_RE, SAME_YEAR, TOPIC_IS_COMPANY,
    TRADE_NAME_ASIDE, TRAILING_BRAND, TRAIL_NOISE, UNNAMED_COMPANY, CLASS_ASIDE, COVERS, PRODUCT_HEAD,
    RESPECTIVE_DATES, APPROVAL_ROUTE, MADE_BY_CLAUSE, REFERRING_OPEN, _AUTH_RE,
)

# --- prose helpers ------------------------------------------------------------------------------

def add_candidate(found: dict[tuple[str, str], Candidate], cand: Candidate) -> None:
    """Keep ``cand`` under (authority, product); a repeat only completes class, date and maker. One
    product of two named makers ("同时批准A和B的“X”上市": generics of two firms) is two approvals."""
    key = (cand.authority, norm(cand.product))
    twin = found.get(key)
    if twin is not None and other_maker(twin.company, cand.company):
        key = (cand.authority, norm(cand.product), fold_company(cand.company))
        twin = found.get(key)
    if twin is None:
        found[key] = cand
        return
    # a date only read around the phrase (a headline's, a digest's month) gives way to the one the
    # repeat states; a day refines its own month
    better = twin.weak_date and cand.date is not None and not cand.weak_date
    finer = bool(twin.date and cand.date and cand.date.startswith(twin.date) and len(cand.date) > len(twin.date))
    found[key] = replace(twin, cert_class=twin.cert_class or cand.cert_class,
                         date=cand.date if better or finer else twin.date or cand.date,
                         weak_date=twin.weak_date and not better, company=fuller_company(twin.company, cand.company))


def other_maker(a: str | None, b: str | None) -> bool:
    """Whether two named makers are two companies (neither holds the other): the same product of
    each is a separate approval."""
    return bool(a and b) and fold_company(a) != fold_company(b) and a not in b and b not in a


def maker(company: str | None, product: str, before: str, info: SentenceInfo) -> str | None:
    """The maker of ``product``: the one the rules read, else an ORG entity of the NER in the
    sentence up to the phrase's clause end ("深脉分数®是科亚医疗自主研发的…，获得三类证"), else the
    company an announcement or press release is by."""
    company = clean_company(company)
    if company is None and info.entities:
        company = clean_company(ner_name(before, info.entities, "ORG", exclude=product))
    if company is None and info.facts is not None and info.facts.self_named:
        company = info.focus
    return company



def sentence_date(sent: str, m: re.Match, info: SentenceInfo) -> tuple[str | None, bool]:
    """(date, weak) of an approval phrase: a date written before it or beside it; else, when the
    sentence says "同日" / "同期" / "同一批次", the last approval's date of the document; else the
    first date after it (weak: a headline's "发布日期" is no approval date). A firm date is
    remembered for the next "同日"."""
    date = approval_date(sent, m, info.year, info.block_year, info.doc_year, after=False)
    if date is None and info.facts is not None and lex.SAME_TIME.search(sent[:m.start()]):
        date = info.facts.last_date
    if date is not None:
        if info.facts is not None:
            info.facts.last_date = date
            info.facts.last_authorities = info.memory.authorities
        return date, False
    date = approval_date(sent, m, info.year, info.block_year, info.doc_year)
    stated = _STATED_DATE.search(sent, m.end()) if date is None else None
    value = stated and (next((d.value for d in find_dates(stated["d"])), None)
                        or (parse_date(stated["d"], year=info.year) if info.year else None))
    if value:
        return value, False
    if date is None and info.facts is not None:
        # "X日前获批" in a dated text, or an undated item of a digest: the month of the text's own date
        near = NEAR_PUBLICATION.search(sent[:m.end()])
        date = info.facts.published if near else info.facts.digest
    return date, date is not None


@dataclass
class BlockMemory:
    """What later sentences of a paragraph refer back to: the last product named (also in a clause
    that is no approval, "X获FDA突破性器械认定。该软件的国内版本已获得三类证") and the regulator of
    the last approval (a bare "获批" continues it)."""

    antecedent: tuple[str, str | None] | None = None
    authorities: list[str] = field(default_factory=list)
    pair: tuple[str, str, str | None] | None = None  # two products named together (前者 / 后者), their owner


@dataclass
class SentenceInfo:
    """What a sentence inherits from around it: the heading above its paragraph (a product named
    in bold), the company the paragraph is about ("其…" refers to it) and the year of bare dates."""

    heading: str | None = None
    topic: str | None = None
    year: int | None = None  # year of a bare "7月11日": the block's last year, else the document's
    entities: tuple[tuple[str, str], ...] = ()  # (text, label) of the NER's entities in the sentence
    block_year: int | None = None  # year "同年" refers to: the last one written earlier in the block
    doc_year: int | None = None  # year of the document's own date: "今年1月", "去年"
    memory: BlockMemory = field(default_factory=BlockMemory)  # shared by the sentences of one block
    focus: str | None = None  # the company a press release or announcement is by, at this sentence
    facts: DocumentFacts | None = None  # what the whole document says (and the last approval's date)
    section: tuple[str, ...] = ()  # the regulator the section heading above names ("一、国内获批（NMPA）")


#: "上海X科技股份有限公司（以下简称“公司”）", "杭州X有限公司（以下简称“深瞳医疗”或“公司”）",
#: "苏州X有限公司（“康络生物”）": a company the text then writes about as 公司 / its short name
_FOCUS_DEF = re.compile(
    r"(?P<co>[\p{Han}A-Za-z0-9]{2,30}?(?:股份有限公司|有限责任公司|有限公司))\s*[（(]\s*(?:以下|下)?(?:简称|称)?[：:]?\s*"
    r"[“\"「『](?P<alias>[^”\"」』]{1,20})[”\"」』](?P<more>[^）)]{0,20})[)）](?P<says>\s*(?:近日|日前|今日)?(?:宣布|表示|公告|发布))?"
)
#: investors defined with a short name in an announcement ("杭州市产业发展投资有限公司")
_INVESTOR = re.compile(r"投资|资本|基金|创投|合伙")
#: "2023年中国医疗AI年度回顾", "【智医周报】2024年第23期": the year a title is about
_TITLE_YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年")


@dataclass
class DocumentFacts:
    """What the whole document tells a sentence: the year of its title and of its dateline, the
    companies it defines short names for (a later "公司的X" / "其X" is theirs) and the date of the
    last approval read ("同日获批的还有…" shares it)."""

    year: int | None = None
    title_year: int | None = None
    focus: list[tuple[int, str, bool]] = field(default_factory=list)  # (offset, company, speaks), in text order
    self_named: bool = False  # the text calls its own company "公司" (an announcement, a press release)
    last_date: str | None = None
    last_authorities: list[str] = field(default_factory=list)
    published: str | None = None  # the month of the document's own date ("近日获批" is of it)
    digest: str | None = None  # a digest's month, for its items that give no date

    @classmethod
    def of(cls, text: str) -> DocumentFacts:
        title = next((ln for ln in text.splitlines() if ln.strip()), "")
        ty = _TITLE_YEAR.search(title)
        focus = []
        for m in _FOCUS_DEF.finditer(text):
            alias = m["alias"].strip()
            if _INVESTOR.search(m["co"]):
                continue  # "X创业投资合伙企业（以下简称“凯泰创投”）": an investor, not the text's subject
            short = alias if alias not in ("公司", "本公司") and is_company_name(alias) else clean_name(m["co"])
            speaks = bool(m["says"]) or alias in ("公司", "本公司") or "公司" in m["more"]
            focus.append((m.start(), short, speaks))
        self_named = any(m["alias"].strip() in ("公司", "本公司") or re.search(r"[“\"]本?公司[”\"]", m["more"])
                         for m in _FOCUS_DEF.finditer(text))
        published = publication_month(text)  # the dateline is read once for both
        return cls(document_year(text), int(ty["y"]) if ty else None, focus, self_named,
                   published=published, digest=published if is_digest(text) else None)

    def focus_at(self, pos: int) -> str | None:
        """The company last defined before document offset ``pos``: one the text speaks for
        ("X（以下简称“公司”）", "X（“Y”）宣布") rather than one it only mentions (a subsidiary)."""
        before = [(co, speaks) for at, co, speaks in self.focus if at <= pos]
        return next((co for co, speaks in reversed(before) if speaks), before[-1][0] if before else None)


def end_heading_line(view, doc_text: str, s: int, e: int) -> str:
    """Sentence [s, e) of a block view, with a "。" where a heading line opening it ends in the
    document ("■ 医材与新药许可" above "X宣布，…"): the view has joined the two lines."""
    sent = view.text[s:e]
    if not HEADING_MARK.match(sent):
        return sent
    for i in range(s + 1, e):
        if "\n" in doc_text[view.offsets[i - 1]:view.offsets[i]]:
            return sent[:i - s] + "。" + sent[i - s:]
    return sent


#: a regulator written right before what follows it
_REGULATOR_BEFORE = re.compile(r"(?:" + _AUTH_RE.pattern + r")\s*$")


def approval_phrases(sent: str) -> list[re.Match]:
    """Approval phrases in a sentence, in order, overlapping ones dropped."""
    found = []
    # "国家药监局通过优先审评审批程序批准X上市": after the regulator, 通过 names the route, not an
    # approval ("X通过优先审评程序获…批准" keeps reading from 通过: X is the subject)
    routes = [(r.start(), r.end()) for r in APPROVAL_ROUTE.finditer(sent) if _REGULATOR_BEFORE.search(sent, 0, r.start())]
    for pat in (FORWARD_RE, GOT_RE, PASSIVE_RE, ISSUED_BY_RE, ORDINAL_RE):
        pos = 0
        while (m := pat.search(sent, pos)) is not None:
            pos = max(m.end(), m.start() + 1)
            verb = m.start("verb") if "verb" in m.re.groupindex and m.start("verb") >= 0 else m.start()
            route = next((e for s, e in routes if s <= verb < e), None)
            if route is not None:
                pos = route  # read on after the route ("X通过优先审评程序获国家药监局批准上市")
                continue
            if any(m.start() < f.end() and f.start() < m.end() for f in found):
                continue
            found.append(m)
    return sorted(found, key=lambda m: m.start())


def clause_bounds(sent: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between ， ； etc.) around sent[start:end]; a comma inside brackets ends no
    clause ("X（商品名：安伏宁，研发代号：XY-301）正式获批上市")."""
    s = 0
    for m in CLAUSE_END.finditer(sent, 0, start):
        if not in_brackets(sent, m.start()):
            s = m.end()
    for m in CLAUSE_END.finditer(sent, end):
        if not in_brackets(sent, m.start()):
            return s, m.start()
    return s, len(sent)


def in_brackets(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a bracket opened before it and closed after it."""
    opened = text.rfind("（", 0, pos), text.rfind("(", 0, pos)
    closed = text.rfind("）", 0, pos), text.rfind(")", 0, pos)
    if max(opened) <= max(closed):
        return False
    return re.search(r"[)）]", text[pos:]) is not None


def phrase_authorities(sent: str, m: re.Match, clause_s: int) -> list[str]:
    """Authorities of an approval phrase: those written inside it, or just before it in its
    clause ("经FDA获批"); 注册证 / 三类证 / 批准上市 without one are NMPA's."""
    if m.re is PASSIVE_RE or m.re is ISSUED_BY_RE:
        return [a for a, _, _ in authorities_in(m["auth"])][:1]
    # (with the verb: "通过欧盟MDR认证" reads as CE only after a verb of obtaining)
    inside = unique(a for a, _, _ in authorities_in(m["verb"] + m["mid"] + m["noun"]))
    # "获得NMPA三类证和CE认证": a second authority coordinated after the phrase
    # "获得欧盟CE认证、美国FDA 510(k)许可及日本PMDA认证": follow the whole list
    pos = m.end()
    while (co := COORDINATED.match(sent, pos)) is not None:
        inside = unique(inside + [a for a, _, _ in authorities_in(co["more"])])
        pos = co.end()
    if inside:
        return inside
    near = authorities_in(sent[max(clause_s, m.start() - 12):m.start()])
    if near:
        return [near[-1][0]]
    place = APPROVED_IN.search(sent[clause_s:m.start()])
    if place:
        return [PLACE_AUTHORITY[place["p"]]]  # "2023年1月在美国获批…新适应症"
    noun = m["noun"]
    if NMPA_CERT.search(noun) or (re.search(r"上市", noun) and not FOREIGN.search(sent)):
        return ["NMPA"]
    if re.match(r"510|De\s*Novo", noun):
        return ["FDA"]
    return []


def approval_date(sent: str, m: re.Match, year: int | None = None, same_year: int | None = None,
                  doc_year: int | None = None, *, after: bool = True) -> str | None:
    """The approval date: one in brackets right after the phrase ("…510(k)许可（2023年3月）"), else
    an English date after the verb in its clause ("received … clearance in Jun 2023"), else the date
    written nearest before the phrase or inside "FDA已于11月8日批准" (a bare "7月11日" or "5月" takes
    ``year``, "同年" ``same_year`` and "次年" the year after it, "今年1月" / "去年" the document's
    ``doc_year``, "同年9月" ``same_year``'s September), else (``after``) the first date after it."""
    paren = PAREN_DATE.match(sent[m.end():])
    if paren and find_dates(paren["d"]):
        return find_dates(paren["d"])[0].value
    # English puts the date after the verb, inside the clause: "received … clearance in Jun 2023"
    end = CLAUSE_END.search(sent, m.end())
    english = english_date(sent[m.end():end.start() if end else len(sent)])
    if english:
        return english
    before = sent[:m.end()] if m.re is PASSIVE_RE else sent[:m.start()]
    # an English date belongs to the clause it ends ("…clearance in Nov 2022，并已获得 CE mark")
    before = ENGLISH_DATE_RE.sub(lambda d: " " * len(d.group(0)), before)
    dates = find_dates(before)
    last_end = dates[-1].end if dates else 0
    same = [r for r in lex.SAME_YEAR_MONTH.finditer(before) if r.start() >= last_end]
    if same and (same_year or year):
        return iso_date(same_year or year, int(same[-1]["m"]), None)  # "同年9月，该产品又拿下…"
    rel = [r for r in RELATIVE_YEAR.finditer(before) if r.start() >= last_end]
    if rel and doc_year is not None:
        r = rel[-1]
        y = doc_year - RELATIVE_YEARS[r["rel"]]
        return iso_date(y, int(r["m"]) if r["m"] else None, None) if r["m"] else str(y)
    bare = [b for b in BARE_MONTH_DAY.finditer(before) if b.start() >= last_end]
    if bare and year is not None:
        return parse_date(bare[-1]["md"], year=year)
    month = [b for b in BARE_MONTH.finditer(before) if b.start() >= last_end]
    if month and year is not None and not dates:
        return iso_date(year, int(month[-1]["m"]), None)
    if dates:
        return dates[-1].value
    if SAME_YEAR.search(before) and same_year is not None:
        return str(same_year)
    if NEXT_YEAR.search(before) and same_year is not None:
        return str(same_year + 1)
    # (not a plan told after it: "…获CE认证，公司计划2027年一季度在德国启动销售")
    later = [d for d in find_dates(sent) if d.start >= m.start() and not _PLANNED.search(sent, m.end(), d.start)] if after else []
    return later[0].value if later else None


#: the approval date stated after the certificate: "…注册证（注册证编号：…），批准日期为11月28日"
_STATED_DATE = re.compile(r"(?:批准|获批|审批|注册|发证)(?:日期|时间)(?:为|是|：|:)\s*(?P<d>[^，。；,;）)]{3,16})")
#: words of a plan or forecast between an approval and a later date, which is then no approval date
_PLANNED = re.compile(r"计划|预计|拟|将于|有望|争取|目标")


def describes_company(sent: str, m: re.Match) -> bool:
    """"…拥有X注册证的企业": the approval phrase qualifies a company, so no entity is its product."""
    obj = following_object(sent, m)
    return bool(obj and COMPANY_HEAD.search(strip_noise(obj)))


def plausible_entity(name: str | None) -> bool:
    """An NER entity that can name a product: not a certificate ("…注册证"), not a place phrase ("在美国")."""
    return is_product_name(name) and not re.search(r"注册证|认证|批准|许可|^在", name or "")


def ner_name(clause: str, entities: tuple[tuple[str, str], ...], label: str, exclude: str | None = None) -> str | None:
    """The last entity of ``label`` written in ``clause`` (not an authority, not inside ``exclude``)."""
    found = [t for t, lab in entities if lab == label and t in clause and not authorities_in(t)
             and not (exclude and (t in exclude or exclude in t))]
    return clean_name(max(found, key=clause.rindex)) if found else None


def find_products(sent: str, m: re.Match, clause_s: int, clause_e: int, info: SentenceInfo, known: set[str],
                  previous: tuple[str, str | None] | None = None) -> list[tuple[str, str | None]]:
    """(product, company) pairs an approval phrase is about: the products listed after "获批的还有",
    else the product ``find_product`` reads, split when the subject joins several."""
    also = lex.ALSO_APPROVED.search(sent, clause_s, clause_e)
    if also:
        # "同一批次获批的还有公司配套使用的X", "同日获批的还有A的X以及B的Y"
        return listed_products(sent[also.end():clause_e], info, known, announcing_company(sent[:clause_s]))
    if m.re is PASSIVE_RE:
        # "国家药监局批准了A的“X”、B的“Y”等2个产品注册": one approval of each maker's product
        obj = following_object(sent, m)
        if obj and re.search(r"、|以及|和|及", obj):
            items = listed_products(_LIST_TAIL.sub("", obj), info, known, None)
            if len(items) >= 2:
                return items
    subject = strip_noise(sent[clause_s:m.start()])
    quoted = _QUOTED_OF_ONE.match(subject)
    if quoted:
        # "蚌埠泓锐医疗器械有限公司“医用红外额温计”“电子血压计”两个产品于10月下旬同批获证"
        names = [q["q"] for q in _QUOTED_NAME.finditer(quoted["list"])]
        owner = clean_company(MAKER_TAIL.sub("", quoted["co"]))
        if len(names) >= 2 and all(is_product_name(n) for n in names):
            return [(n, owner if owner and is_company_name(owner) else None) for n in names]
    several = _SEVERAL_OF_ONE.match(subject)
    if several:
        # "澄和医疗的X、Y两款产品获批三类证": one maker, each product
        names = [clean_name(p) for p in lex.split_list(several["list"])]
        owner = clean_company(MAKER_TAIL.sub("", several["co"]))
        if len(names) >= 2 and all(n and is_product_name(n) for n in names) and owner and is_company_name(owner):
            return [(n, owner) for n in names]
    product, company = find_product(sent, m, clause_s, info, known, previous)
    if not product:
        return covered_products(sent, m, clause_s, clause_e, known)
    return coordinated(strip_noise(sent[clause_s:m.start()]), product, company)


def covered_products(sent: str, m: re.Match, clause_s: int, clause_e: int, known: set[str]) -> list[tuple[str, str | None]]:
    """Products a company's certificate covers, listed in the clause after it: "宁川医疗于2024年
    取得TÜV签发的CE证书，涵盖其血糖仪（IIb类）与胰岛素泵两款产品" -> both, made by the subject company."""
    if clause_e >= len(sent):
        return []
    _, next_e = clause_bounds(sent, clause_e + 1, clause_e + 1)
    cov = COVERS.match(sent[clause_e + 1:next_e])
    if cov is None:
        return []
    subject = clean_company(strip_noise(sent[clause_s:m.start()]))
    company = subject if subject and is_company_name(subject) and not NOT_OWNER.search(subject) else None
    parts = [clean_name(CLASS_ASIDE.sub("", p)) for p in lex.split_list(cov["list"])]
    if not parts or not all(p and is_product_name(p) and PRODUCT_HEAD.search(p) for p in parts):
        return []  # "覆盖全国30个省份": no product list
    return [(p, company) for p in parts]


def respective_dates(subject: str, year: int | None) -> list[str]:
    """The dates of "A与B分别于2024年3月2日和5月9日获得…", in order; a later bare "5月9日" takes the
    year written before it (else ``year``); [] when the subject pairs no dates."""
    r = RESPECTIVE_DATES.search(subject)
    if r is None:
        return []
    out: list[str] = []
    for piece in re.split(r"\s*(?:以及|和|及|与|、)\s*", r["dates"]):
        y = re.match(r"\s*((?:19|20)\d{2})\s*年", piece)
        if y:
            year = int(y[1])
        d = parse_date(piece, year=year) if year is not None else None
        if d is None:
            return []
        out.append(d)
    return out


def listed_products(text: str, info: SentenceInfo, known: set[str], announcer: str | None) -> list[tuple[str, str | None]]:
    """Products of a list "A的X以及B的Y" / "公司配套使用的X": each with its own maker, "公司的X"
    with the company in focus."""
    parts = lex.split_list(text)
    if len(parts) == 1:
        # "A的X和B的Y", "A“X”和B“Y”": 和/以及 join two makers' products (inside one name,
        # 诊断和治疗系统, no 的 follows)
        joined, last = [], 0
        for j in re.finditer(r"以及|和|及", text):
            # a 和 inside a name (澄和医疗) has no 的 between it and the item's start
            if _OWNED.search(text[last:j.start()]) and _OWNED.search(text[j.end():]):
                joined.append(text[last:j.start()])
                last = j.end()
        joined.append(text[last:])
        if len(joined) > 1 and all(_OWNED.search(p) for p in joined):
            parts = joined
    if len(parts) > 1 and not all(_OWNED.search(p) for p in parts):
        parts = [text]  # "诊断及治疗系统": one name
    out = []
    for part in parts:
        anaphor = OWNER_ANAPHOR.match(part)
        if anaphor:
            product = subject_product(part[anaphor.end():].split("的")[-1])
            company = focus_owner(info, announcer)
        else:
            product, company = name_from_phrase(part, known, loose=True)
        if product:
            out.append((product, company))
    return out


#: a list item that names its maker: "A的X", "A“X”" (the maker right before the quoted name)
_OWNED = re.compile(r"的|\p{Han}{2}[“「]")
#: a member of a list named only by its relation to another ("配套检测试剂", "相关耗材")
_ACCESSORY = re.compile(r"^(?:配套|相关|其他|其它|附属|配用|专用|同款|对应)")


def coordinated(subject: str, product: str, company: str | None) -> list[tuple[str, str | None]]:
    """Several products in one subject: "影联智能的“A”与“B”双双获批" (quoted names of one maker),
    "宇衡医电的A与晶鉴生技的B同获…" (each later one with its own maker); else the one product."""
    quotes = list(QUOTED.finditer(subject))
    if len(quotes) >= 2 and all(lex.COORDINATOR.fullmatch(subject[a.end():b.start()]) for a, b in zip(quotes, quotes[1:])):
        names = [clean_name(q["q"]) for q in quotes]
        if product in names and all(is_product_name(n) for n in names):
            return [(n, company) for n in names]
    parts = lex.split_list(product)
    if len(parts) < 2:
        # "X软件（QA-1）和Y系统（QB-2）分别于…": 和 joins whole product nouns too
        parts = [p for p in re.split(r"\s*和\s*", product) if p]
        if not all(PRODUCT_HEAD.search(p) for p in parts):
            parts = [product]
    out = [(product, company)]
    if len(parts) < 2 or not subject_product(parts[0]):
        return out
    # "Y的血氧分析软件及睡眠监测系统同时获得…": every member a whole product noun, one maker for all
    # ("心电分析与诊断软件" is one name: its first member ends in no product noun)
    # ("X分析仪及配套检测试剂": an accessory named by its use is no product of its own)
    named = [clean_name(CLASS_ASIDE.sub("", p)) for p in parts]
    if all(n and len(n) >= 4 and PRODUCT_HEAD.search(n) and is_product_name(n) and not OWNER_RE.match(n)
           and not _ACCESSORY.match(n) for n in named):
        return [(n, company) for n in named]
    pairs = [(subject_product(parts[0]), company)]
    for part in parts[1:]:
        owned = OWNER_RE.match(part)
        later = subject_product(owned["prod"]) if owned else None
        if not later or not is_company_name(clean_company(owned["co"])):
            return out  # "心电分析与诊断软件": one name with 与 in it
        pairs.append((later, clean_company(owned["co"])))
    return pairs


#: a product inside an approval phrase: "取得[Y的]医疗器械注册证", "获得[国家药监局颁发的Y]三类医疗器械注册证"
_PRODUCT_IN_PHRASE = re.compile(
    r"[^，。；]{0,20}?(?:颁发|核发|签发|下发)的(?P<prod>[^，。；的“”]{4,40}?)(?:的)?\s*(?:第)?(?:医疗器械)?"
    r"|(?P<prod>[^，。；的“”]{4,40}?)的\s*(?:第)?(?:医疗器械)?")
#: the time and adverbs a subject ends with: "澄和医疗于2023年5月", "澄和医疗近日"
_OWNER_TAIL = re.compile(r"(?:于|在)?\s*(?:(?:19|20)\d{2}\s*年)?(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?(?:近日|日前|今日|正式|已经?|又|也|还|再次|成功)*$")
_AUTH_WORDS = re.compile(r"药监局|药品监督管理局|药监|FDA|NMPA|CE|PMDA|MHRA|TGA|HSA|EMA|监管|欧盟|美国|日本|英国|韩国|国家局|省局|认证|批准|许可")
#: the count closing a list of approved products: "…等2个产品", "等3个创新医疗器械"
_LIST_TAIL = re.compile(r"\s*(?:等\s*[\d一二三四五六七八九十两]*\s*[个款项件]?|[\d一二三四五六七八九十两]+\s*[个款项件])\s*(?:创新)?"
                        r"(?:产品|医疗器械|器械|药品|新药)?\s*$")
#: one maker's quoted products, maybe with their count: "X“A”“B”两个产品", "X的“A”、“B”"
_QUOTED_OF_ONE = re.compile(r"^(?P<co>[^，。；、“”「」]{2,30}?)的?(?P<list>(?:[“「][^”」，。；]{2,40}[”」]\s*、?\s*){2,})(?:[两二三四五六七八九十\d]+\s*[个款项件])?(?:产品|器械)?[^，。；]{0,20}$")
#: one maker's products listed with their count: "澄和医疗的X、Y两款产品"
_SEVERAL_OF_ONE = re.compile(r"^(?P<co>[^，。；、的]{2,20}?)的(?P<list>[^，。；]{4,80}?)(?:[两二三四五六七八九十\d]+\s*[款个项件])(?:产品|器械|药品|新药)?$")
#: the product named after an ordinal certificate: "第二张，动态心电图分析系统"
_ORDINAL_PRODUCT = re.compile(r"\s*[，,]\s*(?:是|为|即)?\s*(?P<prod>[^，,。；;：:]{2,40})")
#: a clause classing the product the next clause's certificate is for: "澄和医疗的骨龄评估软件为第二类产品，"
_CLASSED_BEFORE = re.compile(r"(?:^|[，,；;])\s*(?P<subj>[^，,；;。]{2,50}?)(?:为|是|属于?)(?:第?[一二三ⅠⅡⅢ]类)(?:医疗器械)?(?:产品)?[，,]\s*$")
#: a clause naming a product and its maker: "瑞达替尼片由澄和生物研发，"
_DEVELOPED_BY = re.compile(r"(?:^|[，,；;])\s*" + MADE_BY_CLAUSE + r"[^，,；;。]{0,6}[，,]\s*$")
#: a clause opened by a preposition of a rule or a policy (对/向/凡…取得注册证的产品)
_CONDITION_HEAD = re.compile(r"^\s*(?:对|向|凡|针对|对于)(?:在|于|已|已经|首次|新)?")
#: a quoted name (not a quoted speech: no clause punctuation inside)
_QUOTED_NAME = re.compile(r"[“「](?P<q>[^”」，。；：,;:]{2,40})[”」]")
#: the company speaking, then only when: "“我们是今年7月拿到的三类证", "我们已于2023年取得…"
_SELF_THEN_WHEN = re.compile(r"[“「\s]*(?P<w>我们|我司|本公司)(?:是|已经?|也|还|又)?(?:(?:19|20)\d{2}\s*年|\d{1,2}\s*月|\d{1,2}\s*[日号]|今年|去年|前年|年初|年底|年中|上半年|下半年|于|在|\s)*")
#: a subject that is the company speaking of itself ("我们拿到…", "本公司取得…")
_SELF_SUBJECT = re.compile(r"(?:^|[\d年月日，,])(?P<w>" + COMPANY_SELF_WORD + r")$")
#: the product named right after the approval: "…第一张三类证，是X；", "…获批，即X"
_APPOSITIVE = re.compile(r"[^，。；;]{0,6}?[，,]\s*(?:是|为|即)\s*(?P<prod>[^，。；;：:]{2,30})")


def focus_owner(info: SentenceInfo, announcer: str | None = None) -> str | None:
    """The company "其X" / "公司的X" refers to: the one announcing in the sentence, the one the
    paragraph is about, the maker of the approval just before, else the document's company in focus."""
    antecedent = info.memory.antecedent[1] if info.memory.antecedent else None
    return announcer or info.topic or antecedent or info.focus


#: a certificate received, its product named after it: "收到…核准签发的《医疗器械注册证》，产品名称为Y"
_RECEIVED = re.compile(r"(?:近日|日前|于[^，。；]{2,12}?)?(?:收到|取得|获得)$")
_NAMED_AFTER = re.compile(r"[，,]\s*(?:注册)?产品(?:名称)?(?:为|是|：|:)\s*[“《]?(?P<p>[^，。；（(”》]{2,40})")
#: or the approval said after it: "收到…核准签发的《药品注册证书》，批准XR-201注射液（以下简称“该药品”）上市"
_APPROVED_AFTER = re.compile(r"[，,]\s*批准了?\s*[“《]?(?P<p>[^，。；（(”》]{2,40}?)[”》]?\s*(?:[（(][^（）()]{0,30}[)）])?\s*"
                             r"(?:在(?:中国)?境内)?(?:上市|生产|进口)")


#: "X是2025年11月获批上市的1类新药", "Y的Z则是今年1月经…获批上市的罕见病用药": the product before 是
_COPULA_SUBJECT = re.compile(r"^(?P<p>[^，。；：:是]{2,40}?)(?:则|也|就|即)?是(?P<rest>[^，。；]{0,24})$")
#: the kind of product the phrase ends with ("…获批上市的1类新药。"), not a company or a named product
_KIND_AFTER = re.compile(r"的[^，。；,;]{0,10}?(?:新药|用药|药物|药品|创新药|产品|医疗器械|器械|疗法)\s*(?:[，。；,;]|$)")
#: its owner written before it: "上海某某药业的依诺司他软胶囊"
_OWNER_BEFORE = re.compile(r"^(?P<co>[^，。；的]{2,20})的(?P<p>[^，。；的]{2,30})$")


def find_product(sent: str, m: re.Match, clause_s: int, info: SentenceInfo, known: set[str],
                 previous: tuple[str, str | None] | None = None) -> tuple[str | None, str | None]:
    """(product, company) an approval phrase is about; (None, None) when the text names none."""
    lead = sent[clause_s:m.start()]
    if _CONDITION_HEAD.match(lead) and sent.startswith("的", m.end()):
        return None, None  # "对在合肥取得三类证的AI产品，给予…支持": a policy's condition, no approval
    cop = _COPULA_SUBJECT.match(lead.strip())
    if cop and _KIND_AFTER.match(sent, m.end()) and is_product_name(clean_name(strip_noise(cop["p"]))):
        # "格雷昔布胶囊是2025年11月获批上市的1类新药": the subject is the product, what follows its kind
        owner = _OWNER_BEFORE.match(strip_noise(cop["p"]))
        if owner and is_company_name(clean_name(owner["co"])) and is_product_name(clean_name(owner["p"])):
            return clean_name(owner["p"]), clean_name(owner["co"])
        return clean_name(strip_noise(cop["p"])), None
    named = _NAMED_AFTER.search(sent, m.end()) or _APPROVED_AFTER.search(sent, m.end())
    received = _RECEIVED.search(lead) or (m.groupdict().get("verb") or "").startswith("收到")
    if named and received and is_product_name(clean_name(named["p"])):
        # "X收到国家药监局核准签发的《医疗器械注册证》，产品名称为Y", "X于6月18日收到…颁发的《医疗器械注册证》，
        # 产品名称为Y": an announcement names the product after
        owner = clean_company(_RECEIVED.sub("", strip_noise(lead)))
        return clean_name(named["p"]), owner if owner and is_company_name(owner) else None
    if m.re is ISSUED_BY_RE and not m.group(0).startswith("由"):
        # "收到国家药监局颁发的“Y”《药品注册证书》": the product quoted before the certificate, or none
        product = clean_name(m["q"]) if m["q"] else None
        if not is_product_name(product):
            return None, None
        owner = clean_company(_RECEIVED.sub("", strip_noise(lead)))
        return product, owner if owner and is_company_name(owner) else None
    if PREPOSITION_END.search(lead):
        # "向拥有三类证的头部企业集中": only a named object of the phrase can be the product
        obj = following_object(sent, m)
        if obj is None or COMPANY_WORD.search(obj):
            return None, None
        return name_from_phrase(obj, known)
    if m.re is ORDINAL_RE:
        # "拿到第二张，动态心电图分析系统": the product after the comma, the maker the series' one
        after = _ORDINAL_PRODUCT.match(sent, m.end())
        product = subject_product(strip_noise(after["prod"])) if after else None
        owner = info.memory.antecedent[1] if info.memory.antecedent else None
        return (product, owner) if product else (None, None)
    # -2. "该产品于2024年进入…，并于2026年10月27日经…批准注册": the sentence opens with the product
    # of the sentence before, and this clause has no subject of its own
    if clause_s and info.memory.antecedent and previous is None \
            and REFERRING_OPEN.match(strip_noise(CLAUSE_END.split(sent[:clause_s], 1)[0])) \
            and _ONLY_WHEN.fullmatch(re.sub(r"(?:经|由|获)$", "", strip_noise(sent[clause_s:m.start()])) or " "):
        return info.memory.antecedent
    # -1. a clause without a subject of its own continues the clause before it
    shared = shared_subject(sent, m, clause_s, previous, known, info.topic)
    if shared:
        return shared
    # the product named inside the phrase, the company its subject: "X于2023年5月取得Y的医疗器械注册证",
    # "X近日获得国家药监局颁发的Y三类医疗器械注册证"
    inner = _PRODUCT_IN_PHRASE.fullmatch(m.groupdict().get("mid") or "")
    if (inner and is_product_name(inner["prod"]) and not COMPANY_WORD.search(inner["prod"])
            and not authorities_in(inner["prod"]) and not _AUTH_WORDS.search(inner["prod"])
            and not NOT_APPROVAL.search(inner["prod"]) and not re.search(r"[或和与及、]|[三二一]类", inner["prod"])
            and not describes_company(sent, m)):
        owner = strip_noise(lead)
        owner = _OWNER_TAIL.sub("", owner)
        if owner and not _AUTH_WORDS.search(owner):
            _, company = name_from_phrase(owner + "的" + inner["prod"], known)
            return inner["prod"], company or (owner if len(owner) <= 25 else None)
    # 0. "X是全球首个获得…的Y": Y restates the category, the subject X is the product.
    mb = MADE_BY_RE.match(sent)
    first = FIRST_OF_KIND.search(lead)
    if first:
        if mb and subject_product(mb["prod"]):
            return subject_product(mb["prod"]), clean_name(mb["co"])
        head = strip_noise(sent[clause_s:clause_s + first.start()])
        if not head or ANAPHOR.match(head):
            # "这是首个在美获批的…靶向药": restates the product written before, the category names none
            return info.memory.antecedent or (None, None)
        product, company = name_from_phrase(head, known, loose=True)
        if product:
            return product, company
    # 1. "获…批准的X" / "FDA 批准了 X": the approved thing follows the phrase.
    obj = following_object(sent, m)
    if obj:
        if COMPANY_HEAD.search(strip_noise(obj)):
            return None, None  # "获得…认证的企业": the approval describes a company, no product
        product, company = name_from_phrase(obj, known, loose=m.re is PASSIVE_RE)
        if product:
            # "和黄医药宣布，美国FDA已于11月8日批准X上市": the announcer makes X
            return product, company or company_in(sent, known, product) or announcing_company(sent[:clause_s])
    # 2. "X是Y研发的…，…获得…": the sentence subject made by Y.
    if mb:
        product = subject_product(mb["prod"])
        if product:
            return product, clean_name(mb["co"])
    # 3. "Y的X于2020年获得…": the subject of the phrase's clause.
    # "（1）出海主线：已在海外获批…": a label before a colon is no subject ("（商品名：X）" is no label)
    *label, own_lead = LABEL_COLON.split(lead)
    subject = strip_noise(own_lead)
    self_subject = _SELF_SUBJECT.search(subject) or _SELF_THEN_WHEN.fullmatch(subject)
    if self_subject:
        # "2021年11月我们拿到第一张三类证，是X": the company speaking, the product named after it
        named = _APPOSITIVE.match(sent, m.end())
        product = subject_product(named["prod"]) if named else None
        if product is None:
            # "…分享了公司产品“X”的注册历程：“我们是今年7月拿到的三类证…”": the product quoted before
            quoted = [q["q"] for q in _QUOTED_NAME.finditer(sent, 0, m.start()) if is_product_name(q["q"])]
            product = quoted[-1] if quoted else None
        return (product, self_subject["w"]) if product else (None, None)
    if m.re is PASSIVE_RE and not re.search(r"(?:经|被|由|获)\s*$", lead):
        subject = ""  # "…覆盖国家药监局批准的…": the authority's object, not this subject, is approved
    if "是" in subject:
        subject = strip_noise(subject.split("是")[0])  # "该系统是器审中心通过的…"
    subject = drug_of_indication(subject)
    announcer = announcing_company(sent[:clause_s])
    said = SAID_RE.match(subject)
    if said and is_company_name(clean_name(said["co"])):
        # "微创医疗宣布其X获得…": the announcer is the maker of X
        announcer, subject = clean_name(said["co"]), strip_noise(said["rest"])
    if subject and not ANAPHOR.match(subject):
        # "元衡医疗同样有所斩获：其X…": the clause or label before 其 may name the company
        said_before = re.split(r"[，,。；：:]", (sent[:clause_s] + "：".join(label)).rstrip("，,：: "))[-1]
        owner = focus_owner(info, announcer or leading_company(said_before) or possessor(said_before))
        if OWNER_ANAPHOR.match(own_lead):
            # "其X" / "公司的X": the owner is the company announced or written about (not known
            # here: none), X is whole ("其甲状腺…软件“澜影”" is no company with a product)
            product = subject_product(re.sub(r"^的", "", OWNER_ANAPHOR.sub("", subject, count=1)))
            if product:
                return product, owner
        product, company = name_from_phrase(subject, known, loose=True)
        if product and not company and GENERATION.match(subject) and info.memory.antecedent:
            company = info.memory.antecedent[1]  # "第二代产品Y": same maker as the product before
        if product:
            return product, company or announcer or company_in(sent, known, product)
    # "X为第二类产品，由广东省药监局于2022年6月核发注册证": the clause before names the product
    if m.re is ISSUED_BY_RE and not subject and (named := _CLASSED_BEFORE.search(sent[:clause_s])):
        product, company = name_from_phrase(strip_noise(named["subj"]), known, loose=True)
        if product:
            return product, company
    # "Y由A研发，于2024年3月获…批准上市": the clause before names the product and its maker
    if not subject and (dev := _DEVELOPED_BY.search(sent[:clause_s])):
        product = subject_product(strip_noise(dev["prod"]))
        if product:
            return product, clean_name(dev["co"])
    # 4. "该产品获得…" after a sentence naming the product, or under a heading naming it.
    if (not subject or ANAPHOR.match(subject)) and info.memory.antecedent:
        return info.memory.antecedent
    if info.heading and (not subject or ANAPHOR.match(subject)):
        company, product = split_company(info.heading, known)
        # "公告速递" heads items and "岐澄生物公告" an announcement: neither names a product
        if is_product_name(product) and not _TOPIC_WORD.search(product) and not product.endswith("公告"):
            return product, company
    return None, None


#: a written date: 2020年, 2020年3月, 2020年3月5日, 3月, 3月5日
_DATE_WORD = r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?"
#: a clause head of times and adverbs only (no subject of its own)
_ONLY_WHEN = re.compile(r"(?:同年|当年|次年|翌年|随后|此后|之后|其后|后|又|也|还|并|再|同时|" + _DATE_WORD + r"|[于在，,\s])+")


def shared_subject(sent: str, m: re.Match, clause_s: int, previous: tuple[str, str | None] | None,
                   known: set[str], topic: str | None = None) -> tuple[str, str | None] | None:
    """The product of a clause that has no subject of its own: "…，并通过FDA 510(k)审查" and
    "…，成为首个获得三类证的Y" continue the previous approval clause; "Y的核心产品为X，已于2019年
    获得三类证" continues the clause that names X; "精锋医疗的**X**紧随其后，于2022年11月获得…" the
    subject of the sentence's first clause."""
    core = strip_noise(sent[clause_s:m.start()])
    if _ONLY_WHEN.fullmatch(core):
        core = ""  # "…，同年又取得欧盟CE认证": a time and an adverb are no subject
    if previous is not None:
        if RESTATES.match(core) or (not core and following_object(sent, m) is None):
            return previous
        return None
    if core or clause_s == 0:
        return None
    prev_s, _ = clause_bounds(sent, clause_s - 1, clause_s - 1)
    prev = sent[prev_s:clause_s - 1].strip()
    pm = PRODUCT_IS.match(prev) or PRODUCT_IS.match(strip_noise(prev))
    if pm:
        product = subject_product(pm["prod"])
        # "X是…的企业，其核心产品为Y，…": 其 is the company the sentence opened with
        owner = clean_company(pm["co"]) if pm["co"] else sentence_topic(sent[:prev_s]) or topic
        if product:
            return product, owner
    review = _PASSED_REVIEW.match(strip_noise(prev))
    if review and (named := bare_subject(strip_noise(review["subj"]), known)):
        return named  # "X的Y通过欧盟MDR审核，获CE认证": the review clause's subject was approved
    return leading_subject(sent[:clause_s], known) or bare_subject(strip_noise(prev), known)


#: a clause telling the review an approval passed: "X的Y通过欧盟MDR审核", "Y顺利通过技术审评"
_PASSED_REVIEW = re.compile(r"^(?P<subj>[^，。；]{2,60}?)(?:已|已经|顺利|成功|正式)*通过了?[^，。；]{0,20}?(?:审核|审查|审评|评审|评估)$")


def partner_maker(name: str) -> str:
    """The maker of "Y与Z联合开发的X": Y, unless Y is a hospital or university and Z the company
    ("四川大学华西医院与成都X科技有限公司联合开发的…" -> the company)."""
    pair = re.match(r"^(?P<a>[^，。；的与和]{2,20})(?:与|和)(?P<b>[^，。；的]{2,25}?)(?:合作|共同|联合)?(?:开发|研发|研制)?$", name)
    if pair and lex.INSTITUTION.search(pair["a"]) and re.search(COMPANY_SUFFIX + r"$", pair["b"]):
        return pair["b"].strip()
    return PARTNER_TAIL.sub("", name)


def drug_of_indication(subject: str) -> str:
    """"X联合紫杉醇用于胃癌二线治疗的新适应症获批": a new indication of drug X is X's approval."""
    m = INDICATION.match(subject) or NAMED_INDICATION.match(subject)
    return m["drug"] if m else subject


#: "数衡医疗 Shuheng Medical", "医准智能（Yizhun Medical AI）": a Chinese name glossed in English
_LATIN_GLOSS = re.compile(r"(?<=\p{Han})\s*(?:[（(]\s*[A-Za-z][A-Za-z0-9 .&'\-]*[)）]|\s[A-Z][A-Za-z0-9 .&'\-]*)$")


def han_name(name: str | None) -> str | None:
    """A company name without the English gloss written after its Chinese name."""
    return _LATIN_GLOSS.sub("", name) if name else name


#: a stock code written after a listed company's name: "（688123.SH）", "(0700.HK)", "（股票代码：300001）"
_TICKER_ASIDE = re.compile(r"\s*[（(]\s*(?:股票代码[：:]?\s*)?(?:\d{4,6}(?:\s*\.\s*(?:SH|SZ|BJ|HK|SS))?|(?:HK|SH|SZ)\s*\.?\s*\d{4,6})\s*[)）]\s*$", re.I)


_EN_LEGAL_COMMA = re.compile(r"(?<=[A-Za-z])\s*(?:Co\.?\s*,\s*(?:Ltd|Limited)|,\s*(?:Inc|LLC|Ltd|Limited))\.?\s*$")


def clean_company(name: str | None) -> str | None:
    """A maker name without a partner ("Y与Z合作" -> Y), a short-name aside or "方面"."""
    if not name:
        return name
    s = strip_asides(name)
    s = lex.MEANS_TAIL.sub("", s)  # "智因药业以AI辅助设计" -> 智因药业
    s = partner_maker(s)
    s = re.sub(r"方面$", "", s).strip()
    s = _TICKER_ASIDE.sub("", s)  # "宁远药业（688123.SH）公告" -> 宁远药业
    # "Acme Medical Co., Ltd.": the comma of an English legal form would split the name downstream
    s = _EN_LEGAL_COMMA.sub("", s)
    if UNNAMED_COMPANY.search(s):
        return None  # "广州市一家企业" names no company
    return clean_name(s)


def is_statistic(sent: str, m: re.Match, clause_e: int) -> bool:
    """"累计获得10张AI三类证", "新获批三类医疗器械注册证87张": a count of approvals, not one."""
    mid = m.groupdict().get("mid") or ""
    after = sent[m.end():clause_e]
    # "国家药监局共批准…注册证37张", "中国企业共获得FDA 510(k)许可约480份": a total before the verb
    total = (re.search(r"(?:共|累计|合计|总计|一共)\s*$", sent[:m.start()])
             or re.search(r"(?:共|累计|合计|总计|一共)\s*(?:批准|获批|获得|取得|核发|颁发)", m.group(0)))
    return bool(total or COUNT.search(mid) or COUNT_AFTER.match(after) or COUNT_LATER.match(after))


def registration_after(sent: str, pos: int) -> str:
    """The NMPA registration number written later in the sentence ("…获批上市，注册证号为国械注准
    20233210536"), unless another approval phrase comes first; '' when none."""
    reg = REG_NO.search(sent, pos)
    if reg is None or any(p.start() >= pos and p.start() < reg.start() for p in approval_phrases(sent)):
        return ""
    return reg.group(0)


def sentence_topic(sent: str) -> str | None:
    """The company a sentence is about when it describes one ("X是国内首家…的企业", "X方面，…"):
    later "其X" / "公司的X" in the paragraph belong to it."""
    first_clause = CLAUSE_END.split(sent.strip(), 1)[0]
    for m in (TOPIC_IS_COMPANY.match(sent.strip()), ASPECT_RE.search(first_clause)):
        co = clean_name(strip_noise(m["co"])) if m else None
        if co and is_company_name(co) and not NOT_OWNER.search(co):
            return co
    return item_label(sent)


#: time words and marks a sentence may open with before its subject ("2020年，听澜智能拿到…")
_OPENING_NOISE = re.compile(
    r"^(?:[\s\-•●▪*]+|(?:" + _DATE_WORD + r")(?:初|底|末|中|以来)?|"
    r"同年|次年|此后|随后|之后|目前|近日|日前|今年|去年|此外|同时|另外|[，,、：:])*"
)


#: "听澜智能拿到…", "元衡医疗同样有所斩获": a clause opening with a company-like name (not "Y的…")
_LEADING_COMPANY = re.compile(r"^(?P<co>\p{Han}{2,6}?(?:医疗|科技|智能|生物|医药|药业|制药|医学|健康))(?![\p{Han}]*的)(?=\p{Han})")


def leading_company(text: str) -> str | None:
    """The company a clause opens with, after its time words: the one a later "其X" belongs to."""
    lead = _OPENING_NOISE.match(text)
    m = _LEADING_COMPANY.match(text[lead.end() if lead else 0:])
    co = m["co"] if m else None
    return co if co and is_company_name(co) and not NOT_OWNER.search(co) and not _TOPIC_WORD.search(co) else None


#: a company written with its legal form ("…医学影像有限公司")
_LEGAL_COMPANY = re.compile(r"(?P<co>(?:(?![的和与及、在])\p{Han}){2,24}?(?:股份有限公司|有限责任公司|有限公司))")


def legal_company(sent: str) -> str | None:
    """The one company a sentence writes with its legal form ("在宁波，成立两年的宁波某某医疗科技有限公司
    完成了天使轮融资。"): the company a quoted founder's "他们的X" in the next sentence belongs to;
    None when the sentence names none or several."""
    names = {clean_name(LEAD_NOISE.sub("", m["co"])) for m in _LEGAL_COMPANY.finditer(sent)}
    names = {n for n in names if n and is_company_name(n) and not _INVESTOR.search(n)}  # not its investors
    return names.pop() if len(names) == 1 else None


#: "Y医疗的设备已进入百余家医院": a company-like name owning the clause's subject
_POSSESSOR = re.compile(r"^(?P<co>\p{Han}{2,8}?(?:医疗|科技|智能|生物|医药|药业|制药|医学|健康|影像|公司))的")


def possessor(clause: str) -> str | None:
    """The company a clause opens with as the owner of its subject ("如今，瑞衡医疗的设备已进入
    百余家医院，其…" -> 瑞衡医疗): a later "其X" in the sentence is that company's."""
    lead = _OPENING_NOISE.match(clause)
    m = _POSSESSOR.match(clause[lead.end() if lead else 0:])
    co = clean_name(m["co"]) if m else None
    return co if co and is_company_name(co) and not NOT_OWNER.search(co) and not _TOPIC_WORD.search(co) else None


def opening_org(text: str, s: int, e: int, entities: list[tuple[int, int, str]]) -> str | None:
    """The ORG entity of the NER that opens sentence [s, e) after its time words: the company the
    sentence is about, which a later "其X" in the paragraph belongs to."""
    lead = _OPENING_NOISE.match(text, s)
    at = lead.end() if lead else s
    for a, b, lab in entities:
        if lab == "ORG" and a == at and b <= e:
            name = clean_name(text[a:b])
            return name if name and is_company_name(name) else None
    return None


def heading_topic(blocks: list[Block], idx: int) -> str | None:
    """The company a "● **鹰瞳科技：从眼底到全身慢病**" heading above the paragraph is about."""
    if idx == 0 or blocks[idx - 1].type is not BlockType.HEADING:
        return None
    text = heading_words(blocks[idx - 1].text)
    m = re.match(r"^(?P<co>[^：:，。]{2,20})[：:]", text)
    co = clean_name(m["co"]) if m else None
    return co if co and looks_like_company(co) else item_label(text)


#: A digest item named after its company: "▍2. 锐澜星辰｜C轮，数亿元", "【博瑞康医疗｜Pre-B轮｜近亿元】…",
#: "3. 博远医疗机器人：9月完成C+轮融资…"
_ITEM_LABEL = re.compile(
    r"^[\s▍■◆●•#]*(?:\d{1,2}\s*[.、．]\s*)?(?:【(?P<a>[^｜|】]{2,20})[｜|]|(?P<b>[^｜|：:，。【】\s]{2,20})[｜|]"
    r"|(?<=\d\s*[.、．]\s*)(?P<c>[^｜|：:，。【】]{2,20})[：:])"
)
#: labels that name a topic, not a company ("出海主线：", "政策动态｜")
_TOPIC_WORD = re.compile(r"主线|领域|赛道|动态|方向|趋势|政策|法规|方面|要点|概况|情况|清单|观察|周报|进展|合作|融资|审批"
                         r"|速递|一览|快讯|要闻|汇总|资讯|简报|月报|导读|要目")


def item_label(text: str) -> str | None:
    """The company a digest item's label names (see ``_ITEM_LABEL``), if the label is a name."""
    m = _ITEM_LABEL.match(text)
    co = clean_name(m["a"] or m["b"] or m["c"]) if m else None
    if co and is_company_name(co) and not _TOPIC_WORD.search(co) and not NOT_OWNER.search(co):
        return co
    return None


_EN_VERB_START = re.compile(r"[A-Za-z]")
#: the English object of an approval: "…clearance (K241234) for its X in May 2024", "…mark for the X,"
_EN_FOR_OBJECT = re.compile(
    r"\s*(?:[（(][^（）()]{1,30}[)）]\s*)?(?:under\s+[^,，。;；]{1,40}?\s+)?for\s+(?:its|their|the|a|an)?\s*"
    r"(?P<o>[A-Za-z0-9][A-Za-z0-9®™.\-/ ]{1,60}?)(?=\s+(?:in|on|at|from|under|by|with|which|that)\b|\s*[,，。;；（(]|\s*$)"
)


def following_object(sent: str, m: re.Match) -> str | None:
    """The noun phrase an approval phrase qualifies: "…批准的X" (relative clause), "…双认证产品",
    or the object of "FDA 批准了X上市"."""
    rest = sent[m.end():]
    if m.re is PASSIVE_RE:
        rest = re.sub(r"^了", "", rest)  # "经审查，批准了X生产的…"
        # a bracket may list other names with commas: "批准FRUZAQLA™（fruquintinib，呋喹替尼）上市"
        o = re.match(r"\s*(?P<o>(?:[^，。；！？（(]|[（(][^（）()]*[)）]){2,60}?)(?:的)?(?:上市申请|注册申请|上市|用于|注册)", rest)
        if o is None and m.group(0).endswith("了"):
            o = re.match(r"\s*(?P<o>[^，。；！？]{2,60}?)(?:，|。|；|$)", rest)
        return o["o"] if o else None
    if re.match(_EN_VERB_START, m["verb"]):
        # "Acme Co., Ltd. received CE certification for its X in May 2024": the product follows "for"
        o = _EN_FOR_OBJECT.match(rest)
        if o:
            return o["o"]
    if re.match(r"\s*之[后前际时外中一]", rest):
        return None  # "取得三类证之后获得…": a time clause, not "之" = "的"
    o = re.match(r"\s*(?:的|之)?(?P<o>[^，。；！？,;]{1,80})", rest)
    if not o or not (rest.lstrip().startswith(("的", "之")) or QUOTED.match(o["o"])):
        return None
    text = o["o"]
    q = QUOTED.search(text)
    if q:
        return q.group(0)
    # the head noun phrase stops before the next verb ("…系统置于云端", "…软件于2020年上市")
    text = re.split(r"(?:置于|用于|已于|已经|并于|于\d|在\d|是|将|成为|可以|能够|帮助|实现|并且|，)", text)[0]
    return text


def name_from_phrase(phrase: str, known: set[str], *, loose: bool = False) -> tuple[str | None, str | None]:
    """(product, company) named by a noun phrase: a quoted name, "Y的X", a trailing brand
    ("…解决方案TALi"), "…产品X", or the head after the last 的."""
    phrase = lex.VERSION_TAIL.sub("", TRADE_NAME_ASIDE.sub("", phrase).strip())
    b = BOLD.search(phrase)
    if b:
        product, company = bold_name(phrase, b, known)
        if product:
            return product, company
    q = QUOTED.search(phrase)
    if q:
        product = clean_name(q["q"])
        if is_product_name(product):
            owner = OWNER_RE.match(strip_noise(phrase[:q.start()]))
            maker = clean_company(owner["co"]) if owner else None
            # "木槿医学的“基层肺功能检查智能质控软件”": the maker before the quote, not a prefix inside it
            right_before = strip_noise(phrase[:q.start()])
            owner_name = clean_company(MAKER_TAIL.sub("", right_before)) if right_before.endswith("的") else None
            if owner_name and is_company_name(owner_name) and not NOT_OWNER.search(owner_name):
                return product, owner_name
            company = split_company(product, known)[0]
            if company is None and maker and (looks_like_company(maker, known) or loose and is_company_name(maker)
                                              and not NOT_OWNER.search(maker)):
                return product, maker  # "Y自主研发的全数字PET/CT“X”", "Y的骨科手术导航系统“X”"
            before = MAKER_TAIL.sub("", phrase[:q.start()]).strip()
            before = clean_name(strip_noise(before))
            if company is None and before and "的" not in before and (
                    looks_like_company(before, known) or loose and is_company_name(before)):
                if not NOT_OWNER.search(before):
                    company = before
            return product, company
    phrase = drug_of_indication(clean_name(strip_noise(phrase)) or "")
    if not phrase:
        return None, None
    company, rest = split_company(phrase, known, loose=loose)
    if company is None and "的" in phrase:
        rest = phrase.rsplit("的", 1)[1]
    product = subject_product(rest)
    return (product, company) if product else (None, None)


def bold_name(phrase: str, b: re.Match, known: set[str]) -> tuple[str | None, str | None]:
    """(product, company) of a subject with a bold name: "精锋医疗的**MP1000多孔腔镜手术机器人**",
    "Intuitive Surgical（直觉外科）新一代**达芬奇5（da Vinci 5）**手术系统" (the bold part is the name,
    the text before it the maker); "**微创机器人图迈®…**" holds both."""
    bold = clean_name(b["b"]) or ""
    before = GENERATION.sub("", MAKER_TAIL.sub("", phrase[:b.start()]))
    before = clean_name(strip_noise(MAKER_TAIL.sub("", before)))
    if before and is_company_name(before) and not NOT_OWNER.search(before):
        return (bold, before) if is_product_name(bold) else (None, None)
    company, product = split_company(bold, known)
    return (product, company) if is_product_name(product) else (None, None)


#: a clause with a verb of its own is no bare subject ("国家药监局官网显示，…")
_CLAUSE_VERB = re.compile(r"显示|宣布|表示|声称|发布|披露|完成|获|通过|取得|将|已|作为|是")


def leading_subject(before: str, known: set[str]) -> tuple[str, str | None] | None:
    """The subject of a sentence's first clause when a later clause has none of its own: a bold
    name, "X作为/是…" (X not a company) or a model code opening the sentence ("CL-8000i单机…")."""
    first = CLAUSE_END.split(before, 1)[0]
    b = BOLD.search(first)
    if b:
        product, company = bold_name(first[:b.end()], b, known)
        return (product, company) if product else None
    a = AS_SUBJECT.match(first)
    if a and not COMPANY_WORD.search(a["rest"]) and not looks_like_company(clean_name(a["s"]) or "", known):
        product, company = name_from_phrase(a["s"], known, loose=True)
        return (product, company) if product else None
    m = MODEL_LEAD.match(first.strip())
    return (m["m"], None) if m else None


def bare_subject(clause: str, known: set[str]) -> tuple[str, str | None] | None:
    """A clause that is only a subject ("A与B联合开发的病理切片辅助诊断软件，于5月27日获得…",
    "Y的“X”软件按第二类医疗器械管理，于…取得注册证"): its product, when it names a maker or a
    quoted name and has no verb of its own; or a bare product name ("宫颈细胞学辅助诊断软件，2023年8月
    拿到国家药监局的三类证", an interview's answer once its 是 is gone)."""
    if _CLAUSE_VERB.search(clause):
        return None
    if not ("的" in clause or QUOTED.search(clause)):
        bare = clause.strip()
        return (bare, None) if 6 <= len(bare) <= 40 and PRODUCT_HEAD.search(bare) and is_product_name(bare) else None
    product, company = name_from_phrase(clause, known, loose=True)
    return (product, company) if product else None


def fuller_company(kept: str | None, other: str | None) -> str | None:
    """``kept``, or ``other`` when it is the maker's legal name and ``kept`` a short form
    ("微创电生理公司" in a headline, "上海微创电生理医疗科技股份有限公司" in the body)."""
    if not kept:
        return other
    if other and LEGAL_FORM.search(other) and not LEGAL_FORM.search(kept):
        return other
    return kept


def borrow_companies(cands: list[Candidate], headline: str, known: set[str]) -> list[Candidate]:
    """Makers for products a paragraph names without one: a short form of a product named with its
    maker in the same paragraph ("图迈" after "微创机器人图迈®四臂腔镜手术机器人", "多纳非尼" after
    "泽璟制药甲苯磺酸多纳非尼片"), or the maker the headline above writes before the product
    ("14｜和黄医药呋喹替尼获FDA批准上市")."""
    for cand in cands:
        if cand.company or not cand.product:
            continue
        short = norm(cand.product)
        donor = next((o for o in cands if o.company and o.product and len(short) >= 2
                      and short in norm(o.product) and short != norm(o.product)), None)
        cand.company = donor.company if donor else headline_company(headline, cand.product, known)
    return cands


def headline_company(headline: str, product: str, known: set[str]) -> str | None:
    """The company a news headline writes right before ``product`` ("14｜和黄医药呋喹替尼获FDA批准上市")."""
    text = re.sub(r"^\s*(?:#+\s*)?\d{1,3}\s*[｜|、.．]\s*|\*\*", "", headline or "")
    i = text.find(product)
    if i <= 0:
        return None
    co = clean_name(re.sub(r"的$", "", text[:i].strip()))
    return co if co and looks_like_company(co, known) else None


def subject_product(text: str) -> str | None:
    """The product in a subject phrase: a trailing brand after a description, the name after a
    category label ("心内科产品深脉分数®" -> "深脉分数®"), else the phrase itself without the
    description news writes before it ("1类创新药X" -> X)."""
    text = clean_name(strip_noise(text)) or ""
    if ORIGIN_CATEGORY.match(text):
        return None  # "国产创新药开始…": a category of products, not one
    # "产品“心电智能分析软件”", "全资子公司研发的一次性使用…导管": the name after what introduces it
    text = clean_name(_PRODUCT_INTRO.sub("", text)) or text
    text = lex.strip_descriptor(text)
    q = re.search(r"(?<=[\p{Han}])[“\"「『](?P<q>[^”\"」』]{2,20})[”\"」』]?$", text)
    if q and is_product_name(q["q"]):
        return clean_name(q["q"])  # "甲状腺结节超声图像辅助诊断软件“澜影”": the brand after its description
    b = TRAILING_BRAND.search(text)
    if b and len(b["b"]) >= 3 and b.start() > 0:
        return clean_name(b["b"])
    m = re.match(r"^.*?(?:产品|品牌)\s*(?P<n>[^\s].*)$", text)
    if m and is_product_name(m["n"]) and re.search(r"[A-Za-z0-9®™]", m["n"]):
        return clean_name(m["n"])
    return text if is_product_name(text) and not CATEGORY_TAIL.search(text) or _looks_named(text) else None


#: words introducing a product's name in a subject: "（其）产品", "旗下全资子公司研发的", "自主研发的"
_PRODUCT_INTRO = re.compile(r"^(?:(?:其|公司|旗下)?(?:核心|主要|主打|新|首款)?产品(?=[“\"「『]|\p{Han}{4})"
                            r"|(?:旗下)?(?:全资|控股)?子公司(?:自主)?(?:研发|开发|研制|生产)的)")


def _looks_named(text: str) -> bool:
    """A category-ending phrase still names a product when it is specific (long, or has Latin)."""
    return is_product_name(text) and (bool(re.search(r"[A-Za-z]", text)) or len(text) >= 8) and not re.search(
        r"^(?:人工智能|AI|医疗|数字|国产|进口|创新)?\s*(?:三类|二类|一类)?(?:医疗)?器械$", text)


def strip_noise(text: str) -> str:
    """Drop leading connectives and trailing time words / adverbs from a subject phrase."""
    s = text.strip()
    prev = None
    while prev != s:
        prev = s
        s = LEAD_NOISE.sub("", s).strip()
        s = TRAIL_NOISE.sub("", s).strip()
        s = re.sub(r"^(?:其|旗下)", "", s).strip()
    return s


#: people, not companies, who announce: "公司创始人", "该院院长", "首席执行官张某"
_PERSON_ROLE = re.compile(r"创始人|董事长|总经理|总裁|负责人|CEO|首席|主任|教授|医生|院长|经理|专家|记者")


#: a reporter's source: "记者从X获悉", "从X方面获悉"
_HEARD_FROM = re.compile(r"(?:从|自)(?P<co>[^，。；：:从自]{2,25}?)(?:处|方面|官方)?(?:获悉|了解到|得知)$")


def announcing_company(before: str) -> str | None:
    """The company in "Y宣布，其X获得…" (the clause before the product's clause)."""
    before = before.rstrip("，,： :")
    heard = _HEARD_FROM.search(before)
    if heard and is_company_name(clean_name(heard["co"])):
        return clean_name(heard["co"])  # "记者从北京衡川智能获悉，其…软件正式获批": the source speaks of itself
    m = ANNOUNCE_RE.search(before)
    if m:
        co = clean_name(LEAD_NOISE.sub("", m["co"]))
        if _PERSON_ROLE.search(co or ""):
            return None  # "公司创始人表示，他们的X…": a person speaks; "他们" is the company written before
        if is_company_name(co):
            return co
    m = ASPECT_RE.search(before)  # "迈瑞医疗方面，公司的…": only a name that is a company on its own
    if m:
        co = clean_name(LEAD_NOISE.sub("", m["co"]))
        if co and looks_like_company(co):
            return co
    return None


def company_in(sent: str, known: set[str], product: str) -> str | None:
    """A known company (from the document's tables or the gazetteer) written in the sentence."""
    hits = [c for c in known if len(c) >= 2 and c in sent]
    if not hits:
        return None
    # the maker usually prefixes the product name; else the first company written
    for c in sorted(hits, key=len, reverse=True):
        if product.startswith(c):
            return c
    return min(hits, key=lambda c: sent.find(c))


# --- bilingual documents ----------------------------------------------------------------------

def _han_share(line: str) -> float:
    """Share of Han characters among the letters of ``line`` (0 for an English line)."""
    han = len(re.findall(r"\p{Han}", line))
    latin = len(re.findall(r"[A-Za-z]", line))
    return han / (han + latin) if han + latin else 0.0


def translated_lines(text: str) -> list[tuple[int, int]]:
    """Document ranges of English lines a Chinese line right below translates: "Acme Co., Ltd.
    received CE certification for X in May 2024." above "艾克美公司的X于2024年5月取得CE证书。"
    (the two name the same regulator). The Chinese line states the fact, with the names as the
    document writes them in Chinese; the English one is left out (its comma-split legal names
    would read as products). English sentences without such a twin (a code-mixed brief) stay."""
    out = []
    lines = []
    pos = 0
    for line in text.splitlines(keepends=True):
        lines.append((pos, pos + len(line.rstrip("\r\n")), line.rstrip("\r\n")))
        pos += len(line)
    for (a, b, line), (_, _, nxt) in zip(lines, lines[1:]):
        if not line.strip() or not nxt.strip() or _han_share(line) >= 0.2 or _han_share(nxt) < 0.4:
            continue
        mine = {x for x, _, _ in authorities_in(line)}
        if mine and mine & {x for x, _, _ in authorities_in(nxt)}:
            out.append((a, b))
    return out


def outside(view, s: int, e: int, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces of view span [s, e) whose document offsets lie outside ``ranges`` (a sentence the
    view joined across an English line and its Chinese translation keeps the Chinese part)."""
    if not ranges:
        return [(s, e)]
    pieces, start = [], None
    for i in range(s, e):
        at = view.offsets[i]
        out = not any(a <= at < b for a, b in ranges)
        if out and start is None:
            start = i
        elif not out and start is not None:
            pieces.append((start, i))
            start = None
    if start is not None:
        pieces.append((start, e))
    return [(a, b) for a, b in pieces if view.text[a:b].strip()]

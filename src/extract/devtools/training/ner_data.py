"""Training data for the reportx NER, built reproducibly from the repository's own material.

Label scheme (which record fields each label feeds is declared by the record models, in their
``entity_fields``: funding_round.company is ORG, policy.title is LAW, a partnership's parties are
ORG or GOV as the name says …):

=========  ==========================================
label      what it marks
=========  ==========================================
ORG        companies, investors, institutions
GOV        government and regulatory bodies
PRODUCT    named products (devices, software, drugs)
MONEY      amounts of money
DATE       absolute dates (2020年8月, 2021.07): every ``date`` field
LAW        titles of policy documents
=========  ==========================================

Sources, in order of trust (a later source never overrides an earlier span):

1. gold: the names in ``fixtures/gold`` records, found inside their evidence in the report;
2. weak labels: gazetteers (GOV/ORG), the money and date normalisers, and the records the rule
   extractors produce (their names inside their evidence);
3. augmentation: the training sentences again with their ORG/GOV/PRODUCT/LAW names replaced by
   generated names of the same kind, so the model learns the frames, not the names.

Units are lines of the reports (a paragraph, a list item or a table row). A deterministic hash
of the unit text puts 20% of the units in the held-out split, which training never sees (it is
only scored, for reporting). A second, independent hash puts ~15% of the remaining units in the
dev split: spaCy picks its best checkpoint on it and all tuning (labelling rules, augmentation,
config) is judged on it, never on the held-out split. Augmentation is made from training units
only, so neither split sees a frame of its own lines.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import regex as re

if TYPE_CHECKING:
    from spacy.tokens import DocBin

LABELS = ("ORG", "GOV", "PRODUCT", "MONEY", "DATE", "LAW")
HELDOUT_SHARE = 5  # one unit in five is held out
DEV_PERCENT = 15  # of the units that are not held out, this share is the dev split
MAX_UNIT_CHARS = 400


@dataclass
class Unit:
    """One line of a report with its entity spans (character offsets in ``text``)."""

    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    source: str = ""

    @property
    def heldout(self) -> bool:
        return int(hashlib.sha1(self.text.encode("utf-8")).hexdigest(), 16) % HELDOUT_SHARE == 0

    @property
    def split(self) -> str:
        """"heldout", "dev" or "train" (deterministic: hashes of the text alone)."""
        if self.heldout:
            return "heldout"
        h = int(hashlib.sha1(("dev|" + self.text).encode("utf-8")).hexdigest(), 16)
        return "dev" if h % 100 < DEV_PERCENT else "train"

    def add(self, start: int, end: int, label: str) -> bool:
        """Add a span unless it overlaps one already there (earlier sources win)."""
        if start >= end or not self.text[start:end].strip():
            return False
        if any(start < e and s < end for s, e, _ in self.spans):
            return False
        self.spans.append((start, end, label))
        return True

    def to_json(self) -> dict:
        return {"text": self.text, "spans": sorted(self.spans), "source": self.source}


#: table headers whose cells are entities of a label (checked in this order)
_COLUMN_LABELS = {
    "ORG_investors": re.compile(r"投资方|投资机构|投资人|领投|Investors?", re.I),
    "GOV": re.compile(r"发布单位|发布机构|发布部门|发文机关|发文单位|印发部门|颁布机构"),
    "LAW": re.compile(r"政策名称|文件名称|政策文件|法规名称"),
    "PRODUCT": re.compile(r"产品名称|获批产品|软件名|药品名称|^产品$|^药品$|Product", re.I),
    "ORG": re.compile(r"企业名称|企业简称|公司名称|^公司$|^企业$|注册人|申请人|Company", re.I),
}
_LIST_SPLIT = re.compile(r"[、，,；;]|\s{2,}")
_NAME_LIKE = re.compile(r"[\p{Han}A-Za-z]{2,}")


def _flex(name: str) -> re.Pattern:
    """A pattern for a name that tolerates layout whitespace between its characters."""
    parts = [re.escape(ch) for ch in re.sub(r"\s+", "", name)]
    return re.compile(r"\s*".join(parts))


def _find(text: str, name: str | None, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    if not name or not name.strip():
        return None
    m = _flex(name).search(text, lo, len(text) if hi is None else hi)
    return (m.start(), m.end()) if m else None


def _record_names(rec: dict) -> list[tuple[str, str]]:
    """(name, label) pairs a record (a prediction or a flat gold record) says are entities: the
    values of its kind's ``entity_fields``, in their order."""
    from ...records import RECORD_MODELS

    model = RECORD_MODELS.get(rec.get("kind", ""))
    if model is None:
        return []
    flat = model.flatten(rec)
    out: list[tuple[str, str]] = []
    for name, label in model.entity_fields.items():
        value = flat.get(name)
        for v in (value or []) if isinstance(value, list) else [value]:
            if label == "ORG|GOV":
                label_of = _org_or_gov(v)
                if label_of:
                    out.append((v, label_of))
            else:
                out.append((v, label))
    return [(n, lab) for n, lab in out if n]


def _org_or_gov(name: str | None) -> str | None:
    """GOV for a government body, ORG for another organisation; None for a unit of a government
    body (国家医疗保障局大数据中心 is neither) or no name."""
    from ...nlp.resources import gazetteer

    if not name:
        return None
    gov = gazetteer("gov")
    if name in gov or _GOV_NAME.search(name):
        return "GOV"
    if not any(g in name for g in gov if len(g) > 2):
        return "ORG"
    return None


#: names of government bodies (an organisation in a field that may hold either, ORG|GOV)
_GOV_NAME = re.compile(r"(?:卫健委|卫生健康委员会?|药监局|医保局|医疗保障局|人民政府|政府|委员会|管理局|办公厅|厅|局|部)$")


def _evidence_text(rec: dict) -> str:
    ev = rec.get("evidence")
    return ev.get("text", "") if isinstance(ev, dict) else (ev or "")


def units_from_report(text: str, records: Iterable[dict], source: str, names: dict[str, str] | None = None) -> list[Unit]:
    """Line units of one report labelled from ``records`` (gold or extractor output) then weak labels.

    ``names`` (name -> label) are entity names known from the whole corpus' records: every other
    mention of them is labelled too, so a company named in a table is also an ORG in prose.
    """
    from ...normalize import find_dates, find_money
    from ...nlp.resources import gazetteer

    line_starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            line_starts.append(i + 1)
    units: dict[int, Unit] = {}
    lines: list[tuple[int, int]] = []
    for i, s in enumerate(line_starts):
        e = line_starts[i + 1] - 1 if i + 1 < len(line_starts) else len(text)
        lines.append((s, e))

    def unit_at(offset: int) -> tuple[Unit, int] | None:
        # the line that holds ``offset``
        lo, hi = 0, len(lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if lines[mid][0] <= offset:
                lo = mid
            else:
                hi = mid - 1
        s, e = lines[lo]
        if e - s > MAX_UNIT_CHARS or not text[s:e].strip():
            return None
        if lo not in units:
            units[lo] = Unit(text[s:e], source=source)
        return units[lo], s

    # 1. names of records, found inside their evidence
    for rec in records:
        ev = _evidence_text(rec)
        if not ev:
            continue
        pos = text.find(ev)
        if pos < 0:
            continue
        for name, label in _record_names(rec):
            hit = _find(text, name, pos, pos + len(ev))
            if hit is None:
                continue
            got = unit_at(hit[0])
            if got is None:
                continue
            unit, base = got
            if hit[1] - base <= len(unit.text):
                unit.add(hit[0] - base, hit[1] - base, label)

    # 2. table cells under a header that names their kind (企业名称, 投资机构, 发布单位, 产品名称 …)
    from ...document import Document
    from ...structure import BlockType, analyse

    structure = analyse(Document(text=text, source=source))
    for block in structure.of_type(BlockType.TABLE):
        cols = block.table.find_columns(_COLUMN_LABELS)
        for row in block.table.rows:
            for label_key, col in cols.items():
                cell = row.cell(col)
                if cell is None or cell.empty or "\n" in text[cell.start:cell.end]:
                    continue
                label = label_key.split("_")[0]
                parts = [cell.text] if label != "ORG" else [p for p in _LIST_SPLIT.split(cell.text) if p.strip()]
                for part in parts:
                    hit = _find(text, part.strip(), cell.start, cell.end)
                    got = unit_at(hit[0]) if hit else None
                    if got is not None and _NAME_LIKE.search(part):
                        unit, base = got
                        unit.add(hit[0] - base, hit[1] - base, label)

    # 3. weak labels on every line that has an entity-ish cue
    gov = sorted(gazetteer("gov"), key=len, reverse=True)
    org = sorted(gazetteer("org"), key=len, reverse=True)
    known = {n: lab for n, lab in (names or {}).items() if _usable_name(n)}
    terms = sorted(set(gov) | set(org) | set(known), key=len, reverse=True)
    gaz = re.compile("|".join(_bounded(t) for t in terms))
    gov_set, org_set = set(gov), set(org)
    known_org = {n for n, lab in known.items() if lab == "ORG"} | set(org)
    known_other = {n for n, lab in known.items() if lab != "ORG"} | gov_set
    for idx, (s, e) in enumerate(lines):
        line = text[s:e]
        if not line.strip() or len(line) > MAX_UNIT_CHARS:
            continue
        unit = units.get(idx)
        # full legal names first (德勤有限公司, not the gazetteer's 德勤 inside it)
        cues = [(ls, le, "ORG") for ls, le in _legal_names(line)]
        # a gazetteer's label wins over a record's (港交所 is an exchange, ORG, whatever a rule read)
        cues += [(m.start(), m.end(), "GOV" if m.group() in gov_set else "ORG" if m.group() in org_set else known[m.group()])
                 for m in gaz.finditer(line)]
        cues += [(d.start, d.end, "DATE") for d in find_dates(line)]
        cues += [(m.start, m.end, "MONEY") for m in find_money(line) if m.value is not None or m.qualifier == "vague"]
        # the least sure: enumerations of organisations and brands in funding/cooperation frames
        cues += [(ls, le, "ORG") for ls, le in _list_orgs(line, known_org, known_other) + _frame_orgs(line)]
        if not cues and unit is None:
            continue
        if unit is None:
            unit = units[idx] = Unit(line, source=source)
        for cs, ce, label in cues:
            unit.add(cs, ce, label)
        for cs, ce in _aliases(line, unit.spans):
            unit.add(cs, ce, "ORG")
        unit.spans = _extend_spans(line, unit.spans)
    return [units[k] for k in sorted(units)]


# --- rule-based ORG cues (weak labels that the gazetteers and records miss) --------------------

_PROVINCES = (
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 "
    "云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门"
).split()
_CITIES = (
    "深圳 广州 杭州 苏州 南京 成都 武汉 西安 长沙 郑州 青岛 厦门 宁波 无锡 合肥 珠海 东莞 佛山 济南 沈阳 大连 哈尔滨 "
    "长春 昆明 南昌 福州 贵阳 南宁 太原 石家庄 常州 南通 温州 嘉兴 绍兴 泰州 烟台 海口 三亚 兰州 中山 惠州 昆山 "
    "张家港 徐州 扬州 镇江 湖州 台州 金华 潍坊 淄博 洛阳 宜昌 襄阳 芜湖 泉州 漳州 赣州 柳州 桂林 绵阳 遵义"
).split()
_PLACE = r"(?:{})(?:省|市|自治区|特别行政区)?".format("|".join(sorted(_PROVINCES + _CITIES, key=len, reverse=True)))
_PLACE_RE = re.compile(_PLACE)
#: a company's legal form: 有限公司, 股份有限公司, （集团）股份有限公司 …
_LEGAL_SUFFIX_RE = re.compile(r"(?:[（(]集团[）)])?(?:股份有限公司|有限责任公司|有限公司)")
#: characters a legal name is made of (a run of them ends at punctuation or layout)
_NAME_CHAR = re.compile(r"[\p{Han}A-Za-z0-9（）()·&]")
#: words a legal name never starts after: the clause's verb or preposition before the name
_BEFORE_NAME = re.compile(
    r"(?:批准|核准|获得|获|宣布|携手|旗下|收购|由|与|向|被|及|以及|是|为|的|在|将|对|从|和|即|系|"
    r"包括|例如|比如|如|其中|子公司|公司|企业|厂商|注册人|申请人|授予|颁发|给予|认定|入选|成为|作为|"
    r"泛指|一家|多家|或|转让予|转让给|予|给|称|指|任何|设立|担保)"
)
#: "（以下简称“艾隆科技”）": the short name a document uses for a company
_ALIAS_RE = re.compile(r"[（(]\s*(?:以下)?(?:简称|下称)[:：]?\s*[“\"「『]?([^”\"」』）)，,、]{2,16}?)[”\"」』]?\s*(?:[，,、或]|[）)])")
#: heads of brand names of companies and investors (深睿医疗, 高瓴资本, 鹰瞳科技 …)
_ORG_HEAD = (
    r"(?:医疗科技|智能科技|生物科技|医药科技|健康科技|信息科技|科技|医疗|智能|医药|生物|药业|制药|医学|健康|影像|数据|"
    r"资本|创投|基金|投资|控股|集团|证券|研究院|智库|咨询)"
)
_ORG_BRAND_RE = re.compile(r"^(?:[\p{Han}]{2,6}|[A-Za-z][A-Za-z0-9]{1,15}\s?)" + _ORG_HEAD + "$")
_LATIN_NAME_RE = re.compile(r"^[A-Z][A-Za-z0-9.&\-]*(?:\s[A-Z][A-Za-z0-9.&\-]*){0,3}$")
#: first characters of generic phrases that end like a brand (数字医疗, 智慧医疗, 产业基金 …)
_GENERIC_STEM = re.compile(
    r"^(?:境外|数字|智慧|互联网|精准|人工|移动|远程|基层|创新|国产|中国|全球|国内|海外|国际|产业|政府|引导|天使|早期|专项|国有|社会|"
    r"医疗|医学|生物|健康|智能|科技|大健康|传统|新型|相关|上述|其他|部分|多家|一家|该|本|其|这|此|某|各|头部|龙头|本土|外资|"
    r"跨国|知名|大型|中小|初创|创业|风险|私募|股权|并购|母|子|分|旗下|主要|核心|AI|影像|医药|基因|细胞|康复|养老|专科|"
    r"公立|民营|商业|临床|药品|器械|医保|信息|云|大数据|区块链|元宇宙|生命|消费|高端|现代|未来|领先|优质|个人|机构|专业)"
)


def _legal_names(line: str) -> list[tuple[int, int]]:
    """Full legal names ending in 有限公司 (上海微创电生理医疗科技股份有限公司)."""
    out = []
    prev_end = 0
    for m in _LEGAL_SUFFIX_RE.finditer(line):
        start = m.start()
        while start > prev_end and m.start() - start < 30 and _NAME_CHAR.match(line[start - 1]):
            # a closing bracket belongs to the name only as a place in brackets: 强联智创（北京）科技
            if line[start - 1] in "）)" and not re.search(r"[（(][\p{Han}]{2,4}$", line[max(0, start - 7):start - 1]):
                break
            start -= 1
        run = line[start:m.start()]
        places = [pm for pm in _PLACE_RE.finditer(run) if pm.start() == 0 or run[pm.start() - 1] not in "（("]
        places = [pm for pm in places if m.start() - (start + pm.start()) >= 3]
        if places:
            # the first place unless a clause word separates it from the last one
            first = places[0].start()
            cut = first if not _BEFORE_NAME.search(run[first:places[-1].start()]) else places[-1].start()
        else:
            # after the last clause word that leaves a name of four characters or more (华为技术
            # keeps its 为), and after a year (版权所有2024年华泰证券股份有限公司)
            cut = 0
            for bm in _BEFORE_NAME.finditer(run):
                left = len(run) - bm.end()
                if left >= 4 or (left >= 2 and bm.group() not in ("为", "和", "如", "及", "与")):
                    cut = bm.end()
            for ym in re.finditer(r"(?:19|20)\d\d\s*年?", run):
                cut = max(cut, ym.end())
        while cut < len(run) and run[cut] in "（()）·&":
            cut += 1
        core = run[cut:]
        if 2 <= len(core) <= 25 and not _GENERIC_STEM.match(core) and not core.endswith("责任") and not re.fullmatch(r"[\d（）()]+", core):
            out.append((start + cut, m.end()))
        prev_end = m.end()
    return out


#: "美敦力（Medtronic）", "微医控股（微医）": another name of an organisation, in brackets right after it
_BRACKET_NAME_RE = re.compile(r"[（(]\s*([A-Z][A-Za-z0-9.&'\-]*(?: [A-Za-z][A-Za-z0-9.&'\-]*){0,4}|[\p{Han}]{2,8})\s*[）)]")


def _short_form(short: str, name: str) -> bool:
    """``short`` is made of ``name``'s characters in order (思迈德 of 苏州思迈德医疗科技有限公司)."""
    it = iter(name)
    return len(short) < len(name) and all(ch in it for ch in short)


def _aliases(line: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Other names of an ORG, right after it: 苏州艾隆科技股份有限公司（以下简称“艾隆科技”）, an
    English name in brackets (美敦力（Medtronic）), a short form in brackets (微医控股（微医）)."""
    out = []
    orgs = {e: line[s:e] for s, e, lab in spans if lab == "ORG"}
    for m in _ALIAS_RE.finditer(line):
        if m.start() in orgs and _NAME_LIKE.search(m.group(1)) and m.group(1) not in ("公司", "本公司", "集团", "本集团"):
            out.append((m.start(1), m.end(1)))
    for m in _BRACKET_NAME_RE.finditer(line):
        name, alias = orgs.get(m.start()), m.group(1)
        if name is None:
            continue
        # a Latin name with a lower-case letter (Medtronic, Yizhun Medical AI; not an acronym such
        # as MRD or a code such as SKB264), or a Chinese short form of the name itself
        latin = alias.isascii() and len(alias) >= 3 and bool(re.search(r"[a-z]", alias)) and not re.search(r"\d", alias)
        if latin or (not alias.isascii() and _short_form(alias, name)):
            out.append((m.start(1), m.end(1)))
    return out


#: what may stand before the first item of a list of organisations, and after its last
_LIST_LEAD = re.compile(r"^.*(?:与|和|同|如|包括|包含|由|及|获得|获|向|对|有|为|是|：|:|以及|例如|比如|其中|投资方|投资机构|客户|伙伴)")
_LIST_TAIL = re.compile(r"(?:等|领投|跟投|参投|联合|共同|合投|作为|在内|旗下|宣布|的|均|分别|相继|纷纷|也|都|已|持续|跟进|一起|则).*$")


def _org_like(item: str, known_org: set[str]) -> int:
    """2: a known organisation or a brand with a company/investor head; 1: a Latin name; 0: no."""
    item = item.strip()
    if item in known_org:
        return 2
    if _GENERIC_STEM.match(item):
        return 0
    if _ORG_BRAND_RE.match(item):
        return 2
    # a Latin name with lower case (not an acronym: HIS, PACS, ALK)
    return int(bool(_LATIN_NAME_RE.match(item) and len(item) >= 3 and re.search(r"[a-z]", item)))


def _list_orgs(line: str, known_org: set[str], known_other: set[str]) -> list[tuple[int, int]]:
    """Items of an enumeration of organisations (深透医疗、Manteia、科亚医疗、推想科技等国内 AI 企业).

    An item is labelled when it looks like an organisation (a known name, a brand with a company
    or investor head, a capitalised Latin name) and most items of its list do.
    """
    out = []
    for clause in re.finditer(r"[^，。；;！？!?\t“”《》（）()\[\]【】,]+", line):
        text = clause.group()
        if "、" not in text:
            continue
        pieces = text.split("、")
        offs = []
        pos = clause.start()
        for piece in pieces:
            offs.append([pos, pos + len(piece)])
            pos += len(piece) + 1
        lead = _LIST_LEAD.match(pieces[0])
        if lead:
            offs[0][0] += lead.end()
        # the tail words end the last item (not at its first character: 和铂医药)
        first = line[offs[-1][0]:offs[-1][1]]
        tail = _LIST_TAIL.search(first, 1)
        if tail:
            offs[-1][1] = offs[-1][0] + tail.start()
        items = []
        for s, e in offs:
            while s < e and line[s].isspace():
                s += 1
            while e > s and line[e - 1].isspace():
                e -= 1
            items.append((s, e))
        if any(line[s:e] in known_other for s, e in items):
            continue
        kinds = [_org_like(line[s:e], known_org) if 2 <= e - s <= 20 else 0 for s, e in items]
        good = [it for it, k in zip(items, kinds) if k]
        if len(good) >= 2 and 2 * len(good) > len(items) and 2 in kinds:
            out += good
    return out


#: a brand name in a funding or cooperation frame: "望里科技完成近亿元A轮融资", "由高瓴资本领投"
_FRAME_HEAD = r"(?:医疗科技|智能科技|生物科技|医药科技|科技|医疗|智能|医药|生物|药业|制药|资本|创投|基金|集团)"
_FRAME_AFTER = re.compile(
    _FRAME_HEAD + r"(?=宣布|完成|获得|获|推出|发布|领投|跟投|参投|独家投资|旗下|携手|联合|牵头|再获|又获|正式|成功|"
    r"[（(][A-Za-z])"
)
_FRAME_BEFORE = re.compile(r"(?:^|[，。；：:、\s“”「」（(｜|]|由|与|和|及|获|获得|如|向|对|而|以|据|作为|此前|其中|包括|例如|比如)$")

#: a one-character stem (深创投) only after punctuation or an unambiguous preposition (not 和黄医药's 和)
_FRAME_BEFORE_ONE = re.compile(r"(?:^|[，。；：:、\s“”「」（(｜|]|由|获得|作为)$")


def _frame_orgs(line: str) -> list[tuple[int, int]]:
    out = []
    for m in _FRAME_AFTER.finditer(line):
        # the shortest stem (1-4 characters) that stands after a clause boundary or preposition
        for n in (1, 2, 3, 4):
            s = m.start() - n
            if s < 0 or not re.fullmatch(r"[\p{Han}]+", line[s:m.start()]):
                break
            before = _FRAME_BEFORE if n > 1 else _FRAME_BEFORE_ONE
            if before.search(line[max(0, s - 4):s]) and not _GENERIC_STEM.match(line[s:m.end()]):
                out.append((s, m.end()))
                break
    return out


def _extend_spans(line: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Whole names as written: an ORG with its legal form (德勤 → 德勤有限公司), a GOV with its
    place (医保局 → 福建省医保局, 四川 + 药监局 → 四川省药监局)."""
    spans = sorted(spans)
    out: list[tuple[int, int, str]] = []
    for i, (s, e, lab) in enumerate(spans):
        nxt = spans[i + 1][0] if i + 1 < len(spans) else len(line)
        prv = out[-1][1] if out else 0
        if lab == "ORG":
            m = _LEGAL_SUFFIX_RE.match(line, e)
            if m and m.end() <= nxt:
                e = m.end()
        elif lab == "GOV":
            m = re.search(r"(?:" + _PLACE + r")\s?$", line[prv:s])
            if m and not re.match(_PLACE + "$", line[s:e]):
                s = prv + m.start()
            elif out and out[-1][2] == "GOV" and re.fullmatch(_PLACE, line[out[-1][0]:s].strip()):
                # a place labelled on its own right before the body: merge
                s = out.pop()[0]
        out.append((s, e, lab))
    return out


#: names too generic to propagate as entities wherever they occur
_GENERIC_NAME = re.compile(r"^(?:公司|企业|集团|医院|平台|产品|软件|系统|政府|国家|国务院办公厅?)$")


def _usable_name(name: str) -> bool:
    n = name.strip()
    return len(n) >= (3 if n.isascii() else 2) and not _GENERIC_NAME.match(n) and "\n" not in n and len(n) <= 40


def _bounded(term: str) -> str:
    """A pattern for ``term``; Latin names must not sit inside a longer Latin word (GE in GEO)."""
    pat = re.escape(term)
    if re.match(r"[A-Za-z0-9]", term):
        pat = r"(?<![A-Za-z0-9])" + pat
    if re.search(r"[A-Za-z0-9]$", term):
        pat = pat + r"(?![A-Za-z0-9])"
    return pat


def record_names(records: Iterable[dict]) -> dict[str, str]:
    """Entity names (name -> label) the records state: companies, investors, issuers, products."""
    out: dict[str, str] = {}
    for rec in records:
        for name, label in _record_names(rec):
            if label in ("ORG", "GOV", "PRODUCT") and name and name.strip():
                out.setdefault(re.sub(r"\s+", " ", name.strip()), label)
    return out


# --- augmentation ----------------------------------------------------------------------------

_HAN_STEMS = (
    "深睿 联影 推想 数坤 鹰瞳 硅基 汇医 体素 柏视 强联 安德 睿心 医准 视见 图玛 博动 深至 康众 和鉴 星辰 "
    "华晟 远景 明德 青禾 泰和 汇川 博睿 思源 德济 安诺 微光 致远 蓝海 鼎晖 嘉和 瑞智 云启 北辰 锐视 百恒"
).split()
_ORG_SUFFIX = "科技 医疗 智能 医学 生物 医药 健康 影像 数据 医疗科技 智能科技 生物科技".split()
_INVESTOR_SUFFIX = "资本 创投 基金 投资 资产 产业基金 创业投资 股权投资".split()
_PLACES = "北京市 上海市 广东省 浙江省 江苏省 四川省 湖北省 山东省 深圳市 杭州市 苏州市 成都市 武汉市 天津市 福建省".split()
_GOV_SUFFIX = (
    "卫生健康委员会 药品监督管理局 人民政府办公厅 医疗保障局 发展和改革委员会 经济和信息化厅 科学技术厅 "
    "人民政府 市场监督管理局 卫健委"
).split()
_NATIONAL_GOV = "国务院办公厅 国家卫生健康委员会 国家药监局 国家医保局 工业和信息化部 科技部 国家中医药管理局 国家发展改革委".split()
_ORGANS = "肺结节 眼底 心电 骨折 脑卒中 乳腺 冠脉 甲状腺 颅内出血 病理切片 胸部 肝脏".split()
_MODALITY = ["CT", "MR", "影像", "图像", "X光", "超声", ""]
_PRODUCT_HEAD = "辅助诊断软件 辅助检测软件 分析软件 计算软件 评估系统 筛查系统 影像处理软件 辅助决策软件".split()
_EN_PARTS = "Vision Deep Neuro Cardio Lung Retina Insight Scan Med Path Sense Core Logic Bio Quantum".split()
_LAW_TOPICS = (
    "促进医疗人工智能产业发展 推进智慧医院建设 加快数字健康发展 支持创新医疗器械发展 深化医药卫生体制改革 "
    "推动生物医药产业高质量发展 加强互联网诊疗监管"
).split()
_LAW_HEADS = "若干措施 实施方案 行动计划 指导意见 管理办法 工作要点".split()


#: characters of Chinese brand names (stems are drawn from them as well as from _HAN_STEMS)
_NAME_CHARS = (
    "安博澳百邦贝奥晨诚创达德鼎东方丰福富高冠光广海瀚禾和恒弘宏华汇惠佳嘉健金锦晶景精君凯康科坤蓝朗力联林领龙迈美明铭"
    "诺鹏齐启千乾清睿瑞润赛森尚深圣盛时世数思泰天同拓万微维伟沃芯新鑫星兴旭雅亚扬医亿益翼英盈永优远悦云泽臻正之智中"
    "卓至知灵影图视心脉元源峰阳信合欣捷迪特普宁杰伦罗玛莱斯艾珀凡锐逸翊皓霖柏桐橙湃奕昊骏澜熙曜"
)
_LEGAL_INDUSTRY = "医疗科技 生物科技 智能科技 医疗器械 生物医药 信息技术 医药科技 健康科技 科技 医疗 生物技术 机器人".split()
_LEGAL_FORM = ["有限公司", "有限公司", "股份有限公司", "有限责任公司"]
_INSTITUTION_HEAD = "医院 人民医院 大学 研究院 研究所 实验室 中心 学会 协会".split()
_LATIN_SYLL = "ze la mi no ra vi ta ko ne si lu ca re do ma ti vo xi qu an el or in ex bi sy ge ar um is".split()
_LATIN_COMPANY = ["", "", " Medical", " Health", " AI", " Therapeutics", " Bio", " Robotics", " Technologies", " Medicine", " Healthcare"]
_LATIN_INVESTOR = [" Capital", " Ventures", " Partners", " Investment", " Healthcare Fund"]
_INVESTOR_RE = re.compile(r"资本|创投|基金|投资|资产|Capital|Ventures?|Partners|Fund", re.I)


def _han_stem(rng: random.Random, lo: int = 2, hi: int = 2) -> str:
    if lo == hi == 2 and rng.random() < 0.4:
        return rng.choice(_HAN_STEMS)
    return "".join(rng.choice(_NAME_CHARS) for _ in range(rng.randint(lo, hi)))


def _latin_word(rng: random.Random) -> str:
    return "".join(rng.choice(_LATIN_SYLL) for _ in range(rng.randint(2, 3))).capitalize()


def _org_name(rng: random.Random, original: str) -> str:
    """A generated organisation name of the same shape as ``original`` (legal name, brand,
    investor, Latin, mixed Latin + Chinese head, institution, a bare brand without a head)."""
    o = original.strip()
    investor = bool(_INVESTOR_RE.search(o))
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 .&'\-]*", o):
        if investor:
            return _latin_word(rng) + rng.choice(_LATIN_INVESTOR)
        if re.fullmatch(r"[A-Z]{2,5}", o):
            return "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ") for _ in range(len(o)))
        return (_latin_word(rng) + (_latin_word(rng).lower() if rng.random() < 0.3 else "") + rng.choice(_LATIN_COMPANY))
    if _LEGAL_SUFFIX_RE.search(o):
        place = rng.choice(_PROVINCES[:20] + _CITIES[:20]) if rng.random() < 0.7 else ""
        stem = _han_stem(rng, 2, 4)
        if place and rng.random() < 0.15:
            return stem + rng.choice(_LEGAL_INDUSTRY) + f"（{place}）" + rng.choice(_LEGAL_FORM)
        if place and rng.random() < 0.3:
            place += rng.choice(["市", "省"]) if place in _CITIES else ""
        return place + stem + rng.choice(_LEGAL_INDUSTRY) + rng.choice(_LEGAL_FORM)
    m = re.match(r"([A-Za-z][A-Za-z0-9]*)(\s?)([\p{Han}].*)$", o)
    if m:  # GE 医疗, IDG资本
        latin = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ") for _ in range(rng.randint(2, 4))) if m.group(1).isupper() else _latin_word(rng)
        head = rng.choice(_INVESTOR_SUFFIX[:4]) if investor else rng.choice(_ORG_SUFFIX)
        return latin + m.group(2) + head
    if investor:
        return _han_stem(rng) + rng.choice(_INVESTOR_SUFFIX)
    inst = next((h for h in _INSTITUTION_HEAD if o.endswith(h)), None)
    if inst:
        return (rng.choice(_PLACES[:10]) if rng.random() < 0.5 else "") + _han_stem(rng) + inst
    if re.search(_ORG_HEAD + "$", o):
        return _han_stem(rng) + rng.choice(_ORG_SUFFIX + ["药业", "制药", "集团", "医学影像", "健康科技"])
    # a bare brand (德尚韵兴, 微医): a generated brand with a head (augment() prefers real ones)
    return _han_stem(rng) + rng.choice(_ORG_SUFFIX)


def _name(label: str, rng: random.Random, original: str) -> str:
    latin = bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9 .\-]*", original))
    if label == "ORG":
        return _org_name(rng, original)
    if label == "GOV":
        if latin:  # FDA, NMPA, CE: the frame around them is about that regulator
            return original
        if rng.random() < 0.3:
            return rng.choice(_NATIONAL_GOV)
        return rng.choice(_PLACES) + rng.choice(_GOV_SUFFIX)
    if label == "PRODUCT":
        if latin:
            return rng.choice(_EN_PARTS) + rng.choice(_EN_PARTS) + rng.choice(["", " AI", "-X", " Pro"])
        return rng.choice(_ORGANS) + rng.choice(_MODALITY) + rng.choice(_PRODUCT_HEAD)
    if label == "LAW":
        year = rng.randint(2019, 2025)
        if rng.random() < 0.4:
            return f"关于{rng.choice(_LAW_TOPICS)}的{rng.choice(['通知', '意见', '指导意见'])}"
        return f"{rng.choice(_PLACES)}{rng.choice(_LAW_TOPICS)}{rng.choice(_LAW_HEADS)}（{year}-{year + 2}年）"
    return original


def bare_brand(name: str) -> bool:
    """A Chinese organisation name without a head that tells its kind (德尚韵兴, 通和毓承, 微医)."""
    n = name.strip()
    return bool(re.fullmatch(r"[\p{Han}]{2,6}", n)) and not re.search(
        _ORG_HEAD + "$|公司$|" + "|".join(_INSTITUTION_HEAD) + "|" + _INVESTOR_RE.pattern, n)


def augment(unit: Unit, rng: random.Random, copies: int = 2, bare_names: list[str] | None = None) -> list[Unit]:
    """Copies of ``unit`` with its ORG/GOV/PRODUCT/LAW names replaced by generated names.

    A bare brand (no head that says it is a company) is replaced by another bare brand of the
    training lines (``bare_names``) or by a generated brand with a head: random bare character
    strings would teach the model that any unfamiliar word can be an organisation.
    """
    swappable = [sp for sp in sorted(unit.spans) if sp[2] in ("ORG", "GOV", "PRODUCT", "LAW")]
    if not swappable:
        return []
    out = []
    for _ in range(copies):
        text = ""
        spans: list[tuple[int, int, str]] = []
        pos = 0
        same: dict[tuple[str, str], str] = {}  # one name is replaced by one name throughout the line
        for s, e, label in sorted(unit.spans):
            text += unit.text[pos:s]
            key = (unit.text[s:e], label)
            if (s, e, label) in swappable:
                if key not in same:
                    orig = unit.text[s:e]
                    if label == "ORG" and bare_names and bare_brand(orig) and rng.random() < 0.7:
                        same[key] = rng.choice(bare_names)
                    else:
                        same[key] = _name(label, rng, orig)
                name = same[key]
            else:
                name = unit.text[s:e]
            spans.append((len(text), len(text) + len(name), label))
            text += name
            pos = e
        text += unit.text[pos:]
        out.append(Unit(text, spans, source=unit.source + "#aug"))
    return out


# --- building the corpus ---------------------------------------------------------------------


def build_units(reports: list[tuple[Path, list[dict]]], seed: int = 0, copies: int = 2) -> tuple[list[Unit], list[Unit], list[Unit]]:
    """(train, dev, heldout) units from (report path, records) pairs; augmentation from train only."""
    rng = random.Random(seed)
    splits: dict[str, list[Unit]] = {"train": [], "dev": [], "heldout": []}
    seen: set[str] = set()
    names: dict[str, str] = {}
    for _, records in reports:
        for n, lab in record_names(records).items():
            names.setdefault(n, lab)
    texts = [(Path(path).read_text(encoding="utf-8"), records, Path(path).name) for path, records in reports]
    # organisations the rules found in a training line (a table cell, a legal name, a list) are
    # organisations in every other line too: a second pass labels all their mentions, so the
    # model is not taught that the same name is an entity in one line and not in the next
    for text, records, source in texts:
        for u in units_from_report(text, records, source, names):
            if u.split == "heldout":
                continue
            for s, e, lab in u.spans:
                if lab == "ORG":
                    names.setdefault(re.sub(r"\s+", " ", u.text[s:e].strip()), "ORG")
    for text, records, source in texts:
        for u in units_from_report(text, records, source, names):
            if u.text in seen:
                continue
            seen.add(u.text)
            splits[u.split].append(u)
    train = splits["train"]
    bare = sorted({u.text[s:e] for u in train for s, e, lab in u.spans if lab == "ORG" and bare_brand(u.text[s:e])})
    augmented = [a for u in train for a in augment(u, rng, copies, bare)]
    return train + augmented, splits["dev"], splits["heldout"]


def write_jsonl(units: list[Unit], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for u in units:
            f.write(json.dumps(u.to_json(), ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[Unit]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(Unit(d["text"], [tuple(s) for s in d["spans"]], d.get("source", "")))
    return out


def to_docbin(units: list[Unit], nlp) -> "DocBin":
    """Tokenize units with the pipeline's tokenizer and attach their spans as entities.

    A span that does not fall on token boundaries is dropped; overlapping spans are reduced to
    the longest (spacy.util.filter_spans).
    """
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    db = DocBin(store_user_data=False)
    for u in units:
        doc = nlp.make_doc(u.text)
        ents = []
        for s, e, label in u.spans:
            # a name that does not fall on token boundaries (医联 inside the word 医联体) is not
            # that entity in this sentence: widening it would teach the model a wrong span
            span = doc.char_span(s, e, label=label, alignment_mode="strict")
            if span is not None and span.text.strip():
                ents.append(span)
        doc.ents = filter_spans(ents)
        db.add(doc)
    return db

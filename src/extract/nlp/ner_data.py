"""Training data for the reportx NER, built reproducibly from the repository's own material.

Label scheme (how each label maps to record fields):

=========  ==========================================  =============================================
label      what it marks                               record fields it feeds
=========  ==========================================  =============================================
ORG        companies, investors, institutions          funding_round.company / investors,
                                                       certified_product.company
GOV        government and regulatory bodies            policy.issuers, certified_product.authority
PRODUCT    named products (devices, software, drugs)   certified_product.product
MONEY      amounts of money                            funding_round.amount
DATE       absolute dates (2020年8月, 2021.07)          every ``date`` field
LAW        titles of policy documents                  policy.title
=========  ==========================================  =============================================

Sources, in order of trust (a later source never overrides an earlier span):

1. gold: the names in ``fixtures/gold`` records, found inside their evidence in the report;
2. weak labels: gazetteers (GOV/ORG), the money and date normalisers, and the records the rule
   extractors produce (their names inside their evidence);
3. augmentation: the training sentences again with their ORG/GOV/PRODUCT/LAW names replaced by
   generated names of the same kind, so the model learns the frames, not the names.

Units are lines of the reports (a paragraph, a list item or a table row). A deterministic hash
of the unit text puts 20% of the units in the held-out split, which training never sees;
augmentation is made from training units only.
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
    """(name, label) pairs a record says are entities."""
    kind = rec.get("kind")
    out: list[tuple[str, str]] = []
    if kind == "policy":
        title = rec.get("title")
        if title:
            out.append((title, "LAW"))
        out += [(i, "GOV") for i in rec.get("issuers") or []]
    elif kind == "funding_round":
        out.append((rec.get("company"), "ORG"))
        out += [(i, "ORG") for i in rec.get("investors") or []]
        amount = rec.get("amount")
        raw = rec.get("amount_raw") or (amount.get("raw") if isinstance(amount, dict) else None)
        if raw:
            out.append((raw, "MONEY"))
    elif kind == "certified_product":
        out.append((rec.get("product"), "PRODUCT"))
        out.append((rec.get("company"), "ORG"))
    return [(n, lab) for n, lab in out if n]


def _evidence_text(rec: dict) -> str:
    ev = rec.get("evidence")
    return ev.get("text", "") if isinstance(ev, dict) else (ev or "")


def units_from_report(text: str, records: Iterable[dict], source: str, names: dict[str, str] | None = None) -> list[Unit]:
    """Line units of one report labelled from ``records`` (gold or extractor output) then weak labels.

    ``names`` (name -> label) are entity names known from the whole corpus' records: every other
    mention of them is labelled too, so a company named in a table is also an ORG in prose.
    """
    from ..normalize import find_dates, find_money
    from .resources import gazetteer

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
    from ..document import Document
    from ..structure import BlockType, analyse

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
    gov_set = set(gov)
    for idx, (s, e) in enumerate(lines):
        line = text[s:e]
        if not line.strip() or len(line) > MAX_UNIT_CHARS:
            continue
        unit = units.get(idx)
        cues = [(m.start(), m.end(), known.get(m.group()) or ("GOV" if m.group() in gov_set else "ORG")) for m in gaz.finditer(line)]
        cues += [(d.start, d.end, "DATE") for d in find_dates(line)]
        cues += [(m.start, m.end, "MONEY") for m in find_money(line) if m.value is not None or m.qualifier == "vague"]
        if not cues and unit is None:
            continue
        if unit is None:
            unit = units[idx] = Unit(line, source=source)
        for cs, ce, label in cues:
            unit.add(cs, ce, label)
    return [units[k] for k in sorted(units)]


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


def _name(label: str, rng: random.Random, original: str) -> str:
    latin = bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9 .\-]*", original))
    if label == "ORG":
        if latin:
            return rng.choice(_EN_PARTS) + rng.choice(_EN_PARTS).lower() + rng.choice(["", " Health", " AI", " Medical"])
        stem = rng.choice(_HAN_STEMS)
        if re.search(r"资本|创投|基金|投资|资产", original):
            return stem + rng.choice(_INVESTOR_SUFFIX)
        return stem + rng.choice(_ORG_SUFFIX)
    if label == "GOV":
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


def augment(unit: Unit, rng: random.Random, copies: int = 2) -> list[Unit]:
    """Copies of ``unit`` with its ORG/GOV/PRODUCT/LAW names replaced by generated names."""
    swappable = [sp for sp in sorted(unit.spans) if sp[2] in ("ORG", "GOV", "PRODUCT", "LAW")]
    if not swappable:
        return []
    out = []
    for _ in range(copies):
        text = ""
        spans: list[tuple[int, int, str]] = []
        pos = 0
        for s, e, label in sorted(unit.spans):
            text += unit.text[pos:s]
            name = _name(label, rng, unit.text[s:e]) if (s, e, label) in swappable else unit.text[s:e]
            spans.append((len(text), len(text) + len(name), label))
            text += name
            pos = e
        text += unit.text[pos:]
        out.append(Unit(text, spans, source=unit.source + "#aug"))
    return out


# --- building the corpus ---------------------------------------------------------------------


def build_units(reports: list[tuple[Path, list[dict]]], seed: int = 0, copies: int = 2) -> tuple[list[Unit], list[Unit]]:
    """(train, heldout) units from (report path, records) pairs; augmentation from train only."""
    rng = random.Random(seed)
    train: list[Unit] = []
    heldout: list[Unit] = []
    seen: set[str] = set()
    names: dict[str, str] = {}
    for _, records in reports:
        for n, lab in record_names(records).items():
            names.setdefault(n, lab)
    for path, records in reports:
        text = Path(path).read_text(encoding="utf-8")
        for u in units_from_report(text, records, Path(path).name, names):
            if u.text in seen:
                continue
            seen.add(u.text)
            (heldout if u.heldout else train).append(u)
    augmented = [a for u in train for a in augment(u, rng, copies)]
    return train + augmented, heldout


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

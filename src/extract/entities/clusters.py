"""ORG mention clusters: the forms one company takes in one document.

A report names a company once in full and then by a short name, and often by an English brand:

- a definition: "杭州示例医疗科技有限公司（以下简称“示例医疗”）", "（下称“示例”或“公司”）",
  "（简称“示例医疗”，688000.SH）" (a stock code after the name), "（“示例医药”）";
- a bracketed name in the other script: "示例医疗（Sample Medical）", "Sample Medical（示例医疗）";
- a bracketed short name or stock code: "苏州示例生物制药股份有限公司（示例制药）", "示例生物（2598.HK）";
- an announcement's issuer: "证券代码：688000  证券简称：示例医疗" above "上海示例医疗科技股份有限公司";
- the short form a text simply starts using: 杭州示例医疗科技有限公司 … 示例医疗 … 示例 (see
  ``names.abbreviates``), or the brand + 公司 of a news story ("示麓公司").

``build_clusters`` joins these forms (union-find over names) and returns one ``OrgCluster`` per
company with every written occurrence of its names (``Mention``s labelled ORG).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

import regex as re

from ..lexicon.places import is_place
from ..lexicon.agencies import is_gov_body
from ..lexicon.orgs import NAME_HEAD, QUOTED_RE, ROLE_NAMES, SECURITIES_NAME_RE, definition_matches, is_org_name
from ..nlp.resources import gazetteer
from ..structure import across_wraps, unwrap
from .mentions import Mention
from .names import abbreviates, brand_of, core, cut_lead, legal_names, _is_brand

#: a bracket right after a name: its other-script name, short name or stock code
_BRACKET = re.compile(r"\s*[（(](?P<inner>[^（）()\n]{2,40})[）)]")
_STOCK_CODE = re.compile(r"^\s*(?:(?:股票代码|证券代码)[:：]?\s*)?(?:\d{4,6}(?:\.(?:SH|SZ|HK|BJ|SS))?|(?:NASDAQ|NYSE|HKEX)\s*[:：]\s*[A-Z0-9.]{1,8})\s*$")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9 .&'\-]{1,40}$")
#: a Han name right before a bracket: a run of name characters after a function word
_HAN_BEFORE = re.compile(r"(?P<name>[\p{Han}A-Za-z0-9]{2,14})$")
_FUNCTION_LEAD = re.compile(r"^.*?(?:[与和及同在由对向为是的了将把被从、]|公司|企业|平台)(?=[\p{Han}A-Za-z]{2})")
#: characters after which a bare brand ends ("示例宣布", "示例的…", "示例（…）")
_BRAND_END = re.compile(r"(?:[^\p{Han}]|[的与和及、在于已将均也还又曾为是则获完宣称表透等])")
#: what may follow a brand in a short form the text uses (示例医疗, 示例公司), tried in this order
_TAIL = re.compile(r"(?P<tail>" + NAME_HEAD + r"|公司|集团)?")
_HAN = re.compile(r"\p{Han}")
#: words that are never a company's name even when a bracket follows them
_NOT_NAME = re.compile(r"^(?:公司|本公司|该公司|集团|企业|产品|软件|系统|项目|平台|技术|医院|政府|协会)$")

#: the last words of a product, a programme or a document, never of an organisation's name
_NOT_ORG_END = re.compile(r"(?:软件|系统|试剂盒|试剂|算法|模型|产品|认证|认定|证书|注册证|规则|采购|指南|方案|计划|项目|疗法|障碍|融资|交易|协议|"
                          r"注射液|胶囊|片|仪|设备|导管|支架|平台|领投|跟投|独家|牵头|参投)$")
#: a Latin name that reads as a company's ("Sample Medical", "Airdoc", "Harborline Capital"), not
#: an abbreviation or a product code ("ADHD", "VBP", "LX-Lung", "CT-FFR")
_LATIN_ORG_WORD = re.compile(
    r"(?i:\b(?:Medical|Medicine|Bio|Biotech|Health|Healthcare|Robotics|Technology|Technologies|Tech|Capital|Ventures?|Partners|"
    r"Investments?|Pharma|Pharmaceuticals?|Therapeutics|AI|Group|Inc|Ltd|GmbH|Intelligence|Surgical|Imaging|Diagnostics|DTx|"
    r"Sciences?|Holdings?|Labs?|Systems|Software|Care|Genomics)\b)")
_COUNTRIES = re.compile(r"^(?:中国|美国|德国|英国|法国|日本|韩国|瑞士|瑞典|荷兰|比利时|丹麦|以色列|新加坡|澳大利亚|加拿大|意大利|西班牙|奥地利|爱尔兰|印度|欧洲|欧盟|海外)$")


def _latin_org(name: str) -> bool:
    name = name.strip()
    if re.search(r"[\d\-]", name) or name in _GAZETTEER_LATIN():
        return name in _GAZETTEER_LATIN() or bool(_LATIN_ORG_WORD.search(name)) and not re.search(r"\d", name)
    if _LATIN_ORG_WORD.search(name):
        return True
    # one word in mixed case: a brand ("Airdoc", "LinkDoc", "Infervision"), not an acronym ("ADHD")
    return bool(re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z]+)*", name)) and len(name) >= 4


def _han_org(name: str, legal: list[str]) -> bool:
    if name in legal or name in gazetteer("org"):
        return True
    if _NOT_NAME.match(name) or _NOT_ORG_END.search(name) or _COUNTRIES.match(name) or is_place(name) or is_gov_body(name):
        return False
    return bool(re.fullmatch(r"[\p{Han}A-Za-z]{2,14}", name)) and not re.search(r"[的了是在把被将对从向这那其该各每此些]", name)


def _org_like(full: str, legal: list[str]) -> bool:
    """Whether a defined full name is an organisation's (not a body's, a deal's or a document's)."""
    if full in legal or full in gazetteer("org"):
        return True
    if is_gov_body(full) or _NOT_ORG_END.search(full) or re.search(r"\d", full):
        return False
    return is_org_name(full) or bool(re.fullmatch(r"[A-Za-z][A-Za-z .&'\-]{2,40}", full))


@lru_cache(maxsize=1)  # the gazetteer is read once per process; this set was rebuilt per call
def _GAZETTEER_LATIN() -> frozenset[str]:
    return frozenset(t for t in gazetteer("org") if re.fullmatch(r"[A-Za-z0-9 .&'\-]+", t))



@dataclass
class OrgCluster:
    """One organisation of the document and the names it is written by."""

    id: int
    names: list[str] = field(default_factory=list)  # every form, first written first
    full: str | None = None  # the legal name (Chinese first)
    short: str | None = None  # the defined short name, else the short form the text uses
    english: str | None = None  # a name in Latin letters
    role: bool = False  # the document's 公司: defined as 公司/发行人, or the announcement's issuer
    first: int = -1  # where it is first written

    @property
    def canonical(self) -> str:
        """The name a record gives this organisation when the text leaves the choice open."""
        return self.short or self.full or self.names[0]

    def __contains__(self, name: str) -> bool:
        return name in self.names


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, a: str) -> None:
        self.parent.setdefault(a, a)

    def find(self, a: str) -> str:
        self.add(a)
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def definitions(text: str) -> list[tuple[int, int, str, list[str]]]:
    """(start of the full name, end of the full name, full name, quoted names) of each short-name
    definition, the full name cut to where it starts ("公司控股子公司杭州示例…" -> "杭州示例…")."""
    out = []
    legal = {b: a for a, b in legal_names(text)}
    for m in definition_matches(text):
        group = "full" if m["full"] else "full2"
        start, end = m.start(group), m.end(group)
        names = QUOTED_RE.findall(m["names"]) if m["names"] else [m["name2"].strip()]
        if m["latin"] and m["names"]:
            # "杭州珀络医疗科技有限公司（Perilux Medical，以下简称“珀络医疗”）": the English name, and its
            # first word the text then uses alone ("Perilux与…签署")
            latin = m["latin"].strip()
            names.append(latin)
            first = latin.split()[0]
            if first != latin and len(first) >= 4 and not _LATIN_ORG_WORD.fullmatch(first):
                names.append(first)
        if end in legal:
            start = legal[end]
        else:
            cut = cut_lead(text[start:end])
            start += cut or 0
        full = unwrap(text[start:end].strip())
        if len(full) >= 2 and names:
            out.append((start, end, full, [n.strip() for n in names if n.strip()]))
    return out


def build_clusters(text: str) -> tuple[list[OrgCluster], list[Mention]]:
    """The ORG clusters of a document and the written occurrences of their names."""
    union = _Union()
    shorts: list[str] = []  # defined and derived short names, in the order found
    english: set[str] = set()
    role: set[str] = set()
    legal_spans = legal_names(text)
    # a name a hard line wrap cuts is the name without the break ("南京睿镜医疗\n科技股份有限公司")
    legal = [unwrap(text[a:b]) for a, b in legal_spans]
    for name in legal:
        union.add(name)
    # 1. definitions: the full name and its short names (a role word marks the document's 公司)
    for _start, _end, full, names in definitions(text):
        if not _org_like(full, legal):
            continue  # "国家药品监督管理局（以下简称“国家药监局”）", "…（以下简称“本次融资”）"
        union.add(full)
        for n in names:
            if n in ROLE_NAMES:
                role.add(full)
                continue
            if _NOT_NAME.match(n) or len(n) > 20:
                continue
            union.union(full, n)
            shorts.append(n)
    # 2. a name followed by a bracket: its other-script name, its short name, its stock code
    for m in _BRACKET.finditer(text):
        inner = m["inner"].strip()
        before = _name_before(text, m.start(), legal_spans)
        if before is None:
            continue
        if _STOCK_CODE.match(inner):
            union.add(before)  # "示例生物（2598.HK）": a listed company's name
            continue
        inner = re.sub(r"^(?:以下简称|简称|下称|原名|原)[:：]?", "", inner).strip("“”\"' ")
        if _LATIN_NAME.match(inner) and re.search(r"\p{Han}", before) and _latin_org(inner) and _han_org(before, legal):
            union.union(before, inner)  # "示例医疗（Sample Medical）"
            english.add(inner)
        elif _LATIN_NAME.match(before) and _latin_org(before) and re.fullmatch(r"[\p{Han}]{2,12}", inner) and _han_org(inner, legal):
            union.union(inner, before)  # "Sample Medical（示例医疗）"
            english.add(before)
        elif before in legal and re.fullmatch(r"[\p{Han}A-Za-z]{2,10}", inner) and abbreviates(inner, before):
            union.union(before, inner)  # "苏州示例生物制药股份有限公司（示例制药）"
            shorts.append(inner)
    # 3. the issuer of an announcement: its 证券简称 abbreviates a legal name written near the top
    for m in SECURITIES_NAME_RE.finditer(text):
        name = m["name"]
        full = next((n for n in legal if abbreviates(name, n)), None)
        if full:
            union.union(full, name)
            shorts.append(name)
        else:
            union.add(name)
        role.add(name)
    # 4. the short forms the text uses later: 示例医疗 / 示例 / 示例公司 of 杭州示例医疗科技有限公司
    for name, form in _later_forms(text, [n for n in dict.fromkeys(legal) if re.search(r"\p{Han}", n)], union):
        union.union(name, form)
        shorts.append(form)
    # 5. organisations of the gazetteer written in the text
    for term in gazetteer("org"):
        if term in text and term not in union.parent:
            union.add(term)
    return _assemble(text, union, shorts, english, role, set(legal))


def _name_before(text: str, at: int, legal_spans: list[tuple[int, int]]) -> str | None:
    """The name written right before a bracket at ``at``: a legal name ending there, else a run of
    Han or Latin name characters after its function word ("…与示例医疗（Sample）" -> 示例医疗)."""
    for a, b in legal_spans:
        if b == at:
            return unwrap(text[a:b])
    head = text[max(0, at - 30):at]
    latin = re.search(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9&.'\-]*(?:\s+[A-Za-z0-9&.'\-]+){0,5}$", head)
    if latin and not re.search(r"\p{Han}", latin.group()):
        name = latin.group().strip()
        return name if len(name) >= 3 else None
    m = _HAN_BEFORE.search(head)
    if not m:
        return None
    name = m["name"]
    while (lead := _FUNCTION_LEAD.match(name)) is not None:
        name = name[lead.end():]
    if len(name) < 2 or _NOT_NAME.match(name) or not (is_org_name(name) or re.search(NAME_HEAD + "$", name)):
        return None
    return name


def _later_forms(text: str, fulls: list[str], union: _Union) -> list[tuple[str, str]]:
    """(legal name, short form) pairs for the short forms a text writes of its legal names: a brand
    of the core with a head word of it (示例医疗), the bare brand where a name ends (示例宣布…), the
    brand + 公司. A form that could stand for two of the document's companies is left alone."""
    found: dict[str, set[str]] = {}
    covered = [(a, a + len(n)) for n in fulls for a in occurrences(text, n)]

    def outside(a: int, b: int) -> bool:
        return not any(s <= a and b <= e for s, e in covered)

    for full in fulls:
        c = core(full)
        han = re.sub(r"[^\p{Han}]", "", c)
        if len(han) < 2:
            continue
        brands = {c[i:i + k] for i in (0, 2) for k in (2, 3, 4) if i + k <= len(c)}
        for brand in sorted(brands, key=len, reverse=True):
            if not _is_brand(brand):
                continue
            # the brand found as a string, its tail matched after it: what
            # finditer(escape(brand) + _TAIL) finds, without compiling a pattern per brand
            for start, tail in _brand_occurrences(text, brand):
                end = tail.end()
                if not outside(start, end):
                    continue
                if start > 0 and _HAN.match(text[start - 1]) and not tail["tail"]:
                    continue  # a bare brand inside a longer word
                form = text[start:end]
                if not tail["tail"]:
                    if not c.startswith(brand) or not _BRAND_END.match(text[end:end + 1] or " "):
                        continue
                if abbreviates(form, full) and not is_place(form):
                    found.setdefault(form, set()).add(full)
    out = []
    for form, owners in found.items():
        groups = {union.find(o) for o in owners}
        if len(groups) != 1:
            continue
        full = sorted(owners, key=text.find)[0]
        brand, head = brand_of(form)
        c = core(full)
        if head and not c.startswith(brand + head) and brand + head not in c:
            # "联影医疗" beside "联影智能" of 上海联影智能医疗科技有限公司: a brand written with a head
            # word that skips the one right after it in the name is another company of the group,
            # when the text also writes the brand with that next word
            rivals = [f for f in found if f != form and brand_of(f)[0] == brand and (brand + brand_of(f)[1]) in c]
            if rivals:
                continue
        out.append((full, form))
    return out


def _assemble(text: str, union: _Union, shorts: list[str], english: set[str], role: set[str],
              legal: set[str]) -> tuple[list[OrgCluster], list[Mention]]:
    groups: dict[str, list[str]] = {}
    at: dict[str, int] = {}
    for name in union.parent:
        # a legal name a line wrap cuts is written, with the break inside it
        where = text.find(name) if name in text else (_wrapped_at(text, name) if name in legal else -1)
        if name.strip() and where >= 0:
            at[name] = where
            groups.setdefault(union.find(name), []).append(name)
    clusters: list[OrgCluster] = []
    for names in groups.values():
        names.sort(key=lambda n: (at[n], -len(n)))
        han_legal = [n for n in names if n in legal and re.search(r"\p{Han}", n)]
        any_legal = [n for n in names if n in legal]
        cl = OrgCluster(
            id=0, names=names,
            full=(han_legal or any_legal or [None])[0],
            short=next((s for s in shorts if s in names), None),
            english=next((n for n in names if n in english or (n in legal and not re.search(r"\p{Han}", n))), None),
            role=any(n in role for n in names),
            first=min(at[n] for n in names),
        )
        clusters.append(cl)
    clusters.sort(key=lambda c: c.first)
    for i, cl in enumerate(clusters):
        cl.id = i
    return clusters, _occurrences(text, clusters)


def _wrapped_at(text: str, name: str) -> int:
    """Where ``name`` is written with a line break inside it, or -1."""
    if len(name) < 4:
        return -1
    m = across_wraps(name).search(text)
    return m.start() if m else -1


def _occurrences(text: str, clusters: list[OrgCluster]) -> list[Mention]:
    """Every written occurrence of every cluster's names, longest name first at a position."""
    taken = bytearray(len(text))
    out: list[Mention] = []
    forms = sorted(((n, cl) for cl in clusters for n in cl.names), key=lambda x: -len(x[0]))
    for name, cl in forms:
        for a in occurrences(text, name):
            b = a + len(name)
            if any(taken[a:b]):
                continue
            if len(name) <= 2 and (a > 0 and _is_han(text[a - 1]) and b < len(text) and _is_han(text[b])):
                continue  # a two-character brand inside a longer word
            taken[a:b] = b"\x01" * (b - a)
            out.append(Mention(a, b, name, "ORG", "cluster", cl.id))
    out.sort(key=lambda m: m.start)
    return out


def _is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))


def occurrences(text: str, name: str) -> Iterator[int]:
    """Starts of the non-overlapping occurrences of ``name`` in ``text``, left to right: what
    ``re.finditer(re.escape(name), text)`` finds, without compiling (and caching) a pattern per
    name; a document's names would otherwise fill the regex module's cache and be compiled again."""
    if not name:
        raise ValueError("an empty name occurs everywhere")
    at = text.find(name)
    while at >= 0:
        yield at
        at = text.find(name, at + len(name))


def _brand_occurrences(text: str, brand: str) -> Iterator[tuple[int, "re.Match"]]:
    """(start, match of ``_TAIL`` right after the brand) of each non-overlapping occurrence of
    ``brand`` + optional tail, as ``re.finditer(re.escape(brand) + _TAIL.pattern, text)`` finds them
    (the optional tail is tried at the brand's end, its alternatives in order; the next search
    starts where the tail ends)."""
    at = text.find(brand)
    while at >= 0:
        tail = _TAIL.match(text, at + len(brand))
        yield at, tail
        at = text.find(brand, tail.end())


__all__ = ["OrgCluster", "build_clusters", "definitions", "brand_of"]

"""Organisation names as running text writes them: where a legal name starts, the core of a name,
and which later short forms abbreviate it.

Families of phrasing the helpers are written for (the project's own wording):

- a legal name after what introduces it: "…的还有恒衡制药有限公司", "园区企业苏州示例生物科技有限公司",
  "公司控股子公司杭州示例智能科技有限公司（以下简称…）", "2024年3月，国家药监局批准上海示例医疗科技股份
  有限公司生产的…" -> the legal name only;
- the short forms a text uses after the full name: 杭州示例医疗科技有限公司 -> 示例医疗 -> 示例;
  深圳灵镜医学影像科技有限公司 -> 灵镜影像 (brand + a head word of the name); 北京微创示途医疗器械有限公司
  -> 示途医疗 (a group's prefix left out); 湖南示麓医用材料有限公司 -> 示麓公司;
- a rule's company with a function word stuck to it: "以示例医疗为例" -> "以示例医疗", "示例生物于2023年…
  与…签署" -> "示例生物于".
"""

from __future__ import annotations

import regex as re

from ..lexicon.orgs import NAME_HEAD
from ..lexicon.places import CITIES, COUNTRY_DESCRIPTOR, PROVINCES

#: Chinese legal forms as they end a name in running text (the longest first at one position)
_HAN_FORM = r"(?:股份有限公司|有限责任公司|有限公司|合伙企业(?:（有限合伙）|\(有限合伙\))?|株式会社)"
#: English legal forms, after a Latin word and a space ("RayVision Medical GmbH", "Radivue Inc.")
_EN_FORM = (r"(?<=[A-Za-z0-9.]\s?)(?:GmbH|Inc\.?|Ltd\.?|Co\.,?\s*Ltd\.?|Corp\.?|LLC|S\.A\.|PLC|plc)(?![A-Za-z])"
            r"|(?<=[A-Z][a-z]{2,}\s)(?:AG|AB)(?![A-Za-z])")
LEGAL_END_RE = re.compile(_HAN_FORM + "|" + _EN_FORM)
#: what a name may hold, walking left from its legal form
_NAME_CHAR = re.compile(r"[\p{Han}\p{Latin}0-9（）()·&'\-.,]")
_HAN_CHAR = re.compile(r"\p{Han}")
#: how far left of its legal form a name may start (a Latin name may be longer)
MAX_NAME = 30
MAX_LATIN_NAME = 60

#: words that introduce a name in running text; the name starts after the last of them.
#: (Not 和/同/以/经/自/投资/控股: 江西澄和药业, 同仁堂, 以岭药业, 经纬创投, 自贡…, X投资有限公司, X控股.)
_CUT = re.compile(
    # (longer words first: 获得 before 获, 子公司 before 公司)
    r"(?:\d{1,4}\s*[年月日号]|还有|包括|包含|例如|比如|其中|以及|旗下|(?:全资|控股|参股)?(?:子公司|孙公司)|分公司|母公司|"
    r"企业(?!管理|发展|服务|咨询)|单位|平台|厂商|服务商|供应商|开发商|制造商|运营商|宣布|表示|披露|公告|收到|获得|取得|完成|"
    r"批准|授予|领投|跟投|收购|入股|认购|携手|会同|委托|牵头|显示|生产|研发|研制|开发(?!区)|推出|注册人|注册|受理|公示|公布|"
    r"投资(?:者|方|人|机构)|全称|简称|又称|原名|曾用名|前身|现名|中文名称?|引入|设立|成立|注销|认定|审批|据悉|近日|日前|目前|此前|随后|同日|同期|同意|关于|仅供|转让予|变更为|更名为|"
    r"(?:投资|参股|增资|注资|参与|了)(?=" + "|".join(sorted(set(PROVINCES + CITIES), key=len, reverse=True)) + r")|"
    r"公司(?!\s*$)|的|与|及|、|由|向|对|获|被|把|将|给|从|在|于|是|为|系|即|予|供|"
    r"[A-Za-z]+-based\s+)"
)
_PLACES = sorted(set(PROVINCES + CITIES), key=len, reverse=True)
_PLACE = "(?:" + "|".join(_PLACES) + r")(?:省|市|自治区|特别行政区)?"
_LEADING_PLACE = re.compile(r"^(?:中国|" + _PLACE + r")(?:[\p{Han}]{0,4}?(?:区|县|新区|开发区|高新区))?")
_BRACKET_PLACE = re.compile(r"[（(](?:" + _PLACE + r"|中国)[）)]")
_ANY_PLACE = re.compile(_PLACE)
#: countries written before a foreign company's name ("德国Veltra Pharma GmbH")
_COUNTRY = re.compile(r"^(?:美国|德国|英国|法国|日本|韩国|瑞士|瑞典|荷兰|比利时|丹麦|以色列|新加坡|澳大利亚|加拿大|意大利|西班牙|奥地利|爱尔兰|印度)")
#: a legal form at the end of a name
_FORM_TAIL = re.compile(r"\s*(?:" + _HAN_FORM + r"|(?:GmbH|Inc\.?|Ltd\.?|Co\.,?\s*Ltd\.?|Corp\.?|LLC|AG|AB|S\.A\.|PLC|plc))$")
#: words of a name that say what a company does, not which one it is (never a brand on their own)
GENERIC = frozenset(
    "医疗 医学 医药 药业 制药 生物 科技 技术 信息 网络 数据 智能 健康 器械 影像 诊断 软件 电子 集团 控股 中国 国际 "
    "实业 发展 产业 投资 管理 服务 系统 工程 材料 设备 仪器 生命 基因 精准 数字 互联 云 智慧 创新 新药 研究 人工 人工智能 "
    "医学影像 大数据 互联网 远程 临床 研发 制造 装备 检测 分析 辅助 康复 养老 眼科 口腔 科学 药物 细胞 分子".split()
)
_HEAD_RE = re.compile(NAME_HEAD)
#: characters a brand does not contain (function words, numerals of a list)
_NOT_BRAND = re.compile(r"[的了是在把被将对从向这那其该各每此些与和及或等年月日号第]")


def legal_names(text: str) -> list[tuple[int, int]]:
    """Spans of the legal names written in ``text`` ("苏州示例生物科技有限公司", "Radivue Inc."),
    each cut to where the name starts (see the module doc)."""
    out: list[tuple[int, int]] = []
    for m in LEGAL_END_RE.finditer(text):
        start = name_start(text, m.start())
        if start is None:
            continue
        if text.startswith("以", start) and re.match(r"\s*为(?:例|代表|首)", text[m.end():]):
            start += 1  # "以X有限公司为例": the 以 of the phrase
        if out and out[-1][1] > start:
            continue  # ("…有限公司（有限合伙）": the form inside another name's span)
        out.append((start, m.end()))
    return out


def name_start(text: str, form_at: int) -> int | None:
    """Where the name whose legal form starts at ``form_at`` begins, or None when nothing of a
    name stands before the form ("本公司", "该有限公司")."""
    i = form_at
    depth = 0
    wrapped: int | None = None  # where a line break inside the name stands
    latin = bool(re.match(r"[A-Za-z]", text[form_at:form_at + 1]))
    while i > 0 and form_at - i < (MAX_LATIN_NAME if latin else MAX_NAME):
        ch = text[i - 1]
        if not latin and ch in ".,":
            break
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                break
            depth -= 1
        elif ch == " ":
            # a space only between Latin words ("RayVision Medical GmbH", "Radivue Inc.")
            before = text[i - 2] if i >= 2 else ""
            after = text[i] if i < len(text) else ""
            if not (before.isascii() and (before.isalnum() or before in ".&") and after.isascii() and after.isalnum()):
                break
        elif ch == "\n" and wrapped is None and i >= 2 and not latin and _HAN_CHAR.match(text[i - 2]) \
                and _HAN_CHAR.match(text[i:i + 1] or " "):
            # a name a hard line wrap cuts ("现名南京睿镜医疗\n科技股份有限公司" in text from a PDF)
            wrapped = i - 1
        elif not _NAME_CHAR.match(ch):
            break
        i -= 1
    span = text[i:form_at]
    # an unbalanced closing bracket belongs to the text before the name
    if span.count("（") + span.count("(") < span.count("）") + span.count(")"):
        close = max(span.rfind("）"), span.rfind(")"))
        i += close + 1
        span = text[i:form_at]
    cut = cut_lead(span)
    if cut is None:
        return None
    start = i + cut
    if latin and (country := _COUNTRY_BEFORE_LATIN.match(text, start, form_at)):
        start = country.end()  # "以色列Vitrix Medical Ltd.": where the company is, not its name
    name = text[start:form_at].strip()
    if len(re.sub(r"[（）()\s]", "", name)) < 2 or _BRACKET_ONLY.match(name):
        return None
    while start < form_at and text[start] == " ":
        start += 1
    return start


_BRACKET_ONLY = re.compile(r"^[（(][^（）()]*[）)]$")
#: a country (and a kind of company) written right before a Latin name
_COUNTRY_BEFORE_LATIN = re.compile(COUNTRY_DESCRIPTOR + r"\s*(?=[A-Za-z])")


def cut_lead(span: str) -> int | None:
    """Offset in ``span`` (the characters before a legal form) where the name starts: after the
    last word that introduces it, then at a place opening a long remainder ("…批准上海示例…").
    None when a word that introduces a name stands right before the form ("整体变更为股份有限公司")."""
    start = 0
    for m in _CUT.finditer(span):
        if _inside_brackets(span, m.start()):
            continue
        start = m.end()
    rest = span[start:]
    if len(re.sub(r"[（）()\s.,]", "", rest)) < 2:
        return None
    if rest[:1] in _JOINING and _ANY_PLACE.match(rest, 1) and len(rest) > 4:
        # "批准A公司“X”和成都某某有限公司“Y”": the 和 joins two makers; the name opens with its place
        return start + 1
    if len(rest) > 16:
        # a long remainder with a place inside it: the name opens with the place
        for m in _ANY_PLACE.finditer(rest):
            if m.start() > 0 and not _inside_brackets(rest, m.start()) and len(rest) - m.end() >= 2:
                return start + m.start()
    return start


#: a conjunction that may stand right before a name with nothing between them
_JOINING = frozenset("和与及同跟")


def _inside_brackets(s: str, at: int) -> bool:
    return s[:at].count("（") + s[:at].count("(") > s[:at].count("）") + s[:at].count(")")


def core(name: str) -> str:
    """A name without its legal form, a leading place or country and a place in brackets:
    杭州示例医疗科技有限公司 -> 示例医疗科技; 示例医药（深圳）有限公司 -> 示例医药."""
    n = _FORM_TAIL.sub("", name.strip())
    n = _BRACKET_PLACE.sub("", n)
    n = re.sub(r"[（(]集团[）)]", "", n)
    for pattern in (_LEADING_PLACE, _COUNTRY):
        m = pattern.match(n)
        if m and len(n) - m.end() >= 2:
            n = n[m.end():]
    return n.strip()


def brand_of(short: str) -> tuple[str, str]:
    """(brand, head word) of a short name: 示例医疗 -> (示例, 医疗); 示例 -> (示例, "")."""
    s = re.sub(r"(?:公司|集团)$", "", short)
    m = _HEAD_RE.search(s)
    if m and m.end() == len(s) and m.start() >= 2:
        return s[:m.start()], m.group()
    return s, ""


def abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is a short form of the legal name ``full`` that news writes later:
    a piece of its core (示例医疗 of 杭州示例医疗科技有限公司), a brand of the core with one of its
    head words (灵镜影像 of 深圳灵镜医学影像科技有限公司, 示途医疗 of 北京微创示途医疗器械有限公司),
    or the brand + 公司 (示麓公司). A brand is two characters at least and not a generic word."""
    short = short.strip()
    c = core(full)
    if not short or not c or short == full or len(short) >= len(full):
        return False
    if not re.search(r"\p{Han}", short):
        return False
    if short in c:
        return _is_brand(brand_of(short)[0]) or (len(short) >= 4 and c.startswith(short))
    brand, head = brand_of(short)
    if not _is_brand(brand) or brand not in c:
        return False
    at = c.find(brand)
    rest = c[at + len(brand):]
    if not head:
        return short.endswith(("公司", "集团")) and c.startswith(brand)
    return head in rest


def _is_brand(brand: str) -> bool:
    han = re.sub(r"[^\p{Han}]", "", brand)
    if len(brand) < 2 or _NOT_BRAND.search(brand):
        return False
    if han and all(han[i:i + 2] in GENERIC for i in range(0, len(han) - 1, 2)) and len(han) % 2 == 0:
        return False  # "医疗科技", "生物": words any company may hold
    return brand not in GENERIC and not _ANY_PLACE.fullmatch(brand)


#: a function word stuck before a name by a rule ("以示例医疗为例" -> "以示例医疗")
_STUCK_BEFORE = re.compile(r"^(?:以|由|与|和|及|在|于|对|向|让|使|将|把|被|为|是|据|经|从|自|如|即|但|而|且|并|还|也|则|又|就)")
#: a function word stuck after a name ("示例生物于2023年…" -> "示例生物于")
_STUCK_AFTER = re.compile(r"(?:于|在|已|将|也|还|则|又|就|便|均|都|亦|曾|正|再|即|与|和|及|对|向|为|的|等)$")


def unstick(name: str, known: set[str] | frozenset[str]) -> str:
    """``name`` without a function word a rule left stuck to a known name ("以示例医疗" -> 示例医疗
    when 示例医疗 is known; "示例生物于" -> 示例生物); unchanged otherwise."""
    for pattern in (_STUCK_BEFORE, _STUCK_AFTER):
        m = pattern.search(name)
        if m:
            rest = name[:m.start()] + name[m.end():]
            if rest in known:
                return rest
    return name

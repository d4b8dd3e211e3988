"""Vocabulary of product approvals shared by the rules: regulators outside the NMPA/FDA/CE core,
the words news writes in front of a drug or device name, and the ways a sentence joins several
products or refers back to an approval written just before.

Every pattern works on simplified text: traditional reports are read through the OpenCC ``t2s``
view (``extract.script``), so "衛福部食藥署" arrives here as "卫福部食药署".
"""

from __future__ import annotations

import regex as re

#: Regulators of Taiwan and Hong Kong as written -> the short authority name of a record.
#: "取得卫福部食药署第二等级医疗器材许可证", "获TFDA核准", "获香港卫生署药剂业及毒药管理局批准"
REGIONAL_AUTHORITIES: list[tuple[str, str]] = [
    (r"(?:台湾\s*)?(?<![A-Za-z])TFDA(?![A-Za-z])|卫生福利部(?:食品药物管理署)?|卫福部(?:食药署)?|食药署", "TFDA"),
    (r"香港(?:特区政府)?卫生署(?:药剂业及毒药管理局)?", "香港卫生署"),
]

#: Taiwan's device classes: "第二等级医疗器材" -> II (a TFDA record's cert_class).
TW_CLASS = re.compile(r"第\s*(?P<c>[一二三])\s*等级")
TW_CLASS_VALUE = {"一": "I", "二": "II", "三": "III"}

#: What news writes before a drug or device name and is not part of it: "1类创新药赛伏瑞单抗注射液",
#: "小分子靶向药物X", "自主研发的X", "首款产品X" -> X.
DESCRIPTOR_PREFIX = re.compile(
    r"^(?:(?:自主|自行|独立|联合)?(?:研发|研制|开发|设计)的)?\s*"
    r"(?:(?:第?\s*[1-5一二三四五]\s*类|国产|首款|口服|全新|原研)?\s*"
    r"(?:创新药|改良型新药|新药|生物类似药|小分子(?:靶向)?(?:药物|抑制剂)|靶向药物?|生物制品)"
    r"|(?:首款|核心|主要|主打|旗舰)?产品(?!名))?\s*"
)


def strip_descriptor(name: str) -> str:
    """``name`` without the description written before it ("1类创新药X" -> X); unchanged when
    nothing of a name would remain."""
    rest = DESCRIPTOR_PREFIX.sub("", name, count=1)
    return rest if len(rest) >= 2 else name


#: A drug class written without a name of its own: "PD-1/CTLA-4双特异性抗体", "GLP-1受体激动剂".
#: (a maker's short name may stand before the target: "康络生物PD-1/CTLA-4双特异性抗体")
DRUG_CLASS_ONLY = re.compile(
    r"^(?:\p{Han}{2,8}(?=[A-Za-z0-9]))?[A-Za-z0-9\-/ ]*(?:受体)?(?:双特异性|双特异|单克隆|多靶点)?"
    r"(?:抗体|抑制剂|激动剂|拮抗剂|抗体偶联药物|ADC)$"
)

#: A version of a product named before it: "瞳脉FFR的上一代版本" -> 瞳脉FFR, "X的国内版本" -> X.
VERSION_TAIL = re.compile(r"的?(?:上一代|前一代|新一代|第[一二三四五]代|升级|国内|海外|国际|美国|欧洲)?版本$")

#: Several products joined in one subject: "A的X与B的Y", "“X”与“Y”", "A的X以及B的Y".
COORDINATOR = re.compile(r"\s*(?:以及|与|及|、|和)\s*")
_FIRM_COORDINATOR = re.compile(r"\s*(?:以及|与|及|、)\s*")


def split_list(text: str) -> list[str]:
    """The members of "A的X以及B的Y": split at 以及 / 与 / 及 / 、, and at 和 only where every piece
    then names its maker ("江西澄和药业…的Y" keeps its 和)."""
    out = []
    for part in _FIRM_COORDINATOR.split(text):
        pieces = re.split(r"\s*和\s*", part)
        out.extend(pieces if len(pieces) > 1 and all("的" in p for p in pieces) else [part])
    return [p for p in out if p]


#: "同日获批的还有X", "同一批次获批的还有X以及Y": the approval phrase comes first, the products after.
ALSO_APPROVED = re.compile(r"(?:获批|获准|批准)(?:上市)?的(?:还有|另有|包括|分别为|分别是)\s*")

#: The date of the approval written just before: "同日，…", "同期，…", "同一批次获批的…".
#: a market approval that names no regulator: a drug or device approved for the Chinese market
#: ("X的“Y”上市申请获批准", "“Z”新适应症获批", "…获批进口", "收到…《药品注册证书》"); the regulator is NMPA
#: ("…单抗获批用于治疗中重度斑块状银屑病": a drug approved for an indication; "…获准注册": a device's
#: first registration; "完成首次注册")
DOMESTIC_APPROVAL = re.compile(r"上市申请|获批上市|获准上市|批准上市|获批进口|批准进口|新适应症|药品注册证书|获批用于|用于治疗|获准注册|首次注册|获证|上市许可持有人")
#: a market abroad or its regulator: an approval there is no NMPA one ("在美获批", "获欧盟CE认证")
FOREIGN_MARKET = re.compile(r"FDA|EMA|(?<![A-Za-z])CE(?![A-Za-z])|PMDA|(?<![A-Za-z])(?:HSA|TGA|MHRA)(?![A-Za-z])|在美|美国|欧盟|欧洲|在日本|海外|境外")
SAME_TIME = re.compile(r"同日|同一天|同期|同月|同批|同一批次?|同时获批")

#: "同年9月": a month of the year written before.
SAME_YEAR_MONTH = re.compile(r"(?:同年|当年)\s*(?P<m>\d{1,2})\s*月")

#: A company developed together with a hospital or university: "四川大学华西医院与成都X科技有限公司联合开发的…".
INSTITUTION = re.compile(r"(?:医院|大学|学院|研究所|研究院|中心)$")

#: "智因药业以AI辅助设计的…": the means written after the maker is not part of its name.
MEANS_TAIL = re.compile(r"(?:以|用|借助|基于)[^，。；的]{1,14}?(?:设计|研发|开发|发现|筛选|打造)$")

#: Modal words of rules and advice: "应当优先选用已取得注册证的产品" states a requirement, no approval.
MODAL = re.compile(r"应当|应该|必须|须经|鼓励|优先选用|优先采购")

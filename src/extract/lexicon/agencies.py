"""Governmental and regulatory bodies: how a body's name is written, in Chinese and in English, and
the test that a string is one (the gazetteer ``data/gazetteers/gov.txt`` first, then the endings).

Examples the tables are written for: "国家药监局、国家卫生健康委联合印发…" (two bodies),
"长三角三省一市药品监管部门" (a regulator named by function), "国务院常务会议审议通过《…》"
(a decision meeting), "德国联邦议院通过《数字医疗法案》" (a legislature), "National Health
Commission" / "Food and Drug Administration" (English), and what only ends like a body:
"签署"/"部署" (verbs ending in 署), "事业部" (a company's division), "相关部门" (no body named).
"""

from __future__ import annotations

from functools import lru_cache

import regex as re

from ..nlp.resources import gazetteer

#: a governmental body as written (checked piece by piece after splitting issuer lists)
_GOV_BODY = re.compile(
    r"^(?:中共)?[\p{Han}（）()]{0,30}?(?:人民政府|政府|办公厅|办公室|委员会|管委会|管理委员会|常委会|人大|委|总局|局|部|署|厅|司|"
    r"(?:审评|审核|审|监测|疾病预防控制|疾控|管理|评价|检验|检定|认证|标准化)[\p{Han}]{0,6}中心|国务院|法院|检察院|中央|"
    # a government's decision meeting issues documents (国务院常务会议审议通过《…》)
    r"(?:常务|全体|办公)会议|"
    # legislatures pass laws (德国联邦议院通过《数字医疗法案》)
    r"(?:参|众|联邦)?议院|议会|国会|"
    # regulators named by function (长三角三省一市药品监管部门); 相关部门 is refused by _VAGUE_BODY
    r"(?:监管|主管|行政|监督管理)部门)$"
)
#: names ending like a body that are not one (签署 and 部署 end in 署, 内部 in 部)
_NOT_GOV = re.compile(
    r"(?:医院|研究院|学院|大学|公司|集团|俱乐部|事业部|总部|本部|内部|外部|全部|干部|局部|一部|两部|部分|全国|我国|国家|签署|部署)$"
)
#: bodies left unnamed (相关部门, 各地监管部门): not an issuer as written
_VAGUE_BODY = re.compile(r"^(?:相关|有关|各级|各地|各|该|上述|其他|其它|多个|多地)")
_GOV_ACRONYM = re.compile(r"^(?:NMPA|CFDA|SFDA|CMDE|CDE|NHC|NHSA|MIIT|NDRC|SAMR|CAC|MOST|CSRC|FDA|EMA|PMDA|MHRA|CMS|HHS)$")
#: a body named in English by its head word (National Health Commission, Ministry of Science and
#: Technology, Food and Drug Administration, State Council, German Bundestag)
_EN_WORD = r"[A-Z][A-Za-z'’\-]*"
_EN_LINK = r"(?:of|for|and|on|the|&)"
_GOV_BODY_EN = re.compile(
    rf"^(?:The\s+)?(?:(?:{_EN_WORD}|{_EN_LINK})\s+)*"
    r"(?:Commission|Council|Ministry|Administration|Agency|Bureau|Office|Department|Parliament|Congress|Bundestag|Senate|"
    r"Authority|Government|Cabinet)"
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_EN_WORD}(?:\s+(?:{_EN_WORD}|{_EN_LINK}))*)?$"
)
#: English names that end like a body but are companies, funds or schools
_NOT_GOV_EN = re.compile(r"\b(?:Inc|Ltd|LLC|Co|Corp|Group|Capital|Ventures|Partners|Fund|Bank|Hospital|University|College|Association|Society)\b")
#: an alias or note in brackets after a name (（CMDE）, （现为卫健委）); a place inside a name stays
_NAME_NOTE = re.compile(r"\s*[（(](?:[^（）()]*(?:现为|现|原|简称|下称|以下)[^（）()]*|[A-Za-z0-9\s&.\-]+)[）)]|\s*[（(][^（）()]*[）)]\s*$")


@lru_cache(maxsize=1)
def _gov_names() -> frozenset[str]:
    """Governmental bodies of the gazetteer (written forms and aliases)."""
    return frozenset(gazetteer("gov"))


def is_gov_body(name: str) -> bool:
    """Whether ``name`` reads as a governmental or regulatory body (gazetteer or suffix)."""
    n = re.sub(r"\s+", "", _NAME_NOTE.sub("", name))
    if not n or len(n) > 40:
        return False
    if n in _gov_names() or _GOV_ACRONYM.match(n):
        return True
    if _NOT_GOV.search(n) or _VAGUE_BODY.match(n) or len(n) < 2:
        return False
    return bool(_GOV_BODY.match(n)) or is_english_gov_body(name)


def is_english_gov_body(name: str) -> bool:
    """Whether ``name`` is a body written in English (National Health Commission)."""
    n = re.sub(r"\s+", " ", _NAME_NOTE.sub("", name)).strip()
    return bool(_GOV_BODY_EN.match(n)) and not _NOT_GOV_EN.search(n)

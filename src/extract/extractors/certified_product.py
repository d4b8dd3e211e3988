"""certified_product records: products that received a regulatory market approval.

Two sources:

* tables whose caption / header / source note / preceding paragraph say the rows are approvals
  ("表 4 医疗器械三类证 AI 产品获批情况", "FDA 审批通过的 AI 产品"): one record per row, columns
  found by header names, authority and class from the table's context;
* prose sentences with an approval phrase ("获FDA批准", "获得国家药监局颁发的三类医疗器械注册证",
  "通过FDA 510(k)认证", "拥有 NMPA 和 CE 双重认证", "批准上市"): the product is taken from the
  noun phrase the approval qualifies ("获…批准的X"), the sentence subject ("X是Y研发的…",
  "Y的X获得…") or, for "该产品…", the bold heading above the paragraph.

A clause without a subject of its own ("…获得CE认证，并通过FDA 510(k)审查", "…，成为首个获得三类证
的Y", "Y的核心产品为X，已于2019年获得三类证") shares the product of the clause before it; "其X" /
"公司的X" belong to the company the sentence or paragraph is about ("Y宣布", "Y方面", "Y是…的企业").
Short-name asides ("（以下简称“术锐”）") are dropped from names and remembered as makers; a bare
"7月11日" takes the year of its block or of the document's date line.

Priority reviews (绿色通道, 创新医疗器械特别审查, breakthrough designation), submissions still in
review, clinical-trial approvals, counts ("47 款…获批", "新获批三类证87张", statistics tables) and the
report's own promo approval codes are not approvals. The same approval found twice (table row and
prose, also when the prose wraps the row's name in a description) is emitted once, keeping the more
precise date.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

import regex as re

from ..nlp.resources import gazetteer
from ..normalize import ENGLISH_DATE_RE, RELATIVE_YEARS, cert_class, dateline, english_date, find_dates, iso_date, last_year, parse_date
from ..records import CertifiedProduct, RecordBase
from ..structure import Block, BlockType, Table
from .base import ExtractionContext, ExtractorConfig, RuleExtractor

# --- vocabulary ------------------------------------------------------------------------------

# Provincial bureaus issue class II certificates in the NMPA system ("四川省药监局").
_PROVINCE = (
    r"北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南"
    r"|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆"
)
# Regulators as written -> short authority name. Ordered so longer forms win.
_AUTHORITIES: list[tuple[str, str]] = [
    (r"美国\s*食品(?:和|与)?药品(?:监督)?管理局|(?:美国\s*)?(?<![A-Za-z])(?:US\s*)?FDA(?![A-Za-z])", "FDA"),
    (r"国家药品监督管理局|国家食品药品监督管理总局|国家食品药品监督管理局|国家药监局"
     r"|(?:" + _PROVINCE + r")(?:省|市|自治区)?(?:药品监督管理局|药监局)|(?:省|市)?药监局"
     r"|(?:中国\s*)?(?<![A-Za-z])(?:NMPA|CFDA|SFDA)(?![A-Za-z])", "NMPA"),
    (r"(?:欧盟\s*)?(?<![A-Za-z])CE(?![A-Za-z])(?:\s*(?:MDR|IVDR|标志|标识|认证))?", "CE"),
    (r"(?:日本\s*)?(?<![A-Za-z])PMDA(?![A-Za-z])|日本厚生劳动省", "PMDA"),
    (r"(?:澳大利亚\s*)?(?<![A-Za-z])TGA(?![A-Za-z])", "TGA"),
    (r"(?:韩国\s*)?(?<![A-Za-z])(?:MFDS|KFDA)(?![A-Za-z])", "MFDS"),
    (r"(?<![A-Za-z])HSA(?![A-Za-z])", "HSA"),
    (r"Health\s*Canada|加拿大卫生部", "Health Canada"),
    (r"(?<![A-Za-z])ANVISA(?![A-Za-z])", "ANVISA"),
    (r"(?<![A-Za-z])EMA(?![A-Za-z])|欧洲药品管理局", "EMA"),
]
_AUTH_RE = re.compile("|".join(f"(?P<a{i}>{p})" for i, (p, _) in enumerate(_AUTHORITIES)))

# An approval phrase: verb … (authority) … approval noun, inside one clause.
_NOUN = (
    r"(?:批准上市|上市批准|批准|注册证书?|注册批准|上市许可|(?<!默示)许可证?|准入|认证|认可"
    r"|510\s*[（(]\s*[kK]\s*[)）](?:\s*(?:认证|许可|批准|审查|clearance))?|De\s*Novo(?:\s*(?:认证|许可|批准|授权))?"
    r"|[三二一ⅢⅡⅠ]类(?:医疗器械)?(?:注册)?证|clearance|approval|certificate|certification|authori[sz]ation"
    r"|(?<=CE\s{0,2})(?:mark|marking)"
    # designations ("突破性医疗器械认定") are matched only to be rejected: their product is remembered
    r"|认定|(?i:designation))"
)
# English approval verbs of bilingual briefs: "received FDA 510(k) clearance", "obtained CE mark",
# "was granted NMPA Class III approval".
_EN_VERB = r"(?<![A-Za-z])(?:has\s+|have\s+|had\s+)?(?:received|obtained|secured|gained|earned|won|was\s+granted|were\s+granted)(?![A-Za-z])"
_FORWARD_RE = re.compile(
    r"(?P<verb>获得了?|获颁|获|取得了?|拿到了?|拿下|通过了?|拥有|斩获|收获|赢得|被|" + _EN_VERB + r")"
    r"(?P<mid>[^，。；！？,;\n]{0,30}?)(?P<noun>" + _NOUN + r")"
)
# "获批上市", "获准上市", "获批三类证": the authority, if any, is written around it.
_GOT_RE = re.compile(r"(?P<verb>获批|获准)(?P<mid>)(?P<noun>上市|(?:[三二一]类)?(?:医疗器械)?注册证|[三二一]类证|)")
# "FDA 批准了 X", "国家药监局批准 X 上市": authority first, the product is the object.
_COORDINATED = re.compile(r"\s*(?:和|及|与|、|以及)\s*(?P<more>[^，。；！？]{1,12}?)" + _NOUN)
_PASSIVE_RE = re.compile(
    r"(?P<auth>" + _AUTH_RE.pattern + r")\s*(?:(?:已经?|正式|近日|日前|于[^，。；]{2,12}?)\s*){0,3}(?:批准|核准|审批通过)了?"
)

# Not an approval: priority programmes, designations, trials, submissions, hopes.
_NOT_APPROVAL = re.compile(
    r"绿色通道|特别审查|特别审批|优先审[批评查]|突破性|突破性医疗器械|快速通道|Fast\s*Track|Breakthrough|孤儿药|认定|(?i:designation)"
    r"|临床试验|临床研究|默示许可|(?<![A-Za-z])(?:IND|IDE)(?![A-Za-z])|正在|申请中|审评中|审批中|在审|申报|递交|提交|受理"
    r"|有望|即将|预计|计划|拟|等待|尚未|尚无|暂无|并无|未获|未能|没有获|争取|冲刺|奖"
    # a future filing ("后续将通过De Novo路径申请上市"), a hedge ("能否取得注册证…存在不确定性")
    r"|(?<!上市|注册)申请(?!人)|后续将|能否|是否|不确定"  # "批准…的上市申请" is an approval
    # policy incentives ("对获得第三类医疗器械注册证的创新产品给予最高1000万元支持")
    r"|给予|补助|补贴|资助"
)
# Counts ("47 款 AI 器械", "5 家企业", "多款产品") are statistics, not products.
_COUNT = re.compile(
    r"(?:\d+|[两三四五六七八九十百千几多数]+)\s*[余多]?\s*(?:款|家|个|项|种|张|件|批|类产品)|\d+(?:\.\d+)?\s*万"
    r"|约\s*\d|多款|多个|若干|一系列|许多|众多|诸多|部分|一些|各类|等产品"
)
# Words that do not name a product on their own.
_GENERIC = re.compile(
    r"^(?:该|此|这|其|本|首款|一款|国内首个|首个|全球首个|中国首款)?(?:款|个)?"
    r"(?:产品|器械|医疗器械|设备|软件|系统|平台|药物|药品|新药|企业|公司|厂商|机构|团队|项目|技术|方案|模型|算法|它|其)?$"
)
# "国产创新药开始…", "进口器械": a category of products by origin, not one product.
_ORIGIN_CATEGORY = re.compile(r"^(?:国产|进口|国内|海外|本土|我国)(?:创新|原研|首创)?(?:药|新药|药物|药品|器械|医疗器械|产品|设备)")
_CATEGORY_TAIL = re.compile(r"(?:医疗器械|器械|产品|企业|公司|厂商|药物|药品)$")
_COMPANY_HEAD = re.compile(r"(?:企业|公司|厂商|机构|团队|研究院|医院)$")
_COMPANY_WORD = re.compile(r"企业|公司|厂商|厂家|机构|团队|医院")
# Company-like names: Chinese names with an industry suffix, or Latin names.
_COMPANY_SUFFIX = (
    r"(?:股份有限公司|有限责任公司|有限公司|集团|公司|医疗科技|医疗|科技|智能|生物|医药|药业|制药|医学|"
    r"研究院|实验室|Inc\.?|Ltd\.?|Corp\.?)"
)
_COMPANY_PREFIX_RE = re.compile(r"^(?P<co>(?:(?!的)\p{Han}){1,8}?" + _COMPANY_SUFFIX + r")(?P<prod>[\p{Han}A-Za-z0-9].{3,})$")
_SPACED_PREFIX_RE = re.compile(r"^(?P<co>[\p{Han}]{2,8}|[A-Za-z][\w.\-]*(?:\s[A-Z][\w.\-]*){0,2})\s+(?P<prod>[\p{Han}A-Za-z0-9].{3,})$")
# "X是Y(自主)研发的…": product X made by Y.
_MADE_BY_RE = re.compile(
    r"^(?P<prod>[^，。；]{2,40}?)(?:是|为)(?P<co>[^，。；的]{2,25}?)(?:自主|独立|自行|联合|全新)?(?:研发|研制|开发|推出|打造|设计|生产)的"
)
# "Y的X", "Y旗下的X", "Y自主研发的X": split a subject into company and product.
_OWNER_RE = re.compile(
    r"^(?P<co>[^，。；的]{2,25}?)(?:旗下)?(?:的|自主研发的|研发的|研制的|开发的|推出的|生产的|旗下的|旗下)(?P<prod>.{2,})$"
)
# "面向儿童的…", "心脑血管类的…": descriptions, not makers.
_NOT_OWNER = re.compile(r"^(?:面向|基于|针对|用于|适用|一款|首款|全球|国内|中国|我国|国产|目前)|(?:类|领域|方面|型|式|性|中)$")
_MAKER_TAIL = re.compile(r"(?:旗下)?(?:自主|独立)?(?:研发|研制|开发|推出|生产|设计)?的?\s*$")
_FIRST_OF_KIND = re.compile(r"是(?:全球|国内|中国|我国|业内|行业|国际|世界)?(?:首个|首款|第一个|第一款|唯一|首张|首批)[^，。；]*$")
_SAID_RE = re.compile(r"^(?P<co>[^，。；]{2,25}?)(?:近日|日前|今日|今天)?(?:正式)?(?:宣布|表示|公告称|称)(?P<rest>.+)$")
_ANNOUNCE_RE = re.compile(r"(?P<co>[^，。；：:]{2,25}?)(?:近日|日前|今日|今天)?(?:正式)?(?:宣布|公告称?|发布公告称?|表示|披露|消息称?)$")
# "该软件的国内版本": a version of the product written before is still that product.
_ANAPHOR = re.compile(
    r"^(?:该|此|这|本|其|它)(?:款|个|项)?(?:产品|软件|系统|设备|器械|平台|药物|药品|新药|疗法|试剂盒?)?"
    r"(?:的?\s*(?:国内|国际|海外|境内|境外|美国|欧洲|欧盟|中国)版本?)?$"
)
# Leading / trailing words of a subject that are not part of a name (time, adverbs, connectives).
_LEAD_NOISE = re.compile(
    r"^(?:并且?|且|而|同时|此外|另外|其中|目前|近日|日前|此前|今年|去年|据悉|据了解|另|也|还|由|该公司|公司|仅"
    r"|后续|随后|此后|之后|在(?:美国|欧洲|欧盟|日本|韩国|国内|中国|海外|境内|境外|全球)"  # sequence, place
    r"|\d{1,2}\s*[.．](?!\d)\s*|\d{1,2}\s*、|[（(]\d{1,2}[)）]|[·•●▪]\s*|-\s+"  # list markers "6. ", "（2）", "- "
    r"|(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?(?:以来|起)?[，,]?\s*)+"  # a date opening the clause
)
_TRAIL_NOISE = re.compile(
    r"(?:(?:于|在|已于|并于|并在|已在|早在)?\s*(?:\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?"
    r"|近日|日前|今年|去年|年初|年底|此前|近期|最近|在(?:美国|欧洲|欧盟|日本|韩国|国内|中国|海外|境内|境外|全球))"
    r"|已经|已|经|被|成功|正式|率先|顺利|相继|先后|均|也|还|首次|再次|再|亦|同时|并|又|分别|即|就|曾|将|都|一举|陆续|最终|终于)\s*$"
)
_PROMO = re.compile(r"^\s*(?:审批编号|获批日期|批准文号|审批号|广告审查)\s*[:：]")
_FOOTMARK = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\]")
# "（产品商品名“睿肺”）" after a registered name: the trade name of that product, not a second name.
_TRADE_NAME_ASIDE = re.compile(r"\s*[（(](?:产品)?(?:商品名|商标名?|品牌名?)(?:为|是)?[：:]?\s*[^（）()]{1,30}[)）]")
_QUOTED = re.compile(r"[“\"「『《](?P<q>[^”\"」』》]{2,40})[”\"」』》]")
_TRAILING_BRAND = re.compile(r"(?<=[\p{Han}])\s*(?P<b>[A-Za-z][A-Za-z0-9.\-]*(?:\s[A-Za-z0-9][A-Za-z0-9.\-]*){0,3}[®™]?)$")
_CLAUSE_END = re.compile(r"[，。；！？;]|,(?!\d{3})")  # "1,056张" is one number
_NMPA_CERT = re.compile(r"注册证|[三二一ⅢⅡⅠ]类证|国械注[准进许]|医疗器械注册")
# 国械注准 / 国械注进 (national) and 粤械注准, 沪械注准 … (provincial, class II): NMPA system numbers whose
# digit after the year is the class ("粤械注准20192210633" -> II).
_REG_NO = re.compile(r"\p{Han}械注[准进许]\s*(?:19|20)\d{2}\s*(?P<c>[123])")
# A number that says who issued it: NMPA certificate numbers, FDA 510(k) / De Novo numbers.
_NMPA_NUMBER = re.compile(r"\p{Han}械注[准进许]\s*\d{8}")
_FDA_NUMBER = re.compile(r"(?<![A-Za-z0-9])(?:K\d{6}|DEN\d{6})(?![A-Za-z0-9])")
# "在美国获批", "在日本获批": the country names the regulator of a bare "获批".
_PLACE_AUTHORITY = {"美国": "FDA", "美": "FDA", "日本": "PMDA", "国内": "NMPA", "中国": "NMPA"}
_APPROVED_IN = re.compile(r"在(?P<p>美国|美|日本|国内|中国)\s*$")
# A colon ending a label ("出海主线："), not one inside a bracketed aside ("（商品名：艾瑞利）").
_LABEL_COLON = re.compile(r"[：:](?![^（()）]*[)）])")
_FOREIGN = re.compile(r"美国|欧盟|欧洲|日本|韩国|澳大利亚|加拿大|新加坡|海外|境外")
_DRUG_CATEGORY = re.compile(
    r"(?:第\s*)?[一二三四五12345ⅠⅡⅢ]\s*类\s*(?:创新|改良型|新)?(?:药|化药|化学药|生物制品|中药|疫苗)"
)
# "联影医疗又有X获得…": the company "has" the product; "Y的X" without 的.
# "Shukun Technology's CoronaryDoc®", "Cornerstone Robotics' Sentire® system": English possessive maker.
_POSSESSIVE_RE = re.compile(r"^(?P<co>[A-Z][\w.&\-]*(?:\s+[A-Z][\w.&\-]*){0,4})['’]s?\s+(?P<prod>[A-Za-z0-9].*)$")
# "Toumai®（图迈®）laparoscopic surgical robot": a Latin name glossed in Chinese; the name ends at the gloss.
_HAN_GLOSS = re.compile(r"^(?P<n>[^（(]*?[A-Za-z][^（(]*?)\s*[（(]\s*\p{Han}[^）)]*[)）].*$")
_HAS_RE = re.compile(r"^(?P<co>[^，。；的]{2,25}?)(?:又|还|也|另|亦)?(?:拥有|有)(?P<prod>[^，。；]{2,})$")
# "（以下简称“微创机器人”）", "（简称：术锐）": a short name defined for later mentions. Removed
# from a sentence before parsing (it is neither product nor company) and remembered as a maker.
_ALIAS_ASIDE = re.compile(r"[（(]\s*(?:以下)?(?:简称|称)[：:]?\s*[“\"「『]?(?P<alias>[^）)”\"」』]{1,20})[”\"」』]?\s*[)）]")
# "苏州泽璟生物制药股份有限公司（泽璟制药）": a bracketed short name right after a company name
# ("…机器人（集团）股份有限公司" is part of the name, hence the look-ahead).
_SHORT_NAME_ASIDE = re.compile(
    r"(?<=" + _COMPANY_SUFFIX + r")[（(](?P<alias>(?!集团|控股)[\p{Han}A-Za-z][\p{Han}A-Za-z0-9.\- ]{1,14})[)）]"
    r"(?!\s*(?:股份|有限|公司|集团))"
)
# "Y与Z合作开发的X": the first partner is the maker written before the product.
_PARTNER_TAIL = re.compile(r"\s*(?:与|和|联合)[^，。；的]{1,20}?(?:合作|共同|联合)(?:开发|研发|研制)?\s*$")
# "注册证87张", "三类证1,056张", "超过1.1万张": a count of certificates, not one approval.
_COUNT_AFTER = re.compile(r"^\s*[（(]?[^，。；）)]{0,6}?[）)]?\s*(?:超过|逾|近|约|共|合计|累计|达)?\s*[\d,，.]+\s*[万千百余多]*\s*(?:张|款|个|项|件|种)")
# "资本明显向拥有三类证的企业集中": an approval phrase inside a prepositional phrase describes the
# preposition's object, never the clause subject.
# (在 / 为 are left out: "X在获得CE认证后…", "X为获得…的首款产品" still assert X's approval.)
_PREPOSITION_END = re.compile(r"(?:向|对|给|把|让|使|从|朝)\s*$")
# "通过优先审评获附条件批准上市": priority review was the route to an approval, not the outcome.
_APPROVAL_ROUTE = re.compile(r"(?:通过|经|经由|按照?)(?:优先审评审批|优先审[评批])(?:程序|通道)?")
# Clauses that restate the previous clause's product as a category ("成为首个获得…的Y").
_RESTATES = re.compile(r"^(?:并|且|也|还|从而|由此|进而)?(?:成为|是|为|被视为|被认为是?|被誉为)[^，。；]{0,12}?"
                       r"(?:首个|首款|第一个|第一款|唯一|首张|首批|又一|较早|最早|率先|少数)")
# "润迈德的核心产品为X": names the product a following subject-less clause is about.
_PRODUCT_IS = re.compile(
    r"^(?:(?P<co>[^，。；的]{2,25}?)的|其)(?:核心|主要|主打|首款|代表性?|明星|旗舰)?产品(?:为|是)(?P<prod>[^，。；]{2,60})$"
)
# "X是国内首家…的企业" / "X方面": the company a paragraph is about ("其…" and "公司的…" refer to it).
_TOPIC_IS_COMPANY = re.compile(
    r"^(?P<co>[^，。；：:]{2,25}?)(?:是|为|作为)[^。；]{0,60}(?:企业|公司|厂商|厂家|龙头|独角兽)(?:之一)?[，,。；！]?$"
)
_ASPECT_RE = re.compile(r"(?P<co>[^，。；：:]{2,25}?)方面$")
_OWNER_ANAPHOR = re.compile(r"^\s*(?:(?:并且?|且|而|同时|此外|另外|其中|目前|近日|日前|此前)\s*)*(?:其|该公司的?|公司的|旗下的?)")
# Bare "7月11日" (year from context), "同年" (the year written before), "（2023年3月）" after the phrase.
_BARE_MONTH_DAY = re.compile(r"(?<![\d年.])(?<!截至|截止|至|到)(?P<md>\d{1,2}\s*月\s*\d{1,2}\s*[日号])")
_SAME_YEAR = re.compile(r"同年|当年")
_NEXT_YEAR = re.compile(r"次年|翌年|第二年")
#: "今年1月", "去年": a year relative to the document's own date
_RELATIVE_YEAR = re.compile(r"(?P<rel>今年|本年|去年|前年)(?:\s*(?P<m>\d{1,2})\s*月)?")
#: a bare month at a clause's start ("5月，…取得注册证"), not a span (1-9月) or a count (3个月)
_BARE_MONTH = re.compile(r"(?:^|[，,。；\s])(?P<m>\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])(?![份底末中初])")
_PAREN_DATE = re.compile(r"^\s*[（(](?P<d>[^（）()]{4,16})[)）]")
# "发布时间：2023-07-17": the document's own date, the year of bare month-day dates in news digests.
# Numbered section headings ("5.1 三类医疗器械注册证", "第四章 …", "二、…") are not product names.
_SECTION_HEADING = re.compile(r"^(?:第[一二三四五六七八九十\d]+[章节部篇]|[一二三四五六七八九十]+[、.]|\d+(?:\.\d+)*[\s、.])")
# New indication of an approved drug: the drug is the part before "联合…/用于…的新适应症".
_INDICATION = re.compile(r"^(?P<drug>.+?)(?:联合|联用|用于|治疗|针对)[^，。；]*?的?(?:新)?适应[症证]$")
# "多纳非尼首个适应症（一线治疗…）", "X新适应症": an indication named after the drug is the drug's approval.
_NAMED_INDICATION = re.compile(r"^(?P<drug>.+?)的?(?:首个|第[一二三四五]个|新增?)适应[症证](?:\s*[（(][^（）()]*[)）])?$")
# "**达芬奇5（da Vinci 5）**": Markdown bold marks the product name inside a longer subject.
_BOLD = re.compile(r"\*\*(?P<b>[^*]{2,60})\*\*")
# "第二代产品**天玑2.0**", "新一代X": a later generation of a product the text has just named.
_GENERATION = re.compile(r"(?:第[二三四五六]代|新一代|下一代|升级版|新版)(?:产品)?")
# "X作为国内首个…，早在2020年即已获得…": the subject of a first clause that has no approval of its own.
_AS_SUBJECT = re.compile(r"^(?P<s>[^，。；]{2,60}?)(?:作为|是|为)(?P<rest>[^，。；]*)$")
# "CL-8000i单机测试速度…": a model code (letters and digits) opening a sentence names the product.
_MODEL_LEAD = re.compile(r"^(?P<m>[A-Za-z][A-Za-z\-]*\d[A-Za-z0-9\-]*[®™]?)(?=\p{Han})")
# "广州市一家企业": an unnamed company.
_UNNAMED_COMPANY = re.compile(r"[一某]家(?:企业|公司|厂商|机构)$")
# A company name with its legal form: the fuller of two spellings of one maker.
_LEGAL_FORM = re.compile(r"有限公司|有限责任公司|股份|集团|Inc\.?|Ltd\.?|Corp\.?|GmbH")

# Table column headers.
_COL_PRODUCT = re.compile(r"产品|软件|器械名|药品|药物|商品名|通用名|品名|名称|设备|Product|Device|Drug", re.I)
_COL_COMPANY = re.compile(r"企业|公司|厂商|厂家|申请人|注册人|生产商|制造商|持有人|Company|Manufacturer|Applicant", re.I)
# Count / amount headers ("规上企业数（家）", "新增三类证（张）") belong to statistics tables.
_COL_COUNT = r"数量|企业数|家数|个数|件数|张数|[（(](?:家|个|张|款|件|亿元|万元|元|%)[)）]|占比|增速|产值|金额"
_COL_NOT_PRODUCT = re.compile(r"企业|公司|厂商|申请人|注册人|类型|类别|分类|领域|简介|描述|介绍|功能|用途|适应|场景|科室|" + _COL_COUNT)
_COL_NOT_COMPANY = re.compile(r"产品|" + _COL_COUNT)
_COL_DATE = re.compile(r"时间|日期|年份|年月|Date", re.I)
_COL_AUTH = re.compile(r"认证机构|审批机构|监管机构|认证类型|认证|机构|Authority|Agency", re.I)
_COL_CLASS = re.compile(r"类别|分类|管理类|Class", re.I)
# Table context words saying the rows are approvals / are something else.
#: every approval phrase names a regulator or an approval word: other blocks skip segmentation
_PROSE_TRIGGER = re.compile(
    r"NMPA|CFDA|SFDA|FDA|(?<![A-Za-z])CE(?![A-Za-z])|PMDA|TGA|MFDS|药监|药品监督|注册证|类证|批准|获批|获准|认证|许可|510|De\s*Novo|上市",
    re.I,
)
_TABLE_APPROVAL = re.compile(r"获批|批准|审批通过|注册证|[三二一]类证|获证|认证|上市|clearance|510\s*[（(]k|approv", re.I)
_TABLE_NEGATIVE = re.compile(
    r"绿色通道|特别审查|特别审批|优先审|突破性|申报|在审|审评中|审批中|受理|临床试验|默示许可|融资|投资|中标|招标|实验室|政策|标准"
)
# A row's status / certificate-type cell saying the product is not approved yet ("进入创新审查", "注册中").
_ROW_NOT_APPROVED = re.compile(
    r"审查|审评|在审|申报|申请|受理|临床|注册中|已提交|突破性|Breakthrough|pending|submitted|under\s+review", re.I
)
# A table of the reporting company's own products ("表3-1 公司产品获得的境内医疗器械注册证").
_OWN_PRODUCTS = re.compile(r"(?:本|我)?公司(?:及(?:其)?子公司)?的?(?:主要|核心|现有)?产品")
# "（以下简称“睿影智能”“公司”或“本公司”）": the short name of the company the document is by.
_SELF_ALIAS = re.compile(
    r"[（(]\s*以下(?:简称|称)[：:]?\s*[“\"「『](?P<alias>[^”\"」』]{1,20})[”\"」』][^）)]{0,20}?"
    r"[“\"「『](?:本?公司|本集团|发行人)[”\"」』]"
)
# Table footnote "注1：第6项产品由公司全资子公司X（德国）生产": the maker of one row.
_ROW_MAKER = re.compile(
    r"第\s*(?P<n>\d{1,3})\s*项(?:产品)?由(?:本?公司)?(?:的)?(?:全资|控股)?(?:子公司)?"
    r"(?P<co>[^，。；（(]{2,40}?)\s*(?:[（(][^）)]*[)）])?\s*(?:生产|制造|研发)"
)


# --- small helpers ---------------------------------------------------------------------------


def authorities_in(text: str) -> list[tuple[str, int, int]]:
    """Authorities written in ``text``: (short name, start, end), in text order."""
    out = []
    for m in _AUTH_RE.finditer(text):
        for i, (_, short) in enumerate(_AUTHORITIES):
            if m.group(f"a{i}"):
                out.append((short, m.start(), m.end()))
                break
    return out


def written_authority(short: str, *texts: str) -> str | None:
    """How the text writes authority ``short`` (CFDA, 国家药监局 …): the first form found in ``texts``."""
    for text in texts:
        for name, s, e in authorities_in(text or ""):
            if name == short:
                return text[s:e]
    return None


#: 注册证号 (国械注准20203210xxx, 沪械注准…) and FDA 510(k) / De Novo numbers (K123456, DEN180001)
_REG_NUMBER = re.compile(r"[\p{Han}]?械注[准进许]\s*\d{8,12}|(?<![A-Za-z0-9])(?:K\d{6}|DEN\d{6})(?![A-Za-z0-9])")


def registration_number(text: str, authority: str | None = None) -> str | None:
    """The registration or clearance number written in ``text``, if any; with ``authority``, only
    one that authority issues (a K number is not the CE record's in "…clearance (K223512)，并已获得 CE mark")."""
    for m in _REG_NUMBER.finditer(text):
        issuer = "NMPA" if "械注" in m.group() else "FDA"
        if authority is None or authority == issuer:
            return re.sub(r"\s+", "", m.group())
    return None


def strip_asides(text: str) -> str:
    """``text`` without short-name asides ("（以下简称“术锐”）", "…有限公司（泽璟制药）"): they sit
    between a maker and its product and are neither."""
    return _SHORT_NAME_ASIDE.sub("", _ALIAS_ASIDE.sub("", text))


def defined_aliases(text: str) -> set[str]:
    """Short names a document defines for companies ("X（以下简称“微创机器人”）"): later mentions
    such as "微创机器人鸿鹄®骨科手术机器人" then split into maker and product."""
    out = set()
    for m in list(_ALIAS_ASIDE.finditer(text)) + list(_SHORT_NAME_ASIDE.finditer(text)):
        alias = clean_name(m["alias"])
        if alias and is_company_name(alias) and not _COMPANY_HEAD.search(alias):
            out.add(alias)
    return out


def document_year(text: str) -> int | None:
    """The year of the document's own date (its dateline), if it states one."""
    d = dateline(text)
    return d.year if d else None


def _has_letters(text: str | None) -> bool:
    """Whether a cell holds a name (Han or Latin letters) rather than a figure."""
    return bool(text and re.search(r"[\p{Han}A-Za-z]", text))


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def clean_name(text: str | None) -> str | None:
    """A name without footnote marks, surrounding punctuation and spaces (None when empty)."""
    if not text:
        return None
    s = _FOOTMARK.sub("", text).replace("**", "")  # Markdown bold around a name
    s = re.sub(r"[（(][^（）()]*[：:][^（）()]*[)）]", "", s)  # "（商品名：…）", "（注册证号：…）"
    s = re.sub(r"(?<=\S)\s*[（(][^（）()]*[，,][^（）()]*[)）]", "", s)  # other names listed: "FRUZAQLA™（fruquintinib，呋喹替尼）"
    s = s.strip(" \t\u3000，,、。：:*●•-")
    s = re.sub(r"^[“\"「『《]+|[”\"」』》]+$", "", s).strip()
    if s.count("（") + s.count("(") > s.count("）") + s.count(")"):
        s = re.sub(r"\s*[（(][^）)]*$", "", s)  # "X（2023年8月取得…": cut inside an aside
    return s or None


#: a phrase of function words and adverbs only
_CLAUSE_WORDS = re.compile(r"(?:但|而|并|且|则|也|还|又|再|更|进一步|随后|此后|同时|已经?|正在|将|在|于|向|对|从|为|均|都|仍|尚|才|就)+")
#: a phrase ending in a preposition or an adverb, or a place after 在 (a verb follows it: "资金进一步向…",
#: "国内企业在美获批…")
_DANGLING_END = re.compile(r"(?:进一步|向|在|于|对|从|将|已|则|并|也|还|又|(?<=.)在(?:美|美国|欧洲|欧盟|日本|国内|海外|境外|中国)|"
                           r"^(?:资金|资本|市场|行业|国内企业|企业|厂商|公司))$|^(?:资金|资本)")


def is_product_name(name: str | None) -> bool:
    """Whether ``name`` can be a product: not a count, not a bare category or pronoun."""
    if not name or len(name) < 2 or len(name) > 60:
        return False
    if _COUNT.search(name) or _GENERIC.match(name) or _COMPANY_HEAD.search(name) or _ORIGIN_CATEGORY.match(name):
        return False
    if re.search(r"、|等$|(?:^|\s)如\s", name):
        return False  # a list of examples, not one product
    if _CLAUSE_WORDS.fullmatch(name) or _DANGLING_END.search(name):
        return False  # "但在", "进一步", "资金进一步向", "国内企业在美": the words before a verb, no name
    return not re.search(r"[，。；：:]|已有|共有|还有|获得|获批|通过|取得|作为|成为|是", name)


def is_company_name(name: str | None) -> bool:
    """Whether ``name`` looks like an organisation name (short, no clause punctuation or verbs)."""
    if not name or not 2 <= len(name) <= 30:
        return False
    if re.search(r"[，。；：:]|获得|获批|通过|宣布|表示|\d{4}\s*年", name):
        return False
    return not _GENERIC.match(name) and not _COUNT.search(name)


def looks_like_company(name: str, known: Iterable[str] = ()) -> bool:
    """A name that is an organisation on its own: known, with a company suffix, or a Latin name."""
    name = name.strip()
    if not is_company_name(name):
        return False
    if name in known or re.search(_COMPANY_SUFFIX + r"$", name):
        return True
    return bool(re.fullmatch(r"[A-Z][\w.\-&]*(?:\s[A-Z][\w.\-&]*){0,3}", name))


def split_company(name: str, known: Iterable[str] = (), *, loose: bool = False) -> tuple[str | None, str]:
    """(company, product) for a name that may start with its maker: "科亚医疗冠脉…软件",
    "Airdoc 糖尿病…软件", "推想科技的…"; (None, name) when no maker prefix is found."""
    p = _POSSESSIVE_RE.match(name)
    if p and is_company_name(p["co"]):
        product = english_name(p["prod"])
        if is_product_name(product):
            return p["co"].strip(), product
    m = _OWNER_RE.match(name)
    owner_ok = m is not None and (
        looks_like_company(m["co"], known) or (loose and is_company_name(m["co"]) and not _NOT_OWNER.search(m["co"]))
    )
    if m and owner_ok and is_product_name(m["prod"]):
        return m["co"].strip(), m["prod"].strip()
    h = _HAS_RE.match(name)  # "联影医疗又有数字化PET/CT uMI Panorama": only a name that is a company
    if h and looks_like_company(h["co"], known) and is_product_name(h["prod"]):
        return h["co"].strip(), h["prod"].strip()
    for co in sorted(known, key=len, reverse=True):
        if len(co) >= 2 and name.startswith(co) and len(name) - len(co) >= 2:
            rest = name[len(co):].lstrip(" 的")
            if is_product_name(rest):
                return co, rest
    for pat in (_SPACED_PREFIX_RE, _COMPANY_PREFIX_RE):
        m = pat.match(name)
        if (m and is_company_name(m["co"]) and is_product_name(m["prod"]) and not _CATEGORY_TAIL.search(m["co"])
                and not _NOT_OWNER.search(m["co"])):
            if pat is _SPACED_PREFIX_RE and not re.search(r"\p{Han}", m["prod"]) and m["co"] not in known:
                continue  # "VitaFlow Liberty®": a Latin brand of several words, not maker + product
            return m["co"].strip(), m["prod"].strip()
    return None, name


def english_name(text: str) -> str:
    """A Latin product name without the Chinese gloss and description after it
    ("Toumai®（图迈®）laparoscopic surgical robot" -> "Toumai®")."""
    m = _HAN_GLOSS.match(text.strip())
    return (m["n"] if m else text).strip()


def class_for(authority: str, text: str) -> str | None:
    """Registration class, only meaningful for NMPA (三类证, 第二类医疗器械, 国械注准2020321…);
    a drug category ("1类创新药", "2类改良型新药") is not a device class."""
    if authority != "NMPA":
        return None
    m = _REG_NO.search(text)
    if m:
        return {"1": "I", "2": "II", "3": "III"}[m["c"]]
    return cert_class(_DRUG_CATEGORY.sub("", text))


@dataclass
class Candidate:
    """A record before it is built: fields plus its evidence span (document offsets)."""

    product: str | None
    company: str | None
    authority: str
    cert_class: str | None
    date: str | None
    start: int
    end: int
    confidence: float
    from_table: bool = False
    authority_raw: str | None = None  # the regulator as written, where the text names it
    summary: bool = False  # a row of a regulator-per-column overview, which often repeats other tables


def _norm(s: str | None) -> str:
    return re.sub(r"[\s\p{P}®™]+", "", (s or "").lower())


def name_variants(name: str | None) -> list[str]:
    """A name and the forms it is also written in: without a bracketed brand and the brand
    alone ("特瑞普利单抗（LOQTORZI）" -> 特瑞普利单抗, LOQTORZI)."""
    if not name:
        return []
    out = [name]
    m = re.match(r"^(?P<base>.+?)\s*[（(](?P<inner>[^（）()]+)[)）]$", name)
    if m:
        out.append(m["base"])
        if re.search(r"[A-Za-z]{3}", m["inner"]):  # a brand, not "（新适应症）"
            out.append(m["inner"])
    return out


def same_product(a: str | None, b: str | None) -> bool:
    """Equal after normalisation, or one contains the other covering at least 60% of it (in
    any of their written forms)."""
    for x in map(_norm, name_variants(a)):
        for y in map(_norm, name_variants(b)):
            if not x or not y:
                continue
            short, long_ = sorted((x, y), key=len)
            if x == y or (short in long_ and len(short) >= 0.6 * len(long_)):
                return True
    return False


# --- the extractor ---------------------------------------------------------------------------


class CertifiedProductConfig(ExtractorConfig):
    """Settings of certified_product.rules.v1."""

    use_ner: bool = True  # PRODUCT/ORG entities of the trained NER name products the rules cannot read


class CertifiedProductRulesV1(RuleExtractor):
    name = "certified_product.rules.v1"
    kind = "certified_product"
    version = "1"
    record_model = CertifiedProduct
    Config = CertifiedProductConfig

    def extract(self, ctx: ExtractionContext) -> Iterable[RecordBase]:
        """Approved products from approval tables and from approval sentences, each fact once."""
        known = set(gazetteer("org")) | table_companies(ctx) | defined_aliases(ctx.text)
        tables: list[Candidate] = []
        for block in ctx.structure.of_type(BlockType.TABLE):
            tables.extend(self._table(ctx, block))
        prose = list(self._prose(ctx, known, document_year(ctx.text)))
        for cand in merge(tables, prose):
            yield self.make(
                ctx, cand.start, cand.end, confidence=cand.confidence,
                product=cand.product, company=cand.company, authority=cand.authority,
                authority_raw=cand.authority_raw, cert_class=cand.cert_class,
                registration_no=registration_number(ctx.text[cand.start:cand.end], cand.authority), date=cand.date,
            )

    # --- tables ---

    def _table(self, ctx: ExtractionContext, block: Block) -> Iterator[Candidate]:
        """One candidate per row of a table whose context says its rows are approvals."""
        table = block.table
        if table is None or table.header is None:
            return
        cols = columns(table)
        if cols.get("product") is None and cols.get("company") is None:
            return
        before = preceding_paragraph(ctx, block)
        title = block.caption or before
        header = " ".join(table.columns)
        if _TABLE_NEGATIVE.search(title) or _TABLE_NEGATIVE.search(header):
            return
        context = " ".join([block.caption, header, block.note, before])
        if not _TABLE_APPROVAL.search(context) and cols.get("auth") is None:
            return
        auths = table_authorities(block, header, before)
        klass_text = " ".join([block.caption, header, before])
        # a table of "公司产品" without a company column lists the reporting company's products
        owner = None
        if cols.get("company") is None and _OWN_PRODUCTS.search(block.caption + before):
            owner = reporting_company(ctx.text)
        # "公司 | 核心产品 | NMPA三类证 | FDA 510(k) | CE MDR": one column per regulator, its cells the dates
        per_auth = authority_columns(table) if cols.get("date") is None and cols.get("auth") is None else {}
        makers = row_makers(ctx, block)
        company_above = None
        for n, row in enumerate(table.rows, 1):
            product = clean_name(cell_text(row, cols.get("product")))
            company = clean_name(cell_text(row, cols.get("company")))
            if company is None and product is not None:
                company = company_above  # a company's further products leave its cell empty
            company_above = company
            if product is not None and not is_product_name(product):
                continue
            if product is None and company is None:
                continue
            if not any(_has_letters(x) for x in (product, company)):
                continue  # "2019  1,210  610": a statistics row, its cells are figures
            auth_cell = cell_text(row, cols.get("auth")) or ""
            class_cell = cell_text(row, cols.get("class")) or ""
            if _ROW_NOT_APPROVED.search(auth_cell + " " + class_cell):
                continue  # "进入创新审查": the row's status is not an approval
            row_text = " ".join(c.text for c in row.cells)
            if per_auth:
                for auth, idx in per_auth.items():
                    cell = cell_text(row, idx) or ""
                    date = parse_date(cell)
                    if date is None or _ROW_NOT_APPROVED.search(cell):
                        continue  # "—", "在审": no approval from this regulator
                    yield Candidate(product, company or owner, auth, class_for(auth, table.columns[idx]), date, row.start, row.end,
                                    0.8, from_table=True, authority_raw=written_authority(auth, table.columns[idx]), summary=True)
                continue
            # the row's certificate type ("FDA 510(k)"), else its certificate number, else the table's
            row_auths = _unique(a for a, _, _ in authorities_in(auth_cell)) or number_authorities(row_text) or auths
            date = parse_date(cell_text(row, cols.get("date")) or "")
            reg = registration_number(row_text) or ""
            maker = company or makers.get(row_serial(row, n)) or owner
            for auth in row_auths:
                klass = (class_for(auth, class_cell) or class_for(auth, auth_cell) or class_for(auth, reg)
                         or class_for(auth, klass_text))
                yield Candidate(
                    product, maker, auth, klass, date, row.start, row.end, 0.85, from_table=True,
                    authority_raw=written_authority(auth, auth_cell, block.caption, header, block.note, before),
                )

    # --- prose ---

    def _prose(self, ctx: ExtractionContext, known: set[str], doc_year: int | None) -> Iterator[Candidate]:
        """Candidates from approval phrases in paragraphs and list items."""
        blocks = ctx.structure.blocks
        for idx, block in enumerate(blocks):
            if block.type not in (BlockType.PARAGRAPH, BlockType.LIST_ITEM):
                continue
            view = block.view(ctx.text)
            heading = heading_above(blocks, idx)
            topic = heading_topic(blocks, idx)
            spans = ctx.sentences(block, _PROSE_TRIGGER)
            entities = ctx.entities(block, "PRODUCT", "ORG") if spans and self.config.use_ner else []
            memory = BlockMemory()
            found: list[Candidate] = []
            for s, e in spans:
                sent = view.text[s:e]
                if _PROMO.match(sent):
                    continue
                # a bare "7月11日" / "同年" takes the year written earlier in the block, else the document's
                block_year = last_year(view.text[:s])
                ents = tuple((view.text[a:b], lab) for a, b, lab in entities if s <= a and b <= e)
                info = SentenceInfo(heading=heading, topic=topic, year=block_year or doc_year, block_year=block_year,
                                    doc_year=doc_year,
                                    entities=ents, memory=memory)
                for cand in self._sentence(sent, info, known):
                    ds, de = view.doc_span(s, e)
                    cand.start, cand.end = ds, de
                    found.append(cand)
                topic = sentence_topic(strip_asides(sent)) or opening_org(view.text, s, e, entities) or topic
            headline = blocks[idx - 1].text if idx and blocks[idx - 1].type is BlockType.HEADING else ""
            yield from borrow_companies(found, headline, known)

    def _sentence(self, sent: str, info: SentenceInfo, known: set[str]) -> Iterator[Candidate]:
        """Candidates from one sentence (offsets filled in by the caller). A clause without a
        subject of its own ("…，并通过FDA 510(k)审查", "…，成为首个获得三类证的Y") shares the
        product of the clause before it; a repeat only completes class and date."""
        sent = strip_asides(sent)
        found: dict[tuple[str, str], Candidate] = {}
        previous: tuple[str, str | None] | None = None
        for m in approval_phrases(sent):
            clause_s, clause_e = clause_bounds(sent, m.start(), m.end())
            clause = _APPROVAL_ROUTE.sub("", sent[clause_s:clause_e])
            if _NOT_APPROVAL.search(clause) or is_statistic(sent, m, clause_e):
                # not an approval, but "该软件的国内版本…" in a later sentence may still refer to its product
                if not is_statistic(sent, m, clause_e):
                    named = find_product(sent, m, clause_s, info, known, previous)
                    if named[0]:
                        info.memory.antecedent = named
                continue
            auths = phrase_authorities(sent, m, clause_s)
            if not auths and m.re is _GOT_RE and not m["noun"]:
                # a bare "获批" continues the regulator of the approval before it in the paragraph
                # ("X早在2016年即获得三类证，第二代产品Y于2021年获批")
                auths = info.memory.authorities
            if not auths:
                continue
            # "X作为国内首个AI三类证产品，早在2020年即已获得NMPA批准": a clause without a subject
            # takes the product, and the class, of the sentence's opening
            opening = sent[:clause_s] if previous is None and not strip_noise(sent[clause_s:m.start()]) else ""
            product, company = find_product(sent, m, clause_s, info, known, previous)
            if not product and info.entities and not describes_company(sent, m):
                # the rules read no name: a PRODUCT entity of the NER in the clause (and its maker)
                product = ner_name(sent[clause_s:clause_e], info.entities, "PRODUCT")
                if not plausible_entity(product):
                    product = None
                if product:
                    company = ner_name(sent[clause_s:clause_e], info.entities, "ORG", exclude=product)
            if not product:
                continue
            company = clean_company(company)
            if company is None and info.entities:
                # the rules read no maker: an ORG entity of the NER before the phrase's clause
                # ends ("深脉分数®是科亚医疗自主研发的…，获得三类证")
                company = clean_company(ner_name(sent[:clause_e], info.entities, "ORG", exclude=product))
            previous = (product, company)
            info.memory.antecedent, info.memory.authorities = previous, auths
            date = approval_date(sent, m, info.year, info.block_year, info.doc_year)
            klass_text = opening + clause + registration_after(sent, m.end())
            for auth in auths:
                key = (auth, _norm(product))
                cand = Candidate(product, company, auth, class_for(auth, klass_text), date, 0, 0, 0.7,
                                 authority_raw=written_authority(auth, clause, sent))
                if key in found:
                    twin = found[key]
                    found[key] = replace(twin, cert_class=twin.cert_class or cand.cert_class,
                                         date=twin.date or cand.date, company=fuller_company(twin.company, cand.company))
                else:
                    found[key] = cand
        yield from found.values()


@dataclass
class BlockMemory:
    """What later sentences of a paragraph refer back to: the last product named (also in a clause
    that is no approval, "X获FDA突破性器械认定。该软件的国内版本已获得三类证") and the regulator of
    the last approval (a bare "获批" continues it)."""

    antecedent: tuple[str, str | None] | None = None
    authorities: list[str] = field(default_factory=list)


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


# --- table helpers ---------------------------------------------------------------------------



def columns(table: Table) -> dict[str, int | None]:
    """Column index of product, company, date, authority and class, found by header names."""
    found: dict[str, int | None] = {"product": None, "company": None, "date": None, "auth": None, "class": None}
    found.update(table.find_columns({
        "company": (_COL_COMPANY, _COL_NOT_COMPANY), "product": (_COL_PRODUCT, _COL_NOT_PRODUCT),
        "date": _COL_DATE, "auth": _COL_AUTH, "class": _COL_CLASS,
    }))
    return found


def authority_columns(table: Table) -> dict[str, int]:
    """Regulator -> column index, when at least two header cells each name one regulator and
    nothing else of the row ("NMPA三类证", "FDA 510(k)", "CE MDR"); else {}."""
    found: dict[str, int] = {}
    for i, name in enumerate(table.columns):
        auths = _unique(a for a, _, _ in authorities_in(name))
        if len(auths) == 1 and auths[0] not in found:
            found[auths[0]] = i
    return found if len(found) >= 2 else {}


def table_authorities(block: Block, header: str, before: str) -> list[str]:
    """Authorities of a whole table: named in its caption, header or source note; else NMPA when
    those say 注册证 / 三类证; else named in the paragraph before it (which may also mention other
    regulators' approvals the table does not list, hence last)."""
    own = " ".join([block.caption, header, block.note])
    auths = _unique(a for a, _, _ in authorities_in(own))
    if not auths and _NMPA_CERT.search(own):
        auths = ["NMPA"]  # "表3-1 公司产品获得的境内医疗器械注册证"
    if not auths:
        auths = _unique(a for a, _, _ in authorities_in(before))
    if not auths and _NMPA_CERT.search(before):
        auths = ["NMPA"]  # 三类证 / 注册证 are NMPA certificates
    return auths


def number_authorities(text: str) -> list[str]:
    """Authorities whose certificate numbers a row writes: 国械注准… / 粤械注准… (NMPA), K123456 (FDA)."""
    out = []
    if _NMPA_NUMBER.search(text):
        out.append("NMPA")
    if _FDA_NUMBER.search(text):
        out.append("FDA")
    return out


def reporting_company(text: str) -> str | None:
    """The company a document is by: the short name its opening defines together with "公司" /
    "本公司" ("（以下简称“睿影智能”“公司”或“本公司”）")."""
    m = _SELF_ALIAS.search(text)
    return clean_name(m["alias"]) if m else None


def row_serial(row, n: int) -> int:
    """A row's number: its serial cell ("6") when the first cell is one, else its position."""
    first = row.cell(0)
    if first is not None and re.fullmatch(r"\s*\d{1,3}\s*", first.text or ""):
        return int(first.text)
    return n


def row_makers(ctx: ExtractionContext, block: Block) -> dict[int, str]:
    """Makers the footnotes under a table give for single rows ("注1：第6项产品由公司全资子公司X生产")."""
    blocks = ctx.structure.blocks
    idx = blocks.index(block)
    out: dict[int, str] = {}
    for b in blocks[idx + 1:idx + 6]:
        if b.type is not BlockType.FOOTNOTE:
            break
        for m in _ROW_MAKER.finditer(b.text):
            co = clean_name(m["co"])
            if co and is_company_name(co):
                out[int(m["n"])] = co
    return out


def table_companies(ctx: ExtractionContext) -> set[str]:
    """Company names in any table's company column: makers to recognise in prose."""
    out: set[str] = set()
    for block in ctx.structure.of_type(BlockType.TABLE):
        if block.table is None or block.table.header is None:
            continue
        i = columns(block.table).get("company")
        for row in block.table.rows:
            name = clean_name(cell_text(row, i))
            if is_company_name(name):
                out.add(name)
    return out


def cell_text(row, i: int | None) -> str | None:
    """Text of cell ``i`` of ``row`` (None when absent or empty)."""
    if i is None:
        return None
    c = row.cell(i)
    return c.text if c is not None and c.text else None


def preceding_paragraph(ctx: ExtractionContext, block: Block) -> str:
    """The paragraph just before a table (and its caption): it often names the regulator."""
    blocks = ctx.structure.blocks
    idx = blocks.index(block)
    for b in reversed(blocks[max(0, idx - 3):idx]):
        if b.type in (BlockType.PARAGRAPH, BlockType.LIST_ITEM):
            return b.view(ctx.text).text
    return ""


def heading_above(blocks: list[Block], idx: int) -> str | None:
    """The heading line directly above a paragraph (a product named in bold: "● **X**")."""
    if idx == 0:
        return None
    prev = blocks[idx - 1]
    if prev.type is not BlockType.HEADING:
        return None
    text = re.sub(r"^[#\s\-•●▪■◆➤]+|\*\*|[\s:：]+$", "", prev.text.strip())
    if _SECTION_HEADING.match(text) or _PROSE_TRIGGER.search(text):
        return None  # "5.1 三类医疗器械注册证": a section title, not a product
    return clean_name(re.sub(r"\*\*", "", text))


# --- prose helpers ---------------------------------------------------------------------------


def approval_phrases(sent: str) -> list[re.Match]:
    """Approval phrases in a sentence, in order, overlapping ones dropped."""
    found = []
    for pat in (_FORWARD_RE, _GOT_RE, _PASSIVE_RE):
        for m in pat.finditer(sent):
            if any(m.start() < f.end() and f.start() < m.end() for f in found):
                continue
            found.append(m)
    return sorted(found, key=lambda m: m.start())


def clause_bounds(sent: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between ， ； etc.) around sent[start:end]."""
    s = 0
    for m in _CLAUSE_END.finditer(sent, 0, start):
        s = m.end()
    m = _CLAUSE_END.search(sent, end)
    return s, (m.start() if m else len(sent))


def phrase_authorities(sent: str, m: re.Match, clause_s: int) -> list[str]:
    """Authorities of an approval phrase: those written inside it, or just before it in its
    clause ("经FDA获批"); 注册证 / 三类证 / 批准上市 without one are NMPA's."""
    if m.re is _PASSIVE_RE:
        return [a for a, _, _ in authorities_in(m["auth"])][:1]
    inside = _unique(a for a, _, _ in authorities_in(m["mid"] + m["noun"]))
    # "获得NMPA三类证和CE认证": a second authority coordinated after the phrase
    # "获得欧盟CE认证、美国FDA 510(k)许可及日本PMDA认证": follow the whole list
    pos = m.end()
    while (co := _COORDINATED.match(sent, pos)) is not None:
        inside = _unique(inside + [a for a, _, _ in authorities_in(co["more"])])
        pos = co.end()
    if inside:
        return inside
    near = authorities_in(sent[max(clause_s, m.start() - 12):m.start()])
    if near:
        return [near[-1][0]]
    place = _APPROVED_IN.search(sent[clause_s:m.start()])
    if place:
        return [_PLACE_AUTHORITY[place["p"]]]  # "2023年1月在美国获批…新适应症"
    noun = m["noun"]
    if _NMPA_CERT.search(noun) or (re.search(r"上市", noun) and not _FOREIGN.search(sent)):
        return ["NMPA"]
    if re.match(r"510|De\s*Novo", noun):
        return ["FDA"]
    return []


def approval_date(sent: str, m: re.Match, year: int | None = None, same_year: int | None = None,
                  doc_year: int | None = None) -> str | None:
    """The approval date: one in brackets right after the phrase ("…510(k)许可（2023年3月）"), else
    an English date after the verb in its clause ("received … clearance in Jun 2023"), else the date
    written nearest before the phrase or inside "FDA已于11月8日批准" (a bare "7月11日" or "5月" takes
    ``year``, "同年" ``same_year`` and "次年" the year after it, "今年1月" / "去年" the document's
    ``doc_year``), else the first date after it."""
    paren = _PAREN_DATE.match(sent[m.end():])
    if paren and find_dates(paren["d"]):
        return find_dates(paren["d"])[0].value
    # English puts the date after the verb, inside the clause: "received … clearance in Jun 2023"
    end = _CLAUSE_END.search(sent, m.end())
    english = english_date(sent[m.end():end.start() if end else len(sent)])
    if english:
        return english
    before = sent[:m.end()] if m.re is _PASSIVE_RE else sent[:m.start()]
    # an English date belongs to the clause it ends ("…clearance in Nov 2022，并已获得 CE mark")
    before = ENGLISH_DATE_RE.sub(lambda d: " " * len(d.group(0)), before)
    dates = find_dates(before)
    last_end = dates[-1].end if dates else 0
    rel = [r for r in _RELATIVE_YEAR.finditer(before) if r.start() >= last_end]
    if rel and doc_year is not None:
        r = rel[-1]
        y = doc_year - RELATIVE_YEARS[r["rel"]]
        return iso_date(y, int(r["m"]) if r["m"] else None, None) if r["m"] else str(y)
    bare = [b for b in _BARE_MONTH_DAY.finditer(before) if b.start() >= last_end]
    if bare and year is not None:
        return parse_date(bare[-1]["md"], year=year)
    month = [b for b in _BARE_MONTH.finditer(before) if b.start() >= last_end]
    if month and year is not None and not dates:
        return iso_date(year, int(month[-1]["m"]), None)
    if dates:
        return dates[-1].value
    if _SAME_YEAR.search(before) and same_year is not None:
        return str(same_year)
    if _NEXT_YEAR.search(before) and same_year is not None:
        return str(same_year + 1)
    after = [d for d in find_dates(sent) if d.start >= m.start()]
    return after[0].value if after else None


def describes_company(sent: str, m: re.Match) -> bool:
    """"…拥有X注册证的企业": the approval phrase qualifies a company, so no entity is its product."""
    obj = following_object(sent, m)
    return bool(obj and _COMPANY_HEAD.search(strip_noise(obj)))


def plausible_entity(name: str | None) -> bool:
    """An NER entity that can name a product: not a certificate ("…注册证"), not a place phrase ("在美国")."""
    return is_product_name(name) and not re.search(r"注册证|认证|批准|许可|^在", name or "")


def ner_name(clause: str, entities: tuple[tuple[str, str], ...], label: str, exclude: str | None = None) -> str | None:
    """The last entity of ``label`` written in ``clause`` (not an authority, not inside ``exclude``)."""
    found = [t for t, lab in entities if lab == label and t in clause and not authorities_in(t)
             and not (exclude and (t in exclude or exclude in t))]
    return clean_name(max(found, key=clause.rindex)) if found else None


def find_product(sent: str, m: re.Match, clause_s: int, info: SentenceInfo, known: set[str],
                 previous: tuple[str, str | None] | None = None) -> tuple[str | None, str | None]:
    """(product, company) an approval phrase is about; (None, None) when the text names none."""
    lead = sent[clause_s:m.start()]
    if _PREPOSITION_END.search(lead):
        # "向拥有三类证的头部企业集中": only a named object of the phrase can be the product
        obj = following_object(sent, m)
        if obj is None or _COMPANY_WORD.search(obj):
            return None, None
        return name_from_phrase(obj, known)
    # -1. a clause without a subject of its own continues the clause before it
    shared = shared_subject(sent, m, clause_s, previous, known, info.topic)
    if shared:
        return shared
    # 0. "X是全球首个获得…的Y": Y restates the category, the subject X is the product.
    mb = _MADE_BY_RE.match(sent)
    first = _FIRST_OF_KIND.search(lead)
    if first:
        if mb and subject_product(mb["prod"]):
            return subject_product(mb["prod"]), clean_name(mb["co"])
        head = strip_noise(sent[clause_s:clause_s + first.start()])
        if _ANAPHOR.match(head):
            # "这是首个在美获批的…靶向药": restates the product written before, the category names none
            return info.memory.antecedent or (None, None)
        product, company = name_from_phrase(head, known, loose=True)
        if product:
            return product, company
    # 1. "获…批准的X" / "FDA 批准了 X": the approved thing follows the phrase.
    obj = following_object(sent, m)
    if obj:
        if _COMPANY_HEAD.search(strip_noise(obj)):
            return None, None  # "获得…认证的企业": the approval describes a company, no product
        product, company = name_from_phrase(obj, known, loose=m.re is _PASSIVE_RE)
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
    subject = strip_noise(_LABEL_COLON.split(lead)[-1])
    if m.re is _PASSIVE_RE and not re.search(r"(?:经|被|由|获)\s*$", lead):
        subject = ""  # "…覆盖国家药监局批准的…": the authority's object, not this subject, is approved
    if "是" in subject:
        subject = strip_noise(subject.split("是")[0])  # "该系统是器审中心通过的…"
    subject = drug_of_indication(subject)
    announcer = announcing_company(sent[:clause_s])
    said = _SAID_RE.match(subject)
    if said and is_company_name(clean_name(said["co"])):
        # "微创医疗宣布其X获得…": the announcer is the maker of X
        announcer, subject = clean_name(said["co"]), strip_noise(said["rest"])
    if subject and not _ANAPHOR.match(subject):
        owner = announcer or info.topic
        if _OWNER_ANAPHOR.match(lead):
            # "其X" / "公司的X": the owner is the company announced or written about (not known
            # here: none), X is whole ("其甲状腺…软件“澜影”" is no company with a product)
            product = subject_product(re.sub(r"^的", "", subject))
            if product:
                return product, owner
        product, company = name_from_phrase(subject, known, loose=True)
        if product and not company and _GENERATION.match(subject) and info.memory.antecedent:
            company = info.memory.antecedent[1]  # "第二代产品Y": same maker as the product before
        if product:
            return product, company or announcer or company_in(sent, known, product)
    # 4. "该产品获得…" after a sentence naming the product, or under a heading naming it.
    if (not subject or _ANAPHOR.match(subject)) and info.memory.antecedent:
        return info.memory.antecedent
    if info.heading and (not subject or _ANAPHOR.match(subject)):
        company, product = split_company(info.heading, known)
        if is_product_name(product):
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
        if _RESTATES.match(core) or (not core and following_object(sent, m) is None):
            return previous
        return None
    if core or clause_s == 0:
        return None
    prev_s, _ = clause_bounds(sent, clause_s - 1, clause_s - 1)
    prev = sent[prev_s:clause_s - 1].strip()
    pm = _PRODUCT_IS.match(prev) or _PRODUCT_IS.match(strip_noise(prev))
    if pm:
        product = subject_product(pm["prod"])
        # "X是…的企业，其核心产品为Y，…": 其 is the company the sentence opened with
        owner = clean_company(pm["co"]) if pm["co"] else sentence_topic(sent[:prev_s]) or topic
        if product:
            return product, owner
    return leading_subject(sent[:clause_s], known)


def drug_of_indication(subject: str) -> str:
    """"X联合紫杉醇用于胃癌二线治疗的新适应症获批": a new indication of drug X is X's approval."""
    m = _INDICATION.match(subject) or _NAMED_INDICATION.match(subject)
    return m["drug"] if m else subject


def clean_company(name: str | None) -> str | None:
    """A maker name without a partner ("Y与Z合作" -> Y), a short-name aside or "方面"."""
    if not name:
        return name
    s = strip_asides(name)
    s = _PARTNER_TAIL.sub("", s)
    s = re.sub(r"方面$", "", s).strip()
    if _UNNAMED_COMPANY.search(s):
        return None  # "广州市一家企业" names no company
    return clean_name(s)


def is_statistic(sent: str, m: re.Match, clause_e: int) -> bool:
    """"累计获得10张AI三类证", "新获批三类医疗器械注册证87张": a count of approvals, not one."""
    mid = m.groupdict().get("mid") or ""
    return bool(_COUNT.search(mid) or _COUNT_AFTER.match(sent[m.end():clause_e]))


def registration_after(sent: str, pos: int) -> str:
    """The NMPA registration number written later in the sentence ("…获批上市，注册证号为国械注准
    20233210536"), unless another approval phrase comes first; '' when none."""
    reg = _REG_NO.search(sent, pos)
    if reg is None or any(p.start() >= pos and p.start() < reg.start() for p in approval_phrases(sent)):
        return ""
    return reg.group(0)


def sentence_topic(sent: str) -> str | None:
    """The company a sentence is about when it describes one ("X是国内首家…的企业", "X方面，…"):
    later "其X" / "公司的X" in the paragraph belong to it."""
    first_clause = _CLAUSE_END.split(sent.strip(), 1)[0]
    for m in (_TOPIC_IS_COMPANY.match(sent.strip()), _ASPECT_RE.search(first_clause)):
        co = clean_name(strip_noise(m["co"])) if m else None
        if co and is_company_name(co) and not _NOT_OWNER.search(co):
            return co
    return None


#: time words and marks a sentence may open with before its subject ("2020年，听澜智能拿到…")
_OPENING_NOISE = re.compile(
    r"^(?:[\s\-•●▪*]+|(?:" + _DATE_WORD + r")(?:初|底|末|中|以来)?|"
    r"同年|次年|此后|随后|之后|目前|近日|日前|今年|去年|此外|同时|另外|[，,、：:])*"
)


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
    text = re.sub(r"^[#\s\-•●▪■◆➤]+|\*\*", "", blocks[idx - 1].text.strip())
    m = re.match(r"^(?P<co>[^：:，。]{2,20})[：:]", text)
    co = clean_name(m["co"]) if m else None
    return co if co and looks_like_company(co) else None


def following_object(sent: str, m: re.Match) -> str | None:
    """The noun phrase an approval phrase qualifies: "…批准的X" (relative clause), "…双认证产品",
    or the object of "FDA 批准了X上市"."""
    rest = sent[m.end():]
    if m.re is _PASSIVE_RE:
        # a bracket may list other names with commas: "批准FRUZAQLA™（fruquintinib，呋喹替尼）上市"
        o = re.match(r"\s*(?P<o>(?:[^，。；！？（(]|[（(][^（）()]*[)）]){2,60}?)(?:的)?(?:上市申请|注册申请|上市|用于|注册)", rest)
        if o is None and m.group(0).endswith("了"):
            o = re.match(r"\s*(?P<o>[^，。；！？]{2,60}?)(?:，|。|；|$)", rest)
        return o["o"] if o else None
    o = re.match(r"\s*(?:的|之)?(?P<o>[^，。；！？,;]{1,80})", rest)
    if not o or not (rest.lstrip().startswith(("的", "之")) or _QUOTED.match(o["o"])):
        return None
    text = o["o"]
    q = _QUOTED.search(text)
    if q:
        return q.group(0)
    # the head noun phrase stops before the next verb ("…系统置于云端", "…软件于2020年上市")
    text = re.split(r"(?:置于|用于|已于|已经|并于|于\d|在\d|是|将|成为|可以|能够|帮助|实现|并且|，)", text)[0]
    return text


def name_from_phrase(phrase: str, known: set[str], *, loose: bool = False) -> tuple[str | None, str | None]:
    """(product, company) named by a noun phrase: a quoted name, "Y的X", a trailing brand
    ("…解决方案TALi"), "…产品X", or the head after the last 的."""
    phrase = _TRADE_NAME_ASIDE.sub("", phrase)
    b = _BOLD.search(phrase)
    if b:
        product, company = bold_name(phrase, b, known)
        if product:
            return product, company
    q = _QUOTED.search(phrase)
    if q:
        product = clean_name(q["q"])
        if is_product_name(product):
            company, _ = split_company(product, known)
            owner = _OWNER_RE.match(strip_noise(phrase[:q.start()]))
            if company is None and owner and looks_like_company(clean_company(owner["co"]) or "", known):
                return product, clean_company(owner["co"])  # "Y自主研发的全数字PET/CT“X”"
            before = _MAKER_TAIL.sub("", phrase[:q.start()]).strip()
            before = clean_name(strip_noise(before))
            if company is None and before and (looks_like_company(before, known) or loose and is_company_name(before)):
                if not _NOT_OWNER.search(before):
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
    before = _GENERATION.sub("", _MAKER_TAIL.sub("", phrase[:b.start()]))
    before = clean_name(strip_noise(_MAKER_TAIL.sub("", before)))
    if before and is_company_name(before) and not _NOT_OWNER.search(before):
        return (bold, before) if is_product_name(bold) else (None, None)
    company, product = split_company(bold, known)
    return (product, company) if is_product_name(product) else (None, None)


def leading_subject(before: str, known: set[str]) -> tuple[str, str | None] | None:
    """The subject of a sentence's first clause when a later clause has none of its own: a bold
    name, "X作为/是…" (X not a company) or a model code opening the sentence ("CL-8000i单机…")."""
    first = _CLAUSE_END.split(before, 1)[0]
    b = _BOLD.search(first)
    if b:
        product, company = bold_name(first[:b.end()], b, known)
        return (product, company) if product else None
    a = _AS_SUBJECT.match(first)
    if a and not _COMPANY_WORD.search(a["rest"]) and not looks_like_company(clean_name(a["s"]) or "", known):
        product, company = name_from_phrase(a["s"], known, loose=True)
        return (product, company) if product else None
    m = _MODEL_LEAD.match(first.strip())
    return (m["m"], None) if m else None


def fuller_company(kept: str | None, other: str | None) -> str | None:
    """``kept``, or ``other`` when it is the maker's legal name and ``kept`` a short form
    ("微创电生理公司" in a headline, "上海微创电生理医疗科技股份有限公司" in the body)."""
    if not kept:
        return other
    if other and _LEGAL_FORM.search(other) and not _LEGAL_FORM.search(kept):
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
        short = _norm(cand.product)
        donor = next((o for o in cands if o.company and o.product and len(short) >= 2
                      and short in _norm(o.product) and short != _norm(o.product)), None)
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
    category label ("心内科产品深脉分数®" -> "深脉分数®"), else the phrase itself."""
    text = clean_name(strip_noise(text)) or ""
    q = re.search(r"(?<=[\p{Han}])[“\"「『](?P<q>[^”\"」』]{2,20})[”\"」』]?$", text)
    if q and is_product_name(q["q"]):
        return clean_name(q["q"])  # "甲状腺结节超声图像辅助诊断软件“澜影”": the brand after its description
    b = _TRAILING_BRAND.search(text)
    if b and len(b["b"]) >= 3 and b.start() > 0:
        return clean_name(b["b"])
    m = re.match(r"^.*?(?:产品|品牌)\s*(?P<n>[^\s].*)$", text)
    if m and is_product_name(m["n"]) and re.search(r"[A-Za-z0-9®™]", m["n"]):
        return clean_name(m["n"])
    return text if is_product_name(text) and not _CATEGORY_TAIL.search(text) or _looks_named(text) else None


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
        s = _LEAD_NOISE.sub("", s).strip()
        s = _TRAIL_NOISE.sub("", s).strip()
        s = re.sub(r"^(?:其|旗下)", "", s).strip()
    return s


def announcing_company(before: str) -> str | None:
    """The company in "Y宣布，其X获得…" (the clause before the product's clause)."""
    before = before.rstrip("，,： :")
    m = _ANNOUNCE_RE.search(before)
    if m:
        co = clean_name(_LEAD_NOISE.sub("", m["co"]))
        if is_company_name(co):
            return co
    m = _ASPECT_RE.search(before)  # "迈瑞医疗方面，公司的…": only a name that is a company on its own
    if m:
        co = clean_name(_LEAD_NOISE.sub("", m["co"]))
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


def merge(tables: list[Candidate], prose: list[Candidate]) -> list[Candidate]:
    """Table rows, plus prose candidates that are not the same approval as one already kept
    (same authority and product); a repeat only fills fields the kept one lacks."""
    kept = [t for t in tables if not t.summary]
    for row in (t for t in tables if t.summary):
        # an overview row repeats an approval another table lists (by its full name: "X（BC-Lung）")
        if not any(k.authority == row.authority and same_product(k.product, row.product) and
                   (not k.date or not row.date or k.date[:7] == row.date[:7]) for k in kept):
            kept.append(row)
    for cand in prose:
        twin = next(
            (k for k in kept if k.authority == cand.authority and same_product(k.product, cand.product)), None
        ) or next((k for k in tables if k.authority == cand.authority and describes(cand, k)), None) or next(
            (k for k in kept if k.authority == cand.authority and same_model(k, cand)), None
        )
        if twin is None:
            kept.append(cand)
            continue
        idx = kept.index(twin)
        kept[idx] = replace(
            twin,
            company=twin.company or cand.company,
            cert_class=twin.cert_class or cand.cert_class,
            date=finer_date(twin.date, cand.date),
        )
    return kept


def same_model(a: Candidate, b: Candidate) -> bool:
    """The same approval written once by its model code and once by model code plus description
    ("多孔腔镜手术机器人MP1000" -> "MP1000"; "MP1000 multi-port laparoscopic surgical robot"), in the
    same month."""
    if not (a.date and b.date and len(a.date) >= 7 and a.date[:7] == b.date[:7] and a.product and b.product):
        return False
    short, long_ = sorted((a.product.strip(), b.product.strip()), key=len)
    if not re.fullmatch(r"[A-Za-z][A-Za-z\-]*\d[A-Za-z0-9\-]*[®™]?", short):
        return False  # only a model code ("MP1000") is specific enough to identify the product
    return bool(re.match(re.escape(short) + r"(?![A-Za-z0-9])", long_))


def describes(prose: Candidate, row: Candidate) -> bool:
    """A prose approval that writes a table row's product with a description around it
    ("PD-1抑制剂特瑞普利单抗注射液" for the row "特瑞普利单抗（LOQTORZI）") in the same month."""
    if not (prose.date and row.date and prose.date[:7] == row.date[:7] and len(row.date) >= 7):
        return False
    text = _norm(prose.product)
    return any(len(v) >= 3 and v in text for v in map(_norm, name_variants(row.product)))


def finer_date(kept: str | None, other: str | None) -> str | None:
    """``kept``, or ``other`` when it is the same date written more precisely ("2023-08" in a
    table, "2023年8月23日" in the text)."""
    if kept and other and other.startswith(kept) and len(other) > len(kept):
        return other
    return kept or other

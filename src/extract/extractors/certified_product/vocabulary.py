"""The words of approvals: regulators, approval nouns and verbs, what is not an approval, and the
small name helpers (is this a product, a company, which class) the table and prose readers share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import regex as re

from ...lexicon import products as lex
from ...lexicon.time import TIME_BEFORE_VERB
from ...normalize import CN_DATE
from ...normalize import cert_class, dateline

# --- vocabulary ---------------------------------------------------------------------------------

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
    # "欧盟CE（IVDR）证书": the regulation in brackets
    (r"(?:欧盟\s*)?(?<![A-Za-z])CE(?![A-Za-z])(?:\s*(?:MDR|IVDR|标志|标识|认证)|\s*[（(]\s*(?:MDR|IVDR)\s*[)）])?", "CE"),
    # "通过欧盟MDR认证": certification under the EU device regulation is the CE marking (only
    # after a verb of obtaining: "欧盟MDR认证周期较长" names no approval)
    (r"(?<=(?:通过|获得|取得|获颁|获|拿到|拿下)了?\s{0,2})(?:欧盟\s*)?(?:MDR|IVDR)(?![A-Za-z])(?=\s*(?:认证|证书))", "CE"),
    # "经日本PMDA审查后获厚生劳动省批准": Japan's ministry approves after PMDA's review (one regulator)
    (r"(?:日本\s*)?(?<![A-Za-z])PMDA(?![A-Za-z])|(?:日本\s*)?厚生劳动省", "PMDA"),
    (r"(?:澳大利亚\s*)?(?<![A-Za-z])TGA(?![A-Za-z])", "TGA"),
    (r"(?:韩国\s*)?(?<![A-Za-z])(?:MFDS|KFDA)(?![A-Za-z])", "MFDS"),
    # "获得新加坡卫生科学局（HSA）注册": the Chinese name with its acronym aside is one mention
    (r"(?:新加坡\s*)?卫生科学局(?:\s*[（(]\s*HSA\s*[)）])?|(?<![A-Za-z])HSA(?![A-Za-z])", "HSA"),
    # "获加拿大卫生部（Health Canada）颁发的许可证"
    (r"加拿大卫生部(?:\s*[（(]\s*Health\s*Canada\s*[)）])?|Health\s*Canada", "Health Canada"),
    (r"(?<![A-Za-z])ANVISA(?![A-Za-z])", "ANVISA"),
    # a drug's EU marketing authorisation is granted by the European Commission on EMA's opinion
    (r"(?<![A-Za-z])EMA(?![A-Za-z])|欧洲药品管理局|欧盟委员会|欧洲委员会", "EMA"),
    *lex.REGIONAL_AUTHORITIES,
]
_AUTH_RE = re.compile("|".join(f"(?P<a{i}>{p})" for i, (p, _) in enumerate(_AUTHORITIES)))

# An approval phrase: verb … (authority) … approval noun, inside one clause.
_NOUN = (
    # "获卫福部核准上市", "通过国家药监局审批", "取得欧盟CE证书"
    r"(?:批准上市|上市批准|批准|核准上市|核准|审批|(?<=CE\s{0,2})证书|(?<=CE\s{0,2}(?:MDR|IVDR|[（(]\s*(?:MDR|IVDR)\s*[)）])\s{0,2})(?:证书|认证)|注册证书?|注册批准|上市许可|(?<!默示)许可证?|准入|认证|认可"
    # "X已取得HSA C类医疗器械注册": a registration without 证 (not 注册人 / 注册申请 / 注册检验)
    r"|(?:医疗器械|器械)注册(?!证|申|人|审|检|质量|体系|核查|受理|资料)"
    # "又取得巴西ANVISA注册", "获得澳大利亚TGA注册": a foreign regulator's registration
    r"|(?<=(?:ANVISA|TGA|HSA|MFDS|MHRA|PMDA|Health\s*Canada)\s{0,2})注册(?!证|申|人|审|检|受理|资料)"
    r"|510\s*[（(]\s*[kK]\s*[)）](?:\s*(?:认证|许可|批准|审查|clearance))?|De\s*Novo(?:\s*(?:认证|许可|批准|授权))?"
    r"|[三二一ⅢⅡⅠ]类(?:医疗器械)?(?:注册)?证|clearance|approval|certificate|certification|authori[sz]ation"
    r"|(?<=CE\s{0,2})(?:mark|marking)"
    # designations ("突破性医疗器械认定") are matched only to be rejected: their product is remembered
    r"|认定|(?i:designation))"
)
# English approval verbs of bilingual briefs: "received FDA 510(k) clearance", "obtained CE mark",
# "was granted NMPA Class III approval".
_EN_VERB = r"(?<![A-Za-z])(?:has\s+|have\s+|had\s+)?(?:received|obtained|secured|gained|earned|won|was\s+granted|were\s+granted)(?![A-Za-z])"
FORWARD_RE = re.compile(
    r"(?P<verb>获得了?|获颁|获|取得了?|拿到了?|拿下|通过了?|拥有|斩获|收获|赢得|被|" + _EN_VERB + r")"
    r"(?P<mid>[^，。；！？,;\n]{0,30}?)(?P<noun>" + _NOUN + r")"
)
# "获批上市", "获准上市", "获批三类证": the authority, if any, is written around it.
# ("同批获证", "完成首次注册": a provincial bulletin's words for a first registration)
GOT_RE = re.compile(r"(?P<verb>获批|获准|(?<=同批|同时|先后)获证|完成(?:首次|产品)注册(?!成立|资本))(?P<mid>)(?P<noun>上市|(?:[三二一]类)?(?:医疗器械)?注册证|[三二一]类证|)")
# "2023年6月拿到第二张，动态心电图分析系统", "今年3月是第三张，X": the next certificate of a series
# told just before ("拿到第一张三类证，是X"), its regulator and maker that one's
ORDINAL_RE = re.compile(r"(?P<verb>拿到了?|获得了?|取得了?|拿下了?|是)(?P<mid>)(?P<noun>第[二三四五六七八九十\d]+张)(?=\s*[，,])")
# "由广东省药品监督管理局于2022年6月核发注册证": the certificate issued by the regulator, the product in the clause before
# ("收到国家药品监督管理局颁发的《医疗器械注册证》，产品名称为Y": an announcement's certificate received, the
# product named after it)
ISSUED_BY_RE = re.compile(
    r"(?:由|(?<=收到))(?P<auth>" + _AUTH_RE.pattern + r")\s*(?:于[^，。；]{2,12}?)?(?:核发|颁发|签发|发放)了?(?:的)?\s*"
    r'(?:[“"](?P<q>[^”"，。；]{2,40})[”"])?[《]?(?P<verb>)'
    r"(?P<mid>)(?P<noun>(?:第?[三二一]类)?(?:医疗器械|药品)?注册证书?|证书)")
# "FDA 批准了 X", "国家药监局批准 X 上市": authority first, the product is the object.
COORDINATED = re.compile(r"\s*(?:和|及|与|、|以及)\s*(?P<more>[^，。；！？]{1,12}?)" + _NOUN)
PASSIVE_RE = re.compile(
    # ("国家药品监督管理局经审查，批准了X生产的“Y”创新产品注册申请": the regulator's own release)
    # ("国家药监局本月批准了3款创新医疗器械：…": a time between the regulator and its verb)
    r"(?P<auth>" + _AUTH_RE.pattern + r")\s*(?:(?:已经?|正式|同时|共|先后|分别|相继|陆续|再次|又|还|也|首次|一次性|附条件|有条件|"
    + TIME_BEFORE_VERB + r"|于[^，。；]{2,12}?|经(?:审查|审评|审核|审批)[，,]?"
    # the route ("国家药监局通过优先审评审批程序附条件批准X上市": an approval all the same)
    r"|(?:通过|经|经由|按照?)(?:优先审评审批|优先审[评批])(?:程序|通道)?)\s*){0,3}"
    r"(?:批准|核准|审批通过)了?"
)

# Not an approval: priority programmes, designations, trials, submissions, hopes.
NOT_APPROVAL = re.compile(
    r"绿色通道|特别审查|特别审批|优先审[批评查]|突破性|突破性医疗器械|快速通道|Fast\s*Track|Breakthrough|孤儿药|认定|(?i:designation)"
    r"|临床试验|临床研究|默示许可|(?<![A-Za-z])(?:IND|IDE)(?![A-Za-z])|正在|申请中|审评中|审批中|在审|申报(?!的)|递交|提交|受理"
    r"|有望|即将|预计|计划|拟|等待|尚未|尚无|暂无|并无|并未|未获|未能|未取得|没有获|没有取得|争取|冲刺|奖"
    # a disclaimer: "上述事项均不代表相关产品已获准上市", "进入特别审查程序并不意味着获准上市"
    r"|不代表|不意味|并非|不等于|不等同"
    # a condition or a wait: "纳入目录的产品须同时满足…已取得医疗器械注册证", "上述产品待取得注册证后…"
    r"|(?:须|需|应当|必须)(?:同时)?(?:满足|具备|具有)|待(?:取得|获得|获批)"
    # an inquiry asking about certificates ("请发行人列示已取得的医疗器械注册证情况")
    r"|请(?:发行人|公司|申请人|保荐人|保荐机构)?(?:补充|进一步)?(?:列示|说明|披露|核查|分析)"
    # a tentative approval (FDA's, until a patent expires) or a refusal is no market approval
    r"|暂时批准|临时批准|不予批准|不批准|驳回"
    # a future filing ("后续将通过De Novo路径申请上市"), a hedge ("能否取得注册证…存在不确定性")
    r"|(?<!上市|注册|许可)申请(?!人|获批|获准|获得批准|获[^，。；]{1,12}?(?:批准|核准))|后续将|能否|是否|不确定"  # "批准…的上市申请" is an approval
    # ("X的De Novo申请获准后正式获批上市"-style wording: an application that was granted is an approval)
    # policy incentives ("对获得第三类医疗器械注册证的创新产品给予最高1000万元支持")
    r"|给予|补助|补贴|资助"
    # a requirement with a deadline ("目录外药品须在2026年6月30日前获得国家药监局批准上市")
    r"|(?:须|需|必须|应当?)(?:在|于)[^，。；]{1,20}(?:前|之前|以前)"
)
# Counts ("47 款 AI 器械", "5 家企业", "多款产品") are statistics, not products.
COUNT = re.compile(
    r"(?:\d+|[两三四五六七八九十百千几多数]+)\s*[余多]?\s*(?:款|家|个|项|种|张|件|批|类产品)|\d+(?:\.\d+)?\s*万"
    r"|约\s*\d|多款|多个|若干|一系列|许多|众多|诸多|部分|一些|各类|等产品"
)
#: a count inside an assay's name: the markers it tests for ("七种自身抗体", "十二项病原体", "五联")
_PANEL_COUNT = re.compile(r"^(?:\d+|[两三四五六七八九十]+)\s*[种项联]")
# Words that do not name a product on their own.
_GENERIC = re.compile(
    r"^(?:该|此|这|其|本|首款|一款|国内首个|首个|全球首个|中国首款)?(?:款|个)?"
    r"(?:产品|器械|医疗器械|设备|软件|系统|平台|药物|药品|新药|企业|公司|厂商|机构|团队|项目|技术|方案|模型|算法|它|其"
    r"|(?:提示性)?公告|通知|通告|报告|新闻稿)?$"  # "…关于子公司取得医疗器械注册证的公告": the document, no product
)
# "国产创新药开始…", "进口器械": a category of products by origin, not one product.
ORIGIN_CATEGORY = re.compile(
    r"^(?:(?:另)?有)?(?:一款|一个|首款)?(?:国产|进口|国内|海外|本土|我国|同类)(?:创新|原研|首创)?"
    r"(?:药|新药|药物|药品|器械|医疗器械|产品|设备|双抗|单抗|抗体|疫苗|生物类似药|仿制药)"
)
CATEGORY_TAIL = re.compile(r"(?:医疗器械|器械|产品|企业|公司|厂商|药物|药品)$")
COMPANY_HEAD = re.compile(r"(?:企业|公司|厂商|机构|团队|研究院|医院)$")
COMPANY_WORD = re.compile(r"企业|公司|厂商|厂家|机构|团队|医院")
# Company-like names: Chinese names with an industry suffix, or Latin names.
COMPANY_SUFFIX = (
    r"(?:股份有限公司|有限责任公司|有限公司|集团|公司|医疗科技|医疗|科技|智能|生物|医药|药业|制药|医学|"
    r"研究院|实验室|Inc\.?|Ltd\.?|Corp\.?)"
)
_COMPANY_PREFIX_RE = re.compile(r"^(?P<co>(?:(?!的)\p{Han}){1,8}?" + COMPANY_SUFFIX + r")(?P<prod>[\p{Han}A-Za-z0-9].{3,})$")
_SPACED_PREFIX_RE = re.compile(r"^(?P<co>[\p{Han}]{2,8}|[A-Za-z][\w.\-]*(?:\s[A-Z][\w.\-]*){0,2})\s+(?P<prod>[\p{Han}A-Za-z0-9].{3,})$")
# "X是Y(自主)研发的…": product X made by Y.
MADE_BY_RE = re.compile(
    r"^(?P<prod>[^，。；]{2,40}?)(?:是|为)(?P<co>[^，。；的]{2,25}?)(?:自主|独立|自行|联合|全新)?(?:研发|研制|开发|推出|打造|设计|生产)的"
)
# "Y的X", "Y旗下的X", "Y自主研发的X": split a subject into company and product.
OWNER_RE = re.compile(
    r"^(?P<co>[^，。；的]{2,25}?)(?:旗下)?(?:的|(?:自主|自行|独立|联合)?(?:研发|研制|开发)的|自研的|推出的|生产的|申报的|旗下的|旗下)(?P<prod>.{2,})$"
)
# "面向儿童的…", "心脑血管类的…": descriptions, not makers.
NOT_OWNER = re.compile(r"^(?:面向|基于|针对|用于|适用|一款|首款|全球|国内|中国|我国|国产|目前)|(?:类|领域|方面|型|式|性|中)$")
MAKER_TAIL = re.compile(r"(?:旗下)?(?:自主|独立|自行|联合)?(?:研发|研制|开发|推出|生产|设计|申报|自研)?的?\s*$")
# "是今年第7个获批的…": an ordinal restates the product as one of a series
FIRST_OF_KIND = re.compile(
    r"是(?:全球|国内|中国|我国|业内|行业|国际|世界|今年|年内|本年)?(?:首个|首款|第一个|第一款|唯一|首张|首批|第\s*\d+\s*[个款张])[^，。；]*$"
)
SAID_RE = re.compile(r"^(?P<co>[^，。；]{2,25}?)(?:近日|日前|今日|今天)?(?:正式)?(?:宣布|表示|公告称|称)(?P<rest>.+)$")
ANNOUNCE_RE = re.compile(r"(?P<co>[^，。；：:]{2,25}?)(?:近日|日前|今日|今天)?(?:正式)?(?:宣布|公告称?|发布公告称?|表示|披露|消息称?)$")
# "该软件的国内版本": a version of the product written before is still that product.
_REFERRER = r"(?:该|此|这|本|其|它|上述|同款|同一款?)(?:款|个|项|次)?"
_REFERRED = r"(?:产品|品种|软件|系统|设备|器械|平台|药物|药品|新药|疗法|试剂盒?)"
ANAPHOR = re.compile(
    r"^" + _REFERRER + _REFERRED + r"?"
    r"(?:的?\s*(?:国内|国际|海外|境内|境外|美国|欧洲|欧盟|中国)版本?)?$"
)
#: a sentence opening with the product named before: "该产品于…", "这款系统…"
REFERRING_OPEN = re.compile(r"^" + _REFERRER + _REFERRED)
#: a product and its maker: "X由Y自主研发", "X由Y与Z联合开发"
MADE_BY_CLAUSE = (r"(?P<prod>[^，,；;。由]{2,40}?)由(?P<co>[^，,；;。]{2,25}?)(?:自主|独立|联合|共同)?"
                  r"(?:研发|开发|研制|设计|生产|推出)")
# Leading / trailing words of a subject that are not part of a name (time, adverbs, connectives).
LEAD_NOISE = re.compile(
    r"^(?:并且?|且|而|同时|此外|另外|其中|目前|近日|日前|此前|今年|去年|据悉|据了解|另|也|还|由|该公司|公司|我司|我公司|仅|上述|继"
    r"|(?:国内|国外|海外|目前)?已有"  # "国内已有X的Y获批上市"
    r"|【[^】]{1,12}】|[^|｜\n]{1,20}\s[|｜]\s"  # a headline's label "【新闻稿】", its source "深瞳医疗科技 | "
    r"|后续|随后|此后|之后|在(?:美国|欧洲|欧盟|日本|韩国|国内|中国|海外|境内|境外|全球)"  # sequence, place
    r"|\d{1,2}\s*[.．](?!\d)\s*|\d{1,2}\s*、|[（(]\d{1,2}[)）]|[·•●▪]\s*|-\s+"  # list markers "6. ", "（2）", "- "
    r"|(?:(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?|" + CN_DATE + r")(?:以来|起)?[，,]?\s*)+"  # a date opening the clause
)
#: "A与B分别于2024年3月2日和5月9日获得…": one date per product, in the order the products are written
_DAY = r"(?:(?:19|20)\d{2}\s*年)?\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|(?:19|20)\d{2}\s*年"
RESPECTIVE_DATES = re.compile(
    r"分别(?:于|在)?\s*(?P<dates>(?:" + _DAY + r")(?:\s*(?:和|及|与|、|以及)\s*(?:" + _DAY + r"))+)\s*$"
)
#: the end of a product noun: "…软件", "…系统", "…试剂盒", "…（LX-Bone）" after one of them
PRODUCT_HEAD = re.compile(
    r"(?:软件|系统|平台|设备|仪|机|机器人|试剂盒?|导管|支架|内窥镜|内镜|镜|穿刺针|针|泵|器|计|钳|夹|模块|装置|探头|算法|注射液|片|胶囊)"
    r"(?:\s*[A-Za-z][A-Za-z0-9.\-]*[®™]?)?(?:\s*[（(][^（）()]{1,30}[)）])?$"
)
#: a class written beside a listed product ("X（IIb类）", "Y（Class IIa）", "Z（第二类）"): not part of its name
CLASS_ASIDE = re.compile(
    r"\s*[（(]\s*(?:Class\s*)?(?:I{1,3}[ab]?|[ⅠⅡⅢ][ab]?|[A-D]|第?[一二三])\s*(?:类|级)?(?:医疗器械)?\s*[)）]"
)
#: "宁川医疗取得TÜV签发的CE证书，涵盖其血糖仪与胰岛素泵两款产品": the products a certificate covers, listed after it
COVERS = re.compile(
    r"^\s*(?:并|且|其|该证书|证书)?(?:覆盖|涵盖|包括|包含|涉及|适用于)了?\s*(?:其|公司|该公司|旗下)?(?:旗下)?的?\s*(?P<list>.+?)"
    r"\s*(?:等)?\s*(?:(?:[两二三四五六七八九十]|\d{1,2})\s*(?:款|个|项|种))?\s*(?:产品|器械|医疗器械|型号)?\s*$"
)
TRAIL_NOISE = re.compile(
    # a date, maybe in Chinese numerals with its time zone ("于二零二五年十月九日（美国东部时间）")
    r"(?:(?:于|在|已于|并于|并在|已在|早在)?\s*(?:(?:\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|"
    + CN_DATE + r")(?:\s*[（(][^（）()]{1,10}时间[)）])?"
    r"|近日|日前|今年|去年|同年|当年|次年|翌年|同期|同月|年初|年底|此前|近期|最近|在(?:美国|欧洲|欧盟|日本|韩国|国内|中国|海外|境内|境外|全球))"
    r"|已经|已|经|被|成功|正式|率先|顺利|相继|先后|均|也|还|首次|再次|再|亦|同时|并|又|分别|即|就|曾|将|都|一举|陆续|最终|终于|收到了?"
    r"|同日|同|双双|一同|则|(?<=月)(?:上旬|中旬|下旬|初|底|末)"  # "…与Y于6月6日同日", "则于2月下旬"
    # the review route before the verb: "X于3月5日经韩国MFDS审评后获批" -> X (not "…经…审评后")
    r"|经(?:由)?[^，。；的]{1,20}?(?:审查|审评|评审|审核|评估)(?:后|通过)?"
    # the application that was granted: "PD-1单抗注射液（商品名：X）上市申请已获批准" -> the product
    r"|的?(?:新药|药品)?(?:上市(?:许可)?|注册|进口注册)申请"
    r"|分别(?:于|在)?\s*(?:" + _DAY + r")(?:\s*(?:和|及|与|、|以及)\s*(?:" + _DAY + r"))+)\s*$"
)
# "■ 医材与新药许可\n…", "【新闻稿】X获批上市 Y与Z签署协议\n发布日期：…": a heading line glued to the
# paragraph below it ends at its line break (a line wrapped inside a sentence has no such mark)
HEADING_MARK = re.compile(r"^\s*(?:[■▍◆#]+|【[^】]{1,12}】)")
PROMO = re.compile(r"^\s*(?:审批编号|获批日期|批准文号|审批号|广告审查)\s*[:：]")
_FOOTMARK = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\]")
# "（产品商品名“睿肺”）" after a registered name: the trade name of that product, not a second name.
TRADE_NAME_ASIDE = re.compile(r"\s*[（(](?:产品)?(?:商品名|商标名?|品牌名?)(?:为|是)?[：:]?\s*[^（）()]{1,30}[)）]")
QUOTED = re.compile(r"[“\"「『《](?P<q>[^”\"」』》]{2,40})[”\"」』》]")
TRAILING_BRAND = re.compile(r"(?<=[\p{Han}])\s*(?P<b>[A-Za-z][A-Za-z0-9.\-]*(?:\s[A-Za-z0-9][A-Za-z0-9.\-]*){0,3}[®™]?)$")
# "1,056张" is one number; "Acme Co., Ltd." one name (the comma of a legal form ends no clause);
# "on June 3, 2024" one date
CLAUSE_END = re.compile(
    r"[，。；！？;]|,(?!\d{3})(?!\s*(?:Ltd|Inc|LLC|Limited|Corp|GmbH|AG|PLC)\b)(?<![A-Z][a-z]{2,8}\.?\s\d{1,2},)"
)
NMPA_CERT = re.compile(r"注册证|[三二一ⅢⅡⅠ]类证|国械注[准进许]|医疗器械注册"
                       r"|第?[一二三]类[^，。；\n]{0,8}医疗器械[^，。；\n]{0,6}(?:获批|批准)")  # "第三类医疗器械获批产品"
# 国械注准 / 国械注进 (national) and 粤械注准, 沪械注准 … (provincial, class II): NMPA system numbers whose
# digit after the year is the class ("粤械注准20192210633" -> II).
REG_NO = re.compile(r"\p{Han}械注[准进许]\s*(?:19|20)\d{2}\s*(?P<c>[123])")
# A number that says who issued it: NMPA certificate numbers, FDA 510(k) / De Novo numbers.
NMPA_NUMBER = re.compile(r"\p{Han}械注[准进许]\s*\d{8}")
FDA_NUMBER = re.compile(r"(?<![A-Za-z0-9])(?:K\d{6}|DEN\d{6})(?![A-Za-z0-9])")
# "在美国获批", "在日本获批": the country names the regulator of a bare "获批".
PLACE_AUTHORITY = {"美国": "FDA", "美": "FDA", "日本": "PMDA", "国内": "NMPA", "中国": "NMPA", "中国内地": "NMPA",
                    "内地": "NMPA", "台湾": "TFDA"}
# "继2023年12月在中国内地获批后": the place names the regulator
APPROVED_IN = re.compile(r"在(?P<p>美国|美|日本|国内|中国内地|中国|内地|台湾)\s*$")
# A colon ending a label ("出海主线："), not one inside a bracketed aside ("（商品名：艾瑞利）").
LABEL_COLON = re.compile(r"[：:](?![^（()）]*[)）])")
FOREIGN = re.compile(r"美国|欧盟|欧洲|日本|韩国|澳大利亚|加拿大|新加坡|海外|境外")
_DRUG_CATEGORY = re.compile(
    r"(?:第\s*)?[一二三四五12345ⅠⅡⅢ]\s*类\s*(?:创新|改良型|新)?(?:药|化药|化学药|生物制品|中药|疫苗)"
)
# "联影医疗又有X获得…": the company "has" the product; "Y的X" without 的.
# "Shukun Technology's CoronaryDoc®", "Cornerstone Robotics' Sentire® system": English possessive maker.
# ("Acme Medical Co., Ltd.'s X": the legal form's comma belongs to the name)
_POSSESSIVE_RE = re.compile(r"^(?P<co>[A-Z][\w.&\-]*(?:,?\s+[A-Z][\w.&\-]*){0,5})['’]s?\s+(?P<prod>[A-Za-z0-9].*)$")
# "Toumai®（图迈®）laparoscopic surgical robot": a Latin name glossed in Chinese; the name ends at the gloss.
_HAN_GLOSS = re.compile(r"^(?P<n>[^（(]*?[A-Za-z][^（(]*?)\s*[（(]\s*\p{Han}[^）)]*[)）].*$")
_HAS_RE = re.compile(r"^(?P<co>[^，。；的]{2,25}?)(?:又|还|也|另|亦)?(?:拥有|有)(?P<prod>[^，。；]{2,})$")
# "（以下简称“微创机器人”）", "（简称：术锐）": a short name defined for later mentions. Removed
# from a sentence before parsing (it is neither product nor company) and remembered as a maker.
# "（下称“星衍生物”）", "（以下简称“深瞳医疗”或“公司”）": every alternative belongs to the aside
_ALIAS_ASIDE = re.compile(
    r"[（(]\s*(?:以下|下)?(?:简称|称)[：:]?\s*[“\"「『]?(?P<alias>[^）)”\"」』]{1,20})[”\"」』]?"
    r"(?:\s*(?:或|、|，|,)\s*[“\"「『][^）)”\"」』]{1,20}[”\"」』])*\s*[)）]"
)
# "苏州泽璟生物制药股份有限公司（泽璟制药）": a bracketed short name right after a company name
# ("…机器人（集团）股份有限公司" is part of the name, hence the look-ahead).
_SHORT_NAME_ASIDE = re.compile(
    # "苏州康络生物医药有限公司（“康络生物”）": the short name may be quoted
    r"(?<=" + COMPANY_SUFFIX + r")[（(][“\"「『]?(?P<alias>(?!集团|控股)[\p{Han}A-Za-z][\p{Han}A-Za-z0-9.\- ]{1,14})[”\"」』]?[)）]"
    r"(?!\s*(?:股份|有限|公司|集团))"
)
# "Y与Z合作开发的X": the first partner is the maker written before the product.
PARTNER_TAIL = re.compile(r"\s*(?:与|和|联合)[^，。；的]{1,20}?(?:合作|共同|联合)(?:开发|研发|研制)?\s*$")
# "注册证87张", "三类证1,056张", "超过1.1万张": a count of certificates, not one approval.
# "累计获得注册证的AI产品已达到26个": the approved things counted at the end of the clause
COUNT_LATER = re.compile(
    r"^的?[^，。；]{0,24}?(?:已经?)?(?:达到|达|共计|共有|合计|总数为|数量为|增至|超过|逾|突破)\s*[\d,.]+\s*[万千百余多]*\s*"
    r"(?:个|款|张|项|件|种|家|份)"
)
COUNT_AFTER = re.compile(r"^\s*[（(]?[^，。；）)]{0,6}?[）)]?\s*(?:超过|逾|近|约|共|合计|累计|达)?\s*[\d,，.]+\s*[万千百余多]*\s*(?:张|款|个|项|件|种|份)")
# "资本明显向拥有三类证的企业集中": an approval phrase inside a prepositional phrase describes the
# preposition's object, never the clause subject.
# (在 / 为 are left out: "X在获得CE认证后…", "X为获得…的首款产品" still assert X's approval.)
PREPOSITION_END = re.compile(r"(?:向|对|给|把|让|使|从|朝)\s*$")
# "获得的又一重要市场准入", "获得的另一项认可": a restatement of approvals already written
ANOTHER = re.compile(r"^的?\s*(?:又一|另一|再一)")
# "通过优先审评获附条件批准上市": priority review was the route to an approval, not the outcome.
APPROVAL_ROUTE = re.compile(r"(?:通过|经|经由|按照?)(?:优先审评审批|优先审[评批])(?:程序|通道)?")
# Clauses that restate the previous clause's product as a category ("成为首个获得…的Y").
# ("这被业内视为国内首个…并最终获批的Y" too)
RESTATES = re.compile(r"^(?:并|且|也|还|从而|由此|进而|这|此)?(?:成为|是|为|被(?:业内|业界|行业|市场)?(?:视为|认为是?|誉为))"
                       r"[^，。；]{0,12}?"
                       r"(?:首个|首款|第一个|第一款|第一张|唯一|首张|首批|又一|较早|最早|率先|少数)")
# A whole clause restating the product just approved by an ordinal, the approval phrase inside it:
# "…获得注册证，成为华南企业获批的首款眼科AI器械" (RESTATES reads only the words before the phrase).
RESTATING_CLAUSE = re.compile(r"^(?:并|且|也|还|从而|由此|进而)?(?:成为|是|为)[^，。；]{0,24}?的\s*"
                              r"(?:首个|首款|第一个|第一款|第一张|唯一一?[款个]?|首张|首批|又一[款个]?)")
# "润迈德的核心产品为X": names the product a following subject-less clause is about.
PRODUCT_IS = re.compile(
    r"^(?:(?P<co>[^，。；的]{2,25}?)的|其)(?:核心|主要|主打|首款|代表性?|明星|旗舰)?产品(?:为|是)(?P<prod>[^，。；]{2,60})$"
)
# "X是国内首家…的企业" / "X方面": the company a paragraph is about ("其…" and "公司的…" refer to it).
TOPIC_IS_COMPANY = re.compile(
    r"^(?P<co>[^，。；：:]{2,25}?)(?:是|为|作为)[^。；]{0,60}(?:企业|公司|厂商|厂家|龙头|独角兽)(?:之一)?[，,。；！]?$"
)
ASPECT_RE = re.compile(r"(?P<co>[^，。；：:]{2,25}?)方面$")
# "其X", "该公司的X", "公司研发的X", "公司产品X", "同期，公司的X": X belongs to the company in focus
OWNER_ANAPHOR = re.compile(
    r"^\s*(?:(?:并且?|且|而|同时|此外|另外|其中|目前|近日|日前|此前|同期|同日|同月|值得一提的是)\s*[，,]?\s*)*"
    r"(?:其|该公司的?|公司(?:自主|自行)?(?:研发|开发|推出|生产|配套使用)?的|公司产品|旗下的?"
    r"|(?:他们|我们)(?:公司|团队)?的)"  # a founder quoted: "他们的X今年获得…" = the company just written about
)
# Bare "7月11日" (year from context), "同年" (the year written before), "（2023年3月）" after the phrase.
BARE_MONTH_DAY = re.compile(r"(?<![\d年.])(?<!截至|截止|至|到)(?P<md>\d{1,2}\s*月\s*\d{1,2}\s*[日号])")
SAME_YEAR = re.compile(r"同年|当年")
NEXT_YEAR = re.compile(r"次年|翌年|第二年")
#: "今年1月", "去年": a year relative to the document's own date
RELATIVE_YEAR = re.compile(r"(?P<rel>今年|本年|去年|前年)(?:\s*(?P<m>\d{1,2})\s*月)?")
#: a bare month at a clause's start ("5月，…取得注册证"), not a span (1-9月) or a count (3个月)
# ("于2月下旬取得…" too)
BARE_MONTH = re.compile(r"(?:^|[，,。；\s]|于|在)(?P<m>\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])(?![份底末中初])")
PAREN_DATE = re.compile(r"^\s*[（(](?P<d>[^（）()]{4,16})[)）]")
# "发布时间：2023-07-17": the document's own date, the year of bare month-day dates in news digests.
# Numbered section headings ("5.1 三类医疗器械注册证", "第四章 …", "二、…") are not product names.
SECTION_HEADING = re.compile(r"^(?:第[一二三四五六七八九十\d]+[章节部篇]|[一二三四五六七八九十]+[、.]|\d+(?:\.\d+)*[\s、.])")
# New indication of an approved drug: the drug is the part before "联合…/用于…的新适应症".
INDICATION = re.compile(r"^(?P<drug>.+?)(?:联合|联用|用于|治疗|针对)[^，。；]*?的?(?:新)?适应[症证]$")
# "多纳非尼首个适应症（一线治疗…）", "X新适应症": an indication named after the drug is the drug's approval.
NAMED_INDICATION = re.compile(r"^(?P<drug>.+?)的?(?:首个|第[一二三四五]个|新增?)适应[症证](?:\s*[（(][^（）()]*[)）])?$")
# "**达芬奇5（da Vinci 5）**": Markdown bold marks the product name inside a longer subject.
BOLD = re.compile(r"\*\*(?P<b>[^*]{2,60})\*\*")
# "第二代产品**天玑2.0**", "新一代X": a later generation of a product the text has just named.
GENERATION = re.compile(r"(?:第[二三四五六]代|新一代|下一代|升级版|新版)(?:产品)?")
# "X作为国内首个…，早在2020年即已获得…": the subject of a first clause that has no approval of its own.
AS_SUBJECT = re.compile(r"^(?P<s>[^，。；]{2,60}?)(?:作为|是|为)(?P<rest>[^，。；]*)$")
# "CL-8000i单机测试速度…": a model code (letters and digits) opening a sentence names the product.
MODEL_LEAD = re.compile(r"^(?P<m>[A-Za-z][A-Za-z\-]*\d[A-Za-z0-9\-]*[®™]?)(?=\p{Han})")
# "广州市一家企业": an unnamed company.
UNNAMED_COMPANY = re.compile(r"[一某]家(?:企业|公司|厂商|机构)$")
# A company name with its legal form: the fuller of two spellings of one maker.
LEGAL_FORM = re.compile(r"有限公司|有限责任公司|股份|集团|Inc\.?|Ltd\.?|Corp\.?|GmbH")

# Table column headers.
COL_PRODUCT = re.compile(r"产品|软件|器械名|药品|药物|商品名|通用名|品名|名称|设备|Product|Device|Drug", re.I)
COL_COMPANY = re.compile(r"企业|公司|厂商|厂家|申请人|注册人|生产商|制造商|持有人|Company|Manufacturer|Applicant", re.I)
# Count / amount headers ("规上企业数（家）", "新增三类证（张）") belong to statistics tables.
_COL_COUNT = r"数量|企业数|家数|个数|件数|张数|[（(](?:家|个|张|款|件|亿元|万元|元|%)[)）]|占比|增速|产值|金额"
# ("文件名称 | 发布机构 | 文号": a list of rules, whose 名称 names documents, not products)
COL_NOT_PRODUCT = re.compile(r"企业|公司|厂商|申请人|注册人|类型|类别|分类|领域|简介|描述|介绍|功能|用途|适应|场景|科室|"
                             r"文件|政策|法规|规章|标准名|标题|" + _COL_COUNT)
COL_NOT_COMPANY = re.compile(r"产品|" + _COL_COUNT)
COL_DATE = re.compile(r"时间|日期|年份|年月|Date", re.I)
COL_AUTH = re.compile(r"认证机构|审批机构|监管机构|发证机关|发证机构|认证类型|认证|机构|注册地区?|获证地区?|上市地区?|Authority|Agency|Regulator", re.I)
COL_CLASS = re.compile(r"类别|分类|管理类|Class", re.I)
# Table context words saying the rows are approvals / are something else.
#: every approval phrase names a regulator or an approval word: other blocks skip segmentation
PROSE_TRIGGER = re.compile(
    r"NMPA|CFDA|SFDA|FDA|(?<![A-Za-z])CE(?![A-Za-z])|PMDA|TGA|MFDS|HSA|Health\s*Canada|卫生科学局|厚生劳动省|药监|药品监督|注册证|类证|批准|核准|获批|获准|获证|首次注册|产品注册|认证|许可|510|De\s*Novo|上市",
    re.I,
)
TABLE_APPROVAL = re.compile(r"获批|批准|审批通过|注册证|[三二一]类证|获证|认证|上市|clearance|510\s*[（(]k|approv", re.I)
TABLE_NEGATIVE = re.compile(
    r"绿色通道|特别审查|特别审批|优先审|突破性|申报|在审|审评中|审批中|受理|临床试验|默示许可|融资|投资|中标|招标|实验室|政策|标准"
)
# A row's status / certificate-type cell saying the product is not approved yet ("进入创新审查", "注册中").
ROW_NOT_APPROVED = re.compile(
    r"审查|审评|在审|申报|申请|受理|临床|注册中|已提交|突破性|Breakthrough|pending|submitted|under\s+review", re.I
)
#: a status cell of a product pipeline that is no approval ("在研", "创新通道", "研发中", "注册检验")
STATUS_NOT_APPROVED = re.compile(r"在研|研发|创新通道|绿色通道|优先审|注册检|检验|设计|立项|规划|计划|(?i:development|planned)")
# A table of the reporting company's own products ("表3-1 公司产品获得的境内医疗器械注册证").
OWN_PRODUCTS = re.compile(r"(?:本|我)?公司(?:及(?:其)?子公司)?的?(?:主要|核心|现有)?产品")
# "（以下简称“睿影智能”“公司”或“本公司”）": the short name of the company the document is by.
SELF_ALIAS = re.compile(
    r"[（(]\s*以下(?:简称|称)[：:]?\s*[“\"「『](?P<alias>[^”\"」』]{1,20})[”\"」』][^）)]{0,20}?"
    r"[“\"「『](?:本?公司|本集团|发行人)[”\"」』]"
)
# Table footnote "注1：第6项产品由公司全资子公司X（德国）生产": the maker of one row.
ROW_MAKER = re.compile(
    r"第\s*(?P<n>\d{1,3})\s*项(?:产品)?由(?:本?公司)?(?:的)?(?:全资|控股)?(?:子公司)?"
    r"(?P<co>[^，。；（(]{2,40}?)\s*(?:[（(][^）)]*[)）])?\s*(?:生产|制造|研发)"
)


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
        if alias and is_company_name(alias) and not COMPANY_HEAD.search(alias):
            out.add(alias)
    return out


def document_year(text: str) -> int | None:
    """The year of the document's own date (its dateline), if it states one."""
    d = dateline(text)
    return d.year if d else None


def has_letters(text: str | None) -> bool:
    """Whether a cell holds a name (Han or Latin letters) rather than a figure."""
    return bool(text and re.search(r"[\p{Han}A-Za-z]", text))


def unique(items: Iterable[str]) -> list[str]:
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


#: adverbs of statistics ("累计", "共计", "先后") that open a count sentence in subject position
_TALLY_WORD = re.compile(r"(?:累计|累积|共计|合计|总计|共|先后|陆续|迄今|至今|截至目前|截至目前为止)(?:已经?|共|有)?")
#: an English company's legal-form tail ("Co., Ltd.", "Ltd. (Acme)", "Inc."): what is left of
#: "Acme Medical Co., Ltd. obtained …" when the comma in the legal name is read as a clause end
_LEGAL_FRAGMENT = re.compile(r"^(?:Co\.?,?\s*)?(?:Ltd|Inc|Corp|LLC|GmbH|Limited|Co|PLC|S\.?A|AG|K\.?K)\b\.?(?:\s*[（(][^）)]*[)）])?\s*$", re.I)


_LEGAL_TAIL = re.compile(r"(?<![A-Za-z])(?:Co\.?,?\s*Ltd|Ltd|Inc|LLC|Corp|GmbH|Limited|PLC)\.?\s*(?:[（(][^）)]*[)）])?\s*$")


#: how the title of a rule or a procedure ends ("创新医疗器械特别审查程序", "医疗器械监督管理条例")
_DOCUMENT_END = re.compile(r"(?:审查程序|审批程序|审评程序|注册程序|条例|管理办法|实施办法|规定|指导原则|通知|公告|实施意见|指导意见|细则|纲要|"
                           r"管理规范|技术规范|诊疗规范)$")


#: a route through review, never a product ("进入审评“绿色通道”")
_PROGRAMME = re.compile(r"(?:审评|审批)?(?:绿色|创新|优先|快速|特别)(?:通道|审批|审查|审评)")


def is_product_name(name: str | None) -> bool:
    """Whether ``name`` can be a product: not a count, not a bare category or pronoun."""
    if not name or len(name) < 2 or len(name) > 60:
        return False
    if name.startswith("《") and "》" not in name:
        return False  # "《医疗器械": a cut title ("收到…颁发的《医疗器械注册证》"), not a name
    count = COUNT.search(name)
    if count and _PANEL_COUNT.match(count.group()) and count.start() >= 2 and PRODUCT_HEAD.search(name):
        count = None  # "肺癌七种自身抗体检测试剂盒", "十二项呼吸道病原体核酸检测试剂盒": a panel in the name
    if count or _GENERIC.match(name) or COMPANY_HEAD.search(name) or ORIGIN_CATEGORY.match(name):
        return False
    if lex.DRUG_CLASS_ONLY.match(name):
        return False  # "PD-1/CTLA-4双特异性抗体": a class of drugs, not a named one
    if re.search(r"、|等$|(?:^|\s)如\s|^(?:和|与|及|以及)", name):
        return False  # a list of examples, not one product; "和Y的产品" is the tail of "X和Y的产品"
    if _CLAUSE_WORDS.fullmatch(name) or _DANGLING_END.search(name):
        return False  # "但在", "进一步", "资金进一步向", "国内企业在美": the words before a verb, no name
    if re.match(r"(?:首个|首款|首张|第[一二三四五六七八九十\d]+[个款张]|多个|多款|\d+\s*[个款])", name):
        return False  # "首个省级二类创新产品获准注册": a count or an ordinal of a category, no name
    if re.fullmatch(r"我们|我司|他们|它们|大家|对方|双方|本公司|之一|.{0,12}之一|(?:AI|人工智能|智能|创新|医疗|同类|相关)?产品", name):
        return False  # "我们是今年7月拿到的…", "成为…少数冠脉类AI软件之一", "…注册证的AI产品": no name
    if _TALLY_WORD.fullmatch(name):
        return False  # "累计获得注册证的产品达到30个": the adverb of a statistic, no name
    if _DOCUMENT_END.search(name.rstrip("》”")) or _PROGRAMME.fullmatch(name.strip("“”《》「」")):
        return False  # "按国家药监局《创新医疗器械特别审查程序》进入…": a rule, no product
    if _LEGAL_FRAGMENT.match(name) or _LEGAL_TAIL.search(name):
        return False  # "Ltd. (Acme) received …", "Acme Co., Ltd.": a company's English legal name, no product
    return not re.search(r"[，。；：:]|已有|共有|还有|获得|获批|通过|取得|作为|成为|是", name)


def is_company_name(name: str | None) -> bool:
    """Whether ``name`` looks like an organisation name (short, no clause punctuation or verbs)."""
    if not name or not 2 <= len(name) <= 30:
        return False
    if re.search(r"[，。；：:]|获得|获批|通过|宣布|表示|\d{4}\s*年", name):
        return False
    return not _GENERIC.match(name) and not COUNT.search(name)


def looks_like_company(name: str, known: Iterable[str] = ()) -> bool:
    """A name that is an organisation on its own: known, with a company suffix, or a Latin name."""
    name = name.strip()
    if not is_company_name(name):
        return False
    if name in known or re.search(COMPANY_SUFFIX + r"$", name):
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
    m = OWNER_RE.match(name)
    owner_ok = m is not None and (
        looks_like_company(m["co"], known) or (loose and is_company_name(m["co"]) and not NOT_OWNER.search(m["co"]))
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
        if (m and is_company_name(m["co"]) and is_product_name(m["prod"]) and not CATEGORY_TAIL.search(m["co"])
                and not NOT_OWNER.search(m["co"])):
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
    """Registration class, meaningful for NMPA (三类证, 第二类医疗器械, 国械注准2020321…) and
    TFDA (第二等级医疗器材);
    a drug category ("1类创新药", "2类改良型新药") is not a device class."""
    if authority == "TFDA":
        tw = lex.TW_CLASS.search(text)  # "第二等级医疗器材" (Taiwan's device classes)
        return lex.TW_CLASS_VALUE[tw["c"]] if tw else None
    if authority != "NMPA":
        return None
    m = REG_NO.search(text)
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
    weak_date: bool = False  # the date was only found after the phrase (a headline's publication date)
    support: tuple[tuple[int, int], ...] = ()  # document spans of values read outside the evidence (a cell above)


def norm(s: str | None) -> str:
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
    for x in map(norm, name_variants(a)):
        for y in map(norm, name_variants(b)):
            if not x or not y:
                continue
            short, long_ = sorted((x, y), key=len)
            if x == y or (short in long_ and len(short) >= 0.6 * len(long_)):
                return True
    return False


#: a product the text names as the company's: "核心产品为X", "主打产品是“X”"
#: two products named together, which a later 前者 / 后者 refers to: "核心产品包括A和一款B", "产品为A与B"
PRODUCT_PAIR = re.compile(r"产品(?:包括|包含|有|为|是|分别为|分别是)\s*(?P<a>[^，。；、和与及]{3,40}?)\s*(?:和|与|及|以及|、)\s*(?:一款|一个)?"
                          r"(?P<b>[^，。；、和与及]{3,40}?)\s*(?:[，。；]|$)")
#: a clause opening with 前者 / 后者
FORMER_LATTER = re.compile(r"(?:^|(?<=[；;，,。]))\s*(?P<w>前者|后者)")
NAMED_PRODUCT = re.compile(r"(?:核心|主要|主打|首款|明星|拳头)产品(?:为|是)\s*[“「]?(?P<p>[^，。；”」、\n]{2,30})")
#: "获得国家药监局批准的第三类医疗器械注册证": the certificate the regulator approved, no product
#: after 批准 (same length as 颁发的, which reads the same)
APPROVED_CERT = re.compile(r"批准的(?=[^，。；]{0,14}(?:注册证|[三二一ⅢⅡⅠ]类证|证书|许可证))")

"""funding_round vocabulary: the regexes and word lists the table and prose readers share.

Every pattern has an example phrase (the project's own wording) in the comment above it.
"""

from __future__ import annotations

import regex as re

from ...lexicon.orgs import ANAPHOR
from ...lexicon.time import RELATIVE_TIME


# clauses split on commas (not inside brackets: "（约2.1亿元人民币，按…）" stays whole)
_OPEN, _CLOSE = "（(【[“「", "）)】]”」"
_COMPLETION = r"(?:宣布完成|顺利完成|成功完成|完成|获得|获取|斩获|拿到|拿下|拿了|融到|收获|迎来|赢得|敲定|(?<!斩|收|荣|捕)获(?!批|奖|评|准|悉|得?认证|得?证书|颁))"
#: (募资 closes a round only right after the round's name: "完成B轮募资"; a fund's own "完成10亿元募资"
#: is no company's round)
#: (a founder's "拿到第一笔钱" is the company's first round, told in the clause after: "是X的500万元天使投资")
_FIN_NOUN = r"(?:融资|战略投资|投资|注资|增资|领投|(?<=轮)募资|(?<=(?:第一|首|头)笔)(?:钱|资金))"
#: a thousands separator inside an amount does not end the gap ("完成8,000万港元A轮融资")
_GAP = r"(?:[^，,。；]|(?<=\d)[,，](?=\d{3}))"
#: 完成/获得 ... 融资 inside one clause (the gap is short and holds no other verb phrase)
_TRIGGER_RE = re.compile(rf"{_COMPLETION}(?P<mid>{_GAP}{{0,45}}?){_FIN_NOUN}")
#: 腾讯向Insighta投资了3,000万美元 / 对X进行战略投资
_TO_RE = re.compile(
    r"(?P<inv>[^，,。；]{2,40}?)(?:向|对)(?P<co>[^，,。；]{2,40}?)(?:进行了?|完成了?)?(?:战略|追加|独家|领投)?(?:投资|注资|增资)(?!建设|额|总额|项目|收益|回报)"
)
#: a round by its name (not 战略, not 新一轮): "B+轮", "天使轮", "Pre-IPO轮"
_NAMED_ROUND = r"(?:(?i:pre-?)?[A-F]\+{0,2}\d?轮|天使\+?轮|种子轮|(?i:pre-?IPO)轮?)"
#: 高瓴资本领投了推想科技的B轮融资
#: "高瓴创投领投澄和医疗3亿元C轮融资": without 了/的 the round word closes the company
_LED_RE = re.compile(
    r"(?P<inv>[^，,。；]{2,40}?)(?:独家|联合|共同)?(?:领投|投资|注资)了(?P<co>[^，,。；的]{2,30}?)的(?P<rest>[^，,。；]{0,20}?)(?:融资|投资)"
    r"|^(?P<inv>[^，,。；]{2,40}?)(?:独家|联合|共同)?领投(?P<co>[^，,。；的\d]{2,30}?)(?P<rest>[^，,。；\p{Han}]{0,12}?[\p{Han}]{0,4}?" + r"(?:新一轮|" + _NAMED_ROUND[3:-1] + r"))\s*(?:融资|投资)"
)
#: 美年大健康以5000万元战略投资深至科技
_BY_AMOUNT_RE = re.compile(
    r"(?P<inv>[^，,。；]{2,30}?)以(?P<amt>[^，,。；]{1,15}?)(?:战略|追加)?(?:投资|入股|注资|增资)(?P<co>[^，,。；]{2,30}?)[。！？；]?$"
)
#: listing on an exchange (an IPO is a financing event only together with proceeds, see _RAISE_RE)
_EXCHANGE = (
    r"(?:香港联交所|香港交易所|港交所|联交所|香港|港股|在港|纳斯达克|纽交所|纽约证券交易所|"
    r"上海证券交易所|深圳证券交易所|北京证券交易所|上交所|深交所|北交所|科创板|创业板|创新板|主板|美股|A股)"
)
_LISTING_RE = re.compile(
    rf"(?:在|于|登陆|登录|赴|获准在)?{_EXCHANGE}"
    r"[^，,。；]{0,6}?(?:挂牌)?上市(?!公司|企业|后|前|以来|申请|计划|辅导|审核|许可)"
    rf"|(?:登陆|登录|挂牌){_EXCHANGE}"
    # "在香港联交所主板挂牌，此次全球发售…": listed without the word 上市
    rf"|{_EXCHANGE}[^，,。；]{{0,4}}?挂牌(?!上市|公司|企业|前|后|申请|计划)"
    r"|(?:成功|正式|顺利)(?:挂牌)?上市(?!公司|企业|后|前|以来|申请|计划)|(?<![A-Za-z-])IPO(?!前|之前|申请|计划|排队|退出|通道|窗口|市场|纪录|记录|数量|热潮|项目)|首次公开(?:发行|募股)|敲钟"
)
_RAISE_RE = re.compile(r"募资|募集|筹资|集资|融资|IPO|首次公开(?:发行|募股)|所得款项|发售所得")
#: a listed company's follow-on offering (placing, private placement, rights issue): a financing
#: event with proceeds but no round name
_OFFERING_RE = re.compile(
    r"配售(?:新股|股份|H股|A股)?|(?:定向)?增发(?:新股|股份|股票)?|定增|非公开发行|向特定对象发行|供股|"
    r"发行(?:新股|股票|H股|A股|可转债|可转换(?:公司)?债券)"
)
#: statistics about many events are not an event
_AGGREGATE_RE = re.compile(
    # ("蓝屿生物C轮融资额达4.5亿元": one named round's size is no aggregate)
    r"融资事件|投融资|(?<!轮\s{0,2})(?:融资总额|融资规模|融资额)|融资数量|事件数|\d+\s*(?:起|笔)|\d+\s*家(?:企业|公司|机构)?|"
    # (新一轮 is one new round: "完成新一轮融资" is an event; "两轮" sums up the rounds told next)
    r"共(?:有|发生|计|完成)|累计|合计|总计|占比|平均|同比|环比|(?<!未披露|未公开|未透露)轮次|数量|多家|一批|大部分|部分企业|这些企业|多轮|多次|数轮|历次|"
    r"[两二三四五几]轮|[两二三四五几]笔"
)
#: not (yet) completed
_PLAN_RE = re.compile(
    r"递交|招股|将(?:完成|获得|进行|投资|融资|募资|上市)|(?<!模)拟(?!人)|计划|预计|有望|准备|筹备|寻求|正在|启动|冲刺|将于|即将|申请|传闻|或将|考虑|意向|洽谈|希望|目标"
)
#: 投资 meaning capital expenditure or investment activity in general
_CAPEX_RE = re.compile(
    r"投资(?:建设|兴建|新建|扩建|建成|设立|成立|兴办|额|总额|规模|项目|回报|收益|价值|机会|逻辑|热度|偏好|布局|者|人(?!的)|机构(?!的))|"
    r"总投资|固定资产|项目投资|对外投资|加大.{0,20}投资|投资于"
)
#: 融资 used as a generic noun (leasing, financing channels ...)
_GENERIC_FIN_RE = re.compile(r"融资(?:租赁|担保|平台|难|渠道|成本|环境|需求|能力|模式|方式|工具|支持|政策|服务)")
#: "获得融资的企业" / "由X投资的Y公司": a relative clause describing someone, no event
_RELATIVE_RE = re.compile(r"(?:融资|投资|领投)的[^，,。；]{0,12}?(?:企业|公司|项目|情况|案例|机器人|平台|初创)")
#: amounts that are not the raise itself
_NOT_RAISE_MONEY = re.compile(r"(?:估值|市值|营收|收入|销售额|利润|规模|累计|总计|合计|此前|曾)[^，,。；]{0,6}$")
#: leading time words and discourse markers before a subject
_LEAD_RE = re.compile(
    # "01｜" numbers the items of a news flash; "一是" enumerates the cases of a summary sentence
    r"^(?:[-•●▪■◆◇○·*\s]+|[（(]\d{1,2}[)）]|\d{1,2}[)）、.]\s*|\d{1,3}\s*[｜|]\s*|[①-⑳]|【[^】]{1,12}】|[一二三四五六七八九十]是|"
    r"(?i:(?:in|on|by|since)\s+(?:(?:early|late|mid)[-\s]?)?" + r"(?:{_EN_MONTH}\.?\s*\d{{0,2}},?\s*|Q[1-4]\s+|H[12]\s+)?(?:19|20)\d{{2}}".format(_EN_MONTH=r"(?:January|February|March|April|May|June|July|August|September|Sept|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?![A-Za-z])") + r")[，,、：:\s]*|"
    r"(?:这(?:也|已)?是|" + RELATIVE_TIME + r"|此外|同时|另外|其中|例如|比如|譬如|如|又如|据悉|据报道|据了解|据报|"
    r"据[^，,]{1,12}(?:报道|消息|披露|显示)|消息显示|官方消息|资料显示|值得一提的是|值得注意的是|"
    r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?(?:初|中|底|末|[春夏秋冬](?:天|季))?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{1,2}\s*月(?:初|中|底|末)?)"
    r"[，,、：:\s]*)+"
)
#: where a subject ends (verbs, adverbs, prepositions of time)
_SUBJECT_END_RE = re.compile(
    # ("晶衡生医周二（3月11日）宣布…": a weekday after the name)
    r"(?:于|在(?=\s*(?:\d|近|今|去|本|上|香港|港|美|纳|纽|科创|创业|A股|深|沪|北交))|周[一二三四五六日天]|星期[一二三四五六日天]|宣布|已经|已|再次|再度|又|先后|连续|分别|相继|正式|成功|顺利|"
    + RELATIVE_TIME + r"|刚(?=宣布|完成|获|拿到|迎来)|则(?=在|于|已|将|也|又|是)|曾|也|还|均|首次|将|本身|早(?=在|于|已)|完成|获得|获|斩获|拿到|拿下|收获|迎来|通过|向|对|以|开始|纷纷|陆续|普遍|"
    r"(?:19|20)\d{2}\s*年|\d{1,2}\s*月|成立|创立|创办|是|作为|致力|专注|聚焦|主要|推出|研发(?!商)|开发(?!商)|拥有|的[^，,。；]{0,4}(?:融资|投资))"
)
#: a leading modifier clause: "专注于神经调控领域的苏州景昱医疗器械有限公司", "已在港股上市的和铂医药"
#: (its 于/已/在 would otherwise end the subject before the name)
_ACTIVITY_MODIFIER_RE = re.compile(
    r"^(?:(?:专注|致力|聚焦|深耕|主攻|从事|面向)于?[^，,。；的]{1,25}的|(?:已经?)?(?:在|于)[^，,。；的]{1,12}上市的|"
    # "总部位于杭州、在宁波设有研发中心的", "位于苏州的", "来自深圳的": where the company is
    r"(?:总部)?(?:位于|设在|坐落于|落户|来自)[^，,。；的]{1,30}的|"
    # "创办不到两年的", "成立刚满五年的", "成立于2019年的": the company's age, not its name
    r"(?:成立|创立|创办|创建)(?:仅|才|刚|刚刚|不到|不足|近|已|已经|于|满|刚满)*[^，,。；的]{1,12}的)"
)
#: descriptor nouns in "香港早期癌症检测公司Insighta", "AI医疗解决方案提供商讯飞医疗"
_DESCRIPTOR_RE = re.compile(
    r"(?<!有限|股份|集团|控股|分|子)(?:公司|企业)|子公司|(?:提供|服务|开发|运营|制造|供应|研发|设备|器械|耗材|试剂|经销|代理)商|平台|厂商|机构|品牌|初创|新创|独角兽|龙头|领军者|领导者|先行者|新锐|的|旗下"
)
#: words showing a subject is not a company name
_NOT_COMPANY_RE = re.compile(
    r"方面|层面|维度|角度|行业|市场|领域|政策|情况|赛道|投资者|投资人|^(?:该|本|这家|此|其|它|这|那)|^(?:他们|我们)$|我国|国内|全球|目前|近年|随着|"
    r"报告|显示|统计|规模|政府|融资|投资|轮|上市|募资|资金|IPO|多家|一批|等|众多|不少|其他|部分|\d{3,}|[，,。；：:、《》]|[与和及]$|^除.{1,8}外$|^第.{1,3}[章节篇部]|篇$|\s{2,}|"
    # a generic noun ("核心技术", "医疗数据") is not a name, but a two-character brand before
    # 技术/服务/数据 often is ("医鸣技术"): only generic modifiers make the phrase generic
    r"^(?:.?|相关|核心|关键|主要|创新|新型|医疗|数字|智能|智慧|头部|优质|龙头|上述|海外|国内|新兴|传统|现有)"
    r"(?:机构|产品|技术|服务|模式|数据|发展|企业|平台|医院|患者|医生)$|^(?:该|本|此|这家|母|子|分|医疗|科技)?(?:公司|集团)$"
)
#: a phrase ending in a descriptor noun names a kind of company ("数字疗法企业", "AI服务商")
_CLASS_NOUN_END = re.compile(r"(?:企业|(?:厂|提供|服务|开发|运营|制造|供应|研发|设备|器械|耗材|试剂|经销|代理)商|初创公司)$")
#: a relative time written where a subject could stand ("两年后", "三个月后", "次年", "同年年底")
_TIME_PHRASE = re.compile(r"(?:[\d一二三四五六七八九十两半几数]+\s*(?:个)?\s*(?:年|月|周|天|日|季度)(?:多|半)?(?:后|前|之后|以后|以来|内|间)|"
                          r"(?:次年|同年|当年|翌年|隔年|此后|之后|随后|其后|后来|最终|最后)(?:\S{0,3})?)")
_INDEFINITE_RE = re.compile(r"^(?:一家|某|多家|几家|数家|两家|这家|那家)")
_PRONOUN_RE = re.compile(r"^(?:" + ANAPHOR + r"|该平台|平台)$")
#: investor phrases
#: the verb of "由Y领投" is not followed by another role word or list mark: so "由兰亭投资领投" and
#: "由腾讯投资、红杉中国共同投资" keep names ending in 投资 whole instead of stopping at their own 投资
_BY_VERB_END = r"(?!领投|跟投|参投|独家|联合|共同|追加|继续|等|、|和|及|与|集团|控股|有限|股份|基金|管理|公司|合伙|中心|发展|）|\))"
_INV_PATTERNS = [
    re.compile(r"由(?P<inv>[^，,。；]{2,80}?)(?:等(?:机构|投资方)?)?(?:联合|共同)?"
               r"(?:领投|独家投资|投资|独投|注资|牵头|参投|跟投|参与|继续加码|加码|加注|追加投资|继续投资|继续追投|追投|出资)" + _BY_VERB_END),
    # (not across 获得: "禾脉获得鼎元堂、甬江科创基金联合投资" names the company first)
    re.compile(r"(?:^|[，,]|获得?)(?P<inv>[^，,。；由获]{2,80}?)(?:等(?:机构|投资方|多家机构|知名机构|投资机构)?)?(?:继续|持续|超额|共同|联合)?(?:跟投|参投|追投|联合投资|共同投资|追加投资|加码|加注|联合领投|共同领投|共同参与)"),
    # ("老股东北岸资本本轮继续加注": 加注 = an existing investor adds to its stake, like 加码)
    # "国内的澜川资本亦参与了本轮"
    re.compile(r"(?:^|[，,])(?P<inv>[^，,。；由]{2,40}?)(?:亦|也|还|同时|均)?参与了?(?:本轮|此轮|该轮|本次)"),
    re.compile(r"投资(?:方|机构|人|者)(?:均|皆|分别|主要|则|亦)?(?:为|是|包括|有|：|:)(?P<inv>[^，,。；]{2,80})"),
    re.compile(r"(?:获得?|拿了|拿到了?)(?P<inv>[^，,。；]{2,60}?)(?:等(?:机构|投资方)?)?(?:的|共同|联合)[^，,。；]{0,20}?(?:投资(?!者|人|方|机构)|融资|注资)"),
    # a founder naming the investor after the money: "拿到第一笔钱，是联想之星的500万元天使投资"
    re.compile(r"^是(?P<inv>[^，,。；的]{2,40}?)的[^，,。；]{0,20}?(?:投资(?!者|人|方|机构)|融资)"),
    # "2022年5月的B轮是礼来亚洲基金领投的"
    re.compile(r"轮(?:融资)?(?:是|则是)(?P<inv>[^，,。；]{2,40}?)(?:独家|联合|共同)?(?:领投|投资|投)的?\s*$"),
    # "拿到了来自X的数百万元天使轮融资"
    re.compile(r"来自(?P<inv>[^，,。；的]{2,40}?)的[^，,。；]{0,20}?(?:投资(?!者|人|方|机构)|融资|注资)"),
    # "分别由X、Y投出"
    re.compile(r"由(?P<inv>[^，,。；]{2,60}?)(?:投出|出资)"),
    # "获迈瑞医疗战略投资": 战略 qualifies the investment, not the investor's name
    re.compile(r"获得?(?P<inv>[^，,。；的]{2,40}?)(?:独家|联合|共同|战略|追加)?(?:领投|投资(?!者|人|方|机构)|注资|增资)"),
    re.compile(r"^(?P<inv>[^，,。；]{2,40}?)(?:独家|联合|共同)?领投"),
]
#: 和/及/与 join two names of at least two characters each ("通和毓承" is one name after 、)
_INV_SPLIT_RE = re.compile(r"[、，,/；;]|以及|(?<=[^、，,/；;\s]{2})(?:和|及|与)(?=[^、，,/；;\s]{2})|(?i:\s+and\s+)")
_INV_STRIP_HEAD = re.compile(
    # ("2022年星河资本曾领投…": the date opening the clause is no part of the name)
    r"^(?:(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?|由|获得?|老股东|原股东|现有股东|既有股东|新股东|新进投资人|新投资方|股东|联合|个人投资者|投资方|知名投资机构|投资机构|机构|以及|及|和|与|包括|为|是|还有|同时|了?来自|"
    r"(?i:(?:existing|new|other|returning)\s+(?:investors?|shareholders?)|investors?\s+including|including|the)\s*)+"
)
_INV_STRIP_TAIL = re.compile(
    r"(?:。|(?<!\b(?:Inc|Ltd|Co|Corp|LLC|L\.P|S\.A|Jr|Sr))\.|等(?:机构|投资方|多家机构|知名机构|投资机构)?|继续|持续|超额|追加|共同|联合|独家|领投|跟投|参投|(?:独家|联合|共同|追加|战略|继续)投资|注资|加码|的|共同参与|参与|合计|共计|总计|亦|也|还|又|曾经?|再次|先后|即)+$"
)
#: "淡马锡旗下兰亭投资": the parent is named in passing, the investor is the fund after 旗下 (unless
#: that is only a generic noun: "沙特阿拉伯公共投资基金旗下机构" stays whole)
_PARENT_PREFIX = re.compile(r"^[^旗]{2,20}旗下(?=(?!(?:的)?(?:机构|基金|公司|子公司|企业|平台)$).{2,})")
#: a descriptor before an investor's name: "医药流通企业九康医药", "互联网平台云岫"
_DESCRIBED_INVESTOR = re.compile(r"^\p{Han}{2,10}?(?:企业|平台|巨头|集团公司)(?P<name>\p{Han}{2,8})$")
#: "北辰集团旗下产业基金星河投资": a kind of fund between the parent and the fund's own name
_FUND_KIND = re.compile(r"^(?:的)?(?:产业投资基金|产业基金|产业资本|投资平台|投资机构|投资公司|基金)(?=[\p{Han}A-Za-z]{2,})")
#: "北辰集团旗下科创基金": a fund named only by a generic word keeps its parent in its name
_GENERIC_FUND = re.compile(r"旗下(?:的)?(?:科创|产业|创新|成长|并购|医疗|健康|引导|天使|种子|战略)(?:基金|资本|投资)$")
#: "中金资本旗下基金": an unnamed fund of a named parent; the parent is the name the text gives
_PARENT_GENERIC = re.compile(r"^(?P<parent>[^旗]{2,20})旗下(?:的)?(?:机构|基金|公司|子公司|企业|平台)$")
#: (individuals are no named investor: "由X与个人投资人投资", "个人投资者")
_BAD_INVESTOR = re.compile(r"轮|融资|额度|大额|金额|\d+(?:\.\d+)?\s*(?:万|亿)|数[十百千]?[万亿]|多家|多位|数家|其他|本轮|本次|资金|天使投资$|战略|^(?:公司|企业)$|^某$|[（(][^）)]*$"
                           r"|^(?:个人|自然人|个人投资[人者]|自然人股东)$"
                           # existing backers as a group: "现有投资方全部跟投", "老股东悉数跟投"
                           r"|^(?:现有|原有|既有|老|全体|其他)(?:投资方|投资人|投资者|投资机构|股东)(?:全部|均|悉数|们)?$")

# --- English and bilingual writing ---------------------------------------------------------
# Briefs for foreign clients write the deal in English inside Chinese prose ("completed a US$80
# million Series C+ round, led by …"); normalize.py reads Chinese forms, these read the English ones.
#: "US$80 million", "RMB 1.6 billion", "~RMB 100m", "HK$1.38bn", "约 RMB 109.9亿元"
_EN_MONEY_RE = re.compile(
    r"(?i)(?P<raw>(?P<approx>~|≈|约\s*|approx(?:imately|\.)?\s+|about\s+|nearly\s+|around\s+|over\s+|more than\s+|up to\s+)?"
    r"(?P<cur>US\$|HK\$|NT\$|S\$|RMB|CNY|USD|HKD|EUR|€|(?<![A-Za-z])\$|¥|￥)\s*(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*"
    r"(?P<unit>million|mn|m|billion|bn|b|千万|百万|亿|万)?(?![A-Za-z])(?:元)?"
    r"|(?P<approx2>~|约\s*|about\s+|nearly\s+|over\s+)?(?P<num2>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit2>million|mn|billion|bn)\s+"
    r"(?P<cur2>US dollars|NT dollars|dollars|USD|RMB|yuan|HKD|HK dollars|TWD|euros?))"
)
_EN_UNITS = {"million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
             "千万": 1e7, "百万": 1e6, "亿": 1e8, "万": 1e4}
_EN_CURRENCY = {"us$": "USD", "usd": "USD", "$": "USD", "us dollars": "USD", "dollars": "USD", "hk$": "HKD",
                "hkd": "HKD", "hk dollars": "HKD", "rmb": "CNY", "cny": "CNY", "yuan": "CNY", "¥": "CNY",
                "￥": "CNY", "nt$": "TWD", "twd": "TWD", "nt dollars": "TWD", "eur": "EUR", "€": "EUR", "euro": "EUR", "euros": "EUR", "s$": "SGD"}
#: "Series C+", "Series A1", "seed round", "angel round", "strategic investment"
_EN_ROUND_RE = re.compile(
    r"(?i)(?<![A-Za-z])(?P<raw>(?:Pre-?)?Series\s*(?P<letter>[A-F])(?P<plus>\+{1,2})?\d?(?![A-Za-z])"
    r"|(?:pre-?)?(?:seed|angel)(?=\s+(?:round|funding|financing|investment))|strategic(?=\s+(?:round|investment|financing|funding)))"
)
#: a table cell holding only a round as English writes it
_EN_CELL_ROUND = re.compile(r"(?i)^(?:(?:pre-?)?series\s*[A-F]\+{0,2}\d?|seed|angel|strategic|undisclosed|pre-?IPO|IPO)$")
#: "closed a RMB 500 million Series D round", "has raised US$30 million in Series B funding"
_EN_TRIGGER_RE = re.compile(
    r"(?i)(?<![A-Za-z])(?:has\s+|have\s+|had\s+)?(?:successfully\s+)?"
    r"(?:closed|completed|raised|secured|received|landed|bagged|announced\s+(?:the\s+)?(?:closing|completion)\s+of)"
    r"(?P<mid>[^，,。；]{0,60}?)(?<![A-Za-z])(?:round|financing|funding|investment|raise)(?![A-Za-z])"
)
#: English investor phrases; read over the event's clauses joined by ", " (a list may hold commas)
_EN_INV_END = r"(?=\s*(?:$|[，。；;]|,\s*(?:with|led|and\s+with|alongside|bringing|which|who|the|as|while)\b|\s(?:with|alongside)\s))"
_EN_INV_PATTERNS = [
    re.compile(r"(?i)\b(?:co-)?led\s+by\s+(?P<inv>[^，。；;]{2,120}?)" + _EN_INV_END),
    re.compile(r"(?i)\bwith\s+participation\s+(?:from|of|by)\s+(?P<inv>[^，。；;]{2,120}?)" + _EN_INV_END),
    re.compile(r"(?i)\bwith\s+(?P<inv>[^，。；;]{2,80}?)\s*(?:also\s+)?(?:following\s+on|following|participating|joining)\b"),
    re.compile(r"(?i)\b(?:alongside|backed\s+by|funded\s+by)\s+(?P<inv>[^，。；;]{2,120}?)" + _EN_INV_END),
    re.compile(r"(?i)(?:^|[，,]\s*)(?P<inv>[^，,。；;]{2,80}?)\s+(?:also\s+)?(?:participated|joined|followed\s+on)\b"),
]
#: a sentence back-referring to the round just told: "本轮由Y领投", "那一轮星桥医疗募得2亿元"
_ROUND_MENTION = re.compile(r"(?:本轮|此轮|该轮|这轮|那轮|这一轮|那一轮|本次|此次|该笔|这笔)")
#: a clause opening with a round that a following phrase gives investors to ("B+轮由Y独家投资")
_ROUND_LEAD_RE = re.compile(r"^(?P<round>(?i:pre-?)?[A-F]\+{0,2}轮|天使轮|种子轮|Pre-?IPO轮|(?i:(?:pre-?)?series\s*[A-F]\+{0,2}))(?:融资)?(?:由|的?投资方|投资方|(?i:\s+(?:was|were)\s+led\s+by))")

# --- table vocabulary ----------------------------------------------------------------------
# (English headers of bilingual briefs: Company | Round | Amount | Date | Investors)
_COL_COMPANY = re.compile(r"企业|公司|项目|融资方|名称|简称|品牌|标的|(?i:compan(?:y|ies)|startup|target|issuer)")
_COL_DATE = (re.compile(r"时间|日期|年份|年月|(?i:date|closed|announced|year|month)"),
             # a column of another event's date ("NMPA获批时间", "成立时间" beside a round): not the round's
             re.compile(r"获批|批准|注册|成立|创立|拿证|取证|(?i:approv|found)"))
_COL_ROUND = re.compile(r"轮次|阶段|轮|(?i:round|stage|series)")
_COL_AMOUNT = re.compile(r"金额|融资额|规模|募资|募集|筹资|(?<!每股|单位)对价|出资额|(?i:amount|size|raised|proceeds|consideration)")
_COL_INVESTOR = re.compile(r"投资方|投资机构|投资人|投资者|机构|领投|出资方|(?i:investor|backer|led\s*by|lead)")
#: an IPO table: a listing column (上市板块 / 上市日期 / 交易所) next to a proceeds column (募资金额)
_COL_LISTING = re.compile(r"上市|交易所|板块")
_COL_PROCEEDS = re.compile(r"募资|募集|筹资|融资")
_CELL_ROUND = re.compile(r"(?i)^(?:pre-?)?[A-F]\+{0,2}\d?轮?$|^(?:天使|种子|战略|未公开|未披露|IPO|Pre-?IPO)")
_EMPTY_CELL = re.compile(r"^(?:-|—|–|/|／|无|未披露|未公开|不详|暂无|N/?A)?$", re.I)
_BARE_AMOUNT_RE = re.compile(r"(?P<raw>(?:近|约|超|逾)?\d+(?:[,，]\d{3})*(?:\.\d+)?\s*(?:千万|百万|十万|亿|万))(?![\d元美港欧人])")
#: a colon after these ends a label whose value follows ("投资方：A、B"): no clause boundary
_COLON_LABEL = re.compile(r"(?:投资方|投资机构|投资人|投资者|领投方|跟投方|出资方|股东|金额|轮次|时间|日期|包括|为|有|如下)$")
#: the year a company was founded, named without its number ("成立当年即获得天使轮投资")
_FOUNDING_YEAR_RE = re.compile(r"(?:成立|创立|创办)(?:当年|同年)")
#: a period of the document's own date ("本周宣布完成…" in a weekly)
_THIS_PERIOD_RE = re.compile(r"本周|本月|当月|上月")
#: "去年10月", "今年3月": months relative to the document's own date
_RELATIVE_MONTH_RE = re.compile(r"(?P<rel>去年|今年|前年)\s*(?:(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?)?")
#: the New Taiwan dollar written before an amount ("新台币5亿元", traditional 新臺幣 read simplified)
_TWD_PREFIX = re.compile(r"(?:新台币|新台幣|台币)\s*$")
#: "valued at US$1 billion" / "估值超过RMB 100亿元": a valuation, not the raise
_EN_NOT_RAISE = re.compile(r"(?i)(?:valued\s+at|valuation\s+(?:of|at)|revenue\s+of)\s*(?:about|around|over|~)?\s*$")
#: a role written after a name in a list or table cell: 高瓴资本（领投）
_ROLE_NOTE = re.compile(r"\s*[（(](?:(?:联合|共同)?(?:领投|跟投|参投|独家投资|老股东跟投)|(?i:co-?lead|lead|led|follow-?on))[）)]")
#: who led the round: "由Y领投", "Y领投，Z跟投", "领投方为Y", "Y（领投）", "led by Y"
_LEAD_PATTERNS = [
    # (tabs never occur inside a name: they separate table cells)
    re.compile(r"由(?P<inv>[^，,。；\t]{2,80}?)(?:联合|共同)?领投"),
    re.compile(r"(?:^|[，,；\t])(?P<inv>[^，,。；由\t]{2,80}?)(?:联合|共同|独家)?领投"),
    re.compile(r"领投(?:方|机构)?(?:为|是|包括)(?P<inv>[^，,。；\t]{2,80})"),
    re.compile(r"轮(?:融资)?(?:是|则是)(?P<inv>[^，,。；\t]{2,40}?)(?:联合|共同|独家)?领投"),  # "B轮是X领投的"
    re.compile(r"(?P<inv>[^、，,。；（(\t]{2,30})[（(]领投[）)]"),
    re.compile(r"获得?(?P<inv>[^，,。；的\t]{2,40}?)(?:独家|联合|共同)?领投"),
    re.compile(r"(?i)\b(?:co-)?led\s+by\s+(?P<inv>[^，。；;\t]{2,120}?)" + _EN_INV_END),
    re.compile(r"(?i)(?P<inv>[^、，,。；;（(\t]{2,40}?)\s*[（(](?:co-)?lead[）)]"),
]
#: the year a document's title line gives its period ("【周报】2024年第23期", "2023年医疗AI年度回顾")
_HEAD_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年")
#: an item label opening a digest entry: "5. 【星桥医疗｜港股IPO】6月6日，…" (a label, no sentence)
_BRACKET_HEAD = re.compile(r"^\s*(?:\d{1,2}\s*[.、．]\s*)?【[^】]{1,30}】")
#: how far above a sentence (characters) the mention of its implicit company joins the evidence
_ANCHOR_REACH = 300
#: a block without these words cannot state a financing event: it skips segmentation entirely
_PROSE_TRIGGER = re.compile(r"融资|投资|注资|增资|入股|领投|募资|募集|筹资|上市|IPO|(?i:round|financing|funding|investment)")
_INVESTOR_WORD = re.compile(r"投资|(?i:invest)")  # 投资机构 is never the invested company
#: "以自有资金4,000万元参与投资X的B轮融资": the writer is an investor in X's round
#: a round as written right before 融资 ("B+轮", "Pre-A轮", "新一轮", "Series C")
_ROUND_WORD = r"(?:新一轮|" + _NAMED_ROUND[3:-1] + r"|战略|(?i:(?:pre-?)?series\s*[A-F]\+{0,2}))"
_JOIN_RE = re.compile(
    r"(?P<inv>[^，,。；]{0,40}?)(?:参与|参投|跟投)了?(?:投资|认购)?(?P<co>[^，,。；的]{2,30}?)(?:的|之)?\s*(?P<rest>" + _ROUND_WORD + r")\s*(?:融资|投资)"
)
#: an investor telling the rounds it backed (a fund's portfolio post, a founder's history):
#: "2023年我们独家投资了其天使轮", "又领投了该公司的A轮", "星河资本曾领投其Pre-A轮"; the company is
#: an anaphor (the company in focus) or a name before 的
_BACKED_RE = re.compile(
    r"(?P<inv>[^，,。；]{0,40}?)(?:曾经?|又|还|也|亦|再次|继续|先后|即)?(?:独家|联合|共同)?(?:领投|跟投|参投|投资|注资)了?"
    r"(?P<co>其(?=\s*(?:[A-Za-z]|天使|种子|战略))|该公司的?|[^，,。；的]{2,20}?的)\s*(?P<rest>" + _ROUND_WORD + r")(?:融资|投资)?"
)
#: the investors of the round just told, subject-less: "本轮融资由高瓴创投领投，红杉中国跟投"
_THIS_ROUND_RE = re.compile(r"^(?:本轮|此轮|该轮|本次)(?:融资|投资)?(?:由|的?投资方(?:为|是|包括))")
#: a headline's compact form: "澄和医疗C轮融资3亿元", "澄和医疗B轮融资金额达2亿元" (the amount closes it)
_COMPACT_RE = re.compile(
    r"^(?P<co>[^，,。；]{2,30}?)(?:的)?\s*(?P<rest>" + _NAMED_ROUND + r")\s*融资(?:金额|总额|额|规模)?(?:为|达|约|共|合计)?\s*(?=[\d数近超逾约])"
)
#: a round told the way people speak of it, the round word closing the clause: "2020年底做了A轮",
#: "去年拿到了B+轮", "公司2021年完成A轮，由X领投" (the company is the clause's subject or the one in focus)
#: (or a history list's item, a date and a colon before the round: "- 2019年3月：种子轮（Seed），300万美元，由X投资")
_SPOKEN_ROUND_RE = re.compile(
    r"(?:做了|做完了?|拿了|拿到了?|拿下了?|斩获了?|融了|融到了?|完成了?|(?<=^\s*(?:[-•·*●▪]\s*)?(?:(?:19|20)\d{2}\s*年)?"
    r"(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?\s*[：:]))(?P<mid>[^，,。；]{0,12}?)(?P<rest>" + _ROUND_WORD + r")"
    r"(?=\s*(?:[（(][^（）()]{0,20}[)）])?\s*(?:$|[，,。；;]))"
)
#: a round and who led it, subject-less: "2022年5月的B轮是礼来亚洲基金领投的", "此前的A轮融资由峰瑞资本领投"
#: (a plain "A轮由X领投" after "完成A轮及A+轮融资" names the investors of rounds already told: 由 needs
#: a word saying the round is an earlier one, _EARLIER)
_EARLIER = re.compile(r"此前|之前|早前|先前|曾|上一轮|前一轮")
_ROUND_LED_BY_RE = re.compile(
    r"(?P<rest>" + _ROUND_WORD + r")(?:融资)?(?P<verb>是|则是|由)(?P<inv>[^，,。；]{2,40}?)(?:独家|联合|共同)?(?:领投|投资|投)的?\s*$"
)
#: "星河资本自2021年A轮起即投资示例": an investor in the company since a round
_BACKED_SINCE_RE = re.compile(
    r"(?P<inv>[^，,。；]{2,30}?)自\s*(?P<date>(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?)?\s*(?:的)?\s*(?P<rest>" + _ROUND_WORD
    + r")\s*(?:融资)?(?:起|开始)(?:就|即|便)?(?:领投|投资|参投|跟投)了?(?P<co>[^，,。；]{2,20})"
)
#: "深睿医疗自2021年Series C以来首次…": an earlier round named in passing, with its date
_SINCE_RE = re.compile(
    r"(?P<co>[^，,。；]{2,30}?)自\s*(?P<date>(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?)?\s*(?:的|完成|获得)?\s*(?P<rest>"
    + _ROUND_WORD + r")\s*(?:融资|投资)?(?:以来|之后)"
)
#: "甬康医疗的A轮融资于2019年完成": the round as the subject, completed after it
#: (or with no owner, the company in focus: "2020年12月，C轮融资4亿元落地")
_DONE_AFTER_RE = re.compile(
    r"(?:(?P<co>[^，,。；]{2,30}?)的\s*)?(?P<rest>" + _ROUND_WORD + r")\s*(?:融资|投资)(?:已|已经|于|在|也|则|正式|顺利|[^，,。；]{0,12}?)?"
    r"(?:完成|落定|落地|完成交割|交割|到账|关闭)(?!后|之后|以后)"
)
#: "康澜药业3月15日宣布战略投资AI药物发现企业析因智药": the investor as the subject, the company last
_INVESTS_IN_RE = re.compile(
    r"^(?!由|获|受|经|被)(?P<inv>[^，,。；]{2,40}?)(?:宣布|已|已经|正式|近日|日前)*(?:战略投资了?|独家投资了?|投资了)(?P<co>[^，,。；]{2,40}?)[。！？；]?$"
)
#: one earlier round of a funding history, maybe dated: "2021年Pre-A轮", "2022年的A轮"
_HIST_ITEM = r"(?:(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:的)?\s*)?" + _ROUND_WORD
#: "这是其继2021年Pre-A轮、2022年A轮之后的第三次融资": the earlier rounds listed in passing
_HISTORY_RE = re.compile(
    r"(?P<co>[^，,。；]{0,30}?)继\s*(?P<list>" + _HIST_ITEM + r"(?:\s*[、和及与]\s*" + _HIST_ITEM + r")*)\s*(?:融资)?(?:之后|以后|后)"
)
#: "公司上一轮为2021年的A轮": the round before the one just told
_PRIOR_RE = re.compile(r"(?P<co>[^，,。；]{0,30}?)(?:上一轮|上轮|前一轮)(?:融资)?(?:为|是|系)\s*(?P<list>" + _HIST_ITEM + r")")
#: "前两轮分别获得X和Y的投资": the investors listed pair with the rounds in order
_RESPECTIVELY = re.compile(r"分别")
#: a year relative to the dateline, or its end or start: "前年末完成的A轮" (December two years
#: before the dateline), "去年年底获得", "去年初" / "去年" (the year only); 今年 alone is a period below
_RELATIVE_YEAR_PART_RE = re.compile(
    r"(?P<rel>去年|前年|今年)\s*(?P<part>年底|年末|底|末|年初|初|上半年|下半年|年中)?(?!\s*\d{1,2}\s*月|\d)"
)
#: a period of the document's own year ("于本季度获得…", "今年完成…"): the year, not an earlier clause's date
_PERIOD_YEAR_RE = re.compile(r"本季度|本年度|今年(?!\s*\d{1,2}\s*月)|(?<![一两二三四五六七八九十几数半\d])年内")
#: "plans to raise", "in talks": not (yet) an event
_EN_PLAN_RE = re.compile(r"(?i)\b(?:plan(?:s|ned)?\s+to|in\s+talks|expect(?:s|ed)?\s+to|seek(?:s|ing)?|aims?\s+to|will|would|rumou?r)")
#: 增资 into one's own (wholly-owned) subsidiary moves money inside a group: no financing event
_OWN_SUBSIDIARY = re.compile(r"全资子公司|全资孙公司|^(?:其|本?公司)[^，,。；]{0,10}子公司")
#: "以精锋医疗为例": names the company the next clauses talk about
_EXAMPLE_RE = re.compile(r"^(?:以|拿)(?P<co>[^，,。；]{2,30}?)(?:为例|来说)$")
#: "合计金额近2亿元", "本轮融资总额": money of the whole round, written after the event
#: "轮次未披露", "轮次及金额均未披露", "未披露具体金额和轮次"
_UNDISCLOSED_ROUND = re.compile(r"轮次[^，,。；]{0,6}?(?:未披露|未公开|未透露|未揭露)|(?:未披露|未公开)[^，,。；]{0,8}轮次")
#: "推想科技、数坤科技等企业均已完成…": several companies summed up, no single event
_PLURAL_SUBJECT = re.compile(r"、|等(?:企业|公司|机构|厂商)|均|都|纷纷")
#: "与前两家企业不同", "和同行相比": a comparison, whose last word is no subject
_COMPARISON_RE = re.compile(r"^(?:与|和|同|跟|较)[^，,。；]{1,20}(?:不同|相比|相较|一样|类似|相似|相同|有别)$")
#: event kinds whose company is the clause's subject (else an earlier clause's, else the focus)
_SUBJECT_KINDS = ("round", "ipo", "offering", "history", "prior", "backed", "spoken", "led_by", "compact", "this_round", "done")
#: "完成对星桥医疗的B轮投资": the round's company after 对, the subject is its investor
_TO_OBJECT = re.compile(r"^\s*对(?:于)?(?P<co>[^，,。；的]{1,20})的")
#: a name that says it is a company by its head or legal form (a topic the NER need not confirm)
_NAMED_COMPANY = re.compile(
    r"(?:科技|医疗|智能|生物|医药|药业|制药|健康|医学|影像|机器人|集团|控股|公司|Inc\.?|Ltd\.?|Corp\.?|"
    r"Therapeutics|Health|Medical|Bio|AI|Technologies)$|^[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)*$")
#: the company the document calls 公司 named among an event's investors ("公司及Y跟投"),
#: the announcer itself among the investors: "由本公司和青石资本共同出资" / "北岸资本领投，公司跟投" /
#: "公司以自有资金参投" (公司 = the company the document defines as 公司; a 子公司 is not it)
_SELF_INVESTOR = re.compile(
    r"(?:^|[，,、由])(?:本公司|公司)(?:(?:及|和|与|、)[^，,。；]{0,40}?|以[^，,。；]{1,20}?)?"
    r"(?:领投|跟投|参投|共同投资|共同出资|联合出资|参与)"
)
_COMPANY_SUFFIX = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团|公司)$")

#: a weekly digest (周报, 周刊, "第28周", "本周（…）"): its items happened in the week it covers
_WEEKLY_RE = re.compile(r"周报|周刊|周讯|周度|第\s*\d{1,2}\s*周|本周\s*[（(]|月第[一二三四五1-5]周")
#: the week a digest covers, as written in its head: "2024年第9周", "本周（2024.02.26-2024.03.01）",
#: "3月4日—3月10日", "3月第1周"
_WEEK_NUMBER_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*第\s*(?P<w>\d{1,2})\s*周")
_DOT_RANGE_RE = re.compile(
    r"(?P<y1>(?:19|20)\d{2})[.\-/](?P<m1>\d{1,2})[.\-/]\d{1,2}\s*[-—–~～至]+\s*(?:(?P<y2>(?:19|20)\d{2})[.\-/])?(?P<m2>\d{1,2})[.\-/]\d{1,2}"
)
_DAY_RANGE_RE = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m1>\d{1,2})\s*月\s*\d{1,2}\s*日?\s*[-—–~～至]+\s*(?:(?P<m2>\d{1,2})\s*月\s*)?\d{1,2}\s*日"
)
_MONTH_WEEK_RE = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*第[一二三四五1-5]周")
#: an event told as background rather than as the item's news ("此前曾获…", "早在2019年…")
#: ("这是X在完成A轮融资后的首个…" refers back to a round told before)
_PAST_EVENT_RE = re.compile(r"此前|之前|以前|早在|曾经?|上一轮|前一轮|先后|成立(?:当年|之初|初期)|完成[^，,。；]{0,20}(?:后|以后)")

#: the money paid in for new shares, as a prospectus names it ("增资款合计22,000.00万元", "投资款共计4.5亿元")
PAID_IN = r"(?:增资款|投资款|认购款|出资款)"

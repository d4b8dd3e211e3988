"""funding_round records: financing events (rounds, strategic investments, IPO proceeds) of one company.

Two sources of evidence:

* **Tables** whose header names a company column and at least one of round / amount / investors
  (企业名称 | 融资时间 | 融资轮次 | 融资金额 | 投资机构). A row whose company cell is empty continues the
  company of the row above. Headerless tables are accepted when their columns can be recognised by
  content (a column of rounds plus a column of dates or amounts). An IPO table (公司 | 上市板块 |
  上市日期 | 募资金额, no round column) gives one IPO per row.
* **Prose** (paragraphs, list items, news-style headings). A sentence is split into clauses on
  ，/, ; an *event clause* carries a completion trigger (完成/获得/获 … 融资/投资, ``Y向X投资了``,
  ``Y领投了X的…融资``, a stock-exchange listing with proceeds, or a listed company's follow-on
  offering with proceeds: 配售新股/定增/向特定对象发行, round null). Clauses before it in the same
  sentence may give its date and company ("2024年10月，腾讯向…"), clauses after it (up to the next
  event clause) its amount and investors ("由Y资本领投，Z创投跟投"). A following sentence that
  starts with 本轮/此轮/本次 adds investors or an amount to the last event. A company left
  implicit ("公司"/"其"/no subject) is taken from the paragraph's topic (the last company-like
  subject). A bare "7月12日" takes the paragraph's last written year, else the year of the
  document's dateline (发布时间：2023-07-17 in its first lines); "去年10月" is relative to the dateline.
  An annual report's "公司" is the company it defines with （以下简称"X""公司"）. A news flash's item
  numbers ("03｜") and Markdown bold are not part of names; a colon introduces the clause that
  follows ("还有两笔交易值得关注：一是X完成…").
* **English and bilingual writing**: "closed a US$80 million Series C+ round in Sep 2023, led by X,
  with participation from Y and Z", RMB/US$/HK$ amounts with million/billion/m/bn, English table
  headers (Company | Round | Amount | Date | Investors). A bracketed name in the other script is an
  alias ("Deepwise Healthcare（深睿医疗）"): a table row repeating a prose deal under it is merged.

Guards keep the usual false positives out: aggregate statistics (共发生95起投融资事件, 融资总额),
plans (递交招股说明书, 拟/计划/预计), capital expenditure (投资建设, 总投资), relative clauses
describing investors without an event (由X投资的Y公司), valuations and currency conversions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

import regex as re

from ..normalize import RELATIVE_YEARS, ROUND_RE, Dateline, dateline, find_dates, find_english_dates, find_money, iso_date, normalise_round
from ..records import Amount, FundingRound, RecordBase
from ..structure import Block, BlockType, Row, Table, TextView
from .base import ExtractionContext, ExtractorConfig, RuleExtractor

# --- vocabulary ----------------------------------------------------------------------------

# clauses split on commas (not inside brackets: "（约2.1亿元人民币，按…）" stays whole)
_OPEN, _CLOSE = "（(【[“「", "）)】]”」"

_COMPLETION = r"(?:宣布完成|顺利完成|成功完成|完成|获得|获取|斩获|拿到|收获|迎来|赢得|敲定|(?<!斩|收|荣|捕)获(?!批|奖|评|准|悉|得?认证|得?证书|颁))"
_FIN_NOUN = r"(?:融资|战略投资|投资|注资|增资|领投)"
#: 完成/获得 ... 融资 inside one clause (the gap is short and holds no other verb phrase)
_TRIGGER_RE = re.compile(rf"{_COMPLETION}(?P<mid>[^，,。；]{{0,45}}?){_FIN_NOUN}")
#: 腾讯向Insighta投资了3,000万美元 / 对X进行战略投资
_TO_RE = re.compile(
    r"(?P<inv>[^，,。；]{2,40}?)(?:向|对)(?P<co>[^，,。；]{2,40}?)(?:进行了?|完成了?)?(?:战略|追加|独家|领投)?(?:投资|注资|增资)(?!建设|额|总额|项目|收益|回报)"
)
#: 高瓴资本领投了推想科技的B轮融资
_LED_RE = re.compile(
    r"(?P<inv>[^，,。；]{2,40}?)(?:独家|联合|共同)?(?:领投|投资|注资)了(?P<co>[^，,。；的]{2,30}?)的(?P<rest>[^，,。；]{0,20}?)(?:融资|投资)"
)
#: 美年大健康以5000万元战略投资深至科技
_BY_AMOUNT_RE = re.compile(
    r"(?P<inv>[^，,。；]{2,30}?)以(?P<amt>[^，,。；]{1,15}?)(?:战略|追加)?(?:投资|入股|注资|增资)(?P<co>[^，,。；]{2,30}?)[。！？；]?$"
)
#: listing on an exchange (an IPO is a financing event only together with proceeds, see _RAISE_RE)
_EXCHANGE = (
    r"(?:香港联交所|香港交易所|港交所|联交所|香港|港股|在港|纳斯达克|纽交所|纽约证券交易所|"
    r"上海证券交易所|深圳证券交易所|北京证券交易所|上交所|深交所|北交所|科创板|创业板|主板|美股|A股)"
)
_LISTING_RE = re.compile(
    rf"(?:在|于|登陆|登录|赴|获准在)?{_EXCHANGE}"
    r"[^，,。；]{0,6}?(?:挂牌)?上市(?!公司|企业|后|前|以来|申请|计划|辅导|审核|许可)"
    rf"|(?:登陆|登录|挂牌){_EXCHANGE}"
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
    r"融资事件|投融资|融资总额|融资规模|融资额|融资数量|事件数|\d+\s*(?:起|笔)|\d+\s*家(?:企业|公司|机构)?|"
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
    r"(?:这(?:也|已)?是|近日|日前|今日|今天|昨日|昨天|近期|最近|目前|此前|此后|之后|随后|此外|同时|另外|其中|例如|比如|譬如|如|又如|据悉|据报道|据了解|据报|"
    r"据[^，,]{1,12}(?:报道|消息|披露|显示)|消息显示|官方消息|资料显示|值得一提的是|值得注意的是|今年|去年|年初|年底|年中|上半年|下半年|"
    r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?(?:初|中|底|末)?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{1,2}\s*月(?:初|中|底|末)?)"
    r"[，,、：:\s]*)+"
)
#: where a subject ends (verbs, adverbs, prepositions of time)
_SUBJECT_END_RE = re.compile(
    r"(?:于|在(?=\s*(?:\d|近|今|去|本|上|香港|港|美|纳|纽|科创|创业|A股|深|沪|北交))|宣布|已经|已|再次|再度|又|先后|连续|分别|相继|正式|成功|顺利|"
    r"近日|日前|近期|本周|本月|本季度|上周|上月|今日|今天|昨日|昨天|当天|当日|则(?=在|于|已|将|也|又|是)|曾|也|还|均|此前|今年|去年|年内|刚刚|首次|将|本身|早(?=在|于|已)|完成|获得|获|斩获|拿到|收获|迎来|通过|向|对|以|开始|纷纷|陆续|普遍|"
    r"(?:19|20)\d{2}\s*年|\d{1,2}\s*月|成立|创立|创办|是|作为|致力|专注|聚焦|主要|推出|研发|开发|拥有|的[^，,。；]{0,4}(?:融资|投资))"
)
#: a leading modifier clause: "专注于神经调控领域的苏州景昱医疗器械有限公司", "已在港股上市的和铂医药"
#: (its 于/已/在 would otherwise end the subject before the name)
_ACTIVITY_MODIFIER_RE = re.compile(
    r"^(?:(?:专注|致力|聚焦|深耕|主攻|从事|面向)于?[^，,。；的]{1,25}的|(?:已经?)?(?:在|于)[^，,。；的]{1,12}上市的|"
    # "总部位于杭州、在宁波设有研发中心的", "位于苏州的", "来自深圳的": where the company is
    r"(?:总部)?(?:位于|设在|坐落于|落户|来自)[^，,。；的]{1,30}的)"
)
#: descriptor nouns in "香港早期癌症检测公司Insighta", "AI医疗解决方案提供商讯飞医疗"
_DESCRIPTOR_RE = re.compile(
    r"(?<!有限|股份|集团|控股|分|子)(?:公司|企业)|子公司|提供商|服务商|平台|厂商|开发商|运营商|制造商|供应商|研发商|服务机构|品牌|初创|独角兽|龙头|领军者|领导者|先行者|新锐|的|旗下"
)
#: words showing a subject is not a company name
_NOT_COMPANY_RE = re.compile(
    r"方面|行业|市场|领域|政策|情况|赛道|投资者|投资人|^(?:该|本|这家|此|其|它|这|那)|^(?:他们|我们)$|我国|国内|全球|目前|近年|随着|"
    r"报告|显示|统计|规模|政府|融资|投资|轮|上市|募资|资金|IPO|多家|一批|等|众多|不少|其他|部分|\d{3,}|[，,。；：:、《》]|[与和及]$|^除.{1,8}外$|^第.{1,3}[章节篇部]|篇$|\s{2,}|"
    # a generic noun ("核心技术", "医疗数据") is not a name, but a two-character brand before
    # 技术/服务/数据 often is ("医鸣技术"): only generic modifiers make the phrase generic
    r"^(?:.?|相关|核心|关键|主要|创新|新型|医疗|数字|智能|智慧|头部|优质|龙头|上述|海外|国内|新兴|传统|现有)"
    r"(?:机构|产品|技术|服务|模式|数据|发展|企业|平台|医院|患者|医生)$|^(?:该|本|此|这家|母|子|分|医疗|科技)?(?:公司|集团)$"
)
#: a phrase ending in a descriptor noun names a kind of company ("数字疗法企业", "AI服务商")
_CLASS_NOUN_END = re.compile(r"(?:企业|厂商|提供商|服务商|开发商|运营商|制造商|供应商|初创公司)$")
#: a relative time written where a subject could stand ("两年后", "三个月后", "次年", "同年年底")
_TIME_PHRASE = re.compile(r"(?:[\d一二三四五六七八九十两半几数]+\s*(?:个)?\s*(?:年|月|周|天|日|季度)(?:多|半)?(?:后|前|之后|以后|以来|内|间)|"
                          r"(?:次年|同年|当年|翌年|隔年|此后|之后|随后|其后|后来|最终|最后)(?:\S{0,3})?)")
_INDEFINITE_RE = re.compile(r"^(?:一家|某|多家|几家|数家|两家|这家|那家)")
_PRONOUN_RE = re.compile(r"^(?:该公司|该企业|公司|企业|其|它|该集团|集团|该平台|平台)$")

#: investor phrases
#: the verb of "由Y领投" is not followed by another role word or list mark: so "由兰亭投资领投" and
#: "由腾讯投资、红杉中国共同投资" keep names ending in 投资 whole instead of stopping at their own 投资
_BY_VERB_END = r"(?!领投|跟投|参投|独家|联合|共同|追加|继续|等|、|和|及|与|集团|控股|有限|股份|基金|管理|公司|合伙|中心|发展|）|\))"
_INV_PATTERNS = [
    re.compile(r"由(?P<inv>[^，,。；]{2,80}?)(?:等(?:机构|投资方)?)?(?:联合|共同)?"
               r"(?:领投|独家投资|投资|独投|注资|牵头|参投|跟投|参与|继续加码|加码|加注|追加投资|继续投资|继续追投|追投)" + _BY_VERB_END),
    # (not across 获得: "禾脉获得鼎元堂、甬江科创基金联合投资" names the company first)
    re.compile(r"(?:^|[，,]|获得?)(?P<inv>[^，,。；由获]{2,80}?)(?:等(?:机构|投资方|多家机构|知名机构|投资机构)?)?(?:继续|持续|超额|共同|联合)?(?:跟投|参投|追投|联合投资|共同投资|追加投资|加码|联合领投|共同领投)"),
    # "国内的澜川资本亦参与了本轮"
    re.compile(r"(?:^|[，,])(?P<inv>[^，,。；由]{2,40}?)(?:亦|也|还|同时|均)?参与了?(?:本轮|此轮|该轮|本次)"),
    re.compile(r"投资(?:方|机构|人|者)(?:均|皆|分别|主要|则|亦)?(?:为|是|包括|有|：|:)(?P<inv>[^，,。；]{2,80})"),
    re.compile(r"获得?(?P<inv>[^，,。；]{2,60}?)(?:等(?:机构|投资方)?)?(?:的|共同|联合)[^，,。；]{0,20}?(?:投资(?!者|人|方|机构)|融资|注资)"),
    # "获迈瑞医疗战略投资": 战略 qualifies the investment, not the investor's name
    re.compile(r"获得?(?P<inv>[^，,。；的]{2,40}?)(?:独家|联合|共同|战略|追加)?(?:领投|投资(?!者|人|方|机构)|注资|增资)"),
    re.compile(r"^(?P<inv>[^，,。；]{2,40}?)(?:独家|联合|共同)?领投"),
]
#: 和/及/与 join two names of at least two characters each ("通和毓承" is one name after 、)
_INV_SPLIT_RE = re.compile(r"[、，,/；;]|以及|(?<=[^、，,/；;\s]{2})(?:和|及|与)(?=[^、，,/；;\s]{2})|(?i:\s+and\s+)")
_INV_STRIP_HEAD = re.compile(
    r"^(?:由|获得?|老股东|原股东|现有股东|新股东|股东|个人投资者|投资方|知名投资机构|投资机构|机构|以及|及|和|与|包括|为|是|还有|同时|"
    r"(?i:(?:existing|new|other|returning)\s+(?:investors?|shareholders?)|investors?\s+including|including|the)\s*)+"
)
_INV_STRIP_TAIL = re.compile(
    r"(?:等(?:机构|投资方|多家机构|知名机构|投资机构)?|继续|持续|超额|追加|共同|联合|独家|领投|跟投|参投|(?:独家|联合|共同|追加|战略|继续)投资|注资|加码|的|共同参与|参与|合计|共计|总计)+$"
)
#: "淡马锡旗下兰亭投资": the parent is named in passing, the investor is the fund after 旗下 (unless
#: that is only a generic noun: "沙特阿拉伯公共投资基金旗下机构" stays whole)
_PARENT_PREFIX = re.compile(r"^[^旗]{2,20}旗下(?=(?!(?:的)?(?:机构|基金|公司|子公司|企业|平台)$).{2,})")
#: "中金资本旗下基金": an unnamed fund of a named parent; the parent is the name the text gives
_PARENT_GENERIC = re.compile(r"^(?P<parent>[^旗]{2,20})旗下(?:的)?(?:机构|基金|公司|子公司|企业|平台)$")
_BAD_INVESTOR = re.compile(r"轮|融资|额度|大额|金额|\d+(?:\.\d+)?\s*(?:万|亿)|数[十百千]?[万亿]|多家|多位|数家|其他|本轮|本次|资金|天使投资$|战略|^(?:公司|企业)$|^某$")

# --- English and bilingual writing ---------------------------------------------------------
# Briefs for foreign clients write the deal in English inside Chinese prose ("completed a US$80
# million Series C+ round, led by …"); normalize.py reads Chinese forms, these read the English ones.

#: "US$80 million", "RMB 1.6 billion", "~RMB 100m", "HK$1.38bn", "约 RMB 109.9亿元"
_EN_MONEY_RE = re.compile(
    r"(?i)(?P<raw>(?P<approx>~|≈|约\s*|approx(?:imately|\.)?\s+|about\s+|nearly\s+|around\s+|over\s+|more than\s+|up to\s+)?"
    r"(?P<cur>US\$|HK\$|S\$|RMB|CNY|USD|HKD|EUR|€|(?<![A-Za-z])\$|¥|￥)\s*(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*"
    r"(?P<unit>million|mn|m|billion|bn|b|千万|百万|亿|万)?(?![A-Za-z])(?:元)?"
    r"|(?P<approx2>~|约\s*|about\s+|nearly\s+|over\s+)?(?P<num2>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit2>million|mn|billion|bn)\s+"
    r"(?P<cur2>US dollars|dollars|USD|RMB|yuan|HKD|HK dollars|euros?))"
)
_EN_UNITS = {"million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
             "千万": 1e7, "百万": 1e6, "亿": 1e8, "万": 1e4}
_EN_CURRENCY = {"us$": "USD", "usd": "USD", "$": "USD", "us dollars": "USD", "dollars": "USD", "hk$": "HKD",
                "hkd": "HKD", "hk dollars": "HKD", "rmb": "CNY", "cny": "CNY", "yuan": "CNY", "¥": "CNY",
                "￥": "CNY", "eur": "EUR", "€": "EUR", "euro": "EUR", "euros": "EUR", "s$": "SGD"}
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

_ROUND_MENTION = re.compile(r"(?:本轮|此轮|该轮|这轮|本次|此次|该笔|这笔)")
#: a clause opening with a round that a following phrase gives investors to ("B+轮由Y独家投资")
_ROUND_LEAD_RE = re.compile(r"^(?P<round>(?i:pre-?)?[A-F]\+{0,2}轮|天使轮|种子轮|Pre-?IPO轮|(?i:(?:pre-?)?series\s*[A-F]\+{0,2}))(?:融资)?(?:由|的?投资方|投资方|(?i:\s+(?:was|were)\s+led\s+by))")

# --- table vocabulary ----------------------------------------------------------------------

# (English headers of bilingual briefs: Company | Round | Amount | Date | Investors)
_COL_COMPANY = re.compile(r"企业|公司|项目|融资方|名称|简称|品牌|标的|(?i:compan(?:y|ies)|startup|target|issuer)")
_COL_DATE = re.compile(r"时间|日期|年份|年月|(?i:date|closed|announced|year|month)")
_COL_ROUND = re.compile(r"轮次|阶段|轮|(?i:round|stage|series)")
_COL_AMOUNT = re.compile(r"金额|融资额|规模|募资|募集|筹资|(?i:amount|size|raised|proceeds)")
_COL_INVESTOR = re.compile(r"投资方|投资机构|投资人|投资者|机构|领投|出资方|(?i:investor|backer|led\s*by|lead)")
#: an IPO table: a listing column (上市板块 / 上市日期 / 交易所) next to a proceeds column (募资金额)
_COL_LISTING = re.compile(r"上市|交易所|板块")
_COL_PROCEEDS = re.compile(r"募资|募集|筹资|融资")
_CELL_ROUND = re.compile(r"(?i)^(?:pre-?)?[A-F]\+{0,2}\d?轮?$|^(?:天使|种子|战略|未公开|未披露|IPO|Pre-?IPO)")
_EMPTY_CELL = re.compile(r"^(?:-|—|–|/|／|无|未披露|未公开|不详|暂无|N/?A)?$", re.I)
_BARE_AMOUNT_RE = re.compile(r"(?P<raw>(?:近|约|超|逾)?\d+(?:[,，]\d{3})*(?:\.\d+)?\s*(?:千万|百万|十万|亿|万))(?![\d元美港欧人])")


# --- small data holders --------------------------------------------------------------------


@dataclass
class _Clause:
    text: str
    start: int  # view offsets
    end: int


@dataclass
class _Event:
    company: str | None
    rounds: list[tuple[str, str | None]]
    dates: list[str]
    money: list[Amount]
    investors: list[str]
    start: int  # view offsets of the evidence
    end: int
    confidence: float
    is_ipo: bool = False
    implicit_company: bool = False
    extra: list[str] = field(default_factory=list)


# --- helpers -------------------------------------------------------------------------------


def split_clauses(text: str, offset: int = 0) -> list[_Clause]:
    """Clauses of a sentence split on commas outside brackets; offsets shifted by ``offset``."""
    out: list[_Clause] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in "，," and depth == 0 and not _digit_comma(text, i) or ch in "：:" and depth == 0 and _colon_splits(text, start, i):
            out.append(_Clause(text[start:i], offset + start, offset + i))
            start = i + 1
    out.append(_Clause(text[start:], offset + start, offset + len(text)))
    return [c for c in out if c.text.strip()]


#: a colon after these ends a label whose value follows ("投资方：A、B"): no clause boundary
_COLON_LABEL = re.compile(r"(?:投资方|投资机构|投资人|投资者|领投方|跟投方|出资方|股东|金额|轮次|时间|日期|包括|为|有|如下)$")


def _colon_splits(text: str, start: int, i: int) -> bool:
    """Whether the colon at ``i`` ends a clause (a lead-in sentence, not a label or a time 09:30)."""
    head = text[start:i].strip()
    if len(head) < 4 or _COLON_LABEL.search(head):
        return False
    return not (i + 1 < len(text) and text[i - 1].isdigit() and text[i + 1].isdigit())


def _digit_comma(text: str, i: int) -> bool:
    """A thousands separator ("3,000万美元") is not a clause boundary."""
    return 0 < i < len(text) - 3 and text[i - 1].isdigit() and text[i + 1:i + 4].isdigit()


@dataclass(frozen=True)
class _When:
    """Year context of a paragraph: the last year written in it so far, and the document's dateline
    (a bare "7月12日" takes the first, else the second; "去年10月" is relative to the dateline)."""

    year: int | None
    published: Dateline | None

    def year_of(self, month: int) -> int | None:
        if self.year is not None:
            return self.year
        return self.published.year_of(month) if self.published else None


def _year_for(year: int | Dateline | _When | None, month: int) -> int | None:
    """The year of a bare month: the year in context, or the dateline's."""
    return year.year_of(month) if isinstance(year, (Dateline, _When)) else year


def _published_year(year: int | Dateline | _When | None) -> int | None:
    """The year of the document's dateline, if the context knows it."""
    if isinstance(year, _When):
        return year.published.year if year.published else None
    return year.year if isinstance(year, Dateline) else None


def _founding_date(text: str, start: int) -> bool:
    """Whether the date at ``start`` is a founding date (成立于2017年, founded in 2017) or a range's
    start (…至今): it dates the company, not an event."""
    return bool(re.search(r"成立|创立|创办|创建|注册|始创|组建|至今", text[max(0, start - 4):start])
                or re.search(r"(?i:founded\s+in\s*)$", text[max(0, start - 12):start]))


#: a period of the document's own date ("本周宣布完成…" in a weekly)
_THIS_PERIOD_RE = re.compile(r"本周|本月|当月|上月")

#: "去年10月", "今年3月": months relative to the document's own date
_RELATIVE_MONTH_RE = re.compile(r"(?P<rel>去年|今年|前年)\s*(?:(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?)?")


def _en_dates(text: str) -> list[tuple[int, int, str]]:
    """English dates ("Sep 2023", "March 15, 2023", "Q3 2023") as (start, end, ISO value)."""
    return [(d.start, d.end, d.value) for d in find_english_dates(text)]


def clause_dates(text: str, year: int | Dateline | _When | None = None) -> list[str]:
    """Dates in ``text`` in order; a bare "11月" after "2019年3月和" takes the year written before it
    (else ``year``: the year of the paragraph so far, or the document's dateline)."""
    found = [(d.start, d.end, d.value) for d in find_dates(text)]
    # "Sep 2023" holds a year find_dates reads alone: the English date replaces it
    for s, e, v in _en_dates(text):
        found = [f for f in found if not (f[0] < e and s < f[1])] + [(s, e, v)]
    published = _published_year(year)
    for m in _RELATIVE_MONTH_RE.finditer(text) if published else ():
        if m["m"] and not any(s < m.end() and m.start() < e for s, e, _ in found):
            value = iso_date(published - RELATIVE_YEARS[m["rel"]], int(m["m"]), int(m["d"]) if m["d"] else None)
            if value:
                found.append((m.start(), m.end(), value))
    # "本周" / "本月" / "上月" of a digest: the month of its dateline
    dl = year.published if isinstance(year, _When) else year if isinstance(year, Dateline) else None
    for m in _THIS_PERIOD_RE.finditer(text) if dl is not None and not found else ():
        y, mo = (dl.year, dl.month) if m.group() != "上月" else (dl.year - (dl.month == 1), (dl.month - 2) % 12 + 1)
        found.append((m.start(), m.end(), iso_date(y, mo, None)))
    taken = [(s, e) for s, e, _ in found]
    for m in re.finditer(r"(?<![\d年.])(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?", text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        prev = [v for s, _, v in found if s < m.start()]
        y = int(prev[-1][:4]) if prev else _year_for(year, int(m.group(1)))
        if y is None:
            continue
        value = iso_date(y, int(m.group(1)), int(m.group(2)) if m.group(2) else None)
        if value:
            found.append((m.start(), m.end(), value))
    # a range "2020年1-9月" or a founding date is not the event's date
    return [v for s, _, v in sorted(found) if not _founding_date(text, s)]


def _amount(m) -> Amount:
    """The contract's Amount for a normalize.Money."""
    return Amount(raw=m.raw, currency=m.currency, value=m.value, qualifier=m.qualifier)


def _en_money(text: str) -> list[tuple[int, int, Amount]]:
    """Amounts written the English way ("US$80 million", "RMB 1.6bn", "~RMB 100m") with their spans."""
    out = []
    for m in _EN_MONEY_RE.finditer(text):
        num, unit, cur = (m["num"], m["unit"], m["cur"]) if m["num"] else (m["num2"], m["unit2"], m["cur2"])
        approx = (m["approx"] or m["approx2"] or "").strip().lower()
        if not unit and cur in ("$", "¥", "￥", "€"):
            continue  # "$5" alone is a price, not a round (find_money still reads "$5 million")
        currency = _EN_CURRENCY.get(cur.lower())
        if currency is None or currency == "SGD":
            continue
        value = round(float(num.replace(",", "")) * _EN_UNITS.get((unit or "").lower(), 1), 2)
        qualifier = ("approx" if approx in ("~", "≈", "约", "approx", "approx.", "approximately", "about", "nearly", "around")
                     else "at_least" if approx in ("over", "more than") else "at_most" if approx == "up to" else "exact")
        raw = m["raw"].strip()
        out.append((m.start(), m.start() + len(m["raw"].rstrip()), Amount(raw=raw, currency=currency, value=value, qualifier=qualifier)))
    return out


#: "valued at US$1 billion" / "估值超过RMB 100亿元": a valuation, not the raise
_EN_NOT_RAISE = re.compile(r"(?i)(?:valued\s+at|valuation\s+(?:of|at)|revenue\s+of)\s*(?:about|around|over|~)?\s*$")


def money_in(text: str) -> list[Amount]:
    """Raise amounts in ``text``: no valuations/revenues, no bracketed conversions after an amount.

    Wraps ``find_money``: English forms ("US$80 million", "RMB 1.6bn") are read by ``_en_money``
    (they win where both read the same span), and a bare "6000万"/"2亿" written before
    融资/投资/轮 (no currency word) is read as CNY, which ``find_money`` leaves out.
    """
    english = _en_money(text)
    found = list(english)
    for m in find_money(text):
        if not any(s < m.end and m.start < e for s, e, _ in english):
            found.append((m.start, m.end, _amount(m)))
    found.sort(key=lambda x: x[0])
    out: list[tuple[int, Amount]] = []
    prev_end = -10
    for start, end, amount in found:
        before = text[:start]
        # "X及Y合计500万元投资": the investors' tickets summed are this round, not a running total
        investors_sum = bool(re.search(r"合计\s*$", before)) and bool(re.match(r"\s*(?:的)?(?:投资|融资|注资|增资)", text[end:]))
        if (_NOT_RAISE_MONEY.search(before) and not investors_sum) or _EN_NOT_RAISE.search(before):
            prev_end = end
            continue
        # "3,000万美元（约2.1亿元人民币）": the bracketed figure restates the one before it
        if prev_end >= 0 and re.fullmatch(r"\s*[（(]\s*(?:约合|约|折合|合|approx\.?|about|~)?\s*", text[prev_end:start]):
            prev_end = end
            continue
        out.append((start, amount))
        prev_end = end
    covered = [(s, s + len(a.raw) + 2) for s, a in out]
    for m in _BARE_AMOUNT_RE.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        if not re.match(r"[^，,。；]{0,8}(?:融资|投资|轮|注资)", text[m.end():]):
            continue
        if _NOT_RAISE_MONEY.search(text[:m.start()]):
            continue
        for fm in find_money(m["raw"] + "元"):
            out.append((m.start(), Amount(raw=m["raw"], currency="CNY", value=fm.value, qualifier=fm.qualifier)))
            break
    return [a for _, a in sorted(out, key=lambda x: x[0])]


def rounds_in(text: str, *, table_cell: bool = False) -> list[tuple[str, str | None]]:
    """(raw, normalised) rounds written in ``text``.

    In prose 未公开/未披露 usually qualify the amount ("金额未披露"), so they count as the round only
    next to 轮次; 天使投资人 is a kind of investor, not the angel round.
    """
    out = []
    for m in ROUND_RE.finditer(text):
        raw = m["raw"]
        if not table_cell:
            # "轮次未披露", "金额与轮次均未披露", "未披露具体金额和轮次": the round itself is undisclosed
            if raw in ("未公开", "未披露") and not re.search(r"轮次\S{0,2}$", text[: m.start()]) and not re.match(r"轮|[^，,。；]{0,8}轮次", text[m.end():]):
                continue
            if raw == "天使投资" and text[m.end():].startswith("人"):
                continue
            if raw.upper() == "IPO" or raw.startswith("首次公开"):
                continue  # listings are handled by the IPO rule
        norm = normalise_round(raw)
        if norm is None and not table_cell:
            continue
        out.append((m.start(), raw.strip(), norm))
    for m in _EN_ROUND_RE.finditer(text):
        if not any(s <= m.start() < s + len(r) for s, r, _ in out):
            out.append((m.start(), m["raw"].strip(), _normalise_en_round(m["raw"])))
    return [(raw, norm) for _, raw, norm in sorted(out)]


def _normalise_en_round(raw: str) -> str | None:
    """The contract's round for an English round name ("Series C+" -> "C+", "seed" -> "seed")."""
    low = re.sub(r"\s+", " ", raw.strip().lower())
    if low in ("undisclosed", "n/a"):
        return "undisclosed"
    if low.startswith("strategic"):
        return "strategic"
    if "seed" in low:
        return "seed"
    if "angel" in low:
        return "angel"
    m = re.match(r"(pre-?)?series ?([a-f])(\+*)", low)
    if m:
        return normalise_round(("Pre-" if m.group(1) else "") + m.group(2).upper() + m.group(3) + ("" if m.group(1) else "轮"))
    return normalise_round(raw)


def clean_company(text: str) -> str | None:
    """A company name from a clause head: leading time words, descriptors and aliases removed."""
    # Markdown bold marks a name ("**天智航**早在…"); the markers are not part of it
    s = text.replace("**", "").strip()
    # "…获得资本青睐：镁信健康于…": the subject follows the colon
    s = re.split(r"[：:](?!\d)", s)[-1] if re.search(r"[：:](?!\d)\s*\S", s) else s
    s = _LEAD_RE.sub("", s.strip())
    # aliases in brackets ("（以下简称“堃博医疗”）", "（HealthWay）") are not part of the name
    s = re.sub(r"\s*[（(][^（）()]*[）)]", "", s)
    s = _ACTIVITY_MODIFIER_RE.sub("", s)
    m = _SUBJECT_END_RE.search(s)
    if m and m.start() >= 2:
        s = s[: m.start()]
    elif m:
        return None
    s = s.strip(" 　“”\"'「」")
    # descriptor before the name: take what follows the last descriptor that leaves a name
    for d in reversed(list(_DESCRIPTOR_RE.finditer(s))):
        rest = s[d.end():].strip(" 　“”\"'")
        if len(rest) >= 2 and not rest.startswith(("（", "(")):
            s = rest
            break
    s = re.sub(r"\s*[（(][^）)]*[）)]\s*$", "", s)  # "健康之路（HealthWay）"
    s = s.strip(" 　“”\"'「」《》")
    return s if is_company_name(s) else None


def is_company_name(s: str | None) -> bool:
    """Whether ``s`` looks like a single company name (not a generic noun phrase or pronoun)."""
    if not s or len(s) < 2 or len(s) > 30:
        return False
    if _NOT_COMPANY_RE.search(s) or _PRONOUN_RE.match(s) or _INDEFINITE_RE.match(s):
        return False
    if re.fullmatch(r"[\d\s.%]+", s) or re.search(r"(?:省|市|县|区|国|仅|只|均|都)$", s):
        return False
    if _TIME_PHRASE.fullmatch(s):  # "两年后，这家公司…": a time, not a subject
        return False
    if _CLASS_NOUN_END.search(s):  # "慢病管理企业": a class of companies, not one
        return False
    return True


#: a role written after a name in a list or table cell: 高瓴资本（领投）
_ROLE_NOTE = re.compile(r"\s*[（(](?:(?:联合|共同)?(?:领投|跟投|参投|独家投资|老股东跟投)|(?i:co-?lead|lead|led|follow-?on))[）)]")


def drop_alias(name: str) -> str:
    """"CICC Capital（中金资本）" -> "CICC Capital": a bracket that gives the name in the other script
    (Latin vs Chinese) is an alias; other brackets ("（有限合伙）", "（北京）") belong to the name."""
    m = re.fullmatch(r"(?P<a>[^（(]+?)\s*[（(](?P<b>[^（）()]+)[）)]", name.strip())
    if not m:
        return name.strip()
    a, b = m["a"].strip(), m["b"]
    return a if len(a) >= 2 and ((_latin(a) and _han(b)) or (_han(a) and _latin(b))) else name.strip()


def _han(text: str) -> bool:
    return bool(re.search(r"\p{Han}", text))


def _latin(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2}", text)) and not _han(text)


def split_investors(text: str) -> list[str]:
    """Investor names in a list phrase, as written (role words and 等 removed)."""
    out: list[str] = []
    for part in _INV_SPLIT_RE.split(text):
        p = _ROLE_NOTE.sub("", part).strip(" 　“”\"'")
        p = drop_alias(p)
        m = _PARENT_GENERIC.match(p)
        p = m["parent"] if m else _PARENT_PREFIX.sub("", p)
        prev = None
        while p != prev:
            prev = p
            p = _INV_STRIP_HEAD.sub("", p).strip()
            p = _INV_STRIP_TAIL.sub("", p).strip()
        p = re.sub(r"\s*[（(][^）)]*[）)]$", "", p) if not re.fullmatch(r"[^（(]+[（(][^）)]*[）)]", p) or len(p) > 20 else p
        # (English names run longer: "Zhejiang Provincial Industry Fund")
        too_long = len(p) > (60 if re.fullmatch(r"[A-Za-z0-9 .&'-]+", p) else 30)
        if len(p) < 2 or too_long or _BAD_INVESTOR.search(p) or _EMPTY_CELL.match(p):
            continue
        if p not in out:
            out.append(p)
    return out


def investors_in(text: str) -> list[str]:
    """Investors named in a clause by lead/follow/investor-list phrases."""
    out: list[str] = []
    for pat in _INV_PATTERNS:
        for m in pat.finditer(text):
            inv = m["inv"]
            # "获得平安集团10亿元增资": the amount/round after the names is not part of them
            cut = [x.start for x in find_money(inv)] + [x.start() for x in ROUND_RE.finditer(inv)]
            if cut and min(cut) >= 2:
                inv = inv[: min(cut)]
            for name in split_investors(inv):
                if name not in out and not any(name in o or o in name for o in out):
                    out.append(name)
    return out


def en_investors_in(text: str) -> list[str]:
    """Investors named by English phrases ("led by X, with participation from Y and Z")."""
    out: list[str] = []
    for pat in _EN_INV_PATTERNS:
        for m in pat.finditer(text):
            for name in split_investors(m["inv"]):
                if re.search(r"(?i)\b(?:round|financing|funding|million|billion)\b", name):
                    continue
                if name not in out and not any(name in o or o in name for o in out):
                    out.append(name)
    return out


#: who led the round: "由Y领投", "Y领投，Z跟投", "领投方为Y", "Y（领投）", "led by Y"
_LEAD_PATTERNS = [
    # (tabs never occur inside a name: they separate table cells)
    re.compile(r"由(?P<inv>[^，,。；\t]{2,80}?)(?:联合|共同)?领投"),
    re.compile(r"(?:^|[，,；\t])(?P<inv>[^，,。；由\t]{2,80}?)(?:联合|共同|独家)?领投"),
    re.compile(r"领投(?:方|机构)?(?:为|是|包括)(?P<inv>[^，,。；\t]{2,80})"),
    re.compile(r"(?P<inv>[^、，,。；（(\t]{2,30})[（(]领投[）)]"),
    re.compile(r"获得?(?P<inv>[^，,。；的\t]{2,40}?)(?:独家|联合|共同)?领投"),
    re.compile(r"(?i)\b(?:co-)?led\s+by\s+(?P<inv>[^，。；;\t]{2,120}?)" + _EN_INV_END),
    re.compile(r"(?i)(?P<inv>[^、，,。；;（(\t]{2,40}?)\s*[（(](?:co-)?lead[）)]"),
]


def lead_investors(text: str, investors: list[str]) -> list[str]:
    """The investors (as already extracted) that ``text`` says led the round."""
    named: list[str] = []
    for pat in _LEAD_PATTERNS:
        for m in pat.finditer(text):
            named.extend(split_investors(m["inv"]))
    return [inv for inv in investors if any(inv == n or inv in n or n in inv for n in named)]


#: "广州睿影智能医疗科技股份有限公司（以下简称“睿影智能”“公司”或“本公司”）": an annual report or
#: prospectus defines the 公司 its later sentences talk about
_SELF_DEFINITION = re.compile(r"(?P<full>[^\s，,。；：:（()）“”]{4,40})[（(]以下(?:简称|称)(?P<names>[^）)]{1,80})[）)]")


def document_company(text: str) -> str | None:
    """The company a document defines as 公司/本公司 (its short name, else its full name), or None."""
    for m in _SELF_DEFINITION.finditer(text):
        names = re.findall(r"[“\"「『]([^”\"」』]{2,30})[”\"」』]", m["names"])
        if not any(n in ("公司", "本公司") for n in names):
            continue
        short = [n for n in names if n not in ("公司", "本公司", "发行人", "集团", "本集团")]
        return short[0] if short else m["full"]
    return None


# --- the extractor -------------------------------------------------------------------------


class FundingRoundConfig(ExtractorConfig):
    """Settings of funding_round.rules.v1."""

    use_ner: bool = True  # ORG entities of the trained NER name companies the rules cannot read


class FundingRoundRulesV1(RuleExtractor):
    """Rule-based funding round extraction from tables and prose."""

    name = "funding_round.rules.v1"
    kind = "funding_round"
    version = "1"
    record_model = FundingRound
    Config = FundingRoundConfig

    def extract(self, ctx: ExtractionContext) -> Iterable[RecordBase]:
        """Records of every financing event found in the document's tables and prose."""
        records: list[RecordBase] = []
        published = dateline(ctx.text)
        self_name = document_company(ctx.text)
        for block in ctx.structure.blocks:
            if block.type is BlockType.TABLE and block.table is not None:
                records.extend(self._from_table(ctx, block))
            elif block.type in (BlockType.PARAGRAPH, BlockType.LIST_ITEM, BlockType.HEADING):
                records.extend(self._from_prose(ctx, block, published, self_name))
        return _merge(records, ctx.text)

    # --- tables ---------------------------------------------------------------------------

    def _from_table(self, ctx: ExtractionContext, block: Block) -> Iterator[RecordBase]:
        table = block.table
        cols = table_columns(table, context=" ".join((block.caption, block.heading, block.note)))
        if cols is None:
            return
        company: str | None = None
        for row in table.rows:
            cell = row.cell(cols["company"])
            if cell is not None and not cell.empty:
                company = drop_alias(cell.text)  # "Deepwise Healthcare (深睿医疗)"
            if not company:
                continue
            fields = row_fields(row, cols)
            if fields is None:
                continue
            fields["lead_investors"] = lead_investors(ctx.text[row.start:row.end], fields["investors"])
            yield self.make(ctx, row.start, row.end, confidence=0.9, company=company, **fields)

    # --- prose ----------------------------------------------------------------------------

    def _from_prose(self, ctx: ExtractionContext, block: Block, published: Dateline | None,
                    self_name: str | None = None) -> Iterator[RecordBase]:
        view = block.view(ctx.text)
        text = view.text
        topic: str | None = None
        last: _Event | None = None
        # a bare "7月12日" takes the last year written in the paragraph, else the dateline's
        year = _When(None, published)
        spans = ctx.sentences(block, _PROSE_TRIGGER)
        # only blocks with a trigger word were parsed; their ORG entities back up the rules
        entities = ctx.entities(block, "ORG", "PRODUCT", "GOV") if spans and self.config.use_ner else []
        for s, e in spans:
            sentence = text[s:e]
            clauses = split_clauses(sentence, s)
            orgs = tuple(text[a:b] for a, b, lab in entities if lab == "ORG" and s <= a and b <= e)
            events = sentence_events(clauses, topic, year, orgs, self_name)
            if events:
                for ev in events:
                    yield from self._records(ctx, view, ev, block)
                    if ev.company and not ev.implicit_company:
                        topic = ev.company
                last = events[-1]
            else:
                if last is not None and _ROUND_MENTION.match(_LEAD_RE.sub("", sentence)):
                    # "本轮融资由Y领投，Z跟投。" completes the event of the sentence before
                    yield from self._amend(ctx, view, last, sentence, s, e, block)
                elif last is not None and len(last.rounds) > 1:
                    # "B轮由Y领投，B+轮由Z独家投资。" gives each round of the event before its investors
                    yield from self._amend_rounds(ctx, view, last, clauses, e, block)
                subject = _subject_of(clauses[0].text) if clauses else None
                if clauses and entities:
                    subject = _ner_topic(subject, clauses[0], text, entities)
                if subject:
                    topic = subject
            # a founding year ("成立于2017年") dates the company, not the bare "3月12日" of its news
            dates = [d for d in find_dates(sentence) if not _founding_date(sentence, d.start)]
            if dates:
                year = _When(int(dates[-1].value[:4]), published)

    def _amend(self, ctx, view: TextView, ev: _Event, sentence: str, s: int, e: int, block: Block) -> Iterator[RecordBase]:
        """Re-emit ``ev`` with investors/amount from a following 本轮… sentence (evidence spans both)."""
        inv = investors_in(sentence)
        money = [] if ev.money else money_in(sentence)
        if not inv and not money:
            return
        if _AGGREGATE_RE.search(sentence) and not inv:
            return
        extra = _Event(ev.company, ev.rounds, ev.dates, money or ev.money, inv or ev.investors, ev.start, e, ev.confidence,
                       ev.is_ipo, ev.implicit_company)
        yield from self._records(ctx, view, extra, block)

    def _amend_rounds(self, ctx, view: TextView, ev: _Event, clauses: list[_Clause], e: int, block: Block) -> Iterator[RecordBase]:
        """Re-emit single rounds of a several-round ``ev`` with the investors a following sentence
        gives each of them; the round's own date and amount stay as paired before."""
        n = len(ev.rounds)
        for c in clauses:
            m = _ROUND_LEAD_RE.match(_LEAD_RE.sub("", c.text.strip()))
            if not m:
                continue
            said = rounds_in(m["round"])
            idx = next((i for i, (_, norm) in enumerate(ev.rounds) if said and norm == said[0][1]), None)
            inv = investors_in(c.text)
            if idx is None or not inv:
                continue
            dates = [ev.dates[idx]] if len(ev.dates) == n else ev.dates[:1]
            money = [ev.money[idx]] if len(ev.money) == n else []
            one = _Event(ev.company, [ev.rounds[idx]], dates, money, inv, ev.start, e, ev.confidence,
                         ev.is_ipo, ev.implicit_company)
            yield from self._records(ctx, view, one, block)

    def _records(self, ctx, view: TextView, ev: _Event, block: Block) -> Iterator[RecordBase]:
        """One record per round of ``ev``; dates and amounts pair with rounds in written order."""
        if not ev.company:
            return
        rounds = ev.rounds or [(None, "IPO" if ev.is_ipo else None)]
        if ev.is_ipo:
            rounds = [(ev.extra[0] if ev.extra else "上市", "IPO")]
        dates = ev.dates
        n = len(rounds)
        conf = ev.confidence - (0.1 if block.type is BlockType.HEADING else 0.0)
        ds, de = view.doc_span(ev.start, min(ev.end, len(view.text)))
        for i, (raw, norm) in enumerate(rounds):
            if len(dates) == n:
                date = dates[i]
            elif dates:
                date = dates[0] if n == 1 or len(dates) == 1 else None
            else:
                date = None
            if len(ev.money) == n:
                amount = ev.money[i]
            elif n == 1 and ev.money:
                amount = ev.money[0]
            else:
                amount = None
            yield self.make(ctx, ds, de, confidence=round(max(0.3, conf), 2), company=ev.company, round=norm,
                            round_raw=raw, date=date, amount=amount, investors=list(ev.investors),
                            lead_investors=lead_investors(ctx.text[ds:de], list(ev.investors)))


# --- table logic ---------------------------------------------------------------------------


#: a block without these words cannot state a financing event: it skips segmentation entirely
_PROSE_TRIGGER = re.compile(r"融资|投资|注资|增资|入股|领投|募资|募集|筹资|上市|IPO|(?i:round|financing|funding|investment)")
_INVESTOR_WORD = re.compile(r"投资|(?i:invest)")  # 投资机构 is never the invested company


def table_columns(table: Table, context: str = "") -> dict[str, int] | None:
    """Column indexes of a funding table (company, date, round, amount, investors) or None."""
    header = table.columns
    if header:
        cols = table.find_columns({
            "investors": _COL_INVESTOR, "amount": _COL_AMOUNT, "round": _COL_ROUND, "date": _COL_DATE,
            "company": (_COL_COMPANY, _INVESTOR_WORD),
        })
        funding_words = re.search(r"融资|投资|轮次|(?i:financ|funding|invest|deal|round)", " ".join(header) + context)
        if "company" in cols and ("round" in cols or "amount" in cols) and funding_words:
            return cols
        ipo = _ipo_columns(table, cols)
        if ipo is not None:
            return ipo
        if header and cols:
            return None
    return _infer_columns(table, context)


def _ipo_columns(table: Table, cols: dict[str, int]) -> dict[str, int] | None:
    """Columns of an IPO table (公司 | 上市板块 | 上市日期 | 募资金额): every row is a listing with
    proceeds. ``cols["ipo"]`` is the listing column, whose cell (科创板, 港交所) is the raw round."""
    header = [re.sub(r"\s+", "", h) for h in table.columns]
    if "company" not in cols or "round" in cols or "amount" not in cols or not _COL_PROCEEDS.search(header[cols["amount"]]):
        return None
    listing = [i for i, h in enumerate(header) if _COL_LISTING.search(h) and i not in (cols["company"], cols["amount"])]
    if not listing:
        return None
    # the exchange column when there is one (上市板块), else the listing date column
    board = [i for i in listing if i != cols.get("date")]
    return {**cols, "ipo": board[0] if board else listing[0]}


def _infer_columns(table: Table, context: str) -> dict[str, int] | None:
    """Columns of a headerless funding table, recognised by their content."""
    rows = [r for r in table.rows if len(r.cells) >= 3]
    if len(rows) < 2 or not re.search(r"融资|投资|(?i:financ|funding|invest)", context + " ".join(c.text for r in rows for c in r.cells)):
        return None
    width = max(len(r.cells) for r in rows)
    cols: dict[str, int] = {}
    for i in range(width):
        texts = [r.cells[i].text for r in rows if i < len(r.cells) and r.cells[i].text]
        if not texts:
            continue
        share = lambda pred: sum(1 for t in texts if pred(t)) / len(texts)  # noqa: E731
        if "round" not in cols and share(lambda t: bool(_CELL_ROUND.match(t.replace(" ", "")))) >= 0.6:
            cols["round"] = i
        elif "date" not in cols and share(lambda t: bool(find_dates(t)) and len(t) <= 14) >= 0.6:
            cols["date"] = i
        elif "amount" not in cols and share(lambda t: bool(money_in(t)) or bool(_BARE_AMOUNT_RE.search(t))) >= 0.6:
            cols["amount"] = i
        elif "investors" not in cols and "company" in cols and share(lambda t: "、" in t or len(t) >= 4) >= 0.6:
            cols["investors"] = i
        elif "company" not in cols and i == 0:
            cols["company"] = i
    if "company" in cols and "round" in cols and ("date" in cols or "amount" in cols):
        return cols
    return None


def row_fields(row: Row, cols: dict[str, int]) -> dict | None:
    """Record fields of one table row (None for rows that are not a financing event)."""

    def cell(key: str) -> str:
        c = row.cell(cols[key]) if key in cols else None
        return c.text.strip() if c is not None else ""

    round_cell, amount_cell, date_cell = cell("round"), cell("amount"), cell("date")
    if re.search(r"并购|收购|合并", round_cell):
        return None
    rounds = rounds_in(round_cell, table_cell=True)
    if rounds:
        round_raw, norm = round_cell, rounds[0][1]
    elif round_cell and _CELL_ROUND.match(round_cell.replace(" ", "")):
        round_raw, norm = round_cell, normalise_round(round_cell)
    elif round_cell and _EN_CELL_ROUND.match(round_cell.strip()):
        round_raw, norm = round_cell, _normalise_en_round(round_cell)
    elif "ipo" in cols:
        # an IPO table: the listing column holds the board or the date, the round is the IPO
        listing = cell("ipo")
        round_raw, norm = (listing if listing and not find_dates(listing) else "IPO"), "IPO"
    else:
        round_raw, norm = (round_cell or None), None
    money = money_in(amount_cell) if amount_cell else []
    if not money and amount_cell and _BARE_AMOUNT_RE.search(amount_cell):
        m = _BARE_AMOUNT_RE.search(amount_cell)
        fm = find_money(m["raw"] + "元")
        money = [Amount(raw=m["raw"], currency="CNY", value=fm[0].value, qualifier=fm[0].qualifier)] if fm else []
    if not (round_cell or money or cell("investors")):
        return None
    return {
        "round": norm,
        "round_raw": round_raw,
        "date": clause_dates(date_cell)[0] if date_cell and clause_dates(date_cell) else None,
        "amount": money[0] if money else None,
        "investors": split_investors(cell("investors")) if "investors" in cols else [],
    }


# --- prose logic ---------------------------------------------------------------------------


#: "以自有资金4,000万元参与投资X的B轮融资": the writer is an investor in X's round
#: a round as written right before 融资 ("B+轮", "Pre-A轮", "新一轮", "Series C")
_ROUND_WORD = r"(?:新一轮|(?i:pre-?)?[A-F]\+{0,2}\d?轮|天使\+?轮|种子轮|(?i:pre-?IPO)轮?|战略|(?i:(?:pre-?)?series\s*[A-F]\+{0,2}))"
_JOIN_RE = re.compile(
    r"(?P<inv>[^，,。；]{0,40}?)(?:参与|参投|跟投)了?(?:投资|认购)?(?P<co>[^，,。；的]{2,30}?)(?:的|之)?\s*(?P<rest>" + _ROUND_WORD + r")\s*(?:融资|投资)"
)
#: "深睿医疗自2021年Series C以来首次…": an earlier round named in passing, with its date
_SINCE_RE = re.compile(
    r"(?P<co>[^，,。；]{2,30}?)自\s*(?P<date>(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?)?\s*(?:的|完成|获得)?\s*(?P<rest>"
    + _ROUND_WORD + r")\s*(?:融资|投资)?(?:以来|之后)"
)
#: "甬康医疗的A轮融资于2019年完成": the round as the subject, completed after it
_DONE_AFTER_RE = re.compile(
    r"(?P<co>[^，,。；]{2,30}?)的\s*(?P<rest>" + _ROUND_WORD + r")\s*(?:融资|投资)(?:已|已经|于|在|也|则|正式|顺利|[^，,。；]{0,12}?)?"
    r"(?:完成|落定|完成交割|交割|到账|关闭)(?!后|之后|以后)"
)
#: "康澜药业3月15日宣布战略投资AI药物发现企业析因智药": the investor as the subject, the company last
_INVESTS_IN_RE = re.compile(
    r"^(?!由|获|受|经|被)(?P<inv>[^，,。；]{2,40}?)(?:宣布|已|已经|正式|近日|日前)*(?:战略投资了?|独家投资了?|投资了)(?P<co>[^，,。；]{2,40}?)[。！？；]?$"
)
#: "plans to raise", "in talks": not (yet) an event
_EN_PLAN_RE = re.compile(r"(?i)\b(?:plan(?:s|ned)?\s+to|in\s+talks|expect(?:s|ed)?\s+to|seek(?:s|ing)?|aims?\s+to|will|would|rumou?r)")
#: 增资 into one's own (wholly-owned) subsidiary moves money inside a group: no financing event
_OWN_SUBSIDIARY = re.compile(r"全资子公司|全资孙公司|^(?:其|本?公司)[^，,。；]{0,10}子公司")
#: "以精锋医疗为例": names the company the next clauses talk about
_EXAMPLE_RE = re.compile(r"^(?:以|拿)(?P<co>[^，,。；]{2,30}?)(?:为例|来说)$")
#: "合计金额近2亿元", "本轮融资总额": money of the whole round, written after the event
_UNDISCLOSED_ROUND = re.compile(r"轮次\S{0,2}(?:未披露|未公开)|(?:未披露|未公开)[^，,。；]{0,8}轮次")


def _mask_titles(text: str) -> str:
    """``text`` with the inside of 《…》 blanked (same length): a document title ("《关于同意X首次公开发行
    股票注册的批复》") names no event of its own."""
    return re.sub(r"《[^《》]*》", lambda m: "《" + "○" * (len(m.group()) - 2) + "》", text)


def _trigger(text: str):
    """The completion phrase of a round (完成…融资 / "closed a … round"), or None."""
    m = _TRIGGER_RE.search(text)
    if m:
        return m
    m = _EN_TRIGGER_RE.search(text)
    # only a plan word before or inside the phrase ("plans to raise…") makes it a plan; "…, which
    # will fund trials" after a closed round does not
    return m if m and not _EN_PLAN_RE.search(text[: m.end()]) else None


def _is_event_clause(clause: str) -> str | None:
    """'round' / 'join' / 'to' / 'by' / 'led' / 'offering' / 'ipo' when the clause states a financing
    event, else None."""
    clause = _mask_titles(clause)
    if _GENERIC_FIN_RE.search(clause) or _RELATIVE_RE.search(clause):
        return None
    if _AGGREGATE_RE.search(clause) or _PLAN_RE.search(clause):
        return None
    m = _trigger(clause)
    if m:
        tail = clause[m.start():]
        if "投资" in m.group() and "融资" not in tail and _CAPEX_RE.search(clause):
            return None
        if re.search(r"上市|批准|认证|奖|证书|专利|订单|补贴|资质", m["mid"]):
            return None
        return "round"
    if _LED_RE.search(clause):
        return "led"
    m = _JOIN_RE.search(clause)
    if m and is_company_name(_strip_descriptor(m["co"])):
        return "join"
    if _TO_RE.search(clause) and not _CAPEX_RE.search(clause):
        return "to"
    if _BY_AMOUNT_RE.search(clause) and not _CAPEX_RE.search(clause):
        return "by"
    # "首次公开发行股票" is the IPO itself, left to the listing rule below
    if _OFFERING_RE.search(clause) and not _CAPEX_RE.search(clause) and not re.search(r"首次公开|首发|IPO", clause):
        return "offering"
    if _LISTING_RE.search(clause):
        return "ipo"
    m = _SINCE_RE.search(clause)
    if m and rounds_in(m["rest"]) and clean_company(m["co"]):
        return "since"
    m = _DONE_AFTER_RE.search(clause)
    if m and rounds_in(m["rest"]) and clean_company(m["co"]):
        return "done"
    m = _INVESTS_IN_RE.search(clause)
    if (m and _strip_descriptor(m["co"]) and clean_company(m["inv"]) and not _CAPEX_RE.search(clause)
            and not re.search(r"(?:战略|独家|追加|股权|风险|天使|对外)$", m["inv"]) and not re.search(r"\d|%|占|比例|规模", m["co"])):
        return "invests"
    return None


def _continues_event(clause: str) -> bool:
    """"公司完成天使轮融资，获得X及Y合计500万元投资": a subject-less 获得…投资 with no round of its
    own right after an event names that event's investors and amount, not a second event."""
    m = _TRIGGER_RE.search(clause)
    return bool(m) and not rounds_in(clause) and clean_company(clause[: m.start()]) is None and m.start() <= 2


def sentence_events(clauses: list[_Clause], topic: str | None, year: int | Dateline | _When | None,
                    orgs: tuple[str, ...] = (), self_name: str | None = None) -> list[_Event]:
    """Financing events stated in one sentence (its clauses), with fields gathered around them."""
    sentence = "".join(c.text for c in clauses)
    if re.search(r"\d+\s*(?:起|笔)\S{0,4}(?:融资|投资|事件)|投融资事件|融资事件", sentence):
        return []
    kinds = [_is_event_clause(c.text) for c in clauses]
    for i, kind in enumerate(kinds):
        if kind == "round" and any(kinds[:i]) and _continues_event(clauses[i].text):
            kinds[i] = None
    if "ipo" in kinds and (not _RAISE_RE.search(sentence) or _PLAN_RE.search(sentence)):
        kinds = [None if k == "ipo" else k for k in kinds]
    elif "ipo" in kinds:
        # one listing per sentence: "…登陆科创板，募资总额…，成为…最大IPO" restates it
        first = kinds.index("ipo")
        kinds = [None if k == "ipo" and i != first else k for i, k in enumerate(kinds)]
    events: list[_Event] = []
    for i, kind in enumerate(kinds):
        if kind is None:
            continue
        nxt = next((j for j in range(i + 1, len(clauses)) if kinds[j] is not None), len(clauses))
        before, own, after = clauses[:i], clauses[i], clauses[i + 1:nxt]
        ev = _build_event(kind, before, own, after, topic, year, orgs, self_name)
        if ev is not None and orgs:
            ev.investors = [_ner_investor(i, orgs) for i in ev.investors]
        if ev is not None:
            events.append(ev)
            if ev.company and not ev.implicit_company:
                topic = ev.company
    return events


#: "推想科技、数坤科技等企业均已完成…": several companies summed up, no single event
_PLURAL_SUBJECT = re.compile(r"、|等(?:企业|公司|机构|厂商)|均|都|纷纷")
#: a subject that refers back ("公司在2024年1月又完成…", "其…")
_REFERRING_HEAD = re.compile(r"^(?:此后|之后|随后|同时|其后)?(?:本公司|该公司|该企业|这家(?:公司|企业)|公司|其|它)")


#: "与前两家企业不同", "和同行相比": a comparison, whose last word is no subject
_COMPARISON_RE = re.compile(r"^(?:与|和|同|跟|较)[^，,。；]{1,20}(?:不同|相比|相较|一样|类似|相似|相同|有别)$")


def _subject_of(clause: str, example: bool = False) -> str | None:
    """The company a non-event clause names as its subject ("X宣布"; with ``example`` also "以X为例",
    which a later 公司/其 refers to)."""
    if _COMPARISON_RE.match(_LEAD_RE.sub("", clause.strip())):
        return None
    m = _EXAMPLE_RE.match(_LEAD_RE.sub("", clause.strip())) if example else None
    if m:
        name = clean_company(m["co"])
        if name:
            return name
    return clean_company(clause)


def _event_company(kind: str, m, text: str) -> tuple[str | None, list[str]]:
    """Company and investors read from the event phrase ``m`` of clause ``text``."""
    if kind in ("to", "by", "led", "join"):
        company = (clean_company(m["co"]) if kind == "to" else None) or _strip_descriptor(m["co"])
        inv = _LEAD_RE.sub("", m["inv"])
        inv = re.sub(r"以[^，,。；]{1,20}$", "", inv)  # "公司以自有资金4,000万元" -> "公司"
        return company, split_investors(inv)
    if kind in ("since", "done"):
        return clean_company(m["co"]), []
    if kind == "invests":
        return _strip_descriptor(m["co"]), split_investors(clean_company(m["inv"]) or "")
    return clean_company(text[: m.start()]), []


def _build_event(kind: str, before: list[_Clause], own: _Clause, after: list[_Clause], topic: str | None,
                 year: int | Dateline | _When | None, orgs: tuple[str, ...] = (),
                 self_name: str | None = None) -> _Event | None:
    """The event of clause ``own``: company from its subject (else an ORG entity of the NER in
    it, else an earlier clause, else the paragraph topic, else the company the document calls
    公司), date from it or an earlier clause, amount and investors from it and the clauses that
    continue it. None when the event names no company or no detail at all."""
    text = own.text
    scan = _mask_titles(text)  # regexes run on the masked text; its offsets are the text's
    implicit = False
    used_before: list[_Clause] = []
    m = {"to": _TO_RE, "by": _BY_AMOUNT_RE, "led": _LED_RE, "join": _JOIN_RE, "offering": _OFFERING_RE,
         "ipo": _LISTING_RE, "since": _SINCE_RE, "done": _DONE_AFTER_RE, "invests": _INVESTS_IN_RE}[kind].search(scan) if kind != "round" else _trigger(scan)
    company, investors = _event_company(kind, m, text)
    if kind in ("to", "by") and _OWN_SUBSIDIARY.search(m["co"]):
        return None
    if company is not None and kind in ("round", "ipo", "offering") and orgs:
        company = _ner_bounded(company, text[: m.start()], orgs)
    # the rules read no name in the subject: the last ORG entity written before the trigger
    if company is None and kind in ("round", "ipo", "offering") and orgs:
        head = text[: m.start()]
        named = [o for o in orgs if o in head and is_company_name(o)]
        # one named subject only: "X、Y等企业均已完成…" summarises several companies, no event
        company = named[0] if len(named) == 1 and not re.search(r"[、和及与]|等", head) else None
    if company is None and _PLURAL_SUBJECT.search(text[: m.start()]):
        return None
    # subject in an earlier clause: "近日，AI公司X宣布，已完成…"
    if company is None and kind in ("round", "ipo", "offering"):
        referring = bool(_REFERRING_HEAD.match(_LEAD_RE.sub("", text.strip())))
        for c in reversed(before):
            company = _subject_of(c.text, example=referring)
            if company:
                used_before.append(c)
                break
        if company is None and (topic or self_name):
            company, implicit = topic or self_name, True
    if company is None:
        return None

    # rounds: the event clause only (a later clause starts another event); a later clause may
    # still say the round is undisclosed ("…，具体金额与轮次均未披露")
    rounds = rounds_in(text) if kind not in ("ipo", "offering") else []
    if kind in ("join", "since", "done"):
        rounds = rounds_in(m["rest"]) or rounds
    if not rounds and kind not in ("ipo", "offering"):
        rounds = next(([("未披露", "undisclosed")] for c in after if _UNDISCLOSED_ROUND.search(c.text)), [])
    # dates: own clause, else earlier non-event clauses ("2024年10月，腾讯向…")
    dates = clause_dates(text, year)
    if not dates:
        for c in reversed(before):
            dates = clause_dates(c.text, year)
            if dates:
                used_before.append(c)
                break
    if not dates:
        for c in after:
            if not re.search(r"成立|创立", c.text):
                dates = clause_dates(c.text, year)
                if dates:
                    break
    money = _event_money(kind, m, text, before, after)
    investors = _event_investors(investors, own, after, company, self_name)
    if kind == "round" and not (rounds or money or investors):
        return None
    if kind in ("to", "by", "offering") and not money:
        return None
    if kind == "invests" and not (money or re.search(r"战略投资|独家投资", text)):
        return None  # "X投资Y" alone may be any investment; a strategic one or a sum makes it a deal
    if kind == "ipo" and not money and (not re.search(r"IPO|首次公开", text) or implicit or used_before):
        return None
    start = min(own.start, *(c.start for c in used_before)) if used_before else own.start
    end = after[-1].end if after else own.end
    conf = 0.8 if not implicit else 0.6
    if kind in ("ipo", "offering"):
        conf = 0.7
    ev = _Event(company, rounds, dates, money, investors, start, end, conf, kind == "ipo", implicit)
    if kind == "ipo" and m:
        ev.extra.append(re.sub(r"^(?:在|于|获准在)", "", text[m.start():m.end()]))
    return ev


def _ner_topic(subject: str | None, clause: _Clause, text: str, entities: list[tuple[int, int, str]]) -> str | None:
    """The company a non-event sentence is about, checked against the NER: the ORG entity the rules'
    subject holds or is held by; else an ORG entity opening the clause ("睿瓴生物（Relion Bio）则把AI
    用在了…", which the rules read as "药物"). A rule subject that meets no entity of a clause that
    has some is not a company ("该公司的X软件Y于2022年获得…" names a product)."""
    inside = [(a, b, lab) for a, b, lab in entities if clause.start <= a and b <= clause.end]
    orgs = [(a, text[a:b]) for a, b, lab in inside if lab == "ORG"]
    if subject and any(lab != "ORG" and text[a:b] in subject for a, b, lab in inside):
        subject = None  # the rules' subject holds a product or an agency: not the company written about
    if not orgs:
        return subject
    if subject:
        for _, o in orgs:
            if o in subject or subject in o:
                return o if o in subject and is_company_name(o) else subject
    lead = _LEAD_RE.sub("", clause.text.replace("**", ""))
    opening = clause.end - len(lead)
    first = next((o for a, o in orgs if a - opening <= 1 and is_company_name(o)), None)
    return first


#: a name that says it is a company by its head or legal form (a topic the NER need not confirm)
_NAMED_COMPANY = re.compile(
    r"(?:科技|医疗|智能|生物|医药|药业|制药|健康|医学|影像|机器人|集团|控股|公司|Inc\.?|Ltd\.?|Corp\.?|"
    r"Therapeutics|Health|Medical|Bio|AI|Technologies)$|^[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)*$")


def _ner_investor(name: str, orgs: tuple[str, ...]) -> str:
    """An investor the rules read with a descriptor in front ("互联网平台云岫", "苏州本地的沧浪科创基金")
    is the ORG entity that ends it."""
    ends = [o for o in orgs if name.endswith(o) and len(o) < len(name) and is_company_name(o)]
    return max(ends, key=len) if ends else name


def _ner_bounded(company: str, head: str, orgs: tuple[str, ...]) -> str:
    """The subject the rules read, checked against the NER's ORG entities in the clause head: a
    rule name that meets no entity at all ("总部位" of "总部位于波士顿的AI公司Vantix Bio本周完成…")
    gives way to the single entity written in the head. A name that holds an entity stays whole
    (杭州求臻医学科技有限公司 holds 求臻医学)."""
    named = [o for o in dict.fromkeys(orgs) if o in head and is_company_name(o)]
    if not named or any(company in o or o in company for o in named) or _NAMED_COMPANY.search(company):
        return company  # (a name that says it is a company, 药明康德旗下的药明生物, stays)
    # one entity, not one of a list ("X、Y等企业"; a 、 inside a modifier, 总部位于杭州、在宁波设有…的, is none)
    if len(named) == 1 and not re.search(re.escape(named[0]) + r"\s*(?:[、和及与]|等)|(?:[、和及与])\s*" + re.escape(named[0]), head):
        return clean_company(named[0]) or company  # (an entity that runs into a time word: 安问本月)
    return company


def _event_money(kind: str, m, text: str, before: list[_Clause], after: list[_Clause]) -> list[Amount]:
    """The raise of an event: its clause first, then the clauses that continue it ("融资金额为2亿元")."""
    if kind in ("ipo", "offering"):
        for c in [text, *(c.text for c in after), *(c.text for c in reversed(before))]:
            if _RAISE_RE.search(c):
                money = money_in(c)
                if money:
                    return [a for a in money if not re.search(r"估值", a.raw)]
        return []
    # a participant's own ticket ("以4,000万元参与投资X的B轮融资") is not the round's size
    money = money_in(text[m.start("co"):]) if kind == "join" else money_in(text)
    if not money:
        for c in after:
            if re.search(r"融资|投资|金额|资金|本轮|(?i:round|financing|funding)", c.text):
                money = money_in(c.text)
                if money:
                    break
    return [a for a in money if not re.search(r"估值", a.raw)]


#: the company the document calls 公司 named among an event's investors ("公司及Y跟投")
_SELF_INVESTOR = re.compile(r"(?:^|[，,、由])(?:本公司|公司)(?:及|和|与|、|以[^，,。；]{1,20}?)[^，,。；]{0,40}?(?:领投|跟投|参投|共同投资|参与)")


def _event_investors(investors: list[str], own: _Clause, after: list[_Clause], company: str,
                     self_name: str | None) -> list[str]:
    """Investors of an event: lead/follow phrases in its clause and the clauses that continue it."""
    investors = list(investors)
    for c in [own, *after]:
        for name in investors_in(c.text):
            if name not in investors:
                investors.append(name)
    # English phrases may list names across commas: read them over the joined clauses
    joined = ", ".join(c.text.strip() for c in [own, *after])
    if re.search(r"[A-Za-z]{3}", joined):
        for name in en_investors_in(joined):
            if name not in investors and not any(name in i or i in name for i in investors):
                investors.append(name)
    if self_name and self_name not in investors and any(_SELF_INVESTOR.search(c.text) for c in [own, *after]):
        investors.append(self_name)
    return [i for i in investors if not (company and (i in company or company in i))]


def _strip_descriptor(s: str) -> str | None:
    """Name after a descriptor ("香港早期癌症检测公司Insighta" -> "Insighta")."""
    s = s.strip()
    for d in reversed(list(_DESCRIPTOR_RE.finditer(s))):
        rest = s[d.end():].strip()
        if len(rest) >= 2:
            s = rest
            break
    s = re.sub(r"\s*[（(][^）)]*[）)]\s*$", "", s).strip(" “”\"'")
    return s if is_company_name(s) else None


_COMPANY_SUFFIX = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团|公司)$")


def same_company(a: str, b: str, text: str = "") -> bool:
    """Whether two names written for an event name one company: equal, one holding the other
    (a headline's 鹰瞳科技 and the body's 鹰瞳科技Airdoc; 深圳赛陆医疗 and 深圳赛陆医疗科技有限公司), or
    one written as the other's bracketed alias in the text ("Deepwise Healthcare（深睿医疗）")."""
    if a == b:
        return True
    ca, cb = (_COMPANY_SUFFIX.sub("", re.sub(r"\s+", "", x)) for x in (a, b))
    short, long_ = sorted((ca, cb), key=len)
    if short and short in long_:
        rest = long_.replace(short, "", 1)
        if len(short) >= 0.6 * len(long_) or re.fullmatch(r"[A-Za-z\s.]+", rest):
            return True
    alias = r"\s*[（(]\s*"
    return bool(text) and bool(re.search(re.escape(a) + alias + re.escape(b), text) or re.search(re.escape(b) + alias + re.escape(a), text))


def _merge(records: list[RecordBase], text: str = "") -> list[RecordBase]:
    """Drop a record that repeats another's company and round with less information
    (a headline restated by the body, a "本轮…" amendment of an event already found, a table row
    repeating a deal told in prose under its other-language name)."""
    out: list[RecordBase] = []
    for r in records:
        dup = None
        for i, o in enumerate(out):
            if same_company(o.company, r.company, text) and _same_event(o, r):
                dup = i
                break
        if dup is None:
            out.append(r)
            continue
        o = out[dup]
        if _info(r) > _info(o):
            out[dup] = r
    return out


def _same_event(a: RecordBase, b: RecordBase) -> bool:
    """Whether two records of one company tell one event: same round and month; or a headline
    without round or date ("X获得Y独家投资") naming the same investors as the body's record."""
    if a.round == b.round:
        return not a.date or not b.date or a.date[:7] == b.date[:7]
    bare = a if a.round is None and not a.date else b if b.round is None and not b.date else None
    if bare is None:
        return False
    other = b if bare is a else a
    return bool(bare.investors) and all(any(i in j or j in i for j in other.investors) for i in bare.investors)


def _info(r: RecordBase) -> int:
    """How much a record says (used to keep the richer of two mentions)."""
    precision = (1 if r.date and len(r.date) > 4 else 0) + (1 if r.date and len(r.date) > 7 else 0)
    return sum(bool(x) for x in (r.date, r.amount, r.round)) + len(r.investors) + precision

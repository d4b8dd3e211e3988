"""funding_round.rules.v1: financing events from tables and prose, and the false positives it must avoid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NAME = "funding_round.rules.v1"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "extractors" / "funding_round.jsonl"


def _flat(rec) -> dict:
    return {
        "company": rec.company,
        "round": rec.round,
        "date": rec.date,
        "investors": rec.investors,
        "amount_value": rec.amount.value if rec.amount else None,
        "currency": rec.amount.currency if rec.amount else None,
    }


def _found(records, expected: dict) -> bool:
    for rec in records:
        flat = _flat(rec)
        if all(flat[k] == v if k != "amount_value" or v is None else (flat[k] is not None and abs(flat[k] - v) <= 0.01 * v)
               for k, v in expected.items()):
            return True
    return False


# --- prose: one sentence, the facts a user relies on --------------------------------------

POSITIVES = [
    # (text, company, round, date, amount value, currency, investors)
    ("近日，AI医疗公司推想科技宣布完成数亿元B轮融资，由启明创投领投，红杉中国、君联资本跟投。",
     "推想科技", "B", None, None, "CNY", ["启明创投", "红杉中国", "君联资本"]),
    ("2022年5月，手术机器人公司精锋医疗宣布完成3亿美元C轮融资，由高瓴创投领投，IDG资本、红杉中国跟投。",
     "精锋医疗", "C", "2022-05", 3e8, "USD", ["高瓴创投", "IDG资本", "红杉中国"]),
    ("36氪获悉，AI制药公司晶泰科技已于近日完成4亿美元D轮融资，本轮由软银愿景基金、晨兴资本和人保资本共同领投。",
     "晶泰科技", "D", None, 4e8, "USD", ["软银愿景基金", "晨兴资本", "人保资本"]),
    ("动脉网消息，基因检测企业燃石医学于2019年6月获得超5亿元C轮融资，投资方为中金公司、招银国际等。",
     "燃石医学", "C", "2019-06", 5e8, "CNY", ["中金公司", "招银国际"]),
    ("2024年10月，腾讯向香港早期癌症检测公司Insighta投资了3,000万美元（约2.1亿元人民币）。",
     "Insighta", None, "2024-10", 3e7, "USD", ["腾讯"]),
    ("数字健康医疗服务平台健康之路（HealthWay）在港上市，募资总额为2.0亿港元。",
     "健康之路", "IPO", None, 2e8, "HKD", []),
    ("微创医疗机器人于2021年11月在港交所主板挂牌上市，募资约12亿港元。",
     "微创医疗机器人", "IPO", "2021-11", 1.2e9, "HKD", []),
    ("2023年3月15日，心血管介入企业心玮医疗完成近亿元人民币Pre-IPO轮融资，本轮融资由高瓴资本独家投资。",
     "心玮医疗", "pre-IPO", "2023-03-15", 1e8, "CNY", ["高瓴资本"]),
    ("微医集团曾于2015年9月获得3亿美元融资，投资方为高瓴资本、国开金融等。",
     "微医集团", None, "2015-09", 3e8, "USD", ["高瓴资本", "国开金融"]),
    ("据动脉网报道，杭州启明医疗器械股份有限公司于2017年12月完成1.5亿元D轮融资。",
     "杭州启明医疗器械股份有限公司", "D", "2017-12", 1.5e8, "CNY", []),
    ("Insilico Medicine（英矽智能）宣布完成2.55亿美元C轮融资，由Warburg Pincus领投。",
     "Insilico Medicine", "C", None, 2.55e8, "USD", ["Warburg Pincus"]),
    ("心脏瓣膜企业纽脉医疗完成超7亿元B+轮融资，投资方包括淡马锡、高瓴等。",
     "纽脉医疗", "B+", None, 7e8, "CNY", ["淡马锡", "高瓴"]),
    # an investor whose name ends in 投资 is kept whole; "X旗下" names the parent, not the investor
    ("2023年5月，眼科AI企业致远慧图完成2亿元B轮融资，由高瓴旗下礼仁投资领投，老股东雅惠投资跟投。",
     "致远慧图", "B", "2023-05", 2e8, "CNY", ["礼仁投资", "雅惠投资"]),
    # 继续追投 is a follow-on investor
    ("康复机器人企业傅利叶智能宣布完成8亿元E轮融资，由软银愿景基金领投，老股东顺为资本继续追投。",
     "傅利叶智能", "E", None, 8e8, "CNY", ["软银愿景基金", "顺为资本"]),
    # 获X战略投资: 战略 qualifies the investment, the investor is X
    ("2022年12月，医学影像AI企业安德医智获得联影医疗战略投资，具体金额未披露。",
     "安德医智", "strategic", "2022-12", None, None, ["联影医疗"]),
    # 由X、Y等参与的…融资; 首轮 is not a named round
    ("2022年，数字病理企业江丰生物完成了由国投创合、元禾原点等参与的5亿元首轮融资。",
     "江丰生物", None, "2022", 5e8, "CNY", ["国投创合", "元禾原点"]),
    # full registered name after a 专注于…的 modifier, alias in brackets dropped
    ("2022年11月，致力于肿瘤早筛技术的杭州求臻医学科技有限公司（以下简称“求臻医学”）宣布完成3亿元C轮融资，由元生资本领投。",
     "杭州求臻医学科技有限公司", "C", "2022-11", 3e8, "CNY", ["元生资本"]),
    # a two-character brand before 技术 is a name, not a generic noun
    ("数字疗法企业康拓技术完成5000万元A轮融资，由经纬创投领投。",
     "康拓技术", "A", None, 5e7, "CNY", ["经纬创投"]),
    # a listed company's follow-on offering: a financing event without a round
    ("2022年11月，港股上市公司亚盛医药通过配售新股募资约5.8亿港元，用于核心品种的全球临床开发。",
     "亚盛医药", None, "2022-11", 5.8e8, "HKD", []),
    ("2023年8月，南微医学完成向特定对象发行股票，募集资金约12亿元。",
     "南微医学", None, "2023-08", 1.2e9, "CNY", []),
    # Hong Kong listing: the raise is the global offering's proceeds (所得款项)
    ("2024年6月28日，手术机器人企业康诺思腾正式在港交所挂牌上市，股票代码2252.HK，全球发售所得款项净额约6.3亿港元。",
     "康诺思腾", "IPO", "2024-06-28", 6.3e8, "HKD", []),
    # English inside a bilingual brief: "closed a … Series B round, led by X, with participation from Y and Z"
    (("In June 2023, Shanghai NeuroX（神经元科技）closed a US$45 million Series B round, led by Qiming Venture Partners（启明创投）, "
      "with participation from existing investors Lake Bleu Capital and OrbiMed。"),
     "Shanghai NeuroX", "B", "2023-06", 4.5e7, "USD", ["Qiming Venture Partners", "Lake Bleu Capital", "OrbiMed"]),
    # English amount in a Chinese sentence; a bilingual alias after an investor is dropped
    ("心脉智能于2022年4月完成 RMB 1.2 billion 的C轮融资，由 Hillhouse Investment（高瓴投资）领投，Tencent 跟投。",
     "心脉智能", "C", "2022-04", 1.2e9, "CNY", ["Hillhouse Investment", "Tencent"]),
    # a plan word after the closed round ("which will fund") does not make it a plan
    ("Kangji Medical（康基医疗）has closed a US$50 million Series B round which will fund its US trials, led by OrbiMed。",
     "Kangji Medical", "B", None, 5e7, "USD", ["OrbiMed"]),
    # "with X following on"; "Sep 2023" after the round
    ("Lingyi Robotics（灵医机器人）completed a US$60m Series C+ round in Sep 2023, led by Temasek, with Tencent（腾讯投资）following on。",
     "Lingyi Robotics", "C+", "2023-09", 6e7, "USD", ["Temasek", "Tencent"]),
    # a later clause says the round is undisclosed; the alias in brackets is not part of the name
    ("2023年8月1日，分子诊断企业江苏宏微特斯医药科技有限公司（简称“宏微特斯”）宣布获得国投创合独家投资，具体金额与轮次均未披露。",
     "江苏宏微特斯医药科技有限公司", "undisclosed", "2023-08-01", None, None, ["国投创合"]),
    # an unnamed fund of a named parent: the parent is the investor; 新一轮 names no round
    ("2023年11月2日，慢病管理平台智云健康宣布完成新一轮融资，由中金资本旗下基金独家投资，融资金额未披露。",
     "智云健康", None, "2023-11-02", None, None, ["中金资本"]),
    # Markdown bold around a name; 早在 ends the subject
    ("- **华科精准**早在2021年3月登陆上交所科创板，募集资金总额约**6.5亿元**，主要投向研发项目。",
     "华科精准", "IPO", "2021-03", 6.5e8, "CNY", []),
    # a subsidiary named after 控股子公司 raises on its own
    ("2022年，其控股子公司 **康复智能**（康复机器人业务）又获得IDG资本领投的**3000万美元**战略融资。",
     "康复智能", "strategic", "2022", 3e7, "USD", ["IDG资本"]),
    # the subject follows a colon
    ("与康复相关的数字健康企业也受到资本关注：傅利叶智能于2021年10月完成4亿元C轮融资，由软银愿景基金领投。",
     "傅利叶智能", "C", "2021-10", 4e8, "CNY", ["软银愿景基金"]),
    # 和 inside a name after 、 ("通和毓承") is not a list joint
    ("2023年5月，合成生物企业蓝晶微生物完成4亿元B+轮融资，由国投创合领投，礼来亚洲基金、通和毓承跟投。",
     "蓝晶微生物", "B+", "2023-05", 4e8, "CNY", ["国投创合", "礼来亚洲基金", "通和毓承"]),
]


@pytest.mark.parametrize("text, company, round_, date, value, currency, investors", POSITIVES)
def test_prose_event(run_extractor, text, company, round_, date, value, currency, investors):
    recs = run_extractor(NAME, text)
    assert len(recs) == 1, [_flat(r) for r in recs]
    r = recs[0]
    assert (r.company, r.round, r.date) == (company, round_, date)
    assert r.investors == investors
    if value is None:
        assert r.amount is None or r.amount.value is None
    else:
        assert r.amount is not None and r.amount.value == pytest.approx(value, rel=0.01)
    if currency:
        assert r.amount.currency == currency
    assert r.evidence.text in text


MULTI = [
    ("医学影像公司深睿医疗于2019年3月和11月先后完成A轮和A+轮融资。",
     [("深睿医疗", "A", "2019-03"), ("深睿医疗", "A+", "2019-11")]),
    ("手术机器人企业精锋医疗2021年2月和8月连续完成E轮和F轮融资，投资方包括高瓴创投、中金资本。",
     [("精锋医疗", "E", "2021-02"), ("精锋医疗", "F", "2021-08")]),
    ("体外诊断企业安派科于2020年完成数千万元Pre-A轮融资，2021年完成1亿元A轮融资。",
     [("安派科", "pre-A", "2020"), ("安派科", "A", "2021")]),
    ("2021年9月，康诺思腾完成1亿美元A轮融资，2022年3月又完成B轮融资。",
     [("康诺思腾", "A", "2021-09"), ("康诺思腾", "B", "2022-03")]),
    # the company is the paragraph's topic; founding year is not an event date
    ("思派网络成立于2014年，总部位于北京。公司于2016年完成B轮融资，2018年获得腾讯投资的2.5亿美元C轮融资。",
     [("思派网络", "B", "2016"), ("思派网络", "C", "2018")]),
    ("医疗机器人企业术锐科技近日获得1.2亿美元C轮融资。术锐科技此前曾获天使轮投资。",
     [("术锐科技", "C", None), ("术锐科技", "angel", None)]),
    # 这家公司 / 它 refer to the topic; a relative time or a comparison is no subject
    ("康岚成立于2018年。与前两家企业不同，它的主战场在患者家中。两年后，这家公司拿到了来自知临资本的数百万元天使轮融资。",
     [("康岚", "angel", None)]),
    ("宁波晶芮生物科技股份有限公司深耕肿瘤早筛领域多年。2023年12月，它完成8000万元B轮融资，由上海诺澜医药领投。",
     [("宁波晶芮生物科技股份有限公司", "B", "2023-12")]),
]


@pytest.mark.parametrize("text, expected", [
    # the round as the subject, completed after it
    ("甬康医疗的A轮融资于2019年完成，由三江资本独家投资，金额未披露。", ("甬康医疗", "A", "2019", ["三江资本"])),
    # the investor as the subject of a strategic investment
    ("2024年3月15日，康澜药业宣布战略投资AI药物发现企业析因智药，具体金额未披露。", ("析因智药", "strategic", "2024-03-15", ["康澜药业"])),
    # 未披露轮次 is the round, not a sum of rounds
    ("2024年3月，云图影康宣布完成一笔未披露轮次的融资，金额约1.5亿元，由北辰医疗产业基金独家投资。",
     ("云图影康", "undisclosed", "2024-03", ["北辰医疗产业基金"])),
])
def test_other_shapes_of_a_round(run_extractor, text, expected):
    (r,) = run_extractor(NAME, text)
    assert (r.company, r.round, r.date, r.investors) == expected


@pytest.mark.parametrize("text, investors", [
    ("2024年3月，禾脉获得鼎元堂、甬江科创基金联合投资的数千万元pre-A轮融资。", ["鼎元堂", "甬江科创基金"]),
    ("2024年3月，Vantix Bio完成4500万美元B轮融资，由Northgate Ventures领投，澜川资本亦参与了本轮。",
     ["Northgate Ventures", "澜川资本"]),
])
def test_investors_named_around_the_company_and_after_the_lead(run_extractor, text, investors):
    (r,) = run_extractor(NAME, text)
    assert r.investors == investors


@pytest.mark.parametrize("text", ["此外，战略投资约占10%。", "公司投资了3亿元建设新厂房。"])
def test_shares_and_capital_spending_are_no_rounds(run_extractor, text):
    assert run_extractor(NAME, text) == []


@pytest.mark.parametrize("text, company", [
    ("总部位于杭州、在宁波设有研发中心的AI问诊企业安问本月宣布获得数亿元战略融资。", "安问"),
    ("总部位于波士顿的AI卒中分诊公司Vantix Bio本周完成4500万美元B轮融资。", "Vantix Bio"),
])
def test_where_a_company_is_is_a_modifier_not_its_name(run_extractor, text, company):
    (r,) = run_extractor(NAME, text)
    assert r.company == company


def test_a_weekly_dates_this_week_by_its_dateline_not_by_a_founding_year(run_extractor):
    text = ("报告日期：2024年3月17日\n\n杭州栖衡智能科技有限公司成立于2017年，聚焦眼底影像。3月12日，栖衡智能宣布完成2.3亿元B轮融资。\n\n"
            "脉宁本周宣布获得数亿元C轮融资，由互联网平台云岫领投。\n")
    got = sorted((r.company, r.round, r.date) for r in run_extractor(NAME, text))
    assert got == [("栖衡智能", "B", "2024-03-12"), ("脉宁", "C", "2024-03")]


@pytest.mark.parametrize("text, expected", MULTI)
def test_several_events(run_extractor, text, expected):
    recs = run_extractor(NAME, text)
    assert sorted((r.company, r.round, r.date) for r in recs) == sorted(expected, key=lambda t: (t[0], t[1], t[2] or ""))


def test_shared_investors_go_on_both_rounds(run_extractor):
    recs = run_extractor(NAME, "手术机器人企业精锋医疗2021年2月和8月连续完成E轮和F轮融资，投资方包括高瓴创投、中金资本。")
    assert [r.investors for r in recs] == [["高瓴创投", "中金资本"]] * 2


def test_follow_up_sentence_adds_investors(run_extractor):
    text = "6月8日，数字疗法公司术康宣布完成5000万元A+轮融资。本轮融资由老股东经纬中国继续加码，线性资本参投。"
    recs = run_extractor(NAME, text)
    assert len(recs) == 1
    assert recs[0].investors == ["经纬中国", "线性资本"]
    assert recs[0].amount.value == 5e7


def test_two_rounds_get_their_own_investors(run_extractor):
    text = "9月5日，基因检测企业和瑞基因宣布连续完成A轮及A+轮融资，合计金额近3亿元。A轮由高瓴创投领投，A+轮由红杉中国独家投资。"
    recs = run_extractor(NAME, text)
    assert [(r.round, r.investors, r.amount) for r in recs] == [("A", ["高瓴创投"], None), ("A+", ["红杉中国"], None)]


def test_table_row_repeating_prose_under_bilingual_name_is_merged(run_extractor):
    text = ("Neuracle（博睿康）completed a RMB 200 million Series B round in May 2023, led by Lilly Asia Ventures。\n\n"
            "Company\tRound\tAmount\tDate\tInvestors\n"
            "Neuracle (博睿康)\tSeries B\tRMB 200m\tMay 2023\tLilly Asia Ventures\n"
            "Acme Bio (艾克生物)\tSeries A\tUS$25m\tAug 2022\tOrbiMed\n")
    recs = run_extractor(NAME, text)
    assert sorted((r.company, r.round, r.date) for r in recs) == [("Acme Bio", "A", "2022-08"), ("Neuracle", "B", "2023-05")]


def test_annual_report_company_is_the_defined_gongsi(run_extractor):
    text = ("杭州安恒医疗科技股份有限公司（以下简称“安恒医疗”“公司”或“本公司”）成立于2015年。\n\n"
            "2019年5月，公司完成A轮融资，融资金额6,000万元，由深圳市创新投资集团有限公司领投，杭州科创基金跟投。\n")
    (rec,) = run_extractor(NAME, text)
    assert (rec.company, rec.round, rec.date, rec.amount.value) == ("安恒医疗", "A", "2019-05", 6e7)
    assert rec.investors == ["深圳市创新投资集团有限公司", "杭州科创基金"]
    assert rec.lead_investors == ["深圳市创新投资集团有限公司"]


def test_headline_and_body_give_one_record(run_extractor):
    text = "深睿医疗完成数亿元C轮融资\n\n近日，深睿医疗宣布完成数亿元C轮融资，由中金资本领投，国投创业跟投。\n"
    recs = run_extractor(NAME, text)
    assert [(r.company, r.round, r.investors) for r in recs] == [("深睿医疗", "C", ["中金资本", "国投创业"])]


# --- tables --------------------------------------------------------------------------------

TABLE = (
    "企业名称\t融资时间\t融资轮次\t融资金额\t投资机构\n"
    "科亚医疗\t2020年8月\tB+轮\t1.5亿人民币\tGGV纪源资本、昆仑互联网智能基金、国方母基金、雅惠资本\n"
    "\t2020年2月\t战略融资\t亿级人民币\t昆仑万维、IDG资本、国方母基金、雅惠投资\n"
    "医准智能\t2020年3月\tB轮\t近亿元人民币\t万孚生物产业基金、小苗朗程、汉能创投、青松基金\n"
)


def test_table_rows_and_continuation(run_extractor):
    recs = run_extractor(NAME, TABLE)
    got = [(r.company, r.round, r.round_raw, r.date, r.amount.value, r.amount.currency) for r in recs]
    assert got == [
        ("科亚医疗", "B+", "B+轮", "2020-08", 1.5e8, "CNY"),
        ("科亚医疗", "strategic", "战略融资", "2020-02", None, "CNY"),
        ("医准智能", "B", "B轮", "2020-03", 1e8, "CNY"),
    ]
    # names ending in 投资 are investors, not role words
    assert recs[1].investors == ["昆仑万维", "IDG资本", "国方母基金", "雅惠投资"]
    # evidence is the row, and the row only
    assert recs[1].evidence.text == "2020年2月\t战略融资\t亿级人民币\t昆仑万维、IDG资本、国方母基金、雅惠投资"


def test_table_without_funding_columns_is_ignored(run_extractor):
    text = "企业名称\t成立时间\t所在地\t主营产品\n推想科技\t2016年\t北京\t肺结节AI\n数坤科技\t2017年\t北京\t心脑血管AI\n"
    assert run_extractor(NAME, text) == []


# --- false positives -----------------------------------------------------------------------

NEGATIVES = [
    "2019年，我国智慧医疗行业共发生13起投融资事件，融资总额达约7亿元。",
    "从融资轮次看，A轮融资事件是最多的，共有46次；天使轮和B轮融资事件则分别有16次和13次。",
    "2022年1月1日至11月30日，数字医疗领域共有108家企业完成投融资事件共125起，16家企业仅仅在一年内就完成了超过一次融资。",
    "国内医疗AI领域2021年共完成融资78笔，融资总额超过100亿元。",
    "今年上半年，医疗器械赛道融资金额达300亿元，同比增长20%。",
    "预计到2025年，中国智慧医疗市场规模将达到1500亿元。",
    "智慧医疗解决方案提供商微医控股（微医）向港交所递交招股说明书，预计筹资4至5亿美元（约31.2亿至39.0亿港元）。",
    "公司拟在科创板上市，募集资金8亿元用于研发。",
    "由猎豹移动投资的智能服务机器人公司猎户星空推出了豹小秘等多款产品。",
    "红杉中国曾投资过推想科技、数坤科技等多家AI医疗企业。",
    "公司计划投资10亿元建设新的生产基地。",
    "2020年，政府累计投资50亿元用于基层医疗机构建设。",
    "截至目前，该公司已累计获得超过20亿元融资。",
    "据悉，该公司正在进行新一轮融资，预计金额数亿元。",
    "自成立以来，先声药业已完成多轮融资，投资方包括高盛、华平等。",
    "该公司估值已超过10亿美元，成为独角兽。",
    "该产品于2020年获得NMPA批准上市，公司随后获得大量市场订单。",
    "公司获得5000万元政府补贴，用于研发中心建设。",
    "2023年，医疗AI企业获得融资的平均金额为1.5亿元。",
    "行业内医渡云、梅斯健康、医脉通等一大批数字医疗公司先后成功上市，获得了大量资金支持。",
    "医疗机构对信息化的投资逐年增加，2022年医院IT投资规模达到200亿元。",
    # a heading about round types, not a listing of a company
    "Pre-IPO与IPO项目成为机构新宠",
    # a class of companies is not a company
    "拥有三类证的影像AI企业纷纷获得大额融资。",
    "具备商业化能力的慢病管理企业开始获得更大额度的融资；",
    # a planned offering is not an event
    "公司拟非公开发行股票募集资金不超过10亿元。",
    # capital injected into one's own wholly-owned subsidiary moves money inside a group
    "2023年8月，公司以募集资金1.5亿元向全资子公司Medvision GmbH增资，用于欧洲市场拓展。",
    # IPO as an exit route; a chapter heading about IPOs
    "如何平衡并购退出与IPO退出，是2024年投后管理的重点。",
    "第二章  资本环境：Pre-IPO与IPO成为主线",
    # English plans and talks are not events
    "Sources say the company plans to raise a US$40 million Series B round led by a US fund.",
    # "两轮" sums up rounds told elsewhere; a title mentioning an IPO is no IPO
    "该公司在2023年先后完成两轮融资。",
    "经中国证监会《关于同意某某医疗首次公开发行股票注册的批复》同意注册。",
    # a table of listed companies' market value is not an IPO table
    "公司\t上市地点\t上市时间\t总市值\n华大智造\t科创板\t2022-09\t300亿元\n迈威生物\t科创板\t2022-01\t120亿元\n",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_record(run_extractor, text):
    assert run_extractor(NAME, text) == []


# --- the shared fixture file ---------------------------------------------------------------

def _fixture_lines():
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", _fixture_lines(), ids=lambda c: c["note"][:40])
def test_fixture_file(run_extractor, case):
    recs = run_extractor(NAME, case["text"])
    if not case["expected"]:
        assert recs == [], [_flat(r) for r in recs]
    for exp in case["expected"]:
        assert _found(recs, exp), (exp, [_flat(r) for r in recs])


@pytest.mark.parametrize(
    "text, investors, leads",
    [
        ("2023年7月，推想科技宣布完成数亿元B轮融资，由高瓴资本领投，红杉中国、启明创投跟投。",
         ["高瓴资本", "红杉中国", "启明创投"], ["高瓴资本"]),
        ("公司\t轮次\t金额\t投资方\n数坤科技\tC轮\t5亿元\t高瓴资本（领投）、红杉中国\n", ["高瓴资本", "红杉中国"], ["高瓴资本"]),
        ("2021年3月，深睿医疗完成C轮融资，投资方包括启明创投、IDG资本。", ["启明创投", "IDG资本"], []),
    ],
)
def test_lead_investors_are_kept_as_a_subset_of_investors(run_extractor, text, investors, leads):
    (rec,) = run_extractor("funding_round.rules.v1", text)
    assert rec.investors == investors
    assert rec.lead_investors == leads


# --- real news layouts (issue #18): the company in focus, funding histories, digests ----------

LAYOUTS = [
    # a digest item: the label line names the company, the story under it says 公司/nothing;
    # the label's round/amount are not a second event
    ("▍2. 澄溪医疗｜C轮，数亿元\n专注于介入耗材的澄溪医疗近日完成数亿元C轮融资，由远川资本领投，丰禾创投跟投。"
     "公司成立于2017年。2020年和2021年先后完成A轮、B轮融资，两轮投资方均包括青石资本。",
     [{"company": "澄溪医疗", "round": "C", "investors": ["远川资本", "丰禾创投"]},
      {"company": "澄溪医疗", "round": "A", "date": "2020", "investors": ["青石资本"]},
      {"company": "澄溪医疗", "round": "B", "date": "2021", "investors": ["青石资本"]}]),
    # a bracketed label before the news does not state an IPO of its own
    ("5. 【朗桥生物｜港股IPO】6月6日，基因检测企业朗桥生物（2901.HK）正式在香港联交所主板挂牌上市，"
     "全球发售所得款项净额约6.5亿港元。",
     [{"company": "朗桥生物", "round": "IPO", "amount_value": 6.5e8, "currency": "HKD"}]),
    # listed without the word 上市; cornerstone investors are the IPO's investors
    ("▍8. 岚川医药（港股IPO）\n11月17日，岚川医药正式在香港联交所主板挂牌，此次全球发售共募集资金约3.1亿港元，"
     "基石投资者包括北辰人寿、青禾资本。",
     [{"company": "岚川医药", "round": "IPO", "amount_value": 3.1e8, "investors": ["北辰人寿", "青禾资本"]}]),
    # a section label joined to the story ("■ 募资动态") is no part of the company's name
    ("■ 募资动态\n晨朗生医宣布完成B轮募资1,200万美元，由远见创投领投，既有股东禾丰创投亦持续加码。",
     [{"company": "晨朗生医", "round": "B", "amount_value": 1.2e7, "currency": "USD",
       "investors": ["远见创投", "禾丰创投"]}]),
    # 该公司 under a heading that names the company
    ("▍宁远医电：Pre-B轮\n该公司于2024年5月完成2亿元Pre-B轮融资，老股东星湾创投基金持续加码。",
     [{"company": "宁远医电", "round": "pre-B", "date": "2024-05", "investors": ["星湾创投基金"]}]),
    # earlier rounds listed in passing, with their investors paired by 分别
    ("1. 栖云智能（上海栖云智能科技有限公司）\n7月，该公司宣布完成1.5亿元B轮融资，由远川资本领投。"
     "这是其继2021年Pre-A轮、2022年A轮之后的第三次机构融资，前两轮分别获得青石资本和丰禾创投的投资，金额均未披露。",
     [{"company": "栖云智能", "round": "B"},
      {"company": "栖云智能", "round": "pre-A", "date": "2021", "investors": ["青石资本"]},
      {"company": "栖云智能", "round": "A", "date": "2022", "investors": ["丰禾创投"]}]),
    # "上一轮为…": the round before the one just told, 公司 = the previous sentence's company
    ("霁光医疗于2024年3月宣布完成5亿元B轮融资，由远川资本领投。公司上一轮为2021年的A轮，金额1.2亿元，由青石资本独家投资。",
     [{"company": "霁光医疗", "round": "B", "date": "2024-03"},
      {"company": "霁光医疗", "round": "A", "date": "2021", "amount_value": 1.2e8, "investors": ["青石资本"]}]),
    # the investor as subject: "完成对公司的…投资"
    ("澜舟健康成立于2016年。2022年初，老股东远川资本继续加码，联合新投资方北岸医疗产业基金完成对公司的3亿元C轮投资。",
     [{"company": "澜舟健康", "round": "C", "investors": ["远川资本", "北岸医疗产业基金"]}]),
    # the investor announces it: no investor in the adverbs before the verb; the announcer when the clause has no subject
    ("远川资本宣布，已于近日完成对深圳澄屿医疗的A轮领投，本轮融资金额为1.2亿元。",
     [{"company": "深圳澄屿医疗", "round": "A", "amount_value": 1.2e8, "investors": ["远川资本"]}]),
    ("青石资本近日完成对深圳澄屿医疗的A轮领投。", [{"company": "深圳澄屿医疗", "round": "A", "investors": ["青石资本"]}]),
    # 公司 in a press release is the company it defines
    ("2024年6月18日，杭州澄明医疗科技有限公司（以下简称“澄明医疗”或“公司”）发布公告。\n\n"
     "据悉，公司于2024年5月完成2.5亿元C轮融资，由远川资本领投。",
     [{"company": "澄明医疗", "round": "C", "date": "2024-05"}]),
    # a digest without a dateline takes the year of its title
    ("【医械周报】2024年第23期｜6月3日—6月9日\n\n6月4日，腔镜机器人公司衡川医疗完成数千万元A轮融资，本轮由青石资本独家投资。",
     [{"company": "衡川医疗", "round": "A", "date": "2024-06-04", "investors": ["青石资本"]}]),
    # "本季度" dates the event of its own clause, not the earlier round named before it
    ("衡岳资本 2024年第三季度投资者通讯\n\n6. 白泽眼科：继2023年12月获得由远川资本领投的2亿元B轮融资后，白泽眼科于本季度获得青石资本的2000万美元B+轮投资。",
     [{"company": "白泽眼科", "round": "B+", "date": "2024", "amount_value": 2e7},
      {"company": "白泽眼科", "round": "B", "date": "2023-12"}]),
    # the round is undisclosed when 轮次 and 未披露 stand a few words apart; a fund's kind after 旗下
    ("沐川科技在6月宣布完成新一轮融资，轮次及金额均未披露，投资方为北辰医药旗下产业基金青岚投资。",
     [{"company": "沐川科技", "round": "undisclosed", "investors": ["青岚投资"]}]),
    # a fund named only by a generic word keeps its parent
    ("澄溪医疗完成数亿元C轮融资，由远川资本领投，北辰集团旗下科创基金共同参与。",
     [{"company": "澄溪医疗", "investors": ["远川资本", "北辰集团旗下科创基金"]}]),
    # a financial adviser is no investor
    ("11月14日，分子设计企业璞川生物宣布完成4.5亿元B轮融资。本轮由远川资本领投，丰禾创投跟投，青石证券担任独家财务顾问。",
     [{"company": "璞川生物", "round": "B", "investors": ["远川资本", "丰禾创投"]}]),
    # traditional characters and the New Taiwan dollar (TWD since contract 2.1.0)
    ("長瀾智醫於2024年3月宣布完成新臺幣5億元B輪募資，由遠見創投領投。",
     [{"company": "長瀾智醫", "round": "B", "amount_value": 5e8, "currency": "TWD", "investors": ["遠見創投"]}]),
    # a history of two earlier rounds in one clause, 公司 = the previous sentence's company
    ("澄溪医疗近日完成C轮融资，由远川资本领投。公司此前曾于2021年完成A轮、2022年完成B轮融资。",
     [{"company": "澄溪医疗", "round": "C", "investors": ["远川资本"]},
      {"company": "澄溪医疗", "round": "A", "date": "2021"}, {"company": "澄溪医疗", "round": "B", "date": "2022"}]),
    # a newsletter item: the company in 【】, investors after "| 投资方："
    ("【星河科技】完成数千万元A+轮融资 | 投资方：远川资本、青石创投",
     [{"company": "星河科技", "round": "A+", "amount_value": None, "currency": "CNY", "investors": ["远川资本", "青石创投"]}]),
    # amounts with thousands separators inside the completion phrase
    ("港澄醫療6月完成8,000萬港元A輪融資，維川投資領投。",
     [{"company": "港澄醫療", "round": "A", "amount_value": 8e7, "currency": "HKD"}]),
    # an English gloss of the round is no second round (the amount stays with it)
    ("岚影医疗宣布完成5000万美元B轮融资（Series B），由启明创投领投。",
     [{"company": "岚影医疗", "round": "B", "amount_value": 5e7, "currency": "USD", "investors": ["启明创投"]}]),
    # "获得了来自X的…": the investor without the words that introduce it
    ("此外，澄和医疗还获得了来自工银国际的数千万元股权融资。", [{"company": "澄和医疗", "investors": ["工银国际"]}]),
    # existing backers as a group are no named investor
    ("岚川生物日前宣布完成超1亿美元C轮融资，该轮融资由OrbiMed和礼来亚洲基金共同领投，现有投资方全部跟投。",
     [{"company": "岚川生物", "round": "C", "investors": ["OrbiMed", "礼来亚洲基金"]}]),
    # a descriptor ending in 商 in front of the name: a kind of company, not its name
    ("超声治疗设备商澄衍医疗获近亿元A轮融资，独家投资方为华盖资本。", [{"company": "澄衍医疗", "round": "A", "investors": ["华盖资本"]}]),
    ("10月16日，ADC药物研发商岚衡药业宣布完成5000万美元B轮融资，礼来亚洲基金领投。", [{"company": "岚衡药业", "round": "B"}]),
    # one named round's size is no aggregate
    ("小核酸药物公司岚屿生物C轮融资额达4.5亿元，本轮由国投招商领投。",
     [{"company": "岚屿生物", "round": "C", "amount_value": 4.5e8, "investors": ["国投招商"]}]),
    # a report the company denies in the same sentence is no round
    ("有媒体报道「星岚医疗」完成10亿元D轮融资，公司回应称“目前未有新一轮融资，相关报道不实”。", []),
    # a startup descriptor in front of the name; 「」 around it
    ("手術機器人新創「微川醫療」本週亦傳出完成種子輪募資，金額未揭露，投資方為清川大學衍生新創基金。",
     [{"company": "微川醫療", "round": "seed", "investors": ["清川大學衍生新創基金"]}]),
]


@pytest.mark.parametrize("text, expected", LAYOUTS)
def test_news_layouts(run_extractor, text, expected):
    recs = run_extractor(NAME, text)
    for exp in expected:
        assert _found(recs, exp), (exp, [_flat(r) for r in recs])
    assert len(recs) == len(expected), [_flat(r) for r in recs]


LAYOUT_NEGATIVES = [
    # a fund raising its own fund is not a company's round
    "启川资本宣布完成第五期人民币基金募资，规模30亿元。",
    "青石创投完成10亿美元新一期美元基金募集。",
    # 公司 with nothing in focus names no company: no record rather than a fragment
    "公司于2024年5月完成2亿元B轮融资，由远川资本领投。",
    "其此前曾于2021年完成A轮、2022年完成B轮融资。",
    # a digest item's label alone (no proceeds) is no IPO
    "▍8. 岚川医药（港股IPO）",
    # "一年内" is no date of the document's year; a plan is no event
    "澄溪医疗计划在一年内启动C轮融资。",
]


@pytest.mark.parametrize("text", LAYOUT_NEGATIVES)
def test_layout_negatives(run_extractor, text):
    assert run_extractor(NAME, text) == [], [_flat(r) for r in run_extractor(NAME, text)]


def test_the_implicit_company_is_shown_in_the_evidence(run_extractor):
    text = "▍宁远医电：Pre-B轮\n该公司于2024年5月完成2亿元Pre-B轮融资。"
    (rec,) = run_extractor(NAME, text)
    assert rec.company == "宁远医电" and "宁远医电" in rec.evidence.text
    assert rec.confidence < 0.8  # resolved from the context, not read in the sentence


def test_founded_that_year_takes_the_founding_year_the_paragraph_told(run_extractor):
    text = "澄溪医疗成立于2017年，总部位于苏州。公司成立当年即获得远川资本数千万元天使轮投资。"
    (rec,) = run_extractor(NAME, text)
    assert (rec.company, rec.round, rec.date, rec.investors) == ("澄溪医疗", "angel", "2017", ["远川资本"])


# --- features, digests and announcements (issue: wild2 families) ----------------------------

STORY_FAMILIES = [
    # a person introduced for a company ("公司联合创始人、CEO林晓舟") speaks for it later; a clause
    # "林晓舟透露" is no company; "前年末" is December two years before the dateline
    ("发布时间：2024年9月20日\n\n杭州北岚医疗科技有限公司的实验室里灯还亮着。“样本今晚必须跑完，”公司联合创始人、CEO林晓舟说。\n\n"
     "林晓舟透露，前年末刚拿到的A轮融资让团队挺过了寒冬。",
     [{"company": "杭州北岚医疗科技有限公司", "round": "A", "date": "2022-12"}]),
    # "公司账上…" is the company in focus (the speaker's), not its last noun
    ("发布时间：2024年9月20日\n\n杭州北岚医疗科技有限公司的实验室里灯还亮着。“样本今晚必须跑完，”公司联合创始人、CEO林晓舟说。\n\n"
     "说起最难的日子，林晓舟直言压力很大。2019年公司账上只剩两个月的工资，直到2020年5月拿到青石资本领投的3000万元A轮融资，局面才好转。",
     [{"company": "杭州北岚医疗科技有限公司", "round": "A", "date": "2020-05", "amount_value": 3e7,
       "investors": ["青石资本"]}]),
    # a sentence back-referring to the round ("那一轮") names the company and adds amount and investors
    ("发布时间：2024年9月20日\n\n澄川智能创始人周予安对记者说，去年底完成的B轮融资来得正是时候。"
     "那一轮澄川智能融资2亿元，由北岸资本领投，远川创投、丰禾基金跟投。",
     [{"company": "澄川智能", "round": "B", "date": "2023-12", "amount_value": 2e8,
       "investors": ["北岸资本", "远川创投", "丰禾基金"]}]),
    # the company's age before its name is a modifier; a dateline label heads no company
    ("发布时间：2024年9月20日\n\n在宁波，创办不到两年的宁波澜屿影像科技有限公司今年4月获得数千万元种子轮融资，投资方为甬江科创基金。",
     [{"company": "宁波澜屿影像科技有限公司", "round": "seed", "date": "2024-04", "investors": ["甬江科创基金"]}]),
]


@pytest.mark.parametrize("text, expected", STORY_FAMILIES)
def test_feature_story_companies(run_extractor, text, expected):
    recs = run_extractor(NAME, text)
    for exp in expected:
        assert _found(recs, exp), (exp, [_flat(r) for r in recs])
    assert len(recs) == len(expected), [_flat(r) for r in recs]


@pytest.mark.parametrize("text", [
    # a person speaking with no company in focus: no record rather than "周予安对记者说"
    "周予安对记者说，去年底完成的B轮融资来得正是时候。",
    "说起那段日子，他坦言，2019年公司账上只剩两个月的工资，直到次年拿到A轮融资才缓过来。",
])
def test_a_speaker_is_no_company(run_extractor, text):
    assert run_extractor(NAME, text) == [], [_flat(r) for r in run_extractor(NAME, text)]


DIGEST = ("医疗器械行业周报（2024年第10周）\n\n报告日期：2024年3月11日\n\n一、市场回顾\n\n本周器械板块上涨1.2%。\n\n"
          "二、本周要闻\n\n（一）投融资\n\n"
          "3. 内镜机器人企业衡舟医疗完成2亿元B轮融资，由远川资本领投，老股东北辰创投继续加注。\n\n"
          "4. 衡舟医疗此前曾获青石资本天使轮投资。\n\n"
          "三、行业观察\n\n"
          "5. 数字疗法企业澜心科技完成数千万元A轮融资，由丰禾基金独家投资。\n")


@pytest.mark.parametrize("company, round_, date, investors", [
    # an item under "本周要闻" with no date of its own happened in the digest's week (2024-03-04..10)
    ("衡舟医疗", "B", "2024-03", ["远川资本", "北辰创投"]),
    # background told in an item ("此前曾获") is not the week's news
    ("衡舟医疗", "angel", None, ["青石资本"]),
    # an item under a heading that does not say it is the week's keeps no date
    ("澜心科技", "A", None, ["丰禾基金"]),
])
def test_weekly_digest_items_take_the_week(run_extractor, company, round_, date, investors):
    recs = run_extractor(NAME, DIGEST)
    assert _found(recs, {"company": company, "round": round_, "date": date, "investors": investors}), \
        [_flat(r) for r in recs]


@pytest.mark.parametrize("text, expected", [
    ("月度医疗投融资简报 3月第2周\n\n报告日期：2024年3月15日\n\n二、本周融资\n\n1. 北辰智医完成A轮融资，由远川资本独家投资。",
     ("北辰智医", "A", "2024-03")),
    ("医药周报｜2024.04.29-2024.05.05\n\n二、本周事件\n\n1. 北辰智医完成A轮融资，由远川资本独家投资。",
     ("北辰智医", "A", None)),  # a week across two months gives no month
])
def test_digest_week_forms(run_extractor, text, expected):
    (r,) = run_extractor(NAME, text)
    assert (r.company, r.round, r.date) == expected


@pytest.mark.parametrize("sentence, investors", [
    ("2022年3月完成天使轮融资1,500万元，由本公司和青石资本共同出资。", ["宁波澜屿科技股份有限公司", "青石资本"]),
    ("2023年8月完成A轮融资6,000万元，由远川资本领投，公司跟投。", ["远川资本", "宁波澜屿科技股份有限公司"]),
])
def test_the_announcer_as_investor(run_extractor, sentence, investors):
    text = ("宁波澜屿科技股份有限公司（以下简称“公司”）于近日收到控股子公司的增资通知。\n\n"
            "控股子公司澜屿智联成立于2021年，" + sentence)
    (r,) = run_extractor(NAME, text)
    assert r.company == "澜屿智联"
    assert sorted(r.investors) == sorted(investors)


def test_a_bilingual_brief_gives_the_deal_once_in_chinese(run_extractor):
    text = ("4. 资本动态 / Capital notes\nNorthwind closed a US$40 million Series B round in May 2024 led by Orchard Ventures.\n"
            "北风医疗于2024年5月完成4000万美元B轮融资，由果园创投领投。\n")
    recs = run_extractor(NAME, text)
    assert [(r.company, r.round, r.date, r.investors) for r in recs] == [("北风医疗", "B", "2024-05", ["果园创投"])]


def test_an_english_subject_after_a_joined_label(run_extractor):
    text = "4. 资本动态 / Capital notes\nNorthwind closed a US$40 million Series B round in May 2024 led by Orchard Ventures.\n"
    (r,) = run_extractor(NAME, text)
    assert (r.company, r.round, r.date) == ("Northwind", "B", "2024-05")


def test_a_list_number_is_no_english_full_stop(run_extractor):
    # "5. X…" numbers an item; only an English sentence's "." before Chinese ends a clause
    text = "5. 北辰智医完成Pre-A轮融资\n\n内镜企业北辰智医宣布完成1.2亿元Pre-A轮融资，由远川资本独家投资。据悉，该公司曾于2021年完成天使轮融资。"
    got = sorted((r.company, r.round) for r in run_extractor(NAME, text))
    assert got == [("北辰智医", "angel"), ("北辰智医", "pre-A")]


def test_an_investor_telling_the_rounds_it_backed_gives_the_company_in_focus_its_history(run_extractor):
    text = ("示川医疗科技有限公司（以下简称“示川医疗”）宣布完成2亿元B轮融资。"
            "星屿资本是示川医疗最早的机构投资人，2023年我们独家投资了其天使轮，2024年5月又领投了该公司的A轮。")
    found = {(r.company, r.round, r.date) for r in run_extractor("funding_round.rules.v1", text)}
    assert found == {("示川医疗科技有限公司", "B", None), ("示川医疗科技有限公司", "angel", "2023"),
                     ("示川医疗科技有限公司", "A", "2024-05")}


def test_an_interim_report_saying_this_company_listed_names_its_issuer_not_a_subsidiary(run_extractor):
    text = ("澄明生物科技股份有限公司\n（股份代号：9999）\n\n2025年中期报告\n\n"
            "我们透过附属公司澄明器械（苏州）有限公司（「澄明器械」）经营器械业务。\n\n"
            "本公司H股于2023年11月8日在香港联合交易所有限公司主板上市，全球发售所得款项净额约12.3亿港元。"
            "本公司非全资附属公司澄明器械已于2025年1月完成A轮融资人民币2亿元，由星屿资本领投。\n")
    found = {(r.company, r.round) for r in run_extractor("funding_round.rules.v1", text)}
    assert found == {("澄明生物科技股份有限公司", "IPO"), ("澄明器械", "A")}


def test_a_founder_telling_the_rounds_as_speech_gives_each_round_its_size_and_investors(run_extractor):
    # an interview: the company only in the headline, the rounds spoken ("做了A轮", "B轮是X领投的"),
    # the size as a bare clause after the round
    text = ("专访禾川智影创始人：五年三轮融资之后\n\n"
            "记者：公司的融资经历是怎样的？\n\n"
            "林舟：我们2020年拿到第一笔钱，是青松资本的300万元天使投资；2021年底做了A轮，5000万元，远川资本领投；"
            "2023年3月的B轮是澄源基金领投的，2亿元，星屿资本跟投。去年我们还拿了衡康医疗集团的一笔战略投资。\n\n"
            "记者：下一步的重点是什么？\n\n林舟：出海。\n")
    got = {(r.company, r.round, r.date, r.amount.value if r.amount else None, tuple(r.investors))
           for r in run_extractor(NAME, text)}
    assert got == {("禾川智影", "angel", "2020", 3e6, ("青松资本",)),
                   ("禾川智影", "A", "2021", 5e7, ("远川资本",)),
                   ("禾川智影", "B", "2023-03", 2e8, ("澄源基金", "星屿资本")),
                   ("禾川智影", "strategic", None, None, ("衡康医疗集团",))}


@pytest.mark.parametrize("text", [
    "公司计划明年做A轮，目前仍在接触投资人。",
    "很多同行今年都没能做完B轮。",
])
def test_a_round_spoken_of_as_a_plan_or_of_others_is_no_record(run_extractor, text):
    assert run_extractor(NAME, text) == []


def test_a_history_table_without_a_company_column_belongs_to_the_company_introducing_it(run_extractor):
    # a company profile's 融资历程: the sentence above names the company, the table only its rounds
    text = ("禾砚医疗\n\n禾砚医疗，全称南京禾砚医疗科技有限公司，是一家医学影像AI企业。\n\n2 融资历程\n\n"
            "禾砚医疗自成立以来共完成3轮融资，具体如下：\n"
            "披露日期\t轮次\t金额\t投资方\n"
            "2018-04-10\t天使轮\t1000万人民币\t青松资本\n"
            "2021-07-05\tA轮\t1.2亿人民币\t远川资本（领投）、青松资本\n"
            "2025-05-08\tB轮\t未披露\t澄源基金\n")
    got = {(r.company, r.round, r.date, tuple(r.investors)) for r in run_extractor(NAME, text)}
    assert got == {("禾砚医疗", "angel", "2018-04-10", ("青松资本",)),
                   ("禾砚医疗", "A", "2021-07-05", ("远川资本", "青松资本")),
                   ("禾砚医疗", "B", "2025-05-08", ("澄源基金",))}


def test_a_prospectus_pre_ipo_table_belongs_to_the_issuer_it_calls_this_company(run_extractor):
    text = ("杭州澄锐生物科技股份有限公司\n\n首次公开发售前投资\n\n"
            "自成立以来，本公司已完成多轮首次公开发售前投资。下表概述其主要条款：\n"
            "| 轮次 | 投资协议日期 | 投资者 | 已付对价 |\n"
            "| 天使轮 | 2018年6月12日 | 溪川资本 | 人民币8,000,000元 |\n"
            "| A轮 | 2019年11月20日 | 远川资本、青松资本 | 人民币60,000,000元 |\n")
    got = {(r.company, r.round, r.date, r.amount.value) for r in run_extractor(NAME, text)}
    assert got == {("杭州澄锐生物科技股份有限公司", "angel", "2018-06-12", 8e6),
                   ("杭州澄锐生物科技股份有限公司", "A", "2019-11-20", 6e7)}


def test_a_table_of_deals_by_round_is_a_statistic_not_a_history(run_extractor):
    text = ("禾砚医疗完成B轮融资。\n\n2024年医疗AI融资按轮次分布如下：\n"
            "轮次\t事件数\t金额\n天使轮\t12\t3.1亿元\nA轮\t20\t18.5亿元\nB轮\t9\t21.0亿元\n")
    assert {r.round for r in run_extractor(NAME, text)} == {"B"}


@pytest.mark.parametrize("text, expected", [
    # the investor as subject, no 了/的: the round word closes the company
    ("高瓴创投领投澄和医疗3亿元C轮融资。", {("澄和医疗", "C", ("高瓴创投",))}),
    # a headline's compact form: company, round, 融资, amount
    ("澄和医疗C轮融资3亿元，高瓴创投领投。", {("澄和医疗", "C", ("高瓴创投",))}),
    # 战略 qualifying the lettered round is one round
    ("澄和医疗宣布获得1.5亿元B+轮战略投资，由迈瑞医疗独家投资。", {("澄和医疗", "B+", ("迈瑞医疗",))}),
    # companies and their rounds paired in order
    ("2021年，澄和医疗、衡川科技和禾屿生物分别完成B轮、C轮和D轮融资。",
     {("澄和医疗", "B", ()), ("衡川科技", "C", ()), ("禾屿生物", "D", ())}),
    # the owner of the round, then who led it
    ("澄和医疗的B轮融资由高瓴创投领投，金额达2亿元。", {("澄和医疗", "B", ("高瓴创投",))}),
    # "两轮" restating the rounds just named: each round is a record
    ("澄和医疗于2023年完成了A轮和B轮两轮融资。", {("澄和医疗", "A", ()), ("澄和医疗", "B", ())}),
])
def test_funding_phrasings_of_news(run_extractor, text, expected):
    got = {(r.company, r.round, tuple(r.investors)) for r in run_extractor(NAME, "行业动态\n\n" + text)}
    assert got == expected


def test_two_rounds_counted_without_their_names_is_no_record(run_extractor):
    assert run_extractor(NAME, "行业动态\n\n澄和医疗成立五年来已完成两轮融资，投资方包括多家知名机构。") == []


def test_the_bodys_this_round_gives_the_headlines_round_its_investors(run_extractor):
    # headline: the company and the round; body: 本轮融资由… (no company, no round); then the one before
    text = ("澄和医疗完成3亿元C轮融资\n\n本轮融资由高瓴创投领投，红杉中国跟投。"
            "公司上一轮融资为2022年的B轮，由启明创投领投。\n")
    got = {(r.company, r.round, r.date, tuple(r.investors)) for r in run_extractor(NAME, text)}
    assert got == {("澄和医疗", "C", None, ("高瓴创投", "红杉中国")), ("澄和医疗", "B", "2022", ("启明创投",))}
    (c_round,) = [r for r in run_extractor(NAME, text) if r.round == "C"]
    assert any("高瓴创投" in s.text for s in c_round.support)  # the investors' sentence is evidence too



@pytest.mark.parametrize("text, expected", [
    # companies paired with rounds by 与, then 前者 / 后者 give each its investors and amount
    ("宁波澄脉医疗与苏州临栓生物分别完成A轮、B轮融资，前者由同创伟业独家投资，金额为6000万元；后者获君联资本领投的2.6亿元融资。",
     [("宁波澄脉医疗", "A", "6000万元", ["同创伟业"]), ("苏州临栓生物", "B", "2.6亿元", ["君联资本"])]),
    # a description ending in 机构 before the name
    ("连锁眼科机构明川眼科获得华润医药战略投资，双方未披露具体金额。", [("明川眼科", "strategic", None, ["华润医药"])]),
    # a relative time of the lexicon (上个月) with 刚 ends the subject; the company is the clause before
    ("同赛道的衡川医疗，上个月刚宣布完成5亿元C轮融资，由IDG资本领投。", [("衡川医疗", "C", "5亿元", ["IDG资本"])]),
])
def test_paired_companies_descriptions_and_relative_times(run_extractor, text, expected):
    got = [(r.company, r.round, r.amount.raw if r.amount else None, r.investors) for r in run_extractor(NAME, text)]
    assert sorted(got, key=str) == sorted(expected, key=str)


def test_a_daily_brief_s_items_take_its_month_and_its_section_labels_stand_apart(run_extractor):
    text = ("医川财经 | 医疗健康投融资日报（2026年3月19日）\n\n■ 融资事件\n\n"
            "1.【AI影像】杭州澜川智能科技有限公司（以下简称“澜川智能”）宣布完成数千万元Pre-A轮融资，由启迪之星创投独家投资。\n\n"
            "■ 上市与资本市场\n\n"
            "15.【IPO】AI病理企业深圳玄川医疗今日在上交所科创板挂牌上市，首次公开发行募集资金总额12.6亿元。\n")
    got = {(r.company, r.round, r.date) for r in run_extractor(NAME, text)}
    assert got == {("杭州澜川智能科技有限公司", "pre-A", "2026-03"), ("深圳玄川医疗", "IPO", "2026-03")}


def test_a_round_taken_with_拿下(run_extractor):
    text = "2026年5月，澄川医疗拿下1亿元A轮，由元禾原点独家投资。"
    assert [(r.company, r.round, r.investors) for r in run_extractor(NAME, text)] == [("澄川医疗", "A", ["元禾原点"])]


def test_portfolio_cards_give_one_record_per_round_and_skip_a_planned_one(run_extractor):
    # an incubator's wall: one card per company, labelled lines, an earlier round under 上一轮
    text = ("2025年度被投企业融资榜\n\n"
            "01\n企业名称：宁波拾光医学影像科技有限公司\n所属领域：AI超声\n本轮：A轮\n金额：8000万元\n"
            "投资方：启明创投（领投）、宁波天使母基金（跟投）\n时间：2025年5月\n"
            "上一轮：天使轮\n金额：未披露\n投资方：奇绩创坛\n时间：2023年11月\n\n"
            "02\n企业名称：合肥远衡康复机器人有限公司\n所属领域：康复机器人\n本轮：B轮（筹备中）\n金额：拟融资约2亿元\n投资方：洽谈中\n")
    got = sorted((r.company, r.round, r.date, r.amount.value if r.amount else None, tuple(r.investors))
                 for r in run_extractor(NAME, text))
    assert got == [("宁波拾光医学影像科技有限公司", "A", "2025-05", 8e7, ("启明创投", "宁波天使母基金")),
                   ("宁波拾光医学影像科技有限公司", "angel", "2023-11", None, ("奇绩创坛",))]


def test_a_framing_phrase_before_the_comma_is_no_company(run_extractor):
    text = "北京汇瞳医疗科技有限公司的眼底相机于2025年3月获批。\n资本层面，公司于2025年6月完成2亿元B轮融资，由高瓴创投领投。\n"
    assert all("层面" not in (r.company or "") for r in run_extractor(NAME, text))


@pytest.mark.parametrize("text, company", [
    ("2021年夏天，擎川医疗完成了由高瓴创投领投的3亿元B轮融资。", "擎川医疗"),  # a season after the year
    # a card's label before its story ("创新看点：…") is no subject; 该公司 is the card's holder
    ("4. 一次性使用脉冲电场消融导管\n注册人：上海澄川医疗科技有限公司\n审批时间：2月14日\n"
     "创新看点：这是澄川医疗拿到的第二张创新三类证。该公司去年11月刚完成2.3亿元C轮融资，由高瓴创投领投。", "上海澄川医疗科技有限公司"),
])
def test_time_words_and_labels_before_the_subject(run_extractor, text, company):
    assert [r.company for r in run_extractor(NAME, text)] == [company]


def test_an_annual_reports_list_of_events_after_its_intro_dated_by_the_year_its_title_covers(run_extractor):
    # an association's annual report: statistics (aggregates, no records) in one paragraph, then a
    # list the intro "代表性融资事件包括：" announces; bare months take the year the title covers
    text = ("人工智能医疗器械产业发展年度报告（2025）\n\n长三角某协会 编\n\n四、投融资动态\n\n2025年国内人工智能医疗器械领域共发生融资事件52起，较2024年增长约12%。\n\n"
            "代表性融资事件包括：4月，上海岚川医疗科技有限公司宣布完成3.5亿元C轮融资，君联资本领投；"
            "11月，成都衡岳智能完成近亿元A轮融资，投资方为成都科创投集团。\n")
    got = sorted((r.company, r.round, r.date) for r in run_extractor(NAME, text))
    assert got == [("上海岚川医疗科技有限公司", "C", "2025-04"), ("成都衡岳智能", "A", "2025-11")]


def test_公司_a_paragraph_later_is_the_subject_above_not_a_commenting_investor_nor_an_earlier_story(run_extractor):
    # a news column: an earlier story defined its company; this story's company opens a paragraph,
    # an investor comments in the next, and a later paragraph says 公司
    text = ("—— 2 ——\n近日，杭州深川智检生物科技有限公司（简称“深川智检”）完成1.5亿元B轮融资，启明创投领投。\n\n"
            "—— 3 ——\n知川健康获上市药企数千万元战略投资\n\n"
            "知川健康由前互联网医院产品负责人周屹创立，目前服务的签约患者超过30万人。\n"
            "康瑞华药业方面称，此次投资是其布局的一部分。\n"
            "此前，公司曾于2024年获得经纬创投的A轮融资，金额未披露。\n")
    got = {(r.company, r.round) for r in run_extractor(NAME, text)}
    assert ("知川健康", "A") in got and ("深川智检", "A") not in got and ("康瑞华药业", "A") not in got


def test_a_hard_wrapped_history_keeps_公司_the_reports_company_not_an_investor_at_a_line_start(run_extractor):
    text = ("澄镜医疗（688×××.SH）首次覆盖报告\n"
            "上市前，公司共完成四轮股权融资。2017年6月，公司完成A轮融资5000万元，由\n"
            "达晨财智独家投资；2019年3月完成B轮融资2.3亿元，高瓴创投领投，达晨财智跟\n"
            "投；2020年12月，C轮融资4亿元落地，中金资本领投。\n")
    got = sorted((r.company, r.round) for r in run_extractor(NAME, text))
    assert got == [("澄镜医疗", "A"), ("澄镜医疗", "B"), ("澄镜医疗", "C")]


def test_a_rumour_retold_is_no_round(run_extractor):
    text = "昨日有自媒体称，骨科手术机器人企业睿川智能已完成5亿元C轮融资，由某国资基金领投。对此，睿川智能回应称消息不实。"
    assert run_extractor(NAME, text) == []


def test_a_legal_name_after_成立了_has_no_particle_and_its_brand_joins_it():
    from extract.entities.clusters import build_clusters
    text = "2017年3月，陈某在上海闵行成立了上海擎川医疗机器人有限公司。擎川完成了A+轮融资。\n"
    clusters, _ = build_clusters(text)
    assert any(c.full == "上海擎川医疗机器人有限公司" and "擎川" in c.names for c in clusters)


def test_a_table_beside_an_approval_date_column_gives_rounds_without_that_date(run_extractor):
    text = ("| 企业 | 代表产品 | NMPA获批时间 | 最近融资轮次 | 金额 |\n| --- | --- | --- | --- | --- |\n"
            "| 苏州擎川医疗机器人有限公司 | 单孔腔镜手术机器人 | 2025年6月 | C轮 | 6亿元 |\n")
    got = [(r.company, r.round, r.date) for r in run_extractor(NAME, text)]
    assert got == [("苏州擎川医疗机器人有限公司", "C", None)]


@pytest.mark.parametrize("text, expected", [
    # 该公司 after a sentence whose subject is a company's product: the company
    ("北京骨川智能科技有限公司的膝关节置换手术导航定位系统于2024年11月获批三类医疗器械注册证。"
     "2025年3月，该公司宣布完成近亿元B+轮融资，由国投创业独家投资。", [("北京骨川智能科技有限公司", "B+")]),
    # a rumour the market spread, denied
    ("2025年11月市场曾传出脉川医疗已完成B轮融资的消息，公司随后澄清称相关信息不实。", []),
])
def test_the_owner_of_a_product_is_the_subject_and_a_spread_rumour_is_none(run_extractor, text, expected):
    assert [(r.company, r.round) for r in run_extractor(NAME, text)] == expected


def test_a_monthly_review_dates_its_items_to_the_month_it_reviews(run_extractor):
    """Published in November about October: an undated item and its "本月" are of October."""
    text = ("岚观月报 | 2026年10月医疗健康投融资回顾\n岚观数据研究院　2026-11-05\n\n"
            "1. 【澄衍医疗】超声治疗设备商澄衍医疗获近亿元A轮融资，独家投资方为华盖资本。\n\n"
            "2. 【澄屿科技】口腔数字化企业澄屿科技本月完成数千万元Pre-A轮融资，由险峰长青投资。\n")
    got = sorted((r.company, r.date) for r in run_extractor(NAME, text))
    assert got == [("澄屿科技", "2026-10"), ("澄衍医疗", "2026-10")]


def test_a_history_lists_items_are_rounds_of_the_company_told_above(run_extractor):
    """"- 2019年3月：种子轮（Seed），300万美元，由X投资；": the date labels the item (it names no company),
    the round follows its colon; individuals are no named investor."""
    text = ("岚锐医疗科技有限公司（以下简称“岚锐”）今日宣布完成C轮融资。\n\n■ 融资历程\n岚锐成立于2019年。C轮前的融资如下：\n"
            "- 2019年3月：种子轮（Seed），300万美元，由Sand Hill Angels与个人投资人投资；\n"
            "- 2020年11月：A轮（Series A），2,500万美元，Sofinnova Partners领投；\n")
    got = sorted((r.company, r.round, r.date, r.amount.value if r.amount else None, tuple(r.investors))
                 for r in run_extractor(NAME, text) if r.round != "C")
    assert got == [("岚锐", "A", "2020-11", 2.5e7, ("Sofinnova Partners",)),
                   ("岚锐", "seed", "2019-03", 3e6, ("Sand Hill Angels",))]


def test_a_date_labelled_item_naming_another_company_is_not_the_focus_companys_round(run_extractor):
    text = ("岚锐医疗科技有限公司（以下简称“岚锐”）今日宣布完成C轮融资。\n\n同行融资如下：\n"
            "- 2024年5月：澄和医疗B轮，金额1亿元。\n")
    assert [(r.company, r.round) for r in run_extractor(NAME, text) if r.round == "B" and r.company == "岚锐"] == []


def test_a_clause_about_the_companys_seat_is_no_subject(run_extractor):
    """"X成立于2016年，总部位于成都，2025年3月完成…": the round is X's ("总部位" is no company)."""
    text = "公开资料显示，青岚医疗成立于2016年，总部位于成都高新区，2025年3月完成近3亿元B轮融资，由高瓴创投领投。\n"
    recs = run_extractor(NAME, text)
    assert [(r.company, r.round, r.date) for r in recs] == [("青岚医疗", "B", "2025-03")]


def test_a_prospectus_gives_the_rounds_paid_in_capital_after_its_investors(run_extractor):
    """"…，老股东X继续追加投资，增资款合计22,000.00万元，本轮投后估值为15.6亿元": the round raised the
    paid-in sum, not the valuation."""
    text = ("2021年3月，澄禾有限完成B轮融资，由经纬创投领投，国投创合跟投，老股东启明创投继续追加投资，"
            "增资款合计22,000.00万元，本轮投后估值为15.6亿元。\n")
    (rec,) = run_extractor(NAME, text)
    assert (rec.round, rec.amount.raw, rec.amount.value, rec.amount.currency) == ("B", "22,000.00万元", 220000000.0, "CNY")

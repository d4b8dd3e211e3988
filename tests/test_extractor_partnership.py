"""partnership.rules.v1, the worked example of docs/adding-an-extractor.md: what a user relies on."""

from __future__ import annotations

import pydantic
import pytest

from extract.devtools.evaluate import evaluate, matches, pair_files
from extract.extractors import create
from extract.merge import merge_records
from extract.records import Partnership
from extract.settings import SettingsError

from .conftest import FIXTURES

NAME = "partnership.rules.v1"


def _parties(records):
    return [r.parties for r in records]


def test_one_agreement_with_several_partners_is_one_record_with_its_agreement_and_date(run_extractor):
    text = "2023年3月，联影智能宣布与复旦大学附属中山医院、华为等合作伙伴签署战略合作协议，共同开发心血管影像模型。"
    (rec,) = run_extractor(NAME, text)
    assert rec.parties == ["联影智能", "复旦大学附属中山医院", "华为"]
    assert rec.agreement == "战略合作协议" and rec.date == "2023-03"
    assert text[rec.evidence.start:rec.evidence.end] == rec.evidence.text


def test_subject_given_by_the_section_heading(run_extractor):
    text = "华为\n\n通过盘古大模型打造数智生态\n\n- 与润达医疗联合打造了AI医疗消费产品“良医小慧”。\n"
    assert _parties(run_extractor(NAME, text)) == [["华为", "润达医疗"]]


def test_company_anaphor_resolves_to_the_name_opening_the_paragraph(run_extractor):
    text = "灵医智惠坚持以 AI 能力平台化为重要输出。同时，公司还与人民卫生出版社、东软等生态合作伙伴进行合作。"
    assert _parties(run_extractor(NAME, text)) == [["灵医智惠", "人民卫生出版社", "东软"]]


def test_a_repeated_mention_of_the_same_cooperation_is_one_fact(run_extractor):
    text = ("2019 年 9 月，GE 医疗宣布与医准智能、依图医疗签署战略合作备忘录。"
            "医准智能作为首批伙伴，与 GE 医疗合作成绩斐然。")
    assert len(run_extractor(NAME, text)) == 1


@pytest.mark.parametrize("text", [
    "医疗 AI 企业通过与影像设备商合作，可以共享客户和销售渠道。",
    "医院通过和政府机构或科技企业进行合作，普及智慧医疗的基础知识。",
    "国家卫生健康委与国家中医药管理局联合印发《互联网诊疗管理办法（试行）》。",
    # publishing a document together makes its issuers, with or without 《》
    "省药监局与省卫生健康委共同发布关于支持人工智能医疗器械临床应用的若干措施。",
    "中华医学会与衡川医疗共同发布《AI辅助诊断专家共识》。",
    # investors leading a round together
    "青蔓科技完成超3亿元A轮融资，启明创投、高榕创投联合领投，奇绩创坛跟投。",
    # partners by category only ("全球合作伙伴")
    "面向未来，我们将与医疗机构、高校、政府和全球合作伙伴一道，守护人民健康。",
    "公司将该专利授权给合作方使用。",
])
def test_categories_and_joint_issuers_are_not_partners(run_extractor, text):
    assert run_extractor(NAME, text) == []


def test_config_is_validated_and_switches_work(run_extractor):
    with pytest.raises(SettingsError, match="extractors.partnership.rules.v1: min_partys"):
        create([NAME], {NAME: {"min_partys": 3}})  # a misspelt key names the extractor and the key
    (ex,) = create([NAME], {NAME: {"min_parties": 3, "use_ner": False}})
    text = "数坤科技与飞利浦建立战略合作。GE 医疗宣布与医准智能、依图医疗签署战略合作备忘录。"
    assert _parties(run_extractor(ex, text)) == [["GE 医疗", "医准智能", "依图医疗"]]


def test_the_record_needs_two_distinct_named_parties():
    base = dict(id="partnership:x", doc_id="0" * 64, extractor={"name": NAME, "version": "1"}, confidence=0.5,
                evidence={"text": "甲与乙合作", "start": 0, "end": 5})
    with pytest.raises(pydantic.ValidationError):
        Partnership(parties=["联影智能"], **base)
    with pytest.raises(pydantic.ValidationError):
        Partnership(parties=["联影智能", "联影 智能"], **base)


def test_gold_matching_and_merging_use_the_kind_key_fields(run_extractor):
    gold = {"kind": "partnership", "parties": ["GE 医疗", "医准智能", "依图医疗"], "date": "2019-09"}
    assert matches(gold, {"kind": "partnership", "parties": ["GE医疗", "医准智能"], "date": None})
    assert not matches(gold, {"kind": "partnership", "parties": ["GE医疗", "推想科技"], "date": "2019-09"})
    assert not matches(gold, {"kind": "partnership", "parties": ["GE医疗", "医准智能"], "date": "2020-01"})
    a = run_extractor(NAME, "数坤科技与飞利浦建立战略合作。", source="a.txt")
    b = run_extractor(NAME, "飞利浦和数坤科技建立了战略合作。", source="b.txt")
    b = [r.model_copy(update={"doc_id": "1" * 64}) for r in b]
    (merged,) = merge_records(a + b)
    assert len(merged.provenance) == 2


def test_gold_scores_on_the_real_reports(nlp):
    """The example extractor is measured like the others: `reportx eval` on fixtures/gold."""
    from extract.ingest import read_document
    from extract.process import extract_document

    extractors = create([NAME])
    res = evaluate(pair_files(FIXTURES / "reports", FIXTURES / "gold"),
                   lambda p: [r.model_dump(mode="json") for r in extract_document(read_document(p), extractors, nlp).records])
    c = res.kinds["partnership"]
    assert c.tp + c.fn >= 30, "the partnership gold is scored"
    assert c.precision >= 0.85 and c.recall >= 0.85, (c, res.misses, res.false_positives)


# --- real news layouts (issue #18): anaphora, places and dates around the parties ---------------

LAYOUT_POSITIVES = [
    # a 和 inside the first name (澄和医疗) is not the one joining the partners
    ("澄和医疗和腾讯健康宣布达成合作。", ["澄和医疗", "腾讯健康"], None),
    # several parties, then how many sign
    ("澄和医疗、华为、北京协和医院三方签署合作备忘录。", ["澄和医疗", "华为", "北京协和医院"], None),
    # 此次 between the subject and 与
    ("澄和医疗此次与中国医学科学院签订合作框架协议，推动临床转化。", ["澄和医疗", "中国医学科学院"], None),
    # a company profile's timeline: subject-less lines are the company the profile is about
    ("栖川医疗\n\n栖川医疗，全称南京栖川医疗科技有限公司，是一家医学影像AI企业。\n\n1 发展历程\n"
     "2017年3月，在南京注册成立。\n2019年，与北辰大学附属医院共建医学影像人工智能联合实验室。\n",
     ["栖川医疗", "北辰大学附属医院"], "2019"),
    # 共建 before a Latin word; a foundation is an organisation
    ("2025年7月，岭晟智影与肇庆市第一人民医院共建AI影像诊断中心。", ["岭晟智影", "肇庆市第一人民医院"], "2025-07"),
    ("2025年5月，岭晟医药与中国初级卫生保健基金会合作启动基层慢病项目。", ["岭晟医药", "中国初级卫生保健基金会"], "2025-05"),
    # a licence granted to a named company is a cooperation (guidelines: licensing deals count)
    ("2025年11月，岭晟医药将复方丹芎通络颗粒在东南亚地区的开发和商业化权益授权给Verdant Pharma Pte. Ltd.。",
     ["岭晟医药", "Verdant Pharma Pte. Ltd."], "2025-11"),
    # 公司还与…: the company the report defines as 公司, not the slogan heading its section
    ("岭晟医药集团股份有限公司（以下简称“公司”）2025年度环境、社会及治理报告\n\n携手共赢\n\n"
     "报告期内，公司还与中山大学药学院合作开展晶型与制剂研究。",
     ["岭晟医药集团股份有限公司", "中山大学药学院"], None),
    # a flash item: the announcer opens the body, 公司于<date>与… is the announcer
    ("【凛川医疗(688381)：与北辰大学附属第一医院签订战略合作框架协议】凛川医疗公告，公司于11月26日与北辰大学附属第一医院"
     "签订战略合作框架协议。", ["凛川医疗", "北辰大学附属第一医院"], None),
    # a signing at a conference, one pair per line; a hospital's alias in brackets stays with it
    ("签约环节\n\n第一组：北辰大学附属第一医院与衡澈医疗签约。\n",
     ["北辰大学附属第一医院", "衡澈医疗"], None),
    # releasing a product together is a cooperation (releasing a document is not: above)
    ("● 8月，上海瑞金医院与元衡智医共同发布全科辅助诊疗智能体。", ["上海瑞金医院", "元衡智医"], None),
    # a hospital's department stands for the hospital; 由 opens the subject
    ("该软件由澄岚医疗与北辰大学附属第二医院眼科联合研发。", ["澄岚医疗", "北辰大学附属第二医院"], None),
    # what the deal is about stands between the partner and the verb
    ("10月，杭州粟屿生物科技有限公司与Carrowind Pharmaceuticals就其候选药物SY-207签署全球独家许可协议。",
     ["杭州粟屿生物科技有限公司", "Carrowind Pharmaceuticals"], None),
    # 公司 in an announcement is its issuer (the company heading it); a place before the verb
    ("上海澄明医疗科技股份有限公司\n关于签署战略合作协议的公告\n\n一、协议签署概况\n\n"
     "2024年9月10日，公司与北辰大学附属第一医院在北京签署《战略合作协议》，双方将开展临床研究。",
     ["上海澄明医疗科技股份有限公司", "北辰大学附属第一医院"], "2024-09-10"),
    # 公司 in a press release is the company it defines; 与 inside a faculty's name is no list mark
    ("2024年6月14日，杭州澄明医疗科技有限公司（以下简称“澄明医疗”或“公司”）宣布产品获批。\n\n"
     "此外，公司与北辰大学计算机科学与技术学院联合开发的算法已完成验证。",
     ["澄明医疗", "北辰大学计算机科学与技术学院"], None),
    # a date between the partners and the verb; three parties "三方"
    ("觅川医疗与北辰积水医院、清川大学精密仪器系三方于2024年6月签署合作备忘录。",
     ["觅川医疗", "北辰积水医院", "清川大学精密仪器系"], "2024-06"),
    # a date without its year after the subject takes the dateline's year
    ("发布日期：2025年3月15日\n\n遠川醫材3月13日與臺川醫院簽署合作備忘錄（MOU），雙方將共同開發導航模組。",
     ["遠川醫材", "臺川醫院"], "2025-03-13"),
    # 这家公司 in a digest item refers to the item's company (its label line)
    ("▍3. 慧川健康｜Pre-A轮，近亿元\n11月16日消息，慢病管理公司慧川健康完成近亿元Pre-A轮融资。"
     "这家公司同日宣布与北辰大学第一医院签署战略合作协议。",
     ["慧川健康", "北辰大学第一医院"], None),
    # a place inside a legal name
    ("2024年6月18日，同日，康川生物与星河医药（深圳）有限公司签署合作协议。",
     ["康川生物", "星河医药（深圳）有限公司"], "2024-06-18"),
    # the agents after 由; 公司 is the company defined as 公司 even below a field list
    ("杭州澄明医疗科技股份有限公司（以下简称“公司”）近日收到注册证。\n\n1. 产品名称：某软件\n   有效期至：2030年1月1日\n\n"
     "该软件的临床验证由公司与北辰大学附属第二医院合作完成。",
     ["杭州澄明医疗科技股份有限公司", "北辰大学附属第二医院"], None),
    # an adverb of sequence ends the subject; a Japanese company's legal form
    ("市卫生健康委员会随后与北辰健康数据集团有限公司签署合作协议。", ["市卫生健康委员会", "北辰健康数据集团有限公司"], None),
    ("觅川医疗与大阪星野医疗器械株式会社于2025年2月签署合作协议。", ["觅川医疗", "大阪星野医疗器械株式会社"], "2025-02"),
]


@pytest.mark.parametrize("text, parties, date", LAYOUT_POSITIVES)
def test_parties_in_news_layouts(run_extractor, text, parties, date):
    assert [(r.parties, r.date) for r in run_extractor(NAME, text)] == [(parties, date)]


LAYOUT_NEGATIVES = [
    # a plan with an unnamed category is no cooperation; nor is a subject-less 与 with nothing in focus
    "觅川医疗表示，将积极参与标准建设，并计划与更多三甲医院建立合作。",
    "公司与北辰大学附属第一医院签署战略合作协议。",
    # a section label joined to the story is no party
    "■ 合作消息\n另外，多家医院表示有意与云端服务业者合作建置平台，但尚未确定合作对象。",
    # a Latin abbreviation of a kind of organisation is no party
    "觅川医疗宣布与多家头部药企及CRO达成生态合作。",
]


@pytest.mark.parametrize("text", LAYOUT_NEGATIVES)
def test_no_cooperation_in_news_layouts(run_extractor, text):
    assert run_extractor(NAME, text) == []


def test_a_headline_and_its_body_are_one_cooperation_with_the_body_s_names(run_extractor):
    text = ("【新闻稿】澄明医疗与瑞川医院签署战略合作协议\n发布日期：2024年6月18日\n\n"
            "6月16日，澄明医疗与北辰交通大学医学院附属瑞川医院在上海签署战略合作协议。")
    (rec,) = run_extractor(NAME, text)
    assert rec.parties == ["澄明医疗", "北辰交通大学医学院附属瑞川医院"] and rec.date == "2024-06-16"


def test_a_label_line_joined_to_the_story_is_no_party(run_extractor):
    text = "■ 合作消息\n遠川醫材3月13日與臺川醫院簽署合作備忘錄。"
    assert _parties(run_extractor(NAME, text)) == [["遠川醫材", "臺川醫院"]]


@pytest.mark.parametrize(
    "text, date",
    [
        # 同日 in a paragraph of its own: the date its previous paragraph opens with
        ("2024年6月18日，康川生物宣布新药获批。此前，该药于2022年纳入优先审评。\n同日，康川生物与星河医药签署合作协议。", "2024-06-18"),
        # 同时 after a dated statement of the same paragraph
        ("发布时间：2023-11-20\n鉴川基因11月17日宣布获得战略投资。公司同时与华川智造达成合作。", "2023-11-17"),
    ],
)
def test_same_day_takes_the_date_of_the_statement_it_follows(run_extractor, text, date):
    (rec,) = run_extractor(NAME, text)
    assert rec.date == date


def test_a_pilot_table_pairing_lead_and_partner_units_gives_one_cooperation_per_row(run_extractor):
    text = (
        "附件：试点项目名单\n\n"
        "序号 | 牵头单位 | 合作单位 | 应用场景\n"
        "1 | 临江市人民医院 | 示川医疗科技有限公司 | 影像辅助诊断\n"
        "2 | 临江市急救中心 | 中国电信股份有限公司临江分公司 | 院前心电判读\n"
        "3 | 临江市妇幼保健院 | 本院信息科（自主研发） | 生长发育评估\n"
    )
    assert _parties(run_extractor(NAME, text)) == [
        ["临江市人民医院", "示川医疗科技有限公司"], ["临江市急救中心", "中国电信股份有限公司临江分公司"]]


def test_we_in_an_interview_is_the_company_its_title_names_not_the_speaker(run_extractor):
    text = (
        "专访澄明生物李一舟：从实验室到三类证\n\n"
        "记者：最近有哪些合作？\n\n"
        "李一舟：今年5月，我们跟临江大学附属医院达成合作，共建联合实验室。\n\n"
        "记者：还有呢？\n\n"
        "李一舟：我们又和示川医疗签了战略合作协议。\n"
    )
    assert _parties(run_extractor(NAME, text)) == [["澄明生物", "临江大学附属医院"], ["澄明生物", "示川医疗"]]


def test_the_company_of_a_hong_kong_report_signs_as_we_and_this_company(run_extractor):
    text = (
        "澄明生物科技股份有限公司\n（股份代號：9999）\n\n2025年中期報告\n\n"
        "於2025年2月，我們與Northfield Therapeutics Ltd訂立授權許可協議。"
        "於2025年5月，本公司與臨江大學附屬醫院簽訂戰略合作協議。\n"
    )
    found = {tuple(r.parties): (r.agreement, r.date) for r in run_extractor(NAME, text)}
    assert found == {
        ("澄明生物科技股份有限公司", "Northfield Therapeutics Ltd"): ("授權許可協議", "2025-02"),
        ("澄明生物科技股份有限公司", "臨江大學附屬醫院"): ("戰略合作協議", "2025-05"),
    }


def test_a_hospital_writing_we_is_the_hospital_and_a_subject_may_list_several_parties(run_extractor):
    text = (
        "临江市第一人民医院（以下简称“我院”）举行合作签约仪式。\n\n"
        "我院与示川医疗科技有限公司签署《心血管影像联合实验室共建协议》。\n\n"
        "随后，我院、临江大学与临江市高新区管委会三方签署合作协议。\n"
    )
    found = {tuple(r.parties): r.agreement for r in run_extractor(NAME, text)}
    assert found == {
        ("临江市第一人民医院", "示川医疗科技有限公司"): "心血管影像联合实验室共建协议",
        ("临江市第一人民医院", "临江大学", "临江市高新区管委会"): "合作协议",
    }


def test_a_signing_at_a_dated_ceremony_takes_its_day_and_an_unrelated_event_gives_none(run_extractor):
    text = (
        "2026年2月26日上午，临江市第一人民医院医学人工智能合作集中签约仪式在学术报告厅举行。\n\n"
        "签约环节，临江市第一人民医院与示川医疗科技有限公司签署战略合作协议。\n"
    )
    (rec,) = run_extractor(NAME, text)
    assert rec.date == "2026-02-26"
    digest = "7月10日，国家卫生健康委召开例行新闻发布会。\n\n19. 海岳药业与德国Veltra Pharma GmbH签署授权许可协议。\n"
    (rec,) = run_extractor(NAME, digest)
    assert rec.date is None


@pytest.mark.parametrize("text, expected", [
    # 分别 before 与: one subject, each partner its own cooperation
    ("觅川医疗分别与北辰积水医院、清川大学精密仪器系达成合作。",
     [["觅川医疗", "北辰积水医院"], ["觅川医疗", "清川大学精密仪器系"]]),
    # 分别 after the partners, before the verb
    ("2024年3月，澄川医疗与北辰大学第一医院、临川市人民医院分别签署了战略合作协议。",
     [["澄川医疗", "北辰大学第一医院"], ["澄川医疗", "临川市人民医院"]]),
    # without 分别 the partners sign one agreement together
    ("2024年3月，澄川医疗与北辰大学第一医院、临川市人民医院签署了三方战略合作协议。",
     [["澄川医疗", "北辰大学第一医院", "临川市人民医院"]]),
])
def test_respectively_makes_one_cooperation_per_partner(run_extractor, text, expected):
    assert sorted(_parties(run_extractor(NAME, text))) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    # a Latin legal name keeps its comma; a country before it is where the company is, not its name
    ("6月9日，江苏澄川药业股份有限公司与Calyx Biosciences, Inc.签署《独家许可协议》。",
     [["江苏澄川药业股份有限公司", "Calyx Biosciences, Inc."]]),
    ("北京临川生物科技有限公司与日本Sorami Pharmaceutical Co., Ltd.于6月14日签署共同开发协议。",
     [["北京临川生物科技有限公司", "Sorami Pharmaceutical Co., Ltd."]]),
    ("6月13日，上海医澜医疗科技有限公司（医澜科技）与以色列Vitrix Medical Ltd.签署独家经销协议。",
     [["上海医澜医疗科技有限公司", "Vitrix Medical Ltd."]]),
    # licences given and taken
    ("2025年6月12日，苏州澄翊生物科技有限公司宣布，将其融合蛋白YK-031在美国和欧盟的开发和商业化权益独家授予欧洲药企Brevant Pharma AG。",
     [["苏州澄翊生物科技有限公司", "Brevant Pharma AG"]]),
    ("本周，成都蓉川制药有限公司宣布，从上海瀚川生物医药科技有限公司引进一款靶向PCSK9的siRNA药物HN-0302。",
     [["成都蓉川制药有限公司", "上海瀚川生物医药科技有限公司"]]),
    # 引进 of people or equipment is no licence; 联合 before a verb names no partner
    ("公司今年从海外引进了多名高端人才。", []),
    ("医院从德国引进了一台质子治疗设备。", []),
    ("三方将互派科研人员，联合招收研究生，设立开放课题。", []),
])
def test_licences_and_foreign_legal_names(run_extractor, text, expected):
    assert _parties(run_extractor(NAME, text)) == expected


def test_a_hospital_s_own_news_calls_it_我院_and_医院(run_extractor):
    text = ("北辰大学第一医院 > 新闻中心 > 医院要闻\n\n我院与澄川智医签署战略合作协议\n\n发布时间：2025-04-18\n\n"
            "4月17日，我院与澄川智医签署战略合作协议。仪式上，我院还与临川数智科技（山东）有限公司签署《算力保障服务协议》。\n\n"
            "2022年10月，医院又与康川医疗数据技术（北京）有限公司签署战略合作协议。\n")
    assert sorted(_parties(run_extractor(NAME, text))) == sorted([
        ["北辰大学第一医院", "澄川智医"], ["北辰大学第一医院", "临川数智科技（山东）有限公司"],
        ["北辰大学第一医院", "康川医疗数据技术（北京）有限公司"]])


def test_a_time_word_before_我们_leaves_the_company_the_interview_is_about(run_extractor):
    """A relative time (lexicon.time) before 我们 is no part of the subject: "去年我们和华为云合作…"."""
    text = ("专访澜川智能创始人陈砚秋：病理AI的下一站\n\n记者：澜川智能和哪些机构合作？\n\n"
            "陈砚秋：去年我们和华为云合作推出了病理多模态大模型。\n")
    recs = run_extractor(NAME, text)
    assert [r.parties for r in recs] == [["澜川智能", "华为云"]]


@pytest.mark.parametrize("text, expected", [
    # adverbs around a time between the partners and the verb
    ("北辰大学软件学院与北辰大学第一医院也早在2021年就签订了科研合作协议。", [["北辰大学软件学院", "北辰大学第一医院"]]),
    ("北辰大学软件学院与澄川智医在2023年已共建联合实验室。", [["北辰大学软件学院", "澄川智医"]]),
    # 公司 as a later clause's subject is the company the document defines as 公司
    ("岭川医药集团股份有限公司（以下简称“岭川医药”或“公司”）2025年度ESG报告\n\n"
     "2025年6月，公司与肇庆市人民政府签署战略合作协议。2025年11月，公司将复方丹芎通络颗粒在东南亚地区的开发和商业化权益"
     "授权给新加坡Verdant Pharma Pte. Ltd.，获得首付款2000万美元。",
     [["岭川医药", "肇庆市人民政府"], ["岭川医药", "Verdant Pharma Pte. Ltd."]]),
])
def test_adverbs_around_a_time_and_公司_as_a_later_subject(run_extractor, text, expected):
    assert _parties(run_extractor(NAME, text)) == expected


def test_公司_is_the_brand_the_sentence_before_opens_with_not_the_dateline_label(run_extractor):
    # "发布时间：…" heads the page; the brand no mention found acts in subject position ("X11月17日宣布")
    text = "发布时间：2023-11-20\n鉴川基因11月17日宣布获得战略投资。公司同时与华川智造达成合作。"
    (rec,) = run_extractor(NAME, text)
    assert rec.parties == ["鉴川基因", "华川智造"]


def test_an_aside_describing_a_party_does_not_end_the_clause(run_extractor):
    text = "2025年11月3日，澄邦医疗与Veltrane Therapeutics, Inc.（「Veltrane」，一家于美国注册成立的生物制药公司）签署独家许可协议。"
    (rec,) = run_extractor(NAME, text)
    assert rec.parties == ["澄邦医疗", "Veltrane Therapeutics, Inc."] and rec.date == "2025-11-03"


@pytest.mark.parametrize("text, parties", [
    ("日前，AI慢病管理平台“知川健康”（北京知川健康科技有限公司）获得康瑞华药业股份有限公司数千万元战略投资。"
     "据悉，双方同时签署了战略合作协议。", ["知川健康", "康瑞华药业股份有限公司"]),
    ("澄和医疗与瑞金医院于3月举行座谈。双方签署了战略合作协议。", ["澄和医疗", "瑞金医院"]),
])
def test_双方_are_the_two_organisations_of_the_sentence_before(run_extractor, text, parties):
    (rec,) = run_extractor(NAME, text)
    assert rec.parties == parties and rec.agreement == "战略合作协议"


def test_双方_after_a_sentence_naming_three_organisations_gives_nothing(run_extractor):
    assert run_extractor(NAME, "澄和医疗、星桥医疗与瑞金医院举行座谈。双方签署了战略合作协议。") == []


def test_a_licence_to_a_foreign_company_named_with_its_country_and_the_latter_is_no_party(run_extractor):
    text = ("20. 授权合作：上海岷岚医药科技有限公司与美国Vertexa Therapeutics公司签署独家许可协议，"
            "将岷岚珠单抗在大中华区以外的开发及商业化权益授予后者，首付款4500万美元。")
    got = [(r.parties, r.agreement) for r in run_extractor("partnership.rules.v1", text)]
    assert got == [(["上海岷岚医药科技有限公司", "Vertexa Therapeutics"], "独家许可协议")]


def test_bodies_that_jointly_publish_a_document_are_its_issuers_not_partners(run_extractor):
    text = "根据国家医保局、国家卫生健康委联合发布的《关于完善医疗服务价格项目的指导意见》，AI辅助诊断将单独立项收费。"
    assert run_extractor("partnership.rules.v1", text) == []


@pytest.mark.parametrize("text, expected", [
    # a signing ceremony held together, 我院 the hospital the page defines
    ("医院新闻\n\n郑州岚川医院（以下简称“我院”）\n\n11月20日，我院与岚影医疗科技有限公司举行战略合作签约仪式，"
     "院长张某与公司总经理李某代表双方签约。", [["郑州岚川医院", "岚影医疗科技有限公司"]]),
    # a number of hospitals is no party
    ("签约仪式上，岚川智能分别与北京、上海两地的三家医院签订了合作协议。", []),
])
def test_a_ceremony_held_together_and_a_count_of_hospitals(run_extractor, text, expected):
    assert [r.parties for r in run_extractor("partnership.rules.v1", text)] == expected


def test_we_the_hospital_on_a_page_under_its_masthead(run_extractor):
    """A hospital's news page headed "X | 医院要闻": 我院 is X."""
    text = ("北京大学第三医院 | 医院要闻\n\n我院与北京晟影科技有限公司签署战略合作协议\n\n"
            "2025年5月，我院与北京晟影科技有限公司签署战略合作协议，共建影像AI联合实验室。\n")
    assert {tuple(r.parties) for r in run_extractor(NAME, text)} == {("北京大学第三医院", "北京晟影科技有限公司")}


@pytest.mark.parametrize("tag", ["【医工协同】", "【合作】", ""])
def test_a_digest_items_category_tag_and_a_relative_time_before_the_verb(run_extractor, tag):
    """"4.【医工协同】A与B本周达成战略合作": the tag is no party (协同 joins nothing), 本周 is no part of B."""
    text = f"4.{tag}成都远望药业有限公司与珠海青禾医疗科技有限公司本周达成战略合作，共同推出肺癌早筛方案。\n"
    assert [sorted(r.parties) for r in run_extractor(NAME, text)] == [["成都远望药业有限公司", "珠海青禾医疗科技有限公司"]]

"""certified_product.rules.v1: approvals found in tables and prose; priority reviews, counts,
trials, awards and promo codes are not approvals; one record per approval."""

from __future__ import annotations

import pytest

NAME = "certified_product.rules.v1"


def _fields(rec) -> tuple:
    return (rec.product, rec.company, rec.authority, rec.cert_class, rec.date)


NMPA_TABLE = (
    "3.3 三类场景、五个产品获得三类证\n\n"
    "表 4 医疗器械三类证 AI 产品获批情况\n\n"
    "产品名称\t企业简称\t获批时间\n"
    "冠脉血流储备分数计算软件\t科亚医疗\t2020 年 1 月\n"
    "糖尿病视网膜病变分析软件\tAirdoc\t2020 年 8 月\n\n"
    "数据来源：NMPA、CDME\n\n"
    "● **Airdoc 糖尿病视网膜病变分析软件**\n\n"
    "该产品于2020年8月获得国家药监局三类医疗器械注册证，是首批获批的眼底病变辅助诊断软件。\n"
)

FDA_TABLE = (
    "表 6 FDA 审批通过的 AI 产品情况\n\n"
    "企业名称\t日期\t获批产品\t简介\t类型\n"
    "Medtronic\t2018.3\t\t根据血糖监测系统的读数分析患者低血糖可能\t疾病预测\n"
    "Idx\t2018.4\tIDx-DR\t检查糖网视网膜病变\t辅助诊断\n"
    "Pear\t2018.12\tReSET-0\t提供认知行为疗法或 CBT, 增加门\t疾病管理\n\n"
    "Therapeutics\t\t\t诊治疗中 Opioid Use Disorder 或 OUD 患者的保留率\t\n\n"
    "数据来源：FDA\n"
)


def test_nmpa_table_rows_take_authority_and_class_from_caption_and_note(run_extractor):
    recs = run_extractor(NAME, NMPA_TABLE)
    assert sorted(map(_fields, recs)) == [
        ("冠脉血流储备分数计算软件", "科亚医疗", "NMPA", "III", "2020-01"),
        ("糖尿病视网膜病变分析软件", "Airdoc", "NMPA", "III", "2020-08"),
    ]  # the heading + "该产品…" paragraph repeats the Airdoc row: emitted once


def test_fda_table_keeps_rows_without_product_and_wrapped_company(run_extractor):
    recs = {r.company: r for r in run_extractor(NAME, FDA_TABLE)}
    assert set(recs) == {"Medtronic", "Idx", "Pear Therapeutics"}
    assert recs["Medtronic"].product is None and recs["Medtronic"].date == "2018-03"
    assert _fields(recs["Idx"]) == ("IDx-DR", "Idx", "FDA", None, "2018-04")
    assert recs["Pear Therapeutics"].product == "ReSET-0"


def test_evidence_points_at_the_document_text(run_extractor):
    text = "一个成功的案例是2020年6月获FDA批准的面向儿童的数字医疗解决方案TALi¹²。"
    (rec,) = run_extractor(NAME, text)
    assert text[rec.evidence.start:rec.evidence.end] == rec.evidence.text
    assert "TALi" in rec.evidence.text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("一个成功的案例是2020年6月获FDA批准的面向儿童的数字医疗解决方案TALi¹²。",
         {("TALi", None, "FDA", None, "2020-06")}),
        ("心内科产品深脉分数®是科亚医疗自主研发的一款基于人工智能的冠脉血流储备分数计算软件，是中国首款获得 NMPA "
         "认证的人工智能三类医疗器械，也是目前国内唯一拥有中国 NMPA 和欧盟 CE 双重认证产品。",
         {("深脉分数®", "科亚医疗", "NMPA", "III", None), ("深脉分数®", "科亚医疗", "CE", None, None)}),
        ("平台率先将获得 FDA 和 CFDA 双认证的智能医学影像辅助诊断系统“飞利浦星云影像后处理系统”置于云端。",
         {("飞利浦星云影像后处理系统", None, "FDA", None, None), ("飞利浦星云影像后处理系统", None, "NMPA", None, None)}),
        ("近日，推想科技的肺结节CT影像辅助检测软件获得国家药监局颁发的三类医疗器械注册证（国械注准20203210843）。",
         {("肺结节CT影像辅助检测软件", "推想科技", "NMPA", "III", None)}),
        ("2022年1月，乐普医疗自主研发的AI-ECG Tracker获得NMPA二类医疗器械注册证。",
         {("AI-ECG Tracker", "乐普医疗", "NMPA", "II", "2022-01")}),
        ("联影智能uAI Discover-NCP肺炎智能辅助分析系统于2020年4月通过FDA 510(k)认证。",
         {("uAI Discover-NCP肺炎智能辅助分析系统", "联影智能", "FDA", None, "2020-04")}),
        ("2021年3月，鹰瞳科技宣布，其糖尿病视网膜病变分析软件获得欧盟CE认证。",
         {("糖尿病视网膜病变分析软件", "鹰瞳科技", "CE", None, "2021-03")}),
        ("2019年12月，百济神州的泽布替尼获得美国FDA批准上市，用于治疗套细胞淋巴瘤。",
         {("泽布替尼", "百济神州", "FDA", None, "2019-12")}),
        ("信达生物的信迪利单抗注射液（商品名：达伯舒）于2018年12月获批上市。",
         {("信迪利单抗注射液", "信达生物", "NMPA", None, "2018-12")}),
        ("日前，国家药监局批准了恒瑞医药的卡瑞利珠单抗注射液上市。",
         {("卡瑞利珠单抗注射液", "恒瑞医药", "NMPA", None, None)}),
        ("6月29日，微创医疗宣布其Firehawk冠脉雷帕霉素靶向洗脱支架获得美国FDA批准。",
         {("Firehawk冠脉雷帕霉素靶向洗脱支架", "微创医疗", "FDA", None, None)}),
        ("术锐手术机器人获得日本PMDA批准。", {("术锐手术机器人", None, "PMDA", None, None)}),
    ],
)
def test_prose_approvals(run_extractor, text, expected):
    assert {_fields(r) for r in run_extractor(NAME, text)} == expected


def test_product_named_in_bold_heading(run_extractor):
    text = "● **硅基智能糖尿病视网膜病变眼底图像辅助诊断软件**\n\n该产品于2020年8月获得国家药监局三类医疗器械注册证。\n"
    assert [_fields(r) for r in run_extractor(NAME, text)] == [
        ("糖尿病视网膜病变眼底图像辅助诊断软件", "硅基智能", "NMPA", "III", "2020-08")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "表 5 绿色通道的 AI 产品情况\n\n软件名\t领域\t企业\t年份\n冠状动脉供血功能评估软件\t心血管\t深圳睿心智能医疗科技有限公司\t2020\n"
        "肺结节 CT 辅助检测软件\t肺炎\t杭州深睿博联科技有限公司\t2020\n\n数据来源：NMPA、CDME\n",
        "该产品已进入创新医疗器械特别审查程序，有望于年内获批。",
        "截至2022年6月，共有47款AI医疗器械获批三类证。",
        "AI 医疗器械审批的组织、制度、流程都在加速变革，已有 5 家企业获得医疗器械三类证，且还有 10 余家企业的产品正在认证审批中。",
        "公司的肺结节产品目前正在申报NMPA三类证。",
        "该药物获得国家药监局临床试验默示许可。",
        "深睿医疗的Dr.Wise肺结节CT影像辅助诊断系统荣获2020年度中国医疗器械创新奖。",
        "审批编号：C-ANPROM/CN/ALUN/0075\n\n获批日期：2023 年 12 月\n",
        "DAMO Panda是阿里达摩院研发的胰腺癌筛查AI模型，并在2025年获得美国FDA的突破性医疗器械认证。",
        "科亚医疗作为国内取得首张 AI 医疗器械三类证且同时获得国内首个 AI 影像诊断系统 FDA 认证的企业。",
        "该公司已通过ISO 13485质量管理体系认证。",
        "目前系统已覆盖国家药监局批准约 17 万药品说明书、海量权威临床药物书籍。",
        "表 1 国内获准参与新冠病毒实验的实验室\n\n实验室\t等级\t获批时间\t实验任务\n武汉国家生物安全实验室\tP4\t2019. 12. 30\t病原鉴定\n"
        "湖北省疾控中心\tP3\t2020. 1. 10\t传播途径\n\n数据来源：各疾控中心网站\n",
    ],
    ids=["green-channel-table", "special-review", "count-47", "count-and-in-review", "in-review", "trial-approval",
         "award", "promo-code", "breakthrough", "company-firsts", "iso-certificate", "drug-label-count", "lab-table"],
)
def test_not_approvals(run_extractor, text):
    assert run_extractor(NAME, text) == []


def test_written_authority_and_registration_number_are_kept(run_extractor):
    text = "2023年5月，推想科技的肺结节CT影像辅助检测软件获得国家药监局颁发的三类医疗器械注册证（国械注准20233210456）。"
    (rec,) = run_extractor("certified_product.rules.v1", text)
    assert (rec.authority, rec.authority_raw, rec.cert_class) == ("NMPA", "国家药监局", "III")
    assert rec.registration_no == "国械注准20233210456"
    assert (rec.product, rec.company, rec.date) == ("肺结节CT影像辅助检测软件", "推想科技", "2023-05")


def test_cfda_is_normalised_but_kept_as_written(run_extractor):
    text = "平台率先将获得 FDA 和 CFDA 双认证的智能医学影像辅助诊断系统“飞利浦星云影像后处理系统”引入中国。"
    recs = {r.authority: r for r in run_extractor("certified_product.rules.v1", text)}
    assert set(recs) == {"FDA", "NMPA"}
    assert recs["NMPA"].authority_raw == "CFDA" and recs["FDA"].authority_raw == "FDA"

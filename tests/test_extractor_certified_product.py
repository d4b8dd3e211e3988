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


OVERVIEW_TABLES = (
    "表3：国内部分AI医疗器械三类证获批情况\n"
    "企业\t产品\t获批时间\n"
    "北辰智影\t肺结节CT影像辅助检测软件（BC-Lung）\t2021-03\n"
    "资料来源：国家药监局\n\n"
    "图表7：重点公司核心产品境内外获证对比\n"
    "公司\t核心产品\tNMPA三类证\tFDA 510(k)\tCE MDR\n"
    "北辰智影\tBC-Lung\t2021-03\t2023-09\tFeb 2022\n"
    "云稷医疗\tYJ-Bone\t2022-07\t—\t在审\n"
    "资料来源：公司公告\n"
)


def test_a_table_with_a_column_per_regulator_gives_each_dated_approval_once(run_extractor):
    got = sorted(map(_fields, run_extractor(NAME, OVERVIEW_TABLES)))
    assert got == [
        ("BC-Lung", "北辰智影", "CE", None, "2022-02"),
        ("BC-Lung", "北辰智影", "FDA", None, "2023-09"),
        ("YJ-Bone", "云稷医疗", "NMPA", "III", "2022-07"),
        ("肺结节CT影像辅助检测软件（BC-Lung）", "北辰智影", "NMPA", "III", "2021-03"),
    ]  # the overview's NMPA cell of BC-Lung repeats the first table; "—" and "在审" are no approvals


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
         # the maker prefixing the quoted name is a known company (org gazetteer), the name stays whole
         {("飞利浦星云影像后处理系统", "飞利浦", "FDA", None, None), ("飞利浦星云影像后处理系统", "飞利浦", "NMPA", None, None)}),
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


# --- other publishers' layouts ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2021年9月，杭州德晋医疗科技有限公司（以下简称“德晋医疗”）的经导管二尖瓣夹系统获国家药监局批准上市。"
         "2022年，德晋医疗经导管三尖瓣修复系统获得欧盟CE认证。",
         {("经导管二尖瓣夹系统", "杭州德晋医疗科技有限公司", "NMPA", None, "2021-09"),
          ("经导管三尖瓣修复系统", "德晋医疗", "CE", None, "2022")}),
        ("2022年4月，江苏艾立康医药科技有限公司（艾立康）的吸入用溶液获国家药监局批准上市。",
         {("吸入用溶液", "江苏艾立康医药科技有限公司", "NMPA", None, "2022-04")}),
        ("2022年12月，石药集团与海外合作伙伴合作开发的恩朗苏拜单抗注射液获FDA批准上市。",
         {("恩朗苏拜单抗注射液", "石药集团", "FDA", None, "2022-12")}),
        ("心擎医疗的体外膜肺氧合系统已陆续取得欧盟CE认证、美国FDA 510(k)许可以及日本PMDA认证。",
         {("体外膜肺氧合系统", "心擎医疗", a, None, None) for a in ("CE", "FDA", "PMDA")}),
        ("4.3 海外认证\n\n2022年8月，江苏某医疗科技有限公司的一次性腔镜吻合器获得欧盟CE认证，并通过美国FDA 510(k)审查。\n",
         {("一次性腔镜吻合器", "江苏某医疗科技有限公司", a, None, "2022-08") for a in ("CE", "FDA")}),
        ("2021年6月，上海某医疗器械股份有限公司的经导管主动脉瓣系统获国家药监局批准上市，"
         "成为国内首个获得三类医疗器械注册证的可回收瓣膜产品。",
         {("经导管主动脉瓣系统", "上海某医疗器械股份有限公司", "NMPA", "III", "2021-06")}),
        ("心诺普医疗是一家专注于神经介入的企业，其核心产品为颅内取栓支架系统，已于2021年获得国家药监局三类证。",
         {("颅内取栓支架系统", "心诺普医疗", "NMPA", "III", "2021")}),
        ("● **安德医智：神经影像AI先行者**\n\n安德医智是国内最早布局神经影像AI的企业之一。"
         "其颅内肿瘤磁共振影像辅助诊断软件已于2022年3月获得欧盟CE认证。\n",
         {("颅内肿瘤磁共振影像辅助诊断软件", "安德医智", "CE", None, "2022-03")}),
        ("健适医疗方面，公司的冠脉药物球囊于2022 年 9 月取得欧盟CE MDR认证；同年，健适医疗外周球囊扩张导管获NMPA二类医疗器械注册证。",
         {("冠脉药物球囊", "健适医疗", "CE", None, "2022-09"), ("外周球囊扩张导管", "健适医疗", "NMPA", "II", "2022")}),
        ("百奥泰生物的贝伐珠单抗注射液联合化疗用于晚期非小细胞肺癌的新适应症于2022年5月获国家药监局批准上市。",
         {("贝伐珠单抗注射液", "百奥泰生物", "NMPA", None, "2022-05")}),
        ("2021年6月，泽璟制药的多纳非尼片通过优先审评程序获国家药监局批准上市。",
         {("多纳非尼片", "泽璟制药", "NMPA", None, "2021-06")}),
        ("作者：某某研究院  发布日期：2022-11-20\n\n1. 11月15日，安德医智的颅内出血CT影像辅助分诊软件获得国家药监局颁发的三类医疗器械注册证。\n",
         {("颅内出血CT影像辅助分诊软件", "安德医智", "NMPA", "III", "2022-11-15")}),
        ("2022年，联影医疗又有全景动态PET/CT uEXPLORER获得美国FDA 510(k)许可（2022年6月）。",
         {("全景动态PET/CT uEXPLORER", "联影医疗", "FDA", None, "2022-06")}),
        ("2023年9月，苏州某影像科技有限公司自主研发的数字化乳腺X射线机“星影M1”获得国家药监局颁发的三类医疗器械注册证。",
         {("星影M1", "苏州某影像科技有限公司", "NMPA", "III", "2023-09")}),
        ("表3：2022年部分国产1类创新药获批上市情况\n\n企业\t药品名称\t获批日期\t适应症\n泽璟制药\t多纳非尼片\t2021-06\t晚期肝细胞癌\n"
         "\t重组人凝血酶\t2023-01\t外科止血\n\n资料来源：NMPA，公司公告\n\n2021年6月8日，泽璟制药的多纳非尼片获国家药监局批准上市。\n",
         {("多纳非尼片", "泽璟制药", "NMPA", None, "2021-06-08"), ("重组人凝血酶", "泽璟制药", "NMPA", None, "2023-01")}),
        ("图表7：国产创新药在美国获批情况\n\n药品\t企业\tFDA获批时间\t适应症\n替雷利珠单抗（TEVIMBRA）\t百济神州\t2024.3\t食管鳞癌\n\n"
         "资料来源：FDA官网\n\n2024年3月14日，百济神州宣布其PD-1抑制剂替雷利珠单抗注射液（美国商品名：TEVIMBRA）获美国FDA批准上市。\n",
         {("替雷利珠单抗（TEVIMBRA）", "百济神州", "FDA", None, "2024-03-14")}),
    ],
    ids=["alias-aside", "short-name-aside", "partner", "three-authorities", "shared-subject-under-section-heading",
         "restated-category", "core-product-is", "paragraph-topic", "aspect-and-same-year", "new-indication",
         "priority-review-route", "bare-date-publication-year", "has-and-bracket-date", "quoted-after-category",
         "drug-category-table", "table-and-described-prose"],
)
def test_other_publishers_layouts(run_extractor, text, expected):
    assert {_fields(r) for r in run_extractor(NAME, text)} == expected


@pytest.mark.parametrize(
    "text",
    [
        "2022年，全省医疗器械企业新获批二类医疗器械注册证1,342张、三类医疗器械注册证65张。",
        "截至2023年底，全区拥有有效医疗器械注册证（含备案凭证）超过8000张。",
        "至此，联影智能已累计获得12张NMPA三类证。",
        "表2 2020-2023年全省医疗器械产业概况\n\n年份\t营业收入（亿元）\t规上企业数（家）\t新增二类证（张）\n2020\t860\t410\t512\n"
        "2021\t990\t455\t603\n\n数据来源：省药监局\n",
        "行业资金正加速向拥有NMPA三类证的龙头企业聚集。",
        "该产品通过优先审评程序进入审批，有望于年内获批。",
        "2023年医疗AI一级市场共发生融资事件71起，资金进一步向已取得三类证、具备规模化收入的企业集中。",
        "大模型能力开始进入影像报告生成环节，但在取得相应注册证之前，相关产品仍只能以非医疗器械形态提供。",
    ],
    ids=["count-after-noun", "stock-count", "running-count", "statistics-table", "prepositional", "priority-review-only",
         "capital-flows-to-certified", "before-certification"],
)
def test_statistics_and_descriptions_are_not_approvals(run_extractor, text):
    assert run_extractor(NAME, text) == []


def test_provincial_bureau_and_later_registration_number(run_extractor):
    (rec,) = run_extractor(NAME, "7月13日，某某康复的“心肺康复训练系统”获得四川省药监局颁发的二类医疗器械注册证。")
    assert (rec.authority, rec.authority_raw, rec.cert_class) == ("NMPA", "四川省药监局", "II")
    (rec,) = run_extractor(NAME, "11月8日，心玮医疗“颅内血栓抽吸导管”获国家药监局批准上市，注册证号为国械注准20223030975。")
    assert (rec.product, rec.company, rec.cert_class, rec.date) == ("颅内血栓抽吸导管", "心玮医疗", "III", None)
    assert rec.registration_no == "国械注准20223030975"


# --- Markdown / PDF / news-flash / annual-report / bilingual layouts ------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("- Lianying Imaging's uCT Atlas Pro（全身CT）received FDA 510(k) clearance (K231234) in Mar 2023, "
         "one of the first Chinese CT systems cleared in the US。",
         {("uCT Atlas Pro", "Lianying Imaging", "FDA", None, "2023-03")}),
        ("- Hanglok Medical's VasoGuide catheter obtained FDA 510(k) clearance in Aug 2022，并已获得 CE mark。",
         {("VasoGuide catheter", "Hanglok Medical", "FDA", None, "2022-08"),
          ("VasoGuide catheter", "Hanglok Medical", "CE", None, None)}),
        ("- BioRay Robotics' Orion® spine robot（骨科手术机器人）obtained CE certification under EU MDR in May 2023；"
         "该产品此前已于2021年9月获得NMPA三类注册证。",
         {("Orion® spine robot", "BioRay Robotics", "CE", None, "2023-05"),
          ("Orion® spine robot", "BioRay Robotics", "NMPA", "III", "2021-09")}),
        ("- Medisight's RetinaScan system received CE mark in Q3 2022。",
         {("RetinaScan system", "Medisight", "CE", None, "2022")}),
        ("发布时间：2024-03-05\n\n3月2日，康哲药业宣布，美国FDA已于3月1日批准VELTORA™（veltorasib，维妥拉西布）上市，用于治疗晚期胃癌。\n",
         {("VELTORA™", "康哲药业", "FDA", None, "2024-03-01")}),
        ("新松医疗的**睿刀经皮穿刺机器人**早在2019年即获得三类证，第二代产品**睿刀2.0**于2022年获批。",
         {("睿刀经皮穿刺机器人", "新松医疗", "NMPA", "III", "2019"), ("睿刀2.0", "新松医疗", "NMPA", None, "2022")}),
        ("康诺医疗的**KN300单孔手术机器人**紧随其后，于2023年5月获得NMPA三类证。",
         {("KN300单孔手术机器人", "康诺医疗", "NMPA", "III", "2023-05")}),
        ("Shenrui Medical（深睿医疗）的 Dr.Wise Lung 作为国内较早的AI三类证产品，早在2020年11月即已获得NMPA批准。",
         {("Dr.Wise Lung", "Shenrui Medical（深睿医疗）", "NMPA", "III", "2020-11")}),
        ("迈瑞医疗宣布其BC-7500血液细胞分析仪获得欧盟CE MDR认证。BC-7500检测通量可达每小时200样本，此前已于2021年获得国家药监局注册证。",
         {("BC-7500血液细胞分析仪", "迈瑞医疗", "CE", None, None), ("BC-7500", "迈瑞医疗", "NMPA", None, "2021")}),
        ("6月5日，推想医疗宣布其肺结节CT辅助检测软件InferRead Lung获美国FDA“突破性医疗器械”认定。"
         "该软件的国内版本已于2020年获得国家药监局三类证。",
         {("InferRead Lung", "推想医疗", "NMPA", "III", "2020")}),
        ("2021年5月，微创心通的VitaFlow Liberty®经导管主动脉瓣系统获国家药监局批准上市；2022年，VitaFlow Liberty®再获欧盟CE认证。",
         {("VitaFlow Liberty®经导管主动脉瓣系统", "微创心通", "NMPA", None, "2021-05"),
          ("VitaFlow Liberty®", "微创心通", "CE", None, "2022")}),
        ("2023年4月，深圳一家企业研发的颅内出血CT影像辅助分诊软件经国家药监局批准上市，成为我省首个获批的人工智能三类医疗器械。",
         {("颅内出血CT影像辅助分诊软件", None, "NMPA", "III", "2023-04")}),
        ("7｜华东医药利拉鲁肽注射液获批上市\n\n此前，利拉鲁肽注射液已于2022年3月获得美国FDA批准上市。\n",
         {("利拉鲁肽注射液", "华东医药", "FDA", None, "2022-03")}),
        ("2023年9月，百利天恒的注射用BL-B01D1获国家药监局批准上市。2024年1月在美国获批晚期乳腺癌新适应症。",
         {("BL-B01D1", "百利天恒", "NMPA", None, "2023-09"), ("BL-B01D1", "百利天恒", "FDA", None, "2024-01")}),
    ],
    ids=["en-510k-possessive-gloss", "en-clearance-then-ce-mark-undated", "en-ce-mdr-then-anaphor-nmpa", "en-quarter-date",
         "passive-adverbs-bracket-names-announcer", "bold-generation-bare-approval", "bold-subjectless-clause",
         "as-subject-opening-class", "model-code-opening", "anaphor-version-after-designation", "short-form-borrows-maker",
         "unnamed-company-restated-class", "headline-maker", "place-is-not-a-subject"],
)
def test_new_layouts(run_extractor, text, expected):
    assert {_fields(r) for r in run_extractor(NAME, text)} == expected


ANNUAL_REPORT = (
    "杭州明视医疗科技股份有限公司（以下简称“明视医疗”“公司”）成立于2015年，专注于眼科影像设备。\n\n"
    "截至报告期末，公司共持有境内医疗器械注册证3项，取得美国FDA 510(k)许可1项、欧盟CE认证1项。公司主要产品的境内注册情况如下：\n\n"
    "表2-1　公司产品取得的医疗器械注册证\n\n"
    "序号\t产品名称\t注册证编号\t类别\t注册证有效期至\t获批时间\n"
    "1\t眼底图像辅助诊断软件\t国械注准20223210455\tIII类\t2027-04-17\t2022-04-18\n"
    "2\t眼科光学相干断层扫描仪\t国械注进20212160321\tII类\t2026-09-01\t2021-09-02\n"
    "3\t眼科影像管理软件\t浙械注准20202210876\tII类\t2025-06-29\t2020-06-30\n\n"
    "注1：第2项产品由公司控股子公司OptiView GmbH（德国）生产，以进口医疗器械注册。\n\n"
    "表2-2　公司产品境外认证情况\n\n"
    "产品名称\t认证类型\t证书编号\t发证机构\t取得时间\n"
    "OptiScan-DR\tFDA 510(k)\tK221876\t美国FDA\t2022-11-03\n"
    "OptiScan-DR\tCE（MDR，IIa类）\tCE 650112\tBSI\t2021-05-20\n"
)


def test_annual_report_registration_tables(run_extractor):
    """Certificate numbers give authority and class (国械注准/国械注进/浙械注准 -> NMPA, K-number -> FDA),
    not the FDA / CE counts of the paragraph above; 公司产品 tables are the reporting company's, except
    a row a footnote gives another maker."""
    recs = run_extractor(NAME, ANNUAL_REPORT)
    assert sorted(map(_fields, recs)) == sorted([
        ("眼底图像辅助诊断软件", "明视医疗", "NMPA", "III", "2022-04-18"),
        ("眼科光学相干断层扫描仪", "OptiView GmbH", "NMPA", "II", "2021-09-02"),
        ("眼科影像管理软件", "明视医疗", "NMPA", "II", "2020-06-30"),
        ("OptiScan-DR", "明视医疗", "FDA", None, "2022-11-03"),
        ("OptiScan-DR", "明视医疗", "CE", None, "2021-05-20"),
    ])
    by_no = {r.registration_no: r for r in recs}
    assert set(by_no) == {"国械注准20223210455", "国械注进20212160321", "浙械注准20202210876", "K221876", None}


def test_markdown_table_class_in_certificate_column_and_pending_rows(run_extractor):
    text = ("下表汇总了部分代表性产品获证情况：\n\n| 产品 | 企业 | 认证类型 | 获证时间 |\n|---|---|---|---|\n"
            "| 长征血管介入机器人 | 奥朋医疗 | NMPA三类 | 2023-08 |\n| 长征血管介入机器人 |  | CE MDR | 2024-02 |\n"
            "| 灵犀经皮穿刺机器人 | 灵犀科技 | 进入创新审查 | 2024-01 |\n")
    assert sorted(map(_fields, run_extractor(NAME, text))) == [
        ("长征血管介入机器人", "奥朋医疗", "CE", None, "2024-02"),
        ("长征血管介入机器人", "奥朋医疗", "NMPA", "III", "2023-08"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "公司提醒投资者，在研产品能否按期取得注册证存在不确定性。",
        "对获得三类医疗器械注册证的本市企业给予一次性补助。",
        "目前国内尚无经皮心室辅助装置获批上市，多家企业处于注册临床阶段。",
        "公司目前持有50余项二类医疗器械注册证。",
        "该软件后续将通过De Novo路径申请上市。",
        "越来越多的企业在取得NMPA注册证后同步申请FDA 510(k) clearance。",
        "Deepwise's lung nodule software received FDA Breakthrough Device Designation in May 2023.",
        "这是首个在欧洲获批的国产骨科机器人。",
        "进口医疗器械也相继在国内获批上市。",
    ],
    ids=["hedge", "policy-subsidy", "none-yet", "count-with-yu", "future-filing", "filing-after-approval",
         "en-breakthrough-designation", "restated-category-without-antecedent", "origin-category"],
)
def test_new_layouts_not_approvals(run_extractor, text):
    assert run_extractor(NAME, text) == []


# --- issue #18: approvals in the verb forms news and announcements use ------------------------
# (invented companies and products; one family per id)

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # drug approval, "正式获批上市", a short-name aside, a bracket with commas, a category before the name
        ("2025年4月2日，国家药监局官网显示，江川生物医药有限公司（下称“江川生物”）自主研发的1类创新药泽瑞普单抗注射液"
         "（商品名：安瑞宁，研发代号：JC-101）正式获批上市，用于治疗中重度特应性皮炎。",
         {("泽瑞普单抗注射液", "江川生物医药有限公司", "NMPA", None, "2025-04-02")}),
        # "附条件批准上市", "其" = the company the text defined before
        ("岭南药业有限公司（以下简称“岭南药业”）成立于2016年。\n\n2024年8月，其小分子靶向药物科立替尼片获得国家药监局附条件批准上市。",
         {("科立替尼片", "岭南药业", "NMPA", None, "2024-08")}),
        # "通过…审批，获得三类医疗器械注册证"
        ("明澈智能的视网膜OCT辅助诊断软件于2023年6月通过国家药监局审批，获得三类医疗器械注册证。",
         {("视网膜OCT辅助诊断软件", "明澈智能", "NMPA", "III", "2023-06")}),
        # two companies with one product each, "同日拿下三类证"
        ("2024年3月，青禾医疗的心电AI分析软件与蓝鲸影像的乳腺超声辅助诊断软件于3月8日同日拿下三类证。",
         {("心电AI分析软件", "青禾医疗", "NMPA", "III", "2024-03-08"),
          ("乳腺超声辅助诊断软件", "蓝鲸影像", "NMPA", "III", "2024-03-08")}),
        # two quoted products of one company, "双双获批", a bare month under a title naming the year
        ("2022年医疗AI盘点\n\n● 2月，远峰智能的“肝脏CT辅助分割软件”与“肾脏CT辅助分割软件”双双获批三类证。\n",
         {("肝脏CT辅助分割软件", "远峰智能", "NMPA", "III", "2022-02"),
          ("肾脏CT辅助分割软件", "远峰智能", "NMPA", "III", "2022-02")}),
        # "同日获批的还有A的X以及B的Y" (a company name with 和 in it stays whole)
        ("2025年1月9日，安泰制药有限公司的盐酸普罗替尼片获国家药监局批准上市。\n\n"
         "同日获批的还有华和药业股份有限公司的注射用卡瑞西普以及南江制药有限公司的奥贝利片。",
         {("盐酸普罗替尼片", "安泰制药有限公司", "NMPA", None, "2025-01-09"),
          ("注射用卡瑞西普", "华和药业股份有限公司", "NMPA", None, "2025-01-09"),
          ("奥贝利片", "南江制药有限公司", "NMPA", None, "2025-01-09")}),
        # an announcement's certificate list: labelled fields, the company the announcement is by
        ("北岳医疗科技股份有限公司（以下简称“公司”）于近日收到国家药品监督管理局颁发的医疗器械注册证。\n\n"
         "1、产品名称：经导管二尖瓣夹合系统；注册证编号：国械注准20243130456；管理类别：第三类；批准日期：2024年7月8日。\n\n"
         "2、产品名称：一次性使用输送导管；注册证编号：国械注准20243130457；管理类别：第三类；批准日期：2024年7月8日。\n",
         {("经导管二尖瓣夹合系统", "北岳医疗科技股份有限公司", "NMPA", "III", "2024-07-08"),
          ("一次性使用输送导管", "北岳医疗科技股份有限公司", "NMPA", "III", "2024-07-08")}),
        # a press release: headline and body name one approval (the body's date wins), "公司的X" and a
        # previous version "X的上一代版本"
        ("【新闻稿】澄影医疗 | 肝脏超声辅助诊断软件获批上市\n发布日期：2024年6月18日\n\n"
         "2024年6月11日，杭州澄影医疗科技有限公司（以下简称“澄影医疗”或“公司”）自主研发的“肝脏超声辅助诊断软件”"
         "获得国家药品监督管理局批准，取得第三类医疗器械注册证。\n"
         "继2022年5月灵眸CT的上一代版本通过美国FDA 510(k)之后，公司的甲状腺超声辅助诊断软件也于2023年9月获得欧盟CE认证。\n",
         {("肝脏超声辅助诊断软件", "杭州澄影医疗科技有限公司", "NMPA", "III", "2024-06-11"),
          ("灵眸CT", "澄影医疗", "FDA", None, "2022-05"),
          ("甲状腺超声辅助诊断软件", "澄影医疗", "CE", None, "2023-09")}),
        # "公司研发的X…", then "同一批次获批的还有公司配套使用的Y（二类证…）"
        ("2024年6月20日，北京衡远医疗器械有限公司（以下简称“衡远医疗”）宣布，公司研发的脊柱手术导航系统已于6月19日"
         "获得国家药监局颁发的三类医疗器械注册证。同一批次获批的还有公司配套使用的一次性定位标记球（二类证，京械注准20242140555）。",
         {("脊柱手术导航系统", "北京衡远医疗器械有限公司", "NMPA", "III", "2024-06-19"),
          ("一次性定位标记球", "北京衡远医疗器械有限公司", "NMPA", "II", "2024-06-19")}),
        # a hospital and a company develop together: the company is the maker; a subject clause of its own
        ("2024年盘点\n\n2. 浙江大学医学院附属第一医院与杭州澄湖科技有限公司联合开发的胰腺CT辅助诊断软件，于3月12日获得国家药监局批准，"
         "取得第三类医疗器械注册证，为省内首个获批的胰腺AI三类证产品。\n",
         {("胰腺CT辅助诊断软件", "杭州澄湖科技有限公司", "NMPA", "III", "2024-03-12")}),
        # Hong Kong's regulator; "该品种继…在中国内地获批" is the mainland (NMPA) approval of the same drug;
        # "公司的X" belongs to the company the paragraph opened with
        ("苏州康远生物医药有限公司（“康远生物”）宣布一项合作。同期，公司的奥司替尼片于2024年5月获得香港卫生署药剂业及毒药管理局"
         "批准上市，这是该品种继2023年12月在中国内地获批后的又一市场准入。",
         {("奥司替尼片", "苏州康远生物医药有限公司", "香港卫生署", None, "2024-05"),
          ("奥司替尼片", "苏州康远生物医药有限公司", "NMPA", None, "2023-12")}),
        # a digest item named after its company: "【X｜…】…其首款产品Y"
        ("【瑞川医疗｜A轮｜数千万元】6月5日，康复机器人企业瑞川医疗完成数千万元A轮融资。"
         "其首款产品下肢康复训练机器人已于2023年5月取得二类医疗器械注册证。",
         {("下肢康复训练机器人", "瑞川医疗", "NMPA", "II", "2023-05")}),
        # "同年9月，该产品又拿下欧盟CE认证" and FDA De Novo
        ("2023年回顾\n\n● 7月，衡心医疗自主研发的心电房颤检测算法PulseMind获FDA De Novo授权；同年9月，该产品又拿下欧盟CE认证。\n",
         {("PulseMind", "衡心医疗", "FDA", None, "2023-07"), ("PulseMind", "衡心医疗", "CE", None, "2023-09")}),
        # a restating clause after the phrase gives the class ("成为…第一张三类证")
        ("2023年4月，元和生物的宫颈细胞学图像辅助分析软件获得国家药监局批准上市，成为该细分领域第一张三类证。",
         {("宫颈细胞学图像辅助分析软件", "元和生物", "NMPA", "III", "2023-04")}),
    ],
    ids=["drug-formally-approved", "conditional-approval-its", "passed-review-then-certificate", "two-companies-same-day",
         "two-quoted-products-title-year", "also-approved-list", "announcement-field-list", "press-release-headline-and-body",
         "company-developed-and-same-batch", "hospital-and-company", "hong-kong-and-mainland", "digest-item-label",
         "same-year-month-anaphor", "restating-clause-class"],
)
def test_news_verb_forms(run_extractor, text, expected):
    assert {_fields(r) for r in run_extractor(NAME, text)} == expected


@pytest.mark.parametrize("text, product", [
    # a drug approved for an indication, no regulator written: the Chinese one
    ("岐澄生物公告\n\n注射用岐他普单抗获批用于治疗中重度斑块状银屑病。", "注射用岐他普单抗"),
    # the certificate's title written right after the product's name is no part of it
    ("岐澄生物公告\n\n公司于11月25日收到国家药监局核准签发的注射用岐他普单抗《药品注册证书》。", "注射用岐他普单抗"),
])
def test_announcement_approvals_name_the_drug(run_extractor, text, product):
    assert [(r.product, r.authority) for r in run_extractor(NAME, text)] == [(product, "NMPA")]


@pytest.mark.parametrize("text, expected", [
    # the regulator's own release: 经审查，批准了X生产的“Y”创新产品注册申请
    ("国家药品监督管理局经审查，批准了澄和医疗科技有限公司生产的“经导管主动脉瓣膜系统”创新产品注册申请。",
     ("经导管主动脉瓣膜系统", "澄和医疗科技有限公司", "NMPA", None)),
    # the product inside the certificate phrase, the company its subject
    ("澄和医疗于2023年5月取得眼底图像辅助诊断软件的医疗器械注册证。", ("眼底图像辅助诊断软件", "澄和医疗", "NMPA", None)),
    ("澄和医疗近日获得国家药监局颁发的骨科手术导航定位系统三类医疗器械注册证。", ("骨科手术导航定位系统", "澄和医疗", "NMPA", "III")),
    ("澄和医疗取得了骨科手术导航定位系统的第三类医疗器械注册证书。", ("骨科手术导航定位系统", "澄和医疗", "NMPA", "III")),
    # the maker in brackets after the product
    ("冠脉CT造影图像血管狭窄辅助分诊软件（澄和医疗）获批上市。", ("冠脉CT造影图像血管狭窄辅助分诊软件", "澄和医疗", "NMPA", None)),
])
def test_certificate_phrasings_of_news_and_releases(run_extractor, text, expected):
    assert [(r.product, r.company, r.authority, r.cert_class) for r in run_extractor(NAME, "行业动态\n\n" + text)] == [expected]


@pytest.mark.parametrize("text, expected", [
    # the regulator's list of approvals: each maker's product
    ("国家药监局批准了澄和医疗的“肺结节CT影像辅助检测软件”、衡川科技的“骨折X射线图像辅助检测软件”等2个产品注册。",
     {("肺结节CT影像辅助检测软件", "澄和医疗"), ("骨折X射线图像辅助检测软件", "衡川科技")}),
    ("本周，国家药监局共批准2个创新医疗器械，分别为澄和医疗的肺结节CT影像辅助检测软件和衡川科技的骨折X射线图像辅助检测软件。",
     {("肺结节CT影像辅助检测软件", "澄和医疗"), ("骨折X射线图像辅助检测软件", "衡川科技")}),
    ("本月，国家药监局批准了3个创新产品：澄和医疗的肺结节软件、衡川科技的骨折软件和禾屿生物的血糖仪。",
     {("肺结节软件", "澄和医疗"), ("骨折软件", "衡川科技"), ("血糖仪", "禾屿生物")}),
    # one maker, two products and their count
    ("澄和医疗的肺结节CT影像辅助检测软件、骨折X射线图像辅助检测软件两款产品获批三类证。",
     {("肺结节CT影像辅助检测软件", "澄和医疗"), ("骨折X射线图像辅助检测软件", "澄和医疗")}),
    # the holder said after the approval; the certificate number is no part of the name
    ("近日，肺结节CT影像辅助检测软件（国械注准20233210001）获批上市，注册人为澄和医疗科技有限公司。",
     {("肺结节CT影像辅助检测软件", "澄和医疗科技有限公司")}),
    # the maker named in the clause before, or as the applicant
    ("瑞达替尼片由澄和生物研发，于2024年3月获国家药监局批准上市。", {("瑞达替尼片", "澄和生物")}),
    ("2024年3月，国家药监局附条件批准澄和生物申报的1类创新药瑞达替尼片上市。", {("瑞达替尼片", "澄和生物")}),
    ("澄和医疗自研的肺结节CT影像辅助检测软件于2024年3月15日获批NMPA三类医疗器械注册证。", {("肺结节CT影像辅助检测软件", "澄和医疗")}),
    # a regulator's bulletin: issued by (由…核发), granted together (同批获证), first registered (完成首次注册)
    ("澄和医疗的儿童骨龄评估软件为第二类产品，由广东省药品监督管理局于2022年6月核发注册证。", {("儿童骨龄评估软件", "澄和医疗")}),
    ("蚌埠泓锐医疗器械有限公司“医用红外额温计”“电子血压计”两个产品于10月下旬同批获证。",
     {("医用红外额温计", "蚌埠泓锐医疗器械有限公司"), ("电子血压计", "蚌埠泓锐医疗器械有限公司")}),
    ("安庆市一家小微企业的“一次性使用无菌阴道扩张器”完成首次注册。", {("一次性使用无菌阴道扩张器", None)}),
    ("澄和医疗的荧光内窥镜摄像系统今年10月取得CE MDR证书。", {("荧光内窥镜摄像系统", "澄和医疗")}),
    # a drug approved with no regulator written: its application granted, its indication, its holder
    ("康屹制药的“塔格利汀二甲双胍缓释片”上市申请获批准。", {("塔格利汀二甲双胍缓释片", "康屹制药")}),
    ("由璟泰生物与科维药业共同开发的1类创新药“璟利昔单抗注射液”正式获批，用于中重度斑块状银屑病，上市许可持有人为璟泰生物。",
     {("璟利昔单抗注射液", "璟泰生物")}),
    # a company's count of certificates, then the product: one record, the product's
    ("澄和医疗再获一张三类证：肺结节CT影像辅助检测软件获国家药监局批准。", {("肺结节CT影像辅助检测软件", "澄和医疗")}),
])
def test_approvals_of_several_products_and_their_makers(run_extractor, text, expected):
    assert {(r.product, r.company) for r in run_extractor(NAME, "行业动态\n\n" + text)} == expected



def test_a_series_of_certificates_told_by_ordinal_continues_the_first(run_extractor):
    text = ("对话澄芯医疗林舟\n\n记者：证怎么拿的？\n\n林舟：2021年11月我们拿到第一张三类证，是心电图自动分析软件；"
            "2023年6月拿到第二张，动态心电图分析系统；今年3月是第三张，心肌缺血风险评估软件。\n\n记者：下一步？\n\n林舟：出海。\n")
    got = {(r.product, r.authority, r.date) for r in run_extractor(NAME, text)}
    assert got == {("心电图自动分析软件", "NMPA", "2021-11"), ("动态心电图分析系统", "NMPA", "2023-06"),
                   ("心肌缺血风险评估软件", "NMPA", None)}


def test_a_founder_speaking_of_the_certificate_names_the_product_quoted_before(run_extractor):
    text = ("会议直播\n\n清涟医疗创始人邵铭分享了公司产品“颅内动脉瘤CTA辅助检测软件”的注册历程："
            "“我们是今年7月拿到的第三类医疗器械注册证，从提交到获批用了大约14个月。”\n")
    assert [(r.product, r.company, r.cert_class) for r in run_extractor(NAME, text)] == [
        ("颅内动脉瘤CTA辅助检测软件", "清涟医疗", "III")]


TW_NEWS = (
    "【生醫週報】醫療科技新聞摘要｜2024年5月第2週\n發布日期：2024年5月11日\n\n"
    "澄星醫電宣布，旗下AI心音分析軟體「CardioTone」已於5月6日取得衛福部食藥署第二等級醫療器材許可證。"
    "該產品早在2023年9月即通過美國FDA 510(k)。\n"
    "亞宏製藥自行研發的口服降血壓新藥「亞利平膜衣錠」5月8日獲衛福部核准上市。同公司另一款新藥YH-203則剛獲食藥署核准進行第二期人體臨床試驗。\n"
    "4月，宇星醫電的心電圖AI判讀系統與晶曜生技的AI肝纖維化評估軟體同獲衛福部核准上市，均屬第二等級醫療器材。\n"
    "截至2024年3月，衛福部食藥署累計已核准180張AI醫療器材許可證。\n"
)


def test_traditional_chinese_taiwan_approvals(run_extractor):
    recs = run_extractor(NAME, TW_NEWS)
    assert {(r.product, r.authority, r.cert_class, r.date) for r in recs} == {
        ("CardioTone", "TFDA", "II", "2024-05-06"),
        ("CardioTone", "FDA", None, "2023-09"),
        ("亞利平膜衣錠", "TFDA", None, "2024-05-08"),
        ("心電圖AI判讀系統", "TFDA", "II", "2024-04"),
        ("AI肝纖維化評估軟體", "TFDA", "II", "2024-04"),
    }  # the trial permit and the count of 180 licences are no approvals
    by_product = {(r.product, r.authority): r.company for r in recs}
    assert by_product[("CardioTone", "TFDA")] == "澄星醫電"  # names as written (traditional)
    assert by_product[("亞利平膜衣錠", "TFDA")] == "亞宏製藥"
    assert by_product[("AI肝纖維化評估軟體", "TFDA")] == "晶曜生技"


@pytest.mark.parametrize(
    "text",
    [
        "禾曦生物的多癌种早筛试剂盒上市申请已获国家药监局受理，预计2025年获批。",
        "6月7日，明启生物的ME-17注射液获得国家药监局临床试验默示许可。",
        "同一天，普罗医疗的颅内取栓导管进入创新医疗器械特别审查程序（即“绿色通道”）。",
        "该产品有望于明年获批上市。",
        "各地应当优先选用已取得医疗器械注册证的产品，不得直接使用研究阶段的算法。",
        "【新闻稿】康远生物PD-1/CTLA-4双特异性抗体获批上市，与科瑞医药达成商业化合作",
        "另一款候选药物已获食药署核准执行第一期临床试验，尚未核准上市。",
        "国产创新药开始以自主或合作方式在美国获批上市。",
        "截至2024年3月，衛福部食藥署累計已核准180張AI醫療器材許可證。",
        "澄影医疗的肝脏超声辅助诊断软件荣获2023年度医疗器械创新奖。",
        "一、注册审批：首个省级二类创新产品获准注册；",
        "南京江北新区注册成立的澄和医疗完成工商注册。",
        "在已获证的AI影像产品中，肺结节类软件占比最高。",
        "需要指出的是，青蔓科技完成的是生成式人工智能服务备案，其产品并未取得医疗器械注册证。",
        "该政策共18条，对在合肥取得第三类医疗器械注册证的AI产品，按研发投入给予最高1000万元的支持。",
    ],
    ids=["application-accepted", "clinical-trial-permit", "green-channel", "hope", "policy-requirement",
         "drug-class-without-name", "tw-trial-permit", "origin-category-with-descriptor", "tw-count", "award",
         "ordinal-of-a-category", "company-registration", "already-certified-count", "not-obtained",
         "policy-condition"],
)
def test_news_verb_forms_not_approvals(run_extractor, text):
    assert run_extractor(NAME, text) == []


def test_restating_ordinal_adds_no_record(run_extractor):
    text = ("6月3日，杭州深衡医疗科技有限公司的冠脉CT血流储备分数计算软件获国家药监局批准上市（注册证编号：国械注准20243210512）。"
            "该产品此前于2023年8月进入创新医疗器械特别审查程序，是今年第7个获批的影像AI三类器械。")
    assert [r.product for r in run_extractor(NAME, text)] == ["冠脉CT血流储备分数计算软件"]


# --- families of the wild2 layouts (invented companies and products, worded unlike any fixture) ---

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # several products: a certificate "涵盖其A（IIb类）与B（IIa类）两款产品" (class asides dropped)
        ("宁川医疗科技有限公司于2024年3月取得由TÜV南德签发的欧盟CE证书，涵盖其血糖监测仪（IIb类）与胰岛素输注泵（IIa类）两款产品。",
         {("血糖监测仪", "宁川医疗科技有限公司", "CE", None, "2024-03"),
          ("胰岛素输注泵", "宁川医疗科技有限公司", "CE", None, "2024-03")}),
        # "A和B分别于D1和D2获得…": one record per product, the dates paired in order, the later bare date
        # taking the earlier one's year; names stop before "分别于…"
        ("启衡影像的乳腺钼靶辅助诊断软件（QH-Breast）和肝脏CT分割软件（QH-Liver）分别于2024年3月2日和5月9日获得FDA 510(k)许可。",
         {("乳腺钼靶辅助诊断软件（QH-Breast）", "启衡影像", "FDA", None, "2024-03-02"),
          ("肝脏CT分割软件（QH-Liver）", "启衡影像", "FDA", None, "2024-05-09")}),
        # "Y的A及B于…同时获得新加坡卫生科学局（HSA）医疗器械注册": both products, Singapore's regulator
        ("澄远医疗的眼底相机分析软件及角膜地形图系统于2024年11月同时获得新加坡卫生科学局（HSA）医疗器械注册。",
         {("眼底相机分析软件", "澄远医疗", "HSA", None, "2024-11"),
          ("角膜地形图系统", "澄远医疗", "HSA", None, "2024-11")}),
        # an accessory named by its use stays with the product ("及配套耗材" is no second product)
        ("南屿医疗的全自动凝血分析仪及配套检测试剂于2024年1月获得欧盟CE认证。",
         {("全自动凝血分析仪及配套检测试剂", "南屿医疗", "CE", None, "2024-01")}),
        # Canada's and Japan's regulators
        ("华屿医疗的睡眠监测软件于2024年6月获得加拿大卫生部（Health Canada）颁发的医疗器械许可证。",
         {("睡眠监测软件", "华屿医疗", "Health Canada", None, "2024-06")}),
        ("观澄智能的结肠镜息肉检测软件于2024年2月获日本厚生劳动省批准上市。",
         {("结肠镜息肉检测软件", "观澄智能", "PMDA", None, "2024-02")}),
        # a Latin brand after the description, then a date and a review route: the name stops at the brand
        ("岚图医疗的骨龄评估软件BoneAge于2024年4月18日经韩国MFDS审评后获批上市。",
         {("BoneAge", "岚图医疗", "MFDS", None, "2024-04-18")}),
        # "通过FDA De Novo申请获批上市": the application was granted; the bare 获批上市 is the same FDA approval
        ("澜石智能的皮肤镜图像分析系统DermaView于2024年10月8日通过FDA De Novo申请获批上市。",
         {("DermaView", "澜石智能", "FDA", None, "2024-10-08")}),
        # "通过欧盟MDR认证": certification under the EU regulation is CE
        ("远澄医疗的便携式肺功能仪已于2023年11月通过欧盟MDR认证。",
         {("便携式肺功能仪", "远澄医疗", "CE", None, "2023-11")}),
        # a subsidiary's run-on certificate item "Y：X，注册证编号…，管理类别第二类，批准日期…" (no colons inside)
        ("杭州衡宇医疗器械股份有限公司（以下简称“公司”）近日收到医疗器械注册证。\n\n"
         "2. 衡宇康复：上肢康复训练系统，注册证编号浙械注准20242190033，管理类别第二类，批准日期2024年9月3日，由浙江省药品监督管理局核发。\n",
         {("上肢康复训练系统", "衡宇康复", "NMPA", "II", "2024-09-03")}),
        # a certificate written one field per line: each item's own holder, class and date
        ("关于取得医疗器械注册证的公告\n\n一、注册证情况\n\n"
         "1. 产品名称：血管内超声诊断系统\n   注册人：南湖医疗科技有限公司\n   注册证编号：国械注准20243060111\n"
         "   管理类别：第三类\n   批准日期：2024年5月20日\n\n"
         "2. 产品名称：一次性超声导管\n   注册人：南湖医疗科技有限公司\n   注册证编号：国械注准20243060112\n"
         "   管理类别：第三类\n   批准日期：2024年5月22日\n",
         {("血管内超声诊断系统", "南湖医疗科技有限公司", "NMPA", "III", "2024-05-20"),
          ("一次性超声导管", "南湖医疗科技有限公司", "NMPA", "III", "2024-05-22")}),
        # an English line with its Chinese translation right below: the Chinese line is read, the
        # English one (whose "Co., Ltd." would split into a product "Ltd.") is not
        ("Approvals digest\n\n1. Europe\nAcme Medical Co., Ltd. (Acme) received CE certification for its AX-Lung software in May 2024.\n"
         "艾克美医疗的肺部CT辅助检测软件于2024年5月取得CE证书。\n",
         {("肺部CT辅助检测软件", "艾克美医疗", "CE", None, "2024-05")}),
        # an ordinal restating clause after the approval is no second product
        ("2024年3月，青岚医疗自主研发的冠脉CT血流分析软件拿到了三类证，成为本省企业获批的首款心血管AI三类器械。",
         {("冠脉CT血流分析软件", "青岚医疗", "NMPA", "III", "2024-03")}),
        # "其X" after a clause owned by a company ("Y的设备已进入…，其X…")
        ("2023年，澄海医疗的设备已进入200多家医院，其眼底照相分析软件同年还取得了欧盟CE认证。",
         {("眼底照相分析软件", "澄海医疗", "CE", None, "2023")}),
        # a founder quoted: "他们的X" is the company the sentence before names with its legal form
        ("在宁波，成立两年的宁波澜曦医疗科技有限公司完成了天使轮融资。公司创始人表示，他们的睡眠呼吸监测软件于2024年5月获得美国FDA 510(k)许可。",
         {("睡眠呼吸监测软件", "宁波澜曦医疗科技有限公司", "FDA", None, "2024-05")}),
        # a stock code after the announcing company is not part of its name
        ("宁远药业（688123.SH）公告，公司1类创新药NY-207片于2024年7月获国家药监局批准上市。",
         {("NY-207片", "宁远药业", "NMPA", None, "2024-07")}),
    ],
    ids=["certificate-covers-list", "respective-dates", "several-products-same-time-hsa", "accessory-stays-whole",
         "health-canada", "japan-ministry", "brand-then-review-route", "de-novo-application-granted", "eu-mdr",
         "subsidiary-run-on-item", "one-field-per-line", "english-line-with-translation", "ordinal-restatement",
         "its-after-owned-clause", "founder-quote-they", "stock-code-aside"],
)
def test_wild2_families(run_extractor, text, expected):
    assert {_fields(r) for r in run_extractor(NAME, text)} == expected


@pytest.mark.parametrize(
    "text",
    [
        # a count at the end of the clause: "…的AI产品已达到26个" names no product ("累计" is none)
        "截至2024年底，全市累计取得医疗器械注册证的AI产品已达到26个。",
        # a certificate "covering" places, not products
        "宁川医疗科技有限公司于2024年取得欧盟CE证书，覆盖全国30个省份的销售网络。",
    ],
    ids=["count-at-clause-end", "covers-no-products"],
)
def test_wild2_families_not_approvals(run_extractor, text):
    assert run_extractor(NAME, text) == []


def test_english_line_without_translation_is_still_read(run_extractor):
    # a code-mixed brief writes approvals in English only: those lines stay
    text = "Go-global：\n\n- Lumen Robotics' Arcus® system received CE mark in Q2 2024。\n- 另一家企业仍在准备申报。\n"
    assert {(r.product, r.authority) for r in run_extractor(NAME, text)} == {("Arcus® system", "CE")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the comma of "Co., Ltd." ends no clause: no product "Ltd.", the maker without its legal form
        ("Borealis Health Co., Ltd. received CE certification under the EU MDR for its PulseTrack monitor in March 2024.",
         {("PulseTrack monitor", "Borealis Health", "CE", None, "2024-03")}),
        ("Tamsin Diagnostics Co., Ltd.'s GlucoSense reader received FDA 510(k) clearance in April 2024.",
         {("GlucoSense reader", "Tamsin Diagnostics", "FDA", None, "2024-04")}),
        # "on June 3, 2024": the comma inside an English date ends no clause
        ("Vireo Imaging Inc. obtained FDA 510(k) clearance (K241122) for the OrbitScan system on June 3, 2024.",
         {("OrbitScan system", "Vireo Imaging Inc", "FDA", None, "2024-06-03")}),
    ],
    ids=["legal-name-comma-for-its", "legal-name-possessive", "english-date-comma"],
)
def test_english_sentences_with_legal_names(run_extractor, text, expected):
    assert {_fields(r) for r in run_extractor(NAME, text)} == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("2025年3月，国家药监局附条件批准澄川生物的“示妥单抗注射液”上市。",
                     {("示妥单抗注射液", "澄川生物", "NMPA", None, "2025-03")}, id="conditional-approval-of-a-makers-quoted-drug"),
        pytest.param("2025年3月，临江药业的“示沙坦片”新适应症获批。",
                     {("示沙坦片", "临江药业", "NMPA", None, "2025-03")}, id="new-indication-without-a-named-regulator"),
        pytest.param("2025年3月，国家药监局同时批准临江药业和澄川制药的“示伐沙班片”上市。",
                     {("示伐沙班片", "临江药业", "NMPA", None, "2025-03"), ("示伐沙班片", "澄川制药", "NMPA", None, "2025-03")},
                     id="one-generic-of-two-makers-is-two-approvals"),
        pytest.param("2025年3月，临江药业的“示布替尼片”获得FDA暂时批准，须待专利到期后方可上市。", set(), id="tentative-approval"),
        pytest.param("2025年3月，临江药业的一款抗凝新药上市申请被国家药监局作出不予批准决定。", set(), id="refusal"),
        pytest.param("2025年3月，另有一款国产双抗在美国获批上市。", set(), id="a-category-by-origin"),
    ],
)
def test_drug_approvals_in_the_forms_news_digests_use(run_extractor, text, expected):
    assert {_fields(r) for r in run_extractor(NAME, text)} == expected


def test_a_headline_trademark_and_the_body_name_with_its_description_are_one_approval(run_extractor):
    text = ("示川医疗VeinScope™获FDA 510(k)许可\n\n"
            "2026年7月，示川医疗的核心产品“VeinScope™血管超声导航系统”获得美国FDA 510(k)许可。\n")
    assert {_fields(r) for r in run_extractor(NAME, text)} == {("VeinScope™血管超声导航系统", "示川医疗", "FDA", None, "2026-07")}


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("2025年6月，澄川生物宣布，其PD-1/VEGF双特异性抗体“示妥西单抗注射液”（SC-102）获美国FDA批准上市。",
                     {("示妥西单抗注射液", "澄川生物", "FDA", None, "2025-06")}, id="quoted-name-after-its-description"),
        pytest.param("2025年6月，澄川生物自主研发的示奥替尼片（SC-203）获美国FDA批准上市。",
                     {("示奥替尼片", "澄川生物", "FDA", None, "2025-06")}, id="development-code-in-brackets"),
    ],
)
def test_the_product_is_its_name_not_its_description_or_code(run_extractor, text, expected):
    assert {_fields(r) for r in run_extractor(NAME, text)} == expected


def test_we_got_our_first_certificate_names_the_product_after_it(run_extractor):
    text = ("专访示川医疗：七年三张三类证\n\n"
            "2021年11月我们拿到第一张三类证，是心电图自动分析软件；每一张证背后都是两年的临床试验。\n")
    assert {_fields(r) for r in run_extractor(NAME, text)} == {("心电图自动分析软件", "示川医疗", "NMPA", "III", "2021-11")}


def test_a_table_with_a_column_per_regulator_is_an_approvals_table(run_extractor):
    text = ("部分企业获证情况\n\n| 企业 | 产品 | NMPA | FDA | CE |\n"
            "| 澄和医疗 | 肺结节软件 | 2021年 | 2022年 | — |\n| 衡川科技 | 骨折软件 | 2022年 | — | 2023年 |\n")
    got = {(r.product, r.company, r.authority, r.date) for r in run_extractor(NAME, text)}
    assert got == {("肺结节软件", "澄和医疗", "NMPA", "2021"), ("肺结节软件", "澄和医疗", "FDA", "2022"),
                   ("骨折软件", "衡川科技", "NMPA", "2022"), ("骨折软件", "衡川科技", "CE", "2023")}


def test_a_milestone_tables_sentences_are_read_and_its_products_are_the_companys(run_extractor):
    text = ("杭州澄锐生物科技股份有限公司（「本公司」）\n\n历史及发展\n\n"
            "| 年份 | 里程碑 |\n| 2017年 | 本公司成立 |\n"
            "| 2024年 | CR-305外用凝胶获美国FDA批准ANDA，于6月在美国上市 |\n"
            "| 2025年 | CR-203片于9月获国家药监局批准上市 |\n")
    got = {(r.product, r.company, r.authority) for r in run_extractor(NAME, text)}
    assert got == {("CR-305外用凝胶", "杭州澄锐生物科技股份有限公司", "FDA"),
                   ("CR-203片", "杭州澄锐生物科技股份有限公司", "NMPA")}


def test_a_pipeline_tables_approved_row_names_its_first_cell_not_the_heading(run_extractor):
    text = ("（一）产品管线\n\n| 产品 | 靶点 | 适应症 | 状态 |\n"
            "| YF-101（昀妥昔单抗注射液） | CD20×CD3 | 滤泡性淋巴瘤 | 已获批上市（2025年4月） |\n"
            "| YF-203 | PD-L1 | 肺癌 | III期临床 |\n")
    assert [(r.product, r.date) for r in run_extractor(NAME, text)] == [("昀妥昔单抗注射液", "2025-04")]


@pytest.mark.parametrize("text, expected", [
    # a relative time between the regulator and its verb, then the counted list
    ("国家药监局本月批准了3款创新医疗器械：北辰华科的神经外科手术导航定位系统、临川医疗的腔镜手术机器人以及澄川生物的支气管导航系统。",
     {("神经外科手术导航定位系统", "北辰华科", "NMPA", None, None), ("腔镜手术机器人", "临川医疗", "NMPA", None, None),
      ("支气管导航系统", "澄川生物", "NMPA", None, None)}),
    # a written day between the regulator and its verb
    ("FDA于2026年10月18日批准了澄川生物的澄替尼片用于治疗套细胞淋巴瘤。",
     {("澄替尼片", "澄川生物", "FDA", None, "2026-10-18")}),
])
def test_a_time_may_stand_between_the_regulator_and_its_verb(run_extractor, text, expected):
    assert {_fields(r) for r in run_extractor(NAME, text)} == expected


@pytest.mark.parametrize("marker", ["一、", "1. ", "（二）", "■ **3. "])
def test_a_numbered_heading_names_its_company_without_the_number(run_extractor, marker):
    close = "**" if "**" in marker else ""
    text = f"2026年11月 行业观察\n\n{marker}澜川医疗：FFR软件再下一城{close}\n2026年11月，公司的冠脉CT血流储备分数计算软件获得国家药监局三类证。\n"
    assert [(r.product, r.company) for r in run_extractor(NAME, text)] == [("冠脉CT血流储备分数计算软件", "澜川医疗")]


def test_an_interview_answer_names_its_product_and_the_interview_s_company(run_extractor):
    text = ("对话澜川智能陈砚秋：病理AI的下一站\n\n"
            "陈砚秋，上海澜川智能科技有限公司（以下简称“澜川智能”）创始人。\n\n"
            "记者：公司做什么？\n\n陈砚秋：我们做病理AI。\n\n"
            "记者：第一张三类证是什么产品？\n\n"
            "陈砚秋：是宫颈液基细胞学人工智能辅助诊断软件，2023年8月拿到国家药监局的三类证。\n")
    assert [_fields(r) for r in run_extractor(NAME, text)] == [
        ("宫颈液基细胞学人工智能辅助诊断软件", "澜川智能", "NMPA", "III", "2023-08")]


def test_a_company_report_s_registration_table_with_a_column_of_regulators(run_extractor):
    text = ("苏州澜泓医疗科技股份有限公司2024年年度报告（摘录）\n\n"
            "本公司董事会保证本报告内容真实。\n\n"
            "表3-5　报告期内新增主要产品注册证及境外认证情况\n\n"
            "产品名称 | 注册类别 | 注册证号 | 取得时间 | 注册地\n"
            "血管内超声诊断系统 | 第三类 | 国械注准20243060215 | 2024-03-12 | NMPA\n"
            "血管内超声诊断系统 | 510(k) | K241873 | 2024-09-06 | FDA\n"
            "非顺应性球囊扩张导管 | Class III | CE 788902 MDR | 2024-04-15 | 欧盟CE（MDR）\n")
    got = {(r.product, r.company, r.authority, r.date) for r in run_extractor(NAME, text)}
    assert got == {("血管内超声诊断系统", "苏州澜泓医疗科技股份有限公司", "NMPA", "2024-03-12"),
                   ("血管内超声诊断系统", "苏州澜泓医疗科技股份有限公司", "FDA", "2024-09-06"),
                   ("非顺应性球囊扩张导管", "苏州澜泓医疗科技股份有限公司", "CE", "2024-04-15")}


def test_a_received_certificate_whose_product_is_named_after_it(run_extractor):
    text = "2026年3月，临川医疗收到国家药监局核准签发的《医疗器械注册证》，产品名称为一次性使用电子输尿管镜。"
    assert [_fields(r) for r in run_extractor(NAME, text)] == [("一次性使用电子输尿管镜", "临川医疗", "NMPA", None, "2026-03")]


def test_a_hong_kong_announcement_dates_in_chinese_numerals_and_names_the_issuer_as_本集团(run_extractor):
    # the issuer defined with its group ("（「本公司」，連同其附屬公司統稱「本集團」）"), approvals dated
    # in Chinese numerals, a product without a subject of its own
    text = ("澄邦生物科技控股有限公司\n自願公告\n"
            "本公告乃由澄邦生物科技控股有限公司（「本公司」，連同其附屬公司統稱「本集團」）自願作出。\n"
            "董事會欣然宣佈，本集團自主研發的CB-Pen預充式自動注射器已於二零二五年十月九日（美國東部時間）獲美國食品藥品監督管理局510(k)上市前許可。"
            "CB-118已於二零二四年三月獲國家藥監局批准上市。\n")
    got = sorted((r.product, r.company, r.authority, r.date) for r in run_extractor("certified_product.rules.v1", text))
    assert got == [("CB-118", "澄邦生物科技控股有限公司", "NMPA", "2024-03"),
                   ("CB-Pen預充式自動注射器", "澄邦生物科技控股有限公司", "FDA", "2025-10-09")]


def test_a_remark_under_a_portfolio_card_is_read_with_the_cards_company(run_extractor):
    text = ("03\n企业名称：南京澄观医疗科技有限公司\n所属领域：AI数字病理\n本轮：B轮\n金额：数亿元\n投资方：元禾控股（领投）\n时间：2025年6月\n"
            "备注：宫颈细胞学数字病理辅助诊断软件2025年2月获国家药监局第三类医疗器械注册证。\n")
    got = [(r.product, r.company, r.date) for r in run_extractor("certified_product.rules.v1", text)]
    assert got == [("宫颈细胞学数字病理辅助诊断软件", "南京澄观医疗科技有限公司", "2025-02")]


@pytest.mark.parametrize("text", [
    "上述事項均不代表相關產品已獲准上市。",
    "进入创新医疗器械特别审查程序并不意味着该产品获准上市。",
])
def test_a_disclaimer_that_something_is_no_approval_gives_no_record(run_extractor, text):
    assert run_extractor("certified_product.rules.v1", text) == []


@pytest.mark.parametrize("text, product, authority", [
    # a count inside an assay's name is part of the name, not a tally of products
    ("北京澄源生物医药科技有限公司的肺癌七种自身抗体检测试剂盒于2025年7月22日获国家药监局批准注册。", "肺癌七种自身抗体检测试剂盒", "NMPA"),
    ("苏州衡川医疗科技有限公司的十二项呼吸道病原体核酸检测试剂盒（PCR-荧光探针法）近日获国家药监局批准注册。",
     "十二项呼吸道病原体核酸检测试剂盒（PCR-荧光探针法）", "NMPA"),
    # the EU regulation written in brackets after CE
    ("杭州禾川医疗器械有限公司的人乳头瘤病毒核酸检测试剂盒于2025年4月取得欧盟CE（IVDR）证书。", "人乳头瘤病毒核酸检测试剂盒", "CE"),
])
def test_assay_names_and_ce_certificates_as_reports_write_them(run_extractor, text, product, authority):
    got = [(r.product, r.authority) for r in run_extractor("certified_product.rules.v1", text)]
    assert got == [(product, authority)]


def test_a_round_ups_numbered_cards_give_one_approval_each_dated_by_the_dateline(run_extractor):
    # trade media's monthly round-up: product on the item line, holder and approval day below
    text = ("2026年2月创新医疗器械获批盘点\n发布时间：2026-03-03\n\n"
            "据本刊统计，2月国家药监局共批准9款创新医疗器械上市。\n\n"
            "1. 经自然腔道柔性手术机器人系统\n注册人：杭州术川医疗机器人有限公司\n审批时间：2月6日\n"
            "产品简介：用于下消化道病变的内镜下切除。\n\n"
            "2. 冠状动脉血流储备分数计算软件\n注册人：北京脉川智算科技有限公司\n审批时间：2月10日\n"
            "创新看点：首个支持斑块定量分析的版本。该公司去年完成B轮融资。\n\n"
            "3. 支气管导航系统（进入创新通道）\n申报企业：上海某某医疗\n")
    got = sorted((r.product, r.company, r.authority, r.date) for r in run_extractor("certified_product.rules.v1", text))
    assert got == [("冠状动脉血流储备分数计算软件", "北京脉川智算科技有限公司", "NMPA", "2026-02-10"),
                   ("经自然腔道柔性手术机器人系统", "杭州术川医疗机器人有限公司", "NMPA", "2026-02-06")]


def test_a_table_whose_caption_says_class_three_devices_were_approved_is_nmpa(run_extractor):
    text = ("表2  2025年部分人工智能第三类医疗器械获批产品\n\n| 产品名称 | 注册人 | 批准日期 |\n| --- | --- | --- |\n"
            "| 颅内出血CT影像辅助分诊软件 | 上海岚川医疗科技有限公司 | 2025-01-16 |\n")
    got = [(r.product, r.company, r.authority, r.date) for r in run_extractor("certified_product.rules.v1", text)]
    assert got == [("颅内出血CT影像辅助分诊软件", "上海岚川医疗科技有限公司", "NMPA", "2025-01-16")]


@pytest.mark.parametrize("text, expected", [
    # the certificate the regulator approved: no product after 批准的
    ("深川智检是一家AI病理企业。今年1月，其“数字病理图像辅助诊断软件”获得国家药监局批准的第三类医疗器械注册证。",
     [("数字病理图像辅助诊断软件", "深川智检", "NMPA")]),
    # 该产品 is the product the sentence before named as the company's
    ("锐川医疗成立于2019年，核心产品为单孔腔镜手术机器人。该产品于2025年12月获得美国FDA 510(k)许可。",
     [("单孔腔镜手术机器人", "锐川医疗", "FDA")]),
])
def test_news_wording_of_an_approved_certificate_and_a_product_named_before(run_extractor, text, expected):
    got = [(r.product, r.company, r.authority) for r in run_extractor("certified_product.rules.v1", text)]
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    # the subject before 是 is the product; what the phrase ends with is its kind
    ("湖南康川制药则介绍，格雷昔川胶囊是2025年11月获批上市的1类新药，也是该公司首个进入国家医保目录的创新药。",
     [("格雷昔川胶囊", "NMPA", "2025-11")]),
    # a total of approvals is no approval
    ("注册端，2025年国家药监局共批准手术机器人相关三类注册证37张，其中国产31张。", []),
    ("2025年中国企业共获得FDA 510(k)许可约480份，数量连续三年增长。", []),
])
def test_a_product_before_是_and_totals_of_approvals(run_extractor, text, expected):
    got = [(r.product, r.authority, r.date) for r in run_extractor("certified_product.rules.v1", text)]
    assert got == expected


def test_an_fda_monthly_lists_clearances_by_company_with_their_k_numbers(run_extractor):
    text = ("FDA器械审批月报（2026年2月）\n\n"
            "2. 苏州澜川医疗科技有限公司：一次性使用电子输尿管镜，K253402，决定日期2026年2月6日。\n\n"
            "3. 上海析川智能科技有限公司\n   产品：肺部CT影像分诊软件\n   510(k)编号：K252987\n   许可日期：2026年2月11日\n")
    got = sorted((r.product, r.company, r.authority, r.date) for r in run_extractor("certified_product.rules.v1", text))
    assert got == [("一次性使用电子输尿管镜", "苏州澜川医疗科技有限公司", "FDA", "2026-02-06"),
                   ("肺部CT影像分诊软件", "上海析川智能科技有限公司", "FDA", "2026-02-11")]


@pytest.mark.parametrize("text, expected", [
    # an announcement's certificate received, the product named after it (颁发的, not only 核准签发的)
    ("岚川医疗科技股份有限公司于2025年6月18日收到国家药品监督管理局颁发的《医疗器械注册证》，产品名称为血管内冲击波治疗系统，"
     "注册证编号为国械注准20253010456。",
     [("血管内冲击波治疗系统", "岚川医疗科技股份有限公司", "NMPA", "III", "2025-06-18")]),
    # the product quoted before the certificate's title
    # (公司 is the company whose announcement it is)
    ("岚川药业公告\n\n公司于6月16日收到国家药监局颁发的“依折麦布阿托伐他汀钙片”《药品注册证书》。",
     [("依折麦布阿托伐他汀钙片", "岚川药业", "NMPA", None, None)]),
    # the approval said after the certificate: 批准X上市
    ("公司控股子公司近日收到国家药监局核准签发的《药品注册证书》，批准XR-201注射液（以下简称“该药品”）上市。",
     [("XR-201注射液", None, "NMPA", None, None)]),
    # a certificate received that names no product: no record (the list below names it)
    ("岚川医疗科技股份有限公司全资子公司南京岚川医疗器械有限公司于近日收到江苏省药品监督管理局颁发的《医疗器械注册证》，具体情况如下：",
     []),
])
def test_a_certificate_received_takes_the_product_the_announcement_names(run_extractor, text, expected):
    got = [(r.product, r.company, r.authority, r.cert_class, r.date) for r in run_extractor(NAME, text)]
    assert got == expected


def test_an_announcement_title_is_no_product_and_its_field_list_names_the_registrant(run_extractor):
    text = ("证券代码：688999    证券简称：岚川医疗    公告编号：2025-041\n\n"
            "岚川医疗科技股份有限公司关于全资子公司取得医疗器械注册证的公告\n\n"
            "岚川医疗科技股份有限公司（以下简称“公司”）全资子公司南京岚川医疗器械有限公司于近日收到江苏省药品监督管理局"
            "颁发的《医疗器械注册证》，具体情况如下：\n\n"
            "一、医疗器械注册证的具体情况\n产品名称：一次性使用无菌导尿包\n注册证编号：苏械注准20252140123\n"
            "注册人名称：南京岚川医疗器械有限公司\n管理类别：第二类\n批准日期：2025年6月18日\n")
    got = [_fields(r) for r in run_extractor(NAME, text)]
    assert got == [("一次性使用无菌导尿包", "南京岚川医疗器械有限公司", "NMPA", "II", "2025-06-18")]


@pytest.mark.parametrize("text, expected", [
    # the application granted is the product's: "X（商品名：Y）上市申请已获批准" -> X
    ("据国家药监局官网消息，苏州岚舟生物申报的PD-1单抗注射液（商品名：岚泰）上市申请已获批准。",
     [("PD-1单抗注射液", "苏州岚舟生物")]),
    # 我司 is the writer, not part of the name
    ("喜报！我司心电分析软件于2025年6月顺利取得二类医疗器械注册证。", [("心电分析软件", None)]),
    # the reporter's source speaks of its own product
    ("7月12日，记者从北京衡岚智能获悉，其肺结节CT影像辅助检测软件正式获批NMPA三类证。",
     [("肺结节CT影像辅助检测软件", "北京衡岚智能")]),
])
def test_names_around_news_wording(run_extractor, text, expected):
    assert [(r.product, r.company) for r in run_extractor(NAME, "行业动态\n\n" + text)] == expected


def test_a_pipeline_tables_status_column_keeps_what_is_not_approved_out(run_extractor):
    text = ("岚衡医疗（688777.SH）首次覆盖报告\n\n表4：公司主要产品及注册进度\n"
            "| 产品 | 获批时间 | 类别 | 状态 |\n| --- | --- | --- | --- |\n"
            "| 甲状腺结节超声影像辅助诊断软件 | 2023-09 | 三类 | 已上市 |\n"
            "| 乳腺超声AI辅助诊断软件 | — | 三类 | 已受理 |\n"
            "| 肝脏超声弹性成像AI模块 | — | 三类 | 在研（临床试验）|\n"
            "| 胎儿心脏超声AI质控软件 | — | 三类 | 创新通道 |\n"
            "注：类别为国家药监局医疗器械管理类别。\n")
    assert [(r.product, r.company, r.date) for r in run_extractor(NAME, text)] == [
        ("甲状腺结节超声影像辅助诊断软件", "岚衡医疗", "2023-09")]


def test_a_digest_dates_its_undated_and_near_items_to_its_own_month(run_extractor):
    """GUIDELINES v1.2: an undated item of a dated digest, and a fact dated only 日前 / 近日, take the
    month of the text's own date; a date the text states wins."""
    text = ("医械观察 | 国内外获批速递（2026.11.23—11.29）\n\n作者：研究部　　2026-11-30 08:12\n\n"
            "1. 岚泽生物的吉岚替尼胶囊获批上市。\n\n"
            "2. 北京知岚影像科技有限公司的头颈CT血管成像智能分析软件日前通过国家药监局审批，获第三类医疗器械注册证。\n\n"
            "3. 岚川医疗的骨折X射线图像辅助检测软件于11月24日获国家药监局批准上市。\n")
    got = sorted((r.product, r.date) for r in run_extractor(NAME, text))
    assert got == [("吉岚替尼胶囊", "2026-11"), ("头颈CT血管成像智能分析软件", "2026-11"),
                   ("骨折X射线图像辅助检测软件", "2026-11-24")]


@pytest.mark.parametrize("text, expected", [
    # the same product's second approval in the same sentence, by another regulator
    ("乳腺超声影像辅助诊断软件2025年1月获批国家药监局三类证，同款产品于2025年9月通过美国FDA 510(k)许可。",
     {("乳腺超声影像辅助诊断软件", "NMPA", "2025-01"), ("乳腺超声影像辅助诊断软件", "FDA", "2025-09")}),
    # a foreign regulator's registration written as 注册
    ("甲状腺结节超声影像辅助诊断软件于2024年11月获美国FDA 510(k)许可，2025年5月又取得巴西ANVISA注册。",
     {("甲状腺结节超声影像辅助诊断软件", "FDA", "2024-11"), ("甲状腺结节超声影像辅助诊断软件", "ANVISA", "2025-05")}),
    # the review passed, then the certificate: the review clause's subject
    ("宁波岚镜医疗科技有限公司的一次性使用电子支气管镜通过欧盟MDR审核，获CE认证。", {("一次性使用电子支气管镜", "CE", None)}),
    # the European Commission grants a drug's EU authorisation (EMA's opinion)
    ("欧盟委员会正式批准重庆岚川生物制药有限公司的岚利单抗注射液上市。", {("岚利单抗注射液", "EMA", None)}),
])
def test_second_approvals_foreign_registrations_and_reviews(run_extractor, text, expected):
    assert {(r.product, r.authority, r.date) for r in run_extractor(NAME, "行业动态\n\n" + text)} == expected


def test_a_section_heading_names_the_regulator_of_its_bare_approvals(run_extractor):
    text = ("▌一、国内获批（NMPA）\n\n1. 岷岚医药PD-1/VEGF双抗附条件获批\n"
            "上海岷岚医药科技有限公司的注射用岷岚珠单抗于11月27日获得附条件批准，用于晚期非小细胞肺癌。\n\n"
            "▌二、本周观察\n\n本周获批的创新医疗器械集中在电生理与分子诊断领域。\n")
    got = [(r.product, r.company, r.authority) for r in run_extractor(NAME, text)]
    assert got == [("注射用岷岚珠单抗", "上海岷岚医药科技有限公司", "NMPA")]


@pytest.mark.parametrize("text, date", [
    # the approval date stated after the certificate
    ("2026年12月2日\n\n近日，岚视智能的脑卒中CT灌注影像辅助分析软件获得国家药品监督管理局颁发的第三类医疗器械注册证"
     "（注册证编号：国械注准20263212206），批准日期为11月28日。", "2026-11-28"),
    # a plan's date after it is no approval date
    ("行业动态\n\n宁波岚镜医疗的一次性使用电子支气管镜获CE认证，公司计划2027年一季度在德国启动销售。", None),
])
def test_a_stated_approval_date_and_a_plans_date(run_extractor, text, date):
    assert [r.date for r in run_extractor(NAME, text)] == [date]


def test_the_former_and_the_latter_are_the_two_products_named_before(run_extractor):
    text = ("行业动态\n\n岚鉴的核心产品包括糖尿病视网膜病变眼底图像辅助诊断软件和一款便携式眼底相机。"
            "前者于2025年4月获得国家药监局三类医疗器械注册证；后者2024年12月取得四川省药品监督管理局颁发的第二类医疗器械注册证。")
    got = sorted((r.product, r.cert_class, r.date) for r in run_extractor(NAME, text))
    assert got == [("便携式眼底相机", "II", "2024-12"), ("糖尿病视网膜病变眼底图像辅助诊断软件", "III", "2025-04")]


def test_a_requirement_with_a_deadline_is_no_approval(run_extractor):
    assert run_extractor(NAME, "按规则，参与本轮调整的目录外药品须在2026年6月30日前获得国家药监局批准上市。") == []


@pytest.mark.parametrize("text, expected", [
    # the announcement's clause runs into 其 without a comma; the name after what introduces it
    ("岚影医疗宣布其产品心电智能分析软件获得国家药监局第二类医疗器械注册证。", {("心电智能分析软件", "岚影医疗")}),
    ("岚影医疗宣布，其产品“心电智能分析软件”获得国家药监局第二类医疗器械注册证。", {("心电智能分析软件", "岚影医疗")}),
    ("岚川医疗旗下全资子公司研发的一次性使用血管内成像导管获批上市。", {("一次性使用血管内成像导管", "岚川医疗")}),
    # a count before the verb, then the products it includes
    ("据NMPA官网，11月共有5款AI医疗器械获批三类证，其中包括岚影医疗的肺结节CT影像辅助检测软件、澄和医疗的骨折X射线辅助检测软件。",
     {("肺结节CT影像辅助检测软件", "岚影医疗"), ("骨折X射线辅助检测软件", "澄和医疗")}),
])
def test_product_names_after_their_introduction_and_examples_of_a_count(run_extractor, text, expected):
    assert {(r.product, r.company) for r in run_extractor(NAME, "行业动态\n\n" + text)} == expected


def test_a_candidate_left_with_neither_product_nor_company_is_no_record_and_loses_nothing(monkeypatch):
    """Noise in a product column (a statistic's label under a shuffled header, say) tidies to
    nothing; with no maker either there is nothing to record. Building the record anyway failed
    validation inside the extractor and lost every other approval of the document."""
    import extract.extractors.certified_product as cp
    from extract.document import Document
    from extract.extractors import create
    from extract.nlp.pipeline import get_nlp
    from extract.process import extract_document

    text = ("2024年5月，国家药监局批准创新医疗器械获批情况统计上市。\n"
            "2024年6月，澄和医疗的颅内动脉瘤影像辅助检测软件获得国家药监局三类医疗器械注册证。\n")
    real = cp.tidy_product
    monkeypatch.setattr(cp, "tidy_product", lambda name: None if name and "创新医疗器械" in name else real(name))
    res = extract_document(Document(text=text, source="t.txt"), create([NAME]), get_nlp(), trace=True)
    assert not res.rejected, res.rejected
    assert [(r.product, r.company) for r in res.records] == [("颅内动脉瘤影像辅助检测软件", "澄和医疗")]
    assert any(why == "neither a product nor a company" for _, _, _, why in res.context.trace.filtered)


@pytest.mark.parametrize("route", ["通过优先审评审批程序", "通过优先审评程序", "经优先审评审批程序附条件"])
def test_the_route_of_an_approval_is_no_approval_of_the_regulator(run_extractor, route):
    """"国家药监局通过优先审评审批程序批准X申报的Y上市": 通过 names the route; Y is approved, not the
    regulator."""
    text = f"2025年10月9日，国家药监局{route}批准杭州禾泽生物医药有限公司申报的1类创新药瑞泽替尼片上市。\n"
    recs = run_extractor(NAME, text)
    assert [_fields(r) for r in recs] == [("瑞泽替尼片", "杭州禾泽生物医药有限公司", "NMPA", None, "2025-10-09")]


def test_two_makers_quoted_products_joined_by_he_are_two_approvals(run_extractor):
    text = ("2025年12月，国家药监局批准杭州明湖医疗器械有限公司“经导管主动脉瓣系统”和成都青岚生物材料有限公司"
            "“可降解颅骨修补板”两个创新产品上市。\n")
    recs = run_extractor(NAME, text)
    assert sorted((r.product, r.company) for r in recs) == [
        ("可降解颅骨修补板", "成都青岚生物材料有限公司"), ("经导管主动脉瓣系统", "杭州明湖医疗器械有限公司")]


def test_a_table_of_rules_and_an_inquiry_are_no_approvals(run_extractor):
    text = ("二、第二季度监管文件\n| 序号 | 文件名称 | 发布机构 | 文号 | 发布日期 |\n"
            "| 1 | 医用影像处理软件注册审查指导原则（2025年修订版） | 国家药监局 | 2025年第21号通告 | 2025-05-12 |\n\n"
            "问题3：请发行人列示已取得的医疗器械注册证情况，并说明核心技术是否来源于合作研发。\n")
    assert run_extractor(NAME, text) == []


def test_an_imported_drug_table_under_a_line_naming_no_regulator_is_chinas(run_extractor):
    """"本月获批的进口药品还包括：" over a table with a 上市许可持有人 column: approvals in China."""
    text = ("3. 本月获批的进口药品还包括：\n\n| 药品名称 | 申请人 | 上市许可持有人 | 批准日期 | 适应症 |\n|---|---|---|---|---|\n"
            "| 卡维司他片 | 瑞恩(上海)医药科技有限公司 | Rion Pharma Inc. | 2026-09-20 | 慢性肾病相关贫血 |\n")
    assert [_fields(r) for r in run_extractor(NAME, text)] == [("卡维司他片", "瑞恩(上海)医药科技有限公司", "NMPA", None, "2026-09-20")]


def test_the_product_a_sentence_opens_with_and_a_route_named_by_its_rule(run_extractor):
    """"X由Y研发。该产品于2024年按《创新医疗器械特别审查程序》进入“绿色通道”，并于…经…批准注册": X
    is approved; the rule and the route are no products."""
    text = ("“澜瓣”经导管二尖瓣修复系统由苏州澜岳医疗科技有限公司自主研发。该产品于2024年按国家药监局《创新医疗器械特别审查程序》"
            "进入审评“绿色通道”，并于2026年10月27日经国家药品监督管理局批准注册，获得第三类医疗器械注册证。\n")
    assert [_fields(r) for r in run_extractor(NAME, text)] == [
        ("经导管二尖瓣修复系统", "苏州澜岳医疗科技有限公司", "NMPA", "III", "2026-10-27")]


@pytest.mark.parametrize("text", [
    "纳入目录的产品须同时满足三个条件：已取得医疗器械注册证、已在我市定点医疗机构完成收费项目备案。\n",
    "另有1款脑卒中CT灌注分析软件的注册申请已获受理，上述产品待取得注册证后，按程序申请纳入目录。\n",
])
def test_a_condition_or_a_wait_for_a_certificate_is_no_approval(run_extractor, text):
    assert run_extractor(NAME, text) == []

"""policy.rules.v1: titles, issuers and dates of policy documents named in reports.

The sentences are taken from the fixture reports or written in the style of other publishers
and government news; each table states a behaviour users rely on.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.extractors.policy import has_doc_suffix, is_negative_title, split_issuers

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REPORTS = sorted((FIXTURES / "reports").glob("*.txt"))

NAME = "policy.rules.v1"


def _w(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _by_title(records) -> dict:
    return {_w(r.title): r for r in records}


# --- prose: one policy per sentence, issuer and date from the clause -------------------------

PROSE = [
    # (text, title, issuers, date)
    ("2021年6月，上海市卫健委发布《上海市“便捷就医服务”数字化转型工作方案》，推动市级医疗机构数字化转型工作。",
     "上海市“便捷就医服务”数字化转型工作方案", ["上海市卫健委"], "2021-06"),
    ("2024年5月，北京市人民政府发布《北京市加快医药健康协同创新行动计划（2024-2026年）》，明确提出支持医疗大模型的开发与落地应用。",
     "北京市加快医药健康协同创新行动计划（2024-2026年）", ["北京市人民政府"], "2024-05"),
    ("2020年6月4日，北京市委、市政府发布了《加强首都公共卫生应急管理体系建设三年行动计划（2020-2022年）》，旨在全面提升首都应对突发公共卫生事件的能力。",
     "加强首都公共卫生应急管理体系建设三年行动计划（2020-2022年）", ["北京市委", "市政府"], "2020-06-04"),
    ("2016年8月，卫计委（现为卫健委）在《关于推进分级诊疗试点工作的通知》中设定了医联体建设具体推进目标。",
     "关于推进分级诊疗试点工作的通知", ["卫计委"], "2016-08"),
    ("AI 医疗器械的审批创新最早可以追溯到 2014 年，当时 CFDA 印发《创新医疗器械特别审批程序（试行）》政策，鼓励推进 AI 医疗器械的审批进度。",
     "创新医疗器械特别审批程序（试行）", ["CFDA"], "2014"),
    ("2019 年 6 月起，NMPA 开始频繁在医疗 AI 的标准制定上展开动作。6 月 29 日，NMPA 正式向 AI 企业发布了审批相关文件《深度学习辅助决策医疗器械软件审批要点》，以文件的方式将审批相关的具体指标确立下来。",
     "深度学习辅助决策医疗器械软件审批要点", ["NMPA"], "2019-06-29"),
    ("● 第三阶段（2020.3-）\n\n该阶段由于新冠肺炎疫情对于医疗 AI 辅助诊断的新需求，国家药品监督管理局医疗器械技术审评中心（CMDE）印发了《肺炎 CT 影像辅助分诊与评估软件审评要点（试行）》政策。",
     "肺炎 CT 影像辅助分诊与评估软件审评要点（试行）", ["国家药品监督管理局医疗器械技术审评中心"], "2020-03"),
    ("例如，2024年发布了《关于建立健全智慧化多点出发传染病监测预警体系的指导意见》，计划到2030年建成完善传染病疫情等公共卫生事件监测系统。",
     "关于建立健全智慧化多点出发传染病监测预警体系的指导意见", [], "2024"),
    ("2021年，国家针对健康医疗行业特点，发布并正式实施《信息安全技术健康医疗数据安全指南》。",
     "信息安全技术健康医疗数据安全指南", [], "2021"),
    ("医药及医疗器械行业正面临前所未有的监管压力。2019年修订的《药品管理法》，对药品研制、生产、流通环节提出全链条合规要求。",
     "药品管理法", [], "2019"),
    ("早在2015年,《中国制造2025》就将生物医药纳入十大重点发展领域,着重推动制药产业的智能化水平提升。",
     "中国制造2025", [], "2015"),
    ("根据《电子病历系统应用水平分级评价标准（试行）》中所明确的，电子病历系统应用水平划分为9个等级。",
     "电子病历系统应用水平分级评价标准（试行）", [], None),
    ("近日，国家药监局发布《人工智能医疗器械注册审查指导原则（征求意见稿）》，向社会公开征求意见。",
     "人工智能医疗器械注册审查指导原则（征求意见稿）", ["国家药监局"], None),
    ("2023年7月，国家网信办等七部门联合公布《生成式人工智能服务管理暂行办法》，自2023年8月15日起施行。",
     "生成式人工智能服务管理暂行办法", ["国家网信办"], "2023-07"),
    ("《健康中国行动（2019—2030年）》由健康中国行动推进委员会于2019年7月印发。",
     "健康中国行动（2019—2030年）", ["健康中国行动推进委员会"], "2019-07"),
    ("FDA于2021年1月发布《基于人工智能/机器学习的医疗器械软件行动计划》。",
     "基于人工智能/机器学习的医疗器械软件行动计划", ["FDA"], "2021-01"),
    ("2021年，国家医保局、国家卫健委发布了关于印发《长期护理保险失能等级评估标准（试行）》的通知。",
     "关于印发《长期护理保险失能等级评估标准（试行）》的通知", ["国家医保局", "国家卫健委"], "2021"),
    ("从《上海市推进新型基础设施建设行动方案（2020-2022 年）》可以看出，上海将在未来两年内大力加强医疗机构基础信息化。",
     "上海市推进新型基础设施建设行动方案（2020-2022 年）", [], None),
    # the body consults on a draft: the verb (征求意见) follows the title, 就 links it to the subject
    ("2024年1月，国家卫生健康委就《医疗机构检查检验结果互认管理办法（征求意见稿）》向社会公开征求意见。",
     "医疗机构检查检验结果互认管理办法（征求意见稿）", ["国家卫生健康委"], "2024-01"),
    # a date written with dots (2024.3) between the subject and the verb is not part of the subject
    ("浙江省医保局于2024.3印发的《浙江省医用耗材集中带量采购协议期满接续工作方案》明确了续约规则。",
     "浙江省医用耗材集中带量采购协议期满接续工作方案", ["浙江省医保局"], "2024-03"),
    # a government's standing meeting adopts documents and is written as their issuer
    ("2022年6月，深圳市政府常务会议审议通过《深圳市促进生物医药产业集群高质量发展的若干措施》。",
     "深圳市促进生物医药产业集群高质量发展的若干措施", ["深圳市政府常务会议"], "2022-06"),
    # regulators named by their function (…药品监管部门) are issuers; 相关部门 is not (see test_split_issuers)
    ("京津冀三地药品监管部门于2023年5月联合印发《京津冀医疗器械注册人制度跨区域监管工作方案》，明确了检查互认规则。",
     "京津冀医疗器械注册人制度跨区域监管工作方案", ["京津冀三地药品监管部门"], "2023-05"),
    # the lead body of an alliance (A牵头B联盟) is the issuer, the alliance is not a company
    ("广东省医疗保障局牵头11省联盟于2022年11月发布《关于开展省际联盟药品集中带量采购的公告》，涉及多个临床常用品种。",
     "关于开展省际联盟药品集中带量采购的公告", ["广东省医疗保障局"], "2022-11"),
    # issuer and date in brackets after the title
    ("在《“十四五”全民健康信息化规划》（国家卫生健康委，2022年11月）的指引下，各地加快建设全民健康信息平台。",
     "“十四五”全民健康信息化规划", ["国家卫生健康委"], "2022-11"),
    # no date written: the document number (国卫医发〔2017〕49号) names the issue year; 此前 is not part of the issuer
    ("国家卫生健康委此前印发的《医疗机构临床路径管理指导原则》（国卫医发〔2017〕49号）对临床路径的制定提出了要求。",
     "医疗机构临床路径管理指导原则", ["国家卫生健康委"], "2017"),
    # A会同B、C等五部门: every named body, 等五部门 dropped
    ("2022年8月，浙江省卫生健康委员会会同浙江省医疗保障局、浙江省财政厅等五部门联合印发《浙江省县域医共体高质量发展实施方案》。",
     "浙江省县域医共体高质量发展实施方案", ["浙江省卫生健康委员会", "浙江省医疗保障局", "浙江省财政厅"], "2022-08"),
    # a bilingual brief: the English rendering before the 《》 is not a publisher; issuer and date follow a dash
    ("(2) Notice on Strengthening the Management of Medical Consumables《关于加强医用耗材临床使用管理的通知》——国家卫生健康委办公厅于2024年2月印发。",
     "关于加强医用耗材临床使用管理的通知", ["国家卫生健康委办公厅"], "2024-02"),
    # a body named in English keeps its spaces; its Chinese gloss in brackets is dropped
    ("Guidelines for the Design of Medical Device Clinical Trials《医疗器械临床试验设计指导原则》——National Medical Products Administration（国家药监局）于2018年11月发布。",
     "医疗器械临床试验设计指导原则", ["National Medical Products Administration"], "2018-11"),
    # an English date in the bracket after the title
    ("CDE（国家药监局药品审评中心）发布的 Guidance on Real-World Data for Generating Real-World Evidence《用于产生真实世界证据的真实世界数据指导原则（试行）》（Apr 2021）为企业提供了方法学参考。",
     "用于产生真实世界证据的真实世界数据指导原则（试行）", ["CDE"], "2021-04"),
    # a Markdown list item: the marker is not part of the issuer
    ("- 江苏省药品监督管理局在《江苏省药品上市许可持有人检查工作程序》中明确了检查频次。",
     "江苏省药品上市许可持有人检查工作程序", ["江苏省药品监督管理局"], None),
    # a legislature passes a law (法案)
    ("2022年12月，美国国会通过《食品药品综合改革法案》，要求FDA加快审评。",
     "食品药品综合改革法案", ["美国国会"], "2022-12"),
    # 《X》配套实施方案: what the body issued is the plan made for X, so X gets neither issuer nor date
    ("2023年4月，国家医保局印发《DRG/DIP支付方式改革三年行动计划》配套实施方案，细化了各地的推进节点。",
     "DRG/DIP支付方式改革三年行动计划", [], None),
    # a government's guidance titled in English, in quotes after a document-type word
    ('2024年1月，EMA 发布了 draft guideline "Reflection Paper on the Use of Artificial Intelligence in the Medicinal Product Lifecycle"，征求公众意见。',
     "Reflection Paper on the Use of Artificial Intelligence in the Medicinal Product Lifecycle", ["EMA"], "2024-01"),
]


@pytest.mark.parametrize("text,title,issuers,date", PROSE, ids=[p[1][:16] for p in PROSE])
def test_prose_policy(run_extractor, text, title, issuers, date):
    recs = run_extractor(NAME, text)
    assert [_w(r.title) for r in recs] == [_w(title)]
    r = recs[0]
    assert r.issuers == issuers
    assert r.date == date
    assert _w(title) in _w(r.evidence.text) or _w(title) in _w(r.evidence.text.replace("《", "").replace("》", ""))


# --- lists of titles --------------------------------------------------------------------------

LISTS = [
    # (text, titles, shared issuers, shared date)
    ("《电子病历基本架构与数据标准（试行）》、《电子病历系统功能规范》、《电子病历系统功能应用水平分级评价方法及标准》等政策推动整体医疗信息化发展。",
     ["电子病历基本架构与数据标准（试行）", "电子病历系统功能规范", "电子病历系统功能应用水平分级评价方法及标准"], [], None),
    ("- **医疗生态智慧化：**《进一步推进以电子病历为核心的医疗机构信息化建设工作》、《国家医疗健康信息医院信息互联互通标准化成熟度测评方案（2020年版）》等政策加大医疗信息化建设深度。",
     ["进一步推进以电子病历为核心的医疗机构信息化建设工作", "国家医疗健康信息医院信息互联互通标准化成熟度测评方案（2020年版）"], [], None),
    ("这一阶段，卫生部发布了《医院信息系统基本功能规范第二版》和《全国卫生信息化发展规划纲要（2003-2010）》，为医院管理信息系统建设提供了明确的标准。",
     ["医院信息系统基本功能规范第二版", "全国卫生信息化发展规划纲要（2003-2010）"], ["卫生部"], None),
    ("国家陆续发布了多个针对新兴技术应用的法规政策，如《关于加强科技伦理治理的意见》、《生成式人工智能服务管理暂行办法》、《人工智能安全治理框架》等。",
     ["关于加强科技伦理治理的意见", "生成式人工智能服务管理暂行办法", "人工智能安全治理框架"], [], None),
    ("新修订后的《药品管理法》强化了管理，企业的《药品生产质量管理规范》（GMP）及《药品经营质量管理规范》，《医疗器械经营质量管理规范》（GSP）标准执行情况。",
     ["药品管理法", "药品生产质量管理规范", "药品经营质量管理规范", "医疗器械经营质量管理规范"], [], None),
    ("到 2018 年年初，中国食品药品检定研究院以《医疗器械软件注册技术审查指导原则》、《移动医疗器械注册技术指导原则》、《医疗器械网络安全注册技术审查指导原则》三个原则作为建库基准。",
     ["医疗器械软件注册技术审查指导原则", "移动医疗器械注册技术指导原则", "医疗器械网络安全注册技术审查指导原则"], [], None),
    ("近年来，《“十四五”数字经济发展规划》《“十四五”全民医疗保障规划》等文件相继出台。",
     ["“十四五”数字经济发展规划", "“十四五”全民医疗保障规划"], [], None),
    ("国家卫健委、国家中医药局联合印发《互联网诊疗管理办法（试行）》、《互联网医院管理办法（试行）》和《远程医疗服务管理规范（试行）》三个文件。",
     ["互联网诊疗管理办法（试行）", "互联网医院管理办法（试行）", "远程医疗服务管理规范（试行）"], ["国家卫健委", "国家中医药局"], None),
]


@pytest.mark.parametrize("text,titles,issuers,date", LISTS, ids=[f"list{i}" for i in range(len(LISTS))])
def test_list_of_titles_gives_one_record_each(run_extractor, text, titles, issuers, date):
    recs = _by_title(run_extractor(NAME, text))
    assert set(recs) == {_w(t) for t in titles}
    for t in titles:
        assert recs[_w(t)].issuers == issuers
        assert recs[_w(t)].date == date


SEQUENCES = [
    # a second title in the same sentence keeps the subject of the first (同月发布了《…》)
    ("2022年3月，国家药监局器审中心发布了《人工智能医疗器械注册审查指导原则》，同月发布了《医疗器械软件注册审查指导原则（2022年修订版）》。",
     [("人工智能医疗器械注册审查指导原则", ["国家药监局器审中心"], "2022-03"),
      ("医疗器械软件注册审查指导原则（2022年修订版）", ["国家药监局器审中心"], "2022-03")]),
    # 同年12月 takes the year of the last event, not of the target 到2030年
    ("2017年7月，国务院印发了《新一代人工智能发展规划》，提出到2030年我国人工智能理论、技术与应用总体达到世界领先水平。同年12月，工信部发布《促进新一代人工智能产业发展三年行动计划（2018-2020年）》。",
     [("新一代人工智能发展规划", ["国务院"], "2017-07"),
      ("促进新一代人工智能产业发展三年行动计划（2018-2020年）", ["工信部"], "2017-12")]),
    # a document cited first (贯彻落实《…》) gets no issuer from the subject of the main clause
    ("为贯彻落实《“健康中国2030”规划纲要》，国家卫生健康委制定了《全国医疗卫生服务体系规划纲要（2021-2025年）》。",
     [("“健康中国2030”规划纲要", [], None),
      ("全国医疗卫生服务体系规划纲要（2021-2025年）", ["国家卫生健康委"], None)]),
    # a document number dates the title it follows only; the next title of the list keeps the issuer
    ("国家药监局此前发布的《医疗器械注册人委托生产质量管理指南》（国家药监局公告2022年第119号）和《医疗器械不良事件监测工作指南》，为企业合规提供了依据。",
     [("医疗器械注册人委托生产质量管理指南", ["国家药监局"], "2022"),
      ("医疗器械不良事件监测工作指南", ["国家药监局"], None)]),
    # 随后: an earlier date of the sentence belongs to the earlier title, the later one is unstated
    ("2019年3月，国务院印发《关于促进社会办医持续健康规范发展的意见》，省卫生健康委随后印发《江西省社会办医规范发展实施方案》。",
     [("关于促进社会办医持续健康规范发展的意见", ["国务院"], "2019-03"),
      ("江西省社会办医规范发展实施方案", ["省卫生健康委"], None)]),
    # each title of a list carries its own bracket of issuer and date
    ("《关于促进中医药传承创新发展的意见》（中共中央、国务院，2019年10月）、《“十四五”中医药发展规划》（国务院办公厅，2022年3月）构成了行业的政策框架。",
     [("关于促进中医药传承创新发展的意见", ["中共中央", "国务院"], "2019-10"),
      ("“十四五”中医药发展规划", ["国务院办公厅"], "2022-03")]),
    # a bracket dates the title it follows only: the next item of the list gets nothing from it
    ("《“十四五”医疗装备产业发展规划》（工业和信息化部等十部门，2021年12月印发）、《医疗器械监督管理条例》等文件相继出台。",
     [("“十四五”医疗装备产业发展规划", ["工业和信息化部"], "2021-12"),
      ("医疗器械监督管理条例", [], None)]),
]


@pytest.mark.parametrize("text,expected", SEQUENCES, ids=[f"seq{i}" for i in range(len(SEQUENCES))])
def test_several_policies_in_one_passage(run_extractor, text, expected):
    recs = _by_title(run_extractor(NAME, text))
    assert set(recs) == {_w(t) for t, _, _ in expected}
    for title, issuers, date in expected:
        assert (recs[_w(title)].issuers, recs[_w(title)].date) == (issuers, date)


# --- tables -----------------------------------------------------------------------------------

POLICY_TABLE = (
    "下表列举了近年来已出台的多项鼓励和支持数字医疗的政策措施。\n\n"
    "发布单位\t时间\t政策名称\t相关内容\n"
    "国务院\t2023年2月\t数字中国建设整体布局规划\t提出数字技术要全面赋能经济社会发展\n"
    "\t2016年\t关于促进健康服务业发展的意见\t提出了数字化医疗的发展方向和政策措施\n"
    "药监局\t2022年3月\t医疗器械软件注册审查指导原则(2022修订版)\t指导注册申请人规范医疗器械软件生存周期过程\n"
    "\t2022年\t人工智能医疗器械质量要求和评价\t基础通用标准，为开展人工智能医疗器械活动提供指导\n"
    "北京市人民政府 山西省人民政府\t2023年3月\t关于印发《北京市与长治市对口合作实施方案(2022-2026年)》的通知\t引导两地重点医院开展结对合作\n"
    "湖北省 人民政府办公厅\t2022年9月\t省人民政府办公厅关于印发湖北数字经济强省三年行动计划(2022-2024年)的通知\t打造一流的应用场景\n"
    "中国(上海)自由贸易试验区临港新片区管委会\t2022年3月\t中国(上海)自由贸易试验区临港新片区促进医疗卫生服务高质量发展若干意见\t重点支持开展再生医学研发攻关\n"
    "\n图 10：近年国内出台的多项支持数字医疗政策措施\n"
)

TABLE_ROWS = [
    ("数字中国建设整体布局规划", ["国务院"], "2023-02"),
    ("关于促进健康服务业发展的意见", ["国务院"], "2016"),  # issuer cell empty: continues 国务院
    ("医疗器械软件注册审查指导原则(2022修订版)", ["药监局"], "2022-03"),
    ("人工智能医疗器械质量要求和评价", ["药监局"], "2022"),
    ("关于印发《北京市与长治市对口合作实施方案(2022-2026年)》的通知", ["北京市人民政府", "山西省人民政府"], "2023-03"),
    ("省人民政府办公厅关于印发湖北数字经济强省三年行动计划(2022-2024年)的通知", ["湖北省人民政府办公厅"], "2022-09"),
    ("中国(上海)自由贸易试验区临港新片区促进医疗卫生服务高质量发展若干意见", ["中国(上海)自由贸易试验区临港新片区管委会"], "2022-03"),
]


@pytest.fixture(scope="module")
def table_records(run_extractor):
    return _by_title(run_extractor(NAME, POLICY_TABLE))


def test_policy_table_gives_one_record_per_row(table_records):
    assert set(table_records) == {_w(t) for t, _, _ in TABLE_ROWS}


@pytest.mark.parametrize("title,issuers,date", TABLE_ROWS, ids=[t[:12] for t, _, _ in TABLE_ROWS])
def test_policy_table_row_fields(table_records, title, issuers, date):
    r = table_records[_w(title)]
    assert [_w(i) for i in r.issuers] == [_w(i) for i in issuers]
    assert r.date == date
    assert _w(title) in _w(r.evidence.text)  # evidence is the table row


def test_non_policy_table_gives_nothing(run_extractor):
    text = (
        "表 4 医疗器械三类证 AI 产品获批情况\n"
        "产品名称\t企业简称\t获批时间\n"
        "冠脉血流储备分数计算软件\t科亚医疗\t2020 年 1 月\n"
        "心电分析软件（AI-ECG Platform）\t乐普医疗\t2020 年 2 月\n"
    )
    assert run_extractor(NAME, text) == []


ANNEX = (
    "2022年8月，国家卫生健康委印发《“十四五”卫生健康人才发展规划》，明确了人才队伍建设目标。2019年修订的《疫苗管理法》对疫苗全程追溯作出规定。"
    "《医疗机构设置规划指导原则（2021-2025年）》（国卫医发〔2022〕3号，以下简称《设置规划》）要求合理配置床位。《设置规划》还提出严控公立医院单体规模。\n\n"
    "附件：相关文件目录\n\n"
    "序号\t文件名称\t文号\t发布日期\n"
    "1\t国家卫生健康委关于印发“十四五”卫生健康人才发展规划的通知\t国卫人发〔2022〕27号\t2022-08-18\n"
    "2\t中华人民共和国疫苗管理法（2019年修订）\t主席令第三十号\t2019-06-29\n"
    "3\t广东省卫生健康委员会 广东省财政厅关于调整基层医疗卫生机构补助标准的通知\t粤卫财函〔2023〕56号\t2023-06-02\n"
    "4\t医疗机构设置规划指导原则（2021-2025年）\t国卫医发〔2022〕3号\t2022-01-29\n"
)


def test_annex_table_and_prose_name_one_policy_each(run_extractor):
    """An 附件 list (文件名称 | 文号 | 发布日期, no issuer column) repeats documents the prose names in
    shorter forms: the wrapping notice, 中华人民共和国…（2019年修订） and a defined short form meet
    the prose mention; the more precise date of the row refines the prose's month; a row's issuers
    are read from the bodies opening its official title."""
    recs = run_extractor(NAME, ANNEX)
    got = {_w(r.title): (r.issuers, r.date) for r in recs}
    assert len(recs) == 4, got
    assert got[_w("国家卫生健康委关于印发“十四五”卫生健康人才发展规划的通知")] == (["国家卫生健康委"], "2022-08-18")
    assert got[_w("中华人民共和国疫苗管理法（2019年修订）")] == ([], "2019-06-29")
    assert got[_w("广东省卫生健康委员会 广东省财政厅关于调整基层医疗卫生机构补助标准的通知")] == (["广东省卫生健康委员会", "广东省财政厅"], "2023-06-02")
    assert got[_w("医疗机构设置规划指导原则（2021-2025年）")] == ([], "2022-01-29")


def test_news_flash_date_without_year_takes_the_year_of_the_dateline(run_extractor):
    """11月15日 in a flash item: the year of the dated head; 发布通知，就《…》征求意见 names the body."""
    text = (
        "2024年5月13日 星期一\n医药政策快讯 · 第88期\n\n"
        "07｜国家医保局就目录调整方案征求意见\n"
        "5月10日，国家医保局办公室发布通知，就《2024年国家基本医疗保险、工伤保险和生育保险药品目录调整工作方案（征求意见稿）》"
        "公开征求意见，截止时间为5月19日。\n"
    )
    (r,) = run_extractor(NAME, text)
    assert (r.issuers, r.date) == (["国家医保局办公室"], "2024-05-10")


def test_a_bare_year_in_the_paragraph_above_does_not_date_a_bare_month(run_extractor):
    """"较2021年高点" above dates nothing: 3月12日 takes the year of the report's own date."""
    text = (
        "报告日期：2024年3月17日\n\n"
        "估值层面，板块整体PS约为6.8倍，较2021年高点已回落超过六成。\n\n"
        "3月12日，国家卫健委、国家中医药局联合印发《关于推进医疗卫生领域人工智能应用场景建设的指导意见》，明确提出到2027年的目标。\n"
    )
    (r,) = run_extractor(NAME, text)
    assert (r.issuers, r.date) == (["国家卫健委", "国家中医药局"], "2024-03-12")


GOV_PAGE = (
    "浙江省人民政府\n首页 > 信息公开 > 政策文件\n\n"
    "浙江省人民政府办公厅关于加快生物医药产业高质量发展的若干意见\n\n"
    "索引号：002482410/2024-112\n发布机构：浙江省人民政府办公厅\n发文字号：浙政办发〔2024〕18号\n"
    "成文日期：2024-03-28\n发布日期：2024-04-02\n\n"
    "各市、县（市、区）人民政府，省政府直属各单位：\n现将有关意见印发给你们，请结合实际认真贯彻执行。\n"
)


def test_government_page_head_block_gives_issuer_and_date(run_extractor):
    """A government page prints 发布机构/成文日期 under the document's title: the signing date wins."""
    (r,) = run_extractor(NAME, GOV_PAGE)
    assert (r.title, r.issuers, r.date) == ("浙江省人民政府办公厅关于加快生物医药产业高质量发展的若干意见", ["浙江省人民政府办公厅"], "2024-03-28")


def test_head_block_of_an_interpretation_page_is_not_the_policy_s(run_extractor):
    """《X》政策解读: the head block dates and signs the interpretation; X keeps what the prose says."""
    text = (
        "《浙江省加快生物医药产业高质量发展的若干意见》政策解读\n\n"
        "发布机构：浙江省经济和信息化厅\n发布日期：2024-04-10\n\n"
        "近日，省政府办公厅印发《浙江省加快生物医药产业高质量发展的若干意见》，提出二十条支持措施。\n"
    )
    (r,) = run_extractor(NAME, text)
    assert (r.issuers, r.date) == (["省政府办公厅"], None)


def test_markdown_reference_list_reads_author_and_year(run_extractor):
    """[n] 作者. 《题名》. 年月. entries: a body as author makes a policy, a research firm's report is not one."""
    text = (
        "**参考文献**\n\n"
        "[1] 国务院办公厅. 《关于推动公立医院高质量发展的意见》. 2021年5月.\n"
        "[2] 艾瑞咨询. 《2023年中国医疗信息化行业研究报告》. 2023年8月.\n"
        "[3] 国家卫生健康委. 《医疗机构管理条例实施细则》. 2017.\n"
        "[4] 张伟, 李娜. 医院信息化建设的实践与思考[J]. 中国医院管理, 2022, 42(3): 1-4.\n"
    )
    got = {r.title: (r.issuers, r.date) for r in run_extractor(NAME, text)}
    assert got == {"关于推动公立医院高质量发展的意见": (["国务院办公厅"], "2021-05"),
                   "医疗机构管理条例实施细则": (["国家卫生健康委"], "2017")}


# --- what is not a policy ---------------------------------------------------------------------

NEGATIVES = [
    "- 3 动脉网《全球数字疗法产业报告》2022 年",
    "- 9 《中国卫生健康统计年鉴》2010 年和《中国卫生健康统计年鉴》2021 年",
    "- 10 前瞻产业研究院《2023-2028 年中国医疗诊断、监护及治疗设备行业需求预测与投资机会分析报告》",
    "- 21 国家统计局（2022）《中华人民共和国 2022 年国民经济和社会发展统计公报》",
    "- 1 本文中数字健康、数字医疗、数字疗法的定义来自动脉网《中国数字疗法行业白皮书》（2021版）。",
    "- 25 人民网 2023 年《国家创新调查制度实施 10 周年工作座谈会》报道",
    "⁴ 《医疗智能行业白皮书》，沙利文，2022年",
    "² 《医疗新基金：补齐短板弱项》，中国医院院长期刊，曹凯",
    "来源：《中国发展报告2020中国人口老龄化的发展趋势和政策》，国家统计局，德勤研究",
    "根据国家统计局发布的《2022年国民经济和社会发展统计公报》，我国互联网普及率达到了75.6%。",
    "根据火石创造《医疗影像的市场图谱和行业发展分析》报告分析，2020 年我国医学影像市场规模将达到 6000~8000 亿人民币。",
    "据艾瑞咨询《2022年中国医疗AI行业研究报告》显示，市场规模持续增长。",
    "埃森哲是《财富》世界 500 强企业之一，坚持卓越人才和创新引领。",
    "在《2023世界人工智能大会》上，多家企业发布了医疗大模型新品。",
    "他在《人类简史》一书中写道，技术将重塑医疗行业。",
    "据《健康报》报道，国家卫健委表示将加快推进智慧医院建设。",
    "中华医学会发布了《中国2型糖尿病防治指南（2020年版）》。",
    "腾讯发布了《智慧医院整体解决方案》。",
    "《意见》提出，到2025年实现二级以上医院全覆盖。",
    "- [《2019 中国医疗人工智能报告：冲刺结束，正步走》](#)",
    # a company's own plan, the company short name written right before the title
    "恒瑞医药《2025-2027年国际化发展规划》提出，海外收入占比将提升至30%以上。",
    "迈瑞医疗《数字化转型三年行动方案》明确，到2026年实现核心业务全流程数字化。",
    "阿里健康《2024财年数字医药服务推进方案》提出，将接入更多互联网医院。",  # a gazetteer company
    # a one-word English publisher before the 《》 is not a title's English rendering
    "IQVIA《中国医院药品采购管理指南》提出，医院采购将更加规范。",
    # English quoted titles: a report, or guidance a company publishes, is not a policy
    '麦肯锡发布了 report "The Future of Healthcare in China 2024"，引发关注。',
    '某医疗公司发布了 guidance "Investor Guidance for Fiscal Year 2024"。',
]


@pytest.mark.parametrize("text", NEGATIVES, ids=[f"neg{i}" for i in range(len(NEGATIVES))])
def test_not_a_policy(run_extractor, text):
    assert run_extractor(NAME, text) == []


def test_reference_list_of_research_reports_gives_nothing(run_extractor):
    text = (
        "参考资料\n\n"
        "- 1 本文中数字健康、数字医疗、数字疗法的定义来自动脉网《中国数字疗法行业白皮书》（2021版）。\n"
        "- 3 动脉网《全球数字疗法产业报告》2022 年\n"
        "- 19 《中国卫生健康统计年鉴》2015 年至 2021 年数据\n"
        "- 20 国家统计局《国民经济和社会发展统计公报》2015-2021 年数据\n"
        "- 23 网经社数字健康台《2022 年中国数字健康投融资数据报告》\n"
    )
    assert run_extractor(NAME, text) == []


def test_footnote_citing_a_government_document_is_a_policy(run_extractor):
    recs = run_extractor(NAME, "¹ 《关于促进“互联网+医疗健康”发展的意见》，国务院办公厅，2018年")
    assert [(r.title, r.issuers, r.date) for r in recs] == [("关于促进“互联网+医疗健康”发展的意见", ["国务院办公厅"], "2018")]


# --- one record per policy per document -------------------------------------------------------


def test_repeated_mentions_merge_into_the_richest(run_extractor):
    text = (
        "2020年6月4日，北京市委、市政府发布了《加强首都公共卫生应急管理体系建设三年行动计划（2020-2022年）》，旨在全面提升首都应对突发公共卫生事件的能力。\n\n"
        "整个行动计划的内容涉及公共卫生体系的方方面面。\n\n"
        "图 5 《加强首都公共卫生应急管理体系建设三年行动计划（2020-2022 年）》要点\n"
    )
    recs = run_extractor(NAME, text)
    assert len(recs) == 1
    r = recs[0]
    assert r.issuers == ["北京市委", "市政府"] and r.date == "2020-06-04"
    assert r.evidence.text.startswith("2020年6月4日")


def test_later_mention_fills_fields_of_an_earlier_bare_one(run_extractor):
    text = "《“健康中国2030”规划纲要》提出，到2030年人均预期寿命达到79岁。2016年10月，中共中央、国务院印发了《“健康中国2030”规划纲要》。"
    recs = run_extractor(NAME, text)
    assert [(r.title, r.issuers, r.date) for r in recs] == [("“健康中国2030”规划纲要", ["中共中央", "国务院"], "2016-10")]


def test_wrapped_notice_and_bare_title_are_one_policy(run_extractor):
    text = (
        "发布单位\t时间\t政策名称\n"
        "北京市人民政府\t2023年3月\t关于印发《北京市与长治市对口合作实施方案(2022-2026年)》的通知\n\n"
        "《北京市与长治市对口合作实施方案(2022-2026年)》鼓励两地医疗机构进行数字医疗合作。\n"
    )
    recs = run_extractor(NAME, text)
    assert [r.title for r in recs] == ["关于印发《北京市与长治市对口合作实施方案(2022-2026年)》的通知"]


def test_table_row_with_full_date_is_richer_than_prose(run_extractor):
    """The same policy in prose (器审中心, 2022年9月) and in a table (full name, 2022-09-15): the
    table row gives the more precise date, so its fields and evidence are kept."""
    text = (
        "2022年9月，器审中心发布《肺结节CT图像辅助检测软件审评要点》，细化了算法性能评价要求。\n\n"
        "表 3 医学影像AI相关审评文件\n\n"
        "序号\t文件名称\t发文机关\t发布日期\n"
        "1\t肺结节CT图像辅助检测软件审评要点\t国家药监局医疗器械技术审评中心\t2022-09-15\n"
        "2\t医疗器械软件注册审查指导原则（2022年修订版）\t国家药监局医疗器械技术审评中心\t2022-03-07\n"
    )
    recs = _by_title(run_extractor(NAME, text))
    r = recs[_w("肺结节CT图像辅助检测软件审评要点")]
    assert (r.issuers, r.date) == (["国家药监局医疗器械技术审评中心"], "2022-09-15")
    assert r.evidence.text.startswith("1\t")


DIGEST = (
    "健康产业周报 | 第32期\n\n"
    "发布时间：2024-03-11 09:00\n\n"
    "一、政策动态\n\n"
    "· 本周，国家医保局发布《关于加强区域协同做好2024年医药集中采购提质扩面的通知》，推动集采扩围。\n"
)


def test_this_week_takes_the_month_the_digest_covers(run_extractor):
    """本周 in a weekly digest is dated by the digest's own date in its head, to the month."""
    (r,) = run_extractor(NAME, DIGEST)
    assert (r.issuers, r.date) == (["国家医保局"], "2024-03")


def test_this_week_without_a_dated_head_gives_no_date(run_extractor):
    (r,) = run_extractor(NAME, DIGEST.replace("发布时间：2024-03-11 09:00\n\n", ""))
    assert (r.issuers, r.date) == (["国家医保局"], None)


# --- helpers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("上海市 政府办公厅", ["上海市政府办公厅"]),
    ("北京市人民政府 山西省人民政府", ["北京市人民政府", "山西省人民政府"]),
    ("北京市科学技术委员会、中关村科技园区管理委员会", ["北京市科学技术委员会", "中关村科技园区管理委员会"]),
    ("工业和信息化部", ["工业和信息化部"]),
    ("国家卫健委和国家医保局", ["国家卫健委", "国家医保局"]),
    ("国家网信办等七部门", ["国家网信办"]),
    ("国家药品监督管理局医疗器械技术审评中心（CMDE）", ["国家药品监督管理局医疗器械技术审评中心"]),
    ("中国(上海)自由贸易试验区临港新片区管委会", ["中国(上海)自由贸易试验区临港新片区管委会"]),
    ("国家", []),
    ("中华医学会", []),
    ("国务院常务会议", ["国务院常务会议"]),
    ("粤港澳大湾区药品监管部门", ["粤港澳大湾区药品监管部门"]),
    ("相关监管部门", []),
    ("有关部门", []),
    # 会同/联合 join bodies; a vague partner is dropped
    ("广东省药品监督管理局会同广东省工业和信息化厅", ["广东省药品监督管理局", "广东省工业和信息化厅"]),
    ("省药监局会同有关部门", ["省药监局"]),
    ("国家网信办（CAC）联合国家发展改革委、教育部", ["国家网信办", "国家发展改革委", "教育部"]),
    # English names keep their spaces; a fund is not a body
    ("National Health Commission", ["National Health Commission"]),
    ("Ministry of Science and Technology", ["Ministry of Science and Technology"]),
    ("Lilly Asia Ventures", []),
    ("德国联邦议院", ["德国联邦议院"]),
])
def test_split_issuers(text, expected):
    assert split_issuers(text) == expected


@pytest.mark.parametrize("title,policy", [
    ("人工智能医疗器械注册审查指导原则", True),
    ("医疗器械软件注册审查指导原则(2022修订版)", True),
    ("人工智能医疗器械注册审查指导原则（征求意见稿）", True),
    ("药品管理法", True),
    ("健康中国2030规划纲要", True),
    ("中国制造2025", True),
    ("全球数字疗法产业报告", False),
    ("中国卫生健康统计年鉴", False),
    ("中国数字疗法行业白皮书", False),
    ("基于胸部CT的肺结节影响辅助决策产品性能指标和测试方法", False),
    ("医疗影像的市场图谱和行业发展分析", False),
])
def test_title_vocabulary(title, policy):
    assert (has_doc_suffix(title) and not is_negative_title(title)) is policy


# --- the annotated reports ----------------------------------------------------------------------


def test_gold_reports_policy_f1(nlp):
    """Regression guard on the annotated reports (policy records only)."""
    from extract.devtools.evaluate import EvalResult, load_gold, score_document
    from extract.extractors import create
    from extract.ingest import read_document
    from extract.process import extract_document

    ex = create([NAME])
    result = EvalResult()
    for report in REPORTS:
        gold_path = FIXTURES / "gold" / f"{report.stem}.jsonl"
        if not gold_path.exists():
            continue
        gold = [g for g in load_gold(gold_path) if g["kind"] == "policy"]
        preds = [r.model_dump(mode="json") for r in extract_document(read_document(report), ex, nlp).records]
        score_document(gold, preds, result, source=report.name)
    assert result.kinds["policy"].f1 >= 0.95, (result.misses, result.false_positives)


def test_issuer_aliases_get_canonical_names_beside_the_written_form(run_extractor):
    text = "2022年3月，药监局发布《人工智能医疗器械注册审查指导原则》。"
    (rec,) = run_extractor("policy.rules.v1", text)
    assert rec.issuers == ["药监局"]
    assert rec.issuers_canonical == ["国家药品监督管理局"]


# --- titles written without 《》 ---------------------------------------------------------------

PLAIN = [
    # (text, title, issuers, date); sentences written for these tests in the style of news digests
    # a notice after the issuer and its verb; the number bracket is not part of the title
    ("2023年10月，湖北省卫生健康委员会印发关于推进县域医共体影像中心建设的通知（鄂卫发〔2023〕17号），要求年底前完成布局。",
     "关于推进县域医共体影像中心建设的通知", ["湖北省卫生健康委员会"], "2023-10"),
    ("2022年5月20日，国家药监局发布关于优化第二类医疗器械注册检验工作的公告（2022年第37号）。",
     "关于优化第二类医疗器械注册检验工作的公告", ["国家药监局"], "2022-05-20"),
    # a plan with its period mark; 等三部门 is not a body
    ("2024年2月，江苏省工业和信息化厅、江苏省卫生健康委员会等三部门联合印发江苏省智能医疗装备产业发展行动计划（2024—2027年），提出培育20家骨干企业。",
     "江苏省智能医疗装备产业发展行动计划（2024—2027年）", ["江苏省工业和信息化厅", "江苏省卫生健康委员会"], "2024-02"),
    # 发布的 + a guideline with its revision mark, followed by the rest of the clause (在…)
    ("国家药监局器审中心发布的医用机器人注册审查指导原则（2023年修订版）在业内被广泛引用。",
     "医用机器人注册审查指导原则（2023年修订版）", ["国家药监局器审中心"], None),
    # the bracket after the title gives the document number and the month
    ("江苏省人民政府办公厅印发的江苏省加快生物医药产业集群发展若干措施（苏政办发〔2023〕41号，2023年6月）对创新器械给予奖励。",
     "江苏省加快生物医药产业集群发展若干措施", ["江苏省人民政府办公厅"], "2023-06"),
    # a document named by its number only
    ("2023年8月，国家药监局发布2023年第105号公告，调整了部分医疗器械的分类。",
     "2023年第105号公告", ["国家药监局"], "2023-08"),
    ("国家药监局2022年第30号公告明确了过渡期安排。", "国家药监局2022年第30号公告", ["国家药监局"], "2022"),
    # the number in the subject names the announcement that publishes the title: its year dates it
    ("国家药监局2021年第76号公告发布的医疗器械分类目录调整意见（修订稿）简化了变更流程。",
     "医疗器械分类目录调整意见（修订稿）", ["国家药监局"], "2021"),
    # the issuing body opens the official title: the title starts at 关于
    ("浙江省医疗保障局关于开展门诊慢特病跨省直接结算工作的通知；",
     "关于开展门诊慢特病跨省直接结算工作的通知", ["浙江省医疗保障局"], None),
    # 征求关于X（征求意见稿）的意见: the draft is X
    ("2024年7月，国家卫生健康委公开征求关于医疗机构临床数据治理规范（征求意见稿）的意见。",
     "医疗机构临床数据治理规范（征求意见稿）", ["国家卫生健康委"], "2024-07"),
    # a law cited by name, without issuer
    ("依据医疗器械监督管理条例第三十八条，企业应当建立追溯制度。", "医疗器械监督管理条例", [], None),
    ("按照药品经营质量管理规范的有关要求，门店须配备执业药师。", "药品经营质量管理规范", [], None),
    # a law opening a list item comes into force: the effective date is not its issue date
    ("（二）数据安全法自2021年9月1日起施行，对医疗数据处理者提出了要求。", "数据安全法", [], None),
    # where the body published it (在官网) is not part of its name
    ("2024年9月，国家药监局在官网发布关于医疗器械唯一标识全面实施的公告（2024年第88号）。",
     "关于医疗器械唯一标识全面实施的公告", ["国家药监局"], "2024-09"),
    # a forwarded notice: the bodies opening the title issued it, not the forwarding one
    ("2024年4月，某省药监局转发国家药监局关于开展医用耗材网络销售专项检查的通知。",
     "关于开展医用耗材网络销售专项检查的通知", ["国家药监局"], "2024-04"),
    # 本次合作符合 is not part of the issuer
    ("本次合作符合国家卫生健康委印发的公立医院高质量发展促进行动方案中关于信息化的要求。",
     "公立医院高质量发展促进行动方案", ["国家卫生健康委"], None),
    # traditional Chinese (Taiwan): a title in 「」 after an order number, a plain one after 發布/預告
    ("衛福部於2023年11月8日以衛授食字第1121611234號公告「醫療器材網路販售管理指引（草案）」，預告期六十日。",
     "醫療器材網路販售管理指引（草案）", ["衛福部"], "2023-11-08"),
    ("食藥署於2023年10月2日發布醫療器材軟體網路安全指引，業者應於明年起適用。",
     "醫療器材軟體網路安全指引", ["食藥署"], "2023-10-02"),
    ("衛福部於2024年1月9日預告藥事法施行細則部分條文修正草案，各界可於期限內提出意見。",
     "藥事法施行細則部分條文修正草案", ["衛福部"], "2024-01-09"),
    # a place standing for its government, a relative time between it and the verb (no date line: no date)
    ("苏州市则在前年出台了苏州市促进生物医药产业创新发展若干政策措施，对首台套产品给予奖励。",
     "苏州市促进生物医药产业创新发展若干政策措施", ["苏州市"], None),
    # an adverb between the body and 联合 is not part of its name
    ("近期，市医保局也联合市卫健委印发了关于规范互联网复诊收费的通知。",
     "关于规范互联网复诊收费的通知", ["市医保局", "市卫健委"], None),
    # 契合 ends what stands before the bodies, like 符合
    ("这一做法契合国家医保局、国家卫生健康委2024年联合印发的关于完善医疗服务价格动态调整机制的意见。",
     "关于完善医疗服务价格动态调整机制的意见", ["国家医保局", "国家卫生健康委"], "2024"),
]


@pytest.mark.parametrize("text,title,issuers,date", [
    ("本报讯 2026年3月2日\n\n省药监局今年1月印发的关于加强第二类医疗器械注册人监管的意见，已在各地落地。",
     "关于加强第二类医疗器械注册人监管的意见", ["省药监局"], "2026-01"),
    ("发布时间：2026-05-11\n\n省卫健委去年底发布了省级互联网医院监管办法（试行），明确了准入条件。",
     "省级互联网医院监管办法（试行）", ["省卫健委"], "2025"),
    ("发布时间：2026-05-11\n\n今年以来，市卫健委已会同市财政局印发了关于推进紧密型医联体建设的实施意见。",
     "关于推进紧密型医联体建设的实施意见", ["市卫健委", "市财政局"], "2026"),
], ids=["this-year-month", "last-year", "since-this-year"])
def test_plain_title_dated_relative_to_the_documents_own_date(run_extractor, text, title, issuers, date):
    """今年 / 去年 count from the document's date line; without one they date nothing."""
    recs = run_extractor(NAME, text)
    assert [(r.title, r.issuers, r.date) for r in recs] == [(title, issuers, date)]


@pytest.mark.parametrize("text,title,issuers,date", PLAIN, ids=[p[1][:16] for p in PLAIN])
def test_plain_title_policy(run_extractor, text, title, issuers, date):
    recs = run_extractor(NAME, text)
    assert [r.title for r in recs] == [title]
    assert recs[0].issuers == issuers
    assert recs[0].date == date
    assert title in recs[0].evidence.text


def test_plain_titles_listed_after_one_verb_share_issuer_and_date(run_extractor):
    text = ("2024年3月，器审中心公开征求手术导航软件注册审查要点、超声影像质控软件注册审查要点（征求意见稿）"
            "两份文件的意见，反馈截止时间为4月15日。")
    recs = _by_title(run_extractor(NAME, text))
    assert set(recs) == {"手术导航软件注册审查要点", "超声影像质控软件注册审查要点（征求意见稿）"}
    assert all(r.issuers == ["器审中心"] and r.date == "2024-03" for r in recs.values())


def test_bare_month_day_takes_the_year_of_the_digest_head(run_extractor):
    text = ("【医械周报】2024年第9期｜2月26日—3月3日\n\n一、政策法规\n\n"
            "1. 2月27日，国家药监局发布关于进一步规范医疗器械临床试验机构备案的公告（2024年第6号）。\n")
    (rec,) = run_extractor(NAME, text)
    assert rec.date == "2024-02-27"


def test_same_period_refers_back_to_the_event_not_to_an_effective_date(run_extractor):
    text = ("广东省卫生健康政策简报（2024年第二季度）\n\n"
            "（一）广州市卫生健康委员会5月10日印发广州市医疗机构互联网诊疗监管细则，自7月1日起施行；"
            "佛山市卫生健康局同期印发的佛山市家庭医生签约服务规范已报备。\n")
    recs = _by_title(run_extractor(NAME, text))
    assert recs["广州市医疗机构互联网诊疗监管细则"].date == "2024-05-10"
    assert recs["佛山市家庭医生签约服务规范"].issuers == ["佛山市卫生健康局"]
    assert recs["佛山市家庭医生签约服务规范"].date == "2024-05"


def test_field_list_items_read_title_issuer_and_date_from_their_fields(run_extractor):
    text = ("江西省卫生健康委员会政策文件汇编（2024年上半年）\n\n"
            "一、【文件名称】江西省卫生健康委员会关于印发江西省互联网医院评审标准（试行）的通知\n"
            "【文号】赣卫医政字〔2024〕6号　【成文日期】2024年3月18日\n"
            "【内容提要】标准共设5个一级指标。\n\n"
            "二、【文件名称】关于做好基层远程心电诊断服务的通知\n"
            "【发布机构】江西省卫生健康委员会办公室　【发布日期】2024年5月6日\n"
            "【内容提要】各地应于年底前完成部署。\n")
    recs = _by_title(run_extractor(NAME, text))
    first = recs["江西省卫生健康委员会关于印发江西省互联网医院评审标准（试行）的通知"]
    assert first.issuers == ["江西省卫生健康委员会"] and first.date == "2024-03-18"
    second = recs["关于做好基层远程心电诊断服务的通知"]
    assert second.issuers == ["江西省卫生健康委员会办公室"] and second.date == "2024-05-06"
    assert len(recs) == 2


def test_field_list_date_falls_back_to_the_year_of_the_document_number(run_extractor):
    text = ("一、【文件名称】关于加强县级医院远程影像诊断中心建设的通知\n"
            "【文号】某卫发〔2023〕12号\n")
    (rec,) = run_extractor(NAME, text)
    assert rec.date == "2023" and rec.issuers == []


def test_plain_and_quoted_mentions_of_one_notice_merge(run_extractor):
    text = ("2023年3月，国家医保局印发关于做好医保药品目录落地工作的通知。"
            "《关于做好医保药品目录落地工作的通知》要求定点医药机构及时配备药品。")
    (rec,) = run_extractor(NAME, text)
    assert rec.issuers == ["国家医保局"] and rec.date == "2023-03"


PLAIN_NEGATIVES = [
    # a listed company's announcements are not policies
    "本公司董事会发布关于使用部分闲置募集资金进行现金管理的公告。",
    "上海某某医疗科技股份有限公司关于自愿披露产品获得医疗器械注册证的公告",
    "公司于2024年4月1日发布关于控股股东部分股份质押的公告，质押比例为12%。",
    # a notice mentioned without its title
    "国家药监局发布通知称，将加强对网络销售的抽检。",
    "国家卫健委印发通知，要求各地做好流感防治工作。",
    "市卫健委发布了实施方案。",
    "器审中心就相关问题公开征求意见。",
    "卫健委表示，将按照有关规定的要求推进工作。",
    # agreements and a society's clinical guideline
    "2024年5月，公司与某某医院签署《战略合作协议》，合作期限三年。",
    "2024年5月，公司与某某医院签署战略合作协议，合作期限三年。",
    "中华医学会肿瘤学分会牵头编写的《肺癌诊疗指南（2024版）》已更新推荐。",
    # no publishing verb, or a company's own rules
    "国家药监局官网显示，该产品于3月获批上市。",
    "根据公司内部管理办法的规定，本次交易无需提交股东大会审议。",
    "食藥署今日公告，將加強網路販售稽查。",
]


@pytest.mark.parametrize("text", PLAIN_NEGATIVES, ids=[f"plainneg{i}" for i in range(len(PLAIN_NEGATIVES))])
def test_plain_text_that_is_not_a_policy(run_extractor, text):
    assert run_extractor(NAME, text) == []


@pytest.mark.parametrize(
    "text, issuers",
    [
        pytest.param("为贯彻落实国家卫生健康委、国家发展改革委等5部门《关于推进示例应用发展的实施意见》部署，我委组织开展试点。",
                     ["国家卫生健康委", "国家发展改革委"], id="citing-clause-before-the-bodies"),
        pytest.param("各试点单位要对照国家卫生健康委办公厅2024年11月印发的《示例应用场景参考指引》，明确边界。",
                     ["国家卫生健康委办公厅"], id="object-of-对照"),
        pytest.param("集采结余资金按照省医疗保障局、省财政厅2024年6月印发的《关于做好示例资金结余留用工作的通知》执行。",
                     ["省医疗保障局", "省财政厅"], id="object-of-按照"),
        pytest.param("按照《国务院办公厅关于推动示例工作常态化开展的意见》（国办发〔2021〕2号）执行。",
                     ["国务院办公厅"], id="issuer-opening-the-title"),
    ],
)
def test_the_issuers_of_a_cited_document_are_the_bodies_not_the_clause_before_them(run_extractor, text, issuers):
    (rec,) = run_extractor(NAME, text)
    assert rec.issuers == issuers


def test_a_regulation_digest_lists_documents_as_titled_items_with_their_fields(run_extractor):
    # a law firm's monthly: item lines are titles (numbered, maybe a region label, maybe the issuer
    # and its verb first), the lines below carry 文号 / 发布日期 / 发布机关; the section names the issuer
    text = ("医药法规月报（2026年3月）\n\n一、国家药品监督管理局\n\n"
            "1.1 关于调整部分医疗器械注册审查事项的公告\n文号：国家药监局公告2026年第21号\n发布日期：2026年3月4日\n要点：简化变更注册资料。\n\n"
            "1.2 器审中心发布呼吸机注册审查指导原则（试行）\n发布日期：2026年3月18日\n要点：明确性能研究要求。\n\n"
            "二、地方\n\n"
            "2.1 江苏｜关于促进医疗器械产业创新发展的若干措施\n发布机关：江苏省药品监督管理局\n发布日期：2026年3月20日\n\n"
            "2.2 2025年全省卫生健康统计公报\n发布日期：2026年3月25日\n")
    got = {r.title: (r.issuers, r.date) for r in run_extractor("policy.rules.v1", text)}
    assert got["关于调整部分医疗器械注册审查事项的公告"] == (["国家药品监督管理局"], "2026-03-04")
    assert got["呼吸机注册审查指导原则（试行）"] == (["器审中心"], "2026-03-18")
    assert got["关于促进医疗器械产业创新发展的若干措施"] == (["江苏省药品监督管理局"], "2026-03-20")
    assert not any("统计公报" in t for t in got)


def test_a_decree_number_names_its_issuer_and_a_notice_number_its_year(run_extractor):
    text = ("近期出台的相关政策包括：\n"
            "1. 《人工智能医用软件产品分类界定指导原则》（国家药监局，2021年7月）\n"
            "2. 《医疗器械监督管理条例》（国务院令第739号，2021年）\n"
            "3. 国家药监局关于发布医疗器械网络安全注册审查指导原则的通告（2022年第7号）\n")
    got = sorted((r.title, tuple(r.issuers), r.date) for r in run_extractor("policy.rules.v1", text))
    assert got == [("人工智能医用软件产品分类界定指导原则", ("国家药监局",), "2021-07"),
                   ("关于发布医疗器械网络安全注册审查指导原则的通告", ("国家药监局",), "2022"),
                   ("医疗器械监督管理条例", ("国务院",), "2021")]


def test_a_rule_about_reports_and_a_short_law_are_policies(run_extractor):
    """"…自查报告编写指南" regulates reports (it is no report); 《公司法》 is a law however short."""
    text = ("2025年11月10日，国家药监局发布《医疗器械注册人年度自查报告编写指南》，同时废止《医疗器械注册人质量管理体系"
            "自查报告编写指南（试行）》。\n发行人的生产经营符合《公司法》及《首次公开发行股票注册管理办法》的规定。\n"
            "据《2025年中国医疗AI发展报告》统计，行业规模持续增长，不同算法与方法各有优劣。\n")
    titles = {r.title: (r.issuers, r.date) for r in run_extractor(NAME, text)}
    assert titles["医疗器械注册人年度自查报告编写指南"] == (["国家药监局"], "2025-11-10")
    assert titles["医疗器械注册人质量管理体系自查报告编写指南（试行）"] == ([], None)  # repealed: named, not issued here
    assert "公司法" in titles and "首次公开发行股票注册管理办法" in titles
    assert "2025年中国医疗AI发展报告" not in titles  # a report stays no policy


def test_a_date_of_coming_into_force_does_not_date_the_next_bare_date(run_extractor):
    text = ("2026年医疗器械监管回顾\n作者：某律师事务所　　2026年12月3日　　北京\n\n"
            "10月15日，国家卫生健康委印发《医疗卫生机构数据安全管理规范》（国卫规划发〔2026〕31号），自2027年1月1日起施行。\n"
            "11月21日，国家药监局综合司就《生成式人工智能医疗器械注册审查要点（征求意见稿）》公开征求意见。\n")
    dates = {r.title: r.date for r in run_extractor(NAME, text)}
    assert dates == {"医疗卫生机构数据安全管理规范": "2026-10-15", "生成式人工智能医疗器械注册审查要点（征求意见稿）": "2026-11-21"}


def test_a_list_entry_gives_issuer_number_and_date_after_the_title(run_extractor):
    text = ("本季度发布的主要文件如下：\n"
            "- 《人工智能辅助诊断类医疗服务价格项目立项指南（试行）》，国家医疗保障局办公室，医保办发〔2026〕9号，2026年7月24日印发；\n"
            "- 《关于优化创新医疗器械特别审查程序的公告》，国家药监局，2026年第87号，8月6日发布，自发布之日起施行；\n"
            "- 《某某行业发展蓝皮书》，某某研究院，2026年8月出版。\n")
    got = {r.title: (r.issuers, r.date) for r in run_extractor(NAME, text)}
    assert got == {"人工智能辅助诊断类医疗服务价格项目立项指南（试行）": (["国家医疗保障局办公室"], "2026-07-24"),
                   "关于优化创新医疗器械特别审查程序的公告": (["国家药监局"], "2026-08-06")}

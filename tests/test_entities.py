"""extract.entities: typed mentions, ORG clusters, anaphora, and the company test of the extractors.

The sentences are written for these tests (invented companies), one family of phrasing a row.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.util import filter_spans

from extract.document import Document
from extract.entities import SWITCH, build, enabled
from extract.entities.clusters import build_clusters
from extract.entities.mentions import pattern_mentions
from extract.entities.names import abbreviates, core, legal_names
from extract.extractors.base import ExtractionContext
from extract.nlp.pipeline import build_nlp
from extract.process import extract_document
from extract.structure import analyse


def _layer(text: str, ner=None):
    return build(text, analyse(Document(text=text, source="<test>")), ner)


def _names(text: str) -> list[str]:
    return [text[a:b] for a, b in legal_names(text)]


# --- where a legal name starts ---------------------------------------------------------------

@pytest.mark.parametrize(
    "text, name",
    [
        ("2022年4月，澄岳医疗科技（苏州）有限公司宣布完成融资。", "澄岳医疗科技（苏州）有限公司"),
        ("同批获批的还有栖川制药有限公司的一款缓释片。", "栖川制药有限公司"),
        ("开发区企业南京禾屿生物科技有限公司完成天使轮融资。", "南京禾屿生物科技有限公司"),
        ("公司全资子公司嘉兴澜泊智能科技有限公司（以下简称“澜泊智能”）", "嘉兴澜泊智能科技有限公司"),
        ("专注于眼底成像的厦门曜川医疗器械有限公司近日宣布…", "厦门曜川医疗器械有限公司"),
        ("国家药监局批准武汉泽川微创医疗科技股份有限公司生产的导管上市。", "武汉泽川微创医疗科技股份有限公司"),
        ("由公司子公司Lumora Diagnostics GmbH负责欧洲注册。", "Lumora Diagnostics GmbH"),
        ("长沙开发区投资集团有限公司领投", "长沙开发区投资集团有限公司"),  # 开发区 is part of the name
        ("引入投资者宁波鄞江创业投资合伙企业（有限合伙）", "宁波鄞江创业投资合伙企业（有限合伙）"),
        # a conjunction right after a quoted product joins two makers ("A“X”和B“Y”")
        ("批准甲乙有限公司“某某系统”和成都青禾生物材料有限公司“某某支架”上市", "成都青禾生物材料有限公司"),
        ("由澄川医疗器械有限公司“AI软件”与苏州衡禾科技有限公司“配套工作站”组成", "苏州衡禾科技有限公司"),
    ],
)
def test_a_legal_name_starts_after_what_introduces_it(text, name):
    assert name in _names(text)


@pytest.mark.parametrize("text", ["同年10月，公司整体变更为股份有限公司。", "本公司董事会保证公告内容真实。"])
def test_a_legal_form_with_no_name_before_it_is_no_name(text):
    assert _names(text) == []


@pytest.mark.parametrize(
    "short, full, ok",
    [
        ("禾屿生物", "南京禾屿生物科技有限公司", True),  # a piece of the core
        ("禾屿", "南京禾屿生物科技有限公司", True),  # the bare brand
        ("灵岚影像", "深圳灵岚医学影像科技有限公司", True),  # brand + a later head word
        ("澈途医疗", "北京微联澈途医疗器械有限公司", True),  # a group's prefix left out
        ("曜麓公司", "湖南曜麓医用材料有限公司", True),  # brand + 公司
        ("生物科技", "南京禾屿生物科技有限公司", False),  # generic words are no brand
        ("南京", "南京禾屿生物科技有限公司", False),  # a place is no brand
        ("禾屿智能", "南京禾屿生物科技有限公司", False),  # a head word the name does not hold
    ],
)
def test_which_short_forms_abbreviate_a_legal_name(short, full, ok):
    assert abbreviates(short, full) is ok


def test_the_core_of_a_name_drops_place_form_and_bracketed_place():
    assert core("杭州澄岳医疗科技有限公司") == "澄岳医疗科技"
    assert core("澄岳医药（深圳）有限公司") == "澄岳医药"


# --- clusters ---------------------------------------------------------------------------------

def _cluster(text: str, name: str):
    clusters, _ = build_clusters(text)
    return next((c for c in clusters if name in c.names), None)


@pytest.mark.parametrize(
    "text, full, short",
    [
        # a definition, with 以下简称 / 下称 / 简称 and a stock code after the quoted name
        ("合肥澄岳医疗科技有限公司（以下简称“澄岳医疗”）今日宣布…", "合肥澄岳医疗科技有限公司", "澄岳医疗"),
        ("青岛禾屿生物科技股份有限公司（下称“禾屿生物”）的新药获批。", "青岛禾屿生物科技股份有限公司", "禾屿生物"),
        ("山东栖川医疗器械股份有限公司（简称“栖川医疗”，603999.SH）的监护仪…", "山东栖川医疗器械股份有限公司", "栖川医疗"),
        # a bracketed short name without quotes
        ("2023年，常州泽岚生物制药股份有限公司（泽岚制药）的单抗获批。", "常州泽岚生物制药股份有限公司", "泽岚制药"),
        # the short form the text simply starts using later
        ("杭州澜泊智能科技有限公司成立于2019年。\n\n澜泊智能今年完成了B轮融资。", "杭州澜泊智能科技有限公司", "澜泊智能"),
        ("深圳灵岚医学影像科技有限公司发布公告。灵岚影像的软件获批。", "深圳灵岚医学影像科技有限公司", "灵岚影像"),
        ("湖南曜麓医用材料有限公司获得生产许可。曜麓公司表示将扩产。", "湖南曜麓医用材料有限公司", "曜麓公司"),
    ],
)
def test_full_and_short_names_of_one_company_form_one_cluster(text, full, short):
    cl = _cluster(text, full)
    assert cl is not None and short in cl.names
    assert cl.full == full and cl.short == short


@pytest.mark.parametrize(
    "text, a, b",
    [
        ("2024年，AI公司栖衡医疗（Qiheng Medical）完成C轮融资。", "栖衡医疗", "Qiheng Medical"),
        ("Corvana Robotics（科澜机器人）宣布获得CE认证。", "科澜机器人", "Corvana Robotics"),
    ],
)
def test_a_bracketed_name_in_the_other_script_joins_the_cluster(text, a, b):
    cl = _cluster(text, a)
    assert cl is not None and b in cl.names and cl.english == b


@pytest.mark.parametrize(
    "text, first, other",
    [
        # a product code or an abbreviation in brackets is no brand
        ("澄岳医疗的肺结节检测软件（CL-Lung）获批。", "肺结节检测软件", "CL-Lung"),
        ("注意缺陷多动障碍（ADHD）数字疗法", "注意缺陷多动障碍", "ADHD"),
        # a definition of a body or a deal is no company's
        ("国家药品监督管理局（以下简称“国家药监局”）发布公告。", "国家药品监督管理局", "国家药监局"),
    ],
)
def test_brackets_and_definitions_of_other_things_make_no_cluster(text, first, other):
    cl = _cluster(text, first) or _cluster(text, other)
    assert cl is None or not ({first, other} <= set(cl.names))


def test_a_brand_written_with_another_head_is_a_sibling_company():
    # 星岚智能 is the legal name's short form; 星岚医疗 is the group's other company
    text = "上海星岚智能医疗科技有限公司（星岚智能）发布新品。星岚智能与星岚医疗同属一个集团，星岚医疗负责设备。"
    cl = _cluster(text, "上海星岚智能医疗科技有限公司")
    assert "星岚智能" in cl.names and "星岚医疗" not in cl.names


def test_the_issuer_of_an_announcement_is_the_documents_company():
    text = "证券代码：688999    证券简称：澄泊医疗\n\n上海澄泊医疗科技股份有限公司\n关于取得医疗器械注册证的公告\n"
    cl = _cluster(text, "澄泊医疗")
    assert cl.full == "上海澄泊医疗科技股份有限公司" and cl.role


# --- typed mentions ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, label, value",
    [
        ("禾屿生物于2024年3月完成融资", "DATE", "2024年3月"),
        ("完成数千万元Pre-A轮融资", "MONEY", "数千万元"),
        ("完成数千万元Pre-A轮融资", "ROUND", "Pre-A轮"),
        ("印发《医疗机构数据安全管理办法》的通知", "LAW", "医疗机构数据安全管理办法"),
        ("（川卫发〔2025〕17号）", "LAW", "川卫发〔2025〕17号"),
        ("商品名：澄安宁，用于治疗高血压", "PRODUCT", "澄安宁"),
        ("禾屿生物的“岚影”软件获批", "PRODUCT", "岚影"),
        ("浙江省药品监督管理局颁发的注册证", "GOV", "浙江省药品监督管理局"),
    ],
)
def test_the_shared_vocabulary_gives_typed_mentions(text, label, value):
    assert any(m.label == label and m.text == value for m in pattern_mentions(text))


# --- anaphora ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, word, name, how",
    [
        # the subject of the sentence before, after a date and a description
        ("近日，AI公司杭州澄岳医疗科技有限公司宣布完成B轮融资。该公司同时与北辰医院签署协议。", "该公司",
         "杭州澄岳医疗科技有限公司", "previous"),
        # 其 after the short name an earlier sentence opens with
        ("苏州禾屿生物科技有限公司成立于2018年。\n\n2024年3月，禾屿生物宣布扩产。其新工厂已投产。", "其", "禾屿生物", "previous"),
        # 以X为例，其…
        ("以嘉兴澜泊智能科技有限公司为例，其产品已进入百余家医院。", "其", "嘉兴澜泊智能科技有限公司", "previous"),
        # 公司 in an announcement is the company defined as 公司, whatever the last subject
        ("上海澄泊医疗科技股份有限公司（以下简称“澄泊医疗”或“公司”）发布公告。\n\n"
         "杭州禾屿智能科技有限公司完成A轮融资。公司持有其30%股权。", "公司", "澄泊医疗", "definition"),
        # a digest item's label above its story
        ("▍3. 栖川医疗｜A轮\n公司本月完成了A轮融资。", "公司", "栖川医疗", "heading"),
    ],
)
def test_an_anaphor_is_the_organisation_in_focus(text, word, name, how):
    layer = _layer(text)
    at = text.rindex(word)
    found = layer.resolve(layer.block_at(at), at, word)
    assert found is not None and (found.name, found.how) == (name, how)


# --- the company of a record ------------------------------------------------------------------

def _company(text: str, name: str, sentence: str | None = None, *, party: bool = False, ner=None) -> str | None:
    layer = _layer(text, ner)
    start = text.index(sentence) if sentence else 0
    end = start + len(sentence) if sentence else len(text)
    return (layer.party if party else layer.company)(name, start, end)


@pytest.mark.parametrize(
    "text, name, expected",
    [
        # a cluster's name stays as written
        ("宁波澄岳医疗科技有限公司（以下简称“澄岳医疗”）完成融资。", "澄岳医疗", "澄岳医疗"),
        # a function word a rule left on a known name
        ("宁波澄岳医疗科技有限公司（以下简称“澄岳医疗”）。澄岳医疗于2024年5月获批。", "澄岳医疗于", "澄岳医疗"),
        # "以X为例": the 以 of the phrase
        ("以栖川医疗为例，其软件已获批。", "以栖川医疗", "栖川医疗"),
        # a description written before the name
        ("手术导航企业禾屿智能完成融资。", "手术导航企业禾屿智能", "禾屿智能"),
        # an anaphor: the organisation in focus
        ("2024年2月，宁波澄岳医疗科技有限公司宣布扩产。该公司计划上市。", "该公司", "宁波澄岳医疗科技有限公司"),
        # a body, a category, a place, a person speaking: no company
        ("国家药监局批准了该产品。", "国家药监局", None),
        ("多家三甲医院参与了试验。", "多家三甲医院", None),
        ("在杭州，该公司完成融资。", "杭州", None),
        ("公司联合创始人表示，资金将用于研发。", "创始人表示", None),
        # a brand without an organisation ending is kept
        ("澜泊完成了天使轮融资。", "澜泊", "澜泊"),
    ],
)
def test_a_company_is_an_organisation_of_the_document(text, name, expected):
    assert _company(text, name) == expected


@pytest.mark.parametrize(
    "text, names, expected",
    [
        # a body's name a list split at 和 is put back together
        ("江苏省工业和信息化厅、江苏省卫生健康委员会联合发布方案。", ["江苏省工业", "信息化厅"], ["江苏省工业和信息化厅"]),
        # an activity after 联合 is no partner
        ("本手册由澄岳医疗会同栖川研究院联合编制。", ["栖川研究院", "编制"], ["栖川研究院"]),
        ("澜泊获得禾屿基金、栖川资本联合投资的数千万元融资。", ["栖川资本", "投资"], ["栖川资本"]),
        # a concept word, a role
        ("协会联合市监局举办了质量体系培训。", ["协会", "质量体系"], ["协会"]),
        ("澄岳医疗与合作方共同开发了新药。", ["澄岳医疗", "合作方"], ["澄岳医疗"]),
        # one organisation named twice is one party
        ("宁波澄岳医疗科技有限公司（以下简称“澄岳医疗”）与北辰医院签约。", ["澄岳医疗", "宁波澄岳医疗科技有限公司", "北辰医院"],
         ["澄岳医疗", "北辰医院"]),
        # two-character hospital names of a list stay
        ("公司与华岭、澄川等医院达成合作。", ["澄岳医疗", "华岭", "澄川"], ["澄岳医疗", "华岭", "澄川"]),
    ],
)
def test_the_parties_of_a_cooperation_are_organisations(text, names, expected):
    layer = _layer(text)
    assert layer.parties(names, 0, len(text)) == expected


def test_a_name_the_ner_reads_longer_is_the_organisation_a_rule_cut_short():
    # the rule split 合岭医药 at its 和-like first character; the NER read the whole name
    text = "2023年9月，和岭医药与武川制药合作的新药获批。"
    at = text.index("和岭医药")

    def ner(block):
        return [(at, at + 4, "ORG")]

    assert _company(text, "岭医药", ner=ner) == "和岭医药"
    # an NER span that runs into a time word or a verb is no longer name
    text2 = "澜泊本周宣布完成C轮融资。"

    def ner2(block):
        return [(0, 4, "ORG")]

    assert _company(text2, "澜泊", ner=ner2) == "澜泊"


# --- the switch and the extractors -----------------------------------------------------------

def test_the_layer_is_built_once_per_document_and_can_be_switched_off(monkeypatch):
    doc = Document(text="宁波澄岳医疗科技有限公司完成B轮融资。", source="<test>")
    ctx = ExtractionContext(doc, analyse(doc))
    assert ctx.entity_layer is ctx.entity_layer is not None
    monkeypatch.setenv(SWITCH, "0")
    assert not enabled()
    assert ExtractionContext(doc, analyse(doc)).entity_layer is None


def _records(text: str, kind: str):
    result = extract_document(Document(text=text, source="<test>"))
    return [r for r in result.records if r.kind == kind]


@pytest.mark.parametrize(
    "text",
    [
        "本白皮书由澄岳研究院会同栖川产业发展有限公司联合编制，数据截至2024年底。",
        "2024年4月，澜泊获得禾屿基金、栖川创投联合投资的数千万元A轮融资。",
    ],
)
def test_no_cooperation_is_read_from_a_list_that_runs_into_an_activity(text):
    assert _records(text, "partnership") == []


def test_a_product_company_read_with_its_example_phrase_is_the_company():
    text = "以栖川医疗为例，其肺结节CT影像辅助检测软件于2023年5月获得NMPA三类医疗器械注册证。"
    [rec] = _records(text, "certified_product")
    assert rec.company == "栖川医疗"


@Language.component("test_entities_known_orgs")
def _known_orgs(doc):
    """A stand-in for the trained NER: labels the invented names these tests use as ORG."""
    spans = []
    for name in ("禾屿智能", "栖川资本", "北辰大学附属医院"):
        at = doc.text.find(name)
        if at >= 0 and (span := doc.char_span(at, at + len(name), label="ORG", alignment_mode="expand")) is not None:
            spans.append(span)
    doc.ents = filter_spans(spans)
    return doc


def test_a_cooperation_after_a_funding_sentence_is_the_funded_companys():
    nlp = build_nlp(ner=False, ruler=False)
    nlp.add_pipe("test_entities_known_orgs")
    # the paragraph opens with no company; its second sentence's subject is what 该公司 refers to
    text = ("医疗AI赛道本月再添一笔大额融资。2024年6月，禾屿智能宣布完成2亿元B轮融资，由栖川资本领投。"
            "该公司同时与北辰大学附属医院签署战略合作协议。")
    result = extract_document(Document(text=text, source="<test>"), nlp=nlp)
    [rec] = [r for r in result.records if r.kind == "partnership"]
    assert rec.parties == ["禾屿智能", "北辰大学附属医院"]


def test_the_document_is_about_the_organisation_heading_it_and_we_stands_for_it():
    text = ("澄明生物科技股份有限公司\n（股份代号：9999）\n\n2025年中期报告\n\n"
            "报告期内，我们的核心产品获批上市。本公司H股于2023年上市。\n")
    layer = _layer(text)
    assert layer.about().name == "澄明生物科技股份有限公司"
    block = layer.block_at(text.index("我们"))
    assert layer.resolve(block, text.index("我们"), "我们").name == "澄明生物科技股份有限公司"
    assert layer.resolve(block, text.index("本公司"), "本公司").name == "澄明生物科技股份有限公司"


@pytest.mark.parametrize("title, company", [
    ("专访禾川智影创始人：五年三轮融资之后", "禾川智影"),
    ("对话衡析医疗联合创始人兼CTO林舟：AI病理的下一站", "衡析医疗"),
])
def test_an_interview_is_about_the_company_its_title_names_before_the_role(title, company):
    layer = _layer(f"{title}\n\n记者：公司今年的重点是什么？\n\n林舟：出海。\n")
    assert layer.about().name == company


def test_a_digest_title_naming_no_single_organisation_gives_no_document_subject():
    assert _layer("医健投融资周报（第12周）\n\n示川医疗科技有限公司完成A轮融资。\n").about() is None


def test_a_clause_standing_where_a_company_should_is_no_company():
    text = "从一间小办公室起步，这家公司用了七年完成C轮融资。\n"
    layer = _layer(text)
    assert layer.company("一间小办公室起步", 0, len(text)) is None
    assert layer.company("H股", 0, len(text)) is None
    # short brands and names in Latin letters with nothing else saying so stay companies
    assert layer.company("深衡智影", 0, len(text)) == "深衡智影"
    assert layer.company("Northfield Therapeutics Ltd", 0, len(text)) == "Northfield Therapeutics Ltd"


def test_an_english_name_in_a_definition_joins_the_companys_cluster():
    text = "杭州示川医疗科技有限公司（Shichuan Medical，以下简称“示川医疗”）今日宣布完成B轮融资。Shichuan与临江大学签署合作协议。\n"
    layer = _layer(text)
    assert layer.same("示川医疗", "Shichuan Medical") and layer.same("示川医疗", "Shichuan")


def test_a_legal_name_a_line_wrap_cuts_is_one_name_and_the_short_form_joins_it():
    # text from a broker's PDF: the company's name runs across a hard line break; the report's
    # title line names it by its short name and stock code
    text = ("证券研究报告·公司深度报告               医疗器械\n澄镜医疗（688×××.SH）                   增持（首次）\n"
            "软镜国产化先行者\n2026年02月09日\n"
            "公司前身南京澄镜光电技术有限公司成立于2015年4月，2020年9月整体变更为股份有限公司，现名南京澄镜医疗\n"
            "科技股份有限公司。上市前，公司共完成四轮股权融资。\n")
    clusters, _ = build_clusters(text)
    full = {c.full: c.names for c in clusters if c.full}
    assert full["南京澄镜医疗科技股份有限公司"] == ["澄镜医疗", "南京澄镜医疗科技股份有限公司"]
    assert "南京澄镜光电技术有限公司" in full  # its former name, without the 前身 that introduces it
    assert _layer(text).about().name == "南京澄镜医疗科技股份有限公司"


@pytest.mark.parametrize("line, name", [
    ("4.2 海外认证", None), ("2 海外认证：三款产品获CE", None), ("1.1 发展历程：从光电初创到科创板上市", None),
    ("3 星桥医疗：首张三类证", "星桥医疗"),
])
def test_a_report_section_numbered_by_level_names_no_company(line, name):
    from extract.focus import item_head
    assert item_head(line) == name

"""extract.focus: which organisation 公司 / 该公司 / 其 / a missing subject stands for."""

from __future__ import annotations

import pytest

from extract.document import Document
from extract.focus import FocusIndex, item_head, label_end, without_label
from extract.lexicon.orgs import definitions, is_org_name
from extract.structure import analyse


def _focus(text: str, marker: str, previous: str | None = None):
    """The focus at the block holding ``marker``."""
    structure = analyse(Document(text=text, source="<test>"))
    at = text.index(marker)
    block = next(b for b in structure.blocks if b.start <= at < b.end)
    return FocusIndex(structure).at(block, at, previous=previous)


@pytest.mark.parametrize(
    "line, name",
    [
        ("▍2. 澄溪医疗｜C轮，数亿元", "澄溪医疗"),
        ("5. 【朗桥生物｜港股IPO】6月6日，…", "朗桥生物"),
        ("3. 博川医疗机器人：9月完成C+轮融资", "博川医疗机器人"),
        ("▍宁远医电：Pre-B轮", "宁远医电"),
        ("上海澄明医疗科技股份有限公司", "上海澄明医疗科技股份有限公司"),
        ("1. 栖云智能（上海栖云智能科技有限公司）", "栖云智能"),
        # section labels and list lead-ins are no company
        ("▍写在前面", None),
        ("三、融资进展", None),
        ("▍资本市场", None),
        ("互联网头部企业布局智慧医疗案例：", None),
        ("关于签署战略合作协议的公告", None),
        # a bare short line that does not say it is a company
        ("华为", None),
        # a report's case box: its number, then the company
        ("案例4-1｜深圳澄衡医疗科技有限公司", "深圳澄衡医疗科技有限公司"),
        ("专栏2：北京岚微医疗科技有限公司", "北京岚微医疗科技有限公司"),
        # a chapter of a company's story about a disease or a product line
        ("02 肺结节：第一张三类证", None),
        ("03 卒中产品线：二类、FDA、三类接力", None),
    ],
)
def test_item_head(line, name):
    assert item_head(line) == name


@pytest.mark.parametrize(
    "text, marker, name, how",
    [
        # the label line of a digest item
        ("▍2. 澄溪医疗｜C轮，数亿元\n公司成立于2017年，近日完成C轮融资。", "公司成立", "澄溪医疗", "item_head"),
        # a heading a few blocks up
        ("▍宁远医电：Pre-B轮\n\n该公司于2024年5月完成Pre-B轮融资。", "该公司", "宁远医电", "heading"),
        # an announcement's company heading above its sections
        ("上海澄明医疗科技股份有限公司\n关于签署战略合作协议的公告\n\n一、协议签署概况\n\n公司与北辰医院签署协议。",
         "公司与", "上海澄明医疗科技股份有限公司", "heading"),
        # the short name a definition makes the document's 公司
        ("杭州澄明医疗科技有限公司（以下简称“澄明医疗”或“公司”）发布公告。\n\n此外，公司与北辰大学签署协议。",
         "此外", "澄明医疗", "definition"),
        # the issuer of a listed company's announcement
        ("证券代码：688000  证券简称：澄明医疗\n\n本公司董事会保证内容真实。\n\n公司收到注册证。",
         "公司收到", "澄明医疗", "issuer"),
    ],
)
def test_focus_by_layout(text, marker, name, how):
    found = _focus(text, marker)
    assert (found.name, found.how) == (name, how)


def test_the_previous_sentence_s_subject_comes_first():
    text = "▍2. 澄溪医疗｜C轮\n北辰生物成立于2017年。公司当年获得天使轮投资。"
    found = _focus(text, "公司当年", previous="北辰生物")
    assert (found.name, found.how, found.offset) == ("北辰生物", "previous", -1)


def test_nothing_in_focus():
    assert _focus("公司于2024年完成B轮融资。", "公司") is None


def test_aliases_group_the_full_short_and_english_names():
    text = "杭州澄明医疗科技有限公司（以下简称“澄明医疗”）与澄川智能（Clearriver AI）合作。"
    index = FocusIndex(analyse(Document(text=text, source="<test>")))
    assert index.aliases("澄明医疗") == {"澄明医疗", "杭州澄明医疗科技有限公司"}
    assert index.same("澄川智能", "Clearriver AI") and not index.same("澄明医疗", "澄川智能")


def test_a_label_line_is_left_out_of_the_sentences():
    text = "■ 合作消息\n遠川醫材與臺川醫院簽署合作備忘錄。"
    structure = analyse(Document(text=text, source="<test>"))
    block = structure.blocks[0]
    assert label_end(text, block) == text.index("\n")
    view = block.view(text)
    (span,) = without_label([(0, len(view.text))], text, block)
    assert view.text[span[0]:span[1]] == "遠川醫材與臺川醫院簽署合作備忘錄。"


@pytest.mark.parametrize("name, ok", [("北辰生物", True), ("杭州澄明医疗科技有限公司", True), ("该公司", False),
                                      ("多家医院", False), ("合作伙伴", False), ("北辰", False)])
def test_is_org_name(name, ok):
    assert is_org_name(name) is ok


def test_definitions_keep_role_words():
    text = "杭州澄明医疗科技有限公司（以下简称“澄明医疗”或“公司”）；北辰生物（下称“北辰”）"
    assert [(full, names) for _, full, names in definitions(text)] == [
        ("杭州澄明医疗科技有限公司", ["澄明医疗", "公司"]), ("北辰生物", ["北辰"])]


def test_who_speaks_in_an_interview_is_not_the_organisation_in_focus():
    from extract.focus import interview_speakers

    text = "记者：融资用在哪里？\n\n李一舟：三块。\n\n记者：还有呢？\n\n李一舟：海外注册。\n"
    assert interview_speakers(text) == frozenset({"记者", "李一舟"})
    # a digest's "示川医疗：…" items are no speakers when nobody interviews
    assert interview_speakers("示川医疗：完成A轮融资。\n\n示川医疗：获得三类证。\n") == frozenset()


def test_a_digest_heading_naming_a_kind_of_company_is_no_focus_and_a_numbered_item_head_is():
    from extract.focus import item_head
    assert item_head("二、重点公司：新证与出海") is None
    assert item_head("（一）朔源生物：自身抗体早筛拿到首张三类证") == "朔源生物"
    assert item_head("企业名称：南京澄观医疗科技有限公司") == "南京澄观医疗科技有限公司"
    assert item_head("时间：2025年6月") is None

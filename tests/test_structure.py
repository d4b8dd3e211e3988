"""Document structure: typed blocks, tables with continuation and wrapped rows, offset maps."""

import pytest

from extract.document import Document
from extract.structure import BlockType, TextView, analyse

TABLE_DOC = (
    "表2 2020年1-9月获得融资的AI影像企业\n"
    "\n"
    "企业名称\t融资时间\t融资轮次\t融资金额\t投资机构\n"
    "数坤科技\t2020年8月\t未公开\t2亿人民币\t启明创投、中科创达\n"
    "\t2020年6月\tB+轮\t2亿人民币\t中银国际、华盖资本\n"
    "Pear\t2018.12\tReSET-0\t提供认知行为疗法\t疾病管理\n"
    "\n"
    "Therapeutics\t\t\t诊治疗中患者\t\n"
    "\n"
    "数据来源：动脉橙数据库\n"
)


def _blocks(text):
    return analyse(Document(text=text, source="t")).blocks


def test_table_rows_cells_caption_and_note():
    blocks = _blocks(TABLE_DOC)
    table = next(b for b in blocks if b.type is BlockType.TABLE)
    assert table.table.columns == ["企业名称", "融资时间", "融资轮次", "融资金额", "投资机构"]
    assert table.caption.startswith("表2")
    assert table.note == "数据来源：动脉橙数据库"
    rows = table.table.rows
    assert [r.cells[0].text for r in rows] == ["数坤科技", "", "Pear Therapeutics"]
    assert rows[1].continues_above and not rows[0].continues_above
    # the wrapped line is merged into its row; the row span covers both lines
    assert TABLE_DOC[rows[2].start:rows[2].end].startswith("Pear\t2018.12")
    assert TABLE_DOC[rows[2].start:rows[2].end].endswith("诊治疗中患者")
    for r in rows:
        for c in r.cells:
            if c.text and "\n" not in TABLE_DOC[c.start:c.end]:
                assert TABLE_DOC[c.start:c.end] == c.text


def test_line_types():
    text = (
        "目录\n"
        "1.3 智慧医疗投融资热度不减.....\t06\n"
        "3.3 三类场景、五个产品获得三类证\n"
        "近年来，国家出台了一系列政策。\n"
        "- 3 动脉网《全球数字疗法产业报告》2022 年\n"
        "² 启示2024：中国AI医疗行业投融资及兼并重组分析，前瞻研究院\n"
        "图 2：中国与美国人工智能和数字疗法产品获批上市情况\n"
        "● 阿里达摩院推出自主开发的AI癌症工具，并在2025年获得认证。\n"
        "● **科亚医疗冠脉血流储备分数计算软件**\n"
        "审批编号：C-ANPROM/CN/ALUN/0075\n"
    )
    types = [b.type for b in _blocks(text)]
    assert types == [
        BlockType.HEADING, BlockType.TOC, BlockType.HEADING, BlockType.PARAGRAPH, BlockType.FOOTNOTE,
        BlockType.FOOTNOTE, BlockType.CAPTION, BlockType.LIST_ITEM, BlockType.HEADING, BlockType.BOILERPLATE,
    ]


def test_paragraph_broken_mid_sentence_is_one_block_with_offsets_mapped_back():
    text = (
        "从概念上看，数字健康、数字医疗和数字疗法的关系如下图1所示，数字医疗指的是基于临床证据的软件或硬\n\n"
        "件产品，用于监测或干预人类健康服务。\n下一段。"
    )
    blocks = _blocks(text)
    assert blocks[0].type is BlockType.PARAGRAPH
    view = blocks[0].view(text)
    assert view.text.endswith("数字医疗指的是基于临床证据的软件或硬件产品，用于监测或干预人类健康服务。")
    i = view.text.index("硬件")
    s, e = view.doc_span(i, i + 2)
    assert text[s:e] == "硬\n\n件"


def test_a_page_break_inside_a_sentence_leaves_out_the_footer_with_its_page_number_and_the_pipe_header():
    # text extracted from a broker's PDF: every page ends with the disclaimer and "n / 36", and
    # starts with "行业深度报告 | 医疗器械"; a sentence runs on across them
    page = "澄衡生物的血糖仪于2025年3月获NMPA注册证，公司同年完成B轮融资，由高瓴创投领投，启明创投跟投，老股东持续加注。\n"
    pages = []
    for n in range(2, 6):
        pages.append(page * 3 + f"深圳澄衡生物技术有限公司（以下简称“澄衡生物”）的第{n}款胰岛素泵于2\n\n"
                     f"请务必阅读正文之后的免责声明                 {n} / 36\n行业深度报告 | 医疗器械\n\n"
                     "025年8月获得美国FDA 510(k)许可。\n")
    text = "".join(pages)
    views = [b.view(text).text for b in _blocks(text)]
    for n in range(2, 6):
        assert f"深圳澄衡生物技术有限公司（以下简称“澄衡生物”）的第{n}款胰岛素泵于2025年8月获得美国FDA 510(k)许可。" in views
    assert not any("免责声明" in v or "行业深度报告" in v for v in views)


def test_textview_keeps_a_space_between_wrapped_latin_words():
    text = "Pear\nTherapeutics 获批"
    view = TextView.of(text, 0, len(text))
    assert view.text == "Pear Therapeutics 获批"
    s, e = view.doc_span(0, len("Pear Therapeutics"))
    assert text[s:e] == "Pear\nTherapeutics"


def test_every_block_points_at_document_text(tmp_path):
    from .conftest import REPORTS

    for report in REPORTS:
        text = report.read_text(encoding="utf-8")
        for b in _blocks(text):
            assert text[b.start:b.end] == b.text
            assert b.text.strip()


def test_overflow_line_without_tabs_joins_the_last_cell_of_the_row_above():
    text = (
        "时间\t公司\t轮次\t金额\t投资方\n"
        "2022.11\t强联智创\tC轮\t数亿元\t高瓴创投、启明创投、\n"
        "国投招商、清松资本\n"
        "2022.09\t推想医疗\tPre-IPO\tUS$50 million\t淡马锡、中金资本\n"
    )
    (table,) = [b for b in _blocks(text) if b.type is BlockType.TABLE]
    rows = table.table.rows
    assert len(rows) == 2
    assert rows[0].cells[4].text == "高瓴创投、启明创投、国投招商、清松资本"
    assert text[rows[0].start:rows[0].end].endswith("清松资本")
    assert rows[1].cells[1].text == "推想医疗"


def test_statistics_tables_are_not_tables_of_contents():
    text = (
        "目录\n"
        "1. 政策篇：集采常态化与审评审批改革\t4\n"
        "1.1 药品集采：第八批、第九批规则边际温和\t4\n"
        "1.2 耗材集采：国采与省际联盟双轮驱动\t6\n"
        "\n"
        "正文第一段。\n"
        "\n"
        "年份\t产业产值（亿元）\t同比增速\t新增三类证（张）\n"
        "2019\t1,210\t12.3%\t32\n"
        "2020\t1,620\t33.9%\t41\n"
        "\n"
        "公司\t代码\t评级\t2024E PE\n"
        "恒瑞医药\t600276 CH\t买入\t58\n"
        "迈瑞医疗\t300760 CH\t买入\t25\n"
    )
    types = [b.type for b in _blocks(text) if b.type in (BlockType.TOC, BlockType.TABLE)]
    assert types == [BlockType.TOC, BlockType.TABLE, BlockType.TABLE]


def test_markdown_pipe_table_with_rule_line_and_empty_cells():
    text = (
        "| 公司 | 轮次 | 金额 | 投资方 |\n"
        "|---|:---:|---|---|\n"
        "| 精锋医疗 | C轮 | 2.5亿美元 | 高瓴创投、腾讯 |\n"
        "|  | B轮 | 数亿元 | 红杉中国 |\n"
    )
    (table,) = [b for b in _blocks(text) if b.type is BlockType.TABLE]
    assert table.table.columns == ["公司", "轮次", "金额", "投资方"]
    rows = table.table.rows
    assert [c.text for c in rows[0].cells] == ["精锋医疗", "C轮", "2.5亿美元", "高瓴创投、腾讯"]
    assert rows[1].continues_above
    for r in rows:
        for c in r.cells:
            assert text[c.start:c.end] == c.text


def test_space_aligned_table_from_pdf_text():
    text = (
        "企业名称      融资时间     融资轮次    融资金额\n"
        "微脉          2021年3月    C轮         数亿元\n"
        "医联          2021年5月    F轮         1.5亿美元\n"
        "近年来，行业融资活跃。  资本持续看好。\n"
    )
    blocks = _blocks(text)
    (table,) = [b for b in blocks if b.type is BlockType.TABLE]
    assert table.table.columns == ["企业名称", "融资时间", "融资轮次", "融资金额"]
    assert [r.cells[0].text for r in table.table.rows] == ["微脉", "医联"]
    assert blocks[-1].type is BlockType.PARAGRAPH


def test_page_break_inside_a_paragraph_is_left_out_of_its_view():
    text = (
        "2019年4月，国务院办公厅印发《关于促进“互联网+医疗健康”发展的\n"
        "XX咨询 | 2024中国数字医疗白皮书\n第 12 页\n"
        "意见》，提出健全“互联网+医疗健康”服务体系。\n"
        "正文。\nXX咨询 | 2024中国数字医疗白皮书\n第 13 页\n正文二。\nXX咨询 | 2024中国数字医疗白皮书\n"
    )
    blocks = _blocks(text)
    para = blocks[0]
    assert para.type is BlockType.PARAGRAPH
    assert para.view(text).text == "2019年4月，国务院办公厅印发《关于促进“互联网+医疗健康”发展的意见》，提出健全“互联网+医疗健康”服务体系。"
    assert [b.type for b in blocks[1:]].count(BlockType.BOILERPLATE) >= 3


def test_a_line_ending_in_a_colon_does_not_swallow_the_next_paragraph():
    text = "代表性产品如下：\n\n2023年1月，苏州某公司的植入式神经刺激器获批上市。\n"
    blocks = _blocks(text)
    assert [b.text for b in blocks] == ["代表性产品如下：", "2023年1月，苏州某公司的植入式神经刺激器获批上市。"]


@pytest.mark.parametrize(
    "text, view",
    [
        ("获得FDA De N\novo授权", "获得FDA De Novo授权"),
        ("募资约26\n4亿港元", "募资约264亿港元"),
        ("Pear\nTherapeutics获批", "Pear Therapeutics获批"),
        ("融资US$50\nmillion", "融资US$50 million"),
    ],
)
def test_layout_breaks_inside_words_and_numbers_join_without_a_space(text, view):
    assert TextView.of(text, 0, len(text)).text == view


@pytest.mark.parametrize(
    "line, kind",
    [("11月获批二类证，成为首个产品", BlockType.PARAGRAPH), ("4亿港元，创下年内最大", BlockType.PARAGRAPH),
     ("03｜镜象科技完成Pre-A+轮融资", BlockType.HEADING), ("3.3 三类场景、五个产品获得三类证", BlockType.HEADING),
     ("数字医疗概述", BlockType.HEADING)],
)
def test_wrapped_sentence_pieces_are_not_headings(line, kind):
    from extract.structure import _classify_line

    assert _classify_line(line) is kind


def test_rows_between_bare_pipes_are_a_table_with_cells_at_their_offsets():
    # a weekly's table written without the outer pipes Markdown adds
    text = "本周融资一览\n\n序号 | 企业 | 轮次 | 金额\n1 | 示川医疗 | A轮 | 1亿元\n2 | 澄明生物 | B轮 | 3亿元\n\n以上数据截至周五。\n"
    (table,) = [b for b in _blocks(text) if b.type is BlockType.TABLE]
    assert table.table.columns == ["序号", "企业", "轮次", "金额"]
    assert [[c.text for c in r.cells] for r in table.table.rows] == [["1", "示川医疗", "A轮", "1亿元"], ["2", "澄明生物", "B轮", "3亿元"]]
    for r in table.table.rows:
        for c in r.cells:
            assert text[c.start:c.end] == c.text


def test_one_line_with_pipes_inside_prose_is_no_table():
    text = "本期导读 | 政策 | 融资\n\n示川医疗完成A轮融资，金额1亿元。\n"
    assert not [b for b in _blocks(text) if b.type is BlockType.TABLE]


def test_an_english_paragraph_ending_with_a_full_stop_is_not_joined_to_the_next():
    text = "We built the device to make every pass count.\n\n此外，公司的产品已于2025年11月取得注册证。\n"
    blocks = [b for b in _blocks(text) if b.type is BlockType.PARAGRAPH]
    assert [b.text for b in blocks] == ["We built the device to make every pass count.", "此外，公司的产品已于2025年11月取得注册证。"]


@pytest.mark.parametrize("title", [
    "湖南省卫生健康委员会 湖南省医疗保障局关于开展2026年基层医疗机构远程影像服务试点的通知",
    "关于印发某市智慧医院建设三年行动方案的通知",
    "某省药品监督管理局关于第二类医疗器械注册审评审批的公告",
    "某市医疗卫生机构人工智能应用管理办法（试行）",
])
def test_a_notice_title_above_its_addressee_stays_its_own_block(title):
    # an official notice opens with its own title, a blank line, then the addressee or the body
    text = f"{title}\n\n各区县卫生健康局，各有关单位：\n\n现将有关事项通知如下。\n"
    blocks = _blocks(text)
    assert blocks[0].text == title



def test_a_flash_items_bracketed_headline_heads_its_body():
    text = "20:11\n【岐澄生物(688296)：注射用岐他普单抗获批上市】岐澄生物公告，公司于11月25日收到药品注册证书。\n"
    blocks = _blocks(text)
    assert [(b.type, b.text) for b in blocks[-2:]] == [
        (BlockType.HEADING, "【岐澄生物(688296)：注射用岐他普单抗获批上市】"),
        (BlockType.PARAGRAPH, "岐澄生物公告，公司于11月25日收到药品注册证书。")]
    assert blocks[-1].heading == "【岐澄生物(688296)：注射用岐他普单抗获批上市】"


def test_a_short_bracketed_label_stays_with_its_item():
    # 【简称｜轮次｜金额】 labels a digest item; it is not a headline of its own
    text = "【瑞川医疗｜A轮｜数千万元】6月5日，瑞川医疗完成数千万元A轮融资。\n"
    assert [b.text for b in _blocks(text)] == [text.strip()]


def test_a_bullet_section_label_before_a_blank_line_is_a_block_of_its_own():
    from extract.document import Document
    from extract.structure import analyse

    text = "日报\n\n■ 上市与资本市场\n\n15.【IPO】深圳玄川医疗今日在科创板挂牌上市。\n"
    assert [b.text for b in analyse(Document(text=text, source="x")).blocks][1:] == [
        "■ 上市与资本市场", "15.【IPO】深圳玄川医疗今日在科创板挂牌上市。"]


def test_a_text_box_drawn_with_box_characters_is_a_heading_and_lines_without_its_frame():
    text = ("┌─ 案例4-1｜深圳澄衡医疗科技有限公司\n"
            "│ 融资历程：2019年获天使轮融资，由奇绩创坛独家投资。\n"
            "│ 医院合作：2024年5月，该公司与中山大学附属第一医院签署战略合作协议。\n"
            "└─────────\n")
    blocks = _blocks(text)
    assert [(b.type, b.text) for b in blocks] == [
        (BlockType.HEADING, "案例4-1｜深圳澄衡医疗科技有限公司"),
        (BlockType.PARAGRAPH, "融资历程：2019年获天使轮融资，由奇绩创坛独家投资。"),
        (BlockType.PARAGRAPH, "医院合作：2024年5月，该公司与中山大学附属第一医院签署战略合作协议。"),
        (BlockType.BOILERPLATE, "└─────────"),
    ]
    assert all(text[b.start:b.end] == b.text for b in blocks)
    assert blocks[2].heading == "案例4-1｜深圳澄衡医疗科技有限公司"

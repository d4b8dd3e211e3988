"""Traditional-Chinese reports: matched through a simplified view, published as written."""

from extract.document import Document
from extract.process import extract_document
from extract.script import simplified_view

TRADITIONAL = ("2024年5月，港科醫療的眼底影像篩查系統獲得國家藥監局三類醫療器械註冊證。\n"
               "2023年7月，晶鑑生技宣布完成新臺幣3億元B輪融資，由國發基金領投。\n")


def test_a_simplified_text_has_no_view():
    assert simplified_view("2023年7月，推想科技宣布完成数亿元B轮融资，由高瓴资本领投。") is None
    assert simplified_view("No Chinese here.") is None


def test_the_view_keeps_every_offset():
    view = simplified_view(TRADITIONAL)
    assert view is not None and len(view) == len(TRADITIONAL)
    assert "获得国家药监局三类医疗器械注册证" in view


def test_records_of_a_traditional_report_are_as_written_and_point_into_its_text(nlp):
    doc = Document(text=TRADITIONAL, source="tw.txt")
    res = extract_document(doc, None, nlp)
    assert not res.rejected, res.rejected
    by_kind = {r.kind: r for r in res.records}
    assert {"certified_product", "funding_round"} <= set(by_kind), res.records
    for r in res.records:
        assert r.doc_id == doc.doc_id
        assert doc.text[r.evidence.start:r.evidence.end] == r.evidence.text
    assert by_kind["funding_round"].company == "晶鑑生技"
    assert "國發基金" in by_kind["funding_round"].investors + by_kind["funding_round"].lead_investors
    assert by_kind["certified_product"].authority == "NMPA"


def test_a_company_resolved_from_elsewhere_in_a_traditional_text_is_written_as_the_original(run_extractor):
    text = ("瀚暉醫療科技控股有限公司\n（股份代號：9999）\n\n2026年中期報告\n\n"
            "報告期內，我們的「經導管射頻消融電極導管」於2026年6月獲得美國食品藥品監督管理局（FDA）510(k)許可。\n")
    recs = run_extractor("certified_product.rules.v1", text)
    assert recs and all(r.company in (None, "瀚暉醫療科技控股有限公司") for r in recs)
    assert any(r.company == "瀚暉醫療科技控股有限公司" for r in recs)


def test_a_title_a_line_break_cuts_is_published_as_written_without_the_break(run_extractor):
    # a hard-wrapped Hong Kong announcement: the title runs across a line
    text = ("是次批准乃根據《藥品註冊管理辦法》及國家藥監局《藥品附條件批准上市申請審評審批工\n"
            "作程序（試行）》作出，主要基於一項在中國開展的單臂、多中心關鍵性II期臨床研究的結果。\n")
    titles = sorted(r.title for r in run_extractor("policy.rules.v1", text))
    assert titles == ["藥品註冊管理辦法", "藥品附條件批准上市申請審評審批工作程序（試行）"]

"""partnership.rules.v1, the worked example of docs/adding-an-extractor.md: what a user relies on."""

from __future__ import annotations

import pydantic
import pytest

from extract.evaluate import evaluate, matches, pair_files
from extract.extractors import create
from extract.merge import merge_records
from extract.records import Partnership

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
])
def test_categories_and_joint_issuers_are_not_partners(run_extractor, text):
    assert run_extractor(NAME, text) == []


def test_config_is_validated_and_switches_work(run_extractor):
    with pytest.raises(pydantic.ValidationError):
        create([NAME], {NAME: {"min_partys": 3}})
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

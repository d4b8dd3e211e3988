"""The extractors use the pipeline's entities for names the rules alone cannot bound.

The entities come from a stand-in component that labels given names, so these tests pin the
extractors' use of entities whatever the trained model of the day predicts; the same texts run
with ``use_ner=False`` show what the rules read alone.
"""

import pytest
from spacy.language import Language
from spacy.util import filter_spans

from extract.document import Document
from extract.extractors import create
from extract.nlp.pipeline import build_nlp
from extract.process import extract_document

FUNDING = "funding_round.rules.v1"
PRODUCT = "certified_product.rules.v1"

#: the names the stand-in labels, as a trained NER would
NAMES = {
    "Vantix Bio": "ORG", "Northgate Ventures": "ORG", "澜川资本": "ORG", "睿瓴生物": "ORG",
    "Apex Horizon Partners": "ORG", "沧澜投资": "ORG", "明眸视光": "ORG", "甬光科技": "ORG", "栖衡智能": "ORG",
    "听澜智能": "ORG", "沧澜": "ORG", "云岫": "ORG", "汇嘉资本": "ORG", "脉宁": "ORG",
    "糖尿病视网膜病变眼底图像辅助诊断软件": "PRODUCT", "Medora Prostate": "PRODUCT",
}


@Language.component("test_known_entities")
def _known_entities(doc):
    spans = []
    for name, label in NAMES.items():
        start = doc.text.find(name)
        while start >= 0:
            span = doc.char_span(start, start + len(name), label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
            start = doc.text.find(name, start + 1)
    doc.ents = filter_spans(spans)
    return doc


@pytest.fixture(scope="module")
def entity_nlp():
    nlp = build_nlp(ner=False, ruler=False)
    nlp.add_pipe("test_known_entities")
    return nlp


def _run(nlp, name, text, use_ner=True):
    (ex,) = create([name], {name: {"use_ner": use_ner}})
    return extract_document(Document(text=text, source="<test>"), [ex], nlp).records


@pytest.mark.parametrize("text", [
    # the rules read "由三位博士" as the subject
    "由三位博士创办的Vantix Bio本周完成4500万美元B轮融资，由Northgate Ventures领投。",
])
def test_a_subject_the_rules_misread_gives_way_to_the_entity(entity_nlp, text):
    (r,) = _run(entity_nlp, FUNDING, text)
    assert (r.company, r.round, r.investors) == ("Vantix Bio", "B", ["Northgate Ventures"])
    assert all(x.company != "Vantix Bio" for x in _run(entity_nlp, FUNDING, text, use_ner=False))


def test_an_age_modifier_before_the_name_is_read_by_the_rules_alone(entity_nlp):
    """成立仅两年的X used to leave the rules without a subject (the entity had to give it); the
    funding vocabulary now reads the company's age as a modifier, with or without the NER."""
    text = "成立仅两年的Vantix Bio本周完成4500万美元B轮融资，由Northgate Ventures领投。"
    for use_ner in (True, False):
        assert [r.company for r in _run(entity_nlp, FUNDING, text, use_ner=use_ner)] == ["Vantix Bio"]


def test_the_company_a_paragraph_is_about_is_the_entity_that_opens_a_sentence(entity_nlp):
    # the rules read "药物" as the subject of the first sentence; 公司 in the second refers back
    text = "睿瓴生物（Relion Bio）则把AI用在了更上游的药物研发。2023年11月，公司获得1.5亿元B轮融资，由Apex Horizon Partners领投。"
    (r,) = _run(entity_nlp, FUNDING, text)
    assert (r.company, r.round, r.date) == ("睿瓴生物", "B", "2023-11")


def test_an_investor_with_a_descriptor_is_the_entity_that_ends_it(entity_nlp):
    text = "2024年1月，明眸视光获得本地光学企业甬光科技约3000万元的战略投资。"
    (r,) = _run(entity_nlp, FUNDING, text)
    assert (r.company, r.round, r.investors) == ("明眸视光", "strategic", ["甬光科技"])
    # the rules alone now drop a descriptor ending in 企业/平台 too (funding_round v2)
    (rules,) = _run(entity_nlp, FUNDING, text, use_ner=False)
    assert rules.investors == ["甬光科技"]


def test_a_name_that_holds_an_entity_stays_whole(entity_nlp):
    text = "2022年11月，杭州求臻医学科技有限公司（以下简称“求臻医学”）宣布完成3亿元C轮融资，由元生资本领投。"
    (r,) = _run(entity_nlp, FUNDING, text)
    assert r.company == "杭州求臻医学科技有限公司"


def test_a_brand_product_takes_its_maker_from_the_entities(entity_nlp):
    text = "“瞳鉴®”是栖衡智能自主研发的糖尿病视网膜病变眼底图像辅助诊断软件，于2022年9月获得NMPA三类医疗器械注册证。"
    (r,) = _run(entity_nlp, PRODUCT, text)
    assert (r.company, r.authority, r.cert_class, r.date) == ("栖衡智能", "NMPA", "III", "2022-09")
    (rules,) = _run(entity_nlp, PRODUCT, text, use_ner=False)
    assert rules.company is None


def test_its_product_belongs_to_the_company_the_sentence_before_opened_with(entity_nlp):
    text = ("2020年，听澜智能拿到由沧澜投资领投的1.2亿元B轮融资，并开始与设备厂商合作。"
            "其甲状腺结节超声图像辅助诊断软件“澜影”于2021年3月获得NMPA三类证，是国内较早获批的超声AI产品之一。")
    recs = _run(entity_nlp, PRODUCT, text)
    assert [(r.product, r.company, r.date) for r in recs] == [("澜影", "听澜智能", "2021-03")]

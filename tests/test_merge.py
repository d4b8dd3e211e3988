"""Cross-report merge: one fact reported by several documents becomes one record with provenance."""

from extract.merge import merge_records
from extract.records import CertifiedProduct, FundingRound, Policy, stable_id

D1, D2 = "1" * 64, "2" * 64
REF = {"name": "x.rules.v1", "version": "1"}


def _ev(text="x", start=0):
    return {"text": text, "start": start, "end": start + len(text)}


def _policy(doc, title, date=None, issuers=(), conf=0.8):
    return Policy(id=stable_id("policy", doc, {"title": title}), doc_id=doc, evidence=_ev(), extractor=REF,
                  confidence=conf, title=title, issuers=list(issuers), date=date)


def _round(doc, company, rnd, date):
    return FundingRound(id=stable_id("funding_round", doc, {"company": company, "round": rnd, "date": date}), doc_id=doc,
                        evidence=_ev(), extractor=REF, confidence=0.8, company=company, round=rnd, date=date)


def test_same_policy_in_two_reports_is_one_fact_with_both_provenances():
    a = _policy(D1, "健康中国2030规划纲要", date="2016-10", conf=0.9)
    b = _policy(D2, "“健康中国 2030”规划纲要", issuers=["国务院"])
    (m,) = merge_records([a, b])
    assert [p.doc_id for p in m.provenance] == [D1, D2]
    assert m.fields["title"] == "健康中国2030规划纲要" and m.fields["date"] == "2016-10"
    assert m.fields["issuers"] == ["国务院"]  # filled from the other mention
    # stable: the same input gives the same id
    assert merge_records([b, a])[0].id == m.id


def test_a_notice_wrapping_a_document_merges_with_the_document():
    a = _policy(D1, "关于印发《北京市加快医药健康协同创新行动计划（2024-2026年）》的通知")
    b = _policy(D2, "北京市加快医药健康协同创新行动计划（2024-2026年）")
    assert len(merge_records([a, b])) == 1


def test_funding_rounds_merge_on_company_round_and_month_only():
    same = [_round(D1, "科亚医疗", "B+", "2020-08"), _round(D2, "科亚医疗有限公司", "B+", "2020-08-15")]
    assert len(merge_records(same)) == 1
    assert len(merge_records([_round(D1, "科亚医疗", "B+", "2020-08"), _round(D2, "科亚医疗", "B+", "2021-02")])) == 2
    assert len(merge_records([_round(D1, "科亚医疗", "B+", "2020-08"), _round(D2, "科亚医疗", "C", "2020-08")])) == 2


def test_records_of_one_document_are_never_merged_together():
    a = _round(D1, "数坤科技", None, "2020-08")
    b = _round(D1, "数坤科技", None, "2021-03")
    merged = merge_records([a, b])
    assert len(merged) == 2 and len({m.id for m in merged}) == 2


def test_products_merge_per_authority():
    def prod(doc, auth):
        return CertifiedProduct(id=stable_id("certified_product", doc, {"product": "深脉分数", "authority": auth}), doc_id=doc,
                                evidence=_ev(), extractor=REF, confidence=0.8, product="深脉分数", company="科亚医疗", authority=auth)
    merged = merge_records([prod(D1, "NMPA"), prod(D2, "NMPA"), prod(D2, "CE")])
    assert sorted(len(m.provenance) for m in merged) == [1, 2]

"""Conflicts are data (issue #19): when the reports of one fact disagree on a value, the merged fact
lists every value with its documents, the value kept and why; less detail is not a disagreement."""

from __future__ import annotations

from extract import dataset
from extract.document import Document
from extract.extractors import create
from extract.merge import merge_records
from extract.process import extract_document
from extract.devtools.review import render_review

A = "2023年7月，推想科技宣布完成3,000万美元B轮融资，由高瓴资本领投，红杉中国跟投。\n"
B = "推想科技2023年7月完成4000万美元B轮融资，高瓴资本领投。\n"
C = "2023年7月，推想科技完成3000万美元的B轮融资，投资方为高瓴资本。\n"


def _docs(*texts):
    return [Document(text=t, source=f"r{i}.txt") for i, t in enumerate(texts)]


def _records(docs):
    exs = create()
    return [r for d in docs for r in extract_document(d, exs, None).records]


def test_disagreeing_amounts_are_listed_with_their_documents_and_the_value_kept():
    docs = _docs(A, B, C)
    [fact] = [m for m in merge_records(_records(docs)) if m.kind == "funding_round"]
    [conflict] = fact.conflicts
    assert conflict.field == "amount" and "most confident mention" in conflict.reason
    given = {v.value["value"]: v.doc_ids for v in conflict.values}
    assert given == {30_000_000.0: sorted([docs[0].doc_id, docs[2].doc_id]), 40_000_000.0: [docs[1].doc_id]}
    assert conflict.chosen == fact.fields["amount"]


def test_less_detail_is_not_a_conflict():
    # C names one of A's two investors and writes the amount differently: no disagreement
    [fact] = [m for m in merge_records(_records(_docs(A, C))) if m.kind == "funding_round"]
    assert fact.conflicts == []


def test_the_review_page_shows_conflicts(tmp_path):
    docs = _docs(A, B)
    pub = dataset.publish(tmp_path / "data", _records(docs), docs, extractors=[(e.name, e.version) for e in create()])
    dataset.verify(pub.path)
    html = render_review(dataset.open_dataset(tmp_path / "data"))
    assert "Sources disagree (1)" in html and "4000万美元" in html and "most confident mention" in html

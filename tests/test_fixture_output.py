"""Every record the extractors produce on the sample reports is valid, grounded and stable."""

import pytest

from extract.extractors import create
from extract.ingest import read_document
from extract.process import extract_document



@pytest.fixture(scope="module")
def outputs(sample_extractions):
    return {report.name: pair for report, pair in sample_extractions.items()}


def test_every_record_points_at_its_exact_source_text(outputs):
    total = 0
    for name, (doc, res) in outputs.items():
        assert not res.rejected, f"{name}: {res.rejected}"
        for r in res.records:
            assert doc.text[r.evidence.start:r.evidence.end] == r.evidence.text, (name, r)
            assert r.doc_id == doc.doc_id
            total += 1
    assert total > 0


def test_ids_are_unique_and_stable_across_runs(outputs, nlp):
    for name, (doc, res) in outputs.items():
        ids = [r.id for r in res.records]
        assert len(ids) == len(set(ids)), name
        again = extract_document(read_document(doc.source), create(), nlp)
        assert [r.model_dump() for r in again.records] == [r.model_dump() for r in res.records]


def test_records_failing_validation_are_rejected_with_document_and_extractor(nlp):
    """The validation gate: a record whose evidence offsets are wrong never leaves extraction."""
    from extract.document import Document
    from extract.extractors import RuleExtractor
    from extract.records import Evidence, Policy

    class Sloppy(RuleExtractor):
        name, kind, version, record_model = "policy.sloppy.v0", "policy", "0", Policy

        def extract(self, ctx):
            good = self.make(ctx, 0, 4, title="健康中国2030规划纲要")
            yield good
            yield good.model_copy(update={"id": "policy:bad", "evidence": Evidence(text="不对", start=0, end=2)})

    doc = Document(text="《健康中国2030规划纲要》", source="r.txt")
    res = extract_document(doc, [Sloppy()], nlp)
    assert [r.id for r in res.records] == [res.records[0].id] and res.records[0].id != "policy:bad"
    (rej,) = res.rejected
    assert (rej.source, rej.extractor, rej.doc_id) == ("r.txt", "policy.sloppy.v0", doc.doc_id)
    assert "do not match the document text" in rej.reason

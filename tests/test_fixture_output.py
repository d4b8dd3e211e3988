"""Every record the extractors produce on the sample reports is valid, grounded and stable."""

import pytest

from extract.extractors import create
from extract.ingest import read_document
from extract.process import extract_document

from .conftest import REPORTS


@pytest.fixture(scope="module")
def outputs(nlp):
    out = {}
    for report in REPORTS:
        doc = read_document(report)
        out[report.name] = (doc, extract_document(doc, create(), nlp))
    return out


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

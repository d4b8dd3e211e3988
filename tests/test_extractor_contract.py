"""Contract over the whole registry: every extractor has a fixture of real sentences and meets it."""

import json

import pytest

from extract.document import Document
from extract.extractors import available, create, register
from extract.process import extract_document
from extract.records import RECORD_MODELS

from .conftest import FIXTURES

EXTRACTOR_FIXTURES = FIXTURES / "extractors"


def _cases():
    for name, cls in available().items():
        path = EXTRACTOR_FIXTURES / f"{cls.kind}.jsonl"
        if not path.is_file():
            yield pytest.param(name, None, None, id=f"{name}-missing-fixture")
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                yield pytest.param(name, path, json.loads(line), id=f"{name}-{i}")


def _norm(v):
    if isinstance(v, str):
        return "".join(v.split())
    if isinstance(v, list):
        return [_norm(x) for x in v]
    return v


def _value(record, field):
    if field in ("amount_value", "currency", "amount_raw"):
        amount = record.amount
        if amount is None:
            return None
        return {"amount_value": amount.value, "currency": amount.currency, "amount_raw": amount.raw}[field]
    return getattr(record, field)


@pytest.mark.parametrize("name, path, case", list(_cases()))
def test_extractor_meets_its_fixture(name, path, case, nlp):
    if path is None:
        pytest.fail(f"extractor {name} has no fixture: add fixtures/extractors/<kind>.jsonl with lines "
                    '{"text": ..., "expected": [{field: value}, ...]} (use [] for negatives)')
    extractor = create([name])[0]
    doc = Document(text=case["text"], source=str(path))
    res = extract_document(doc, [extractor], nlp)
    assert not res.rejected, res.rejected
    for rec in res.records:
        assert isinstance(rec, RECORD_MODELS[extractor.kind])
        assert doc.text[rec.evidence.start:rec.evidence.end] == rec.evidence.text
    if not case["expected"]:
        assert res.records == [], f"negative case produced {[r.model_dump(include={'title', 'company', 'product'}) for r in res.records]}"
    for exp in case["expected"]:
        hits = [r for r in res.records if all(_norm(_value(r, f)) == _norm(v) for f, v in exp.items())]
        assert hits, f"expected {exp} in {[r.model_dump(exclude={'evidence', 'extractor', 'id', 'doc_id', 'schema_version'}) for r in res.records]}"


def test_duplicate_registration_is_refused():
    cls = next(iter(available().values()))
    with pytest.raises(ValueError, match="already registered"):
        register(cls)

"""The record contract: field rules, evidence checks, stable ids, committed JSON Schemas."""

import json

import jsonschema
import pytest
from pydantic import ValidationError

from extract import schemas
from extract.records import RECORD_MODELS, SCHEMA_VERSION, CertifiedProduct, Evidence, FundingRound, Policy, stable_id

DOC_ID = "0" * 64
BASE = {"doc_id": DOC_ID, "extractor": {"name": "policy.rules.v1", "version": "1"}, "confidence": 0.9}


def _policy(**kw):
    fields = {"id": "policy:x", "evidence": {"text": "《健康中国2030规划纲要》", "start": 3, "end": 17}, "title": "健康中国2030规划纲要", "issuers": ["国务院"], "date": "2016-10"}
    return Policy(**(BASE | fields | kw))


def test_policy_serialises_with_the_contract_field_names():
    d = _policy().model_dump(mode="json")
    assert set(d) == {"kind", "id", "schema_version", "doc_id", "evidence", "support", "extractor", "confidence", "title", "issuers",
                      "issuers_canonical", "date"}
    assert d["kind"] == "policy" and d["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize("bad", [{"date": "2016/10"}, {"date": "2016-13"}, {"confidence": 1.5}, {"title": ""}, {"unknown": 1}])
def test_invalid_values_are_refused(bad):
    with pytest.raises(ValidationError):
        _policy(**bad)


def test_evidence_length_must_match_offsets_and_text():
    with pytest.raises(ValidationError):
        Evidence(text="abc", start=0, end=4)
    ev = Evidence(text="国务院", start=1, end=4)
    ev.check_against("由国务院发布")
    with pytest.raises(ValueError, match="do not match"):
        ev.check_against("国务院发布了")


def test_funding_round_amount_and_round_vocabulary():
    ok = FundingRound(**BASE | {"extractor": {"name": "f", "version": "1"}}, id="f:1", evidence={"text": "x", "start": 0, "end": 1},
                      company="科亚医疗", round="B+", round_raw="B+轮", date="2020-08",
                      amount={"raw": "1.5亿人民币", "currency": "CNY", "value": 1.5e8, "qualifier": "exact"}, investors=["GGV纪源资本"])
    assert ok.amount.value == 1.5e8
    with pytest.raises(ValidationError):
        FundingRound(**ok.model_dump() | {"round": "Series B"})


def test_certified_product_needs_a_product_or_company():
    with pytest.raises(ValidationError):
        CertifiedProduct(**BASE, id="c:1", evidence={"text": "x", "start": 0, "end": 1}, product=None, company=None, authority="FDA")


def test_stable_id_ignores_whitespace_and_case_but_not_the_fact():
    a = stable_id("policy", DOC_ID, {"title": "医疗器械 软件注册审查指导原则"})
    assert a == stable_id("policy", DOC_ID, {"title": "医疗器械软件注册审查指导原则"})
    assert a != stable_id("policy", "1" * 64, {"title": "医疗器械软件注册审查指导原则"})
    assert a != stable_id("policy", DOC_ID, {"title": "医疗器械网络安全注册审查指导原则"})


def test_committed_schemas_are_current():
    assert schemas.stale() == [], "schemas/ is stale: run `reportx schemas` and commit the result"


@pytest.mark.parametrize("kind", list(RECORD_MODELS))
def test_committed_schema_accepts_model_output(kind):
    schema = json.loads((schemas.SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert schema["x-schema-version"] == SCHEMA_VERSION
    if kind == "policy":
        jsonschema.validate(_policy().model_dump(mode="json"), schema)


def test_no_breaking_schema_change_without_a_major_version():
    """Removing, retyping or newly requiring a field breaks readers: it needs SCHEMA_VERSION's major bumped
    (and a new schemas/compat-vN.json)."""
    major = int(SCHEMA_VERSION.split(".")[0])
    baseline_file = schemas.SCHEMA_DIR / f"compat-v{major}.json"
    assert baseline_file.is_file(), f"a major version {major} needs its baseline {baseline_file.name}"
    baseline = json.loads(baseline_file.read_text(encoding="utf-8"))
    for kind, shape in baseline["kinds"].items():
        assert schemas.breaking_changes(shape, schemas.shape(schemas.schema_for(kind))) == [], kind


def test_the_compat_check_notices_a_removed_field():
    shape = schemas.shape(schemas.schema_for("policy"))
    smaller = {**shape, "properties": {k: v for k, v in shape["properties"].items() if k != "issuers"}}
    assert schemas.breaking_changes(shape, smaller) == ["property 'issuers' removed"]

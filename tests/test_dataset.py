"""Publishing: a complete, verified, immutable version and an atomically switched `latest`."""

import json

import pytest

from extract import dataset
from extract.document import Document
from extract.records import Policy, stable_id

TEXT = "2016年10月，国务院印发《健康中国2030规划纲要》。"


def _doc_and_record():
    doc = Document(text=TEXT, source="r.txt", title="t")
    start = TEXT.index("《")
    ev = TEXT[start:TEXT.index("》") + 1]
    rec = Policy(id=stable_id("policy", doc.doc_id, {"title": "健康中国2030规划纲要"}), doc_id=doc.doc_id,
                 evidence={"text": ev, "start": start, "end": start + len(ev)}, extractor={"name": "policy.rules.v1", "version": "1"},
                 confidence=0.9, title="健康中国2030规划纲要", issuers=["国务院"], date="2016-10")
    return doc, rec


def test_publish_writes_a_verified_version_and_points_latest_at_it(tmp_path):
    doc, rec = _doc_and_record()
    pub = dataset.publish(tmp_path, [rec], [doc], extractors=[("policy.rules.v1", "1")], code_version="test")
    assert pub.version == "v0001" and dataset.latest(tmp_path) == "v0001"
    manifest = dataset.verify(pub.path)
    by_name = {r["name"]: r for r in manifest["resources"]}
    assert by_name["policy"]["count"] == 1 and by_name["funding_round"]["count"] == 0
    assert manifest["inputs"][0]["doc_id"] == doc.doc_id
    stored = dataset.read_records(pub.path, "policy")[0]
    text = (pub.path / "documents" / f"{doc.doc_id}.txt").read_text(encoding="utf-8")
    assert text[stored["evidence"]["start"]:stored["evidence"]["end"]] == stored["evidence"]["text"]
    assert not list(tmp_path.glob(".staging-*"))


def test_second_publish_is_a_new_version_and_the_first_is_untouched(tmp_path):
    doc, rec = _doc_and_record()
    first = dataset.publish(tmp_path, [rec], [doc])
    before = (first.path / "records" / "policy.jsonl").read_bytes()
    second = dataset.publish(tmp_path, [], [doc])
    assert second.version == "v0002" and dataset.latest(tmp_path) == "v0002"
    assert (first.path / "records" / "policy.jsonl").read_bytes() == before
    assert dataset.versions(tmp_path) == ["v0001", "v0002"]


def test_leftover_staging_is_cleaned_and_never_listed(tmp_path):
    (tmp_path / ".staging-crashed").mkdir()
    (tmp_path / ".staging-crashed" / "junk").write_text("half written")
    doc, rec = _doc_and_record()
    dataset.publish(tmp_path, [rec], [doc])
    assert not (tmp_path / ".staging-crashed").exists()
    assert dataset.versions(tmp_path) == ["v0001"]


def test_verify_detects_tampering(tmp_path):
    doc, rec = _doc_and_record()
    pub = dataset.publish(tmp_path, [rec], [doc])
    path = pub.path / "records" / "policy.jsonl"
    row = json.loads(path.read_text(encoding="utf-8"))
    row["title"] = "篡改"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(dataset.DatasetError, match="sha256"):
        dataset.verify(pub.path)


def test_a_record_with_wrong_offsets_is_never_published(tmp_path):
    doc, rec = _doc_and_record()
    bad = rec.model_copy(update={"evidence": rec.evidence.model_copy(update={"start": 0, "end": len(rec.evidence.text)})})
    with pytest.raises(dataset.DatasetError, match="do not match"):
        dataset.publish(tmp_path, [bad], [doc])
    assert dataset.latest(tmp_path) is None and dataset.versions(tmp_path) == []
    assert not list(tmp_path.glob(".staging-*"))

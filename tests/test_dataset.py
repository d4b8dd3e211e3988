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
    ds = dataset.open_dataset(tmp_path)
    (stored,) = ds.records("policy")
    assert stored == rec
    text = ds.document_text(doc.doc_id)
    assert text[stored.evidence.start:stored.evidence.end] == stored.evidence.text
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


# --- crash safety: a failure at any publish step leaves the previous `latest` complete ---------


def _publish_two(tmp_path, monkeypatch, where):
    doc, rec = _doc_and_record()
    dataset.publish(tmp_path, [rec], [doc])
    other = Document(text="另一份报告。", source="b.txt")

    def boom(*a, **k):
        raise OSError(f"simulated crash at {where}")

    target = {
        "records": "_jsonl",  # while writing record files
        "schemas": "_write_schemas",  # after records and documents, before the manifest
        "verify": "verify",  # manifest written, before the version is renamed into place
    }.get(where)
    if target:
        monkeypatch.setattr(dataset, target, boom)
    elif where == "latest":  # version renamed into place, `latest` not yet switched
        real = dataset._write_atomic
        monkeypatch.setattr(dataset, "_write_atomic", lambda p, d: boom() if p.name == dataset.LATEST else real(p, d))
    with pytest.raises(OSError, match="simulated crash"):
        dataset.publish(tmp_path, [rec], [doc, other])
    monkeypatch.undo()


@pytest.mark.parametrize("where", ["records", "schemas", "verify", "latest"])
def test_a_crash_at_any_publish_step_leaves_latest_complete(tmp_path, monkeypatch, where):
    _publish_two(tmp_path, monkeypatch, where)
    assert dataset.latest(tmp_path) == "v0001"
    ds = dataset.open_dataset(tmp_path)
    dataset.verify(ds.path)
    assert len(ds.records()) == 1 and len(ds.inputs) == 1
    assert not list(tmp_path.glob(".staging-*"))
    # the next publish completes and becomes latest
    doc, rec = _doc_and_record()
    pub = dataset.publish(tmp_path, [rec], [doc, Document(text="另一份报告。", source="b.txt")])
    assert dataset.latest(tmp_path) == pub.version
    assert len(dataset.open_dataset(tmp_path).inputs) == 2


def test_open_dataset_errors_name_the_folder_and_the_versions(tmp_path):
    with pytest.raises(dataset.DatasetError, match="no published version"):
        dataset.open_dataset(tmp_path)
    doc, rec = _doc_and_record()
    dataset.publish(tmp_path, [rec], [doc])
    with pytest.raises(dataset.DatasetError, match="published: v0001"):
        dataset.open_dataset(tmp_path, "v0009")


def test_records_violating_the_json_schema_are_caught_by_verify(tmp_path):
    doc, rec = _doc_and_record()
    pub = dataset.publish(tmp_path, [rec], [doc])
    path = pub.path / "records" / "policy.jsonl"
    row = json.loads(path.read_text(encoding="utf-8"))
    row["issuers"] = "国务院"  # a string where the schema says array
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    manifest = json.loads((pub.path / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in manifest["resources"] if r["name"] == "policy")
    res["bytes"] = path.stat().st_size
    res["sha256"] = dataset._sha256(path)
    res["hash"] = "sha256:" + res["sha256"]
    (pub.path / "datapackage.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(dataset.DatasetError, match="does not follow schemas/policy.schema.json"):
        dataset.verify(pub.path)

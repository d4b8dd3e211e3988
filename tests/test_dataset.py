"""Publishing: a complete, verified, immutable version and an atomically switched `latest`."""

import json

import pytest

from tests.conftest import part_file

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
    assert "inputs" not in manifest and by_name["documents"]["count"] == 1  # the catalog lists the documents
    ds = dataset.open_dataset(tmp_path)
    assert list(ds.inputs) == [doc.doc_id] and ds.inputs[doc.doc_id]["content_hash"] == f"sha256:{doc.doc_id}"
    (stored,) = ds.records("policy")
    assert stored == rec
    text = ds.document_text(doc.doc_id)
    assert text[stored.evidence.start:stored.evidence.end] == stored.evidence.text
    assert not list(tmp_path.glob(".staging-*"))


def test_second_publish_is_a_new_version_and_the_first_is_untouched(tmp_path):
    doc, rec = _doc_and_record()
    first = dataset.publish(tmp_path, [rec], [doc])
    before = (part_file(first.path, "policy")).read_bytes()
    second = dataset.publish(tmp_path, [], [doc])
    assert second.version == "v0002" and dataset.latest(tmp_path) == "v0002"
    assert (part_file(first.path, "policy")).read_bytes() == before
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
    path = part_file(pub.path, "policy")
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
        "records": "_new_part",  # while writing record files
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
    path = part_file(pub.path, "policy")
    row = json.loads(path.read_text(encoding="utf-8"))
    row["issuers"] = "国务院"  # a string where the schema says array
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    manifest = json.loads((pub.path / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in manifest["resources"] if r["name"] == "policy")
    res["parts"][0]["bytes"] = res["bytes"] = path.stat().st_size
    res["parts"][0]["sha256"] = res["sha256"] = dataset._sha256(path)
    res["hash"] = "sha256:" + res["sha256"]
    (pub.path / "datapackage.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(dataset.DatasetError, match="does not follow schemas/policy.schema.json"):
        dataset.verify(pub.path)


def _policy_doc(n: int):
    """A one-policy document numbered ``n`` (its own text, title and record)."""
    title = f"第{n}号数字医疗试点方案"
    text = f"2024年{n % 12 + 1}月，国家卫生健康委印发《{title}》。"
    doc = Document(text=text, source=f"r{n}.txt", title="t")
    start = text.index("《")
    ev = text[start:text.index("》") + 1]
    rec = Policy(id=stable_id("policy", doc.doc_id, {"title": title}), doc_id=doc.doc_id,
                 evidence={"text": ev, "start": start, "end": start + len(ev)}, extractor={"name": "policy.rules.v1", "version": "1"},
                 confidence=0.9, title=title, issuers=["国家卫生健康委"], date=f"2024-{n % 12 + 1:02d}")
    return doc, rec


def _inodes(version_dir):
    return {p.stat().st_ino for p in version_dir.rglob("*.jsonl") if "records" in p.parts or "merged" in p.parts}


def test_unchanged_records_and_facts_are_shared_between_versions_not_copied(tmp_path):
    """Storage grows with what changed: a new version hard-links the previous version's parts whose
    rows it keeps unchanged and writes only new rows; each version still reads and verifies whole."""
    pairs = [_policy_doc(n) for n in range(6)]
    v1 = dataset.publish(tmp_path, [r for _, r in pairs[:4]], [d for d, _ in pairs[:4]])
    v2 = dataset.publish(tmp_path, [r for _, r in pairs], [d for d, _ in pairs])
    ds1, ds2 = dataset.open_dataset(tmp_path, "v0001"), dataset.open_dataset(tmp_path, "v0002")
    assert _inodes(v1.path) <= _inodes(v2.path)  # every part of v1 is in v2, as the same file
    new = _inodes(v2.path) - _inodes(v1.path)
    new_rows = [row for p in v2.path.rglob("*.jsonl") if p.stat().st_ino in new for row in dataset.jsonl.read(p)]
    assert sorted(r["title"] for r in new_rows if r["kind"] == "policy" and "doc_id" in r) == ["第4号数字医疗试点方案", "第5号数字医疗试点方案"]
    dataset.verify(v2.path)
    assert [r.id for r in ds2.records("policy")] and {r.id for r in ds2.records("policy")} == {r.id for _, r in pairs}
    assert len(ds2.merged("policy")) == 6 and len(ds1.merged("policy")) == 4
    manifest = json.loads((v2.path / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in manifest["resources"] if r["name"] == "policy")
    assert isinstance(res["path"], list) and len(res["path"]) == 2 and res["count"] == 6
    assert res["bytes"] == sum(p["bytes"] for p in res["parts"])


def test_a_part_that_lost_a_row_is_rewritten_not_shared(tmp_path):
    pairs = [_policy_doc(n) for n in range(3)]
    v1 = dataset.publish(tmp_path, [r for _, r in pairs], [d for d, _ in pairs])
    v2 = dataset.publish(tmp_path, [r for _, r in pairs[:2]], [d for d, _ in pairs])  # the third lost its record
    ds1, ds2 = dataset.open_dataset(tmp_path, "v0001"), dataset.open_dataset(tmp_path, "v0002")
    assert len(ds1.records("policy")) == 3 and len(ds2.records("policy")) == 2
    records_v1 = {p.stat().st_ino for p in (v1.path / "records" / "policy").iterdir()}
    records_v2 = {p.stat().st_ino for p in (v2.path / "records" / "policy").iterdir()}
    assert not records_v1 & records_v2
    dataset.verify(v1.path)
    dataset.verify(v2.path)


def test_a_shared_part_edited_in_place_fails_verification_of_every_version_holding_it(tmp_path):
    pairs = [_policy_doc(n) for n in range(3)]
    dataset.publish(tmp_path, [r for _, r in pairs[:2]], [d for d, _ in pairs[:2]])
    v2 = dataset.publish(tmp_path, [r for _, r in pairs], [d for d, _ in pairs])
    shared = part_file(tmp_path / "v0001", "policy")
    shared.write_text(shared.read_text(encoding="utf-8").replace("第0号", "第9号"), encoding="utf-8")
    for v in ("v0001", "v0002"):
        with pytest.raises(dataset.DatasetError, match="sha256"):
            dataset.verify(tmp_path / v)


def _citing(n: int, title: str = "健康中国2030规划纲要"):
    """Document ``n`` citing the same policy as every other (the fact many reports repeat)."""
    text = f"第{n}份周报：2016年10月，国务院印发《{title}》。"
    doc = Document(text=text, source=f"c{n}.txt", title="t")
    start = text.index("《")
    ev = text[start:text.index("》") + 1]
    rec = Policy(id=stable_id("policy", doc.doc_id, {"title": title}), doc_id=doc.doc_id,
                 evidence={"text": ev, "start": start, "end": start + len(ev)}, extractor={"name": "policy.rules.v1", "version": "1"},
                 confidence=0.9, title=title, issuers=["国务院"], date="2016-10")
    return doc, rec


def test_a_fact_another_report_repeats_costs_one_provenance_line_not_the_fact_again(tmp_path):
    """Merged facts are stored without their provenance (format 4): a new report repeating a known
    fact adds one short provenance line; the fact's row is shared, and reading joins them back."""
    pairs = [_citing(n) for n in range(3)]
    v1 = dataset.publish(tmp_path, [r for _, r in pairs[:2]], [d for d, _ in pairs[:2]])
    v2 = dataset.publish(tmp_path, [r for _, r in pairs], [d for d, _ in pairs])
    fact_parts = lambda v: {p.stat().st_ino for p in (v.path / "merged" / "policy").iterdir()}  # noqa: E731
    assert fact_parts(v2) == fact_parts(v1)  # the fact is unchanged: its part is the same file
    old = {p.stat().st_ino for p in (v1.path / "provenance" / "policy").iterdir()}
    new_lines = [row for p in (v2.path / "provenance" / "policy").iterdir() if p.stat().st_ino not in old
                 for row in dataset.jsonl.read(p)]
    assert [(r["doc_id"], r["record_id"]) for r in new_lines] == [(pairs[2][0].doc_id, pairs[2][1].id)]
    assert "evidence" not in new_lines[0]  # by reference: the record holds the evidence
    (fact,) = dataset.open_dataset(tmp_path).merged("policy")
    assert [p.record_id for p in fact.provenance] == sorted((r.id for _, r in pairs), key=lambda i: next(
        d.doc_id for d, r in pairs if r.id == i))
    assert {p.evidence.text for p in fact.provenance} == {"《健康中国2030规划纲要》"}
    assert not dataset.open_dataset(tmp_path).manifest.get("inputs")  # the catalog lists documents, not the manifest
    dataset.verify(v2.path)


def _rewrite_part(version_dir, resource: str, edit) -> None:
    """Edit the rows of a one-part resource and fix the manifest's sizes and hashes, as a careless
    tool would: only the cross-checks of the rows can notice."""
    import hashlib

    mpath = version_dir / "datapackage.json"
    manifest = json.loads(mpath.read_text(encoding="utf-8"))
    res = next(r for r in manifest["resources"] if r["name"] == resource)
    (part,) = res["parts"]
    path = version_dir / part["path"]
    rows = edit(dataset.jsonl.read(path))
    path.unlink()  # a new inode: the other versions keep theirs
    dataset.jsonl.write(path, rows)
    data = path.read_bytes()
    part.update(bytes=len(data), sha256=hashlib.sha256(data).hexdigest(), count=len(rows))
    res.update(bytes=len(data), sha256=part["sha256"], hash=f"sha256:{part['sha256']}", count=len(rows))
    mpath.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.mark.parametrize("damage, message", [
    (lambda rows: [{**r, "fact_id": "policy:m:nowhere"} for r in rows], "not in merged/policy"),
    (lambda rows: [{**r, "record_id": "policy:nowhere"} for r in rows], "which is not a policy record"),
    (lambda rows: [], "has no provenance line"),
])
def test_verify_checks_that_every_fact_and_provenance_line_refer_to_each_other(tmp_path, damage, message):
    doc, rec = _citing(0)
    pub = dataset.publish(tmp_path, [rec], [doc])
    if not damage([{"x": 1}]):  # an empty resource is held inline, not in a part
        mpath = pub.path / "datapackage.json"
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
        res = next(r for r in manifest["resources"] if r["name"] == "provenance_policy")
        (part,) = res["parts"]
        (pub.path / part["path"]).unlink()
        template = next(r for r in manifest["resources"] if r["name"] == "provenance_funding_round")
        res.update({k: v for k, v in template.items() if k != "name"})
        mpath.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    else:
        _rewrite_part(pub.path, "provenance_policy", damage)
    with pytest.raises(dataset.DatasetError, match=message):
        dataset.verify(pub.path)


def test_parts_stay_few_over_many_versions_and_every_version_reads_whole(tmp_path, monkeypatch):
    """Each publish adds a part or two; past MAX_PARTS the smallest are merged, so the manifest
    does not grow with the number of versions, and every version still holds exactly its rows."""
    monkeypatch.setattr(dataset, "MAX_PARTS", 3)
    pairs = [_policy_doc(n) for n in range(8)]
    for k in range(1, 9):
        pub = dataset.publish(tmp_path, [r for _, r in pairs[:k]], [d for d, _ in pairs[:k]])
        manifest = dataset.verify(pub.path)
        assert all(len(r.get("parts", [])) <= 3 for r in manifest["resources"])
        ds = dataset.open_dataset(tmp_path)
        assert sorted(r.id for r in ds.records("policy")) == sorted(r.id for _, r in pairs[:k])
        assert len(ds.merged("policy")) == k and len(ds.inputs) == k
    for v in dataset.versions(tmp_path):
        dataset.verify(tmp_path / v)

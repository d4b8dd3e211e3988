"""Incremental runs through the Prefect flow: only new documents are extracted, nothing new
publishes nothing, carried records stay byte-identical, removed files are kept."""

import json

import pytest

from extract import dataset

A = "2021年6月，上海市卫健委发布《上海市“便捷就医服务”数字化转型工作方案》。\n"
B = "2023年7月，推想科技宣布完成数亿元B轮融资，由高瓴资本领投，红杉中国跟投。\n"
C = "2023年5月，深睿医疗的胸部CT骨折智能辅助诊断软件获得国家药监局颁发的三类医疗器械注册证。\n"
# another report stating the same policy: one merged fact, two provenances
D = "报告回顾：2021年6月，上海市卫健委发布《上海市“便捷就医服务”数字化转型工作方案》，推动智慧医院建设。\n"


def _run(inbox, out, extractors=None):
    from flows.ingest import ingest_reports

    return ingest_reports(str(inbox), str(out), extractors)


def _lines(version_dir, kind):
    ds = dataset.Dataset(version_dir, json.loads((version_dir / "datapackage.json").read_text(encoding="utf-8")))
    return [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in ds.rows(kind)]


def test_incremental_runs_carry_unchanged_documents(prefect_harness, tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "data"
    inbox.mkdir()
    (inbox / "a.txt").write_text(A, encoding="utf-8")
    (inbox / "b.txt").write_text(B, encoding="utf-8")
    first = _run(inbox, out)
    assert first.published.version == "v0001" and first.states()["published"] == 2
    v1 = out / "v0001"

    # nothing new: nothing published, latest unchanged
    again = _run(inbox, out)
    assert again.published is None and again.states() == {"published": 0, "skipped": 2, "quarantined": 0}
    assert "nothing new to publish (latest stays v0001)" in again.line()
    assert dataset.versions(out) == ["v0001"]

    # one new report and a duplicate of an old one under another name
    (inbox / "c.txt").write_text(C, encoding="utf-8")
    (inbox / "a_copy.txt").write_text(A, encoding="utf-8")
    second = _run(inbox, out)
    assert second.published.version == "v0002"
    states = {o.source.rsplit("/", 1)[-1]: (o.state, o.reason) for o in second.outcomes}
    assert states["c.txt"][0] == "published"
    assert states["a.txt"] == ("skipped", "unchanged since v0001")
    assert states["a_copy.txt"][0] == "skipped" and "same text as" in states["a_copy.txt"][1]
    v2 = out / "v0002"
    dataset.verify(v2)
    # carried records are byte-identical
    for kind in ("policy", "funding_round"):
        assert set(_lines(v1, kind)) <= set(_lines(v2, kind))
    d = dataset.diff(dataset.open_dataset(out, "v0001"), dataset.open_dataset(out, "v0002"))
    assert d.counts() == {"added": 1, "removed": 0, "changed": 0, "unchanged": 2}
    assert d.added[0]["kind"] == "certified_product"
    docs = dataset.open_dataset(out).documents
    a_id = next(i for i, r in docs.items() if r["source"].endswith("a.txt"))
    assert [s.rsplit("/", 1)[-1] for s in docs[a_id]["sources"]] == ["a.txt", "a_copy.txt"]

    # a removed source file is kept (documented): its records stay in the next version
    (inbox / "b.txt").unlink()
    (inbox / "d.txt").write_text(D, encoding="utf-8")
    third = _run(inbox, out)
    assert third.published.version == "v0003" and third.kept_missing == 1
    ds = dataset.open_dataset(out)
    assert {r.kind for r in ds.records()} == {"policy", "funding_round", "certified_product"}
    (policy,) = ds.merged("policy")
    assert len(policy.provenance) == 2 and policy.fields["date"] == "2021-06"
    assert len(ds.records("policy")) == 2  # per-document records stay for audit


def test_changed_extractors_reextract_stored_documents(prefect_harness, tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "data"
    inbox.mkdir()
    (inbox / "a.txt").write_text(A, encoding="utf-8")
    (inbox / "b.txt").write_text(B, encoding="utf-8")
    _run(inbox, out, ["policy.rules.v1"])
    assert {r.kind for r in dataset.open_dataset(out).records()} == {"policy"}
    (inbox / "b.txt").unlink()  # gone: its stored text is extracted again
    summary = _run(inbox, out)
    assert summary.published.version == "v0002" and summary.reextracted == 1
    ds = dataset.open_dataset(out)
    assert {r.kind for r in ds.records()} == {"policy", "funding_round"}
    assert {i["fingerprint"] for i in ds.inputs.values()} == {ds.fingerprint}
    manifest = json.loads((out / "v0002" / "datapackage.json").read_text(encoding="utf-8"))
    assert manifest["previous_version"] == "v0001"

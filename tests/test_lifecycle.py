"""Documents have a lifecycle (issue #19): a report edited in place supersedes its earlier text, so
its facts are not published twice and the diff shows what changed; a removed report keeps its
facts; an edit whose extraction fails leaves the earlier text in place."""

from __future__ import annotations

import json

from extract import dataset

FUNDING = "2023年7月，推想科技宣布完成数亿元B轮融资，由高瓴资本领投。"
POLICY = "2021年6月，上海市卫健委发布《上海市“便捷就医服务”数字化转型工作方案》。"
PRODUCT = "2020年1月，科亚医疗的深脉分数获得国家药监局第三类医疗器械注册证。"


def _run(inbox, out, **kw):
    from flows.ingest import run_ingest

    return run_ingest(str(inbox), str(out), jobs=1, **kw)


def _facts(ds) -> list[tuple]:
    return sorted((r.kind, r.model_dump(mode="json").get("company") or r.model_dump(mode="json").get("title") or "")
                  for r in ds.records())


def test_an_edited_report_replaces_its_earlier_text_and_the_diff_shows_only_the_new_fact(prefect_harness, tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "data"
    inbox.mkdir()
    (inbox / "a.txt").write_text(FUNDING + "\n" + POLICY + "\n", encoding="utf-8")
    (inbox / "b.txt").write_text(PRODUCT + "\n", encoding="utf-8")
    _run(inbox, out)
    before = dataset.open_dataset(out)
    (inbox / "a.txt").write_text(FUNDING + "\n" + POLICY + "\n" + "2024年3月，深睿医疗完成C轮融资。\n", encoding="utf-8")
    summary = _run(inbox, out)
    assert summary.superseded == 1 and "1 edited files replace their earlier text" in summary.line()
    after = dataset.open_dataset(out)
    dataset.verify(after.path)
    sources = [s for row in after.documents.values() for s in row["sources"]]
    assert sorted(sources) == sorted({str(inbox / "a.txt"), str(inbox / "b.txt")})  # each path once
    assert len(after.inputs) == 2
    facts = _facts(after)
    assert len(facts) == len(set(facts)) and ("funding_round", "深睿医疗") in facts  # no fact twice
    assert len(after.merged()) == len(set(m.id for m in after.merged())) == len(after.records())
    [old_a] = [d for d, row in before.documents.items() if row["source"].endswith("a.txt")]
    assert after.manifest["superseded"] == [{"doc_id": old_a, "by": next(d for d, r in after.documents.items()
                                                                        if r["source"].endswith("a.txt")),
                                             "source": str(inbox / "a.txt")}]
    d = dataset.diff(before, after)
    assert [r["company"] for r in d.added] == ["深睿医疗"] and d.removed == [] and d.changed == []
    assert d.unchanged == len(before.records())
    assert dataset.open_dataset(out, before.version).records() == before.records()  # the earlier version is intact


def test_a_changed_value_in_an_edited_report_is_a_changed_fact(prefect_harness, tmp_path):
    from typer.testing import CliRunner

    from extract.cli import app

    inbox, out = tmp_path / "in", tmp_path / "data"
    inbox.mkdir()
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    _run(inbox, out)
    (inbox / "a.txt").write_text(FUNDING.replace("高瓴资本", "红杉中国") + "\n", encoding="utf-8")
    _run(inbox, out)
    d = dataset.diff(dataset.open_dataset(out, "v0001"), dataset.open_dataset(out))
    assert (len(d.added), len(d.removed), len(d.changed)) == (0, 0, 1)
    shown = CliRunner().invoke(app, ["datasets", "diff", str(out), "v0001"])
    assert "~" in shown.stdout and "investors" in shown.stdout and "doc_id" not in shown.stdout


def test_a_removed_report_keeps_its_facts_and_a_failed_edit_keeps_the_earlier_text(prefect_harness, tmp_path, monkeypatch):
    inbox, out = tmp_path / "in", tmp_path / "data"
    inbox.mkdir()
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    (inbox / "b.txt").write_text(POLICY + "\n", encoding="utf-8")
    _run(inbox, out)
    (inbox / "b.txt").unlink()
    (inbox / "a.txt").write_text(FUNDING + "\n" + PRODUCT + "\n", encoding="utf-8")
    from extract.extractors.certified_product import CertifiedProductRulesV1

    real = CertifiedProductRulesV1.extract

    def broken(self, ctx):
        if "科亚医疗" in ctx.text:
            raise RuntimeError("test: the edited text breaks an extractor")
        return real(self, ctx)

    monkeypatch.setattr(CertifiedProductRulesV1, "extract", broken)
    summary = _run(inbox, out)
    assert summary.states()["quarantined"] == 1 and summary.superseded == 0
    ds = dataset.open_dataset(out)
    assert ds.version == "v0001"  # nothing new to publish: the earlier text and b.txt's facts stand
    assert {r.kind for r in ds.records()} == {"funding_round", "policy"}
    assert json.loads((out / "v0001" / "datapackage.json").read_text(encoding="utf-8")).get("superseded") == []


def _cli(*args):
    from typer.testing import CliRunner

    from extract.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def test_retract_takes_a_document_and_its_facts_out_and_runs_keep_it_out_until_restored(prefect_harness, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    inbox, out = tmp_path / "in", tmp_path / "data"
    inbox.mkdir()
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    (inbox / "b.txt").write_text(POLICY + "\n", encoding="utf-8")
    _run(inbox, out)
    b_id = next(d for d, i in dataset.open_dataset(out).inputs.items() if i["source"].endswith("b.txt"))

    res = _cli("retract", out, "in/b.txt", "--reason", "withdrawn by its publisher")  # a path as typed, relative
    assert res.exit_code == 0, res.output
    assert "1 document retracted with 1 records; published v0002" in res.stdout
    ds = dataset.open_dataset(out)
    assert set(ds.inputs) == set(dataset.open_dataset(out, "v0001").inputs) - {b_id}
    assert _facts(ds) == [("funding_round", "推想科技")]
    assert [x["doc_id"] for x in ds.manifest["retracted"]] == [b_id]
    assert ds.manifest["retracted"][0]["reason"] == "withdrawn by its publisher"
    changes = [json.loads(x) for x in (out / "v0002" / "changes" / "policy.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [c["change"] for c in changes] == ["removed"]
    assert {r.kind for r in dataset.open_dataset(out, "v0001").records()} == {"funding_round", "policy"}  # never edited
    dataset.verify(ds.path)

    # the file is still in the input, and a copy under another name: runs skip the text, say why
    (inbox / "copy.txt").write_text(POLICY + "\n", encoding="utf-8")
    summary = _run(inbox, out)
    skipped = {o.source.rsplit("/", 1)[-1]: o.reason for o in summary.outcomes if o.state == "skipped"}
    assert "retracted in v0002 (withdrawn by its publisher)" in skipped["b.txt"] and "retracted in v0002" in skipped["copy.txt"]
    assert b_id not in dataset.open_dataset(out).inputs
    assert [x["doc_id"] for x in dataset.open_dataset(out).manifest["retracted"]] == [b_id]  # carried forward

    assert _cli("retract", out, "in/nothing.txt").exit_code == 1  # names nothing: nothing published
    res = _cli("retract", out, b_id[:12], "--restore")
    assert res.exit_code == 0, res.output
    assert dataset.open_dataset(out).manifest["retracted"] == []
    _run(inbox, out)
    assert b_id in dataset.open_dataset(out).inputs and ("policy", "上海市“便捷就医服务”数字化转型工作方案") in _facts(dataset.open_dataset(out))

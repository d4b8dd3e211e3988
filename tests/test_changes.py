"""Following a dataset (issue #19): each version's changes/<kind>.jsonl says which merged facts were
added, removed or changed since the version it was built on, equal to `reportx datasets diff
--merged`; `reportx datasets changes --since vN` prints them as JSON Lines; a schema bump that
adds a field, or a new report repeating a known fact, changes no fact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract import dataset
from extract.cli import app
from extract.document import Document
from extract.extractors import create
from extract.process import extract_document

FUNDING = "2023年7月，推想科技宣布完成数亿元B轮融资，由高瓴资本领投。\n"
FUNDING_EDITED = "2023年7月，推想科技宣布完成数亿元B轮融资，由红杉中国领投。\n"
POLICY = "2021年6月，上海市卫健委发布《上海市“便捷就医服务”数字化转型工作方案》。\n"
POLICY_AGAIN = "上海市卫健委2021年6月印发的《上海市“便捷就医服务”数字化转型工作方案》提出，推进智慧医院建设。\n"


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """v0001 funding; v0002 + policy; v0003 the round's lead investor changed, the policy repeated by a
    second report; v0004 the round gone."""
    out = tmp_path_factory.mktemp("changes") / "data"
    exs = create()
    for texts in ([FUNDING], [FUNDING, POLICY], [FUNDING_EDITED, POLICY, POLICY_AGAIN], [POLICY, POLICY_AGAIN]):
        docs = [Document(text=t, source=f"r{i}.txt") for i, t in enumerate(texts)]
        records = [r for d in docs for r in extract_document(d, exs, None).records]
        dataset.publish(out, records, docs, extractors=[(e.name, e.version) for e in exs])
    return out


def _changes(out: Path, version: str) -> list[dict]:
    ds = dataset.open_dataset(out, version)
    return [row for kind in ("certified_product", "funding_round", "partnership", "policy") for row in ds.rows(f"changes_{kind}")]


def test_each_version_lists_its_fact_changes_exactly_as_the_merged_diff(history):
    summary = {v: sorted((r["change"], r["kind"]) for r in _changes(history, v)) for v in dataset.versions(history)}
    assert summary == {"v0001": [("added", "funding_round")], "v0002": [("added", "policy")],
                       "v0003": [("changed", "funding_round")], "v0004": [("removed", "funding_round")]}
    [changed] = _changes(history, "v0003")
    assert changed["since"] == "v0002" and changed["changed_fields"] == ["investors", "lead_investors"]
    assert changed["previous"]["investors"] == ["高瓴资本"] and changed["fields"]["investors"] == ["红杉中国"]
    for prev, v in zip(dataset.versions(history), dataset.versions(history)[1:]):
        shown = CliRunner().invoke(app, ["datasets", "diff", str(history), prev, v, "--merged", "--json"])
        d = json.loads(shown.stdout)
        expected = sorted([("added", r["id"]) for r in d["added"]] + [("removed", r["id"]) for r in d["removed"]]
                          + [("changed", c["after"]["id"]) for c in d["changed"]])
        assert sorted((r["change"], r["id"]) for r in _changes(history, v)) == expected, v
    # v0003's second report of the policy added a mention (provenance), not a change of the fact
    policy = dataset.open_dataset(history, "v0003").merged("policy")
    assert len(policy) == 1 and len(policy[0].provenance) == 2


def test_datasets_changes_prints_json_lines_since_a_version(history):
    res = CliRunner().invoke(app, ["datasets", "changes", str(history), "--since", "v0002"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(r["version"], r["change"]) for r in rows] == [("v0003", "changed"), ("v0004", "removed")]
    only = CliRunner().invoke(app, ["datasets", "changes", str(history), "--since", "v0001", "--kind", "policy"])
    assert [json.loads(line)["change"] for line in only.stdout.splitlines()] == ["added"]
    bad = CliRunner().invoke(app, ["datasets", "changes", str(history), "--since", "v0009"])
    assert bad.exit_code == 2 and "no version 'v0009'" in bad.output


def test_a_schema_bump_that_adds_a_field_changes_no_fact():
    row = {"kind": "policy", "id": "policy:1", "schema_version": "1.3.0", "doc_id": "d" * 64,
           "evidence": {"text": "x", "start": 0, "end": 1}, "title": "A", "date": "2020"}
    bumped = {**row, "schema_version": "1.4.0", "issuer_level": None}
    assert dataset.diff_rows({"policy:1": row}, {"policy:1": bumped}, "v1", "v2").counts() == \
        {"added": 0, "removed": 0, "changed": 0, "unchanged": 1}
    merged = {"kind": "policy", "id": "m1", "schema_version": "1.3.0", "fields": {"title": "A"}, "provenance": [{"doc_id": "1"}]}
    later = {**merged, "schema_version": "1.4.0", "fields": {"title": "A", "new": None}, "provenance": [{"doc_id": "1"}, {"doc_id": "2"}]}
    assert dataset.changed_fields(merged, later) == []
    assert dataset.changed_fields(merged, {**later, "fields": {"title": "B"}}) == ["title"]


def test_merged_facts_carry_the_version_that_first_published_and_last_changed_them(history):
    v3 = {m.kind: m for m in dataset.open_dataset(history, "v0003").merged()}
    assert (v3["funding_round"].first_seen, v3["funding_round"].last_changed) == ("v0001", "v0003")  # investors changed
    assert (v3["policy"].first_seen, v3["policy"].last_changed) == ("v0002", "v0002")  # a second report is no change
    v4 = {m.kind: m for m in dataset.open_dataset(history, "v0004").merged()}
    assert (v4["policy"].first_seen, v4["policy"].last_changed) == ("v0002", "v0002")

"""A published version is a Frictionless Data Package v2 that `frictionless validate` passes
(issue #19): tabular JSON Lines resources with Table Schemas derived from the record models, the
JSON Schemas beside them, multipart records, kinds without rows, dates as ISO partial strings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import dataset, jsonl
from extract.document import Document
from extract.extractors import create
from extract.process import extract_document
from extract.schemas import schema_for, table_schema_for

frictionless = pytest.importorskip("frictionless")

FUNDING = "2023年7月，推想科技宣布完成数亿元B轮融资，由高瓴资本领投。"
POLICY = "2021年6月，上海市卫健委发布《上海市“便捷就医服务”数字化转型工作方案》。"
PRODUCT = "2020年1月，科亚医疗的深脉分数获得国家药监局第三类医疗器械注册证。"


def _publish(out: Path, texts: list[str]) -> dataset.Published:
    exs = create()
    docs = [Document(text=t + "\n", source=f"r{i}.txt") for i, t in enumerate(texts)]
    records = [r for d in docs for r in extract_document(d, exs, None).records]
    return dataset.publish(out, records, docs, extractors=[(e.name, e.version) for e in exs])


def _errors(version_dir: Path) -> list[str]:
    report = frictionless.validate(str(version_dir / "datapackage.json"))
    return [f"{task.name}: {e.type}: {e.message}" for task in report.tasks for e in task.errors]


def test_every_published_version_passes_frictionless_validate(tmp_path):
    out = tmp_path / "data"
    first = _publish(out, [FUNDING])  # policy, certified_product, partnership: no rows
    second = _publish(out, [FUNDING, POLICY, PRODUCT])  # records in parts shared with the first
    for version in (first, second):
        assert _errors(version.path) == []
        dataset.verify(version.path)
    manifest = json.loads((second.path / "datapackage.json").read_text(encoding="utf-8"))
    assert manifest["$schema"] == dataset.DATA_PACKAGE_PROFILE and manifest["format"] == dataset.FORMAT
    res = {r["name"]: r for r in manifest["resources"]}
    assert res["funding_round"]["schema"] == "schemas/funding_round.table.json"
    assert res["funding_round"]["jsonschema"] == "schemas/funding_round.schema.json"
    empty = json.loads((first.path / "datapackage.json").read_text(encoding="utf-8"))
    policy = next(r for r in empty["resources"] if r["name"] == "policy")
    assert policy["count"] == 0 and policy["data"] == [[f["name"] for f in table_schema_for("policy")["fields"]]]
    # the Python reader sees rows through Frictionless as well: same count, values as written
    package = frictionless.Package(str(second.path / "datapackage.json"))
    rows = package.get_resource("funding_round").read_rows()
    assert [r["company"] for r in rows] == ["推想科技"] and rows[0]["date"] == "2023-07"


def test_frictionless_catches_a_row_that_breaks_the_table_schema(tmp_path):
    pub = _publish(tmp_path / "data", [FUNDING, POLICY])
    manifest = json.loads((pub.path / "datapackage.json").read_text(encoding="utf-8"))
    part = pub.path / next(r for r in manifest["resources"] if r["name"] == "policy")["path"][0]
    rows = jsonl.read(part)
    rows[0]["date"] = "Jun 2021"
    part.unlink()  # parts may be hard links shared with other versions: never edit in place
    jsonl.write(part, rows)
    assert any("constraint-error" in e and "date" in e for e in _errors(pub.path))


def test_schemas_give_dates_a_pattern_and_relative_ids():
    for kind in ("policy", "funding_round", "certified_product", "partnership"):
        schema = schema_for(kind)
        assert schema["$id"] == f"{kind}.schema.json"
        date = schema["properties"]["date"]
        pattern = next(b["pattern"] for b in date["anyOf"] if b.get("type") == "string")
        import re

        assert re.match(pattern, "2016-10") and not re.match(pattern, "Oct 2024") and not re.match(pattern, "2016-13")
        table = {f["name"]: f for f in table_schema_for(kind)["fields"]}
        assert table["date"]["type"] == "string" and "pattern" in table["date"]["constraints"]
        assert table["id"]["constraints"]["required"] is True
        assert list(table) == sorted(table)  # the key order of every JSON Lines row

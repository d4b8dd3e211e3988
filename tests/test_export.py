"""Columnar export (issue #19): one table per kind as Parquet or CSV; pandas and duckdb read them
with dates as written (never turned into timestamps), lists as lists, nested values intact."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from extract import dataset
from extract.cli import app
from extract.document import Document
from extract.extractors import create
from extract.process import extract_document

pd = pytest.importorskip("pandas")
duckdb = pytest.importorskip("duckdb")

TEXTS = ["2016年10月，国务院印发《“健康中国2030”规划纲要》。\n",
         "2020年，推想科技宣布完成2亿元B轮融资，由高瓴资本领投，红杉中国跟投。\n",
         "推想科技2020年完成3亿元B轮融资，高瓴资本领投。\n"]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "data"
    exs = create()
    docs = [Document(text=t, source=f"r{i}.txt") for i, t in enumerate(TEXTS)]
    records = [r for d in docs for r in extract_document(d, exs, None).records]
    dataset.publish(out, records, docs, extractors=[(e.name, e.version) for e in exs])
    return out


def test_parquet_tables_keep_dates_as_strings_and_lists_as_lists(published):
    res = CliRunner().invoke(app, ["export", str(published)])
    assert res.exit_code == 0, res.output
    folder = published / "exports" / "v0001-parquet"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{p}{k}.parquet" for k in ("policy", "funding_round", "certified_product", "partnership") for p in ("", "merged_"))
    rounds = pd.read_parquet(folder / "funding_round.parquet")
    assert list(rounds["date"]) == ["2020", "2020"] and rounds["date"].dtype != "datetime64[ns]"
    assert ["高瓴资本", "红杉中国"] in [list(x) for x in rounds["investors"]]
    assert {r["text"][:4] for r in rounds["evidence"]} == {"2020", "推想科技"}
    policy = duckdb.sql(f"select title, date from '{folder / 'policy.parquet'}'").fetchall()
    assert policy == [("“健康中国2030”规划纲要", "2016-10")]
    merged = duckdb.sql(f"select company, date, len(sources) as n, conflicts from '{folder / 'merged_funding_round.parquet'}'").fetchall()
    [(company, date, n, conflicts)] = merged
    assert (company, date, n) == ("推想科技", "2020", 2) and json.loads(conflicts)[0]["field"] == "amount"
    empty = pd.read_parquet(folder / "partnership.parquet")
    assert len(empty) == 0 and "parties" in empty.columns  # typed even without rows


def test_csv_tables_flatten_nested_values(published, tmp_path):
    res = CliRunner().invoke(app, ["export", str(published), "--format", "csv", "--out", str(tmp_path / "csv")])
    assert res.exit_code == 0, res.output
    rounds = pd.read_csv(tmp_path / "csv" / "funding_round.csv", dtype=str)
    assert list(rounds["date"]) == ["2020", "2020"]
    assert {"evidence.text", "evidence.start", "amount.value", "investors"} <= set(rounds.columns)
    assert sorted(json.loads(rounds["investors"][0]) + json.loads(rounds["investors"][1])) == ["红杉中国", "高瓴资本", "高瓴资本"]


def test_export_refuses_an_unknown_format_and_a_folder_inside_a_version(published):
    assert CliRunner().invoke(app, ["export", str(published), "--format", "xlsx"]).exit_code == 2
    res = CliRunner().invoke(app, ["export", str(published), "--out", str(published / "v0001" / "x")])
    assert res.exit_code == 2 and "never written to" in res.output

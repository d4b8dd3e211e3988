"""A record kind from another package: registered through entry points, it is extracted, merged,
published, scored, reviewed, diffed and labelled for the NER like a built-in kind, and no core
module names it (issue #20: "a kind owns its knowledge").

The package is ``tests/plugin_kind/reportx_toy_kind`` (an ``award`` record model and an extractor
in one module) with the ``.dist-info`` that ``pip install`` would write: its ``entry_points.txt``
registers the model in ``reportx.kinds`` and the extractor in ``reportx.extractors``. Putting the
folder on PYTHONPATH installs it for a subprocess; this test process never sees it.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import textwrap

import pytest

from extract.records import RECORD_MODELS

from .conftest import ROOT, reportx

PLUGIN = ROOT / "tests" / "plugin_kind"
REPORTS = PLUGIN / "reports"
GOLD = PLUGIN / "gold"
CORE = ROOT / "src" / "extract"


def _env(**extra) -> dict:
    path = os.pathsep.join(p for p in (str(PLUGIN), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def _python(code: str, **kwargs) -> subprocess.CompletedProcess:
    """Run ``code`` in a Python with the plugin installed."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=_env(), capture_output=True, text=True,
                          timeout=600, cwd=ROOT, **kwargs)


def test_no_core_module_names_the_plugin_kind():
    """The plugin brings its kind with nothing edited here: no module of the package names it,
    and this process (without the plugin on its path) does not know it."""
    assert "award" not in RECORD_MODELS
    for path in CORE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "award" not in text.lower() and "reportx_toy_kind" not in text, path


def test_the_plugin_kind_and_extractor_are_registered_through_entry_points():
    res = _python("""
        from extract.extractors import available, create
        from extract.records import RECORD_MODELS, MergedRecord
        import reportx_toy_kind as toy

        assert RECORD_MODELS["award"] is toy.Award, dict(RECORD_MODELS)
        assert list(RECORD_MODELS)[:4] == ["policy", "funding_round", "certified_product", "partnership"]
        assert available()["award.rules.v1"] is toy.AwardRulesV1
        assert any(e.name == "award.rules.v1" for e in create())
        # a merged fact of the kind validates; its JSON Schema lists the kinds registered now
        assert "award" in MergedRecord.model_json_schema()["properties"]["kind"]["enum"]
        try:
            MergedRecord.model_validate({"kind": "awards", "id": "x", "fields": {}, "provenance": []})
        except ValueError as exc:
            assert "unknown record kind 'awards'" in str(exc), exc
        else:
            raise AssertionError("an unknown kind validated")
        print("ok")
    """)
    assert res.returncode == 0 and res.stdout.strip() == "ok", res.stderr[-3000:]


def test_reportx_extract_reads_the_plugin_kind():
    res = reportx("extract", REPORTS / "a.txt", REPORTS / "b.txt", env=_env())
    assert res.returncode == 0, res.stderr[-3000:]
    awards = [json.loads(line) for line in res.stdout.splitlines() if json.loads(line)["kind"] == "award"]
    assert [(r["winner"], r["prize"], r["date"]) for r in awards] == [
        ("深睿医疗", "中国医疗器械创新奖", "2023-06"),
        ("深睿医疗", "中国医疗器械创新奖", None),
        ("推想科技", "年度最佳AI产品奖", "2023-11"),
    ]
    assert all(r["extractor"]["name"] == "award.rules.v1" for r in awards)


def test_reportx_eval_scores_the_plugin_kind_by_what_its_model_declares():
    res = reportx("eval", "--reports", REPORTS, "--gold", GOLD, "--json", env=_env())
    assert res.returncode == 0, res.stderr[-3000:]
    scores = json.loads(res.stdout)
    assert scores["kinds"]["award"] == {"tp": 3, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.75, "f1": 0.8571}
    assert scores["micro"]["tp"] == 3 and scores["micro"]["fn"] == 1  # the built-in kinds: not annotated here
    assert set(scores["unannotated"]) == {"policy", "funding_round", "certified_product", "partnership"}
    # its eval_fields, compared as it says (winner: close company names; date: by prefix)
    assert scores["fields"]["award.winner"]["tp"] == 3 and scores["fields"]["award.date"]["tp"] == 2
    errors = reportx("eval", "--reports", REPORTS, "--gold", GOLD, "--errors", env=_env())
    assert errors.returncode == 0, errors.stderr[-3000:]
    assert "MISS [no trigger] b.txt:7 award winner=数坤科技" in errors.stdout, errors.stdout[-3000:]


def test_the_plugin_kind_merges_publishes_and_shows_in_review_diff_export_and_ner_data(tmp_path):
    """The library's steps with the plugin installed: merge, publish and verify, open, the review
    pages (dataset and gold), diff, export, and the NER training labels of its entity fields."""
    res = _python(f"""
        from pathlib import Path
        from extract import dataset
        from extract.devtools.evaluate import pair_files
        from extract.export import tables
        from extract.extractors import create
        from extract.ingest import read_document
        from extract.merge import merge_records
        from extract.devtools.training.ner_data import record_names, units_from_report
        from extract.nlp.pipeline import get_nlp
        from extract.process import extract_document
        from extract.devtools.review import gold_reports, render_gold_review, render_review

        reports, gold, data = Path({str(REPORTS)!r}), Path({str(GOLD)!r}), Path({str(tmp_path / "data")!r})
        nlp, exs = get_nlp(), create()
        docs = [read_document(p) for p in sorted(reports.glob("*.txt"))]
        recs = {{d.source: extract_document(d, exs, nlp).records for d in docs}}
        awards = [r for rs in recs.values() for r in rs if r.kind == "award"]
        assert len(awards) == 3, awards

        # merge: by the default key (its key fields folded); the date is no key field
        merged = [m for m in merge_records(awards)]
        assert sorted(len(m.provenance) for m in merged) == [1, 2], merged
        both = next(m for m in merged if len(m.provenance) == 2)
        assert both.fields["winner"] == "深睿医疗" and both.fields["date"] == "2023-06"

        # publish the first report, then both: verified, with the kind's schema and resources
        extractors = [(e.name, e.version) for e in exs]
        v1 = dataset.publish(data, recs[str(docs[0].source)], docs[:1], extractors=extractors, code_version="test")
        v2 = dataset.publish(data, [r for rs in recs.values() for r in rs], docs, extractors=extractors, code_version="test")
        ds = dataset.open_dataset(data)
        assert (ds.path / "schemas" / "award.schema.json").is_file()
        dataset.verify(ds.path)
        assert [m.fields["winner"] for m in ds.merged("award")] and len(ds.rows("award")) == 3
        assert {{m.kind for m in ds.merged()}} >= {{"award"}}

        # diff: the new report's prize is added, named by the model's display name
        d = dataset.diff(dataset.open_dataset(data, v1.version), ds, merged=True)
        added = [r for r in d.added if r["kind"] == "award"]
        assert [r.get("fields", r).get("winner") for r in added] == ["推想科技"], d.added

        # review pages: the dataset's records and the gold comparison count the kind
        page = render_review(ds)
        assert 'id="count-award"' in page and 'data-kind="award"' in page
        gold_page = render_gold_review(gold_reports(pair_files(reports, gold),
                                                    lambda doc: [r.model_dump(mode="json") for r in extract_document(doc, exs, nlp).records]))
        assert 'id="gold-tp-award">3<' in gold_page and 'id="gold-fn-award">1<' in gold_page, gold_page[-2000:]

        # export: one table of records and one of merged facts, typed from the model's schema
        t = tables(ds)
        assert t["award"].num_rows == 3 and t["merged_award"].num_rows == 2
        assert t["award"].schema.field("winner").type == "string"

        # NER data: the model's entity_fields label the winner inside the evidence
        rows = [r.model_dump(mode="json") for r in awards]
        assert record_names(rows) == {{"深睿医疗": "ORG", "推想科技": "ORG"}}
        text = docs[1].text
        units = units_from_report(text, rows, "b.txt")
        assert any(u.text[s:e] == "推想科技" and lab == "ORG" for u in units for s, e, lab in u.spans), units
        print("ok")
    """)
    assert res.returncode == 0 and res.stdout.strip().endswith("ok"), (res.stdout[-2000:], res.stderr[-4000:])


@pytest.mark.slow
def test_reportx_run_publishes_the_plugin_kind_and_the_commands_read_it(tmp_path, run_env):
    """`reportx run` (the Prefect flow, extraction in worker processes) twice, then the commands an
    analyst uses on the dataset: show --verify, diff --merged, review, export."""
    env = {**run_env(REPORTX_JOBS="1"), "PYTHONPATH": _env()["PYTHONPATH"]}
    inbox, data = tmp_path / "in", tmp_path / "data"
    inbox.mkdir()
    (inbox / "a.txt").write_bytes((REPORTS / "a.txt").read_bytes())
    first = reportx("run", inbox, "--out", data, env=env, timeout=600)
    assert first.returncode == 0, (first.stdout + first.stderr)[-3000:]
    (inbox / "b.txt").write_bytes((REPORTS / "b.txt").read_bytes())
    second = reportx("run", inbox, "--out", data, env=env, timeout=600)
    assert second.returncode == 0, (second.stdout + second.stderr)[-3000:]

    show = reportx("datasets", "show", data, "--verify", env=env)
    assert show.returncode == 0 and "award" in show.stdout, show.stdout + show.stderr
    diff = reportx("datasets", "diff", data, "v0001", "--merged", "--json", env=env)
    assert diff.returncode == 0, diff.stderr
    added = [r for r in json.loads(diff.stdout)["added"] if r["kind"] == "award"]
    assert [r["fields"]["winner"] for r in added] == ["推想科技"], added
    review = reportx("review", data, "-o", tmp_path / "review.html", env=env)
    assert review.returncode == 0, review.stderr
    assert 'data-kind="award"' in (tmp_path / "review.html").read_text(encoding="utf-8")
    export = reportx("export", data, "-f", "csv", "-o", tmp_path / "csv", env=env)
    assert export.returncode == 0, export.stderr
    with open(tmp_path / "csv" / "merged_award.csv", encoding="utf-8", newline="") as f:
        assert sorted(row["winner"] for row in csv.DictReader(f)) == ["推想科技", "深睿医疗"]
    # without the plugin the kind cannot be read: one clear line that names it and says why
    bare = reportx("datasets", "show", data, "--verify", env=run_env(REPORTX_JOBS="1"))
    assert bare.returncode != 0, bare.stdout
    said = bare.stdout + bare.stderr
    assert "unknown record kind 'award'" in said and "reportx.kinds" in said and "Traceback" not in said, said[-3000:]

"""A dataset that never loses data, never blocks, never carries corruption forward: line endings,
line-breaking characters, tampered or missing versions, overlong paragraphs, failing extractors."""

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import part_file

from extract import dataset, jsonl, ledger
from extract.dataset import DatasetError

FUNDING = "2023年7月，推想科技宣布完成数亿元B轮融资，由高瓴资本领投。"
POLICY = "2021年6月，上海市卫健委发布《上海市“便捷就医服务”数字化转型工作方案》。"
PRODUCT = "2020年1月，科亚医疗的深脉分数获得国家药监局第三类医疗器械注册证。"


def _run(inbox, out, **kw):
    from flows.ingest import run_ingest

    return run_ingest(str(inbox), str(out), jobs=1, **kw)


@pytest.fixture
def inbox(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    return d


# --- JSON Lines ------------------------------------------------------------------------------------


@pytest.mark.parametrize("ch", ["\u2028", "\u2029", "\u0085"])
def test_jsonl_lines_hold_one_value_however_a_reader_splits_them(tmp_path, ch):
    rows = [{"text": f"一{ch}二", "n": 1}, {"text": "三", "n": 2}]
    path = tmp_path / "x.jsonl"
    jsonl.write(path, rows)
    raw = path.read_text(encoding="utf-8")
    assert ch not in raw
    assert len(raw.splitlines()) == 2  # str.splitlines would break at a raw U+2028 / U+0085
    assert [json.loads(x) for x in raw.splitlines()] == rows
    assert jsonl.read(path) == rows


def test_a_torn_jsonl_file_is_a_clear_error(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a": 1}\n{"a": \xe4\xb8')
    with pytest.raises(jsonl.JsonlError, match="not UTF-8"):
        jsonl.read(path)
    path.write_bytes(b'{"a": 1}\n{"a": ')
    with pytest.raises(jsonl.JsonlError, match=r"x.jsonl:2: not JSON"):
        jsonl.read(path)


# --- runs ------------------------------------------------------------------------------------------


def test_crlf_cr_and_line_separators_are_published_and_read_back(prefect_harness, inbox, tmp_path):
    (inbox / "crlf.txt").write_bytes(f"标题\r\n\r\n{FUNDING}\r\n".encode("utf-8"))
    (inbox / "cr.txt").write_bytes(f"标题\r\r{POLICY}\r".encode("gb18030"))
    (inbox / "sep.txt").write_text("另一份\n\n2022年3月，\u2028联影智能宣布完成5亿元C轮融资，由红杉中国领投。\n", encoding="utf-8")
    out = tmp_path / "data"
    summary = _run(inbox, out)
    assert summary.published is not None and summary.states()["published"] == 3, summary.line()
    ds = dataset.open_dataset(out)
    dataset.verify(ds.path)
    for rec in ds.records():
        text = ds.document_text(rec.doc_id)
        assert "\r" not in text  # normalised once at ingest: what is hashed is what is stored
        assert text[rec.evidence.start:rec.evidence.end] == rec.evidence.text
    assert any("\u2028" in r.evidence.text for r in ds.records()), "the line separator stays in the evidence"
    assert len(ds.merged()) >= 2 and len(ledger.read(out)) == 3
    # every reader, and the next run, work on it
    again = _run(inbox, out)
    assert again.published is None and again.states()["skipped"] == 3
    (inbox / "more.txt").write_bytes(f"再一份\r\n{POLICY}\u2028\r\n".encode("utf-8"))
    assert _run(inbox, out).published.version == "v0002"
    from typer.testing import CliRunner

    from extract.cli import app

    for args in (["datasets", "show", str(out), "--verify"], ["datasets", "diff", str(out), "v0001", "v0002"],
                 ["datasets", "diff", str(out), "v0001", "--merged"], ["status", str(out)],
                 ["review", str(out), "--out", str(tmp_path / "review.html")]):
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 0, (args, res.output)
    assert "verified" in CliRunner().invoke(app, ["datasets", "show", str(out), "v0002", "--verify"]).stdout


def test_a_tampered_latest_version_is_never_built_on(prefect_harness, inbox, tmp_path):
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    out = tmp_path / "data"
    _run(inbox, out)
    path = part_file(out / "v0001", "funding_round")
    path.write_text(path.read_text(encoding="utf-8").replace("推想科技", "别的公司"), encoding="utf-8")
    (inbox / "b.txt").write_text(POLICY + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"latest version v0001 cannot be trusted.*--from-scratch"):
        _run(inbox, out)
    assert dataset.latest(out) == "v0001" and dataset.versions(out) == ["v0001"]
    fresh = _run(inbox, out, from_scratch=True)
    assert fresh.published.version == "v0002"  # a new number, never v0001 again
    ds = dataset.open_dataset(out)
    dataset.verify(ds.path)
    assert {r.company for r in ds.records("funding_round")} == {"推想科技"}


def test_a_latest_that_names_a_missing_version_is_an_error_not_a_fresh_start(prefect_harness, inbox, tmp_path):
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    out = tmp_path / "data"
    _run(inbox, out)
    shutil.rmtree(out / "v0001")
    (inbox / "b.txt").write_text(POLICY + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"latest: names v0001, which is not a published version here.*datasets repair"):
        _run(inbox, out)
    assert not dataset.versions(out)


def test_a_truncated_manifest_or_torn_records_file_is_a_clear_error(prefect_harness, inbox, tmp_path):
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    out = tmp_path / "data"
    _run(inbox, out)
    records = part_file(out / "v0001", "funding_round")
    records.write_bytes(records.read_bytes()[:-7])
    with pytest.raises(DatasetError, match="records/funding_round/"):
        dataset.verify(out / "v0001")
    manifest = out / "v0001" / "datapackage.json"
    manifest.write_bytes(manifest.read_bytes()[:50])
    with pytest.raises(DatasetError, match="datapackage.json: not a readable manifest"):
        dataset.verify(out / "v0001")


def test_one_overlong_paragraph_does_not_erase_its_report(prefect_harness, inbox, tmp_path):
    filler = "这是一段很长而且没有标点的填充文字" * 70_000  # one paragraph of ~1.2 M characters
    (inbox / "long.txt").write_text(f"{FUNDING}{filler}。\n\n{POLICY}\n", encoding="utf-8")
    out = tmp_path / "data"
    summary = _run(inbox, out)
    assert summary.states()["published"] == 1 and not summary.rejected, summary.line()
    assert {r.kind for r in dataset.open_dataset(out).records()} >= {"funding_round", "policy"}


def test_a_document_an_extractor_crashes_on_is_quarantined_with_the_reason_and_retried(prefect_harness, inbox, tmp_path,
                                                                                      monkeypatch):
    from extract.extractors.policy import PolicyRulesV1

    (inbox / "a.txt").write_text(FUNDING + POLICY + "\n", encoding="utf-8")
    out = tmp_path / "data"

    def broken(self, ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(PolicyRulesV1, "extract", broken)
    summary = _run(inbox, out)
    assert summary.published is None
    [entry] = ledger.read(out)
    assert entry.state == "quarantined" and "policy.rules.v1" in entry.reason and "boom" in entry.reason
    monkeypatch.undo()
    again = _run(inbox, out)
    assert again.states()["published"] == 1
    assert {r.kind for r in dataset.open_dataset(out).records()} >= {"funding_round", "policy"}


def test_special_files_end_quarantined_with_a_reason_and_are_never_opened(prefect_harness, inbox, tmp_path):
    import os

    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "dangling.txt").symlink_to(inbox / "gone.txt")
    (inbox / "zero.txt").symlink_to("/dev/zero")
    out = tmp_path / "data"
    summary = _run(inbox, out)  # a FIFO read would block forever; /dev/zero would never end
    reasons = {os.path.basename(o.source): o.reason for o in summary.outcomes if o.state == "quarantined"}
    assert set(reasons) == {"pipe.txt", "dangling.txt", "zero.txt"}, summary.outcomes
    assert "FIFO" in reasons["pipe.txt"] and "broken symbolic link" in reasons["dangling.txt"]
    assert "outside the input folder" in reasons["zero.txt"]
    assert summary.states()["published"] == 1


def test_extract_refuses_a_fifo_at_once(tmp_path):
    import os
    import subprocess

    from .conftest import reportx

    os.mkfifo(tmp_path / "pipe.txt")
    res = reportx("extract", tmp_path / "pipe.txt", timeout=120)
    assert res.returncode != 0 and "not a regular file: a FIFO" in res.stderr
    assert not isinstance(res, subprocess.TimeoutExpired)


def test_a_dataset_folder_inside_the_input_folder_is_not_ingested(prefect_harness, inbox):
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    out = inbox / "data"
    _run(inbox, out)
    (inbox / "b.txt").write_text(POLICY + "\n", encoding="utf-8")
    second = _run(inbox, out)
    assert {o.source.split("/")[-1] for o in second.outcomes} == {"a.txt", "b.txt"}, second.outcomes


def test_paths_that_look_like_markup_are_printed_as_text(prefect_harness, inbox, tmp_path):
    from typer.testing import CliRunner

    from extract.cli import app

    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    (inbox / "m[").mkdir()
    (inbox / "m[" / "x].txt").write_bytes(b"\x00\x01")
    (inbox / "[red]b.txt").write_text(POLICY + "\n", encoding="utf-8")
    out = tmp_path / "data"
    run = CliRunner().invoke(app, ["run", str(inbox), "--out", str(out)])
    assert run.exit_code == 3, run.output  # published, one file quarantined
    assert "m[/x].txt: binary data" in run.stdout and "published v0001" in run.stdout
    status = CliRunner().invoke(app, ["status", str(out)])
    assert status.exit_code == 0, status.output
    assert "quarantined " in status.stdout and "m[/x].txt" in status.stdout and "published " in status.stdout
    assert "[red]b.txt" in status.stdout  # every file, printed literally
    show = CliRunner().invoke(app, ["datasets", "show", str(out), "--verify"])
    assert show.exit_code == 0, show.output
    assert "[red]b.txt" in show.stdout and "m[/x].txt" in show.stdout


def test_an_unchanged_document_is_stored_once_across_versions(prefect_harness, inbox, tmp_path):
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    out = tmp_path / "data"
    _run(inbox, out)
    (inbox / "b.txt").write_text(POLICY + "\n", encoding="utf-8")
    _run(inbox, out)
    [text_a] = [p for p in (out / "v0001" / "documents").iterdir()]
    shared = out / "v0002" / "documents" / text_a.name
    assert shared.samefile(text_a)  # one file on disk, in both versions
    dataset.verify(out / "v0001")
    dataset.verify(out / "v0002")


# --- a damaged or missing `latest`: refused in one line, repaired by `reportx datasets repair` ------


def _cli(*args):
    from typer.testing import CliRunner

    from extract.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def _tamper(out, version="v0001"):
    path = part_file(out / version, "funding_round")
    path.write_text(path.read_text(encoding="utf-8").replace("推想科技", "别的公司"), encoding="utf-8")


def test_a_damaged_latest_is_refused_in_one_line_before_the_run_starts(prefect_harness, inbox, tmp_path):
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    out = tmp_path / "data"
    _run(inbox, out)
    _tamper(out)
    res = _cli("run", inbox, "--out", out)
    assert res.exit_code == 1, res.output
    lines = [x for x in res.output.splitlines() if x.strip()]
    assert len(lines) == 1, res.output  # no Prefect log, no traceback
    assert "records/funding_round/" in lines[0] and "reportx datasets repair" in lines[0] and "--from-scratch" in lines[0]
    assert dataset.versions(out) == ["v0001"]


def test_a_missing_latest_file_is_an_error_and_repair_points_it_at_the_newest_version(prefect_harness, inbox, tmp_path):
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    out = tmp_path / "data"
    _run(inbox, out)
    (inbox / "b.txt").write_text(POLICY + "\n", encoding="utf-8")
    _run(inbox, out)
    (out / "latest").write_text("", encoding="utf-8")  # emptied, as a failed copy or an editor would
    with pytest.raises(DatasetError, match=r"latest: missing or empty, but versions v0001..v0002 exist"):
        _run(inbox, out)
    assert dataset.versions(out) == ["v0001", "v0002"]
    (out / "latest").unlink()
    res = _cli("datasets", "repair", out)
    assert res.exit_code == 0, res.output
    assert dataset.latest(out) == "v0002" and "`latest` now names v0002" in res.stdout  # never an older one


def test_a_publish_stopped_before_the_latest_switch_is_finished_by_the_next_run(prefect_harness, inbox, tmp_path):
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    out = tmp_path / "data"
    _run(inbox, out)
    (inbox / "b.txt").write_text(POLICY + "\n", encoding="utf-8")
    _run(inbox, out)
    # as a crash between renaming v0002 into place and switching `latest` leaves it
    (out / "latest").write_text("v0001\n", encoding="utf-8")
    (out / dataset.PENDING).write_text("v0002\n", encoding="utf-8")
    again = _run(inbox, out)
    assert again.published is None and again.previous == "v0002"  # b.txt is in v0002: nothing new
    assert dataset.latest(out) == "v0002" and not (out / dataset.PENDING).exists()
    # a marker left by a crash before the rename names nothing: removed, `latest` untouched
    (out / dataset.PENDING).write_text("v0003\n", encoding="utf-8")
    assert dataset.finish_pending(out) is None
    assert dataset.latest(out) == "v0002" and not (out / dataset.PENDING).exists()


def test_repair_reextracts_a_damaged_latest_from_its_stored_texts(prefect_harness, inbox, tmp_path):
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    out = tmp_path / "data"
    _run(inbox, out)
    _tamper(out)
    res = _cli("datasets", "repair", out)
    assert res.exit_code == 0, res.output
    assert "v0001 failed verification" in res.stdout and "published v0002" in res.stdout
    ds = dataset.open_dataset(out)
    assert ds.version == "v0002" and ds.manifest["repaired_from"] == "v0001" and ds.manifest["lost"] == []
    dataset.verify(ds.path)
    assert {r.company for r in ds.records("funding_round")} == {"推想科技"}  # the edit is not carried
    with pytest.raises(DatasetError):
        dataset.verify(out / "v0001")  # left as it was found, for inspection
    (inbox / "b.txt").write_text(POLICY + "\n", encoding="utf-8")
    assert _run(inbox, out).published.version == "v0003"  # runs build on the repaired version
    assert _cli("datasets", "repair", out).stdout.startswith("nothing to repair: v0003 verifies")


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the swallowing is the point
def test_a_stop_swallowed_during_repair_still_publishes_nothing(prefect_harness, inbox, tmp_path, monkeypatch):
    """Python ignores an exception raised inside ``__del__``: a Ctrl-C landing there used to be lost
    and repair went on to publish with exit 0. The stop is remembered and honoured at the commit point."""
    import os
    import signal

    from extract import cli, process

    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    out = tmp_path / "data"
    _run(inbox, out)
    _tamper(out)
    monkeypatch.setattr(cli, "_exit_after", lambda seconds, code: None)  # no hard exit of the test process

    class Finaliser:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGINT)  # the handler runs here, and its exception is ignored

    real = process.extract_document

    def extract_with_a_finaliser(*a, **kw):
        f = Finaliser()
        del f
        return real(*a, **kw)

    monkeypatch.setattr(process, "extract_document", extract_with_a_finaliser)
    res = _cli("datasets", "repair", out)
    assert res.exit_code == 128 + signal.SIGINT, res.output
    assert "stopped by SIGINT: nothing was published" in res.output
    assert sorted(p.name for p in out.iterdir() if p.name.startswith("v")) == ["v0001"]
    assert dataset.latest(out) == "v0001"


def test_repair_lists_a_document_whose_text_is_gone_as_lost(prefect_harness, inbox, tmp_path):
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    (inbox / "b.txt").write_text(POLICY + "\n", encoding="utf-8")
    out = tmp_path / "data"
    _run(inbox, out)
    ds = dataset.open_dataset(out)
    [b_id] = [d for d, row in ds.documents.items() if row["source"].endswith("b.txt")]
    stored = out / "v0001" / "documents" / f"{b_id}.txt"
    stored.write_text(stored.read_text(encoding="utf-8").replace("上海", "北京"), encoding="utf-8")
    (inbox / "b.txt").write_text("改过的文本\n", encoding="utf-8")  # the source no longer holds that text
    res = _cli("datasets", "repair", out)
    assert res.exit_code == 3, res.output
    assert "lost" in res.output and "b.txt" in res.output
    repaired = dataset.open_dataset(out)
    assert [x["doc_id"] for x in repaired.manifest["lost"]] == [b_id]
    assert set(repaired.inputs) == set(ds.inputs) - {b_id}
    dataset.verify(repaired.path)
    # the text turns up again (a backup): repair finds it with --input
    backup = tmp_path / "backup"
    backup.mkdir()
    (backup / "b.txt").write_text(POLICY + "\n", encoding="utf-8")
    _tamper(out, repaired.version)
    res = _cli("datasets", "repair", out, "--input", backup)
    assert res.exit_code == 0, res.output
    assert b_id in dataset.open_dataset(out).inputs


def test_another_dataset_folder_inside_the_input_is_not_read(prefect_harness, inbox, tmp_path):
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    _run(inbox, inbox / "old-data")  # an earlier dataset kept beside the reports
    res = _cli("run", inbox, "--out", tmp_path / "data")
    assert res.exit_code == 0, res.output
    assert "old-data is a reportx dataset folder" in res.output
    assert [r["source"] for r in dataset.open_dataset(tmp_path / "data").documents.values()] == [str(inbox / "a.txt")]


def test_control_characters_in_file_names_cannot_forge_output(prefect_harness, inbox, tmp_path):
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    (inbox / "x\npublished v9999\x1b[31m.txt").write_bytes(b"\x00\x01")
    res = _cli("run", inbox, "--out", tmp_path / "data")
    assert res.exit_code == 3, res.output
    assert "\x1b" not in res.output and "\npublished v9999" not in res.output
    assert "x\\npublished v9999\\x1b[31m.txt" in res.stdout  # shown as escapes, on the quarantine line


def test_extract_writes_json_lines_any_reader_splits_correctly(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("2023年7月，推想科技宣布完成数亿元B轮融资\u2028由高瓴资本领投。\n", encoding="utf-8")
    res = _cli("extract", f, "--jobs", "1")
    assert res.exit_code == 0, res.output
    assert "\u2028" not in res.stdout
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert rows and all("\u2028" in r["evidence"]["text"] for r in rows if r["kind"] == "funding_round")


def test_a_version_argument_is_a_name_never_a_path(tmp_path):
    other = tmp_path / "other" / "v0001"
    other.mkdir(parents=True)
    (other / "datapackage.json").write_text("{}", encoding="utf-8")
    (tmp_path / "data").mkdir()
    with pytest.raises(DatasetError, match="'../other/v0001' is not a version name like v0001"):
        dataset.open_dataset(tmp_path / "data", "../other/v0001")
    res = _cli("datasets", "show", tmp_path / "data", "../other/v0001")
    assert res.exit_code == 2 and "not a version name" in res.output  # a usage error


def test_cli_output_can_be_copied_and_status_lists_every_file(prefect_harness, inbox, tmp_path):
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    out = tmp_path / "data"
    _run(inbox, out)
    (inbox / "b.txt").write_text(POLICY + "\n", encoding="utf-8")
    _run(inbox, out)
    diff = _cli("datasets", "diff", out, "v0001", "--merged")
    merged_ids = [m.id for m in dataset.open_dataset(out).merged("policy")]
    assert merged_ids and all(i in diff.stdout for i in merged_ids)  # literally, no emoji for ':m:'
    assert "上海市“便捷就医服务”数字化转型工作方案" in diff.stdout  # the kind's own display name
    (inbox / "a.txt").unlink()
    status = _cli("status", out)
    assert status.exit_code == 0, status.output
    assert "b.txt" in status.stdout and "a.txt" not in status.stdout and "1 recorded files no longer exist" in status.stdout
    every = _cli("status", out, "--all")
    assert "a.txt (file gone)" in every.stdout and "published" in every.stdout


def test_extract_exits_3_naming_the_extractor_when_a_record_is_rejected(tmp_path, monkeypatch):
    from extract import process

    real = process.validate_record

    def picky(record, doc):
        if record.kind == "policy":
            raise ValueError("a test rejection")
        real(record, doc)

    monkeypatch.setattr(process, "validate_record", picky)
    f = tmp_path / "a.txt"
    f.write_text(FUNDING + "\n" + POLICY + "\n", encoding="utf-8")
    res = _cli("extract", f, "--jobs", "1")
    assert res.exit_code == 3, res.output
    assert "policy.rules.v1): a test rejection" in res.output and "1 rejected" in res.output
    assert [json.loads(x)["kind"] for x in res.stdout.splitlines()] == ["funding_round"]


# --- second hostile run: repairs never roll back silently; odd names and folders -------------------


def _two_versions(inbox, out):
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    _run(inbox, out)
    (inbox / "b.txt").write_text(POLICY + "\n", encoding="utf-8")
    _run(inbox, out)


def test_repair_reextracts_a_version_whose_manifest_was_deleted_instead_of_rolling_back(prefect_harness, inbox, tmp_path):
    out = tmp_path / "data"
    _two_versions(inbox, out)
    (out / "v0002" / "datapackage.json").unlink()
    res = _cli("run", inbox, "--out", out)
    assert res.exit_code == 1 and "v0002/datapackage.json: missing" in res.output
    res = _cli("datasets", "repair", out)
    assert res.exit_code == 0, res.output
    ds = dataset.open_dataset(out)
    assert ds.version == "v0003" and len(ds.inputs) == 2  # both documents, not v0001's one


def test_repair_with_latest_gone_and_the_newest_version_damaged_reextracts_the_newest(prefect_harness, inbox, tmp_path):
    out = tmp_path / "data"
    _two_versions(inbox, out)
    (out / "latest").unlink()
    [docs] = [p for p in (out / "v0002" / "catalog").glob("*.jsonl") if "b.txt" in p.read_text(encoding="utf-8")]
    docs.write_text(docs.read_text(encoding="utf-8").replace("b.txt", "c.txt"), encoding="utf-8")
    res = _cli("datasets", "repair", out)
    assert res.exit_code == 0, res.output
    assert "`latest` is missing; the newest version v0002 does not verify" in res.stdout
    assert len(dataset.open_dataset(out).inputs) == 2


def test_documents_a_repair_lost_stay_listed_and_a_later_repair_with_input_finds_them(prefect_harness, inbox, tmp_path):
    out = tmp_path / "data"
    _two_versions(inbox, out)
    ds = dataset.open_dataset(out)
    [b_id] = [d for d, row in ds.documents.items() if row["source"].endswith("b.txt")]
    for v in ("v0001", "v0002"):
        (out / v / "documents" / f"{b_id}.txt").unlink(missing_ok=True)
    backup = tmp_path / "backup"
    backup.mkdir()
    (inbox / "b.txt").rename(backup / "b.txt")
    assert _cli("datasets", "repair", out).exit_code == 3
    (inbox / "c.txt").write_text(PRODUCT + "\n", encoding="utf-8")
    _run(inbox, out)  # an ordinary run in between keeps the list
    assert [x["doc_id"] for x in dataset.open_dataset(out).manifest["lost"]] == [b_id]
    assert f"lost {b_id[:12]}" in _cli("datasets", "show", out).stdout  # shown until found
    res = _cli("datasets", "repair", out, "--input", backup)
    assert res.exit_code == 0, res.output
    found = dataset.open_dataset(out)
    assert b_id in found.inputs and found.manifest["lost"] == [] and len(found.inputs) == 3
    dataset.verify(found.path)


def test_a_stale_pending_marker_never_moves_latest_back(prefect_harness, inbox, tmp_path):
    out = tmp_path / "data"
    _two_versions(inbox, out)
    (out / dataset.PENDING).write_text("v0001\n", encoding="utf-8")
    assert dataset.finish_pending(out) is None
    assert dataset.latest(out) == "v0002" and not (out / dataset.PENDING).exists()


def test_a_file_name_that_is_not_utf8_is_quarantined_and_the_others_are_published(prefect_harness, inbox, tmp_path):
    import os

    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    bad = os.fsdecode(bytes(inbox) + b"/t\xff\xfebad.txt")
    Path(bad).write_text(POLICY + "\n", encoding="utf-8")
    out = tmp_path / "data"
    res = _cli("run", inbox, "--out", out)
    assert res.exit_code == 3, res.output
    assert "t\\xff\\xfebad.txt: the file name is not valid UTF-8" in res.stdout
    assert len(dataset.open_dataset(out).inputs) == 1
    assert any(e.source.endswith("t\\xff\\xfebad.txt") for e in ledger.read(out))
    st = _cli("status", out)  # the quarantined file is still there: not counted as gone
    assert st.exit_code == 0, st.output
    assert "no longer exist" not in st.stdout and "(file gone)" not in st.stdout
    assert "quarantined" in st.stdout and "t\\xff\\xfebad.txt" in st.stdout


def test_verify_catches_added_files_edited_schemas_and_moved_versions(prefect_harness, inbox, tmp_path):
    import shutil as sh

    out = tmp_path / "data"
    _two_versions(inbox, out)
    forged = out / "v0002" / "records" / "funding_round" / "0000000000000000.jsonl"
    forged.write_text('{"company": "forged"}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="0000000000000000.jsonl: not listed in the manifest"):
        dataset.verify(out / "v0002")
    forged.unlink()
    schema = out / "v0002" / "schemas" / "policy.schema.json"
    schema.unlink()  # shared with v0001 as a hard link: replace, never edit in place
    schema.write_text("{}", encoding="utf-8")
    with pytest.raises(DatasetError, match="policy.schema.json: missing, or its sha256 differs"):
        dataset.verify(out / "v0002")
    dataset.verify(out / "v0001")
    sh.copytree(out / "v0001", out / "v0003")  # a copied folder is not v0003
    with pytest.raises(DatasetError, match="the manifest is of version 'v0001', not 'v0003'"):
        dataset.open_dataset(out, "v0003")
    sh.rmtree(out / "v0003")
    (out / "v0003").symlink_to(out / "v0001")
    with pytest.raises(DatasetError, match="a symbolic link, not a version folder"):
        dataset.open_dataset(out, "v0003")
    assert "v0003" not in dataset.versions(out)


def test_out_inside_a_version_or_equal_to_the_input_is_refused(prefect_harness, inbox, tmp_path):
    out = tmp_path / "data"
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    _run(inbox, out)
    res = _cli("run", inbox, "--out", out / "v0001" / "sub")
    assert res.exit_code == 2 and "inside the published version" in res.output
    res = _cli("run", inbox, "--out", inbox)
    assert res.exit_code == 2 and "--out is the input folder" in res.output
    res = _cli("datasets", "repair", inbox)
    assert res.exit_code == 1 and "not a dataset to repair" in res.output and not (inbox / ".lock").exists()


def test_a_stale_or_unreadable_pending_marker_never_moves_latest_anywhere(prefect_harness, inbox, tmp_path):
    out = tmp_path / "data"
    _two_versions(inbox, out)
    (out / "latest").unlink()
    (out / dataset.PENDING).write_text("v0001\n", encoding="utf-8")  # older than the newest folder
    with pytest.raises(DatasetError, match="missing or empty"):
        _run(inbox, out)
    (out / dataset.PENDING).write_bytes(b"\xff\xfe\n")
    res = _cli("run", inbox, "--out", out)
    assert res.exit_code == 1 and len([x for x in res.output.splitlines() if x.strip()]) == 1
    (out / "v9").mkdir()  # a stray folder is not a version
    res = _cli("datasets", "repair", out)
    assert res.exit_code == 0 and dataset.latest(out) == "v0002", res.output
    assert _cli("datasets", "repair", out, "--input", tmp_path / "nowhere").exit_code == 2


def test_odd_out_paths_are_refused_before_any_work(prefect_harness, inbox, tmp_path):
    import os

    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    for out in (str(tmp_path / ".staging-x"), os.fsdecode(bytes(tmp_path) + b"/out\xfe")):
        res = _cli("run", inbox, "--out", out)
        assert res.exit_code == 2, (out, res.output)
    assert not list(tmp_path.glob("out*")) and not (tmp_path / ".staging-x").exists()


def test_a_copied_or_linked_version_folder_beside_a_good_latest_is_refused_not_published_past(prefect_harness, inbox, tmp_path):
    """Readers take anything named v0003 for a version: a run refuses to publish beside such an
    entry (one line, naming it and the fix); `datasets list` still lists the real versions and names
    the strays; `show --verify` on one exits 1 (failed verification), not 2 (no such version)."""
    import shutil as sh

    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    out = tmp_path / "data"
    _run(inbox, out)
    sh.copytree(out / "v0001", out / "v0002")
    (out / "v0003").symlink_to("v0001")
    (inbox / "b.txt").write_text(POLICY + "\n", encoding="utf-8")
    res = _cli("run", inbox, "--out", out)
    assert res.exit_code == 1, res.output
    lines = [x for x in res.output.splitlines() if x.strip()]
    assert len(lines) == 1 and "v0002: its manifest is of version 'v0001'" in lines[0] and "v0003: a symbolic link" in lines[0]
    assert "Move them out of" in lines[0]
    assert dataset.latest(out) == "v0001" and not (out / "v0004").exists()
    listed = _cli("datasets", "list", out)
    assert listed.exit_code == 0, listed.output
    assert "v0001" in listed.stdout and "not a version" in listed.output
    for name in ("v0002", "v0003"):
        shown = _cli("datasets", "show", out, name, "--verify")
        assert shown.exit_code == 1 and "verification failed" in shown.output, shown.output
    assert _cli("datasets", "show", out, "v0009", "--verify").exit_code == 2
    sh.rmtree(out / "v0002")
    (out / "v0003").unlink()
    assert _cli("run", inbox, "--out", out).exit_code == 0
    assert dataset.latest(out) == "v0002"


def test_repair_finds_documents_from_the_ledger_when_the_version_keeps_nothing_readable(prefect_harness, inbox, tmp_path, monkeypatch):
    """Manifest, catalog and documents/ of latest all deleted, and the repair started from
    another folder than the runs: the ledger still names the documents and where the runs started."""
    import os

    monkeypatch.chdir(tmp_path)
    Path("src").mkdir()
    Path("src/a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    _run(Path("src"), Path("data"))  # relative paths, as a user types them
    Path("src/b.txt").write_text(POLICY + "\n", encoding="utf-8")
    _run(Path("src"), Path("data"))
    out = tmp_path / "data"
    first = set(dataset.open_dataset(out).inputs)
    v2 = out / "v0002"
    (v2 / "datapackage.json").unlink()
    shutil.rmtree(v2 / "catalog")
    shutil.rmtree(v2 / "documents")
    for v in ("v0001", "v0002"):  # no stored copy anywhere: only the source files are left
        shutil.rmtree(out / v / "documents", ignore_errors=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.chdir(elsewhere)
    res = _cli("datasets", "repair", out)
    assert res.exit_code == 0, res.output
    ds = dataset.open_dataset(out)
    assert ds.version == "v0003" and set(ds.inputs) == first and ds.manifest["lost"] == []
    assert {r.company for r in ds.records("funding_round")} == {"推想科技"} and len(list(ds.records("policy"))) == 1


def test_a_stop_after_the_rename_finishes_publishing_the_whole_version(tmp_path, monkeypatch):
    """Between the rename into place and the switch of `latest` the version is whole: a stop there
    finishes the switch (never a version that is there but 'not published')."""
    from extract import stopping
    from extract.document import Document

    out = tmp_path / "data"
    doc = Document(text=FUNDING + "\n", source="a.txt")
    dataset.publish(out, [], [doc])
    real = dataset.checkpoint

    def stop_there(name):
        if name == "before_latest":
            raise stopping.Stopped(2)
        real(name)

    monkeypatch.setattr(dataset, "checkpoint", stop_there)
    with pytest.raises(stopping.Stopped):
        dataset.publish(out, [], [doc, Document(text=POLICY + "\n", source="b.txt")])
    assert dataset.latest(out) == "v0002" and not (out / dataset.PENDING).exists()
    assert not list(out.glob(".*.tmp")) and not list(out.glob(".staging-*"))
    dataset.verify(out / "v0002")


def test_an_empty_folder_named_like_a_version_is_a_stray_and_a_deleted_versions_number_is_never_reused(prefect_harness, inbox, tmp_path):
    (inbox / "a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    out = tmp_path / "data"
    _run(inbox, out)
    (out / "v0002").mkdir()
    (inbox / "b.txt").write_text(POLICY + "\n", encoding="utf-8")
    res = _cli("run", inbox, "--out", out)
    assert res.exit_code == 1 and "v0002: an empty folder" in res.output, res.output
    (out / "v0002").rmdir()
    assert _run(inbox, out).published.version == "v0002"
    shutil.rmtree(out / "v0002")  # a deleted latest: repair points latest back, the number stays used
    assert _cli("datasets", "repair", out).exit_code == 0
    assert dataset.latest(out) == "v0001"
    assert _run(inbox, out).published.version == "v0003"


def test_status_from_another_folder_resolves_paths_against_where_the_run_started(prefect_harness, tmp_path, monkeypatch):
    import os

    monkeypatch.chdir(tmp_path)
    Path("src").mkdir()
    Path("src/a.txt").write_text(FUNDING + "\n", encoding="utf-8")
    Path(os.fsdecode(b"src/t\xff.txt")).write_text(POLICY + "\n", encoding="utf-8")
    _run(Path("src"), Path("data"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.chdir(elsewhere)
    st = _cli("status", tmp_path / "data")
    assert st.exit_code == 0, st.output
    assert "no longer exist" not in st.stdout and "2 files" in st.stdout


def test_a_stop_landing_right_after_the_rename_still_finishes_the_publish(tmp_path, monkeypatch):
    """The rename returned but the stop came before the code could note it: the staging folder is
    gone and the version folder is in place, so the publish is finished, never left half-done."""
    import os

    from extract import stopping
    from extract.document import Document

    out = tmp_path / "data"
    doc = Document(text=FUNDING + "\n", source="a.txt")
    dataset.publish(out, [], [doc])
    real = os.rename

    def rename_then_stop(a, b):
        real(a, b)
        raise stopping.Stopped(2)

    monkeypatch.setattr(dataset.os, "rename", rename_then_stop)
    with pytest.raises(stopping.Stopped):
        dataset.publish(out, [], [doc, Document(text=POLICY + "\n", source="b.txt")])
    monkeypatch.setattr(dataset.os, "rename", real)
    assert dataset.latest(out) == "v0002" and not (out / dataset.PENDING).exists()
    dataset.verify(out / "v0002")

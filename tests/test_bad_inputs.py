"""Bad input never stops a run: every file ends published, skipped or quarantined with a reason,
the good files of the same run are published, and the ledger and `reportx status` say so."""

import codecs

import pytest

from extract import dataset
from extract.ledger import current

GOOD = "2023年7月，推想科技宣布完成数亿元B轮融资，由高瓴资本领投，红杉中国跟投。\n"


@pytest.fixture(scope="module")
def harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness():
        yield


@pytest.fixture()
def inbox(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    files = {
        "good.txt": GOOD.encode("utf-8"),
        "gb18030.txt": "2022年3月，药监局发布《人工智能医疗器械注册审查指导原则》。\n".encode("gb18030"),
        "utf16_bom.txt": codecs.BOM_UTF16_LE + "2021年6月，上海市卫健委发布《上海市“便捷就医服务”数字化转型工作方案》。\n".encode("utf-16-le"),
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\n  \n",
        "binary.txt": bytes(range(256)) * 64,
        "nul_bytes.txt": "正文".encode("utf-8") + b"\x00\x00\x00" + bytes(range(1, 32)) * 8,
        "mixed_encodings.txt": GOOD.encode("utf-8") + "国家药监局批准".encode("gbk") + GOOD.encode("utf-8"),
        "long_line.txt": ("数字医疗发展迅速，" * 100_000 + "。\n").encode("utf-8"),
        "no_punctuation.txt": ("数字医疗 行业 发展 " * 2000).encode("utf-8"),
        "good_copy.txt": GOOD.encode("utf-8"),
        "slides.pptx": b"PK\x03\x04 not a report",
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    with open(d / "huge.txt", "wb") as f:  # 50 MB: over the documented REPORTX_MAX_BYTES limit
        f.truncate(50 * 1024 * 1024)
    outside = tmp_path / "secret.txt"
    outside.write_text("机密文件。\n", encoding="utf-8")
    (d / "link_out.txt").symlink_to(outside)
    return d


EXPECTED = {
    "good.txt": ("published", ""),
    "gb18030.txt": ("published", ""),
    "utf16_bom.txt": ("published", ""),
    "long_line.txt": ("published", ""),
    "no_punctuation.txt": ("published", ""),
    "good_copy.txt": ("skipped", "same text as"),
    "empty.txt": ("quarantined", "empty report"),
    "whitespace.txt": ("quarantined", "empty report"),
    "binary.txt": ("quarantined", "binary data"),
    "nul_bytes.txt": ("quarantined", "binary data"),
    "huge.txt": ("quarantined", "byte limit"),
    "slides.pptx": ("quarantined", "unsupported file type"),
    "link_out.txt": ("quarantined", "outside the input folder"),
}


def test_every_bad_input_gets_a_clear_outcome_and_good_files_are_published(harness, inbox, tmp_path, monkeypatch):
    import flows.ingest as flow

    # a file that disappears between discovery and reading
    real_discover = flow.discover
    monkeypatch.setattr(flow, "discover", lambda p: real_discover(p) + [inbox / "vanished.txt"])
    out = tmp_path / "data"
    summary = flow.ingest_reports(str(inbox), str(out))
    got = {o.source.rsplit("/", 1)[-1]: o for o in summary.outcomes}
    assert got["vanished.txt"].state == "quarantined" and "cannot read" in got["vanished.txt"].reason
    for name, (state, reason) in EXPECTED.items():
        assert got[name].state == state, (name, got[name])
        assert reason in got[name].reason, (name, got[name].reason)
    # mixed encodings: either decoded or quarantined, never silently dropped
    assert got["mixed_encodings.txt"].state in ("published", "quarantined")
    ds = dataset.open_dataset(out)
    dataset.verify(ds.path)
    assert {r.kind for r in ds.records()} >= {"funding_round", "policy"}
    assert "机密文件" not in "".join(ds.document_text(i) for i in ds.inputs)

    # the ledger holds one line per file for the run, `reportx status` reports it
    ledger = current(out)
    assert set(ledger) == {o.source for o in summary.outcomes}
    assert ledger[str(inbox / "huge.txt")].sha256 is not None
    from typer.testing import CliRunner

    from extract.cli import app

    result = CliRunner().invoke(app, ["status", str(out)])
    assert result.exit_code == 0, result.output
    assert "quarantined" in result.stdout and "huge.txt" in result.stdout and "latest v0001" in result.stdout


def test_a_fixed_file_is_picked_up_by_the_next_run(harness, tmp_path):
    from flows.ingest import ingest_reports

    inbox, out = tmp_path / "in", tmp_path / "data"
    inbox.mkdir()
    (inbox / "late.txt").write_bytes(b"")
    first = ingest_reports(str(inbox), str(out))
    assert first.states()["quarantined"] == 1 and first.published is None
    (inbox / "late.txt").write_text(GOOD, encoding="utf-8")
    second = ingest_reports(str(inbox), str(out))
    assert second.published.version == "v0001" and second.states()["published"] == 1
    assert current(out)[str(inbox / "late.txt")].state == "published"

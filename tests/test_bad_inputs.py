"""Bad input never stops a run: every file ends published, skipped or quarantined with a reason,
the good files of the same run are published, and the ledger and `reportx status` say so."""

import pytest

from extract import dataset
from extract.ledger import current

GOOD = "2023年7月，推想科技宣布完成数亿元B轮融资，由高瓴资本领投，红杉中国跟投。\n"


@pytest.fixture()
def inbox(tmp_path):
    import shutil

    from .conftest import FIXTURES

    d = tmp_path / "in"
    d.mkdir()
    for f in (FIXTURES / "bad").iterdir():
        if f.name != "README.md":
            shutil.copy(f, d / f.name)
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "good_copy.txt").write_text(GOOD, encoding="utf-8")
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


def test_every_bad_input_gets_a_clear_outcome_and_good_files_are_published(prefect_harness, inbox, tmp_path, monkeypatch):
    import flows.ingest as flow

    # a file that disappears between discovery and reading
    real_discover = flow.discover
    monkeypatch.setattr(flow, "discover", lambda p, **kw: real_discover(p, **kw) + [inbox / "vanished.txt"])
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


def test_a_fixed_file_is_picked_up_by_the_next_run(prefect_harness, tmp_path):
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


@pytest.mark.slow
def test_a_folder_of_a_thousand_small_files(prefect_harness, tmp_path):
    from flows.ingest import ingest_reports

    inbox = tmp_path / "many"
    inbox.mkdir()
    for i in range(1000):
        (inbox / f"note_{i:04d}.txt").write_text(f"第{i}号简报：行业动态摘要。\n", encoding="utf-8")
    summary = ingest_reports(str(inbox), str(tmp_path / "data"))
    assert summary.states() == {"published": 1000, "skipped": 0, "quarantined": 0}
    ds = dataset.open_dataset(tmp_path / "data")
    assert len(ds.inputs) == 1000
    assert len(current(tmp_path / "data")) == 1000

"""The Prefect ingest flow end to end: reports in, a published, verified dataset version out."""

import shutil

import pytest

from extract import dataset

from .conftest import FIXTURES


@pytest.fixture()
def inbox(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    report = sorted((FIXTURES / "reports").glob("003_*.txt"))[0]
    shutil.copy(report, src / report.name)
    (src / "empty.txt").write_bytes(b"")
    (src / "scan.txt").write_bytes(bytes(range(256)) * 4)
    (src / "notes.docx").write_bytes(b"PK\x03\x04")
    return src


def test_flow_publishes_good_reports_and_quarantines_bad_ones(prefect_harness, inbox, tmp_path):
    from flows.ingest import ingest_reports

    out = tmp_path / "data"
    summary = ingest_reports(str(inbox), str(out))
    states = {o.source.rsplit("/", 1)[-1]: (o.state, o.reason) for o in summary.outcomes}
    assert states["003_4634cd2e2f30ab36.txt"][0] == "published"
    assert states["empty.txt"] == ("quarantined", "empty report (no text)")
    assert states["scan.txt"][0] == "quarantined" and "binary" in states["scan.txt"][1]
    assert states["notes.docx"][0] == "quarantined" and "unsupported" in states["notes.docx"][1]
    assert dataset.latest(out) == summary.published.version == "v0001"
    manifest = dataset.verify(out / "v0001")
    assert {q["source"].rsplit("/", 1)[-1] for q in manifest["quarantined"]} == {"empty.txt", "scan.txt", "notes.docx"}
    assert {"policy", "funding_round", "certified_product"} <= {k for k, v in summary.counts.items() if v > 0}
    assert not summary.rejected


def test_cli_run_prints_a_summary_and_publishes(prefect_harness, inbox, tmp_path):
    from typer.testing import CliRunner

    from extract.cli import app

    out = tmp_path / "data"
    result = CliRunner().invoke(app, ["run", str(inbox), "--out", str(out)])
    assert result.exit_code == 3, result.output  # published, but with quarantined files: a scheduler can tell
    assert "1 new, 0 skipped (unchanged or duplicate), 3 quarantined" in result.stdout
    assert f"dataset v0001 written to {out / 'v0001'}" in result.stdout.replace("\n", "")
    dataset.verify(out / "v0001")


def test_cli_run_on_a_missing_folder_fails_clearly(tmp_path):
    from typer.testing import CliRunner

    from extract.cli import app

    result = CliRunner().invoke(app, ["run", str(tmp_path / "nope"), "--out", str(tmp_path / "d")])
    assert result.exit_code == 2
    assert "input folder does not exist" in result.output

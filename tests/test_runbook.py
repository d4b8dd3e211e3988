"""A run's bookkeeping without Prefect (extract.runner.RunBook): every input file ends published,
skipped or quarantined with its reason, and a second run carries what is unchanged."""

from __future__ import annotations

import logging

import pytest
from pathlib import Path

from extract.document import Document
from extract.extractors import create
from extract.runner import ExtractionFailed, Outcome, RunBook, extract_one, new_state, publish_state

TEXT_A = "2023年7月，甲乙医疗科技有限公司宣布完成数亿元B轮融资，由丙丁资本领投。\n"
TEXT_B = "2024年3月，戊己医疗科技有限公司与庚辛人民医院签署战略合作协议。\n"


def _run(out: Path, inputs: list[tuple[Path, Document | Outcome]], fail: set[str] = frozenset()):
    lines: list[tuple[int, str]] = []
    ticks: list[Path] = []
    extractors = create()
    book = RunBook(new_state(out, extractors), log=lambda level, line: lines.append((level, line)), tick=ticks.append)
    for path, read in inputs:
        book.admit(path, read)
    assert book.plan(jobs=8) == max(1, len(book.work))  # never more processes than documents
    for work in book.work:
        result = ExtractionFailed("policy.rules.v1: boom") if work.doc.source in fail else extract_one(work.doc, None, "fp")
        book.collect(work, result)
    quarantined = book.close()
    if book.anything_to_publish:
        book.summary.published = publish_state(out, book.state, extractors, quarantined)
    return book, lines, ticks


def test_every_file_gets_an_outcome_and_one_tick(tmp_path):
    out = tmp_path / "data"
    a, b, dup = (tmp_path / n for n in ("a.txt", "b.txt", "copy-of-a.txt"))
    junk = tmp_path / "junk.txt"
    book, lines, ticks = _run(out, [
        (a, Document(text=TEXT_A, source="a.txt")),
        (dup, Document(text=TEXT_A, source="copy-of-a.txt")),
        (junk, Outcome("junk.txt", "quarantined", "not text: binary bytes")),
        (b, Document(text=TEXT_B, source="b.txt")),
    ], fail={"b.txt"})
    states = {o.source: o.state for o in book.summary.outcomes}
    assert states == {"a.txt": "published", "copy-of-a.txt": "skipped", "junk.txt": "quarantined", "b.txt": "quarantined"}
    assert sorted(ticks) == sorted([a, b, dup, junk])  # progress: each input file once
    reasons = {o.source: o.reason for o in book.summary.outcomes if o.state == "quarantined"}
    assert reasons["b.txt"] == "extraction failed: policy.rules.v1: boom"
    assert [lvl for lvl, _ in lines] == [logging.WARNING, logging.ERROR]
    assert lines[0][1] == "quarantined junk.txt: not text: binary bytes"
    assert book.partial and book.latest == book.summary.published.version
    assert {k: v for k, v in book.summary.counts.items() if v} == {"funding_round": 1}

    # the next run: a is unchanged (skipped, carried), b is tried again and now extracts
    again, _, _ = _run(out, [(a, Document(text=TEXT_A, source="a.txt")), (b, Document(text=TEXT_B, source="b.txt"))])
    assert {o.source: o.state for o in again.summary.outcomes} == {"a.txt": "skipped", "b.txt": "published"}
    assert again.summary.previous == book.latest and not again.partial
    assert {k: v for k, v in again.summary.counts.items() if v} == {"funding_round": 1, "partnership": 1}


def test_a_run_with_nothing_new_publishes_nothing(tmp_path):
    out = tmp_path / "data"
    first, _, _ = _run(out, [(tmp_path / "a.txt", Document(text=TEXT_A, source="a.txt"))])
    second, _, _ = _run(out, [(tmp_path / "a.txt", Document(text=TEXT_A, source="a.txt"))])
    assert not second.anything_to_publish and second.summary.published is None
    assert second.latest == first.latest
    assert "nothing new to publish" in second.summary.line()


def test_the_code_fingerprint_covers_what_extraction_runs_only(tmp_path):
    """A CSS edit of the review page or a change of the evaluation keeps the extraction cache;
    a change of an extractor or of a gazetteer does not."""
    import shutil

    import extract
    from extract.runner import tree_digest

    pkg = tmp_path / "extract"
    shutil.copytree(Path(extract.__file__).parent, pkg, ignore=shutil.ignore_patterns("__pycache__", "ner_model"))
    base = tree_digest(pkg)
    for rel in ("devtools/assets/review.css", "devtools/evaluate.py", "devtools/training/ner.py", "cli.py"):
        with open(pkg / rel, "a", encoding="utf-8") as f:
            f.write("\n/* edited */\n" if rel.endswith(".css") else "\n# edited\n")
        assert tree_digest(pkg) == base, rel
    for rel in ("extractors/policy/__init__.py", "data/userdict.txt"):
        before = tree_digest(pkg)
        with open(pkg / rel, "a", encoding="utf-8") as f:
            f.write("\n# edited\n" if rel.endswith(".py") else "\n")
        assert tree_digest(pkg) != before, rel


# --- a run with nothing to extract is settled without the flow -----------------------------------


def _inbox(tmp_path: Path, files: dict[str, bytes]) -> Path:
    inbox = tmp_path / "in"
    inbox.mkdir(exist_ok=True)
    for name, data in files.items():
        (inbox / name).write_bytes(data)
    return inbox


def _first_version(tmp_path: Path, inbox: Path) -> Path:
    from extract.runner import load

    out = tmp_path / "data"
    _run(out, [(p, load(p, inbox)) for p in sorted(inbox.iterdir())])
    return out


def _ledger(out: Path) -> list[dict]:
    import json

    f = out / "ledger.jsonl"
    return [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines()] if f.exists() else []


def test_a_rerun_with_nothing_new_is_settled_and_recorded_without_the_flow(tmp_path):
    from extract.runner import settle_without_extraction

    inbox = _inbox(tmp_path, {"a.txt": TEXT_A.encode(), "b.txt": TEXT_B.encode()})
    out = _first_version(tmp_path, inbox)
    (inbox / "broken.txt").write_bytes(b"\x00\x01binary")  # unreadable: quarantined, tried by every run
    summary = settle_without_extraction(inbox, out, create())
    assert summary is not None and summary.published is None and summary.previous == "v0001"
    states = {Path(o.source).name: o.state for o in summary.outcomes}
    assert states == {"a.txt": "skipped", "b.txt": "skipped", "broken.txt": "quarantined"}
    assert "nothing new to publish (latest stays v0001)" in summary.line()
    lines = _ledger(out)
    assert len(lines) == 3 and len({x["run"] for x in lines}) == 1 and lines[0]["run"].startswith("local-")
    assert {Path(x["source"]).name: x["state"] for x in lines} == states and all(x["version"] == "v0001" for x in lines)
    assert next(x for x in lines if x["state"] == "quarantined")["sha256"]  # the ledger can tell a fixed file
    assert (out / "latest").read_text(encoding="utf-8").strip() == "v0001"


@pytest.mark.parametrize("change", ["new file", "edited file", "other extractors", "first run", "from scratch"])
def test_anything_to_extract_is_left_to_the_flow_and_nothing_is_written(tmp_path, change):
    from extract.runner import settle_without_extraction

    inbox = _inbox(tmp_path, {"a.txt": TEXT_A.encode()})
    out = _first_version(tmp_path, inbox) if change != "first run" else tmp_path / "data"
    extractors = create()
    if change == "new file":
        (inbox / "b.txt").write_text(TEXT_B, encoding="utf-8")
    elif change == "edited file":
        (inbox / "a.txt").write_text(TEXT_A + TEXT_B, encoding="utf-8")
    elif change == "other extractors":  # another fingerprint: the stored document is extracted again
        extractors = create(["policy.rules.v1"])
    before = _ledger(out)
    assert settle_without_extraction(inbox, out, extractors, from_scratch=change == "from scratch") is None
    assert _ledger(out) == before
    if change == "first run":
        assert not out.exists()  # no dataset folder, no lock file left by the check


def test_a_dataset_held_by_another_run_is_left_to_the_flow(tmp_path):
    from extract.dataset import PublishLock
    from extract.runner import settle_without_extraction

    inbox = _inbox(tmp_path, {"a.txt": TEXT_A.encode()})
    out = _first_version(tmp_path, inbox)
    with PublishLock(out):  # the flow waits for the lock; the quick check does not
        assert settle_without_extraction(inbox, out, create()) is None
    assert _ledger(out) == []

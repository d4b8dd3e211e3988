"""Property-based: whatever the line endings, BOMs, line-separating, zero-width or NUL characters,
line lengths and file names, a run ends every file published, skipped or quarantined, stores
exactly the text it hashed, and every reader reads the version back."""

import hashlib
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import dataset, ledger
from extract.ingest import _BLANK as BLANK, normalise_line_ends, not_text

FACTS = [
    "2023年7月，推想科技宣布完成数亿元B轮融资，由高瓴资本领投。",
    "2021年6月，上海市卫健委发布《上海市“便捷就医服务”数字化转型工作方案》。",
    "2023年5月，深睿医疗的胸部CT骨折智能辅助诊断软件获得国家药监局颁发的三类医疗器械注册证。",
    "2022年9月，联影智能与复旦大学附属中山医院签署战略合作协议。",
    "行业综述",
]
ODD = ["\r\n", "\r", "\n", "\n\n", "\u2028", "\u2029", "\u0085", "\u200b", "\u200d", "\ufeff", "\x00", "\t", " ",
       "字" * 3000, "[red]", "[/bold]", "\\", '"', "{", "}"]

piece = st.one_of(st.sampled_from(FACTS), st.sampled_from(ODD), st.text(min_size=1, max_size=12))
texts = st.lists(piece, min_size=1, max_size=12).map("".join)
names = st.lists(st.sampled_from(list("ab中文[]/ -_()!#%&+=~") + ["[red]", "m[", "[/x]"]), min_size=1, max_size=8).map(
    lambda parts: "".join(parts).replace("/", "_").lstrip(".") or "x")
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])
reports = st.lists(st.tuples(names, texts, encodings), min_size=1, max_size=3, unique_by=lambda t: t[0])


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(files=reports)
def test_every_file_ends_somewhere_and_every_reader_reads_the_version_back(prefect_harness, tmp_path_factory, files):
    from typer.testing import CliRunner

    from extract.cli import app
    from flows.ingest import run_ingest

    base = tmp_path_factory.mktemp("hostile")
    inbox, out = base / "in", base / "data"
    inbox.mkdir()
    expected, encoding = {}, {}
    for name, text, enc in files:
        path = inbox / f"{name}.txt"
        path.write_bytes(text.encode(enc, errors="surrogatepass"))
        expected[str(path)], encoding[str(path)] = text, enc
    summary = run_ingest(str(inbox), str(out), jobs=1)

    states = {o.source: o for o in summary.outcomes}
    assert set(states) == set(expected)  # nothing silently dropped
    assert all(o.state in ("published", "skipped", "quarantined") and (o.state != "quarantined" or o.reason)
               for o in states.values())
    for source, text in expected.items():
        blank = not text.strip(BLANK)
        junk = not_text(normalise_line_ends(text))  # no letters, or a tenth control characters: no report
        if junk is not None and "\x00" not in text and not blank:
            assert states[source].state == "quarantined" and states[source].reason == junk, states[source]
        elif "\x00" not in text and not blank and states[source].state == "quarantined":
            pytest.fail(f"{source} was quarantined: {states[source].reason}")
        if blank:
            assert states[source].state == "quarantined", states[source]
    if summary.published is None:
        return
    ds = dataset.open_dataset(out)
    dataset.verify(ds.path)
    for doc_id in ds.inputs:
        stored = ds.document_text(doc_id)
        assert hashlib.sha256(stored.encode("utf-8")).hexdigest() == doc_id  # the stored text is the hashed text
        assert "\r" not in stored
        # exactly what was written, line ends normalised (a UTF-8 text that starts with U+FEFF
        # reads as a byte order mark, which is no part of the text)
        written = {expected[s][1:] if encoding[s] == "utf-8" and expected[s].startswith("\ufeff") else expected[s]
                   for s in ds.inputs[doc_id]["sources"]}
        assert stored in {normalise_line_ends(t) for t in written}
    for r in ds.records():
        assert ds.document_text(r.doc_id)[r.evidence.start:r.evidence.end] == r.evidence.text
    ds.merged()
    assert len(ledger.read(out)) == len(expected)
    for args in (["status", str(out)], ["datasets", "show", str(out), "--verify"]):
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 0, (args, res.output)
    shutil.rmtree(base)

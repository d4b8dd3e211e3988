"""`reportx review`: the static HTML review page, its gold mode, and the page in headless Chromium.

The Chromium tests write screenshots of the sample dataset's page to build/review.png and
build/review-gold.png (build/ is git-ignored); they skip where Chromium is absent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

import pytest
from typer.testing import CliRunner

from extract import dataset
from extract.cli import app
from extract.document import Document
from extract.devtools.evaluate import evaluate, pair_files
from extract.records import RECORD_MODELS, Policy, RecordBase, stable_id
from extract.devtools.review import GoldReport, _tidy, gold_reports, kinds_of, locate, render_gold_review, render_review

from .conftest import FIXTURES, REPORTS, ROOT

runner = CliRunner()
BUILD = ROOT / "build"


# --- a tiny DOM for reading the page (static HTML and Chromium's --dump-dom alike) ---------------


class Node:
    def __init__(self, tag: str, attrs: dict, parent: "Node | None"):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs) -> list["Node"]:
        out = []
        for n in self.iter():
            if tag and n.tag != tag:
                continue
            if cls and cls not in (n.attrs.get("class") or "").split():
                continue
            if all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items()):
                out.append(n)
        return out

    def by_id(self, id_: str) -> "Node":
        (n,) = self.find_all(id=id_)
        return n


_VOID = {"meta", "link", "input", "br", "img", "hr", "source", "wbr", "area", "base", "col", "embed", "track"}


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in _VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(html_text: str) -> Node:
    b = _Builder()
    b.feed(html_text)
    b.close()
    return b.root


# --- fixtures: the sample reports extracted once, published once ----------------------------------


@pytest.fixture(scope="module")
def extracted(sample_extractions):
    """{report path: (Document, records)} for the sample reports, and the extractors used."""
    from extract.extractors import create

    return {report: (doc, res.records) for report, (doc, res) in sample_extractions.items()}, create()


@pytest.fixture(scope="module")
def sample_dataset(extracted, tmp_path_factory):
    """The sample reports published as a dataset (what `reportx run fixtures/reports` makes, without Prefect)."""
    out, exs = extracted
    data = tmp_path_factory.mktemp("review-data")
    dataset.publish(data, [r for _, recs in out.values() for r in recs], [doc for doc, _ in out.values()],
                    extractors=[(e.name, e.version) for e in exs], code_version="test")
    return dataset.open_dataset(data)


@pytest.fixture(scope="module")
def sample_html(sample_dataset):
    return render_review(sample_dataset)


@pytest.fixture(scope="module")
def sample_gold(extracted):
    """GoldReports of the gold set, predicting from the cached extraction."""
    out, _ = extracted
    by_id = {doc.doc_id: [r.model_dump(mode="json") for r in recs] for doc, recs in out.values()}
    return gold_reports(pair_files(FIXTURES / "reports", FIXTURES / "gold"), lambda doc: by_id[doc.doc_id])


def _counts(ds) -> dict[str, int]:
    counts = {k: 0 for k in RECORD_MODELS}
    for r in ds.records():
        counts[r.kind] += 1
    return counts


# --- the HTML itself -----------------------------------------------------------------------------


def test_counts_per_kind_equal_the_dataset_counts(sample_dataset, sample_html):
    dom = parse(sample_html)
    counts = _counts(sample_dataset)
    assert sum(counts.values()) > 0
    for kind, n in counts.items():
        assert dom.by_id(f"count-{kind}").text() == str(n), kind
        assert len(dom.find_all("article", cls="record", data_kind=kind)) == n, kind
    assert dom.by_id("count-total").text() == str(sum(counts.values()))


def test_every_record_has_its_evidence_marked_with_a_kind_label(sample_dataset, sample_html):
    dom = parse(sample_html)
    records = {r.id: r for r in sample_dataset.records()}
    cards = dom.find_all("article", cls="record")
    assert {c.attrs["data-id"] for c in cards} == set(records)
    for card in cards:
        rec = records[card.attrs["data-id"]]
        assert card.attrs["data-doc"] == rec.doc_id
        (mark,) = card.find_all("mark", cls="ent")
        (ev,) = mark.find_all(cls="ev-text")
        assert ev.text() == rec.evidence.text
        (label,) = mark.find_all(cls="ent-label")
        assert label.text() == rec.kind
        # the surrounding text is the document's own text (blank lines collapsed)
        snip = card.find_all(cls="snippet")[0].children
        i = snip.index(mark)
        before, after = "".join(snip[:i]).removeprefix("…"), "".join(snip[i + 1:]).removesuffix("…")
        doc = sample_dataset.document_text(rec.doc_id)
        assert _tidy(doc[:rec.evidence.start]).endswith(before) and _tidy(doc[rec.evidence.end:]).startswith(after)
        assert len(before + after) >= min(30, len(doc) - len(rec.evidence.text))


def test_every_card_shows_its_facts_history_and_every_support_span(sample_dataset, sample_html):
    """A reviewer sees when a fact appeared and changed, and where else its names were read."""
    dom = parse(sample_html)
    facts = {p.record_id: m for m in sample_dataset.merged() for p in m.provenance}
    records = {r.id: r for r in sample_dataset.records()}
    with_support = 0
    for card in dom.find_all("article", cls="record"):
        rec, fact = records[card.attrs["data-id"]], facts[card.attrs["data-id"]]
        (hist,) = card.find_all(cls="history")
        assert f"first seen {fact.first_seen}" in hist.text() and f"last changed {fact.last_changed}" in hist.text()
        shown = [m.text() for box in card.find_all(cls="support") for m in box.find_all("mark")]
        assert shown == [sp.text for sp in rec.support]
        with_support += bool(rec.support)
    assert with_support > 0  # the samples have names written outside their sentence


def test_filters_by_kind_and_document_exist(sample_dataset, sample_html):
    dom = parse(sample_html)
    kind_opts = [o.attrs["value"] for o in dom.by_id("filter-kind").find_all("option")]
    assert kind_opts == ["", *RECORD_MODELS]
    doc_opts = [o.attrs["value"] for o in dom.by_id("filter-doc").find_all("option")]
    assert doc_opts[0] == "" and sorted(doc_opts[1:]) == sorted(sample_dataset.documents)
    assert dom.by_id("filter-text").attrs["data-filter"] == "q"
    scripts = dom.find_all("script")
    assert len(scripts) == 2 and all("src" not in s.attrs for s in scripts)
    assert "http://" not in sample_html and "https://" not in sample_html  # nothing fetched: the machine is offline
    assert "unhandledrejection" in scripts[0].text()  # the error collector comes first


def test_untrusted_text_is_escaped(tmp_path):
    text = "前言。\n2020年，<script>alert(1)</script>发布《健康<img src=x onerror=alert(2)>规划》。\n后记。"
    doc = Document(text=text, source=str(tmp_path / "<b>evil</b>.txt"), title="<i>t</i>")
    start = text.index("<script>")
    ev = text[start:text.index("。", start) + 1]
    title = "健康<img src=x onerror=alert(2)>规划"
    rec = Policy(id=stable_id("policy", doc.doc_id, {"title": title}), doc_id=doc.doc_id,
                 evidence={"text": ev, "start": start, "end": start + len(ev)}, extractor={"name": "policy.rules.v1", "version": "1"},
                 confidence=0.9, title=title, issuers=['"><script>alert(3)</script>'], date="2020")
    dataset.publish(tmp_path / "data", [rec], [doc])
    page = render_review(dataset.open_dataset(tmp_path / "data"))
    assert "<script>alert" not in page and "<img" not in page and "<b>evil" not in page and "<i>t</i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    dom = parse(page)
    assert len(dom.find_all("script")) == 2 and not dom.find_all("img") and not dom.find_all("i")
    assert all("evil" not in b.text() for b in dom.find_all("b"))
    (card,) = dom.find_all("article", cls="record")
    assert card.find_all(cls="ev-text")[0].text() == ev
    assert card.find_all("tr", data_field="title")[0].find_all("td")[0].text() == title


def test_kinds_and_fields_come_from_the_contract_not_a_fixed_list(tmp_path, monkeypatch):
    """A kind added to RECORD_MODELS shows up with its own fields (lists and nested dicts readable)."""

    class Gadget(RecordBase):
        kind: Literal["gadget"] = "gadget"
        name: str
        makers: list[str] = []
        spec: dict | None = None

    monkeypatch.setitem(RECORD_MODELS, "gadget", Gadget)
    text = "某公司与某医院合作推出智能听诊器X1。"
    doc = Document(text=text, source="g.txt")
    s = text.index("智能")
    g = Gadget(id="gadget:1", doc_id=doc.doc_id, evidence={"text": text[s:s + 7], "start": s, "end": s + 7},
               extractor={"name": "gadget.rules.v0", "version": "0"}, confidence=0.5,
               name="智能听诊器X1", makers=["某公司", "某医院"], spec={"raw": "X1", "value": 1.5})

    class FakeDataset:
        version, path, manifest = "v0007", tmp_path, {"schema_version": "x"}
        documents = {doc.doc_id: {"doc_id": doc.doc_id, "source": "g.txt", "title": ""}}

        def records(self, kind=None):
            return [g]

        def merged(self, kind=None):
            return []

        def document_text(self, doc_id):
            return text

    assert kinds_of(["zzz"])[-1] == "zzz" and kinds_of()[: len(RECORD_MODELS)] == list(RECORD_MODELS)
    dom = parse(render_review(FakeDataset()))
    assert dom.by_id("count-gadget").text() == "1"
    (card,) = dom.find_all("article", data_kind="gadget")
    rows = {tr.attrs["data-field"]: tr.find_all("td")[0] for tr in card.find_all("tr")}
    assert list(rows) == ["name", "makers", "spec"]
    assert [c.text() for c in rows["makers"].find_all(cls="chip")] == ["某公司", "某医院"]
    assert "raw X1" in rows["spec"].text() and "value 1.5" in rows["spec"].text()
    # field values inside the evidence are marked
    assert [f.text() for f in card.find_all(cls="fv")] == ["智能听诊器X1"]


# --- gold mode -----------------------------------------------------------------------------------


def test_gold_page_counts_equal_the_evaluation(sample_gold, extracted):
    out, _ = extracted
    preds = {p.name: [r.model_dump(mode="json") for r in recs] for p, (_, recs) in out.items()}
    result = evaluate(pair_files(FIXTURES / "reports", FIXTURES / "gold"), lambda path: preds[path.name])
    dom = parse(render_gold_review(sample_gold))
    for kind, c in result.kinds.items():
        assert (dom.by_id(f"gold-tp-{kind}").text(), dom.by_id(f"gold-fp-{kind}").text(), dom.by_id(f"gold-fn-{kind}").text()) \
            == (str(c.tp), str(c.fp), str(c.fn)), kind
    assert len(dom.find_all("article", data_status="fn")) == len(result.misses)
    assert len(dom.find_all("article", data_status="fp")) == len(result.false_positives)
    assert len(dom.find_all("article", data_status="tp")) == result.micro.tp
    assert [o.attrs["value"] for o in dom.by_id("filter-status").find_all("option")] == ["", "fn", "fp", "tp"]


def test_gold_page_shows_misses_in_the_report_text_and_false_positives_side_by_side():
    text = "第一行。\n2021年，国务院印发《健康中国2030规划纲要》。\n第三行<script>x</script>。"
    gold = [{"kind": "policy", "title": "健康中国2030规划纲要", "issuers": ["国务院"], "date": "2021",
             "evidence": "国务院印发《健康中国2030规划纲要》", "line": 2}]
    doc = Document(text=text, source="r.txt")
    s = text.index("第三行")
    fp = Policy(id="policy:fp", doc_id=doc.doc_id, evidence={"text": text[s:s + 20], "start": s, "end": s + 20},
                extractor={"name": "policy.rules.v1", "version": "1"}, confidence=0.4, title="第三行<script>x</script>").model_dump(mode="json")
    page = render_gold_review([GoldReport("r.txt", text, gold, [fp], doc.doc_id, ["r.jsonl"])])
    assert "<script>x" not in page
    dom = parse(page)
    (miss,) = dom.find_all("article", data_status="fn")
    assert miss.find_all(cls="ev-text")[0].text() == gold[0]["evidence"]
    assert "2021年，" in miss.find_all(cls="snippet")[0].text()  # located on its line, shown in context
    (false_pos,) = dom.find_all("article", data_status="fp")
    assert false_pos.find_all(cls="ev-text")[0].text() == fp["evidence"]["text"]
    cols = dom.find_all(cls="cols")[0].find_all(cls="col")
    assert [c.attrs["data-status"] for c in cols] == ["fn", "fp", "tp"]
    assert dom.by_id("gold-fn-policy").text() == "1" and dom.by_id("gold-fp-policy").text() == "1"
    assert locate(text, "国务院", 3) == (text.index("国务院"), text.index("国务院") + 3)  # not on that line: anywhere
    assert locate(text, "不存在", 2) is None


def test_gold_reports_group_several_gold_files_of_one_report(tmp_path):
    (tmp_path / "a.txt").write_text("2021年，国务院印发《健康中国2030规划纲要》。\n", encoding="utf-8")
    g1, g2 = tmp_path / "a.jsonl", tmp_path / "a.policy.jsonl"
    g1.write_text('{"kind": "policy", "title": "甲", "evidence": "国务院", "line": 1}\n', encoding="utf-8")
    g2.write_text('{"kind": "policy", "title": "乙", "evidence": "健康中国", "line": 1}\n', encoding="utf-8")
    seen = []
    reps = gold_reports([(tmp_path / "a.txt", g1), (tmp_path / "a.txt", g2)], lambda doc: seen.append(doc) or [])
    (rep,) = reps
    assert [g["title"] for g in rep.gold] == ["甲", "乙"] and rep.gold_files == ["a.jsonl", "a.policy.jsonl"] and len(seen) == 1


# --- the command ---------------------------------------------------------------------------------


def test_review_command_writes_the_page_and_prints_counts(sample_dataset, tmp_path):
    data_dir = sample_dataset.path.parent
    result = runner.invoke(app, ["review", str(data_dir)])
    assert result.exit_code == 0, result.output
    target = data_dir / f"review-{sample_dataset.version}.html"
    assert target.is_file() and str(target) in result.stdout
    counts = _counts(sample_dataset)
    assert f"{sum(counts.values())} records" in result.stdout and f"policy={counts['policy']}" in result.stdout
    out = tmp_path / "sub" / "r.html"
    result = runner.invoke(app, ["review", str(data_dir), "--version", sample_dataset.version, "--out", str(out)])
    assert result.exit_code == 0 and out.is_file()


def test_review_command_fails_clearly_without_a_dataset(tmp_path, sample_dataset):
    result = runner.invoke(app, ["review", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "nothing" in result.output and "no published version" in result.output
    result = runner.invoke(app, ["review", str(sample_dataset.path.parent), "--version", "v0099"])
    assert result.exit_code == 2 and "no version 'v0099'" in result.output
    result = runner.invoke(app, ["review", "--gold", "--set", "nope"])
    assert result.exit_code == 2 and "unknown set" in result.output


# --- headless Chromium ---------------------------------------------------------------------------


def _chromium() -> str:
    exe = os.environ.get("REPORTX_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.skip("chromium not installed (CI installs Debian's chromium: apt-get install chromium)")
    return exe


def _chrome(exe: str, tmp: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", *args, url]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def _console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


def _dump(exe: str, tmp: Path, url: str) -> Node:
    proc = _chrome(exe, tmp, url, "--dump-dom")
    assert _console_lines(proc.stderr) == [], _console_lines(proc.stderr)  # the page logs nothing: no errors
    dom = parse(proc.stdout)
    (body,) = dom.find_all("body")
    assert body.attrs.get("data-errors") == "", body.attrs.get("data-errors")
    assert body.attrs.get("data-ready") == "1", "the page script did not run"
    return dom


def _screenshot(exe: str, tmp: Path, page: Path, png: Path) -> None:
    png.unlink(missing_ok=True)
    proc = _chrome(exe, tmp, page.as_uri(), "--hide-scrollbars", "--window-size=1280,2000", f"--screenshot={png}")
    assert _console_lines(proc.stderr) == []
    assert png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


def _cjk_font_warning() -> None:
    fc = shutil.which("fc-list")
    if fc and not subprocess.run([fc, ":lang=zh"], capture_output=True, text=True, timeout=20).stdout.strip():
        import warnings

        warnings.warn("no Chinese font installed (apt-get install fonts-noto-cjk): the screenshot shows boxes for Chinese text")


def test_review_page_in_headless_chromium(sample_dataset, sample_html, tmp_path, capsys):
    exe = _chromium()
    BUILD.mkdir(exist_ok=True)
    page = BUILD / "review.html"
    page.write_text(sample_html, encoding="utf-8")
    counts = _counts(sample_dataset)

    dom = _dump(exe, tmp_path, page.as_uri())
    for kind, n in counts.items():
        assert dom.by_id(f"count-{kind}").text() == str(n)
    cards = dom.find_all("article", cls="record")
    assert len(cards) == sum(counts.values()) and not any("hidden" in c.attrs for c in cards)
    assert dom.by_id("shown-total").text() == str(sum(counts.values()))

    # the filters: preselected from the URL hash, applied by the page's script
    dom = _dump(exe, tmp_path, page.as_uri() + "#kind=policy")
    shown = [c for c in dom.find_all("article", cls="record") if "hidden" not in c.attrs]
    assert {c.attrs["data-kind"] for c in shown} == {"policy"} and len(shown) == counts["policy"]
    assert dom.by_id("shown-total").text() == str(counts["policy"])
    hidden_sections = {s.attrs["data-kind"] for s in dom.find_all("section", cls="kind") if "hidden" in s.attrs}
    assert hidden_sections == set(RECORD_MODELS) - {"policy"}

    doc_id = sorted(sample_dataset.documents)[0]
    want = {r.id for r in sample_dataset.records("funding_round") if r.doc_id == doc_id}
    dom = _dump(exe, tmp_path, page.as_uri() + f"#kind=funding_round&doc={doc_id[:12]}")
    shown = {c.attrs["data-id"] for c in dom.find_all("article", cls="record") if "hidden" not in c.attrs}
    assert shown == want and dom.by_id("shown-total").text() == str(len(want))

    _cjk_font_warning()
    png = BUILD / "review.png"
    _screenshot(exe, tmp_path, page, png)
    with capsys.disabled():
        print(f"\nreview page screenshot: {png}")


def test_gold_review_page_in_headless_chromium(sample_gold, tmp_path, capsys):
    exe = _chromium()
    BUILD.mkdir(exist_ok=True)
    page = BUILD / "review-gold.html"
    html_text = render_gold_review(sample_gold)
    page.write_text(html_text, encoding="utf-8")
    static = parse(html_text)
    for status in ("fp", "fn"):
        dom = _dump(exe, tmp_path, page.as_uri() + f"#status={status}")
        shown = [c for c in dom.find_all("article", cls="record") if "hidden" not in c.attrs]
        assert all(c.attrs["data-status"] == status for c in shown)
        assert len(shown) == len(static.find_all("article", data_status=status)) == int(static.by_id(f"gold-{status}-total").text())
    png = BUILD / "review-gold.png"
    _screenshot(exe, tmp_path, page, png)
    with capsys.disabled():
        print(f"\ngold review page screenshot: {png}")


def test_review_gold_command_writes_the_side_by_side_page(nlp, tmp_path):
    out = tmp_path / "gold.html"
    result = runner.invoke(app, ["review", "--gold", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout and "set gold: 3 reports" in result.stdout
    dom = parse(out.read_text(encoding="utf-8"))
    assert {f"gold-tp-{k}" for k in RECORD_MODELS} <= {n.attrs.get("id") for n in dom.iter()}
    assert {s.attrs["data-doc"] for s in dom.find_all("section", cls="report")} == {p.name for p in REPORTS}


def test_a_value_two_fields_share_is_marked_the_same_way_in_every_process():
    """One string that is the value of two fields (issuers and issuers_canonical) is wrapped as the
    same field whatever the interpreter's hash seed: the page of one dataset is one file."""
    import sys

    code = ("from extract.devtools.review import evidence_html;"
            "print(evidence_html('北京市人民政府印发行动计划', [('issuers', ['北京市人民政府']), "
            "('issuers_canonical', ['北京市人民政府']), ('title', '行动计划')]))")
    pages = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(pages) == 1, pages
    assert 'data-field="issuers"' in pages.pop()

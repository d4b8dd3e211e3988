"""PDF reports: the same records as the text version, page numbers on evidence, clear reasons for bad PDFs."""

import pytest
import regex as re

from extract.devtools.evaluate import evaluate
from extract.ingest import IngestError, read_document
from extract.pdf import PdfError, PdfLimits, page_of, read_pdf
from extract.process import extract_document

from .conftest import FIXTURES

PDFS = sorted((FIXTURES / "pdf").glob("*.pdf"))


@pytest.fixture(scope="module")
def scores(nlp):
    from extract.extractors import create

    extractors = create()

    def predict(path):
        return [r.model_dump(mode="json") for r in extract_document(read_document(path), extractors, nlp).records]

    out = {}
    for pdf in PDFS:
        golds = sorted((FIXTURES / "gold").glob(f"{pdf.stem}*.jsonl"))  # the shared gold and the partnership gold
        text = FIXTURES / "reports" / f"{pdf.stem}.txt"
        out[pdf.stem] = (evaluate([(pdf, g) for g in golds], predict).micro.f1, evaluate([(text, g) for g in golds], predict).micro.f1)
    return out


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem[:3])
def test_pdf_extraction_is_within_five_points_of_the_text_version(scores, pdf):
    pdf_f1, text_f1 = scores[pdf.stem]
    assert pdf_f1 >= text_f1 - 0.05, (pdf_f1, text_f1)


def test_pdf_document_drops_page_furniture_and_keeps_tables_and_pages():
    doc = read_pdf(next(p for p in PDFS if p.stem.startswith("003_")))
    assert "行业研究报告" not in doc.text  # running header
    assert "第 2 页" not in doc.text  # footer page number
    assert "企业名称\t融资时间\t融资轮次\t融资金额\t投资机构" in doc.text  # a ruled-less table as tab rows
    assert "\t2020年6月\tB+轮\t2亿人民币\t" in doc.text  # the continuation row keeps its empty first cell
    starts = doc.metadata["page_starts"]
    assert len(starts) == doc.metadata["pages"] > 10 and starts == sorted(starts)
    assert page_of(doc, 0) == 1 and page_of(doc, len(doc.text) - 1) == doc.metadata["pages"]


def test_records_from_a_pdf_say_which_page_their_evidence_is_on(nlp):
    doc = read_document(next(p for p in PDFS if p.stem.startswith("003_")))
    res = extract_document(doc, None, nlp)
    assert res.records and not res.rejected
    for r in res.records:
        assert r.evidence.page == page_of(doc, r.evidence.start) and r.evidence.page >= 1
        assert doc.text[r.evidence.start:r.evidence.end] == r.evidence.text


def test_two_column_page_is_read_column_by_column():
    from extract.pdf import _gutter, _page_text

    import pdfplumber

    with pdfplumber.open(next(p for p in PDFS if p.stem.startswith("002_"))) as pdf:
        pages = [p for p in pdf.pages if _gutter(p.extract_words(x_tolerance=1.5, y_tolerance=3), p.width)]
        assert pages, "the fixture has a two-column page"
        lines = [ln for ln in _page_text(pages[0]) if ln.strip()]
    # every line belongs to one column: none holds more than a column's worth of Chinese characters
    assert max(len(re.sub(r"[\x00-\x7f]", "", ln)) for ln in lines[1:]) <= 28


@pytest.mark.parametrize(
    "name, reason",
    [
        ("encrypted.pdf", "encrypted PDF"),
        ("scanned.pdf", "no text layer (a scanned PDF?): OCR is needed"),
        ("truncated.pdf", "corrupt or unreadable PDF"),
        ("zero_pages.pdf", "PDF has no pages"),
        ("not_really.pdf", "corrupt or unreadable PDF"),
    ],
)
def test_bad_pdfs_are_refused_with_a_specific_reason(name, reason):
    path = FIXTURES / "pdf" / "bad" / name
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert reason in info.value.reason and str(path) in str(info.value)


def test_page_and_time_limits_are_configurable(monkeypatch):
    pdf = PDFS[0]
    with pytest.raises(PdfError, match="over the limit of 3"):
        read_pdf(pdf, PdfLimits(max_pages=3))
    with pytest.raises(PdfError, match="took longer than"):
        read_pdf(pdf, PdfLimits(page_seconds=1e-4))
    monkeypatch.setenv("REPORTX_PDF_MAX_PAGES", "2")
    with pytest.raises(IngestError, match="over the limit of 2"):
        read_document(pdf)


def test_blocks_of_a_pdf_know_their_page():
    from extract.structure import BlockType, analyse

    doc = read_pdf(next(p for p in PDFS if p.stem.startswith("003_")))
    blocks = analyse(doc).blocks
    assert blocks[0].page == 1 and blocks[-1].page == doc.metadata["pages"]
    tables = [b for b in blocks if b.type is BlockType.TABLE]
    assert tables and all(b.page >= 1 for b in tables)


def test_a_pdf_that_exhausts_memory_is_refused_not_fatal():
    from extract.pdf import read_pdf_isolated

    with pytest.raises(PdfError, match="memory"):
        read_pdf_isolated(PDFS[0], PdfLimits(max_memory_mb=60))


@pytest.mark.slow
def test_a_stalled_pdf_reader_is_killed(monkeypatch, tmp_path):
    """A page that never finishes (armed checkpoint in the child) is stopped after the time limit."""
    import time

    from extract.pdf import read_pdf_isolated

    monkeypatch.setenv("REPORTX_FAULT_PAUSE", "pdf_page")
    monkeypatch.setenv("REPORTX_FAULT_MARKER", str(tmp_path / "stalled"))
    t0 = time.monotonic()
    with pytest.raises(PdfError, match="took longer than 1s"):
        read_pdf_isolated(PDFS[0], PdfLimits(total_seconds=1, page_seconds=0))
    assert (tmp_path / "stalled").exists() and time.monotonic() - t0 < 40

"""Every name a record states can be checked against the document: it is written in the record's
evidence or in one of its ``support`` spans (issue #19, item 6).

Names checked: policy ``title`` and ``issuers``; funding_round ``company``, ``investors`` and
``lead_investors``; certified_product ``product`` and ``company``; partnership ``parties``. The
reports are every non-held-out fixture folder (fixtures/reports, dev, prose, tables, wild_dev),
read with every registered extractor; the held-out folders are never read here.

A name counts as written in a text when, after the same normalisation of both:

* Unicode NFKC (full-width Ａ１ and half-width A1 are one name: readers type either);
* all whitespace removed (tables and PDFs wrap a name over lines: "数衡医疗\\nShuheng Medical",
  "国务院\\n办公厅"; ``_fold`` of the stable id ignores whitespace too);
* the simplified-character view of ``extract.script.simplified_view`` when the text is in
  traditional characters (a record of a traditional report is read through that view; its names
  are mapped back to the original script only where the evidence or a support span holds them);

the name is a substring of it. Nothing else is forgiven: no case folding, no punctuation
stripping, no alias lookup. The values that cannot carry a span are listed in ``EXCEPTIONS``
with the reason, one by one.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from extract.document import Document
from extract.extractors import RuleExtractor, create
from extract.ingest import read_document
from extract.process import extract_document, validate_record
from extract.records import FundingRound, Span
from extract.script import simplified_view
from extract.structure import analyse

from .conftest import FIXTURES

#: the non-held-out report folders (never fixtures/heldout, prose_heldout, wild_heldout)
FOLDERS = ("reports", "dev/reports", "prose/reports", "tables/reports", "wild_dev/reports")
REPORTS = [p for folder in FOLDERS for p in sorted((FIXTURES / folder).iterdir()) if p.is_file()]

#: the name fields of each kind
NAME_FIELDS = {
    "policy": ("title", "issuers"),
    "funding_round": ("company", "investors", "lead_investors"),
    "certified_product": ("product", "company"),
    "partnership": ("parties",),
}
#: list fields whose entries must be distinct and start with a name, not a function word
LIST_NAMES = ("parties", "investors", "lead_investors")
FUNCTION_WORDS = ("与", "和", "及", "由")
#: companies whose own name starts with one of those words (和黄医药 is HUTCHMED's Chinese name)
NAMED_SO = frozenset({"和黄医药"})

#: (report file, kind, field, value): why the value is written in no single span of the document
EXCEPTIONS = {
    ("003_4634cd2e2f30ab36.txt", "certified_product", "company", "Pear Therapeutics"):
        "a wrapped table cell: 'Pear' opens the row and 'Therapeutics' is on the continuation line "
        "two lines below, other columns' text between them; no contiguous span holds the name",
    ("tables_e2_huayao_imaging_ai_deep_dive_2024.txt", "certified_product", "product",
     "胸部CT多病种辅助诊断软件（BC-Thorax Pro）"):
        "a wrapped table cell: '…（BC-Thorax' ends the row's line and 'Pro）' is on the continuation "
        "line after the other columns; the name is joined from two fragments",
    ("dev_c2_pdf_digital_health_whitepaper_2024.txt", "policy", "issuers", "浙江省卫生健康委员会"):
        "a PDF page break inside the name: '浙江省卫生健康委员' + page footer and running header + '会'; "
        "the evidence holds both fragments but no span holds the whole name",
}


def _norm(text: str) -> str:
    text = "".join(unicodedata.normalize("NFKC", text).split())
    return simplified_view(text) or text


def _unsupported(record) -> list[tuple[str, str]]:
    """(field, value) of the names written neither in the evidence nor in a support span."""
    places = [_norm(record.evidence.text), *(_norm(s.text) for s in record.support)]
    return [(f, v) for f, v in _names(record) if not any(_norm(v) in p for p in places)]


def _names(record) -> list[tuple[str, str]]:
    out = []
    for name in NAME_FIELDS[record.kind]:
        value = getattr(record, name)
        for v in value if isinstance(value, list) else [value]:
            if v is not None:
                out.append((name, v))
    return out


@pytest.fixture(scope="module")
def extracted(nlp):
    """[(report path, Document, DocumentResult)] for every non-held-out fixture report."""
    extractors = create()
    out = []
    for path in REPORTS:
        doc = read_document(path)
        out.append((path, doc, extract_document(doc, extractors, nlp)))
    return out


def test_every_name_is_written_in_the_evidence_or_a_support_span(extracted):
    missing, excused = [], set()
    checked = 0
    for path, doc, res in extracted:
        assert not res.rejected, (path.name, res.rejected)
        for rec in res.records:
            validate_record(rec, doc)  # support offsets are document offsets
            checked += len(_names(rec))
            for name, value in _unsupported(rec):
                key = (path.name, rec.kind, name, value)
                if key in EXCEPTIONS:
                    excused.add(key)
                else:
                    missing.append((*key, rec.evidence.text[:60]))
    assert checked > 1500
    assert not missing, "\n".join(map(repr, missing))
    # an exception that no longer happens is removed from the list, not kept "just in case"
    assert excused == set(EXCEPTIONS), set(EXCEPTIONS) - excused


def test_support_spans_are_short_and_outside_the_evidence(extracted):
    """A support span shows the mention (a name, a cell, a heading line), not a paragraph, and
    never repeats the evidence."""
    for path, _doc, res in extracted:
        for rec in res.records:
            for s in rec.support:
                assert len(s.text) <= 40, (path.name, rec.kind, s.text)
                assert not (rec.evidence.start <= s.start and s.end <= rec.evidence.end), (path.name, s)
            assert len(set(rec.support)) == len(rec.support), (path.name, rec.support)


def test_parties_and_investors_are_distinct_names(extracted):
    for path, _doc, res in extracted:
        for rec in res.records:
            for name in LIST_NAMES:
                values = getattr(rec, name, None)
                if values is None:
                    continue
                assert len(set(values)) == len(values), (path.name, name, values)
                for v in values:
                    assert v in NAMED_SO or not v.startswith(FUNCTION_WORDS), (path.name, name, v)


# --- offsets: a block's view is not the document ------------------------------------------------

MULTI = (
    "行业综述\n\n"
    "近年来，医疗影像人工智能企业快速发展，多家公司完成融资。\n\n"
    "杭州星桥医疗科技有限公司（以下简称“星桥医疗”或“公司”）成立于2019年。\n\n"
    + "产品覆盖肺部、心血管与神经系统的影像辅助诊断，已进入全国多家三级医院的日常临床流程。\n\n" * 8
    + "2023年5月，公司完成B轮融资，融资金额2亿元，由红杉中国领投。\n"
)


class _Hand(RuleExtractor):
    """Builds one funding record by hand: evidence and support spans as given."""

    name, kind, version, record_model = "funding_round.hand.v0", "funding_round", "0", FundingRound

    def __init__(self, evidence: tuple[int, int], support: list[tuple[int, int]], company: str):
        super().__init__()
        self.spans = evidence, support, company

    def extract(self, ctx):
        (start, end), support, company = self.spans
        yield self.make(ctx, start, end, support=support, company=company, round="B")


def _third_paragraph(doc: Document):
    structure = analyse(doc)
    return [b for b in structure.blocks if "以下简称" in doc.text[b.start:b.end]][0]


def test_a_support_span_in_view_offsets_fails_validation():
    """The mistake to catch: an offset found in a block's view (the block's own text, from 0)
    used as a document offset. The record must be rejected, never published."""
    doc = Document(text=MULTI, source="multi.txt")
    block = _third_paragraph(doc)
    view = block.view(doc.text)
    at = view.text.index("星桥医疗")  # an offset in the view
    assert block.start > 0 and doc.text[at:at + 4] != "星桥医疗"
    sentence = doc.text.index("2023年5月")
    good = view.doc_span(at, at + 4)
    assert doc.text[good[0]:good[1]] == "星桥医疗"

    evidence = (sentence, doc.text.index("。", sentence) + 1)
    ok = next(iter(_Hand(evidence, [good], "星桥医疗").extract(_context(doc))))
    validate_record(ok, doc)
    # the same record with the span's view offsets and the view's text: the text no longer sits there
    bad = ok.model_copy(update={"support": [Span(text="星桥医疗", start=at, end=at + 4)]})
    with pytest.raises(ValueError, match="support offsets"):
        validate_record(bad, doc)
    # an extractor making the same mistake through ``make`` gets a span whose text is read at the
    # wrong place: it validates, but the name is not in it, which the contract test above reports
    (rec,) = extract_document(doc, [_Hand(evidence, [(at, at + 4)], "星桥医疗")]).records
    assert _unsupported(rec) == [("company", "星桥医疗")]


def _context(doc: Document):
    from extract.extractors.base import ExtractionContext

    return ExtractionContext(doc, analyse(doc))


def test_the_focus_company_of_a_later_paragraph_is_shown_where_it_is_defined(nlp):
    """公司 in the last paragraph is the company the definition paragraphs up names: the record
    carries a support span on that name, in document offsets."""
    doc = Document(text=MULTI, source="multi.txt")
    res = extract_document(doc, create(["funding_round.rules.v1"]), nlp)
    (rec,) = res.records
    assert rec.company == "星桥医疗" and "星桥医疗" not in rec.evidence.text
    (span,) = rec.support
    assert span.text == "星桥医疗" and doc.text[span.start:span.end] == "星桥医疗"
    assert "以下简称" in doc.text[span.start - 12:span.start]


def test_a_traditional_document_maps_support_and_names_back_to_its_script():
    """Read through the simplified view, a name found in a support span is given as written
    (長鴻智醫, not 长鸿智医), and the span's text is the original text."""
    text = "長鴻智醫成立於2018年，總部位於臺北。\n\n該公司於2023年10月完成B輪融資，由國際醫療創投領投。\n"
    doc = Document(text=text, source="tw.txt")
    view = simplified_view(text)
    assert view is not None and "长鸿智医" in view
    start = text.index("該公司")
    res = extract_document(doc, [_Hand((start, text.index("。", start) + 1), [(0, 4)], "长鸿智医")])
    assert not res.rejected, res.rejected
    (rec,) = res.records
    assert rec.company == "長鴻智醫"
    assert [(s.text, s.start, s.end) for s in rec.support] == [("長鴻智醫", 0, 4)]
    validate_record(rec, doc)

"""Document structure: typed blocks (headings, paragraphs, lists, tables, captions, footnotes ...).

Extractors see blocks, not raw lines. Every block, row and cell keeps offsets into the document
text; ``TextView`` gives a normalised string (line breaks inside a paragraph removed) with a map
back to the original offsets, so evidence always points at the document text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Callable, Iterator

import regex as re

from .document import Document, page_of


class BlockType(str, Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"
    CAPTION = "caption"
    SOURCE_NOTE = "source_note"
    FOOTNOTE = "footnote"
    TOC = "toc"
    BOILERPLATE = "boilerplate"


def _space_across_break(prev: str, nxt: str) -> bool:
    """Whether a line break between two Latin characters stood for a space.

    A layout break inside a number (26|4亿) or inside a word (De N|ovo, Ho|ldings: a letter,
    then a lower-case letter) joins directly; between words (Pear|Therapeutics, US$50|million)
    it was a space.
    """
    if not (prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum()):
        return False
    if prev.isdigit() and nxt.isdigit():
        return False
    if prev.isalpha() and nxt.islower():
        return False
    return True


@dataclass
class TextView:
    """A normalised view of a document span with a map back to document offsets."""

    text: str
    offsets: list[int]  # offsets[i] = document offset of text[i]; one extra entry for the end

    @classmethod
    def of(cls, doc_text: str, start: int, end: int, skips: tuple[tuple[int, int], ...] = ()) -> "TextView":
        """View of doc_text[start:end] with line breaks (and the spaces around them) removed.

        ``skips`` are document ranges left out of the view (running headers and footers that a
        page break put inside a paragraph); they read as a line break.
        """
        chars: list[str] = []
        offs: list[int] = []
        i = start
        while i < end:
            skip = next((e for s, e in skips if s <= i < e), None)
            if skip is not None:
                i = skip
                continue
            ch = doc_text[i]
            if ch in "\r\n":
                j = i
                while j < end and doc_text[j] in "\r\n \t\u3000":
                    j += 1
                # drop trailing spaces already emitted before the break
                while chars and chars[-1] in " \t\u3000":
                    chars.pop()
                    offs.pop()
                prev = chars[-1] if chars else ""
                nxt = doc_text[j] if j < end else ""
                if _space_across_break(prev, nxt):
                    chars.append(" ")
                    offs.append(i)
                i = j
                continue
            chars.append(ch)
            offs.append(i)
            i += 1
        offs.append(end)
        return cls("".join(chars), offs)

    def doc_span(self, start: int, end: int) -> tuple[int, int]:
        """Document offsets of view[start:end]."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass
class Cell:
    """A table cell: its text (wrapped parts joined) and the document span it covers."""

    text: str
    start: int
    end: int

    @property
    def empty(self) -> bool:
        return not self.text


@dataclass
class Row:
    """A table row; ``start``/``end`` cover the row and any lines wrapped into it."""

    cells: list[Cell]
    start: int
    end: int
    line: int

    def cell(self, i: int) -> Cell | None:
        return self.cells[i] if 0 <= i < len(self.cells) else None

    @property
    def continues_above(self) -> bool:
        """A row whose first cell is empty continues the entity of the row above."""
        return bool(self.cells) and self.cells[0].empty and any(not c.empty for c in self.cells[1:])


@dataclass
class Table:
    header: Row | None
    rows: list[Row]

    @property
    def columns(self) -> list[str]:
        return [c.text for c in self.header.cells] if self.header else []

    def find_columns(self, spec: dict[str, "re.Pattern | tuple[re.Pattern, re.Pattern | None]"]) -> dict[str, int]:
        """Map field names to header columns.

        ``spec`` maps a field to a header pattern (or ``(pattern, exclude)``), in priority order:
        each column goes to the first field (in ``spec`` order) that matches it and is still
        unassigned, so 投资机构 can be claimed by "investors" before "company" sees it.
        Header text is compared with spaces removed (``企业 名称`` is ``企业名称``).
        """
        found: dict[str, int] = {}
        for i, name in enumerate(self.columns):
            name = re.sub(r"\s+", "", name)
            if not name:
                continue
            for fld, pat in spec.items():
                include, exclude = pat if isinstance(pat, tuple) else (pat, None)
                if fld in found or not include.search(name) or (exclude is not None and exclude.search(name)):
                    continue
                found[fld] = i
                break
        return found

    def mostly(self, i: int, test: Callable[[str], bool], rows: list[Row] | None = None) -> bool:
        """Whether most non-empty cells of column ``i`` (of ``rows``, default all) pass ``test``:
        how a headerless table's columns are told apart by content (a column of dates, of titles)."""
        texts = [c.text for r in (self.rows if rows is None else rows) if (c := r.cell(i)) is not None and c.text]
        return bool(texts) and sum(1 for t in texts if test(t)) / len(texts) >= MOSTLY


#: share of a column's cells that must look alike for the column to be read as that kind
MOSTLY = 0.6


@dataclass
class Block:
    """A typed region of the document."""

    type: BlockType
    start: int
    end: int
    text: str
    line: int
    table: Table | None = None
    caption: str = ""  # tables: their caption ("表 4 ...") if one is adjacent
    note: str = ""  # tables: their source note ("数据来源：NMPA") if one follows
    heading: str = ""  # nearest heading above
    page: int | None = None  # 1-based page of a PDF report where the block starts
    skips: tuple[tuple[int, int], ...] = ()  # page furniture inside the block, left out of its view
    _view: TextView | None = field(default=None, repr=False)

    def view(self, doc_text: str) -> TextView:
        """The block's text with line breaks and page furniture removed, mapped to document offsets."""
        if self._view is None:
            self._view = TextView.of(doc_text, self.start, self.end, self.skips)
        return self._view


@dataclass
class Structure:
    doc: Document
    blocks: list[Block]

    def of_type(self, *types: BlockType) -> Iterator[Block]:
        return (b for b in self.blocks if b.type in types)

    def context_before(self, block: Block, chars: int = 400) -> str:
        """Text of the blocks just before ``block`` (for dates and names stated earlier)."""
        lo = max(0, block.start - chars)
        return self.doc.text[lo:block.start]


# --- sentences -----------------------------------------------------------------------------

_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]*")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of ``text``; a sentence ends after 。！？； (kept in the span).

    The same boundaries as the spaCy pipeline's sentence component, for extractors that work on
    a block's normalised view without tokens.
    """
    return [trim_span(text, m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]


#: what opens a heading or a list item before its words: bullets, "#", "第三章", "一、", "（二）", "1.",
#: "2.3 ", "①", and bold marks ("● **一、澜芯医疗：…**")
_MARKER = re.compile(
    r"^\s*(?:[#▍■◆◇●•▪○·*➤\-]+\s*)?(?:\*\*)?\s*(?:第[一二三四五六七八九十\d]{1,3}[章节部分篇]\s*|[一二三四五六七八九十]{1,3}\s*[、.．]\s*"
    r"|[（(][一二三四五六七八九十\d]{1,2}[)）]\s*|\d{1,2}(?:\.\d{1,2}){1,3}\s+|\d{1,2}\s*[.、．)）](?!\d)\s*|[①-⑳]\s*)?")


def heading_words(line: str) -> str:
    """A heading's or list item's words without the marker in front and the bold marks
    ("一、澜芯医疗：FFR软件再下一城" -> "澜芯医疗：FFR软件再下一城", "■ **2. 瑞影医疗**" -> "瑞影医疗")."""
    return _MARKER.sub("", line.strip(), count=1).replace("**", "").strip()


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Span without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --- line classification -------------------------------------------------------------------

_SENT_END = "。！？；!?;"
_CLOSERS = "”’」』）)】》"
_CAPTION = re.compile(r"^\s*(?:图表|图|表|Figure|Table)\s*[\d一二三四五六七八九十]+(?:[-.－]\d+)?\s*[:：、.\s]?\s*\S")
#: a remark that tells something, not where data came from: "备注：单导联心电贴2025年8月取得…注册证。"
_REMARK_STORY = re.compile(r"^\s*备注\s*[:：]\s*[^。；]{18,}[。；]")
_SOURCE_NOTE = re.compile(r"^\s*(?:数据来源|资料来源|来源|注|备注|Source)\s*[:：]")
_FOOTNOTE = re.compile(r"^\s*(?:[-•]\s*\d{1,3}\s+\S|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S|\[\d{1,3}\]\s*\S|注\s*\d{1,3}\s*[:：.]?)")
_TOC_LINE = re.compile(r"(?:\.{3,}|…{2,}|·{3,})\s*\d{1,3}\s*$|^\s*\d{1,3}\s*/\s*\S")
_LIST_ITEM = re.compile(r"^\s*(?:[-•●▪■◆◇○·*]\s+|[（(]\d{1,2}[)）]|\d{1,2}[)）、]|[①-⑳]|[一二三四五六七八九十]{1,3}、)")
_NUMBERED_HEADING = re.compile(r"^\s*(?:#{1,6}\s+|第[一二三四五六七八九十\d]+[章节部分篇]|[一二三四五六七八九十]{1,3}、|\d{1,3}\s*[｜|]\s*\S|\d{1,2}(?:\.\d{1,2}){0,3}(?![\d.年月日号亿万千百%个家款项张])\s*[\p{Han}A-Za-z])")
#: a digest's section label: a bullet and a few words, alone on its line ("■ 融资事件", "▍合作")
_SECTION_LABEL = re.compile(r"^\s*[■□▍●◆▶►▪•]\s*\p{Han}[\p{Han}与和及、]{1,15}\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:[-•●▪■◆]\s*)?\*\*[^*]{1,60}\*\*\s*$")
_BOILERPLATE = re.compile(
    r"版权所有|版权声明|免责声明|Copyright|©|All rights reserved|审批编号|联系电话|联系方式|联系我们|电子邮箱|E-?mail\s*[:：]|邮编|"
    r"扫码|二维码|关注公众号|更多信息，请访问",
    re.I,
)


#: the end of an official document's own title, standing on its line above the addressee or the body:
#: 江西省医疗保障局 江西省卫生健康委员会关于执行…工作的通知 / 关于印发…行动方案的通知 / …管理办法（试行）
_DOCUMENT_TITLE_LINE = re.compile(
    r"^\s*\S.{3,}(?:的(?:通知|公告|通告|意见|决定|批复|通报|复函|函)|(?:管理|实施)?(?:办法|规定|方案|细则|规划|指南|指导原则))"
    r"(?:[（(][^（）()]{1,12}[）)])?\s*$")


def _ends_sentence(line: str) -> bool:
    s = line.rstrip()
    while s and s[-1] in _CLOSERS + "\"'":
        s = s[:-1]
    # an English sentence ends with a full stop after a word ("…Marketing Submission Recommendations.")
    return bool(s) and (s[-1] in _SENT_END or s[-1] == "." and len(s) >= 2 and s[-2].isascii() and s[-2].isalpha())


def _classify_line(line: str) -> BlockType:
    s = line.strip()
    if _TOC_LINE.search(s) and len(s) < 120:
        return BlockType.TOC
    if _SOURCE_NOTE.match(s) and len(s) < 150 and not _REMARK_STORY.match(s):
        return BlockType.SOURCE_NOTE
    if _CAPTION.match(s) and len(s) <= 80 and not _ends_sentence(s):
        return BlockType.CAPTION
    if _FOOTNOTE.match(s) and len(s) < 400:
        return BlockType.FOOTNOTE
    if _BOILERPLATE.search(s) and len(s) < 300:
        return BlockType.BOILERPLATE
    if _BOLD_LINE.match(s):
        return BlockType.HEADING
    if _LIST_ITEM.match(s):
        if len(s) <= 40 and not _ends_sentence(s) and "，" not in s and re.match(r"^\s*[一二三四五六七八九十]{1,3}、", s):
            return BlockType.HEADING
        return BlockType.LIST_ITEM
    if _NUMBERED_HEADING.match(s) and len(s) <= 50 and not _ends_sentence(s):
        return BlockType.HEADING
    # a short line without sentence punctuation is a heading; one with a comma inside is a
    # wrapped piece of a sentence (PDF text), not a title
    if len(s) <= 30 and not _ends_sentence(s) and not re.search(r"[，,]|[：:]$", s):
        return BlockType.HEADING
    return BlockType.PARAGRAPH


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        yield pos, pos + len(body), body
        pos += len(raw)


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SPACED_GAP = re.compile(r"(?<=\S)(?: {2,}|\u3000+)(?=\S)")
#: a row of cells between bare pipes, without the outer ones Markdown writes: "1 | 深衡智影 | B轮 | 3.5亿元"
_BARE_PIPE_ROW = re.compile(r"^[^|]*\|[^|]*\|")


def _separator(line: str) -> str | None:
    """How a line separates table cells: "\t", "|" (Markdown), "¦" (bare pipes, no outer ones) or
    "  " (space-aligned), else None."""
    if "\t" in line and (sum(1 for c in line.split("\t") if c.strip()) >= 2 or line.count("\t") >= 2):
        return "\t"
    if _PIPE_ROW.match(line) and line.count("|") >= 3:
        return "|"
    if _BARE_PIPE_ROW.match(line.strip()) and not line.strip().startswith("|"):
        return "¦"
    if len(_SPACED_GAP.findall(line.strip())) >= 2 and not _ends_sentence(line):
        return "  "
    return None


def _split_cells(text: str, start: int, sep: str = "\t") -> list[Cell]:
    """Cells of a row with their document offsets (text stripped)."""
    if sep == "¦":
        bounds = [0] + [i + 1 for i, ch in enumerate(text) if ch == "|"]
        parts = [(b, (bounds[k + 1] - 1) if k + 1 < len(bounds) else len(text)) for k, b in enumerate(bounds)]
    elif sep == "|":
        lo = text.index("|") + 1
        hi = text.rindex("|")
        bounds = [lo] + [i + 1 for i in range(lo, hi) if text[i] == "|"]
        parts = [(b, (bounds[k + 1] - 1) if k + 1 < len(bounds) else hi) for k, b in enumerate(bounds)]
    else:
        gaps = [(m.start(), m.end()) for m in (_SPACED_GAP.finditer(text) if sep == "  " else re.finditer("\t", text))]
        edges = [0] + [e for _, e in gaps]
        ends = [s for s, _ in gaps] + [len(text)]
        parts = list(zip(edges, ends))
    cells = []
    for a, b in parts:
        part = text[a:b]
        lead = len(part) - len(part.lstrip())
        body = part.strip()
        cells.append(Cell(body, start + a + lead, start + a + lead + len(body)))
    return cells


def _ncells(line: str, sep: str) -> int:
    return len(_split_cells(line, 0, sep))


def _table_lines(lines: list[tuple[int, int, str]]) -> list[str | None]:
    """The cell separator of every line that is a table row (None for other lines).

    Space-aligned rows and rows between bare pipes only count in runs of two or more with the same
    number (>= 3) of cells: double spaces or a "|" inside prose are common, a column layout over
    several lines is not.
    """
    seps = [_separator(body) for _, _, body in lines]
    i = 0
    while i < len(seps):
        if seps[i] not in ("  ", "¦"):
            i += 1
            continue
        sep = seps[i]
        j = i
        n = _ncells(lines[i][2], sep)
        while j + 1 < len(seps) and seps[j + 1] == sep and _ncells(lines[j + 1][2], sep) == n:
            j += 1
        if j == i or n < 3:
            for k in range(i, j + 1):
                seps[k] = None
        i = j + 1
    return seps


#: a hard line wrap and the spaces around it, as it stands inside a name or a sentence
_WRAP = r"[ \t\u3000]*\r?\n[ \t\u3000]*"


def across_wraps(value: str) -> "re.Pattern":
    """``value`` as a pattern that also matches it written with a line wrap between any two characters."""
    return re.compile(_WRAP.replace(r"\n", r"\n?").join(re.escape(ch) for ch in value))


def unwrap(text: str) -> str:
    """``text`` as one line: the line wraps inside it (and the spaces around them) left out."""
    return re.sub(_WRAP, "", text) if "\n" in text else text


#: a labelled line of a card or a field list: "注册人：杭州某某医疗…", "本轮：Pre-A轮", "· 投资方: X（领投）"
LABELLED_LINE = re.compile(r"^[ \t　]*(?:[-·•●▪]\s*)?(?P<l>[\p{Han}A-Za-z0-9()（）]{1,10})[ \t　]*[：:][ \t　]*(?P<v>\S[^\n]*?)[ \t　]*$")


def labelled_lines(text: str, pos: int, limit: int) -> list[tuple[str, str, int, int]]:
    """(label, value, start, end) of the labelled lines from the line at document offset ``pos`` on,
    up to the first line that is none, at most ``limit`` of them."""
    out: list[tuple[str, str, int, int]] = []
    while len(out) < limit and pos <= len(text):
        nl = text.find("\n", pos)
        line = text[pos:nl if nl >= 0 else len(text)]
        m = LABELLED_LINE.match(line)
        if m is None:
            break
        out.append((m["l"], m["v"], pos + m.start("l"), pos + m.end("v")))
        if nl < 0:
            break
        pos = nl + 1
    return out


#: page numbers and running headers/footers of text extracted from paginated documents
#: a page-number line of a paginated document (第 3 页, - 3 -, 3/20, Page 3 of 20)
PAGE_NUMBER_RE = re.compile(r"^\s*(?:第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|[-–—]?\s*\d{1,4}\s*[-–—]?|\d{1,4}\s*/\s*\d{1,4}|Page\s+\d{1,4}(?:\s+of\s+\d{1,4})?)\s*$", re.I)


#: a page number written at the end of a running footer: "请务必阅读正文之后的免责声明      3 / 36"
_PAGE_TAIL = re.compile(r"\s+(?:第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—]"
                        r"|Page\s+\d{1,4}(?:\s+of\s+\d{1,4})?)\s*$", re.I)


def _furniture_key(body: str) -> str:
    """A line as a running header/footer repeats it: without the page number it ends with."""
    key = body.strip()
    bare = _PAGE_TAIL.sub("", key).strip()
    return bare if len(bare) >= 6 else key


def _furniture(lines: list[tuple[int, int, str]]) -> set[int]:
    """Indexes of page furniture: page numbers, and short lines repeated three or more times (a
    footer counted without its page number; a header "行业深度报告 | 医疗器械" too when its
    repeats stand pages apart, unlike the rows of one table)."""
    counts: dict[str, list[int]] = {}
    for idx, (_, _, body) in enumerate(lines):
        key = _furniture_key(body)
        if key and len(key) <= 60:
            counts.setdefault(key, []).append(idx)
    out = set()
    for idx, (_, _, body) in enumerate(lines):
        key = _furniture_key(body)
        if not key:
            continue
        seen = counts.get(key, [])
        apart = len(seen) >= 3 and all(b - a >= 8 for a, b in zip(seen, seen[1:]))
        sep = _separator(body)
        repeated = (len(seen) >= 3 and (sep is None or (apart and sep != "\t" and len(_split_cells(body, 0, sep)) <= 2))
                    and len(key) >= 6 and not _ends_sentence(key)
                    and _classify_line(key) not in (BlockType.SOURCE_NOTE, BlockType.CAPTION, BlockType.LIST_ITEM))
        if PAGE_NUMBER_RE.match(key) or repeated:
            out.add(idx)
    return out


def _build_table(rows_raw: list[tuple[int, int, str, int, str | None]]) -> tuple[Table, bool]:
    """Rows from tab lines; returns (table, is_toc). A wrap row (its date-like key cells empty,
    first cell filled, fewer filled cells) is merged into the row above."""
    rows: list[Row] = []
    for s, e, body, lineno, sep in rows_raw:
        if sep in ("|", "¦") and _PIPE_RULE.match(body):
            continue  # the |---|---| line under a Markdown header
        if sep is None and rows:
            _append_overflow(rows[-1], body, s)
            continue
        cells = _split_cells(body, s, sep or "\t")
        rows.append(Row(cells, s, s + len(body.rstrip()), lineno))
    toc_like = _is_toc(rows)
    header = rows[0] if rows and _looks_like_header(rows[0], rows[1:]) else None
    body_rows = rows[1:] if header else rows
    merged: list[Row] = []
    for r in body_rows:
        if merged and _is_wrap(r, merged[-1]):
            prev = merged[-1]
            for i, c in enumerate(r.cells):
                if c.empty:
                    continue
                if i < len(prev.cells):
                    pc = prev.cells[i]
                    joiner = " " if (pc.text[-1:].isascii() and c.text[:1].isascii()) else ""
                    prev.cells[i] = Cell(pc.text + joiner + c.text, pc.start if not pc.empty else c.start, c.end)
                else:
                    prev.cells.append(c)
            prev.end = r.end
        else:
            merged.append(r)
    return Table(header, merged), toc_like


def _is_toc(rows: list[Row]) -> bool:
    """Table-of-contents lines: a title (and maybe a number) then a page number, pages ascending.

    Statistics tables also end rows in small numbers, but they have numeric columns in the
    middle, numeric first cells (years) or numbers that do not ascend.
    """
    pages = []
    for r in rows:
        filled = [c.text for c in r.cells if c.text]
        if 2 <= len(filled) <= 3 and re.fullmatch(r"\d{1,3}", filled[-1]) and re.search(r"[\p{Han}A-Za-z]", filled[-2]):
            pages.append(int(filled[-1]))
    if len(pages) < max(1, 0.6 * len(rows)):
        return False
    return all(a <= b for a, b in zip(pages, pages[1:]))


def _append_overflow(row: Row, body: str, start: int) -> None:
    """Join a tab-less overflow line to the row's last filled cell and extend the row."""
    text = body.strip()
    lead = len(body) - len(body.lstrip())
    idx = max((i for i, c in enumerate(row.cells) if not c.empty), default=len(row.cells) - 1)
    cell = row.cells[idx]
    joiner = " " if (cell.text[-1:].isascii() and cell.text[-1:].isalnum() and text[:1].isascii()) else ""
    row.cells[idx] = Cell(cell.text + joiner + text, cell.start if not cell.empty else start + lead, start + lead + len(text))
    row.end = start + lead + len(text)


def _looks_like_header(first: Row, rest: list[Row]) -> bool:
    texts = [c.text for c in first.cells if c.text]
    if not texts or not rest:
        return False
    if any(re.search(r"\d{4}", t) for t in texts):
        return False
    return all(len(t) <= 12 for t in texts)


def _is_wrap(row: Row, prev: Row) -> bool:
    """A line that wraps the row above: some cell filled, but the row's date-like cells that the
    row above fills are empty (a new row would restate them)."""
    filled = [i for i, c in enumerate(row.cells) if not c.empty]
    if not filled:
        return True
    prev_key = [i for i, c in enumerate(prev.cells) if re.search(r"\d{4}|\d{1,2}月", c.text) and len(c.text) <= 12]
    if not prev_key:
        return False
    # a continuation row restates its own date; a row without one is the rest of the row above
    # (its first cell too may be empty when only later cells wrapped, as in PDF tables)
    return all(row.cell(i) is None or row.cell(i).empty for i in prev_key)


#: the frame of a text box drawn with box characters: its top-left corner (the title follows), its
#: side bar, or its bottom line
_BOX_LEAD = re.compile(r"^\s*(?:(?P<top>[┌╔┏╭][─━═]*)|[│┃║]|[└╚┗╰][─━═]*)[ \t\u3000]*")


def analyse(doc: Document) -> Structure:
    """Split a document into typed blocks."""
    text = doc.text
    lines = list(_lines(text))
    seps = _table_lines(lines)
    furniture = _furniture(lines)
    blocks: list[Block] = []
    i = 0
    n = len(lines)

    def same_columns(k: int, sep: str, ncols: int) -> bool:
        return k < n and seps[k] == sep and _ncells(lines[k][2], sep) == ncols

    while i < n:
        s, e, body = lines[i]
        if not body.strip():
            i += 1
            continue
        lineno = i + 1
        if i in furniture:
            blocks.append(Block(BlockType.BOILERPLATE, s + len(body) - len(body.lstrip()), s + len(body.rstrip()), body.strip(), lineno))
            i += 1
            continue
        sep = seps[i]
        if sep is not None:
            group = [(s, e, body, lineno, sep)]
            ncols = _ncells(body, sep)
            j = i + 1
            while j < n:
                s2, e2, b2 = lines[j]
                if seps[j] == sep:
                    group.append((s2, e2, b2, j + 1, sep))
                    j += 1
                    continue
                # a table continues over one blank line when the next line has the same columns and
                # an empty cell (a wrapped or continuation row); a full row there starts a new table
                if (not b2.strip() and same_columns(j + 1, sep, ncols)
                        and any(c.empty for c in _split_cells(lines[j + 1][2], 0, sep))):
                    j += 1
                    continue
                # a line without separators between two rows is the overflow of the row above's
                # last cell (a long 主要内容 or investor list wrapped by the layout)
                if (b2.strip() and seps[j] is None and same_columns(j + 1, sep, ncols) and len(b2.strip()) <= 80
                        and _classify_line(b2) not in (BlockType.CAPTION, BlockType.SOURCE_NOTE)):
                    group.append((s2, e2, b2, j + 1, None))
                    j += 1
                    continue
                break
            table, toc_like = _build_table(group)
            end = s + len(text[s:group[-1][1]].rstrip())
            btype = BlockType.TOC if toc_like else BlockType.TABLE
            blocks.append(Block(btype, s, end, text[s:end], lineno, table=table if btype is BlockType.TABLE else None))
            i = j
            continue
        box = _BOX_LEAD.match(body)
        if box and not body[box.end():].strip():
            # "└─────────": the bottom of a text box, no text
            blocks.append(Block(BlockType.BOILERPLATE, s + len(body) - len(body.lstrip()), s + len(body.rstrip()), body.strip(), lineno))
            i += 1
            continue
        if box:
            # a report's text box drawn with box characters ("┌─ 案例4-1｜示例医疗", "│ 融资历程：…"): its
            # top line is the box's title, its side bar no part of the text
            s, body = s + box.end(), body[box.end():]
        btype = BlockType.HEADING if box and box["top"] else _classify_line(body)
        # paragraphs broken inside a sentence (PDF/layout line breaks, page breaks with their
        # running header/footer) are joined into one block; the furniture is left out of its view
        start, end = s + (len(body) - len(body.lstrip())), e
        skips: list[tuple[int, int]] = []
        j = i + 1
        if btype in (BlockType.PARAGRAPH, BlockType.LIST_ITEM):
            last = body
            while not _ends_sentence(last):
                k = j
                blank = 0
                page: list[int] = []
                while k < n and (not lines[k][2].strip() or k in furniture):
                    if k in furniture:
                        page.append(k)
                    else:
                        blank += 1
                    k += 1
                if k >= n or blank - len(page) > 2 or (blank and not page and (re.search(r"[：:]\s*$", last)
                                                                            or _DOCUMENT_TITLE_LINE.match(last)
                                                                            or last is body and _SECTION_LABEL.match(last))):
                    # a line ending in ： before a blank line introduces what follows, a document's
                    # title stands above its addressee or body, and a bullet label alone ("■ 上市与
                    # 资本市场") heads a digest's section: none of them continues into it
                    break
                nb = lines[k][2]
                if seps[k] is not None or _classify_line(nb) not in (BlockType.PARAGRAPH,):
                    break
                skips += [(lines[p][0], lines[p][1]) for p in page]
                end = lines[k][1]
                last = nb
                j = k + 1
        end = start + len(text[start:end].rstrip())
        blocks.append(Block(btype, start, end, text[start:end], lineno, skips=tuple(skips)))
        i = j
    blocks = _split_long(_headlines_apart(blocks, text), text)
    _attach_context(blocks)
    if doc.metadata.get("page_starts"):

        for b in blocks:
            b.page = page_of(doc, b.start)
    return Structure(doc, blocks)


#: a text block longer than this is cut into consecutive blocks of its type at sentence ends (no
#: real paragraph comes near it; spaCy refuses texts over nlp.max_length, 1,000,000 characters,
#: and one such paragraph once made every extractor fail on its whole report)
MAX_BLOCK_CHARS = 50_000
_SENTENCE_END = re.compile(r"[。！？；!?;]|\n|\.\s")


def _split_long(blocks: list[Block], text: str) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if b.end - b.start <= MAX_BLOCK_CHARS or b.type is BlockType.TABLE:
            out.append(b)
            continue
        start = b.start
        while start < b.end:
            end = min(b.end, start + MAX_BLOCK_CHARS)
            if end < b.end:
                cut = None
                for m in _SENTENCE_END.finditer(text, start + MAX_BLOCK_CHARS // 2, end):
                    cut = m.end()
                end = cut or end
            skips = tuple((s, e) for s, e in b.skips if start <= s and e <= end)
            out.append(Block(b.type, start, end, text[start:end], b.line + text.count("\n", b.start, start), skips=skips))
            start = end
    return out


#: a flash item's headline in brackets, naming its company before a colon, run into its body:
#: "【岐澄生物(688296)：注射用岐他普单抗获批上市】岐澄生物公告，公司于…" (not a short label: 【简称】)
_BRACKET_HEADLINE = re.compile(r"^\s*(?:\d{1,3}\s*[.、．]\s*)?【[^】\n]{2,40}?[：:][^】\n]{2,80}】(?=\s*\S)")


def _headlines_apart(blocks: list[Block], text: str) -> list[Block]:
    """A bracketed headline opening a paragraph becomes the heading of its body: it names the
    company the body calls 公司 and restates the fact; run into the body it would be its subject."""
    out: list[Block] = []
    for b in blocks:
        m = _BRACKET_HEADLINE.match(b.text) if b.type in (BlockType.PARAGRAPH, BlockType.LIST_ITEM) else None
        if m is None:
            out.append(b)
            continue
        cut = b.start + m.end()
        rest = cut + len(text[cut:b.end]) - len(text[cut:b.end].lstrip())
        skips_head = tuple((s, e) for s, e in b.skips if e <= cut)
        skips_rest = tuple((s, e) for s, e in b.skips if s >= rest)
        out.append(Block(BlockType.HEADING, b.start, cut, text[b.start:cut], b.line, skips=skips_head))
        out.append(Block(b.type, rest, b.end, text[rest:b.end], b.line + text.count("\n", b.start, rest), skips=skips_rest))
    return out


def _attach_context(blocks: list[Block]) -> None:
    heading = ""
    for idx, b in enumerate(blocks):
        if b.type is BlockType.HEADING:
            heading = b.text.strip()
        b.heading = heading
        if b.type is not BlockType.TABLE:
            continue
        after = blocks[idx + 1:idx + 4]
        # the nearest caption wins: publishers put it above (表 4 ...) or below (图 10：...)
        near = [(idx - j, 0, blocks[j]) for j in range(max(0, idx - 3), idx) if blocks[j].type is BlockType.CAPTION]
        near += [(j - idx, 1, blocks[j]) for j in range(idx + 1, min(len(blocks), idx + 4)) if blocks[j].type is BlockType.CAPTION]
        if near:
            b.caption = min(near, key=lambda t: (t[0], t[1]))[2].text.strip()
        note = next((x for x in after if x.type is BlockType.SOURCE_NOTE), None)
        if note is not None:
            b.note = note.text.strip()

"""PDF reports read with pdfplumber into the same text layout the text reports have.

Per page: ruled tables are found from their lines (``find_tables``) and written as
tab-separated rows; the remaining words are grouped into lines, two-column pages are read
column by column, and large horizontal gaps inside a line (a table aligned by position only)
become tabs. Running headers and footers (lines repeated at the top or bottom of most pages)
and page numbers are dropped. The Document's text is that reconstruction; ``metadata
["page_starts"]`` holds the offset where each page begins, so evidence can name its page.
Broken PDFs raise IngestError with a specific reason: encrypted, corrupt or truncated, no
pages, too many pages, too slow, or no text layer (scanned: OCR is needed).
"""

from __future__ import annotations

import signal
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import regex as re

from .document import Document, guess_title, page_of  # page_of: re-exported (readers of PDFs use it)
from .faults import checkpoint
from .structure import PAGE_NUMBER_RE


@dataclass(frozen=True)
class PdfLimits:
    """Limits that keep one hostile PDF from stalling a run (all configurable)."""

    max_pages: int = 1000
    page_seconds: float = 20.0  # one page's extraction (enforced where a signal can interrupt it)
    total_seconds: float = 300.0  # the whole file
    min_chars_per_page: int = 20  # below this on average the PDF has no usable text layer
    max_memory_mb: int = 2048  # address-space limit of the process that parses one PDF


def limits_from_env() -> PdfLimits:
    """Limits from the settings (``REPORTX_PDF_MAX_PAGES``, ``_PAGE_SECONDS``, ``_TOTAL_SECONDS``, ``_MAX_MEMORY_MB``)."""
    from . import settings

    s = settings.current()
    return PdfLimits(max_pages=s.pdf_max_pages, page_seconds=s.pdf_page_seconds,
                     total_seconds=s.pdf_total_seconds, max_memory_mb=s.pdf_max_memory_mb)


class PdfError(Exception):
    """A PDF that cannot become a Document; ``reason`` says why."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3, "intersection_tolerance": 5}


@contextmanager
def _deadline(seconds: float, what: str):
    """Raise PdfError after ``seconds`` (SIGALRM; only in the main thread, elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def _timeout(signum, frame):
        raise PdfError(f"{what} took longer than {seconds:g}s (limit page_seconds)")

    old = signal.signal(signal.SIGALRM, _timeout)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _open(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # parses the page tree: broken files fail here
        return pdf
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise PdfError(f"encrypted PDF (a password is needed to read it): {type(exc).__name__}") from exc
    except (PDFSyntaxError, PSException) as exc:
        raise PdfError(f"corrupt or truncated PDF: {exc}") from exc
    except Exception as exc:  # pdfminer raises many kinds on broken files; pdfplumber wraps them
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise PdfError(f"encrypted PDF (a password is needed to read it): {type(inner).__name__}") from exc
        exc = inner
        name = type(exc).__name__
        if "password" in str(exc).lower() or "encrypt" in name.lower():
            raise PdfError(f"encrypted PDF (a password is needed to read it): {name}") from exc
        raise PdfError(f"corrupt or unreadable PDF: {name}: {exc}") from exc


def _gutter(words: list[dict], width: float) -> float | None:
    """The x of an empty vertical band between two columns of text, if the page has one."""
    if len(words) < 20:
        return None
    rows = _rows(words)
    if sum(len(_gaps(r)) >= 3 for r in rows) > max(2, 0.05 * len(rows)):
        return None  # a table page: its columns are table columns, not a two-column layout
    mid_lo, mid_hi = width * 0.35, width * 0.65
    lo = [w for w in words if w["x1"] <= width / 2]
    hi = [w for w in words if w["x0"] >= width / 2]
    crossing = [w for w in words if w["x0"] < width / 2 < w["x1"]]
    if len(crossing) > 0.05 * len(words) or len(lo) < 8 or len(hi) < 8:
        return None
    right_edge = max(w["x1"] for w in lo)
    left_edge = min(w["x0"] for w in hi)
    if mid_lo <= right_edge < left_edge <= mid_hi + width * 0.1:
        return (right_edge + left_edge) / 2
    return None


def _rows(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines (same baseline within 3pt), left to right."""
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - w["top"]) <= 3:
            rows[-1].append(w)
        else:
            rows.append([w])
    for row in rows:
        row.sort(key=lambda w: w["x0"])
    return rows


def _join(words: list[dict]) -> str:
    """Words of one line (or cell) as text: a space only where the PDF shows one."""
    size = max(w["bottom"] - w["top"] for w in words) or 10
    text = words[0]["text"]
    for prev, w in zip(words, words[1:]):
        text += (" " if w["x0"] - prev["x1"] > 0.15 * size else "") + w["text"]
    return text


def _gaps(row: list[dict]) -> list[float]:
    """x where a new column starts in a line: after every gap wider than 1.5 font sizes."""
    size = max(w["bottom"] - w["top"] for w in row) or 10
    return [row[0]["x0"]] + [w["x0"] for prev, w in zip(row, row[1:]) if w["x0"] - prev["x1"] > 1.5 * size]


def _column_starts(rows: list[list[dict]], gaps: list[list[float]]) -> list[float]:
    """Column starts of a table region: x positions where segments begin in at least two rows
    (a column whose cells only ever wrap still starts its continuation lines at its edge)."""
    xs = sorted([x for g in gaps for x in g] + [r[0]["x0"] for r in rows])
    clusters: list[list[float]] = []
    for x in xs:
        if clusters and x - clusters[-1][-1] <= 6:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    starts = [min(c) for c in clusters if len(c) >= 2]
    widest = max(gaps, key=len)
    return starts if len(starts) >= len(widest) else widest


def _lines(words: list[dict]) -> list[tuple[float, float, str]]:
    """(top, bottom, text) of the lines the words form.

    A table aligned by position only (no ruling) shows as a run of lines with wide gaps: its
    column starts are taken from the line with the most columns, and every word goes to the
    column it starts under, so a row continuing the entity above keeps its empty first cell
    and a wrapped cell lands in its own column (the structure layer merges such wrap rows).
    A line starting at the left margin without gaps ends the table.
    """
    rows = _rows(words)
    cols = [_gaps(r) for r in rows]
    out: list[tuple[float, float, str]] = []
    i = 0
    while i < len(rows):
        if len(cols[i]) < 2:
            out.append((rows[i][0]["top"], max(w["bottom"] for w in rows[i]), _join(rows[i])))
            i += 1
            continue
        left = rows[i][0]["x0"]
        j = i
        while j + 1 < len(rows) and (len(cols[j + 1]) >= 2 or rows[j + 1][0]["x0"] > left + 5):
            j += 1
        while j > i and len(cols[j]) < 2 and rows[j][0]["x0"] <= left + 5:
            j -= 1
        starts = _column_starts(rows[i:j + 1], cols[i:j + 1])
        for r in rows[i:j + 1]:
            cells: list[list[dict]] = [[] for _ in starts]
            for w in r:
                col = max((c for c, sx in enumerate(starts) if sx <= w["x0"] + 6), default=0)
                cells[col].append(w)
            out.append((r[0]["top"], max(w["bottom"] for w in r), "\t".join(_join(c) if c else "" for c in cells)))
        i = j + 1
    return out


def _page_text(page) -> list[str]:
    """The page's lines in reading order (tables as tab-separated rows, columns one after another)."""
    tables = page.find_tables(_TABLE_SETTINGS)
    boxes = [t.bbox for t in tables]

    def in_table(w: dict) -> bool:
        return any(b[0] - 1 <= w["x0"] and w["x1"] <= b[2] + 1 and b[1] - 1 <= w["top"] and w["bottom"] <= b[3] + 1 for b in boxes)

    words = [w for w in page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False) if not in_table(w)]
    items: list[tuple[int, float, float, str]] = []  # (column, top, bottom, text)
    # the header and footer bands span the page whatever its columns (a centred "第 4 页")
    band = [w for w in words if w["top"] < 0.05 * page.height or w["bottom"] > 0.965 * page.height]
    words = [w for w in words if w not in band]
    items += [(-1 if t < page.height / 2 else 2, t, b, s) for t, b, s in _lines(band)]
    gutter = _gutter(words, page.width)
    if gutter is None:
        items += [(0, t, b, s) for t, b, s in _lines(words)]
    else:
        items += [(0, t, b, s) for t, b, s in _lines([w for w in words if w["x1"] <= gutter])]
        items += [(1, t, b, s) for t, b, s in _lines([w for w in words if w["x0"] >= gutter])]
    for t in tables:
        rows = [["" if c is None else re.sub(r"\s*\n\s*", "", c) for c in row] for row in t.extract()]
        text = "\n".join("\t".join(r) for r in rows if any(c.strip() for c in r))
        items.append((0, t.bbox[1], t.bbox[3], text))
    items.sort(key=lambda it: (it[0], it[1]))
    # a blank line where the vertical gap is larger than the usual line spacing (a new paragraph)
    gaps = [b[1] - a[2] for a, b in zip(items, items[1:]) if a[0] == b[0] and b[1] > a[2]]
    usual = sorted(gaps)[len(gaps) // 2] if gaps else 5
    out: list[str] = []
    for k, it in enumerate(items):
        in_table = k and "\t" in it[3] and "\t" in items[k - 1][3]
        if k and items[k - 1][0] == it[0] and it[1] - items[k - 1][2] > usual + 2.5 and not in_table:
            out.append("")
        elif k and items[k - 1][0] != it[0]:
            out.append("")
        out.append(it[3])
    return out


def _furniture(pages: list[list[str]]) -> set[str]:
    """Running headers/footers: lines (digits ignored) at the top or bottom of at least half the pages."""
    if len(pages) < 2:
        return set()
    seen: Counter = Counter()
    for lines in pages:
        edge = [ln for ln in lines if ln.strip()]
        keys = {re.sub(r"\d+", "#", ln.strip()) for ln in edge[:2] + edge[-2:]}
        seen.update(keys)
    return {k for k, n in seen.items() if n >= max(2, len(pages) / 2)}


def read_pdf(path: Path | str, limits: PdfLimits | None = None) -> Document:
    """A PDF report as a Document; PdfError with a specific reason when it cannot be read."""
    path = Path(path)
    limits = limits or limits_from_env()
    started = time.monotonic()
    pdf = _open(path)
    try:
        n = len(pdf.pages)
        if n == 0:
            raise PdfError("PDF has no pages")
        if n > limits.max_pages:
            raise PdfError(f"PDF has {n} pages, over the limit of {limits.max_pages} (PdfLimits.max_pages)")
        pages: list[list[str]] = []
        for i, page in enumerate(pdf.pages, 1):
            if time.monotonic() - started > limits.total_seconds:
                raise PdfError(f"reading stopped at page {i}: over {limits.total_seconds:g}s (PdfLimits.total_seconds)")
            try:
                with _deadline(limits.page_seconds, f"page {i}"):
                    checkpoint("pdf_page")  # crash tests stall a page here
                    pages.append(_page_text(page))
            except PdfError:
                raise
            except Exception as exc:  # pdfplumber wraps what interrupts it (our deadline, too)
                inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
                if isinstance(inner, PdfError):
                    raise inner from None
                if isinstance(inner, MemoryError):
                    raise MemoryError from exc
                raise PdfError(f"page {i} cannot be read: {type(exc).__name__}: {exc}") from exc
            page.flush_cache()
    finally:
        pdf.close()
    furniture = _furniture(pages)
    chunks: list[str] = []
    starts: list[int] = []
    pos = 0
    for lines in pages:
        kept = [ln for ln in lines if not PAGE_NUMBER_RE.match(ln) and re.sub(r"\d+", "#", ln.strip()) not in furniture]
        chunk = "\n".join(kept).strip("\n") + "\n\n"
        first = chunk.split("\n", 1)[0]
        last = chunks[-1].rstrip("\n").rsplit("\n", 1)[-1] if chunks else ""
        if "\t" in first and "\t" in last and first.count("\t") == last.count("\t"):
            # a table running over the page break: its rows stay one table
            chunks[-1] = chunks[-1][:-1]
            pos -= 1
        starts.append(pos)
        chunks.append(chunk)
        pos += len(chunk)
    text = "".join(chunks)
    if len(re.sub(r"\s", "", text)) < limits.min_chars_per_page * n:
        raise PdfError("no text layer (a scanned PDF?): OCR is needed, which this pipeline does not do")

    return Document(text=text, source=str(path), title=guess_title(text, path.stem), encoding="pdf",
                    metadata={"page_starts": starts, "pages": n})



def _isolated_child(conn, path: str, limits: PdfLimits) -> None:
    import resource

    cap = limits.max_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    try:
        conn.send(("ok", read_pdf(path, limits)))
    except PdfError as exc:
        conn.send(("error", exc.reason))
    except MemoryError:
        conn.send(("error", f"needed more than {limits.max_memory_mb} MB of memory (PdfLimits.max_memory_mb)"))
    except Exception as exc:  # anything else a hostile file triggers is its reason, not our crash
        conn.send(("error", f"cannot be read: {type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def read_pdf_isolated(path: Path | str, limits: PdfLimits | None = None) -> Document:
    """``read_pdf`` in a child process with a memory cap and a wall-clock limit, so one hostile
    PDF can neither exhaust the run's memory nor stall it (the child is killed).

    Falls back to reading in-process where a child cannot be started (inside a daemonic
    process, e.g. some Dask worker set-ups).
    """
    import multiprocessing as mp

    limits = limits or limits_from_env()
    if mp.current_process().daemon:
        return read_pdf(path, limits)
    ctx = mp.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_isolated_child, args=(send, str(path), limits), daemon=True)
    proc.start()
    send.close()
    try:
        if not receive.poll(limits.total_seconds + 15):
            raise PdfError(f"reading took longer than {limits.total_seconds:g}s (PdfLimits.total_seconds); stopped")
        try:
            kind, value = receive.recv()
        except EOFError:
            proc.join(5)
            raise PdfError(f"the PDF reader died (exit code {proc.exitcode}; memory cap {limits.max_memory_mb} MB)") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        receive.close()
    if kind == "error":
        raise PdfError(value)
    return value

"""Generate the PDF fixtures in fixtures/pdf/ from the sample text reports (needs reportlab).

    .venv/bin/pip install reportlab && .venv/bin/python scripts/make_pdf_fixtures.py

Each report becomes a multi-page A4 PDF set in reportlab's built-in CJK font STSong-Light
(not embedded; pdfplumber reads it back as Unicode) with a running header, a footer with the
page number, the report's tab-separated tables drawn as tables (the first one ruled with grid
lines, the others ruled-less: columns aligned by position only), and one page set in two
columns. fixtures/pdf/bad/ gets the broken PDFs the ingest must quarantine: encrypted,
truncated, no text layer (a scanned page: only an image), zero pages.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[1]
FONT = "STSong-Light"
W, H = A4
MARGIN = 50
SIZE = 10
LEAD = 15


def _width(text: str, size: float = SIZE) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)


def _wrap(text: str, width: float, size: float = SIZE) -> list[str]:
    """Greedy character wrap (Chinese has no spaces to break at)."""
    lines, cur = [], ""
    for ch in text:
        if _width(cur + ch, size) > width and cur:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines or [""]


class Writer:
    """Lays out paragraphs and tables on pages with a running header and a page-number footer."""

    def __init__(self, out: Path, title: str):
        self.c = canvas.Canvas(str(out), pagesize=A4)
        self.c.setTitle(title)
        self.title = title
        self.page = 0
        self.tables = 0
        self._new_page()

    def _furniture(self) -> None:
        self.c.setFont(FONT, 8)
        self.c.drawString(MARGIN, H - 30, f"{self.title[:40]} | 行业研究报告")
        self.c.drawCentredString(W / 2, 25, f"第 {self.page} 页")

    def _new_page(self) -> None:
        if self.page:
            self.c.showPage()
        self.page += 1
        self._furniture()
        self.y = H - 60

    def _need(self, height: float) -> None:
        if self.y - height < 50:
            self._new_page()

    def paragraph(self, text: str, x: float = MARGIN, width: float = W - 2 * MARGIN) -> None:
        for line in _wrap(text, width):
            self._need(LEAD)
            self.c.setFont(FONT, SIZE)
            self.c.drawString(x, self.y, line)
            self.y -= LEAD
        self.y -= 4

    def table(self, rows: list[list[str]]) -> None:
        """The first table of a document is ruled (grid lines); later ones are aligned by position only."""
        self.tables += 1
        ruled = self.tables == 1
        ncol = max(len(r) for r in rows)
        colw = (W - 2 * MARGIN) / ncol
        size = 8
        for row in rows:
            cells = [(_wrap(c, colw - 6, size) if c else [""]) for c in row] + [[""]] * (ncol - len(row))
            height = max(len(c) for c in cells) * 11 + 4
            self._need(height)
            top = self.y + 9
            for i, lines in enumerate(cells):
                for k, line in enumerate(lines):
                    self.c.setFont(FONT, size)
                    self.c.drawString(MARGIN + i * colw + 3, self.y - k * 11, line)
            if ruled:
                self.c.setLineWidth(0.5)
                for i in range(ncol + 1):
                    self.c.line(MARGIN + i * colw, top, MARGIN + i * colw, top - height)
                self.c.line(MARGIN, top, MARGIN + ncol * colw, top)
                self.c.line(MARGIN, top - height, MARGIN + ncol * colw, top - height)
            self.y -= height
        self.y -= 8

    def two_columns(self, paragraphs: list[str]) -> None:
        """A page of two columns: the first half of the paragraphs on the left, the rest on the
        right; a reader must finish the left column before the right one."""
        self._new_page()
        colw = (W - 2 * MARGIN - 24) / 2
        total = sum(len(p) for p in paragraphs)
        acc, split = 0, len(paragraphs)
        for k, para in enumerate(paragraphs):
            acc += len(para)
            if acc >= total / 2:
                split = k + 1
                break
        top = self.y
        for x, paras in ((MARGIN, paragraphs[:split]), (MARGIN + colw + 24, paragraphs[split:])):
            self.y = top
            for para in paras:
                for line in _wrap(para, colw):
                    if self.y < 60:
                        break
                    self.c.setFont(FONT, SIZE)
                    self.c.drawString(x, self.y, line)
                    self.y -= LEAD
                self.y -= 4
        self._new_page()

    def save(self) -> None:
        self.c.save()


def render(report: Path, out: Path) -> None:
    """One report as a PDF: its blocks in order; tables as tables; a two-column page after the first third."""
    lines = report.read_text(encoding="utf-8").splitlines()
    title = next((ln.strip() for ln in lines if ln.strip()), report.stem)
    w = Writer(out, title)
    i, n = 0, len(lines)
    two_col_at = n // 3
    done_two = False
    while i < n:
        if not done_two and i >= two_col_at:
            paras = []
            while i < n and len(paras) < 8 and sum(len(p) for p in paras) < 1500:
                if lines[i].strip() and "\t" not in lines[i]:
                    paras.append(lines[i].strip())
                elif "\t" in lines[i]:
                    break
                i += 1
            w.two_columns(paras)
            done_two = True
            continue
        line = lines[i]
        if "\t" in line:
            rows = []
            while i < n and ("\t" in lines[i] or (not lines[i].strip() and i + 1 < n and "\t" in lines[i + 1])):
                if lines[i].strip():
                    rows.append([c.strip() for c in lines[i].split("\t")])
                i += 1
            w.table(rows)
            continue
        if line.strip():
            w.paragraph(line.strip())
        i += 1
    w.save()


def bad_pdfs(folder: Path) -> None:
    """PDFs that must be quarantined with a specific reason."""
    from reportlab.lib import colors

    folder.mkdir(parents=True, exist_ok=True)
    # encrypted (a user password is required to open it)
    c = canvas.Canvas(str(folder / "encrypted.pdf"), encrypt="secret")
    c.setFont(FONT, 12)
    c.drawString(MARGIN, H - 80, "2023年7月，推想科技完成B轮融资。")
    c.save()
    # scanned: a page with only a drawn image, no text layer
    c = canvas.Canvas(str(folder / "scanned.pdf"))
    for k in range(3):
        c.setFillColor(colors.lightgrey)
        c.rect(MARGIN, H / 2 - 100, W - 2 * MARGIN, 200, fill=1)
        c.showPage()
    c.save()
    # truncated: a good PDF cut in half
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont(FONT, 12)
    for k in range(5):
        c.drawString(MARGIN, H - 80, f"第{k + 1}页：2023年7月，推想科技完成B轮融资。")
        c.showPage()
    c.save()
    data = buf.getvalue()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    # zero pages
    (folder / "zero_pages.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    # not a PDF at all
    (folder / "not_really.pdf").write_bytes(b"<html><body>404 Not Found</body></html>")


def main(argv: list[str]) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    out = ROOT / "fixtures" / "pdf"
    out.mkdir(parents=True, exist_ok=True)
    for report in sorted((ROOT / "fixtures" / "reports").glob("*.txt")):
        render(report, out / f"{report.stem}.pdf")
        print(out / f"{report.stem}.pdf")
    bad_pdfs(out / "bad")
    print(out / "bad")


if __name__ == "__main__":
    main(sys.argv[1:])

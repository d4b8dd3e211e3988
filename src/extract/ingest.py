"""Read report files of any common encoding into Documents."""

from __future__ import annotations

import codecs
from pathlib import Path

from . import settings
from .document import Document, guess_title

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES


def max_bytes() -> int:
    """Text reports larger than this are refused rather than read into memory whole; the largest
    real reports are a few hundred KB (setting ``max_bytes``, ``REPORTX_MAX_BYTES``)."""
    return settings.current().max_bytes


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class IngestError(Exception):
    """A file that cannot become a Document; the message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __reduce__(self):  # picklable across processes (Prefect, Dask workers)
        return (IngestError, (self.path, self.reason))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode report bytes; return (text, encoding). Raises ValueError with a reason."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM has NULs only beside ASCII characters: accept a decoding that
        # reads as Chinese/ASCII text, otherwise NUL bytes mean binary data.
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _mostly_cjk_or_ascii(text) and "\x00" not in text:
                return text, enc
        raise ValueError("binary data (NUL bytes) — not a text report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Chinese legacy encodings: GB18030 is a superset of GBK/GB2312; check it first since
    # charset detection on short Chinese texts often guesses Big5 or a Cyrillic code page.
    try:
        text = data.decode("gb18030")
        if _mostly_cjk_or_ascii(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ValueError("undecodable bytes: not UTF-8, UTF-16 or GB18030 and no charset detected")
    return str(best), best.encoding


def _mostly_cjk_or_ascii(text: str) -> bool:
    if not text:
        return True
    good = sum(1 for ch in text if (ch.isascii() and (ch.isprintable() or ch in "\r\n\t")) or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
    return good / len(text) > 0.9



def read_document(path: Path | str) -> Document:
    """Read a .txt/.md/.pdf report into a Document, or raise IngestError naming the file and why."""
    path = Path(path)
    _regular_file(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise IngestError(path, f"unsupported file type {path.suffix or '(none)'}; supported: {sorted(SUPPORTED_SUFFIXES)}")
    if path.suffix.lower() in PDF_SUFFIXES:
        from .pdf import PdfError, read_pdf_isolated

        try:
            size = path.stat().st_size
            if size > max_bytes():
                raise IngestError(path, f"file is {size} bytes, over the {max_bytes()} byte limit (REPORTX_MAX_BYTES)")
            return read_pdf_isolated(path)
        except PdfError as exc:
            raise IngestError(path, exc.reason) from exc
        except OSError as exc:
            raise IngestError(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        size = path.stat().st_size
        limit = max_bytes()
        if size > limit:
            raise IngestError(path, f"file is {size} bytes, over the {limit} byte limit (REPORTX_MAX_BYTES)")
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        text, encoding = decode_bytes(data)
    except ValueError as exc:
        raise IngestError(path, str(exc)) from exc
    text = normalise_line_ends(text)
    if not text.strip(_BLANK):
        raise IngestError(path, "empty report (no text)")
    if (junk := not_text(text)) is not None:
        raise IngestError(path, junk)
    return Document(text=text, source=str(path), title=guess_title(text, path.stem), encoding=encoding)


def not_text(text: str) -> str | None:
    """Why a decoded file is no report although it decoded (a few bytes of binary that happen to be
    valid UTF-8 or UTF-16), or None: it has no letter at all, or control characters are a tenth of it."""
    import unicodedata

    if not any(ch.isalpha() for ch in text):
        return "not a text report: no letters in it"
    control = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\x0b\x0c\x85")
    if control * 10 > len(text):
        return f"not a text report: {control} of its {len(text)} characters are control characters"
    return None


#: what makes no text: white space, and the invisible characters a file can hold nothing but
#: (byte order marks, zero-width spaces and joiners, word joiners)
_BLANK = " \t\n\r\x0b\x0c\u00a0\u3000\u2028\u2029\u0085\ufeff\u200b\u200c\u200d\u2060"


def _regular_file(path: Path) -> None:
    """IngestError unless ``path`` is (or links to) a regular file: a FIFO would block the read
    forever and a device such as /dev/zero never ends, so neither is ever opened."""
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise IngestError(path, "cannot read: broken symbolic link") from None
        raise IngestError(path, "cannot read: no such file") from None
    except OSError as exc:
        raise IngestError(path, f"cannot read: {exc.strerror or exc}") from exc
    if stat.S_ISREG(mode):
        return
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "a folder" if stat.S_ISDIR(mode) else "a special file")
    raise IngestError(path, f"not a regular file: {kind} (never opened)")


def normalise_line_ends(text: str) -> str:
    """Windows (CRLF) and old Mac (CR) line ends become ``\n``, once, at ingest: the document's
    text, its doc_id (the sha256 of that text), the stored copy and every evidence offset all
    refer to the normalised text, so no later reader can translate it into something else.
    Nothing else changes (U+2028, U+0085 and other characters stay as written)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")

"""The Document: decoded report text, its content id and where it came from."""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from functools import cached_property


def text_id(text: str) -> str:
    """Content id of a document: sha256 of its decoded text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """A report as text. All record offsets refer to ``text``."""

    text: str
    source: str
    title: str = ""
    encoding: str = "utf-8"
    metadata: dict = field(default_factory=dict, compare=False, hash=False)

    @cached_property
    def doc_id(self) -> str:
        """sha256 of the decoded text: the same text from any file or encoding is one document
        (hashed once: every record and its validation ask for it)."""
        return text_id(self.text)

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return self.text.count("\n", 0, offset) + 1


def page_of(doc: Document, offset: int) -> int | None:
    """1-based page of a character offset of a PDF document (None for text documents)."""
    starts = doc.metadata.get("page_starts") if doc.metadata else None
    if not starts:
        return None
    return bisect.bisect_right(starts, offset)


def guess_title(text: str, fallback: str) -> str:
    """The first short non-empty line that is not a table of contents marker."""
    for line in text.splitlines()[:40]:
        line = line.strip().strip("#").strip()
        if 2 <= len(line) <= 60 and line not in {"目录", "目 录", "CONTENTS", "Contents"}:
            return line
    return fallback

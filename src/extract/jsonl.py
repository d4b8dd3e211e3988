"""JSON Lines as every reader splits them: one writer and one reader for the whole project.

``json.dumps(..., ensure_ascii=False)`` writes U+2028, U+2029 and U+0085 raw, and Python's
``str.splitlines()`` (and some other readers) break lines there, so one such character in a fact's
evidence split a record in two for every reader that did. Lines written here escape those three
characters (they can only occur inside JSON strings, where ``\\u2028`` means the same character),
so a file has exactly one line per value whichever way a reader splits it; lines are read by
splitting on ``\\n`` only. A file that is not UTF-8 or holds a line that is not JSON is a
``JsonlError`` naming the file and the line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

#: characters some line splitters treat as line breaks although JSON allows them raw in strings
_LINE_BREAKERS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}


class JsonlError(ValueError):
    """A JSON Lines file that cannot be read; the message names the file, the line and why."""


def dumps(value: Any, *, sort_keys: bool = True) -> str:
    """One JSON Lines line (without its ``\\n``): UTF-8 text, no raw line-breaking characters."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=sort_keys)
    if any(ch in text for ch in _LINE_BREAKERS):
        for ch, esc in _LINE_BREAKERS.items():
            text = text.replace(ch, esc)
    return text


def lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of the non-empty lines of ``path``, split on ``\\n`` only."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonlError(f"{path}: not UTF-8 at byte {exc.start} (a torn or foreign file)") from None
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield number, line


def read(path: Path) -> list[Any]:
    """Every value of a JSON Lines file."""
    out = []
    for number, line in lines(path):
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise JsonlError(f"{path}:{number}: not JSON ({exc.msg}, column {exc.colno}; a torn or edited file)") from None
    return out


def write(path: Path, rows: Iterable[Any], *, sort_keys: bool = True, mode: str = "w") -> int:
    """Write (or with ``mode="a"`` append) rows, one a line; returns how many."""
    n = 0
    with open(path, mode, encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(dumps(row, sort_keys=sort_keys) + "\n")
            n += 1
    return n


def read_text(path: Path) -> str:
    """A text file exactly as stored (UTF-8, no newline translation: ``\\r\\n`` stays ``\\r\\n``)."""
    return Path(path).read_bytes().decode("utf-8")

"""A spaCy tokenizer that segments Chinese with pkuseg and keeps ``doc.text == text``.

Registered as ``reportx.PkusegTokenizer.v1``. The pkuseg model is the one bundled with the
pkuseg package (loaded from disk, offline); only the user dictionary is saved with the
pipeline, so a saved pipeline stays small. One segmenter per user dictionary per process.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterable

import srsly
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces
from spacy.util import registry
from spacy.vocab import Vocab

from .resources import read_word_list

_SEGMENTERS: dict[str, Any] = {}


def get_segmenter(words: tuple[str, ...]) -> Any:
    """The process-wide pkuseg segmenter for this user dictionary (loaded once: ~0.9 GB)."""
    key = hashlib.sha1("\n".join(words).encode("utf-8")).hexdigest()
    seg = _SEGMENTERS.get(key)
    if seg is None:
        try:
            import pkuseg
        except ImportError as exc:  # pragma: no cover - install problem
            raise ImportError(
                "pkuseg is not installed. Build it with: pip install numpy cython wheel && "
                "pip install --no-build-isolation pkuseg==0.0.25 (or run `make venv`)"
            ) from exc
        seg = pkuseg.pkuseg(user_dict=list(words) or "default")
        _SEGMENTERS[key] = seg
    return seg


def align(text: str, words: Iterable[str]) -> tuple[list[str], list[bool]]:
    """Align segmenter output to ``text`` (spaCy's ``get_words_and_spaces``: whitespace becomes
    tokens or trailing spaces). Words that do not occur where expected (a segmenter that
    normalised a character) are realigned one by one, the rest as single characters, so the Doc
    always reproduces the text exactly."""
    words = [w for w in words if w and not w.isspace()]
    try:
        tokens, spaces = get_words_and_spaces(words, text)
        return list(tokens), list(spaces)
    except ValueError:
        return _realign(text, words)


def _realign(text: str, words: Iterable[str]) -> tuple[list[str], list[bool]]:
    """The words found in ``text`` one by one; where one does not occur where expected (a segmenter
    that normalised a character), the characters up to its next occurrence become tokens."""
    out_words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    n = len(text)

    def emit_ws(end: int) -> None:
        nonlocal pos
        ws = text[pos:end]
        if not ws:
            return
        if ws == " " and out_words and not spaces[-1]:
            spaces[-1] = True
        else:
            out_words.append(ws)
            spaces.append(False)
        pos = end

    for word in words:
        if not word or word.isspace():
            continue
        ws_end = pos
        while ws_end < n and text[ws_end].isspace():
            ws_end += 1
        emit_ws(ws_end)
        if text.startswith(word, pos):
            out_words.append(word)
            spaces.append(False)
            pos += len(word)
        else:
            # realign: consume characters one by one until the next word boundary is found
            j = text.find(word, pos)
            if j == -1:
                break
            for ch in text[pos:j]:
                if ch.isspace():
                    out_words.append(ch)
                    spaces.append(False)
                else:
                    out_words.append(ch)
                    spaces.append(False)
            out_words.append(word)
            spaces.append(False)
            pos = j + len(word)
    # anything left (trailing whitespace or unaligned text)
    rest = text[pos:]
    if rest:
        if rest.isspace():
            emit_ws(n)
        else:
            for ch in rest:
                out_words.append(ch)
                spaces.append(False)
    return out_words, spaces


class PkusegTokenizer:
    """spaCy tokenizer backed by pkuseg with a domain user dictionary."""

    def __init__(self, vocab: Vocab, user_words: Iterable[str] = ()):
        self.vocab = vocab
        self.user_words: tuple[str, ...] = tuple(dict.fromkeys(w.strip() for w in user_words if w.strip()))
        self._seg = None

    @property
    def segmenter(self) -> Any:
        if self._seg is None:
            self._seg = get_segmenter(self.user_words)
        return self._seg

    def __call__(self, text: str) -> Doc:
        words = self.segmenter.cut(text) if text.strip() else []
        tokens, spaces = align(text, words)
        return Doc(self.vocab, words=tokens, spaces=spaces)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    # serialisation: only the user dictionary travels with the pipeline
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"user_words": list(self.user_words)})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "PkusegTokenizer":
        self.user_words = tuple(srsly.msgpack_loads(data)["user_words"])
        self._seg = None
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "user_dict.txt").write_text("\n".join(self.user_words) + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "PkusegTokenizer":
        self.user_words = tuple(read_word_list(Path(path) / "user_dict.txt"))
        self._seg = None
        return self


@registry.tokenizers("reportx.PkusegTokenizer.v1")
def create_pkuseg_tokenizer(user_dict: str = "default"):
    """Factory: ``user_dict`` is "default" (the bundled domain dictionary), "none", or a file path."""

    def make(nlp) -> PkusegTokenizer:
        if user_dict == "none":
            words: list[str] = []
        elif user_dict == "default":
            from .resources import default_user_words

            words = default_user_words()
        else:
            words = read_word_list(Path(user_dict))
        return PkusegTokenizer(nlp.vocab, words)

    return make

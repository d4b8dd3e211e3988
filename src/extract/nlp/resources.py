"""Data files shipped with the package: the pkuseg user dictionary and the gazetteers."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
GAZETTEER_DIR = DATA_DIR / "gazetteers"
#: the trained NER shipped with the package (``reportx train-ner`` replaces it)
MODEL_DIR = DATA_DIR / "ner_model"

#: gazetteer file stem -> entity label
GAZETTEER_LABELS = {"gov": "GOV", "org": "ORG"}


def read_word_list(path: Path) -> list[str]:
    """One entry a line; blank lines and lines starting with # are ignored."""
    words = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line)
    return words


@lru_cache(maxsize=None)
def gazetteer(name: str) -> tuple[str, ...]:
    """Entries of ``data/gazetteers/<name>.txt``."""
    return tuple(read_word_list(GAZETTEER_DIR / f"{name}.txt"))


@lru_cache(maxsize=1)
def default_user_words() -> list[str]:
    """The pkuseg user dictionary: domain terms plus every gazetteer entry (kept whole)."""
    words = read_word_list(DATA_DIR / "userdict.txt")
    for name in GAZETTEER_LABELS:
        words.extend(gazetteer(name))
    return list(dict.fromkeys(words))

"""Traditional-Chinese input (reports from Hong Kong and Taiwan), read through a simplified view.

The rules, gazetteers and the NER were built on simplified Chinese. A report written in
traditional characters is converted with OpenCC (``t2s``) for matching only: OpenCC converts
character by character here, so the view has the same length as the original and every offset
found in it is an offset of the original text. Records are mapped back (``process``): evidence
and every name are taken from the original text at the same offsets, so values stay as written
(遠距醫療, 新臺幣) and ``document_text[start:end] == evidence.text`` holds for the stored text.

A text counts as traditional when the conversion changes at least ``MIN_CHANGED`` of its Chinese
characters (a simplified text changes almost none); a conversion that changes the length (a
phrase rewritten) is not used.
"""

from __future__ import annotations

from functools import lru_cache

#: share of CJK characters the conversion must change for a text to count as traditional
MIN_CHANGED = 0.03


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def simplified_view(text: str) -> str | None:
    """The text in simplified characters, same length, when it is written in traditional ones;
    otherwise None (simplified already, no Chinese, or a conversion that would move offsets)."""
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if cjk == 0:
        return None
    converted = _converter().convert(text)
    if len(converted) != len(text):
        return None
    changed = sum(1 for a, b in zip(text, converted) if a != b)
    return converted if changed / cjk >= MIN_CHANGED else None

"""The scans rewritten for speed (issue #21) find exactly what the regexes they replace found.

Each fast scan is checked against the plain regex it stands for, on generated texts built from
the characters those regexes care about (names, brackets, head words, whitespace), so a
difference in where matches start, end or resume shows up as a failing example.
"""

from __future__ import annotations

import importlib

import regex as re
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract.entities import clusters
from extract.lexicon.orgs import NAME_HEAD

# pieces that make names, their tails and the text between them
_PIECES = ["示例", "示例医疗", "医疗", "公司", "集团", "科技", "生物", "Bio", "Health", "示", "例", "的", "与", "，", "。",
           " ", "\n", "（", "）", "A", "示例示例", "医"]
texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
names = st.lists(st.sampled_from(_PIECES[:12] + ["示例示", "例示"]), min_size=1, max_size=3).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=texts, name=names)
def test_occurrences_are_the_regex_finditer(text, name):
    assert list(clusters.occurrences(text, name)) == [m.start() for m in re.finditer(re.escape(name), text)]


@settings(max_examples=400, deadline=None)
@given(text=texts, brand=names)
def test_brand_occurrences_are_the_regex_finditer(text, brand):
    pattern = re.escape(brand) + r"(?P<tail>" + NAME_HEAD + r"|公司|集团)?"
    want = [(m.start(), m.end(), m["tail"]) for m in re.finditer(pattern, text)]
    got = [(start, tail.end(), tail["tail"]) for start, tail in clusters._brand_occurrences(text, brand)]
    assert got == want


def test_an_empty_name_is_refused():
    try:
        list(clusters.occurrences("示例", ""))
    except ValueError:
        return
    raise AssertionError("an empty name must not be searched for")


_ALIAS_PIECES = ["示例", "医疗", "Deepwise", " ", "  ", "（", "(", "）", "\n", "深睿", "示"]
alias_texts = st.lists(st.sampled_from(_ALIAS_PIECES), max_size=30).map("".join)
alias_names = st.lists(st.sampled_from(_ALIAS_PIECES), max_size=3).map("".join)


@settings(max_examples=600, deadline=None)
@given(text=alias_texts, a=alias_names, b=alias_names)
def test_aliased_is_the_regex_search(text, a, b):
    from extract.extractors.funding_round import prose

    want = re.search(re.escape(a) + r"\s*[（(]\s*" + re.escape(b), text) is not None
    assert prose._aliased(a, b, text) == want


_DEF_PIECES = ["示例医疗科技有限公司", "示例", "公司", "（", "(", "）", ")", "以下简称", "简称", "下称", "：", ":", "“", "”",
               "\"", "示例医疗", " ", "\n", "，", "600000.SH", "Sample Medical", "、", "「", "」", "或", "。", "甲" * 38,
               "甲" * 10, "甲"]
def_texts = st.lists(st.sampled_from(_DEF_PIECES), max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(text=def_texts)
@example(text="甲" * 40 + "（以下简称“示例”）")  # a name of the longest length
@example(text="乙" + "甲" * 40 + " （简称：示例）")  # one character longer: the match starts one later
@example(text="甲" * 39 + "，示例医疗科技有限公司（“示例医疗”）与示例（Sample Medical，以下简称“示例”）")
def test_definition_matches_are_the_regex_finditer(text):
    from extract.lexicon import orgs

    def key(m):
        return m.span(), m.groupdict()

    orgs.definition_matches.cache_clear()
    assert [key(m) for m in orgs.definition_matches(text)] == [key(m) for m in orgs.DEFINITION_RE.finditer(text)]


_SPEAKER_PIECES = ["示例医疗", "公司", "创始人", "联合创始人", "CEO", "、", "兼", "董事长", "林晓舟", "林", "表示", "说", "，",
                   "。", " ", "（", "的", "甲" * 10, "甲", "告诉记者", "首席执行官"]
speaker_texts = st.lists(st.sampled_from(_SPEAKER_PIECES), max_size=30).map("".join)


@settings(max_examples=1500, deadline=None)
@given(text=speaker_texts)
@example(text="甲" * 30 + "创始人林晓舟表示")  # a company of the longest length before the role
@example(text="乙" + "甲" * 30 + "CEO周予安说，")  # one longer: the match starts one later
@example(text="示例医疗联合创始人兼CTO周予安表示，公司创始人、首席执行官林晓舟说")
def test_speaker_matches_are_the_regex_finditer(text):
    # (the package exports the function speakers, which hides the module of that name)
    speakers = importlib.import_module("extract.extractors.funding_round.speakers")

    def key(m):
        return m.span(), m.groupdict()

    assert [key(m) for m in speakers.speaker_matches(text)] == [key(m) for m in speakers._SPEAKER_RE.finditer(text)]

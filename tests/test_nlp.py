"""The spaCy pipeline: pkuseg tokens that reproduce the text exactly, user dictionary, sentences."""

import pytest
import spacy

from extract.nlp.tokenizer import PkusegTokenizer, align

from .conftest import REPORTS


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.name[:3])
def test_doc_text_round_trips_on_whole_reports(nlp, report):
    text = report.read_text(encoding="utf-8")[:20000]
    doc = nlp.make_doc(text)
    assert doc.text == text


@pytest.mark.parametrize(
    "text",
    ["  前导空格", "两个  空格\t制表\n\n换行 ", "Zebra Medical Vision\t2018.7\t冠状动脉钙化评分算法", "ＡＩ全角字符　全角空格"],
)
def test_whitespace_and_odd_characters_are_kept(nlp, text):
    assert nlp.make_doc(text).text == text


def test_user_dictionary_keeps_domain_words_whole(nlp):
    words = [t.text for t in nlp.make_doc("联影智能发布医疗AI产品")]
    assert "联影智能" in words and "医疗AI" in words


def test_align_falls_back_when_segmenter_output_differs():
    words, spaces = align("AB 测试", ["A", "X", "测试"])
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces)) == "AB 测试"


@pytest.mark.parametrize("text, words, expected", [
    ("第二章  政策环境", ["第二", "章", "政策", "环境"], (["第二", "章", " ", "政策", "环境"], [False, True, False, False, False])),
    ("A B\n测试", ["A", "B", "测试"], (["A", "B", "\n", "测试"], [True, False, False, False])),
])
def test_align_keeps_whitespace_as_spacy_does(text, words, expected):
    assert align(text, words) == expected


def test_sentences_split_on_chinese_punctuation_and_line_breaks(nlp):
    doc = nlp("第一句。第二句！第三句？第四句；第五句\n第六句")
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents == ["第一句。", "第二句！", "第三句？", "第四句；", "第五句", "第六句"]


def test_gazetteer_entities(nlp):
    doc = nlp("国家药监局与工信部联合发布，启明创投领投")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("国家药监局", "GOV") in ents and ("工信部", "GOV") in ents and ("启明创投", "ORG") in ents


def test_pipeline_round_trips_to_disk_and_keeps_the_user_dictionary(nlp, tmp_path):
    nlp.to_disk(tmp_path / "model")
    assert (tmp_path / "model" / "tokenizer" / "user_dict.txt").is_file()
    loaded = spacy.load(tmp_path / "model")
    assert isinstance(loaded.tokenizer, PkusegTokenizer)
    assert loaded.tokenizer.user_words == nlp.tokenizer.user_words
    assert loaded.pipe_names == nlp.pipe_names
    text = "联影智能发布医疗AI产品。"
    assert [t.text for t in loaded(text)] == [t.text for t in nlp(text)]


def test_tokenizer_bytes_round_trip(nlp):
    tok = PkusegTokenizer(nlp.vocab, ["甲乙丙丁"])
    other = PkusegTokenizer(nlp.vocab).from_bytes(tok.to_bytes())
    assert other.user_words == ("甲乙丙丁",)


def test_pipeline_sentences_agree_with_the_regex_boundaries(nlp):
    """Extractors read sentences from spaCy where it runs and from regex elsewhere: same spans."""
    from extract.document import Document
    from extract.extractors import ExtractionContext
    from extract.structure import BlockType, analyse, sentence_spans

    for report in REPORTS:
        doc = Document(text=report.read_text(encoding="utf-8"), source=str(report))
        ctx = ExtractionContext(doc, analyse(doc), nlp)
        for block in ctx.structure.of_type(BlockType.PARAGRAPH, BlockType.LIST_ITEM):
            view = block.view(doc.text).text
            assert ctx.sentences(block) == sentence_spans(view), view[:60]


def test_sentences_skip_blocks_without_trigger_words(nlp):
    import regex

    from extract.document import Document
    from extract.extractors import ExtractionContext
    from extract.structure import analyse

    doc = Document(text="这是一段没有关键词的文字。第二句。", source="t")
    ctx = ExtractionContext(doc, analyse(doc), nlp)
    block = ctx.structure.blocks[0]
    assert ctx.sentences(block, regex.compile("融资")) == []
    assert ctx._docs == {}  # nothing was segmented
    assert len(ctx.sentences(block, regex.compile("关键词"))) == 2

"""Ingest: any common encoding in, one Document with a content id out; bad files named with a reason."""

import codecs
import hashlib

import pytest

from extract.ingest import IngestError, decode_bytes, read_document

SAMPLE = "数字医疗实践与经验洞察报告\n\n2020年8月，科亚医疗完成B+轮融资，金额1.5亿人民币。\n"


@pytest.mark.parametrize(
    "encoded, expected_encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (SAMPLE.encode("utf-16"), "utf-16"),  # with BOM
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),  # no BOM
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "utf16le-nobom"],
)
def test_every_common_encoding_decodes_to_the_same_document(tmp_path, encoded, expected_encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(encoded)
    doc = read_document(path)
    assert doc.text == SAMPLE
    assert doc.encoding == expected_encoding
    # same text from any encoding -> same document id
    assert doc.doc_id == hashlib.sha256(SAMPLE.encode("utf-8")).hexdigest()
    assert doc.title == "数字医疗实践与经验洞察报告"
    assert doc.source == str(path)


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("report.docx", b"PK\x03\x04", "unsupported file type"),
        # a few bytes of binary that happen to be valid UTF-8: no report (stop 27's hostile run published one)
        ("junk.txt", b"\x01\x02ab\x03\x04\x05", "control characters"),
        ("figures.txt", b"12345 678\n", "no letters"),
    ],
)
def test_bad_files_raise_with_file_name_and_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert str(path) in str(info.value)
    assert reason in info.value.reason


def test_missing_file_is_an_ingest_error(tmp_path):
    with pytest.raises(IngestError, match="cannot read"):
        read_document(tmp_path / "gone.txt")


def test_gb18030_is_preferred_over_misdetection_for_short_chinese():
    text, enc = decode_bytes("国家药监局批准".encode("gb18030"))
    assert text == "国家药监局批准" and enc == "gb18030"

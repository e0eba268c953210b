"""Text exports in any encoding a Windows or Linux tool saves them in: UTF-8 with or without a BOM,
UTF-16 (LE/BE, with or without a BOM), GB2312/GBK/GB18030 (Notepad's "ANSI" on a Chinese Windows),
Big5 (traditional script, normalised to simplified by the shared normaliser); CRLF and CR line ends."""

from __future__ import annotations

import codecs

import pytest

from juesuan.errors import UnreadableDocument
from juesuan.extract.document import extract_document
from juesuan.extract.encoding import decode
from juesuan.extract.text import extract_text, read_text

EXPORT = ("遂宁市审计局2023年度部门决算\n一、收入支出决算总体情况说明\n"
          "2023年度收、支总计均为1234.50万元。与上年相比，收、支总计各增加100.00万元，增长8.81%。\n"
          "收入支出决算总表\n项目\t决算数\n本年收入合计\t1,234.50\n")


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gbk", b""), ("gb18030", b""), ("gb2312", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", b""),
    ("utf-16-be", b""), ("utf-32-le", codecs.BOM_UTF32_LE),
])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_encoding_and_line_end(tmp_path, encoding, bom, newline):
    path = tmp_path / "export.txt"
    path.write_bytes(bom + EXPORT.replace("\n", newline).encode(encoding))
    text, digest = read_text(path)
    assert text == EXPORT
    assert len(digest) == 64
    doc = extract_text(path)
    assert doc.grids()[0].rows == [["项目", "决算数"], ["本年收入合计", "1,234.50"]]


def test_gb18030_four_byte_characters(tmp_path):
    path = tmp_path / "rare.txt"
    path.write_bytes(("𠀾" + EXPORT).encode("gb18030"))  # outside the BMP: GB18030's four-byte form
    assert read_text(path)[0].startswith("𠀾遂宁市")


def test_big5_reads_in_simplified_script(tmp_path):
    import opencc

    path = tmp_path / "big5.txt"
    path.write_bytes(opencc.OpenCC("s2tw").convert(EXPORT).encode("big5hkscs"))
    assert "決算" in read_text(path)[0]
    doc = extract_document(path)
    assert "部门决算" in doc.text and "收、支总计均为1234.50万元" in doc.text


def test_big5_and_gbk_bytes_are_told_apart():
    """Big5 bytes mostly decode as GBK too (into nonsense): the reading that is Chinese wins."""
    import opencc

    trad = opencc.OpenCC("s2tw").convert(EXPORT)
    text, encoding = decode(trad.encode("big5"))
    assert text == trad and encoding == "big5hkscs"
    text, encoding = decode(EXPORT.encode("gbk"))
    assert text == EXPORT and encoding == "gb18030"


def test_binary_and_empty_files_are_refused(tmp_path):
    binary = tmp_path / "b.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(UnreadableDocument, match="not a text export"):
        extract_text(binary)
    empty = tmp_path / "e.txt"
    empty.write_bytes(codecs.BOM_UTF16_LE + "  \n".encode("utf-16-le"))
    with pytest.raises(UnreadableDocument, match="empty"):
        extract_text(empty)

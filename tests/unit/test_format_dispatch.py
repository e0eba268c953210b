"""extract.document.detect_format: the content first, the name second; one clear line for what is
not read (archives, password-protected files); old Word, WPS, RTF and OpenDocument text go to
LibreOffice (extract.office), and without it one line says what to install."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import docx
import pytest

from juesuan.errors import UnreadableDocument
from juesuan.extract.document import OLE_MAGIC, detect_format, extract_document, ole_streams


def cfb(path: Path, stream: str) -> Path:
    """A minimal OLE2 compound file (version 3, 512-byte sectors): a FAT sector, a directory
    sector with the root entry and one empty stream named `stream`."""
    header = bytearray(512)
    header[:8] = OLE_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 44, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<109I", header, 76, 0, *([0xFFFFFFFF] * 108))
    fat = struct.pack("<128I", 0xFFFFFFFD, 0xFFFFFFFE, *([0xFFFFFFFF] * 126))

    def entry(name: str, kind: int, child: int = 0xFFFFFFFF) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        e = bytearray(128)
        e[:len(raw)] = raw
        struct.pack_into("<HBB", e, 64, len(raw), kind, 1)
        struct.pack_into("<III", e, 68, 0xFFFFFFFF, 0xFFFFFFFF, child)
        struct.pack_into("<II", e, 116, 0xFFFFFFFE, 0)
        return bytes(e)

    directory = entry("Root Entry", 5, 1) + entry(stream, 2) + bytes(256)
    path.write_bytes(bytes(header) + fat + directory)
    return path


def test_ole_streams_are_read_from_the_directory(tmp_path):
    assert ole_streams(cfb(tmp_path / "a.bin", "WordDocument")) == {"Root Entry", "WordDocument"}


@pytest.mark.parametrize("name,stream", [("old.doc", "WordDocument"), ("old.wps", "WordDocument"),
                                         ("misnamed.xls", "WordDocument")])  # the content says Word
def test_old_word_goes_to_libreoffice(tmp_path, name, stream):
    assert detect_format(cfb(tmp_path / name, stream)) == "doc"


def test_rtf_and_odt_go_to_libreoffice(tmp_path):
    rtf = tmp_path / "report.doc"
    rtf.write_bytes(b"{\\rtf1\\ansi 2023}")
    assert detect_format(rtf) == "doc"
    odt = tmp_path / "a.odt"
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<x/>")
    assert detect_format(odt) == "doc"


def test_old_word_without_libreoffice_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_SOFFICE", str(tmp_path / "no-such-soffice"))
    for name in ("old.doc", "old.wps"):
        path = cfb(tmp_path / name, "WordDocument")
        with pytest.raises(UnreadableDocument) as info:
            extract_document(path)
        line = str(info.value)
        assert "\n" not in line and str(path) in line
        assert "LibreOffice" in line and "libreoffice-writer-nogui" in line, line


def test_password_protected_office_file_is_one_clear_line(tmp_path):
    path = cfb(tmp_path / "locked.docx", "EncryptedPackage")
    with pytest.raises(UnreadableDocument) as info:
        detect_format(path)
    line = str(info.value)
    assert "\n" not in line and str(path) in line and "password" in line


def test_ole_workbook_goes_to_the_workbook_reader(tmp_path):
    assert detect_format(cfb(tmp_path / "report.bin.xls", "Workbook")) == "workbook"
    assert detect_format(cfb(tmp_path / "report.et", "Workbook")) == "workbook"


def test_docx_named_pdf_is_a_docx(tmp_path):
    d = docx.Document()
    d.add_paragraph("2023年度部门决算")
    path = tmp_path / "report.pdf"
    d.save(str(path))
    assert detect_format(path) == "docx"
    assert "2023年度部门决算" in extract_document(path).text


def test_zips_that_are_not_documents(tmp_path):
    archive = tmp_path / "attachments.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.txt", "hello")
    with pytest.raises(UnreadableDocument, match="not a document"):
        detect_format(archive)


def test_names_decide_when_the_content_cannot(tmp_path):
    broken = tmp_path / "b.xlsx"
    broken.write_bytes(b"PK\x03\x04broken")
    assert detect_format(broken) == "workbook"
    page = tmp_path / "page.htm"
    page.write_text("plain words", "utf-8")
    assert detect_format(page) == "html"
    fake = tmp_path / "error.pdf"
    fake.write_text("404 not found", "utf-8")
    with pytest.raises(UnreadableDocument, match="not a PDF"):
        detect_format(fake)
    odd = tmp_path / "a.xyz"
    odd.write_text("hello", "utf-8")
    with pytest.raises(UnreadableDocument, match="unsupported"):
        detect_format(odd)

"""Unreadable PDFs are generated here and must raise one clear UnreadableDocument line."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from juesuan.errors import UnreadableDocument
from juesuan.extract.pdf import extract_pdf

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def text_pdf(path: Path, pages: int = 3, encrypt=None) -> Path:
    c = canvas.Canvas(str(path), encrypt=encrypt)
    for i in range(pages):
        c.setFont("STSong-Light", 12)
        c.drawString(72, 700, f"第{i + 1}页 收入支出决算总表 2024年度部门决算")
        c.showPage()
    c.save()
    return path


def raw_pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF file (catalog = object 1) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def page_pdf(resources: bytes, content: bytes, extra: list[bytes]) -> bytes:
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + resources
        + b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *extra])


def expect(path: Path, *words: str, page: int | None = None) -> str:
    with pytest.raises(UnreadableDocument) as info:
        extract_pdf(path)
    line = str(info.value)
    assert "\n" not in line and str(path) in line
    for w in words:
        assert w in line, line
    assert info.value.page == page
    return line


def test_readable_control(tmp_path):
    doc = extract_pdf(text_pdf(tmp_path / "ok.pdf"))
    assert doc.page_count == 3 and "收入支出决算总表" in doc.pages[2].text


def test_encrypted(tmp_path):
    path = text_pdf(tmp_path / "enc.pdf", encrypt=pdfencrypt.StandardEncryption("user", "owner"))
    expect(path, "encrypted", "password")


def test_owner_password_only_is_readable(tmp_path):
    path = text_pdf(tmp_path / "perm.pdf", encrypt=pdfencrypt.StandardEncryption("", "owner"))
    assert extract_pdf(path).page_count == 3


@pytest.mark.parametrize("keep", [0.5, 0.97])
def test_truncated(tmp_path, keep):
    data = text_pdf(tmp_path / "full.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[:int(len(data) * keep)])
    with pytest.raises(UnreadableDocument) as info:
        extract_pdf(path)
    assert "truncated" in str(info.value) and "Unexpected EOF" in str(info.value)


def test_not_a_pdf(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes("这不是PDF\n".encode() * 50)
    expect(path, "not a PDF", "No /Root object")


def test_pdf_header_but_no_objects(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"garbage\n" * 40 + b"%%EOF\n")
    expect(path, "No /Root object")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    expect(path, "empty file")


def test_missing_file(tmp_path):
    expect(tmp_path / "nowhere.pdf", "not found")


def test_scanned_pages_are_named(tmp_path):
    image = b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray " \
            b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x80\x80\x80\nendstream"
    data = page_pdf(b"<< /XObject << /Im1 5 0 R >> >>", b"q 595 0 0 842 0 0 cm /Im1 Do Q", [image])
    path = tmp_path / "scan.pdf"
    path.write_bytes(data)
    line = expect(path, "scanned", "no text layer", "page(s) 1", "OCR", page=1)
    assert "第1页" in line


@pytest.mark.parametrize("first_cid", [3, 100])  # subset glyph ids read as controls / letters
def test_font_without_tounicode(tmp_path, first_cid):
    codes = b"".join(b"%04X" % (first_cid + i) for i in range(40))
    font = [b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H "
            b"/DescendantFonts [6 0 R] >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun /CIDSystemInfo "
            b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"]
    data = page_pdf(b"<< /Font << /F1 5 0 R >> >>", b"BT /F1 12 Tf 72 700 Td <" + codes
                    + b"> Tj ET", font)
    path = tmp_path / "nocmap.pdf"
    path.write_bytes(data)
    expect(path, "ToUnicode", "(cid:NN)", page=1)

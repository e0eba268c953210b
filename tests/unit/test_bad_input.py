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


# ---------------------------------------------------------------- every other format
# Each bad input below goes through the user's path (pipeline.parse_file, as `juesuan parse`) and
# must end in one JuesuanError line that names the file and says why.


def _xlsx(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["收入支出决算总表"])
    wb.active.append(["本年收入合计", 1234.5])
    wb.save(path)
    return path


def _docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("某某局2023年度部门决算")
    d.save(str(path))
    return path


def _ole(path: Path, stream: str) -> Path:
    from test_format_dispatch import cfb

    return cfb(path, stream)


def _bad_inputs(tmp: Path, monkeypatch) -> dict[str, tuple[Path, tuple[str, ...]]]:
    cases: dict[str, tuple[Path, tuple[str, ...]]] = {}
    good = _xlsx(tmp / "good.xlsx")
    (tmp / "truncated.xlsx").write_bytes(good.read_bytes()[:600])
    cases["workbook truncated"] = (tmp / "truncated.xlsx", ("corrupted",))
    (tmp / "garbage.xls").write_bytes(b"\x00\x01not a spreadsheet at all" * 20)
    cases["workbook garbage"] = (tmp / "garbage.xls", ())
    cases["workbook password (OLE EncryptedPackage)"] = (_ole(tmp / "locked.xlsx", "EncryptedPackage"),
                                                         ("password",))
    import openpyxl

    empty = tmp / "empty.xlsx"
    openpyxl.Workbook().save(empty)
    cases["workbook without content"] = (empty, ("no visible cells",))
    (tmp / "news.html").write_text("<html><body><div class='article'><p>县农业农村局组织技术人员深入田间地头"
                                   "开展春耕技术指导，帮助农户解决生产难题。</p></div></body></html>", "utf-8")
    cases["web page that is not a disclosure"] = (tmp / "news.html", ("not a final-account disclosure",))
    (tmp / "blank.htm").write_text("<html><head><title>x</title></head><body>  </body></html>", "utf-8")
    cases["web page without text"] = (tmp / "blank.htm", ())
    (tmp / "archive.mht").write_bytes(b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"b\"\n\n"
                                      b"--b\nContent-Type: image/png\n\nxx\n--b--\n")
    cases["web archive without a page"] = (tmp / "archive.mht", ("no text/html part",))
    (tmp / "cut.docx").write_bytes(_docx(tmp / "whole.docx").read_bytes()[:500])
    cases["docx truncated"] = (tmp / "cut.docx", ("corrupted",))
    cases["doc without LibreOffice"] = (_ole(tmp / "old.doc", "WordDocument"), ("libreoffice-writer-nogui",))
    (tmp / "binary.txt").write_bytes(bytes(range(256)) * 8)
    cases["text that is no text"] = (tmp / "binary.txt", ())
    monkeypatch.setenv("JUESUAN_SOFFICE", str(tmp / "no-soffice-here"))
    return cases


BAD_INPUTS = ["workbook truncated", "workbook garbage", "workbook password (OLE EncryptedPackage)",
              "workbook without content", "web page that is not a disclosure", "web page without text",
              "web archive without a page", "docx truncated", "doc without LibreOffice", "text that is no text"]


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_every_format_fails_in_one_clear_line(tmp_path, monkeypatch, case):
    from juesuan.errors import JuesuanError
    from juesuan.pipeline import parse_file

    path, words = _bad_inputs(tmp_path, monkeypatch)[case]
    with pytest.raises(JuesuanError) as info:
        parse_file(path)
    line = info.value.line()
    assert "\n" not in line and str(path) in line, line
    for w in words:
        assert w in line, line


def test_a_report_in_several_files_names_the_bad_one(tmp_path, monkeypatch):
    from juesuan.errors import JuesuanError
    from juesuan.pipeline import parse_file

    cases = _bad_inputs(tmp_path, monkeypatch)
    narrative = _docx(tmp_path / "说明.docx")
    bad, _ = cases["workbook truncated"]
    with pytest.raises(JuesuanError) as info:
        parse_file([narrative, bad])
    assert str(bad) in info.value.line() and str(narrative) not in info.value.line()

"""Limits on every input (schemas/limits.yaml): each one refused with one clear line, tested with
a bomb the test makes itself: a YAML alias bomb, DOCX/XLSX parts that unpack too far, a PDF over
the page cap or the per-page time."""

from __future__ import annotations

import io
import json
import signal
import struct
import time
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml

from juesuan import limits
from juesuan.errors import BadMetadata, UnreadableDocument
from juesuan.extract.document import extract_document
from juesuan.meta import load_report_yml, read_meta_yaml

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "build" / "juesuan" / "schemas"
GOOD = "agency: 测试市测试局\nyear: 2024\nsource: report.txt\n"


def report(tmp_path: Path, text: str) -> Path:
    d = tmp_path / "r" / "2024"
    d.mkdir(parents=True)
    (d / "report.txt").write_text("决算", "utf-8")
    (d / "report.yml").write_text(text, "utf-8")
    return d


def refused(d: Path) -> str:
    with pytest.raises(BadMetadata) as info:
        load_report_yml(d)
    line = str(info.value)
    assert "\n" not in line and "report.yml" in line
    return line


# ---------------------------------------------------------------- the settings


def test_limits_yaml_follows_its_schema_and_every_limit_is_documented():
    data = yaml.safe_load((SCHEMAS / "limits.yaml").read_text("utf-8"))
    jsonschema.validate(data, json.loads((SCHEMAS / "limits.schema.json").read_text("utf-8")))
    readme = (REPO / "README.md").read_text("utf-8")
    for name in data:
        assert f"`{name}`" in readme, f"{name} is not documented in README.md"
    assert set(limits.declared()) == set(data)


def test_environment_overrides_a_limit(monkeypatch):
    default = limits.declared()["pdf_max_pages"].value
    monkeypatch.setenv("JUESUAN_LIMIT_PDF_MAX_PAGES", "7")
    assert limits.limit("pdf_max_pages") == 7
    monkeypatch.setenv("JUESUAN_LIMIT_PDF_MAX_PAGES", "lots")
    assert limits.limit("pdf_max_pages") == default  # not a number: the declared value, a warning
    with pytest.raises(KeyError):
        limits.limit("no_such_limit")


# ---------------------------------------------------------------- report.yml


def alias_bomb() -> str:
    """The billion laughs in YAML: nine levels of nine aliases, well under a kilobyte."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\nagency: *i\nyear: 2024\nsource: report.txt\n"


def test_yaml_alias_bomb_refused_fast(tmp_path):
    text = alias_bomb()
    assert len(text.encode()) < 800
    d = report(tmp_path, text)
    start = time.perf_counter()
    line = refused(d)
    assert time.perf_counter() - start < 1.0
    assert "alias" in line and "lol" not in line


def test_anchor_and_node_cap_and_size_cap(tmp_path, monkeypatch):
    assert "alias" in refused(report(tmp_path / "1", "agency: &x 测试市测试局\nyear: 2024\nsource: report.txt\n"))
    monkeypatch.setenv("JUESUAN_LIMIT_REPORT_YML_MAX_NODES", "50")
    many = GOOD + "region: [" + ", ".join(["四川省"] * 60) + "]\n"
    assert "report_yml_max_nodes" in refused(report(tmp_path / "2", many))
    big = GOOD + "notes: " + "很长" * 40000 + "\n"
    line = refused(report(tmp_path / "3", big))
    assert "report_yml_max_bytes" in line and "很长" not in line
    yml = tmp_path / "3" / "r" / "2024" / "report.yml"
    with pytest.raises(BadMetadata):
        read_meta_yaml(yml)  # the reader every command shares (parse --meta, check, the site)


@pytest.mark.parametrize("text, field", [
    ("agency: 测试市测试局\nyear: 2024\nsource: report.txt\nsector: " + "秘密" * 30 + "\n", "sector"),
    ("agency: 测试市测试局\nyear: 二〇二四秘密\nsource: report.txt\n", "year"),
    ("agency: 测试市测试局\nyear: 2024\nsource: report.txt\nregion: [四川省, 12345秘密]\nkind: 秘密决算\n", "kind"),
    ("agency: 测试市测试局\nyear: 2024\nsource: report.txt\nurl: 'ftp://秘密'\n", "url"),
])
def test_validation_messages_never_echo_values(tmp_path, text, field):
    line = refused(report(tmp_path, text))
    assert f"'{field}'" in line and "秘密" not in line, line


def test_source_with_a_newline_is_refused_without_echo(tmp_path):
    text = 'agency: 测试市测试局\nyear: 2024\nsource: "report.txt\\n::warning file=x::forged"\n'
    line = refused(report(tmp_path, text))
    assert "'source'" in line and "::warning" not in line and "forged" not in line
    key = 'agency: 测试市测试局\nyear: 2024\nsource: report.txt\n"x\\n::error::forged": 1\n'
    line = refused(report(tmp_path / "k", key))
    assert "unknown field" in line and "forged" not in line


# ---------------------------------------------------------------- DOCX / XLSX parts


def docx_with(path: Path, document: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
    return path


def test_docx_bomb_refused_before_any_reader(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_LIMIT_ZIP_MAX_TOTAL_BYTES", str(4 << 20))
    monkeypatch.setenv("JUESUAN_LIMIT_ZIP_MAX_RATIO", "100000")  # the size limit alone
    body = b"<w:document>" + b"<w:p/>" * (1 << 20) + b"</w:document>"  # 6 MiB > 4 MiB
    bomb = docx_with(tmp_path / "bomb.docx", body)
    assert bomb.stat().st_size < 100_000
    with pytest.raises(UnreadableDocument) as info:
        extract_document(bomb)
    assert "zip_max_total_bytes" in str(info.value) and "bomb.docx" in str(info.value)


def test_zip_ratio_refused_with_the_default_size_limit(tmp_path):
    bomb = docx_with(tmp_path / "报告.xlsx", b" " * (8 << 20))  # 8 MiB of spaces: ~1000:1
    with pytest.raises(UnreadableDocument) as info:
        extract_document(bomb)
    assert "zip_max_ratio" in str(info.value) and "word/document.xml" in str(info.value)


def test_too_many_parts(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_LIMIT_ZIP_MAX_MEMBERS", "10")
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        for n in range(20):
            z.writestr(f"xl/worksheets/sheet{n}.xml", "<worksheet/>")
    with pytest.raises(UnreadableDocument) as info:
        extract_document(path)
    assert "zip_max_members" in str(info.value) and "21" in str(info.value)


def test_a_part_that_unpacks_past_its_declared_size_is_refused(tmp_path, monkeypatch):
    """The sizes in the archive are only a claim: one that lies is caught while unpacking."""
    monkeypatch.setenv("JUESUAN_LIMIT_ZIP_MAX_RATIO", "100000")
    path = docx_with(tmp_path / "lie.docx", b"<w:p/>" * 200_000)
    data = bytearray(path.read_bytes())
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        i = data.find(sig, data.find(b"word/document.xml") - 60 if sig == b"PK\x03\x04" else 0)
        while i != -1:
            name_len = struct.unpack_from("<H", data, i + (26 if sig == b"PK\x03\x04" else 28))[0]
            name_at = i + (30 if sig == b"PK\x03\x04" else 46)
            if bytes(data[name_at:name_at + name_len]) == b"word/document.xml":
                struct.pack_into("<I", data, i + off, 1000)
            i = data.find(sig, i + 4)
    path.write_bytes(bytes(data))
    assert zipfile.ZipFile(path).getinfo("word/document.xml").file_size == 1000
    with pytest.raises(UnreadableDocument) as info:
        limits.check_zip(path)
    assert "word/document.xml" in str(info.value)


def test_ordinary_zip_documents_pass(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("测试市测试局2024年度部门决算")
    buf = io.BytesIO()
    doc.save(buf)
    path = tmp_path / "ok.docx"
    path.write_bytes(buf.getvalue())
    limits.check_zip(path)  # no error
    limits.check_zip(tmp_path / "missing.docx")  # not a zip: the reader says so, not the guard


# ---------------------------------------------------------------- PDF


def small_pdf(path: Path, pages: int) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for n in range(pages):
        c.drawString(72, 720, f"page {n + 1}")
        c.showPage()
    c.save()
    return path


def test_pdf_over_the_page_cap(tmp_path, monkeypatch):
    pdf = small_pdf(tmp_path / "long.pdf", 5)
    monkeypatch.setenv("JUESUAN_LIMIT_PDF_MAX_PAGES", "3")
    with pytest.raises(UnreadableDocument) as info:
        extract_document(pdf)
    line = str(info.value)
    assert "pdf_max_pages" in line and "5" in line and "long.pdf" in line and "\n" not in line


def test_pdf_page_time_limit(tmp_path, monkeypatch):
    pdf = small_pdf(tmp_path / "slow.pdf", 2)
    monkeypatch.setenv("JUESUAN_LIMIT_PDF_PAGE_SECONDS", "0.000001")
    with pytest.raises(UnreadableDocument) as info:
        extract_document(pdf)
    assert info.value.page == 1 and "pdf_page_seconds" in str(info.value)
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL  # the alarm is put back
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_page_deadline_without_an_alarm_still_refuses(monkeypatch):
    monkeypatch.setattr(limits, "_can_alarm", lambda: False)
    monkeypatch.setenv("JUESUAN_LIMIT_PDF_PAGE_SECONDS", "0.01")
    with pytest.raises(UnreadableDocument) as info:
        with limits.page_deadline(Path("x.pdf"), 4):
            time.sleep(0.05)
    assert info.value.page == 4
    with limits.page_deadline(Path("x.pdf"), 1):
        pass  # in time: nothing

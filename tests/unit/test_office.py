"""Old Word (.doc) and WPS (.wps) through LibreOffice: a generated report written as DOCX, converted
to .doc by soffice in the test, gives the DOCX route's line items, facts and projects (skipped,
with the reason, where LibreOffice is not installed). A converter that hangs is killed after the
timeout of schemas/limits.yaml; a converter that fails, or none at all, is one clear line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import choose_variation, generate_report, report_meta
from generator.compare import score_facts, score_line_items, score_projects
from generator.render_docx import render_docx
from juesuan.errors import UnreadableDocument
from juesuan.extract.document import detect_format, extract_document
from juesuan.extract.office import find_soffice

SOFFICE = find_soffice()
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                                   "apt-get install libreoffice-writer-nogui (scripts/setup.sh)")


def to_legacy(docx: Path, fmt: str, tmp: Path) -> Path:
    """The DOCX saved by LibreOffice in an old binary format (doc: Word 97–2003)."""
    profile = tmp / "test-profile"
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", fmt, "--outdir", str(tmp / "legacy"), str(docx)],
                   check=True, capture_output=True, timeout=180)
    return tmp / "legacy" / f"{docx.stem}.{fmt}"


def ends_with_a_paragraph(path: Path) -> None:
    """Word always ends a document with a paragraph (a table cannot be its last element); a
    generated DOCX ending in a table loses that table when LibreOffice writes it as .doc."""
    import docx as python_docx

    d = python_docx.Document(str(path))
    d.add_paragraph("")
    d.save(str(path))


@needs_soffice
@pytest.mark.parametrize("seed", [0, 5])  # 5: caption tables that a .doc runs into their tables
def test_doc_gives_the_docx_routes_report(tmp_path, seed):
    from juesuan.pipeline import parse_file

    v = choose_variation(seed, mix="classic")
    report = generate_report(seed, template=v.template, unit=v.unit)
    docx = tmp_path / "决算.docx"
    render_docx(report, v, docx)
    ends_with_a_paragraph(docx)
    doc = to_legacy(docx, "doc", tmp_path)
    assert doc.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1") and detect_format(doc) == "doc"
    want = parse_file(docx, report_meta(report, docx.name))
    got = parse_file(doc, report_meta(report, doc.name))
    assert got.meta.format == "doc"
    s = score_line_items(want.line_items, got.line_items)
    assert s.precision >= 0.995 and s.recall >= 0.98, s.summary(".doc vs .docx")
    s = score_line_items(report.line_items(), got.line_items)
    assert s.precision >= 0.995 and s.recall >= 0.98, s.summary(".doc vs truth")
    f = score_facts(report.facts, got.facts)
    assert f.precision >= 0.98 and f.recall >= 0.95, f.summary("facts")
    assert score_projects(report.projects, got.projects).recall == 1.0
    assert (got.meta.agency, got.meta.year) == (want.meta.agency, want.meta.year)


@needs_soffice
def test_wps_named_file_is_read_and_keeps_its_name(tmp_path):
    import docx as python_docx

    d = python_docx.Document()
    d.add_paragraph("某某局2023年度部门决算")
    d.add_table(rows=2, cols=2).rows[1].cells[1].text = "1,234.50"
    d.add_paragraph("")
    d.save(str(tmp_path / "a.docx"))
    wps = tmp_path / "报告.wps"
    shutil.copyfile(to_legacy(tmp_path / "a.docx", "doc", tmp_path), wps)
    doc = extract_document(wps)
    assert doc.format == "wps" and doc.source == wps and doc.sources[0].path == "报告.wps"
    assert "2023年度部门决算" in doc.text and doc.grids()[0].rows[1][1] == "1,234.50"


def fake_soffice(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n", "utf-8")
    script.chmod(0o755)
    return script


def old_word(tmp_path: Path, name: str = "old.doc") -> Path:
    from test_format_dispatch import cfb

    return cfb(tmp_path / name, "WordDocument")


def test_a_conversion_that_hangs_is_killed_after_the_timeout(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_SOFFICE", str(fake_soffice(tmp_path, "time.sleep(60)")))
    monkeypatch.setenv("JUESUAN_LIMIT_CONVERT_TIMEOUT_S", "1")
    path = old_word(tmp_path)
    started = time.perf_counter()
    with pytest.raises(UnreadableDocument) as info:
        extract_document(path)
    assert time.perf_counter() - started < 20
    line = str(info.value)
    assert "\n" not in line and str(path) in line and "killed" in line and "1 s" in line, line


def test_a_conversion_that_fails_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_SOFFICE", str(fake_soffice(tmp_path, "print('Error: source file could not be "
                                                                     "loaded', file=sys.stderr); sys.exit(1)")))
    path = old_word(tmp_path, "坏的.doc")
    with pytest.raises(UnreadableDocument) as info:
        extract_document(path)
    line = str(info.value)
    assert "\n" not in line and str(path) in line and "conversion failed" in line and "could not be loaded" in line


def test_without_libreoffice_one_line_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_SOFFICE", str(tmp_path / "absent"))
    path = old_word(tmp_path, "old.wps")
    with pytest.raises(UnreadableDocument) as info:
        extract_document(path)
    line = str(info.value)
    assert "\n" not in line and str(path) in line and "libreoffice-writer-nogui" in line and "WPS" in line


def test_setup_installs_libreoffice_quietly_and_never_fatally():
    text = (Path(__file__).parents[2] / "scripts" / "setup.sh").read_text("utf-8")
    assert "libreoffice-writer-nogui libreoffice-calc-nogui" in text
    assert "--no-install-recommends" in text and "id -u" in text and "command -v apt-get" in text
    assert os.access(Path(__file__).parents[2] / "scripts" / "setup.sh", os.X_OK)


SPREADSHEET_2003 = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="收支总表"><Table>
  <Row><Cell><Data ss:Type="String">收入支出决算总表</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">项目</Data></Cell><Cell><Data ss:Type="String">决算数</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">一般公共预算财政拨款收入</Data></Cell>
       <Cell><Data ss:Type="Number">1234.5</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>
"""


@needs_soffice
def test_xml_spreadsheet_2003_saved_as_xls_is_read_through_libreoffice(tmp_path):
    path = tmp_path / "决算报表.xls"
    path.write_text(SPREADSHEET_2003, "utf-8")
    assert detect_format(path) == "workbook"
    doc = extract_document(path)
    assert doc.format == "xls" and doc.source == path and doc.sources[0].path == path.name
    (grid,) = doc.grids()
    assert grid.rows[-1][0] == "一般公共预算财政拨款收入" and grid.rows[-1][1].replace(",", "") in ("1234.5", "1234.50")
    assert grid.rows[-1][1].ref == "收支总表!B3" and doc.pages[0].label == "收支总表"


def test_xml_spreadsheet_2003_without_libreoffice_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_SOFFICE", str(tmp_path / "absent"))
    path = tmp_path / "决算报表.xls"
    path.write_text(SPREADSHEET_2003, "utf-8")
    with pytest.raises(UnreadableDocument) as info:
        extract_document(path)
    line = str(info.value)
    assert "\n" not in line and str(path) in line and "libreoffice-calc-nogui" in line


@needs_soffice
@pytest.mark.parametrize("fmt", ["odt", "rtf"])
def test_opendocument_text_and_rtf_are_read_through_libreoffice(tmp_path, fmt):
    import docx as python_docx

    d = python_docx.Document()
    d.add_paragraph("某某局2023年度部门决算")
    d.add_table(rows=2, cols=2).rows[1].cells[1].text = "1,234.50"
    d.add_paragraph("")
    d.save(str(tmp_path / "a.docx"))
    path = to_legacy(tmp_path / "a.docx", fmt, tmp_path)
    assert detect_format(path) == "doc"
    doc = extract_document(path)
    assert doc.format == fmt and "2023年度部门决算" in doc.text and doc.grids()[0].rows[1][1] == "1,234.50"

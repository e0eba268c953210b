"""PDFs with JavaScript, launch actions or embedded files are flagged: a problem row and
``juesuan.report.active_content`` in the package (extract/pdf_active.py)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from juesuan.extract.pdf_active import active_content, active_problems, scan, source_meta

REPO = Path(__file__).resolve().parents[2]
PDF = REPO / "tests" / "fixtures" / "golden" / "000_cecd3edf739872c0" / "000_cecd3edf739872c0.pdf"

# catalog entries and extra objects for each kind; {n} is the first free object number
ACTIVE = {
    "javascript": ("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>", []),
    "javascript_hidden": ("/OpenAction << /S /Java#53cript /J#53 (app.alert\\(1\\)) >>", []),
    "launch": ("/AA << /WC << /S /Launch /F (calc.exe) >> >>", []),
    "embedded_file": ("/Names << /EmbeddedFiles << /Names [(a.exe) {f} 0 R] >> >>",
                      ["<< /Type /EmbeddedFile /Length 5 >>\nstream\nMZ\x90\x00\x03\nendstream",
                       "<< /Type /Filespec /F (a.exe) /EF << /F {e} 0 R >> >>"]),
}


def with_active_content(pdf: bytes, *kinds: str) -> bytes:
    """``pdf`` plus an incremental update whose catalog carries the given kinds."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    doc = PDFDocument(PDFParser(io.BytesIO(pdf)))
    trailer = doc.xrefs[-1].trailer if doc.xrefs else {}
    root_id = trailer["Root"].objid
    size = max(int(x.trailer.get("Size", 0)) for x in doc.xrefs if hasattr(x, "trailer"))
    m = re.search(rb"(?<![0-9])%d 0 obj\s*<<(.*?)>>\s*endobj" % root_id, pdf, re.S)
    assert m, "the fixture's catalog is written plainly"
    entries, objects = [m.group(1).decode("latin-1")], []
    for kind in kinds:
        entry, extra = ACTIVE[kind]
        e, f = size + len(objects), size + len(objects) + 1
        objects += [o.format(e=e, f=f) for o in extra]
        entries.append(entry.format(e=e, f=f))
    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets = {}
    for i, body in enumerate(objects):
        offsets[size + i] = len(out)
        out += f"{size + i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    offsets[root_id] = len(out)
    out += f"{root_id} 0 obj\n<<{' '.join(entries)}>>\nendobj\n".encode("latin-1")
    prev = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f\r\n"
    for num in sorted(offsets):
        out += f"{num} 1\n{offsets[num]:010d} 00000 n\r\n".encode()
    new_size = max(size + len(objects), root_id + 1)
    out += (f"trailer\n<< /Size {new_size} /Root {root_id} 0 R /Prev {prev} >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


@pytest.mark.parametrize("kind, expected", [("javascript", ["javascript"]),
                                            ("javascript_hidden", ["javascript"]),
                                            ("launch", ["launch"]),
                                            ("embedded_file", ["embedded_file"])])
def test_each_kind_is_found(tmp_path, kind, expected):
    path = tmp_path / "a.pdf"
    path.write_bytes(with_active_content(PDF.read_bytes(), kind))
    assert scan(path) == expected


def test_an_ordinary_disclosure_and_a_broken_file_carry_none(tmp_path):
    assert scan(PDF) == []
    broken = tmp_path / "b.pdf"
    broken.write_bytes(b"%PDF-1.4\nnothing\n")
    assert scan(broken) == [] and source_meta(broken) == {}


def test_problem_and_metadata_name_the_file(tmp_path):
    from juesuan.models import ExtractedDocument, Page

    path = tmp_path / "报告.pdf"
    path.write_bytes(with_active_content(PDF.read_bytes(), "javascript", "launch", "embedded_file"))
    meta = source_meta(path)
    assert meta == {"active_content:报告.pdf": "embedded_file,javascript,launch"}
    doc = ExtractedDocument(path, "pdf", "0", 2, [Page(1, "x", file="报告.pdf"), Page(2, "y", file="报告.pdf")],
                            source_meta=meta)
    assert active_content(doc.source_meta) == [
        {"file": "报告.pdf", "kinds": ["embedded_file", "javascript", "launch"]}]
    (problem,) = active_problems(doc)
    assert problem.code == "active_content" and problem.page == 1
    assert "报告.pdf" in problem.message and "JavaScript" in problem.message and "\n" not in problem.message


def test_a_parsed_report_flags_it_in_the_package(tmp_path):
    from juesuan.package.writer import build_files
    from juesuan.pipeline import parse_file

    path = tmp_path / "r.pdf"
    path.write_bytes(with_active_content(PDF.read_bytes(), "javascript", "embedded_file"))
    report = parse_file(path, {"agency": "测试市财政局", "year": 2024})
    files = build_files(report, [])
    desc = json.loads(files["datapackage.json"])
    assert desc["juesuan"]["report"]["active_content"] == [
        {"file": "r.pdf", "kinds": ["embedded_file", "javascript"]}]
    assert "active_content" in files["problems.csv"]
    clean = parse_file(PDF, {"agency": "测试市财政局", "year": 2024})
    assert clean.meta.active_content == [] and not [p for p in clean.problems if p.code == "active_content"]

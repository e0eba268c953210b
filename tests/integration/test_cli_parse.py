"""`juesuan parse` end to end: valid, deterministic packages; one clear line on bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from frictionless import validate

GOLDEN = Path(__file__).parents[1] / "fixtures" / "golden"
SEED_004 = GOLDEN / "004_e4eb685f5dbf33b3.txt"
PDF_004 = GOLDEN / "004_e4eb685f5dbf33b3" / "004_e4eb685f5dbf33b3.pdf"
DOCX_000 = GOLDEN / "000_cecd3edf739872c0" / "000_cecd3edf739872c0.docx"


def juesuan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("source", [SEED_004, PDF_004, DOCX_000], ids=["text", "pdf", "docx"])
def test_parse_writes_a_valid_deterministic_package(source: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        r = juesuan("parse", source, "--out", out)
        assert r.returncode == 0, r.stderr
    report = validate(a / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    assert files(a) == files(b)
    for name in ("line_items.csv", "facts.csv", "projects.csv", "indicators.csv", "checks.csv"):
        assert (a / name).exists()
    meta = (a / "datapackage.json").read_text("utf-8")
    assert '"sha256"' in meta and '"page_count"' in meta


def test_pdf_line_items_carry_pages(tmp_path: Path) -> None:
    r = juesuan("parse", PDF_004, "--out", tmp_path)
    assert r.returncode == 0, r.stderr
    rows = (tmp_path / "line_items.csv").read_text("utf-8").splitlines()
    assert rows[0] == "table,section,row_code,row_name,column,value,page,status,file,cell"
    pages = {int(line.split(",")[6]) for line in rows[1:]}
    assert pages and min(pages) >= 72 and max(pages) <= 88
    assert {tuple(line.split(",")[-2:]) for line in rows[1:]} == {(PDF_004.name, "")}  # the file; no cells


@pytest.mark.parametrize("name,content,cause", [
    ("empty.pdf", b"", "empty"),
    ("notpdf.pdf", b"hello, not a pdf", "not a PDF"),
    ("truncated.pdf", PDF_004.read_bytes()[:30000], "truncated"),
    ("memo.txt", "会议纪要：今天讨论了工作安排。\n".encode(), "not a final-account disclosure"),
])
def test_bad_input_is_one_clear_line(name: str, content: bytes, cause: str, tmp_path: Path) -> None:
    src = tmp_path / name
    src.write_bytes(content)
    out = tmp_path / "pkg"
    r = juesuan("parse", src, "--out", out)
    assert r.returncode != 0
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, r.stderr
    assert name in lines[0] and cause in lines[0]
    assert "Traceback" not in r.stderr
    assert not out.exists()

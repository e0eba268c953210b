"""Golden comparison of project self-evaluations, per source form.

Projects must match exactly (code, name, amounts, rate, score); indicators are
scored by precision/recall on (project_code, level3, weight, score, operator,
target), and on the full row (levels, unit, actual too). The figures are printed
(pytest -s) and asserted against floors.
"""

from __future__ import annotations

import csv
import functools
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.models import ExtractedDocument, Grid, Page
from juesuan.normalize.projects import extract_projects

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
REPORTS = {"000": "000_cecd3edf739872c0", "004": "004_e4eb685f5dbf33b3"}
FORMS = [("000", "pdf"), ("000", "docx"), ("000", "text"), ("004", "pdf"), ("004", "text")]
# (key P/R floor, full-row floor): the text export of 004 garbles some merged labels
FLOORS = {"pdf": (0.99, 0.99), "docx": (0.99, 0.99), "text": (0.99, 0.95)}


def _source(report: str, form: str) -> Path:
    stem = REPORTS[report]
    return GOLDEN / f"{stem}.txt" if form == "text" else GOLDEN / stem / f"{stem}.{form}"


def _pdfplumber_doc(path: Path) -> ExtractedDocument:
    pdfplumber = pytest.importorskip("pdfplumber")
    pages = []
    with pdfplumber.open(path) as pdf:
        for i, p in enumerate(pdf.pages, start=1):
            text = p.extract_text() or ""
            grids = []
            if "项目名称" in text.replace(" ", ""):
                tables = p.extract_tables({"vertical_strategy": "lines",
                                           "horizontal_strategy": "lines"})
                grids = [Grid(i, t) for t in tables]
            pages.append(Page(i, text, grids))
            p.close()
    return ExtractedDocument(path, "pdf", "", len(pages), pages)


def _python_docx_doc(path: Path) -> ExtractedDocument:
    docx = pytest.importorskip("docx")
    grids = []
    for table in docx.Document(str(path)).tables:
        seen: set = set()
        rows = []
        for r in table.rows:
            row = []
            for c in r.cells:  # a merged cell repeats: None after its first occurrence
                row.append(None if c._tc in seen else c.text)
                seen.add(c._tc)
            rows.append(row)
        grids.append(Grid(None, rows))
    return ExtractedDocument(path, "docx", "", 1, [Page(None, "", grids)])


def _text_doc(path: Path) -> ExtractedDocument:
    return ExtractedDocument(path, "text", "", 1, [Page(None, path.read_text("utf-8"))])


@functools.lru_cache(maxsize=None)
def _doc(report: str, form: str) -> ExtractedDocument:
    """The project's own extractor when it is installed, else a minimal local one."""
    path = _source(report, form)
    try:
        from juesuan.extract.document import extract_document
        return extract_document(path)
    except ImportError:
        return {"pdf": _pdfplumber_doc, "docx": _python_docx_doc, "text": _text_doc}[form](path)


@functools.lru_cache(maxsize=None)
def _extracted(report: str, form: str):
    return extract_projects(_doc(report, form))


def _expected(report: str, name: str) -> list[dict[str, str]]:
    with open(GOLDEN / REPORTS[report] / "expected" / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _num(text: str | None) -> Decimal | None:
    return Decimal(text) if text not in (None, "") else None


def _dec(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.normalize()


def _key(row: dict) -> tuple:
    return (row["project_code"], row["level3"], _dec(row["weight"]), _dec(row["score"]),
            row["operator"], row["target"])


def _full(row: dict) -> tuple:
    return _key(row) + (row["level1"], row["level2"], row["unit"], row["actual"])


def _pr(expected: list[tuple], got: list[tuple]) -> tuple[float, float, int]:
    tp = sum((Counter(expected) & Counter(got)).values())
    return tp / max(len(got), 1), tp / max(len(expected), 1), tp


@pytest.mark.parametrize(("report", "form"), FORMS, ids=[f"{r}-{f}" for r, f in FORMS])
def test_projects_match_exactly(report, form):
    projects, _, _ = _extracted(report, form)
    want = [(r["project_code"], r["project_name"], _num(r["budget_initial"]),
             _num(r["budget_adjusted"]), _num(r["executed"]), _num(r["execution_rate"]),
             _num(r["score"])) for r in _expected(report, "projects.csv")]
    got = [(p.project_code, p.project_name, p.budget_initial, p.budget_adjusted, p.executed,
            p.execution_rate, p.score) for p in projects]
    assert sorted(got) == sorted(want)
    assert len({p.project_code for p in projects}) == len(projects)


@pytest.mark.parametrize(("report", "form"), FORMS, ids=[f"{r}-{f}" for r, f in FORMS])
def test_indicators_precision_recall(report, form):
    _, indicators, _ = _extracted(report, form)
    want = [dict(r, weight=_num(r["weight"]), score=_num(r["score"]))
            for r in _expected(report, "indicators.csv")]
    got = [vars(i) for i in indicators]
    p, r, tp = _pr([_key(x) for x in want], [_key(x) for x in got])
    fp, fr, ftp = _pr([_full(x) for x in want], [_full(x) for x in got])
    print(f"\n{report}-{form}: indicators expected {len(want)} got {len(got)}; "
          f"key P={p:.3f} R={r:.3f} ({tp}); full-row P={fp:.3f} R={fr:.3f} ({ftp})")
    key_floor, full_floor = FLOORS[form]
    assert p >= key_floor and r >= key_floor
    assert fp >= full_floor and fr >= full_floor
    assert all(i.operator in {"", "≥", "≤", "=", ">", "<", "定性"} for i in indicators)


@pytest.mark.parametrize(("report", "form"), FORMS, ids=[f"{r}-{f}" for r, f in FORMS])
def test_problems_name_the_incomplete_projects(report, form):
    projects, indicators, problems = _extracted(report, form)
    with_rows = {i.project_code for i in indicators}
    incomplete = {p.message.split()[0] for p in problems if p.code == "project_incomplete"}
    assert incomplete == {p.project_code for p in projects} - with_rows
    no_score = {p.message.split()[0] for p in problems if p.code == "project_score_missing"}
    assert no_score == {p.project_code for p in projects if p.score is None}
    assert all(p.table == "projects" for p in problems)


def test_pdf_projects_carry_their_page():
    projects, indicators, _ = _extracted("004", "pdf")
    assert all(p.page is not None and p.page >= 1 for p in projects)
    assert all(i.page is not None for i in indicators)
    pages = [p.page for p in projects]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)

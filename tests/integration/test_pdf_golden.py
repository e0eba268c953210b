"""The standard tables of the 004 PDF against the expected line items (≥ 0.995 P/R)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.extract.pdf import extract_pdf
from juesuan.normalize.tables import extract_line_items

GOLDEN = Path(__file__).parents[1] / "fixtures" / "golden"
PDF_004 = GOLDEN / "004_e4eb685f5dbf33b3" / "004_e4eb685f5dbf33b3.pdf"
PDF_000 = GOLDEN / "000_cecd3edf739872c0" / "000_cecd3edf739872c0.pdf"
STANDARD_PAGES = range(72, 89)  # the 13 standard tables of 004


@pytest.fixture(scope="module")
def parsed_004():
    doc = extract_pdf(PDF_004)
    return doc, extract_line_items(doc)


def _expected(report: str) -> dict:
    path = GOLDEN / report / "expected" / "line_items.csv"
    with open(path, encoding="utf-8") as f:
        return {(r["table"], r["section"], r["row_code"], r["column"]): Decimal(r["value"])
                for r in csv.DictReader(f)}


def test_004_line_items_precision_recall(parsed_004):
    _, (items, _, _, converted) = parsed_004
    expected = _expected("004_e4eb685f5dbf33b3")
    got = {i.key: i.value for i in items}
    assert len(got) == len(items), "duplicate keys"
    hits = sum(1 for k, v in got.items() if expected.get(k) == v)
    precision, recall = hits / len(got), hits / len(expected)
    assert precision >= 0.995, (precision, sorted(set(got) - set(expected))[:10])
    assert recall >= 0.995, (recall, sorted(set(expected) - set(got))[:10])
    assert converted is False
    assert all(isinstance(i.value, Decimal) for i in items)


def test_004_pages_and_tables(parsed_004):
    doc, (items, tables, _, _) = parsed_004
    assert doc.page_count == 88 and len(doc.pages) == 88
    assert all(i.page in STANDARD_PAGES for i in items)
    status = {t.table: t.status for t in tables}
    assert len(status) == 13
    assert status["fiscal_detail"] == "headers_only" and status["three_public"] == "headers_only"
    assert {t.table: t.pages for t in tables}["general_budget_detail"] == (80, 81)
    assert {t.table: t.form for t in tables}["basic_expenditure"] == "财决公开08表"


def test_004_row_names_as_printed(parsed_004):
    _, (items, _, _, _) = parsed_004
    names = {(i.table, i.row_code): i.row_name for i in items}
    assert names[("income_expenditure_summary", "use_non_fiscal_balance")] == "使用非财政拨款结余(含专用结余)"
    assert names[("income_expenditure_summary", "204")] == "公共安全支出"
    assert names[("income", "2080505")] == "机关事业单位基本养老保险缴费支出"


def test_004_grids_for_self_evaluation_tables(parsed_004):
    doc, _ = parsed_004
    pages_with_grids = {p.number for p in doc.pages if p.grids}
    assert set(range(13, 45)) - {39} <= pages_with_grids  # p.39 holds only signatures
    grid = doc.pages[12].grids[0]
    assert grid.title.startswith("部门预算项目支出绩效自评表")
    assert grid.rows[0][0] == "项目名称" and grid.rows[0][2] is None  # merged cell


def test_000_has_no_table_contents():
    doc = extract_pdf(PDF_000)
    items, tables, _, converted = extract_line_items(doc)
    assert items == [] and converted is False
    assert all(t.status == "headers_only" for t in tables)

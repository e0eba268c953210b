"""A real published report (上海市普陀区财政局 2024, 25 pages) against truth built
independently of the parser (tests/fixtures/real/putuo-czj-2024/expected, from
shared/fixtures/real): split 类|款|项 code columns, blank cells for zero, a 目录 that repeats
every title, a summary that spills onto the next page without a header, 合计 first, last
and in the sub-header row, two column groups with split 类|款 economic codes."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

REAL = Path(__file__).parents[1] / "fixtures" / "real" / "putuo-czj-2024"


@pytest.fixture(scope="module")
def report(putuo_report):
    return putuo_report


def _expected() -> dict:
    with open(REAL / "expected" / "line_items.csv", encoding="utf-8") as f:
        return {(r["table"], r["section"], r["row_code"], r["column"]): Decimal(r["value"])
                for r in csv.DictReader(f)}


def test_line_items_precision_recall(report):
    expected = _expected()
    got = {i.key: i.value for i in report.line_items}
    assert len(got) == len(report.line_items), "a cell read twice"
    hits = sum(1 for k, v in got.items() if expected.get(k) == v)
    wrong = sorted((k, v, expected.get(k)) for k, v in got.items() if expected.get(k) != v)
    assert hits / len(got) >= 0.995, wrong[:10]
    assert hits / len(expected) >= 0.99, sorted(set(expected) - set(got))[:10]


def test_every_cell_is_verified_by_an_identity(report):
    """All 162 identities of this report hold within the rounding envelope (its −0.01 residues
    are rounding), so every cell is verified; nothing is withheld."""
    statuses = {i.status for i in report.line_items}
    assert statuses == {"verified"}
    assert all(t.status != "withheld" for t in report.tables)
    checked = {t.table: (t.identities, t.identities_held) for t in report.tables}
    assert checked["income"][0] > 30 and checked["income"][0] == checked["income"][1]


def test_toc_page_is_not_a_table_and_blank_tables_are_headers_only(report):
    pages = {t.table: t.pages for t in report.tables}
    assert pages["income_expenditure_summary"] == (6, 7)  # not the 目录 on page 2
    assert all(2 not in p and 3 not in p for p in pages.values())
    status = {t.table: t.status for t in report.tables}
    assert status["government_fund"] == status["state_capital"] == "headers_only"
    assert not [p for p in report.problems if p.code == "table_repeated"]


def test_blank_cells_are_absent_not_zero(report):
    assert not [i for i in report.line_items if i.value == 0]


def test_metadata(report):
    meta = yaml.safe_load((REAL / "expected" / "metadata.yaml").read_text("utf-8"))
    assert report.meta.agency == meta["agency"]
    assert report.meta.region == meta["region"]
    assert report.meta.year == meta["year"]
    assert report.meta.kind == meta["kind"]
    assert report.meta.unit == meta["unit"]
    assert report.meta.sector == meta["sector"]
    assert report.meta.page_count == meta["page_count"]


def test_blank_shanghai_template_gives_nine_tables_and_no_number():
    """The blank template the district reports are filled from: every table found (headers
    only), its 目录 never a table, its example rows (205 教育支出, …) never read as values."""
    from juesuan.pipeline import parse_file

    pdf = next((REAL.parent / "templates").glob("*.pdf"))
    report = parse_file(pdf, {"agency": "上海市某区某局", "region": ["上海市"], "year": 2024,
                              "kind": "部门决算"})
    assert not report.line_items
    assert len(report.tables) == 9 and {t.status for t in report.tables} == {"headers_only"}
    assert not [p for p in report.problems if p.code in ("unreadable_cell", "table_unreadable",
                                                         "table_repeated", "unmapped_column")]

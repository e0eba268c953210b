"""Grids without page numbers (DOCX, text) reach the table problems without crashing,
and a cell read twice is kept once."""

from decimal import Decimal
from pathlib import Path

from juesuan.models import ExtractedDocument, Grid, LineItem, Page
from juesuan.normalize.tables import extract_line_items
from juesuan.pipeline import unique_line_items

HEADER = [["支出功能分类科目编码", None, None, "科目名称", "本年收入合计", "财政拨款收入"],
          ["类", "款", "项", None, None, None],
          ["", "", "", "合计", "10.00", "10.00"],
          ["204", "", "", "公共安全支出", "10.00", "10.00"]]
OTHER = [["支出功能分类科目编码", None, None, "科目名称", "本年支出合计", "基本支出", "项目支出"],
         ["类", "款", "项", None, None, None, None],
         ["", "", "", "合计", "10.00", "4.00", "6.00"]]


def test_a_table_printed_twice_in_a_docx_is_a_problem_not_a_crash() -> None:
    grids = [Grid(None, [list(r) for r in HEADER], "收入决算表\n财决公开02表\n单位：万元"),
             Grid(None, [list(r) for r in OTHER], "支出决算表\n财决公开03表\n单位：万元"),
             Grid(None, [list(r) for r in HEADER], "收入决算表\n财决公开02表\n单位：万元")]
    doc = ExtractedDocument(Path("x.docx"), "docx", "0" * 64, 1, [Page(None, "收入决算表", grids)])
    items, tables, problems, converted = extract_line_items(doc)
    assert any(p.code == "table_repeated" and p.page is None for p in problems)
    assert {(i.table, i.row_code, i.column) for i in items} >= {
        ("income", "", "total"), ("income", "204", "fiscal_appropriation"), ("expenditure", "", "project")}
    assert not converted


def test_a_cell_read_twice_is_kept_once_and_a_conflict_is_reported() -> None:
    a = LineItem("income", "", "204", "公共安全支出", "total", Decimal("10.00"), 3)
    b = LineItem("income", "", "204", "公共安全支出", "total", Decimal("10.00"), 4)
    c = LineItem("income", "", "204", "公共安全支出", "total", Decimal("11.00"), 5)
    items, problems = unique_line_items([a, b])
    assert items == [a] and problems == []
    items, problems = unique_line_items([a, c])
    assert items == [a] and [p.code for p in problems] == ["conflicting_cell"] and problems[0].page == 5


def test_of_two_values_for_one_cell_the_one_the_sums_agree_with_is_kept() -> None:
    total = LineItem("income", "", "", "合计", "total", Decimal("10.00"), 3)
    first = LineItem("income", "", "201", "一般公共服务支出", "total", Decimal("7.00"), 3)
    part = LineItem("income", "", "208", "社会保障和就业支出", "total", Decimal("4.00"), 3)
    again = LineItem("income", "", "201", "一般公共服务支出", "total", Decimal("6.00"), 4)
    items, problems = unique_line_items([total, first, part, again])
    assert {i.key: i.value for i in items}[("income", "", "201", "total")] == Decimal("6.00")
    assert problems[0].code == "conflicting_cell" and problems[0].page == 3

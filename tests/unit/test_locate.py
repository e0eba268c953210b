"""The locator and readers on handmade grids: structure decides between title candidates, a
page's unit caption, continuation rows that look like header words, amounts run together."""

from __future__ import annotations

from decimal import Decimal

from juesuan.locate import locate_tables
from juesuan.locate.grid import header_paths
from juesuan.models import ExtractedDocument, Grid, Page
from juesuan.normalize.tables import extract_line_items

N = None


def _doc(*pages: Page) -> ExtractedDocument:
    return ExtractedDocument(source=None, format="pdf", pages=list(pages), sha256="",  # type: ignore[arg-type]
                             page_count=len(pages))


SUMMARY_HEAD = [["收入", N, "支出", N, N, N, N],
                ["项目", "金额", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
                 "国有资本经营预算财政拨款"]]


def test_an_abbreviated_title_is_read_by_the_grid_structure():
    """财政拨款收入支出决算表 (总 dropped) ends like 支出决算表; the two-sided header says it is
    the 财政拨款 summary."""
    rows = [*SUMMARY_HEAD, ["一、一般公共预算财政拨款", "5.00", "一、一般公共服务支出", "5.00", "5.00", "", ""]]
    doc = _doc(Page(9, "财政拨款收入支出决算表", [Grid(9, rows, "财政拨款收入支出决算表\n单位：万元")]))
    [table] = locate_tables(doc)
    assert table.table == "fiscal_summary"


def test_the_page_caption_gives_the_unit_when_the_title_block_does_not():
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["", "合计", "10,000.00", "6,000.00", "4,000.00"],
            ["201", "一般公共服务支出", "10,000.00", "6,000.00", "4,000.00"]]
    page = Page(5, "一般公共预算财政拨款支出决算表\n单位名称：某局 单位：元", [Grid(5, rows, "一般公共预算财政拨款支出决算表")])
    items, infos, problems, converted = extract_line_items(_doc(page))
    assert converted and {i.value for i in items} == {Decimal(1), Decimal("0.6"), Decimal("0.4")}


def test_continuation_rows_that_are_also_column_words_are_data():
    """国有资本经营预算财政拨款 is a row of the income side and a column of the expenditure
    side: on a page continuing the table it is a row, not a repeated header."""
    first = [*SUMMARY_HEAD, ["一、一般公共预算财政拨款", "5.00", "一、一般公共服务支出", "5.00", "5.00", "", ""]]
    cont = [["国有资本经营预算财政拨款", "", "", "", "", "", ""],
            ["总计", "5.00", "总计", "5.00", "5.00", "", ""]]
    doc = _doc(Page(9, "", [Grid(9, first, "财政拨款收入支出决算总表")]), Page(10, "", [Grid(10, cont, "")]))
    items, *_ = extract_line_items(doc)
    keys = {(i.section, i.row_code, i.column) for i in items}
    assert ("expenditure", "grand_total", "total") in keys and ("income", "grand_total", "amount") in keys


def test_numbers_run_together_are_not_published():
    rows = [["科目编码", "科目名称", "决算数"],
            ["301", "工资福利支出", "10.00"],
            ["30101", "基本工资", "6.0030102"],
            ["30102", "津贴补贴", "4.00"]]
    page = Page(7, "", [Grid(7, rows, "一般公共预算财政拨款基本支出决算表")])
    items, _, problems, _ = extract_line_items(_doc(page))
    assert {i.row_code for i in items} == {"301", "30102"}
    assert any(p.code == "unreadable_cell" and "6.0030102" in p.message for p in problems)


def test_header_fill_without_spans_never_carries_a_label_across_value_columns():
    h = [["支出功能分类", "支出功能分类", "项目", "项目", "本年收入合计", "财政拨款收入"],
         ["科目编码", "科目编码", "支出功能分类", "科目名称", N, N],
         ["类", "款", "科目编码", N, N, N],
         [N, N, "项", N, N, N]]
    paths = header_paths(h, 6)
    assert paths[4] == ("本年收入合计",) and paths[5] == ("财政拨款收入",)
    assert paths[3][-1] == "科目名称"

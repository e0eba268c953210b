"""Numbers proven by their own sums: the identities of identities.yaml evaluated on line items,
the status of each cell, a misread table withheld, and the reading whose identities hold chosen."""

from __future__ import annotations

from decimal import Decimal

from juesuan.identities import evaluate, statuses, with_status
from juesuan.locate import locate_tables
from juesuan.models import ExtractedDocument, Grid, LineItem, Page, TableInfo
from juesuan.normalize.tables import extract_line_items
from juesuan.normalize.verify import verify

D = Decimal


def gb(code: str, total: str, basic: str | None = None, project: str | None = None) -> list[LineItem]:
    out = [LineItem("general_budget", "", code, code, "total", D(total))]
    if basic is not None:
        out.append(LineItem("general_budget", "", code, code, "basic", D(basic)))
    if project is not None:
        out.append(LineItem("general_budget", "", code, code, "project", D(project)))
    return out


def test_rounding_envelope_separates_residue_from_contradiction():
    # 合计 = Σ类 with two parts printed to 0.01: envelope (2 + 1) × 0.005 = 0.015
    ok = [*gb("", "10.01"), *gb("201", "5.00"), *gb("208", "5.00")]
    bad = [*gb("", "10.02"), *gb("201", "5.00"), *gb("208", "5.00")]
    [r] = [r for r in evaluate(ok) if r.kind == "hierarchy"]
    assert r.holds and r.envelope == D("0.015")
    [r] = [r for r in evaluate(bad) if r.kind == "hierarchy"]
    assert not r.holds and r.difference == D("0.02")


def test_blank_part_counts_as_zero_and_a_cell_in_no_identity_is_unverified():
    items = [*gb("201", "8.00", "8.00"), LineItem("state_assets", "", "assets", "", "vehicles", D(3))]
    status = {i.key: i.status for i in with_status(items)}
    assert status[("general_budget", "", "201", "total")] == "verified"  # 8 = 8 + blank project
    assert status[("state_assets", "", "assets", "vehicles")] == "unverified"


def test_contradicted_when_every_identity_of_a_cell_fails():
    items = gb("201", "9.00", "5.00", "3.00")
    st = statuses(evaluate(items))
    assert set(st.values()) == {"contradicted"}


def test_cross_table_equality_and_class_pattern():
    items = [LineItem("income_expenditure_summary", "expenditure", "201", "", "amount", D("3.00")),
             LineItem("income_expenditure_summary", "expenditure", "expenditure_total", "", "amount", D("3.00")),
             LineItem("expenditure", "", "201", "", "total", D("3.10"))]
    results = evaluate(items)
    cross = [r for r in results if r.kind == "cross"]
    assert len(cross) == 1 and not cross[0].holds
    cells = [r for r in results if r.kind == "cells" and r.total[2] == "expenditure_total"]
    assert len(cells) == 1 and cells[0].holds  # 本年支出合计 = Σ classes


def test_a_reading_that_breaks_most_identities_is_withheld():
    items = [*gb("", "10.00", "6.00", "1.00"), *gb("201", "7.00", "2.00", "1.00"),
             *gb("208", "1.00", "1.00", "1.00"), *gb("20801", "9.00", "4.00", "5.00")]
    info = TableInfo("general_budget", "一般公共预算财政拨款支出决算表", (3,), cells=len(items))
    kept, tables, problems = verify(items, [info])
    assert not kept
    assert tables[0].status == "withheld" and tables[0].cells == 0 and "不成立" in tables[0].note
    assert [p.code for p in problems] == ["table_withheld"]


def test_consistent_table_is_published_with_counts():
    items = [*gb("", "10.00", "6.00", "4.00"), *gb("201", "10.00", "6.00", "4.00")]
    info = TableInfo("general_budget", "一般公共预算财政拨款支出决算表", (3,), cells=len(items))
    kept, tables, problems = verify(items, [info])
    assert len(kept) == 6 and {i.status for i in kept} == {"verified"}
    assert (tables[0].identities, tables[0].identities_held) == (5, 5) and not problems


def _doc(rows: list[list[str | None]]) -> ExtractedDocument:
    grid = Grid(page=5, rows=rows, title="一般公共预算财政拨款支出决算表\n单位：万元")
    return ExtractedDocument(source=None, format="pdf", pages=[Page(5, "", [grid])],  # type: ignore[arg-type]
                             sha256="", page_count=5)


def test_line_numbers_under_an_unknown_header_are_never_values():
    """A line-number column whose header is not in the vocabulary (here 序次) is recognised by
    its content (1, 2, 3 …) and never read as amounts."""
    rows = [["科目编码", "科目名称", "序次", "合计", "基本支出", "项目支出"],
            ["", "合计", "1", "10.00", "6.00", "4.00"],
            ["201", "一般公共服务支出", "2", "10.00", "6.00", "4.00"],
            ["20101", "人大事务", "3", "10.00", "6.00", "4.00"],
            ["2010101", "行政运行", "4", "10.00", "6.00", "4.00"]]
    items, infos, problems, _ = extract_line_items(_doc(rows))
    values = {i.value for i in items}
    assert values == {D("10.00"), D("6.00"), D("4.00")}
    assert len(items) == 12


def test_unnamed_columns_are_placed_only_when_the_identities_agree():
    """Value columns no header word names are placed by position only when the reading's
    identities then hold (total = basic + project in every row)."""
    rows = [["科目编码", "科目名称", "甲栏", "乙栏", "丙栏"],
            ["", "合计", "10.00", "6.00", "4.00"],
            ["201", "一般公共服务支出", "10.00", "6.00", "4.00"]]
    items, infos, problems, _ = extract_line_items(_doc(rows))
    got = {(i.row_code, i.column): i.value for i in items}
    assert got[("201", "project")] == D("4.00") and got[("", "total")] == D("10.00")
    assert any(p.code == "reading_chosen" for p in problems)
    rows_bad = [["科目编码", "科目名称", "甲栏", "乙栏", "丙栏"],
                ["", "合计", "10.00", "3.00", "4.00"],
                ["201", "一般公共服务支出", "10.00", "3.00", "4.00"]]
    items, _, problems, _ = extract_line_items(_doc(rows_bad))
    assert not items  # no reading that holds: nothing guessed
    assert any(p.code == "unmapped_column" for p in problems)


def test_locate_rejects_a_grid_listing_titles():
    rows = [["一、收入支出决算总表", "1"], ["二、收入决算表", "2"], ["三、支出决算表", "3"]]
    doc = _doc(rows)
    doc.pages[0].grids[0].title = "目录"
    assert locate_tables(doc) == []


def test_columns_read_into_the_wrong_ids_are_withheld_although_the_column_sums_hold():
    """A column mapping gone wrong keeps 合计 = Σ类 true in every column, but breaks
    total = basic + project in most rows: the table is withheld."""
    items = [*gb("", "10.00", "4.00", "6.00"), *gb("201", "7.00", "3.00", "4.00"),
             *gb("208", "3.00", "1.00", "2.00")]
    swapped = [LineItem(i.table, i.section, i.row_code, i.row_name,
                        {"total": "basic", "basic": "total"}.get(i.column, i.column), i.value)
               for i in items]
    info = TableInfo("general_budget", "一般公共预算财政拨款支出决算表", (3,), cells=len(items))
    kept, tables, problems = verify(swapped, [info])
    assert not kept and tables[0].status == "withheld"
    kept, tables, _ = verify(items, [TableInfo("general_budget", "…", (3,), cells=len(items))])
    assert len(kept) == len(items) and tables[0].status == "ok"


def test_the_audit_reports_a_withheld_table_with_why():
    from juesuan.audit.context import Context
    from juesuan.audit.rules_tables import table_withheld
    from juesuan.models import Report, ReportMeta

    meta = ReportMeta(agency="某局", region=["四川省"], sector="", year=2024, kind="部门决算")
    info = TableInfo("general_budget", "一般公共预算财政拨款支出决算表", (3,), status="withheld",
                     note="本表读数与其自身勾稽关系不符")
    report = Report(meta=meta, line_items=[], facts=[], projects=[], indicators=[], tables=[info],
                    problems=[])
    [check] = list(table_withheld(Context(report)))
    assert check.severity == "warning" and "勾稽关系不符" in check.message and check.page == 3

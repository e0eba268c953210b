"""Text exports: reading files, rebuilding tables, repairing split number tokens."""

from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan.errors import UnreadableDocument
from juesuan.extract.text import extract_text, narrative_text, normalize_latex
from juesuan.normalize.text_cells import classify_cell, loose_readings, readings_for
from juesuan.normalize.text_solve import RowCandidates, settle
from juesuan.normalize.text_tables import extract_line_items

D = Decimal


# ---------------------------------------------------------------- cells


@pytest.mark.parametrize("raw, value", [
    ("20,9 07.9 4", "20907.94"), ("112 .36", "112.36"), ("1,587.2 2", "1587.22"),
    ("0.0 0", "0.00"), ("0.00 0", "0.00"), ("0.0 00", "0.00"), ("3.00", "3.00"),
])
def test_split_tokens_of_one_cell_are_joined(raw, value):
    cell = classify_cell(raw)
    assert cell.value == D(value)
    assert cell.kind in ("value", "zero")


@pytest.mark.parametrize("raw, kind", [
    ("0.", "partial"), ("0.0", "partial"), ("0.00 .36", "partial"), ("112 0", "partial"),
    ("0", "junk"),
])
def test_unreadable_cells_are_not_guessed(raw, kind):
    cell = classify_cell(raw)
    assert cell.kind == kind
    assert cell.value is None


def _cells(*raws):
    return [classify_cell(r) for r in raws]


def test_missing_cell_is_derived_only_when_the_row_arithmetic_fixes_it():
    cols = ["total", "basic", "project"]
    ident = [(("total", 1), ("basic", -1), ("project", -1))]
    readings = readings_for(_cells("10.00", "4.00"), cols, ident)
    # 10 | 4 could be (total, basic), (total, project) or (basic, project)…
    assert len(readings) == 3
    assert {r.values.get("total") for r in readings} == {D("10.00"), D("14.00")}
    # …but 10 | 4 | 6 has a single reading
    (only,) = readings_for(_cells("10.00", "4.00", "6.00"), cols, ident)
    assert only.values == {"total": D("10.00"), "basic": D("4.00"), "project": D("6.00")}


def test_extra_zero_cells_are_dropped_every_way():
    cols = ["a", "b", "c"]
    readings = readings_for(_cells("5.00", "0.00", "0.00", "0.00"), cols, [])
    assert readings and all(r.values == {"a": D("5.00"), "b": D("0.00"), "c": D("0.00")}
                            for r in readings)


def test_loose_readings_keep_the_order_of_non_zero_amounts():
    cols = ["t", "x", "y", "z"]
    ident = [(("t", 1), ("x", -1), ("y", -1), ("z", -1))]
    readings = loose_readings(_cells("7.00", "0.00", "7.00", "0.00", "0.00"), cols, ident)
    assert {tuple(sorted(r.values.items())) for r in readings} == {
        tuple(sorted({"t": D("7.00"), "x": D("7.00"), "y": D("0"), "z": D("0")}.items())),
        tuple(sorted({"t": D("7.00"), "x": D("0"), "y": D("7.00"), "z": D("0")}.items())),
        tuple(sorted({"t": D("7.00"), "x": D("0"), "y": D("0"), "z": D("7.00")}.items())),
    }


# ---------------------------------------------------------------- settling


def _row(code, raws, cols=("total", "basic", "project")):
    cols = list(cols)
    ident = [(("total", 1), ("basic", -1), ("project", -1))]
    cells = _cells(*raws)
    return RowCandidates("general_budget", "", code, code or "合计", cols,
                         readings_for(cells, cols, ident), list(raws), cells, ident)


def _constraints(rows):
    cons = []
    for r in rows:
        cons.append(tuple((r.key(c), k) for c, k in
                          (("total", 1), ("basic", -1), ("project", -1))))
    parent, kids = rows[0], rows[1:]
    for col in parent.columns:
        cons.append(((parent.key(col), 1), *((k.key(col), -1) for k in kids)))
    return cons


def test_column_identity_places_an_ambiguous_row():
    rows = [_row("", ["30.00", "20.00", "10.00"]),
            _row("204", ["20.00", "20.00", "0.00"]),
            _row("208", ["10.00", "0.00"])]  # two numbers for three columns
    out = settle(rows, _constraints(rows))
    key = ("general_budget", "", "208", "{}")
    assert out.values[key[:3] + ("total",)] == D("10.00")
    assert out.values[key[:3] + ("basic",)] == D("0.00")
    assert out.values[key[:3] + ("project",)] == D("10.00")


def test_truncated_zero_is_recovered_from_arithmetic():
    rows = [_row("", ["9.00", "9.00", "0.00"]),
            _row("204", ["9.00", "9.00", "0."])]  # "0." = a zero whose decimals were lost
    out = settle(rows, _constraints(rows))
    assert out.values[("general_budget", "", "204", "project")] == D("0.00")


def test_unplaceable_number_is_left_out():
    rows = [_row("", ["9.00", "5.00", "4.00"]),
            _row("204", ["9.00", "7 3"])]  # "7 3" fits nothing; no identity settles basic
    out = settle(rows, [])
    assert ("general_budget", "", "204", "basic") not in out.values
    assert rows[1] in out.unsettled


# ---------------------------------------------------------------- files

TAB_EXPORT = """一般公共预算财政拨款支出决算表

财决公开 06 表

单位:万元

支出功能分类科目编码\t\t\t科目名称\t小计\t基本支出\t项目支出
类\t款\t项\t\t1\t2\t3
\t\t\t合计\t1,1 00.00\t1,000.00\t100.00
204\t\t公共安全支出\t\t1,100.00\t1,0 00.0 0\t100.00
20402\t\t公安\t\t1,000.00\t1,000.00

2040201\t行政运行\t600.00\t600.00\t0.00
2040202\t一般行政管理事务\t400.00\t400.00\t0.00
20499\t其他公共安全支出\t100. 00\t0.00\t100.00

说明：本年支出比上年各增加
20 万元，主要是 $\\geqslant$ 的原因。
"""


def test_tab_export_grids_and_line_items(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(TAB_EXPORT, encoding="utf-8")
    doc = extract_text(path)
    assert doc.format == "text" and doc.page_count == 1 and doc.pages[0].number is None
    (grid,) = doc.grids()
    assert "一般公共预算财政拨款支出决算表" in grid.title
    assert grid.rows[0][3] == "科目名称"
    items, tables, problems, converted = extract_line_items(doc)
    got = {(it.row_code, it.column): it.value for it in items}
    assert got[("", "total")] == D("1100.00")
    assert got[("204", "basic")] == D("1000.00")
    assert got[("2040201", "project")] == D("0.00")
    # 20402 prints two numbers for three columns: 小计 = 基本 + 项目 and its 项 settle it
    assert got[("20402", "project")] == D("0.00")
    assert tables[0].table == "general_budget" and tables[0].form == "财决公开06表"
    assert not converted


def test_narrative_rejoins_page_breaks_and_drops_tables(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("第一部分 概况\n\n" + "甲" * 30 + "各增加\n\n4046.84 万元，增长 23.8%。\n\n"
                    "收入\t1\t2.00\n", encoding="utf-8")
    text = narrative_text(extract_text(path))
    assert "各增加4046.84 万元" in text
    assert "2.00" not in text
    assert normalize_latex("≥ $=$ 5 \\geqslant 3 \\leqslant 4") == "≥ = 5 ≥ 3 ≤ 4"


def test_word_export_rows_and_continuation_lines(tmp_path):
    path = tmp_path / "word.txt"
    path.write_text("前言\n\n\t某某项目支出绩效自评表\n\n\t项目名称\n\t某项目\n\n\t评价结论\n\t第一段\n\n"
                    "第二段\n\n\t合计\n\t100\n\n结尾段落一\n" + "\n".join(f"段落{i}" for i in range(12)),
                    encoding="utf-8")
    doc = extract_text(path)
    (grid,) = doc.grids()
    assert grid.title == "某某项目支出绩效自评表"
    assert grid.rows[1] == ["项目名称", "某项目"]
    assert grid.rows[2] == ["评价结论", "第一段\n第二段"]
    assert grid.rows[3] == ["合计", "100"]
    assert "第二段" not in narrative_text(doc) and "段落11" in narrative_text(doc)


def test_gbk_is_read_and_empty_is_a_clear_error(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("收入支出决算总表".encode("gb18030"))
    assert extract_text(path).text == "收入支出决算总表"  # other encodings: test_text_encodings.py
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    with pytest.raises(UnreadableDocument):
        extract_text(empty)

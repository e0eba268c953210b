"""Text exports: 三公经费, 机关运行经费, 政府采购, 国有资产 tables (single-row and national template).

Inputs are the synthetic generator's printed grids written as a text export would
(tab-separated rows, merged header cells dropped), in 万元 and in 元.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.models import ExtractedDocument, Page
from juesuan.normalize.text_single import header_paths, single_rows
from juesuan.normalize.text_tables import extract_line_items
from generator.canonical import generate_report
from generator.compare import score_line_items
from generator.layout import build_spec, to_grid
from generator.variations import choose_variation

TABLES = ("three_public", "agency_operating_expense", "government_procurement")


def _doc(text: str) -> ExtractedDocument:
    return ExtractedDocument(source=Path("synthetic.txt"), format="text", sha256="", page_count=1,
                             pages=[Page(number=None, text=text, grids=[])])


def _export(report, seed: int, lanci: bool, commas: bool) -> str:
    v = choose_variation(seed, template=report.template, unit=report.unit, lanci=lanci, commas=commas,
                         alias_titles=False)
    rng = random.Random(seed)
    lines: list[str] = []
    for n, tid in enumerate(TABLES, 1):
        if tid not in report.tables:
            continue
        spec = build_spec(rng, report, report.tables[tid], v, 13 + n)
        grid = to_grid(spec, [c for c, _ in spec.cols], v)
        lines += [spec.title, "", f"单位：{report.unit}", ""]
        lines += ["\t".join(c.text for c in row) for row in grid.rows_of()]
        lines.append("")
    return "\n".join(lines)


CASES = [(seed, template, unit) for seed in (3, 11, 29) for template in ("sichuan13", "national9")
         for unit in ("万元", "元")]


@pytest.mark.parametrize("seed, template, unit", CASES)
def test_generated_single_tables_are_read(seed, template, unit):
    report = generate_report(seed, template=template, unit=unit)
    report.tables = {k: t for k, t in report.tables.items() if k in TABLES}
    for t in report.tables.values():
        t.headers_only = False
    text = _export(report, seed, lanci=seed % 2 == 1, commas=seed % 3 == 0)
    items, infos, problems, converted = extract_line_items(_doc(text))
    expected = report.line_items()
    score = score_line_items(expected, items)
    assert score.precision == 1.0 and score.recall == 1.0, (score.missing[:10], score.extra[:10], problems)
    assert converted is (unit == "元")
    status = {i.table: i.status for i in infos}
    assert all(status[t] == "ok" for t in report.tables), status


def test_sichuan_three_public_headers_rebuilt():
    rows = [["预算数", "决算数", "其中：一般公共预算财政拨款", "其中：政府性基金预算财政拨款"],
            ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"] * 4,
            ["小计", "公务用车购置费", "公务用车运行维护费"] * 4]
    paths = header_paths("three_public", rows)
    assert len(paths) == 24
    assert paths[2] == ("预算数", "公务用车购置及运行维护费", "小计")
    assert paths[18] == ("其中：政府性基金预算财政拨款", "合计")


def _assets_text(unit: str, values: list[str]) -> str:
    header = ["资产总额", "土地（平方米）", "房屋（平方米）", "车辆（辆）",
              "单价50万元以上通用设备（台/套）", "单价100万元以上专用设备（台/套）"]
    return "\n".join(["国有资产占用情况表", f"单位：{unit}", "\t".join(header), "\t".join(values)])


@pytest.mark.parametrize("unit, total", [("万元", "1234.56"), ("元", "12345600.00")])
def test_state_assets_row_counts_are_not_converted(unit, total):
    items, infos, _, converted = extract_line_items(_doc(_assets_text(unit, [total, "300.00", "1200.00", "7", "2", "0"])))
    got = {i.column: i.value for i in items if i.table == "state_assets"}
    assert got == {"total": Decimal("1234.56"),
                   "land": Decimal("300.00") if unit == "万元" else Decimal("0.03"),
                   "buildings": Decimal("1200.00") if unit == "万元" else Decimal("0.12"),
                   "vehicles": Decimal("7"), "equipment_over_500k": Decimal("2"),
                   "special_equipment_over_1m": Decimal("0")}
    assert {i.row_code for i in items} == {"assets"}


def test_garbled_three_public_row_is_left_out():
    # the seed 004 layout: header words split over rows, numbers split into tokens
    rows = [["预算数", "", "决算数"], ["合计", "因公出国(境)", "公务用车购置及运行维护费", "公务接待费", "合计"],
            ["", "费用", "购置费", "运行维护费) 费"],
            ["26 1. 47", "0.0 0", "26 1. 47", "0.00 .47", "261 0.00", "26 1. 47"]]
    part, problems = single_rows("three_public", rows)
    assert part == [] and problems and problems[0].code == "unplaced_number"


def test_inconsistent_procurement_row_is_left_out():
    rows = [["采购预算（财政性资金）", "实际采购金额", "授予中小企业合同金额"],
            ["合计", "货物", "工程", "服务", "合计", "货物", "工程", "服务"],
            ["10.00", "5.00", "1.00", "1.00", "7.00", "5.00", "1.00", "1.00", "3.00"]]
    part, problems = single_rows("government_procurement", rows)
    assert part == [] and problems
    rows[2][0] = "7.00"
    part, _ = single_rows("government_procurement", rows)
    assert part and part[0].columns[0] == "budget.total" and part[0].columns[-1] == "sme"

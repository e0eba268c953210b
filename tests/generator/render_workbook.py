"""Render a SyntheticReport's standard tables (and project self-evaluation tables) to an .xlsx
workbook with openpyxl, as 决算报表 attachments are published: the same printed grids as the PDF
and DOCX renderers (layout.build_spec / to_grid), title and caption rows above each table,
merged header cells, amounts stored as numbers under a 0.00 / #,##0.00 format or as text with
thousands separators. Workbook-only choices come from a WorkbookStyle drawn from the seed."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .canonical import SyntheticReport
from .grid import SpanGrid
from .layout import build_spec, to_grid
from .printing import prepare
from .projects import project_grid
from .script import to_traditional
from .variations import Variation


@dataclass(frozen=True)
class WorkbookStyle:
    layout: str  # "sheets" (one sheet per table) | "one_sheet" (every table on one sheet, blank rows between)
    numbers: str  # "numbers" (stored as numbers under a number format) | "text" (the printed text)
    title_merged: bool  # the title row merged across the table's width (else in the first cell only)
    caption: str  # "cells" (单位名称 | 年度 | 单位：万元 in three cells) | "one" (one cell)
    hidden: bool  # a hidden sheet, a hidden column and a hidden row of working figures the parser must skip
    cover: bool  # a first sheet with the report's title (agency, year), no table
    codes_as_numbers: bool  # 7-digit / 类 codes stored as numbers (款/项 keep their 0 by a "00" format)

    def describe(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in asdict(self).items())


def choose_style(seed: int, **override) -> WorkbookStyle:
    rng = random.Random(f"workbook-style-{seed}")
    s = dict(layout=rng.choice(["sheets", "sheets", "one_sheet"]), numbers=rng.choice(["numbers", "numbers", "text"]),
             title_merged=rng.random() < 0.7, caption=rng.choice(["cells", "one"]), hidden=rng.random() < 0.5,
             cover=rng.random() < 0.5, codes_as_numbers=rng.random() < 0.3)
    s.update(override)
    return WorkbookStyle(**s)


@dataclass
class WorkbookLog:
    sheets: dict[str, str] = field(default_factory=dict)  # table id -> sheet!A1 of its title


class Writer:
    def __init__(self, report: SyntheticReport, v: Variation, style: WorkbookStyle):
        self.wb = openpyxl.Workbook()
        self.report, self.v, self.style = report, v, style
        self.log = WorkbookLog()
        self.ws = self.wb.active
        self.row = 1  # next free row of the current sheet
        self.first = True

    def tx(self, text: str) -> str:
        return to_traditional(text) if self.v.script == "traditional" else text

    def sheet(self, name: str):
        if self.first:
            self.ws.title = name[:31]
            self.first = False
        else:
            self.ws = self.wb.create_sheet(name[:31])
        self.row = 1
        return self.ws

    def line(self, text: str, width: int, merged: bool = True, bold: bool = False) -> None:
        cell = self.ws.cell(self.row, 1, self.tx(text))
        cell.font = Font(bold=bold)
        if merged and width > 1:
            self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=width)
            cell.alignment = Alignment(horizontal="center")
        self.row += 1

    def cells(self, texts: list[str]) -> None:
        for c, text in enumerate(texts, 1):
            self.ws.cell(self.row, c, self.tx(text))
        self.row += 1

    def grid(self, g: SpanGrid, amounts: bool = True) -> None:
        top = self.row
        for c in g.cells:
            cell = self.ws.cell(top + c.row, 1 + c.col)
            value: object = self.tx(c.text)
            if amounts and c.align == "r" and c.text and self.style.numbers == "numbers":
                value = float(Decimal(c.text.replace(",", "")))
                cell.number_format = "#,##0.00" if self.v.commas else "0.00"
            elif self.style.codes_as_numbers and c.align == "l" and c.text.isdigit() and c.col < 3:
                value = int(c.text)
                if len(c.text) == 2:
                    cell.number_format = "00"
            cell.value = value
            if c.rs > 1 or c.cs > 1:
                self.ws.merge_cells(start_row=top + c.row, start_column=1 + c.col,
                                    end_row=top + c.row + c.rs - 1, end_column=1 + c.col + c.cs - 1)
        self.row = top + g.nrows

    def hide_junk(self, width: int) -> None:
        """A hidden column and a hidden row of working figures, right of and below the table."""
        col = width + 1
        letter = get_column_letter(col)
        for r in range(1, self.row):
            self.ws.cell(r, col, 9999.99 if r % 2 else "内部核对")
        self.ws.column_dimensions[letter].hidden = True
        self.cells(["内部核对（隐藏）"] + ["8888.88"] * (width - 1))
        self.ws.row_dimensions[self.row - 1].hidden = True


def render_workbook(report: SyntheticReport, v: Variation, path: Path, style: WorkbookStyle | None = None) -> WorkbookLog:
    style = style or choose_style(v.seed)
    prepare(report, v)
    rng = random.Random(f"render-workbook-{v.seed}")
    w = Writer(report, v, style)
    m = report.meta
    if style.cover:
        w.sheet("封面")
        for text in (f"{m['agency']}", f"{m['year']}年度{m['kind']}", f"公开时间：{m['published']}"):
            w.line(text, 1, merged=False, bold=True)
    if style.layout == "one_sheet":
        w.sheet("决算公开表")
    for number, t in enumerate(report.tables.values(), 1):
        spec = build_spec(rng, report, t, v, number)
        g = to_grid(spec, [c for c, _ in spec.cols], v)
        if style.layout == "sheets":
            w.sheet(f"{number:02d}{spec.title}"[:31].replace("/", "_"))
        elif number > 1:
            w.row += 2  # blank rows between tables
        w.log.sheets[t.id] = f"{w.ws.title}!A{w.row}"
        w.line(spec.title, g.ncols, merged=style.title_merged, bold=True)
        if spec.form:
            w.cells([""] * (g.ncols - 1) + [spec.form])
        unit = f"单位：{report.unit}"
        if v.caption == "unit_only":
            w.cells([""] * (g.ncols - 1) + [unit])
        elif style.caption == "cells":
            w.cells([f"单位名称：{m['agency']}", f"{m['year']}年度"] + [""] * max(0, g.ncols - 3) + [unit])
        else:
            w.cells([f"单位名称：{m['agency']}    {m['year']}年度    {unit}"])
        w.grid(g)
        if spec.note:
            w.cells([spec.note])
        if style.hidden and style.layout == "sheets" and number == 1:
            w.hide_junk(g.ncols)
    for p in report.projects:
        grid = project_grid(report, p, [i for i in report.indicators if i.project_code == p.project_code])
        w.sheet(f"绩效自评{p.project_code[-4:]}")
        w.line(f"{p.project_name}项目支出绩效自评表（{m['year']}年度）", grid.ncols, merged=style.title_merged, bold=True)
        w.grid(grid, amounts=False)
    if style.hidden:
        junk = w.wb.create_sheet("校验（隐藏）")
        junk["A1"] = "收入支出决算总表"
        junk["A2"] = "本年收入合计"
        junk["B2"] = 1.23
        junk.sheet_state = "hidden"
    w.wb.save(str(path))
    return w.log


__all__ = ["render_workbook", "choose_style", "WorkbookStyle", "WorkbookLog"]

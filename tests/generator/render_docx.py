"""Render a SyntheticReport to DOCX with python-docx: cover, 情况说明, the standard tables as Word
tables (merged header cells, 栏次 rows, title / 表号 / 单位 paragraphs above), landscape sections
for wide tables, project self-evaluation tables. Same canonical data and printed grids as the PDF
renderer (layout.build_spec / to_grid, projects.project_grid); DOCX-only choices (how the caption
block is written, tables cut into two Word tables) come from a DocxStyle drawn from the seed."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .canonical import SyntheticReport
from .grid import Cell, SpanGrid
from .layout import build_spec, to_grid
from .printing import prepare
from .projects import project_grid
from .script import to_traditional
from .variations import Variation

WIDE_COLUMNS = 9  # a table with more columns is printed on a landscape page
ALIGN = {"l": WD_ALIGN_PARAGRAPH.LEFT, "c": WD_ALIGN_PARAGRAPH.CENTER, "r": WD_ALIGN_PARAGRAPH.RIGHT}


@dataclass(frozen=True)
class DocxStyle:
    """How this DOCX writes what the PDF draws: every choice printable on failure."""
    caption: str  # "tabs" (单位名称\t年度\t单位 in one paragraph) | "lines" (one paragraph each)
    #               | "table" (a one-row borderless layout table, as pasted from Excel)
    page_break: str  # "run" (w:br type=page) | "before" (pageBreakBefore on the next paragraph)
    #                  | "flow" (standard tables follow each other after an empty paragraph)
    framed: bool  # each standard table nested in a one-cell layout table (to centre it)
    unit_only: bool  # the caption is just "单位：万元" (no 单位名称 / 年度)
    title_in_table: bool  # title and 单位 written in merged first rows of the table itself
    header_repeat: bool  # header rows marked w:tblHeader (repeated by Word on each page)
    split_tables: bool  # long tables cut into two Word tables (page break, 续表 per Variation)
    cut_on_page: bool  # ... the second part right below the first, after an empty paragraph
    split_cells: bool  # long cell texts written as two runs, long names as two paragraphs
    tracked: bool  # some amounts revised with tracked changes (w:del of a wrong figure, w:ins of the right)

    def describe(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in asdict(self).items())


def choose_style(seed: int, **override) -> DocxStyle:
    rng = random.Random(f"docx-style-{seed}")
    s = dict(caption=rng.choice(["tabs", "lines", "table"]), page_break=rng.choice(["run", "before", "flow"]),
             framed=rng.random() < 0.15,
             unit_only=rng.random() < 0.25, title_in_table=rng.random() < 0.2,
             header_repeat=rng.random() < 0.5, split_tables=rng.random() < 0.4,
             cut_on_page=rng.random() < 0.3, split_cells=rng.random() < 0.4,
             tracked=rng.random() < 0.2)
    s.update(override)
    return DocxStyle(**s)


@dataclass
class DocxLog:
    """Where things were written (for failure reports): table id -> Word table numbers, cuts."""
    tables: dict[str, list[int]] = field(default_factory=dict)
    cuts: list[str] = field(default_factory=list)
    count: int = 0


class Writer:
    def __init__(self, report: SyntheticReport, v: Variation, style: DocxStyle):
        self.d = docx.Document()
        self.report, self.v, self.style = report, v, style
        self.log = DocxLog()
        self.titles: dict[str, str] = {}  # table id -> title as the 目录 lists it
        self.toc = None  # (the paragraph the 目录 lines go before, part order)
        self.wide = False
        self.break_next = False  # pageBreakBefore pending for the next paragraph
        normal = self.d.styles["Normal"]
        normal.font.size = Pt(10.5)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")

    def tx(self, text: str) -> str:
        return to_traditional(text) if self.v.script == "traditional" else text

    def para(self, text: str = "", align: str = "l", bold: bool = False, size: float | None = None):
        text = self.tx(text)
        p = self.d.add_paragraph()
        if self.break_next:
            p.paragraph_format.page_break_before = True
            self.break_next = False
        if text:
            run = p.add_run(text)
            run.bold = bold or None
            if size:
                run.font.size = Pt(size)
        if align != "l":
            p.alignment = ALIGN[align]
        return p

    def page_break(self, wide: bool = False, table: bool = False) -> None:
        """Start a new page (a standard table: maybe not); a new section when the orientation changes."""
        if wide == self.wide:
            if table and self.style.page_break == "flow":
                self.d.add_paragraph()
            elif self.style.page_break == "before":
                self.break_next = True
            else:
                self.d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            return
        if self.break_next:  # nothing written since the last break: the section break is enough
            self.break_next = False
        section = self.d.add_section(WD_SECTION.NEW_PAGE)
        w, h = sorted((section.page_width, section.page_height))
        section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (h, w) if wide else (w, h)
        self.wide = wide

    def table(self, g: SpanGrid, rows: list[int], header: int, size: float) -> None:
        """The given rows of a span grid (no rowspan crossing their cut) as one Word table."""
        if self.break_next:  # a page break is due and no paragraph came since: an empty one carries it
            self.para()
        index = {r: i for i, r in enumerate(rows)}
        cells = [c for c in g.cells if c.row in index]
        if self.style.framed and header:  # standard tables only (project tables have header=0)
            t = self.d.add_table(rows=1, cols=1).cell(0, 0).add_table(rows=len(rows), cols=g.ncols)
        else:
            t = self.d.add_table(rows=len(rows), cols=g.ncols)
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid = [row.cells for row in t.rows]  # before any merge: one cell per grid position
        if self.v.script == "traditional":
            cells = [replace(c, text=self.tx(c.text)) for c in cells]
        for c in cells:
            if self.style.tracked and c.align == "r" and c.text and (c.row * 31 + c.col) % 7 == 0:
                revise(grid[index[c.row]][c.col], c, size, self.log.count * 10000 + c.row * 100 + c.col)
            else:
                put(grid[index[c.row]][c.col], c, size, self.style.split_cells)
        for c in cells:
            if c.rs > 1 or c.cs > 1:
                grid[index[c.row]][c.col].merge(grid[index[c.row] + c.rs - 1][c.col + c.cs - 1])
        if self.style.header_repeat and not g.header_values:
            for tr in t.rows[:header]:
                mark = OxmlElement("w:tblHeader")
                tr._tr.get_or_add_trPr().append(mark)
        self.log.count += 1


def put(cell, c: Cell, size: float, split: bool) -> None:
    """A cell's text; split: in two runs (a number cut "1,23|4.56"), a long name in two paragraphs."""
    p = cell.paragraphs[0]
    pieces = [c.text]
    if split and len(c.text) > 5 and not c.text[:1].isdigit() and c.align != "r" and len(c.text) < 30:
        half = len(c.text) // 2
        p.add_run(c.text[:half]).font.size = Pt(size)
        p = cell.add_paragraph()
        pieces = [c.text[half:]]
    elif split and len(c.text) > 3:
        pieces = [c.text[:3], c.text[3:]]
    for piece in pieces:
        if piece:
            p.add_run(piece).font.size = Pt(size)
    if c.align != "l":
        for q in cell.paragraphs:
            q.alignment = ALIGN[c.align]


def revise(cell, c: Cell, size: float, change_id: int) -> None:
    """The cell's amount as a tracked revision: a deleted wrong figure, then the inserted right one."""
    p = cell.paragraphs[0]
    p.alignment = ALIGN[c.align]
    for tag, text_tag, text in (("w:del", "w:delText", "9" + c.text), ("w:ins", "w:t", c.text)):
        change = OxmlElement(tag)
        change.set(qn("w:id"), str(change_id * 2 + (tag == "w:ins")))
        change.set(qn("w:author"), "审核")
        run = OxmlElement("w:r")
        t = OxmlElement(text_tag)
        t.text = text
        run.append(t)
        change.append(run)
        p._p.append(change)


def render_docx(report: SyntheticReport, v: Variation, path: Path, style: DocxStyle | None = None) -> DocxLog:
    style = style or choose_style(v.seed)
    prepare(report, v)
    rng = random.Random(f"render-docx-{v.seed}")
    w = Writer(report, v, style)
    m = report.meta
    w.para()
    for i, text in enumerate([f"{m['year']}年度", m["agency"], m["kind"], f"公开时间：{m['published'][:4]}年"
                              f"{int(m['published'][5:7])}月{int(m['published'][8:])}日"]):
        w.para(text, "c", bold=i < 3, size=22 if i < 3 else 12)
    parts = [lambda: narrative(w), lambda: tables(w, rng), lambda: projects(w)]
    order = [1, 0, 2] if v.tables_first else [0, 2, 1] if rng.random() < 0.5 else [0, 1, 2]
    if v.toc != "none":
        contents(w, order)
    for i in order:
        parts[i]()
    if w.toc:
        fill_contents(w)
    w.d.save(str(path))
    return w.log


def narrative(w: Writer) -> None:
    w.page_break()
    for heading, paras in w.report.sections:
        w.d.add_heading(w.tx(heading), level=1)
        for p in paras:
            for line in p.split("\n"):
                heading = len(line) < 40 and "万元" not in line and line[:1] in "一二三四五六七八九十（"
                w.para(line if heading else "\u3000\u3000" + line, bold=heading)


def tables(w: Writer, rng: random.Random) -> None:
    for number, t in enumerate(w.report.tables.values(), 1):
        spec = build_spec(rng, w.report, t, w.v, number)
        w.titles[t.id] = spec.listed
        g = to_grid(spec, [c for c, _ in spec.cols], w.v)
        wide = g.ncols > WIDE_COLUMNS or (w.v.landscape == "mixed" and rng.random() < 0.3)
        header = list(range(g.header_rows))
        body = list(range(g.header_rows, g.nrows))
        breakable = sorted(r for r in g.breakable_after() if r in body[:-1])
        cut = rng.choice(breakable) if w.style.split_tables and len(breakable) > 1 else None
        chunks = [body] if cut is None else [[r for r in body if r <= cut], [r for r in body if r > cut]]
        if cut is not None:
            w.log.cuts.append(f"{t.id}: cut after grid row {cut}")
        for k, chunk in enumerate(chunks):
            if k and w.style.cut_on_page:
                w.para()
            else:
                w.page_break(wide, table=True)
            w.log.tables.setdefault(t.id, []).append(w.log.count)
            in_table: list[str] = []
            if not (k and w.v.cont_title == "none"):
                title = spec.title + ("（续表）" if k and w.v.cont_title == "续表" else "")
                in_table = captions(w, title, spec.form)
            head = header if (k == 0 or (w.v.repeat_header and not g.header_values)) else []
            n = len(in_table)
            w.table(with_captions(g, in_table), list(range(n)) + [r + n for r in head + chunk], n + len(head),
                    w.v.font_size)
        if spec.note:
            w.para(spec.note)


def contents(w: Writer, order: list[int]) -> None:
    """The 目录 page: its lines are written once the tables have been (fill_contents)."""
    w.page_break()
    w.para("目  录", "c", bold=True, size=18)
    w.toc = (w.para(), order)


def fill_contents(w: Writer) -> None:
    """Part headings and numbered table titles (dots: a page number as a Word TOC field shows it)."""
    anchor, order = w.toc
    r, m = w.report, w.report.meta
    lines: list[tuple[str, bool]] = []
    page = 3
    for part in order:
        if part == 0:
            for heading, _ in r.sections:
                lines.append((heading, True))
                page += 2
        elif part == 1:
            lines.append((f"{m['agency']}{m['year']}年度{m['kind']}表", True))
            for k, tid in enumerate(r.tables):
                dots = f"……………………（{page}）" if w.v.toc == "dots" else ""
                lines.append((f"\u3000\u3000{CN[k]}、{w.titles.get(tid, '')}{dots}", False))
                page += 1
    for text, bold in lines:
        q = anchor.insert_paragraph_before(w.tx(text))
        for run in q.runs:
            run.bold = bold or None


CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六"]


def caption_lines(w: Writer, title: str, form: str) -> list[str]:
    m = w.report.meta
    unit = f"单位：{w.report.unit}"
    return [title] + ([form] if form else []) + (
        [unit] if (w.style.unit_only or w.v.caption == "unit_only") else [f"单位名称：{m['agency']}",
                                                                         f"{m['year']}年度", unit])


def captions(w: Writer, title: str, form: str) -> list[str]:
    """Write the caption block; returns the caption rows the table itself must carry instead."""
    lines = caption_lines(w, title, form)
    if w.style.title_in_table:
        return [lines[0], "    ".join(lines[1:])]
    w.para(title, "c", bold=True, size=16)
    if form:
        w.para(form, "r", size=9)
    rest = lines[1 + bool(form):]
    if w.style.caption == "table":
        t = w.d.add_table(rows=1, cols=len(rest))
        for cell, line, align in zip(t.rows[0].cells, rest, ["l", "c", "r"] if len(rest) == 3 else ["r"]):
            put(cell, Cell(0, 0, w.tx(line), align=align), 9.0, False)
    elif w.style.caption == "tabs" or len(rest) == 1:
        w.para("\t\t".join(rest), size=9)
    else:
        for line in rest:
            w.para(line, size=9)
    return []


def with_captions(g: SpanGrid, lines: list[str]) -> SpanGrid:
    """g with full-width caption rows on top (the title drawn inside the table's frame)."""
    if not lines:
        return g
    n = len(lines)
    out = SpanGrid(ncols=g.ncols, weights=g.weights)
    out.cells = [Cell(i, 0, line, cs=g.ncols) for i, line in enumerate(lines)]
    out.cells += [Cell(c.row + n, c.col, c.text, c.rs, c.cs, c.align) for c in g.cells]
    out.nrows, out.header_rows = g.nrows + n, g.header_rows + n
    return out


def projects(w: Writer) -> None:
    r = w.report
    for p in r.projects:
        grid = project_grid(r, p, [i for i in r.indicators if i.project_code == p.project_code])
        w.page_break()
        w.log.tables.setdefault("projects", []).append(w.log.count)
        title = f"{p.project_name}项目支出绩效自评表（{r.meta['year']}年度）" if len(p.project_name) < 12 \
            else f"部门预算项目支出绩效自评表（{r.meta['year']}年度）"
        w.para(title, "c", bold=True, size=14)
        w.table(grid, list(range(grid.nrows)), 0, 8.0)


__all__ = ["render_docx", "choose_style", "DocxStyle", "DocxLog"]

"""Render a SyntheticReport to PDF with reportlab: cover, 目录, 情况说明, ruled standard tables,
project self-evaluation tables, each printed the way its Variation says."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from .canonical import SyntheticReport
from .layout import TableSpec, build_spec, to_grid
from .pdfdraw import Placed, column_widths, draw_rows, draw_text, place, register, width, wrap
from .printing import prepare
from .projects import project_grid
from .script import to_traditional
from .variations import Variation

MARGIN = 36.0


@dataclass
class RenderLog:
    """Where things were printed (for failure reports): table id -> pages, and the cuts made."""
    pages: dict[str, list[int]] = field(default_factory=dict)
    cuts: list[str] = field(default_factory=list)
    page_count: int = 0
    titles: dict[str, str] = field(default_factory=dict)  # table id -> title as the 目录 lists it
    toc_pages: list[int] = field(default_factory=list)


class TraditionalCanvas(Canvas):
    """Every string drawn in traditional characters (same widths: CJK glyphs are all one em)."""

    def drawString(self, x, y, text, *a, **k):  # noqa: N802 - reportlab's names
        return super().drawString(x, y, to_traditional(text), *a, **k)

    def drawRightString(self, x, y, text, *a, **k):  # noqa: N802
        return super().drawRightString(x, y, to_traditional(text), *a, **k)

    def drawCentredString(self, x, y, text, *a, **k):  # noqa: N802
        return super().drawCentredString(x, y, to_traditional(text), *a, **k)

    def setTitle(self, title):  # noqa: N802
        return super().setTitle(to_traditional(title))


class Doc:
    def __init__(self, path, v: Variation, report: SyntheticReport, toc: RenderLog | None = None):
        canvas = TraditionalCanvas if v.script == "traditional" else Canvas
        self.c = canvas(path if isinstance(path, io.IOBase) else str(path), pagesize=A4, invariant=1)
        self.c.setTitle(f"{report.meta['agency']}{report.meta['year']}年度{report.meta['kind']}")
        self.toc = toc  # a first pass's log: where each table landed, for the 目录's page numbers
        self.v, self.report = v, report
        self.font = register(v.font)
        self.page = 0
        self.size = A4
        self.y = 0.0
        self.log = RenderLog()

    def new_page(self, wide: bool = False) -> None:
        if self.page:
            self.c.showPage()
        self.page += 1
        self.size = landscape(A4) if wide else A4
        self.c.setPageSize(self.size)
        draw_text(self.c, f"- {self.page} -", self.size[0] / 2, 20, self.font, 9, "c")
        self.y = self.size[1] - MARGIN

    @property
    def usable(self) -> float:
        return self.size[0] - 2 * MARGIN

    def paragraph(self, text: str, size: float = 10.5, indent: bool = True) -> None:
        lead = size * 1.6
        for line in wrap(("\u3000\u3000" if indent else "") + text, self.usable, self.font, size):
            if self.y < MARGIN + 30:
                self.new_page()
            draw_text(self.c, line, MARGIN, self.y - size, self.font, size)
            self.y -= lead

    def save(self) -> RenderLog:
        self.c.showPage()
        self.c.save()
        self.log.page_count = self.page
        return self.log


def render_pdf(report: SyntheticReport, v: Variation, path: Path) -> RenderLog:
    prepare(report, v)
    if v.toc == "none":
        return _render(report, v, Path(path))
    first = _render(report, v, io.BytesIO())  # where the tables land, for the 目录's page numbers
    return _render(report, v, Path(path), first)


def _render(report: SyntheticReport, v: Variation, path, toc: RenderLog | None = None) -> RenderLog:
    rng = random.Random(f"render-{v.seed}")
    doc = Doc(path, v, report, toc)
    doc.new_page()
    m = report.meta
    for i, text in enumerate([f"{m['year']}年度", m["agency"], m["kind"], f"公开时间：{m['published'][:4]}年"
                              f"{int(m['published'][5:7])}月{int(m['published'][8:])}日"]):
        draw_text(doc.c, text, A4[0] / 2, 600 - 50 * i, doc.font, 22 if i < 3 else 12, "c", bold=v.fake_bold)
    parts = [lambda: narrative(doc), lambda: tables(doc, rng), lambda: projects(doc)]
    order = [1, 0, 2] if v.tables_first else [0, 2, 1] if rng.random() < 0.5 else [0, 1, 2]
    if v.toc != "none":
        contents(doc, order)
    for i in order:
        parts[i]()
    return doc.save()


def tables_part_heading(doc: Doc, order: list[int]) -> str:
    m = doc.report.meta
    part = "第一部分 " if order[0] == 1 else "第四部分 "
    return f"{part}{m['agency']}{m['year']}年度{m['kind']}表"


def contents(doc: Doc, order: list[int]) -> None:
    """The 目录: part headings, the narrative's numbered headings and every table title, with dot
    leaders and page numbers "……（6）" or as numbered lines without page numbers."""
    v, r = doc.v, doc.report
    first = doc.toc or RenderLog()
    lines: list[tuple[str, int, int | None]] = []  # text, indent level, page
    for part in order:
        if part == 0:
            for heading, paras in r.sections:
                lines.append((heading, 0, None))
                for p in paras:
                    head = p.split("\n")[0]
                    if len(head) < 40 and head[:1] in "一二三四五六七八九十":
                        lines.append((head, 1, None))
        elif part == 1:
            lines.append((tables_part_heading(doc, order), 0, None))
            for k, tid in enumerate(r.tables, 0):
                title = first.titles.get(tid, tid)
                pages = first.pages.get(tid, [0])
                lines.append((f"{CN[k]}、{title}", 1, pages[0]))
    doc.new_page()
    doc.log.toc_pages.append(doc.page)
    size, lead = 10.5, 10.5 * 1.9
    draw_text(doc.c, "目  录", doc.size[0] / 2, doc.y - 20, doc.font, 18, "c", bold=v.fake_bold)
    doc.y -= 50
    right = doc.size[0] - MARGIN
    for text, level, page in lines:
        if doc.y < MARGIN + 30:
            doc.new_page()
            doc.log.toc_pages.append(doc.page)
        x = MARGIN + 24 * level
        draw_text(doc.c, text, x, doc.y - size, doc.font, size, bold=level == 0 and v.fake_bold)
        if v.toc == "dots" and page is not None:
            num = f"（{page}）"
            end = x + width(text, doc.font, size)
            room = right - width(num, doc.font, size) - end
            dots = "…" * max(2, int(room / width("…", doc.font, size)))
            draw_text(doc.c, dots + num, right, doc.y - size, doc.font, size, "r")
        doc.y -= lead


CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六"]


def narrative(doc: Doc) -> None:
    doc.new_page()
    for heading, paras in doc.report.sections:
        if doc.y < MARGIN + 80:
            doc.new_page()
        doc.paragraph(heading, size=14, indent=False)
        for p in paras:
            for line in p.split("\n"):
                heading = len(line) < 40 and "万元" not in line and line[:1] in "一二三四五六七八九十（"
                doc.paragraph(line, indent=not heading)


def tables(doc: Doc, rng: random.Random) -> None:
    for number, t in enumerate(doc.report.tables.values(), 1):
        spec = build_spec(rng, doc.report, t, doc.v, number)
        doc.log.titles[t.id] = spec.listed
        for k, (grid, continued) in enumerate(split_columns(doc, spec)):
            print_grid(doc, rng, spec, grid, continued, heading=(number == 1 and k == 0 and doc.v.part_heading))


def split_columns(doc: Doc, spec: TableSpec) -> list[tuple[object, bool]]:
    """Cut a table too wide for a landscape page into column chunks (headers repeated)."""
    full = to_grid(spec, [c for c, _ in spec.cols], doc.v)
    avail = landscape(A4)[0] - 2 * MARGIN
    if spec.grid is not None or sum(column_widths(full, doc.font, doc.v.font_size, 150)) <= avail:
        return [(full, False)]
    nleft = len(spec.left)
    ws = column_widths(full, doc.font, doc.v.font_size, 150)
    groups: list[list[tuple[str, float]]] = []  # whole top-level header groups where possible
    for (cid, path), w in zip(spec.cols, ws[nleft:]):
        if groups and len(path) > 1 and path[0] == groups[-1][-1][0]:
            groups[-1].append((path[0], w, cid))  # type: ignore[arg-type]
        else:
            groups.append([(path[0] if len(path) > 1 else "", w, cid)])  # type: ignore[list-item]
    chunks: list[list[str]] = [[]]
    base = sum(ws[:nleft])
    used = base
    for grp in groups:
        gw = sum(w for _, w, _ in grp)  # type: ignore[misc]
        if chunks[-1] and used + gw > avail:
            chunks.append([])
            used = base
        for _, w, cid in grp:  # type: ignore[misc]
            if chunks[-1] and used + w > avail:
                chunks.append([])
                used = base
            chunks[-1].append(cid)
            used += w
    doc.log.cuts.append(f"{spec.table_id}: {len(chunks)} column parts")
    return [(to_grid(spec, ids, doc.v), i > 0) for i, ids in enumerate(chunks)]


def fit(doc: Doc, grid, wide: bool) -> Placed:
    size = doc.v.font_size
    avail = (landscape(A4) if wide else A4)[0] - 2 * MARGIN
    ws = column_widths(grid, doc.font, size, 150)
    if sum(ws) > avail:  # wrap the label columns harder
        ws = column_widths(grid, doc.font, size, 90)
    if sum(ws) < avail * 0.8:
        ws = [w * avail * 0.9 / sum(ws) for w in ws]
    return place(grid, ws, doc.font, size)


def print_grid(doc: Doc, rng: random.Random, spec: TableSpec, grid, continued: bool, heading: bool = False) -> None:
    v = doc.v
    natural = sum(column_widths(grid, doc.font, v.font_size, 150))
    wide = natural > A4[0] - 2 * MARGIN or (v.landscape == "mixed" and rng.random() < 0.3)
    placed = fit(doc, grid, wide)
    header = list(range(grid.header_rows))
    body = list(range(grid.header_rows, grid.nrows))
    cut_at = rng.randrange(1, len(body)) if len(body) > 2 and rng.random() < v.split_prob else None
    spill = grid.spill if 0 < grid.spill < len(body) else 0  # rows due alone on a last page
    breakable = grid.breakable_after()
    first = True
    while first or body:
        doc.new_page(wide)
        doc.log.pages.setdefault(spec.table_id, []).append(doc.page)
        if first and heading:  # Shanghai: the part heading above the first table
            draw_text(doc.c, tables_part_heading(doc, [1] if v.tables_first else [0]), doc.size[0] / 2,
                      doc.y - 16, doc.font, 16, "c", bold=True)
            doc.y -= 40
        spilled = bool(spill) and not first and len(body) == spill  # putuo p.7: no title, no header
        show_title = (first or v.cont_title != "none") and not spilled
        if show_title:
            title = spec.title + ("（续表）" if (continued or not first) and v.cont_title == "续表" else "")
            title_block(doc, title, spec.form)
        repeat = (v.repeat_header or continued) and not grid.header_values and not spilled
        rows = header if (first or repeat) else []
        y = doc.y - sum(placed.heights[r] for r in rows)
        stop = cut_at
        if spill and len(body) > spill:
            stop = len(body) - spill if stop is None else min(stop, len(body) - spill)
        take = []
        for i, r in enumerate(body):
            if y - placed.heights[r] < MARGIN + 10 or (stop is not None and i == stop and take):
                break
            take.append(r)
            y -= placed.heights[r]
        while take and take[-1] not in breakable and len(take) < len(body):
            take.pop()
        if not take and body:
            take = body[:1]
        if body and len(take) < len(body):
            spills = bool(spill) and len(body) - len(take) == spill
            doc.log.cuts.append(f"{spec.table_id}: page {doc.page} ends after body row {len(take)}"
                                + (" (the last rows spill: no title, no header)" if spills else ""))
            cut_at = None
        draw_rows(doc.c, grid, placed, rows + take, MARGIN, doc.y, doc.font, v.font_size, v.rules)
        body = body[len(take):]
        first = False
        if not body and spec.note:
            draw_text(doc.c, spec.note, MARGIN, y - v.font_size - 6, doc.font, v.font_size)


def title_block(doc: Doc, title: str, form: str) -> None:
    w = doc.size[0]
    draw_text(doc.c, title, w / 2, doc.y - 16, doc.font, 16, "c", bold=doc.v.fake_bold)
    doc.y -= 26
    if form:
        draw_text(doc.c, form, w - MARGIN, doc.y - 9, doc.font, 9, "r")
        doc.y -= 13
    m = doc.report.meta
    if doc.v.caption != "unit_only":
        draw_text(doc.c, f"单位名称：{m['agency']}", MARGIN, doc.y - 9, doc.font, 9)
        draw_text(doc.c, f"{m['year']}年度", w / 2, doc.y - 9, doc.font, 9, "c")
    draw_text(doc.c, f"单位：{doc.report.unit}", w - MARGIN, doc.y - 9, doc.font, 9, "r")
    doc.y -= 16


def projects(doc: Doc) -> None:
    r = doc.report
    for p in r.projects:
        grid = project_grid(r, p, [i for i in r.indicators if i.project_code == p.project_code])
        doc.new_page()
        doc.log.pages.setdefault("projects", []).append(doc.page)
        title = f"{p.project_name}项目支出绩效自评表（{r.meta['year']}年度）" if len(p.project_name) < 12 \
            else f"部门预算项目支出绩效自评表（{r.meta['year']}年度）"
        draw_text(doc.c, title, A4[0] / 2, doc.y - 14, doc.font, 14, "c", bold=doc.v.fake_bold)
        size = 8.0
        ws = [w * doc.usable / sum(grid.weights) for w in grid.weights]
        placed = place(grid, ws, doc.font, size)
        while sum(placed.heights) > doc.y - 30 - MARGIN and size > 5:
            size -= 0.5
            placed = place(grid, ws, doc.font, size)
        draw_rows(doc.c, grid, placed, list(range(grid.nrows)), MARGIN, doc.y - 26, doc.font, size)


__all__ = ["render_pdf", "RenderLog", "width"]

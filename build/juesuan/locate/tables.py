"""Find the standard tables among a document's grids by title, header and rows together.

A grid's title block (the text printed above it, or its own first rows when the title is
drawn inside the frame) is matched against the vocabulary's titles (juesuan.vocabulary);
a grid on a 目录 page, or one that has neither header words nor data rows, is not a table.
Grids without a title that follow a located table (next page, same header or same shape,
or marked 续表) are joined to it as parts, with or without a repeated header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan import spec
from juesuan.locate.grid import column_roles, header_paths, is_data_row, split_header, text
from juesuan.locate.toc import is_toc_page
from juesuan.models import ExtractedDocument, Grid
from juesuan.vocabulary import (
    is_continued, is_header_word, match_title_line, side_word, title_candidates,
)

_FORM = re.compile(r"财决公开\s*(\d{1,2})\s*表")
_YUAN = re.compile(r"单位[:：]\s*元|金额单位[:：]?\s*元|[（(]\s*元\s*[)）]")
_WAN = re.compile(r"单位[:：]\s*万元|[（(]\s*万元\s*[)）]")
_UNIT = re.compile(r"单位[:：]?((?:万)?元)(?![\u4e00-\u9fff])")
TITLE_SLACK = 24  # characters a title line may carry beyond the title (agency, year, 附表)


@dataclass
class LocatedTable:
    table: str  # spec table id
    title: str  # the title line as printed
    form: str = ""  # 表号 as printed, e.g. 财决公开07表
    in_yuan: bool = False
    parts: list[Grid] = field(default_factory=list)

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(g.page for g in self.parts if g.page is not None))


def _forms() -> dict[int, str]:
    return {int(v["form"][4:-1]): k for k, v in spec.tables().items() if v.get("form")}


def match_title(block: str, grid: Grid | None = None) -> tuple[str, str, bool] | None:
    """(table id, printed title line, continued?) for a title block, or None.

    The title line's candidates (vocabulary.title_candidates) are weighed with the block's
    form code (财决公开04表) and the grid's structure: a two-sided grid (收入 | 支出) is one of
    the two summary tables, a grid with code columns is not; so "财政拨款收入支出决算表"
    (总 dropped) is the 财政拨款 summary, not 支出决算表."""
    form = _form_table(block)
    kind = grid_kind(grid) if grid is not None else ""
    for line in reversed([ln for ln in block.split("\n") if ln.strip()]):
        found = title_candidates(line, slack=TITLE_SLACK)
        if not found:
            continue
        fits = [(tid, score) for tid, score in found if _compatible(tid, kind)]
        if form and any(tid == form for tid, _ in found):
            return form, line.strip(), is_continued(line)
        if fits:
            return fits[0][0], line.strip(), is_continued(line)
    if form:
        return form, _FORM.search(text(block)).group(0), "续" in block  # type: ignore[union-attr]
    return None


def _form_table(block: str) -> str:
    m = _FORM.search(text(block))
    return _forms().get(int(m.group(1)), "") if m else ""


def grid_kind(grid: Grid) -> str:
    """'two-sided' (收入 and 支出 side by side), 'coded' (code columns), or '' (cannot tell)."""
    head, start = split_header(grid.rows)
    head = head[:4] if head else grid.rows[:2]
    sides = {side_word(c) for row in head for c in row if c and side_word(c)}
    if {"income", "expenditure"} <= sides:
        return "two-sided"
    ncols = max((len(r) for r in grid.rows), default=0)
    roles = column_roles(header_paths(head, ncols, grid.covered_by), [])
    if "code" in roles:
        return "coded"
    if roles.count("name") >= 2:
        return "two-sided"
    return ""


def _compatible(tid: str, kind: str) -> bool:
    rows = spec.tables()[tid].get("rows", "")
    if kind == "two-sided":
        return rows == "two-sided"
    if kind == "coded":
        return rows in ("function-coded", "economic-coded")
    return True


def _shift(grid: Grid, skip: int, title: str) -> Grid:
    covered = {(r - skip, c): (r0 - skip, c0) for (r, c), (r0, c0) in grid.covered_by.items()
               if r >= skip and r0 >= skip}
    return Grid(grid.page, grid.rows[skip:], title, grid.landscape, covered)


def _own_title(grid: Grid) -> tuple[str, int]:
    """Title text drawn inside the grid's first rows (before the header), and rows used."""
    lines = []
    for i, row in enumerate(grid.rows[:3]):
        cells = [c for c in row if c and c.strip()]
        if len(cells) != 1 or is_data_row(row):
            break
        lines.append(cells[0])
        if match_title("\n".join(lines)):
            return "\n".join(lines), i + 1
    return "", 0


def looks_like_table(grid: Grid) -> bool:
    """Header words of a table (code, name, line-number columns, or a known column word)
    or data rows (amounts, codes): a list of titles laid out as a grid has neither."""
    head, start = split_header(grid.rows)
    if start < len(grid.rows):
        return True
    ncols = max((len(r) for r in grid.rows), default=0)
    roles = column_roles(header_paths(head, ncols, grid.covered_by), [])
    if any(r != "value" for r in roles):
        return True
    return any(is_header_word(c) for row in head for c in row if c)


def _titles_in_rows(grid: Grid) -> int:
    return sum(1 for row in grid.rows for c in row if c and match_title_line(c, slack=6))


def locate_tables(doc: ExtractedDocument) -> list[LocatedTable]:
    found: list[LocatedTable] = []
    last: LocatedTable | None = None
    for page in doc.pages:
        toc = is_toc_page(page) if page.number is not None else False
        for grid in page.grids:
            if toc or _titles_in_rows(grid) >= 2:
                last = None  # a table of contents laid out as a grid: never a table
                continue
            last = _place(grid, found, last, page_unit(page.text))
    return found


def page_unit(text_: str) -> str:
    """'元' or '万元' when every 单位 caption of the page says the same, else '' (a table's
    own title block decides first; this is for layouts where the caption is not in it)."""
    units = {m.group(1) for m in _UNIT.finditer(text_.replace(" ", ""))}
    return units.pop() if len(units) == 1 else ""


def _place(grid: Grid, found: list[LocatedTable], last: LocatedTable | None,
           unit: str = "") -> LocatedTable | None:
    block, skip = grid.title, 0
    hit = match_title(block, grid) if block else None
    if hit is None:
        block, skip = _own_title(grid)
        hit = match_title(block, grid) if block else None
    if skip:
        grid = _shift(grid, skip, grid.title + "\n" + block)
    if hit and looks_like_table(grid):
        tid, line, continued = hit
        earlier = next((t for t in reversed(found) if t.table == tid), None)
        if earlier is not None and (continued or earlier is last):  # 续表, or title repeated
            earlier.parts.append(grid)
            return earlier
        form = _FORM.search(text(block))
        in_yuan = bool(_YUAN.search(block)) or (unit == "元" and not _WAN.search(block))
        table = LocatedTable(tid, line, form.group(0) if form else "", in_yuan, [grid])
        found.append(table)
        return table
    if last is not None and _continues(last, grid):
        last.parts.append(grid)
        return last
    return None  # an unrelated table (e.g. a project self-evaluation table) breaks the chain


def _continues(table: LocatedTable, grid: Grid) -> bool:
    prev = table.parts[-1]
    if grid.page is not None and prev.page is not None and grid.page - prev.page not in (0, 1):
        return False
    if "续" in grid.title:
        return True
    if any(re.search(r"表([（(].*)?$", text(line)) for line in grid.title.split("\n")):
        return False  # the title of some other table (e.g. a project self-evaluation table)
    width = len(prev.rows[0]) if prev.rows else 0
    if grid.rows and len(grid.rows[0]) == width:
        return True
    head_prev, _ = split_header(prev.rows)
    head, _ = split_header(grid.rows)
    if not head and grid.rows:
        return True  # starts with data rows right after a table: its continuation
    return bool(head_prev) and [text(c) for c in head[0] if c] == [text(c) for c in head_prev[0] if c]

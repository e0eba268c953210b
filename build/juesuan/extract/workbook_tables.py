"""Tables on a sheet: caption rows (title, 表号, 单位名称 / 年度 / 单位：万元) start a table and
become ``Grid.title``; a blank row or the next caption ends it; notes (注：…) after a table go to
the page text. A merged cell's text stays at its first visible cell, the cells it covers are None
and ``Grid.covered_by`` maps them to it. Every cell's text is a CellText carrying its reference
("Sheet1!B7", the sheet's own row and column, hidden ones counted). A sheet holding several tables
is a page per table; the page text holds the captions, the table rows (cells joined by tabs, as
the DOCX route writes them) and every other text of the sheet."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from openpyxl.utils.cell import get_column_letter

from juesuan.extract.docx import CAPTION_CELL, TITLE_MAX_CHARS, is_caption
from juesuan.extract.workbook_numbers import Number, plain, show_column, show_number
from juesuan.models import CellText, Grid, Page

NOTE = re.compile(r"^(注|说明|备注|填报说明)\s*\d*\s*[:：．.、]")


@dataclass
class Sheet:
    name: str
    cells: list[list[str | Number]]  # visible rows and columns only
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 (visible, inclusive)
    rows: list[int] = field(default_factory=list)  # the sheet's own 0-based row of each visible row
    cols: list[int] = field(default_factory=list)  # the sheet's own 0-based column of each visible column
    index: int = 0  # 1-based position of the sheet in the workbook (hidden sheets counted)
    book_sheets: int = 0  # sheets in the workbook (hidden ones counted)

    def ref(self, r: int, c: int) -> str:
        """The reference of a visible cell as a spreadsheet writes it: Sheet1!B7 ('My sheet'!B7)."""
        row = self.rows[r] if r < len(self.rows) else r
        col = self.cols[c] if c < len(self.cols) else c
        return f"{sheet_name_ref(self.name)}!{column_letters(col)}{row + 1}"


def column_letters(col: int) -> str:
    """0-based column → A, B, … Z, AA … (openpyxl's letters, which are 1-based)."""
    return get_column_letter(col + 1)


def sheet_name_ref(name: str) -> str:
    """A sheet's name as a reference writes it: quoted when it holds anything but letters and digits."""
    if re.fullmatch(r"[^\W\d]\w*", name):
        return name
    return "'" + name.replace("'", "''") + "'"


@dataclass
class _Block:
    start: int  # the sheet row (visible index) it starts at
    captions: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # sheet rows (visible index)
    notes: list[str] = field(default_factory=list)


def _texts(row: list[str | Number]) -> list[str]:
    """The row's non-empty cells as shown (a number of unknown format as General shows it)."""
    return [c if isinstance(c, str) else (show_number(c.value, c.fmt) or plain(c.value))
            for c in row if not (isinstance(c, str) and not c.strip())]


def _simplified(text: str) -> str:
    from juesuan.textnorm import clean

    return clean(text, traditional=True)


def _caption_row(texts: list[str]) -> bool:
    """A row of only captions: a title (…表), 表号, 单位名称 / 年度 / 单位：万元 pieces."""
    if not texts or len(texts) > 4:
        return False
    keys = [_simplified(t) for t in texts]  # 單位名稱 is a caption as 单位名称 is
    return all(len(t) <= TITLE_MAX_CHARS and (is_caption(t) or CAPTION_CELL.match(t)) for t in keys)


def blocks_of(sheet: Sheet) -> tuple[list[_Block], dict[int, str]]:
    """The sheet's tables (caption lines, rows, notes) and its other text rows (row → text)."""
    blocks: list[_Block] = []
    loose: dict[int, str] = {}
    cur: _Block | None = None
    for r, row in enumerate(sheet.cells):
        texts = _texts(row)
        if not texts:
            if cur is not None and cur.rows:
                cur = None  # a blank row ends a table
            continue
        if _caption_row(texts):
            if cur is None or cur.rows:
                cur = _Block(r)
                blocks.append(cur)
            cur.captions += texts
            continue
        if len(texts) == 1 and NOTE.match(_simplified(texts[0])) and blocks and blocks[-1].rows:
            blocks[-1].notes.append(texts[0])
            cur = None
            continue
        if cur is None:
            cur = _Block(r)
            blocks.append(cur)
        cur.rows.append(r)
    tables = []
    for b in blocks:
        single = all(len(_texts(sheet.cells[r])) <= 1 for r in b.rows)
        if b.rows and single:  # one text per row: running text laid out in cells, not a table
            loose.update({r: _texts(sheet.cells[r])[0] for r in b.rows})
            b.rows = []
        if b.rows or b.captions:
            tables.append(b)
    return tables, loose


def grid_of(sheet: Sheet, block: _Block, page: int) -> Grid:
    rows = block.rows
    index = {r: i for i, r in enumerate(rows)}
    used = [c for r in rows for c, v in enumerate(sheet.cells[r]) if not (isinstance(v, str) and not v.strip())]
    lo, hi = min(used), max(used)
    merges = [(r0, c0, r1, c1) for r0, c0, r1, c1 in sheet.merges
              if any(r in index for r in range(r0, r1 + 1)) and c0 <= hi and c1 >= lo]
    for _, c0, _, c1 in merges:  # a merged cell reaching past the used columns widens the grid
        lo, hi = min(lo, c0), max(hi, c1)
    raw = [[sheet.cells[r][c] for c in range(lo, hi + 1)] for r in rows]
    for c in range(hi - lo + 1):  # numbers of unknown format: shown column by column
        unknown = [(i, n) for i, row in enumerate(raw)
                   if isinstance(n := row[c], Number) and show_number(n.value, n.fmt) is None]
        for (i, _), text in zip(unknown, show_column([n for _, n in unknown]), strict=True):
            raw[i][c] = text
    out: list[list[str | None]] = [
        [CellText(c if isinstance(c, str) else show_number(c.value, c.fmt) or "", sheet.ref(r, lo + k))
         for k, c in enumerate(row)] for r, row in zip(rows, raw, strict=True)]
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r1, c1 in merges:
        inside = [index[r] for r in range(r0, r1 + 1) if r in index]
        origin = (inside[0], c0 - lo)
        if r0 not in index and not out[origin[0]][origin[1]]:  # the merge starts above the table
            first = sheet.cells[r0][c0]
            out[origin[0]][origin[1]] = CellText(first if isinstance(first, str) else plain(first.value),
                                                 sheet.ref(r0, c0))
        for r in inside:
            for c in range(c0 - lo, c1 - lo + 1):
                if (r, c) != origin:
                    covered[(r, c)] = origin
                    out[r][c] = None
    return Grid(page=page, rows=out, title="\n".join(block.captions), covered_by=covered)


def sheet_pages(sheet: Sheet) -> list[Page]:
    """The sheet as pages: one per table when it holds several (as it would print: a sheet
    listing every title at once would read as a 目录), each with its captions, rows (tab-joined)
    and notes as text, and the loose text rows above it; numbered later."""
    blocks, loose = blocks_of(sheet)
    starts = [b.start for b in blocks if b.rows] or [len(sheet.cells)]
    parts: list[list[tuple[int, list[str]]]] = [[] for _ in starts]
    grids: list[list[Grid]] = [[] for _ in starts]

    def part(row: int) -> int:  # the table part a sheet row belongs to
        return max([0] + [k for k, s in enumerate(starts) if s <= row])

    for r, t in loose.items():
        parts[part(r)].append((r, [t]))
    for b in blocks:
        text: list[str] = list(b.captions)
        k = part(b.rows[0] if b.rows else b.start)
        if b.rows:
            g = grid_of(sheet, b, 0)
            grids[k].append(g)
            text += ["\t".join(c for c in row if c is not None).replace("\n", " ") for row in g.rows]
        parts[k].append((b.start, text + b.notes))
    pages = []
    for k, pieces in enumerate(parts):
        lines = [line for _, lines_ in sorted(pieces, key=lambda p: p[0]) for line in lines_]
        pages.append(Page(number=None, text="\n".join(lines), grids=grids[k], label=sheet.name,
                          source_page=sheet.index or None))
    return pages

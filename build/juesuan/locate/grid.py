"""The structure of a printed grid: which rows are header, which are data, and the header
path of every column.

A grid is rows of cell texts where None marks a position covered by a merged cell. When the
source says which cell covers it (``Grid.covered_by``: PDF ruled cells, DOCX spans), merged
header cells take their origin's text; otherwise they are filled right along the first row
and down below a printed cell. Each column's header texts are joined top-down into a path
such as 本年支出 › 小计 or 工资福利支出 › 基本工资. Sub-header labels printed in the
first data row (Shanghai: "类 | 款 | 项 | 合计 | 2,946.25 …") are moved into the header.
"""

from __future__ import annotations

import re

from juesuan.amounts import is_amount
from juesuan.models import Grid
from juesuan.vocabulary import header_role, is_header_word, is_lineno_word, is_total_label, key

_CODE_CELL = re.compile(r"^(\d{3}|\d{5}|\d{7})$")  # a code alone in its cell (split 类|款|项)
CODE_AND_NAME = re.compile(r"^(\d{3}|\d{5}|\d{7})(?!\d)\s*(\S.*)$", re.S)
PRINTED = "\x00"  # marks the cell where a header text is printed (vs filled from a merge)
Rows = list[list[str | None]]


def text(cell: str | None) -> str:
    """A cell's text without any whitespace (line breaks inside cells included)."""
    return re.sub(r"\s+", "", cell or "")


def is_lanci_row(row: list[str | None]) -> bool:
    """The 栏次 row that numbers the columns (栏次 | 1 | 2 | … or just 1 | 2 | 3 …)."""
    cells = [text(c) for c in row if text(c)]
    if any(is_lineno_word(c) for c in cells):
        return all(is_lineno_word(c) or c.isdigit() or _is_code_word(c) for c in cells) \
            and any(c.isdigit() for c in cells)
    if len(cells) < 3 or not all(c.isdigit() for c in cells):
        return False
    numbers = [int(c) for c in cells]
    return all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))


def _is_code_word(cell: str) -> bool:
    return header_role((cell,)) == "code" and not cell.isdigit()


def is_data_row(row: list[str | None]) -> bool:
    if is_lanci_row(row):
        return False
    cells = [text(c) for c in row]
    if any(is_amount(c) for c in cells):
        return True
    first = next((c for c in cells if c), "")
    if is_total_label(first):  # a 合计 row printed blank, not a header row starting with 合计
        rest = [c for c in cells if c][1:]
        return len(cells) > 2 and not any(not is_amount(c) and not is_total_label(c) for c in rest)
    return bool(CODE_AND_NAME.match(first)) or bool(_CODE_CELL.match(first))


def is_header_row(row: list[str | None]) -> bool:
    """A row that prints header words (column labels, 类/款/项, 栏次, 收入/支出), not row labels."""
    return is_lanci_row(row) or any(is_header_word(text(c)) for c in row if text(c))


def split_header(rows: Rows) -> tuple[Rows, int]:
    """(header rows, index of the first data row); index == len(rows) for headers only."""
    for i, row in enumerate(rows):
        if is_data_row(row):
            return rows[:i], i
    return rows, len(rows)


def lift_sub_header(grid: Grid) -> Grid:
    """A first data row that also carries the 类 | 款 | 项 sub-header labels (the 合计 row
    printed in the header's last line) → those labels as one more header row."""
    head, start = split_header(grid.rows)
    if not head or start >= len(grid.rows):
        return grid
    row = grid.rows[start]
    labels = [i for i, c in enumerate(row) if text(c) and _is_code_word(text(c))]
    if not labels or labels[0] > 2:
        return grid
    extra: list[str | None] = [row[i] if i in labels else None for i in range(len(row))]
    data = ["" if i in labels else c for i, c in enumerate(row)]
    covered = {(r if r < start else r + 1, c): (r0 if r0 < start else r0 + 1, c0)
               for (r, c), (r0, c0) in grid.covered_by.items()}
    for c in range(len(row)):
        if c not in labels:  # the new header row continues whatever is above it
            covered[(start, c)] = covered.get((start - 1, c), (start - 1, c))
    rows = [*grid.rows[:start], extra, data, *grid.rows[start + 1:]]
    return Grid(grid.page, rows, grid.title, grid.landscape, covered)


def _single_column_word(cell: str) -> bool:
    """A sub-header that labels one column only (类, 款, 项, 行次)."""
    t = cell.strip(PRINTED)
    return bool(t) and (is_lineno_word(t) or (len(key(t)) == 1 and header_role((t,)) == "code"))


def header_paths(header: Rows, ncols: int,
                 covered: dict[tuple[int, int], tuple[int, int]] | None = None) -> list[tuple[str, ...]]:
    """One path of header texts per column, merged cells filled, 栏次 rows left out."""
    covered = covered or {}
    kept = [r for r, row in enumerate(header) if not is_lanci_row(row)]
    rows = [list(header[r]) + [None] * (ncols - len(header[r])) for r in kept]
    index = {r: i for i, r in enumerate(kept)}
    filled: list[list[str]] = []
    for r, row in enumerate(rows):
        out: list[str] = []
        across: list[bool] = []  # printed in this row, or merged right from such a cell
        for c, cell in enumerate(row):
            origin = covered.get((kept[r], c))
            across.append(cell is not None)
            if cell is not None:
                out.append(text(cell) + PRINTED)
            elif origin is not None and index.get(origin[0]) is not None and \
                    (index[origin[0]], origin[1]) != (r, c):
                r0, c0 = index[origin[0]], origin[1]
                out.append(filled[r0][c0] if r0 < r else out[c0] if c0 < c else "")
            elif r > 0 and rows[r - 1][c] is not None:
                out.append(filled[r - 1][c])  # merged down from the printed cell above
            elif c > 0 and (r == 0 or across[c - 1]) and not (r > 0 and _single_column_word(out[c - 1])):
                out.append(out[c - 1])  # merged right from the cell on the left
                across[c] = True
            elif r > 0:
                out.append(filled[r - 1][c])  # 类/款/项, 行次 never span columns: from above
            else:
                out.append("")
        filled.append(out)
    paths = []
    for c in range(ncols):
        parts: list[str] = []
        for r, filled_row in enumerate(filled):
            t = filled_row[c]
            printed = rows[r][c] is not None  # printed twice (其他支出/其他支出) is kept
            if t.strip(PRINTED) and (printed or not parts or parts[-1] != t):
                parts.append(t)
        paths.append(tuple(p.strip(PRINTED) for p in parts))
    return paths


def lineno_columns(rows: Rows) -> set[int]:
    """Columns printed with line numbers (1, 2, 3 … down the rows), whatever their header
    says: they are never values."""
    out = set()
    ncols = max((len(r) for r in rows), default=0)
    for c in range(ncols):
        cells = [text(r[c]) for r in rows if c < len(r) and text(r[c])]
        if len(cells) < 3 or not all(x.isdigit() and len(x) <= 3 for x in cells):
            continue
        numbers = [int(x) for x in cells]
        if all(b > a for a, b in zip(numbers, numbers[1:], strict=False)) and \
                sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b == a + 1) >= 0.7 * (len(numbers) - 1):
            out.add(c)
    return out


def column_roles(paths: list[tuple[str, ...]], rows: Rows) -> list[str]:
    """Each column's role: from its header words, then line numbers recognised by content."""
    roles = [header_role(p) for p in paths]
    for c in lineno_columns(rows):
        if c < len(roles) and roles[c] == "value":
            roles[c] = "lineno"
    return roles


__all__ = ["CODE_AND_NAME", "PRINTED", "text", "is_lanci_row", "is_data_row", "split_header", "is_header_row",
           "lift_sub_header", "header_paths", "lineno_columns", "column_roles", "key"]

"""Shared reading of a standard table's grid: header rows, column paths, row labels.

A grid is rows of cell texts where None marks a position covered by a merged cell.
Header rows are the leading rows before the first data row; merged header cells are
filled (right along the first row and where nothing is printed above, down below a
printed cell) and each column's header texts are joined top-down into a path such as
("本年支出", "小计") or ("工资福利支出", "基本工资").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.normalize.codes import strip_numbering
from juesuan.normalize.numbers import is_amount

CODE_AND_NAME = re.compile(r"^(\d{3}|\d{5}|\d{7})(?!\d)\s*(\S.*)$", re.S)
PRINTED = "\x00"  # marks the cell where a header text is printed (vs filled from a merge)


def text(cell: str | None) -> str:
    """A cell's text without any whitespace (line breaks inside cells included)."""
    return re.sub(r"\s+", "", cell or "")


def is_lanci_row(row: list[str | None]) -> bool:
    """The 栏次 row that numbers the columns (栏次 | 1 | 2 | … or just 1 | 2 | 3 …)."""
    cells = [text(c) for c in row if text(c)]
    if any(c in ("栏次", "行次") for c in cells):
        return all(c in ("栏次", "行次") or c.isdigit() for c in cells)
    if len(cells) < 3 or not all(c.isdigit() for c in cells):
        return False
    numbers = [int(c) for c in cells]
    return all(b == a + 1 for a, b in zip(numbers, numbers[1:]))


def is_data_row(row: list[str | None]) -> bool:
    if is_lanci_row(row):
        return False
    cells = [text(c) for c in row]
    if any(is_amount(c) for c in cells):
        return True
    first = next((c for c in cells if c), "")
    return bool(CODE_AND_NAME.match(first))


def split_header(rows: list[list[str | None]]) -> tuple[list[list[str | None]], int]:
    """(header rows, index of the first data row); index == len(rows) for headers only."""
    for i, row in enumerate(rows):
        if is_data_row(row):
            return rows[:i], i
    return rows, len(rows)


def header_paths(header: list[list[str | None]], ncols: int) -> list[tuple[str, ...]]:
    """One path of header texts per column, merged cells filled, 栏次 rows left out."""
    rows = [list(r) + [None] * (ncols - len(r)) for r in header if not is_lanci_row(r)]
    filled: list[list[str]] = []
    for r, row in enumerate(rows):
        out: list[str] = []
        for c, cell in enumerate(row):
            if cell is not None:
                out.append(text(cell) + PRINTED)
            elif r > 0 and rows[r - 1][c] is not None:
                out.append(filled[r - 1][c])  # merged down from the printed cell above
            elif c > 0:
                out.append(out[c - 1])  # merged right from the cell on the left
            else:
                out.append(filled[r - 1][c] if r > 0 else "")
        filled.append(out)
    paths = []
    for c in range(ncols):
        parts: list[str] = []
        for r, row in enumerate(filled):
            t = row[c]
            printed = rows[r][c] is not None  # printed twice (其他支出/其他支出) is kept
            if t.strip(PRINTED) and (printed or not parts or parts[-1] != t):
                parts.append(t)
        paths.append(tuple(p.strip(PRINTED) for p in parts))
    return paths


@dataclass(frozen=True)
class Label:
    code: str  # function/economic code, "" when none printed
    name: str  # as printed, numbering and spaces removed


def row_label(code_parts: list[str], name: str, completer: "CodeCompleter") -> Label:
    """Code and name of a coded row: merged ("2040201"), split 类|款|项, or "204 公共安全支出"."""
    parts = [text(p) for p in code_parts]
    name = text(name)
    lone = [p for p in parts if p]
    if len(lone) == 1 and not lone[0].isdigit():
        m = CODE_AND_NAME.match(lone[0])
        if m:
            parts, name = [m.group(1)], name or m.group(2)
        else:
            parts, name = [], name or lone[0]
    elif not lone:
        m = CODE_AND_NAME.match(name)
        if m:
            parts, name = [m.group(1)], m.group(2)
    return Label(completer.complete(parts), strip_numbering(name))


class CodeCompleter:
    """Completes split 类|款|项 codes row by row: "204" / "02" / "01" → 204, 20402, 2040201."""

    def __init__(self) -> None:
        self.cls = self.kuan = ""

    def complete(self, parts: list[str]) -> str:
        digits = [p if p.isdigit() else "" for p in parts]
        filled = [p for p in digits if p]
        if not filled:
            return ""
        if len(filled) == 1 and len(filled[0]) in (3, 5, 7) and len(digits) == 1:
            return self._full(filled[0])
        if len(filled) == 1 and len(filled[0]) in (5, 7):
            return self._full(filled[0])
        lei, kuan, xiang = (digits + ["", "", ""])[:3]
        code = ""
        if len(lei) == 3:
            code = self._full(lei)
        if len(kuan) == 2 and self.cls:
            code = self.kuan = self.cls + kuan
        elif len(kuan) == 5:
            code = self._full(kuan)
        if len(xiang) == 2 and self.kuan:
            code = self.kuan + xiang
        elif len(xiang) == 7:
            code = self._full(xiang)
        return code

    def _full(self, code: str) -> str:
        self.cls = code[:3]
        self.kuan = code[:5] if len(code) >= 5 else ""
        return code


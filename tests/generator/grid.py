"""A ruled table as printed: cells with row/column spans on a regular grid (no drawing here)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    row: int
    col: int
    text: str
    rs: int = 1  # rows spanned
    cs: int = 1  # columns spanned
    align: str = "c"  # "l" | "c" | "r"


@dataclass
class SpanGrid:
    ncols: int
    weights: list[float]  # relative minimum column widths
    cells: list[Cell] = field(default_factory=list)
    nrows: int = 0
    header_rows: int = 0  # rows repeated on a continuation page when asked to
    header_values: bool = False  # the last header row carries values (合计 on the 类/款/项 row): never repeated
    spill: int = 0  # the last rows printed alone on the next page, without title or header (putuo p.7)

    def put(self, row: int, col: int, text: str, rs: int = 1, cs: int = 1, align: str = "c") -> None:
        self.cells.append(Cell(row, col, text, rs, cs, align))

    def row(self, parts: list[tuple[str, int]], aligns: list[str] | None = None) -> None:
        """Append one row given as (text, colspan) pairs covering all columns."""
        assert sum(cs for _, cs in parts) == self.ncols, parts
        col = 0
        for i, (text, cs) in enumerate(parts):
            self.put(self.nrows, col, text, cs=cs, align=(aligns[i] if aligns else "c"))
            col += cs
        self.nrows += 1

    def rows_of(self) -> list[list[Cell]]:
        """Cells grouped by the row they start in."""
        out: list[list[Cell]] = [[] for _ in range(self.nrows)]
        for c in self.cells:
            out[c.row].append(c)
        return out

    def breakable_after(self) -> set[int]:
        """Rows after which a page may break (no rowspan crosses the boundary)."""
        ok = set(range(self.nrows))
        for c in self.cells:
            ok -= set(range(c.row, c.row + c.rs - 1))
        return ok

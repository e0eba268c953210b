"""What every rule reads: the report indexed by table, row, column and metric."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.models import Fact, LineItem, Report, Statement
from juesuan.problems import cells_not_read

Key = tuple[str, str, str, str]  # table, section, row_code, column



@dataclass
class Previous:
    """The same agency's previous-year package (facts and table cells), if found."""

    year: int
    facts: dict[str, Decimal] = field(default_factory=dict)
    cells: dict[Key, Decimal] = field(default_factory=dict)


class Context:
    def __init__(self, report: Report, previous: Previous | None = None):
        self.report = report
        self.previous = previous
        self.cells: dict[Key, LineItem] = {}
        self._rows: dict[tuple[str, str], list[str]] = {}
        self._cols: dict[tuple[str, str], list[str]] = {}
        for li in report.line_items:
            self.cells.setdefault(li.key, li)
            rows = self._rows.setdefault((li.table, li.section), [])
            if li.row_code not in rows:
                rows.append(li.row_code)
            cols = self._cols.setdefault((li.table, li.section), [])
            if li.column not in cols:
                cols.append(li.column)
        self.facts: dict[str, Fact] = {}
        for f in report.facts:
            self.facts.setdefault(f.metric, f)
        self.statements: list[Statement] = list(report.statements)
        self.tables = {li.table for li in report.line_items}
        self.unread = {t.table for t in report.tables if t.status == "partial"}
        self.unread |= {p.table for p in report.problems if p.table and p.code in cells_not_read()}

    # ------------------------------------------------------------ table cells
    def has_table(self, table: str) -> bool:
        return table in self.tables

    def fully_read(self, table: str) -> bool:
        """False when the parser left cells of ``table`` out (status "partial", or a problem
        such as an unplaced number): a part missing from a sum may be one of them."""
        return table not in self.unread

    def cell(self, table: str, row_code: str, column: str, section: str = "") -> LineItem | None:
        return self.cells.get((table, section, row_code, column))

    def value(self, table: str, row_code: str, column: str, section: str = "") -> Decimal | None:
        li = self.cell(table, row_code, column, section)
        return None if li is None else li.value

    def rows(self, table: str, section: str = "") -> list[str]:
        return list(self._rows.get((table, section), []))

    def columns(self, table: str, section: str = "") -> list[str]:
        return list(self._cols.get((table, section), []))

    def row_name(self, table: str, row_code: str, section: str = "") -> str:
        for col in self.columns(table, section):
            li = self.cell(table, row_code, col, section)
            if li is not None:
                return li.row_name
        return row_code

    # ------------------------------------------------------------ narrative
    def fact(self, metric: str) -> Fact | None:
        return self.facts.get(metric)

    def fact_value(self, metric: str) -> Decimal | None:
        f = self.facts.get(metric)
        return None if f is None else f.value

    def statements_of(self, metric: str | None = None, kind: str | None = None) -> list[Statement]:
        """The narrative's statements (statements.csv) of ``metric`` / ``kind``, in document order."""
        return [s for s in self.statements
                if (metric is None or s.metric == metric) and (kind is None or s.kind == kind)]

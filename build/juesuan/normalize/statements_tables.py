"""The 部门整体 self-evaluation table (部门预算支出绩效自评表 / 部门整体支出绩效目标完成情况
自评表): its 预算执行情况 row as Statement records (kind "self_evaluation").

The row is found by its header (年初预算 … 全年预算数 … 执行率: project tables print
预算执行数 instead, and no 全年预算数) and the 总额 row under it. Values are assigned to
the printed headers in order, so a column that does not hold what its header says (the
调整后预算数 column of 000 holds the adjustment) is kept as printed, for the audit to judge.
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.models import ExtractedDocument, Statement
from juesuan.normalize.projects_cells import number, rate, squeeze
from juesuan.normalize.projects_table import Row
from juesuan.normalize.projects_text import text_rows

SECTION = "部门整体支出绩效自评表"
PREFIX = "self_evaluation_"
# printed header → (metric suffix, unit)
BUDGET_COLUMNS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"年初预算(?:数)?"), "budget_initial", "万元"),
    (re.compile(r"调整后预算(?:数)?"), "budget_adjusted", "万元"),
    (re.compile(r"全年预算(?:数)?"), "budget_full_year", "万元"),
    (re.compile(r"(?:全年|预算)?执行数"), "executed", "万元"),
    (re.compile(r"(?:预算)?执行率"), "execution_rate", "%"),
]
REQUIRED = {"budget_initial", "budget_full_year"}
TOTAL_LABELS = ("总额", "合计")
LOOKAHEAD = 3  # rows between the header and its 总额 row


def _rows(doc: ExtractedDocument) -> list[Row]:
    if doc.format == "text":
        return text_rows(doc)[0]
    return [Row(list(r), g.page if g.page is not None else p.number)
            for p in doc.pages for g in p.grids for r in g.rows]


def _columns(row: Row) -> list[tuple[str, str, str]]:
    """(printed header, metric suffix, unit) of the budget columns the row heads, in order."""
    out = []
    for cell in row.filled:
        label = squeeze(cell)
        for pattern, suffix, unit in BUDGET_COLUMNS:
            if pattern.fullmatch(label):
                out.append((label, suffix, unit))
                break
    return out


def _value(cell: str, unit: str) -> Decimal | None:
    return rate(cell) if unit == "%" else number(cell)


def self_evaluation_statements(doc: ExtractedDocument) -> list[Statement]:
    """The 总额 row of the 部门整体 table's 预算执行情况 block, one statement per column."""
    if "全年预算" not in doc.text.replace(" ", ""):
        return []
    rows = _rows(doc)
    for i, row in enumerate(rows):
        if not any(c and "全年预算" in c.replace(" ", "") for c in row.cells):
            continue
        columns = _columns(row)
        if not REQUIRED <= {suffix for _, suffix, _ in columns}:
            continue
        for total in rows[i + 1:i + 1 + LOOKAHEAD]:
            if total.first not in TOTAL_LABELS:
                continue
            cells = [squeeze(c) for c in total.filled[1:]]
            if len(cells) < len(columns):
                break
            quote = " ".join([total.first, *cells])
            out = []
            for (header, suffix, unit), cell in zip(columns, cells, strict=False):
                value = _value(cell, unit)
                if value is not None:
                    out.append(Statement("self_evaluation", PREFIX + suffix, value, unit, quote,
                                         total.page, SECTION, header))
            return out
    return []

"""Human names for rows and cells, for the findings' messages; metrics, tables and columns are
named by juesuan.labels (re-exported here under the audit's names)."""

from __future__ import annotations

from juesuan.audit.context import Context
from juesuan.labels import column_label, item_name, metric_name, table_title

metric_label = metric_name
__all__ = ["cell_label", "column_label", "item_name", "metric_label", "row_label", "table_title"]


def row_label(ctx: Context, table: str, row_code: str, section: str = "") -> str:
    if row_code == "":
        return "合计"
    name = ctx.row_name(table, row_code, section)
    if not name or name == row_code:  # not read in this report: the standard table's own name
        name = item_name(table, row_code, section)
    if name and name != row_code and (row_code[:1].isdigit()):
        return f"{row_code}{name}"
    return name or row_code


def cell_label(ctx: Context, table: str, row_code: str, column: str, section: str = "") -> str:
    if row_code in ("three_public", "procurement", "assets"):  # one-row tables
        return f"{table_title(table)}“{column_label(table, column)}”"
    return f"{table_title(table)}“{row_label(ctx, table, row_code, section)}”行“{column_label(table, column)}”列"

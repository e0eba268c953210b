"""Human names for tables, columns, rows and metrics, for the findings' messages."""

from __future__ import annotations

from juesuan import spec
from juesuan.audit.context import Context


def table_title(table: str) -> str:
    try:
        return spec.tables()[table]["title"]
    except KeyError:
        return table


PREFIXES = {"budget": "预算数", "actual": "决算数", "actual_general_budget": "决算数（一般公共预算财政拨款）",
            "actual_gov_fund": "决算数（政府性基金预算财政拨款）"}


def column_label(table: str, column: str) -> str:
    if column.isdigit():
        return f"经济科目{column}"
    if "." in column:
        prefix, part = column.split(".", 1)
        base = "actual" if prefix.startswith("actual") else prefix
        return PREFIXES.get(prefix, prefix) + _spec_label(table, f"{base}.{part}")
    return _spec_label(table, column)


def _spec_label(table: str, column: str) -> str:
    try:
        label = spec.columns(table).get(column)
    except KeyError:
        label = None
    return (label or column).split(" (")[0].replace(" ", "")


def row_label(ctx: Context, table: str, row_code: str, section: str = "") -> str:
    if row_code == "":
        return "合计"
    name = ctx.row_name(table, row_code, section)
    if name and name != row_code and (row_code[:1].isdigit()):
        return f"{row_code}{name}"
    return name or row_code


def cell_label(ctx: Context, table: str, row_code: str, column: str, section: str = "") -> str:
    if row_code in ("three_public", "procurement", "assets"):  # one-row tables
        return f"{table_title(table)}“{column_label(table, column)}”"
    return f"{table_title(table)}“{row_label(ctx, table, row_code, section)}”行“{column_label(table, column)}”列"


def metric_label(metric: str) -> str:
    names = spec.fact_metrics()
    if metric in names:
        return names[metric]
    for suffix, word in (("_change_pct", "增减幅度"), ("_change", "增减额"), ("_share", "占比")):
        if metric.endswith(suffix):
            return metric_label(metric[: -len(suffix)]) + word
    code = metric.rsplit("_", 1)[-1]
    if metric.startswith("general_budget_expenditure_") and code.isdigit():
        return f"一般公共预算财政拨款支出{code}"
    return metric

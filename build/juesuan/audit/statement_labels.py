"""Human names for the metrics of statements.csv that facts.csv does not have, and the
short form of a statement's headings, for the findings' messages."""

from __future__ import annotations

from juesuan.audit.labels import metric_label
from juesuan.normalize.statements_rules import VEHICLE_TYPES

NAMES = {
    "general_expenditure_budget_initial": "一般性支出财政拨款年初预算数",
    "general_expenditure_executed": "一般性支出财政拨款预算执行数",
    "self_evaluation_budget_initial": "年初预算数",
    "self_evaluation_budget_adjusted": "调整后预算数",
    "self_evaluation_budget_full_year": "全年预算数",
    "self_evaluation_executed": "执行数",
    "self_evaluation_execution_rate": "执行率",
}
TYPE_NAMES = {kind: name for name, kind in reversed(list(VEHICLE_TYPES.items()))}
SUFFIXES = (("_budget_completion", "完成预算比例"), ("_previous", "上年数"), ("_change_pct", "增减幅度"),
            ("_change", "增减额"), ("_amount", "金额"))


def statement_label(metric: str) -> str:
    if metric in NAMES:
        return NAMES[metric]
    for suffix, word in SUFFIXES:
        if metric.endswith(suffix):
            return statement_label(metric[: -len(suffix)]) + word
    for anchor in ("vehicles_purchased", "official_vehicles", "vehicles_total"):
        kind = metric[len(anchor) + 1:] if metric.startswith(anchor + "_") else ""
        if kind in TYPE_NAMES:
            return f"{metric_label(anchor).replace('（辆）', '')}中的{TYPE_NAMES[kind]}"
    return metric_label(metric)


def where(section: str) -> str:
    """'第二部分… / 十、其他重要事项的情况说明 / （二）政府采购支出情况' → '十、其他重要事项的情况说明（二）
    政府采购支出情况'; an attachment keeps its name: '附件1 三、部门预算绩效分析…'."""
    parts = [p for p in section.split(" / ") if p]
    if not parts:
        return "说明"
    head = parts[0] if parts[0].startswith("附件") or len(parts) == 1 else ""
    return " ".join(x for x in (head, "".join(parts[1:])) if x)

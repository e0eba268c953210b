"""The one vocabulary of Chinese names for what the packages name by id: metrics of facts.csv
and statements.csv, tables and their columns. The audit's messages and the site both use it, so a
reader meets the same name for the same thing everywhere.

Wording (one per concept, written to read inside a sentence as well as in a heading):
  derived metrics   <name>占比, <name>比上年增减额, <name>比上年增减幅度, <name>上年数,
                    <name>完成预算比例, <name>金额
  per-code metrics  一般公共预算财政拨款支出（2040201 行政运行）, 按功能分类支出（204 公共安全支出）
  an id nothing names is returned unchanged.
"""

from __future__ import annotations

from functools import lru_cache

from juesuan import spec

# statements.csv metrics facts.csv does not have (facts' own names come from the spec)
NAMES = {
    "general_expenditure_budget_initial": "一般性支出财政拨款年初预算数",
    "general_expenditure_executed": "一般性支出财政拨款预算执行数",
    "self_evaluation_budget_initial": "年初预算数",
    "self_evaluation_budget_adjusted": "调整后预算数",
    "self_evaluation_budget_full_year": "全年预算数",
    "self_evaluation_executed": "执行数",
    "self_evaluation_execution_rate": "执行率",
    "sector_wording": "行业用语",
    "glossary_entry": "名词解释",
    "glossary_code": "名词解释科目",
    "spelling_variant": "用字写法",
}
SUFFIXES = (("_budget_completion", "完成预算比例"), ("_previous", "上年数"),
            ("_change_pct", "比上年增减幅度"), ("_change", "比上年增减额"), ("_share", "占比"),
            ("_amount", "金额"))
CODE_PREFIXES = {"general_budget_expenditure_": "一般公共预算财政拨款支出",
                 "general_budget_budget_initial_": "一般公共预算财政拨款年初预算",
                 "expenditure_class_": "按功能分类支出"}
VEHICLE_ANCHORS = ("vehicles_purchased", "official_vehicles", "vehicles_total")
COLUMN_PREFIXES = {"budget": "预算数", "actual": "决算数",
                   "actual_general_budget": "决算数（一般公共预算财政拨款）",
                   "actual_gov_fund": "决算数（政府性基金预算财政拨款）"}


@lru_cache(maxsize=1)
def _facts() -> dict[str, str]:
    return dict(spec.fact_metrics())


@lru_cache(maxsize=1)
def vehicle_type_names() -> dict[str, str]:
    """'sedan' → '轿车': the first printed name of each vehicle type."""
    from juesuan.normalize.statements_rules import VEHICLE_TYPES

    return {kind: name for name, kind in reversed(list(VEHICLE_TYPES.items()))}


def _function_name(code: str) -> str:
    from juesuan.reference import function_name

    try:
        return function_name(code) or ""
    except (KeyError, OSError, ValueError):
        return ""


@lru_cache(maxsize=4096)
def metric_name(metric: str) -> str:
    """facts/statements metric id → Chinese name ('general_budget_expenditure_share' →
    '一般公共预算财政拨款支出占比', 'general_budget_expenditure_2040201' → '一般公共预算财政拨款
    支出（2040201 行政运行）'); the id itself when nothing names it."""
    if not metric:
        return ""
    facts = _facts()
    if metric in facts:
        return facts[metric]
    if metric in NAMES:
        return NAMES[metric]
    for prefix, label in CODE_PREFIXES.items():
        code = metric[len(prefix):]
        if metric.startswith(prefix) and code.isdigit():
            name = _function_name(code)
            return f"{label}（{code}{' ' + name if name else ''}）"
    for suffix, word in SUFFIXES:
        base = metric[: -len(suffix)]
        if metric.endswith(suffix) and base and metric_name(base) != base:
            return metric_name(base) + word
    for anchor in VEHICLE_ANCHORS:
        kind = metric[len(anchor) + 1:] if metric.startswith(anchor + "_") else ""
        if kind in vehicle_type_names() and anchor in facts:
            return f"{facts[anchor].replace('（辆）', '')}中的{vehicle_type_names()[kind]}"
    return metric


# what problems.csv and checks.csv name in their `table` column besides the spec's tables
OTHER_TABLES = {"projects": "项目支出绩效自评表", "indicators": "项目绩效指标", "narrative": "情况说明",
                "profile": "部门概况", "report": "整份报告"}


def table_title(table: str) -> str:
    """Table id → its printed title in the spec ('general_budget' → '一般公共预算财政拨款支出决算表')."""
    if not table:
        return ""
    try:
        return spec.tables()[table]["title"]
    except KeyError:
        return OTHER_TABLES.get(table, table)


def column_label(table: str, column: str) -> str:
    """A table's column id → its name ('actual.total' → '决算数合计', '30101' → '经济科目30101')."""
    if not column:
        return ""
    if column.isdigit():
        return f"经济科目{column}"
    if "." in column:
        prefix, part = column.split(".", 1)
        base = "actual" if prefix.startswith("actual") else prefix
        return COLUMN_PREFIXES.get(prefix, prefix) + _spec_label(table, f"{base}.{part}")
    return _spec_label(table, column)


def item_name(table: str, row_code: str, section: str = "") -> str:
    """A named row of a standard table ('grand_total' → '总计', 'personnel_total' → '人员经费合计')
    from the spec's ``items``; the id itself (a function or economic code) when the spec does not
    name it."""
    items = spec.tables().get(table, {}).get("items") or {}
    if section and isinstance(items.get(section), dict):
        items = items[section]
    name = items.get(row_code)
    return name.split(" (")[0] if isinstance(name, str) else row_code


def _spec_label(table: str, column: str) -> str:
    try:
        label = spec.columns(table).get(column)
    except KeyError:
        label = None
    return (label or column).split(" (")[0].replace(" ", "")


def section_place(section: str) -> str:
    """A statement's headings in short: '第二部分… / 十、其他重要事项的情况说明 / （二）政府采购
    支出情况' → '十、其他重要事项的情况说明（二）政府采购支出情况'; an attachment keeps its name:
    '附件1 三、部门预算绩效分析…'."""
    parts = [p for p in section.split(" / ") if p]
    if not parts:
        return "说明"
    head = parts[0] if parts[0].startswith("附件") or len(parts) == 1 else ""
    return " ".join(x for x in (head, "".join(parts[1:])) if x)

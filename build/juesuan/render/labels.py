"""Chinese names for what the packages name by id: metrics of facts.csv and
statements.csv, table cells of checks.csv. Never shows a raw id where a name exists."""

from __future__ import annotations

from functools import lru_cache

from juesuan import spec

DERIVED = (("_budget_completion", "完成预算比例"), ("_previous", "上年数"), ("_change_pct", "比上年增减%"),
           ("_change", "比上年增减"), ("_share", "占比"), ("_amount", "金额"))
SPECIAL = {"sector_wording": "行业用语", "glossary_entry": "名词解释", "glossary_code": "名词解释科目",
           "spelling_variant": "用字写法",
           "general_budget_expenditure_": "一般公共预算财政拨款支出"}
CODE_PREFIXES = {"general_budget_expenditure_": "一般公共预算财政拨款支出",
                 "expenditure_class_": "支出（按功能分类）"}


@lru_cache(maxsize=1)
def _facts() -> dict[str, str]:
    return dict(spec.fact_metrics())


def _function_name(code: str) -> str:
    try:
        from juesuan.reference import function_name

        return function_name(code) or ""
    except (ImportError, KeyError, OSError, ValueError):
        return ""


def _statement_label(metric: str) -> str:
    try:
        from juesuan.audit.statement_labels import statement_label
    except ImportError:
        return metric
    try:
        return statement_label(metric)
    except (KeyError, ValueError):
        return metric


@lru_cache(maxsize=4096)
def metric_title(metric: str) -> str:
    """facts/statements metric id → Chinese label ('general_budget_expenditure_share' →
    '一般公共预算财政拨款支出占比', 'general_budget_expenditure_20402' → '一般公共预算财政拨款
    支出：20402 公安'); the id itself only when nothing names it."""
    if not metric:
        return ""
    facts = _facts()
    if metric in facts:
        return facts[metric]
    if metric in SPECIAL:
        return SPECIAL[metric]
    for prefix, label in CODE_PREFIXES.items():
        code = metric[len(prefix):]
        if metric.startswith(prefix) and code.isdigit():
            name = _function_name(code)
            return f"{label}：{code}{' ' + name if name else ''}"
    for suffix, word in DERIVED:
        base = metric[: -len(suffix)]
        if metric.endswith(suffix) and base and (base in facts or base in SPECIAL):
            return f"{metric_title(base)}（{word}）"
    label = _statement_label(metric)
    if label != metric and not any(c.isascii() and c.isalpha() for c in label):
        return label
    for suffix, word in DERIVED:  # a derived metric of a metric only statements name
        base = metric[: -len(suffix)]
        if metric.endswith(suffix) and base and metric_title(base) != base:
            return f"{metric_title(base)}（{word}）"
    return metric


def table_title(table: str) -> str:
    from juesuan.audit.labels import table_title as title

    return title(table) if table else ""


def column_title(table: str, column: str) -> str:
    if not column:
        return ""
    try:
        from juesuan.audit.labels import column_label

        return column_label(table, column)
    except (ImportError, KeyError):
        return column

"""The data behind each chart of a report page: Package → pandas DataFrame.

Amounts stay Decimal here (the fallback tables print them exactly); the chart
functions convert to float for drawing only.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from juesuan import spec
from juesuan.reference import function_name
from juesuan.render.load import Package

INCOME_SOURCES = ["general_budget", "gov_fund", "state_capital", "superior_subsidy", "business",
                  "operating", "affiliated", "other"]
# the 三公 items in print order; their names are the spec's column labels
THREE_PUBLIC_ITEMS = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")


def three_public_item_name(item: str) -> str:
    return spec.columns("three_public")[f"actual.{item}"]


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def income_by_source(pkg: Package) -> pd.DataFrame:
    """来源, 金额: the income side of 收入支出决算总表 (or the narrative's figures)."""
    names = spec.tables()["income_expenditure_summary"]["items"]["income"]
    rows = []
    for key in INCOME_SOURCES:
        v = pkg.cell("income_expenditure_summary", key, "amount", "income")
        if v is None:
            v = pkg.fact(f"income_{key}")
        if v:
            rows.append({"来源": names[key], "金额": v})
    return _frame(rows, ["来源", "金额"])


def expenditure_by_function(pkg: Package, digits: int = 3) -> pd.DataFrame:
    """编码, 科目, 金额 by function 类 (3 digits) or 款 (5 digits)."""
    for table, column in (("expenditure", "total"), ("fiscal_detail", "total"),
                          ("general_budget", "total")):
        items = [r for r in pkg.line_items(table)
                 if r["column"] == column and len(r["row_code"]) == digits and r["row_code"].isdigit()]
        if items:
            rows = [{"编码": r["row_code"], "科目": r["row_name"], "金额": r["value"]}
                    for r in items if r["value"]]
            return _frame(sorted(rows, key=lambda r: r["编码"]), ["编码", "科目", "金额"])
    rows = []
    for f in pkg.rows.get("facts", []):
        code = f["metric"].rsplit("_", 1)[-1]
        if (f["metric"].startswith("general_budget_expenditure_") and code.isdigit()
                and len(code) == digits and f["value"]):
            rows.append({"编码": code, "科目": (function_name(code) or code), "金额": f["value"]})
    return _frame(rows, ["编码", "科目", "金额"])


def basic_vs_project(h: dict[str, Decimal | None]) -> pd.DataFrame:
    rows = [{"类别": n, "金额": h[k]} for k, n in (("basic", "基本支出"), ("project", "项目支出"))
            if h.get(k) is not None]
    return _frame(rows, ["类别", "金额"])


def personnel_vs_public(h: dict[str, Decimal | None]) -> pd.DataFrame:
    rows = [{"类别": n, "金额": h[k]} for k, n in (("personnel", "人员经费"), ("public", "公用经费"))
            if h.get(k) is not None]
    return _frame(rows, ["类别", "金额"])


def economic_lines(pkg: Package, top: int = 12) -> pd.DataFrame:
    """The largest 款 of economic classification (basic expenditure, 5-digit codes)."""
    items = [r for r in pkg.line_items("basic_expenditure")
             if r["row_code"].isdigit() and len(r["row_code"]) == 5 and r["value"]]
    if not items:
        items = [r for r in pkg.line_items("basic_expenditure")
                 if r["row_code"].isdigit() and len(r["row_code"]) == 3 and r["value"]]
    items.sort(key=lambda r: (-r["value"], r["row_code"]))
    rows = [{"编码": r["row_code"], "科目": r["row_name"], "金额": r["value"]} for r in items[:top]]
    return _frame(rows, ["编码", "科目", "金额"])


def three_public(pkg: Package) -> pd.DataFrame:
    """项目, 口径 (预算/决算), 金额 for each item of the 三公经费."""
    rows = []
    for key in THREE_PUBLIC_ITEMS:
        name = three_public_item_name(key)
        budget = pkg.cell("three_public", "three_public", f"budget.{key}")
        actual = pkg.cell("three_public", "three_public", f"actual.{key}")
        if actual is None:
            actual = pkg.fact(f"three_public_{key}")
        if budget is not None:
            rows.append({"项目": name, "口径": "预算数", "金额": budget})
        if actual is not None:
            rows.append({"项目": name, "口径": "决算数", "金额": actual})
    return _frame(rows, ["项目", "口径", "金额"])


def projects(pkg: Package) -> pd.DataFrame:
    rows = [{"项目": p["project_name"], "编码": p["project_code"],
             "调整后预算": p["budget_adjusted"], "执行数": p["executed"],
             "执行率": p["execution_rate"], "自评得分": p["score"]}
            for p in pkg.rows.get("projects", [])]
    return _frame(rows, ["项目", "编码", "调整后预算", "执行数", "执行率", "自评得分"])


def series(packages: list[Package], headlines: dict[int, dict], keys: list[str],
           labels: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """年度, 指标, 金额: an agency's headline figures across its years."""
    rows = []
    for p in packages:
        h = headlines[id(p)]
        for k in keys:
            if h.get(k) is not None:
                rows.append({"年度": str(p.year), "指标": labels[k][0], "金额": h[k]})
    return _frame(rows, ["年度", "指标", "金额"])

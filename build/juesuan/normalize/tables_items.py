"""Rows of the two-sided tables (01 收入支出决算总表, 04 财政拨款收入支出决算总表) coded
by their printed names, for the PDF and the text readers alike.

Income rows and the total rows carry the spec's item ids (general_budget, income_total,
carryover_begin, grand_total …), found by the spec's label or a printed variant;
expenditure rows that are function classes carry their 3-digit class code.
"""

from __future__ import annotations

from functools import cache

from juesuan import spec
from juesuan.normalize.codes import function_class, name_key

FUNDS = ("general_budget", "gov_fund", "state_capital")
ITEM_ALIASES = {  # printed variants of the spec's item labels
    "income": {
        "general_budget": ["一般公共预算财政拨款", "一般公共预算财政拨款收入", "一般公共预算拨款收入"],
        "gov_fund": ["政府性基金预算财政拨款", "政府性基金预算财政拨款收入", "政府性基金预算拨款收入"],
        "state_capital": ["国有资本经营预算财政拨款", "国有资本经营预算财政拨款收入"],
        "use_non_fiscal_balance": ["使用非财政拨款结余", "使用非财政拨款结余（含专用结余）",
                                   "用事业基金弥补收支差额", "使用专用结余"],
        "carryover_begin": ["年初结转和结余", "年初财政拨款结转和结余", "上年结转", "上年结转和结余"],
        "income_total": ["本年收入合计", "收入合计"],
        "grand_total": ["总计", "收入总计"],
    },
    "expenditure": {
        "expenditure_total": ["本年支出合计", "支出合计"],
        "balance_distribution": ["结余分配"],
        "carryover_end": ["年末结转和结余", "年末财政拨款结转和结余", "结转下年"],
        "grand_total": ["总计", "支出总计"],
    },
}


@cache
def _items(table: str, section: str) -> dict[str, str]:
    """printed-name key (:func:`name_key`) → item id, from the spec and the aliases above."""
    out: dict[str, str] = {}
    spec_items = spec.tables()[table].get("items", {}).get(section, {})
    for item, label in spec_items.items():
        out.setdefault(name_key(label.split(" (")[0]), item)
    for item, names in ITEM_ALIASES[section].items():
        if item in spec_items or item in FUNDS:
            for n in names:
                out.setdefault(name_key(n), item)
    return out


def income_item(table: str, name: str) -> str | None:
    """The income item a printed name stands for (before the carryover rule below)."""
    return _items(table, "income").get(name_key(name))


def expenditure_item(table: str, name: str) -> str | None:
    """A function class ('四、公共安全支出' → '204') or an expenditure item id."""
    return function_class(name) or _items(table, "expenditure").get(name_key(name))


def after_carryover(table: str, item: str | None, carrying: bool) -> tuple[str | None, bool]:
    """Income items print in order: a fund printed after 年初结转和结余 is that fund's
    opening balance (carryover_begin_gov_fund …) where the table has one. Returns the
    item and whether the following rows are still under 年初结转和结余."""
    if item == "carryover_begin":
        return item, True
    under = f"carryover_begin_{item}"
    if item in FUNDS and carrying and under in spec.tables()[table].get("items", {}).get("income", {}):
        return under, True
    return item, carrying and item is None

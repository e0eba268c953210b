"""Rows of the two-sided tables (01 收入支出决算总表, 04 财政拨款收入支出决算总表) coded
by their printed names, for the PDF and the text readers alike.

Income rows and the total rows carry the spec's item ids (general_budget, income_total,
carryover_begin, grand_total …), found by the spec's label or a printed variant;
expenditure rows that are function classes carry their 3-digit class code.
"""

from __future__ import annotations

from juesuan import spec
from juesuan.normalize.codes import function_class
from juesuan.vocabulary import item_aliases, key, loose

FUNDS = ("general_budget", "gov_fund", "state_capital")


def income_item(table: str, name: str) -> str | None:
    """The income item a printed name stands for (before the carryover rule below)."""
    items = item_aliases(table, "income")
    return items.get(key(name)) or items.get(loose(key(name)))


def expenditure_item(table: str, name: str) -> str | None:
    """A function class ('四、公共安全支出' → '204') or an expenditure item id."""
    items = item_aliases(table, "expenditure")
    return function_class(name) or items.get(key(name)) or items.get(loose(key(name)))


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

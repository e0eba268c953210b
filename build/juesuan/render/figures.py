"""Headline figures of a report, read from its tables first and its narrative second."""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

from juesuan.render.load import Package

Getter = Callable[[Package], Decimal | None]

# each headline: (label, unit, where to read it: tried in order)
_SOURCES: dict[str, list[tuple[str, ...]]] = {
    "total": [("cell", "income_expenditure_summary", "grand_total", "amount", "income"),
              ("fact", "total_income_expenditure")],
    "income_total": [("cell", "income_expenditure_summary", "income_total", "amount", "income"),
                     ("cell", "income", "", "total"), ("fact", "income_total")],
    "expenditure_total": [("cell", "income_expenditure_summary", "expenditure_total", "amount", "expenditure"),
                          ("cell", "expenditure", "", "total"), ("fact", "expenditure_total")],
    "fiscal_appropriation": [("cell", "income", "", "fiscal_appropriation"),
                             ("cell", "fiscal_summary", "income_total", "amount", "income"),
                             ("fact", "income_general_budget")],
    "basic": [("cell", "expenditure", "", "basic"), ("fact", "expenditure_basic")],
    "project": [("cell", "expenditure", "", "project"), ("fact", "expenditure_project")],
    "personnel": [("cell", "basic_expenditure", "personnel_total", "amount"),
                  ("cell", "fiscal_detail", "", "personnel"), ("fact", "personnel_expense")],
    "public": [("cell", "basic_expenditure", "public_total", "amount"),
               ("cell", "fiscal_detail", "", "public"), ("fact", "public_expense")],
    "three_public": [("cell", "three_public", "three_public", "actual.total"),
                     ("fact", "three_public_total")],
    "three_public_budget": [("cell", "three_public", "three_public", "budget.total")],
    "operating_expense": [("cell", "agency_operating_expense", "", "amount"),
                          ("fact", "agency_operating_expense")],
    "staff": [("fact", "staff_on_post")],
    "vehicles": [("fact", "official_vehicles"), ("fact", "vehicles_total")],
}

LABELS = {
    "total": ("收支总计", "万元"),
    "income_total": ("本年收入", "万元"),
    "expenditure_total": ("本年支出", "万元"),
    "fiscal_appropriation": ("财政拨款收入", "万元"),
    "basic": ("基本支出", "万元"),
    "project": ("项目支出", "万元"),
    "personnel": ("人员经费", "万元"),
    "public": ("公用经费", "万元"),
    "three_public": ("三公经费", "万元"),
    "three_public_budget": ("三公经费预算", "万元"),
    "operating_expense": ("机关运行经费", "万元"),
    "staff": ("在职人员", "人"),
    "vehicles": ("公务用车", "辆"),
    "per_staff": ("人均支出", "万元/人"),
    "three_public_per_staff": ("人均三公经费", "万元/人"),
}

# the cards of a report page, in order
CARDS = ["income_total", "expenditure_total", "basic", "project", "three_public", "staff",
         "per_staff"]


def _read(pkg: Package, how: tuple[str, ...]) -> Decimal | None:
    if how[0] == "fact":
        return pkg.fact(how[1])
    table, row_code, column = how[1], how[2], how[3]
    section = how[4] if len(how) > 4 else None
    return pkg.cell(table, row_code, column, section)


def _row(pkg: Package, how: tuple[str, ...]) -> dict | None:
    if how[0] == "fact":
        return pkg.fact_row(how[1])
    table, row_code, column = how[1], how[2], how[3]
    section = how[4] if len(how) > 4 else None
    return next((r for r in pkg.rows.get("line_items", []) if r["table"] == table and r["row_code"] == row_code
                 and r["column"] == column and (section is None or r["section"] == section)), None)


def figure_row(pkg: Package, key: str) -> dict | None:
    """The line item or fact a headline figure is read from (its page, file, cell): None when
    the report does not say it or it is computed (per staff)."""
    for how in _SOURCES.get(key, []):
        row = _row(pkg, how)
        if row is not None and row.get("value") is not None:
            return row
    return None


def figure(pkg: Package, key: str) -> Decimal | None:
    for how in _SOURCES.get(key, []):
        v = _read(pkg, how)
        if v is not None:
            return v
    return None


def _per(amount: Decimal | None, count: Decimal | None) -> Decimal | None:
    if amount is None or not count:
        return None
    return amount / count


def headline(pkg: Package) -> dict[str, Decimal | None]:
    """Every headline figure of one report (None where the report does not say)."""
    out = {key: figure(pkg, key) for key in _SOURCES}
    out["per_staff"] = _per(out["expenditure_total"], out["staff"])
    out["three_public_per_staff"] = _per(out["three_public"], out["staff"])
    return out


def stated_changes(pkg: Package) -> dict[str, Decimal]:
    """Change on the previous year in % as the report itself states it ("增长23.8%"), per
    headline: the fact ``<metric>_change_pct`` of the narrative metric the headline falls back
    on. Used where the corpus has no package of the year before."""
    out: dict[str, Decimal] = {}
    for key, hows in _SOURCES.items():
        for how in hows:
            if how[0] == "fact" and (v := pkg.fact(f"{how[1]}_change_pct")) is not None:
                out[key] = v
                break
    return out


def cards(current: dict[str, Decimal | None], previous: dict[str, Decimal | None] | None,
          stated: dict[str, Decimal] | None = None) -> list[dict[str, object]]:
    """Cards for the report page: label, value, unit and change on the previous year — from
    the previous year's package, or else (``stated``, marked) from the report's own statement."""
    from juesuan.render.fmt import change_pct

    out = []
    for key in CARDS:
        label, unit = LABELS[key]
        value = current.get(key)
        prev = previous.get(key) if previous else None
        change = change_pct(value, prev)
        said = previous is None and change is None and stated is not None and key in stated
        out.append({"key": key, "label": label, "unit": unit, "value": value, "previous": prev,
                    "change": stated[key] if said and stated else change, "stated": said})
    return out

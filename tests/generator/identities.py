"""The accounting identities a canonical report must satisfy, checked on its long-form line items.

Used to validate the generator itself (and usable on any parsed report)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from juesuan.models import LineItem

CODED = ["income", "expenditure", "fiscal_detail", "general_budget", "general_budget_detail",
         "project_expenditure", "government_fund", "state_capital", "state_capital_expenditure"]
ROW_SUMS = {  # table: (total column, parts)
    "income": ("total", ["fiscal_appropriation", "superior_subsidy", "business", "operating", "affiliated", "other"]),
    "expenditure": ("total", ["basic", "project", "remit_superior", "operating", "affiliated_subsidy"]),
    "fiscal_detail": ("total", ["basic", "project"]),
    "general_budget": ("total", ["basic", "project"]),
    "government_fund": ("total", ["basic", "project"]),
    "state_capital_expenditure": ("total", ["basic", "project"]),
}


def index(items: list[LineItem]) -> dict[tuple[str, str, str, str], Decimal]:
    return {i.key: i.value for i in items}


def check_identities(items: list[LineItem]) -> list[str]:
    v = index(items)
    bad: list[str] = []

    def eq(label: str, a: Decimal | None, b: Decimal | None) -> None:
        if a is None or b is None or a != b:
            bad.append(f"{label}: {a} != {b}")

    def get(t: str, s: str, r: str, c: str) -> Decimal | None:
        return v.get((t, s, r, c))

    tables = defaultdict(list)
    for i in items:
        tables[i.table].append(i)
    for t in CODED:
        rows = {i.row_code for i in tables.get(t, [])}
        cols = {i.column for i in tables.get(t, [])}
        for c in cols:
            for parent, width in (("", 3), *((r, len(r) + 2) for r in rows if len(r) in (3, 5))):
                kids = [r for r in rows if len(r) == width and r.startswith(parent)]
                if kids:
                    eq(f"{t}/{parent or '合计'}/{c} = Σ children", get(t, "", parent, c),
                       sum((get(t, "", k, c) or Decimal(0)) for k in kids))
        if t in ROW_SUMS:
            total, parts = ROW_SUMS[t]
            for r in rows:
                eq(f"{t}/{r or '合计'}: {total} = Σ parts", get(t, "", r, total),
                   sum((get(t, "", r, p) or Decimal(0)) for p in parts))
    for r in {i.row_code for i in tables.get("fiscal_detail", [])}:
        eq(f"fiscal_detail/{r}: basic = personnel + public", get("fiscal_detail", "", r, "basic"),
           (get("fiscal_detail", "", r, "personnel") or 0) + (get("fiscal_detail", "", r, "public") or 0))
    for r in {i.row_code for i in tables.get("general_budget_detail", [])}:
        cols = {i.column for i in tables["general_budget_detail"] if i.row_code == r}
        groups = [c for c in cols if len(c) == 3]
        eq(f"07/{r}: total = Σ groups", get("general_budget_detail", "", r, "total"),
           sum(get("general_budget_detail", "", r, g) for g in groups))
        for g in groups:
            eq(f"07/{r}/{g} = Σ items", get("general_budget_detail", "", r, g),
               sum(get("general_budget_detail", "", r, c) for c in cols if len(c) == 5 and c.startswith(g)))
    s01 = lambda side, r: get("income_expenditure_summary", side, r, "amount")  # noqa: E731
    if tables.get("income_expenditure_summary"):
        eq("01 income_total", s01("income", "income_total"), sum(s01("income", k) for k in (
            "general_budget", "gov_fund", "state_capital", "superior_subsidy", "business", "operating",
            "affiliated", "other")))
        eq("01 grand totals", s01("income", "grand_total"), s01("expenditure", "grand_total"))
        eq("01 expenditure_total = Σ classes", s01("expenditure", "expenditure_total"), sum(
            i.value for i in tables["income_expenditure_summary"] if i.section == "expenditure" and len(i.row_code) == 3
            and i.row_code.isdigit()))
        if tables.get("expenditure"):
            eq("01 expenditure_total = 03 合计", s01("expenditure", "expenditure_total"),
               get("expenditure", "", "", "total"))
    if tables.get("fiscal_summary"):
        for c in ("total", "general_budget", "gov_fund", "state_capital"):
            eq(f"04 {c}: grand = expenditure + carryover", get("fiscal_summary", "expenditure", "grand_total", c),
               get("fiscal_summary", "expenditure", "expenditure_total", c)
               + get("fiscal_summary", "expenditure", "carryover_end", c))
        eq("04 grand totals", get("fiscal_summary", "income", "grand_total", "amount"),
           get("fiscal_summary", "expenditure", "grand_total", "total"))
        eq("04 general_budget = 01", get("fiscal_summary", "income", "general_budget", "amount"),
           s01("income", "general_budget"))
    if tables.get("general_budget"):
        eq("06 合计 = 04 general_budget", get("general_budget", "", "", "total"),
           get("fiscal_summary", "income", "general_budget", "amount"))
    b08 = {i.row_code: i.value for i in tables.get("basic_expenditure", [])}
    if b08 and tables.get("general_budget"):
        eq("08 personnel + public = 06 basic", b08["personnel_total"] + b08["public_total"],
           get("general_budget", "", "", "basic"))
        for g in [r for r in b08 if len(r) == 3]:
            eq(f"08 {g} = Σ items", b08[g], sum(x for r, x in b08.items() if len(r) == 5 and r.startswith(g)))
    tp = {i.column: i.value for i in tables.get("three_public", [])}
    for grp in {c.split(".")[0] for c in tp}:
        eq(f"13 {grp}.total", tp[f"{grp}.total"], tp[f"{grp}.abroad"] + tp[f"{grp}.vehicle"] + tp[f"{grp}.reception"])
        eq(f"13 {grp}.vehicle", tp[f"{grp}.vehicle"], tp[f"{grp}.vehicle_purchase"] + tp[f"{grp}.vehicle_operation"])
    return bad

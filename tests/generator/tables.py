"""Canonical standard tables from the generated leaves: every total is a sum of printed parts."""

from __future__ import annotations

import random

from . import catalog as C
from .canonical import Leaf, Row, SyntheticReport, Table, function_name, split

ECON_ORDER_08 = ["301", "303", "302", "307", "310", "399"]


def coded_rows(per_leaf: dict[str, dict[str, int]], columns: list[str]) -> list[Row]:
    """合计, then 类 / 款 / 项 rows in code order; every parent is the sum of its children."""
    def total_of(codes: list[str]) -> dict[str, int]:
        return {c: sum(per_leaf[k].get(c, 0) for k in codes) for c in columns}

    leaves = sorted(per_leaf)
    rows = [Row("", "合计", total_of(leaves), 0)]
    for cls in sorted({k[:3] for k in leaves}):
        in_cls = [k for k in leaves if k[:3] == cls]
        rows.append(Row(cls, function_name(cls), total_of(in_cls), 1))
        for kuan in sorted({k[:5] for k in in_cls}):
            in_kuan = [k for k in in_cls if k[:5] == kuan]
            rows.append(Row(kuan, function_name(kuan), total_of(in_kuan), 2))
            rows += [Row(k, function_name(k), total_of([k]), 3) for k in in_kuan]
    return rows


def coded_table(rng: random.Random, tid: str, columns: list[str], per_leaf: dict[str, dict[str, int]]) -> Table:
    if per_leaf:
        return Table(tid, columns, rows=coded_rows(per_leaf, columns))
    if rng.random() < 0.5:  # nothing to report: only a 合计 row of zeros, or headers only
        return Table(tid, columns, rows=[Row("", "合计", {c: 0 for c in columns}, 0)])
    return Table(tid, columns, headers_only=True)


def class_totals(leaves: list[Leaf], fn) -> dict[str, int]:
    out = {c: 0 for c in C.CLASS_NAMES}
    for lf in leaves:
        out[lf.code[:3]] += fn(lf)
    return out


def summary_01(leaves: list[Leaf], carry: dict[str, int]) -> Table:
    inc = {"general_budget": sum(lf.gb_basic + lf.gb_project for lf in leaves),
           "gov_fund": sum(lf.gf_basic + lf.gf_project for lf in leaves),
           "state_capital": sum(lf.sc_project for lf in leaves)}
    for src in ("superior_subsidy", "business", "operating", "affiliated", "other"):
        inc[src] = sum(lf.nf_sources.get(src, 0) for lf in leaves)
    income_total = sum(inc.values())
    names = dict(C.INCOME_ITEMS_01)
    income = [Row(k, names[k], {"amount": v}, 1) for k, v in inc.items()]
    begin, use, dist = carry["begin"], carry["use"], carry["dist"]
    end = begin + use - dist
    income += [Row("income_total", "本年收入合计", {"amount": income_total}),
               Row("use_non_fiscal_balance", "使用非财政拨款结余(含专用结余)", {"amount": use}),
               Row("carryover_begin", "年初结转和结余", {"amount": begin}),
               Row("grand_total", "总计", {"amount": income_total + use + begin})]
    by_class = class_totals(leaves, lambda lf: lf.basic + lf.project)
    exp = [Row(c, C.CLASS_NAMES[c], {"amount": v}, 1) for c, v in by_class.items()]
    exp_total = sum(by_class.values())
    exp += [Row("expenditure_total", "本年支出合计", {"amount": exp_total}),
            Row("balance_distribution", "结余分配", {"amount": dist}),
            Row("carryover_end", "年末结转和结余", {"amount": end}),
            Row("grand_total", "总计", {"amount": exp_total + dist + end})]
    return Table("income_expenditure_summary", ["amount"], income=income, expenditure=exp)


def summary_04(leaves: list[Leaf], fiscal_begin: dict[str, int]) -> Table:
    funds = {"general_budget": lambda lf: lf.gb_basic + lf.gb_project,
             "gov_fund": lambda lf: lf.gf_basic + lf.gf_project, "state_capital": lambda lf: lf.sc_project}
    inc = {k: sum(fn(lf) for lf in leaves) for k, fn in funds.items()}
    names = {"general_budget": "一般公共预算财政拨款", "gov_fund": "政府性基金预算财政拨款",
             "state_capital": "国有资本经营预算财政拨款"}
    income = [Row(k, names[k], {"amount": v}, 1) for k, v in inc.items()]
    begin = sum(fiscal_begin.values())
    income += [Row("income_total", "本年收入合计", {"amount": sum(inc.values())}),
               Row("carryover_begin", "年初财政拨款结转和结余", {"amount": begin})]
    income += [Row("carryover_begin_" + k, names[k], {"amount": fiscal_begin[k]}, 2) for k in funds]
    income.append(Row("grand_total", "总计", {"amount": sum(inc.values()) + begin}))
    per_class = {k: class_totals(leaves, fn) for k, fn in funds.items()}
    exp = []
    for c, name in C.CLASS_NAMES.items():
        vals = {k: per_class[k][c] for k in funds}
        exp.append(Row(c, name, {"total": sum(vals.values()), **vals}, 1))

    def four(vals: dict[str, int]) -> dict[str, int]:
        return {"total": sum(vals.values()), **vals}
    end = dict(fiscal_begin)  # this year's fiscal income is all spent: carry-over unchanged
    exp += [Row("expenditure_total", "本年支出合计", four(inc)),
            Row("carryover_end", "年末财政拨款结转和结余", four(end)),
            Row("grand_total", "总计", four({k: inc[k] + end[k] for k in funds}))]
    return Table("fiscal_summary", ["amount", "total", "general_budget", "gov_fund", "state_capital"],
                 income=income, expenditure=exp)


def econ_columns_07(econ_items: list[str]) -> list[str]:
    cols = ["total"]
    for group in C.ECONOMIC:
        items = [e for e in econ_items if e[:3] == group]
        if items:
            cols += [group, *items]
    return cols


def table_08(rng: random.Random, leaves: list[Leaf], econ_items: list[str]) -> Table:
    full = rng.random() < 0.6  # the full list with zeros, or only the items used
    amount = {e: sum(lf.econ_basic.get(e, 0) for lf in leaves) for e in econ_items}
    rows = []
    for group in ECON_ORDER_08:
        items = [e for e in C.ECONOMIC[group][1] if full or e in amount]
        if not items:
            continue
        rows.append(Row(group, C.ECONOMIC[group][0], {"amount": sum(amount.get(e, 0) for e in items)}, 1))
        rows += [Row(e, C.ECONOMIC[group][1][e], {"amount": amount.get(e, 0)}, 2) for e in items]
    pers = sum(v for e, v in amount.items() if e[:3] in C.PERSONNEL_GROUPS)
    pub = sum(v for e, v in amount.items() if e[:3] in C.PUBLIC_GROUPS)
    rows += [Row("personnel_total", "人员经费合计", {"amount": pers}),
             Row("public_total", "公用经费合计", {"amount": pub})]
    return Table("basic_expenditure", ["amount"], rows=rows)


# the basic-expenditure (08) line each "三公" figure includes
THREE_PUBLIC_LINES = {"abroad": "30212", "vehicle_purchase": "31013", "vehicle_operation": "30231",
                      "reception": "30217"}


def three_public(rng: random.Random, mag: int, sichuan: bool, basic: Table) -> Table:
    """财政拨款"三公" spending: the basic-expenditure amount of its economic item (30212, 31013,
    30231, 30217) plus a drawn amount spent from project funds."""
    line = {r.code: r.values["amount"] for r in basic.rows}
    base = {k: line.get(code, 0) for k, code in THREE_PUBLIC_LINES.items()}
    abroad = base["abroad"] + (rng.randint(0, mag // 2000) if rng.random() < 0.2 else 0)
    purchase = base["vehicle_purchase"] + (rng.randint(mag // 2000, mag // 300) if rng.random() < 0.3 else 0)
    operation = base["vehicle_operation"] + rng.randint(mag // 5000, mag // 200)
    reception = base["reception"] + rng.randint(0, mag // 1000)
    actual = {"total": abroad + purchase + operation + reception, "abroad": abroad,
              "vehicle": purchase + operation, "vehicle_purchase": purchase,
              "vehicle_operation": operation, "reception": reception}
    budget = {k: v + (v * rng.randint(0, 30)) // 100 for k, v in actual.items() if k not in ("total", "vehicle")}
    budget["vehicle"] = budget["vehicle_purchase"] + budget["vehicle_operation"]
    budget["total"] = budget["abroad"] + budget["vehicle"] + budget["reception"]
    values = {f"budget.{k}": budget[k] for k in actual} | {f"actual.{k}": v for k, v in actual.items()}
    if sichuan:
        values |= {f"actual_general_budget.{k}": v for k, v in actual.items()}
        values |= {f"actual_gov_fund.{k}": 0 for k in actual}
    return Table("three_public", list(values), rows=[Row("three_public", "", values)],
                 headers_only=rng.random() < 0.15)  # the narrative still states the figures


def agency_operating(rng: random.Random, basic: Table) -> Table:
    amounts = {r.code: r.values["amount"] for r in basic.rows if r.level == 2 and r.code[:3] in ("302", "310")}
    items = [e for e, v in amounts.items() if v] or list(amounts)[:3]
    rows = [Row(e, C.ECONOMIC[e[:3]][1][e], {"budget": amounts[e] + amounts[e] * rng.randint(0, 20) // 100,
                                             "amount": amounts[e]}, 2) for e in items]
    total = {c: sum(r.values[c] for r in rows) for c in ("budget", "amount")}
    return Table("agency_operating_expense", ["budget", "amount"], rows=[Row("", "合计", total, 0), *rows])


def procurement(rng: random.Random, mag: int) -> Table:
    actual = {k: (rng.randint(0, mag // 50) if rng.random() < 0.7 else 0) for k in ("goods", "works", "services")}
    budget = {k: v + v * rng.randint(0, 25) // 100 for k, v in actual.items()}
    values = {"budget.total": sum(budget.values())} | {f"budget.{k}": v for k, v in budget.items()}
    values |= {"actual.total": sum(actual.values())} | {f"actual.{k}": v for k, v in actual.items()}
    values["sme"] = values["actual.total"] * rng.randint(0, 100) // 100
    return Table("government_procurement", list(values), rows=[Row("procurement", "", values)])


def build_tables(rng: random.Random, report: SyntheticReport, mag: int) -> dict[str, Table]:
    leaves = report.leaves
    gb = [lf for lf in leaves if lf.gb_basic or lf.gb_project]
    gf = [lf for lf in leaves if lf.gf_basic or lf.gf_project]
    sc = [lf for lf in leaves if lf.sc_project]
    gf_begin = {lf.code: (rng.randint(0, mag // 100) if rng.random() < 0.3 else 0) for lf in gf}
    fiscal_begin = {"general_budget": rng.randint(0, mag // 10) if rng.random() < 0.6 else 0,
                    "gov_fund": sum(gf_begin.values()), "state_capital": 0}
    nf_begin = rng.randint(0, mag // 40) if rng.random() < 0.3 else 0
    use = rng.randint(0, nf_begin) if nf_begin and rng.random() < 0.5 else 0
    carry = {"begin": sum(fiscal_begin.values()) + nf_begin, "use": use, "dist": 0}
    t: dict[str, Table] = {}
    t["income_expenditure_summary"] = summary_01(leaves, carry)
    nf_cols = ("superior_subsidy", "business", "operating", "affiliated", "other")
    t["income"] = coded_table(rng, "income", ["total", "fiscal_appropriation", *nf_cols], {
        lf.code: {"total": lf.basic + lf.project, "fiscal_appropriation": lf.basic + lf.project - lf.nf_basic
                  - lf.nf_project, **{c: lf.nf_sources.get(c, 0) for c in nf_cols}} for lf in leaves})
    t["expenditure"] = coded_table(rng, "expenditure", ["total", "basic", "project", "remit_superior", "operating",
                                                        "affiliated_subsidy"], {
        lf.code: {"total": lf.basic + lf.project, "basic": lf.basic, "project": lf.project, "remit_superior": 0,
                  "operating": 0, "affiliated_subsidy": 0} for lf in leaves})
    t["fiscal_summary"] = summary_04(leaves, fiscal_begin)
    fiscal = [lf for lf in leaves if lf.gb_basic + lf.gb_project + lf.gf_basic + lf.gf_project + lf.sc_project]
    t["fiscal_detail"] = coded_table(rng, "fiscal_detail", ["total", "basic", "personnel", "public", "project"], {
        lf.code: {"total": lf.gb_basic + lf.gf_basic + lf.gb_project + lf.gf_project + lf.sc_project,
                  "basic": lf.gb_basic + lf.gf_basic, "personnel": lf.gb_personnel,
                  "public": lf.gb_basic + lf.gf_basic - lf.gb_personnel,
                  "project": lf.gb_project + lf.gf_project + lf.sc_project} for lf in fiscal})
    t["general_budget"] = coded_table(rng, "general_budget", ["total", "basic", "project"], {
        lf.code: {"total": lf.gb_basic + lf.gb_project, "basic": lf.gb_basic, "project": lf.gb_project}
        for lf in gb})
    cols07 = econ_columns_07(report.econ_items)
    t["general_budget_detail"] = coded_table(rng, "general_budget_detail", cols07, {
        lf.code: {"total": lf.gb_basic + lf.gb_project, **{
            c: (sum(v for e, v in lf.econ.items() if e[:3] == c) if len(c) == 3 else lf.econ.get(c, 0))
            for c in cols07[1:]}} for lf in gb})
    t["basic_expenditure"] = table_08(rng, leaves, report.econ_items)
    t["project_expenditure"] = coded_table(rng, "project_expenditure", ["income", "expenditure"], {
        lf.code: {"income": lf.gb_project, "expenditure": lf.gb_project} for lf in gb if lf.gb_project})
    t["government_fund"] = coded_table(rng, "government_fund", ["carryover_begin", "income", "total", "basic",
                                                                "project", "carryover_end"], {
        lf.code: {"carryover_begin": gf_begin[lf.code], "income": lf.gf_basic + lf.gf_project,
                  "total": lf.gf_basic + lf.gf_project, "basic": lf.gf_basic, "project": lf.gf_project,
                  "carryover_end": gf_begin[lf.code]} for lf in gf})
    t["state_capital"] = coded_table(rng, "state_capital", ["carryover_begin", "income", "expenditure",
                                                            "carryover_end"], {
        lf.code: {"carryover_begin": 0, "income": lf.sc_project, "expenditure": lf.sc_project,
                  "carryover_end": 0} for lf in sc})
    t["state_capital_expenditure"] = coded_table(rng, "state_capital_expenditure", ["total", "basic", "project"], {
        lf.code: {"total": lf.sc_project, "basic": 0, "project": lf.sc_project} for lf in sc})
    t["three_public"] = three_public(rng, mag, report.template == "sichuan13", t["basic_expenditure"])
    if report.template == "sichuan13":
        return {k: t[k] for k in C.SICHUAN_13}
    out = {k: t[k] for k in C.NATIONAL_9}
    if rng.random() < 0.6:
        out["agency_operating_expense"] = agency_operating(rng, t["basic_expenditure"])
    if rng.random() < 0.6:
        out["government_procurement"] = procurement(rng, mag)
    return out

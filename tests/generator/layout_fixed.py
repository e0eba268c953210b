"""Fixed layouts: two-sided tables (01, 04) and table 08 printed in three column groups."""

from __future__ import annotations

from . import catalog as C
from .canonical import Row, SyntheticReport, Table
from .grid import SpanGrid
from .variations import Variation


def _fmt(cents: int, v: Variation) -> str:
    from .layout import fmt
    return fmt(cents, v)


def two_sided_grid(report: SyntheticReport, t: Table, v: Variation) -> SpanGrid:
    is01 = t.id == "income_expenditure_summary"
    exp_cols = ["amount"] if is01 else ["total", "general_budget", "gov_fund", "state_capital"]
    exp_heads = ["决算数"] if is01 else ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    no = 1 if v.row_numbers else 0
    nl, nr = 2 + no, 1 + no + len(exp_cols)
    g = SpanGrid(ncols=nl + nr, weights=[3.0] + [0.5] * no + [1.2] + [3.0] + [0.5] * no + [1.2] * len(exp_cols))
    g.row([("收入", nl), ("支出", nr)])
    g.row([("项目", 1)] + [("行次", 1)] * no + [("决算数" if is01 else "金额", 1), ("项目", 1)] + [("行次", 1)] * no
          + [(h, 1) for h in exp_heads])
    g.header_rows = 2
    if v.lanci:
        g.row([("栏次", 1)] + [("", 1)] * no + [("1", 1), ("栏次", 1)] + [("", 1)] * no
              + [(str(i), 1) for i in range(2, 2 + len(exp_cols))])
        g.header_rows = 3
    inc_items = [r for r in t.income if r.level == 1]
    exp_items = [r for r in t.expenditure if r.level == 1]
    inc_tot = {r.code: r for r in t.income if r.level != 1}
    exp_tot = {r.code: r for r in t.expenditure if r.level != 1}
    pairs: list[tuple[Row | None, Row | None, bool]] = []
    for i in range(max(len(inc_items), len(exp_items))):
        pairs.append((inc_items[i] if i < len(inc_items) else None, exp_items[i] if i < len(exp_items) else None,
                      True))
    if is01:
        order = [("income_total", "expenditure_total"), ("use_non_fiscal_balance", "balance_distribution"),
                 ("carryover_begin", "carryover_end"), ("grand_total", "grand_total")]
    else:
        order = [("income_total", "expenditure_total"), ("carryover_begin", "carryover_end"),
                 ("carryover_begin_general_budget", None), ("carryover_begin_gov_fund", None),
                 ("carryover_begin_state_capital", None), ("grand_total", "grand_total")]
    pairs += [(inc_tot[a], exp_tot.get(b) if b else None, False) for a, b in order]
    n = len(pairs)
    for i, (left, right, numbered) in enumerate(pairs):
        cells: list[tuple[str, int]] = []
        aligns: list[str] = []
        for side, row, cols, base in ((0, left, ["amount"], 1), (1, right, exp_cols, n + 1)):
            idx = (inc_items if side == 0 else exp_items).index(row) if (numbered and row) else 0
            label = (f"{C.CN_NUM[idx]}、{row.name}" if numbered else row.name) if row else ""
            cells.append((label, 1))
            aligns.append("c" if (row and row.code == "grand_total") else "l")
            if no:
                cells.append((str(base + i), 1))
                aligns.append("c")
            for c in cols:
                cells.append((_fmt(row.values[c], v) if row else "", 1))
                aligns.append("r")
        g.row(cells, aligns)
    return g


def groups_08_grid(report: SyntheticReport, t: Table, v: Variation) -> SpanGrid:
    groups = [[r for r in t.rows if r.level and r.code[:3] in gs] for gs in
              (C.PERSONNEL_GROUPS, ("302",), ("307", "310", "399"))]
    g = SpanGrid(ncols=9, weights=[0.8, 2.6, 1.2] * 3)
    g.row([("人员经费", 3), ("公用经费", 6)])
    g.row([("科目编码", 1), ("科目名称", 1), ("决算数", 1)] * 3)
    g.header_rows = 2
    for i in range(max(len(x) for x in groups)):
        cells, aligns = [], []
        for grp in groups:
            r = grp[i] if i < len(grp) else None
            cells += [(r.code, 1), (r.name, 1), (_fmt(r.values["amount"], v), 1)] if r else [("", 1)] * 3
            aligns += ["l", "l", "r"]
        g.row(cells, aligns)
    tot = {r.code: r.values["amount"] for r in t.rows}
    g.row([("人员经费合计", 2), (_fmt(tot["personnel_total"], v), 1), ("公用经费合计", 5),
           (_fmt(tot["public_total"], v), 1)], ["c", "r", "c", "r"])
    return g

"""Fixed layouts: two-sided tables (01, 04) and table 08 printed in column groups (three: 人员经费 |
公用经费 …, or two side by side as in Shanghai: 301/303 left, 302/310 right)."""

from __future__ import annotations

from . import catalog as C
from .canonical import Row, SyntheticReport, Table
from .grid import SpanGrid
from .printing import header_word, printed_name, spaced_label
from .variations import Variation


def _fmt(cents: int, v: Variation) -> str:
    from .layout import fmt
    return fmt(cents, v)


def two_sided_grid(report: SyntheticReport, t: Table, v: Variation) -> SpanGrid:
    is01 = t.id == "income_expenditure_summary"
    exp_cols = ["amount"] if is01 else ["total", "general_budget", "gov_fund", "state_capital"]
    exp_heads = ["决算数"] if is01 else ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    exp_heads = [header_word(h, v) for h in exp_heads]
    item, line, lanci = header_word("项目", v), v.line_col or "行次", v.lanci_label
    no = 1 if v.row_numbers else 0
    nl, nr = 2 + no, 1 + no + len(exp_cols)
    g = SpanGrid(ncols=nl + nr, weights=[3.0] + [0.5] * no + [1.2] + [3.0] + [0.5] * no + [1.2] * len(exp_cols))
    g.row([("收入", nl), ("支出", nr)])
    g.row([(item, 1)] + [(line, 1)] * no + [(header_word("决算数" if is01 else "金额", v), 1), (item, 1)]
          + [(line, 1)] * no + [(h, 1) for h in exp_heads])
    g.header_rows = 2
    if v.lanci:
        g.row([(lanci, 1)] + [("", 1)] * no + [("1", 1), (lanci, 1)] + [("", 1)] * no
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
            name = printed_name(report, t.id, ("income", "expenditure")[side], row.code, row.name) if row else ""
            label = (f"{C.CN_NUM[idx]}、{name}" if numbered else name) if row else ""
            cells.append((label, 1))
            aligns.append("c" if (row and row.code == "grand_total") else "l")
            if no:
                cells.append((str(base + i), 1))
                aligns.append("c")
            for c in cols:
                cells.append((_fmt(row.values[c], v) if row else "", 1))
                aligns.append("r")
        g.row(cells, aligns)
    if v.summary_spill:  # putuo p.7: 使用非财政拨款结余 / 年初结转和结余 / 总计 alone on the next page
        g.spill = 3 if is01 else 2
    return g


def econ_groups_grid(report: SyntheticReport, t: Table, v: Variation) -> SpanGrid:
    """Table 08 in column groups: "groups" (人员经费 | 公用经费 over 301/303, 302, 307/310/399) or
    "sides" (Shanghai: 301/303 left, 302/307/310/399 right); economic codes in one column or in
    类 | 款 columns ("302 | 31")."""
    if v.table_08 == "sides":
        sets = (C.PERSONNEL_GROUPS, ("302", "307", "310", "399"))
    else:
        sets = (C.PERSONNEL_GROUPS, ("302",), ("307", "310", "399"))
    groups = [[r for r in t.rows if r.level and r.code[:3] in gs] for gs in sets]
    nc = 2 if v.econ_split else 1
    w = nc + 2  # columns per group
    g = SpanGrid(ncols=w * len(groups), weights=([0.5] * nc + [2.6, 1.2]) * len(groups))
    name, amount = header_word("科目名称", v), header_word("决算数", v)
    top = 0
    if v.table_08 == "groups":
        g.row([("人员经费", w), ("公用经费", 2 * w)])
        top = 1
    for k in range(len(groups)):
        c0 = k * w
        if v.table_08 == "sides" and v.econ_split:  # putuo: 经济分类 / 科目编码 / 类 款
            g.put(top, c0, "经济分类", cs=2)
            g.put(top + 1, c0, "科目编码", cs=2)
            g.put(top + 2, c0, "类")
            g.put(top + 2, c0 + 1, "款")
            depth = 3
        elif v.econ_split:
            g.put(top, c0, "科目编码", cs=2)
            g.put(top + 1, c0, "类")
            g.put(top + 1, c0 + 1, "款")
            depth = 2
        else:
            g.put(top, c0, "经济分类科目编码" if v.table_08 == "sides" else "科目编码")
            depth = 1
        g.put(top, c0 + nc, name, rs=depth)
        g.put(top, c0 + nc + 1, amount, rs=depth)
    g.nrows = g.header_rows = top + depth
    for i in range(max(len(x) for x in groups)):
        cells, aligns = [], []
        for grp in groups:
            r = grp[i] if i < len(grp) else None
            if r is None:
                cells += [("", 1)] * w
            else:
                codes = ([r.code[:3], r.code[3:]] if v.econ_split else [r.code])
                cells += [(c, 1) for c in codes] + [(spaced_label(r.name, v, f"08-{r.code}"), 1),
                                                    (_fmt(r.values["amount"], v), 1)]
            aligns += ["l"] * nc + ["l", "r"]
        g.row(cells, aligns)
    tot = {r.code: r.values["amount"] for r in t.rows}
    rest = w * (len(groups) - 1)  # the public-expense total spans what the personnel groups leave
    g.row([("人员经费合计", w - 1), (_fmt(tot["personnel_total"], v), 1), ("公用经费合计", rest - 1),
           (_fmt(tot["public_total"], v), 1)], ["c", "r", "c", "r"])
    return g

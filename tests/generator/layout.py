"""Printed form of each standard table: titles, merged multi-row headers, label and value cells."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from . import catalog as C
from .canonical import Row, SyntheticReport, Table
from .grid import SpanGrid
from .variations import Variation

Part = list[tuple[str, int, str]]  # (text, colspan, align) cells of the label columns


@dataclass
class TableSpec:
    table_id: str
    title: str
    form: str
    left: list[tuple[str, ...]]  # header paths of the label columns
    cols: list[tuple[str, tuple[str, ...]]]  # value columns: (column id, header path)
    body: list[tuple[Part, dict[str, str]]] = field(default_factory=list)
    lanci_left: Part = field(default_factory=list)
    grid: SpanGrid | None = None  # fixed layouts (two-sided, 08 in groups) that are never column-split
    note: str = ""


def fmt(cents: int, v: Variation) -> str:
    d = Decimal(cents) / 100
    return f"{d:,.2f}" if v.commas else f"{d:.2f}"


def header_cells(g: SpanGrid, paths: list[tuple[str, ...]], depth: int) -> None:
    for d in range(depth):
        c = 0
        while c < len(paths):
            p = paths[c]
            if len(p) <= d:
                c += 1
                continue
            e = c + 1
            while e < len(paths) and len(paths[e]) > d and paths[e][: d + 1] == p[: d + 1] and len(p) > d + 1:
                e += 1
            g.put(d, c, p[d], rs=(depth - d if len(p) == d + 1 else 1), cs=e - c)
            c = e


def to_grid(spec: TableSpec, col_ids: list[str], v: Variation) -> SpanGrid:
    """The spec's label columns plus the chosen value columns as one printed grid."""
    if spec.grid is not None:
        return spec.grid
    cols = [c for c in spec.cols if c[0] in col_ids]
    paths = spec.left + [p for _, p in cols]
    depth = max(len(p) for p in paths)
    g = SpanGrid(ncols=len(paths), weights=[1.0] * len(paths))
    header_cells(g, paths, depth)
    g.nrows = g.header_rows = depth
    number = {cid: i for i, (cid, _) in enumerate(spec.cols, 1)}
    if v.lanci:
        g.row(spec.lanci_left and [(t, cs) for t, cs, _ in spec.lanci_left] + [(str(number[c]), 1) for c, _ in cols]
              or [(str(number[c]), 1) for c, _ in cols])
        g.header_rows += 1
    for left, values in spec.body:
        g.row([(t, cs) for t, cs, _ in left] + [(values.get(c, ""), 1) for c, _ in cols],
              [a for _, _, a in left] + ["r"] * len(cols))
    return g


def code_left(style: str) -> list[tuple[str, ...]]:
    if style == "single":
        return [("科目编码",), ("科目名称",)]
    return [("支出功能分类科目编码", "类"), ("支出功能分类科目编码", "款"), ("支出功能分类科目编码", "项"), ("科目名称",)]


def code_part(row: Row, v: Variation) -> Part:
    ncode = 1 if v.code_style == "single" else 3
    if row.code == "":
        if v.total_span:
            return [(row.name, ncode + 1, "c")]
        blank = [("", 3, "l")] if v.code_style == "merged" else [("", 1, "l")] * ncode
        return blank + [(row.name, 1, "l")]
    if v.code_style == "split":
        parts = [row.code[:3], row.code[3:5], row.code[5:7]]
        return [(p, 1, "l") for p in parts] + [(row.name, 1, "l")]
    return [(row.code, ncode, "l"), (row.name, 1, "l")]


def column_paths(t: Table, v: Variation) -> list[tuple[str, tuple[str, ...]]]:
    def spend_cols(flat_total: str) -> dict[str, tuple[str, ...]]:
        if v.flat_headers:  # no 本年支出 group header: the total column needs a name of its own
            return {"total": (flat_total,), "basic": ("基本支出",), "project": ("项目支出",)}
        return {"total": ("本年支出", "小计"), "basic": ("本年支出", "基本支出"), "project": ("本年支出", "项目支出")}
    spend = spend_cols("合计")
    named = {
        "income": {"total": ("本年收入合计",), "fiscal_appropriation": ("财政拨款收入",), "superior_subsidy": ("上级补助收入",),
                   "business": ("事业收入",), "operating": ("经营收入",), "affiliated": ("附属单位上缴收入",),
                   "other": ("其他收入",)},
        "expenditure": {"total": ("本年支出合计",), "basic": ("基本支出",), "project": ("项目支出",),
                        "remit_superior": ("上缴上级支出",), "operating": ("经营支出",),
                        "affiliated_subsidy": ("对附属单位补助支出",)},
        "fiscal_detail": {"total": ("合计",), "basic": ("基本支出", "小计"), "personnel": ("基本支出", "人员经费"),
                          "public": ("基本支出", "公用经费"), "project": ("项目支出",)},
        "general_budget": spend, "state_capital_expenditure": spend,
        "project_expenditure": {"income": ("本年收入",), "expenditure": ("本年支出",)},
        "government_fund": {"carryover_begin": ("年初结转和结余",), "income": ("本年收入",), **spend_cols("本年支出"),
                            "carryover_end": ("年末结转和结余",)},
        "state_capital": {"carryover_begin": ("年初结转和结余",), "income": ("本年收入",), "expenditure": ("本年支出",),
                          "carryover_end": ("年末结转和结余",)},
        "agency_operating_expense": {"budget": ("预算数",), "amount": ("决算数",)},
        "basic_expenditure": {"amount": ("决算数",)},
    }
    if t.id == "general_budget_detail":
        out = []
        for c in t.columns:
            if c == "total":
                out.append((c, ("合计",)))
            elif len(c) == 3:
                out.append((c, (C.ECONOMIC[c][0], "小计")))
            else:
                out.append((c, (C.ECONOMIC[c[:3]][0], C.ECONOMIC[c[:3]][1][c])))
        return out
    if t.id == "three_public":
        groups = {"budget": "预算数", "actual": "决算数", "actual_general_budget": "其中：一般公共预算财政拨款",
                  "actual_gov_fund": "其中：政府性基金预算财政拨款"}
        sub = {"total": ("合计",), "abroad": ("因公出国（境）费",), "vehicle": ("公务用车购置及运行维护费", "小计"),
               "vehicle_purchase": ("公务用车购置及运行维护费", "公务用车购置费"),
               "vehicle_operation": ("公务用车购置及运行维护费", "公务用车运行维护费"), "reception": ("公务接待费",)}
        keys = t.columns or [f"{g}.{s}" for g in ("budget", "actual") for s in sub]
        return [(c, (groups[c.split(".")[0]], *sub[c.split(".")[1]])) for c in keys]
    if t.id == "government_procurement":
        return [(c, ("授予中小企业合同金额",) if c == "sme" else (
            {"budget": "采购预算（财政性资金）", "actual": "实际采购金额"}[c.split(".")[0]],
            {"total": "合计", "goods": "货物", "works": "工程", "services": "服务"}[c.split(".")[1]])) for c in t.columns]
    if t.id not in named:  # fixed layouts (two-sided tables, 08) name their own columns
        return [(c, (c,)) for c in t.columns]
    return [(c, named[t.id][c]) for c in t.columns]


def build_spec(rng: random.Random, report: SyntheticReport, t: Table, v: Variation, number: int) -> TableSpec:
    titles = C.TITLES[t.id]
    title = rng.choice(titles) if v.alias_titles else titles[0]
    form = f"财决公开{number:02d}表" if report.template == "sichuan13" else (f"公开{number:02d}表"
                                                                          if rng.random() < 0.7 else "")
    spec = TableSpec(t.id, title, form, [], column_paths(t, v))
    if t.id in ("income_expenditure_summary", "fiscal_summary"):
        from .layout_fixed import two_sided_grid
        spec.grid = two_sided_grid(report, t, v)
    elif t.id == "basic_expenditure" and v.table_08 == "groups":
        from .layout_fixed import groups_08_grid
        spec.grid = groups_08_grid(report, t, v)
    elif t.id in ("basic_expenditure", "agency_operating_expense"):
        spec.left = [("科目编码",), ("科目名称",)]
        spec.lanci_left = [("", 1, "l"), ("栏次", 1, "c")]
        for r in t.rows:
            left = [(r.name, 2, "c")] if r.code in ("", "personnel_total", "public_total") else [
                (r.code, 1, "l"), (r.name, 1, "l")]
            spec.body.append((left, {c: fmt(x, v) for c, x in r.values.items()}))
    elif t.id in ("three_public", "government_procurement"):
        spec.body = [([], {c: fmt(x, v) for c, x in r.values.items()}) for r in t.rows]
    else:
        spec.left = code_left(v.code_style)
        n = 1 if v.code_style == "single" else 3
        spec.lanci_left = ([("", 3, "l")] if v.code_style == "merged" else [("", 1, "l")] * n) + [("栏次", 1, "c")]
        spec.body = [(code_part(r, v), {c: fmt(x, v) for c, x in r.values.items()}) for r in t.rows]
    if t.headers_only:
        spec.body = []
        if v.notes_on_empty:
            spec.note = f"注：本单位{report.meta['year']}年度无此项数据，故本表为空表。"
    return spec

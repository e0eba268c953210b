"""Printed form of each standard table: titles, merged multi-row headers, label and value cells."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from . import catalog as C
from .canonical import Row, SyntheticReport, Table
from .grid import SpanGrid
from .printing import header_word, prepare, printed_title, spaced_label
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
    listed: str = ""  # the title as the 目录 lists it
    total: tuple[Part, dict[str, str]] | None = None  # the 合计 row when printed apart from the body
    total_mode: str = "first"  # "in_header" (on the 类/款/项 label row) | "last" (after the body)
    ncode: int = 0  # code columns at the left (the 类/款/项 label row of "in_header")
    line_col: str = ""  # a line-number column after the label columns, under this header


def fmt(cents: int, v: Variation) -> str:
    if cents == 0 and v.zeros == "blank":  # Shanghai prints nothing for 0.00
        return ""
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
            while e < len(paths) and len(paths[e]) > d and paths[e][: d + 1] == p[: d + 1] and (
                    len(p) > d + 1 or paths[e] == p):  # a group header, or one header over several columns
                e += 1
            g.put(d, c, p[d], rs=(depth - d if len(p) == d + 1 else 1), cs=e - c)
            c = e


def to_grid(spec: TableSpec, col_ids: list[str], v: Variation) -> SpanGrid:
    """The spec's label columns plus the chosen value columns as one printed grid."""
    if spec.grid is not None:
        return spec.grid
    cols = [c for c in spec.cols if c[0] in col_ids]
    line = [(spec.line_col,)] if spec.line_col else []
    paths = spec.left + line + [p for _, p in cols]
    g = SpanGrid(ncols=len(paths), weights=[1.0] * len(paths))
    number = {cid: i for i, (cid, _) in enumerate(spec.cols, 1)}
    body = list(spec.body)
    if spec.total is not None and spec.total_mode == "last":
        body.append(spec.total)
    lines = iter(range(1, len(body) + 2))

    def cells(left: Part, values: dict[str, str]) -> tuple[list[tuple[str, int]], list[str]]:
        out = [(t, cs) for t, cs, _ in left] + [(str(next(lines)), 1)] * len(line)
        out += [(values.get(c, ""), 1) for c, _ in cols]
        return out, [a for _, _, a in left] + ["c"] * len(line) + ["r"] * len(cols)

    if spec.total is not None and spec.total_mode == "in_header":
        # the header stops above the 类/款/项 labels; that row carries 合计 and its values
        code, rest = spec.left[:spec.ncode], paths[spec.ncode:]
        depth = max([len(p) - 1 for p in code] + [len(p) for p in rest])
        header_cells(g, [p[:-1] for p in code] + rest, depth)
        g.nrows = depth
        label_row, aligns = cells([(p[-1], 1, "c") for p in code] + spec.total[0][-1:], spec.total[1])
        g.row(label_row, aligns)
        g.header_rows = g.nrows
        g.header_values = True
    else:
        depth = max(len(p) for p in paths)
        header_cells(g, paths, depth)
        g.nrows = g.header_rows = depth
        if v.lanci:  # the column-number row: 栏次 | 1 | 2 …
            left = [(t.replace("栏次", v.lanci_label), cs) for t, cs, _ in spec.lanci_left]
            g.row((left + [("", 1)] * len(line) if left else []) + [(str(number[c]), 1) for c, _ in cols])
            g.header_rows += 1
    for left, values in body:
        g.row(*cells(left, values))
    return g


def code_left(v: Variation) -> list[tuple[str, ...]]:
    name = header_word("科目名称", v, item=v.code_header == "two")
    if v.code_header == "project":  # Shanghai: 项目 over 支出功能分类 / 科目编码 / 类|款|项 and 科目名称
        if v.code_style == "single":
            return [("项目", "科目编码"), ("项目", name)]
        return [("项目", "支出功能分类", "科目编码", x) for x in "类款项"] + [("项目", name)]
    if v.code_style == "single":
        return [("科目编码",), (name,)]
    return [("支出功能分类科目编码", x) for x in "类款项"] + [(name,)]


def code_part(row: Row, v: Variation, table: str = "") -> Part:
    ncode = 1 if v.code_style == "single" else 3
    if row.code == "":
        if v.total_span:
            return [(row.name, ncode + 1, "c")]
        blank = [("", 3, "l")] if v.code_style == "merged" else [("", 1, "l")] * ncode
        return blank + [(row.name, 1, "l")]
    name = spaced_label(row.name, v, f"{table}-{row.code}")
    if v.code_style == "split":
        parts = [row.code[:3], row.code[3:5], row.code[5:7]]
        return [(p, 1, "l") for p in parts] + [(name, 1, "l")]
    return [(row.code, ncode, "l"), (name, 1, "l")]


def total_mode(v: Variation, table: str) -> str:
    """Where this table prints its 合计 row: first | in_header | last."""
    mode = v.total_row
    if mode == "shanghai":  # putuo: 收入/支出决算表 on the label row, 一般公共预算表 last
        mode = {"income": "in_header", "expenditure": "in_header", "general_budget": "last"}.get(table, "first")
    if mode == "in_header" and v.code_style == "single":  # no 类/款/项 label row to share
        mode = "first"
    return mode


def canonical_paths(t: Table, v: Variation) -> list[tuple[str, tuple[str, ...]]]:
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


def column_paths(t: Table, v: Variation) -> list[tuple[str, tuple[str, ...]]]:
    """Value columns: (column id, header path as this variation words it)."""
    return [(c, tuple(header_word(x, v, table=t.id) for x in path)) for c, path in canonical_paths(t, v)]


def build_spec(rng: random.Random, report: SyntheticReport, t: Table, v: Variation, number: int) -> TableSpec:
    prepare(report, v)  # the expected records follow what is printed (blank zeros, renamed rows)
    titles = C.TITLES[t.id]
    title = rng.choice(titles) if v.alias_titles else titles[0]
    form = f"财决公开{number:02d}表" if report.template == "sichuan13" else (f"公开{number:02d}表"
                                                                          if rng.random() < 0.7 else "")
    if not v.form_codes:  # drawn all the same: the render's later draws stay put
        form = ""
    printed, listed = printed_title(report, t.id, title, v, number)
    spec = TableSpec(t.id, printed, form, [], column_paths(t, v), listed=listed)
    if t.id in ("income_expenditure_summary", "fiscal_summary"):
        from .layout_fixed import two_sided_grid
        spec.grid = two_sided_grid(report, t, v)
    elif t.id == "basic_expenditure" and v.table_08 in ("groups", "sides"):
        from .layout_fixed import econ_groups_grid
        spec.grid = econ_groups_grid(report, t, v)
    elif t.id in ("basic_expenditure", "agency_operating_expense"):
        nc = 2 if v.econ_split else 1
        name = header_word("科目名称", v)
        spec.left = [("科目编码", "类"), ("科目编码", "款"), (name,)] if v.econ_split else [("科目编码",), (name,)]
        spec.lanci_left = [("", 1, "l")] * nc + [("栏次", 1, "c")]
        spec.line_col = v.line_col
        for r in t.rows:
            if r.code in ("", "personnel_total", "public_total"):
                left = [(r.name, nc + 1, "c")]
            else:
                codes = [r.code[:3], r.code[3:]] if v.econ_split else [r.code]
                left = [(c, 1, "l") for c in codes] + [(spaced_label(r.name, v, f"{t.id}-{r.code}"), 1, "l")]
            spec.body.append((left, {c: fmt(x, v) for c, x in r.values.items()}))
    elif t.id in ("three_public", "government_procurement"):
        spec.body = [([], {c: fmt(x, v) for c, x in r.values.items()}) for r in t.rows]
    else:
        spec.left = code_left(v)
        n = spec.ncode = 1 if v.code_style == "single" else 3
        spec.lanci_left = ([("", 3, "l")] if v.code_style == "merged" else [("", 1, "l")] * n) + [("栏次", 1, "c")]
        spec.line_col = v.line_col
        rows = t.rows
        mode = total_mode(v, t.id)
        if mode != "first" and rows and rows[0].code == "" and not t.headers_only:
            total, rows = rows[0], rows[1:]
            values = {c: fmt(x, v) for c, x in total.values.items()}
            spec.total_mode = mode
            spec.total = ([(total.name, 1, "c")] if mode == "in_header" else [(total.name, n + 1, "c")], values)
        spec.body = [(code_part(r, v, t.id), {c: fmt(x, v) for c, x in r.values.items()}) for r in rows]
    if t.headers_only:
        spec.body = []
        if v.notes_on_empty:
            spec.note = f"注：本单位{report.meta['year']}年度无此项数据，故本表为空表。"
    return spec

"""The charts of each page, with their source, unit, warnings and data (issue 11).

Report page: income by source, expenditure by function (类, 款), basic vs project and
personnel vs public (parts of a whole), the largest economic items, 三公 (预算数 beside 决算数
only where the report prints both), projects. Agency page: totals and their parts in
separate charts, never a part beside its total; years from the corpus's reports and, where
the previous report is missing, from the report's own 上年 statements, marked as such.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd
from markupsafe import Markup

from juesuan.charts import report as charts
from juesuan.charts.embed import chart_block
from juesuan.charts.honesty import REPORTED_MARK, contradiction, source_line, stated_previous
from juesuan.render import frames
from juesuan.render.figures import LABELS

FUNCTION_TABLES = ["expenditure", "fiscal_detail", "general_budget"]


def report_charts(pkg: Any, h: dict[str, Decimal | None]) -> list[Markup]:
    out: list[Markup] = []

    def add(df: pd.DataFrame, make, title: str, tables: list[str], warning: str = "") -> None:
        if len(df):
            out.append(chart_block(make(df), df, title, source=source_line(pkg, tables, narrative=True),
                                   warning=warning))

    income = frames.income_by_source(pkg)
    add(income, lambda d: charts.bars(d, "来源", title="收入来源"), "收入来源", ["income_expenditure_summary"],
        contradiction(pkg, "income_expenditure_summary", dict(zip(income["来源"], income["金额"], strict=True)),
                      h.get("income_total"), "本年收入合计"))
    for digits, level in ((3, "类"), (5, "款")):
        df = frames.expenditure_by_function(pkg, digits)
        title = f"支出按功能分类（{level}）"
        add(df, lambda d, t=title: charts.bars(d, "科目", title=t), title, FUNCTION_TABLES,
            contradiction(pkg, "expenditure", dict(zip(df["编码"], df["金额"], strict=True)),
                          h.get("expenditure_total") if digits == 3 else None, "本年支出合计",
                          [(c, "total") for c in df["编码"]]) if len(df) else "")
    parts = frames.basic_vs_project(h)
    add(parts, lambda d: charts.share(d, title="基本支出与项目支出（占本年支出）"), "基本支出与项目支出（占本年支出）",
        ["expenditure"], contradiction(pkg, "expenditure", {"basic": h.get("basic"), "project": h.get("project")},
                                       h.get("expenditure_total"), "本年支出合计")
        if len(parts) == 2 else "")
    add(frames.personnel_vs_public(h), lambda d: charts.share(d, title="人员经费与公用经费（占基本支出）"),
        "人员经费与公用经费（占基本支出）", ["basic_expenditure", "fiscal_detail"])
    add(frames.economic_lines(pkg), lambda d: charts.bars(d, "科目", title="基本支出最大的经济科目"),
        "基本支出最大的经济科目", ["basic_expenditure"])
    return out


def three_public_chart(pkg: Any) -> Markup:
    """The 三公 items: 预算数 beside 决算数 where both are printed, else 决算数 alone, with a
    warning on the chart when the items do not add up to the printed total."""
    df = frames.three_public(pkg)
    if not len(df):
        return Markup("")
    both = set(df["口径"]) == {"预算数", "决算数"}
    shown = df["口径"].iloc[0]
    title = "三公经费：预算数与决算数" if both else \
        f"三公经费：{shown}（报告未列{'预算数' if shown == '决算数' else '决算数'}）"
    actual = df[df["口径"] == "决算数"]
    total = pkg.cell("three_public", "three_public", "actual.total")
    if total is None:
        total = pkg.fact("three_public_total")
    warning = contradiction(pkg, "three_public", dict(zip(actual["项目"], actual["金额"], strict=True)), total,
                            "三公经费决算合计",
                            [("three_public", f"actual.{k}") for k in frames.THREE_PUBLIC_ITEMS])
    chart = charts.grouped(df, "项目", "口径", title=title) if both else charts.bars(
        actual if len(actual) else df, "项目", title=title)
    return chart_block(chart, df, title, source=source_line(pkg, ["three_public"], narrative=True), warning=warning)


def project_chart(pkg: Any) -> Markup:
    df = frames.projects(pkg)
    if not len(df):
        return Markup("")
    pages = sorted({r["page"] for r in pkg.rows.get("projects", []) if r.get("page")})
    where = (f"（原文第 {pages[0]}—{pages[-1]} 页）" if len(pages) > 1 else f"（原文第 {pages[0]} 页）" if pages
             else "（原文无页码）")
    source = f"{pkg.agency}{pkg.year}年度{pkg.meta.get('kind') or '决算'}公开：项目支出绩效自评表{where}"
    return chart_block(charts.projects(df, title="项目预算与执行"), df.drop(columns=["编码"]), "项目预算与执行",
                       table_follows=True, source=source)


def _series(reports: list[Any], headlines: dict[int, dict], keys: list[str]) -> pd.DataFrame:
    rows = []
    for p in reports:
        h = headlines[id(p)]
        rows += [{"年度": str(p.year), "指标": LABELS[k][0], "金额": h[k], "来源": REPORTED_MARK}
                 for k in keys if h.get(k) is not None]
    return pd.DataFrame(rows, columns=["年度", "指标", "金额", "来源"])


def agency_charts(reports: list[Any], headlines: dict[int, dict]) -> list[Markup]:
    """Totals over the years, then each total's parts stacked under it (never beside it);
    previous years stated by a report whose predecessor the corpus lacks, marked."""
    years = {p.year for p in reports}
    source = f"{reports[-1].agency}各年度决算公开"
    blocks = []
    totals = _series(reports, headlines, ["income_total", "expenditure_total"])
    stated = [r for p in reports if p.year - 1 not in years for r in stated_previous(p)
              if r["来源"] != REPORTED_MARK]
    stated_df = pd.DataFrame(stated + [r for p in reports for r in stated_previous(p) if r["来源"] == REPORTED_MARK
                                       and any(s["指标"] == r["指标"] for s in stated)],
                             columns=["年度", "指标", "金额", "来源"])
    if len(totals):
        blocks.append(chart_block(charts.timeseries(totals, title="本年收入与本年支出"), totals, "本年收入与本年支出",
                                  source=source))
    parts = _series(reports, headlines, ["basic", "project"])
    if len(parts):
        blocks.append(chart_block(charts.stacked_years(parts, title="本年支出的构成：基本支出与项目支出"), parts,
                                  "本年支出的构成：基本支出与项目支出", source=source,
                                  note="两项相加为本年支出"))
    tp = _series(reports, headlines, ["three_public"])
    if len(tp):
        blocks.append(chart_block(charts.timeseries(tp, title="三公经费决算数"), tp, "三公经费决算数", source=source))
    if len(stated_df):
        blocks.append(chart_block(charts.stated_series(stated_df, title="与上年比较（据报告所述）"), stated_df,
                                  "与上年比较（据报告所述）", source=source,
                                  note="上年数由本年报告所列金额减去其所述增减得出，语料中没有该单位上年的报告"))
    return blocks

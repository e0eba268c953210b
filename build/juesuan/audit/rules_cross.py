"""Across tables: the same figure printed in two tables must agree."""

from __future__ import annotations

from typing import Iterator

from juesuan.audit.arith import Term, Where, equal_check, part_check, table_sum
from juesuan.audit.codes import function_level
from juesuan.audit.context import Context
from juesuan.audit.labels import cell_label, metric_label, table_title
from juesuan.audit.model import Check
from juesuan.audit.registry import rule

S, F = "income_expenditure_summary", "fiscal_summary"
INC, EXP = "income", "expenditure"

# (table, section, row, column) pairs printing the same figure
Cell = tuple[str, str, str, str]


def _equal(ctx: Context, rid: str, a: Cell, b: Cell) -> Check | None:
    here = ctx.cell(a[0], a[2], a[3], a[1])
    there = ctx.value(b[0], b[2], b[3], b[1])
    if here is None or there is None:
        return None
    return equal_check(rid, Where(a[0], a[2], a[3], page=here.page),
                       cell_label(ctx, a[0], a[2], a[3], a[1]), here.value,
                       cell_label(ctx, b[0], b[2], b[3], b[1]), there)


def _coded_rows(ctx: Context, table: str, section: str = "", levels=("类", "款", "项")) -> list[str]:
    return [r for r in ctx.rows(table, section) if r == "" or function_level(r) in levels]


@rule("cross_summary_income", "收支总表与收入决算表",
      "收入支出决算总表的本年收入合计及各项收入，应与收入决算表合计行对应列相等（财政拨款收入 = 三种财政拨款之和）。",
      "cross")
def cross_summary_income(ctx: Context) -> Iterator[Check]:
    rid = "cross_summary_income"
    yield _equal(ctx, rid, ("income", "", "", "total"), (S, INC, "income_total", "amount"))
    for col in ("superior_subsidy", "business", "operating", "affiliated", "other"):
        yield _equal(ctx, rid, ("income", "", "", col), (S, INC, col, "amount"))
    if ctx.has_table(S):
        parts = [Term(cell_label(ctx, S, r, "amount", INC), ctx.value(S, r, "amount", INC))
                 for r in ("general_budget", "gov_fund", "state_capital")]
        yield table_sum(ctx, rid, "income", "", "fiscal_appropriation",
                        cell_label(ctx, "income", "", "fiscal_appropriation"), parts, sources=(S,))


@rule("cross_summary_expenditure", "收支总表与支出决算表",
      "收入支出决算总表支出方各“类”及本年支出合计，应与支出决算表对应行的本年支出合计相等。", "cross")
def cross_summary_expenditure(ctx: Context) -> Iterator[Check]:
    rid = "cross_summary_expenditure"
    yield _equal(ctx, rid, ("expenditure", "", "", "total"), (S, EXP, "expenditure_total", "amount"))
    for row in _coded_rows(ctx, S, EXP, ("类",)):
        yield _equal(ctx, rid, ("expenditure", "", row, "total"), (S, EXP, row, "amount"))


@rule("cross_fiscal_summary", "财政拨款收支总表与分资金表",
      "财政拨款收入支出决算总表应与收支总表（各项财政拨款收入）、一般公共预算财政拨款支出决算表、"
      "政府性基金和国有资本经营预算财政拨款表、财政拨款支出决算明细表对应数相等。", "cross")
def cross_fiscal_summary(ctx: Context) -> Iterator[Check]:
    rid = "cross_fiscal_summary"
    for r in ("general_budget", "gov_fund", "state_capital"):
        yield _equal(ctx, rid, (F, INC, r, "amount"), (S, INC, r, "amount"))
    yield _equal(ctx, rid, ("general_budget", "", "", "total"), (F, EXP, "expenditure_total", "general_budget"))
    for row in _coded_rows(ctx, F, EXP, ("类",)):
        yield _equal(ctx, rid, ("general_budget", "", row, "total"), (F, EXP, row, "general_budget"))
        yield _equal(ctx, rid, ("government_fund", "", row, "total"), (F, EXP, row, "gov_fund"))
        yield _equal(ctx, rid, ("state_capital_expenditure", "", row, "total"), (F, EXP, row, "state_capital"))
    gf = "government_fund"
    yield _equal(ctx, rid, (gf, "", "", "total"), (F, EXP, "expenditure_total", "gov_fund"))
    yield _equal(ctx, rid, (gf, "", "", "income"), (F, INC, "gov_fund", "amount"))
    yield _equal(ctx, rid, (gf, "", "", "carryover_begin"), (F, INC, "carryover_begin_gov_fund", "amount"))
    yield _equal(ctx, rid, (gf, "", "", "carryover_end"), (F, EXP, "carryover_end", "gov_fund"))
    sc = "state_capital"
    spent = "total" if ctx.value(sc, "", "total") is not None else "expenditure"  # Shanghai: 本年支出 合计
    yield _equal(ctx, rid, (sc, "", "", spent), (F, EXP, "expenditure_total", "state_capital"))
    yield _equal(ctx, rid, (sc, "", "", "income"), (F, INC, "state_capital", "amount"))
    yield _equal(ctx, rid, (sc, "", "", "carryover_begin"), (F, INC, "carryover_begin_state_capital", "amount"))
    yield _equal(ctx, rid, (sc, "", "", "carryover_end"), (F, EXP, "carryover_end", "state_capital"))
    yield _equal(ctx, rid, ("state_capital_expenditure", "", "", "total"), (sc, "", "", spent))
    yield _equal(ctx, rid, ("fiscal_detail", "", "", "total"), (F, EXP, "expenditure_total", "total"))


@rule("cross_general_budget", "一般公共预算各表之间",
      "一般公共预算财政拨款支出决算表每一科目的合计应与明细表（按经济分类）相等，其项目支出应与项目支出决算表相等，"
      "其基本支出合计应等于基本支出决算表的人员经费合计 + 公用经费合计。", "cross")
def cross_general_budget(ctx: Context) -> Iterator[Check]:
    rid = "cross_general_budget"
    gb = "general_budget"
    for row in _coded_rows(ctx, gb):
        yield _equal(ctx, rid, ("general_budget_detail", "", row, "total"), (gb, "", row, "total"))
        yield _equal(ctx, rid, ("project_expenditure", "", row, "expenditure"), (gb, "", row, "project"))
    if ctx.has_table("basic_expenditure"):
        parts = [Term("人员经费合计", ctx.value("basic_expenditure", "personnel_total", "amount")),
                 Term("公用经费合计", ctx.value("basic_expenditure", "public_total", "amount"))]
        yield table_sum(ctx, rid, gb, "", "basic",
                        f"{table_title(gb)}合计行基本支出（对照{table_title('basic_expenditure')}）", parts,
                        sources=("basic_expenditure",))


@rule("cross_subset", "部分不大于全部",
      "一般公共预算财政拨款支出是全部支出的一部分：其每一科目的合计、基本支出、项目支出不应大于支出决算表的对应数。",
      "cross")
def cross_subset(ctx: Context) -> Iterator[Check]:
    gb = "general_budget"
    if not ctx.has_table("expenditure"):
        return
    for row in _coded_rows(ctx, gb):
        for col in ("total", "basic", "project"):
            part = ctx.cell(gb, row, col)
            whole = ctx.value("expenditure", row, col)
            if part is None:
                continue
            yield part_check("cross_subset", Where(gb, row, col, page=part.page),
                             cell_label(ctx, gb, row, col), part.value,
                             cell_label(ctx, "expenditure", row, col), whole)


THREE_PUBLIC_LINES = {  # three_public column suffix → basic_expenditure economic code
    "abroad": "30212", "reception": "30217", "vehicle_operation": "30231", "vehicle_purchase": "31013",
}
THREE_PUBLIC_FACTS = {"abroad": "three_public_abroad", "reception": "three_public_reception",
                      "vehicle_operation": "three_public_vehicle_operation",
                      "vehicle_purchase": "three_public_vehicle_purchase"}


@rule("cross_three_public_basic", "三公经费与基本支出科目",
      "“三公”经费决算数（基本支出 + 项目支出）不应小于基本支出决算表中对应科目（30212因公出国（境）费用、"
      "30217公务接待费、30231公务用车运行维护费、31013公务用车购置）的金额。", "cross")
def cross_three_public_basic(ctx: Context) -> Iterator[Check]:
    b = "basic_expenditure"
    for kind, code in THREE_PUBLIC_LINES.items():
        basic = ctx.cell(b, code, "amount")
        if basic is None:
            continue
        whole_cell = ctx.cell("three_public", "three_public", f"actual.{kind}")
        if whole_cell is not None:
            whole, label = whole_cell.value, cell_label(ctx, "three_public", "three_public", f"actual.{kind}")
        else:
            metric = THREE_PUBLIC_FACTS[kind]
            whole, label = ctx.fact_value(metric), f"说明中的{metric_label(metric)}"
        yield part_check("cross_three_public_basic", Where(b, code, "amount", page=basic.page),
                         cell_label(ctx, b, code, "amount"), basic.value, label, whole)

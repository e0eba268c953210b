"""Two-sided tables (收入支出决算总表, 财政拨款收入支出决算总表): each side adds up,
and 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 = 总计 = 本年支出合计 + 结余分配 + 年末结转和结余."""

from __future__ import annotations

from typing import Iterator

from juesuan.audit.arith import Term, Where, equal_check, table_sum
from juesuan.audit.codes import function_children
from juesuan.audit.context import Context
from juesuan.audit.labels import column_label, row_label, table_title
from juesuan.audit.model import Check
from juesuan.audit.registry import rule

S, F = "income_expenditure_summary", "fiscal_summary"
INC, EXP = "income", "expenditure"
SUMMARY_SOURCES = ("general_budget", "gov_fund", "state_capital", "superior_subsidy", "business",
                   "operating", "affiliated", "other")
FUNDS = ("general_budget", "gov_fund", "state_capital")


def _item(ctx: Context, table: str, section: str, row: str, col: str) -> Term:
    return Term(row_label(ctx, table, row, section), ctx.value(table, row, col, section))


def _side_sum(ctx: Context, rid: str, table: str, section: str, row: str, col: str, subject: str,
              items: tuple[str, ...] | list[str]) -> Check | None:
    """``row`` = Σ ``items``, rows of the same side and column."""
    parts = [_item(ctx, table, section, r, col) for r in items]
    return table_sum(ctx, rid, table, row, col, subject, parts, section)


@rule("two_sided_income", "收入方合计与总计",
      "两方表的收入方：本年收入合计 = 各项收入之和；总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余。",
      "two_sided")
def two_sided_income(ctx: Context) -> Iterator[Check]:
    rid = "two_sided_income"
    t = table_title(S)
    yield _side_sum(ctx, rid, S, INC, "income_total", "amount", f"{t}本年收入合计", SUMMARY_SOURCES)
    yield _side_sum(ctx, rid, S, INC, "grand_total", "amount", f"{t}收入总计",
                    ("income_total", "use_non_fiscal_balance", "carryover_begin"))
    t = table_title(F)
    yield _side_sum(ctx, rid, F, INC, "income_total", "amount", f"{t}本年收入合计", FUNDS)
    yield table_sum(ctx, rid, F, "carryover_begin", "amount", f"{t}年初财政拨款结转和结余",
                    [Term(column_label(F, f), ctx.value(F, f"carryover_begin_{f}", "amount", INC))
                     for f in FUNDS], INC)
    yield _side_sum(ctx, rid, F, INC, "grand_total", "amount", f"{t}收入总计",
                    ("income_total", "carryover_begin"))


@rule("two_sided_expenditure", "支出方合计与总计",
      "两方表的支出方：本年支出合计 = 各功能分类“类”之和；总计 = 本年支出合计 + 结余分配 + 年末结转和结余（逐列核对）。",
      "two_sided")
def two_sided_expenditure(ctx: Context) -> Iterator[Check]:
    rid = "two_sided_expenditure"
    for table, cols, tail in ((S, ["amount"], ("expenditure_total", "balance_distribution", "carryover_end")),
                              (F, ["total", *FUNDS], ("expenditure_total", "carryover_end"))):
        classes = function_children("", ctx.rows(table, EXP))
        t = table_title(table)
        for col in cols:
            where = "" if col == "amount" else f"“{column_label(table, col)}”列"
            if classes:
                yield _side_sum(ctx, rid, table, EXP, "expenditure_total", col,
                                f"{t}{where}本年支出合计", classes)
            yield _side_sum(ctx, rid, table, EXP, "grand_total", col, f"{t}{where}支出总计", tail)


@rule("two_sided_balance", "收支总计相等",
      "两方表的收入总计应等于支出总计；财政拨款收支总表中，每种财政拨款的本年收入 + 年初结转和结余应等于该列支出总计。",
      "two_sided")
def two_sided_balance(ctx: Context) -> Iterator[Check]:
    rid = "two_sided_balance"
    for table, exp_col in ((S, "amount"), (F, "total")):
        inc = ctx.cell(table, "grand_total", "amount", INC)
        exp = ctx.value(table, "grand_total", exp_col, EXP)
        if inc is not None:
            yield equal_check(rid, Where(table, "grand_total", "amount", page=inc.page),
                              f"{table_title(table)}收入总计", inc.value, "支出总计", exp)
    for fund in FUNDS:
        parts = [Term(f"本年收入{column_label(F, fund)}", ctx.value(F, fund, "amount", INC)),
                 Term("年初结转和结余", ctx.value(F, f"carryover_begin_{fund}", "amount", INC))]
        yield table_sum(ctx, rid, F, "grand_total", fund,
                        f"{table_title(F)}“{column_label(F, fund)}”列支出总计", parts, EXP)


@rule("fiscal_fund_columns", "财政拨款分资金来源之和",
      "财政拨款收入支出决算总表支出方每一行：合计 = 一般公共预算财政拨款 + 政府性基金预算财政拨款 + 国有资本经营预算财政拨款。",
      "two_sided")
def fiscal_fund_columns(ctx: Context) -> Iterator[Check]:
    for row in ctx.rows(F, EXP):
        parts = [Term(column_label(F, f), ctx.value(F, row, f, EXP)) for f in FUNDS]
        yield table_sum(ctx, "fiscal_fund_columns", F, row, "total",
                        f"{table_title(F)}“{row_label(ctx, F, row, EXP)}”行合计", parts, EXP)

"""Budgets behind printed rates: a completion rate on a zero budget (0 ÷ 0), and the
部门整体 self-evaluation's 预算执行情况 columns."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from juesuan.audit.arith import Where, equal_check
from juesuan.audit.context import Context
from juesuan.audit.model import (HUNDRED, WARNING, Check, decimals, envelope, num, percent_finding,
                                 percent_severity, yuan)
from juesuan.audit.registry import rule
from juesuan.audit.statement_labels import statement_label
from juesuan.models import Statement

COMPLETION = "_budget_completion"
# a total whose budget is the sum of its parts' budgets
BUDGET_GROUPS = {"three_public_total": ("three_public_abroad", "three_public_vehicle", "three_public_reception")}
SE = "self_evaluation_"


def _completions(ctx: Context) -> dict[str, tuple[Statement, Statement]]:
    """metric → (amount, completion rate) as first printed together."""
    out: dict[str, tuple[Statement, Statement]] = {}
    for i, s in enumerate(ctx.statements):
        if not s.metric.endswith(COMPLETION) or s.value is None:
            continue
        metric = s.metric[: -len(COMPLETION)]
        amount = next((a for a in reversed(ctx.statements[:i]) if a.metric == metric and a.value is not None), None)
        if amount is not None and metric not in out:
            out[metric] = (amount, s)
    return out


def _budget(amount: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
    """The budget a printed completion rate implies, and how far rounding the rate moves it."""
    b = amount * HUNDRED / rate
    half = Decimal(1).scaleb(-decimals(rate)) / 2
    return b, abs(amount * HUNDRED / (rate - half) - b) if rate > half else b


def _zero_parts(done: dict[str, tuple[Statement, Statement]]) -> dict[str, str]:
    """metric → explanation, for parts printed "0万元，完成预算0%" whose budget the total's
    and the other parts' budgets show to be 0."""
    out: dict[str, str] = {}
    for total, parts in BUDGET_GROUPS.items():
        if total not in done or not all(p in done for p in parts) or done[total][1].value == 0:
            continue
        tb, slack = _budget(done[total][0].value, done[total][1].value)
        known, unknown = [], []
        for p in parts:
            amount, rate = done[p][0].value, done[p][1].value
            if rate != 0:
                b, s = _budget(amount, rate) if amount != 0 else (Decimal(0), Decimal(0))
                known.append((p, b))
                slack += s
            elif amount == 0:
                unknown.append(p)
        if not unknown or len(known) + len(unknown) != len(parts):
            continue
        rest = tb - sum((b for _, b in known), Decimal(0))
        if abs(rest) > slack + envelope(len(parts)):
            continue
        names = "、".join(f"{statement_label(p)}（{yuan(b)}万元）" for p, b in known if b)
        for p in unknown:
            out[p] = (f"而{statement_label(total)}预算按{yuan(done[total][0].value)}万元、完成预算"
                      f"{num(done[total][1].value)}%推算为{yuan(tb)}万元，已全部是{names}的预算，{statement_label(p)}的预算为0")
    return out


@rule("narrative_zero_budget_rate", "零预算的完成率",
      "支出为0而印有完成预算比例的：比例不为0时预算必为0；“三公”经费各项的预算可由总额与其他各项推算，"
      "推算为0的，“完成预算0%”是0÷0，没有意义，记为警告。", "statements")
def narrative_zero_budget_rate(ctx: Context) -> Iterator[Check]:
    done = _completions(ctx)
    derived = _zero_parts(done)
    for metric, (amount, rate) in sorted(done.items()):
        if amount.value != 0:
            continue
        if rate.value != 0:
            why = f"支出为0而完成率为{num(rate.value)}%，只能是预算也为0"
        elif metric in derived:
            why = derived[metric]
        else:
            continue
        yield Check("narrative_zero_budget_rate", WARNING, metric=metric + COMPLETION, actual=rate.value,
                    page=rate.page,
                    message=f"说明称{statement_label(metric)}支出0万元、完成预算{num(rate.value)}%，{why}，"
                            f"完成率是0÷0，没有意义。")


def _first(ctx: Context, suffix: str) -> Statement | None:
    found = ctx.statements_of(SE + suffix, "self_evaluation")
    return found[0] if found else None


@rule("self_evaluation_budget_columns", "部门整体自评表的预算列",
      "部门整体绩效自评表“预算执行情况”的调整后预算数应等于全年预算数；若调整后预算数恰为全年预算数与年初预算数之差，"
      "该列填的是调整额（警告）；执行率应等于执行数 ÷ 全年（调整后）预算数。", "self_evaluation")
def self_evaluation_budget_columns(ctx: Context) -> Iterator[Check]:
    initial, adjusted = _first(ctx, "budget_initial"), _first(ctx, "budget_adjusted")
    full, executed, rate = _first(ctx, "budget_full_year"), _first(ctx, "executed"), _first(ctx, "execution_rate")
    if adjusted is not None and full is not None and adjusted.value != full.value:
        w = Where(table="", metric=SE + "budget_adjusted", page=adjusted.page)
        diff = adjusted.value - full.value
        if initial is not None and abs(initial.value + adjusted.value - full.value) <= envelope(2):
            yield w.check("self_evaluation_budget_columns", WARNING, full.value, adjusted.value, diff,
                          f"部门整体绩效自评表“{adjusted.subject}”列为{yuan(adjusted.value)}万元，而“{full.subject}”为"
                          f"{yuan(full.value)}万元；{yuan(initial.value)}＋{yuan(adjusted.value)}＝{yuan(full.value)}，"
                          f"该列所填是预算调整额，不是调整后的预算数（应为{yuan(full.value)}万元）。")
        else:
            yield equal_check("self_evaluation_budget_columns", w, f"部门整体绩效自评表“{adjusted.subject}”",
                              adjusted.value, f"“{full.subject}”", full.value)
    budget = full or adjusted
    if rate is not None and executed is not None and budget is not None and budget.value != 0:
        sev, exact = percent_severity(rate.value, (executed.value, budget.value))
        if sev is not None:
            yield percent_finding(
                "self_evaluation_budget_columns", sev, rate.value, exact, metric=SE + "execution_rate",
                page=rate.page,
                message=f"部门整体绩效自评表执行率{num(rate.value)}%，按执行数{yuan(executed.value)}÷"
                        f"{budget.subject}{yuan(budget.value)}计算应为{num(round(exact, 2))}%。")

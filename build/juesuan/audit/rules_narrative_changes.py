"""Stated shares (占比) and changes (增加/减少, 增长/下降) recomputed from the
narrative's own figures."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from juesuan.audit.context import Context
from juesuan.audit.labels import metric_label
from juesuan.audit.model import ERROR, WARNING, Check, num, percent_finding, percent_severity, round_to, yuan
from juesuan.audit.registry import rule

GB_CODE = "general_budget_expenditure_"
_SHARE = re.compile(r"占[^%％，,。；;]*?(\d+(?:\.\d+)?)\s*[%％]")
_RATE = re.compile(r"(增长|增加|上升|提高|下降|减少|降低)\s*(\d+(?:\.\d+)?)\s*[%％]")
_DOWN = ("下降", "减少", "降低")

# a stated change whose rate may have been computed on another figure of the narrative
ALTERNATE_BASES = {"total_income_expenditure": ("income_total", "expenditure_total"),
                   "fiscal_total": ("income_total", "general_budget_expenditure")}


def share_parent(metric: str) -> str | None:
    if metric.endswith(("_share", "_change", "_change_pct")):
        return None
    if metric.startswith(GB_CODE):
        code = metric[len(GB_CODE):]
        return "general_budget_expenditure" if code.isdigit() and len(code) == 3 else None
    fixed = {"general_budget_expenditure": "expenditure_total", "gov_fund_expenditure": "expenditure_total",
             "state_capital_expenditure": "expenditure_total", "personnel_expense": "general_budget_basic",
             "public_expense": "general_budget_basic", "three_public_abroad": "three_public_total",
             "three_public_vehicle": "three_public_total", "three_public_reception": "three_public_total"}
    if metric in fixed:
        return fixed[metric]
    if metric.startswith("income_") and metric != "income_total":
        return "income_total"
    if metric.startswith("expenditure_") and metric != "expenditure_total":
        return "expenditure_total"
    if metric.startswith("procurement_") and metric not in ("procurement_total", "procurement_paid_total"):
        return "procurement_total"
    return None


def stated_share(ctx: Context, metric: str) -> Decimal | None:
    f = ctx.fact(metric + "_share")
    if f is not None:
        return f.value
    base = ctx.fact(metric)
    m = _SHARE.search(base.quote) if base else None
    return Decimal(m.group(1)) if m else None


def stated_rate(ctx: Context, metric: str) -> Decimal | None:
    """The change rate in % (signed): its own fact, else read from the change's clause."""
    f = ctx.fact(metric + "_change_pct")
    if f is not None:
        return f.value
    change = ctx.fact(metric + "_change")
    m = _RATE.search(change.quote) if change else None
    if not m:
        return None
    return -Decimal(m.group(2)) if m.group(1) in _DOWN else Decimal(m.group(2))


def _moved(rate: Decimal) -> str:
    return f"{'增长' if rate >= 0 else '下降'}{num(abs(rate))}%"


def _pct(v: Decimal) -> str:
    return num(round_to(v, 2))


@rule("narrative_shares", "说明中的占比",
      "情况说明中的占比（占××%）按其金额与所属总数重新计算，四舍五入到所印位数后应与所印数一致；"
      "只差末位一个单位的（如截尾而非四舍五入）记为警告。", "narrative_self")
def narrative_shares(ctx: Context) -> Iterator[Check]:
    for metric, fact in sorted(ctx.facts.items()):
        parent = share_parent(metric)
        stated = stated_share(ctx, metric) if parent and fact.unit == "万元" else None
        whole = ctx.fact_value(parent) if stated is not None else None
        if whole is None or whole == 0:
            continue
        sev, exact = percent_severity(stated, (fact.value, whole))
        if sev is None:
            continue
        kind = "末位不符（疑为截尾）" if sev == WARNING else "不符"
        yield percent_finding(
            "narrative_shares", sev, stated, exact, metric=metric + "_share", page=fact.page,
            message=f"说明称{metric_label(metric)}{yuan(fact.value)}万元占{metric_label(parent)}的{num(stated)}%，"
                    f"按{yuan(fact.value)}÷{yuan(whole)}计算应为{_pct(exact)}%，{kind}。")


@rule("narrative_change_rate", "说明中的增减幅度",
      "情况说明中的增长（下降）率应等于增减额 ÷ 上年数（上年数 = 本年数 − 增减额，或上年决算包中的数）；"
      "以本年数为基数算出的增长率是错误的。", "narrative_self")
def narrative_change_rate(ctx: Context) -> Iterator[Check]:
    for metric, current in sorted(ctx.facts.items()):
        change = ctx.fact(metric + "_change")
        rate = stated_rate(ctx, metric)
        if change is None or rate is None or current.unit != "万元":
            continue
        prior = current.value - change.value
        prev_note = ""
        if ctx.previous is not None and metric in ctx.previous.facts:
            prior, prev_note = ctx.previous.facts[metric], f"（{ctx.previous.year}年决算包）"
        if prior == 0:
            continue
        sev, exact = percent_severity(rate, (change.value, prior))
        if sev is None:
            continue
        why = ""
        if sev in (ERROR, WARNING):
            bases = [("本年数", current.value)] + [(metric_label(a), ctx.fact_value(a))
                                                  for a in ALTERNATE_BASES.get(metric, ())]
            for label, base in bases:
                if base and percent_severity(rate, (change.value, base))[0] is None:
                    why = f"；所印{num(abs(rate))}%恰为{yuan(abs(change.value))}÷{yuan(base)}（{label}），即以本年数而非上年数为基数"
                    break
        yield percent_finding(
            "narrative_change_rate", sev, rate, exact, metric=metric + "_change_pct", page=change.page,
            message=f"说明称{metric_label(metric)}{'增加' if change.value >= 0 else '减少'}"
                    f"{yuan(abs(change.value))}万元、{_moved(rate)}，按上年数{yuan(prior)}万元{prev_note}"
                    f"计算应为{_moved(round_to(exact, 2))}{why}。")

"""Claims that a final figure is above, below or equal to its budget ("决算数大于预算数的主要
原因…") against the figures printed beside them (or, when none is printed, the budget and final
columns of the table the section is about), and tables listed in the 目录 but never printed."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.audit.context import Context
from juesuan.audit.labels import table_title
from juesuan.audit.model import ERROR, HUNDRED, WARNING, Check, envelope, num, yuan
from juesuan.audit.registry import rule
from juesuan.audit.statement_labels import where
from juesuan.models import Statement
from juesuan.normalize.facts_direction import METRIC, Claim, read_claim, wording

CLAIMED = {"less": "决算数小于预算数", "greater": "决算数大于预算数", "equal": "决算数与预算数持平",
           "about_equal": "决算数与预算数基本持平"}
# a claim under these headings, with no figure beside it, is about these table cells
# (heading word, table, row, budget column, final column)
TABLE_OF_HEADING = (("三公", "three_public", "three_public", "budget.total", "actual.total"),
                    ("机关运行", "agency_operating_expense", "", "budget", "amount"),
                    ("政府采购", "government_procurement", "procurement", "budget.total", "actual.total"))


def _from_table(ctx: Context, s: Statement) -> Claim | None:
    for word, table, row, budget, actual in TABLE_OF_HEADING:
        if word in s.section:
            b, a = ctx.value(table, row, budget), ctx.value(table, row, actual)
            if b is not None and a is not None:
                return Claim(s.subject, b, a, None)
    return None


def _contradiction(claim: Claim) -> tuple[str, str, Decimal | None, Decimal | None] | None:
    """(severity, what the figures say, budget, final) when the figures say otherwise."""
    b: Decimal | None
    a: Decimal | None
    if claim.budget is not None and claim.actual is not None:
        b, a = claim.budget, claim.actual
        diff = a - b
        said = (f"所列预算数{yuan(b)}万元、决算数{yuan(a)}万元，"
                + (f"决算数{'大' if diff > 0 else '小'}于预算数{yuan(abs(diff))}万元" if diff else "两者相等"))
        within = abs(diff) <= envelope(1)
    elif claim.rate is not None:
        b = a = None
        diff = claim.rate - HUNDRED
        moved = "大于" if diff > 0 else "小于" if diff else "等于"
        said = f"所印完成预算的比例为{num(claim.rate)}%，决算数{moved}预算数"
        within = diff == 0
    else:
        return None
    if claim.direction in ("less", "greater"):
        wrong = diff > 0 if claim.direction == "less" else diff < 0
        if wrong:
            return ERROR, said, b, a
        return (WARNING, said, b, a) if diff == 0 or within else None
    if claim.direction == "equal":
        return (ERROR, said, b, a) if not within else None
    # about_equal: a difference larger than the tolerated share of the budget
    base = claim.budget if claim.budget else None
    if base is None:
        return None if abs(diff) <= wording().about_equal_pct else (WARNING, said, b, a)
    return (WARNING, said, b, a) if abs(diff) * HUNDRED > wording().about_equal_pct * abs(base) else None


@rule("narrative_budget_direction", "决算数与预算数的比较",
      "情况说明称“决算数大于（小于）预算数”或“与预算数持平”的，应与其旁边所列的年初预算数、决算数（或完成预算的比例），"
      "或与该节所说表格（如“三公”经费表）的预算数、决算数相符：说反了的记为错误，数字相等却称大于或小于的、"
      "相差较多却称基本持平的记为警告。", "statements")
def narrative_budget_direction(ctx: Context) -> Iterator[Check]:
    for s in ctx.statements:
        if s.metric != METRIC or s.subject not in CLAIMED:
            continue
        claim: Claim | None = read_claim(s.quote, s.subject)
        source = "说明"
        if claim is not None and claim.budget is None and claim.actual is None and claim.rate is None:
            claim, source = _from_table(ctx, s), "表格"
        if claim is None:
            continue
        found = _contradiction(claim)
        if found is None:
            continue
        severity, said, budget, actual = found
        place = where(s.section)
        yield Check("narrative_budget_direction", severity, metric=METRIC, expected=budget, actual=actual,
                    difference=None if budget is None or actual is None else actual - budget, page=s.page,
                    message=f"说明{f'在“{place}”' if place else ''}称“{CLAIMED[s.subject]}”，但{source}"
                            f"{said}（原文：“{s.quote[-80:]}”）。")


@rule("listed_table_not_printed", "目录列出而未印出的表",
      "报告目录中列出的表格，正文中应当印出；列出而未印出的（不是只印表头的空表）说明公开不完整。", "table")
def listed_table_not_printed(ctx: Context) -> Iterator[Check]:
    for p in ctx.report.problems:
        if p.code != "table_not_printed":
            continue
        listed = p.message.split(":", 1)[0].strip() or table_title(p.table)
        yield Check("listed_table_not_printed", WARNING, table=p.table, page=p.page,
                    message=f"目录中列出“{listed}”（{table_title(p.table)}），但报告中未印出此表。")

"""Project performance self-evaluations (项目支出绩效自评表): execution rate, indicator
weights and scores, and the counts the narrative gives."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from juesuan.audit.arith import Term, Where, sum_check
from juesuan.audit.context import Context
from juesuan.audit.model import (ERROR, HUNDRED, INSUFFICIENT, ROUNDING, WARNING, Check, num,
                                 percent_finding, percent_of, percent_severity, round_to, yuan)
from juesuan.audit.registry import rule
from juesuan.models import Indicator, Project

BUDGET_WEIGHT = Decimal(10)  # 预算执行率 weighs 10 of 100 points in the standard template
ADJUSTMENT_RATIO = Decimal("0.4")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def _indicators(ctx: Context) -> dict[str, list[Indicator]]:
    out: dict[str, list[Indicator]] = {}
    for ind in ctx.report.indicators:
        out.setdefault(ind.project_code, []).append(ind)
    return out


def _has_budget_row(inds: list[Indicator]) -> bool:
    return any("预算执行" in (i.level3 + i.level2 + i.level1) for i in inds)


def _name(p: Project) -> str:
    return f"项目“{p.project_name}”"


def _missing(rule_id: str, p: Project, what: str) -> Check:
    return Check(rule_id, INSUFFICIENT, row_code=p.project_code, page=p.page,
                 message=f"{_name(p)}{what}，无法核对。")


@rule("project_execution_rate", "项目执行率",
      "项目支出绩效自评表的执行率应等于执行数 ÷ 调整后预算数（全年预算数），四舍五入到所印位数。", "projects")
def project_execution_rate(ctx: Context) -> Iterator[Check]:
    for p in ctx.report.projects:
        if p.execution_rate is None or p.executed is None or not p.budget_adjusted:
            if p.execution_rate is not None or p.executed is not None:
                yield _missing("project_execution_rate", p, "的执行率、执行数或调整后预算数缺失")
            continue
        if p.executed > p.budget_adjusted and p.execution_rate == HUNDRED:
            continue  # rate printed capped at 100%
        sev, exact = percent_severity(p.execution_rate, (p.executed, p.budget_adjusted))
        if sev is None:
            continue
        yield percent_finding(
            "project_execution_rate", sev, p.execution_rate, exact, row_code=p.project_code,
            metric="execution_rate", page=p.page,
            message=f"{_name(p)}执行率印为{num(p.execution_rate)}%，按执行数{yuan(p.executed)}÷调整后预算数"
                    f"{yuan(p.budget_adjusted)}计算应为{num(round_to(exact, 2))}%。")


@rule("project_weights", "指标分值合计",
      "每个项目各绩效指标的分值加上预算执行率的10分应为100分（预算执行率列为指标行时直接合计为100分）。", "projects")
def project_weights(ctx: Context) -> Iterator[Check]:
    by_project = _indicators(ctx)
    for p in ctx.report.projects:
        inds = by_project.get(p.project_code, [])
        if not inds:
            yield _missing("project_weights", p, "的绩效指标未公开或未能读出")
            continue
        terms = [Term(i.level3 or "指标", i.weight) for i in inds]
        if not _has_budget_row(inds):
            terms.append(Term("预算执行率", BUDGET_WEIGHT))
        weights = sum((t.value for t in terms if t.value is not None), Decimal(0))
        if p.score is None and weights < HUNDRED:
            yield _missing("project_weights", p, "的合计得分缺失、指标分值合计不足100分，自评表可能未完整读出")
            continue
        c = sum_check("project_weights", Where(row_code=p.project_code, metric="weight", page=p.page),
                      f"{_name(p)}满分", HUNDRED, terms, unit="分")
        if c is not None:
            yield c


@rule("project_scores", "指标得分与合计得分",
      "每个指标的得分不应超过其分值；各指标得分之和加上预算执行得分（0至10分）应等于自评表的合计得分。", "projects")
def project_scores(ctx: Context) -> Iterator[Check]:
    by_project = _indicators(ctx)
    for p in ctx.report.projects:
        inds = by_project.get(p.project_code, [])
        for i in inds:
            if i.score is not None and i.weight is not None and i.score > i.weight:
                yield Check("project_scores", ERROR, row_code=p.project_code, metric="score",
                            expected=i.weight, actual=i.score, difference=i.score - i.weight, page=i.page,
                            message=f"{_name(p)}指标“{i.level3}”得分{num(i.score)}分，超过其分值{num(i.weight)}分。")
        if not inds:
            continue
        if p.score is None or any(i.score is None for i in inds):
            yield _missing("project_scores", p, "的合计得分或部分指标得分缺失")
            continue
        s = sum((i.score for i in inds), Decimal(0))
        top = Decimal(0) if _has_budget_row(inds) else BUDGET_WEIGHT
        budget_score = p.score - s
        if Decimal(0) <= budget_score <= top:
            continue
        expected = s + (top if budget_score > top else 0)
        diff = p.score - expected
        sev = ROUNDING if abs(diff) <= Decimal("0.05") else ERROR
        yield Check("project_scores", sev, row_code=p.project_code, metric="score", expected=expected,
                    actual=p.score, difference=diff, page=p.page,
                    message=f"{_name(p)}各指标得分合计{num(s)}分，加上预算执行得分（0至{num(top)}分）最多"
                            f"{num(s + top)}分，与合计得分{num(p.score)}分不符。")


@rule("project_budget_score", "预算执行得分与执行率",
      "预算执行得分（合计得分 − 各指标得分）应与执行率相称：执行率不足而预算执行仍得满分时提示。", "projects")
def project_budget_score(ctx: Context) -> Iterator[Check]:
    by_project = _indicators(ctx)
    for p in ctx.report.projects:
        inds = by_project.get(p.project_code, [])
        rate = p.execution_rate
        if rate is None and p.executed is not None and p.budget_adjusted:
            rate = percent_of(p.executed, p.budget_adjusted)
        if (not inds or _has_budget_row(inds) or p.score is None or rate is None
                or any(i.score is None for i in inds)):
            continue
        budget_score = p.score - sum((i.score for i in inds), Decimal(0))
        fair = BUDGET_WEIGHT * min(rate, HUNDRED) / HUNDRED
        if budget_score - fair <= 1 or budget_score > BUDGET_WEIGHT:
            continue
        yield Check("project_budget_score", WARNING, row_code=p.project_code, metric="execution_rate",
                    expected=round_to(fair, 2), actual=budget_score, difference=budget_score - round_to(fair, 2),
                    page=p.page,
                    message=f"{_name(p)}执行率仅{num(round_to(rate, 2))}%（执行{yuan(p.executed)}万元／调整后预算"
                            f"{yuan(p.budget_adjusted)}万元），预算执行却得{num(budget_score)}分（满分10分，"
                            f"按执行率约{num(round_to(fair, 2))}分）。")


@rule("project_budget_adjusted", "项目预算大幅调整",
      "调整后预算与年初预算相差四成以上时提示：执行率按调整后预算计算，会掩盖年初预算的执行情况。", "projects")
def project_budget_adjusted(ctx: Context) -> Iterator[Check]:
    for p in ctx.report.projects:
        a, b = p.budget_initial, p.budget_adjusted
        if not a or b is None or a <= 0 or abs(b - a) < ADJUSTMENT_RATIO * a:
            continue
        on_initial = ""
        if p.executed is not None:
            on_initial = f"，按年初预算计执行率为{num(round_to(percent_of(p.executed, a), 2))}%"
        yield Check("project_budget_adjusted", WARNING, row_code=p.project_code, metric="budget_adjusted",
                    expected=a, actual=b, difference=b - a, page=p.page,
                    message=f"{_name(p)}年初预算{yuan(a)}万元，调整后预算{yuan(b)}万元"
                            f"（{'增加' if b > a else '减少'}{yuan(abs(b - a))}万元）{on_initial}。")


def _number(text: str) -> Decimal | None:
    m = _NUMBER.search((text or "").replace(",", "").replace("，", ""))
    return Decimal(m.group(0)) if m else None


@rule("indicator_target_score", "未达标指标得满分",
      "定量指标（≥、≤、>、<）的实际完成值未达到指标值却得满分时提示。", "projects")
def indicator_target_score(ctx: Context) -> Iterator[Check]:
    names = {p.project_code: p.project_name for p in ctx.report.projects}
    for i in ctx.report.indicators:
        target, actual = _number(i.target), _number(i.actual)
        if "排名" in i.level3 or "名次" in i.level3:  # a rank: the smaller the better, whatever the sign says
            continue
        if i.operator not in ("≥", "≤", ">", "<") or target is None or actual is None:
            continue
        if i.score is None or i.weight is None or i.score < i.weight:
            continue
        met = {"≥": actual >= target, "≤": actual <= target, ">": actual > target, "<": actual < target}
        if met[i.operator]:
            continue
        yield Check("indicator_target_score", WARNING, row_code=i.project_code, metric="score",
                    expected=target, actual=actual, difference=actual - target, page=i.page,
                    message=f"项目“{names.get(i.project_code, i.project_code)}”指标“{i.level3}”要求{i.operator}"
                            f"{i.target}{i.unit}，实际完成{i.actual}，未达标却得满分{num(i.score)}分。")


@rule("project_counts", "自评项目个数",
      "说明所称开展绩效自评的项目数应等于公开的项目支出绩效自评表个数，且不应多于编制绩效目标的项目数。", "projects")
def project_counts(ctx: Context) -> Iterator[Check]:
    n = Decimal(len(ctx.report.projects))
    if not n:
        return
    evaluated, targeted = ctx.fact("projects_self_evaluated"), ctx.fact("projects_with_targets")
    if evaluated is not None and evaluated.value != n:
        yield Check("project_counts", WARNING, metric="projects_self_evaluated", expected=n,
                    actual=evaluated.value, difference=evaluated.value - n, page=evaluated.page,
                    message=f"说明称对{num(evaluated.value)}个项目开展绩效自评，公开的项目支出绩效自评表却有{num(n)}个。")
    if targeted is not None and n > targeted.value:
        yield Check("project_counts", WARNING, metric="projects_with_targets", expected=n,
                    actual=targeted.value, difference=targeted.value - n, page=targeted.page,
                    message=f"说明称对{num(targeted.value)}个项目编制了绩效目标，"
                            f"公开的项目支出绩效自评表却有{num(n)}个（自评项目都应有绩效目标）。")

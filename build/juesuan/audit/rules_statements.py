"""The narrative's statements (statements.csv) against each other: a figure printed
twice with two values, a change printed with its previous-year amount, one change
printed with two rates, and counts broken down by type."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from juesuan.audit.arith import Term, Where, part_check, sum_check
from juesuan.audit.context import Context
from juesuan.audit.model import ERROR, WARNING, Check, num, percent_finding, percent_severity, round_to, yuan
from juesuan.audit.registry import rule
from juesuan.audit.statement_labels import TYPE_NAMES, statement_label, where
from juesuan.models import Statement

FIGURES = ("figure", "self_evaluation")
# class amounts outside section 五 are stated for varying scopes (all funds, basic spending…)
SCOPED = ("expenditure_class_",)
# the breakdown lists everything when it has an 其他 type or the three 公务用车 types
COMPLETE_TYPES = ({"other"}, {"sedan", "suv", "bus"})
BREAKDOWNS = {"vehicles_purchased": "three_public_vehicle_purchase", "official_vehicles": None,
              "vehicles_total": None}


def _fmt(v: Decimal, unit: str) -> str:
    return f"{yuan(v)}万元" if unit == "万元" else f"{num(v)}{unit}"


def _place(s: Statement) -> str:
    return where(s.section) + ("的部门整体绩效自评表" if s.kind == "self_evaluation" else "")


def _others(ctx: Context, metric: str, value: Decimal) -> str:
    """'；62.43万元恰为说明中的授予中小企业合同金额' when another figure has this value."""
    if value == 0:
        return ""
    same = [m for m, f in sorted(ctx.facts.items()) if m != metric and f.value == value and f.unit == "万元"
            and not m.endswith(("_share", "_change", "_change_pct"))]
    return f"；{yuan(value)}万元恰为说明中的{statement_label(same[0])}" if same else ""


@rule("narrative_repeated_figures", "同一数字前后不一",
      "情况说明（含附件）在不同地方说到同一个数（如政府采购货物支出、在职人员数）时，各处应一致；"
      "与部门整体绩效自评表所列的数不一致的记为警告（口径可能不同）。", "statements")
def narrative_repeated_figures(ctx: Context) -> Iterator[Check]:
    by_metric: dict[str, list[Statement]] = {}
    for s in ctx.statements:
        if s.kind in FIGURES and s.value is not None and not s.metric.startswith(SCOPED):
            by_metric.setdefault(s.metric, []).append(s)
    for metric, stated in sorted(by_metric.items()):
        first, seen = stated[0], {stated[0].value}
        for s in stated[1:]:
            if s.value in seen:
                continue
            seen.add(s.value)
            sev = WARNING if "self_evaluation" in (first.kind, s.kind) else ERROR
            diff = s.value - first.value
            yield Check("narrative_repeated_figures", sev, metric=metric, expected=first.value, actual=s.value,
                        difference=diff, page=s.page or first.page,
                        message=f"说明中的{statement_label(metric)}在“{_place(first)}”为{_fmt(first.value, first.unit)}，"
                                f"在“{_place(s)}”却为{_fmt(s.value, s.unit)}，前后不一"
                                f"{_others(ctx, metric, s.value)}。")


def _before(ctx: Context, index: int, metric: str) -> Statement | None:
    """The last statement of ``metric`` printed before position ``index``."""
    for s in reversed(ctx.statements[:index]):
        if s.metric == metric and s.kind in FIGURES:
            return s
    return None


def _after(ctx: Context, index: int, metric: str, quote: str) -> Statement | None:
    """The statement of ``metric`` printed in the same clause right after ``index``."""
    for s in ctx.statements[index + 1:index + 4]:
        if s.metric == metric and s.quote == quote:
            return s
    return None


def _changes(ctx: Context) -> list[tuple[str, Statement, Statement, Statement | None, Statement | None]]:
    """(metric, current, change, rate, previous) for every change printed with its current amount."""
    out = []
    for i, s in enumerate(ctx.statements):
        if s.kind not in FIGURES or not s.metric.endswith("_change") or s.value is None:
            continue
        metric = s.metric[: -len("_change")]
        current = _before(ctx, i, metric)
        if current is None or current.unit != "万元":
            continue
        previous = next((p for p in reversed(ctx.statements[max(0, i - 2):i])
                         if p.metric == metric + "_previous" and p.quote == s.quote), None)
        out.append((metric, current, s, _after(ctx, i, metric + "_change_pct", s.quote), previous))
    return out


def _moved(v: Decimal) -> str:
    return f"{'增长' if v >= 0 else '下降'}{num(abs(v))}%"


@rule("narrative_stated_previous", "列明上年数的增减",
      "说明列出上年数的增减（“较2023年……1222.99万元，增加885.43万元，增长69.95%”）：本年数 − 上年数应等于增减额，"
      "增长率应等于增减额 ÷ 上年数。", "statements")
def narrative_stated_previous(ctx: Context) -> Iterator[Check]:
    for metric, current, change, rate, previous in _changes(ctx):
        if previous is None:
            continue
        label = statement_label(metric)
        w = Where(metric=metric + "_change", page=change.page)
        yield sum_check("narrative_stated_previous", w, f"说明中的{label}本年数", current.value,
                        [Term("上年数", previous.value), Term("增减额", change.value)], allow_negative=True)
        if rate is None or previous.value == 0:
            continue
        sev, exact = percent_severity(rate.value, (change.value, previous.value))
        if sev is None:
            continue
        yield percent_finding(
            "narrative_stated_previous", sev, rate.value, exact, metric=metric + "_change_pct", page=rate.page,
            message=f"说明称{label}{yuan(current.value)}万元较上年{yuan(previous.value)}万元"
                    f"{'增加' if change.value >= 0 else '减少'}{yuan(abs(change.value))}万元、{_moved(rate.value)}，"
                    f"按{yuan(abs(change.value))}÷{yuan(previous.value)}计算应为{_moved(round_to(exact, 2))}。")


@rule("narrative_same_change", "同一增减的不同增长率",
      "说明在两处给出同一笔增减（本年数和增减额都相同，如机关运行经费与一般性支出），两处的增长率应一致。", "statements")
def narrative_same_change(ctx: Context) -> Iterator[Check]:
    groups: dict[tuple[Decimal, Decimal], list] = {}
    for metric, current, change, rate, _ in _changes(ctx):
        if rate is not None and change.value != 0:
            groups.setdefault((current.value, change.value), []).append((metric, change, rate))
    for (current, change), stated in groups.items():
        rates = {r.value for _, _, r in stated}
        if len(rates) < 2:
            continue
        exact = change / (current - change) * 100 if current != change else None
        ordered = sorted(stated, key=lambda x: abs(x[2].value - exact) if exact is not None else 0)
        (m0, c0, r0), (m1, c1, r1) = ordered[0], ordered[-1]
        right = f"（按上年数{yuan(current - change)}万元计算应为{_moved(round_to(exact, 2))}）" if exact is not None else ""
        yield Check("narrative_same_change", ERROR, metric=m1 + "_change_pct", expected=r0.value, actual=r1.value,
                    difference=r1.value - r0.value, page=r1.page,
                    message=f"同一笔增减（本年{yuan(current)}万元，{'增加' if change >= 0 else '减少'}{yuan(abs(change))}万元）"
                            f"在“{where(c0.section)}”（{statement_label(m0)}）印为{_moved(r0.value)}，"
                            f"在“{where(c1.section)}”（{statement_label(m1)}）印为{_moved(r1.value)}，两处不一{right}。")


def _is_part(s: Statement, anchor: str) -> bool:
    kind = s.metric[len(anchor) + 1:].removesuffix("_amount") if s.metric.startswith(anchor + "_") else ""
    return kind in TYPE_NAMES


def _parts(ctx: Context, index: int, anchor: str) -> list[Statement]:
    """The types listed in the sentence of the count at ``index`` (they share one quote)."""
    following = ctx.statements[index + 1:]
    start = next((k for k, s in enumerate(following[:3]) if _is_part(s, anchor)), None)
    if start is None:
        return []
    quote = following[start].quote
    out = []
    for s in following[start:]:
        if not _is_part(s, anchor) or s.quote != quote:
            break
        out.append(s)
    return out


@rule("narrative_breakdowns", "按类型列出的数量",
      "说明按类型列出的车辆（购置公务用车的轿车、越野车、载客汽车及其金额，共有车辆的各类用车）：列全各类时"
      "各类之和应等于总数（购置金额之和应等于公务用车购置费），只列部分时各类之和不应大于总数。", "statements")
def narrative_breakdowns(ctx: Context) -> Iterator[Check]:
    for i, s in enumerate(ctx.statements):
        if s.metric not in BREAKDOWNS or s.kind != "figure" or s.value is None:
            continue
        parts = _parts(ctx, i, s.metric)
        counts = [p for p in parts if not p.metric.endswith("_amount")]
        if not counts:
            continue
        types = {p.metric[len(s.metric) + 1:] for p in counts}
        complete = any(t <= types for t in COMPLETE_TYPES)
        label = statement_label(s.metric).replace("（辆）", "")
        w = Where(metric=s.metric, page=s.page)
        terms = [Term(TYPE_NAMES[p.metric[len(s.metric) + 1:]], p.value) for p in counts]
        if complete:
            yield sum_check("narrative_breakdowns", w, f"说明中的{label}", s.value, terms, unit="辆")
        else:
            yield part_check("narrative_breakdowns", w, "说明所列各类车辆",
                             sum((p.value for p in counts), Decimal(0)), label, s.value, unit="辆")
        amounts = [p for p in parts if p.metric.endswith("_amount")]
        total_metric = BREAKDOWNS[s.metric]
        total = _before(ctx, i, total_metric) if total_metric else None
        if complete and amounts and len(amounts) == len(counts) and total is not None:
            yield sum_check("narrative_breakdowns", Where(metric=total_metric, page=total.page),
                            f"说明中的{statement_label(total_metric)}", total.value,
                            [Term(f"{t.label}金额", p.value) for t, p in zip(terms, amounts, strict=True)])

"""Against the previous year: when the same agency's package of the year before is in
data/packages/ (found under the slug, accepted only when its descriptor names the same agency:
juesuan.audit.previous), the figures it published against the changes this report states."""

from __future__ import annotations

from decimal import Decimal
from collections.abc import Iterator

from juesuan.audit.arith import Where, equal_check
from juesuan.audit.context import Context
from juesuan.audit.labels import metric_label
from juesuan.audit.model import INSUFFICIENT, Check, num, percent_finding, percent_severity, round_to, yuan
from juesuan.audit.registry import rule
from juesuan.audit.rules_narrative import fact_cells
from juesuan.audit.rules_narrative_changes import stated_rate


def previous_value(ctx: Context, metric: str) -> Decimal | None:
    prev = ctx.previous
    if prev is None:
        return None
    if metric in prev.facts:
        return prev.facts[metric]
    for table, section, row, col in fact_cells(metric):
        v = prev.cells.get((table, section, row, col))
        if v is not None:
            return v
    return None


def _changed_metrics(ctx: Context) -> list[str]:
    out = set()
    for m in ctx.facts:
        for suffix in ("_change_pct", "_change"):
            if m.endswith(suffix) and m[: -len(suffix)] in ctx.facts:
                out.add(m[: -len(suffix)])
                break
    return sorted(out)


@rule("previous_year_change", "与上年决算核对增减",
      "同一单位（全称与地区一致，不只是拼音标识相同）上年的决算数据包在库中时，"
      "本年说明所称的增减额应等于本年数 − 上年数，增减幅度应等于增减额 ÷ 上年数。",
      "previous")
def previous_year_change(ctx: Context) -> Iterator[Check]:
    metrics = _changed_metrics(ctx)
    if ctx.previous is None:
        return
    missing = []
    for metric in metrics:
        current = ctx.fact(metric)
        before = previous_value(ctx, metric)
        if current is None:  # _changed_metrics lists only metrics the report states
            continue
        if before is None:
            missing.append(metric)
            continue
        year = ctx.previous.year
        change = ctx.fact(metric + "_change")
        if change is not None:
            check = equal_check("previous_year_change", Where(metric=metric + "_change", page=change.page),
                                f"说明中{metric_label(metric)}的增减额", change.value,
                                f"本年{yuan(current.value)}万元减{year}年决算{yuan(before)}万元",
                                current.value - before)
            if check is not None:
                yield check
        rate = stated_rate(ctx, metric)
        if rate is None or before == 0:
            continue
        sev, exact = percent_severity(rate, (current.value - before, before))
        if sev is None:
            continue
        yield percent_finding(
            "previous_year_change", sev, rate, exact, metric=metric + "_change_pct",
            page=change.page if change else current.page,
            message=f"说明称{metric_label(metric)}变动{num(rate)}%，按{year}年决算{yuan(before)}万元与本年"
                    f"{yuan(current.value)}万元计算应为{num(round_to(exact, 2))}%。")
    if missing:
        yield Check("previous_year_change", INSUFFICIENT, metric=missing[0],
                    message=f"{ctx.previous.year}年决算包中找不到{len(missing)}个有增减说明的数字"
                            f"（{'、'.join(metric_label(m) for m in missing[:5])}），未能与上年核对。")

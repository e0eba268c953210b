"""Building blocks shared by the rules: sums, equalities and parts of a whole,
judged with the rounding envelope, turned into one-sentence Chinese findings."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from juesuan.audit.context import Context
from juesuan.audit.labels import table_title
from juesuan.audit.model import (ERROR, INSUFFICIENT, ROUNDING, WARNING, Check, amount_severity,
                                 envelope, num, signed, yuan)

MAX_TERMS = 6


@dataclass(frozen=True)
class Term:
    label: str
    value: Decimal | None
    page: int | None = None


@dataclass(frozen=True)
class Where:
    table: str = ""
    row_code: str = ""
    column: str = ""
    metric: str = ""
    page: int | None = None

    def check(self, rule: str, severity: str, expected: Decimal | None, actual: Decimal | None,
              difference: Decimal | None, message: str) -> Check:
        """A finding at this place."""
        return Check(rule, severity, self.table, self.row_code, self.column, self.metric,
                     expected, actual, difference, self.page, message)


def _fmt(v: Decimal | None, unit: str) -> str:
    return yuan(v) if unit == "万元" else num(v)


def terms_text(parts: list[Term], unit: str = "万元") -> str:
    shown = [f"{t.label}{_fmt(t.value, unit)}" for t in parts[:MAX_TERMS]]
    more = f"等{len(parts)}项" if len(parts) > MAX_TERMS else ""
    return "＋".join(shown) + ("…" if more else "") + more


def _tail(severity: str, n: int, unit: str) -> str:
    if severity == ROUNDING:
        return f"，在{n + 1}个数四舍五入的误差范围（±{num(envelope(n))}{unit}）之内。"
    return "。"


def _signed(diff: Decimal, unit: str) -> str:
    return signed(diff) if unit == "万元" else num(diff)


def _mismatch(rule: str, where: Where, subject: str, total: Decimal, parts: list[Term],
              unit: str) -> Check | None:
    """``total`` against the sum of ``parts`` (all printed), judged with the rounding envelope."""
    s = sum((t.value for t in parts if t.value is not None), Decimal(0))
    diff = total - s
    sev = amount_severity(diff, len(parts))
    if sev is None:
        return None
    return where.check(rule, sev, s, total, diff,
                       f"{subject}{_fmt(total, unit)}{unit}，而{terms_text(parts, unit)}相加为{_fmt(s, unit)}{unit}，"
                       f"相差{_signed(diff, unit)}{unit}{_tail(sev, len(parts), unit)}")


def sum_check(rule: str, where: Where, subject: str, total: Decimal | None, parts: list[Term],
              unit: str = "万元", allow_negative: bool = False) -> Check | None:
    """``total`` should equal Σ ``parts``. Blank parts are not zero: when some are
    missing the sum is only judged if the printed parts already exceed the total."""
    if total is None or not parts:
        return None
    present = [t for t in parts if t.value is not None]
    missing = [t for t in parts if t.value is None]
    if not missing:
        return _mismatch(rule, where, subject, total, parts, unit)
    s = sum((t.value for t in present), Decimal(0))
    nonneg = all(t.value >= 0 for t in present) or allow_negative
    diff = total - s
    if nonneg and -diff > envelope(len(present)):
        return where.check(rule, ERROR, s, total, diff,
                           f"{subject}{_fmt(total, unit)}{unit}，但其中已列出的{terms_text(present, unit)}"
                           f"就有{_fmt(s, unit)}{unit}，超出{_fmt(-diff, unit)}{unit}。")
    if nonneg and abs(diff) <= envelope(len(present)):
        # the printed parts already make the total: the blank ones, being ≥ 0, must be 0
        return _mismatch(rule, where, subject, total, present, unit)
    names = "、".join(t.label for t in missing[:MAX_TERMS])
    return where.check(rule, INSUFFICIENT, None, total, None,
                       f"{subject}无法核对：{names}{'等' if len(missing) > MAX_TERMS else ''}为空白或未列出。")


def equal_check(rule: str, where: Where, subject: str, actual: Decimal | None,
                other_label: str, expected: Decimal | None, unit: str = "万元") -> Check | None:
    """Two printed figures of the same thing: ``actual`` (here) against ``expected`` (there)."""
    if actual is None or expected is None:
        return None
    diff = actual - expected
    sev = amount_severity(diff, 1)
    if sev is None:
        return None
    return where.check(rule, sev, expected, actual, diff,
                       f"{subject}为{_fmt(actual, unit)}{unit}，{other_label}为{_fmt(expected, unit)}{unit}，"
                       f"相差{_signed(diff, unit)}{unit}{_tail(sev, 1, unit)}")


def part_check(rule: str, where: Where, part_label: str, part: Decimal | None,
               whole_label: str, whole: Decimal | None, unit: str = "万元") -> Check | None:
    """A part cannot exceed its whole."""
    if part is None or whole is None:
        return None
    diff = part - whole
    if diff <= 0:
        return None
    sev = ROUNDING if diff <= envelope(1) else ERROR
    return where.check(rule, sev, whole, part, diff,
                       f"{part_label}{_fmt(part, unit)}{unit}大于其所属的{whole_label}{_fmt(whole, unit)}{unit}，"
                       f"超出{_fmt(diff, unit)}{unit}{_tail(sev, 1, unit)}")


def table_sum(ctx: Context, rule: str, table: str, row: str, column: str, subject: str,
              parts: list[Term], section: str = "", allow_negative: bool = False,
              sources: tuple[str, ...] = ()) -> Check | None:
    """``sum_check`` of the printed cell (table, row, column) against ``parts``; None
    when that cell is not printed. ``sources``: other tables the parts come from.

    When the parser could not read all of one of these tables, a difference is not
    evidence: the missing part may be a cell it left out. Such a finding becomes
    ``insufficient_data`` and says so."""
    total = ctx.cell(table, row, column, section)
    if total is None:
        return None
    check = sum_check(rule, Where(table, row, column, page=total.page), subject, total.value, parts,
                      allow_negative=allow_negative)
    unread = [t for t in dict.fromkeys((table, *sources)) if not ctx.fully_read(t)]
    if check is None or not unread or check.severity not in (ERROR, WARNING, INSUFFICIENT):
        return check
    titles = "、".join(f"“{table_title(t)}”" for t in unread)
    if check.severity == INSUFFICIENT:
        return replace(check, message=check.message.rstrip("。") + f"；{titles}有单元格未能读取。")
    return replace(check, severity=INSUFFICIENT, message=(
        f"{subject}无法核对：{titles}有单元格未能读取（解析不完整），合计与所列各项之和"
        f"相差{_signed(check.difference, '万元')}万元，可能来自未读取的数。"))

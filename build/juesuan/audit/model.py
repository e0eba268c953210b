"""The audit's record (one finding) and the arithmetic of tolerances.

A finding is published in checks.csv; its fields are those of the ``checks``
resource (schemas/resources.yaml). Passing checks are not recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ERROR = "error"
WARNING = "warning"
ROUNDING = "rounding"
INSUFFICIENT = "insufficient_data"
SEVERITIES = (ERROR, WARNING, ROUNDING, INSUFFICIENT)

CENT = Decimal("0.01")
HALF_CENT = Decimal("0.005")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Check:
    rule: str
    severity: str
    table: str = ""
    row_code: str = ""
    column: str = ""
    metric: str = ""
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    page: int | None = None
    message: str = ""


def envelope(n_summed: int) -> Decimal:
    """Rounding envelope of an identity over ``n_summed`` cells: (n+1) × 0.005 万元."""
    return (n_summed + 1) * HALF_CENT


def amount_severity(difference: Decimal, n_summed: int) -> str | None:
    """None when equal, ``rounding`` within the envelope, else ``error``."""
    if difference == 0:
        return None
    return ROUNDING if abs(difference) <= envelope(n_summed) else ERROR


def yuan(v: Decimal | None) -> str:
    """An amount as a reader sees it: 2 decimals, thousands not separated."""
    if v is None:
        return "空白"
    return format(v.quantize(CENT, rounding=ROUND_HALF_UP), "f")


def num(v: Decimal | None) -> str:
    """A number as printed (no forced decimals)."""
    if v is None:
        return "空白"
    text = format(v, "f")
    return "0" if text.strip("-0.") == "" else text


def signed(v: Decimal) -> str:
    return ("+" if v > 0 else "") + yuan(v)


def decimals(v: Decimal) -> int:
    exp = v.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def round_to(v: Decimal, places: int) -> Decimal:
    return v.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent_of(part: Decimal, whole: Decimal) -> Decimal:
    return part / whole * HUNDRED


def percent_severity(stated: Decimal, parts: tuple[Decimal, Decimal],
                     compute=percent_of) -> tuple[str | None, Decimal]:
    """Judge a printed percentage against ``compute(*parts)`` of the printed figures.

    Returns (severity, exact value). None: it reproduces when rounded to the printed
    decimals. ``rounding``: a knife-edge half (12.755 printed 12.75). ``warning``: off
    by less than one unit of the last printed digit (truncated instead of rounded), or
    reproducible only from unrounded figures within ±0.005 of the printed ones.
    ``error``: further off.
    """
    exact = compute(*parts)
    places = decimals(stated)
    if round_to(exact, places) == stated:
        return None, exact
    unit = Decimal(1).scaleb(-places)
    off = abs(stated - exact)
    if off <= unit / 2 * Decimal("1.02"):
        return ROUNDING, exact
    if off < unit:
        return WARNING, exact
    lo = hi = exact
    a, b = parts
    for da in (-HALF_CENT, HALF_CENT):
        for db in (-HALF_CENT, HALF_CENT):
            try:
                v = compute(a + da, b + db)
            except ArithmeticError:
                continue
            lo, hi = min(lo, v), max(hi, v)
    if lo - unit / 2 <= stated <= hi + unit / 2:
        return WARNING, exact
    return ERROR, exact


def percent_finding(rule: str, severity: str, stated: Decimal, exact: Decimal, message: str,
                    metric: str = "", row_code: str = "", page: int | None = None) -> Check:
    """A printed percentage found off (see :func:`percent_severity`): expected is the exact
    value to 2 decimals, difference the printed one minus it."""
    expected = round_to(exact, 2)
    return Check(rule, severity, row_code=row_code, metric=metric, expected=expected, actual=stated,
                 difference=stated - expected, page=page, message=message)

"""Numbers of a workbook as the sheet shows them: a cell's value under its number format
(``#,##0.00`` shows 1234.5 as "1,234.50", ``00`` shows 6 as "06"); where no format is known
(.xlsb, General) a column of one table whose numbers have fractions is shown with two decimals
(as 万元 and 元 amounts are printed) and a column of whole numbers (codes, line numbers, counts)
as they are."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

TWO = Decimal("0.01")


@dataclass
class Number:
    """A numeric cell before it is shown: its value and the number format, when known."""
    value: Decimal
    fmt: str | None = None  # None: the format is unknown (not .xlsx) or General


_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def _sections(fmt: str) -> list[str]:
    out: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in fmt:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    return out + ["".join(buf)]


def show_number(value: Decimal, fmt: str | None) -> str | None:
    """The text Excel shows for a number under a number format; None when the format says
    nothing about decimals (General, text, unknown), so that the caller decides."""
    if not fmt or fmt.strip().lower() in ("general", "@", "g/通用格式"):
        return None
    sections = _sections(fmt)
    section = sections[0]
    if value == 0 and len(sections) >= 3:
        section = sections[2]
    elif value < 0 and len(sections) >= 2:
        section = sections[1]
    body = _LITERAL.sub("", section)
    if not re.search(r"[0#?]", body):
        if re.search(r"[ymdhs]", body, re.I):
            return None  # a date format on a number: not an amount
        literal = "".join(q.strip('"') for q in re.findall(r'"[^"]*"', section))
        return literal.strip() or re.sub(r"[\s_*\\]", "", body) or ""
    if re.search(r"[eE][+-]", body) or re.search(r"[ymdhs]", body, re.I):
        return None
    number = re.search(r"[#0?,.]*[0#?][#0?,.]*", body)
    digits = number.group(0) if number else "0"
    whole, _, frac = digits.partition(".")
    required = frac.count("0")  # 0: always shown; # and ?: only when significant
    decimals = sum(1 for ch in frac if ch in "0#?")
    comma = "," in whole.rstrip(",")
    shown = abs(value) * (100 if "%" in body else 1)
    shown = shown.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    head, _, tail = (f"{shown:,.{decimals}f}" if comma else f"{shown:.{decimals}f}").partition(".")
    tail = tail[:required] + tail[required:].rstrip("0")
    if whole.count("0") == 0 and head == "0":
        head = ""
    elif whole.count("0") > 1:
        head = head.zfill(whole.count("0"))
    text = head + ("." + tail if tail else "")
    if not text:  # nothing significant to show (the accounting format's zero: a dash)
        return "".join(q.strip('"') for q in re.findall(r'"[^"]*"', section)).strip()
    if value < 0 and shown != 0:
        text = "-" + text  # whatever the negative section draws (parentheses, red): a minus
    return text + ("%" if "%" in body else "")


def plain(value: Decimal) -> str:
    """A number as General shows it, without float noise (15 significant digits)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def to_decimal(value: float | int) -> Decimal:
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(format(value, ".15g"))


def show_column(values: list[Number]) -> list[str]:
    """Numbers of one column of one table whose format is unknown: two decimals where any has
    a fraction (amounts), whole numbers as they are (codes, line numbers, counts)."""
    fractional = any(v.value != v.value.to_integral_value() for v in values)
    if fractional:
        return [f"{v.value.quantize(TWO, ROUND_HALF_UP):.2f}" for v in values]
    return [plain(v.value) for v in values]


def cell_value(value, fmt: str | None = None) -> str | Number:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        try:
            return Number(to_decimal(value), fmt)
        except (InvalidOperation, ValueError):
            return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()

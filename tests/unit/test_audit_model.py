"""Tolerances, the arithmetic helpers and the catalogue."""

from __future__ import annotations

from decimal import Decimal

from juesuan.audit import RULES
from juesuan.audit.arith import Term, Where, part_check, sum_check
from juesuan.audit.catalog import catalog_markdown
from juesuan.audit.model import amount_severity, envelope, percent_severity

D = Decimal


def test_envelope():
    assert envelope(1) == D("0.010") and envelope(5) == D("0.030")
    assert amount_severity(D("0"), 3) is None
    assert amount_severity(D("0.02"), 3) == "rounding"
    assert amount_severity(D("-0.02"), 3) == "rounding"
    assert amount_severity(D("0.03"), 1) == "error"


def test_percent_severity():
    assert percent_severity(D("12.76"), (D("2684.34"), D("21044.79")))[0] is None
    assert percent_severity(D("12.75"), (D("2684.34"), D("21044.79")))[0] == "warning"  # truncated
    assert percent_severity(D("23.8"), (D("4046.84"), D("16997.95")))[0] is None  # 1 decimal printed
    assert percent_severity(D("-15.12"), (D("-1.21"), D("8.00")))[0] == "rounding"  # exact half
    assert percent_severity(D("64.74"), (D("3.67"), D("5.67")))[0] == "warning"  # only from unrounded figures
    sev, exact = percent_severity(D("5.27"), (D("482.61"), D("17822.53")))
    assert sev == "error" and round(exact, 2) == D("2.71")


def test_sum_check_blank_parts():
    w = Where("t", "r", "c")
    assert sum_check("x", w, "s", D("10"), [Term("a", D("4")), Term("b", D("6"))]) is None
    c = sum_check("x", w, "s", D("10"), [Term("a", D("4")), Term("b", None)])
    assert c.severity == "insufficient_data" and "b" in c.message
    c = sum_check("x", w, "s", D("10"), [Term("a", D("12")), Term("b", None)])
    assert c.severity == "error" and c.difference == D("-2")
    assert sum_check("x", w, "s", D("10"), [Term("a", D("10")), Term("b", None)]) is None  # b ≥ 0 ⇒ b = 0
    c = sum_check("x", w, "s", D("10.00"), [Term("a", D("4.00")), Term("b", D("6.01"))])
    assert c.severity == "rounding" and c.expected == D("10.01") and c.actual == D("10.00")


def test_part_check():
    assert part_check("x", Where(), "a", D("3"), "b", D("5")) is None
    c = part_check("x", Where(metric="m"), "a", D("13.49"), "b", D("0"))
    assert c.severity == "error" and c.difference == D("13.49")


def test_catalog_lists_every_rule():
    md = catalog_markdown()
    assert md.startswith("# 审核规则")
    for r in RULES:
        assert f"| `{r.id}` | {r.title} |" in md
    for sev in ("error", "warning", "rounding", "insufficient_data"):
        assert f"`{sev}`" in md
    assert catalog_markdown(heading_level=2).startswith("## 审核规则")

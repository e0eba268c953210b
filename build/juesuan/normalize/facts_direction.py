"""Claims that a final figure is above, below or equal to its budget ("决算数小于预算数的主要
原因…", "决算数与预算数基本持平"), with the figures printed beside them.

The wording is data (schemas/narrative.yaml ``budget_direction``). A claim is read with the
text before it in its sentence and in the sentence before (never across the previous claim):
Shanghai prints "…（项）。主要用于：…。年初预算为A万元，支出决算为B万元。决算数小于预算数的主要
原因：…", the national template "…年初预算为A万元，支出决算为B万元，完成年初预算的R%，决算数大于
预算数的主要原因是…". Each claim becomes one statement (kind "figure", metric
``budget_direction``, no value: ``subject`` is the direction claimed, ``quote`` the text read),
so that the audit can re-read the figures with :func:`read_claim` and say whether they agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from juesuan.models import Statement
from juesuan.normalize import facts_rules as R
from juesuan.normalize.facts import money
from juesuan.normalize.facts_text import Segment

METRIC = "budget_direction"
DIRECTIONS = ("less", "greater", "about_equal", "equal")  # the order claims are tried in
SENTENCE_END = "。"


@dataclass(frozen=True)
class Claim:
    direction: str  # less | greater | about_equal | equal
    budget: Decimal | None  # 万元
    actual: Decimal | None  # 万元
    rate: Decimal | None  # % of the budget completed


@dataclass(frozen=True)
class _Wording:
    claims: tuple[tuple[str, re.Pattern[str]], ...]
    budget: re.Pattern[str]
    actual: re.Pattern[str]
    rate: re.Pattern[str]
    about_equal_pct: Decimal


@cache
def wording() -> _Wording:
    d = R.narrative()["budget_direction"]
    claims = tuple((k, re.compile("|".join(f"(?:{R.expand(p)})" for p in d["claims"][k]))) for k in DIRECTIONS)
    return _Wording(claims, re.compile(R.expand(d["budget"])), re.compile(R.expand(d["actual"])),
                    re.compile(R.expand(d["rate"])), Decimal(str(d["about_equal_pct"])))


def _claims(text: str) -> list[tuple[int, int, str]]:
    """(start, end, direction) of every claim, in order; at one place the first direction
    of DIRECTIONS that matches wins (未超过 is not 超过)."""
    found: dict[int, tuple[int, str]] = {}
    for direction, pattern in wording().claims:
        for m in pattern.finditer(text):
            if not any(s <= m.start() < e for s, (e, _) in found.items()):
                found[m.start()] = (m.end(), direction)
    return sorted((s, e, d) for s, (e, d) in found.items())


def read_claim(quote: str, direction: str) -> Claim:
    """The figures printed with a claim: the last budget before it, the first final figure after
    that budget (else the last one), the first completion rate after that final figure."""
    w = wording()
    budgets = list(w.budget.finditer(quote))
    budget = budgets[-1] if budgets else None
    actuals = list(w.actual.finditer(quote))
    after = [a for a in actuals if budget is None or a.start() >= budget.end()]
    actual = after[0] if after else (actuals[-1] if actuals else None)
    rate_from = actual.end() if actual else (budget.end() if budget else 0)
    rate = w.rate.search(quote, rate_from)
    return Claim(direction,
                 money(budget["v"], budget["u"]) if budget else None,
                 money(actual["v"], actual["u"]) if actual else None,
                 Decimal(rate["v"].replace(",", "")) if rate else None)


def direction_statements(seg: Segment) -> list[tuple[int, Statement]]:
    """(offset, statement) for every claim of ``seg``."""
    text, out, floor = seg.text, [], 0
    for start, end, direction in _claims(text):
        sentence = text.rfind(SENTENCE_END, 0, start)
        before = text.rfind(SENTENCE_END, 0, sentence) if sentence >= 0 else -1
        begin = max(floor, before + 1)
        out.append((start, Statement("figure", METRIC, None, "", text[begin:end], seg.page_at(start),
                                     seg.section, direction)))
        floor = end
    return out

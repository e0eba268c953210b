"""Printed numbers → Decimal. Shared by every normalizer."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_AMOUNT = re.compile(r"^[-−–]?\d{1,3}(,\d{3})+(\.\d+)?$|^[-−–]?\d+(\.\d+)?$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－％", "0123456789.,-%")


def clean(text: str | None) -> str:
    if text is None:
        return ""
    return re.sub(r"\s+", "", str(text).translate(_FULLWIDTH))


def is_amount(text: str | None) -> bool:
    return bool(_AMOUNT.match(clean(text)))


def parse_amount(text: str | None) -> Decimal | None:
    """'1,587.22' → Decimal('1587.22'); '' / '-' / '—' / non-numbers → None (blank, not 0)."""
    t = clean(text)
    if not t or not _AMOUNT.match(t):
        return None
    t = t.replace(",", "").replace("−", "-").replace("–", "-")
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def yuan_to_wan(value: Decimal) -> Decimal:
    """元 → 万元, exact (no rounding), without trailing exponent noise."""
    return value / Decimal(10000)


# (table, column) cells that hold counts, not money: never converted from 元
COUNT_COLUMNS = frozenset({("state_assets", "vehicles"), ("state_assets", "equipment_over_500k"),
                           ("state_assets", "special_equipment_over_1m")})

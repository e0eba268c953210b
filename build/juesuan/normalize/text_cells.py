"""Number tokens of text-export tables: classify cells, repair splits, list readings.

A layout tool that converts a PDF to text splits numbers of narrow columns into
fragments ("20,9 07.9 4", "0.0 0", "112 .36"), leaves truncated cells ("0.", "0.0")
and stray fragments ("0"), and drops the position of empty/merged cells. This module
turns the cells of one table row into *readings*: assignments of values to the row's
columns that are consistent with the row's own arithmetic. Nothing is guessed here:
when several readings survive, the caller decides with the table's other identities.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from juesuan.amounts import clean, parse_amount

Key = tuple[str, str, str, str]  # (table, section, row_code, column)

_DIGITS = re.compile(r"\d")
_AMOUNT_2 = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)\.\d{2}$")
MAX_READINGS = 400


@dataclass(frozen=True)
class Cell:
    """One non-empty table cell as printed.

    kind: "value" (a complete amount), "zero" (only zeros, e.g. "0.00 0": 0.00 with a
    stray fragment), "partial" (a number that cannot be read alone: "0.", "112 0",
    "0.00 .36"), "junk" (a stray fragment such as a lone "0").
    """

    raw: str
    kind: str
    value: Decimal | None = None


@dataclass
class Reading:
    values: dict[str, Decimal] = field(default_factory=dict)  # column → value
    printed: set[str] = field(default_factory=set)  # columns read from a token
    partial: dict[str, str] = field(default_factory=dict)  # column → unreadable raw text

    def signature(self) -> tuple:
        return (tuple(sorted(self.values.items())), tuple(sorted(self.partial.items())))


def is_strict_amount(text: str) -> bool:
    """A complete amount with two decimals ("1,587.22", "0.00")."""
    return bool(_AMOUNT_2.match(clean(text)))


def classify_cell(raw: str, strict: bool = True) -> Cell:
    """Read one cell; internal spaces are split points of one number, not separators."""
    text = clean(raw)
    if strict and is_strict_amount(text) or not strict and parse_amount(text) is not None:
        return Cell(raw, "value", parse_amount(text))
    digits = _DIGITS.findall(text)
    if digits and set(digits) == {"0"} and "." in text:
        frags = raw.split()
        # "0.00 0", "0.0 00": both decimals present and zero; a stray zero around them
        if len(digits) >= 3 and re.fullmatch(r"[0.\s]*", raw.strip()):
            if any(re.fullmatch(r"0\.0?", f) for f in frags) or "0.00" in text:
                return Cell(raw, "zero", Decimal("0.00"))
        return Cell(raw, "partial")
    if re.fullmatch(r"0", text):
        return Cell(raw, "junk")
    if digits:
        return Cell(raw, "partial")
    return Cell(raw, "junk")


def digits_fit(value: Decimal, raw: str) -> bool:
    """The digits of ``value`` (two decimals) are all among the digits printed in ``raw``."""
    need = sorted(f"{abs(value):.2f}".replace(".", ""))
    have = sorted(_DIGITS.findall(raw))
    for d in set(need):
        if need.count(d) > have.count(d):
            return False
    return True


Identity = tuple[tuple[str, int], ...]  # Σ coef·column = 0


def _residual(identity: Identity, values: dict[str, Decimal]) -> Decimal | None:
    if any(col not in values for col, _ in identity):
        return None
    return sum((values[col] * coef for col, coef in identity), Decimal(0))


def complete(reading: Reading, identities: list[Identity], columns: list[str]) -> Reading:
    """Fill columns the reading lacks where one row identity has a single unknown."""
    changed = True
    while changed:
        changed = False
        for identity in identities:
            unknown = [(c, k) for c, k in identity if c not in reading.values]
            if len(unknown) != 1 or unknown[0][0] not in columns:
                continue
            col, coef = unknown[0]
            rest = sum((reading.values[c] * k for c, k in identity if c != col), Decimal(0))
            value = -rest / coef
            if value < 0:
                continue
            reading.values[col] = value.quantize(Decimal("0.01")) + 0
            changed = True
    return reading


def consistent(reading: Reading, identities: list[Identity], tol: Decimal) -> bool:
    for identity in identities:
        r = _residual(identity, reading.values)
        if r is not None and abs(r) > tol:
            return False
    return all(v >= 0 for v in reading.values.values())


def _assign(cells: list[Cell], cols: list[str]) -> Reading:
    reading = Reading()
    for cell, col in zip(cells, cols, strict=True):
        if cell.value is not None:
            reading.values[col] = cell.value
            reading.printed.add(col)
        else:
            reading.partial[col] = cell.raw
    return reading


def readings_for(cells: list[Cell], columns: list[str], identities: list[Identity],
                 tol: Decimal = Decimal("0.02")) -> list[Reading]:
    """All readings of a row's cells over its columns that satisfy the row identities.

    Fewer cells than columns: every order-preserving placement is tried (merged
    cells lose their position). More: stray zeros/fragments are dropped, in every
    possible way. An empty list means no consistent reading exists.
    """
    cells = [c for c in cells if c.kind != "junk"] or []
    n, m = len(columns), len(cells)
    if m == 0:
        return []
    placements: list[tuple[list[Cell], list[str]]] = []
    if m == n:
        placements.append((cells, columns))
    elif m < n:
        for combo in itertools.islice(itertools.combinations(range(n), m), MAX_READINGS):
            placements.append((cells, [columns[i] for i in combo]))
    else:
        droppable = [i for i, c in enumerate(cells) if c.kind in ("zero", "partial")
                     or c.value == 0]
        if m - n > 3:
            return []
        for drop in itertools.islice(itertools.combinations(droppable, m - n), MAX_READINGS):
            kept = [c for i, c in enumerate(cells) if i not in drop]
            placements.append((kept, columns))
    out: dict[tuple, Reading] = {}
    for kept, cols in placements:
        reading = complete(_assign(kept, cols), identities, columns)
        if consistent(reading, identities, tol):
            out.setdefault(reading.signature(), reading)
    return list(out.values())


def loose_readings(cells: list[Cell], columns: list[str], identities: list[Identity],
                   tol: Decimal = Decimal("0.02"), limit: int = 6000) -> list[Reading]:
    """Readings when the export lost and added zero cells around the non-zero ones.

    The non-zero amounts keep their order; every other column is one of the row's
    printed zeros. Only for rows whose unreadable cells hold nothing but zeros, and
    only as a fallback: the caller must confirm a reading with the table's identities.
    """
    if any(c.kind == "partial" and set(_DIGITS.findall(c.raw)) - {"0"} for c in cells):
        return []
    nonzero = [c for c in cells if c.value is not None and c.value != 0]
    zeros = len(cells) - len(nonzero)
    n, k = len(columns), len(nonzero)
    if k == 0 or k > n or zeros < n - k - 2 or math.comb(n, k) > limit:
        return []
    out = []
    for combo in itertools.combinations(range(n), k):
        reading = Reading()
        for col in columns:
            reading.values[col] = Decimal("0.00")
            reading.printed.add(col)
        for cell, i in zip(nonzero, combo, strict=True):
            reading.values[columns[i]] = cast(Decimal, cell.value)  # not None: in nonzero
        if consistent(reading, identities, tol):
            out.append(reading)
    return out

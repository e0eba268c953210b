"""Settle text-export table cells with the tables' own arithmetic.

Each row arrives with its candidate readings (see text_cells). Linear identities
(row: 小计 = 基本 + 项目; column: 合计 = Σ类, 类 = Σ款, 款 = Σ项; cross-table anchors)
first remove readings that contradict cells already settled elsewhere, until nothing
changes. A cell is *printed* when every surviving reading reads it from the same
token value. A cell that no token gives is *recovered* only when it is certain: two
identities give exactly the same value, or one does and the digits printed in the
row's unreadable fragments contain it. Everything else is left out.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.amounts import clean
from juesuan.normalize.text_cells import Cell, Identity, Key, Reading, digits_fit, loose_readings

log = logging.getLogger(__name__)

Constraint = tuple[tuple[Key, int], ...]  # Σ coef·cell = 0
CENT = Decimal("0.01")


@dataclass
class RowCandidates:
    table: str
    section: str
    code: str
    name: str
    columns: list[str]
    readings: list[Reading]
    raw: list[str] = field(default_factory=list)  # the row's number cells as printed
    cells: list[Cell] = field(default_factory=list)  # the same, classified
    identities: list[Identity] = field(default_factory=list)  # the row's own arithmetic
    loose_tried: bool = False

    def key(self, col: str) -> Key:
        return (self.table, self.section, self.code, col)

    def keys(self) -> list[Key]:
        return [self.key(c) for c in self.columns]


@dataclass
class Settled:
    values: dict[Key, Decimal]
    recovered: set[Key]
    unsettled: list[RowCandidates]


def _determined(row: RowCandidates) -> dict[Key, Decimal]:
    out: dict[Key, Decimal] = {}
    if not row.readings:
        return out
    for col in row.columns:
        vals = {r.values.get(col) for r in row.readings}
        only = vals.pop() if len(vals) == 1 else None
        if only is not None:
            out[row.key(col)] = only
    return out


def _possible(row: RowCandidates) -> dict[Key, set[Decimal]]:
    """Values each cell of the row takes across its readings (absent: unknown in some)."""
    out: dict[Key, set[Decimal]] = {}
    if not row.readings:
        return out
    for col in row.columns:
        vals = [v for r in row.readings if (v := r.values.get(col)) is not None]
        if len(vals) == len(row.readings):
            out[row.key(col)] = set(vals)
    return out


def _violates(reading: Reading, row: RowCandidates, cons: list[Constraint],
              possible: dict[Key, set[Decimal]], tol: Decimal) -> bool:
    """True when some constraint cannot hold whatever the other rows' readings are."""
    own_row = (row.table, row.section, row.code)
    for con in cons:
        own = Decimal(0)
        sums = {Decimal(0)}
        for key, coef in con:
            if key[:3] == own_row:
                v = reading.values.get(key[3])
                if v is None:
                    break
                own += v * coef
                continue
            vals = possible.get(key)
            if not vals:
                break
            sums = {x + v * coef for x in sums for v in vals}
            if len(sums) > 4096:
                break
        else:
            if not any(abs(own + x) <= tol for x in sums):
                return True
    return False


def _constraints_of(row: RowCandidates, cons_by_key: dict[Key, list[Constraint]]) -> list[Constraint]:
    """The constraints that involve a cell of ``row``, each once."""
    return list(dict.fromkeys(c for k in row.keys() for c in cons_by_key.get(k, [])))


def _filter(rows: list[RowCandidates], cons_by_key: dict[Key, list[Constraint]],
            tol: Decimal) -> None:
    changed = True
    while changed:
        changed = False
        possible: dict[Key, set[Decimal]] = {}
        for row in rows:
            possible.update(_possible(row))
        for row in rows:
            cons = _constraints_of(row, cons_by_key)
            keep = [r for r in row.readings if not _violates(r, row, cons, possible, tol)]
            if keep and keep != row.readings:
                row.readings = keep
                possible.update(_possible(row))
                changed = True


def _loose_fit(row: RowCandidates, cons: list[Constraint],
               known: dict[Key, set[Decimal]], tol: Decimal) -> list[Reading]:
    """The loose reading of a row, when exactly one set of values fits (else [])."""
    row.loose_tried = True
    fits = [r for r in loose_readings(row.cells, row.columns, row.identities)
            if not _violates(r, row, cons, known, tol)]
    if fits and len({r.signature() for r in fits}) == 1:
        log.debug("%s %s: loose reading", row.table, row.code)
        return fits[:1]
    return []


def _recover(rows: list[RowCandidates], constraints: list[Constraint],
             values: dict[Key, Decimal]) -> set[Key]:
    owner = {k: row for row in rows for k in row.keys()}
    row_text = {k: " ".join(p for r in row.readings[:1] for p in r.partial.values())
                for row in rows for k in row.keys()}
    own_text = {row.key(c): p for row in rows for r in row.readings[:1] for c, p in r.partial.items()}
    recovered: set[Key] = set()
    while True:
        cands: dict[Key, list[Decimal]] = defaultdict(list)
        for con in constraints:
            unknown = [(k, c) for k, c in con if k not in values]
            if len(unknown) != 1 or unknown[0][0] not in owner:
                continue
            key, coef = unknown[0]
            cands[key].append(-sum((values[k] * c for k, c in con if k != key), Decimal(0)) / coef)
        accepted = []
        for key, vals in cands.items():
            seen = {r.values[key[3]] for r in owner[key].readings if key[3] in r.values}
            if len(seen) == 1:  # the readings that give this cell all agree
                vals = [*vals, seen.pop()]
            v = vals[0]
            if v < 0 or v != v.quantize(CENT) or any(x != v for x in vals):
                continue
            row = owner[key]
            col = key[3]
            if row.readings and all(col in r.printed and r.values[col] != v for r in row.readings):
                continue  # contradicts what is printed there
            if len(vals) >= 2 or fits_fragments(v, own_text.get(key, ""), row_text[key]):
                accepted.append((key, v.quantize(CENT)))
        if not accepted:
            return recovered
        for key, v in accepted:
            values[key] = v + 0
            recovered.add(key)


def _level(row: RowCandidates) -> int:
    return len(row.code) if row.code.isdigit() else 0


def _is_direct(row: RowCandidates) -> bool:
    """Every column read from exactly one complete token, in order."""
    cells = [c for c in row.cells if c.kind != "junk"]
    return len(cells) == len(row.columns) and all(c.value is not None for c in cells)


def _top_down(rows: list[RowCandidates], cons_by_key: dict[Key, list[Constraint]],
              tol: Decimal) -> None:
    """Settle rows level by level (合计, 类, 款, 项): a row is checked against the rows
    above it and its siblings only. A row none of whose readings fits gets the loose
    readings (zeros lost/added around its amounts), one row at a time; a row that still
    does not fit keeps only a direct reading (printed cell for cell), else nothing."""
    fixed: dict[Key, set[Decimal]] = {}
    for level in sorted({_level(r) for r in rows}):
        todo = [r for r in rows if _level(r) == level]
        while todo:
            known = dict(fixed)
            for row in todo:
                known.update(_possible(row))
            progress = False
            for row in list(todo):
                cons = _constraints_of(row, cons_by_key)
                keep = [r for r in row.readings if not _violates(r, row, cons, known, tol)]
                if keep:
                    row.readings = keep
                    fixed.update(_possible(row))
                    todo.remove(row)
                    progress = True
            if progress:
                continue
            for row in todo:
                cons = _constraints_of(row, cons_by_key)
                loose = _loose_fit(row, cons, known, tol)
                if loose:
                    row.readings = loose
                    fixed.update(_possible(row))
                    todo.remove(row)
                    progress = True
                    break
            if not progress:
                for row in todo:
                    if not _is_direct(row):
                        row.readings = []
                    fixed.update(_possible(row))
                todo = []


def fits_fragments(value: Decimal, own: str, row_text: str) -> bool:
    """The printed fragments support ``value``: the cell's text is the start of the
    amount ("0." of 0.00), or the digits of the amount are among those printed in the
    cell, or in the row's unreadable cells taken together ("0.00 .36" + "112 0")."""
    text = clean(own)
    if text and any(f.startswith(text) for f in (f"{value:.2f}", f"{value:,.2f}")):
        return True
    return bool(own and digits_fit(value, own)) or bool(row_text and digits_fit(value, row_text))


def _inject(rows: list[RowCandidates], found: dict[Key, Decimal]) -> None:
    """Put recovered cells into the readings; drop readings that contradict them."""
    for row in rows:
        for col in row.columns:
            v = found.get(row.key(col))
            if v is None:
                continue
            keep = [r for r in row.readings if r.values.get(col, v) == v]
            for r in keep:
                r.values[col] = v
            row.readings = keep or row.readings


def settle(rows: list[RowCandidates], constraints: list[Constraint],
           tol: Decimal = Decimal("0.02")) -> Settled:
    constraints = list(dict.fromkeys(constraints))
    cons_by_key: dict[Key, list[Constraint]] = defaultdict(list)
    for con in constraints:
        for key, _ in con:
            cons_by_key[key].append(con)
    _filter(rows, cons_by_key, tol)
    _top_down(rows, cons_by_key, tol)
    recovered: set[Key] = set()
    for _ in range(8):
        _filter(rows, cons_by_key, tol)  # rows above, once the rows below are settled
        values: dict[Key, Decimal] = {}
        for row in rows:
            # a value every consistent reading agrees on is settled, printed or derived
            values.update(_determined(row))
        found = _recover(rows, constraints, values)
        if not found:
            break
        recovered |= found
        _inject(rows, {k: values[k] for k in found})
    unsettled = [row for row in rows
                 if row.raw and any(k not in values for k in row.keys())
                 and (not row.readings or len(row.readings) > 1 or
                      any(row.readings[0].partial))]
    return Settled(values, recovered, unsettled)

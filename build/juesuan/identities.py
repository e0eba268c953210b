"""The template's identities (schemas/identities.yaml) evaluated on a report's line items.

Shared by the parser (statuses, withholding, choosing between readings) and the audit. Pure:
line items in, :class:`Result` records out. See identities.yaml for the notation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any
from collections.abc import Iterable

import yaml

from juesuan.models import LineItem

Key = tuple[str, str, str, str]  # (table, section, row_code, column)


@dataclass(frozen=True)
class Result:
    kind: str  # hierarchy | row | cells | cross
    total: Key
    parts: tuple[Key, ...]
    expected: Decimal  # Σ parts
    actual: Decimal  # the total as printed (0 when blank)
    envelope: Decimal
    nonzero_parts: int = 0

    @property
    def difference(self) -> Decimal:
        return self.actual - self.expected

    @property
    def holds(self) -> bool:
        return abs(self.difference) <= self.envelope

    @property
    def trivial(self) -> bool:
        """Every printed cell of it is zero (the sum holds whatever the reading)."""
        return self.actual == 0 and self.expected == 0 and self.nonzero_parts == 0

    @property
    def keys(self) -> tuple[Key, ...]:
        return (self.total, *self.parts)

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(k[0] for k in self.keys)


@cache
def declarations() -> dict[str, Any]:
    text = resources.files("juesuan").joinpath("schemas/identities.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _half_unit(values: Iterable[Decimal]) -> Decimal:
    exps = [e for v in values if isinstance(e := v.as_tuple().exponent, int)]
    return Decimal(5).scaleb((max(exps) if exps else -2) - 1)


class Cells:
    """Line items indexed for evaluation."""

    def __init__(self, items: Iterable[LineItem]):
        self.value: dict[Key, Decimal] = {}
        self.rows: dict[tuple[str, str], set[str]] = defaultdict(set)  # (table, section) → rows
        self.columns: dict[str, set[str]] = defaultdict(set)
        for i in items:
            self.value[i.key] = i.value
            self.rows[(i.table, i.section)].add(i.row_code)
            self.columns[i.table].add(i.column)
        self.tables = {t for t, _ in self.rows}

    def result(self, kind: str, total: Key, parts: list[Key], signs: list[int] | None = None
               ) -> Result | None:
        keys = [total, *parts]
        present = [self.value[k] for k in keys if k in self.value]
        if not present or len(parts) == 0:
            return None
        zero = Decimal(0)
        signs = signs or [1] * len(parts)
        expected = sum((s * self.value.get(k, zero) for k, s in zip(parts, signs, strict=True)), zero)
        n = sum(1 for k in parts if k in self.value)
        nonzero = sum(1 for k in parts if self.value.get(k, zero) != 0)
        return Result(kind, total, tuple(parts), expected, self.value.get(total, zero),
                      (n + 1) * _half_unit(present), nonzero)


def _codes(rows: set[str], digits: int) -> list[str]:
    return sorted(r for r in rows if r.isdigit() and len(r) == digits)


def hierarchy(cells: Cells) -> list[Result]:
    out = []
    for table in declarations()["hierarchy"]:
        rows = cells.rows.get((table, ""), set())
        if not rows:
            continue
        for column in sorted(cells.columns[table]):
            levels = [("", _codes(rows, 3))]
            for parent_len, child_len in ((3, 5), (5, 7)):
                for parent in _codes(rows, parent_len):
                    kids = [c for c in _codes(rows, child_len) if c.startswith(parent)]
                    levels.append((parent, kids))
            for parent, kids in levels:
                if kids and (parent or "" in rows):
                    r = cells.result("hierarchy", (table, "", parent, column),
                                     [(table, "", k, column) for k in kids])
                    if r:
                        out.append(r)
    return out


def economic_columns(cells: Cells) -> list[Result]:
    out = []
    for table in declarations().get("economic_columns", []):
        columns = cells.columns.get(table, set())
        groups = _codes(columns, 3)
        for row in sorted(cells.rows.get((table, ""), set())):
            for group in groups:
                kids = [c for c in _codes(columns, 5) if c.startswith(group)]
                r = cells.result("row", (table, "", row, group), [(table, "", row, k) for k in kids]) \
                    if kids else None
                if r:
                    out.append(r)
            if groups and "total" in columns:
                r = cells.result("row", (table, "", row, "total"), [(table, "", row, g) for g in groups])
                if r:
                    out.append(r)
    return out


def row_sums(cells: Cells) -> list[Result]:
    out = []
    for table, rules in declarations()["rows"].items():
        for rule in rules:
            section = rule.get("section", "")
            cols, signs = signed(rule["parts"])
            if any(s < 0 and c not in cells.columns[table] for c, s in zip(cols, signs, strict=True)):
                continue  # a template without that column (国有资本: 本年支出 split in 小计/基本/项目)
            for row in sorted(cells.rows.get((table, section), set())):
                r = cells.result("row", (table, section, row, rule["total"]),
                                 [(table, section, row, c) for c in cols], signs)
                if r:
                    out.append(r)
    return out


def signed(parts: list[str]) -> tuple[list[str], list[int]]:
    """["carryover_begin", "income", "-total"] → (column ids, signs)."""
    return [p.lstrip("-") for p in parts], [-1 if p.startswith("-") else 1 for p in parts]


def _key(spec: str, table: str | None = None) -> Key:
    """'income.grand_total.amount' (within ``table``) or 'table.section.row.column'."""
    parts = spec.split(".")
    if table is not None:
        section, row, column = parts[0], parts[1], ".".join(parts[2:])
        return (table, section, row, column)
    return (parts[0], parts[1], parts[2], ".".join(parts[3:]))


def _expand(key: Key, pattern: str, codes: list[str]) -> list[Key]:
    if key[2] == pattern:
        return [(key[0], key[1], c, key[3]) for c in codes]
    return [key]


def cell_sums(cells: Cells) -> list[Result]:
    out = []
    for table, rules in declarations()["cells"].items():
        if table not in cells.tables:
            continue
        for rule in rules:
            total = _key(rule["total"], table)
            parts: list[Key] = []
            for p in rule["parts"]:
                k = _key(p, table)
                parts += _expand(k, "<class>", _codes(cells.rows.get((table, k[1]), set()), 3))
            r = cells.result("cells", total, parts)
            if r:
                out.append(r)
    return out


def cross(cells: Cells) -> list[Result]:
    out = []
    for rule in declarations()["cross"]:
        keys = [_key(k) for k in rule]
        if any(k[0] not in cells.tables for k in keys):
            continue
        first = keys[0]
        codes = [""]
        if first[2] == "<code>":
            codes = sorted(r for r in cells.rows.get((first[0], first[1]), set()) if r.isdigit())
        for code in codes:
            ks = [(k[0], k[1], code, k[3]) if k[2] == "<code>" else k for k in keys]
            if any(k[2] not in cells.rows.get((k[0], k[1]), ()) for k in ks):
                continue  # a row one of the tables does not print at all: nothing to compare
            r = cells.result("cross", ks[0], ks[1:])
            if r:
                out.append(r)
    return out


def evaluate(items: Iterable[LineItem]) -> list[Result]:
    """Every identity of the template that the printed cells take part in."""
    cells = Cells(items)
    return [*hierarchy(cells), *row_sums(cells), *economic_columns(cells), *cell_sums(cells),
            *cross(cells)]


def statuses(results: list[Result]) -> dict[Key, str]:
    """verified (in an identity that holds) / contradicted (every identity it is in fails);
    keys not returned are in no identity: unverified."""
    held: set[Key] = set()
    failed: set[Key] = set()
    for r in results:
        if r.trivial:
            continue  # 0 = 0 + 0 proves nothing about how the cells were read
        (held if r.holds else failed).update(r.keys)
    return {**{k: "contradicted" for k in failed}, **{k: "verified" for k in held}}


def with_status(items: list[LineItem]) -> list[LineItem]:
    """Items with their status; those already carrying one are kept as they are."""
    if all(i.status for i in items):
        return items
    status = statuses(evaluate(items))
    return [i if i.status else replace(i, status=status.get(i.key, "unverified")) for i in items]

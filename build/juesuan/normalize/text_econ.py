"""Economic-code tables of text exports: 08 (basic expenditure by economic code) and the
economic-code columns of 07 (一般公共预算财政拨款支出决算明细表).

08 prints three column groups side by side (人员经费 | 公用经费 ...): each group is a
run of code, name, amount. 07 prints function rows against economic-code columns; the
export keeps the 栏次 numbers (1 = 合计, then one per economic code in the template's
order) but not always the headers, so a 栏次 number is mapped to its code through the
economic codes of table 08 (grouped 301, 302, 303, 307, 310, ...), which lists the full
template, or the reference's template rows when 08 is missing.
"""

from __future__ import annotations

import re

from juesuan import reference as ref
from juesuan.normalize.codes import strip_numbering
from juesuan.normalize.text_cells import Identity, classify_cell, readings_for
from juesuan.normalize.text_coded import (
    is_data_row, is_number_cell, merge_strays, row_code, row_label,
)
from juesuan.vocabulary import header_role
from juesuan.normalize.text_locate import has_cjk, squash
from juesuan.normalize.text_solve import Constraint, RowCandidates
from juesuan.spec import tables as spec_tables

ECON = re.compile(r"^\d{3}(?:\d{2})?$")


def is_econ_code(cell: str) -> bool:
    """A printed 3- or 5-digit code of the economic classification (not any number)."""
    return bool(ECON.match(cell)) and ref.economic_name(cell) is not None


def basic_expenditure_rows(rows: list[list[str]]) -> list[RowCandidates]:
    """08: every (code, name, amount) run of every row, column group by column group."""
    items = {squash(v): k for k, v in spec_tables()["basic_expenditure"].get("items", {}).items()}
    groups: dict[int, list[RowCandidates]] = {}
    for cells in rows:
        runs: list[list[str]] = []
        for cell in cells:
            c = re.sub(r"\s+", "", cell)
            if not c:
                continue
            if is_econ_code(c) or (has_cjk(c) and squash(c) in items):
                runs.append([c])
            elif runs:
                runs[-1].append(cell)
        for g, run in enumerate(runs):
            head = run[0]
            if is_econ_code(head):
                code = head
                name = next((strip_numbering(x) for x in run[1:] if has_cjk(x)), "")
            else:
                code, name = items[squash(head)], head
            raw = [x for x in run[1:] if is_number_cell(x) and not has_cjk(x)]
            parsed = [classify_cell(x) for x in raw]
            groups.setdefault(g, []).append(RowCandidates(
                "basic_expenditure", "", code, name, ["amount"],
                readings_for(parsed, ["amount"], []), raw))
    return [r for g in sorted(groups) for r in groups[g]]


def econ_order(basic_rows: list[RowCandidates]) -> list[str]:
    """Economic codes in 07's column order (grouped by their 3-digit group)."""
    codes = [r.code for r in basic_rows if is_econ_code(r.code)]
    if sum(1 for c in codes if c.startswith("301")) < 8:
        return ref.basic_expenditure_rows()
    groups = list(dict.fromkeys(c[:3] for c in codes))
    return [c for g in sorted(groups) for c in codes if c[:3] == g]


def econ_constraints(rows: list[RowCandidates]) -> list[Constraint]:
    """08: group (301) = Σ its codes (30101 …), among the rows present."""
    by_code = {r.code: r for r in rows}
    out = []
    for code, row in by_code.items():
        if len(code) == 3 and code.isdigit():
            kids = [r for c, r in by_code.items() if len(c) == 5 and c.startswith(code)]
            if kids:
                out.append(((row.key("amount"), 1), *((k.key("amount"), -1) for k in kids)))
    return out


def _column_numbers(cells: list[str]) -> list[int] | None:
    """The 栏次 numbers of a row (1 2 3 …), or None when the row is not a 栏次 row."""
    nums = [c.strip() for c in cells if c.strip()]
    if nums and header_role((nums[0],)) in ("code", "lineno"):
        nums = [n for n in nums if n.isdigit()]
    if len(nums) < 3 or not all(n.isdigit() for n in nums):
        return None
    ints = [int(n) for n in nums]
    if all(b == a + 1 for a, b in zip(ints, ints[1:], strict=False)):
        return ints
    return None


def group_identities(columns: list[str], order: list[str]) -> list[Identity]:
    out = []
    for g in [c for c in columns if len(c) == 3]:
        full = [c for c in order if len(c) == 5 and c.startswith(g)]
        have = [c for c in columns if len(c) == 5 and c.startswith(g)]
        if full and have == full:
            out.append(((g, 1), *((c, -1) for c in have)))
    return out


def detail_rows(blocks: list[list[list[str]]], order: list[str]
                ) -> tuple[list[RowCandidates], list[str]]:
    """07 → row candidates per (row, column block), and notes on unplaceable blocks."""
    colnames = ["total", *order]
    main: list[tuple[str, str]] = []  # (code, label) of the function rows, in print order
    out: list[RowCandidates] = []
    notes: list[str] = []
    for block in blocks:
        columns: list[str] | None = None
        cont = 0
        for cells in merge_strays(block):
            nums = _column_numbers(cells)
            if nums is not None:
                columns = [colnames[k - 1] for k in nums if 0 < k <= len(colnames)]
                cont = 0
                continue
            values = [c for c in cells if c.strip() and is_number_cell(c)]
            if is_data_row(cells):
                code = row_code(cells) or ""
                li, label = row_label(cells)
                main.append((code, label))
                values = [c for c in cells[li + 1:] if c.strip() and is_number_cell(c)]
            elif not values or any(has_cjk(c) for c in cells):
                continue
            elif columns is None or cont >= len(main):
                notes.append(" ".join(re.sub(r"\s+", "", v) for v in values))
                continue
            else:
                code, label = main[cont]
                cont += 1
            if columns is None:
                notes.append(f"{code or '合计'}: " + " ".join(re.sub(r"\s+", "", v) for v in values))
                continue
            parsed = [classify_cell(v) for v in values]
            idents = group_identities(columns, order)
            out.append(RowCandidates("general_budget_detail", "", code, label, list(columns),
                                     readings_for(parsed, columns, idents), values, parsed, idents))
    return out, notes


__all__ = ["basic_expenditure_rows", "detail_rows", "econ_constraints", "econ_order",
           "group_identities"]

"""Function-coded tables of text exports (02 03 05 06 09 10 11 12) → row candidates.

A data row starts with a function code (类 3 digits, 款 5, 项 7) or is the 合计 row;
its label is the first Chinese cell, its numbers are the non-empty cells after the
label, in order (the export loses the position of empty and merged cells). The
columns present are the spec columns whose header words appear in the header rows.
"""

from __future__ import annotations

import re

from juesuan.identities import declarations, signed
from juesuan.vocabulary import header_role
from juesuan.normalize.codes import CODE, is_total, strip_numbering
from juesuan.normalize.text_cells import Cell, Identity, classify_cell, readings_for
from juesuan.normalize.text_locate import has_cjk, squash
from juesuan.normalize.text_solve import Constraint, RowCandidates
from juesuan.spec import columns as spec_columns


# header word of a column when it differs from the spec label
_HEADER_WORD = {("government_fund", "total"): "小计"}

def row_identities(table: str, columns: list[str]) -> list[Identity]:
    """Σ coef·column = 0 within one row: the table's row identities (schemas/identities.yaml,
    the same declarations the PDF route verifies with) among the columns present."""
    out = []
    for rule in declarations()["rows"].get(table, []):
        if rule.get("section"):
            continue
        cols, signs = signed(rule["parts"])
        ident = {rule["total"]: 1}
        for c, sign in zip(cols, signs, strict=True):
            ident[c] = ident.get(c, 0) - sign
        if all(c in columns for c in ident):
            out.append(tuple(ident.items()))
    return out


def is_number_cell(cell: str) -> bool:
    return bool(re.search(r"\d", cell)) and not has_cjk(cell)


def row_code(cells: list[str]) -> str | None:
    """The row's code: merged ("2040201"), or split over 类|款|项 cells ("302 | 01" → 30201)."""
    parts = [re.sub(r"\s+", "", c) for c in cells[:3]]
    for i, c in enumerate(parts):
        if CODE.match(c):
            for nxt in parts[i + 1:]:
                if not (re.fullmatch(r"\d{2}", nxt) and len(c) in (3, 5)):
                    break
                c += nxt
            return c
    return None


def row_label(cells: list[str]) -> tuple[int, str]:
    """(index, label) of the first Chinese cell that is not a header word; (-1, "") if none."""
    for i, cell in enumerate(cells):
        c = squash(cell)
        if has_cjk(c) and header_role((c,)) == "value":
            return i, strip_numbering(cell)
    return -1, ""


def is_data_row(cells: list[str]) -> bool:
    if row_code(cells):
        return True
    _, label = row_label(cells)
    return is_total(label) and any(is_number_cell(c) for c in cells)


def present_columns(table: str, header_rows: list[list[str]]) -> list[str]:
    cols = spec_columns(table)
    text = squash("".join(c for r in header_rows for c in r))
    found = []
    for col, label in cols.items():
        word = _HEADER_WORD.get((table, col), squash(label.split(" (")[0].split("（")[0]))
        if word and word in text:
            found.append(col)
    return found if len(found) >= 2 else list(cols)


def merge_strays(rows: list[list[str]]) -> list[list[str]]:
    """Attach label-less number-only rows to the data row above: a fragment completes a
    truncated cell in the same position, a whole amount is appended as a further cell."""
    out: list[list[str]] = []
    for cells in rows:
        stray = (out and is_data_row(out[-1]) and not row_code(cells)
                 and not any(has_cjk(c) for c in cells) and any(is_number_cell(c) for c in cells))
        if not stray:
            out.append(list(cells))
            continue
        prev = out[-1]
        for j, cell in enumerate(cells):
            if not cell.strip():
                continue
            if classify_cell(cell).kind == "value":
                prev.append(cell)
            elif j < len(prev) and classify_cell(prev[j]).kind == "partial" and \
                    classify_cell(prev[j] + cell).kind == "value":
                prev[j] = prev[j] + cell
    return out


def _cells_after(cells: list[str], index: int) -> list[str]:
    return [c for c in cells[index + 1:] if c.strip() and is_number_cell(c)]


def coded_rows(table: str, rows: list[list[str]],
               columns: list[str] | None = None) -> list[RowCandidates]:
    rows = merge_strays(rows)
    first = next((i for i, r in enumerate(rows) if is_data_row(r)), len(rows))
    columns = columns or present_columns(table, rows[:first])
    idents = row_identities(table, columns)
    out: list[RowCandidates] = []
    for cells in rows[first:]:
        if not is_data_row(cells):
            continue
        code = row_code(cells) or ""
        li, label = row_label(cells)
        start = li if li >= 0 else max(i for i, c in enumerate(cells[:3]) if c.strip())
        raw = _cells_after(cells, start)
        parsed: list[Cell] = [classify_cell(c) for c in raw]
        out.append(RowCandidates(table, "", code, label, list(columns),
                                 readings_for(parsed, columns, idents), raw, parsed, idents))
    return out


def hierarchy_constraints(rows: list[RowCandidates]) -> list[Constraint]:
    """合计 = Σ类, 类 = Σ款, 款 = Σ项, per column, among the rows present."""
    if not rows:
        return []
    table, section = rows[0].table, rows[0].section
    cols: dict[str, list[str]] = {}
    for r in rows:
        have = cols.setdefault(r.code, [])
        have.extend(c for c in r.columns if c not in have)
    out: list[Constraint] = []
    for parent, pcols in cols.items():
        if len(parent) not in (0, 3, 5):
            continue
        want = 3 if not parent else len(parent) + 2
        kids = [c for c in cols if len(c) == want and c.startswith(parent)]
        for col in pcols if kids else []:
            if all(col in cols[k] for k in kids):
                out.append(((( table, section, parent, col), 1),
                            *(((table, section, k, col), -1) for k in kids)))
    return out


def row_constraints(rows: list[RowCandidates], idents: list[Identity]) -> list[Constraint]:
    return [tuple((r.key(c), k) for c, k in ident) for r in rows for ident in idents]



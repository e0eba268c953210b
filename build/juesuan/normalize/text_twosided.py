"""Two-sided tables of text exports (01 收入支出决算总表, 04 财政拨款收入支出决算总表).

A printed row holds an income item on the left and an expenditure item on the right:
label, 行次, amount(s). Income rows and total rows get the spec's item ids;
expenditure rows that are function classes get their 3-digit class code.
"""

from __future__ import annotations

import re

from juesuan.normalize.codes import strip_numbering
from juesuan.normalize.tables_items import FUNDS, after_carryover, expenditure_item, income_item
from juesuan.normalize.text_cells import classify_cell, readings_for
from juesuan.normalize.text_coded import is_number_cell
from juesuan.normalize.text_locate import has_cjk
from juesuan.normalize.text_solve import RowCandidates
from juesuan.spec import tables as spec_tables
from juesuan.vocabulary import header_role, side_word

_ROW_NO = re.compile(r"^\d{1,3}$")


def _is_header_label(label: str) -> bool:
    """项目, 行次/栏次, 收入, 支出 (vocabulary.yaml): a header row, not an item."""
    return header_role((label,)) in ("name", "lineno") or bool(side_word(label))


def _segments(cells: list[str]) -> list[tuple[str, list[str]]]:
    """(label, number cells) runs of a row; a run without label has label ""."""
    segs: list[tuple[str, list[str]]] = []
    label, started = "", False
    nums: list[str] = []
    for cell in cells:
        if not cell.strip():
            continue
        if has_cjk(cell):
            if started:
                segs.append((label, nums))
            label, nums, started = strip_numbering(cell), [], True
        elif is_number_cell(cell):
            if _ROW_NO.match(cell.strip()) and nums:  # a 行次 after amounts: next item
                segs.append((label, nums))
                label, nums = "", []
            nums.append(cell)
            started = True
    if started:
        segs.append((label, nums))
    return segs


def _split_row_no(nums: list[str]) -> list[str]:
    """Drop the 行次 (a small integer before the amounts)."""
    if nums and _ROW_NO.match(nums[0].strip()):
        return nums[1:]
    return nums


def two_sided_rows(table: str, rows: list[list[str]]) -> list[RowCandidates]:
    cols = list(spec_tables()[table]["columns"])
    income_col = cols[0]  # "amount"
    exp_cols = [c for c in cols if c != "amount"] or ["amount"]
    out: list[RowCandidates] = []
    carrying = False
    exp_idents = []
    if {"total", *FUNDS} <= set(exp_cols):
        exp_idents = [(("total", 1), ("general_budget", -1), ("gov_fund", -1), ("state_capital", -1))]
    for cells in rows:
        segs = _segments(cells)
        if not segs or any(_is_header_label(lbl) for lbl, _ in segs):
            continue
        side = "income"
        for label, nums in segs:
            if not label:
                side = "expenditure"  # an unlabeled (blank) income cell
                continue
            code = income_item(table, label) if side == "income" else None
            if code:
                code, carrying = after_carryover(table, code, carrying)
            elif expenditure := expenditure_item(table, label):
                side = "expenditure"
                code = expenditure
            section = side
            if not code:
                side = "expenditure"
                continue
            columns = [income_col] if section == "income" else exp_cols
            raw = [n for n in _split_row_no(nums) if n.strip()]
            parsed = [classify_cell(n) for n in raw]
            idents = exp_idents if section == "expenditure" else []
            out.append(RowCandidates(table, section, code, label, columns,
                                     readings_for(parsed, columns, idents), raw, parsed, idents))
            side = "expenditure"
    return out

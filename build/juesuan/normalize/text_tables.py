"""Line items of the standard tables of a text export (see extract/text.py).

locate (text_locate) → rows with candidate readings (text_coded, text_twosided,
text_econ; token repair in text_cells) → settle with the tables' arithmetic
(text_solve) → LineItems in the spec's long form. A number that cannot be placed
with certainty is left out and reported as an "unplaced_number" Problem.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from juesuan.models import ExtractedDocument, LineItem, Problem, TableInfo
from juesuan.amounts import COUNT_COLUMNS, yuan_to_wan
from juesuan.labels import column_label, table_title
from juesuan.normalize.text_coded import (
    coded_rows, hierarchy_constraints, is_data_row, is_number_cell, row_constraints, row_identities,
)
from juesuan.normalize.text_econ import (
    basic_expenditure_rows, detail_rows, econ_constraints, econ_order, group_identities,
)
from juesuan.locate import not_printed
from juesuan.normalize.text_locate import Section, find_titles, locate_sections, unit_is_yuan
from juesuan.normalize.text_single import SINGLE, single_rows
from juesuan.normalize.text_solve import Constraint, RowCandidates, settle
from juesuan.normalize.text_twosided import two_sided_rows
from juesuan.spec import TABLE_ORDER
from juesuan.vocabulary import column_aliases, generic_leaves, key

log = logging.getLogger(__name__)

TWO_SIDED = ("income_expenditure_summary", "fiscal_summary")
CODED = ("income", "expenditure", "fiscal_detail", "general_budget", "project_expenditure",
         "government_fund", "state_capital", "state_capital_expenditure")

# the same cell printed in two tables: (table, section, row, column) pairs; "*" = every
# function row present in both
ANCHORS: list[tuple[tuple[str, str, str, str], tuple[str, str, str, str]]] = [
    (("general_budget", "", "*", "total"), ("general_budget_detail", "", "*", "total")),
    (("general_budget", "", "*", "project"), ("project_expenditure", "", "*", "expenditure")),
    (("fiscal_summary", "expenditure", "*", "general_budget"), ("general_budget", "", "*", "total")),
    (("fiscal_summary", "expenditure", "*", "gov_fund"), ("government_fund", "", "*", "total")),
    (("fiscal_summary", "expenditure", "*", "state_capital"), ("state_capital", "", "*", "expenditure")),
    (("fiscal_summary", "expenditure", "expenditure_total", "general_budget"),
     ("general_budget", "", "", "total")),
    (("fiscal_summary", "expenditure", "expenditure_total", "gov_fund"), ("government_fund", "", "", "total")),
    (("fiscal_summary", "income", "gov_fund", "amount"), ("government_fund", "", "", "income")),
    (("fiscal_summary", "income", "carryover_begin_gov_fund", "amount"),
     ("government_fund", "", "", "carryover_begin")),
    (("fiscal_summary", "expenditure", "carryover_end", "gov_fund"), ("government_fund", "", "", "carryover_end")),
    (("fiscal_summary", "expenditure", "expenditure_total", "state_capital"),
     ("state_capital", "", "", "expenditure")),
    (("fiscal_summary", "income", "state_capital", "amount"), ("state_capital", "", "", "income")),
    (("fiscal_summary", "income", "carryover_begin_state_capital", "amount"),
     ("state_capital", "", "", "carryover_begin")),
    (("fiscal_summary", "expenditure", "carryover_end", "state_capital"),
     ("state_capital", "", "", "carryover_end")),
]


def anchor_constraints(rows: list[RowCandidates]) -> list[Constraint]:
    keys = {k for r in rows for k in r.keys()}
    out: list[Constraint] = []
    for a, b in ANCHORS:
        if a[2] == "*":
            codes = {k[2] for k in keys if k[:2] == a[:2] and k[2].isdigit()}
            pairs = [((a[0], a[1], c, a[3]), (b[0], b[1], c, b[3])) for c in sorted(codes)]
        else:
            pairs = [(a, b)]
        out.extend(((x, 1), (y, -1)) for x, y in pairs if x in keys and y in keys)
    return out


def _has_numbers(section: Section) -> bool:
    return any(is_number_cell(c) and "." in c for r in section.rows for c in r)


def agency_columns(rows: list[list[str]]) -> list[str]:
    """机关运行经费: 预算数 / 决算数 in the order the header prints them."""
    text = key("".join(c for r in rows for c in r if not is_number_cell(c)))
    found = []
    for col, names in column_aliases("agency_operating_expense").items():
        at = [text.find(n) for n in names if n and n not in generic_leaves() and n in text]
        # a name inside a longer name of the other column (预算数 in 年初预算数) is that one's
        if at:
            found.append((min(at), col))
    found.sort()
    if len(found) == 2 and found[0][0] == found[1][0]:
        return ["amount"]
    return [c for _, c in found] or ["amount"]


def _rows_of(sections: dict[str, Section]
             ) -> tuple[list[RowCandidates], list[Constraint], list[str], list[Problem]]:
    problems: list[Problem] = []
    rows: list[RowCandidates] = []
    cons: list[Constraint] = []
    notes: list[str] = []
    basic: list[RowCandidates] = []
    if "basic_expenditure" in sections:
        basic = basic_expenditure_rows(sections["basic_expenditure"].rows)
        rows += basic
        cons += econ_constraints(basic)
    for tid, section in sections.items():
        if not _has_numbers(section) or tid == "basic_expenditure":
            continue
        if tid in TWO_SIDED:
            part = two_sided_rows(tid, section.rows)
            cons += row_constraints([r for r in part if r.section == "expenditure"],
                                    [(("total", 1), ("general_budget", -1), ("gov_fund", -1),
                                      ("state_capital", -1))] if tid == "fiscal_summary" else [])
        elif tid == "general_budget_detail":
            order = econ_order(basic)
            part, more = detail_rows(section.blocks, order)
            notes += [f"general_budget_detail|{n}" for n in more]
            cons += hierarchy_constraints(part)
            for r in part:
                cons += row_constraints([r], group_identities(r.columns, order))
        elif tid in SINGLE:
            part = []
            more_problems: list[Problem] = []
            for block in section.blocks:  # the first block this table's header reads
                part, found = single_rows(tid, block)
                more_problems = more_problems or found
                if part:
                    break
            problems += [] if part else more_problems[:1]
            for r in part:
                cons += row_constraints([r], r.identities)
        elif tid == "agency_operating_expense":
            first = next((i for i, r in enumerate(section.rows) if is_data_row(r)), 0)
            part = coded_rows(tid, section.rows, agency_columns(section.rows[:first]))
            cons += hierarchy_constraints(part)
        elif tid in CODED:
            part = coded_rows(tid, section.rows)
            cons += hierarchy_constraints(part)
            if part:
                cons += row_constraints(part, row_identities(tid, part[0].columns))
        else:
            continue
        rows += part
    return rows, cons + anchor_constraints(rows), notes, problems


def _left_out(row: RowCandidates, values: dict) -> str:
    """The Chinese names of a row's columns left unread: '基本支出、项目支出'."""
    return "、".join(column_label(row.table, c) for c in row.columns if row.key(c) not in values)


def extract_line_items(doc: ExtractedDocument
                       ) -> tuple[list[LineItem], list[TableInfo], list[Problem], bool]:
    """Standard-table line items of a text export, with where each table was found."""
    lines = doc.text.split("\n")
    sections = locate_sections(lines)
    rows, constraints, notes, problems = _rows_of(sections)
    settled = settle(rows, constraints)
    converted = any(unit_is_yuan(s) for s in sections.values())
    items: list[LineItem] = []
    seen: set[tuple] = set()
    for row in rows:
        for col in row.columns:
            key = row.key(col)
            if key in seen or key not in settled.values:
                continue
            seen.add(key)
            value = settled.values[key]
            if converted and unit_is_yuan(sections[row.table]) and \
                    (row.table, col) not in COUNT_COLUMNS:
                value = yuan_to_wan(value)
            items.append(LineItem(row.table, row.section, row.code, row.name, col, value))
    problems += [Problem("unplaced_number", f"{table_title(row.table)} {row.code or '合计'} {row.name}: "
                        f"印有 {' | '.join(row.raw)}，与勾稽关系相符的读法有 {len(row.readings)} 种，无法确定，"
                        f"未读取的栏目：{_left_out(row, settled.values)}。",
                        table=row.table) for row in settled.unsettled]
    for note in notes:
        table, text = note.split("|", 1)
        problems.append(Problem("unplaced_number", f"{table_title(table)}: 以下数字没有栏次或行名，无法确定位置，"
                                f"未读取：{text}", table=table))
    listed = {tid: title for _, tid, title in find_titles(lines)}
    problems += not_printed(listed, set(sections))
    for key in sorted(settled.recovered):
        log.info("recovered by arithmetic: %s = %s", key, settled.values[key])
    cells: dict[str, int] = {}
    for it in items:
        cells[it.table] = cells.get(it.table, 0) + 1
    infos = []
    for tid in TABLE_ORDER:
        if tid in sections:
            s = sections[tid]
            status = "ok" if cells.get(tid) else "headers_only"
            if status == "ok" and any(r.table == tid for r in settled.unsettled):
                status = "partial"
            infos.append(TableInfo(tid, s.title, (), form=s.form, cells=cells.get(tid, 0),
                                   status=status))
    return items, infos, problems, converted


__all__ = ["extract_line_items", "Decimal"]

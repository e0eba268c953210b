"""Numbers proven by their own sums: every line item gets a status from the template's
identities (juesuan.identities), each table the count of its identities that held, and a
table whose reading breaks most of its identities is withheld, never published as if right.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from juesuan.identities import Result, evaluate, statuses
from juesuan.labels import column_label, item_name
from juesuan.models import LineItem, Problem, TableInfo

log = logging.getLogger(__name__)

MIN_TO_WITHHOLD = 2  # identities that must fail before a reading is called wrong


def table_counts(results: list[Result]) -> dict[str, tuple[int, int]]:
    """table → (identities evaluated, held) over the identities it takes part in."""
    out: dict[str, list[int]] = {}
    for r in results:
        for t in r.tables:
            c = out.setdefault(t, [0, 0])
            c[0] += 1
            c[1] += r.holds
    return {t: (c[0], c[1]) for t, c in out.items()}


def breaks_most(evaluated: int, held: int) -> bool:
    failed = evaluated - held
    return failed >= MIN_TO_WITHHOLD and failed > held


def _own(results: list[Result], table: str) -> list[Result]:
    """The table's own identities (all of whose cells are in it), all-zero sums left out."""
    return [r for r in results if r.tables == {table} and not r.trivial]


def misread(own: list[Result]) -> bool:
    """Most of one kind of the table's identities fail: its sums down the columns (a row read
    into the wrong place) or across its rows (a column mapped to the wrong id) — either way
    the reading, not the publisher, is wrong."""
    kinds: dict[str, list[Result]] = {}
    for r in own:
        kinds.setdefault(r.kind, []).append(r)
    return breaks_most(len(own), sum(r.holds for r in own)) or any(
        breaks_most(len(rs), sum(r.holds for r in rs)) for rs in kinds.values())


def _cell_name(key: tuple[str, str, str, str]) -> str:
    """A cell of a table named in Chinese for a note: '收入方“总计”行“金额”列', '“201”行“合计”列'."""
    table, section, row, column = key
    side = {"income": "收入方", "expenditure": "支出方"}.get(section, "")
    name = item_name(table, row, section) if row else "合计"
    where = f"“{name}”行" if name != row or row.isdigit() else ""  # a one-row table: no row to name
    return f"{side}{where}“{column_label(table, column)}”列"


def verify(items: list[LineItem], tables: list[TableInfo]
           ) -> tuple[list[LineItem], list[TableInfo], list[Problem]]:
    """(items with a status, tables with their identity counts, problems for withheld tables)."""
    results = evaluate(items)
    problems: list[Problem] = []
    notes: dict[str, str] = {}  # withheld table → why
    for info in tables:
        own = _own(results, info.table)
        if not misread(own):
            continue
        failed = [r for r in own if not r.holds]
        shown = "；".join(f"{_cell_name(r.total)}印 {r.actual}，"
                         f"按其组成应为 {r.expected}" for r in failed[:3])
        notes[info.table] = note = (f"本表读数与其自身勾稽关系不符（{len(own)} 项中 {len(failed)} 项不成立，"
                                    f"如 {shown}），疑为读取错误，暂不发布。")
        problems.append(Problem("table_withheld", f"{info.title}: {note}",
                                info.pages[0] if info.pages else None, info.table))
        log.warning("%s withheld: %d of %d identities fail", info.title, len(failed), len(own))
    if notes:
        items = [i for i in items if i.table not in notes]
        results = evaluate(items)
    status = statuses(results)
    counts = table_counts(results)
    tables = [replace(t, status="withheld", note=notes[t.table], cells=0) if t.table in notes else
              replace(t, identities=counts.get(t.table, (0, 0))[0], identities_held=counts.get(t.table, (0, 0))[1])
              for t in tables]
    return [replace(i, status=status.get(i.key, "unverified")) for i in items], tables, problems

"""Single-row tables of text exports: 三公经费 (13), 政府采购情况表, 国有资产占用情况表.

A text export drops merged header cells, so the header tree is rebuilt from the header
rows in reading order: a group cell (预算数, 决算数, 其中：…, 采购预算, 公务用车购置及运行维护费
above 小计/购置费/运行维护费) owns the next cells of the row below until a label repeats
(the next group's first child). Each leaf's path is named by the PDF route's namers
(tables_single.column_of, vocabulary.yaml), so both routes share one header→column mapping.

Only a data row whose cells are all complete numbers, exactly one per leaf column and
consistent with the table's arithmetic (合计 = Σ items, 小计 = 购置 + 运行, …), is read;
anything else is left out (a Problem), never guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.models import Problem
from juesuan.normalize.codes import name_key
from juesuan.normalize.tables_single import column_of
from juesuan.vocabulary import single_row
from juesuan.normalize.text_cells import Identity, classify_cell, readings_for
from juesuan.normalize.text_coded import row_identities, is_number_cell
from juesuan.normalize.text_locate import has_cjk, squash
from juesuan.normalize.text_solve import RowCandidates
from juesuan.spec import tables as spec_tables

SINGLE = ("three_public", "government_procurement", "state_assets")
def _is_group(table: str, cell: str, below: str | None) -> bool:
    """Does this header cell own cells of the row below (a merged group header)?"""
    if below is None:
        return False
    key = name_key(cell)
    words = single_row(table)
    kids = words.get("part_words", [])
    if kids and all(w in key for w in kids[1:]):  # 公务用车购置(及)运行维护费 over its parts
        return any(w in name_key(below) for w in kids)
    if any(g.get("whole") and any(c and c in key for c in g["contains"]) for g in words["groups"]):
        return False  # a column of its own (授予中小企业合同金额)
    return any(w in key for w in words.get("group_words", []))


def header_paths(table: str, header_rows: list[list[str]]) -> list[tuple[str, ...]]:
    """Leaf header paths in print order, rebuilt from rows whose merged cells were dropped."""
    queues = [[c.strip() for c in r if c.strip()] for r in header_rows]
    queues = [q for q in queues if q]
    pos = [0] * len(queues)

    def head(d: int) -> str | None:
        return queues[d][pos[d]] if d < len(queues) and pos[d] < len(queues[d]) else None

    def take(d: int, path: tuple[str, ...], bounded: bool) -> list[tuple[str, ...]]:
        leaves: list[tuple[str, ...]] = []
        seen: set[str] = set()
        while (cell := head(d)) is not None:
            key = name_key(cell)
            if bounded and key in seen:
                break
            seen.add(key)
            pos[d] += 1
            if _is_group(table, cell, head(d + 1)):
                leaves += take(d + 1, (*path, cell), True)
            else:
                leaves.append((*path, cell))
        return leaves

    return take(0, (), False) if queues else []


def _column_ids(table: str, paths: list[tuple[str, ...]]) -> list[str] | None:
    namer = lambda keys: column_of(table, keys)  # noqa: E731
    ids = [namer([name_key(p) for p in path]) for path in paths]
    if not ids or None in ids or len(set(ids)) != len(ids):
        return None
    return ids  # type: ignore[return-value]


def _is_lanci(cells: list[str]) -> bool:
    nums = [c.strip() for c in cells if c.strip() and squash(c) != "栏次"]
    return len(nums) >= 2 and all(n.isdigit() for n in nums) and \
        [int(n) for n in nums] == list(range(int(nums[0]), int(nums[0]) + len(nums)))


def _is_data(cells: list[str]) -> bool:
    return any(is_number_cell(c) for c in cells) and not _is_lanci(cells) and \
        not any(has_cjk(c) and not re.search(r"合计|金额|决算数", c) for c in cells)


def identities(table: str, columns: list[str]) -> list[Identity]:
    """The table's own arithmetic among the columns present (schemas/identities.yaml), plus
    决算数 = Σ funds where the Sichuan template splits it by fund."""
    out = [dict(i) for i in row_identities(table, columns)]
    prefixes = {c.split(".")[0] for c in columns if "." in c}
    if table == "three_public" and {"actual_general_budget", "actual_gov_fund"} <= prefixes:
        for item in ("total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"):
            out.append({f"actual.{item}": 1, f"actual_general_budget.{item}": -1,
                        f"actual_gov_fund.{item}": -1})
    return [tuple(i.items()) for i in out if all(c in columns for c in i)]


def single_rows(table: str, rows: list[list[str]]) -> tuple[list[RowCandidates], list[Problem]]:
    """The table's one row as a RowCandidates (only when fully and consistently read)."""
    first = next((i for i, r in enumerate(rows) if _is_data(r)), None)
    if first is None:
        return [], []
    header = [r for r in rows[:first] if not _is_lanci(r)]
    raw = [c for c in rows[first] if c.strip() and is_number_cell(c)]
    title = spec_tables()[table]["title"]
    paths = header_paths(table, header)
    if not any(column_of(table, [name_key(p) for p in path]) for path in paths):
        return [], []  # not this table's header (another table printed under its title)
    columns = _column_ids(table, paths)
    if columns is None or len(columns) != len(raw):
        heads = " | ".join("/".join(p) for p in paths)[:200]
        return [], [Problem("unplaced_number", f"{title}: {len(raw)} 个数字位于 {len(paths)} 个"
                            f"对应不上的表头之下（{heads}），未读取。", table=table)]
    cells = [classify_cell(c, strict=False) for c in raw]
    idents = identities(table, columns)
    readings = readings_for(cells, columns, idents) if all(c.kind == "value" for c in cells) else []
    if len(readings) != 1:
        return [], [Problem("unplaced_number", f"{title}: 印有 {' | '.join(raw)}，"
                            "读不成与本表合计相符的完整数字，未读取。",
                            table=table)]
    return [RowCandidates(table, "", single_row(table)["row_code"], title, columns, readings, raw, cells,
                          idents)], []


__all__ = ["SINGLE", "header_paths", "identities", "single_rows", "Decimal"]

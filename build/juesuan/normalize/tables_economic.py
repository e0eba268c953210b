"""Tables keyed by economic classification (部门预算支出经济分类).

07 一般公共预算财政拨款支出决算明细表: function-coded rows, one column per economic
   code named by its printed header ("工资福利支出/小计" → 301, "…/基本工资" → 30101).
08 基本支出决算表: economic-coded rows printed in up to three side-by-side column groups
   (科目编码 | 科目名称 | 决算数), read group by group, then the 人员/公用经费合计 rows.
机关运行经费支出决算表: economic-coded rows (printed codes, or codes from the names).
"""

from __future__ import annotations

from juesuan.locate import LocatedTable
from juesuan.normalize import tables_coded
from juesuan.normalize.codes import CODE, economic_code, economic_group, is_total, name_key, strip_numbering
from juesuan.amounts import is_amount
from juesuan.normalize.tables_common import (
    Reading, add, column_labels, label_columns, match_column, parts, value_columns,
)
from juesuan.normalize.tables_grid import CodeCompleter, row_label, text
from juesuan.vocabulary import basic_total, generic_leaves

DETAIL = "general_budget_detail"



def detail_column(path: tuple[str, ...]) -> str | None:
    """Column id of table 07: "total" or an economic code."""
    keys = [name_key(p) for p in path if p]
    if not keys:
        return None
    groups = [g for g in (economic_group(k) for k in keys[:-1]) if g]
    group = groups[-1] if groups else None
    if not group and (is_total(keys[-1]) or match_column((keys[-1],), column_labels(DETAIL)) == "total"):
        return "total"
    code = economic_code(keys[-1], group)
    if code is None and group and len(keys) >= 2 and keys[-1] in generic_leaves():
        return group
    return code


def read_detail(table: LocatedTable) -> Reading:
    reading = Reading()
    completer = CodeCompleter()
    for part in parts(table):
        roles = part.roles
        code_cols, name_col = label_columns(roles)
        code_cols = code_cols or [0]
        columns = value_columns(reading, table, part, roles, [*code_cols, name_col], detail_column,
                                "没有对应的经济分类科目")
        for row in part.rows:
            label = row_label([row[i] or "" for i in code_cols],
                              row[name_col] or "" if name_col is not None else "", completer)
            if not label.code and not is_total(label.name):
                continue
            for i, cid in columns.items():
                add(reading, table.table, "", label.code, label.name, cid, row[i], part.page)
    return reading


def read_agency(table: LocatedTable) -> Reading:
    return tables_coded.read(table, code_of=economic_code)


def _groups(roles: list[str]) -> list[tuple[list[int], int]]:
    """(label columns, value column) of each side-by-side 编码 | 名称 | 决算数 group."""
    out, start = [], 0
    for v, r in enumerate(roles):
        if r == "value":
            out.append(([i for i in range(start, v) if roles[i] != "lineno"], v))
            start = v + 1
    return out


def _basic_label(row: list, cols: list[int], roles: list[str], completer: CodeCompleter):
    """(code, name) of one group's label cells: split 类|款 codes ("302 | 31"), a code and a
    name, "30201办公费" in one cell, or a name only (coded from the classification)."""
    code_cols = [i for i in cols if roles[i] == "code"]
    name_col = next((i for i in cols if roles[i] == "name"), None)
    if code_cols or name_col is not None:
        label = row_label([row[i] or "" for i in code_cols],
                          row[name_col] or "" if name_col is not None else "", completer)
        return label.code, label.name
    cells = [text(row[i]) for i in cols if text(row[i])]
    if not cells:
        return "", ""
    if CODE.match(cells[0]) or (cells[0][:3].isdigit() and not is_amount(cells[0])):
        code = cells[0][:5] if cells[0][:5].isdigit() else cells[0][:3]
        return code, strip_numbering("".join(cells[1:]) or cells[0][len(code):])
    return "", strip_numbering("".join(cells))


def read_basic(table: LocatedTable) -> Reading:
    reading = Reading()
    by_group: dict[int, list] = {}
    totals: list = []
    completers: dict[int, CodeCompleter] = {}
    for part in parts(table):
        for row in part.rows:
            used: set[int] = set()
            for g, (cols, value_col) in enumerate(_groups(part.roles)):
                code, name = _basic_label(row, cols, part.roles, completers.setdefault(g, CodeCompleter()))
                if not code and not name:
                    continue
                raw = row[value_col]
                col: int | None = value_col
                if raw is None:  # the label cell spans over this group's value: look right
                    col = next((j for j in range(value_col + 1, len(row))
                                if row[j] is not None and j not in used), None)
                    raw = row[col] if col is not None else None
                if col is not None:
                    used.add(col)
                if not code:
                    total = basic_total(name)
                    code = total or economic_code(name) or ("" if is_total(name) else None)
                    if code is None:
                        continue
                    if total:
                        totals.append((code, name, raw, part.page))
                        continue
                by_group.setdefault(g, []).append((code, name, raw, part.page))
    for g in sorted(by_group):
        for code, name, raw, page in by_group[g]:
            add(reading, table.table, "", code, name, "amount", raw, page)
    for code, name, raw, page in totals:
        add(reading, table.table, "", code, name, "amount", raw, page)
    return reading

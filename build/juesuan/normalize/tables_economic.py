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
from juesuan.normalize.numbers import is_amount
from juesuan.normalize.tables_common import Reading, add, label_columns, parts, role, value_columns
from juesuan.normalize.tables_grid import CodeCompleter, row_label, text

BASIC_TOTALS = {"人员经费合计": "personnel_total", "人员经费": "personnel_total",
                "公用经费合计": "public_total", "公用经费": "public_total"}


def detail_column(path: tuple[str, ...]) -> str | None:
    """Column id of table 07: "total" or an economic code."""
    keys = [name_key(p) for p in path if p]
    if not keys:
        return None
    groups = [g for g in (economic_group(k) for k in keys[:-1]) if g]
    group = groups[-1] if groups else None
    if not group and keys[-1] in ("合计", "总计", "本年支出合计"):
        return "total"
    code = economic_code(keys[-1], group)
    if code is None and group and len(keys) >= 2 and keys[-1] in ("小计", "合计"):
        return group
    return code


def read_detail(table: LocatedTable) -> Reading:
    reading = Reading()
    completer = CodeCompleter()
    for part in parts(table):
        roles = [role(p) for p in part.paths]
        code_cols, name_col = label_columns(roles)
        code_cols = code_cols or [0]
        columns = value_columns(reading, table, part, roles, [*code_cols, name_col], detail_column,
                                "has no economic code")
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


def _groups(paths: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """(first column, value column) of each side-by-side 编码 | 名称 | 决算数 group."""
    values = [i for i, p in enumerate(paths) if role(p) == "value"]
    out, start = [], 0
    for v in values:
        out.append((start, v))
        start = v + 1
    return out


def read_basic(table: LocatedTable) -> Reading:
    reading = Reading()
    by_group: dict[int, list] = {}
    totals: list = []
    for part in parts(table):
        for row in part.rows:
            used: set[int] = set()
            for g, (first, value_col) in enumerate(_groups(part.paths)):
                label = [text(row[i]) for i in range(first, value_col) if text(row[i])]
                if not label:
                    continue
                code, name = "", ""
                if CODE.match(label[0]) or (label[0][:3].isdigit() and not is_amount(label[0])):
                    code = label[0][:5] if label[0][:5].isdigit() else label[0][:3]
                    name = "".join(label[1:]) or label[0][len(code):]
                else:
                    name = "".join(label)
                name = strip_numbering(name)
                raw, col = row[value_col], value_col
                if raw is None:  # the label cell spans over this group's value: look right
                    col = next((j for j in range(value_col + 1, len(row))
                                if row[j] is not None and j not in used), None)
                    raw = row[col] if col is not None else None
                if col is not None:
                    used.add(col)
                if not code:
                    total = BASIC_TOTALS.get(name_key(name))
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

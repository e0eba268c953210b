"""Two-sided tables (01 收入支出决算总表, 04 财政拨款收入支出决算总表).

Income items on the left, expenditure items on the right, each side with its own
项目 | 行次 | amounts columns. Income rows and the total rows carry the spec's item ids;
expenditure rows are the function classes, coded from their printed names.
"""

from __future__ import annotations

from juesuan.locate import LocatedTable
from juesuan.models import Problem
from juesuan.normalize.codes import strip_numbering
from juesuan.normalize.tables_common import Part, Reading, add, column_labels, match_column, parts
from juesuan.normalize.tables_grid import text
from juesuan.normalize.tables_items import after_carryover, expenditure_item, income_item
from juesuan.vocabulary import side_of



def _sides(part: Part) -> list[tuple[str, list[int]]]:
    """[(section, column indexes)] split by the 收入/支出 header or the second 项目 column."""
    sections = [side_of(p[0]) if p else "" for p in part.paths]
    if "income" in sections and "expenditure" in sections:
        return [(s, [i for i, x in enumerate(sections) if x == s]) for s in ("income", "expenditure")]
    names = [i for i, r in enumerate(part.roles) if r == "name"] or [0]
    split = names[1] if len(names) > 1 else len(part.paths) // 2
    return [("income", list(range(split))), ("expenditure", list(range(split, len(part.paths))))]


def read(table: LocatedTable) -> Reading:
    reading = Reading()
    carrying = False
    for part in parts(table):
        for section, cols in _sides(part):
            name_col = next((i for i in cols if part.roles[i] == "name"), cols[0])
            values = [i for i in cols if i != name_col and part.roles[i] == "value"]
            columns = _value_columns(table.table, section, part, values)
            for row in part.rows:
                name = strip_numbering(text(row[name_col]))
                if not name or not any(text(row[i]) for i in columns):
                    continue
                if section == "income":
                    code, carrying = after_carryover(table.table, income_item(table.table, name), carrying)
                else:
                    code = expenditure_item(table.table, name)
                if code is None:
                    side = "收入" if section == "income" else "支出"
                    reading.problems.append(Problem("unplaced_row", f"{table.title}: {side}方的“{name}”"
                                                    "不是标准表的项目，该行数字未读取。",
                                                    part.page, table.table))
                    continue
                for i, cid in columns.items():
                    add(reading, table.table, section, code, name, cid, row[i], part.page)
    return reading


def _value_columns(table_id: str, section: str, part: Part, values: list[int]) -> dict[int, str]:
    """Value columns of one side: the income side and a one-column side print one amount;
    the fiscal summary's expenditure side prints 合计 and one column per fund."""
    default = "total" if (table_id, section) == ("fiscal_summary", "expenditure") else "amount"
    if len(values) <= 1 or default == "amount":
        return {values[0]: default} if values else {}
    labels = {cid: names for cid, names in column_labels(table_id).items() if cid != "amount"}
    out: dict[int, str] = {}
    for i in values:
        cid = match_column(tuple(p for p in part.paths[i] if not side_of(p)), labels)
        if cid and cid not in out.values():
            out[i] = cid
    return out

"""Two-sided tables (01 收入支出决算总表, 04 财政拨款收入支出决算总表).

Income items on the left, expenditure items on the right, each side with its own
项目 | 行次 | amounts columns. Income rows and the total rows carry the spec's item ids;
expenditure rows are the function classes, coded from their printed names.
"""

from __future__ import annotations

from juesuan.locate import LocatedTable
from juesuan.models import Problem
from juesuan.normalize.codes import name_key, strip_numbering
from juesuan.normalize.tables_common import Part, Reading, add, match_column, parts, role
from juesuan.normalize.tables_grid import text
from juesuan.normalize.tables_items import after_carryover, expenditure_item, income_item

SIDE_COLUMNS = {  # header label → column id, per table and side
    ("fiscal_summary", "expenditure"): {"total": ["合计", "小计"],
                                        "general_budget": ["一般公共预算财政拨款"],
                                        "gov_fund": ["政府性基金预算财政拨款"],
                                        "state_capital": ["国有资本经营预算财政拨款"]},
}


def _sides(part: Part) -> list[tuple[str, list[int]]]:
    """[(section, column indexes)] split by the 收入/支出 header or the second 项目 column."""
    tops = [name_key(p[0]) if p else "" for p in part.paths]
    sections = ["income" if "收入" in t and "支出" not in t else
                "expenditure" if "支出" in t and "收入" not in t else "" for t in tops]
    if "income" in sections and "expenditure" in sections:
        return [(s, [i for i, x in enumerate(sections) if x == s]) for s in ("income", "expenditure")]
    names = [i for i, p in enumerate(part.paths) if role(p) == "name"] or [0]
    split = names[1] if len(names) > 1 else len(part.paths) // 2
    return [("income", list(range(split))), ("expenditure", list(range(split, len(part.paths))))]


def read(table: LocatedTable) -> Reading:
    reading = Reading()
    carrying = False
    for part in parts(table):
        for section, cols in _sides(part):
            name_col = next((i for i in cols if role(part.paths[i]) == "name"), cols[0])
            values = [i for i in cols if i != name_col and role(part.paths[i]) == "value"]
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
                    reading.problems.append(Problem("unplaced_row", f"{table.title}: {section} row "
                                                    f"'{name}' is not a standard item",
                                                    part.page, table.table))
                    continue
                for i, cid in columns.items():
                    add(reading, table.table, section, code, name, cid, row[i], part.page)
    return reading


def _value_columns(table_id: str, section: str, part: Part, values: list[int]) -> dict[int, str]:
    labels = {cid: [name_key(n) for n in names]
              for cid, names in SIDE_COLUMNS.get((table_id, section), {}).items()}
    if len(values) == 1 or not labels:
        default = "total" if (table_id, section) == ("fiscal_summary", "expenditure") else "amount"
        return {values[0]: default} if values else {}
    out = {}
    for i in values:
        cid = match_column(tuple(p for p in part.paths[i] if name_key(p) not in ("收入", "支出")),
                           labels)
        if cid:
            out[i] = cid
    return out

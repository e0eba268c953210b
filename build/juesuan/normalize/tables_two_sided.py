"""Two-sided tables (01 收入支出决算总表, 04 财政拨款收入支出决算总表).

Income items on the left, expenditure items on the right, each side with its own
项目 | 行次 | amounts columns. Income rows and the total rows carry the spec's item ids;
expenditure rows are the function classes, coded from their printed names.
"""

from __future__ import annotations

from juesuan import spec
from juesuan.locate import LocatedTable
from juesuan.models import Problem
from juesuan.normalize.codes import function_class, name_key
from juesuan.normalize.tables_common import Part, Reading, add, match_column, parts, role
from juesuan.normalize.tables_grid import strip_numbering, text

ITEM_ALIASES = {
    "income": {
        "general_budget": ["一般公共预算财政拨款", "一般公共预算财政拨款收入", "一般公共预算拨款收入"],
        "gov_fund": ["政府性基金预算财政拨款", "政府性基金预算财政拨款收入", "政府性基金预算拨款收入"],
        "state_capital": ["国有资本经营预算财政拨款", "国有资本经营预算财政拨款收入"],
        "use_non_fiscal_balance": ["使用非财政拨款结余", "使用非财政拨款结余（含专用结余）",
                                   "用事业基金弥补收支差额", "使用专用结余"],
        "carryover_begin": ["年初结转和结余", "年初财政拨款结转和结余", "上年结转", "上年结转和结余"],
        "income_total": ["本年收入合计", "收入合计"],
        "grand_total": ["总计", "收入总计"],
    },
    "expenditure": {
        "expenditure_total": ["本年支出合计", "支出合计"],
        "balance_distribution": ["结余分配"],
        "carryover_end": ["年末结转和结余", "年末财政拨款结转和结余", "结转下年"],
        "grand_total": ["总计", "支出总计"],
    },
}
SIDE_COLUMNS = {  # header label → column id, per table and side
    ("fiscal_summary", "expenditure"): {"total": ["合计", "小计"],
                                        "general_budget": ["一般公共预算财政拨款"],
                                        "gov_fund": ["政府性基金预算财政拨款"],
                                        "state_capital": ["国有资本经营预算财政拨款"]},
}
CARRYOVER_PARTS = {"general_budget", "gov_fund", "state_capital"}


def _items(table_id: str, section: str) -> dict[str, str]:
    """printed-name key → item id, from the spec and the aliases above."""
    out = {}
    spec_items = spec.tables()[table_id].get("items", {}).get(section, {})
    for item, label in spec_items.items():
        out.setdefault(name_key(label.split(" (")[0]), item)
    for item, names in ITEM_ALIASES[section].items():
        if item in spec_items or item in ("general_budget", "gov_fund", "state_capital"):
            for n in names:
                out.setdefault(name_key(n), item)
    return out


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
    items = {s: _items(table.table, s) for s in ("income", "expenditure")}
    in_carryover = False
    for part in parts(table):
        for section, cols in _sides(part):
            name_col = next((i for i in cols if role(part.paths[i]) == "name"), cols[0])
            values = [i for i in cols if i != name_col and role(part.paths[i]) == "value"]
            columns = _value_columns(table.table, section, part, values)
            for row in part.rows:
                name = strip_numbering(text(row[name_col]))
                if not name or not any(text(row[i]) for i in columns):
                    continue
                key = name_key(name)
                if section == "income":
                    code = items["income"].get(key)
                    if code == "carryover_begin":
                        in_carryover = True
                    elif code in CARRYOVER_PARTS and in_carryover and table.table == "fiscal_summary":
                        code = f"carryover_begin_{code}"
                    elif code is not None:
                        in_carryover = False
                else:
                    code = function_class(name) or items["expenditure"].get(key)
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

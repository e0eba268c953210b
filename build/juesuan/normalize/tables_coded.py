"""Function-coded tables (02 03 05 06 09 10 11 12): one row per 类/款/项 code.

Rows are keyed by the printed code, merged ("2040201") or split over 类|款|项 columns
(款 and 项 printing only their two digits, completed from the rows above); the grand
total row (合计) gets row_code "". Columns are named by their header paths.
"""

from __future__ import annotations

from juesuan.locate import LocatedTable
from juesuan.models import Problem
from juesuan.normalize.codes import is_total
from juesuan.normalize.tables_common import (
    Reading, add, column_labels, label_columns, match_column, parts, value_columns,
)
from juesuan.normalize.tables_grid import CodeCompleter, row_label, text


def read(table: LocatedTable, code_of=None) -> Reading:
    """Read a coded table; ``code_of(name)`` codes rows printed without a code."""
    reading = Reading()
    labels = column_labels(table.table)
    completer = CodeCompleter()
    for part in parts(table):
        roles = part.roles
        code_cols, name_col = label_columns(roles)
        if not code_cols and name_col is None:
            code_cols = [0]  # no header: the code (or "code name") is printed first
        columns = value_columns(reading, table, part, roles, [*code_cols, name_col],
                                lambda path: match_column(path, labels),
                                "不是标准表的栏目")
        for row in part.rows:
            label = row_label([row[i] or "" for i in code_cols],
                              row[name_col] or "" if name_col is not None else "", completer)
            code = label.code
            if not code and not is_total(label.name):
                coded = code_of(label.name) if code_of else None
                if coded is None:
                    if any(text(row[i]) for i in columns):
                        reading.problems.append(Problem(
                            "unplaced_row", f"{table.title}: 行“{label.name}”没有科目编码，该行数字未读取。",
                            part.page, table.table))
                    continue
                code = coded
            for i, cid in columns.items():
                add(reading, table.table, "", code, label.name, cid, row[i], part.page)
    return reading

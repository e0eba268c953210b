"""What every table reader shares: parts with their headers, column matching, emitting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan import spec
from juesuan.locate import LocatedTable
from juesuan.models import LineItem, Problem
from juesuan.normalize.codes import name_key
from juesuan.normalize.numbers import parse_amount
from juesuan.normalize.tables_grid import header_paths, split_header, text

GENERIC_LEAVES = {"小计", "合计"}
# printed header variants beyond the spec's own column labels
COLUMN_ALIASES: dict[str, dict[str, list[str]]] = {
    "income": {"total": ["合计", "收入合计", "本年收入"], "fiscal_appropriation": ["财政拨款"]},
    "expenditure": {"total": ["合计", "支出合计", "本年支出"]},
    "fiscal_detail": {"total": ["合计", "本年支出合计"], "basic": ["基本支出"]},
    "general_budget": {"total": ["合计", "本年支出合计", "本年支出"]},
    "project_expenditure": {"income": ["本年收入合计"], "expenditure": ["本年支出合计"]},
    "government_fund": {"total": ["本年支出", "本年支出合计"],
                        "carryover_begin": ["年初结转和结余"], "carryover_end": ["年末结转和结余"]},
    "state_capital": {"expenditure": ["本年支出合计", "本年支出小计"]},
    "state_capital_expenditure": {"total": ["小计", "本年支出", "本年支出合计"]},
    "agency_operating_expense": {"amount": ["决算数", "金额", "本年决算数", "合计"],
                                 "budget": ["预算数", "年初预算数"]},
}


@dataclass
class Reading:
    items: list[LineItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    partial: bool = False


@dataclass
class Part:
    page: int | None
    paths: list[tuple[str, ...]]  # header path per column
    rows: list[list[str | None]]  # data rows
    own_header: bool


def parts(table: LocatedTable) -> list[Part]:
    """Each grid of a table with its header paths (inherited when the part prints none)."""
    out: list[Part] = []
    for grid in table.parts:
        if not grid.rows:
            continue
        ncols = max(len(r) for r in grid.rows)
        head, start = split_header(grid.rows)
        rows = [list(r) + [None] * (ncols - len(r)) for r in grid.rows[start:]]
        if head:
            out.append(Part(grid.page, header_paths(head, ncols), rows, True))
        elif out:
            out.append(Part(grid.page, inherit(out[-1].paths, ncols), rows, False))
        else:
            out.append(Part(grid.page, [()] * ncols, rows, False))
    return out


def inherit(paths: list[tuple[str, ...]], ncols: int) -> list[tuple[str, ...]]:
    """The previous part's header for a part printed without one, aligned on the value
    columns at the right (the continuation may print its 类|款|项 codes in one column)."""
    if len(paths) == ncols:
        return paths
    roles = [role(p) for p in paths]
    k = 0
    while k < len(paths) and roles[len(paths) - 1 - k] == "value":
        k += 1
    lead = ncols - k
    if k == 0 or lead < 0:
        return [()] * ncols
    code = next((p for p, r in zip(paths, roles) if r == "code"), ("科目编码",))
    name = next((p for p, r in zip(paths, roles) if r == "name"), ("科目名称",))
    head = [code, name][:lead] if lead <= 2 else [code] * (lead - 1) + [name]
    return head + paths[len(paths) - k:]


def _label_keys(label: str) -> list[str]:
    return [name_key(re.sub(r"\s+\(.*\)$", "", label))]  # spec notes: "金额 (income side)"


def column_labels(table_id: str) -> dict[str, list[str]]:
    labels = {cid: _label_keys(label) for cid, label in spec.columns(table_id).items()}
    for cid, extra in COLUMN_ALIASES.get(table_id, {}).items():
        labels.setdefault(cid, []).extend(name_key(x) for x in extra)
    return labels


def match_column(path: tuple[str, ...], labels: dict[str, list[str]]) -> str | None:
    """The column id a header path names: leaf first, then leaf with its parents."""
    keys = [name_key(p) for p in path if p]
    if not keys:
        return None
    candidates = ["".join(keys[i:]) for i in range(len(keys) - 1, -1, -1)]
    if keys[-1] in GENERIC_LEAVES:
        candidates += [keys[i] for i in range(len(keys) - 2, -1, -1)]
    for cand in candidates:
        for cid, names in labels.items():
            if cand in names:
                return cid
    return None


def role(path: tuple[str, ...]) -> str:
    """'code' | 'name' | 'lineno' | 'value' for a column's header path."""
    leaf = name_key(path[-1]) if path else ""
    joined = "".join(name_key(p) for p in path)
    if leaf in ("行次", "栏次"):
        return "lineno"
    if leaf in ("类", "款", "项") or "编码" in leaf or "代码" in leaf or leaf.endswith("科目编码"):
        return "code"
    if "名称" in leaf or leaf in ("项目", "科目", "支出项目", "收入项目") or (
            "编码" in joined and "名称" in joined):
        return "name"
    return "value"


def label_columns(roles: list[str]) -> tuple[list[int], int | None]:
    """(code columns, name column) of a part, from its columns' roles."""
    code_cols = [i for i, r in enumerate(roles) if r == "code"]
    name_col = next((i for i, r in enumerate(roles) if r == "name"), None)
    return code_cols, name_col


def value_columns(reading: Reading, table: LocatedTable, part: Part, roles: list[str],
                  labels: list[int], column_of, unmapped: str) -> dict[int, str]:
    """Column index → column id of the value columns not in ``labels``, named by
    ``column_of(header path)``; a printed column it cannot name makes the reading partial
    and an "unmapped_column" problem ('… column 'X' <unmapped>')."""
    columns: dict[int, str] = {}
    for i, r in enumerate(roles):
        if r != "value" or i in labels:
            continue
        cid = column_of(part.paths[i])
        if cid:
            columns[i] = cid
        elif any(text(row[i]) for row in part.rows):
            reading.partial = True
            reading.problems.append(Problem(
                "unmapped_column", f"{table.title}: column '{'/'.join(part.paths[i])}' {unmapped}",
                part.page, table.table))
    return columns


def add(reading: Reading, table: str, section: str, code: str, name: str, column: str,
        raw: str | None, page: int | None) -> None:
    """Append one cell; blank and non-numeric cells are left out, printed zeros kept."""
    value = parse_amount(raw)
    if value is None:
        t = text(raw)
        if t and t not in ("-", "—", "--", "/", "－"):
            reading.problems.append(Problem("unreadable_cell", f"{table} {code or name} {column}: "
                                            f"'{t}' is not a number", page, table))
        return
    reading.items.append(LineItem(table, section, code, name, column, value, page))

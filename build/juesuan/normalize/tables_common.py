"""What every table reader shares: parts with their headers, column matching, emitting."""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field

from juesuan.amounts import is_amount, parse_amount
from juesuan.labels import column_label, table_title
from juesuan.locate import LocatedTable
from juesuan.locate.grid import (
    column_roles, header_paths, is_header_row, is_lanci_row, lift_sub_header, split_header, text,
)
from juesuan.models import LineItem, Problem
from juesuan.vocabulary import (
    blank_marks, column_aliases, generic_leaves, header_role, key, loose, side_word,
)


MAX_DECIMALS = 4  # amounts print 0, 2 or (rarely) 4 decimals; more is two numbers run together


@dataclass
class Reading:
    items: list[LineItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    partial: bool = False
    ambiguous: set[str] = field(default_factory=set)  # choices a different reading could make


@dataclass(frozen=True)
class ReadOptions:
    """The choices a reading makes where the print is ambiguous; normalize.tables reads a
    table under each plausible set and keeps the one whose identities hold."""

    # each choice says in Chinese what it does when on ("yes") and off ("no"), for the reading_chosen hint
    lineno_by_content: bool = field(default=True, metadata={  # a column of 1, 2, 3 … is line numbers
        "yes": "按内容把1、2、3…的一列当作栏次", "no": "1、2、3…的一列不当作栏次"})
    positional_columns: bool = field(default=False, metadata={  # unnamed value columns in order
        "yes": "未命名的数值列按顺序对应本表其余栏目", "no": "未命名的数值列不读取"})


OPTIONS: ContextVar[ReadOptions] = ContextVar("read_options", default=ReadOptions())  # noqa: B039 (frozen)


@dataclass
class Part:
    page: int | None
    paths: list[tuple[str, ...]]  # header path per column
    rows: list[list[str | None]]  # data rows
    own_header: bool
    roles: list[str] = field(default_factory=list)  # code | name | lineno | value per column
    content_lineno: bool = False  # a column was taken for line numbers by its content alone

    def __post_init__(self) -> None:
        if not self.roles:
            by_content = column_roles(self.paths, self.rows)
            by_header = [role(p) for p in self.paths]
            self.content_lineno = by_content != by_header
            self.roles = by_content if OPTIONS.get().lineno_by_content else by_header
        self.rows = [overflow_repaired(r, self.roles) for r in self.rows]


_LABEL_THEN_AMOUNT = re.compile(r"^(?P<label>[\u4e00-\u9fff（）()、]+?)\s*(?P<amount>-?[\d,]+(?:\.\d+)?)$")


def overflow_repaired(row: list[str | None], roles: list[str]) -> list[str | None]:
    """Text that overflowed its cell: the end of a label drawn into the amount cell on its
    right ("疗 1230.54" after "行政事业单位医"), or an amount drawn into the label cell on its
    left ("合计9,184.74" before an empty amount cell). The printed characters are moved back;
    nothing is invented."""
    out = list(row)
    for i, r in enumerate(roles):
        cell = text(out[i])
        m = _LABEL_THEN_AMOUNT.match(cell) if cell else None
        if not m or not is_amount(m["amount"]):
            continue
        if r == "value" and i > 0 and roles[i - 1] == "name":
            out[i - 1] = (out[i - 1] or "") + m["label"]
            out[i] = m["amount"]
        elif r == "name" and i + 1 < len(out) and roles[i + 1] == "value" and not text(out[i + 1]):
            out[i] = m["label"]
            out[i + 1] = m["amount"]
    return out


def parts(table: LocatedTable) -> list[Part]:
    """Each grid of a table with its header paths (inherited when the part prints none)."""
    out: list[Part] = []
    for grid in table.parts:
        if not grid.rows:
            continue
        grid = lift_sub_header(grid)
        ncols = max(len(r) for r in grid.rows)
        head, start = split_header(grid.rows)
        if head and out and not _repeats_header(head, out[-1]):
            head, start = [], 0  # a continuation whose first rows print labels only (blank = 0)
        rows = [list(r) + [None] * (ncols - len(r)) for r in grid.rows[start:]]
        if head:
            out.append(Part(grid.page, header_paths(head, ncols, grid.covered_by), rows, True))
        elif out:
            out.append(Part(grid.page, inherit(out[-1].paths, ncols), rows, False))
        else:
            out.append(Part(grid.page, [()] * ncols, rows, False))
    return out


def _repeats_header(head: list[list[str | None]], previous: Part) -> bool:
    """A continuation's leading rows are a repeated header when they print the previous
    part's header words (or a 栏次 row), not row labels (which may be header words too:
    国有资本经营预算财政拨款 is a row and a column of the 财政拨款 summary)."""
    words = {key(w) for p in previous.paths for w in p if w}
    cells = [key(c) for row in head for c in row if c and key(c)]
    if any(is_lanci_row(r) for r in head):
        return True
    if any(header_role((c,)) != "value" or side_word(c) for c in cells):
        return True  # 科目编码 / 科目名称 / 项目 / 行次 / 收入 / 支出: a header (column chunks of 07 too)
    if words:
        return sum(c in words for c in cells) >= max(2, len(cells) // 2)
    return any(is_header_row(r) for r in head)


def inherit(paths: list[tuple[str, ...]], ncols: int) -> list[tuple[str, ...]]:
    """The previous part's header for a part printed without one, aligned on the value
    columns at the right (the continuation may print its 类|款|项 codes in one column)."""
    if len(paths) == ncols:
        return paths
    roles = [header_role(p) for p in paths]
    k = 0
    while k < len(paths) and roles[len(paths) - 1 - k] == "value":
        k += 1
    lead = ncols - k
    if k == 0 or lead < 0:
        return [()] * ncols
    code = next((p for p, r in zip(paths, roles, strict=True) if r == "code"), ("科目编码",))
    name = next((p for p, r in zip(paths, roles, strict=True) if r == "name"), ("科目名称",))
    before = len(paths) - k - 1  # the column just left of the values: 栏次 in many templates
    if lead >= 3 and before >= 0 and roles[before] == "lineno":
        return [code] * (lead - 2) + [name, paths[before]] + paths[len(paths) - k:]
    head = [code, name][:lead] if lead <= 2 else [code] * (lead - 1) + [name]
    return head + paths[len(paths) - k:]


def column_labels(table_id: str) -> dict[str, list[str]]:
    """column id → header keys that name it (tables.yaml and vocabulary.yaml)."""
    return {cid: list(names) for cid, names in column_aliases(table_id).items()}


def match_column(path: tuple[str, ...], labels: dict[str, list[str]]) -> str | None:
    """The column id a header path names: leaf first, then leaf with its parents; exact
    keys first, then loose keys (和/及 and a trailing 数/金额 dropped)."""
    keys = [key(p) for p in path if p and key(p)]
    if not keys:
        return None
    candidates = ["".join(keys[i:]) for i in range(len(keys) - 1, -1, -1)]
    if keys[-1] in generic_leaves():
        candidates += [keys[i] for i in range(len(keys) - 2, -1, -1)]
    for compare in (lambda k: k, loose):
        for cand in candidates:
            c = compare(cand)
            for cid, names in labels.items():
                if any(c == compare(n) for n in names):
                    return cid
    for cand in candidates:  # a word dropped at the end ("上级补助" for 上级补助收入), if unique
        c = loose(cand)
        if len(c) < 3:
            continue
        hits = {cid for cid, names in labels.items()
                for n in names if len(loose(n)) >= 3 and (loose(n).startswith(c) or c.startswith(loose(n)))}
        if len(hits) == 1:
            return hits.pop()
    return None


def role(path: tuple[str, ...]) -> str:
    """'code' | 'name' | 'lineno' | 'value' for a column's header path (vocabulary)."""
    return header_role(path)


def label_columns(roles: list[str]) -> tuple[list[int], int | None]:
    """(code columns, name column) of a part, from its columns' roles."""
    code_cols = [i for i, r in enumerate(roles) if r == "code"]
    name_col = next((i for i, r in enumerate(roles) if r == "name"), None)
    return code_cols, name_col


def value_columns(reading: Reading, table: LocatedTable, part: Part, roles: list[str],
                  labels: list[int | None], column_of, unmapped: str) -> dict[int, str]:
    """Column index → column id of the value columns not in ``labels``, named by
    ``column_of(header path)``; a printed column it cannot name makes the reading partial
    and an "unmapped_column" problem ('…: 栏目“X”<unmapped>，该栏数字未读取。')."""
    columns: dict[int, str] = {}
    unnamed: list[int] = []
    if part.content_lineno:
        reading.ambiguous.add("lineno_by_content")
    for i, r in enumerate(roles):
        if r != "value" or i in labels:
            continue
        cid = column_of(part.paths[i])
        if cid:
            columns[i] = cid
        elif any(text(row[i]) for row in part.rows):
            unnamed.append(i)
    if unnamed and OPTIONS.get().positional_columns:
        spare = [c for c in column_aliases(table.table) if c not in columns.values()]
        if len(unnamed) <= len(spare):
            columns.update(zip(unnamed, spare, strict=False))
            return dict(sorted(columns.items()))
    for i in unnamed:
        reading.partial = True
        reading.ambiguous.add("positional_columns")
        reading.problems.append(Problem(
            "unmapped_column", f"{table.title}: 栏目“{'/'.join(part.paths[i])}”{unmapped}，该栏数字未读取。",
            part.page, table.table))
    return columns


def add(reading: Reading, table: str, section: str, code: str, name: str, column: str,
        raw: str | None, page: int | None) -> None:
    """Append one cell; blank and non-numeric cells are left out, printed zeros kept."""
    value = parse_amount(raw)
    if value is not None and -value.as_tuple().exponent > MAX_DECIMALS:  # type: ignore[operator]
        reading.problems.append(Problem("unreadable_cell", f"{table_title(table)} {code or name} "
                                        f"{column_label(table, column)}: “{text(raw)}”的小数位数多于"
                                        "任何印出的金额（可能是两个数连在一起），未读取。", page, table))
        return
    if value is None:
        t = text(raw)
        if t and t not in blank_marks():
            reading.problems.append(Problem("unreadable_cell", f"{table_title(table)} {code or name} "
                                            f"{column_label(table, column)}: “{t}”不是数字，未读取。", page, table))
        return
    reading.items.append(LineItem(table, section, code, name, column, value, page,
                                  cell=getattr(raw, "ref", "")))  # a workbook cell's Sheet!B7

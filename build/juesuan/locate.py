"""Find the standard tables among a document's grids by their printed titles.

A grid's title block (the text printed above it, or its own first rows when the title
is drawn inside the frame) is matched against the spec's titles and aliases, after
removing spaces, fake-bold doubling ("收收入入"), quotes, 表号 (财决公开07表, 表1),
"（续表）" and list numbering. Grids without a title that follow a located table
(next page, same header or same shape, or marked 续表) are joined to it as parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from juesuan import spec
from juesuan.models import ExtractedDocument, Grid
from juesuan.normalize.tables_grid import is_data_row, split_header, text

_CONTINUED = re.compile(r"[（(]?续表?[0-9一二三四五六七八九十]*[）)]?|[（(]续[）)]")
_FORM = re.compile(r"财决公开\s*(\d{1,2})\s*表")
_DROP = re.compile(r"财决公开\d{1,2}表|^附表\d*[:：、.]?|^附件\d*[:：、.]?|^表[\d一二三四五六七八九十]+[:：、.]?|"
                   r"^[一二三四五六七八九十]+[、.．]|^\d+[、.．]|[“”\"'‘’「」『』]")
_YUAN = re.compile(r"单位[:：]\s*元|金额单位[:：]?\s*元|[（(]\s*元\s*[)）]")


@dataclass
class LocatedTable:
    table: str  # spec table id
    title: str  # the title line as printed
    form: str = ""  # 表号 as printed, e.g. 财决公开07表
    in_yuan: bool = False
    parts: list[Grid] = field(default_factory=list)

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(g.page for g in self.parts if g.page is not None))


def undouble(line: str) -> str:
    """'收收入入支支出出' → '收入支出' (fake bold that survived extraction)."""
    for k in (3, 2):
        if len(line) >= 2 * k and len(line) % k == 0 and all(
                line[i] == line[i + j] for i in range(0, len(line), k) for j in range(1, k)):
            return line[::k]
    return line


def title_key(line: str) -> str:
    t = undouble(text(line))
    t = _CONTINUED.sub("", t)
    previous = None
    while previous != t:
        previous, t = t, _DROP.sub("", t)
    return t.replace("(", "（").replace(")", "）")


@cache
def _titles() -> list[tuple[str, str]]:
    """(normalized title, table id), longest first so the most specific title wins."""
    pairs = []
    for tid, names in spec.table_titles().items():
        for name in names:
            pairs.append((title_key(name), tid))
    return sorted(set(pairs), key=lambda p: -len(p[0]))


@cache
def _forms() -> dict[int, str]:
    return {int(v["form"][4:-1]): k for k, v in spec.tables().items() if v.get("form")}


def title_line(line: str) -> str | None:
    """The table id when a line is a standard table's title printed on its own line
    ("一般公共预算财政拨款支出决算表（续表）"), not a mention in a sentence, a heading
    such as "…决算表情况说明" or a table-of-contents entry with leader dots."""
    if "表" not in line or len(line) > 60 or re.search(r"[…·]{2}|\.{3}", line):
        return None
    key = title_key(line)
    key = re.sub(r"[（(][^（）()]*[）)]$", "", key)  # a trailing "（2023年度）" or "（单位：元）"
    if not key.endswith("表"):
        return None
    for name, tid in _titles():
        if name and name in key and len(key) <= len(name) + 6:
            return tid
    return None


def page_titles(text: str) -> list[tuple[str, str]]:
    """(table id, line) of every standard-table title printed on its own line of a page."""
    out = []
    for line in text.split("\n"):
        tid = title_line(line.strip())
        if tid:
            out.append((tid, line.strip()))
    return out


def match_title(block: str) -> tuple[str, str, bool] | None:
    """(table id, printed title line, continued?) for a title block, or None."""
    forms = _forms()
    titles = _titles()
    for line in reversed([ln for ln in block.split("\n") if ln.strip()]):
        key = title_key(line)
        if not key or len(key) > 60:
            continue
        for name, tid in titles:
            if name and name in key and len(key) <= len(name) + 24:
                return tid, line.strip(), bool(_CONTINUED.search(text(line)))
    m = _FORM.search(text(block))
    if m and int(m.group(1)) in forms:
        return forms[int(m.group(1))], m.group(0), "续" in block
    return None


def _own_title(grid: Grid) -> tuple[str, int]:
    """Title text drawn inside the grid's first rows (before the header), and rows used."""
    lines = []
    for i, row in enumerate(grid.rows[:3]):
        cells = [c for c in row if c and c.strip()]
        if len(cells) != 1 or is_data_row(row):
            break
        lines.append(cells[0])
        if match_title("\n".join(lines)):
            return "\n".join(lines), i + 1
    return "", 0


def locate_tables(doc: ExtractedDocument) -> list[LocatedTable]:
    found: list[LocatedTable] = []
    last: LocatedTable | None = None
    for grid in doc.grids():
        block, skip = grid.title, 0
        hit = match_title(block) if block else None
        if hit is None:
            block, skip = _own_title(grid)
            hit = match_title(block) if block else None
        if skip:
            grid = Grid(page=grid.page, rows=grid.rows[skip:], title=grid.title + "\n" + block,
                        landscape=grid.landscape)
        if hit:
            tid, line, continued = hit
            earlier = next((t for t in reversed(found) if t.table == tid), None)
            if earlier is not None and (continued or earlier is last):  # 续表, or title repeated
                earlier.parts.append(grid)
                last = earlier
                continue
            form = _FORM.search(text(block))
            last = LocatedTable(tid, line, form.group(0) if form else "",
                                bool(_YUAN.search(block)), [grid])
            found.append(last)
        elif last is not None and _continues(last, grid):
            last.parts.append(grid)
        else:
            last = None  # an unrelated table (e.g. a project self-evaluation table) breaks the chain
    return found


def _continues(table: LocatedTable, grid: Grid) -> bool:
    prev = table.parts[-1]
    if grid.page is not None and prev.page is not None and grid.page - prev.page not in (0, 1):
        return False
    if "续" in grid.title:
        return True
    if any(re.search(r"表([（(].*)?$", text(line)) for line in grid.title.split("\n")):
        return False  # the title of some other table (e.g. a project self-evaluation table)
    width = len(prev.rows[0]) if prev.rows else 0
    if grid.rows and len(grid.rows[0]) == width:
        return True
    head_prev, _ = split_header(prev.rows)
    head, _ = split_header(grid.rows)
    if not head and grid.rows:
        return True  # starts with data rows right after a table: its continuation
    return bool(head_prev) and [text(c) for c in head[0] if c] == [text(c) for c in head_prev[0] if c]

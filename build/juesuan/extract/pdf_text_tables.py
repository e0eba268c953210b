"""Standard tables printed without vertical rules (三线表, or no rules at all) → Grids.

Only pages that print a standard table's title (or continue a table read this way on
the page before) and carry no ruled grid come here. Words come from PDFium's
characters. The columns are the header's leaf cells (header texts are centred in
their cells); each body word goes to the column whose centre it covers, or, when it
covers none, to the column it is aligned in (numbers to the right, labels to the
left); a header text centred over several leaf columns is a merged header cell (its
text is repeated in each column it spans, so the header paths come out as from a
ruled grid); lines of wrapped labels join their row. See pdf_text_layout for the
header and the columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.extract.pdf_geometry import Char
from juesuan.extract.pdf_text_layout import Layout, assign_row, header_layout
from juesuan.extract.pdf_text_words import Word, WordGroup
from juesuan.vocabulary import title_line
from juesuan.models import Grid

TITLE_LINES = 6  # lines above a table kept as its title block
_BLOCK_WORD = re.compile(r"^(单位名称|编制单位|填报单位|编制部门|部门名称|部门|单位|金额单位)[:：]|"
                         r"^\d{4}\s*年度?$|年度$|公开\s*\d*\s*表$|^表[\d一二三四五六七八九十]+$|"
                         r"^[（(]?续表?[）)]?$|^单位[:：]|^[（(]?单位[:：].*[)）]?$")
_FOOTER = re.compile(r"^[-—–－]*\d+[-—–－]*$|^第\d+页(共\d+页)?$")
_NOTE = re.compile(r"^(注|说明|备注|附注)\s*[:：\d、.．]")


@dataclass
class Line(WordGroup):
    """One printed line of words."""

    @property
    def height(self) -> float:
        return max(w.bottom - w.top for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def anchor(self) -> bool:
        return any(w.amount for w in self.words)


def page_lines(chars: list[Char]) -> list[Line]:
    """Printed lines (top to bottom), each cut into words at gaps and spaces."""
    boxed = sorted((c for c in chars if not c.generated), key=lambda c: (c.bottom, c.x0))
    groups: list[list[Char]] = []
    for c in boxed:
        # one baseline: the boxes' bottoms agree (their tops vary by glyph); texts of
        # neighbouring cells may be only a little higher or lower
        if groups and c.bottom - groups[-1][0].bottom <= 0.05 * (c.bottom - c.top):
            groups[-1].append(c)
            continue
        groups.append([c])
    order = {id(c): i for i, c in enumerate(chars)}
    lines = []
    for group in groups:
        group.sort(key=lambda c: c.x0)
        words: list[Word] = []
        run: list[Char] = []
        for c in group + [None]:  # type: ignore[list-item]
            if c is not None and not c.text.isspace() and (not run or _same_word(run[-1], c, order)):
                run.append(c)
                continue
            if run:
                words.append(Word("".join(ch.text for ch in run), run[0].x0, min(ch.top for ch in run),
                                  max(ch.x1 for ch in run), max(ch.bottom for ch in run)))
            run = [c] if c is not None and not c.text.isspace() else []
        if words:
            lines.append(Line(words))
    return lines


def _same_word(prev: Char, c: Char, order: dict[int, int]) -> bool:
    """Touching characters, drawn one after the other: texts of neighbouring cells are
    drawn apart even where they nearly touch."""
    gap, h = c.x0 - prev.x1, c.bottom - c.top
    return gap <= 0.25 * h and (gap <= 0.05 * h or order[id(c)] == order[id(prev)] + 1)


def text_grids(chars: list[Char], number: int, landscape: bool,
               carry: Layout | None = None) -> tuple[list[Grid], Layout | None]:
    """Grids of the tables printed without vertical rules on one page, and the layout of
    the last one (for a continuation on the next page printed without title or header)."""
    lines = page_lines(chars)
    if lines and _FOOTER.match(lines[-1].text.replace(" ", "")):
        lines = lines[:-1]
    starts = [i for i, line in enumerate(lines) if title_line(line.text)]
    regions: list[tuple[int, int, int]] = []  # (title block start, table start, end)
    if carry is not None and (not starts or starts[0] > 0):
        regions.append((0, 0, starts[0] if starts else len(lines)))
    floor = regions[0][2] if regions else 0
    for k, s in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        head = s + 1
        while head < end and all(_BLOCK_WORD.search(w.text) for w in lines[head].words):
            head += 1
        regions.append((max(floor, s - TITLE_LINES + 1), head, end))
        floor = end
    grids: list[Grid] = []
    layout = None
    for block_start, start, end in regions:
        table = _table(lines[start:end], carry)
        if table is None:
            layout = None
            continue
        rows, layout = table
        title = "\n".join(line.text for line in lines[block_start:start])
        grids.append(Grid(page=number, rows=rows, title=title, landscape=landscape))
        carry = layout
    return grids, layout


def _table(lines: list[Line], carry: Layout | None):
    """(rows, layout) of the table printed on these lines, or None."""
    lines = _until_end(lines)
    if not lines:
        return None
    first = next((i for i, line in enumerate(lines) if line.anchor), len(lines))
    while 0 < first < len(lines) and lines[first - 1].bottom + 0.5 * lines[first].height >= lines[first].top:
        first -= 1  # the upper lines of the first row's wrapped label
    header, body = lines[:first], lines[first:]
    words = _rows(body)
    if header:
        made = header_layout([w for line in header for w in line.words], words)
        if made is None:
            return None
        layout, body_rows = made
    else:
        if carry is None or not _looks_continued(body):
            return None
        layout = carry
        body_rows = [assign_row(layout, row) for row in words]
    layout.fit_edges(body_rows)
    if len(layout.centers) < 2:
        return None  # one column of text (a note, a sentence) is not a table
    rows = (layout.header_rows() if header else []) + [layout.cells(r) for r in body_rows]
    if not rows:
        return None
    return rows, layout


def _until_end(lines: list[Line]) -> list[Line]:
    """The table's lines: up to a note (注：…) or a wide vertical gap after the body."""
    out: list[Line] = []
    for line in lines:
        if _NOTE.match(line.text):
            break
        if out and any(x.anchor for x in out) and line.top - out[-1].bottom > 5 * max(line.height, 6.0):
            break
        out.append(line)
    return out


def _looks_continued(body: list[Line]) -> bool:
    """A page without title or header continues a table when most of its lines are rows."""
    return bool(body) and sum(1 for line in body if line.anchor) >= 0.5 * len(body)


def _rows(body: list[Line]) -> list[list[Word]]:
    """Words of each body row: a line with a number starts a row; a line without one is
    a wrapped piece of the nearest row when it touches it, else a row of its own."""
    rows: list[list[Line]] = []
    pending: list[Line] = []  # label-only lines waiting for the row below them
    for i, line in enumerate(body):
        gap_limit = 0.5 * line.height
        if line.anchor:
            if pending and pending[-1].bottom + gap_limit >= line.top:
                rows.append(pending + [line])
            else:
                rows.extend([[p] for p in pending])
                rows.append([line])
            pending = []
            continue
        prev = rows[-1][-1] if rows and not pending else None
        below = body[i + 1] if i + 1 < len(body) else None
        gap_up = line.top - prev.bottom if prev is not None else float("inf")
        gap_down = below.top - line.bottom if below is not None else float("inf")
        if prev is not None and gap_up <= gap_limit and (gap_up <= gap_down or not below.anchor):
            rows[-1].append(line)
        elif pending and line.top - pending[-1].bottom <= gap_limit:
            pending.append(line)
        else:
            rows.extend([[p] for p in pending])
            pending = [line]
    rows.extend([[p] for p in pending])
    return [[w for line in row for w in line.words] for row in rows]

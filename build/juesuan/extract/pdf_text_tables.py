"""Standard tables printed without vertical rules (三线表, or no rules at all) → Grids.

Only pages that print a standard table's title (or continue a table read this way on
the page before) and carry no ruled grid come here. Words come from PDFium's
characters. The columns are the header's leaf cells (header texts are centred in
their cells); each body word goes to the column whose centre it covers, or, when it
covers none, to the column it is aligned in (numbers to the right, labels to the
left); a header text centred over several leaf columns is a merged header cell (its
text is repeated in each column it spans, so the header paths come out as from a
ruled grid); lines of wrapped labels join their row. See pdf_text_header and
pdf_text_layout for the header and the columns.

Where the header ends: lines above the first row with a number are the header, except
rows printed without numbers (left-aligned with the labels below, no header word) and
类 / 款 / 项 printed in the first row (lifted into the header). A continuation of the
table read on the page before (its title printed again, or none) keeps that table's
columns when its header is not repeated, and its header when it is repeated unchanged.
"""

from __future__ import annotations

import re

from juesuan.extract.pdf_geometry import Char
from juesuan.extract.pdf_text_header import header_layout
from juesuan.extract.pdf_text_layout import Layout, assign_row
from juesuan.extract.pdf_text_words import Line, Word, blocks_of, page_lines
from juesuan.vocabulary import header_role, is_header_word, title_line
from juesuan.models import Grid

TITLE_LINES = 6  # lines above a table kept as its title block
_BLOCK_WORD = re.compile(r"^(单位名称|编制单位|填报单位|编制部门|部门名称|部门|单位|金额单位)[:：]|"
                         r"^\d{4}\s*年度?$|年度$|公开\s*\d*\s*表$|^表[\d一二三四五六七八九十]+$|"
                         r"^[（(]?续表?[）)]?$|^单位[:：]|^[（(]?单位[:：].*[)）]?$")
_FOOTER = re.compile(r"^[-—–－]*\d+[-—–－]*$|^第\d+页(共\d+页)?$")
_NOTE = re.compile(r"^(注|说明|备注|附注)\s*[:：\d、.．]")
# a row label's numbering (一、 （二） 3.): header texts are never numbered
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+\s*、|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[.、．])")


def text_grids(chars: list[Char], number: int, landscape: bool,
               carry: Layout | None = None) -> tuple[list[Grid], Layout | None]:
    """Grids of the tables printed without vertical rules on one page, and the layout of
    the last one (for a continuation on the next page printed without header)."""
    lines = page_lines(chars)
    if lines and _FOOTER.match(lines[-1].text.replace(" ", "")):
        lines = lines[:-1]
    titles = [(i, title_line(line.text)) for i, line in enumerate(lines)]
    starts = [(i, tid) for i, tid in titles if tid]
    regions: list[tuple[int, int, int, str]] = []  # (title block start, table start, end, title's table)
    if carry is not None and (not starts or starts[0][0] > 0):
        regions.append((0, 0, starts[0][0] if starts else len(lines), carry.table))
    floor = regions[0][2] if regions else 0
    for k, (s, tid) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        head = s + 1
        while head < end and all(_BLOCK_WORD.search(w.text) for w in lines[head].words):
            head += 1
        regions.append((max(floor, s - TITLE_LINES + 1), head, end, tid))
        floor = end
    grids: list[Grid] = []
    layout = None
    for block_start, start, end, tid in regions:
        table = _table(lines[start:end], carry, carry is not None and tid == carry.table)
        if table is None:
            layout = None
            continue
        rows, layout = table
        layout.table = tid
        title = "\n".join(line.text for line in lines[block_start:start])
        grids.append(Grid(page=number, rows=rows, title=title, landscape=landscape))
        carry = layout
    return grids, layout


def _table(lines: list[Line], carry: Layout | None, same: bool = False):
    """(rows, layout) of the table printed on these lines, or None. ``same``: the lines
    continue the table ``carry`` was read from (its title printed again), so lines above
    the first row without a header word are rows (the header is not repeated)."""
    lines = _until_end(lines)
    if not lines:
        return None
    anchor = first = next((i for i, line in enumerate(lines) if line.anchor), len(lines))
    while 0 < first < len(lines) and lines[first - 1].bottom + 0.5 * lines[first].height >= lines[first].top:
        first -= 1  # the upper lines of the first row's wrapped label
    if same and carry is not None and _rows_not_header(lines[:first], carry):
        first = 0
    first = _label_rows_above(lines, first)
    header, body = lines[:first], lines[first:]
    floor = None  # the bottom of the header's cells when 类 / 款 / 项 are lifted from the first row
    if header:
        floor = max(line.bottom for line in header)
        header, body = _lift_subheader(header, body, anchor - first)
    words = _rows(body)
    head_words = [w for line in header for w in line.words]
    if header and not (same and carry is not None and _repeated(head_words, carry)):
        made = header_layout(head_words, words)
        if made is None:
            return None
        layout, body_rows = made
        layout.floor = floor if len(header) > first else None
        layout.fit_edges(body_rows)
        layout.head = layout.header_rows()
    else:
        if carry is None or not (same or header or _looks_continued(body)):
            return None
        layout = carry  # its header (repeated here, or not) was read with the rows before
        body_rows = [assign_row(layout, row) for row in words]
        layout.fit_edges(body_rows)
    if len(layout.centers) < 2:
        return None  # one column of text (a note, a sentence) is not a table
    rows = (layout.head if header else []) + [layout.cells(r) for r in body_rows]
    if not rows:
        return None
    return rows, layout


def _repeated(words: list[Word], carry: Layout) -> bool:
    """The header of the table read before, printed again at the same places."""
    blocks = blocks_of(words)
    if len(blocks) != len(carry.blocks):
        return False
    pairs = zip(sorted(blocks, key=lambda b: b.cx), sorted(carry.blocks, key=lambda b: b.cx), strict=True)
    return all(a.text == b.text and abs(a.x0 - b.x0) <= 1.5 and abs(a.x1 - b.x1) <= 1.5 for a, b in pairs)


def _lift_subheader(header: list[Line], body: list[Line], at: int) -> tuple[list[Line], list[Line]]:
    """类 / 款 / 项 printed in the first row (the 合计 row) under a header that names the
    code columns: they are the header's last line (their columns' leaves), not row text."""
    if at >= len(body):
        return header, body
    sub = [w for w in body[at].words if not w.amount and header_role((w.text,)) == "code"]
    if len(sub) < 2:
        return header, body
    rest = [w for w in body[at].words if all(w is not x for x in sub)]
    return header + [Line(sub)], body[:at] + [Line(rest)] + body[at + 1:]


def _label_rows_above(lines: list[Line], first: int) -> int:
    """Where the body starts: lines just above the first row with a number that are rows
    printed without numbers (no header word, every word left-aligned with a label of the
    rows below; header texts are centred) belong to the body."""
    starts = [w.x0 for line in lines[first:] for w in line.words if not w.amount]
    while first > 1:
        words = lines[first - 1].words
        if any(_header_word(w) for w in words) or not all(
                any(abs(w.x0 - x) <= 1.0 for x in starts) for w in words):
            break
        first -= 1
    return first


def _rows_not_header(lines: list[Line], carry: Layout) -> bool:
    """Lines above the first row of a continued table are rows, not a repeated header,
    when no word of theirs is a header word, or when every word falls in a code or name
    column of the table read before (labels of rows printed without numbers; a header
    names its value columns too)."""
    words = [w for line in lines for w in line.words]
    if not any(_header_word(w) for w in words):
        return True
    placed = [carry.place(w) for w in words]
    return all(carry.roles[c] in ("code", "name") for a, b, _ in placed for c in range(a, b + 1))


def _header_word(w: Word) -> bool:
    return not _NUMBERED.match(w.text) and is_header_word(w.text)


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
    a wrapped piece of the nearest row when it touches it, else a row of its own (with
    the lines without numbers touching it: a wrapped label, a neighbour's label centred
    beside its two lines)."""
    rows: list[list[Line]] = []
    pending: list[Line] = []  # label-only lines waiting for the row below them
    for i, line in enumerate(body):
        gap_limit = 0.5 * line.height
        if line.anchor:
            if pending and pending[-1].bottom + gap_limit >= line.top:
                rows.append(pending + [line])
            else:
                rows.extend([pending] if pending else [])
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
            rows.extend([pending] if pending else [])
            pending = [line]
    rows.extend([pending] if pending else [])
    return [[w for line in row for w in line.words] for row in rows]

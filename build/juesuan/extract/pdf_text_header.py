"""Which header texts of a table printed without vertical rules are its columns (leaves).

A header text with another text right under it is a merged cell; one with texts below
it on both sides (but none right under it) may be either: a column printed across
several header rows, or a merged text over an even number of sub-columns. The body
decides: a text is a column when the body prints in it, unless all it prints there
are labels that, without it, fall in a code or name column beside it.
"""

from __future__ import annotations

from juesuan.extract.pdf_text_layout import Layout, Placed, assign_row
from juesuan.extract.pdf_text_words import Block, Word, blocks_of, merged_kind

_MARGIN = 2.0  # a number ending less than this past a centre does not stand over it


def header_layout(words: list[Word], body: list[list[Word]]) -> tuple[Layout, list[list[Placed]]] | None:
    """Leaf columns and merged header cells of a header printed without rules, and the
    body rows' words placed in those columns. A text that may be merged is a leaf when
    the body prints something in its column, unless what it prints there belongs to a
    leaf beside it (a merged text centred over a column of labels takes them from the
    leaf below it, whose column would stay empty)."""
    blocks = blocks_of(words)
    kinds = {id(b): merged_kind(b, blocks) for b in blocks}
    maybe = [b for b in blocks if kinds[id(b)] == "maybe"]
    made = _made(blocks, kinds, body)
    if made is None or not body or not maybe:
        return made
    layout, rows = made
    used = _used(layout, rows)
    empty = [b for b in maybe if id(b) not in used]
    if empty:
        for b in empty:
            kinds[id(b)] = "merged"
        made = _made(blocks, kinds, body)
        if made is None:
            return None
        used = _used(*made)
    for b in maybe:
        if kinds[id(b)] == "merged":
            continue
        kinds[id(b)] = "merged"
        other = _made(blocks, kinds, body)
        again = _used(*other) if other is not None else set()
        if other is not None and not (used - again - {id(b)}) and _labels_move(made, other, b):
            made, used = other, again
        else:
            kinds[id(b)] = "maybe"
    return made


def _labels_move(made: tuple[Layout, list[list[Placed]]], other: tuple[Layout, list[list[Placed]]],
                 b: Block) -> bool:
    """Only labels are printed in b's column, and without b they fall in a code or name
    column beside it: b is a text over that column (项目 over 科目名称), not a column."""
    layout, rows = made
    col = next(i for i, leaf in enumerate(layout.leaves) if leaf is b)
    moved = {id(w) for row in rows for a, z, w in row if a <= col <= z}
    if not moved or any(w.amount for row in rows for a, z, w in row if id(w) in moved):
        return False
    o_layout, o_rows = other
    return all(o_layout.roles[c] in ("code", "name") for row in o_rows for a, z, w in row if id(w) in moved
               for c in range(a, z + 1))


def _made(blocks: list[Block], kinds: dict[int, str], body: list[list[Word]]):
    leaves = sorted((b for b in blocks if kinds[id(b)] != "merged"), key=lambda b: b.cx)
    if not leaves:
        return None
    layout = Layout(leaves, [b for b in blocks if kinds[id(b)] == "merged"], blocks)
    return layout, [assign_row(layout, words) for words in body]


def _used(layout: Layout, rows: list[list[Placed]]) -> set[int]:
    """Leaves (by id) the body prints in: a label placed there, or a number printed over
    its centre (a number right-aligned in the column beside it may end at or just past
    that centre, the edge between the two columns under a merged text; a number printed
    under another leaf's header text is in that leaf's column)."""
    used = set()
    for row in rows:
        for a, _, w in row:
            if w.amount and not _over(w, a, layout):
                continue
            used.add(id(layout.leaves[a]))
    return used


def _over(w: Word, col: int, layout: Layout) -> bool:
    c = layout.centers[col]
    return w.x0 <= c <= w.x1 - _MARGIN and not any(
        k != col and w.x0 < leaf.x1 and leaf.x0 < w.x1 for k, leaf in enumerate(layout.leaves))

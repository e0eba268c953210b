"""Lines, words and header cells of a table printed without vertical rules.

A Line is one printed baseline; a Word is a run of touching characters on it (a label
printed letter-spaced, "其 他 支 出", is one word; texts of neighbouring cells are
drawn apart and stay apart even where they touch); a Block is one header cell's text
(words stacked in wrapped lines). A header text is merged (spans several leaf
columns) when texts below it stand under it; see pdf_text_header and pdf_text_layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.amounts import is_amount
from juesuan.extract.pdf_geometry import Char


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    amount: bool = field(init=False)

    def __post_init__(self) -> None:
        self.amount = is_amount(self.text)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class WordGroup:
    """Words printed together (a line, a header cell): their bounding box."""

    words: list[Word]

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Block(WordGroup):
    """One header cell's text: words stacked in wrapped lines."""

    @property
    def text(self) -> str:
        return cell_text(self.words)


def cell_text(words: list[Word]) -> str:
    """Words of one cell as printed: lines top to bottom, words left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(w.top - lines[-1][0].top) <= 0.45 * (w.bottom - w.top):
            lines[-1].append(w)
        else:
            lines.append([w])
    return "\n".join(" ".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines)


def bands(groups: list[Block]) -> list[list[Block]]:
    """Merged header texts in bands of texts side by side (overlapping heights), top
    band first, each band left to right."""
    bands: list[list[Block]] = []
    for g in sorted(groups, key=lambda b: b.top):
        if bands and any(o.top < g.bottom and o.bottom > g.top for o in bands[-1]):
            bands[-1].append(g)
        else:
            bands.append([g])
    return [sorted(band, key=lambda b: b.cx) for band in bands]


def blocks_of(words: list[Word]) -> list[Block]:
    """Header words stacked into cells: a word right under a block's last line, overlapping
    it horizontally, is a wrapped line of the same cell."""
    blocks: list[Block] = []
    last: dict[int, list[Word]] = {}
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        h = w.bottom - w.top
        home = None
        for k, b in enumerate(blocks):
            line = last[k]
            bottom = max(x.bottom for x in line)
            x0, x1 = min(x.x0 for x in line), max(x.x1 for x in line)
            overlap = min(x1, w.x1) - max(x0, w.x0)
            if -0.3 * h <= w.top - bottom <= 0.45 * h and overlap >= 0.5 * min(x1 - x0, w.x1 - w.x0):
                home = k
        if home is None:
            blocks.append(Block([w]))
            last[len(blocks) - 1] = [w]
        else:
            blocks[home].words.append(w)
            line = last[home]
            last[home] = line + [w] if abs(w.top - line[0].top) <= 0.45 * h else [w]
    return blocks


def zone(b: Block, blocks: list[Block]) -> tuple[float, float]:
    """Between the nearest header texts left and right of b at its height."""
    left = [o.x1 for o in blocks if o is not b and o.x1 <= b.x0 + 1 and o.top < b.bottom and o.bottom > b.top]
    right = [o.x0 for o in blocks if o is not b and o.x0 >= b.x1 - 1 and o.top < b.bottom and o.bottom > b.top]
    return (max(left) if left else float("-inf"), min(right) if right else float("inf"))


def merged_kind(b: Block, blocks: list[Block]) -> str:
    """'merged' for a header text standing over texts below it (one right under it),
    'maybe' when texts below lie on both sides of its centre between its neighbours (an
    even number of sub-columns, or a leaf printed across two rows between merged texts:
    the body tells), else 'leaf'."""
    below = [o for o in blocks if o is not b and o.top >= b.bottom + 1]
    if any(o.x0 < b.x1 + 2 and o.x1 > b.x0 - 2 for o in below):
        return "merged"
    zl, zr = zone(b, blocks)
    inside = [o.cx for o in below if zl < o.cx < zr]
    if any(x < b.cx for x in inside) and any(x > b.cx for x in inside):
        return "maybe"
    return "leaf"


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
    """Printed lines (top to bottom), each cut into words at gaps and spaces (a label
    printed letter-spaced, "其 他 支 出", stays one word: see _letter_spaced)."""
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
        text: list[str] = []
        spaced = False  # a space after the run's last character
        for c in group + [None]:  # type: ignore[list-item]
            if c is not None and c.text.isspace():
                spaced = spaced or bool(run)
                continue
            if c is not None and run and (_letter_spaced(run[-1], c, chars, order) if spaced
                                          else _same_word(run[-1], c, chars, order)):
                text.append(" " + c.text if spaced else c.text)
                run.append(c)
                spaced = False
                continue
            if run:
                words.append(Word("".join(text), run[0].x0, min(ch.top for ch in run),
                                  max(ch.x1 for ch in run), max(ch.bottom for ch in run)))
            run, text, spaced = ([c], [c.text], False) if c is not None else ([], [], False)
        if words:
            lines.append(Line(words))
    return lines


def _same_word(prev: Char, c: Char, chars: list[Char], order: dict[int, int]) -> bool:
    """Touching characters, drawn one after the other (or with only PDFium's inserted
    separators between them): texts of neighbouring cells are drawn apart even where
    they touch (a wrapped header line is drawn between two headers printed edge to edge)."""
    gap, h = c.x0 - prev.x1, c.bottom - c.top
    i, j = sorted((order[id(prev)], order[id(c)]))
    if j == i + 1:
        return gap <= 0.25 * h
    return gap <= 0.05 * h and all(ch.generated for ch in chars[i + 1:j])


def _letter_spaced(prev: Char, c: Char, chars: list[Char], order: dict[int, int]) -> bool:
    """Two letters of one text drawn with one space between them (a label printed
    letter-spaced): the space is a printed character of the same run, and the letters
    are not digits (numbers of neighbouring cells are never joined)."""
    i, h = order[id(prev)], c.bottom - c.top
    if order[id(c)] != i + 2 or c.x0 - prev.x1 > 0.75 * h:
        return False
    between = chars[i + 1]
    return (between.text == " " and not between.generated
            and not any(ch.isdigit() or ch in ".,-" for ch in (prev.text, c.text)))

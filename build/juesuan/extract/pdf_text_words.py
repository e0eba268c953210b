"""Words and header cells of a table printed without vertical rules.

A Word is a run of touching characters on one baseline; a Block is one header cell's
text (words stacked in wrapped lines). A header text is merged (spans several leaf
columns) when texts below it stand under it; see pdf_text_layout for the spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.amounts import is_amount


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

"""Columns of a table printed without vertical rules, from its header and body words.

The leaf cells of the header (texts with no other header text below them in their
zone) give the columns: header texts are centred in their cells, so a leaf's centre
is its column's centre. A header text with texts below it is a merged cell: it spans
the run of leaf columns it is centred over. Body words are placed by the centres
they cover, or by their alignment (numbers right, labels and codes left). Column
edges are then fitted between the texts of neighbouring columns.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from juesuan.extract.pdf_text_words import Block, Word, bands, cell_text, zone
from juesuan.vocabulary import header_role, is_lineno_word

_CODE = re.compile(r"^\d{2}$|^\d{3}(\d{2}){0,2}$")  # 类 / 款 / 项 (split or whole), economic codes
_TOTAL = re.compile(r"合计|总计|小计")
_PAD = 2.5  # assumed cell padding when an edge is fitted from one side only


def role(text: str) -> str:
    """'code' | 'name' | 'lineno' | 'value' of a leaf header text (schemas/vocabulary.yaml)."""
    return header_role((text,))


Placed = tuple[int, int, Word]  # (first column, last column, word)


@dataclass
class Layout:
    leaves: list[Block]
    groups: list[Block]
    blocks: list[Block]
    centers: list[float] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    edges: list[float] = field(default_factory=list)  # len(centers) + 1 column edges
    table: str = ""  # the table id of the title printed above it ("" when none)
    floor: float | None = None  # the bottom of the leaves' cells, when not the header's lowest text
    head: list[list[str | None]] = field(default_factory=list)  # header rows, once read

    def __post_init__(self) -> None:
        self.centers = [b.cx for b in self.leaves]
        self.roles = [role(b.text) for b in self.leaves]

    # ------------------------------------------------------------ body words

    def place(self, w: Word) -> Placed:
        covered = [i for i, c in enumerate(self.centers) if w.x0 <= c <= w.x1]
        if covered:
            return covered[0], covered[-1], w
        n = len(self.centers)
        left_of = bisect_right(self.centers, w.x0)  # first column whose centre is right of x0
        if left_of >= n:
            return n - 1, n - 1, w
        if left_of == 0:
            return 0, 0, w
        right_al = left_of - 1  # the column it would be right-aligned in
        if _CODE.match(w.text) and self.roles[left_of] == "code":
            col = left_of
        elif w.amount:
            numeric = ("value", "lineno")
            right = self.roles[right_al] in numeric or self.roles[left_of] not in numeric
            col = right_al if right else left_of
        else:
            col = left_of
        return col, col, w

    def fit_edges(self, rows: list[list[Placed]]) -> None:
        """Column edges between the texts of neighbouring columns (header leaves and body).
        An edge is sure where the body prints aligned texts beside it (numbers right-aligned
        before it, labels left-aligned after it); a header text alone is centred, and says
        only that the edge lies beyond it."""
        n = len(self.centers)
        lo = [b.x0 for b in self.leaves]
        hi = [b.x1 for b in self.leaves]
        body_lo: list[float | None] = [None] * n
        body_hi: list[float | None] = [None] * n
        for row in rows:
            if _numbering(row):
                continue  # 栏次 1, 2, 3 … are centred in their cells
            for a, b, w in row:
                if a == b:
                    lo[a], hi[a] = min(lo[a], w.x0), max(hi[a], w.x1)
                    if not w.amount and (_TOTAL.search(w.text) or is_lineno_word(w.text)):
                        continue  # a total's label, 栏次, may be centred
                    body_lo[a] = w.x0 if body_lo[a] is None else min(body_lo[a], w.x0)
                    body_hi[a] = w.x1 if body_hi[a] is None else max(body_hi[a], w.x1)
        inner, sure = [], []
        for i in range(n - 1):
            mid = (hi[i] + lo[i + 1]) / 2
            if hi[i] >= lo[i + 1]:
                inner.append((self.centers[i] + self.centers[i + 1]) / 2)
                sure.append(False)
            elif self.roles[i + 1] in ("code", "name") and body_lo[i + 1] is not None:
                inner.append(max(lo[i + 1] - _PAD, mid))  # left-aligned labels
                sure.append(True)
            elif self.roles[i] == "value" and body_hi[i] is not None:
                inner.append(min(hi[i] + _PAD, mid))  # right-aligned numbers
                sure.append(True)
            else:
                inner.append(mid)
                sure.append(False)
        for i in range(n - 1):  # a header is centred in its cell: mirror the sure edge
            if sure[i]:
                continue
            mirrored = [2 * self.centers[i + 1] - inner[i + 1]] if i + 1 < n - 1 and sure[i + 1] else []
            mirrored += [2 * self.centers[i] - inner[i - 1]] if i > 0 and sure[i - 1] else []
            fits = [x for x in mirrored if hi[i] - 1 <= x <= lo[i + 1] + 1]
            if fits:
                inner[i] = sum(fits) / len(fits)
        first = lo[0] - _PAD if not inner or not sure[0] else min(lo[0] - _PAD, 2 * self.centers[0] - inner[0])
        last = hi[-1] + _PAD if not inner or not sure[-1] else max(hi[-1] + _PAD, 2 * self.centers[-1] - inner[-1])
        self.edges = [first, *inner, last]

    def cells(self, row: list[Placed]) -> list[str | None]:
        """One body row as grid cells: None where a word printed across columns covers them."""
        n = len(self.centers)
        by_col: dict[int, list[Word]] = {}
        spans: dict[int, int] = {}
        for a, b, w in row:
            by_col.setdefault(a, []).append(w)
            spans[a] = max(spans.get(a, a), b)
        for a in list(by_col):
            if len(by_col[a]) == 1 and _TOTAL.search(by_col[a][0].text):
                lo, hi = self._free_run(a, by_col, spans)
                if hi > lo and abs((self.edges[lo] + self.edges[hi + 1]) / 2 - by_col[a][0].cx) <= 3 + 0.03 * (
                        self.edges[hi + 1] - self.edges[lo]):
                    by_col[lo] = by_col.pop(a)
                    spans.pop(a)
                    spans[lo] = hi
        out: list[str | None] = [""] * n
        for a, b in spans.items():
            for c in range(a + 1, b + 1):
                if c not in by_col:
                    out[c] = None
        for a, words in by_col.items():
            out[a] = cell_text(words)
        return out

    def _free_run(self, col: int, by_col: dict, spans: dict) -> tuple[int, int]:
        taken = {c for a, b in spans.items() if a != col for c in range(a, b + 1)}
        lo, hi = col, spans[col]
        while lo - 1 >= 0 and lo - 1 not in taken:
            lo -= 1
        while hi + 1 < len(self.centers) and hi + 1 not in taken:
            hi += 1
        return lo, hi

    # ------------------------------------------------------------ header

    def header_rows(self) -> list[list[str | None]]:
        """Header rows as a ruled grid would give them: a merged header text in each
        column it spans, a leaf's text once at the top of its column and None below."""
        paths: list[list[Block]] = [[] for _ in self.centers]
        spans: list[tuple[int, int]] = []
        for band in bands(self.groups):
            taken: set[int] = set()  # texts side by side share out the columns, left to right
            for g in band:
                near = self._nearest(g.cx)
                parent = next((sp for sp in reversed(spans) if sp[0] <= near <= sp[1]), None)
                lo, hi = self._span(g, parent, taken)
                taken.update(range(lo, hi + 1))
                for c in range(lo, hi + 1):
                    paths[c].append(g)
            spans.extend(sp for sp in (self._covering(paths, g) for g in band) if sp)
        for c, leaf in enumerate(self.leaves):
            paths[c].append(leaf)
        depth = max((len(p) for p in paths), default=0)
        return [[p[r].text if r < len(p) else None for p in paths] for r in range(depth)]

    def _under(self, g: Block, cols: list[int]) -> list[int]:
        """Columns whose first text below g is on the level of g's own sub-headers: a leaf
        printed across g's row and the rows below (centred higher up) is g's sibling. A
        leaf is taken for a sibling only when it is also centred too high for a cell that
        starts below g (leaves' cells end at the header's bottom; a merged text is never
        a sibling leaf)."""
        below = [o for o in self.blocks if o is not g and o.top >= g.bottom + 1]
        if not below:
            return cols
        covering = [o for o in below if o.x0 <= g.cx <= o.x1]
        core = min(covering, key=lambda o: o.top) if covering else min(
            below, key=lambda o: (abs(o.cx - g.cx), o.top))
        level = (core.top + core.bottom) / 2
        line = min(w.bottom - w.top for w in core.words)
        bottom = self.floor if self.floor is not None else max(o.bottom for o in self.blocks)
        leaves = {id(b) for b in self.leaves}
        keep = []
        for i in cols:
            inside = [o for o in below if self.edges[i] <= o.cx <= self.edges[i + 1]]
            first = min(inside, key=lambda o: o.top, default=None)
            if first is None:
                continue
            middle = (first.top + first.bottom) / 2
            if middle >= level - 0.25 * line - 2 or id(first) not in leaves or (
                    middle >= ((g.top + g.bottom) / 2 + bottom) / 2):
                keep.append(i)
        return keep

    @staticmethod
    def _covering(paths: list[list[Block]], g: Block) -> tuple[int, int] | None:
        cols = [c for c, p in enumerate(paths) if any(x is g for x in p)]
        return (cols[0], cols[-1]) if cols else None

    def _nearest(self, x: float) -> int:
        return min(range(len(self.centers)), key=lambda i: abs(self.centers[i] - x))

    def _span(self, g: Block, parent: tuple[int, int] | None, taken: set[int]) -> tuple[int, int]:
        """The run of leaf columns a merged header text is centred over, inside its zone
        (and its parent's span). A top-level text takes the widest centred run (it names
        every column below it); a nested one the narrowest centred run of two columns or
        more that holds every column its text is printed over (the leaf beside it may be
        a sibling printed across two rows, not a child)."""
        zl, zr = zone(g, self.blocks)
        cols = [i for i, c in enumerate(self.centers) if zl < c < zr and i not in taken]
        cols = self._under(g, cols)
        near = self._nearest(g.cx)
        if near in cols:  # one run of free columns around the text
            lo = hi = cols.index(near)
            while lo > 0 and cols[lo - 1] == cols[lo] - 1:
                lo -= 1
            while hi + 1 < len(cols) and cols[hi + 1] == cols[hi] + 1:
                hi += 1
            cols = cols[lo:hi + 1]
        if parent is not None:
            cols = [i for i in cols if parent[0] <= i <= parent[1]]
        if not cols:
            near = self._nearest(g.cx)
            return near, near
        core = [i for i in cols if self.edges[i] < g.x1 and self.edges[i + 1] > g.x0]
        scored = []
        for a in cols:
            for b in cols:
                if b < a or not self.edges[a] <= g.cx <= self.edges[b + 1]:
                    continue
                if parent is not None and (b == a or (core and not (a <= core[0] and core[-1] <= b))):
                    continue
                scored.append((abs((self.edges[a] + self.edges[b + 1]) / 2 - g.cx), a, b))
        if not scored:
            return (core[0], core[-1]) if core else (cols[0], cols[-1])
        best = min(d for d, _, _ in scored)
        near = [x for x in scored if x[0] <= best + 3.0]
        if best > 3.0 + 0.03 * (self.edges[-1] - self.edges[0]):
            near = [x for x in scored if x[0] == best]
        pick = min if parent is not None else max
        _, a, b = pick(near, key=lambda x: x[2] - x[1])
        return a, b


def _numbering(row: list[Placed]) -> bool:
    """A row of column numbers (栏次): three or more integers counting up by one."""
    nums = [w.text for _, _, w in sorted(row, key=lambda p: p[2].x0) if w.amount]
    if len(nums) < 3 or not all(t.isdigit() and len(t) <= 3 for t in nums):
        return False
    return all(int(b) == int(a) + 1 for a, b in zip(nums, nums[1:], strict=False))


def assign_row(layout: Layout, words: list[Word]) -> list[Placed]:
    return [layout.place(w) for w in sorted(words, key=lambda w: (w.top, w.x0))]

"""Page geometry from PDFium: characters, ruling lines, and ruled grids.

Characters and ruling lines are read with pypdfium2 (about 1 ms per page); the cells
of a ruled table are found with pdfplumber's table-finding algorithm (snap, join,
intersections → cells → tables), fed with those lines instead of pdfminer's objects,
which would cost 50–80 ms per page. Coordinates are display coordinates: origin at the
top-left of the page as shown (page rotation applied), y growing downwards.
"""

from __future__ import annotations

import ctypes
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import pypdfium2.raw as R
from pdfplumber.table import cells_to_tables, edges_to_intersections, merge_edges

from juesuan.textnorm import simplified_char

TOLERANCE = 3  # snap / join / intersection tolerance, points
MIN_EDGE = 3.0  # shorter ruling segments are ignored
_PATH, _FORM, _IMAGE = R.FPDF_PAGEOBJ_PATH, R.FPDF_PAGEOBJ_FORM, R.FPDF_PAGEOBJ_IMAGE
_SEG_MOVE = R.FPDF_SEGMENT_MOVETO


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    generated: bool  # a space or line break PDFium inserted, with no box of its own

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2


class Frame:
    """Maps PDF user space to display space for one page (rotation and media box)."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int):
        self.l, self.b, self.r, self.t = mediabox
        self.rot = rotation % 360

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rot == 90:
            return y - self.b, x - self.l
        if self.rot == 180:
            return self.r - x, y - self.b
        if self.rot == 270:
            return self.t - y, self.r - x
        return x - self.l, self.t - y

    def box(self, left: float, bottom: float, right: float, top: float):
        xa, ya = self.point(left, bottom)
        xb, yb = self.point(right, top)
        return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


def read_chars(textpage, frame: Frame, simplify: bool = False) -> list[Char]:
    """Every character of the page in content order, fake-bold duplicates removed; in
    simplified script when ``simplify`` (a page printed in traditional characters)."""
    rect = R.FS_RECTF()
    chars: list[Char] = []
    unicode, generated, loose_box = R.FPDFText_GetUnicode, R.FPDFText_IsGenerated, R.FPDFText_GetLooseCharBox
    upright = frame.rot == 0
    left, top_ = frame.l, frame.t
    for i in range(R.FPDFText_CountChars(textpage)):
        code = unicode(textpage, i)
        if generated(textpage, i):
            chars.append(Char(chr(code), 0, 0, 0, 0, True))
            continue
        loose_box(textpage, i, rect)
        if upright:
            x0, top, x1, bottom = rect.left - left, top_ - rect.top, rect.right - left, top_ - rect.bottom
        else:
            x0, top, x1, bottom = frame.box(rect.left, rect.bottom, rect.right, rect.top)
        ch = chr(code) if code else "\ufffd"
        chars.append(Char(simplified_char(ch) if simplify else ch, x0, top, x1, bottom, False))
    return dedupe_chars(chars)


def dedupe_chars(chars: list[Char], tolerance: float = 1.5) -> list[Char]:
    """Drop characters drawn again on top of an identical one (fake bold: "收收入入").

    Grid-bucketed: a character is looked up only in its own and the 8 neighbouring
    buckets of a ``tolerance`` grid, so the cost is linear in the number of characters.
    """
    seen: set[tuple[str, int, int]] = set()
    kept: list[Char] = []
    near = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    for c in chars:
        if c.generated or c.text.isspace():
            kept.append(c)
            continue
        t, kx, ky = c.text, round(c.x0 / tolerance), round(c.top / tolerance)
        if any((t, kx + dx, ky + dy) in seen for dx, dy in near):
            continue
        seen.add((t, kx, ky))
        kept.append(c)
    return kept


def _matrix(obj) -> tuple[float, ...]:
    m = R.FS_MATRIX()
    if not R.FPDFPageObj_GetMatrix(obj, m):
        return (1, 0, 0, 1, 0, 0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple, outer: tuple) -> tuple:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _visible(obj) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    R.FPDFPath_GetDrawMode(obj, fill, stroke)
    if stroke.value:
        return True
    if not fill.value:
        return False
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    R.FPDFPageObj_GetFillColor(obj, r, g, b, a)
    return a.value > 0 and min(r.value, g.value, b.value) < 245  # white fill: invisible


def _path_segments(obj, matrix: tuple) -> list[tuple[float, float, float, float]]:
    """Straight pieces of a path object, in PDF user space."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    out, prev, start = [], None, None
    for i in range(R.FPDFPath_CountSegments(obj)):
        seg = R.FPDFPath_GetPathSegment(obj, i)
        R.FPDFPathSegment_GetPoint(seg, x, y)
        pt = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if R.FPDFPathSegment_GetType(seg) == _SEG_MOVE:
            start = pt
        elif prev is not None:
            out.append((*prev, *pt))
        if R.FPDFPathSegment_GetClose(seg) and start is not None:
            out.append((*pt, *start))
        prev = pt
    return out


def page_objects(page) -> tuple[list, float]:
    """(path objects with their page matrices, image area) of a page, forms flattened."""
    paths, image_area = [], 0.0
    stack = [(R.FPDFPage_GetObject(page, i), (1, 0, 0, 1, 0, 0))
             for i in range(R.FPDFPage_CountObjects(page))]
    while stack:
        obj, outer = stack.pop()
        kind = R.FPDFPageObj_GetType(obj)
        if kind == _PATH:
            paths.append((obj, _compose(_matrix(obj), outer)))
        elif kind == _FORM:
            inner = _compose(_matrix(obj), outer)
            stack.extend((R.FPDFFormObj_GetObject(obj, j), inner)
                         for j in range(R.FPDFFormObj_CountObjects(obj)))
        elif kind == _IMAGE:
            l, bt, r, t = (ctypes.c_float() for _ in range(4))
            R.FPDFPageObj_GetBounds(obj, l, bt, r, t)
            image_area += abs((r.value - l.value) * (t.value - bt.value))
    return paths, image_area


def ruling_edges(paths: list, frame: Frame) -> list[dict]:
    """Horizontal and vertical ruling segments as pdfplumber edge dicts."""
    edges = []
    for obj, matrix in paths:
        if not _visible(obj):
            continue
        for xa, ya, xb, yb in _path_segments(obj, matrix):
            x0, top, x1, bottom = frame.box(min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))
            if bottom - top <= 1.0 and x1 - x0 >= MIN_EDGE:
                y = (top + bottom) / 2
                edges.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0,
                              "height": 0, "orientation": "h"})
            elif x1 - x0 <= 1.0 and bottom - top >= MIN_EDGE:
                x = (x0 + x1) / 2
                edges.append({"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0,
                              "height": bottom - top, "orientation": "v"})
    return edges


def has_grid_lines(edges: list[dict]) -> bool:
    h = sum(1 for e in edges if e["orientation"] == "h")
    return h >= 2 and len(edges) - h >= 2


def find_tables(edges: list[dict]) -> list[list[tuple[float, float, float, float]]]:
    """Cell boxes of each ruled table (pdfplumber's "lines" strategy, tolerance 3)."""
    merged = merge_edges(edges, TOLERANCE, TOLERANCE, TOLERANCE, TOLERANCE)
    merged = [e for e in merged if (e["x1"] - e["x0"]) + (e["bottom"] - e["top"]) >= MIN_EDGE]
    points = edges_to_intersections(merged, TOLERANCE, TOLERANCE)
    return cells_to_tables(intersections_to_cells(points))


def intersections_to_cells(points: dict) -> list[tuple[float, float, float, float]]:
    """pdfplumber.table.intersections_to_cells with the edge sets computed once per point."""
    ids: dict[int, int] = {}
    v_of, h_of = {}, {}
    for pt, touching in points.items():
        v_of[pt] = frozenset(ids.setdefault(id(e), len(ids)) for e in touching["v"])
        h_of[pt] = frozenset(ids.setdefault(id(e), len(ids)) for e in touching["h"])

    def connects(p1, p2) -> bool:
        if p1[0] == p2[0] and not v_of[p1].isdisjoint(v_of[p2]):
            return True
        return p1[1] == p2[1] and not h_of[p1].isdisjoint(h_of[p2])

    ordered = sorted(points)
    by_x: dict[float, list] = {}
    by_y: dict[float, list] = {}
    for pt in ordered:
        by_x.setdefault(pt[0], []).append(pt)
        by_y.setdefault(pt[1], []).append(pt)
    cells = []
    for pt in ordered:
        below = [p for p in by_x[pt[0]] if p > pt]
        right = [p for p in by_y[pt[1]] if p > pt]
        cell = None
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in points and connects(corner, right_pt) and connects(corner, below_pt):
                    cell = (pt[0], pt[1], corner[0], corner[1])
                    break
            if cell:
                break
        if cell:
            cells.append(cell)
    return cells


def text_lines(chars: list[Char], space_gap: float | None = None) -> list[str]:
    """Printed lines of a set of characters (top to bottom, left to right)."""
    boxed = sorted((c for c in chars if not c.generated), key=lambda c: (c.mid_y, c.x0))
    lines: list[list[Char]] = []
    for c in boxed:
        if lines:
            last = lines[-1]
            ref = last[0]
            if abs(c.mid_y - ref.mid_y) <= max(2.0, 0.45 * (ref.bottom - ref.top)):
                last.append(c)
                continue
        lines.append([c])
    out = []
    for line in lines:
        line.sort(key=lambda c: c.x0)
        parts, prev = [], None
        for c in line:
            gap_limit = space_gap if space_gap is not None else 0.6 * (c.bottom - c.top)
            if prev is not None and c.x0 - prev.x1 > gap_limit and not c.text.isspace():
                parts.append(" ")
            parts.append(c.text)
            prev = c
        text = "".join(parts).strip()
        if text:
            out.append(" ".join(text.split()))
    return out


def fill_grid(cells: list[tuple], chars: list[Char]) -> tuple[list[list[str | None]], tuple, dict]:
    """Rows of cell texts (None where a merged cell covers the position), the bbox, and
    which merged cell covers each None position ((row, col) → (row, col) of its origin)."""
    xs = sorted({round(c[0], 1) for c in cells})
    tops = sorted({round(c[1], 1) for c in cells})
    grid: list[list[str | None]] = [[None] * len(xs) for _ in tops]
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for x0, top, x1, bottom in cells:
        r0, c0 = tops.index(round(top, 1)), xs.index(round(x0, 1))
        r1 = bisect_left(tops, round(bottom, 1) - 0.05)
        c1 = bisect_left(xs, round(x1, 1) - 0.05)
        for r in range(r0, max(r1, r0 + 1)):
            for c in range(c0, max(c1, c0 + 1)):
                if (r, c) != (r0, c0):
                    covered[(r, c)] = (r0, c0)
    boxed = sorted((c for c in chars if not c.generated), key=lambda c: c.mid_y)
    mids = [c.mid_y for c in boxed]
    for x0, top, x1, bottom in cells:
        lo, hi = bisect_left(mids, top), bisect_right(mids, bottom)
        inside = [c for c in boxed[lo:hi] if x0 <= c.mid_x < x1 and top <= c.mid_y < bottom]
        grid[tops.index(round(top, 1))][xs.index(round(x0, 1))] = "\n".join(
            text_lines(inside, space_gap=TOLERANCE))
    bbox = (min(c[0] for c in cells), min(c[1] for c in cells),
            max(c[2] for c in cells), max(c[3] for c in cells))
    return grid, bbox, covered

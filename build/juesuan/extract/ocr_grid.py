"""Ruled tables in a page image: deskew, find the ruling lines, and the cells they enclose.

A scanned page is turned back by the angle that makes its rows of ink sharpest (projection
profile, coarse then fine), so ruling lines run straight. Horizontal and vertical rules are the
long thin runs of ink a morphological opening keeps; each connected frame of rules is a table
whose row and column boundaries are the rules' positions. Between two neighbouring positions an
elementary cell has a border where ink of the rule runs along most of its side; elementary cells
with no border between them form one merged cell (as a printed merged header or 合计 row is),
reported as spans, as the PDF route reports pdfplumber's cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

INK = 150  # grey level below which a pixel is ink (after a light blur)
MAX_SKEW = 2.0  # degrees searched either way
MIN_RULE = 0.16  # the shortest rule segment kept, in inches (a narrow column's width)
FINE_RULE = 0.06  # inches: the shorter runs that tell whether a cell side is ruled
BORDER_SHARE = 0.6  # share of a cell side that must be ruled for it to be a border


@dataclass
class TableCells:
    """One ruled table: boundaries in pixels, and its cells as (row0, col0, row1, col1) spans
    (end exclusive) over the elementary grid."""

    xs: list[int]
    ys: list[int]
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def box(self, span: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        r0, c0, r1, c1 = span
        return self.xs[c0], self.ys[r0], self.xs[c1], self.ys[r1]


def ink(gray: np.ndarray) -> np.ndarray:
    """A 0/255 mask of the dark pixels, speckle smoothed out first."""
    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    return np.where(blurred < INK, 255, 0).astype(np.uint8)


def _sharpness(mask: np.ndarray, angle: float) -> float:
    h, w = mask.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    turned = cv2.warpAffine(mask, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    rows = turned.sum(axis=1, dtype=np.float64)
    return float(np.sum(np.diff(rows) ** 2))


def skew_angle(gray: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise as cv2 turns) that straightens the page's rows."""
    mask = ink(gray)
    if not mask.any():
        return 0.0
    scale = min(1.0, 900 / max(mask.shape))
    small = cv2.resize(mask, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    # coarse on a small copy, fine at full size; of equally sharp angles the smallest wins
    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.1), key=lambda a: (_sharpness(small, a), -abs(a)))
    fine = np.arange(best - 0.1, best + 0.1 + 1e-9, 0.02)
    return round(float(max(fine, key=lambda a: (_sharpness(mask, a), -abs(a)))), 2)


def deskew(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """(the page turned straight, the angle used); white fills the corners."""
    angle = skew_angle(gray)
    if abs(angle) < 0.05:
        return gray, 0.0
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255), angle


def rule_masks(gray: np.ndarray, dpi: int, length: float = MIN_RULE) -> tuple[np.ndarray, np.ndarray]:
    """(horizontal rules, vertical rules) as 0/255 masks: runs of ink ``length`` inches or longer."""
    mask = ink(gray)
    k = max(9, round(length * dpi))
    horizontal = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    vertical = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k)))
    # close the gaps noise leaves in a rule, in its own direction only
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 9)))
    return horizontal, vertical


def _positions(profile: np.ndarray, gap: int) -> list[int]:
    """Centres of the runs of rows (or columns) where profile is set, runs closer than gap joined."""
    idx = np.flatnonzero(profile)
    if not idx.size:
        return []
    out, start, prev = [], idx[0], idx[0]
    for i in idx[1:]:
        if i - prev > gap:
            out.append(round((start + prev) / 2))
            start = i
        prev = i
    out.append(round((start + prev) / 2))
    return out


def _ruled(mask: np.ndarray, fixed: int, lo: int, hi: int, horizontal: bool, tol: int) -> bool:
    """Whether the rule at ``fixed`` (a row for horizontal rules, a column for vertical) is inked
    along most of [lo, hi)."""
    lo, hi = lo + tol, hi - tol
    if hi <= lo:
        return True
    band = mask[max(0, fixed - tol):fixed + tol + 1, lo:hi] if horizontal else \
        mask[lo:hi, max(0, fixed - tol):fixed + tol + 1]
    covered = band.any(axis=0 if horizontal else 1)
    return covered.mean() >= BORDER_SHARE


def find_tables(gray: np.ndarray, dpi: int) -> tuple[list[TableCells], np.ndarray]:
    """The ruled tables on a straight page, top to bottom, and the mask of all their rules."""
    horizontal, vertical = rule_masks(gray, dpi)
    fine_h, fine_v = rule_masks(gray, dpi, FINE_RULE)
    rules = cv2.bitwise_or(horizontal, vertical)
    joined = cv2.dilate(rules, np.ones((5, 5), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    tables, tol = [], max(2, dpi // 60)
    min_side = round(0.3 * dpi)
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if w < min_side or h < min_side // 2:
            continue
        region = labels[y:y + h, x:x + w] == label
        hz = np.where(region, horizontal[y:y + h, x:x + w], 0)
        vt = np.where(region, vertical[y:y + h, x:x + w], 0)
        # a rule counts where it runs a good part of the frame (text strokes do not)
        ys = _positions(hz.sum(axis=1) >= 255 * max(MIN_RULE * dpi, 0.05 * w), 2 * tol)
        xs = _positions(vt.sum(axis=0) >= 255 * max(MIN_RULE * dpi * 0.8, 0.02 * h), 2 * tol)
        if len(xs) < 2 or len(ys) < 2:
            continue
        # whether a cell side is ruled is read on finer masks: a stretch of rule the long
        # opening lost (a thin or faded rule, a residual slope) still counts there
        table = _cells(fine_h[y:y + h, x:x + w], fine_v[y:y + h, x:x + w], xs, ys, tol)
        if len(table.spans) < 2:
            continue  # a framed box, not a table
        table.xs = [v + x for v in table.xs]
        table.ys = [v + y for v in table.ys]
        tables.append(table)
    tables.sort(key=lambda t: t.ys[0])
    return tables, rules


def _cells(hz: np.ndarray, vt: np.ndarray, xs: list[int], ys: list[int], tol: int) -> TableCells:
    """Elementary cells joined where no rule separates them (union-find), as rectangles."""
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not _ruled(vt, xs[c + 1], ys[r], ys[r + 1], False, tol):
                parent[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and not _ruled(hz, ys[r + 1], xs[c], xs[c + 1], True, tol):
                parent[find((r + 1) * cols + c)] = find(r * cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(rows):
        for c in range(cols):
            groups.setdefault(find(r * cols + c), []).append((r, c))
    spans = []
    for members in groups.values():
        r0 = min(r for r, _ in members)
        c0 = min(c for _, c in members)
        r1 = max(r for r, _ in members) + 1
        c1 = max(c for _, c in members) + 1
        spans.append((r0, c0, r1, c1))
    spans.sort()
    return TableCells(xs=list(xs), ys=list(ys), spans=spans)

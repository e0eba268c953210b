"""Drawing primitives on a reportlab canvas: fonts, wrapped text, ruled span grids."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from .grid import SpanGrid
from .variations import TTF_CANDIDATES

PAD = 2.5


@lru_cache(maxsize=None)
def register(font: str) -> str:
    if font in TTF_CANDIDATES:
        path, index = TTF_CANDIDATES[font]
        pdfmetrics.registerFont(TTFont(font, path, subfontIndex=index))
    else:
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    return font


@lru_cache(maxsize=200_000)
def width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


NO_LINE_START = set("。，、；：？！）》”’%％")
TOKEN = re.compile(r"[0-9A-Za-z.,%\-]+|.", re.S)


def wrap(text: str, w: float, font: str, size: float) -> list[str]:
    """Greedy wrap as a word processor does for Chinese: any character may end a line, but a
    number stays whole and closing punctuation never starts a line; explicit newlines kept."""
    out: list[str] = []
    for para in text.split("\n"):
        line = ""
        for tok in TOKEN.findall(para):
            if line and tok[0] not in NO_LINE_START and width(line + tok, font, size) > w:
                out.append(line)
                line = tok
            else:
                line += tok
        out.append(line)
    return out


def min_header_width(text: str, font: str, size: float) -> float:
    return min(width(text, font, size), width("四个汉字", font, size)) + 2 * PAD


def column_widths(g: SpanGrid, font: str, size: float, max_label: float) -> list[float]:
    """Natural widths: body texts unwrapped (labels up to max_label), header texts may wrap."""
    ws = [0.0] * g.ncols
    for c in sorted(g.cells, key=lambda c: c.cs):
        header = c.row < g.header_rows and c.align == "c"
        need = (min_header_width(c.text, font, size) if header
                else min(width(c.text, font, size) + 2 * PAD, max_label))
        have = sum(ws[c.col:c.col + c.cs])
        if need > have:
            extra = (need - have) / c.cs
            for i in range(c.col, c.col + c.cs):
                ws[i] += extra
    return [max(w, width("00", font, size) + 2 * PAD) for w in ws]


@dataclass
class Placed:
    widths: list[float]
    heights: list[float]
    lines: dict[int, list[str]]  # cell index -> wrapped lines


def place(g: SpanGrid, widths: list[float], font: str, size: float) -> Placed:
    lead = size * 1.25
    heights = [size + 2 * PAD + 3] * g.nrows
    lines: dict[int, list[str]] = {}
    for i, c in enumerate(sorted(g.cells, key=lambda c: c.rs)):
        w = sum(widths[c.col:c.col + c.cs]) - 2 * PAD
        ls = wrap(c.text, w, font, size) if c.text else [""]
        lines[id(c)] = ls
        need = len(ls) * lead + 2 * PAD + 2
        have = sum(heights[c.row:c.row + c.rs])
        if need > have:
            heights[c.row + c.rs - 1] += need - have
    return Placed(widths, heights, lines)


def draw_rows(canvas, g: SpanGrid, p: Placed, rows: list[int], x0: float, y_top: float, font: str,
              size: float, rules: str = "all") -> float:
    """Draw the given grid rows (in order, stacked) from y_top; cells spanning rows are drawn whole
    when their first row is drawn. Returns the y below the last row.

    rules: "all" frames every cell; "horizontal" draws a 三线表 (a rule above the table, one
    under the header rows when they are drawn, one under the last row); "none" draws no rule."""
    y_of: dict[int, float] = {}
    y = y_top
    for r in rows:
        y_of[r] = y
        y -= p.heights[r]
    xs = [x0]
    for w in p.widths:
        xs.append(xs[-1] + w)
    canvas.setFont(font, size)
    canvas.setLineWidth(0.5)
    lead = size * 1.25
    for c in g.cells:
        if c.row not in y_of:
            continue
        top = y_of[c.row]
        h = sum(p.heights[c.row:c.row + c.rs])
        left, right = xs[c.col], xs[c.col + c.cs]
        if rules == "all":
            canvas.rect(left, top - h, right - left, h, stroke=1, fill=0)
        ls = p.lines[id(c)]
        ty = top - (h - len(ls) * lead) / 2 - size * 0.95
        for line in ls:
            if c.align == "l":
                canvas.drawString(left + PAD, ty, line)
            elif c.align == "r":
                canvas.drawRightString(right - PAD, ty, line)
            else:
                canvas.drawCentredString((left + right) / 2, ty, line)
            ty -= lead
    if rules == "horizontal" and rows:
        canvas.setLineWidth(1.0)
        canvas.line(xs[0], y_top, xs[-1], y_top)
        head = [r for r in rows if r < g.header_rows]
        if head and len(head) < len(rows):
            y_head = y_of[head[-1]] - p.heights[head[-1]]
            canvas.setLineWidth(0.5)
            canvas.line(xs[0], y_head, xs[-1], y_head)
        canvas.setLineWidth(1.0)
        canvas.line(xs[0], y, xs[-1], y)
    return y


def draw_text(canvas, text: str, x: float, y: float, font: str, size: float, align: str = "l",
              bold: bool = False) -> None:
    canvas.setFont(font, size)
    fn = {"l": canvas.drawString, "c": canvas.drawCentredString, "r": canvas.drawRightString}[align]
    fn(x, y, text)
    if bold:  # fake bold: the same glyphs again, a hair to the right
        fn(x + 0.35, y, text)

"""A scanned page (an image without a text layer) → a Page, by OCR.

The page is rendered (PDF) or loaded (image file) at a fixed resolution, turned straight
(ocr_grid.deskew), its ruled tables found (ocr_grid.find_tables), the rules erased so the
recogniser reads cell text only, and the whole page read once (ocr.read_text). Each text box
goes to the cell that holds its centre (a box that runs over a column rule is cut there: by the
engine's character boxes, or by reading each piece of its image again); a number loses what the
recogniser or a speck adds to it (look-alike letters, stray dots, a decimal comma), and a column
of codes a stray dot. The page's text is every line, as the PDF route's is. The Page has
the structure the PDF route gives (text, grids with merged-cell spans, titles above grids) and
``ocr=True``; everything after extraction is shared, so every OCR'd number still has to pass
the table identities to be published as verified. Progress is logged per page on the
``juesuan.progress`` logger.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageSequence

from juesuan.errors import UnreadableDocument
from juesuan.extract.ocr import MIN_SCORE, TextBox, engine, read_text, recognise
from juesuan.extract.ocr_grid import TableCells, deskew, find_tables
from juesuan.limits import limit, page_deadline
from juesuan.models import ExtractedDocument, Grid, Page, Problem

log = logging.getLogger(__name__)
progress = logging.getLogger("juesuan.progress")

DPI = 200  # pages are read at this resolution
TITLE_LINES = 6  # lines above a grid kept as its title block (as the PDF route)
# a cell that is a number but for the recogniser's look-alikes (O for 0, l for 1, a stray dot)
_NUMERIC = re.compile(r"^[-−—+(（]?[\dOoDlI|,，.．:：\s]+[)）%]?$")
_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", ":": ".", "：": ".",
                            "，": ",", "．": ".", "−": "-", "—": "-"})


def read_page(image: Image.Image, number: int, dpi: int = DPI) -> Page:
    """One page image (at ``dpi``) → Page(ocr=True)."""
    gray = np.asarray(image.convert("L"))
    straight, angle = deskew(gray)
    tables, rules = find_tables(straight, dpi)
    clean = erase_rules(straight, rules, tables)
    boxes = read_text(clean)
    grids, inside = [], set()
    floor = 0
    for table in tables:
        rows, covered, used = fill(table, boxes, clean)
        inside |= used
        x0, top, x1, bottom = table.bbox
        above = [b for b in boxes if floor - 2 <= b.mid_y < top and id(b) not in inside]
        title = "\n".join(text_lines(above)[-TITLE_LINES:])
        grids.append(Grid(page=number, rows=rows, title=title, landscape=gray.shape[1] > gray.shape[0],
                          covered_by=covered))
        floor = bottom
    text = "\n".join(text_lines(boxes))
    log.debug("page %d: turned %.2f°, %d tables, %d text boxes", number, angle, len(grids), len(boxes))
    return Page(number=number, text=text, grids=grids, landscape=gray.shape[1] > gray.shape[0], ocr=True)


def erase_rules(gray: np.ndarray, rules: np.ndarray, tables: list[TableCells]) -> np.ndarray:
    """The page with the tables' rules turned white (inside the tables only: a long stroke of a
    large title character outside them is not a rule), so cell texts are read apart."""
    if not tables:
        return gray
    out = gray.copy()
    pad = 4
    for table in tables:
        x0, top, x1, bottom = table.bbox
        window = (slice(max(0, top - pad), bottom + pad + 1), slice(max(0, x0 - pad), x1 + pad + 1))
        out[window] = np.where(rules[window] > 0, 255, out[window])
    return out


def fill(table: TableCells, boxes: list[TextBox], image: np.ndarray | None = None
         ) -> tuple[list[list[str | None]], dict, set[int]]:
    """Rows of cell texts (None where a merged cell covers the position), which cell covers each
    None position, and the ids of the boxes placed in the table (``image``: the page they were
    read from, to read again the pieces of a box that runs over a column rule)."""
    rows: list[list[str | None]] = [[None] * (len(table.xs) - 1) for _ in range(len(table.ys) - 1)]
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    taken: set[tuple[int, int]] = set()
    used: set[int] = set()
    x0, top, x1, bottom = table.bbox
    within = []
    for b in boxes:
        if x0 <= b.mid_x < x1 and top <= b.mid_y < bottom:
            used.add(id(b))
            within += split(b, table, image)
    for span in table.spans:
        r0, c0, r1, c1 = span
        if (r0, c0) in taken:
            continue  # a non-rectangular merge already placed
        for r in range(r0, r1):
            for c in range(c0, c1):
                if (r, c) != (r0, c0) and (r, c) not in taken:
                    covered[(r, c)] = (r0, c0)
                taken.add((r, c))
        bx0, btop, bx1, bbottom = table.box(span)
        mine = [b for b in within if bx0 <= b.mid_x < bx1 and btop <= b.mid_y < bbottom]
        rows[r0][c0] = cell_text(mine)
    code_columns(rows)
    for (r, c) in list(covered):
        if rows[r][c] is not None:  # a position claimed by two merges keeps its own text
            del covered[(r, c)]
    return rows, covered, used


def split(box: TextBox, table: TableCells, image: np.ndarray | None = None) -> list[TextBox]:
    """A box that runs over a column rule (two cells' texts read as one run: "款项", "0.0031003")
    in pieces, each then placed by its own centre: the engine's character boxes where it gives
    them, else the box's image cut at the rules and each piece read again, else (no image) the
    box cut in proportion to the characters' printed widths. Any other box whole."""
    if len(box.parts) < 2:  # one word: its own box is tighter than the detected line's
        tight = box.parts[0] if box.parts else box
        return _cut(tight, table, image) if _crosses(tight, table) else [box]
    if not _crosses(box, table):
        return [box]
    out: list[TextBox] = []
    for part in box.parts:
        out += _cut(part, table, image) if _crosses(part, table) else [part]
    return out


def _cut(box: TextBox, table: TableCells, image: np.ndarray | None) -> list[TextBox]:
    if len(box.text) < 2:
        return [box]
    return _read_pieces(box, table, image) if image is not None else _characters(box)


def _read_pieces(box: TextBox, table: TableCells, image: np.ndarray) -> list[TextBox]:
    cuts = [x for x in _borders(table, box.mid_y) if box.x0 < x < box.x1]
    edges = [box.x0, *cuts, box.x1]
    top, bottom = max(0, int(box.top)), int(box.bottom) + 1
    out, gap = [], max(2, round(box.height / 10))  # keep off the rule: a sliver of the next
    for x0, x1 in zip(edges, edges[1:], strict=False):  # cell's first glyph reads as a character
        left = int(x0) + (gap if x0 in cuts else 0)
        right = int(x1) - (gap if x1 in cuts else 0)
        crop = image[top:bottom, max(0, left):right + 1]
        if crop.size == 0 or (x1 - x0) < 0.3 * box.height or not (crop < 128).any():
            continue
        text, score = recognise(crop)
        if text and score >= MIN_SCORE:
            out.append(TextBox(text, x0, box.top, x1, box.bottom, score))
    return out or _characters(box)


def _borders(table: TableCells, y: float) -> list[int]:
    """The column rules of the table's row at height y: a merged cell's inner columns have none."""
    row = next((r for r in range(len(table.ys) - 1) if table.ys[r] <= y < table.ys[r + 1]), None)
    if row is None:
        return []
    last = len(table.xs) - 1
    return sorted({table.xs[c1] for r0, _, r1, c1 in table.spans if r0 <= row < r1 and c1 < last})


def _crosses(box: TextBox, table: TableCells) -> bool:
    margin = 0.25 * box.height
    return any(box.x0 + margin < x < box.x1 - margin for x in _borders(table, box.mid_y))


def _width(ch: str) -> float:
    """A character's printed width in ems: Han and full-width forms 1, digits and letters ½,
    separators ¼."""
    if ch in ".,:;'|":
        return 0.25
    return 1.0 if ord(ch) > 0x2E80 else 0.5


def _characters(box: TextBox) -> list[TextBox]:
    text = box.text.replace(" ", "")
    total = sum(_width(ch) for ch in text) or 1.0
    out, x = [], box.x0
    for ch in text:
        w = (box.x1 - box.x0) * _width(ch) / total
        out.append(TextBox(ch, x, box.top, x + w, box.bottom, box.score))
        x += w
    return out


def code_columns(rows: list[list[str | None]]) -> None:
    """In a column of codes (nearly every filled cell the same number of digits, no separators:
    类 "207", 款 "01"), a cell the recogniser read with a stray dot or comma ("20.7") loses it when
    what is left has that many digits. In place; a misreading beyond that is left to the identities."""
    for c in range(max((len(r) for r in rows), default=0)):
        cells = [t for r in rows if c < len(r) and (t := r[c]) and any(ch.isdigit() for ch in t)]
        codes = [t for t in cells if t.isdigit()]
        if len(codes) < 3 or len(codes) < 0.7 * len(cells) or len({len(t) for t in codes}) != 1:
            continue
        width = len(codes[0])
        for r in rows:
            t = r[c] if c < len(r) else None
            if t and not t.isdigit():
                bare = re.sub(r"[.,]", "", t)
                if bare.isdigit() and len(bare) == width:
                    r[c] = bare


def cell_text(boxes: list[TextBox]) -> str:
    """A cell's lines; a number freed of what a speck or the recogniser adds to it: look-alike
    letters, a doubled or a leading or trailing dot, a decimal comma (",60" with no dot: thousands
    groups have three digits)."""
    text = "\n".join(text_lines(boxes, cell=True))
    if _NUMERIC.match(text) and any(ch.isdigit() for ch in text):
        text = re.sub(r"\s+", "", text.translate(_LOOKALIKE))
        text = re.sub(r"([.,])[.,]+", r"\1", text)
        text = re.sub(r"^([-(]?)[.,]+(?=\d)", r"\1", text).rstrip(".,")
        if "." not in text:
            text = re.sub(r",(\d{2})$", r".\1", text)
    return text


def text_lines(boxes: list[TextBox], cell: bool = False) -> list[str]:
    """Boxes grouped into lines (centres within half a line's height), each line left to right;
    a gap wider than a fifth of the height is a space, except inside a cell between Chinese
    characters or punctuation ("维修（护）费" printed with a wider gap stays one word)."""
    lines: list[list[TextBox]] = []
    for b in sorted(boxes, key=lambda b: b.mid_y):
        if lines:
            last = lines[-1]
            mid = sum(x.mid_y for x in last) / len(last)
            height = max(x.height for x in last)
            if abs(b.mid_y - mid) <= height / 2:
                last.append(b)
                continue
        lines.append([b])
    out = []
    for line in lines:
        line.sort(key=lambda b: b.x0)
        parts = [line[0].text]
        for prev, b in zip(line, line[1:], strict=False):
            wide = b.x0 - prev.x1 > prev.height / 5
            latin = prev.text[-1].isascii() and b.text[0].isascii()
            parts.append((" " if wide and (latin or not cell) else "") + b.text)
        out.append("".join(parts))
    return out


def timed_read(image: Image.Image, number: int, total: int, path: Path, dpi: int = DPI) -> Page:
    """One page by OCR within the limit ``ocr_page_seconds`` (schemas/limits.yaml): a page that takes
    longer refuses the report with one line naming the file and the page. Refused rather than
    skipped: a scan is read only by OCR, so a skipped page would drop its tables and a part of the
    report would go missing with nothing but a hint to say so, and a page this slow is a sign of
    a pathological image (the pixels are capped by ``ocr_max_pixels``) or an overloaded machine,
    where the next page would fail too."""
    engine()  # built once per process (seconds), outside the page's time
    start = time.perf_counter()
    with page_deadline(path, number, "ocr_page_seconds"):
        page = read_page(image, number, dpi)
    progress.info("%s: OCR 第%d/%d页 (page %d of %d): %d 个表格, %.1f s", path.name, number, total, number, total,
                  len(page.grids), time.perf_counter() - start)
    return page


def fit_pixels(width: float, height: float, scale: float) -> float:
    """``scale`` or less: a page of width × height at that scale stays within ``ocr_max_pixels``."""
    cap = limit("ocr_max_pixels")
    if width * height * scale * scale > cap:
        smaller = (cap / (width * height)) ** 0.5
        log.info("a page of %.0f × %.0f at scale %.2f is over ocr_max_pixels: read at scale %.2f",
                 width, height, scale, smaller)
        return smaller
    return scale


def ocr_problems(doc: ExtractedDocument) -> list[Problem]:
    """One ``ocr_page`` hint per page read by OCR (problems.csv lists them, the site says so)."""
    return [Problem("ocr_page", f"第{p.number}页是没有文字层的扫描图像，由 OCR 识别；其中的数字只有在勾稽关系"
                                "成立时才标为已核验。", p.number) for p in doc.pages if p.ocr]


def check_blank(path: Path, pages: list[Page], ocr_pages: list[int]) -> None:
    """A document whose scanned pages gave no text, and no other page has any: one clear error."""
    if ocr_pages and not any(p.text.strip() for p in pages):
        where = ", ".join(str(n) for n in ocr_pages[:10]) + ("…" if len(ocr_pages) > 10 else "")
        raise UnreadableDocument(path, f"扫描件上没有可识别的文字 (scanned, no text layer, and OCR found no "
                                       f"text on page(s) {where}: a blank page?)", page=ocr_pages[0],
                                 fix="check that the right file was scanned, or ask the publisher for a text PDF")


# ---------------------------------------------------------------- image files


def image_frames(path: Path) -> list[Image.Image]:
    """Every frame of an image file (a multi-page TIFF has several) at DPI, in grey."""
    try:
        img = Image.open(path)
        frames = [f.convert("L") for f in ImageSequence.Iterator(img)]
    except (OSError, ValueError, Image.DecompressionBombError) as e:
        raise UnreadableDocument(path, f"无法读取图像 (cannot read the image: {e})",
                                 fix="download the file again or save it as PNG/JPEG/PDF") from e
    dpi = img.info.get("dpi", (0, 0))[0] or 0
    out = []
    for frame in frames:
        scale = fit_pixels(frame.width, frame.height, DPI / dpi if dpi and abs(dpi - DPI) > 5 else 1.0)
        if scale != 1.0:
            frame = frame.resize((round(frame.width * scale), round(frame.height * scale)), Image.Resampling.LANCZOS)
        out.append(frame)
    return out


def extract_image(path: Path) -> ExtractedDocument:
    """A scanned page saved as an image (PNG, JPEG, TIFF …) → ExtractedDocument by OCR."""
    from juesuan.extract.document import sha256_of

    path = Path(path)
    frames = image_frames(path)
    pages = [timed_read(f, n, len(frames), path) for n, f in enumerate(frames, 1)]
    check_blank(path, pages, list(range(1, len(pages) + 1)))
    return ExtractedDocument(source=path, format="image", sha256=sha256_of(path), page_count=len(pages),
                             pages=pages)

"""PDF → ExtractedDocument: page text and ruled-table grids, one page at a time; a page that
is an image without a text layer (a scan) is read by OCR (extract/scan.py).

PDFium (pypdfium2) reads every page: text, character boxes, ruling lines. Only pages
that carry ruling lines go through table finding (pdfplumber's algorithm on PDFium's
lines, see pdf_geometry). Each page is closed before the next is opened, so memory
stays flat whatever the page count. Unreadable input raises UnreadableDocument with
the file, the page where it applies, the cause and the fix.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pypdfium2 as pdfium

from juesuan.errors import UnreadableDocument
from juesuan.extract import pdf_active
from juesuan.extract.document import sha256_of
from juesuan.extract.pdf_geometry import (Char, Frame, fill_grid, find_tables, has_grid_lines,
                                          page_objects, read_chars, ruling_edges, text_lines)
from juesuan.extract.pdf_text_tables import text_grids
from juesuan.limits import check_pdf_pages, page_deadline
from juesuan.textnorm import is_traditional, simplified_char
from juesuan.vocabulary import is_toc_text, page_titles
from juesuan.models import ExtractedDocument, Grid, Page

log = logging.getLogger(__name__)

TITLE_LINES = 6  # lines above a grid kept as its title block
_BAD_GLYPH_SHARE = 0.3  # share of unmappable glyphs that marks a font without ToUnicode
# doubled characters ("收收入入") or a doubled phrase: the page may have fake-bold text
_FAKE_BOLD = re.compile(r"([\u4e00-\u9fff])\1([\u4e00-\u9fff])\2|([\u4e00-\u9fff]{3,12})\3")
_SCAN_MAX_CHARS = 20  # a page image with less text than this is read by OCR
_FIX_OCR = "run OCR first (e.g. `ocrmypdf in.pdf out.pdf`) or ask the publisher for a text PDF"


def extract_pdf(path: Path) -> ExtractedDocument:
    path = Path(path)
    pdf = _open(path)
    try:
        pages, scanned, cid_checked, carry = [], [], False, None
        count = len(pdf)
        check_pdf_pages(path, count)  # schemas/limits.yaml: pdf_max_pages, pdf_page_seconds
        for index in range(count):
            with page_deadline(path, index + 1):
                page, is_scanned, carry = _read_page(pdf, index, path, carry)
            if is_scanned:  # an image without a text layer: read by OCR (extract/scan.py)
                scanned.append(index + 1)
                page, carry = _ocr_page(pdf, index, path, count), None
            pages.append(page)
            if not cid_checked and not page.ocr and _no_cjk(page.text):
                cid_checked = True
                _check_cid(path, page.number)
    finally:
        pdf.close()
    _check_scanned(path, pages, scanned)
    return ExtractedDocument(source=path, format="pdf", sha256=sha256_of(path),
                             page_count=len(pages), pages=pages,
                             source_meta=pdf_active.source_meta(path))  # JavaScript, launch, files


def page_count(path: Path) -> int:
    pdf = _open(Path(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


# ---------------------------------------------------------------- opening


def _open(path: Path) -> pdfium.PdfDocument:
    if not path.exists():
        raise UnreadableDocument(path, "文件不存在 (file not found)")
    size = path.stat().st_size
    if size == 0:
        raise UnreadableDocument(path, "文件为空 (empty file)", fix="check that the download completed")
    with open(path, "rb") as f:
        head = f.read(1024)
        f.seek(max(0, size - 2048))
        tail = f.read()
    if b"%PDF" not in head:
        raise UnreadableDocument(path, "不是PDF文件 (not a PDF: no %PDF header, No /Root object)",
                                 fix="check the file type; juesuan reads PDF, DOCX and text exports")
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        raise _open_error(path, e, tail) from e
    if b"%%EOF" not in tail:
        n = len(pdf)
        pdf.close()
        raise UnreadableDocument(
            path, f"文件不完整 (truncated PDF: Unexpected EOF; only {n} page(s) readable)",
            page=n or None, fix="download the file again")
    return pdf


def _open_error(path: Path, e: Exception, tail: bytes) -> UnreadableDocument:
    code = getattr(e, "err_code", None)
    if code == pdfium.raw.FPDF_ERR_PASSWORD:
        return UnreadableDocument(path, "PDF已加密 (encrypted PDF: a password is required)",
                                  fix="ask the publisher for an unprotected file or decrypt it "
                                      "(`qpdf --decrypt --password=... in.pdf out.pdf`)")
    if code == pdfium.raw.FPDF_ERR_SECURITY:
        return UnreadableDocument(path, "PDF使用不支持的加密方式 (unsupported security handler)",
                                  fix="decrypt it first (`qpdf --decrypt in.pdf out.pdf`)")
    if b"%%EOF" not in tail:
        return UnreadableDocument(path, "文件不完整 (truncated PDF: Unexpected EOF)",
                                  fix="download the file again")
    return UnreadableDocument(path, f"无法解析PDF (damaged PDF: No /Root object; {e})",
                              fix="download the file again or re-save it from a PDF viewer")


# ---------------------------------------------------------------- one page


def _read_page(pdf: pdfium.PdfDocument, index: int, path: Path, carry=None):
    """(page, scanned?, layout of a table without vertical rules that may go on)."""
    number = index + 1
    try:
        page = pdf[index]
    except pdfium.PdfiumError as e:
        raise UnreadableDocument(path, f"无法读取页面 (cannot load page: {e})", page=number,
                                 fix="download the file again") from e
    textpage = page.get_textpage()
    try:
        width, height = page.get_size()
        rotation = page.get_rotation()
        landscape = (width > height) != (rotation % 180 == 90)
        paths, image_area = page_objects(page)
        raw = textpage.get_text_range()
        _check_glyphs(path, number, raw)
        grids: list[Grid] = []
        chars: list[Char] | None = None
        frame = Frame(page.get_mediabox(), rotation)
        traditional = is_traditional(raw)
        if traditional:  # tables are found by their words: read them in simplified script
            raw = "".join(simplified_char(c) for c in raw)
        if paths or _FAKE_BOLD.search(raw):
            chars = read_chars(textpage, frame, traditional)
            text = _page_text(chars)
            if paths:
                grids = _grids(number, chars, paths, frame, landscape)
        else:
            text = _clean_text(raw)
        layout = None
        if not grids and (carry is not None or page_titles(text)) and not is_toc_text(text):
            # a standard table printed without vertical rules (三线表 or none): read it from
            # the words' positions; only pages with such a title (or its continuation) pay
            chars = chars if chars is not None else read_chars(textpage, frame, traditional)
            grids, layout = text_grids(chars, number, landscape, carry)
        # an image over the page and (almost) no text: a scan, perhaps with a stamped page number
        scanned = len("".join(text.split())) < _SCAN_MAX_CHARS and image_area >= 0.5 * width * height
    finally:
        textpage.close()
        page.close()
    return Page(number=number, text=text, grids=grids, landscape=landscape), scanned, layout


def _page_text(chars: list[Char]) -> str:
    return _clean_text("".join(c.text for c in chars))


def _clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _grids(number: int, chars: list[Char], paths: list, frame: Frame, landscape: bool):
    edges = ruling_edges(paths, frame)
    if not has_grid_lines(edges):
        return []
    grids, floor = [], 0.0
    for cells in find_tables(edges):
        rows, (x0, top, x1, bottom), covered = fill_grid(cells, chars)
        if len(rows) < 2 and len(rows[0]) < 2:
            continue  # a framed box, not a table
        above = [c for c in chars if not c.generated and floor - 1 <= c.top and c.bottom <= top + 1]
        title = "\n".join(text_lines(above)[-TITLE_LINES:])
        grids.append(Grid(page=number, rows=rows, title=title, landscape=landscape,
                          covered_by=covered))
        floor = bottom
    return grids


# ---------------------------------------------------------------- bad input


def _unmappable(ch: str) -> bool:
    o = ord(ch)
    return o == 0xFFFD or o == 0xFFFE or (o < 32 and ch not in "\r\n\t") or 0xE000 <= o <= 0xF8FF


def _check_glyphs(path: Path, number: int, text: str) -> None:
    glyphs = [ch for ch in text if not ch.isspace()]
    if len(glyphs) < 10:
        return
    bad = sum(1 for ch in glyphs if _unmappable(ch))
    if bad / len(glyphs) > _BAD_GLYPH_SHARE:
        raise UnreadableDocument(
            path, f"字体缺少ToUnicode映射，文字无法识别 (font without ToUnicode map: {bad} of "
                  f"{len(glyphs)} glyphs unreadable, shown as (cid:NN))", page=number,
            fix=_FIX_OCR)


def _no_cjk(text: str) -> bool:
    """Many letters, none Chinese: another language, or glyph codes read as letters."""
    letters = [ch for ch in text if ch.isalpha()]
    cjk = sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff")
    return len(letters) >= 20 and cjk < 0.05 * len(letters)


def _check_cid(path: Path, number: int) -> None:
    """Ask pdfminer (one page, once per file) whether the glyphs have no Unicode mapping."""
    import pdfplumber

    with pdfplumber.open(path, pages=[number]) as pdf:
        text = pdf.pages[0].extract_text() or ""
    cids = len(re.findall(r"\(cid:\d+\)", text))
    if cids and cids * 8 >= len(text.replace(" ", "")) * 0.3:
        raise UnreadableDocument(
            path, f"字体缺少ToUnicode映射，文字无法识别 (font without ToUnicode map: {cids} glyphs "
                  "read as (cid:NN))", page=number, fix=_FIX_OCR)


def _ocr_page(pdf: pdfium.PdfDocument, index: int, path: Path, count: int) -> Page:
    """A page without a text layer, rendered at scan.DPI (less for a page so large that it would
    pass ``ocr_max_pixels``) and read by OCR within ``ocr_page_seconds``."""
    from juesuan.extract.scan import DPI, fit_pixels, timed_read

    page = pdf[index]
    try:
        width, height = page.get_size()
        scale = fit_pixels(width, height, DPI / 72)
        image = page.render(scale=scale, grayscale=True, rotation=0).to_pil()
    finally:
        page.close()
    return timed_read(image, index + 1, count, path, round(72 * scale))


def _check_scanned(path: Path, pages: list[Page], scanned: list[int]) -> None:
    """Scanned pages were read by OCR; a scan on which OCR found no text at all is refused."""
    if not scanned:
        return
    from juesuan.extract.scan import check_blank

    check_blank(path, pages, scanned)
    log.info("%s: page(s) %s read by OCR (scanned images without a text layer)", path, _page_ranges(scanned))


def _page_ranges(numbers: list[int]) -> str:
    out, start, prev = [], numbers[0], numbers[0]
    for n in numbers[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(f"{start}" if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)

"""Word (.docx) → ExtractedDocument: body text in order, every table as a Grid.

DOCX has no printed page numbers: pages are split on explicit page breaks (w:br
type="page", pageBreakBefore, section breaks) and numbered None. A merged cell is given
once, at its first grid column and first row; the cells it covers are None, as with
pdfplumber. A table's rows are written into the page text too (cells joined by tabs),
at the table's position, so that the text reads like the text exports.
"""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from juesuan.errors import UnreadableDocument
from juesuan.models import ExtractedDocument, Grid, Page

log = logging.getLogger(__name__)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TITLE_PARAGRAPHS = 6  # at most this many paragraphs above a table form its title (as pdf.TITLE_LINES)
TITLE_MAX_CHARS = 80  # a longer paragraph is running text, not a caption
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# one cell of a caption block laid out as a small table: 单位名称/编制单位, 年度, 单位, 表号
CAPTION_CELL = re.compile(r"^((编制|填报|预算|部门)?单位(名称)?|金额单位)\s*[:：]|^\d{4}\s*年(度)?$|"
                          r"^[（(]?\d{4}\s*年(度)?[）)]?$|^(财决)?公开\s*\d{1,2}\s*表$|^表\s*\d{1,2}$")


@dataclass
class _PageBuf:
    lines: list[str] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)  # paragraphs since the last table
    landscape: bool = False


def _attr(el, name: str) -> str | None:
    return el.get(W + name) if el is not None else None


def _int_val(el, default: int) -> int:
    try:
        return int(_attr(el, "val") or default)
    except ValueError:
        return default


def _in_fallback(el) -> bool:
    return any(a.tag == MC_FALLBACK for a in el.iterancestors())


def _run_pieces(p):
    """Paragraph → pieces of text and "\f" for explicit page breaks, in order."""
    for el in p.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if _in_fallback(el):
            continue
        if el.tag == W + "t":
            yield el.text or ""
        elif el.tag == W + "tab":
            yield "\t"
        elif el.tag == W + "br" and _attr(el, "type") == "page":
            yield "\f"
        else:
            yield "\n"


def _paragraph_text(p) -> str:
    return "".join(x for x in _run_pieces(p) if x != "\f")


def _children(el, tag: str):
    """Direct children with this tag, looking through content controls (w:sdt)."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _children(content, tag)


def _cell_text(tc) -> str:
    texts = [_paragraph_text(p) for p in tc.iter(W + "p")]
    return "\n".join(t.strip() for t in texts if t.strip())


def table_rows(tbl) -> list[list[str | None]]:
    """w:tbl → rows of cell texts; cells covered by a merge (across or down) are None."""
    return table_grid(tbl)[0]


def table_grid(tbl) -> tuple[list[list[str | None]], dict[tuple[int, int], tuple[int, int]]]:
    """Rows of cell texts (None where a merge covers the position) and, for each covered
    position, the (row, col) of the merged cell that covers it (gridSpan across, vMerge down)."""
    width = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
    rows: list[list[str | None]] = []
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for tr in _children(tbl, W + "tr"):  # a nested table's rows stay in its outer cell
        r = len(rows)
        trpr = tr.find(W + "trPr")
        row: list[str | None] = [None] * _int_val(trpr.find(W + "gridBefore") if trpr is not None
                                                 else None, 0)
        for tc in _children(tr, W + "tc"):
            tcpr = tc.find(W + "tcPr")
            span = _int_val(tcpr.find(W + "gridSpan") if tcpr is not None else None, 1)
            vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
            down = vmerge is not None and _attr(vmerge, "val") in (None, "continue")
            c = len(row)
            origin = covered.get((r - 1, c), (r - 1, c)) if down and r > 0 else (r, c)
            for k in range(span):
                if (r, c + k) != origin:
                    covered[(r, c + k)] = origin
            row.append(None if down else _cell_text(tc))
            row.extend([None] * (span - 1))
        width = max(width, len(row))
        rows.append(row)
    return [r + [None] * (width - len(r)) for r in rows], covered


TITLE_END = re.compile(r"表\s*([（(][^）)]*[）)])?$")  # 决算表, 决算表（续表）, 自评表（2023年度）


def is_caption(line: str) -> bool:
    """A table title (ends with 表) or a caption piece (单位：万元, 2023年度, 财决公开05表)."""
    return bool(TITLE_END.search(line) or CAPTION_CELL.match(line) or re.search(r"单位\s*[:：]", line))


def caption_lines(cell: str) -> list[str]:
    """A caption cell's paragraphs as lines: a title wrapped over two paragraphs is one line,
    a 表号/单位/年度 paragraph starts a line of its own."""
    lines: list[str] = []
    for piece in (p.strip() for p in cell.split("\n")):
        if lines and piece and not CAPTION_CELL.match(piece):
            lines[-1] += piece
        elif piece:
            lines.append(piece)
    return lines


def split_caption_rows(rows: list[list[str | None]]) -> tuple[list[str], list[list[str | None]]]:
    """Caption lines written inside the table (title, 表号, 单位 in leading rows that are one cell
    merged across the whole width), and the table's other rows. pdfplumber gives a title printed
    above the frame as text, not as rows: so do we, and Grid.title carries it."""
    lines: list[str] = []
    for i, row in enumerate(rows[:TITLE_PARAGRAPHS]):
        cells = [c for c in row if c is not None]
        pieces = [c.strip() for c in cells if c.strip()]
        if len(pieces) > 1 and len(row) >= 3 and i + 1 < len(rows) and all(
                len(c) <= TITLE_MAX_CHARS and CAPTION_CELL.match(c) for c in pieces):
            lines.append("\t".join(pieces))  # 单位名称 | 年度 | 单位 in cells of their own (a caption
            continue                         # table run into the table, as a .doc stores two tables)
        if len(row) < 3 or len(pieces) != 1 or row[0] is None or not row[0].strip() \
                or len(pieces[0]) > TITLE_MAX_CHARS or i + 1 == len(rows):
            break  # one caption across the row (empty cells beside it, as a .doc's grid leaves them)
        found = caption_lines(row[0])
        if not any(is_caption(line) for line in found):
            break
        lines += found
    else:
        i = min(len(rows), TITLE_PARAGRAPHS)
    return lines, rows[i:] if lines else rows


def layout_frame(tbl):
    """The only cell (w:tc) of a one-cell table that holds a table, or None: such frames centre
    or box a table, and the nested table is the one printed."""
    cells = [tc for tr in _children(tbl, W + "tr") for tc in _children(tr, W + "tc")]
    if len(cells) != 1 or cells[0].find(W + "tbl") is None:
        return None
    return cells[0]


def is_caption_table(rows: list[list[str | None]]) -> bool:
    """A one- or two-row layout table holding only the caption (单位名称 | 2023年度 | 单位：万元),
    as documents pasted from Excel have between the title and the table: text, not a grid."""
    cells = [c.strip() for row in rows for c in row if c and c.strip()]
    return 0 < len(rows) <= 2 and bool(cells) and all(CAPTION_CELL.match(c) for c in cells)


def _is_landscape(sectpr) -> bool:
    size = sectpr.find(W + "pgSz") if sectpr is not None else None
    if size is None:
        return False
    if _attr(size, "orient") == "landscape":
        return True
    try:
        return int(_attr(size, "w") or 0) > int(_attr(size, "h") or 0)
    except ValueError:
        return False


class _Builder:
    def __init__(self) -> None:
        self.pages: list[_PageBuf] = [_PageBuf()]
        self.section_pages: list[_PageBuf] = [self.pages[0]]  # pages of the current section

    @property
    def page(self) -> _PageBuf:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(_PageBuf())
        self.section_pages.append(self.pages[-1])

    def paragraph(self, p) -> None:
        ppr = p.find(W + "pPr")
        if ppr is not None and ppr.find(W + "pageBreakBefore") is not None and self.page.lines:
            self.new_page()
        for i, chunk in enumerate("".join(_run_pieces(p)).split("\f")):
            if i:
                self.new_page()
            self.page.lines.append(chunk)
            if chunk.strip():
                self.page.captions.append(chunk.strip())
        sectpr = ppr.find(W + "sectPr") if ppr is not None else None
        if sectpr is not None:
            self.end_section(sectpr)
            self.new_page()
            self.section_pages = [self.page]

    def table(self, tbl) -> None:
        frame = layout_frame(tbl)
        if frame is not None:  # a table nested in a one-cell frame: read the cell's content
            for child in frame:
                self.block(child)
            return
        rows, covered = table_grid(tbl)
        if is_caption_table(rows):
            line = "\t".join(c.strip() for row in rows for c in row if c and c.strip())
            self.page.lines.append(line)
            self.page.captions.append(line)
            return
        before = len(rows)
        inside, rows = split_caption_rows(rows)
        k = before - len(rows)  # caption rows taken off the top
        covered = {(r - k, c): (r0 - k, c0) for (r, c), (r0, c0) in covered.items() if r0 >= k}
        caps: list[str] = []
        for text in reversed(self.page.captions[-TITLE_PARAGRAPHS:]):
            if len(text) > TITLE_MAX_CHARS or text.endswith(("。", "；", ";")):
                break  # running text, not a caption
            caps.insert(0, text)
        self.page.grids.append(Grid(page=None, rows=rows, title="\n".join(caps + inside),
                                    covered_by=covered))
        self.page.captions = []
        for row in [[c] for c in inside] + rows:
            self.page.lines.append("\t".join(c for c in row if c is not None).replace("\n", " "))

    def end_section(self, sectpr) -> None:
        landscape = _is_landscape(sectpr)
        for buf in self.section_pages:
            buf.landscape = landscape
            for g in buf.grids:
                g.landscape = landscape

    def block(self, el) -> None:
        if el.tag == W + "p":
            self.paragraph(el)
        elif el.tag == W + "tbl":
            self.table(el)
        elif el.tag == W + "sdt":
            content = el.find(W + "sdtContent")
            for child in (content if content is not None else []):
                self.block(child)
        elif el.tag == W + "sectPr":
            self.end_section(el)


def _open(path: Path):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    with open(path, "rb") as f:
        head = f.read(4)
    if head == OLE_MAGIC:
        raise UnreadableDocument(path, "这是旧版 Word (.doc) 文件，不是 DOCX (legacy .doc, not .docx)",
                                 fix="save it as .docx or PDF and try again")
    try:
        with zipfile.ZipFile(path) as z:  # python-docx says "package not found" of a truncated zip
            z.infolist()
        return docx.Document(str(path))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as e:
        cause = f"DOCX 文件已损坏或不完整 (corrupted or truncated zip: {e})"
    except (PackageNotFoundError, KeyError) as e:
        cause = f"ZIP 包中没有 Word 文档 (a zip file but not a Word document: {e})"
    except ValueError as e:  # python-docx: "file … is not a Word file, content type is …"
        cause = f"不是 Word 文档 (not a Word document: {e})"
    except Exception as e:  # lxml XMLSyntaxError and the like: damaged XML inside the zip
        cause = f"DOCX 内容无法解析 (unreadable document XML: {type(e).__name__}: {e})"
    raise UnreadableDocument(path, cause.replace("\n", " "),
                             fix="open it in Word/LibreOffice and save it again, or give the PDF")


def extract_docx(path: Path) -> ExtractedDocument:
    from juesuan.extract.document import sha256_of

    path = Path(path)
    document = _open(path)
    builder = _Builder()
    for el in document.element.body:
        builder.block(el)
    bufs = [b for b in builder.pages if any(line.strip() for line in b.lines) or b.grids]
    pages = [Page(number=None, text="\n".join(b.lines), grids=b.grids, landscape=b.landscape)
             for b in bufs] or [Page(number=None, text="")]
    log.debug("%s: %d pages, %d tables", path, len(pages), sum(len(p.grids) for p in pages))
    return ExtractedDocument(source=path, format="docx", sha256=sha256_of(path),
                             page_count=len(pages), pages=pages)

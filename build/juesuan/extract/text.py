"""Text exports of reports (PDF or Word converted to plain text) → ExtractedDocument.

Two layouts are recognised, per document:

* **tab rows** (PDF layout tools): a table row is one line whose cells are separated
  by tabs; blank lines (page breaks) may cut a table.
* **tab cells** (Word exports): every cell is a line starting with one tab, rows are
  separated by blank lines, a cell holding several paragraphs continues on untabbed
  lines.

No page marks are printed in these exports: the document is one Page with
``number=None``. ``Page.text`` keeps the raw text (tabs and line structure);
``narrative_text`` gives the running text without tables, LaTeX residue normalised
and paragraphs cut by page breaks rejoined.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from juesuan.errors import UnreadableDocument
from juesuan.models import ExtractedDocument, Grid, Page

log = logging.getLogger(__name__)

_WORD_CELL = re.compile(r"^\t[^\t]*$")
_CONTINUATION_REACH = 8  # untabbed paragraphs that may continue a Word cell


def read_text(path: Path) -> tuple[str, str]:
    """The file's text and the sha256 of its bytes: any encoding a text export is saved in
    (UTF-8 with or without BOM, UTF-16 with or without BOM, GB2312/GBK/GB18030, Big5: see
    extract.encoding), BOM removed, CRLF and CR line ends made LF."""
    from juesuan.extract.encoding import bom_encoding, decode

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(path, f"无法读取文件 (cannot read file: {exc})") from exc
    wide = bom_encoding(data) in ("utf-16", "utf-32")
    if not data.strip() or (wide and not data.decode(bom_encoding(data), "replace").strip()):
        raise UnreadableDocument(path, "文件为空 (empty file)", fix="check that the export completed")
    found = decode(data)
    if found is None or "\x00" in found[0][:4096]:
        raise UnreadableDocument(path, "不是文本文件 (binary data or an unknown encoding, not a text export)",
                                 fix="give the PDF/DOCX itself, or export it as text (UTF-8, GBK or UTF-16)")
    text, encoding = found
    log.debug("%s: read as %s", path.name, encoding)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text, hashlib.sha256(data).hexdigest()


def is_word_layout(lines: list[str]) -> bool:
    """True when tab lines are mostly one cell each (Word export), not tab-separated rows."""
    single = sum(1 for ln in lines if _WORD_CELL.match(ln))
    multi = sum(1 for ln in lines if "\t" in ln and not _WORD_CELL.match(ln))
    return single > 2 * multi and single >= 4


# ---------------------------------------------------------------- tab rows


def table_line_spans(lines: list[str]) -> list[tuple[int, int]]:
    """[start, end) line spans of tab-row blocks; blank lines inside a block are allowed."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        if "\t" not in lines[i]:
            i += 1
            continue
        start = end = i
        j = i
        while j < n:
            if "\t" in lines[j]:
                end = j + 1
                j += 1
            elif not lines[j].strip():
                j += 1
            else:
                break
        spans.append((start, end))
        i = end
    return spans


def _title_above(lines: list[str], start: int, floor: int, limit: int = 12) -> str:
    """The non-table lines just above a block (title, 表号, 单位 captions), joined by \\n."""
    found: list[str] = []
    i = start - 1
    while i >= floor and len(found) < limit:
        line = lines[i].strip()
        if "\t" in lines[i]:
            break
        if line:
            found.append(line)
        i -= 1
    return "\n".join(reversed(found))


def tab_row_grids(lines: list[str]) -> list[Grid]:
    grids: list[Grid] = []
    floor = 0
    for start, end in table_line_spans(lines):
        rows = [ln.split("\t") for ln in lines[start:end] if ln.strip(" \t")]
        # keep lines of only tabs out, but keep rows whose first cell is empty
        rows = [r for r in rows if any(c.strip() for c in r)]
        if rows:
            grids.append(Grid(page=None, rows=rows, title=_title_above(lines, start, floor)))
        floor = end
    return grids


# ---------------------------------------------------------------- Word tab cells


def _next_tab_line(lines: list[str], i: int) -> int | None:
    """Index of the next tab-cell line within reach of untabbed paragraphs, else None."""
    paragraphs = 0
    while i < len(lines):
        if lines[i].startswith("\t"):
            return i
        if lines[i].strip():
            paragraphs += 1
            if paragraphs > _CONTINUATION_REACH:
                return None
        i += 1
    return None


def _is_table_title(row: list[str]) -> bool:
    return len(row) == 1 and "表" in row[0] and len(row[0]) <= 60


def word_cell_grids(lines: list[str]) -> tuple[list[Grid], set[int]]:
    """Grids rebuilt from tab-cell lines, and the indices of all lines that belong to them."""
    grids: list[Grid] = []
    used: set[int] = set()
    rows: list[list[str]] = []
    title_floor = 0
    title = ""

    def close() -> None:
        nonlocal rows
        if rows:
            grids.append(Grid(page=None, rows=rows, title=title))
        rows = []

    i, n = 0, len(lines)
    row: list[str] | None = None
    while i < n:
        line = lines[i]
        if line.startswith("\t"):
            if row is None:
                if not rows:
                    title = _title_above(lines, i, title_floor)
                row = []
            row.append(line[1:].strip())
            used.add(i)
            i += 1
            continue
        if row is not None and not line.strip():  # blank line closes the row
            if _is_table_title(row):
                close()
                title = row[0]
            rows.append(row)
            row = None
            i += 1
            continue
        if not line.strip():
            i += 1
            continue
        # untabbed text: continues the last cell when more cells follow within reach
        if (row is not None or rows) and _next_tab_line(lines, i) is not None:
            target = row if row is not None else rows[-1]
            if not target:
                target.append("")
            target[-1] = (target[-1] + "\n" + line.strip()).strip("\n")
            used.add(i)
            i += 1
            continue
        if row is not None:
            rows.append(row)
            row = None
        close()
        title_floor = i
        i += 1
    if row is not None:
        rows.append(row)
    close()
    return grids, used


# ---------------------------------------------------------------- narrative

_LATEX = [
    (re.compile(r"\\geqslant|\\geq\b|\\ge\b"), "≥"),
    (re.compile(r"\\leqslant|\\leq\b|\\le\b"), "≤"),
    (re.compile(r"\\neq\b"), "≠"),
    (re.compile(r"\\times\b"), "×"),
    (re.compile(r"\\%"), "%"),
]
_MATH = re.compile(r"\$([^$\n]*)\$")
_END_PUNCT = tuple("。！？；：!?;:）)】」”")
_HEADING = re.compile(r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]"
                      r"|\d{1,2}[.、．](?!\d)|[-*#•]|（?图|\(图|注[:：])")


def normalize_latex(text: str) -> str:
    """`\\geqslant` → ≥, `$=$` → =, other `$...$` stripped to their content."""
    for pattern, repl in _LATEX:
        text = pattern.sub(repl, text)
    text = _MATH.sub(lambda m: m.group(1).strip(), text)
    return text


def _rejoin(paragraphs: list[str]) -> list[str]:
    """Join a paragraph cut by a page break to its continuation."""
    out: list[str] = []
    for para in paragraphs:
        if (out and len(out[-1]) >= 30 and not out[-1].endswith(_END_PUNCT)
                and not _HEADING.match(out[-1]) and not _HEADING.match(para)):
            out[-1] = out[-1] + para
        else:
            out.append(para)
    return out


def narrative_text(doc: ExtractedDocument) -> str:
    """Running text of a text export: table rows removed, LaTeX residue normalised,
    paragraphs cut by page breaks rejoined; paragraphs separated by blank lines."""
    lines = doc.text.split("\n")
    drop: set[int] = set()
    if is_word_layout(lines):
        drop = word_cell_grids(lines)[1]
    else:
        for start, end in table_line_spans(lines):
            drop.update(range(start, end))
    paragraphs = [normalize_latex(ln).strip() for k, ln in enumerate(lines) if k not in drop]
    paragraphs = [p for p in paragraphs if p]
    return "\n\n".join(_rejoin(paragraphs))


# ---------------------------------------------------------------- entry point


def extract_text(path: Path) -> ExtractedDocument:
    """Read a text export (any encoding, see read_text) into one Page (no page marks) with its tables as Grids."""
    path = Path(path)
    text, digest = read_text(path)
    lines = text.split("\n")
    if is_word_layout(lines):
        grids = word_cell_grids(lines)[0]
        log.debug("%s: Word-export layout, %d grids", path.name, len(grids))
    else:
        grids = tab_row_grids(lines)
        log.debug("%s: tab-row layout, %d grids", path.name, len(grids))
    page = Page(number=None, text=text, grids=grids)
    return ExtractedDocument(source=path, format="text", sha256=digest, page_count=1, pages=[page])

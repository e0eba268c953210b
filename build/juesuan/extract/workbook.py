"""Workbooks (.xlsx/.xlsm, .xls, .xlsb, .ods, WPS .et) → ExtractedDocument: one Page per visible
sheet, or per table where a sheet holds several (``number`` counts them in sheet order,
``label`` is the sheet's name), each table a Grid.

Reading: python-calamine (Rust calamine) reads every format's cell values, merged ranges (not
for .ods) and sheet visibility, fast. It does not expose number formats nor hidden rows and
columns, so openpyxl (.xlsx/.xlsm) and xlrd (.xls) add them — what the sheet shows
(``#,##0.00`` prints 1234.5 as "1,234.50", ``00`` prints 6 as "06"), and a hidden row or column
is not printed — and for .ods its content.xml gives the merged ranges, the hidden rows and
columns and the text each number cell shows. Where no format is known (.xlsb, General) a
column of one table whose numbers have fractions is shown with two decimals (as 万元 and 元
amounts are printed) and a column of whole numbers (codes, line numbers, counts) as they are;
hidden rows and columns of .xlsb cannot be seen and are read.

Tables on a sheet: caption rows (title, 表号, 单位名称 / 年度 / 单位：万元) start a table and become
``Grid.title``; a blank row or the next caption ends it; notes (注：…) after a table go to the
page text. A merged cell's text stays at its first visible cell, the cells it covers are None
and ``Grid.covered_by`` maps them to it. The page text holds the captions, the table rows
(cells joined by tabs, as the DOCX route writes them) and every other text of the sheet.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from juesuan.errors import UnreadableDocument
from juesuan.extract.docx import CAPTION_CELL, TITLE_MAX_CHARS, is_caption
from juesuan.models import ExtractedDocument, Grid, Page

log = logging.getLogger(__name__)

NOTE = re.compile(r"^(注|说明|备注|填报说明)\s*\d*\s*[:：．.、]")
TWO = Decimal("0.01")


@dataclass
class Number:
    """A numeric cell before it is shown: its value and the number format, when known."""
    value: Decimal
    fmt: str | None = None  # None: the format is unknown (not .xlsx) or General


@dataclass
class Sheet:
    name: str
    cells: list[list[str | Number]]  # visible rows and columns only
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 (visible, inclusive)


# ---------------------------------------------------------------- number formats

_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def _sections(fmt: str) -> list[str]:
    out, buf, quoted = [], [], False
    for ch in fmt:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    return out + ["".join(buf)]


def show_number(value: Decimal, fmt: str | None) -> str | None:
    """The text Excel shows for a number under a number format; None when the format says
    nothing about decimals (General, text, unknown), so that the caller decides."""
    if not fmt or fmt.strip().lower() in ("general", "@", "g/通用格式"):
        return None
    sections = _sections(fmt)
    section = sections[0]
    if value == 0 and len(sections) >= 3:
        section = sections[2]
    elif value < 0 and len(sections) >= 2:
        section = sections[1]
    body = _LITERAL.sub("", section)
    if not re.search(r"[0#?]", body):
        if re.search(r"[ymdhs]", body, re.I):
            return None  # a date format on a number: not an amount
        literal = "".join(q.strip('"') for q in re.findall(r'"[^"]*"', section))
        return literal.strip() or re.sub(r"[\s_*\\]", "", body) or ""
    if re.search(r"[eE][+-]", body) or re.search(r"[ymdhs]", body, re.I):
        return None
    number = re.search(r"[#0?,.]*[0#?][#0?,.]*", body)
    digits = number.group(0) if number else "0"
    whole, _, frac = digits.partition(".")
    required = frac.count("0")  # 0: always shown; # and ?: only when significant
    decimals = sum(1 for ch in frac if ch in "0#?")
    comma = "," in whole.rstrip(",")
    shown = abs(value) * (100 if "%" in body else 1)
    shown = shown.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    head, _, tail = (f"{shown:,.{decimals}f}" if comma else f"{shown:.{decimals}f}").partition(".")
    tail = tail[:required] + tail[required:].rstrip("0")
    if whole.count("0") == 0 and head == "0":
        head = ""
    elif whole.count("0") > 1:
        head = head.zfill(whole.count("0"))
    text = head + ("." + tail if tail else "")
    if not text:  # nothing significant to show (the accounting format's zero: a dash)
        return "".join(q.strip('"') for q in re.findall(r'"[^"]*"', section)).strip()
    if value < 0 and shown != 0:
        text = "-" + text  # whatever the negative section draws (parentheses, red): a minus
    return text + ("%" if "%" in body else "")


def plain(value: Decimal) -> str:
    """A number as General shows it, without float noise (15 significant digits)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def to_decimal(value: float | int) -> Decimal:
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(format(value, ".15g"))


def show_column(values: list[Number]) -> list[str]:
    """Numbers of one column of one table whose format is unknown: two decimals where any has
    a fraction (amounts), whole numbers as they are (codes, line numbers, counts)."""
    fractional = any(v.value != v.value.to_integral_value() for v in values)
    if fractional:
        return [f"{v.value.quantize(TWO, ROUND_HALF_UP):.2f}" for v in values]
    return [plain(v.value) for v in values]


# ---------------------------------------------------------------- reading


def _cell_value(value, fmt: str | None = None) -> str | Number:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        try:
            return Number(to_decimal(value), fmt)
        except (InvalidOperation, ValueError):
            return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _open_calamine(path: Path):
    import python_calamine as pc

    try:
        return pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError as e:
        raise UnreadableDocument(path, f"工作簿受密码保护 (password-protected workbook: {e})",
                                 fix="publish or save the workbook without a password") from e
    except (pc.CalamineError, ValueError, OSError) as e:
        cause = str(e).replace("\n", " ")
        raise UnreadableDocument(path, f"工作簿已损坏或无法读取 (corrupted or unreadable workbook: "
                                       f"{type(e).__name__}: {cause})",
                                 fix="open it in Excel/WPS/LibreOffice and save it again") from e


class Layout:
    """What calamine does not tell of a sheet: hidden rows and columns (0-based), each cell's
    number format (or, for .ods, the text the cell shows) and, where calamine has none, the
    merged ranges. Empty (nothing hidden, formats unknown) unless a reader below knows."""

    def __init__(self, hidden_rows=(), hidden_cols=(), fmt=None, shown=None, merges=None):
        self.hidden_rows: set[int] = set(hidden_rows)
        self.hidden_cols: set[int] = set(hidden_cols)
        self._fmt = fmt
        self.shown: dict[tuple[int, int], str] = shown or {}
        self.merges: list = merges or []

    def number_format(self, r: int, c: int) -> str | None:
        return self._fmt(r, c) if self._fmt else None


def openpyxl_layouts(path: Path) -> dict[str, Layout]:
    """.xlsx/.xlsm through openpyxl: number formats, hidden rows and columns (hidden, or of
    height/width 0). {} when openpyxl cannot read what calamine could."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(str(path), data_only=True)
    except Exception as e:  # noqa: BLE001 - calamine's reading stands without it
        log.warning("%s: openpyxl cannot read it (%s): number formats and hidden rows unknown", path, e)
        return {}
    out = {}
    for ws in wb.worksheets:
        rows = {r - 1 for r, d in ws.row_dimensions.items() if d.hidden or (d.ht is not None and d.ht == 0)}
        cols: set[int] = set()
        for d in ws.column_dimensions.values():
            if (d.hidden or (d.customWidth and d.width == 0)) and d.min and d.max:
                cols.update(range(d.min - 1, d.max))
        out[ws.title] = Layout(rows, cols, lambda r, c, ws=ws: ws.cell(row=r + 1, column=c + 1).number_format)
    return out


def xlrd_layouts(path: Path) -> dict[str, Layout]:
    """.xls (BIFF) through xlrd with its formatting records: the same as openpyxl_layouts."""
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception as e:  # noqa: BLE001 - calamine's reading stands without it
        log.warning("%s: xlrd cannot read its formatting (%s): number formats and hidden rows unknown", path, e)
        return {}
    out = {}
    for name in book.sheet_names():
        try:
            sh = book.sheet_by_name(name)
        except Exception:  # noqa: BLE001
            continue
        rows = {r for r, info in sh.rowinfo_map.items() if info.hidden}
        cols = {c for c, info in sh.colinfo_map.items() if info.hidden or info.width == 0}

        def fmt(r: int, c: int, sh=sh) -> str | None:
            try:
                xf = book.xf_list[sh.cell_xf_index(r, c)]
                return book.format_map[xf.format_key].format_str
            except (IndexError, KeyError):
                return None
        out[name] = Layout(rows, cols, fmt)
    return out


ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
ODS_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
ODS_MAX = 100_000  # rows or columns repeated past this (a sheet's empty tail) are not followed


def ods_layouts(path: Path) -> dict[str, Layout]:
    """.ods through its content.xml: merged ranges (calamine gives none for .ods), hidden
    (collapsed or filtered) rows and columns, and the text each number cell shows."""
    import zipfile

    from lxml import etree

    try:
        with zipfile.ZipFile(path) as z:
            root = etree.fromstring(z.read("content.xml"), parser=etree.XMLParser(huge_tree=True,
                                                                                   resolve_entities=False))
    except Exception as e:  # noqa: BLE001 - calamine's reading stands without it
        log.warning("%s: content.xml unreadable (%s): merged cells and hidden rows unknown", path, e)
        return {}
    t = ODS_TABLE

    def repeat(el, name: str) -> int:
        try:
            return max(1, min(int(el.get(t + name, "1")), ODS_MAX))
        except ValueError:
            return 1

    out = {}
    for table in root.iter(t + "table"):
        layout = Layout()
        col = 0
        for c in table.iter(t + "table-column"):
            n = repeat(c, "number-columns-repeated")
            if c.get(t + "visibility", "visible") != "visible":
                layout.hidden_cols.update(range(col, col + n))
            col += n
        r = 0
        for row in table.iter(t + "table-row"):
            n = repeat(row, "number-rows-repeated")
            if row.get(t + "visibility", "visible") != "visible":
                layout.hidden_rows.update(range(r, min(r + n, ODS_MAX)))
            c = 0
            for cell in row:
                if cell.tag not in (t + "table-cell", t + "covered-table-cell"):
                    continue
                k = repeat(cell, "number-columns-repeated")
                rs, cs = repeat(cell, "number-rows-spanned"), repeat(cell, "number-columns-spanned")
                if cell.tag == t + "table-cell" and (rs > 1 or cs > 1):
                    layout.merges.append(((r, c), (r + rs - 1, c + cs - 1)))
                if cell.get(ODS_OFFICE + "value-type") in ("float", "currency", "percentage") and k == 1:
                    text = "\n".join("".join(p.itertext()) for p in cell.iter(ODS_TEXT + "p")).strip()
                    if text:
                        layout.shown[(r, c)] = text
                c += k
            r += n
            if r >= ODS_MAX:
                break
        out[table.get(t + "name", "")] = layout
    return out


def read_sheets(path: Path) -> list[Sheet]:
    """The visible worksheets, their visible cells and merged ranges."""
    import python_calamine as pc

    wb = _open_calamine(path)
    kind = workbook_format(path)
    readers = {"xlsx": openpyxl_layouts, "xls": xlrd_layouts, "ods": ods_layouts}
    layouts = readers[kind](path) if kind in readers else {}
    sheets: list[Sheet] = []
    try:
        metas = wb.sheets_metadata
    except pc.CalamineError:
        metas = []
    for meta in metas:
        if meta.visible != pc.SheetVisibleEnum.Visible or meta.typ != pc.SheetTypeEnum.WorkSheet:
            log.debug("%s: sheet %r skipped (%s, %s)", path.name, meta.name, meta.visible, meta.typ)
            continue
        try:
            sh = wb.get_sheet_by_name(meta.name)
            values = sh.to_python(skip_empty_area=False)
            merged = sh.merged_cell_ranges
        except pc.CalamineError as e:
            raise UnreadableDocument(path, f"工作表“{meta.name}”无法读取 (unreadable sheet: {e})",
                                     fix="open it in Excel/WPS/LibreOffice and save it again") from e
        layout = layouts.get(meta.name, Layout())
        merged = merged or layout.merges  # calamine gives none for .ods
        width = max((len(r) for r in values), default=0)
        keep_rows = [r for r in range(len(values)) if r not in layout.hidden_rows]
        keep_cols = [c for c in range(width) if c not in layout.hidden_cols]
        cells: list[list[str | Number]] = []
        for r in keep_rows:
            row = values[r]
            out: list[str | Number] = []
            for c in keep_cols:
                v = row[c] if c < len(row) else ""
                fmt = None
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    if (r, c) in layout.shown:  # .ods: the text the cell shows
                        out.append(layout.shown[(r, c)])
                        continue
                    fmt = layout.number_format(r, c)
                out.append(_cell_value(v, fmt))
            cells.append(out)
        rmap = {r: i for i, r in enumerate(keep_rows)}
        cmap = {c: i for i, c in enumerate(keep_cols)}
        merges = []
        for (r0, c0), (r1, c1) in merged:
            rs = [rmap[r] for r in range(r0, r1 + 1) if r in rmap]
            cs = [cmap[c] for c in range(c0, c1 + 1) if c in cmap]
            if not rs or not cs or (len(rs) == 1 and len(cs) == 1):
                continue
            origin = values[r0][c0] if r0 < len(values) and c0 < len(values[r0]) else ""
            if cells[rs[0]][cs[0]] in ("", None) and origin not in ("", None):
                cells[rs[0]][cs[0]] = _cell_value(origin)  # the origin row or column is hidden
            merges.append((rs[0], cs[0], rs[-1], cs[-1]))
        sheets.append(Sheet(meta.name, cells, merges))
    return sheets


def _zip_names(path: Path) -> set[str]:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return set(z.namelist())


# ---------------------------------------------------------------- tables on a sheet


@dataclass
class _Block:
    start: int  # the sheet row (visible index) it starts at
    captions: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # sheet rows (visible index)
    notes: list[str] = field(default_factory=list)


def _texts(row: list[str | Number]) -> list[str]:
    """The row's non-empty cells as shown (a number of unknown format as General shows it)."""
    return [c if isinstance(c, str) else (show_number(c.value, c.fmt) or plain(c.value))
            for c in row if not (isinstance(c, str) and not c.strip())]


def _simplified(text: str) -> str:
    from juesuan.textnorm import clean

    return clean(text, traditional=True)


def _caption_row(texts: list[str]) -> bool:
    """A row of only captions: a title (…表), 表号, 单位名称 / 年度 / 单位：万元 pieces."""
    if not texts or len(texts) > 4:
        return False
    keys = [_simplified(t) for t in texts]  # 單位名稱 is a caption as 单位名称 is
    return all(len(t) <= TITLE_MAX_CHARS and (is_caption(t) or CAPTION_CELL.match(t)) for t in keys)


def blocks_of(sheet: Sheet) -> tuple[list[_Block], dict[int, str]]:
    """The sheet's tables (caption lines, rows, notes) and its other text rows (row → text)."""
    blocks: list[_Block] = []
    loose: dict[int, str] = {}
    cur: _Block | None = None
    for r, row in enumerate(sheet.cells):
        texts = _texts(row)
        if not texts:
            if cur is not None and cur.rows:
                cur = None  # a blank row ends a table
            continue
        if _caption_row(texts):
            if cur is None or cur.rows:
                cur = _Block(r)
                blocks.append(cur)
            cur.captions += texts
            continue
        if len(texts) == 1 and NOTE.match(_simplified(texts[0])) and blocks and blocks[-1].rows:
            blocks[-1].notes.append(texts[0])
            cur = None
            continue
        if cur is None:
            cur = _Block(r)
            blocks.append(cur)
        cur.rows.append(r)
    tables = []
    for b in blocks:
        single = all(len(_texts(sheet.cells[r])) <= 1 for r in b.rows)
        if b.rows and single:  # one text per row: running text laid out in cells, not a table
            loose.update({r: _texts(sheet.cells[r])[0] for r in b.rows})
            b.rows = []
        if b.rows or b.captions:
            tables.append(b)
    return tables, loose


def grid_of(sheet: Sheet, block: _Block, page: int) -> Grid:
    rows = block.rows
    index = {r: i for i, r in enumerate(rows)}
    used = [c for r in rows for c, v in enumerate(sheet.cells[r]) if not (isinstance(v, str) and not v.strip())]
    lo, hi = min(used), max(used)
    merges = [(r0, c0, r1, c1) for r0, c0, r1, c1 in sheet.merges
              if any(r in index for r in range(r0, r1 + 1)) and c0 <= hi and c1 >= lo]
    for _, c0, _, c1 in merges:  # a merged cell reaching past the used columns widens the grid
        lo, hi = min(lo, c0), max(hi, c1)
    raw = [[sheet.cells[r][c] for c in range(lo, hi + 1)] for r in rows]
    for c in range(hi - lo + 1):  # numbers of unknown format: shown column by column
        unknown = [(i, row[c]) for i, row in enumerate(raw)
                   if isinstance(row[c], Number) and show_number(row[c].value, row[c].fmt) is None]
        for (i, _), text in zip(unknown, show_column([n for _, n in unknown])):
            raw[i][c] = text
    out: list[list[str | None]] = [[c if isinstance(c, str) else show_number(c.value, c.fmt) for c in row]
                                   for row in raw]
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r1, c1 in merges:
        inside = [index[r] for r in range(r0, r1 + 1) if r in index]
        origin = (inside[0], c0 - lo)
        if r0 not in index and not out[origin[0]][origin[1]]:  # the merge starts above the table
            first = sheet.cells[r0][c0]
            out[origin[0]][origin[1]] = first if isinstance(first, str) else plain(first.value)
        for r in inside:
            for c in range(c0 - lo, c1 - lo + 1):
                if (r, c) != origin:
                    covered[(r, c)] = origin
                    out[r][c] = None
    return Grid(page=page, rows=out, title="\n".join(block.captions), covered_by=covered)


def sheet_pages(sheet: Sheet) -> list[Page]:
    """The sheet as pages: one per table when it holds several (as it would print: a sheet
    listing every title at once would read as a 目录), each with its captions, rows (tab-joined)
    and notes as text, and the loose text rows above it; numbered later."""
    blocks, loose = blocks_of(sheet)
    starts = [b.start for b in blocks if b.rows] or [len(sheet.cells)]
    parts: list[list[tuple[int, list[str]]]] = [[] for _ in starts]
    grids: list[list[Grid]] = [[] for _ in starts]

    def part(row: int) -> int:  # the table part a sheet row belongs to
        return max([0] + [k for k, s in enumerate(starts) if s <= row])

    for r, t in loose.items():
        parts[part(r)].append((r, [t]))
    for b in blocks:
        text: list[str] = list(b.captions)
        k = part(b.rows[0] if b.rows else b.start)
        if b.rows:
            g = grid_of(sheet, b, 0)
            grids[k].append(g)
            text += ["\t".join(c for c in row if c is not None).replace("\n", " ") for row in g.rows]
        parts[k].append((b.start, text + b.notes))
    pages = []
    for k, pieces in enumerate(parts):
        lines = [line for _, lines_ in sorted(pieces, key=lambda p: p[0]) for line in lines_]
        pages.append(Page(number=None, text="\n".join(lines), grids=grids[k], label=sheet.name))
    return pages


def extract_workbook(path: Path) -> ExtractedDocument:
    from juesuan.extract.document import sha256_of

    path = Path(path)
    sheets = read_sheets(path)
    pages = [p for s in sheets for p in sheet_pages(s) if p.text.strip() or p.grids]
    for i, p in enumerate(pages, 1):  # numbered in sheet order
        p.number = i
        for g in p.grids:
            g.page = i
    if not pages:
        raise UnreadableDocument(path, "工作簿中没有可见的内容 (no visible cells in the workbook)",
                                 fix="check that the right file was given")
    fmt = workbook_format(path)
    log.debug("%s: %s, %d sheets, %d tables", path.name, fmt, len(pages), sum(len(p.grids) for p in pages))
    return ExtractedDocument(source=path, format=fmt, sha256=sha256_of(path), page_count=len(pages),
                             pages=pages)


def workbook_format(path: Path) -> str:
    """'xlsx' | 'xls' | 'ods' | 'xlsb' from the file's content (the name may say otherwise)."""
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith(b"PK"):
        try:
            names = _zip_names(path)
        except Exception:  # noqa: BLE001
            names = set()
        if "xl/workbook.bin" in names:
            return "xlsb"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "content.xml" in names:
            return "ods"
    return path.suffix.lower().lstrip(".") or "xlsx"


__all__ = ["extract_workbook", "read_sheets", "show_number", "show_column", "blocks_of", "Sheet", "Number"]

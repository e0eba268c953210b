"""What python-calamine does not tell of a sheet, read with the library that knows it: hidden
rows and columns and each cell's number format (openpyxl for .xlsx/.xlsm, xlrd for .xls), and for
.ods its content.xml (merged ranges, which calamine gives none of, hidden rows and columns, the
text each number cell shows). Hidden rows and columns of .xlsb cannot be seen and are read."""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)


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

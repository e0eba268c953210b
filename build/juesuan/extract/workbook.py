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

Modules: workbook_numbers (what a number shows), workbook_layout (hidden rows and columns,
number formats, .ods merges), workbook_tables (tables on a sheet, cell references). Each page
keeps its sheet's 1-based index in the workbook (``Page.source_page``) and every table cell its
reference (``CellText.ref``, "Sheet1!B7"), the provenance of a workbook's numbers.
"""

from __future__ import annotations

import logging
from pathlib import Path

from juesuan.errors import UnreadableDocument
from juesuan.extract.workbook_layout import Layout, ods_layouts, openpyxl_layouts, xlrd_layouts
from juesuan.extract.workbook_numbers import (Number, cell_value, plain, show_column, show_number,
                                              to_decimal)
from juesuan.extract.workbook_tables import Sheet, blocks_of, sheet_pages
from juesuan.models import ExtractedDocument

log = logging.getLogger(__name__)


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
    for index, meta in enumerate(metas, 1):
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
                out.append(cell_value(v, fmt))
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
                cells[rs[0]][cs[0]] = cell_value(origin)  # the origin row or column is hidden
            merges.append((rs[0], cs[0], rs[-1], cs[-1]))
        sheets.append(Sheet(meta.name, cells, merges, keep_rows, keep_cols, index, len(metas)))
    return sheets


def _zip_names(path: Path) -> set[str]:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return set(z.namelist())


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
                             pages=pages, source_meta={"sheets": str(sheets[0].book_sheets)})


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


__all__ = ["extract_workbook", "read_sheets", "show_number", "show_column", "blocks_of", "Sheet", "Number",
           "plain", "to_decimal"]

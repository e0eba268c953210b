"""Downloads for spreadsheets: CSV for Excel (UTF-8 with BOM, formula-safe) and .xlsx.

Two kinds of download, and which is which (the data page says so):

* the **data package** (datapackage.json, its CSVs, the .zip, data/packages in the repository)
  keeps every value exactly as read: UTF-8 without BOM, nothing added;
* the **spreadsheet downloads** are for Excel and WPS: CSVs start with a UTF-8 BOM (Excel on
  Chinese Windows otherwise reads them as GBK), and a *text* cell that starts with ``=``, ``+``,
  ``-``, ``@`` (or a tab / carriage return) gets a leading apostrophe ``'`` so a spreadsheet never
  runs it as a formula. Numbers are never touched (-3.5 is a number, not a formula), nor is a text
  cell that is a plain number. In .xlsx every text cell is stored as text (never a formula) with
  its exact value; a risky one is marked "quote prefix" (Excel's own way of saying: text, not a
  formula), so the .xlsx shows the exact value and stays safe.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Sequence

BOM = "\ufeff"
RISKY = ("=", "+", "-", "@", "\t", "\r")
_RISKY_FIRST = frozenset(RISKY)
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$")
XLSX_MAX_ROWS = 1_048_576  # Excel's limit, header row included
NUMERIC_TYPES = {"number", "integer"}
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def risky(text: str) -> bool:
    """A text cell a spreadsheet could take for a formula."""
    return text[:1] in _RISKY_FIRST and not _PLAIN_NUMBER.match(text)


def neutral(text: str) -> str:
    """The text as a spreadsheet must be given it: ``'=SUM(A1)`` for ``=SUM(A1)``."""
    return "'" + text if risky(text) else text


def csv_for_excel(header: list[str], rows: Iterable[list[Any]], types: dict[str, str]) -> bytes:
    """CSV bytes with a BOM, text cells neutralised (numeric columns as they are)."""
    text_cols = [types.get(h, "string") not in NUMERIC_TYPES for h in header]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for row in rows:
        w.writerow([neutral(str(v)) if t and v is not None else ("" if v is None else v)
                    for v, t in zip(row, text_cols, strict=False)])
    return (BOM + buf.getvalue()).encode("utf-8")


def read_csv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of a package CSV, as text."""
    with Path(path).open(encoding="utf-8-sig", newline="") as f:
        r = csv.reader(f)
        header = next(r, [])
        return header, list(r)


def field_types(descriptor: dict[str, Any], resource_path: str) -> dict[str, str]:
    """field name → Table Schema type of one resource of a datapackage.json."""
    for res in descriptor.get("resources", []):
        if res.get("path") == resource_path:
            return {f["name"]: f.get("type", "string") for f in (res.get("schema") or {}).get("fields", [])}
    return {}


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique worksheet name (≤ 31 characters, none of []:*?/\\)."""
    base = _SHEET_BAD.sub("_", name)[:31] or "sheet"
    out, n = base, 2
    while out.lower() in taken:
        suffix = f" ({n})"
        out, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(out.lower())
    return out


def _number_text(text: str) -> str | None:
    """The exact decimal text of a number cell ("2940.05", "-3.5"), None when it is not one."""
    try:
        d = Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None
    return text.strip() if d.is_finite() and "e" not in text.lower() else (format(d, "f") if d.is_finite() else None)


def write_xlsx(path: Path, sheets: Sequence[tuple[str, list[str], Iterable[Sequence[Any]], dict[str, str]]],
               readme: list[tuple[str, str]] | None = None) -> None:
    """One worksheet per (name, header, rows, types); a sheet longer than Excel allows goes on
    in "name (2)" … Numbers are written as numbers (their exact decimal text), text as text
    (never a formula; a risky one with Excel's quote prefix). See render/xlsx.py."""
    from juesuan.render.xlsx import Cell, write_workbook

    def text(value: str) -> Cell:
        return ("q" if risky(value) else "s", value)

    taken: set[str] = set()
    out: list[tuple[str, Iterable[Sequence[Cell]]]] = []
    if readme:
        out.append((sheet_name("说明", taken), [[text(k), text(v)] for k, v in readme]))
    for name, header, rows, types in sheets:
        numeric = [types.get(h, "string") in NUMERIC_TYPES for h in header]
        head = [text(h) for h in header]
        current: list[Sequence[Cell]] = [head]
        out.append((sheet_name(name, taken), current))
        for row in rows:
            if len(current) >= XLSX_MAX_ROWS:
                current = [head]
                out.append((sheet_name(name, taken), current))
            cells = []
            for v, is_num in zip(row, numeric, strict=False):
                s = "" if v is None else str(v)
                number = _number_text(s) if is_num and s else None
                cells.append(None if s == "" else ("n", number) if number is not None else text(s))
            current.append(cells)
    write_workbook(Path(path), out)

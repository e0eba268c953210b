"""The corpus as an SQLite database with exact amounts.

SQLite has no decimal type: a column declared NUMERIC or REAL turns "2940.05" into the
float 2940.0499999…; so every number field of the data contract is stored as its exact
decimal text in a column declared ``TEXT``, and each amount (schemas/exports.yaml) gets an
``INTEGER`` column ``<field>_fen`` as well: the amount in 分, exact, summable in SQL and read
by pandas as int64 and by datasette as an integer. Integers (page, year, counts) are
``INTEGER``; booleans are 0/1. The table ``_columns`` says what each column holds.
"""

from __future__ import annotations

import functools
import sqlite3
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Mapping

import yaml

SQL_TYPES = {"integer": "INTEGER", "boolean": "INTEGER", "number": "TEXT", "string": "TEXT"}


@functools.lru_cache(maxsize=1)
def export_rules() -> dict[str, Any]:
    text = resources.files("juesuan").joinpath("schemas/exports.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def fen(text: Any) -> int | None:
    """'2940.05' (万元) → 2940050000 (分); None for blank text or a value finer than 1 分."""
    if text is None or str(text).strip() == "":
        return None
    try:
        d = Decimal(str(text).strip().replace(",", "")) * export_rules()["fen_per_unit"]
    except InvalidOperation:
        return None
    if not d.is_finite() or d != d.to_integral_value():
        return None
    return int(d)


def _int(text: Any) -> int | None:
    try:
        return int(str(text).strip())
    except (TypeError, ValueError):
        return None


def _bool(text: Any) -> int | None:
    s = str(text).strip().lower()
    return {"true": 1, "false": 0, "1": 1, "0": 0}.get(s)


def _amount_columns(name: str, header: list[str]) -> list[tuple[str, int, int | None]]:
    """(new column, index of its field, index of the unit field or None) of a resource."""
    rules = export_rules()
    out: list[tuple[str, int, int | None]] = [
        (f"{f}_fen", header.index(f), None) for f in (rules.get("amounts") or {}).get(name, []) if f in header]
    by_unit = (rules.get("amounts_by_unit") or {}).get(name)
    if by_unit and by_unit["field"] in header and by_unit["unit_field"] in header:
        out.append((f"{by_unit['field']}_fen", header.index(by_unit["field"]),
                    header.index(by_unit["unit_field"])))
    return out


def _convert(value: Any, kind: str) -> Any:
    if value is None or value == "":
        return None if kind != "string" else ("" if value == "" else None)
    if kind == "integer":
        return _int(value)
    if kind == "boolean":
        return _bool(value)
    return str(value)


def write_sqlite(path: Path, tables: Mapping[str, tuple[list[str], Iterable[list[Any]]]],
                 types: dict[str, dict[str, str]], titles: dict[str, dict[str, str]] | None = None) -> None:
    """One table per resource; ``types``: resource → field → Table Schema type."""
    path = Path(path)
    path.unlink(missing_ok=True)
    unit = export_rules().get("amounts_by_unit") or {}
    con = sqlite3.connect(path)
    try:
        con.execute('CREATE TABLE "_columns" ("table_name" TEXT, "column_name" TEXT, "sql_type" TEXT, '
                    '"field_type" TEXT, "title" TEXT, "note" TEXT)')
        for name, (header, rows) in tables.items():
            t = types.get(name, {})
            kinds = [t.get(h, "string") for h in header]
            extra = _amount_columns(name, header)
            cols = [(h, SQL_TYPES.get(k, "TEXT")) for h, k in zip(header, kinds, strict=True)]
            cols += [(c, "INTEGER") for c, _, _ in extra]
            con.execute(f'CREATE TABLE "{name}" ({", ".join(f"{q(c)} {s}" for c, s in cols)})')
            for (c, s), k in zip(cols, kinds + ["fen"] * len(extra), strict=True):
                note = ("精确小数文本（数值请按十进制读取，勿转为浮点）" if k == "number" else
                        "金额，单位：分（整数，精确）" if k == "fen" else "")
                if k == "fen" and name in unit:
                    note += f"；仅 {unit[name]['unit_field']} 为 {unit[name]['unit']} 的行有值"
                con.execute('INSERT INTO "_columns" VALUES (?, ?, ?, ?, ?, ?)',
                            (name, c, s, k, (titles or {}).get(name, {}).get(c, ""), note))
            want = (unit.get(name) or {}).get("unit")
            marks = ", ".join("?" for _ in cols)
            con.executemany(f'INSERT INTO "{name}" VALUES ({marks})',
                            (_row(r, kinds, extra, want) for r in rows))
        con.commit()
    finally:
        con.close()


def _row(row: list[Any], kinds: list[str], extra: list[tuple[str, int, int | None]], want: str | None
         ) -> list[Any]:
    """A resource row as SQLite values, with its amounts in 分 at the end."""
    out = [_convert(v, k) for v, k in zip(row, kinds, strict=False)]
    for _, i, u in extra:
        ok = u is None or (u < len(row) and row[u] == want)
        out.append(fen(row[i]) if ok and i < len(row) else None)
    return out


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'

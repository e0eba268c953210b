"""Write one report as a Frictionless data package: deterministic, atomic."""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path
from collections.abc import Iterable
from typing import Any

from juesuan.identities import with_status
from juesuan import __version__, spec
from juesuan.atomic import replace_dir, temp_dir_for
from juesuan.models import Report
from juesuan.package import schemas
from juesuan.package.provenance import Places, first_source_meta, localise, sources_descriptor

PROFILE = "tabular-data-package"


def fmt(value: Any) -> str:
    """One textual form per value: Decimal without exponent, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value, "f")
        return "0" if text in ("-0", "-0.00") and value == 0 else text
    return str(value)


def csv_text(header: list[str], rows: Iterable[Iterable[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([fmt(v) for v in row])
    return buf.getvalue()


def _records(name: str, items: Iterable[Any], places: Places | None = None) -> list[list[Any]]:
    """Rows of a resource in its schema's field order; where it has ``file``, the row's page is
    given in its own file and ``file``/``cell`` are filled (package.provenance)."""
    names = schemas.field_names(name)
    out = []
    for it in items:
        row = {n: it.get(n) for n in names} if isinstance(it, dict) else {n: getattr(it, n, None) for n in names}
        if places is not None and "file" in row:
            row = localise(row, places)
        out.append([row[n] for n in names])
    return out


def table_order(table_id: str) -> int:
    try:
        return spec.TABLE_ORDER.index(table_id)
    except ValueError:
        return len(spec.TABLE_ORDER)


def wide_tables(report: Report) -> dict[str, tuple[list[tuple[str, str]], bool, list[list[Any]]]]:
    """table id → (columns, two_sided, rows) as a person would read the table."""
    out = {}
    by_table: dict[str, list] = {}
    for li in report.line_items:
        by_table.setdefault(li.table, []).append(li)
    for tid in sorted(by_table, key=table_order):
        items = by_table[tid]
        seen_cols = list(dict.fromkeys(li.column for li in items))
        cols = schemas.wide_columns(tid, seen_cols)
        two_sided = any(li.section for li in items)
        rows: dict[tuple[str, str], dict[str, Any]] = {}
        for li in items:
            key = (li.section, li.row_code)
            row = rows.setdefault(key, {"section": li.section, "row_code": li.row_code,
                                        "row_name": li.row_name})
            row[li.column] = li.value
        table_rows = []
        for row in rows.values():
            lead = [row["section"]] if two_sided else []
            table_rows.append(lead + [row["row_code"], row["row_name"]] + [row.get(c) for c, _ in cols])
        out[tid] = (cols, two_sided, table_rows)
    return out


def build_files(report: Report, checks: list[Any] | None = None) -> dict[str, str]:
    """All files of the package as text, keyed by relative path (pure: no I/O)."""
    files: dict[str, str] = {}
    resources: list[dict[str, Any]] = []

    def add(name: str, path: str, header: list[str], rows: list[list[Any]], schema: dict,
            title: str = "", description: str = "") -> None:
        files[path] = csv_text(header, rows)
        res = {"name": name, "path": path, "profile": "tabular-data-resource", "format": "csv",
               "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}
        if title:
            res["title"] = title
        if description:
            res["description"] = description
        resources.append(res)

    line_items = sorted(with_status(report.line_items), key=lambda li: table_order(li.table))
    places = Places(report)
    resource_rows = {
        "line_items": _records("line_items", line_items, places),
        "facts": _records("facts", report.facts, places),
        "statements": _records("statements", report.statements, places),
        "profile": _records("profile", report.profile, places),
        "projects": _records("projects", report.projects, places),
        "indicators": _records("indicators", report.indicators, places),
        "tables": [[t.table, t.title, t.form, ";".join(map(str, pages)), t.cells, t.status,
                    t.identities, t.identities_held, t.note, file]
                   for t in sorted(report.tables, key=lambda t: table_order(t.table))
                   for file, pages in [places.pages(t.pages)]],
        "problems": _records("problems", report.problems, places),
        "checks": _records("checks", checks or [], places),
    }
    for name, rows in resource_rows.items():
        r = schemas.resource_spec(name)
        add(name, f"{name}.csv", schemas.field_names(name), rows, schemas.table_schema(name),
            r.get("title", ""), r.get("description", ""))
    for tid, (cols, two_sided, rows) in wide_tables(report).items():
        header = (["section"] if two_sided else []) + ["row_code", "row_name"] + [c for c, _ in cols]
        add(f"table_{tid}", f"tables/{tid}.csv", header, rows,
            schemas.wide_schema(tid, cols, two_sided), spec.tables()[tid]["title"])

    meta = {**asdict(report.meta), **first_source_meta(report), "sources": sources_descriptor(report)}
    descriptor = {
        "profile": PROFILE,
        "name": f"{report.meta.slug or 'report'}-{report.meta.year}".lower(),
        "title": f"{report.meta.agency} {report.meta.year}年度{report.meta.kind}",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "sources": [{"title": s["path"], **({"path": report.meta.source_url} if report.meta.source_url else {})}
                    for s in meta["sources"]],
        "juesuan": {"report": meta, "unit": report.meta.unit,
                    "parser_version": report.meta.parser_version or __version__},
        "resources": resources,
    }
    files["datapackage.json"] = json.dumps(descriptor, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return files


def write_package(report: Report, out_dir: Path, checks: list[Any] | None = None) -> Path:
    """Write the package into ``out_dir``, replacing it atomically (never half-written)."""
    return write_files(build_files(report, checks), out_dir)


def write_files(files: dict[str, str], out_dir: Path) -> Path:
    """Write the files of ``build_files`` into ``out_dir``, replacing it atomically: written
    beside it, then swapped in (juesuan.atomic), so ``out_dir`` is never missing or half-written."""
    out_dir = Path(out_dir)
    tmp = temp_dir_for(out_dir)
    try:
        for rel, text in files.items():
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
        replace_dir(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir

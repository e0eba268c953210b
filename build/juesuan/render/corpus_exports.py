"""The corpus downloads for spreadsheets and databases, their checksums and the data version.

Next to the corpus data package (juesuan.site_corpus: datapackage.json, exact CSVs, zip):
  juesuan-corpus.sqlite       exact amounts (render/database.py), replacing a float-typed one
  juesuan-corpus.xlsx         one worksheet per resource (render/spreadsheet.py)
  excel/<resource>.csv        CSV for Excel: UTF-8 with BOM, formula-safe text cells
  SHA256SUMS                  sha256 of every corpus download (``sha256sum -c SHA256SUMS``)
The data version names the content: the first 12 hex digits of a sha256 over every package
file of the corpus (its path and bytes), so the same data always has the same version; the
parser versions that wrote the packages are listed beside it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import Any

from juesuan.render.database import export_rules, write_sqlite
from juesuan.render.spreadsheet import csv_for_excel, write_xlsx

EXCEL_DIR = "excel"


def _types(descriptor: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {r["name"]: {f["name"]: f.get("type", "string") for f in r["schema"]["fields"]}
            for r in descriptor.get("resources", [])}


def _titles(descriptor: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {r["name"]: {f["name"]: str(f.get("title") or "") for f in r["schema"]["fields"]}
            for r in descriptor.get("resources", [])}


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def size_text(path: Path) -> str:
    n = Path(path).stat().st_size
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{max(1, round(n / 1024))} KB"


def write_corpus_exports(out_dir: Path, name: str, tables: dict[str, tuple[list[str], list[list[Any]]]],
                         descriptor: dict[str, Any], readme: list[tuple[str, str]] | None = None
                         ) -> list[dict[str, str]]:
    """Write the SQLite file, the workbook and the CSVs for Excel; return their download entries."""
    out_dir = Path(out_dir)
    types, titles = _types(descriptor), _titles(descriptor)
    db = out_dir / f"{name}.sqlite"
    write_sqlite(db, tables, types, titles)
    out = [{"label": f"{name}.sqlite（SQLite 数据库，金额为精确小数文本及以分为单位的整数）",
            "href": f"{name}.sqlite", "size": size_text(db), "kind": "database"}]
    xlsx = out_dir / f"{name}.xlsx"
    rows = sum(len(r) for _, r in tables.values())
    if rows <= export_rules()["corpus_xlsx_max_rows"]:
        write_xlsx(xlsx, [(n, h, r, types.get(n, {})) for n, (h, r) in tables.items()], readme=readme)
        out.insert(0, {"label": f"{name}.xlsx（Excel 工作簿，每种资源一个工作表）", "href": f"{name}.xlsx",
                       "size": size_text(xlsx), "kind": "spreadsheet"})
    else:
        xlsx.unlink(missing_ok=True)
        out.insert(0, {"label": f"全部报告共 {rows:,} 行，超出 Excel 工作簿的合理规模，未生成 {name}.xlsx；"
                       "请使用下面的 CSV（Excel 版）或 SQLite 数据库，或各报告页面上的工作簿。",
                       "href": "", "size": "", "kind": "spreadsheet"})
    excel = out_dir / EXCEL_DIR
    excel.mkdir(parents=True, exist_ok=True)
    for n, (h, r) in tables.items():
        p = excel / f"{n}.csv"
        p.write_bytes(csv_for_excel(h, r, types.get(n, {})))
        out.append({"label": f"{n}.csv（Excel 用，{len(r)} 行）", "href": f"{EXCEL_DIR}/{n}.csv",
                    "size": size_text(p), "kind": "spreadsheet"})
    return out


def add_checksums(out_dir: Path, listing: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each entry gains its sha256; SHA256SUMS lists them all (paths relative to ``out_dir``)."""
    out_dir = Path(out_dir)
    lines = []
    for entry in listing:
        path = out_dir / entry["href"]
        if path.is_file():
            entry["sha256"] = sha256_of(path)
            lines.append(f"{entry['sha256']}  {entry['href']}")
    (out_dir / "SHA256SUMS").write_text("\n".join(sorted(lines, key=lambda s: s[66:])) + "\n",
                                        encoding="utf-8")
    return listing


def data_version(packages: list[Any]) -> dict[str, str]:
    """{version, digest, built, parser, reports}: the corpus content's name and the build date.

    The date is $SOURCE_DATE_EPOCH's when set (reproducible builds), else today's (UTC).
    """
    h = hashlib.sha256()
    parsers = set()
    for pkg in sorted(packages, key=lambda p: (p.slug, p.year)):
        parsers.add(str(pkg.meta.get("parser_version") or ""))
        for f in sorted(p for p in Path(pkg.path).rglob("*") if p.is_file()):
            h.update(f"{pkg.slug}/{pkg.year}/{f.relative_to(pkg.path).as_posix()}\0".encode())
            h.update(sha256_of(f).encode())
    digest = h.hexdigest()[:12]
    parser = "、".join(sorted(p for p in parsers if p)) or "未知"
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit()
            else dt.datetime.now(dt.UTC))
    return {"version": digest, "digest": digest, "built": when.date().isoformat(),
            "parser": parser, "reports": str(len(packages))}

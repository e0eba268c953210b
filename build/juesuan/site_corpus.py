"""The whole corpus as one Frictionless data package, a zip of it and an SQLite file.

One CSV per resource of schemas/resources.yaml, every report's rows together, with
the columns ``slug``, ``agency`` and ``year`` in front; plus ``reports.csv``, one row
of metadata per report. Values are copied as printed in each package (no float
round trip).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from juesuan.package import schemas
from juesuan.render.load import Package

NAME = "juesuan-corpus"
KEY_FIELDS = [
    {"name": "slug", "type": "string", "title": "单位标识", "constraints": {"required": True}},
    {"name": "agency", "type": "string", "title": "单位", "constraints": {"required": True}},
    {"name": "year", "type": "integer", "title": "年度", "constraints": {"required": True}},
]
REPORT_FIELDS = ["slug", "agency", "year", "kind", "region", "sector", "unit", "published",
                 "source_file", "sha256", "page_count", "format", "template", "converted_from_yuan",
                 "source_url", "parser_version"]
# fields the data contract gained later: packages written before have no such column, so in
# the corpus (packages of every age together) they may be empty, whatever a package requires
ADDED_LATER = {"line_items": {"status"}, "tables": {"identities", "identities_held", "note"}}


def _read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    if not path.exists():
        return [], []
    with path.open(encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        header = next(r, [])
        return header, list(r)


def _report_row(p: Package) -> list[Any]:
    m = {**p.meta, "slug": p.slug, "agency": p.agency, "year": p.year, "region": "/".join(p.region),
         "converted_from_yuan": "true" if p.meta.get("converted_from_yuan") else "false"}
    return ["" if m.get(k) is None else m[k] for k in REPORT_FIELDS]


def corpus_tables(packages: list[Package]) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """resource name → (header, rows) for the whole corpus."""
    out: dict[str, tuple[list[str], list[list[Any]]]] = {
        "reports": (REPORT_FIELDS, [_report_row(p) for p in packages])}
    for name in schemas.resource_names():
        fields = schemas.field_names(name)
        rows: list[list[Any]] = []
        for p in packages:
            header, prow = _read_rows(p.path / f"{name}.csv")
            idx = [header.index(f) if f in header else None for f in fields]
            for r in prow:
                rows.append([p.slug, p.agency, p.year] + [r[i] if i is not None and i < len(r) else ""
                                                          for i in idx])
        out[name] = (["slug", "agency", "year", *fields], rows)
    return out


def _schema(name: str) -> dict[str, Any]:
    if name == "reports":
        fields = [*KEY_FIELDS] + [{"name": f, "type": "integer" if f == "page_count" else
                                   "boolean" if f == "converted_from_yuan" else "string"}
                                  for f in REPORT_FIELDS[3:]]
        return {"fields": fields, "primaryKey": ["slug", "year"], "missingValues": [""]}
    s = schemas.table_schema(name)
    for f in s["fields"]:
        if f["name"] in ADDED_LATER.get(name, ()) and (f.get("constraints") or {}).pop("required", None):
            f["description"] = (f.get("description", "") + " (empty for reports packaged before this "
                                "field existed)").strip()
    s["fields"] = [*KEY_FIELDS, *s["fields"]]
    if "primaryKey" in s:
        s["primaryKey"] = ["slug", "year", *s["primaryKey"]]
    if "foreignKeys" in s:
        s["foreignKeys"] = [{"fields": ["slug", "year", *fk["fields"]],
                             "reference": {"resource": fk["reference"]["resource"],
                                           "fields": ["slug", "year", *fk["reference"]["fields"]]}}
                            for fk in s["foreignKeys"]]
    return s


def descriptor(names: list[str]) -> dict[str, Any]:
    resources = []
    for name in names:
        spec = schemas.resource_spec(name) if name != "reports" else {"title": "报告", "description":
                                                                        "One row per report: its metadata."}
        resources.append({"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource",
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                          "title": spec.get("title", ""), "description": spec.get("description", ""),
                          "schema": _schema(name)})
    return {"profile": "tabular-data-package", "name": NAME, "title": "决算公开数据（全部报告）",
            "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                          "title": "Creative Commons Attribution 4.0"}],
            "resources": resources}


def _csv_text(header: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def write_corpus(packages: list[Package], out_dir: Path) -> list[dict[str, str]]:
    """Write the corpus package into ``out_dir``; return the download list for the data page."""
    out_dir = Path(out_dir)
    pkg_dir = out_dir / NAME
    pkg_dir.mkdir(parents=True, exist_ok=True)
    tables = corpus_tables(packages)
    files: dict[str, str] = {f"{n}.csv": _csv_text(h, r) for n, (h, r) in tables.items()}
    files["datapackage.json"] = json.dumps(descriptor(list(tables)), ensure_ascii=False, indent=2) + "\n"
    for rel, text in files.items():
        (pkg_dir / rel).write_text(text, encoding="utf-8")
    zip_path = out_dir / f"{NAME}.zip"
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
        for rel in sorted(files):
            info = zipfile.ZipInfo(f"{NAME}/{rel}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, files[rel].encode("utf-8"))
    from juesuan.render.corpus_exports import write_corpus_exports  # exact SQLite, .xlsx, CSV for Excel

    exports = write_corpus_exports(out_dir, NAME, tables, descriptor(list(tables)))
    listing = [{"label": "datapackage.json（描述与字段说明）", "href": f"{NAME}/datapackage.json",
                "size": _size(pkg_dir / "datapackage.json")}]
    listing += [{"label": f"{n}.csv（{len(r)} 行）", "href": f"{NAME}/{n}.csv", "size": _size(pkg_dir / f"{n}.csv")}
                for n, (_, r) in tables.items()]
    listing.append({"label": f"{NAME}.zip（整个数据包）", "href": f"{NAME}.zip", "size": _size(zip_path)})
    listing += exports  # the .xlsx, the SQLite file and the CSVs for Excel
    return listing


def _size(path: Path) -> str:
    n = path.stat().st_size
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{max(1, round(n / 1024))} KB"

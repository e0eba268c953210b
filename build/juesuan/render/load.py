"""Read data packages (files written by package/writer.py) back into plain records for the site.

The site is rendered from the packages on disk, never from parser objects, so the
render stage can run alone on any folder of packages.
"""

from __future__ import annotations

import csv
import json
import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_SAFE_SLUG = re.compile(r"[^a-z0-9-]+")
RESOURCES = ("line_items", "facts", "statements", "profile", "projects", "indicators", "tables", "problems",
             "checks")
NUMERIC = {"value", "budget_initial", "budget_adjusted", "executed", "execution_rate", "score",
           "weight", "expected", "difference"}


def dec(text: str | None) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def safe_slug(text: str) -> str:
    """A slug fit for a URL path segment, whatever the package folder was called."""
    s = _SAFE_SLUG.sub("-", str(text).lower()).strip("-")
    return s or "agency"


@dataclass
class Package:
    """One report's data package as read from disk."""

    path: Path
    descriptor: dict[str, Any]
    meta: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    wide: dict[str, Path] = field(default_factory=dict)  # table id → tables/<id>.csv
    # the site's slug when it is not the folder's: set by render.model.build_corpus for a
    # second agency found in another agency's folder (rendered apart, never merged)
    site_slug: str = ""

    # -- identity
    @property
    def slug(self) -> str:
        return self.site_slug or safe_slug(self.path.parent.name)

    @property
    def year(self) -> int:
        try:
            return int(self.meta.get("year") or self.path.name)
        except (TypeError, ValueError):
            return 0

    @property
    def agency(self) -> str:
        return str(self.meta.get("agency") or self.path.parent.name)

    @property
    def region(self) -> list[str]:
        r = self.meta.get("region") or []
        return [str(x) for x in r] if isinstance(r, list) else [str(r)]

    @property
    def region_text(self) -> str:
        return " · ".join(dict.fromkeys(r for r in self.region if r))  # 上海市 · 上海市 said once

    @property
    def sector(self) -> str:
        return str(self.meta.get("sector") or "")

    @property
    def unit(self) -> str:
        return str(self.meta.get("unit") or "万元")

    # -- lookups
    def line_items(self, table: str | None = None) -> list[dict[str, Any]]:
        items = self.rows.get("line_items", [])
        return items if table is None else [r for r in items if r["table"] == table]

    def cell(self, table: str, row_code: str, column: str, section: str | None = None) -> Decimal | None:
        for r in self.rows.get("line_items", []):
            if (r["table"] == table and r["row_code"] == row_code and r["column"] == column
                    and (section is None or r["section"] == section)):
                return r["value"]
        return None

    def fact(self, metric: str) -> Decimal | None:
        for r in self.rows.get("facts", []):
            if r["metric"] == metric:
                return r["value"]
        return None

    def fact_row(self, metric: str) -> dict[str, Any] | None:
        return next((r for r in self.rows.get("facts", []) if r["metric"] == metric), None)


def read_csv(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        for k in list(row):
            if k in NUMERIC or (k == "actual" and "rule" in row):
                row[k] = dec(row[k])
            elif k == "page":
                row[k] = int(row[k]) if (row[k] or "").isdigit() else None
    return rows


def load_package(path: Path, resources: tuple[str, ...] = RESOURCES) -> Package:
    """One package folder (…/<slug>/<year>/datapackage.json) → Package."""
    path = Path(path)
    descriptor = json.loads((path / "datapackage.json").read_text("utf-8"))
    meta = dict((descriptor.get("juesuan") or {}).get("report") or {})
    pkg = Package(path=path, descriptor=descriptor, meta=meta)
    for name in resources:  # () for the descriptor alone
        pkg.rows[name] = read_csv(path / f"{name}.csv")
    for res in descriptor.get("resources", []):
        rel = str(res.get("path", ""))
        if res.get("name", "").startswith("table_") and rel.startswith("tables/") and ".." not in rel:
            pkg.wide[res["name"][len("table_"):]] = path / rel
    return pkg


def load_corpus(packages_root: Path, resources: tuple[str, ...] = RESOURCES) -> list[Package]:
    """Every package under data/packages/<slug>/<year>/, sorted by agency slug then year."""
    out = []
    for dp in sorted(Path(packages_root).glob("*/*/datapackage.json")):
        if dp.parent.name.startswith(".") or dp.parent.parent.name.startswith("."):
            continue  # half-written or old copies of the atomic writer
        try:
            out.append(load_package(dp.parent, resources))
        except (OSError, ValueError, KeyError) as e:
            log.warning("skipping package %s: %s", dp.parent, e)
    out.sort(key=lambda p: (p.slug, p.year))
    return out

"""The same agency's previous-year data package, read back from data/packages/.

The slug only says where to look: the package found there is used only when its descriptor
names the same agency (full name and region, :func:`juesuan.paths.same_agency`). A homophone
city's package under the same slug, or a package without a descriptor, is never compared."""

from __future__ import annotations

import csv
import logging
from decimal import Decimal, InvalidOperation
from pathlib import Path

from juesuan.audit.context import Previous
from juesuan.meta import package_identity
from juesuan.models import ReportMeta
from juesuan.paths import same_agency

log = logging.getLogger(__name__)


def _decimal(text: str | None) -> Decimal | None:
    if text is None or text.strip() == "":
        return None
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        return None


def read_previous(folder: Path, year: int) -> Previous | None:
    folder = Path(folder)
    facts_csv, items_csv = folder / "facts.csv", folder / "line_items.csv"
    if not facts_csv.exists() and not items_csv.exists():
        return None
    prev = Previous(year=year)
    if facts_csv.exists():
        with facts_csv.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                v = _decimal(row.get("value"))
                if row.get("metric") and v is not None:
                    prev.facts.setdefault(row["metric"], v)
    if items_csv.exists():
        with items_csv.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                v = _decimal(row.get("value"))
                if v is None or not row.get("table"):
                    continue
                key = (row["table"], row.get("section") or "", row.get("row_code") or "", row.get("column") or "")
                prev.cells.setdefault(key, v)
    return prev


def load_previous(meta: ReportMeta, packages_root: Path | None) -> Previous | None:
    """data/packages/<slug>/<year-1>/ if it is this agency's and holds facts.csv or
    line_items.csv, else None."""
    if packages_root is None or not meta.slug or not meta.year:
        return None
    folder = Path(packages_root) / meta.slug / str(meta.year - 1)
    if not folder.is_dir():
        return None
    found = package_identity(folder)
    if found is None or not same_agency(meta.agency, meta.region, *found):
        log.warning("previous-year package %s is not %s's (%s): not compared", folder, meta.agency,
                    found[0] if found else "no datapackage.json")
        return None
    try:
        return read_previous(folder, meta.year - 1)
    except (OSError, csv.Error, UnicodeDecodeError) as e:
        log.warning("previous-year package %s unreadable: %s", folder, e)
        return None

"""The files a report page offers for download, and copying them next to the page.

Layout under the report's page folder (docs/agencies/<slug>/<year>/):
  files/datapackage.json, files/<resource>.csv, files/tables/<table>.csv  (the package)
  <slug>-<year>.zip                                                     (the package zipped)
  source/source<ext>                                                    (the disclosure as published)
"""

from __future__ import annotations

import logging
import os
import shutil
import zipfile
from pathlib import Path

import yaml

from juesuan.render.load import Package
from juesuan.render.status import DOWNLOAD_LABELS, verification_known

log = logging.getLogger(__name__)

LABELS = {
    "datapackage.json": "datapackage.json（数据包描述与字段说明）",
    "line_items.csv": "line_items.csv（全部表格单元格，长表）",
    "facts.csv": "facts.csv（说明中的数字）",
    "statements.csv": "statements.csv（说明中的全部表述）",
    "profile.csv": "profile.csv（部门概况：职责、机构、人员）",
    "projects.csv": "projects.csv（项目绩效自评）",
    "indicators.csv": "indicators.csv（绩效指标）",
    "tables.csv": "tables.csv（表格位置与页码）",
    "problems.csv": "problems.csv（解析提示）",
    "checks.csv": "checks.csv（审核结果）",
}
# only inert types are served under their own extension (never .html/.md/.svg: a hostile
# "source" must not become a page or a script on the site)
SOURCE_TYPES = {".pdf", ".txt", ".docx", ".doc", ".xls", ".xlsx", ".ods", ".html", ".htm", ".mht",
                ".csv", ".zip"}


def zip_name(pkg: Package) -> str:
    return f"{pkg.slug}-{pkg.year}.zip"


def package_files(pkg: Package) -> list[str]:
    """Relative paths of the package's files (datapackage.json first, then its resources)."""
    out = ["datapackage.json"]
    for res in pkg.descriptor.get("resources", []):
        rel = str(res.get("path", ""))
        if rel and ".." not in rel and not rel.startswith("/") and (pkg.path / rel).is_file():
            out.append(rel)
    return out


def source_file(pkg: Package, reports_root: Path | None) -> Path | None:
    """The published disclosure: data/reports/<slug>/<year>/<source of report.yml>."""
    if reports_root is None:
        return None
    folder = Path(reports_root) / pkg.path.parent.name / pkg.path.name
    yml = folder / "report.yml"
    name = str(pkg.meta.get("source_file") or "")
    try:
        given = yaml.safe_load(yml.read_text("utf-8")) or {}
        name = Path(str(given.get("source") or name)).name
    except (OSError, yaml.YAMLError, AttributeError):
        pass
    path = folder / name if name else None
    return path if path and path.is_file() else None


def source_target(src: Path) -> str:
    ext = src.suffix.lower()
    return f"source/source{ext if ext in SOURCE_TYPES else '.bin'}"


def downloads(pkg: Package, source: Path | None) -> list[dict[str, str]]:
    """[{label, href}] relative to the report page."""
    from juesuan import spec

    titles = {f"tables/{tid}.csv": t["title"] for tid, t in spec.tables().items()}
    out = [{"label": f"{zip_name(pkg)}（整个数据包）", "href": zip_name(pkg)}]
    if source is not None:
        out.append({"label": f"原始公开文件（{source.suffix.lstrip('.').upper() or '文件'}）",
                    "href": source_target(source)})
    verified = verification_known(pkg)
    for rel in package_files(pkg):
        label = ((DOWNLOAD_LABELS.get(rel) if verified else None) or LABELS.get(rel)
                 or (f"{rel}（{titles[rel]}）" if rel in titles else rel))
        out.append({"label": label, "href": f"files/{rel}"})
    return out


def _link_or_copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def copy_downloads(pkg: Package, page_dir: Path, source: Path | None) -> None:
    """Place the package, its zip and the source file next to the report page."""
    files = package_files(pkg)
    for rel in files:
        _link_or_copy(pkg.path / rel, page_dir / "files" / rel)
    with zipfile.ZipFile(page_dir / zip_name(pkg), "w", zipfile.ZIP_DEFLATED) as z:
        for rel in files:  # fixed timestamps: the same package gives the same zip
            info = zipfile.ZipInfo(f"{pkg.slug}-{pkg.year}/{rel}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, (pkg.path / rel).read_bytes())
    if source is not None:
        _link_or_copy(source, page_dir / source_target(source))

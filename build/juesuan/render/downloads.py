"""The files a report page offers for download, and copying them next to the page.

Layout under the report's page folder (docs/agencies/<slug>/<year>/):
  files/datapackage.json, files/<resource>.csv, files/tables/<table>.csv  (the package, exact)
  <slug>-<year>.zip                                                     (the package zipped)
  <slug>-<year>.xlsx, excel/<resource>.csv, excel/tables/<table>.csv    (for spreadsheets:
                                         render/spreadsheet.py says how they differ)
  source/source<ext>, source/source-2<ext> …                            (the files as published)

A published file is served byte for byte, under an inert extension, except a text export: it
is served as UTF-8 with a BOM (decoded from whatever encoding it was saved in), because a static
server sends .txt without a charset and a browser would guess it wrong; and a web page: the
site serves a sanitised copy (render/safe_html.py: nothing that runs or loads from elsewhere, as
UTF-8) under its name, and the untouched original inside a ZIP archive next to it
(``source/source-original.zip``), which a browser downloads and never opens as a page.
"""

from __future__ import annotations

import logging
import os
import shutil
import zipfile
from pathlib import Path

from juesuan.errors import BadMetadata
from juesuan.meta import read_meta_yaml
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
        given = read_meta_yaml(yml) or {}  # size-capped, no YAML aliases
        name = Path(str(given.get("source") or name)).name
    except (OSError, BadMetadata, AttributeError):
        pass
    path = folder / name if name else None
    return path if path and path.is_file() else None


TEXT_TYPES = {".txt"}  # served re-encoded as UTF-8 with a BOM
HTML_TYPES = {".html", ".htm"}  # served as a sanitised copy; the original inside a zip
SAFE_COPY_LABEL = "网页安全副本：已移除脚本、事件处理、内嵌框架、表单和外部资源，转为 UTF-8 编码"
ORIGINAL_LABEL = "未经改动的原始网页，装在 ZIP 压缩包内（下载后解压查看；为安全起见不在本站直接打开）"


def is_web_page(name: str | Path) -> bool:
    """A source the site serves as a sanitised copy (a live page would run on the site's origin)."""
    return Path(str(name)).suffix.lower() in HTML_TYPES


def original_target(href: str) -> str:
    """Where the untouched original of a web page served at ``href`` is offered (a zip)."""
    path = Path(href)
    return str(path.with_name(f"{path.stem}-original.zip").as_posix())


def served_extension(name: str | Path) -> str:
    ext = Path(str(name)).suffix.lower()
    return ext if ext in SOURCE_TYPES else ".bin"


def source_target(src: Path) -> str:
    return f"source/source{served_extension(src)}"


def xlsx_name(pkg: Package) -> str:
    return f"{pkg.slug}-{pkg.year}.xlsx"


def serve_source(src: Path, dst: Path) -> None:
    """Place one published file for the site (a text export as UTF-8 with a BOM; a web page as
    a sanitised copy, its original zipped next to it)."""
    if is_web_page(src):
        _serve_web_page(src, dst)
        return
    if src.suffix.lower() not in TEXT_TYPES:
        _link_or_copy(src, dst)
        return
    from juesuan.extract.encoding import decode

    data = src.read_bytes()
    found = decode(data)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.unlink(missing_ok=True)  # never write through a hard link to the original
    if found is None:
        _link_or_copy(src, dst)
        return
    dst.write_bytes(("\ufeff" + found[0].lstrip("\ufeff")).encode("utf-8"))


def _serve_web_page(src: Path, dst: Path) -> None:
    from juesuan.paths import readable
    from juesuan.render.safe_html import safe_copy

    data = src.read_bytes()
    original = dst.parent / Path(original_target(dst.name)).name
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.unlink(missing_ok=True)  # never write through a hard link to the original
    dst.write_bytes(safe_copy(data, original.name))
    original.unlink(missing_ok=True)
    with zipfile.ZipFile(original, "w", zipfile.ZIP_DEFLATED) as z:  # fixed time: the same file, the same zip
        info = zipfile.ZipInfo(readable(src.name), date_time=(2000, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)


def _source_entries(label: str, href: str, name: str, file: str | None) -> list[dict[str, str]]:
    """The download entries of one published file: a web page's safe copy and its zipped original."""
    extra = {"file": file} if file is not None else {}
    if not is_web_page(name):
        return [{"label": label, "href": href, "group": "source", "excel": "", **extra}]
    return [{"label": f"原始公开文件：{Path(name).name}（{SAFE_COPY_LABEL}）", "href": href, "group": "source",
             "excel": "", **extra},
            {"label": f"{Path(name).name}：{ORIGINAL_LABEL}", "href": original_target(href), "group": "source",
             "excel": ""}]


def downloads(pkg: Package, source: Path | None, sources: list | None = None) -> list[dict[str, str]]:
    """[{label, href, group, excel}] relative to the report page; group: source (the files as
    published), spreadsheet (the .xlsx) or package (exact files; ``excel``: the same table as a
    CSV for Excel). ``sources``: the report's provenance sources (all its files), when known."""
    from juesuan import spec

    titles = {f"tables/{tid}.csv": t["title"] for tid, t in spec.tables().items()}
    out = []
    served = [s for s in (sources or []) if s.href]
    for s in served:
        out += _source_entries(f"原始公开文件：{s.name}（{s.format_name}）", s.href, s.name, s.name)
    if not served and source is not None:
        out += _source_entries(f"原始公开文件（{source.suffix.lstrip('.').upper() or '文件'}）",
                               source_target(source), source.name, None)
    out.append({"label": f"{xlsx_name(pkg)}（Excel 工作簿，每个文件一个工作表）", "href": xlsx_name(pkg),
                "group": "spreadsheet", "excel": ""})
    out.append({"label": f"{zip_name(pkg)}（整个数据包）", "href": zip_name(pkg), "group": "package", "excel": ""})
    verified = verification_known(pkg)
    for rel in package_files(pkg):
        label = ((DOWNLOAD_LABELS.get(rel) if verified else None) or LABELS.get(rel)
                 or (f"{rel}（{titles[rel]}）" if rel in titles else rel))
        out.append({"label": label, "href": f"files/{rel}", "group": "package",
                    "excel": f"excel/{rel}" if rel.endswith(".csv") else ""})
    return out


def _link_or_copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def copy_downloads(pkg: Package, page_dir: Path, source: Path | None, sources: list | None = None) -> None:
    """Place the package, its zip, its spreadsheet versions and the published files next to
    the report page (``sources``: every file of the report; else ``source``, the first)."""
    from juesuan.render.provenance import in_folder
    from juesuan.render.spreadsheet import csv_for_excel, field_types, read_csv_rows, write_xlsx

    if sources is None and source is not None:
        sources = in_folder(pkg, source.parent, source).sources
    files = package_files(pkg)
    sheets = []
    for rel in files:
        _link_or_copy(pkg.path / rel, page_dir / "files" / rel)
        if rel.endswith(".csv"):
            header, rows = read_csv_rows(pkg.path / rel)
            types = field_types(pkg.descriptor, rel)
            dst = page_dir / "excel" / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(csv_for_excel(header, rows, types))
            sheets.append((Path(rel).stem, header, rows, types))
    meta = pkg.meta
    readme = [("单位", pkg.agency), ("年度", str(pkg.year)), ("金额单位", "万元"),
              ("原始文件", str(meta.get("source_file") or "")), ("原始网址", str(meta.get("source_url") or "未记录")),
              ("说明", "每个工作表对应数据包中的一个 CSV 文件；数值与数据包完全相同；以 = + - @ 开头的文字"
                     "单元格按文本存储（不会被当作公式执行）。")]
    write_xlsx(page_dir / xlsx_name(pkg), sheets, readme=readme)
    with zipfile.ZipFile(page_dir / zip_name(pkg), "w", zipfile.ZIP_DEFLATED) as z:
        for rel in files:  # fixed timestamps: the same package gives the same zip
            info = zipfile.ZipInfo(f"{pkg.slug}-{pkg.year}/{rel}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, (pkg.path / rel).read_bytes())
    served = [s for s in (sources or []) if s.href and s.path is not None]
    for s in served:
        serve_source(s.path, page_dir / s.href)
    if not served and source is not None:
        serve_source(source, page_dir / source_target(source))

"""Where each number on the site comes from: the original file, its page (or sheet and cell),
and a link to the copy of that file the site serves.

The data contract (schemas/resources.yaml, ``juesuan.report.sources`` of datapackage.json):
a report has one or more original files, in report.yml order, each with a ``format`` and a
count of ``pages`` (sheets for a workbook). Rows of line_items, facts, projects, problems
and checks carry ``page`` (1-based page, or sheet index for a workbook), ``file`` (the
source file's name) and ``cell`` (``Sheet1!B7`` for a workbook). Packages written before
``sources``/``file``/``cell`` existed describe their one file with ``source_file``,
``format`` and ``page_count``: a row without ``file`` is from the first file.

What a reader sees:
  PDF (and scans)         原文第 N 页, linked to ``source/…pdf#page=N``
  workbook                工作表 Sheet1 单元格 B7, linked to the workbook
  text, web page, Word    原文无页码 (the file is linked, never a page that does not exist)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from juesuan.render.fmt import esc

PAGED = {"pdf", "image"}  # formats whose pages a link can open (#page=N in a PDF viewer)
WORKBOOK = {"xlsx", "xls", "xlsb", "ods", "et"}
# every value of sources[].format (extract/: pdf, docx, office, workbook, html, text, scan), named in Chinese
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word 文档", "doc": "Word 文档（旧格式）", "wps": "WPS 文字文档",
                "odt": "OpenDocument 文本文档", "rtf": "RTF 富文本文档",
                "xlsx": "Excel 工作簿", "xls": "Excel 工作簿（旧格式）", "xlsb": "Excel 二进制工作簿",
                "ods": "OpenDocument 工作簿", "et": "WPS 表格工作簿",
                "html": "网页", "mht": "单文件网页（MHT）", "text": "文本文件", "image": "扫描图像"}
NO_PAGES = {"text": "文本导出，原文无页码", "html": "网页，原文无页码", "mht": "网页，原文无页码",
            "docx": "Word 文档，无固定页码", "doc": "Word 文档，无固定页码", "wps": "WPS 文档，无固定页码",
            "odt": "OpenDocument 文本文档，无固定页码", "rtf": "RTF 文档，无固定页码"}
EXT_FORMAT = {".pdf": "pdf", ".txt": "text", ".text": "text", ".html": "html", ".htm": "html",
              ".mht": "mht", ".mhtml": "mht", ".docx": "docx", ".doc": "doc", ".wps": "wps",
              ".odt": "odt", ".rtf": "rtf", ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls",
              ".xlsb": "xlsb", ".ods": "ods", ".et": "et", ".png": "image", ".jpg": "image",
              ".jpeg": "image", ".tif": "image", ".tiff": "image", ".bmp": "image", ".webp": "image"}


@dataclass
class Source:
    """One original file of a report, as the site serves it."""

    name: str  # the file name in data/reports/<slug>/<year>/
    format: str  # pdf, docx, xlsx, text, html …
    pages: int | None  # pages (sheets for a workbook); None when unknown
    sha256: str
    href: str  # relative to the report page ("" when the file is not served)
    path: Path | None = None  # the file on disk (None when data/reports is not at hand)

    @property
    def paged(self) -> bool:
        return self.format in PAGED

    @property
    def workbook(self) -> bool:
        return self.format in WORKBOOK

    @property
    def format_name(self) -> str:
        return FORMAT_NAMES.get(self.format, self.format.upper() or "文件")

    @property
    def no_pages(self) -> str:
        """The Chinese phrase saying that this file has no pages ("" when it has)."""
        if self.paged or self.workbook:
            return ""
        return NO_PAGES.get(self.format, "原文无页码")


def _int(value: Any) -> int | None:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return n if n >= 1 else None


def format_of(name: str, declared: str = "") -> str:
    return (declared or EXT_FORMAT.get(Path(name).suffix.lower(), "")).lower()


def declared_sources(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """``juesuan.report.sources``, or the one source the older keys describe."""
    listed = meta.get("sources")
    if isinstance(listed, list) and listed:
        return [s for s in listed if isinstance(s, dict) and s.get("path")]
    name = str(meta.get("source_file") or "")
    if not name:
        return []
    return [{"path": name, "sha256": meta.get("sha256") or "", "format": meta.get("format") or "",
             "pages": meta.get("page_count")}]


@dataclass
class Provenance:
    """The sources of one report and how to cite a place in them."""

    sources: list[Source]

    @property
    def first(self) -> Source | None:
        return self.sources[0] if self.sources else None

    def source(self, file: str | None) -> Source | None:
        if file:
            for s in self.sources:
                if s.name == file or Path(s.name).name == Path(str(file)).name:
                    return s
        return self.first

    def text(self, row: dict[str, Any] | None) -> str:
        """Plain Chinese: '上海….pdf 第6页', '表.xlsx 工作表 收入 单元格 B7', '… （文本导出，原文无页码）'."""
        if not row:
            return ""
        src = self.source(row.get("file"))
        if src is None:
            return ""
        page, cell = _int(row.get("page")), str(row.get("cell") or "")
        many = len(self.sources) > 1
        name = src.name if many or src.paged or src.workbook else ""
        if src.workbook and cell:
            sheet, _, ref = cell.rpartition("!")
            where = f"工作表 {sheet.strip(chr(39))} 单元格 {ref}" if sheet else f"单元格 {ref}"
            return f"{src.name} {where}"
        if src.workbook and page:
            return f"{src.name} 第{page}个工作表"
        if src.paged and page:
            return f"{src.name} 第{page}页"
        if src.paged:
            return f"{src.name}（页码未知）"
        return f"{name}（{src.no_pages}）".lstrip() if name else f"（{src.no_pages}）"

    def href(self, row: dict[str, Any] | None) -> str:
        """The link to the place: the PDF at its page, else the file itself ("" when not served)."""
        if not row:
            return ""
        src = self.source(row.get("file"))
        if src is None or not src.href:
            return ""
        page = _int(row.get("page"))
        return f"{src.href}#page={page}" if src.paged and page else src.href

    def link(self, row: dict[str, Any] | None, short: bool = False) -> Markup:
        """The place as a link (``short``: '第6页' instead of the file name too, on one-file reports)."""
        text = self.text(row)
        if not text:
            return Markup("")
        src = self.source((row or {}).get("file"))
        page = _int((row or {}).get("page"))
        if short and src is not None and len(self.sources) == 1 and not (src.paged or src.workbook):
            return Markup("")  # the page says once that its one file has no pages
        if short and src is not None and len(self.sources) == 1:
            if src.paged and page:
                text = f"第{page}页"
            elif not (src.workbook and (row or {}).get("cell")):
                text = text.replace(f"{src.name}", "").strip() or text
        href = self.href(row)
        if not href:
            return esc(text)
        return Markup(f'<a class="jc-src" href="{esc(href)}">{esc(text)}</a>')

    def place(self, obj: Any, short: bool = True) -> Markup:
        """:meth:`link` of a row given as a dict or as an object with page/file/cell attributes."""
        row = obj if isinstance(obj, dict) else {k: getattr(obj, k, None) for k in ("page", "file", "cell")}
        return self.link(row, short=short)

    def seen_from(self, prefix: str) -> Provenance:
        """The same sources linked from another page (``prefix``: the report page's folder
        relative to that page, e.g. '2024/' from the agency page)."""
        return Provenance([replace(s, href=prefix + s.href) if s.href else s for s in self.sources])

    def pinpoints(self, row: dict[str, Any] | None) -> bool:
        """Whether a link can open the row's own page or sheet (not just the whole file)."""
        src = self.source((row or {}).get("file"))
        return src is not None and (src.paged or src.workbook)

    @property
    def paged(self) -> bool:
        """Whether every number can be linked to a page or cell (no file without pages)."""
        return bool(self.sources) and all(s.paged or s.workbook for s in self.sources)

    def title(self, row: dict[str, Any] | None) -> str:
        """The hover text of a cell: '来源：上海….pdf 第6页'."""
        text = self.text(row)
        return f"来源：{text}" if text else ""


def served_name(index: int, name: str) -> str:
    """The file name the site serves source ``index`` under (ASCII; its extension kept)."""
    from juesuan.render.downloads import served_extension

    stem = "source" if index == 0 else f"source-{index + 1}"
    return f"{stem}{served_extension(name)}"


def provenance(pkg: Any, reports_root: Path | None) -> Provenance:
    """The report's sources, with the links the report page serves them under."""
    if reports_root is None:
        return in_folder(pkg, None, None)
    from juesuan.render.downloads import source_file  # report.yml may name the first differently

    return in_folder(pkg, Path(reports_root) / pkg.path.parent.name / pkg.path.name,
                     source_file(pkg, reports_root))


def in_folder(pkg: Any, folder: Path | None, first: Path | None) -> Provenance:
    """The sources of ``pkg`` found in ``folder`` (its data/reports folder; ``first``: the file
    report.yml names as its source). A file not at hand is listed but not served."""
    out = []
    for i, s in enumerate(declared_sources(pkg.meta)):
        name = Path(str(s["path"])).name
        path = folder / name if folder is not None else None
        on_disk = path if path is not None and path.is_file() else None
        if i == 0 and on_disk is None:
            on_disk = first
        out.append(Source(name=name, format=format_of(name, str(s.get("format") or "")),
                          pages=_int(s.get("pages")), sha256=str(s.get("sha256") or ""),
                          href=f"source/{served_name(i, name)}" if on_disk is not None else "",
                          path=on_disk))
    return Provenance(out)

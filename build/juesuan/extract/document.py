"""Dispatch a source file to the extractor for its format.

The format is read from the file's content first and its name second: a DOCX named .pdf is a
DOCX, a web page saved as .xls (as some sites serve "Excel" downloads) is a web page. ZIP
packages are told apart by their members (word/ → DOCX, xl/ → workbook, an OpenDocument
mimetype), OLE2 compound files by their streams (Workbook → .xls/.et, WordDocument → .doc/.wps,
EncryptedPackage → a password-protected Office file). Old Word, WPS, RTF and OpenDocument text
go to LibreOffice (extract.office), as does an old workbook the workbook reader cannot open.

Every page is stamped with its file and its page in that file (``Page.file``,
``Page.source_page``) and the document lists its files (``ExtractedDocument.sources``); the files
of a report published in several (narrative + tables workbook, page + attachments) are combined
into one document, in order (``extract_documents``).
"""

from __future__ import annotations

import hashlib
import logging
import re
import struct
import zipfile
from pathlib import Path

from juesuan.errors import UnreadableDocument
from juesuan.models import CellText, ExtractedDocument, SourceFile

log = logging.getLogger(__name__)
TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
MHT_SUFFIXES = {".mht", ".mhtml"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".et"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}  # scans, read by OCR (extract/scan.py)
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SPREADSHEET_ML = b"urn:schemas-microsoft-com:office:spreadsheet"
INSTALL_CALC = ("install LibreOffice (apt-get install --no-install-recommends libreoffice-calc-nogui), "
                "or save it as .xlsx")
SUPPORTED = ("juesuan reads PDF, DOCX, old Word/WPS (.doc/.wps, through LibreOffice), workbooks (XLSX/XLS/ODS), "
             "web pages (HTML/MHT), text exports and scans (image PDFs, PNG/JPEG/TIFF, by OCR)")
_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b",
                         re.I | re.S)
_HTML_TAG = re.compile(rb"<(html|body|table|div|p)\b[^>]*>", re.I)
_MHT_START = re.compile(rb"^\s*(?:[A-Za-z-]+:[^\n]*\n)*?\s*(MIME-Version|Content-Type)\s*:", re.I)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def ole_streams(path: Path) -> set[str]:
    """Names of the entries of an OLE2 compound file's directory (Workbook, WordDocument,
    EncryptedPackage …): read from the directory sectors the header points to, following the FAT."""
    data = Path(path).read_bytes()
    if len(data) < 512 or not data.startswith(OLE_MAGIC):
        return set()
    sector = 1 << struct.unpack_from("<H", data, 30)[0]
    if sector not in (512, 4096):
        return set()
    first_dir = struct.unpack_from("<I", data, 48)[0]
    fat_count = struct.unpack_from("<I", data, 44)[0]
    difat = list(struct.unpack_from("<109I", data, 76))[:fat_count]

    def at(n: int) -> bytes:
        off = (n + 1) * sector
        return data[off:off + sector]

    fat: list[int] = []
    for n in difat:
        block = at(n)
        fat.extend(struct.unpack_from(f"<{len(block) // 4}I", block))
    names: set[str] = set()
    n, seen = first_dir, set[int]()
    while n < 0xFFFFFFFA and n not in seen and len(seen) < 10000:
        seen.add(n)
        block = at(n)
        for k in range(0, len(block) - 127, 128):
            size = struct.unpack_from("<H", block, k + 64)[0]
            if 2 <= size <= 64 and block[k + 66] in (1, 2, 5):
                names.add(block[k:k + size - 2].decode("utf-16-le", "replace"))
        n = fat[n] if n < len(fat) else 0xFFFFFFFE
    return names


def _zip_kind(path: Path) -> str | None:
    """'docx' | 'workbook' | 'odt' | None (a zip of something else) | '' (a broken zip)."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            mimetype = z.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, KeyError):
        return ""
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return "docx"
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "workbook"
    if mimetype == "application/vnd.oasis.opendocument.spreadsheet":
        return "workbook"
    if mimetype.startswith("application/vnd.oasis.opendocument.text"):
        return "odt"
    return None


def _looks_like_html(head: bytes, strict: bool = False) -> bool:
    """An HTML document: it starts like one (strict), or it holds a few block tags."""
    from juesuan.extract.encoding import bom_encoding

    bom = bom_encoding(head)
    if bom in ("utf-16", "utf-32"):
        head = head.decode(bom, "replace").encode("utf-8")
    elif b"\x00" in head[:200]:  # UTF-16 without BOM
        head = head.replace(b"\x00", b"")
    head = head.removeprefix(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head)) or (not strict and len(_HTML_TAG.findall(head)) >= 2)


def detect_format(path: Path) -> str:
    """'pdf' | 'docx' | 'doc' | 'workbook' | 'html' | 'mht' | 'text' | 'image', or UnreadableDocument saying why not."""
    path = Path(path)
    if not path.exists():
        raise UnreadableDocument(path, "文件不存在 (file not found)")
    if path.stat().st_size == 0:
        raise UnreadableDocument(path, "文件为空 (empty file)", fix="check that the upload completed")
    suffix = path.suffix.lower()
    with open(path, "rb") as f:
        head = f.read(4096)
    if head.startswith(b"%PDF") or (b"%PDF-" in head[:1024] and suffix == ".pdf"):
        return "pdf"
    if head.startswith(IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head.startswith(b"PK"):
        from juesuan.limits import check_zip

        check_zip(path)  # schemas/limits.yaml: parts, unpacked size and ratio, before any reader opens it
        kind = _zip_kind(path)
        if kind in ("docx", "workbook"):
            return kind
        if kind == "odt":
            return "doc"  # OpenDocument text: converted by LibreOffice as old Word is
        if kind == "":  # a broken zip: the name says what it was meant to be
            if suffix in WORKBOOK_SUFFIXES:
                return "workbook"
            return "text" if suffix in TEXT_SUFFIXES else "docx"
        raise UnreadableDocument(path, "ZIP 压缩包中没有可读的文档 (a zip archive, not a document)",
                                 fix="unpack it and give the report's PDF, DOCX, workbook or web page")
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path, suffix)
    if SPREADSHEET_ML in head:
        return "workbook"  # XML Spreadsheet 2003 (often served as .xls): through LibreOffice
    if head.startswith(b"{\\rtf"):
        return "doc"  # RTF (Word and WPS save .doc files as RTF too): converted by LibreOffice
    if suffix in MHT_SUFFIXES or (_MHT_START.match(head) and b"multipart/related" in head.lower()):
        return "mht"
    if suffix in TEXT_SUFFIXES:
        return "html" if _looks_like_html(head, strict=True) else "text"
    if suffix in HTML_SUFFIXES or _looks_like_html(head):
        return "html"
    if suffix == ".docx":
        return "docx"  # the DOCX reader says what is wrong with it
    if suffix in WORKBOOK_SUFFIXES:
        return "workbook"  # the workbook reader says what is wrong with it
    if suffix in IMAGE_SUFFIXES:
        return "image"  # the image reader says what is wrong with it
    if suffix == ".pdf":
        raise UnreadableDocument(path, "不是 PDF 文件 (named .pdf, but not a PDF)",
                                 fix="download the report again; the file may be an error page")
    raise UnreadableDocument(path, f"不支持的文件类型 '{suffix}' (unsupported file type)", fix=SUPPORTED)


def _ole_kind(path: Path, suffix: str) -> str:
    try:
        streams = {s.lower() for s in ole_streams(path)}
    except (struct.error, OSError):
        streams = set()
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        raise UnreadableDocument(path, "文件受密码保护 (password-protected Office file)",
                                 fix="publish or save it without a password")
    if "workbook" in streams or "book" in streams or (not streams and suffix in (".xls", ".et")):
        return "workbook"
    if "worddocument" in streams or suffix in (".doc", ".docx", ".wps", ".dot", ".wpt"):
        return "doc"  # old Word or WPS 文字: converted by LibreOffice (extract.office)
    raise UnreadableDocument(path, "无法识别的 OLE2 文件 (an OLE2 compound file that is neither .xls nor .doc)",
                             fix=SUPPORTED)


def extract_document(path: Path) -> ExtractedDocument:
    """Any supported format → one ExtractedDocument, its text normalised once (textnorm), each
    page stamped with its file and its page in that file (``Page.file``, ``Page.source_page``)."""
    path = Path(path)
    return stamp(_extract(path), path)


def stamp(doc: ExtractedDocument, path: Path) -> ExtractedDocument:
    """Each page's file and page in that file, and the document's one source (again after a
    cache hit: the same bytes may be stored under another name)."""
    from juesuan.paths import readable  # a file name that is not UTF-8 is still text in the package

    name = readable(path.name)
    for page in doc.pages:
        page.file, page.format = name, doc.format
        if page.source_page is None:  # a workbook numbers its sheets itself
            page.source_page = page.number
    doc.sources = [SourceFile(name, doc.sha256, doc.format, _page_count(doc))]
    return doc


def _page_count(doc: ExtractedDocument) -> int:
    """Pages of the file as published: a workbook's sheets, a PDF's pages (the extracted count)."""
    sheets = doc.source_meta.get("sheets", "")
    return int(sheets) if sheets.isdigit() else doc.page_count


def combine_documents(docs: list[ExtractedDocument]) -> ExtractedDocument:
    """The files of one report (narrative + tables workbook, page + attachments) as one
    document, in order: every page numbered anew 1…N across the files (pages of formats without
    pages too, so that each is told apart), each keeping its file and its page in that file.
    The document's source, hash and format are the first file's; its format is the first
    file's that is not a text export (a text narrative next to a workbook of tables reads the
    workbook's grids), "text" when all are. Handling that belongs to one format (a PDF's wrapped
    lines, its cover page, its titles printed without a table) is decided page by page from
    ``Page.format`` (``ExtractedDocument.page_format``), so the order of the files changes nothing."""
    if len(docs) == 1:
        return docs[0]
    pages = []
    for doc in docs:
        for page in doc.pages:
            pages.append(page)
            page.number = len(pages)
            for grid in page.grids:
                grid.page = page.number
    fmt = next((d.format for d in docs if d.format != "text"), "text")
    meta: dict[str, str] = {}
    for d in docs:
        for k, v in d.source_meta.items():
            meta.setdefault(k, v)
    first = docs[0]
    return ExtractedDocument(source=first.source, format=fmt, sha256=first.sha256, page_count=len(pages),
                             pages=pages, source_meta=meta, sources=[s for d in docs for s in d.sources])


def extract_documents(paths: list[Path], extract=None) -> ExtractedDocument:
    """Every file of one report, extracted (``extract``: extract_document, or a cached one)
    and combined in order."""
    paths = [Path(p) for p in paths]
    names = [p.name for p in paths]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise UnreadableDocument(paths[0], f"同一报告中文件名重复 '{dup}' (two files of one report share a name)",
                                 fix="give every file of the report its own name")
    return combine_documents([stamp((extract or extract_document)(p), p) for p in paths])


def _extract(path: Path) -> ExtractedDocument:
    fmt = detect_format(path)
    if fmt == "pdf":
        from juesuan.extract.pdf import extract_pdf
        return normalise_text(extract_pdf(path))
    if fmt == "docx":
        from juesuan.extract.docx import extract_docx
        return normalise_text(extract_docx(path))
    if fmt == "workbook":
        return normalise_text(_workbook(path))
    if fmt in ("html", "mht"):
        from juesuan.extract.html import extract_html
        return normalise_text(extract_html(path))
    if fmt == "doc":
        from juesuan.extract.office import extract_legacy_word
        return normalise_text(extract_legacy_word(path))
    if fmt == "image":
        from juesuan.extract.scan import extract_image
        return normalise_text(extract_image(path))
    from juesuan.extract.text import extract_text
    return normalise_text(extract_text(path))


def _workbook(path: Path) -> ExtractedDocument:
    """A workbook; an old one the reader cannot open (an .xls/.et calamine calls corrupted, an
    XML Spreadsheet 2003 saved as .xls) is read from LibreOffice's .xlsx of it where LibreOffice is
    installed; when that fails too, the reader's own reason is given."""
    from juesuan.extract.office import find_soffice, workbook_through_libreoffice
    from juesuan.extract.workbook import extract_workbook

    with open(path, "rb") as f:
        head = f.read(4096)
    xml_2003 = SPREADSHEET_ML in head
    try:
        if xml_2003:
            raise UnreadableDocument(path, "XML 电子表格 2003 格式，需 LibreOffice 转换 (an XML Spreadsheet 2003 "
                                           "file: read through LibreOffice)", fix=INSTALL_CALC)
        return extract_workbook(path)
    except UnreadableDocument as e:
        old = xml_2003 or (head.startswith(OLE_MAGIC) and ("corrupted" in e.cause or "unreadable sheet" in e.cause))
        if not old or find_soffice() is None:
            raise
        log.info("%s: %s; trying LibreOffice", path.name, e.cause)
        try:
            return workbook_through_libreoffice(path, extract_workbook)
        except UnreadableDocument:
            raise e from None


def normalise_text(doc: ExtractedDocument) -> ExtractedDocument:
    """Every route's text through the one normaliser (juesuan.textnorm.clean): compatibility
    characters (Kangxi radicals, full-width digits), Word field codes, spaces inside Han words,
    and traditional script → simplified when the document is written in it (decided once for
    the whole document). Page text, grid cells and grid titles alike; in place."""
    from juesuan.textnorm import clean, is_traditional

    traditional = is_traditional(doc.text)
    for page in doc.pages:
        page.text = clean(page.text, traditional=traditional)
        for grid in page.grids:
            grid.title = clean(grid.title, traditional=traditional)
            grid.rows = [[None if c is None else _clean_cell(c, clean, traditional) for c in row]
                         for row in grid.rows]
    return doc


def _clean_cell(cell: str, clean, traditional: bool) -> str:
    """A cell's text normalised; a workbook cell keeps its reference (CellText.ref)."""
    text = clean(cell, traditional=traditional)
    return CellText(text, cell.ref) if isinstance(cell, CellText) else text

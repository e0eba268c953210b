"""Dispatch a source file to the extractor for its format.

The format is read from the file's content first and its name second: a DOCX named .pdf is a
DOCX, a web page saved as .xls (as some sites serve "Excel" downloads) is a web page. ZIP
packages are told apart by their members (word/ → DOCX, xl/ → workbook, an OpenDocument
mimetype), OLE2 compound files by their streams (Workbook → .xls/.et, WordDocument → .doc/.wps,
EncryptedPackage → a password-protected Office file).
"""

from __future__ import annotations

import hashlib
import re
import struct
import zipfile
from pathlib import Path

from juesuan.errors import UnreadableDocument
from juesuan.models import ExtractedDocument

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
MHT_SUFFIXES = {".mht", ".mhtml"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".et"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SUPPORTED = "juesuan reads PDF, DOCX, workbooks (XLSX/XLS/ODS), web pages (HTML/MHT) and text exports"
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
    n, seen = first_dir, set()
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
    """'pdf' | 'docx' | 'workbook' | 'html' | 'mht' | 'text', or UnreadableDocument saying why not."""
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
    if head.startswith(b"PK"):
        kind = _zip_kind(path)
        if kind in ("docx", "workbook"):
            return kind
        if kind == "odt":
            raise UnreadableDocument(path, "OpenDocument 文字文件 (.odt) 暂不支持 (.odt is not supported yet)",
                                     fix="save it as .docx or PDF")
        if kind == "":  # a broken zip: the name says what it was meant to be
            if suffix in WORKBOOK_SUFFIXES:
                return "workbook"
            return "text" if suffix in TEXT_SUFFIXES else "docx"
        raise UnreadableDocument(path, "ZIP 压缩包中没有可读的文档 (a zip archive, not a document)",
                                 fix="unpack it and give the report's PDF, DOCX, workbook or web page")
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path, suffix)
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
        kind = "WPS 文字 (.wps)" if suffix == ".wps" else "旧版 Word (.doc)"
        raise UnreadableDocument(path, f"{kind} 文件暂不能读取：尚无 LibreOffice 转换 (legacy .doc/.wps: "
                                       "conversion with LibreOffice is not available yet)",
                                 fix="save it as .docx or PDF and try again")
    raise UnreadableDocument(path, "无法识别的 OLE2 文件 (an OLE2 compound file that is neither .xls nor .doc)",
                             fix=SUPPORTED)


def extract_document(path: Path) -> ExtractedDocument:
    """Any supported format → one ExtractedDocument, its text normalised once (textnorm)."""
    path = Path(path)
    fmt = detect_format(path)
    if fmt == "pdf":
        from juesuan.extract.pdf import extract_pdf
        return normalise_text(extract_pdf(path))
    if fmt == "docx":
        from juesuan.extract.docx import extract_docx
        return normalise_text(extract_docx(path))
    if fmt == "workbook":
        from juesuan.extract.workbook import extract_workbook
        return normalise_text(extract_workbook(path))
    if fmt in ("html", "mht"):
        from juesuan.extract.html import extract_html
        return normalise_text(extract_html(path))
    from juesuan.extract.text import extract_text
    return normalise_text(extract_text(path))


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
            grid.rows = [[None if c is None else clean(c, traditional=traditional) for c in row]
                         for row in grid.rows]
    return doc

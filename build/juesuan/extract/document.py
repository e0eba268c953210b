"""Dispatch a source file to the extractor for its format."""

from __future__ import annotations

import hashlib
from pathlib import Path

from juesuan.errors import UnreadableDocument
from juesuan.models import ExtractedDocument

TEXT_SUFFIXES = {".txt", ".md", ".text"}


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def detect_format(path: Path) -> str:
    path = Path(path)
    if not path.exists():
        raise UnreadableDocument(path, "文件不存在 (file not found)")
    if path.stat().st_size == 0:
        raise UnreadableDocument(path, "文件为空 (empty file)", fix="check that the upload completed")
    suffix = path.suffix.lower()
    with open(path, "rb") as f:
        head = f.read(8)
    if suffix == ".pdf" or head.startswith(b"%PDF"):
        return "pdf"
    if suffix == ".docx" or (head.startswith(b"PK") and suffix != ".txt"):
        return "docx"
    if suffix in TEXT_SUFFIXES:
        return "text"
    raise UnreadableDocument(path, f"不支持的文件类型 '{suffix}' (unsupported file type)",
                             fix="juesuan reads PDF, DOCX and UTF-8 text exports")


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

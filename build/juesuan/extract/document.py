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
    path = Path(path)
    fmt = detect_format(path)
    if fmt == "pdf":
        from juesuan.extract.pdf import extract_pdf
        return extract_pdf(path)
    if fmt == "docx":
        from juesuan.extract.docx import extract_docx
        return extract_docx(path)
    from juesuan.extract.text import extract_text
    return extract_text(path)

"""Active content in a PDF: JavaScript, launch actions, embedded files (and Flash rich media).

A disclosure never needs them; a PDF that carries them is still read (the numbers are in
its text), but the site should not hand it out as if it were inert. The detector walks every
object of the file (pdfminer: object streams decoded, ``#xx``-escaped names resolved, so a
name split or hidden from a byte search is still seen) and records what it found:

* ``javascript``    a ``/JS`` entry, a ``/S /JavaScript`` action, a document JavaScript name tree;
* ``launch``        a ``/S /Launch`` action (runs a program or opens a file);
* ``embedded_file`` an ``/EmbeddedFile`` stream, an ``/EmbeddedFiles`` name tree, a file
                    attachment annotation;
* ``rich_media``    a ``/RichMedia`` annotation (Flash).

``scan(path)`` returns the kinds found (sorted). ``ACTIVE_KEY`` is the key under which the
extractor records them in ``ExtractedDocument.source_meta`` (one key per file:
``active_content:<file name>``, value the kinds joined by ``,``); ``active_content(doc)`` and
``active_problems(doc)`` turn that into the report's ``active_content`` metadata and
``problems.csv`` rows (code ``active_content``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ACTIVE_KEY = "active_content"
KINDS = ("javascript", "launch", "embedded_file", "rich_media")
LABELS = {"javascript": "JavaScript 脚本", "launch": "启动外部程序的动作 (Launch)",
          "embedded_file": "嵌入的文件", "rich_media": "富媒体 (Flash)"}
MAX_OBJECTS = 500_000  # a walk stops there (a PDF of a few thousand pages has far fewer)


def _name(value: Any) -> str:
    from pdfminer.psparser import PSLiteral

    if isinstance(value, PSLiteral):
        name = value.name
        return name.decode("latin-1") if isinstance(name, bytes) else str(name)
    return ""


def _visit(obj: Any, found: set[str], depth: int = 0) -> None:
    """One object and what it holds inline (referenced objects are visited on their own)."""
    from pdfminer.pdftypes import PDFStream

    if depth > 32:
        return
    if isinstance(obj, PDFStream):
        obj = obj.attrs
    if isinstance(obj, dict):
        keys = {k.decode("latin-1") if isinstance(k, bytes) else str(k) for k in obj}
        action = _name(obj.get("S"))
        kind = _name(obj.get("Type"))
        subtype = _name(obj.get("Subtype"))
        if "JS" in keys or action == "JavaScript" or "JavaScript" in keys:
            found.add("javascript")
        if action == "Launch":
            found.add("launch")
        if kind == "EmbeddedFile" or "EmbeddedFiles" in keys or subtype == "FileAttachment":
            found.add("embedded_file")
        if subtype == "RichMedia" or "RichMediaContent" in keys:
            found.add("rich_media")
        for value in obj.values():
            if isinstance(value, (dict, list, PDFStream)):
                _visit(value, found, depth + 1)
    elif isinstance(obj, list):
        for value in obj:
            if isinstance(value, (dict, list, PDFStream)):
                _visit(value, found, depth + 1)


def scan(path: Path) -> list[str]:
    """The kinds of active content in the PDF at ``path`` (empty when none, or unreadable:
    the reader reports an unreadable PDF itself)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    found: set[str] = set()
    try:
        with open(path, "rb") as f:
            doc = PDFDocument(PDFParser(f))
            _visit(doc.catalog, found)
            seen: set[int] = set()
            for xref in doc.xrefs:
                for objid in xref.get_objids():
                    if objid in seen:
                        continue
                    seen.add(objid)
                    if len(seen) > MAX_OBJECTS:
                        log.warning("%s: more than %d objects, active-content scan stopped", path,
                                    MAX_OBJECTS)
                        return sorted(found)
                    try:
                        _visit(doc.getobj(objid), found)
                    except Exception:  # a damaged object: the others are still scanned
                        continue
    except Exception as e:  # not parseable by pdfminer: PDFium reads it or reports it
        log.info("%s: active-content scan skipped (%s)", path, type(e).__name__)
    return sorted(found)


def source_meta(path: Path) -> dict[str, str]:
    """``{"active_content:<file>": "javascript,launch"}``, or ``{}`` for an inert PDF."""
    from juesuan.paths import readable

    kinds = scan(path)
    if kinds:
        log.warning("%s: 含有主动内容 (active content): %s", path, ", ".join(kinds))
        return {f"{ACTIVE_KEY}:{readable(Path(path).name)}": ",".join(kinds)}
    return {}


def active_content(source_meta: dict[str, str]) -> list[dict[str, Any]]:
    """``[{"file": name, "kinds": [...]}]`` from a document's ``source_meta``, in key order."""
    prefix = f"{ACTIVE_KEY}:"
    return [{"file": k[len(prefix):], "kinds": [x for x in v.split(",") if x]}
            for k, v in sorted(source_meta.items()) if k.startswith(prefix)]


def active_problems(doc) -> list:
    """One ``active_content`` problem per file of ``doc`` that carries active content, on the
    first page of that file."""
    from juesuan.models import Problem

    out = []
    for entry in active_content(doc.source_meta):
        page = next((p.number for p in doc.pages if p.file == entry["file"]),
                    doc.pages[0].number if doc.pages else None)
        out.append(Problem("active_content", f"{entry['file']}: 原始文件含有主动内容："
                           + "、".join(LABELS.get(k, k) for k in entry["kinds"])
                           + "。数据取自其文字，打开原件请注意安全。", page))
    return out

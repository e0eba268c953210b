"""Where each row of a package comes from: its file, its page in that file, and its cell.

The stages number the pages of a report once, across all its files (``Report.places`` maps each
number to the file and the page in that file as published: a PDF's page, a workbook's sheet
index, None for DOCX, web pages and text). The package speaks the publisher's terms: every row
that cites a place carries ``page`` (in its own file), ``file`` (always filled: the first file
when the row cites no page) and ``cell`` (a workbook cell's ``Sheet1!B7``, else "").
``juesuan.report.sources`` lists the files; the single-source keys describe the first file.
"""

from __future__ import annotations

from typing import Any

from juesuan.models import Report, SourceFile


def sources_of(report: Report) -> list[SourceFile]:
    """The report's files; a report built before sources existed: its one file, from its metadata."""
    if report.sources:
        return list(report.sources)
    m = report.meta
    return [SourceFile(m.source_file, m.sha256, m.format, m.page_count)]


class Places:
    """page as the stages number it → (file, page in that file)."""

    def __init__(self, report: Report):
        self.first = sources_of(report)[0].path
        self.places = dict(report.places)

    def of(self, page: int | None) -> tuple[str, int | None]:
        if page is None:
            return self.first, None
        return self.places.get(page, (self.first, page))

    def pages(self, pages: tuple[int, ...] | list[int]) -> tuple[str, list[int]]:
        """A table's pages in its first page's file (the file of its first page)."""
        if not pages:
            return self.first, []
        file = self.of(pages[0])[0]
        local = [p for p in (self.of(n)[1] for n in pages) if p is not None]
        return file, list(dict.fromkeys(local))


def localise(row: dict[str, Any], places: Places) -> dict[str, Any]:
    """A record's fields with ``page`` in its own file, ``file`` and ``cell`` filled."""
    file, page = places.of(row.get("page"))
    return {**row, "page": page, "file": row.get("file") or file, "cell": row.get("cell") or ""}


def sources_descriptor(report: Report) -> list[dict[str, Any]]:
    return [{"path": s.path, "sha256": s.sha256, "format": s.format, "pages": s.pages} for s in sources_of(report)]


def first_source_meta(report: Report) -> dict[str, Any]:
    """The single-source keys of ``juesuan.report`` (source_file, sha256, format, page_count):
    the first file's, so that readers of one-file packages keep working."""
    s = sources_of(report)[0]
    return {"source_file": s.path or report.meta.source_file, "sha256": s.sha256, "format": s.format,
            "page_count": s.pages}

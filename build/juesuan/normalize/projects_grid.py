"""Ruled grids (PDF pages, DOCX tables) → rows of the project self-evaluation tables.

A table cut by a page break continues in the first grid of the next page; that
grid has no 项目名称 row and is appended to the open table.
"""

from __future__ import annotations

from juesuan.models import ExtractedDocument
from juesuan.normalize.projects_cells import squeeze
from juesuan.normalize.projects_table import Row, project_title

_CLOSING = ("改进措施", "项目负责人", "财务负责人")


def _closed(block: list[Row]) -> bool:
    return any(r.first.startswith(_CLOSING) for r in block)


def grid_blocks(doc: ExtractedDocument) -> list[list[Row]]:
    blocks: list[list[Row]] = []
    last_page: int | None = None
    for page in doc.pages:
        for n, grid in enumerate(page.grids):
            gpage = grid.page if grid.page is not None else page.number
            rows = [Row(list(r), gpage) for r in grid.rows]
            starts = [i for i, r in enumerate(rows)
                      if any("项目名称" in squeeze(c) for c in r.cells[:3])
                      and project_title(r) is not None]
            continues = (
                blocks and not _closed(blocks[-1]) and n == 0 and gpage is not None
                and last_page is not None and gpage == last_page + 1)
            head = rows[:starts[0]] if starts else rows
            if continues and head:
                blocks[-1].extend(head)
            for s, e in zip(starts, starts[1:] + [len(rows)], strict=False):
                blocks.append(rows[s:e])
            if starts or continues:
                last_page = gpage
    return blocks

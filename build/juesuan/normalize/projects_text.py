"""Text exports → rows of the project self-evaluation tables.

Two shapes of export are read from ``Page.text``:

- Word export: every table cell is a line starting with a tab, rows are separated
  by blank lines, a cell with several paragraphs continues on untabbed lines.
  Cells keep their column (empty merged cells are printed as a bare tab).
- Layout-tool export: one line per printed row, cells separated by tabs; merged
  cells lose their position, so rows are read by content.
"""

from __future__ import annotations

from juesuan.models import ExtractedDocument
from juesuan.normalize.projects_table import Row, project_title


def _lines(doc: ExtractedDocument) -> list[tuple[str, int | None]]:
    return [(line.rstrip("\r"), p.number) for p in doc.pages for line in p.text.split("\n")]


def is_word_export(lines: list[tuple[str, int | None]]) -> bool:
    """True when tabbed lines are single cells (one leading tab), not tab-separated rows."""
    cell_lines = rows = 0
    for line, _ in lines:
        body = line.rstrip("\t ")
        if "\t" not in body:
            continue
        if body.startswith("\t") and "\t" not in body[1:]:
            cell_lines += 1
        elif "\t" in body.lstrip("\t"):
            rows += 1
    return cell_lines > 2 * rows


def word_rows(lines: list[tuple[str, int | None]]) -> list[Row]:
    rows: list[Row] = []
    open_row = False
    for line, page in lines:
        if not line.strip() and not line.startswith("\t"):
            open_row = False
            continue
        if line.startswith("\t"):
            if not open_row:
                rows.append(Row([], page))
                open_row = True
            rows[-1].cells.append(line[1:])
        elif rows and rows[-1].cells:  # a further paragraph of the last cell
            rows[-1].cells[-1] += "\n" + line
        else:
            rows.append(Row([line], page))
            open_row = False
    return rows


def layout_rows(lines: list[tuple[str, int | None]]) -> list[Row]:
    return [Row(line.split("\t"), page) for line, page in lines if line.strip()]


def text_rows(doc: ExtractedDocument) -> tuple[list[Row], bool]:
    """All rows of the document and whether their cells keep their columns."""
    lines = _lines(doc)
    if is_word_export(lines):
        return word_rows(lines), True
    return layout_rows(lines), False


def project_blocks(rows: list[Row]) -> list[list[Row]]:
    """Rows from each 项目名称 row up to the next one (the table parser stops earlier,
    at 评价结论/存在问题/改进措施)."""
    starts = [i for i, r in enumerate(rows)
              if any("项目名称" in (c or "").replace(" ", "") for c in r.cells[:3])
              and project_title(r) is not None]
    return [rows[s:e] for s, e in zip(starts, starts[1:] + [len(rows)], strict=False)]

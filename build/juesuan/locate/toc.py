"""Pages and grids that list table titles (目录) rather than print a table.

A 目录 repeats every table title, often laid out in ways a table finder mistakes for a
grid. A page is a table of contents when it says so (目录 / 目次 as a line of its own near
the top), when several of its lines end in dot leaders with a page number, or when it
lists many different standard-table titles; no grid on such a page is a table. The
titles it lists are kept, so a table listed but never printed can be reported.
"""

from __future__ import annotations


from juesuan.models import Page, Problem
from juesuan.vocabulary import is_toc_text, page_titles


def is_toc_page(page: Page) -> bool:
    return is_toc_text(page.text)


def listed_titles(pages: list[Page]) -> dict[str, str]:
    """table id → the line listing it, over every table-of-contents page."""
    out: dict[str, str] = {}
    for page in pages:
        if is_toc_page(page):
            for tid, line in page_titles(page.text):
                out.setdefault(tid, line)
    return out


def not_printed(listed: dict[str, str], printed: set[str]) -> list[Problem]:
    """A table the 目录 lists but the report never prints: say so (a table that prints only
    its header is printed)."""
    return [Problem("table_not_printed", f"{line.strip()}: 目录中列出了此表，但报告中未印出。", None, tid)
            for tid, line in sorted(listed.items()) if tid not in printed]

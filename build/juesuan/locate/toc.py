"""Pages and grids that list table titles (目录) rather than print a table.

A 目录 repeats every table title, often laid out in ways a table finder mistakes for a
grid. A page is a table of contents when it says so (目录 / 目次 as a line of its own near
the top), when several of its lines end in dot leaders with a page number, or when it
lists many different standard-table titles; no grid on such a page is a table. The
titles it lists are kept, so a table listed but never printed can be reported.
"""

from __future__ import annotations


from juesuan.models import Page
from juesuan.vocabulary import LEADER, is_toc_word, page_titles

MANY_TITLES = 4  # distinct standard-table titles on one page: a list, not tables


def is_toc_text(text: str) -> bool:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if any(is_toc_word(ln) for ln in lines[:6]):
        return True
    if sum(1 for ln in lines if LEADER.search(ln)) >= 3:
        return True
    return len({tid for tid, _ in page_titles(text)}) >= MANY_TITLES


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

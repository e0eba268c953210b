"""Locate: find each standard table in an extracted document by its title, header and rows
together, reject 目录 pages, and join continuation pages (see tables.py)."""

from juesuan.locate.tables import LocatedTable, locate_tables, match_title
from juesuan.locate.toc import is_toc_page, listed_titles, not_printed
from juesuan.vocabulary import page_titles

__all__ = ["LocatedTable", "locate_tables", "match_title", "is_toc_page", "listed_titles", "not_printed",
           "page_titles"]

"""Web pages (.html/.htm, and .mht/.mhtml archives) → ExtractedDocument.

Modules: html_tree (bytes → tree, element helpers), html_boiler (the article without the site's
furniture), html_meta (发布机构 / 发布日期 / 索引号 / title as candidates); here: article → pages.

A disclosure published as a web article: the page is decoded (BOM, declared charset, or
detected: UTF-8, GB2312/GBK/GB18030, Big5 — extract.encoding), parsed with lxml's HTML parser,
and reduced to its article: scripts, navigation, footers, link lists (menus, breadcrumbs,
related links), the 索引号 / 发布机构 / 发布日期 information block and the site's tool lines
(打印 / 关闭 / 分享) are left out, and the element holding nearly all of the remaining text
is the article. Its text is read in order as lines (block elements and <br> end a line;
spaces collapse as a browser collapses them), every data <table> as a Grid (rowspan and
colspan → None cells and ``Grid.covered_by``; tables that only lay out other tables are read
through), the short lines above a table as its title, as the DOCX route does. Word's "save
as web page" markup (MsoNormal paragraphs, <o:p>, conditional comments, page-break styles)
reads the same; a page break starts a new Page (numbered None, as DOCX pages are).

The page's own metadata — 发布机构, 发布日期, 索引号, the article title — is kept in
``ExtractedDocument.source_meta`` as candidates (发布机构 is the site's publisher, never taken for
the agency), and the article's title (when it names a 决算 and the article does not print it) and
a "发布日期：…" line are written at the top of the first page's text, so that the metadata reader
sees them as it sees a cover.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from juesuan.errors import UnreadableDocument
from juesuan.extract.docx import (TITLE_MAX_CHARS, TITLE_PARAGRAPHS, caption_lines, is_caption_table,
                                  split_caption_rows)
from juesuan.extract.html_boiler import article_of, strip_boilerplate
from juesuan.extract.html_meta import page_meta
from juesuan.extract.html_tree import (BLOCK_TAGS, SKIP_TAGS, collapse, is_hidden, layout_table, mht_html,
                                       parse_tree, row_cells, script_key, style_of, table_rows, tag_name)
from juesuan.models import ExtractedDocument, Grid, Page

log = logging.getLogger(__name__)


def simplified(text: str) -> str:
    """Text in simplified script, for recognising captions before the document-wide normalisation."""
    from juesuan.textnorm import clean

    return clean(text, traditional=True)


def _span(el, name: str) -> int:
    try:
        return max(0, min(int(re.sub(r"\D", "", el.get(name) or "1") or 1), 1000))
    except ValueError:
        return 1


def cell_text(td) -> str:
    """A cell's text: its paragraphs and <br> lines joined by "\\n", spaces collapsed."""
    lines: list[str] = []
    buf: list[str] = []

    def flush():
        text = collapse("".join(buf)).replace("\xa0", " ").strip()
        if text:
            lines.append(text)
        buf.clear()

    def walk(el):
        tag = tag_name(el)
        if tag in SKIP_TAGS or is_hidden(el):
            buf.append(el.tail or "")
            return
        if tag == "br" or tag in BLOCK_TAGS:
            flush()
        inside(el)
        if tag in BLOCK_TAGS:
            flush()
        buf.append(el.tail or "")

    def inside(el):
        """An element's own text and its children (comments keep only their tails)."""
        buf.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            else:
                buf.append(child.tail or "")

    inside(td)
    flush()
    return "\n".join(lines)


def table_grid(table) -> tuple[list[list[str | None]], dict[tuple[int, int], tuple[int, int]]]:
    """Rows of cell texts (None where a rowspan/colspan covers the position) and, for each
    covered position, the (row, col) of the cell that covers it."""
    trs = table_rows(table)
    n = len(trs)
    texts: dict[tuple[int, int], str] = {}
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    width = 0
    for r, tr in enumerate(trs):
        c = 0
        for td in row_cells(tr):
            while (r, c) in covered or (r, c) in texts:
                c += 1
            rs, cs = _span(td, "rowspan"), max(1, _span(td, "colspan"))
            rs = n - r if rs == 0 else min(rs, n - r)
            texts[(r, c)] = cell_text(td)
            for dr in range(rs):
                for dc in range(cs):
                    if dr or dc:
                        covered.setdefault((r + dr, c + dc), (r, c))
            c += cs
            width = max(width, c)
    rows: list[list[str | None]] = [[None if (r, c) in covered else texts.get((r, c), "") for c in range(width)]
                                   for r in range(n)]
    # rows with nothing at all in them (Word's and Excel's column-width rows): left out
    keep = [r for r in range(n) if any(x for x in rows[r]) or any(k[0] == r for k in covered)
            or any(v[0] == r for v in covered.values())]
    index = {r: i for i, r in enumerate(keep)}
    rows = [rows[r] for r in keep]
    covered = {(index[r], c): (index[r0], c0) for (r, c), (r0, c0) in covered.items()
               if r in index and r0 in index}
    return rows, covered


@dataclass
class _PageBuf:
    lines: list[str] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)  # lines since the last table


class _Builder:
    def __init__(self) -> None:
        self.pages: list[_PageBuf] = [_PageBuf()]
        self.buf: list[str] = []

    @property
    def page(self) -> _PageBuf:
        return self.pages[-1]

    def flush(self) -> None:
        text = collapse("".join(self.buf)).replace("\xa0", " ").strip()
        self.buf = []
        if text:
            self.page.lines.append(text)
            self.page.captions.append(text)

    def new_page(self) -> None:
        self.flush()
        if self.page.lines or self.page.grids:
            self.pages.append(_PageBuf())

    def table(self, el) -> None:
        rows, covered = table_grid(el)
        if not rows:
            return
        caption = next((cell_text(c) for c in el if tag_name(c) == "caption"), "")
        keys = [[None if c is None else simplified(c) for c in row] for row in rows]  # 單位 reads as 单位
        if is_caption_table(keys):
            line = "\t".join(c.strip() for row in rows for c in row if c and c.strip())
            self.page.lines.append(line)
            self.page.captions.append(line)
            return
        k = len(keys) - len(split_caption_rows(keys)[1])
        inside = [line for row in rows[:k] for c in row if c for line in caption_lines(c)]
        rows = rows[k:]
        covered = {(r - k, c): (r0 - k, c0) for (r, c), (r0, c0) in covered.items() if r0 >= k and r >= k}
        caps: list[str] = []
        for text in reversed(self.page.captions[-TITLE_PARAGRAPHS:]):
            if len(text) > TITLE_MAX_CHARS or text.endswith(("。", "；", ";")):
                break
            caps.insert(0, text)
        title = "\n".join(caps + ([caption] if caption else []) + inside)
        self.page.grids.append(Grid(page=None, rows=rows, title=title, covered_by=covered))
        self.page.captions = []
        if caption:
            self.page.lines.append(caption)
        for row in [[c] for c in inside] + rows:
            self.page.lines.append("\t".join(c for c in row if c is not None).replace("\n", " "))

    def walk(self, el) -> None:
        tag = tag_name(el)
        if tag in SKIP_TAGS or is_hidden(el):
            self.buf.append(el.tail or "")
            return
        style = style_of(el)
        if "page-break-before:always" in style:
            self.new_page()
        if tag == "table":
            self.flush()
            if layout_table(el):
                for tr in table_rows(el):
                    for td in row_cells(tr):
                        self.block_children(td)
                        self.flush()
            else:
                self.table(el)
        elif tag == "br":
            self.flush()
        else:
            block = tag in BLOCK_TAGS
            if block:
                self.flush()
            self.block_children(el)
            if block:
                self.flush()
        if "page-break-after:always" in style:
            self.new_page()
        self.buf.append(el.tail or "")

    def block_children(self, el) -> None:
        self.buf.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                self.walk(child)
            else:
                self.buf.append(child.tail or "")


def extract_html(path: Path) -> ExtractedDocument:
    from juesuan.extract.document import sha256_of

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UnreadableDocument(path, f"无法读取文件 (cannot read file: {e})") from e
    fmt, declared = "html", None
    mime = re.match(rb"\s*(?:[\w-]+:[^\n]*\n)*?\s*MIME-Version\s*:", data[:2048], re.I)
    if path.suffix.lower() in (".mht", ".mhtml") or mime:
        data, declared = mht_html(path, data)
        fmt = "mht"
    root, encoding = parse_tree(path, data, declared)
    meta = page_meta(root)
    meta["encoding"] = encoding
    body = root.find("body")
    if body is None:
        body = root
    strip_boilerplate(body)
    article = article_of(body)
    builder = _Builder()
    builder.block_children(article)
    builder.flush()
    bufs = [b for b in builder.pages if b.lines or b.grids]
    pages = [Page(number=None, text="\n".join(b.lines), grids=b.grids) for b in bufs] or [Page(number=None, text="")]
    title = meta.get("title", "")
    head = [title] if "决算" in script_key(title) and title not in pages[0].text[:500] else []
    if meta.get("published"):
        y, m, d = meta["published"].split("-")
        head.append(f"发布日期：{y}年{int(m)}月{int(d)}日")
    if head:
        pages[0].text = "\n".join(head + ([pages[0].text] if pages[0].text else []))
    log.debug("%s: %s (%s), %d pages, %d tables, meta %s", path.name, fmt, encoding, len(pages),
              sum(len(p.grids) for p in pages), meta)
    return ExtractedDocument(source=path, format=fmt, sha256=sha256_of(path), page_count=len(pages), pages=pages,
                             source_meta=meta)


__all__ = ["extract_html", "table_grid", "cell_text", "page_meta", "article_of", "strip_boilerplate"]

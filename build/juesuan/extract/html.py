"""Web pages (.html/.htm, and .mht/.mhtml archives) → ExtractedDocument.

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

import email
import email.policy
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from juesuan.errors import UnreadableDocument
from juesuan.extract.docx import (TITLE_MAX_CHARS, TITLE_PARAGRAPHS, caption_lines, is_caption_table,
                                  split_caption_rows)
from juesuan.models import ExtractedDocument, Grid, Page

log = logging.getLogger(__name__)

SKIP_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "head", "title", "meta",
             "link", "input", "select", "button", "textarea", "option", "svg", "canvas", "video", "audio",
             "map", "xml"}
BOILER_TAGS = {"nav", "aside", "footer"}
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
              "article", "main", "header", "footer", "blockquote", "pre", "center", "address", "hr", "form",
              "fieldset", "figure", "figcaption", "caption", "tr", "table", "tbody", "thead", "tfoot", "body", "html"}
# class / id words of the site's furniture (the article's own id, e.g. "zoom", is not among them)
BOILER_NAMES = re.compile(r"(?:^|[-_\s])(nav|navbar|navigation|menu|menus|footer|foot|bottom|breadcrumbs?|crumbs?|"
                          r"position|location|dqwz|share|bdshare|sidebar|side|copyright|banner|topbar|toolbar|"
                          r"search|login|friendlinks?|links|related|xgxx|xglj|recommend|qrcode|ewm|"
                          r"print|fontsize|font-size|pager|prev-next|tools?)(?:$|[-_\s\d])", re.I)
BOILER_TEXT = re.compile(r"上一篇|下一篇|打印本页|关闭窗口|【\s*打印\s*】|【\s*关闭\s*】|字号[:：]|字体[:：]|【\s*[大中小]\s*】|"
                         r"分享到[:：]?|扫一扫|网站地图|联系我们|版权所有|ICP备|网站标识码|公网安备|"
                         r"(?:主办单位|承办单位|技术支持|浏览次数|访问量|阅读次数|点击数)\s*[:：]|"
                         r"当前位置|您现在的位置|返回顶部|收藏本页|设为首页")
INFO_LABELS = re.compile(r"索\s*引\s*号|发布机构|发文机关|发布单位|公开单位|信息来源|来\s*源|发布日期|发布时间|公开日期|"
                         r"成文日期|生成日期|主题分类|公开方式|公开范围|文\s*号|体裁分类|组配分类|有效性")
# an information label as such: followed by a colon, or alone in its table cell
INFO_FIELD = re.compile(rf"(?:{INFO_LABELS.pattern})\s*[:：]")
PUBLISHER_LABELS = ["发布机构", "发文机关", "发布单位", "公开单位", "信息来源", "来源"]  # most trusted first
PUBLISHER = re.compile(r"(发布机构|发文机关|发布单位|公开单位|(?:信息)?来\s*源(?=\s*[:：]))\s*[:：]?\s*"
                       r"([\u4e00-\u9fff（）()·\w]{2,40}?)(?=\s|$|发布|发文|索引|公开|成文|生成|主题|文号|浏览|[|｜])")
DATE = (r"(20\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
DATE_LABELS = ["发布日期", "发布时间", "公开日期", "发布于", "成文日期", "生成日期"]
PUBLISHED = re.compile(r"(发布日期|发布时间|公开日期|发布于|成文日期|生成日期)\s*[:：]?\s*" + DATE)
INDEX_NO = re.compile(r"索\s*引\s*号\s*[:：]?\s*([\w\-/.]{4,60})")
META_NAMES = {"articletitle": "title", "pubdate": "published", "firstpublishedtime": "published",
              "contentsource": "publisher", "source": "publisher"}
HAN = re.compile(r"[\u4e00-\u9fff\d]")
WS = re.compile(r"[ \t\r\n\f\v]+")
CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
BREAK_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])[ \t\r\f\v]*\n[ \t\r\n\f\v]*(?=[{CJK}])")
INFO_TAGS = {"table", "div", "ul", "dl", "section", "p", "span", "li", "tr", "td"}
DESCEND = 0.9  # go into a child holding at least this share of its parent's text


# ---------------------------------------------------------------- bytes → tree

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    head = data[:8192]
    m = _CHARSET.search(head) or _XML_DECL.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def mht_html(path: Path, data: bytes) -> tuple[bytes, str | None]:
    """The HTML part of a MIME web archive (.mht) and its declared charset."""
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return payload, part.get_content_charset()
    raise UnreadableDocument(path, "MHT 网页存档中没有 HTML 部分 (no text/html part in the web archive)",
                             fix="save the page as .html, or give the report's PDF")


def parse_tree(path: Path, data: bytes, declared: str | None = None):
    """(lxml root, encoding used)."""
    import lxml.html
    from lxml import etree

    from juesuan.extract.encoding import decode

    found = decode(data, declared or declared_charset(data))
    if found is None:
        raise UnreadableDocument(path, "网页编码无法识别 (cannot tell the page's character encoding)",
                                 fix="save the page as UTF-8, or give the report's PDF")
    text, encoding = found
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text.lstrip("\ufeff")).replace("\x00", "")
    if not text.strip():
        raise UnreadableDocument(path, "网页为空 (empty page)", fix="check that the download completed")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as e:
        raise UnreadableDocument(path, f"网页无法解析 (unparsable HTML: {e})",
                                 fix="save the page again, or give the report's PDF") from e
    return root, encoding


# ---------------------------------------------------------------- boilerplate


def _tag(el) -> str:
    """Lower-case tag name; Word's namespaced tags (o:p, v:shape) keep their prefix (inline)."""
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _style(el) -> str:
    return (el.get("style") or "").replace(" ", "").lower()


def is_hidden(el) -> bool:
    style = _style(el)
    return "display:none" in style or "visibility:hidden" in style or el.get("hidden") is not None


def _text(el) -> str:
    return "".join(el.itertext()) if isinstance(el.tag, str) else ""


Stats = dict  # element → (Han characters and digits, of them inside links, characters)


def leaf_table(el) -> bool:
    """A table holding no other table: a data or information table, read as a whole."""
    return _tag(el) == "table" and el.find(".//table") is None


def text_stats(root) -> Stats:
    """Every element's counts over its whole text, in one pass (children before parents); a
    table holding no other table is counted as a whole, its cells are not counted apart."""
    stats: Stats = {}

    def visit(el) -> tuple[int, int, int]:
        if leaf_table(el):
            text = _text(el)
            han = len(HAN.findall(text))
            link = sum(len(HAN.findall(_text(a))) for a in el.iter("a"))
            stats[el] = (han, link, len(text))
            return stats[el]
        own = el.text or ""
        han, chars, link = len(HAN.findall(own)), len(own), 0
        for child in el:
            if isinstance(child.tag, str):
                h, lk, c = visit(child)
                han, link, chars = han + h, link + lk, chars + c
            tail = child.tail or ""
            han, chars = han + len(HAN.findall(tail)), chars + len(tail)
        stats[el] = (han, han if _tag(el) == "a" else link, chars)
        return stats[el]

    visit(root)
    return stats


def weight(el, stats: Stats) -> int:
    """Han characters and digits of an element's text, link text aside."""
    han, link, _ = stats.get(el, (0, 0, 0))
    return han - link


def link_density(el, stats: Stats) -> float:
    han, link, _ = stats.get(el, (0, 0, 0))
    return link / han if han else 0.0


def chars(el, stats: Stats) -> int:
    return stats.get(el, (0, 0, 0))[2]


def _drop(el) -> None:
    """Remove an element, keeping its tail text."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _key(text: str) -> str:
    """Text with every character in simplified script, the same length (索引號 reads as 索引号)."""
    from juesuan.textnorm import simplified_char

    return "".join(map(simplified_char, text))


def _is_info_block(el, stats: Stats) -> bool:
    """索引号 / 发布机构 / 发布日期 …: two different labels as labels (a colon after them, or each
    alone in a table cell), in a short element."""
    if chars(el, stats) > 600:
        return False
    labels = {m.group(0) for m in INFO_FIELD.finditer(_key(_text(el)))}
    if _tag(el) in ("table", "tr"):
        labels |= {_key(t).strip(" \xa0:：") for t in (_text(td) for td in el.iter("td", "th"))
                   if INFO_LABELS.fullmatch(_key(t).strip(" \xa0:：") or "-")}
    return len({re.sub(r"[\s:：\xa0]", "", x) for x in labels}) >= 2


def _prune(body, drop, into_tables: bool = False) -> None:
    """Remove, top down, every element drop() says is furniture (its subtree is not visited,
    nor, unless into_tables, the cells of a table holding no other table)."""
    def visit(el) -> None:
        for child in list(el):
            if not isinstance(child.tag, str):
                continue
            if drop(child):
                _drop(child)
            elif into_tables or not leaf_table(child):
                visit(child)
    visit(body)


def strip_boilerplate(body) -> None:
    """Remove the site's furniture from the tree (in place): what is never content (scripts,
    hidden elements), navigation and footers by tag or by class / id, the 索引号 block, link lists,
    the site's tool and copyright lines. Nothing holding a large share of the page's text or a
    table of figures is removed: that is the article, whatever its class says."""
    _prune(body, lambda el: _tag(el) in SKIP_TAGS or is_hidden(el), into_tables=True)
    stats = text_stats(body)
    total = weight(body, stats)

    def big(el) -> bool:
        return (total and weight(el, stats) > 0.3 * total) or any(_numeric(t) for t in el.iter("table"))

    def furniture(el) -> bool:
        tag = _tag(el)
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if tag in BOILER_TAGS or (tag == "header" and link_density(el, stats) > 0.5) or BOILER_NAMES.search(names):
            return not big(el)
        return False

    def lists(el) -> bool:
        if _tag(el) in INFO_TAGS and _is_info_block(el, stats):
            return not big(el)
        if chars(el, stats) <= 1500 and link_density(el, stats) > 0.6 and len(el.findall(".//a")) >= 3:
            return not big(el)  # menus, breadcrumbs, related links
        return False

    def lines(el) -> bool:
        return (chars(el, stats) <= 200 and bool(BOILER_TEXT.search(_key(_text(el).strip())))
                and el.find(".//table") is None and not big(el))

    for drop in (furniture, lists, lines):
        _prune(body, drop)


def _numeric(table) -> bool:
    """A table of figures (a data table), not a layout or information table."""
    return len(re.findall(r"\d+\.\d{2}", _text(table))) >= 4


def article_of(body):
    """The element holding nearly all of the page's remaining text: go down while one child
    holds at least DESCEND of it (never into a data table)."""
    stats = text_stats(body)
    node = body
    while True:
        here = weight(node, stats)
        if here == 0:
            return node
        best = max((c for c in node if isinstance(c.tag, str)), key=lambda c: weight(c, stats), default=None)
        if best is None or weight(best, stats) < DESCEND * here:
            return node
        if _tag(best) == "table" and not _layout_table(best):
            return node
        node = best


# ---------------------------------------------------------------- metadata candidates


def page_meta(root) -> dict[str, str]:
    """发布机构 / 发布日期 / 索引号 / title, from the <meta> tags and the page's information
    lines (read before the boilerplate goes)."""
    out: dict[str, str] = {}
    for m in root.iter("meta"):
        name = (m.get("name") or "").lower()
        content = (m.get("content") or "").strip()
        if name in META_NAMES and content:
            out.setdefault(META_NAMES[name], content)
    if "published" in out:
        d = re.search(DATE, out["published"])
        if d:
            out["published"] = f"{int(d.group(1)):04d}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
        else:
            del out["published"]
    lines = [WS.sub(" ", ln).strip() for ln in _info_lines(root)]
    publishers: dict[str, str] = {}
    dates: dict[str, str] = {}
    for line in lines:
        key = _key(line)  # same length: spans of the key are spans of the line
        for p in PUBLISHER.finditer(key):
            publishers.setdefault(re.sub(r"\s", "", p.group(1)), line[p.start(2):p.end(2)])
        for d in PUBLISHED.finditer(key):
            dates.setdefault(d.group(1), f"{int(d.group(2)):04d}-{int(d.group(3)):02d}-{int(d.group(4)):02d}")
        i = INDEX_NO.search(key)
        if i and "index_no" not in out:
            out["index_no"] = line[i.start(1):i.end(1)]
    publisher = next((publishers[k] for k in PUBLISHER_LABELS if k in publishers), "")
    if publisher and "publisher" not in out:
        out["publisher"] = publisher
    published = next((dates[k] for k in DATE_LABELS if k in dates), "")
    if published:  # the page's own line wins over a <meta> date
        out["published"] = published
    title = _title(root, out.get("title", ""))
    if title:
        out["title"] = title
    return out


def _info_lines(root) -> list[str]:
    """Short text lines of the page that hold an information label (a table row is one line,
    its cells joined by a space); tables of figures are not looked into."""
    out = []
    body = root.find("body") if root.find("body") is not None else root

    def visit(el) -> None:
        for child in el:
            if not isinstance(child.tag, str) or _tag(child) in SKIP_TAGS:
                continue
            if _tag(child) in ("tr", "p", "div", "li", "span", "td", "dd", "em", "font"):
                text = " ".join(t.strip() for t in child.itertext() if t.strip())
                if len(text) <= 300 and INFO_LABELS.search(_key(text)):
                    out.append(text)
            if not (leaf_table(child) and _numeric(child)):
                visit(child)
    visit(body)
    return out


def _title(root, given: str = "") -> str:
    """The article's title: the first of <meta ArticleTitle>, the headings and the <title>'s parts
    that names a 决算; else the first of them at all (a site's logo heading may come first)."""
    found = [given] if given else []
    for tag in ("h1", "h2", "h3"):
        found += [WS.sub(" ", _text(h)).strip() for h in root.iter(tag)]
    t = root.find(".//title")
    if t is not None:
        found += [p.strip() for p in re.split(r"\s*[-_|｜—]+\s*", _text(t).strip())]
    found = [x for x in found if len(x) >= 4]
    return next((x for x in found if "决算" in _key(x)), found[0] if found else "")


# ---------------------------------------------------------------- article → pages


def simplified(text: str) -> str:
    """Text in simplified script, for recognising captions before the document-wide normalisation."""
    from juesuan.textnorm import clean

    return clean(text, traditional=True)


def _collapse(text: str) -> str:
    text = BREAK_BETWEEN_CJK.sub("", text)  # a source line break between Han characters shows as nothing
    return WS.sub(" ", text)


def _layout_table(table) -> bool:
    """A table that lays out other tables (or one cell around content): read through it."""
    rows = _rows(table)
    cells = [c for r in rows for c in _cells(r)]
    return any(c.find(".//table") is not None for c in cells) or len(cells) == 1


def _rows(table) -> list:
    out = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            out.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            out.extend(c for c in child if _tag(c) == "tr")
    return [r for r in out if not is_hidden(r)]


def _cells(tr) -> list:
    return [c for c in tr if _tag(c) in ("td", "th") and not is_hidden(c)]


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
        text = _collapse("".join(buf)).replace("\xa0", " ").strip()
        if text:
            lines.append(text)
        buf.clear()

    def walk(el):
        tag = _tag(el)
        if tag in SKIP_TAGS or is_hidden(el):
            buf.append(el.tail or "")
            return
        if tag == "br":
            flush()
        elif tag in BLOCK_TAGS:
            flush()
        buf.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            else:
                buf.append(child.tail or "")
        if tag in BLOCK_TAGS:
            flush()
        buf.append(el.tail or "")

    buf.append(td.text or "")
    for child in td:
        if isinstance(child.tag, str):
            walk(child)
        else:
            buf.append(child.tail or "")
    flush()
    return "\n".join(lines)


def table_grid(table) -> tuple[list[list[str | None]], dict[tuple[int, int], tuple[int, int]]]:
    """Rows of cell texts (None where a rowspan/colspan covers the position) and, for each
    covered position, the (row, col) of the cell that covers it."""
    trs = _rows(table)
    n = len(trs)
    texts: dict[tuple[int, int], str] = {}
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    width = 0
    for r, tr in enumerate(trs):
        c = 0
        for td in _cells(tr):
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
        text = _collapse("".join(self.buf)).replace("\xa0", " ").strip()
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
        caption = next((cell_text(c) for c in el if _tag(c) == "caption"), "")
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
        tag = _tag(el)
        if tag in SKIP_TAGS or is_hidden(el):
            self.buf.append(el.tail or "")
            return
        style = _style(el)
        if "page-break-before:always" in style:
            self.new_page()
        if tag == "table":
            self.flush()
            if _layout_table(el):
                for tr in _rows(el):
                    for td in _cells(tr):
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
    if path.suffix.lower() in (".mht", ".mhtml") or re.match(rb"\s*(?:[\w-]+:[^\n]*\n)*?\s*MIME-Version\s*:", data[:2048], re.I):
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
    head = [title] if "决算" in _key(title) and title not in pages[0].text[:500] else []
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

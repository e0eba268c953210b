"""A web page's bytes → an lxml tree, and what every part of the web-page route asks of an element.

The page is decoded (BOM, declared charset, or detected: UTF-8, GB2312/GBK/GB18030, Big5 —
extract.encoding) and parsed with lxml's HTML parser; a MIME web archive (.mht) gives its HTML part.
"""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

from juesuan.errors import UnreadableDocument

SKIP_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "head", "title", "meta",
             "link", "input", "select", "button", "textarea", "option", "svg", "canvas", "video", "audio",
             "map", "xml"}
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
              "article", "main", "header", "footer", "blockquote", "pre", "center", "address", "hr", "form",
              "fieldset", "figure", "figcaption", "caption", "tr", "table", "tbody", "thead", "tfoot", "body", "html"}
HAN = re.compile(r"[\u4e00-\u9fff\d]")
WS = re.compile(r"[ \t\r\n\f\v]+")
CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
BREAK_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])[ \t\r\f\v]*\n[ \t\r\n\f\v]*(?=[{CJK}])")

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
            if isinstance(payload, bytes) and payload:
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


# ---------------------------------------------------------------- elements


def tag_name(el) -> str:
    """Lower-case tag name; Word's namespaced tags (o:p, v:shape) keep their prefix (inline)."""
    return el.tag.lower() if isinstance(el.tag, str) else ""


def style_of(el) -> str:
    return (el.get("style") or "").replace(" ", "").lower()


def is_hidden(el) -> bool:
    style = style_of(el)
    return "display:none" in style or "visibility:hidden" in style or el.get("hidden") is not None


def text_of(el) -> str:
    return "".join(el.itertext()) if isinstance(el.tag, str) else ""


def script_key(text: str) -> str:
    """Text with every character in simplified script, the same length (索引號 reads as 索引号)."""
    from juesuan.textnorm import simplified_char

    return "".join(map(simplified_char, text))


def collapse(text: str) -> str:
    text = BREAK_BETWEEN_CJK.sub("", text)  # a source line break between Han characters shows as nothing
    return WS.sub(" ", text)


def leaf_table(el) -> bool:
    """A table holding no other table: a data or information table, read as a whole."""
    return tag_name(el) == "table" and el.find(".//table") is None


def numeric_table(table) -> bool:
    """A table of figures (a data table), not a layout or information table."""
    return len(re.findall(r"\d+\.\d{2}", text_of(table))) >= 4


def layout_table(table) -> bool:
    """A table that lays out other tables (or one cell around content): read through it."""
    rows = table_rows(table)
    cells = [c for r in rows for c in row_cells(r)]
    return any(c.find(".//table") is not None for c in cells) or len(cells) == 1


def table_rows(table) -> list:
    out = []
    for child in table:
        tag = tag_name(child)
        if tag == "tr":
            out.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            out.extend(c for c in child if tag_name(c) == "tr")
    return [r for r in out if not is_hidden(r)]


def row_cells(tr) -> list:
    return [c for c in tr if tag_name(c) in ("td", "th") and not is_hidden(c)]

"""A published web page as the site can serve it: a sanitised copy, never the live page.

An original ``.html`` served as is would run its publisher's scripts on the site's own origin.
The site serves instead a copy with nothing active or loaded from elsewhere: scripts, event
handlers (``onload=`` …), ``javascript:`` links, frames, forms, embedded objects, ``<link>``,
``<base>``, ``<meta>`` (a refresh too), comments and processing instructions go (lxml_html_clean,
the cleaner maintained apart from lxml); what loads a resource (``src``, ``srcset``,
``background``, ``poster``, CSS ``url()`` and ``@import``) goes too, but for images inlined as
``data:image/…``. The text is re-encoded to UTF-8 from whatever the page declared or was
detected as (extract/encoding.py, as the extractor reads it), with ``<meta charset="utf-8">``
and a Content-Security-Policy that forbids scripts and outside loads in case anything slipped
through. A note at the top says it is a copy and links the untouched original, which the
report page offers inside a ZIP archive (render/downloads.py).
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
NOTICE = ("本页是本站保存的原始网页的安全副本：已移除脚本、事件处理、内嵌框架、表单和外部资源，"
          "文字已转为 UTF-8 编码。")
ORIGINAL_LINK = "未经改动的原始文件（ZIP 压缩包）"
# attributes that make the browser fetch something
LOADING = ("src", "srcset", "lowsrc", "dynsrc", "background", "poster", "data", "codebase", "archive",
           "longdesc", "usemap", "action", "formaction", "cite", "ping", "manifest", "xlink:href")
INLINE_IMAGE = re.compile(r"^\s*data:image/(?:png|jpe?g|gif|webp|bmp);", re.I)
CSS_URL = re.compile(r"url\s*\([^)]*\)", re.I)
CSS_IMPORT = re.compile(r"@import[^;]*;?", re.I)
CSS_ACTIVE = re.compile(r"expression\s*\(|behavior\s*:|-moz-binding", re.I)
SCHEME = re.compile(r"^[\x00-\x20]*([a-z][a-z0-9+.\-]*)\s*:", re.I)


def _cleaner():
    from lxml.html import defs
    from lxml_html_clean import Cleaner

    return Cleaner(scripts=True, javascript=True, comments=True, style=False, inline_style=False,
                   links=True, meta=True, page_structure=False, processing_instructions=True,
                   embedded=True, frames=True, forms=True, annoying_tags=True,
                   remove_unknown_tags=False, safe_attrs_only=True,
                   safe_attrs=frozenset(defs.safe_attrs) | {"style"}, kill_tags={"base", "noscript", "template"})


def decoded(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a page: BOM, declared charset, or detected; undecodable bytes replaced."""
    from juesuan.extract.encoding import decode
    from juesuan.extract.html_tree import declared_charset

    found = decode(data, declared_charset(data))
    if found is None:
        return data.decode("utf-8", "replace"), "utf-8"
    return found


def _quiet_style(css: str) -> str:
    css = CSS_IMPORT.sub("", css)
    css = CSS_URL.sub("none", css)
    return CSS_ACTIVE.sub("x-removed(", css)


def _neutralise(root) -> None:
    """What the cleaner leaves that could still load or run something."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "style":
            el.text = _quiet_style(el.text or "")
        for name in list(el.attrib):
            value = el.attrib[name]
            low = name.lower()
            if low.startswith("on"):
                del el.attrib[name]
            elif low == "style":
                el.attrib[name] = _quiet_style(value)
            elif low in LOADING:
                if not (el.tag == "img" and low == "src" and INLINE_IMAGE.match(value)):
                    del el.attrib[name]
            elif low == "href":
                scheme = SCHEME.match(value)
                if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
                    del el.attrib[name]
                else:
                    el.attrib["rel"] = "noopener noreferrer nofollow"


def _head(root):
    from lxml import etree

    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    return head


def _body(root):
    from lxml import etree

    body = root.find("body")
    if body is None:
        body = etree.SubElement(root, "body")
    return body


def safe_copy(data: bytes, original_href: str = "") -> bytes:
    """The page's HTML with nothing active or loaded from elsewhere, as UTF-8 bytes
    (``original_href``: where the untouched original is offered, linked from the note)."""
    import lxml.html
    from lxml import etree

    text, encoding = decoded(data)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text.lstrip("\ufeff")).replace("\x00", "")
    try:
        root = lxml.html.document_fromstring(text) if text.strip() else None
    except (etree.ParserError, ValueError) as e:
        log.warning("web page not parsable, served as an empty copy: %s", e)
        root = None
    if root is None:
        root = lxml.html.document_fromstring("<html><head></head><body></body></html>")
    _neutralise(root)  # first too: the cleaner cuts "@import" but leaves its address
    root = _cleaner().clean_html(root)
    _neutralise(root)
    head = _head(root)
    for name, content in (("referrer", "no-referrer"),):
        head.insert(0, etree.Element("meta", name=name, content=content))
    head.insert(0, etree.Element("meta", {"http-equiv": "Content-Security-Policy", "content": CSP}))
    head.insert(0, etree.Element("meta", charset="utf-8"))
    note = etree.Element("p", {"class": "juesuan-safe-copy",
                               "style": "border:1px solid #c60;padding:6px;font-size:14px"})
    note.text = NOTICE + (f"原网页编码：{encoding}。" if encoding else "")
    if original_href:
        link = etree.SubElement(note, "a", href=original_href, download="")
        link.text = ORIGINAL_LINK
        link.tail = "。"
    body = _body(root)
    body.insert(0, note)
    note.tail = body.text
    body.text = None
    return lxml.html.tostring(root, encoding="utf-8", method="html", doctype="<!DOCTYPE html>")


__all__ = ["safe_copy", "decoded", "CSP", "NOTICE"]

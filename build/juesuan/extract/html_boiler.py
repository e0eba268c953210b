"""A web page reduced to its article: the site's furniture (scripts, navigation, footers, link
lists — menus, breadcrumbs, related links — the 索引号 / 发布机构 / 发布日期 block, the tool lines
打印 / 关闭 / 分享) is removed, and the element holding nearly all of the remaining text is the
article. Nothing holding a large share of the page's text or a table of figures is removed."""

from __future__ import annotations

import re

from juesuan.extract.html_meta import INFO_FIELD, INFO_LABELS
from juesuan.extract.html_tree import (HAN, SKIP_TAGS, is_hidden, layout_table, leaf_table, numeric_table,
                                       script_key, tag_name, text_of)

BOILER_TAGS = {"nav", "aside", "footer"}
BOILER_NAMES = re.compile(r"(?:^|[-_\s])(nav|navbar|navigation|menu|menus|footer|foot|bottom|breadcrumbs?|crumbs?|"
                          r"position|location|dqwz|share|bdshare|sidebar|side|copyright|banner|topbar|toolbar|"
                          r"search|login|friendlinks?|links|related|xgxx|xglj|recommend|qrcode|ewm|"
                          r"print|fontsize|font-size|pager|prev-next|tools?)(?:$|[-_\s\d])", re.I)
BOILER_TEXT = re.compile(r"上一篇|下一篇|打印本页|关闭窗口|【\s*打印\s*】|【\s*关闭\s*】|字号[:：]|字体[:：]|"
                         r"【\s*[大中小]\s*】|"
                         r"分享到[:：]?|扫一扫|网站地图|联系我们|版权所有|ICP备|网站标识码|公网安备|"
                         r"(?:主办单位|承办单位|技术支持|浏览次数|访问量|阅读次数|点击数)\s*[:：]|"
                         r"当前位置|您现在的位置|返回顶部|收藏本页|设为首页")
INFO_TAGS = {"table", "div", "ul", "dl", "section", "p", "span", "li", "tr", "td"}
DESCEND = 0.9  # go into a child holding at least this share of its parent's text

Stats = dict  # element → (Han characters and digits, of them inside links, characters)


def text_stats(root) -> Stats:
    """Every element's counts over its whole text, in one pass (children before parents); a
    table holding no other table is counted as a whole, its cells are not counted apart."""
    stats: Stats = {}

    def visit(el) -> tuple[int, int, int]:
        if leaf_table(el):
            text = text_of(el)
            han = len(HAN.findall(text))
            link = sum(len(HAN.findall(text_of(a))) for a in el.iter("a"))
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
        stats[el] = (han, han if tag_name(el) == "a" else link, chars)
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


def _is_info_block(el, stats: Stats) -> bool:
    """索引号 / 发布机构 / 发布日期 …: two different labels as labels (a colon after them, or each
    alone in a table cell), in a short element."""
    if chars(el, stats) > 600:
        return False
    labels = {m.group(0) for m in INFO_FIELD.finditer(script_key(text_of(el)))}
    if tag_name(el) in ("table", "tr"):
        labels |= {script_key(t).strip(" \xa0:：") for t in (text_of(td) for td in el.iter("td", "th"))
                   if INFO_LABELS.fullmatch(script_key(t).strip(" \xa0:：") or "-")}
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
    _prune(body, lambda el: tag_name(el) in SKIP_TAGS or is_hidden(el), into_tables=True)
    stats = text_stats(body)
    total = weight(body, stats)

    def big(el) -> bool:
        return (total and weight(el, stats) > 0.3 * total) or any(numeric_table(t) for t in el.iter("table"))

    def furniture(el) -> bool:
        tag = tag_name(el)
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if tag in BOILER_TAGS or (tag == "header" and link_density(el, stats) > 0.5) or BOILER_NAMES.search(names):
            return not big(el)
        return False

    def lists(el) -> bool:
        if tag_name(el) in INFO_TAGS and _is_info_block(el, stats):
            return not big(el)
        if chars(el, stats) <= 1500 and link_density(el, stats) > 0.6 and len(el.findall(".//a")) >= 3:
            return not big(el)  # menus, breadcrumbs, related links
        return False

    def lines(el) -> bool:
        return (chars(el, stats) <= 200 and bool(BOILER_TEXT.search(script_key(text_of(el).strip())))
                and el.find(".//table") is None and not big(el))

    for drop in (furniture, lists, lines):
        _prune(body, drop)


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
        if tag_name(best) == "table" and not layout_table(best):
            return node
        node = best

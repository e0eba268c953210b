"""What a web page says about itself, kept as metadata candidates (never the agency): 发布机构,
发布日期, 索引号 and the article's title, from the <meta> tags and the page's information lines
(read before the boilerplate goes)."""

from __future__ import annotations

import re

from juesuan.extract.html_tree import SKIP_TAGS, WS, leaf_table, numeric_table, script_key, tag_name, text_of

INFO_LABELS = re.compile(r"索\s*引\s*号|发布机构|发文机关|发布单位|公开单位|信息来源|来\s*源|"
                         r"发布日期|发布时间|公开日期|"
                         r"成文日期|生成日期|主题分类|公开方式|公开范围|文\s*号|体裁分类|组配分类|有效性")
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
        key = script_key(line)  # same length: spans of the key are spans of the line
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
            if not isinstance(child.tag, str) or tag_name(child) in SKIP_TAGS:
                continue
            if tag_name(child) in ("tr", "p", "div", "li", "span", "td", "dd", "em", "font"):
                text = " ".join(t.strip() for t in child.itertext() if t.strip())
                if len(text) <= 300 and INFO_LABELS.search(script_key(text)):
                    out.append(text)
            if not (leaf_table(child) and numeric_table(child)):
                visit(child)
    visit(body)
    return out


def _title(root, given: str = "") -> str:
    """The article's title: the first of <meta ArticleTitle>, the headings and the <title>'s parts
    that names a 决算; else the first of them at all (a site's logo heading may come first)."""
    found = [given] if given else []
    for tag in ("h1", "h2", "h3"):
        found += [WS.sub(" ", text_of(h)).strip() for h in root.iter(tag)]
    t = root.find(".//title")
    if t is not None:
        found += [p.strip() for p in re.split(r"\s*[-_|｜—]+\s*", text_of(t).strip())]
    found = [x for x in found if len(x) >= 4]
    return next((x for x in found if "决算" in script_key(x)), found[0] if found else "")

"""Escaping and number formatting of the site's pages."""

from decimal import Decimal

import html as htmllib
from html.parser import HTMLParser

import markdown

from juesuan.render.fmt import change_pct, esc, json_for_script, num, pct, signed_pct, wan

HOSTILE = ['<script>alert(1)</script>', '**粗体** _斜体_ `代码`', '{{ 7*7 }} {% if 1 %}x{% endif %}',
           '[链接](javascript:alert(1))', '# 标题 {: onclick="x" }', '<img src=x onerror=alert(1)>',
           '&lt;already&gt; &amp;', '| a | b |\n|---|---|', '==mark== ~~del~~ ^^ins^^ :smile:',
           'line1\nline2\r\n\u2028line3']


def _md(text: str) -> str:
    return markdown.markdown(text, extensions=["toc", "tables", "admonition", "attr_list"])


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def test_escaped_text_is_inert_markdown_and_html():
    for s in HOSTILE:
        e = str(esc(s))
        html = _md(f"# {e}\n\n{e}\n\n<div>{e}</div>")
        parser = _Tags()
        parser.feed(html)
        # only the tags of the template itself; no attribute but the heading's id
        assert [t for t, _ in parser.tags] == ["h1", "p", "div"], (s, html)
        assert [a for _, attrs in parser.tags for a, _ in attrs] == ["id"], (s, html)


def test_escaped_text_reads_the_same():
    for s in HOSTILE:
        expected = s.replace("\r", " ").replace("\n", " ").replace("\u2028", " ")
        assert htmllib.unescape(str(esc(s))) == expected


def test_esc_keeps_markup_and_none():
    assert esc(None) == ""
    assert esc(esc("<b>")) == "&#60;b&#62;"  # not escaped twice


def test_json_for_script_cannot_close_the_tag():
    text = json_for_script({"name": "</script><script>alert(1)</script>", "amp": "a&b"})
    assert "</script" not in text and "<" not in text and "&" not in text
    import json
    assert json.loads(str(text))["name"] == "</script><script>alert(1)</script>"


def test_numbers_chinese_style():
    assert num(Decimal("21044.785")) == "21,044.79"
    assert num(Decimal("-248.62")) == "-248.62"
    assert num(None) == "—"
    assert num(Decimal("544"), 0) == "544"
    assert wan(Decimal("21044.79")) == "2.10 亿元"
    assert wan(Decimal("136.85")) == "136.85 万元"
    assert pct(Decimal("23.8")) == "23.8%"


def test_change_on_previous_year():
    assert change_pct(Decimal("110"), Decimal("100")) == Decimal("10")
    assert change_pct(Decimal("1"), Decimal("0")) is None
    assert change_pct(None, Decimal("1")) is None
    assert signed_pct(Decimal("-12.46")) == "▼ 12.5%"
    assert signed_pct(Decimal("3")) == "▲ 3.0%"


def test_only_web_addresses_become_links():
    from juesuan.render.fmt import web_url

    assert web_url("https://www.dazhou.gov.cn/x.pdf") == "https://www.dazhou.gov.cn/x.pdf"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//evil", None, ""):
        assert web_url(bad) == ""

"""A published web page is never served live on the site: the copy served under its name has
no scripts, event handlers, frames, forms or outside loads, declares UTF-8 and reads right
whatever the page was saved in; the untouched original is offered inside a ZIP archive, and the
report page says so in Chinese."""

from __future__ import annotations

import re
import zipfile

import lxml.html
import pytest

from juesuan.render.safe_html import CSP, safe_copy

HOSTILE = """<!DOCTYPE html><html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta http-equiv="refresh" content="0;url=http://evil.example/">
<base href="http://evil.example/">
<title>某某县财政局2023年度部门决算</title>
<script>document.cookie</script><script src="http://evil.example/x.js"></script>
<link rel="stylesheet" href="http://evil.example/s.css">
<style>@import "http://evil.example/i.css"; body{{background:url('http://evil.example/b.png')}}</style>
</head><body onload="steal()" background="http://evil.example/bg.png">
<h1 onclick="x()" onmouseover = "y()">某某县财政局2023年度部门决算</h1>
<p style="color:red;background-image:url(http://evil.example/p.png)">一般公共预算财政拨款支出1,234.56万元，比上年增长5.3%。</p>
<iframe src="http://evil.example/frame"></iframe><frameset><frame src="http://evil.example/f"></frameset>
<form action="http://evil.example/post"><input name=a><textarea>x</textarea><button>提交</button></form>
<img src="http://evil.example/t.gif" alt="图" onerror="z()" srcset="http://evil.example/2x.gif 2x">
<a href="javascript:alert(2)">点我</a> <a href=" JaVaScRiPt:alert(3)">再点</a> <a href="http://www.gov.cn/">政府网</a>
<object data="http://evil.example/o.swf"></object><embed src="http://evil.example/e.swf">
<svg onload="w()"><script>alert(4)</script></svg>
<table><tr><td rowspan=2>类</td><td>支出合计</td></tr></table>
</body></html>"""


def served(charset: str, encoding: str) -> tuple[bytes, str]:
    out = safe_copy(HOSTILE.format(charset=charset).encode(encoding), "source-original.zip")
    return out, out.decode("utf-8")  # strict: the copy is UTF-8


@pytest.mark.parametrize("charset,encoding", [("gbk", "gbk"), ("gb2312", "gb18030"), ("utf-8", "utf-8")])
def test_the_served_copy_has_nothing_active_and_reads_right(charset, encoding):
    raw, text = served(charset, encoding)
    low = text.lower()
    for banned in ("<script", "onload", "onclick", "onmouseover", "onerror", "<iframe", "<frame", "<form",
                   "<input", "<textarea", "<button", "<object", "<embed", "<base", "<link", "javascript:",
                   "evil.example", "@import", "refresh"):
        assert banned not in low, banned
    tree = lxml.html.document_fromstring(raw)
    for el in tree.iter():
        if isinstance(el.tag, str):
            assert not [a for a in el.attrib if a.lower().startswith("on")], el.tag
    metas = tree.findall(".//meta")
    assert metas[0].get("charset") == "utf-8"  # the first thing in <head>
    assert any(m.get("http-equiv") == "Content-Security-Policy" and m.get("content") == CSP for m in metas)
    assert "script-src" not in CSP and "default-src 'none'" in CSP  # no script may run at all
    assert not re.search(r"charset\s*=\s*[\"']?(gbk|gb2312|big5)", low)  # the old declaration is gone
    assert tree.findtext(".//title") == "某某县财政局2023年度部门决算"
    assert "一般公共预算财政拨款支出1,234.56万元，比上年增长5.3%。" in text
    assert tree.xpath("//td[@rowspan='2']")[0].text == "类"
    assert "http://www.gov.cn/" in text  # an ordinary link stays, as a link
    note = tree.xpath("//p[@class='juesuan-safe-copy']")[0]
    assert "安全副本" in note.text_content() and note.xpath(".//a/@href") == ["source-original.zip"]


def test_big5_page_reads_right():
    page = '<html><head><meta charset="big5"><title>決算</title></head><body><p>財政撥款支出合計</p></body></html>'
    text = safe_copy(page.encode("big5")).decode("utf-8")
    assert "財政撥款支出合計" in text and '<meta charset="utf-8">' in text


def test_an_undeclared_gbk_page_and_an_empty_one():
    page = "<html><body><p>某某县财政局2023年度部门决算，收入合计1,234.56万元</p></body></html>"
    assert "收入合计1,234.56万元" in safe_copy(page.encode("gbk")).decode("utf-8")
    empty = safe_copy(b"   ").decode("utf-8")
    assert '<meta charset="utf-8">' in empty and "安全副本" in empty


def test_the_site_serves_the_copy_and_zips_the_original(tmp_path):
    from juesuan.render.downloads import _source_entries, serve_source

    src = tmp_path / "公开页面.html"
    original = HOSTILE.format(charset="gbk").encode("gbk")
    src.write_bytes(original)
    dst = tmp_path / "site" / "source" / "source.html"
    serve_source(src, dst)
    assert b"<script" not in dst.read_bytes().lower() and "部门决算" in dst.read_bytes().decode("utf-8")
    with zipfile.ZipFile(tmp_path / "site" / "source" / "source-original.zip") as z:
        assert z.namelist() == ["公开页面.html"] and z.read("公开页面.html") == original
    assert src.read_bytes() == original  # the original untouched
    entries = _source_entries("原始公开文件：公开页面.html（网页）", "source/source.html", src.name, src.name)
    assert [e["href"] for e in entries] == ["source/source.html", "source/source-original.zip"]
    assert "安全副本" in entries[0]["label"] and "ZIP" in entries[1]["label"]
    plain = _source_entries("原始公开文件：a.pdf（PDF）", "source/source.pdf", "a.pdf", "a.pdf")
    assert [e["href"] for e in plain] == ["source/source.pdf"]


@pytest.mark.parametrize("fmt", ["xlsb", "odt", "rtf", "doc", "wps", "image", "mht", "et", "xls", "html", "text"])
def test_every_source_format_is_named_in_chinese(fmt):
    from juesuan.render.provenance import Source

    name = Source("f", fmt, None, "", "").format_name
    assert re.search(r"[\u4e00-\u9fff]", name) and name != fmt.upper()


def test_the_report_page_offers_the_copy_and_the_zipped_original(tmp_path):
    import html
    import json
    import random

    from juesuan.package.writer import write_package
    from juesuan.render.downloads import copy_downloads
    from juesuan.render.load import load_corpus
    from juesuan.render.model import build_corpus
    from juesuan.render.pages import Renderer
    from juesuan.render.provenance import provenance
    from juesuan.render.samples import synthetic_report

    report = synthetic_report(random.Random(3), 1, 2024)
    out = write_package(report, tmp_path / "packages" / report.meta.slug / "2024")
    folder = tmp_path / "reports" / report.meta.slug / "2024"
    folder.mkdir(parents=True)
    original = HOSTILE.format(charset="gbk").encode("gbk")
    (folder / "公开页面.html").write_bytes(original)
    (folder / "report.yml").write_text("agency: x\nyear: 2024\nsource: 公开页面.html\n", encoding="utf-8")
    desc = json.loads((out / "datapackage.json").read_text("utf-8"))
    desc["juesuan"]["report"].update(source_file="公开页面.html", format="html",
                                     sources=[{"path": "公开页面.html", "sha256": "", "format": "html", "pages": 1}])
    (out / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    pkg = load_corpus(tmp_path / "packages")[0]
    page = Renderer(build_corpus([pkg]), tmp_path / "reports").report_page(pkg)
    text = html.unescape(page.text + "".join(page.fragments.values()))
    assert 'href="source/source.html"' in text and 'href="source/source-original.zip"' in text
    assert "网页安全副本：已移除脚本" in text and "未经改动的原始网页，装在 ZIP 压缩包内" in text
    site = tmp_path / "site"
    copy_downloads(pkg, site, None, provenance(pkg, tmp_path / "reports").sources)
    assert b"<script" not in (site / "source" / "source.html").read_bytes().lower()
    with zipfile.ZipFile(site / "source" / "source-original.zip") as z:
        assert z.read("公开页面.html") == original

"""A web page original as the site serves it, opened in headless Chromium: the sanitised copy
runs nothing (no dialog, no console error from a script) and requests nothing but itself, and
its Chinese (saved as GBK) reads right; the same page served live would have done all of that,
which shows the check can fail."""

from __future__ import annotations


import pytest

from browser.support import launched, require_browser, serving

pytestmark = [pytest.mark.browser]

sync_api = require_browser()

PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>某某县财政局2023年度部门决算</title>
<script>alert("script ran")</script><script src="{host}/x.js"></script>
<link rel="stylesheet" href="{host}/s.css"><style>body{{background:url({host}/b.png)}}</style>
</head><body onload="alert('onload ran')">
<p>一般公共预算财政拨款支出1,234.56万元。</p>
<iframe src="{host}/frame.html"></iframe><img src="{host}/t.gif" onerror="alert('onerror ran')">
<form action="{host}/post"><input name="a"></form></body></html>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from juesuan.render.downloads import serve_source

    root = tmp_path_factory.mktemp("site")
    with serving(root) as host:
        src = root / "原文.html"
        src.write_bytes(PAGE.format(host=host + "/evil").encode("gbk"))
        serve_source(src, root / "source" / "source.html")
        yield host


def visit(host: str, path: str):
    with launched(sync_api) as browser:
        page = browser.new_page()
        requests, dialogs = [], []
        page.on("request", lambda r: requests.append(r.url))

        def on_dialog(d) -> None:
            dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.goto(host + path, wait_until="load")
        page.wait_for_timeout(300)
        return requests, dialogs, page.inner_text("body"), page.title()


def test_the_served_copy_runs_and_loads_nothing(site):
    requests, dialogs, body, title = visit(site, "/source/source.html")
    assert dialogs == []
    assert requests == [site + "/source/source.html"]
    assert "一般公共预算财政拨款支出1,234.56万元。" in body and "安全副本" in body
    assert title == "某某县财政局2023年度部门决算"


def test_the_live_page_would_have(site):
    from urllib.parse import quote

    requests, dialogs, _, _ = visit(site, "/" + quote("原文.html"))
    assert dialogs and any("/evil/" in r for r in requests)

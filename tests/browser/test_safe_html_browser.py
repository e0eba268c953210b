"""A web page original as the site serves it, opened in headless Chromium: the sanitised copy
runs nothing (no dialog, no console error from a script) and requests nothing but itself, and
its Chinese (saved as GBK) reads right; the same page served live would have done all of that,
which shows the check can fail."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
pytestmark = [pytest.mark.browser]

if not CHROMIUM.exists():
    pytest.skip("Chromium not installed at /usr/bin/chromium (run scripts/install_browser.sh)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")

PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>某某县财政局2023年度部门决算</title>
<script>alert("script ran")</script><script src="{host}/x.js"></script>
<link rel="stylesheet" href="{host}/s.css"><style>body{{background:url({host}/b.png)}}</style>
</head><body onload="alert('onload ran')">
<p>一般公共预算财政拨款支出1,234.56万元。</p>
<iframe src="{host}/frame.html"></iframe><img src="{host}/t.gif" onerror="alert('onerror ran')">
<form action="{host}/post"><input name="a"></form></body></html>"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from juesuan.render.downloads import serve_source

    root = tmp_path_factory.mktemp("site")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    host = f"http://127.0.0.1:{httpd.server_address[1]}"
    src = root / "原文.html"
    src.write_bytes(PAGE.format(host=host + "/evil").encode("gbk"))
    serve_source(src, root / "source" / "source.html")
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield host
    httpd.shutdown()


def visit(host: str, path: str):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        try:
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
        finally:
            browser.close()


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

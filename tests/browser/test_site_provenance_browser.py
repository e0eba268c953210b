"""Provenance, originals, downloads and Chinese UI in headless Chromium, at 360 px and 1366 px.

A site built from the real Shanghai report (a PDF: every cell links to its page) and the golden
text export 004 saved in GB18030 (served as UTF-8 with a BOM: no mojibake), visited page type by
page type: no page wider than the viewport, no request to another host, every download link
answers 200 with the right content type, no English UI string, a Chinese 404 page.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from browser.support import launched, require_browser, serving

REPO = Path(__file__).resolve().parents[2]
PUTUO = REPO / "tests" / "fixtures" / "real" / "putuo-czj-2024"
GOLDEN = REPO / "tests" / "fixtures" / "golden"
PDF_REPORT = "/agencies/shanghaishi-putuoqu-caizhengju/2024/"
TEXT_REPORT = "/agencies/dazhoushi-gonganju-dachuanqu-fenju/2024/"
PAGES = ["/", "/agencies/", "/agencies/shanghaishi-putuoqu-caizhengju/", PDF_REPORT, TEXT_REPORT,
         "/years/", "/years/2024/", "/data/", "/methodology/", "/contribute/"]
ENGLISH_UI = ["Made with", "Material for MkDocs", "Not found", "income side", "expenditure side",
              "Seed of the project", "Skip to content", "Back to top", "Search"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]

sync_api = require_browser()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from juesuan.pipeline import run_report
    from juesuan.render.sample_site import add_report, make_site_repo
    from juesuan.render.samples import report_from_expected
    from juesuan.site import build_site

    layout = make_site_repo(tmp_path_factory.mktemp("repo"), REPO)
    folder = layout.reports / "shanghaishi-putuoqu-caizhengju" / "2024"
    folder.mkdir(parents=True)
    pdf = next(PUTUO.glob("*.pdf"))
    shutil.copy(pdf, folder / pdf.name)
    (folder / "report.yml").write_text(
        f"agency: 上海市普陀区财政局\nregion: [上海市, 上海市, 普陀区]\nyear: 2024\nkind: 部门决算\n"
        f"source: {pdf.name}\nurl: https://www.example.gov.cn/putuo-czj-2024.pdf\nretrieved: 2025-10-20\n",
        encoding="utf-8")
    run_report(folder, layout.packages)
    report = report_from_expected(GOLDEN / "004_e4eb685f5dbf33b3" / "expected")
    add_report(layout, report, source_text="x")
    text_source = layout.reports / report.meta.slug / str(report.meta.year) / report.meta.source_file
    text_source.write_bytes(f"{report.meta.agency}2024年度单位决算\n收入支出决算总表\n".encode("gb18030"))
    build_site(layout)
    with serving(layout.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launched(sync_api) as b:
        yield b


WIDTH = """() => ({page: document.documentElement.scrollWidth,
  viewport: document.documentElement.clientWidth,
  wide: [...document.querySelectorAll('.md-content *')].filter(e => e.getBoundingClientRect().right
        > document.documentElement.clientWidth + 1 && !e.closest('.jc-table, .md-typeset__scrollwrap, pre'))
        .slice(0, 3).map(e => e.tagName + '.' + e.className),
  unwrapped: [...document.querySelectorAll('.md-content table')]
    .filter(t => !t.closest('.jc-table, .md-typeset__scrollwrap')).length,
  text: document.body.innerText})"""


@pytest.mark.parametrize("width", [360, 1366])
def test_every_page_type_fits_stays_home_and_speaks_chinese(browser, server, width):
    host = urlsplit(server).netloc
    for path in PAGES + ["/404.html"]:  # GitHub Pages serves it for any missing page
        page = browser.new_page(viewport={"width": width, "height": 900})
        foreign: list[str] = []

        def watch(request, seen=foreign):
            if urlsplit(request.url).netloc not in (host, "") and not request.url.startswith(("data:", "blob:")):
                seen.append(request.url)

        page.on("request", watch)
        page.goto(server + path, wait_until="networkidle")
        m = page.evaluate(WIDTH)
        assert m["page"] <= m["viewport"], (path, width, m["page"], m["wide"])
        assert m["unwrapped"] == 0, (path, "a table without its own scroll wrapper")
        assert foreign == [], (path, foreign)
        for word in ENGLISH_UI:
            assert word not in m["text"], (path, word)
        if path == "/404.html":
            assert "找不到这个页面" in m["text"]
        page.close()


def test_pdf_report_cells_link_to_their_page(browser, server):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(server + PDF_REPORT, wait_until="load")
    cells = page.evaluate("""() => [...document.querySelectorAll('table.wide td:nth-child(n+3)')]
        .filter(td => /\\d/.test(td.innerText))
        .map(td => { const a = td.querySelector('a.jc-src');
                     return a ? a.getAttribute('href') + '|' + a.title : ''; })""")
    assert len(cells) >= 150
    bad = [c for c in cells if not re.fullmatch(r"source/source\.pdf#page=\d+\|来源：.+\.pdf 第\d+页", c)]
    assert bad == [], bad[:5]
    cards = page.evaluate("() => [...document.querySelectorAll('.jc-card-src a')].map(a => a.getAttribute('href'))")
    assert cards and all(re.fullmatch(r"source/source\.pdf#page=\d+", h) for h in cards)
    text = page.evaluate("() => document.body.innerText")
    assert "https://www.example.gov.cn/putuo-czj-2024.pdf" in text and "2025-10-20" in text
    resp = page.request.get(urljoin(server + PDF_REPORT, "source/source.pdf"))
    assert resp.status == 200 and resp.headers["content-type"] == "application/pdf"
    page.close()


def test_text_report_says_it_has_no_pages_and_its_original_reads_in_chinese(browser, server):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(server + TEXT_REPORT, wait_until="load")
    text = page.evaluate("() => document.body.innerText")
    assert "文本导出，原文无页码" in text and "未记录" in text
    assert page.locator("table.wide a.jc-src").count() == 0  # no page promised
    page.goto(urljoin(server + TEXT_REPORT, "source/source.txt"), wait_until="load")
    assert "达州市公安局达川区分局" in page.evaluate("() => document.body.innerText")  # no mojibake
    page.close()


@pytest.mark.parametrize("path", [PDF_REPORT, TEXT_REPORT, "/data/"])
def test_every_download_link_answers(browser, server, path):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(server + path, wait_until="load")
    hrefs = page.evaluate("""() => [...document.querySelectorAll(
        '.jc-downloads a, table.jc-files a, a[href$="SHA256SUMS"]')].map(a => a.href)""")
    assert len(hrefs) >= 10
    for href in dict.fromkeys(h.split("#")[0] for h in hrefs):
        if urlsplit(href).netloc != urlsplit(server).netloc:
            continue
        resp = page.request.get(href)
        assert resp.status == 200, href
        if href.endswith(".csv") and "/excel/" in href:
            assert resp.body().startswith(b"\xef\xbb\xbf"), href
        if href.endswith(".xlsx"):
            assert resp.body()[:2] == b"PK", href
    page.close()

"""The built site in a real browser (headless Chromium driven by Playwright).

Loads the home page, an agency page and a report page of a site built from the golden
fixtures: the charts render (SVG), the console has no errors, no request goes to another
host, and searching "三公经费" lists the report pages. Every page type at 360 px and
1366 px (issue 11): no horizontal overflow, every chart drawn, no English UI string, no
request to another host, every download link answers 200 (a chart's CSV, a data: URL,
starts with a BOM). Search finds 拨款 inside 财政拨款, a function code, a project name and
a number. Screenshots are written to $JUESUAN_SCREENSHOTS (or the test's temporary folder)
for a person to look at.

Select with `pytest -m browser`; skipped (with the reason) where /usr/bin/chromium or
Playwright is missing: `scripts/install_browser.sh` installs both.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
import re
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from browser.support import launched, require_browser, serving

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "fixtures" / "golden"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

sync_api = require_browser()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from juesuan.render.sample_site import add_report, make_site_repo
    from juesuan.render.samples import report_from_expected, synthetic_report
    from juesuan.site import build_site

    layout = make_site_repo(tmp_path_factory.mktemp("repo"), REPO)
    for stem in ("000_cecd3edf739872c0", "004_e4eb685f5dbf33b3"):
        add_report(layout, report_from_expected(GOLDEN / stem / "expected"), source_text="原文")
    rng = random.Random(1)
    for year in (2023, 2024):
        add_report(layout, synthetic_report(rng, 7, year))
    build_site(layout)
    return layout


@pytest.fixture(scope="module")
def server(site):
    with serving(site.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launched(sync_api) as b:
        yield b


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    d = Path(os.environ.get("JUESUAN_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    d.mkdir(parents=True, exist_ok=True)
    return d


def _visit(browser, server, path, shots, name, wait_for=".jc-host svg"):
    """Open ``path``; return (page, console errors, foreign requests)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors, foreign = [], []
    host = urlsplit(server).netloc
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def check(req):
        u = urlsplit(req.url)
        if u.scheme not in ("data", "blob", "about") and u.netloc != host:
            foreign.append(req.url)
    page.on("request", check)
    page.goto(server + path, wait_until="load")
    if wait_for:
        page.wait_for_selector(wait_for, timeout=30000)
    page.wait_for_timeout(300)
    page.screenshot(path=str(shots / f"{name}.png"), full_page=False)
    return page, errors, foreign


def test_home_page(browser, server, shots):
    page, errors, foreign = _visit(browser, server, "/", shots, "home")
    assert page.locator(".jc-host svg").count() >= 2
    assert errors == [] and foreign == []
    page.close()


def test_agency_page(browser, server, shots):
    page, errors, foreign = _visit(browser, server, "/agencies/dazhoushi-gonganju-dachuanqu-fenju/",
                                   shots, "agency")
    assert "达州市公安局达川区分局" in page.locator("h1").inner_text()
    assert errors == [] and foreign == []
    page.close()


def test_report_page(browser, server, shots):
    page, errors, foreign = _visit(browser, server, "/agencies/dazhoushi-gonganju-dachuanqu-fenju/2024/",
                                   shots, "report")
    assert page.locator(".jc-host svg").count() >= 5
    # a chart's data is drawn: bars of the largest function class are there
    assert page.locator(".jc-host svg .mark-rect path").count() > 0
    box = page.locator(".jc-host svg").first.bounding_box()
    assert box and box["width"] > 400  # width:"container" got the column's width, not 0
    assert errors == [] and foreign == []
    page.screenshot(path=str(shots / "report-full.png"), full_page=True)
    page.close()


def test_agencies_page_filters_by_sector(browser, server, shots):
    page, errors, foreign = _visit(browser, server, "/agencies/", shots, "agencies",
                                   wait_for="select.jc-sector-filter")
    items = page.locator("ul.jc-agencies > li")
    assert items.count() == 3
    page.select_option("select.jc-sector-filter", "公安")
    visible = [li.inner_text() for li in items.all() if li.is_visible()]
    assert len(visible) == 2 and all("公安" in t for t in visible)
    # region headings (h2 省 / h3 市 / h4 区县) without a shown agency are hidden too
    other = [v for v in page.locator("select.jc-sector-filter option").evaluate_all(
        "os => os.map(o => o.value)") if v not in ("", "公安")][0]
    page.select_option("select.jc-sector-filter", other)
    shown = [h.inner_text() for h in page.locator("article h2, article h3, article h4").all() if h.is_visible()]
    assert "遂宁市" not in shown and "安居区" not in shown and 2 <= len(shown) <= 3, shown
    assert "显示 1 个单位" in page.locator(".jc-filter-count").inner_text()
    page.select_option("select.jc-sector-filter", "")
    assert all(h.is_visible() for h in page.locator("article h2, article h3, article h4").all())
    assert errors == [] and foreign == []
    page.close()


def test_year_page_sorts(browser, server, shots):
    page, errors, foreign = _visit(browser, server, "/years/2024/", shots, "year", wait_for="table.jc-sortable")
    header = page.locator("table.jc-sortable th", has_text="本年支出")
    header.click()
    header.click()  # descending: the largest first
    first = page.locator("table.jc-sortable tbody tr").first.inner_text()
    assert "达州市公安局达川区分局" in first  # 21,044.79 万元, more than the synthetic agency
    assert errors == [] and foreign == []
    page.close()


def test_search_finds_three_public(browser, server, shots):
    page, errors, foreign = _visit(browser, server, "/", shots, "search-before", wait_for=None)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("三公经费")
    page.keyboard.press("End")  # Material searches on keyup: an IME would send one too
    page.wait_for_selector(".md-search-result__item", timeout=30000)
    hrefs = [a.get_attribute("href") or "" for a in page.locator(".md-search-result__item a").all()]
    page.screenshot(path=str(shots / "search.png"))
    assert any("dazhoushi-gonganju-dachuanqu-fenju/2024/" in h for h in hrefs), hrefs
    assert any("suiningshi-gonganju-anjuqu-fenju/2023/" in h for h in hrefs), hrefs
    assert errors == [] and foreign == []
    page.close()


# ------------------------------------------------------------------ every page type (issue 11)
PAGE_TYPES = {
    "home": "/",
    "agencies": "/agencies/",
    "agency": "/agencies/dazhoushi-gonganju-dachuanqu-fenju/",
    "report": "/agencies/dazhoushi-gonganju-dachuanqu-fenju/2024/",
    "report-synthetic": "/agencies/{synthetic}/2024/",
    "years": "/years/",
    "year": "/years/2024/",
    "data": "/data/",
    "compare": "/compare/",
    "compare-code": "/compare/function/{code}/",
    "compare-three-public": "/compare/three-public/",
    "compare-operating": "/compare/operating-expense/",
    "compare-regions": "/compare/regions/",
    "methodology": "/methodology/",
    "not-found": "/no-such-page/",
}
# English a reader must never see: Material's untranslated UI, parser hints as identifiers
ENGLISH = re.compile(r"Made with|Not found|Seed of the project|income side|\b[a-z]+_[a-z_]+\b|"
                     r"\b(?:Search|Previous|Next|Back to top|Table of contents)\b")
DOWNLOADS = "a[download], a[href$='.csv'], a[href$='.zip'], a[href$='.sqlite'], a[href$='.xlsx'], a[href$='.json']"


@pytest.fixture(scope="module")
def names(site):
    from juesuan.render import compare
    from juesuan.render.load import load_corpus
    from juesuan.render.model import build_corpus

    corpus = build_corpus(load_corpus(site.packages))
    codes = compare.codes(corpus, "function")
    shared = [c for c in codes.values() if c.reports >= compare.MIN_REPORTS and len(c.code) == 7]
    synthetic = [s for s in corpus.by_agency if len(corpus.by_agency[s]) > 1][0]
    return {"code": shared[0].code, "synthetic": synthetic}


def _open(browser, server, path, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    errors, foreign = [], []
    host = urlsplit(server).netloc
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda req: foreign.append(req.url) if urlsplit(req.url).scheme not in
            ("data", "blob", "about") and urlsplit(req.url).netloc != host else None)
    response = page.goto(server + path, wait_until="load")
    return page, response, errors, foreign


@pytest.mark.parametrize("width", [360, 1366])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_every_page_type(browser, server, shots, names, kind, width):
    path = PAGE_TYPES[kind].format(**names)
    page, response, errors, foreign = _open(browser, server, path, width)
    assert response is not None and response.status == (404 if kind == "not-found" else 200), path
    charts = page.locator(".jc-chart .jc-host")
    for i in range(charts.count()):  # every chart drawn (its SVG has marks)
        charts.nth(i).locator("svg").wait_for(timeout=30000)
    page.wait_for_timeout(200)
    page.screenshot(path=str(shots / f"type-{kind}-{width}.png"), full_page=False)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path} at {width} px is {overflow} px wider than the viewport"
    for i in range(charts.count()):
        box = charts.nth(i).locator("svg").bounding_box()
        assert box and 0 < box["width"] <= width, (path, i, box)
    # file names (download links, code) may be English; everything else a reader sees may not
    text = page.evaluate("""(downloads) => { const b = document.body.cloneNode(true);
        b.querySelectorAll('code, pre, kbd, script, style, .md-search-result, [hidden], table.jc-dict, ' + downloads)
         .forEach(e => e.remove());
        return b.innerText; }""", DOWNLOADS)
    if kind == "data":  # the data dictionary names the machine-readable fields and values
        text = "\n".join(line for line in text.splitlines() if not line.startswith("主键："))
    english = sorted(set(m.group(0) for m in ENGLISH.finditer(text)))
    assert not english, f"{path}: English on the page: {english[:10]}"
    for a in page.locator(DOWNLOADS).all():
        href = a.get_attribute("href") or ""
        if href.startswith("data:"):
            assert unquote(href.split(",", 1)[1]).startswith("\ufeff"), (path, href[:60])
            continue
        url = urljoin(page.url, href)
        assert urlsplit(url).netloc == urlsplit(server).netloc, (path, href)
        got = page.request.get(url)
        assert got.status == 200, (path, href, got.status)
    assert errors == [] and foreign == [], (errors, foreign)
    page.close()


def _search(browser, server, query):
    page, _, errors, foreign = _open(browser, server, "/", 1366)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=30000)
    hrefs = [a.get_attribute("href") or "" for a in page.locator(".md-search-result__item a").all()]
    assert errors == [] and foreign == []
    page.close()
    return hrefs


@pytest.mark.parametrize("query, where", [
    ("拨款", "agencies/dazhoushi-gonganju-dachuanqu-fenju/2024/"),   # inside 财政拨款, 一般公共预算财政拨款…
    ("{code}", "compare/function/{code}/"),                          # a function code: its comparison page
    ("司法救助资金项目", "agencies/dazhoushi-gonganju-dachuanqu-fenju/2024/"),  # a project name (fragment table)
    ("21044.79", "agencies/dazhoushi-gonganju-dachuanqu-fenju/2024/"),  # a number printed 21,044.79
])
def test_search_finds_what_readers_type(browser, server, names, query, where):
    query, where = query.format(**names), where.format(**names)
    hrefs = _search(browser, server, query)
    assert any(where in h for h in hrefs[:10]), (query, hrefs[:10])

"""Verification marks on a report page in headless Chromium, on a phone and a desktop.

A site built from the golden report 004 with cell statuses, identity counts and one withheld
table (juesuan.render.samples.with_verification): the legend shows once, marked cells carry
their mark as text (not colour alone) and a hover title, the page does not scroll sideways
at 360 px, and the withheld table shows why and no cells. Screenshots go to
$JUESUAN_SCREENSHOTS (or the test's temporary folder).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser.support import launched, require_browser, serving

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "fixtures" / "golden"
PAGE = "/agencies/dazhoushi-gonganju-dachuanqu-fenju/2024/"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

sync_api = require_browser()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from juesuan.render.sample_site import add_report, make_site_repo
    from juesuan.render.samples import report_from_expected, with_verification
    from juesuan.site import build_site

    layout = make_site_repo(tmp_path_factory.mktemp("repo"), REPO)
    report = with_verification(report_from_expected(GOLDEN / "004_e4eb685f5dbf33b3" / "expected"),
                               withhold="basic_expenditure", seed=4)
    add_report(layout, report, source_text="原文")
    build_site(layout)
    with serving(layout.site) as url:
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


MEASURE = """() => {
  const uv = document.querySelector('td.jc-uv'), x = document.querySelector('td.jc-x');
  const after = el => getComputedStyle(el, '::after').content;
  const withheld = document.querySelector('.jc-withheld');
  return {legends: document.querySelectorAll('.jc-legend').length,
          legendVisible: document.querySelector('.jc-legend').getBoundingClientRect().height > 0,
          uvMark: after(uv), xMark: after(x), uvTitle: uv.title, xTitle: x.title,
          pageWidth: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth,
          withheldText: withheld.innerText,
          withheldHasTable: !!withheld.parentElement.querySelector('.jc-withheld + .jc-table')};
}"""


@pytest.mark.parametrize("width", [360, 1366])
def test_marks_legend_and_withheld_table(browser, server, shots, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + PAGE, wait_until="load")
    page.locator(".jc-legend").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"status-legend-{width}.png"))
    page.locator("td.jc-x").first.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"status-cells-{width}.png"))
    m = page.evaluate(MEASURE)
    assert m["legends"] == 1 and m["legendVisible"]
    assert m["uvMark"].startswith('"○"') and m["xMark"].startswith('"!"')  # text, not colour alone
    assert m["uvTitle"] == "未核验" and m["xTitle"] == "有矛盾：参与的勾稽关系不成立"
    assert m["pageWidth"] <= m["viewport"], "the page scrolls sideways"
    assert "已扣留" in m["withheldText"] and "原因" in m["withheldText"] and not m["withheldHasTable"]
    assert errors == []
    page.close()


def test_marks_print(browser, server, shots):
    page = browser.new_page(viewport={"width": 1024, "height": 800})
    page.emulate_media(media="print")
    page.goto(server + PAGE, wait_until="load")
    x = page.locator("td.jc-x").first
    x.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "status-print.png"))
    assert x.evaluate("el => getComputedStyle(el, '::after').content").startswith('"!"')
    assert page.locator(".jc-legend").is_visible()
    page.close()

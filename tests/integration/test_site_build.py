"""The whole site stage: packages → pages → `mkdocs build --strict`, checked on the output.

- a report full of hostile strings renders them as plain text, everywhere;
- the golden reports give their pages, downloads, corpus package and search index;
- nothing on any page loads from another host; detail pages stay out of the navigation
  and a report page stays under 150 KB of HTML.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
import sqlite3
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from juesuan.models import Fact, Indicator, LineItem, Problem, ProfileSection, Project, Statement
from juesuan.render.sample_site import add_report, make_site_repo
from juesuan.render.samples import report_from_expected, synthetic_report
from juesuan.site import build_site

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "fixtures" / "golden"
EVIL = '</title></textarea><script>alert(1)</script>**粗体** {{ 7*7 }} [点我](javascript:alert(1)) {: onclick="x" } <img src=x onerror=alert(2)>'


class Page(HTMLParser):
    """Tags, attributes and visible text of one HTML page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return "".join(self.text)


def _hostile_report():
    r = synthetic_report(random.Random(9), 11, 2024)
    m = r.meta
    m.agency, m.sector, m.region = EVIL, f"行业{EVIL}", [f"省{EVIL}", "市", "区"]
    m.slug, m.source_file, m.template, m.obtained = 'evil"<b>slug', f"{EVIL}.pdf", EVIL, EVIL
    m.source_url = "javascript:alert(3)"
    r.line_items = [dataclasses.replace(li, row_name=EVIL) if li.row_code in ("204", "20402") else li
                    for li in r.line_items]
    r.line_items.append(LineItem("expenditure", "", "2049999", EVIL, "total", Decimal("1")))
    r.facts.append(Fact("staff_auxiliary", Decimal("3"), "人", EVIL))
    r.projects.append(Project("P-EVIL", EVIL, Decimal(1), Decimal(1), Decimal(1), Decimal(100), Decimal(50)))
    r.indicators.append(Indicator("P-EVIL", EVIL, EVIL, EVIL, "≥", EVIL, EVIL, EVIL, Decimal(10), Decimal(5)))
    r.problems.append(Problem("unplaced_number", EVIL, 3, "income"))
    r.profile = [ProfileSection("duties", EVIL, f"{EVIL}\n1.{EVIL}", 2), ProfileSection("staff", "人员", EVIL, 2)]
    r.statements = [Statement("figure", "staff_on_post", Decimal(v), "人", EVIL, 3, EVIL) for v in (5, 6)]
    checks = [{"rule": "sum_rows", "severity": "error", "table": "expenditure", "row_code": "204",
               "column": "total", "metric": "", "expected": Decimal("2"), "actual": Decimal("1"),
               "difference": Decimal("-1"), "page": 4, "message": EVIL},
              {"rule": "narrative_shares", "severity": "rounding", "table": "", "row_code": "",
               "column": "", "metric": "general_budget_expenditure_share", "expected": Decimal("1"),
               "actual": Decimal("1.01"), "difference": Decimal("0.01"), "page": None, "message": EVIL}]
    return r, checks


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    layout = make_site_repo(tmp_path_factory.mktemp("site") / "repo", REPO)
    for stem in ("000_cecd3edf739872c0", "004_e4eb685f5dbf33b3"):
        add_report(layout, report_from_expected(GOLDEN / stem / "expected"), source_text="原文（测试）")
    evil, checks = _hostile_report()
    from juesuan.package.writer import write_package
    write_package(evil, layout.package_dir(evil.meta.slug, 2024), checks)
    rng = random.Random(2)
    for year in (2023, 2024):
        add_report(layout, synthetic_report(rng, 4, year))
    timings = build_site(layout)
    return layout, timings


def _pages(site: Path):
    return sorted(site.rglob("*.html"))


def test_hostile_strings_render_as_text(built):
    layout, _ = built
    page_dir = layout.site / "agencies" / "evil-b-slug" / "2024"
    html = (page_dir / "index.html").read_text("utf-8")
    page = Page(html)
    # shown literally: the script tag, the Markdown, the template syntax
    assert "<script>alert(1)</script>**粗体** {{ 7*7 }} [点我](javascript:alert(1))" in page.visible
    assert page.visible.count("{{ 7*7 }}") >= 12  # title, lede, profile, tables, projects, checks, statements…
    for tag, attrs in page.tags:
        assert tag not in ("img", "strong", "iframe", "object"), (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, attrs)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, attrs)
        if tag == "script":
            assert set(attrs) <= {"src", "type", "class", "id"}
    assert "<script>alert" not in html and "</title><" not in html and "<img" not in html


def test_hostile_strings_everywhere_else(built):
    layout, _ = built
    for path in [layout.site / "index.html", layout.site / "agencies" / "index.html",
                 layout.site / "agencies" / "evil-b-slug" / "index.html",
                 layout.site / "years" / "2024" / "index.html"]:
        html = path.read_text("utf-8")
        page = Page(html)
        assert "<script>alert(1)</script>**粗体**" in page.visible, path
        assert "<strong>粗体" not in html and not any(t == "img" for t, _ in page.tags), path
        assert "<script>alert" not in html and "</title><" not in html, path
        assert not any(k.startswith("on") for _, a in page.tags for k in a), path
    search = (layout.site / "search" / "search_index.json").read_text("utf-8")
    assert "<script>alert" not in search and "<img" not in search


def test_source_file_of_unsafe_type_is_not_served_as_a_page(built):
    layout, _ = built
    served = [p.name for p in (layout.site / "agencies" / "dazhoushi-gonganju-dachuanqu-fenju" / "2024"
                               / "source").iterdir()]
    assert served == ["source.txt"]


def test_no_request_leaves_the_site(built):
    layout, _ = built
    loads = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
             "audio": "src", "embed": "src", "link": "href"}
    for path in _pages(layout.site):
        for tag, attrs in Page(path.read_text("utf-8")).tags:
            url = attrs.get(loads.get(tag, ""), "") or ""
            if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
                continue
            assert not urlsplit(url).netloc and not url.startswith("//"), (path, tag, url)
    for css in layout.site.rglob("*.css"):
        text = css.read_text("utf-8", errors="replace")
        assert "fonts.googleapis" not in text and "@import url(http" not in text, css
    ours = (layout.site / "assets" / "javascripts" / "juesuan.js").read_text("utf-8")
    assert "http://" not in ours and "https://" not in ours  # (the browser test watches real requests)


def test_report_page_contents_and_size(built):
    layout, _ = built
    d = layout.site / "agencies" / "dazhoushi-gonganju-dachuanqu-fenju" / "2024"
    html = (d / "index.html").read_text("utf-8")
    assert len(html.encode()) <= 150 * 1024
    page = Page(html)
    for text in ("21,044.79", "18,360.45", "三公经费", "收入支出决算总表", "一般公共预算财政拨款基本支出决算表",
                 "来源与下载", "24年天网卡口租赁项目", "部门概况", "一、部门职责",
                 "达州市公安局达川区分局机关设11个队建制中心"):
        assert text in page.visible, text
    assert html.count('class="jc-chart"') >= 6
    for rel in ("files/datapackage.json", "files/line_items.csv", "files/tables/expenditure.csv",
                "dazhoushi-gonganju-dachuanqu-fenju-2024.zip", "source/source.txt"):
        assert (d / rel).is_file(), rel
        assert f'href="{rel}"' in html.replace("&#95;", "_"), rel


def test_navigation_holds_only_the_index_pages(built):
    layout, _ = built
    html = (layout.site / "agencies" / "dazhoushi-gonganju-dachuanqu-fenju" / "2024" / "index.html").read_text("utf-8")
    nav = [a.get("href") for t, a in Page(html).tags if t == "a" and "md-nav__link" in (a.get("class") or "")]
    config = (layout.root / "mkdocs.yml").read_text("utf-8")
    entries = config[config.index("\nnav:"):].count("\n  - ")  # the configured top-level pages
    assert len([h for h in nav if h and "#" not in h]) <= entries + 1, nav  # + the site name's link


def test_search_index_is_segmented(built):
    layout, _ = built
    index = json.loads((layout.site / "search" / "search_index.json").read_text("utf-8"))
    # the fiscal dictionary cuts 三公经费 into the words readers type (issue 11): 三公 | 经费
    hits = {d["location"].split("#")[0] for d in index["docs"] if "\u200b三公\u200b经费\u200b" in d["text"]
            or d["title"] == "三公经费"}
    assert "agencies/dazhoushi-gonganju-dachuanqu-fenju/2024/" in hits
    assert "agencies/suiningshi-gonganju-anjuqu-fenju/2023/" in hits


def test_corpus_package(built):
    layout, timings = built
    data = layout.site / "data"
    desc = json.loads((data / "juesuan-corpus" / "datapackage.json").read_text("utf-8"))
    names = [r["name"] for r in desc["resources"]]
    assert names[0] == "reports" and "line_items" in names and "checks" in names
    con = sqlite3.connect(data / "juesuan-corpus.sqlite")
    try:
        assert con.execute("select count(*) from reports").fetchone()[0] == timings.reports == 5
        total = con.execute("select value from line_items where slug='dazhoushi-gonganju-dachuanqu-fenju' "
                            "and \"table\"='expenditure' and row_code='' and \"column\"='total'").fetchone()[0]
        assert Decimal(str(total)) == Decimal("21044.79")
    finally:
        con.close()
    assert (data / "juesuan-corpus.zip").stat().st_size > 0
    page = Page((data / "index.html").read_text("utf-8")).visible
    assert "数据字典" in page and "line_items" in page and "审核规则" in page


def test_corpus_package_validates(built):
    frictionless = pytest.importorskip("frictionless")
    layout, _ = built
    report = frictionless.validate(str(layout.site / "data" / "juesuan-corpus" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_parallel_render_writes_the_same_pages(tmp_path):
    """The process pool (used for large corpora) writes byte-identical pages."""
    from juesuan.render.load import load_corpus
    from juesuan.render.model import build_corpus
    from juesuan.site import render_site
    from juesuan.site_workers import render_parallel

    layout = make_site_repo(tmp_path / "repo", REPO)
    from juesuan.render.samples import synthetic_corpus
    synthetic_corpus(layout.packages, 6, seed=5)
    render_site(layout)  # serial
    serial = {p.relative_to(layout.docs): p.read_bytes() for p in layout.docs.rglob("*")
              if p.is_file() and "agencies/" in str(p.relative_to(layout.docs))}
    corpus = build_corpus(load_corpus(layout.packages))
    out = tmp_path / "parallel"
    n = render_parallel(layout.packages, layout.reports, out, [(p.slug, p.year) for p in corpus.packages],
                        list(corpus.by_agency), jobs=2)
    assert n == len(corpus.packages) + len(corpus.by_agency)
    parallel = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # every file under agencies/<slug>/ (the agencies index itself is not the pool's)
    assert parallel == {k: v for k, v in serial.items() if len(k.parts) > 2}


def test_build_command_without_parsing(tmp_path):
    from typer.testing import CliRunner

    from juesuan.cli import app

    layout = make_site_repo(tmp_path / "repo", REPO)
    add_report(layout, report_from_expected(GOLDEN / "004_e4eb685f5dbf33b3" / "expected"))
    result = CliRunner().invoke(app, ["build", "--root", str(layout.root), "--no-parse", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert (layout.site / "agencies" / "dazhoushi-gonganju-dachuanqu-fenju" / "2024" / "index.html").is_file()
    assert (layout.site / "data" / "juesuan-corpus.sqlite").is_file()


def test_agency_and_agencies_pages(built):
    layout, _ = built
    agency = Page((layout.site / "agencies" / "suiningshi-gonganju-anjuqu-fenju" / "index.html")
                  .read_text("utf-8")).visible
    assert "部门职责" in agency and "机构设置" in agency and "人员情况" in agency
    assert "全局共有民警在职人员239人" in agency
    index = (layout.site / "agencies" / "index.html").read_text("utf-8")
    heads = re.findall(r"<h([234]) id=\"[^\"]*\">([^<]+)", index)
    assert ("2", "四川省") in heads and ("3", "遂宁市") in heads and ("4", "安居区") in heads
    assert heads.index(("3", "遂宁市")) < heads.index(("4", "安居区"))


def test_findings_use_chinese_labels(built):
    layout, _ = built
    html = (layout.site / "agencies" / "evil-b-slug" / "2024" / "index.html").read_text("utf-8")
    visible = Page(html).visible
    assert "一般公共预算财政拨款支出占比" in visible and "general_budget_expenditure_share" not in visible
    assert "前后出现不同的数值" in visible

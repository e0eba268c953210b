"""Render stage on its own: packages on disk → figures, chart data, charts, Markdown pages."""

from __future__ import annotations

import dataclasses
import html as htmllib
import random
from decimal import Decimal
from pathlib import Path

import altair as alt
import pytest

from juesuan.charts import report as charts
from juesuan.charts.embed import chart_block, spec
from juesuan.package.writer import write_package
from juesuan.render import frames
from juesuan.render.figures import cards, headline, stated_changes
from juesuan.render.load import load_corpus, load_package
from juesuan.render.model import build_corpus, rel
from juesuan.render.pages import Renderer
from juesuan.render.samples import report_from_expected, synthetic_report

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
SEED_004 = GOLDEN / "004_e4eb685f5dbf33b3" / "expected"


@pytest.fixture(scope="module")
def pkg_004(tmp_path_factory):
    out = tmp_path_factory.mktemp("pk") / "dazhou" / "2024"
    write_package(report_from_expected(SEED_004), out)
    return load_package(out)


def test_headline_reads_tables_then_narrative(pkg_004):
    h = headline(pkg_004)
    assert h["expenditure_total"] == Decimal("21044.79")
    assert h["basic"] == Decimal("18360.45") and h["project"] == Decimal("2684.34")
    assert h["personnel"] == Decimal("16252.03") and h["public"] == Decimal("2108.42")
    assert h["three_public"] == Decimal("261.47")  # no 三公 table in the golden set: from the narrative
    assert h["staff"] == Decimal("544")
    assert h["per_staff"] == Decimal("21044.79") / 544


def test_cards_show_change_on_previous_year(pkg_004):
    h = headline(pkg_004)
    prev = dict(h, expenditure_total=Decimal("20000"))
    by_key = {c["key"]: c for c in cards(h, prev)}
    assert round(by_key["expenditure_total"]["change"], 4) == Decimal("5.2240")
    assert all(c["change"] is None for c in cards(h, None))


def test_cards_fall_back_on_the_change_the_report_states(pkg_004):
    """No package of the year before: the card shows the change the narrative states
    (三公经费 "下降48.7%"), marked as stated; a previous package takes precedence."""
    h = headline(pkg_004)
    stated = stated_changes(pkg_004)
    assert stated["three_public"] == Decimal("-48.7")
    by_key = {c["key"]: c for c in cards(h, None, stated)}
    assert by_key["three_public"]["change"] == Decimal("-48.7") and by_key["three_public"]["stated"]
    assert by_key["staff"]["change"] is None and not by_key["staff"]["stated"]
    prev = dict(h, three_public=h["three_public"] * 2)
    by_key = {c["key"]: c for c in cards(h, prev, stated)}
    assert by_key["three_public"]["change"] == Decimal("-50") and not by_key["three_public"]["stated"]


def test_chart_frames(pkg_004):
    inc = frames.income_by_source(pkg_004)
    assert set(inc["来源"]) == {"一般公共预算财政拨款收入", "政府性基金预算财政拨款收入"}
    classes = frames.expenditure_by_function(pkg_004, 3)
    # the classes add up to the 合计 row (the report itself is off by a rounding cent)
    assert abs(classes["金额"].sum() - Decimal("21044.79")) <= Decimal("0.01")
    assert list(classes["编码"]) == sorted(classes["编码"])
    econ = frames.economic_lines(pkg_004, top=5)
    assert len(econ) == 5 and list(econ["金额"]) == sorted(econ["金额"], reverse=True)
    assert all(len(c) == 5 for c in econ["编码"])
    assert len(frames.projects(pkg_004)) == 30


def test_charts_are_valid_vega_lite(pkg_004):
    h = headline(pkg_004)
    made = [charts.bars(frames.expenditure_by_function(pkg_004, 5), "科目"),
            charts.share(frames.basic_vs_project(h)),
            charts.grouped(frames.three_public(pkg_004), "项目", "口径"),
            charts.projects(frames.projects(pkg_004))]
    for chart in made:
        chart.to_dict(validate=True)  # raises on a spec vega-lite would reject
        d = spec(chart)
        assert d["width"] == "container" and "$schema" not in d


def test_chart_block_carries_spec_and_table(pkg_004):
    df = frames.income_by_source(pkg_004)
    html = chart_block(charts.bars(df, "来源"), df, "收入<来源>")
    assert '<script type="application/json" class="jc-spec">' in html
    assert "20,907.94" in html  # the no-JS table, Chinese thousands
    assert "收入&#60;来源&#62;" in html and "收入<来源>" not in html


def test_relative_links():
    assert rel("agencies/a/2024", "agencies/a") == "../"
    assert rel("agencies/a/2024", "years/2024") == "../../../years/2024/"
    assert rel("", "agencies") == "agencies/"
    assert rel("agencies", "") == "../"


def test_report_page_markdown(tmp_path):
    rng = random.Random(3)
    for year in (2023, 2024):
        r = synthetic_report(rng, 5, year)
        write_package(r, tmp_path / r.meta.slug / str(year))
    corpus = build_corpus(load_corpus(tmp_path))
    latest = corpus.by_agency[corpus.packages[0].slug][-1]
    rendered = Renderer(corpus).report_page(latest)
    page = rendered.text + "".join(rendered.fragments.values())
    assert page.startswith("---\n") and "\n# " in page
    assert "## 三公经费" in page and "比上年" in page
    assert "上一年度（2023）" in page
    assert page.count('class="jc-chart"') >= 5
    shown = htmllib.unescape(page)
    assert "files/tables/three_public.csv" in shown and f"{latest.slug}-2024.zip" in shown


def test_packages_of_hidden_folders_are_skipped(tmp_path, pkg_004):
    import shutil

    shutil.copytree(pkg_004.path, tmp_path / "a" / "2024")
    shutil.copytree(pkg_004.path, tmp_path / "a" / ".2024.old")  # the writer's leftovers
    assert [p.year for p in load_corpus(tmp_path)] == [2024]


def test_unsafe_folder_names_give_safe_slugs(tmp_path, pkg_004):
    import shutil

    shutil.copytree(pkg_004.path, tmp_path / 'x"><script>' / "2024")
    (p,) = load_corpus(tmp_path)
    assert p.slug == "x-script"
    assert dataclasses.is_dataclass(p)


def test_reports_without_tables_chart_the_narrative(tmp_path):
    out = tmp_path / "suining" / "2023"
    write_package(report_from_expected(GOLDEN / "000_cecd3edf739872c0" / "expected"), out)
    pkg = load_package(out)
    classes = frames.expenditure_by_function(pkg, 3)
    assert "公共安全支出" in set(classes["科目"])  # named from the code list, amounts from the text
    h = headline(pkg)
    assert h["expenditure_total"] is not None and h["three_public"] is not None

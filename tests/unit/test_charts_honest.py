"""Honest charts (issue 11): no years joined across different agencies, parts never beside
their total, contradictions warned on the chart, 上年 values from the report's own words
marked, and every chart with its source, unit, CSV and text alternative."""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal
from urllib.parse import unquote

import pandas as pd
import pytest

from juesuan.charts import corpus as corpus_charts
from juesuan.charts import sets
from juesuan.charts.embed import chart_block, csv_href, text_alternative
from juesuan.charts.honesty import REPORTED_MARK, contradiction, stated_previous
from juesuan.charts import report as charts
from juesuan.models import Fact
from juesuan.package.writer import write_package
from juesuan.render.load import load_corpus
from juesuan.render.model import build_corpus
from juesuan.render.samples import synthetic_report


def _corpus(tmp_path, plan, edit=None):
    """plan: [(agency index, year)…] → Corpus of synthetic reports."""
    for index, year in plan:
        r = synthetic_report(random.Random(index * 10 + year), index, year)
        if edit:
            r = edit(r)
        write_package(r, tmp_path / r.meta.slug / str(year))
    return build_corpus(load_corpus(tmp_path))


def test_no_corpus_series_across_different_agencies(tmp_path):
    c = _corpus(tmp_path, [(1, 2023), (2, 2024)])
    assert corpus_charts.constant_panel(c) == ([], [])
    assert len(corpus_charts.totals_by_year(c)) == 0
    blocks = corpus_charts.home_blocks(c)
    assert "不能跨年比较" in str(blocks[0])


def test_corpus_series_over_agencies_present_every_year(tmp_path):
    c = _corpus(tmp_path, [(1, 2023), (1, 2024), (2, 2024), (3, 2023)])
    years, slugs = corpus_charts.constant_panel(c)
    assert years == [2023, 2024] and len(slugs) == 1
    df = corpus_charts.totals_by_year(c)
    one = c.by_agency[slugs[0]]
    assert list(df["金额"]) == [c.h(p)["expenditure_total"] for p in one]
    assert df["指标"].iloc[0].startswith("1 个单位")


def test_agency_charts_never_put_parts_beside_their_total(tmp_path):
    c = _corpus(tmp_path, [(1, 2023), (1, 2024)])
    slug = next(iter(c.by_agency))
    blocks = [str(b) for b in sets.agency_charts(c.by_agency[slug], c.headlines)]
    totals = next(b for b in blocks if "本年收入与本年支出" in b)
    parts = next(b for b in blocks if "基本支出与项目支出" in b)
    assert "基本支出" not in totals.split("jc-spec")[1].split("</script>")[0]
    assert '"stack": "zero"' in parts or '"stack":"zero"' in parts


def test_contradiction_is_warned_on_the_chart(tmp_path):
    def planted(r):  # the 三公 items no longer add up to the printed total
        items = [dataclasses.replace(li, value=li.value + Decimal("46.23"))
                 if li.table == "three_public" and li.column == "actual.reception" else li for li in r.line_items]
        return dataclasses.replace(r, line_items=items)

    c = _corpus(tmp_path, [(1, 2024)], planted)
    html = str(sets.three_public_chart(c.packages[0]))
    assert "jc-chart-warn" in html and "相差 46.23 万元" in html
    clean = _corpus(tmp_path / "b", [(1, 2024)])
    assert "jc-chart-warn" not in str(sets.three_public_chart(clean.packages[0]))


def test_three_public_title_says_what_is_drawn(tmp_path):
    def no_budget(r):
        return dataclasses.replace(r, line_items=[li for li in r.line_items if not li.column.startswith("budget.")])

    c = _corpus(tmp_path, [(1, 2024)], no_budget)
    html = str(sets.three_public_chart(c.packages[0]))
    assert "三公经费：决算数（报告未列预算数）" in html and "预算数与决算数" not in html


def test_previous_year_from_the_reports_own_statement(tmp_path):
    def stated(r):
        facts = [Fact("total_income_expenditure", Decimal("21044.79"), "万元", "q"),
                 Fact("total_income_expenditure_change", Decimal("4046.84"), "万元", "q")]
        return dataclasses.replace(r, facts=[*r.facts, *facts])

    c = _corpus(tmp_path, [(1, 2024)], stated)
    rows = stated_previous(c.packages[0])
    prev = next(r for r in rows if r["年度"] == "2023")
    assert prev["金额"] == Decimal("16997.95") and prev["来源"] != REPORTED_MARK
    blocks = [str(b) for b in sets.agency_charts(c.packages, c.headlines)]
    assert any("据本年报告所述" in b or "据2024年度报告所述增减推算" in b for b in blocks)


def test_contradiction_sums_and_statuses(tmp_path):
    c = _corpus(tmp_path, [(1, 2024)])
    p = c.packages[0]
    assert contradiction(p, "three_public", {"a": Decimal(1), "b": Decimal(2)}, Decimal(3)) == ""
    assert "相差 1.00 万元" in contradiction(p, "three_public", {"a": Decimal(1), "b": Decimal(3)}, Decimal(3))


def test_chart_block_has_source_unit_csv_and_text_alternative():
    df = pd.DataFrame([{"项目": "公务接待费", "金额": Decimal("1234.5")}, {"项目": "因公出国（境）费", "金额": None}])
    html = str(chart_block(charts.bars(df, "项目", title="t"), df, "三公经费", source="某单位2024年度决算公开"))
    assert "来源：某单位2024年度决算公开" in html and "单位：万元" in html
    assert 'aria-label="三公经费（单位：万元）：公务接待费 1,234.50' in html
    href = csv_href(df)
    text = unquote(href.split(",", 1)[1])
    assert href.startswith("data:text/csv;charset=utf-8,") and text.startswith("\ufeff项目,金额\r\n")
    assert "公务接待费,1234.5" in text
    assert text_alternative(df.head(1), "x", "万元") == "x（单位：万元）：公务接待费 1,234.50。"


@pytest.mark.parametrize("make", [lambda d: charts.stacked_years(d), lambda d: charts.stated_series(d)])
def test_new_chart_kinds_are_valid_vega_lite(make):
    df = pd.DataFrame([{"年度": "2023", "指标": "基本支出", "金额": Decimal(1), "来源": REPORTED_MARK},
                       {"年度": "2024", "指标": "基本支出", "金额": Decimal(2), "来源": "据2024年度报告所述增减推算"}])
    make(df).to_dict(validate=True)


def test_long_labels_wrap_and_rows_make_room():
    df = pd.DataFrame([{"项目": "2024年打击治理电信网络诈骗专项经费", "金额": Decimal(1)},
                       {"项目": "2024年打击治理跨境赌博专项经费", "金额": Decimal(2)}])
    spec = charts.projects(pd.DataFrame([{"项目": r["项目"], "编码": "1", "调整后预算": Decimal(1),
                                          "执行数": Decimal(1), "执行率": Decimal(100), "自评得分": Decimal(90)}
                                         for r in df.to_dict("records")]))
    spec.to_dict(validate=True)
    for chart in (charts.bars(df, "项目"), spec):
        d = chart.to_dict(validate=False)
        axis = d["encoding"]["y"]["axis"]
        assert axis["labelExpr"] == charts.WRAP and axis["labelLimit"] <= charts.LINE * 14
    assert charts.bars(df, "项目").to_dict(validate=False)["height"] >= 2 * (14 * 3 + 8)

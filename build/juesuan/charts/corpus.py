"""Corpus-wide charts of the home page: data frames from the corpus, charts from report.py."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from collections.abc import Callable
from typing import Any

import pandas as pd

from juesuan.charts import report as charts


def constant_panel(corpus: Any) -> tuple[list[int], list[str]]:
    """(years, agency slugs): the longest run of recent years (two at least) over which the
    same agencies all reported — the only honest base for a corpus total across years."""
    years = sorted(corpus.by_year)
    best: tuple[list[int], list[str]] = ([], [])
    for start in range(len(years)):
        span = years[start:]
        if len(span) < 2:
            break
        slugs = [s for s, ps in corpus.by_agency.items()
                 if all(any(p.year == y and corpus.h(p).get("expenditure_total") is not None for p in ps)
                        for y in span)]
        if slugs and (len(slugs) * len(span) > len(best[1]) * len(best[0])):
            best = (span, sorted(slugs))
    return best


def totals_by_year(corpus: Any) -> pd.DataFrame:
    """年度, 指标, 金额: total expenditure per year of the agencies that reported every year
    of :func:`constant_panel` (never years of different sets of agencies joined)."""
    years, slugs = constant_panel(corpus)
    sums: dict[int, Decimal] = defaultdict(Decimal)
    for slug in slugs:
        for p in corpus.by_agency[slug]:
            if p.year in years:
                sums[p.year] += corpus.h(p)["expenditure_total"]
    rows = [{"年度": str(y), "指标": f"{len(slugs)} 个单位的本年支出合计", "金额": v} for y, v in sorted(sums.items())]
    return pd.DataFrame(rows, columns=["年度", "指标", "金额"])


def largest_agencies(corpus: Any, n: int = 10) -> pd.DataFrame:
    """单位, 金额: the agencies that spent most in the latest year of the corpus."""
    if not corpus.years:
        return pd.DataFrame(columns=["单位", "金额"])
    year = corpus.years[0]
    rows = [{"单位": p.agency, "金额": corpus.h(p)["expenditure_total"]}
            for p in corpus.by_year[year] if corpus.h(p).get("expenditure_total") is not None]
    rows.sort(key=lambda r: -r["金额"])
    return pd.DataFrame(rows[:n], columns=["单位", "金额"])


def by_sector(corpus: Any) -> pd.DataFrame:
    """行业, 金额: total expenditure of the latest year by sector."""
    if not corpus.years:
        return pd.DataFrame(columns=["行业", "金额"])
    year = corpus.years[0]
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for p in corpus.by_year[year]:
        v = corpus.h(p).get("expenditure_total")
        if v is not None:
            sums[p.sector or "未分类"] += v
    rows = [{"行业": k, "金额": v} for k, v in sorted(sums.items(), key=lambda kv: -kv[1])]
    return pd.DataFrame(rows, columns=["行业", "金额"])


def home_charts(corpus: Any) -> list[tuple[pd.DataFrame, Callable, str]]:
    latest = corpus.years[0] if corpus.years else ""
    years, slugs = constant_panel(corpus)
    panel = (f"历年支出：{years[0]}—{years[-1]}年度每年都有报告的 {len(slugs)} 个单位" if slugs else "")
    out = []
    if panel:
        out.append((totals_by_year(corpus), lambda d: charts.timeseries(d, title=panel), panel))
    out += [
        (largest_agencies(corpus), lambda d: charts.bars(d, "单位", title=f"{latest}年度支出最多的单位"),
         f"{latest}年度支出最多的单位"),
        (by_sector(corpus), lambda d: charts.bars(d, "行业", title=f"{latest}年度各行业支出合计"),
         f"{latest}年度各行业支出合计"),
    ]
    return out


def home_blocks(corpus: Any) -> list[Any]:
    """The home page's chart blocks with their source line; where the corpus has no agency
    reporting in two years, a sentence says why there is no chart across years."""
    from markupsafe import Markup

    from juesuan.charts.embed import chart_block

    blocks = []
    if not constant_panel(corpus)[1] and len(corpus.years) > 1:
        blocks.append(Markup('<p class="jc-note">各年度报告的单位不同，合计不能跨年比较，故不作历年合计图；'
                             "各单位的历年数字见其单位页。</p>"))
    for df, make, title in home_charts(corpus):
        if len(df):
            blocks.append(chart_block(make(df), df, title, source=f"本站收录的 {len(corpus.packages)} 份决算公开"))
    return blocks

"""Corpus-wide charts of the home page: data frames from the corpus, charts from report.py."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any, Callable

import pandas as pd

from juesuan.charts import report as charts


def totals_by_year(corpus: Any) -> pd.DataFrame:
    """年度, 指标, 金额: the corpus's total expenditure per year."""
    sums: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for p in corpus.packages:
        h = corpus.h(p)
        for key, label in (("expenditure_total", "本年支出合计"),):
            if h.get(key) is not None:
                sums[(p.year, label)] += h[key]
    rows = [{"年度": str(y), "指标": k, "金额": v} for (y, k), v in sorted(sums.items())]
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
    return [
        (totals_by_year(corpus), lambda d: charts.timeseries(d, title="全部单位合计（历年）"),
         "全部单位合计（历年）"),
        (largest_agencies(corpus), lambda d: charts.bars(d, "单位", title=f"{latest}年度支出最多的单位"),
         f"{latest}年度支出最多的单位"),
        (by_sector(corpus), lambda d: charts.bars(d, "行业", title=f"{latest}年度各行业支出合计"),
         f"{latest}年度各行业支出合计"),
    ]

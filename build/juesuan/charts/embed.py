"""A chart as a block of HTML: its Vega-Lite spec as JSON, and its data as a table.

The page's script (docs/assets/javascripts/charts.js) renders each spec with the
vega / vega-lite / vega-embed files served by the site itself. Readers without
JavaScript get the same numbers in the table next to the chart.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import altair as alt
import pandas as pd
from altair.utils.schemapi import debug_mode
from markupsafe import Markup

from juesuan.render.fmt import esc, json_for_script, num

# the page script adds the theme (fonts, colours, sizes) once for every chart: see
# docs/assets/javascripts/charts.js; here only what a chart needs to stand alone
CONFIG = {"view": {"stroke": None}}


def spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite spec, compact (no schema validation: the charts are ours)."""
    with debug_mode(False):
        d = chart.to_dict(validate=False)
    d.pop("$schema", None)
    d["config"] = {**CONFIG, **{k: v for k, v in d.get("config", {}).items() if k != "view"}}
    d.setdefault("autosize", {"type": "fit-x", "contains": "padding"})
    return d


def _cell(value: Any) -> Markup:
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and value != value:  # NaN
            return Markup("—")
        return num(value)
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return Markup("—")
    return esc(value)


def data_table(df: pd.DataFrame, caption: str = "") -> Markup:
    """A DataFrame as an escaped HTML table (numbers right-aligned, Chinese thousands)."""
    head = "".join(f"<th>{esc(c)}</th>" for c in df.columns)
    body = []
    for row in df.itertuples(index=False):
        cells = []
        for v in row:
            cls = ' class="n"' if isinstance(v, (Decimal, int, float)) and not isinstance(v, bool) else ""
            cells.append(f"<td{cls}>{_cell(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return Markup(f'<table class="data">{cap}<thead><tr>{head}</tr></thead>'
                  f'<tbody>{"".join(body)}</tbody></table>')


def csv_href(df: pd.DataFrame) -> str:
    """The chart's data as a CSV data: URL (UTF-8 with BOM, so Excel on Chinese Windows reads
    it): no file to serve, no request."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(list(df.columns))
    for row in df.itertuples(index=False):
        w.writerow(["" if v is None or (isinstance(v, float) and v != v) else v for v in row])
    return "data:text/csv;charset=utf-8," + quote("\ufeff" + buf.getvalue())


def text_alternative(df: pd.DataFrame, title: str, unit: str, limit: int = 12) -> str:
    """The chart in one sentence for screen readers and search: every row's label and value."""
    def numeric(v: Any) -> bool:
        return isinstance(v, (Decimal, int, float)) and not isinstance(v, bool) and v == v

    value_cols = [c for c in df.columns
                  if any(numeric(v) for v in df[c]) and all(v is None or numeric(v) or v != v for v in df[c])]
    label_cols = [c for c in df.columns if c not in value_cols]
    parts = []
    for row in df.head(limit).to_dict(orient="records"):
        label = " ".join(str(row[c]) for c in label_cols if row[c] not in (None, ""))
        values = "、".join(f"{c} {row[c]:,.2f}" if len(value_cols) > 1 else f"{row[c]:,.2f}"
                          for c in value_cols if numeric(row[c]))
        parts.append(f"{label} {values}".strip())
    more = f"等 {len(df)} 项" if len(df) > limit else ""
    return f"{title}（单位：{unit}）：" + "；".join(parts) + more + "。"


def chart_block(chart: alt.TopLevelMixin, df: pd.DataFrame, title: str, table_follows: bool = False,
                source: str = "", unit: str = "万元", warning: str = "", note: str = "") -> Markup:
    """The HTML block for one chart: the audit's warning on its numbers (if any), host, spec,
    source line with unit and CSV download, a text alternative, and the data table for no-JS
    readers (``table_follows``: the page prints the same numbers in a table right after)."""
    from juesuan.charts.honesty import warning_html

    data = ('<p class="jc-note">图表数据见下表。</p>' if table_follows else
            f'<details class="jc-data"><summary>数据表：{esc(title)}</summary>{data_table(df)}</details>')
    name = "".join(ch for ch in title if ch.isalnum()) or "chart"
    foot = (f'<p class="jc-chart-foot">{"来源：" + str(esc(source)) + " · " if source else ""}单位：{esc(unit)}'
            f'{" · " + str(esc(note)) if note else ""} · '
            f'<a class="jc-chart-csv" download="{esc(name)}.csv" href="{csv_href(df)}">下载图表数据（CSV）</a></p>')
    return Markup(
        # data-search-exclude on an element with no same-tag descendants: Material's
        # search parser ends an exclusion at the first closing tag of the same name
        '<figure class="jc-chart" data-search-exclude="1">'
        f"{warning_html(warning)}"
        f'<div class="jc-host" role="img" aria-label="{esc(text_alternative(df, title, unit))}"></div>'
        f'<script type="application/json" class="jc-spec">{json_for_script(spec(chart))}</script>'
        f"{foot}{data}</figure>")

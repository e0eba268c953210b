"""A chart as a block of HTML: its Vega-Lite spec as JSON, and its data as a table.

The page's script (docs/assets/javascripts/charts.js) renders each spec with the
vega / vega-lite / vega-embed files served by the site itself. Readers without
JavaScript get the same numbers in the table next to the chart.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

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


def chart_block(chart: alt.TopLevelMixin, df: pd.DataFrame, title: str, table_follows: bool = False) -> Markup:
    """The HTML block for one chart: host, spec, and the data table for no-JS readers
    (``table_follows``: the page prints the same numbers in a table right after the chart)."""
    data = ('<p class="jc-note">图表数据见下表。</p>' if table_follows else
            f'<details class="jc-data"><summary>数据表：{esc(title)}</summary>{data_table(df)}</details>')
    return Markup(
        # data-search-exclude on an element with no same-tag descendants: Material's
        # search parser ends an exclusion at the first closing tag of the same name
        '<figure class="jc-chart" data-search-exclude="1">'
        f'<div class="jc-host" role="img" aria-label="{esc(title)}"></div>'
        f'<script type="application/json" class="jc-spec">{json_for_script(spec(chart))}</script>'
        f"{data}</figure>")

"""Charts of one report: pure functions DataFrame → alt.Chart (no I/O, no state).

Amounts are in 万元. Axis and tooltip numbers use thousands separators; the page's
embed script sets a zh-CN number locale. Every chart is `width: "container"` so it
fills its host element.
"""

from __future__ import annotations

import functools

import altair as alt
import pandas as pd
from altair.utils.schemapi import debug_mode

FONT = ("-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', "
        "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif")
AMOUNT = ",.2f"
AXIS = ",.0f"
COLORS = ["#3f6fb5", "#e0823d", "#4f9e6b", "#c0504d", "#8064a2", "#4bacc6", "#9b8b3b", "#7f7f7f"]


# category labels wrap onto up to three lines of LINE characters, the rest cut with "…"
# (a phone's 360 px leaves about 100 px for them; project names often share their first
# seven characters, so cutting to one short line made them indistinguishable)
LINE = 8
WRAP = ("length(datum.label) <= {n} ? datum.label : [substring(datum.label, 0, {n}), "
        "length(datum.label) <= {n2} ? substring(datum.label, {n}) : substring(datum.label, {n}, {n2}), "
        "length(datum.label) <= {n2} ? '' : substring(datum.label, {n2}, {n3}) + "
        "(length(datum.label) > {n3} ? '…' : '')]").format(n=LINE, n2=2 * LINE, n3=3 * LINE)


def band_axis() -> alt.Axis:
    """The axis of category labels: wrapped (:data:`WRAP`), never wider than LINE characters."""
    return alt.Axis(labelExpr=WRAP, labelLimit=LINE * 14, labelLineHeight=14)


def row_height(labels: pd.Series, base: int) -> int:
    """Pixels per row: room for the wrapped label's lines (no label overlaps the next)."""
    longest = max((len(str(v)) for v in labels), default=0)
    lines = min(3, max(1, -(-longest // LINE)))
    return max(base, 14 * lines + 8)


def _unchecked(fn):
    """Build the chart without Altair's per-object schema validation (slow: ~10 ms a
    chart); tests validate every chart kind's full spec once instead."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with debug_mode(False):
            return fn(*args, **kwargs)
    return wrapper


def _floats(df: pd.DataFrame, *cols: str) -> pd.DataFrame:
    out = df.copy()
    for c in cols:
        out[c] = out[c].map(lambda v: None if v is None or v != v else float(v))
    return out


def _base(df: pd.DataFrame, height: int, title: str = "") -> alt.Chart:
    """A chart of inline values (plain records: no pandas sanitising, no per-property
    schema validation; the specs are checked once by the tests)."""
    records = [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
               for r in df.to_dict(orient="records")]
    kw = {"title": title} if title else {}
    return alt.Chart(alt.Data(values=records), width="container", height=height, **kw)


@_unchecked
def bars(df: pd.DataFrame, label: str, value: str = "金额", title: str = "",
         unit: str = "万元") -> alt.Chart:
    """Horizontal bars, largest first: one per row of ``df``."""
    data = _floats(df, value)
    height = max(60, row_height(data[label], 26) * len(data))
    return _base(data, height, title).mark_bar(color=COLORS[0]).encode(
        y=alt.Y(f"{label}:N", sort="-x", title=None, axis=band_axis()),
        x=alt.X(f"{value}:Q", title=f"{value}（{unit}）", axis=alt.Axis(format=AXIS)),
        tooltip=[alt.Tooltip(f"{label}:N"), alt.Tooltip(f"{value}:Q", format=AMOUNT)],
    )


@_unchecked
def share(df: pd.DataFrame, label: str = "类别", value: str = "金额", title: str = "") -> alt.Chart:
    """Parts of a whole as one stacked bar with its percentages."""
    data = _floats(df, value)
    total = data[value].sum() or 1.0
    data["占比"] = data[value] / total * 100
    return _base(data, 70, title).mark_bar().encode(
        x=alt.X(f"sum({value}):Q", stack="normalize", title="占比",
                axis=alt.Axis(format="%")),
        color=alt.Color(f"{label}:N", title=None, scale=alt.Scale(range=COLORS),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip(f"{label}:N"), alt.Tooltip(f"{value}:Q", format=AMOUNT),
                 alt.Tooltip("占比:Q", format=".1f")],
    )


@_unchecked
def grouped(df: pd.DataFrame, label: str, group: str, value: str = "金额", title: str = "",
            unit: str = "万元") -> alt.Chart:
    """Bars per ``label``, one per ``group`` side by side (e.g. 预算数 vs 决算数)."""
    data = _floats(df, value)
    n = max(1, data[label].nunique())
    return _base(data, max(80, row_height(data[label], 44) * n), title).mark_bar().encode(
        y=alt.Y(f"{label}:N", title=None, axis=band_axis()),
        yOffset=alt.YOffset(f"{group}:N"),
        x=alt.X(f"{value}:Q", title=f"{value}（{unit}）", axis=alt.Axis(format=AXIS)),
        color=alt.Color(f"{group}:N", title=None, scale=alt.Scale(range=COLORS),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip(f"{label}:N"), alt.Tooltip(f"{group}:N"),
                 alt.Tooltip(f"{value}:Q", format=AMOUNT)],
    )


@_unchecked
def projects(df: pd.DataFrame, title: str = "") -> alt.Chart:
    """Each project's adjusted budget against what was executed, with its score."""
    data = _floats(df, "调整后预算", "执行数", "自评得分")
    long = data.melt(id_vars=["项目", "自评得分"], value_vars=["调整后预算", "执行数"],
                     var_name="口径", value_name="金额")
    n = max(1, data["项目"].nunique())
    order = ["调整后预算", "执行数"]
    return _base(long, max(80, row_height(data["项目"], 40) * n), title).mark_bar().encode(
        y=alt.Y("项目:N", title=None, axis=band_axis(),
                sort=alt.EncodingSortField("金额", op="max", order="descending")),
        yOffset=alt.YOffset("口径:N", sort=order),
        x=alt.X("金额:Q", title="金额（万元）", axis=alt.Axis(format=AXIS)),
        color=alt.Color("口径:N", title=None, scale=alt.Scale(domain=order, range=COLORS),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("项目:N"), alt.Tooltip("口径:N"), alt.Tooltip("金额:Q", format=AMOUNT),
                 alt.Tooltip("自评得分:Q", format=".0f")],
    )


@_unchecked
def timeseries(df: pd.DataFrame, title: str = "", unit: str = "万元") -> alt.Chart:
    """年度 × 指标: lines with points (bars when there is one year only)."""
    data = _floats(df, "金额")
    color = alt.Color("指标:N", title=None, scale=alt.Scale(range=COLORS),
                      legend=alt.Legend(orient="bottom"))
    tooltip = [alt.Tooltip("年度:N"), alt.Tooltip("指标:N"), alt.Tooltip("金额:Q", format=AMOUNT)]
    y = alt.Y("金额:Q", title=f"金额（{unit}）", axis=alt.Axis(format=AXIS))
    if data["年度"].nunique() <= 1:
        return _base(data, 220, title).mark_bar().encode(
            x=alt.X("指标:N", title=None, axis=alt.Axis(labelAngle=0)), y=y, color=color,
            tooltip=tooltip)
    return _base(data, 240, title).mark_line(point=True).encode(
        x=alt.X("年度:O", title=None, axis=alt.Axis(labelAngle=0)), y=y, color=color,
        tooltip=tooltip)


@_unchecked
def stacked_years(df: pd.DataFrame, title: str = "", unit: str = "万元") -> alt.Chart:
    """年度 × 指标: the parts of one total stacked per year (never beside their total)."""
    data = _floats(df, "金额")
    return _base(data, 220, title).mark_bar().encode(
        x=alt.X("年度:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(金额):Q", stack="zero", title=f"金额（{unit}）", axis=alt.Axis(format=AXIS)),
        color=alt.Color("指标:N", title=None, scale=alt.Scale(range=COLORS), legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("年度:N"), alt.Tooltip("指标:N"), alt.Tooltip("金额:Q", format=AMOUNT)],
    )


@_unchecked
def stated_series(df: pd.DataFrame, title: str = "", unit: str = "万元") -> alt.Chart:
    """指标 × 年度 bars side by side, the years a report only states (来源 ≠ 决算报告) drawn
    paler and named in the legend and tooltip."""
    data = _floats(df, "金额")
    n = max(1, data["指标"].nunique())
    return _base(data, max(80, row_height(data["指标"], 44) * n), title).mark_bar().encode(
        y=alt.Y("指标:N", title=None, axis=band_axis()),
        yOffset=alt.YOffset("年度:N"),
        x=alt.X("金额:Q", title=f"金额（{unit}）", axis=alt.Axis(format=AXIS)),
        color=alt.Color("年度:N", title=None, scale=alt.Scale(range=COLORS), legend=alt.Legend(orient="bottom")),
        opacity=alt.Opacity("来源:N", title=None, scale=alt.Scale(range=[1.0, 0.45]),
                            legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("指标:N"), alt.Tooltip("年度:N"), alt.Tooltip("来源:N"),
                 alt.Tooltip("金额:Q", format=AMOUNT)],
    )

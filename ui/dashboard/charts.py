"""A KPI's chart as its header describes it (`-- chart: bar x=… y=… color=…`), in plotly:
numbers and dates as the cards write them (ui/chart_format.py: « 40,2 % », « 1 234,50 € »,
« 21/11/2026 »), on axes and in hovers; colours told apart by colour-blind readers (the
Okabe-Ito palette), no toolbar (its tooltips are in English)."""

from __future__ import annotations

from datetime import date, timedelta

import plotly.express as px
import plotly.graph_objects as go
import polars as pl
import streamlit as st

from db import clock
from queries.kpi import Kpi, by_key
from ui import chart_format
from ui.dashboard import labels, values

# Okabe & Ito (2008): eight colours distinct under every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
CONFIG = {"displayModeBar": False, "displaylogo": False, "locale": "fr"}
HEIGHT = 300
MONTH_COLUMN = "month"  # a monthly series (« 2026-03 »): drawn on a date axis
LONG_LABEL = 14  # characters: longer category names turn a bar chart on its side


def lying(kpi: Kpi, frame: pl.DataFrame) -> bool:
    """Bars drawn horizontally: asked for, or their names too long to read underneath."""
    if kpi.chart.kind == "hbar":
        return True
    names = frame[kpi.chart.x].cast(pl.String).fill_null("")
    return kpi.chart.kind == "bar" and bool((names.str.len_chars() > LONG_LABEL).any())


built = 0  # figures built since the start (the cache's misses): for the tests


@st.cache_resource(max_entries=1024, show_spinner=False)
def cached_figure(key: str, token: tuple, end: date, _frame: pl.DataFrame, _database) -> go.Figure:
    """The figure of KPI `key` for `token` (data version, period, filters): plotly takes
    about 40 ms to build a chart, and as long to check one given as a dict, too slow for
    two dozen at every refresh. Kept as the object itself (cache_resource: no copy), never
    changed once built, shared by every session showing the same view; `_frame` is not
    hashed, the token says all it depends on."""
    global built
    built += 1
    kpi = by_key(key)
    return figure(kpi, labels.with_labels(_database, _frame, kpi.labels), end)


def drawn(kpi: Kpi, frame: pl.DataFrame) -> pl.DataFrame:
    """The rows as drawn: shares in percent (d3 cannot write « 40,2 % »), months as dates."""
    scale = chart_format.value_format(kpi.format).scale
    if scale != 1.0:
        frame = frame.with_columns(pl.col(kpi.chart.y) * scale)
    if kpi.chart.x == MONTH_COLUMN and frame.schema[MONTH_COLUMN] == pl.String:
        frame = frame.with_columns((pl.col(MONTH_COLUMN) + "-01").str.to_date("%Y-%m-%d"))
    return frame


def figure(kpi: Kpi, frame: pl.DataFrame, end: date | None = None) -> go.Figure:
    chart, names = kpi.chart, kpi.columns
    data = drawn(kpi, frame).to_dict(as_series=False)
    labels = {column: names.get(column, column) for column in frame.columns}
    common = {"labels": labels, "color_discrete_sequence": PALETTE, "height": HEIGHT}
    if chart.kind == "pie":
        fig = px.pie(data, names=chart.x, values=chart.y, **common)
        return _french_pie(fig, kpi, frame)
    if chart.kind == "funnel":
        fig = px.funnel(data, x=chart.y, y=chart.x, **common)
    elif chart.kind == "line":
        fig = px.line(data, x=chart.x, y=chart.y, color=chart.color, markers=True, **common)
    else:
        horizontal = lying(kpi, frame)
        fig = px.bar(
            data,
            x=chart.y if horizontal else chart.x,
            y=chart.x if horizontal else chart.y,
            color=chart.color,
            orientation="h" if horizontal else "v",
            **common,
        )
        if horizontal:
            fig.update_yaxes(autorange="reversed")
    return _french(fig, kpi, frame, end)


def _french(fig: go.Figure, kpi: Kpi, frame: pl.DataFrame, end: date | None) -> go.Figure:
    shown = chart_format.value_format(kpi.format)
    horizontal = kpi.chart.kind == "funnel" or lying(kpi, frame)
    value_axis = fig.update_xaxes if horizontal else fig.update_yaxes
    value_axis(tickformat=shown.d3, ticksuffix=shown.axis_suffix, rangemode="tozero")
    if horizontal:
        value_axis(nticks=5)  # « 20,0 % » side by side on a narrow axis: fewer, not tilted
    if kpi.format == "count" and (frame[kpi.chart.y].max() or 0) <= 5:
        value_axis(dtick=1)  # no « 0,5 ménage »
    if kpi.chart.x == MONTH_COLUMN:
        _months_to(fig, drawn(kpi, frame)[MONTH_COLUMN].min(), end or clock.today())
    fig.for_each_trace(lambda trace: _hover(trace, kpi, horizontal))
    return chart_format.french(
        fig,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend_title_text=kpi.columns.get(kpi.chart.color or "", ""),
    )


def _months_to(fig: go.Figure, first: date, last: date) -> None:
    """A monthly axis from its first month to the period's last day, never past it (it
    ran into next year: plotly pads its range around the last point)."""
    fig.update_xaxes(
        type="date",
        tickformat=chart_format.MONTH,
        hoverformat=chart_format.MONTH,
        range=[first - timedelta(days=15), last],
        dtick="M1" if (last - first).days < 400 else None,
    )


def _hover(trace, kpi: Kpi, horizontal: bool) -> None:
    """« Prescripteur : CCAS », « Ménages : 12 »: French names, values as on the cards."""
    category, value = ("y", "x") if horizontal else ("x", "y")
    names = kpi.columns
    if kpi.chart.x == MONTH_COLUMN:
        shown_category = chart_format.hover_date(category, monthly=True)
    else:
        shown_category = f"%{{{category}}}"
    lines = [f"{names.get(kpi.chart.x, kpi.chart.x)} : {shown_category}"]
    if kpi.chart.color and trace.name:
        lines.append(f"{names.get(kpi.chart.color, kpi.chart.color)} : {trace.name}")
    lines.append(
        f"{names.get(kpi.chart.y, kpi.chart.y)} : {chart_format.hover_value(value, kpi.format)}"
    )
    trace.hovertemplate = "<br>".join(lines) + "<extra></extra>"


def _french_pie(fig: go.Figure, kpi: Kpi, frame: pl.DataFrame) -> go.Figure:
    """Each slice's share written by the cards' formatter (« 40,2 % »), not d3's « 40.2% »."""
    amounts = frame[kpi.chart.y].cast(pl.Float64).fill_null(0.0)
    total = amounts.sum() or 1.0
    shares = [values.fr_value("percent", amount / total) for amount in amounts]
    fig.update_traces(
        text=shares,
        textinfo="text",
        hovertemplate=f"%{{label}} : {chart_format.hover_value('value', kpi.format)}"
        "<br>%{text}<extra></extra>",
    )
    return chart_format.french(fig, margin={"l": 10, "r": 10, "t": 10, "b": 10})

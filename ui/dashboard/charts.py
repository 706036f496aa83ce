"""A KPI's chart as its header describes it (`-- chart: bar x=… y=… color=…`), in plotly:
French numbers (1 234,5 ; 12,5 %), colours told apart by colour-blind readers (the
Okabe-Ito palette), no toolbar (its tooltips are in English)."""

from __future__ import annotations

import plotly.express as px
import plotly.graph_objects as go
import polars as pl
import streamlit as st

from queries.kpi import Kpi, by_key
from ui.dashboard import labels

# Okabe & Ito (2008): eight colours distinct under every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
CONFIG = {"displayModeBar": False, "displaylogo": False, "locale": "fr"}
HEIGHT = 300


LONG_LABEL = 14  # characters: longer category names turn a bar chart on its side


def _value_format(kpi: Kpi) -> tuple[str, str]:
    """The d3 format of the value axis and the suffix after its numbers."""
    return {
        "percent": (".0%", ""),
        "euros": (",.0f", " €"),
        "days": (",.0f", " j"),
    }.get(kpi.format, (",~r", ""))


def lying(kpi: Kpi, frame: pl.DataFrame) -> bool:
    """Bars drawn horizontally: asked for, or their names too long to read underneath."""
    if kpi.chart.kind == "hbar":
        return True
    names = frame[kpi.chart.x].cast(pl.String).fill_null("")
    return kpi.chart.kind == "bar" and bool((names.str.len_chars() > LONG_LABEL).any())


@st.cache_resource(max_entries=1024, show_spinner=False)
def cached_figure(key: str, token: tuple, _frame: pl.DataFrame, _database) -> go.Figure:
    """The figure of KPI `key` for `token` (data version, period, filters): plotly takes
    about 40 ms to build a chart, and as long to check one given as a dict, too slow for
    two dozen at every refresh. Kept as the object itself (cache_resource: no copy), never
    changed once built; `_frame` is not hashed, the token says all it depends on."""
    kpi = by_key(key)
    return figure(kpi, labels.with_labels(_database, _frame, kpi.labels))


def figure(kpi: Kpi, frame: pl.DataFrame) -> go.Figure:
    chart, names = kpi.chart, kpi.columns
    data = frame.to_dict(as_series=False)
    labels = {column: names.get(column, column) for column in frame.columns}
    common = {"labels": labels, "color_discrete_sequence": PALETTE, "height": HEIGHT}
    if chart.kind == "pie":
        fig = px.pie(data, names=chart.x, values=chart.y, **common)
    elif chart.kind == "funnel":
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
    return _french(fig, kpi, frame)


def _french(fig: go.Figure, kpi: Kpi, frame: pl.DataFrame) -> go.Figure:
    number, suffix = _value_format(kpi)
    horizontal = kpi.chart.kind == "funnel" or lying(kpi, frame)
    axis = fig.update_xaxes if horizontal else fig.update_yaxes
    if kpi.chart.kind != "pie":
        axis(tickformat=number, ticksuffix=suffix, rangemode="tozero")
        if kpi.format == "count" and (frame[kpi.chart.y].max() or 0) <= 5:
            axis(dtick=1)  # no « 0,5 ménage »
    fig.update_layout(
        separators=", ",  # decimal comma, a space between thousands
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend_title_text=kpi.columns.get(kpi.chart.color or "", ""),
        font_family="sans-serif",
    )
    if kpi.chart.kind == "pie":
        fig.update_traces(texttemplate="%{percent:.1%}", hovertemplate="%{label} : %{value}")
    return fig

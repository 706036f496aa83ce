"""The dashboard's plotly charts write numbers and dates as its cards do (ui/chart_format.py):
seen « 20% » on axes and in hovers beside cards reading « 40,2 % », and a cumulative axis
running into next year. Built from the KPI headers and hand-made rows, no database."""

from __future__ import annotations

from datetime import date

import polars as pl

from db.french import NBSP
from queries.kpi import by_key
from ui.dashboard import charts, drill


def build(key: str, rows: dict, end: date = date(2026, 12, 5)):
    return charts.figure(by_key(key), pl.DataFrame(rows), end)


def test_every_chart_writes_french_separators():
    fig = build("welcomed", {"request_type": ["logement"], "households": [1234]})
    assert fig.layout.separators == f",{NBSP}"


def test_a_share_reads_one_decimal_and_a_space_before_the_percent_sign():
    fig = build("occupancy_rate", {"programme": ["iml", "pension"], "rate": [0.402, 0.2]})
    assert list(fig.data[0].y) == [40.2, 20.0]  # drawn in percent: d3 writes no « % »
    assert (fig.layout.yaxis.tickformat, fig.layout.yaxis.ticksuffix) == (",.1f", f"{NBSP}%")
    assert fig.data[0].hovertemplate.endswith(f"%{{y:,.1f}}{NBSP}%<extra></extra>")
    assert "=" not in fig.data[0].hovertemplate  # « Dispositif : … », not « programme=… »


def test_an_amount_reads_two_decimals_and_the_euro_sign():
    fig = build("fsl_amounts", {"kind": ["acces"], "granted": [1234.5]})
    assert (fig.layout.yaxis.tickformat, fig.layout.yaxis.ticksuffix) == (",.2f", f"{NBSP}€")
    assert f"%{{y:,.2f}}{NBSP}€" in fig.data[0].hovertemplate


def test_a_pie_writes_its_shares_like_the_cards():
    fig = build("composition", {"family_type": ["seul", "couple"], "households": [2, 3]})
    assert list(fig.data[0].text) == [f"40,0{NBSP}%", f"60,0{NBSP}%"]
    assert fig.data[0].textinfo == "text"


def test_the_cumulative_axis_stops_at_the_end_of_the_period():
    rows = {"month": ["2026-10", "2026-12"], "households": [1, 2], "cumulative": [1, 3]}
    fig = build("rehoused_since", rows, end=date(2026, 12, 5))
    axis = fig.layout.xaxis
    assert axis.type == "date" and axis.tickformat == "%m/%Y"
    assert str(axis.range[1]) == "2026-12-05"  # not into 2027
    assert "%{x|%m/%Y}" in fig.data[0].hovertemplate


def test_each_drill_switch_agrees_with_its_noun():
    """Seen: « Voir les pistes de captation concernés »."""
    assert drill.toggle_label("leads") == "Voir les pistes de captation concernées"
    assert drill.toggle_label("dwellings") == "Voir les logements concernés"
    assert drill.toggle_label("households") == "Voir les ménages concernés"
    assert drill.count_text("leads", 1) == "1 piste de captation."
    assert drill.count_text("households", 1) == "1 ménage."
    assert drill.count_text("dwellings", 1234) == f"1{NBSP}234 logements."

"""French numbers and dates in plotly charts, the one place that sets them: a decimal comma
and a narrow no-break space between thousands and before a unit, as the cards write them
(« 40,2 % », « 1 234,50 € », « 12 jours »), and dates as 21/11/2026, on axes and in
hovers alike. d3 cannot put a space before « % », so shares (0–1) are drawn in percent
(× 100) with the sign as a suffix."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from db.french import NBSP

SEPARATORS = f",{NBSP}"  # plotly's layout.separators: the decimal mark, then thousands
DATE = "%d/%m/%Y"
MONTH = "%m/%Y"  # a monthly series: one point a month, no day to read


@dataclass(frozen=True)
class ValueFormat:
    d3: str  # the d3 format of a value, on the axis and in the hover
    axis_suffix: str
    hover_suffix: str
    scale: float = 1.0  # what the values are multiplied by before they are drawn


VALUE_FORMATS = {
    "percent": ValueFormat(",.1f", f"{NBSP}%", f"{NBSP}%", scale=100.0),
    "euros": ValueFormat(",.2f", f"{NBSP}€", f"{NBSP}€"),
    "days": ValueFormat(",.1~f", f"{NBSP}j", f"{NBSP}jours"),
    "count": ValueFormat(",.1~f", "", ""),  # whole counts, or an average to one decimal
}


def value_format(kind: str) -> ValueFormat:
    """The format of a value of `kind` (count, percent, euros, days)."""
    return VALUE_FORMATS.get(kind, VALUE_FORMATS["count"])


def hover_value(placeholder: str, kind: str) -> str:
    """« %{y:,.1f} % »: a value of a hovertemplate, formatted like the cards."""
    shown = value_format(kind)
    return f"%{{{placeholder}:{shown.d3}}}{shown.hover_suffix}"


def hover_date(placeholder: str, monthly: bool = False) -> str:
    return f"%{{{placeholder}|{MONTH if monthly else DATE}}}"


def french(fig: go.Figure, **layout) -> go.Figure:
    """The figure with French separators and dates on its date axes; `layout` adds to it."""
    fig.update_layout(separators=SEPARATORS, font_family="sans-serif", **layout)
    fig.for_each_xaxis(lambda axis: _date_axis(axis))
    fig.for_each_yaxis(lambda axis: _date_axis(axis))
    return fig


def _date_axis(axis) -> None:
    if axis.type == "date" and axis.tickformat is None:
        axis.update(tickformat=DATE, hoverformat=DATE)

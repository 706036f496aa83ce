"""A quick chart of the result: its kind, x, y and colour chosen among its columns, drawn
with plotly in the dashboard's colours (Okabe-Ito), without plotly's toolbar (English)."""

from __future__ import annotations

import hashlib

import plotly.express as px
import polars as pl
import streamlit as st

from ui.dashboard.charts import CONFIG, PALETTE

KINDS = {"bar": "Barres", "line": "Lignes", "scatter": "Nuage de points", "pie": "Camembert"}
PLACEHOLDER = "Choisir une colonne"


def _signature(frame: pl.DataFrame) -> str:
    """The columns' names: another result's columns get fields of their own."""
    return hashlib.sha1("\x1f".join(frame.columns).encode()).hexdigest()[:10]


def default_columns(frame: pl.DataFrame) -> tuple[str, str | None]:
    """x: the first column that is not a number (else the first); y: the first number."""
    numbers = [name for name, dtype in frame.schema.items() if dtype.is_numeric()]
    others = [name for name in frame.columns if name not in numbers]
    x = others[0] if others else frame.columns[0]
    y = next((name for name in numbers if name != x), None)
    return x, y


def show(frame: pl.DataFrame) -> None:
    with st.expander("Graphique", icon=":material/bar_chart:"):
        sig = _signature(frame)
        columns = frame.columns
        x_default, y_default = default_columns(frame)
        kind_col, x_col, y_col, color_col = st.columns(4)
        kind = kind_col.selectbox(
            "Type",
            list(KINDS),
            format_func=KINDS.get,
            key=f"console_chart_kind_{sig}",
            placeholder="Choisir un type",
        )
        x = x_col.selectbox(
            "Axe x (ou parts)" if kind == "pie" else "Axe x",
            columns,
            index=columns.index(x_default),
            key=f"console_chart_x_{sig}",
            placeholder=PLACEHOLDER,
        )
        y = y_col.selectbox(
            "Valeur (y)",
            columns,
            index=None if y_default is None else columns.index(y_default),
            key=f"console_chart_y_{sig}",
            placeholder=PLACEHOLDER,
        )
        color = color_col.selectbox(
            "Couleur",
            columns,
            index=None,
            key=f"console_chart_color_{sig}",
            placeholder="Aucune",
            disabled=kind == "pie",
        )
        if kind is None or x is None or y is None:
            st.caption("Choisissez le type, l'axe x et la valeur pour tracer le graphique.")
            return
        st.plotly_chart(figure(frame, kind, x, y, color), config=CONFIG, width="stretch")


def figure(frame: pl.DataFrame, kind: str, x: str, y: str, color: str | None):
    if color is not None and color not in (x, y):  # categories, not a colour scale
        frame = frame.with_columns(pl.col(color).cast(pl.String))
    data = frame.to_dict(as_series=False)
    common = {"color_discrete_sequence": PALETTE, "height": 380}
    if kind == "pie":
        fig = px.pie(data, names=x, values=y, **common)
    elif kind == "line":
        fig = px.line(data, x=x, y=y, color=color, markers=True, **common)
    elif kind == "scatter":
        fig = px.scatter(data, x=x, y=y, color=color, **common)
    else:
        fig = px.bar(data, x=x, y=y, color=color, **common)
    fig.update_layout(
        separators=", ",  # decimal comma, a space between thousands
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        font_family="sans-serif",
    )
    return fig

"""« Entonnoir » of the capture pipeline over a period: leads entering each stage, the
conversion from one stage to the next, the median days spent at each, the dwellings
captured per year and the main reasons for abandoning; a funnel chart and the same
figures as a table."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from db import catalog, clock
from ui import cached
from ui import format as fmt
from ui.forms import checked_period, date_field

CHART_CONFIG = {"displayModeBar": False}


def chosen_period() -> tuple[date, date] | None:
    """The current calendar year unless changed; None, said in French, when incomplete."""
    year = clock.today().year
    c1, c2 = st.columns(2)
    start = date_field("Du", date(year, 1, 1), key="funnel_start", container=c1)
    end = date_field("Au", date(year, 12, 31), key="funnel_end", container=c2)
    return checked_period(start, end)


def percent(value: float | None) -> str:
    return fmt.fr_percent(value)


def days(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def funnel_table(funnel: pl.DataFrame) -> pl.DataFrame:
    """The funnel's figures as the table shows them: counts, percentages, days, « — »."""
    return pl.DataFrame(
        {
            "Étape": [catalog.label(catalog.CAPTURE_STAGE, s) for s in funnel["stage"]],
            "Entrées dans l'étape": [int(n) for n in funnel["entered"]],
            "Pistes arrivées à l'étape ou au-delà": [int(n) for n in funnel["reached"]],
            "Passage depuis l'étape précédente": [percent(v) for v in funnel["conversion"]],
            "Jours passés à l'étape (médiane)": [days(v) for v in funnel["median_days"]],
        }
    )


def funnel_chart(table: pl.DataFrame) -> go.Figure:
    figure = go.Figure(
        go.Funnel(
            y=table["Étape"].to_list(),
            x=table["Pistes arrivées à l'étape ou au-delà"].to_list(),
            textinfo="value",
            hovertemplate="%{y} : %{x} piste(s)<extra></extra>",
        )
    )
    figure.update_layout(
        title="Pistes arrivées à chaque étape",
        separators=", ",
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        height=360,
    )
    return figure


def captured_table(captured: pl.DataFrame) -> pl.DataFrame:
    return captured.select(
        pl.col("year").cast(pl.String).alias("Année d'entrée dans le parc"),
        pl.col("dwellings").cast(pl.Int64).alias("Logements captés"),
    )


def reasons_table(reasons: pl.DataFrame) -> pl.DataFrame:
    return reasons.select(
        pl.col("abandoned_reason")
        .replace_strict(catalog.ABANDON_REASON, default="—")
        .alias("Motif d'abandon"),
        pl.col("leads").cast(pl.Int64).alias("Pistes"),
    )


def show(database) -> None:
    period = chosen_period()
    if period is None:
        return
    start, end = period
    st.caption(
        f"Du {fmt.fr_date(start)} au {fmt.fr_date(end)} (premier et dernier jours compris) : "
        "chaque passage d'étape compte à sa date ; une étape sautée compte comme franchie."
    )
    funnel = cached.run(database, "housing/funnel", start=start, end=end)
    table = funnel_table(funnel)
    if int(table["Pistes arrivées à l'étape ou au-delà"].sum()) == 0:
        st.info("Aucun passage d'étape sur cette période.")
    else:
        st.plotly_chart(funnel_chart(table), config=CHART_CONFIG)
    st.dataframe(table, hide_index=True, key="funnel_table")
    span = {"start": start, "end": end}
    c1, c2 = st.columns(2)
    with c1:
        st.subheader("Logements captés par année", anchor=False)
        captured = cached.run(database, "housing/captured_by_year", **span)
        small_table(captured_table(captured), "Aucun logement capté sur cette période.")
    with c2:
        st.subheader("Principaux motifs d'abandon", anchor=False)
        reasons = cached.run(database, "housing/abandon_reasons", **span)
        small_table(reasons_table(reasons).head(5), "Aucun abandon sur cette période.")


def small_table(table: pl.DataFrame, none: str) -> None:
    """A short table beside another, or what says it is empty."""
    if table.is_empty():
        st.caption(none)
    else:
        st.dataframe(table, hide_index=True)

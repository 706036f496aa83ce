"""« Actions et solutions trouvées »: one row per kind and its count for a period, as
activity reports give it, with its CSV and Excel export (logged)."""

from __future__ import annotations

from datetime import date

import polars as pl
import streamlit as st

from db import clock, rules
from db.households import writes as households
from db.support import reports
from ui import exports
from ui import format as fmt
from ui.forms import checked_period, date_field

PERIODS = {"annee": "Une année civile", "dates": "Des dates au choix"}
FIRST_YEAR = 2000  # the years offered go back to this one
EXPORT_NAME = "actions-solutions"
TABLE_WIDTH = 640  # pixels: a count stays next to its label, as in a report
LABEL_WIDTH = 460  # the same in every section's table


def chosen_period() -> tuple[date, date] | None:
    """A calendar year (the current one unless changed) or any dates; None, said in French,
    when the dates are incomplete or reversed."""
    how = st.radio(
        "Période", list(PERIODS), format_func=PERIODS.get, horizontal=True, key="sum_how"
    )
    if how == "annee":
        this_year = clock.today().year
        years = list(range(this_year, FIRST_YEAR - 1, -1))
        year = st.columns(3)[0].selectbox(
            "Année", years, key="sum_year", placeholder="Choisir dans la liste"
        )
        return date(year, 1, 1), date(year, 12, 31)
    c1, c2 = st.columns(2)
    start = date_field("Du", date(clock.today().year, 1, 1), key="sum_start", container=c1)
    end = date_field("Au", clock.today(), key="sum_end", container=c2)
    return checked_period(start, end)


def show_sections(table: pl.DataFrame) -> None:
    """Each section with its total and what it counts, then its rows."""
    for (section,), rows in table.group_by("Rubrique", maintain_order=True):
        total = int(rows["Nombre"].sum())
        st.markdown(f"**{section}** : {fmt.fr_int(total)} au total")
        st.caption(f"Ce qui est compté : {rows['Ce qui est compté'][0]}.")
        st.dataframe(
            rows.select("Action ou solution", "Nombre"),
            hide_index=True,
            width=TABLE_WIDTH,
            column_config={
                "Action ou solution": st.column_config.TextColumn(width=LABEL_WIDTH),
                "Nombre": st.column_config.NumberColumn(format="%d"),
            },
        )


def export_table(table: pl.DataFrame, period: str) -> pl.DataFrame:
    """The table as exported: each row says its period, so that a file read later, or
    pasted into a report, cannot be taken for another year's."""
    return table.select(pl.lit(period).alias("Période"), pl.all())


def export(database, actor: rules.Actor, table: pl.DataFrame, start: date, end: date) -> None:
    period = f"du {fmt.fr_date(start)} au {fmt.fr_date(end)}"

    def log(kind: str, rows: int) -> None:
        households.record_export(
            database, actor, "actions_summary", f"{kind}, {rows} lignes, {period}"
        )

    st.subheader("Exporter le tableau", anchor=False)
    exports.export_panel(
        EXPORT_NAME,
        table.height,
        lambda: iter([export_table(table, period)]),
        log,
        what=f"lignes du tableau ({period}), zéros compris",
    )


def show(database, actor: rules.Actor) -> None:
    period = chosen_period()
    if period is None:
        return
    start, end = period
    st.caption(
        f"Toute l'association, du {fmt.fr_date(start)} au {fmt.fr_date(end)} (premier et "
        "dernier jours compris) : chaque action compte à sa date."
    )
    table = reports.actions_summary(database, start, end)
    show_sections(table)
    export(database, actor, table, start, end)

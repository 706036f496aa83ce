"""« Actions et solutions trouvées »: one row per kind and its count for a period, as
activity reports give it, with its CSV and Excel export (logged)."""

from __future__ import annotations

from datetime import date

import polars as pl
import streamlit as st

from db import clock, rules
from db.households import writes as households
from db.support import reports
from ui import cached, exports
from ui import format as fmt
from ui.forms import checked_period, date_field

PERIODS = {"annee": "Une année civile", "dates": "Des dates au choix"}
FIRST_YEAR = 2000  # the years offered go back to this one
EXPORT_NAME = "actions-solutions"
TABLE_WIDTH = 640  # pixels: a count stays next to its label, as in a report
LABEL_WIDTH = 460  # the same in every section's table
# Applications submitted (by submission date) beside grants obtained (by decision date),
# each in half the width: their labels narrower, so that the figures stay in sight.
PAIR_LABEL_WIDTH = 220
FSL_PAIR = (reports.SECTIONS["fsl"][0], reports.SECTIONS["fsl_grant"][0])


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


def show_households(database, start: date, end: date) -> None:
    """Households welcomed, followed and rehoused, each beside the persons in them."""
    # Served from the cache until the next write: a second visit, or another person asking
    # for the same period, runs no query.
    table = reports.households_and_persons(database, start, end, run=cached.run)
    st.markdown("**Ménages et personnes** : ménages accueillis, suivis et relogés")
    for line, counted in table.select("Ménages", "Ce qui est compté").iter_rows():
        st.caption(f"{line}, ce qui est compté : {counted}.")
    st.dataframe(
        table.drop("Ce qui est compté"),
        hide_index=True,
        width=TABLE_WIDTH,
        column_config={
            "Ménages": st.column_config.TextColumn(width=LABEL_WIDTH - 140),
            "Nombre de ménages": st.column_config.NumberColumn(format="localized"),
            "Personnes": st.column_config.NumberColumn(format="localized"),
        },
    )


def section_heading(section: str, rows: pl.DataFrame) -> str:
    """« **Aides FSL accordées** : 3 au total, 2 900,00 € accordés »."""
    heading = f"**{section}** : {fmt.fr_int(int(rows['Nombre'].sum()))} au total"
    amounts = rows[reports.AMOUNT].drop_nulls()
    if amounts.len():
        heading += f", {fmt.fr_amount(amounts.sum())} accordés"
    return heading


def show_section(
    section: str, rows: pl.DataFrame, width=TABLE_WIDTH, label_width=LABEL_WIDTH
) -> None:
    st.markdown(section_heading(section, rows))
    st.caption(f"Ce qui est compté : {rows['Ce qui est compté'][0]}.")
    shown = rows.select("Action ou solution", "Nombre")
    if rows[reports.AMOUNT].drop_nulls().len():
        amounts = rows[reports.AMOUNT].map_elements(fmt.fr_amount, return_dtype=pl.String)
        shown = shown.with_columns(amounts.alias(reports.AMOUNT))
    st.dataframe(
        shown,
        hide_index=True,
        width=width,
        column_config={
            "Action ou solution": st.column_config.TextColumn(width=label_width),
            "Nombre": st.column_config.NumberColumn(format="%d"),
            reports.AMOUNT: st.column_config.TextColumn(alignment="right"),
        },
    )


def show_sections(table: pl.DataFrame) -> None:
    """Each section with its total and what it counts, then its rows; the FSL
    applications submitted and the grants obtained side by side."""
    sections = {s: rows for (s,), rows in table.group_by("Rubrique", maintain_order=True)}
    submitted, granted = FSL_PAIR
    for section, rows in sections.items():
        if section == granted and submitted in sections:
            continue  # shown beside the applications
        if section == submitted and granted in sections:
            left, right = st.columns(2)
            with left:
                show_section(section, rows, "stretch", PAIR_LABEL_WIDTH)
            with right:
                show_section(granted, sections[granted], "stretch", PAIR_LABEL_WIDTH)
        else:
            show_section(section, rows)


def export_table(table: pl.DataFrame, period: str) -> pl.DataFrame:
    """The table as exported: each row says its period, so that a file read later, or
    pasted into a report, cannot be taken for another year's; amounts in euros, as numbers
    (ui/french_files.py reads the unit in the header)."""
    named = table.rename({reports.AMOUNT: f"{reports.AMOUNT} (€)"}, strict=False)
    return named.select(pl.lit(period).alias("Période"), pl.all())


def export(database, actor: rules.Actor, table: pl.DataFrame, start: date, end: date) -> None:
    period = f"du {fmt.fr_date(start)} au {fmt.fr_date(end)}"

    def log(kind: str, rows: int) -> None:
        households.record_export(
            database, actor, "actions_summary", f"{kind}, {fmt.fr_count(rows, 'ligne')}, {period}"
        )

    st.subheader("Exporter le tableau", anchor=False)
    exports.export_panel(
        EXPORT_NAME,
        table.height,
        lambda: iter([export_table(table, period)]),
        log,
        what=f"lignes du tableau ({period}), zéros compris",
        period=(start, end),
    )


def show(database, actor: rules.Actor) -> None:
    period = chosen_period()
    if period is None:
        return
    start, end = period
    st.caption(
        f"Toute l'association, du {fmt.fr_date(start)} au {fmt.fr_date(end)} (premier et "
        "dernier jours compris) : chaque action compte à sa date ; une demande FSL à la "
        "date de son dépôt, une aide FSL à la date de la décision qui l'accorde."
    )
    show_households(database, start, end)
    table = reports.actions_summary(database, start, end, amounts=True, run=cached.run)
    show_sections(table)
    export(database, actor, table, start, end)

"""« Parc »: the stock filtered, its counts by programme and state today, its occupancy over
a year cut at today, the baux glissants due to slide, the table and its export (logged).
The database filters, counts and cuts: the screen draws one page of each list."""

from __future__ import annotations

import polars as pl
import streamlit as st

from db import catalog, clock
from db.catalog import DWELLING_STATE
from db.households import writes as households
from db.rules import Actor
from queries.kpi import periods
from ui import cached, exports, paging
from ui import format as fmt
from ui.housing import shape
from ui.tables import table_height

EXPORT_NAME = "parc-logements"
FIRST_YEAR = 2000
FILTERS = {
    "programme": ("Dispositif", catalog.PROGRAMME, "Tous les dispositifs"),
    "status": ("Statut aujourd'hui", DWELLING_STATE, "Tous les statuts"),
    "typology": ("Typologie", catalog.TYPOLOGY, "Toutes les typologies"),
}


def chosen_filters(database) -> dict:
    """The filters chosen above the stock; None: any."""
    communes = cached.run(database, "housing/stock_communes")["commune"].to_list()
    columns = st.columns(4)
    chosen = {}
    for column, (key, (label, choices, placeholder)) in zip(
        columns[:1] + columns[1:2] + columns[3:], FILTERS.items(), strict=True
    ):
        chosen[key] = column.selectbox(
            label,
            list(choices),
            index=None,
            format_func=choices.get,
            placeholder=placeholder,
            key=f"parc_{key}",
        )
    chosen["commune"] = columns[2].selectbox(
        "Commune", communes, index=None, placeholder="Toutes les communes", key="parc_commune"
    )
    return chosen


def chosen_year() -> periods.Period:
    this_year = clock.today().year
    year = st.columns(4)[0].selectbox(
        "Année",
        list(range(this_year, FIRST_YEAR - 1, -1)),
        key="parc_year",
        placeholder="Choisir dans la liste",
    )
    return shape.year_so_far(year)


def occupancy_summary(database, filters: dict) -> None:
    """Occupancy rate, vacancy days and rent lost of the listed dwellings over a year, cut
    at today: summed by the database."""
    st.subheader("Occupation", anchor=False)
    period = chosen_year()
    sums = cached.run(
        database,
        "housing/stock_occupancy",
        **filters,
        dwelling_id=None,
        start=period.start,
        end=period.end,
        today=clock.today(),
    ).row(0, named=True)
    stock_days, occupied = sums["stock_days"], sums["occupied_days"]
    rate = fmt.fr_percent(occupied / stock_days if stock_days else None)
    c1, c2, c3 = st.columns(3)
    c1.metric("Taux d'occupation", rate)
    c2.metric("Jours de vacance", fmt.fr_int(sums["vacancy_days"]))
    c3.metric("Loyer perdu", fmt.fr_amount(sums["rent_lost"]))
    st.caption(
        f"Logements listés, {shape.span_text(period)} : jours occupés "
        "par un bail de ménage sur jours dans le parc ; loyer perdu = jours de vacance × "
        "loyer mensuel hors charges ÷ 30."
    )


def paged(database, name: str, params: dict, key: str, *nouns: str) -> pl.DataFrame:
    """One page of a list the database cuts (its rows carry the total), under its pager;
    empty when nothing matches."""
    first = cached.run(database, name, **params, limit=paging.PAGE_SIZE, offset=0)
    total = int(first["total"][0]) if first.height else 0
    if total == 0:
        return first
    page = paging.pager(total, key, *nouns)
    if page.offset == 0:
        return first
    return cached.run(database, name, **params, limit=page.limit, offset=page.offset)


def slides_due(database) -> None:
    today = clock.today()
    until = shape.months_later(today, shape.MONTHS_AHEAD)
    st.subheader("Baux glissants à faire glisser", anchor=False)
    st.caption(
        f"Glissement prévu au plus tard le {fmt.fr_date(until)} (dans les "
        f"{shape.MONTHS_AHEAD} mois), retards compris."
    )
    params = {"today": today, "until": until}
    slides = paged(
        database,
        "housing/slides_due",
        params,
        "parc_slides_page",
        "bail glissant",
        "baux glissants",
    )
    if slides.height == 0:
        st.info("Aucun bail glissant ne doit glisser dans les trois prochains mois.")
        return
    st.dataframe(shape.slides_table(slides), hide_index=True, width="stretch")


def whole_stock(database, filters: dict) -> pl.DataFrame:
    """Every listed dwelling, read only when an export is prepared."""
    return cached.run(
        database,
        "housing/stock",
        **filters,
        owner_id=None,
        dwelling_id=None,
        today=clock.today(),
        limit=None,
        offset=0,
    )


def export(database, actor: Actor, total: int, filters: dict) -> None:
    said = ", ".join(f"{k}={v}" for k, v in filters.items() if v is not None) or "aucun filtre"

    def log(kind: str, rows: int) -> None:
        households.record_export(database, actor, "housing_stock", f"{kind}, {rows} lignes, {said}")

    st.subheader("Exporter la liste", anchor=False)
    exports.export_panel(
        EXPORT_NAME,
        total,
        lambda: iter([shape.stock_export(whole_stock(database, filters))]),
        log,
        what="logements de la liste",
    )


def show(database, actor: Actor) -> None:
    filters = chosen_filters(database)
    today = clock.today()
    counts = cached.run(database, "housing/stock_counts", **filters, today=today)
    total = int(counts["dwellings"].sum()) if counts.height else 0
    st.subheader(f"Logements : {fmt.fr_int(total)}", anchor=False)
    if counts.height:
        st.dataframe(shape.counts_table(counts), hide_index=True, width="stretch")
        st.caption(
            f"État le {fmt.fr_date(today)} : occupé quand un bail de ménage couvre ce jour, "
            "restitué après la sortie du parc, entrée prévue avant l'entrée."
        )
    occupancy_summary(database, filters)
    slides_due(database)
    st.subheader("Liste des logements", anchor=False)
    params = {**filters, "owner_id": None, "dwelling_id": None, "today": today}
    stock = paged(database, "housing/stock", params, "parc_page", "logement")
    table = shape.stock_table(stock)
    if table.height == 0:
        st.info("Aucun logement ne correspond à ces filtres.")
    else:
        st.dataframe(
            shape.screen_table(table),
            hide_index=True,
            width="stretch",
            height=table_height(table.height),
        )
    export(database, actor, total, filters)

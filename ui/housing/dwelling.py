"""« Logement »: one dwelling, its state and current occupant today (linked to the
household's file), its vacancy and rent lost over a year cut at today, its leases and
their timeline; the forms for those who manage the stock."""

from __future__ import annotations

import plotly.express as px
import polars as pl
import streamlit as st

import queries
from db import catalog, clock
from db.rules import Actor, can_edit_housing
from ui import cached, forms, nav
from ui import format as fmt
from ui.housing import address, dwelling_form, lease_forms, search, shape
from ui.housing.stock import FIRST_YEAR
from ui.plain import md_escape, md_inline
from ui.record_form import remember_shown

CHOSEN = address.DWELLING.state_key  # also set by the dashboard's drill (ui/dashboard/drill.py)
PLOT_CONFIG = {"displaylogo": False, "displayModeBar": False}


def choose(database) -> int | None:
    """The dwelling whose sheet opens: found by the search (at most search.LIMIT offered),
    or named by the address (?logement=…) or the dashboard's drill; the one chosen stays
    offered."""
    raw = st.query_params.get("logement")
    named = address.record_id(raw) if raw else None
    labels = search.dwellings(database, "logement_cherche", named, st.session_state.get(CHOSEN))
    address.open_from_address(address.DWELLING, raw, labels)
    search.drop_unoffered(CHOSEN, labels)
    chosen = st.selectbox(
        "Logement",
        list(labels),
        index=None,
        format_func=labels.get,
        key=CHOSEN,
        placeholder="Choisir un logement trouvé",
    )
    address.keep_in_address(address.DWELLING, chosen)
    return chosen


def details(dwelling: dict, today_row: dict) -> None:
    """The dwelling's record, and its state and occupant today: both from the stock's row
    (housing/stock: dwelling_state, migration 012), so they always agree."""
    place = " ".join(p for p in (dwelling["postal_code"], dwelling["commune"]) if p)
    # Typed text: shown as typed, never read as Markdown (ui/plain.py).
    st.subheader(md_escape(f"{dwelling['address']}, {place}"), anchor=False)
    c1, c2, c3 = st.columns(3)
    c1.markdown(
        f"**Propriétaire** : {md_escape(dwelling['owner_name'])}  \n"
        f"**Dispositif** : {catalog.label(catalog.PROGRAMME, dwelling['programme'])}  \n"
        f"**Statut aujourd'hui** : {shape.state_label(today_row['state'])}"
    )
    surface = "—" if dwelling["surface"] is None else f"{dwelling['surface']} m²".replace(".", ",")
    c2.markdown(
        f"**Typologie** : {dwelling['typology']}  \n**Surface** : {surface}  \n"
        f"**Étage** : {'—' if dwelling['floor'] is None else dwelling['floor']}  \n"
        f"**Classe énergie** : {catalog.label(catalog.ENERGY_CLASS, dwelling['energy_class'])}"
    )
    c3.markdown(
        f"**Loyer hors charges** : {fmt.fr_amount(dwelling['rent'])}  \n"
        f"**Charges** : {fmt.fr_amount(dwelling['charges'])}  \n"
        f"**Dans le parc** : du {fmt.fr_date(dwelling['entered_on'])}"
        + (f" au {fmt.fr_date(dwelling['left_on'])}" if dwelling["left_on"] else "")
    )
    occupant = today_row
    if occupant["occupant_id"] is None:
        st.info("Aucun ménage n'occupe ce logement aujourd'hui.")
        return
    since = fmt.fr_date(occupant["occupant_since"])
    kind = catalog.label(catalog.LEASE_KIND, occupant["occupant_lease_kind"])
    st.markdown(f"**Occupant aujourd'hui** ({kind.lower()} depuis le {since}) :")
    st.page_link(
        nav.page_path("household_file"),
        label=f"Dossier {md_inline(shape.occupant_text(occupant))}",
        icon=":material/folder_open:",
        query_params={"id": str(occupant["occupant_id"])},
    )


def vacancy(database, dwelling_id: int) -> None:
    this_year = clock.today().year
    year = st.columns(4)[0].selectbox(
        "Année",
        list(range(this_year, FIRST_YEAR - 1, -1)),
        key="logement_year",
        placeholder="Choisir dans la liste",
    )
    period = shape.year_so_far(year)
    row = cached.run(
        database,
        "housing/stock_occupancy",
        programme=None,
        status=None,
        commune=None,
        typology=None,
        dwelling_id=dwelling_id,
        start=period.start,
        end=period.end,
        today=clock.today(),
    ).row(0, named=True)
    if row["dwellings"] == 0:
        st.caption(f"Ce logement n'était pas dans le parc {shape.span_text(period)}.")
        return
    st.caption(f"Comptés {shape.span_text(period)} : les jours à venir ne comptent pas.")
    c1, c2, c3 = st.columns(3)
    c1.metric("Jours dans le parc", fmt.fr_int(row["stock_days"]))
    c2.metric("Jours de vacance", fmt.fr_int(row["vacancy_days"]))
    c3.metric("Loyer perdu", fmt.fr_amount(row["rent_lost"]))


def timeline(leases: pl.DataFrame, dwelling: dict) -> None:
    household = leases.filter(pl.col("household_id").is_not_null())
    if household.height == 0:
        st.caption("Aucun bail de ménage : pas de frise d'occupation.")
        return
    horizon = max(clock.today(), *(d for d in household["start_on"]))
    bars = pl.DataFrame(
        {
            "Ménage": [f"Dossier {n}" for n in household["file_number"]],
            "Début": household["start_on"].to_list(),
            "Fin": [shape.day_after(e or horizon) for e in household["end_on"]],
            "Bail": [catalog.label(catalog.LEASE_KIND, k) for k in household["kind"]],
        }
    ).to_pandas()
    figure = px.timeline(
        bars,
        x_start="Début",
        x_end="Fin",
        y="Ménage",
        color="Bail",
        labels={"Ménage": "Ménage", "Bail": "Type de bail"},
        hover_data={"Début": "|%d/%m/%Y", "Fin": False},
    )
    figure.update_xaxes(tickformat="%d/%m/%Y", title_text="")
    figure.update_yaxes(title_text="", autorange="reversed")
    figure.update_layout(height=120 + 40 * len(set(bars["Ménage"])), margin={"t": 30})
    st.plotly_chart(figure, config=PLOT_CONFIG, width="stretch")


def show(database, actor: Actor) -> None:
    dwelling_id = choose(database)
    if dwelling_id is None:
        st.info("Choisissez un logement pour voir sa fiche et ses baux.")
        return
    dwelling = queries.run_one(database, "housing/dwelling", record_id=dwelling_id)
    today_row = cached.run(
        database,
        "housing/stock",
        programme=None,
        status=None,
        commune=None,
        typology=None,
        owner_id=None,
        dwelling_id=dwelling_id,
        today=clock.today(),
        limit=1,
        offset=0,
    )
    details(dwelling, today_row.row(0, named=True))
    st.subheader("Vacance et loyer perdu", anchor=False)
    vacancy(database, dwelling_id)
    leases = queries.run(database, "housing/dwelling_leases", dwelling_id=dwelling_id)
    st.subheader("Baux", anchor=False)
    if leases.height == 0:
        st.caption("Aucun bail pour ce logement.")
    else:
        st.dataframe(shape.leases_table(leases), hide_index=True, width="stretch")
        st.subheader("Frise d'occupation", anchor=False)
        timeline(leases, dwelling)
    if can_edit_housing(actor):
        open_leases = [lease for lease in leases.iter_rows(named=True) if lease["end_on"] is None]
        # A form whose save was refused stays open, its messages beside their fields.
        names = (f"sign_{dwelling_id}", "end_lease", "slide_lease", f"dwelling_{dwelling_id}")
        refused = {name: bool(forms.form_errors(name)) for name in names}
        with st.expander("Signer un bail", expanded=refused[f"sign_{dwelling_id}"]):
            lease_forms.sign_form(database, actor, dwelling)
        with st.expander("Terminer un bail", expanded=refused["end_lease"]):
            lease_forms.end_form(database, actor, open_leases)
        with st.expander("Enregistrer un glissement", expanded=refused["slide_lease"]):
            lease_forms.slide_form(database, actor, open_leases)
        with st.expander("Modifier le logement", expanded=refused[f"dwelling_{dwelling_id}"]):
            dwelling_form.edit_dwelling(database, actor, dwelling)
        remember_shown("dwelling", [dwelling])
        remember_shown("lease", open_leases)

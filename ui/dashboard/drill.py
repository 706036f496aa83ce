"""Who or what is behind a tile's figure: the households (as the reader's read rule lets
them see), the dwellings or the capture leads, each household opening its file. The
analyst sees aggregates only."""

from __future__ import annotations

import polars as pl
import streamlit as st

from db import rules
from db.settings import get_setting
from queries.kpi import Result
from ui import cached, nav, tables
from ui import format as fmt
from ui.dashboard import labels
from ui.dashboard.filters import View

# The French name of each column a drill-down list may show; any other column stays hidden.
COLUMNS = {
    "file_number": "N° de dossier",
    "head_name": "Chef·fe de ménage",
    "address": "Adresse",
    "commune": "Commune",
    "referent": "Référent·e",
    "assignee": "Chargé·e de captation",
    "opened_on": "Ouvert le",
    "rehoused_on": "Relogé le",
    "slid_on": "Glissé le",
    "vacancy_days": "Jours de vacance",
}
LABELS = {
    "request_type": "REQUEST_TYPE",
    "prescriber": "PRESCRIBER",
    "family_type": "FAMILY_TYPE",
    "referent": "USER",
    "assignee": "USER",
    "programme": "PROGRAMME",
}
WHAT = {"households": "ménages", "dwellings": "logements", "leads": "pistes de captation"}
# The words that agree with each noun: « les pistes de captation concernées », « aucune ».
CONCERNED = {"households": "concernés", "dwellings": "concernés", "leads": "concernées"}
NONE = {"households": "Aucun", "dwellings": "Aucun", "leads": "Aucune"}
HOUSING_LOGEMENT = "logement_choisi"  # ui/housing/dwelling.py's choice of dwelling


def kind_of(drill: str) -> str:
    return {"kpi_drill/dwellings": "dwellings", "kpi_drill/leads": "leads"}.get(drill, "households")


def toggle_label(kind: str) -> str:
    return f"Voir les {WHAT[kind]} {CONCERNED[kind]}"


def count_text(kind: str, count: int) -> str:
    """« 1 ménage. », « 12 pistes de captation. »: the noun in the singular for one."""
    noun = WHAT[kind] if count > 1 else {"leads": "piste de captation"}.get(kind, WHAT[kind][:-1])
    return f"{fmt.fr_int(count)} {noun}."


def allowed(actor: rules.Actor, kind: str) -> bool:
    if kind == "households":
        return rules.can_view_page(actor, "households")
    if kind == "dwellings":
        return rules.can_read_housing(actor)
    return rules.can_view_page(actor, "capture")


def rows(database, actor, result: Result, view: View) -> pl.DataFrame:
    kind = kind_of(result.kpi.drill)
    params = {"start": view.period.start, "end": view.period.end, "since": view.since}
    params |= view.filters.as_params()
    if kind == "households":
        scope = rules.household_scope(actor, get_setting(database, "team_reads_all_files"))
        params |= scope.as_sql_params()
    return cached.run(database, result.kpi.drill, **params)


def shown(database, result: Result, found: pl.DataFrame) -> pl.DataFrame:
    names = COLUMNS | result.kpi.columns
    keep = [c for c in found.columns if c in names and not c.endswith("_id")]
    table = labels.with_labels(database, found.select(keep), LABELS | result.kpi.labels)
    dates = [c for c in keep if found.schema[c] == pl.Date]
    table = table.with_columns(pl.col(c).dt.strftime("%d/%m/%Y") for c in dates)
    return table.rename({c: names[c] for c in keep})


def by_category(database, result: Result, found: pl.DataFrame) -> pl.DataFrame:
    """The rows of one category of the chart, chosen by its label (all by default)."""
    column = result.kpi.chart.x
    if column is None or column not in found.columns:
        return found
    codes = [c for c in found[column].unique(maintain_order=True).to_list() if c is not None]
    mapping = (
        labels.label_map(database, result.kpi.labels[column]) if column in result.kpi.labels else {}
    )
    chosen = st.selectbox(
        result.kpi.columns.get(column, "Catégorie"),
        codes,
        index=None,
        format_func=lambda c: mapping.get(c, c),
        placeholder="Toutes",
        key=f"drill_{result.kpi.key}_category",
    )
    return found if chosen is None else found.filter(pl.col(column) == chosen)


def show(database, actor, result: Result, view: View) -> None:
    kpi = result.kpi
    if not kpi.drill or not allowed(actor, kind_of(kpi.drill)):
        return
    kind = kind_of(kpi.drill)
    # A switch rather than an expander: the list is read only when asked for (an
    # expander's content runs even while it is closed, at every refresh).
    if not st.toggle(toggle_label(kind), key=f"drill_{kpi.key}_on"):
        return
    found = by_category(database, result, rows(database, actor, result, view))
    if found.height == 0:
        st.caption(f"{NONE[kind]}, ou {NONE[kind].lower()} que vos rôles permettent de voir.")
        return
    st.caption(count_text(kind, found.height))
    if kind == "households":
        nav.open_household_file(
            tables.file_picker(found, "household_id", f"drill_{kpi.key}", "de la liste")
        )
    elif kind == "dwellings":
        open_dwelling(found, kpi.key)
    st.dataframe(
        shown(database, result, found),
        hide_index=True,
        width="stretch",
        height=tables.table_height(found.height),
    )


def open_dwelling(found: pl.DataFrame, key: str) -> None:
    choices = dict(found.select("dwelling_id", "address").unique(maintain_order=True).iter_rows())
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    chosen = c1.selectbox(
        "Ouvrir un logement",
        list(choices),
        format_func=choices.get,
        index=None,
        placeholder="Choisir un logement de la liste",
        key=f"drill_{key}_dwelling",
    )
    if c2.button("Ouvrir", key=f"drill_{key}_open", disabled=chosen is None, type="primary"):
        st.session_state[HOUSING_LOGEMENT] = chosen
        st.switch_page(nav.page_path("housing"), query_params={"onglet": "Logement"})

"""« Schéma »: the analytics base's tables, their columns, types and French descriptions,
and when the base was built (admin and direction may rebuild it now)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from db import rules
from db.analytics import build, console
from ui import format as fmt


@st.cache_data(max_entries=8, show_spinner=False)
def _schema(path: str, built_at, _database) -> pl.DataFrame:
    """The columns of one build of the analytics file: read once per build, not at every
    rerun of the console (a click, a tab), which re-draws this tab each time."""
    return console.schema(_database)


def show(database, actor) -> None:
    built(database, actor)
    found = _schema(str(database.path), build.built_at(database), database)
    if found.is_empty():
        st.info("La base d'analyse ne contient encore aucune table.")
        return
    tables = found["table"].unique(maintain_order=True).to_list()
    # The households first: the table an analyst looks for, not the build's bookkeeping.
    tables.sort(key=lambda name: (name != "household", name.startswith("analytics_"), name))
    st.caption(f"{len(tables)} tables. Les identifiants sont des pseudonymes.")
    # One table at a time: every table's columns at once drew more than two hundred rows.
    sizes = dict(found.group_by("table", maintain_order=True).len().iter_rows())
    table = st.selectbox(
        "Table",
        tables,
        key="console_schema_table",
        placeholder="Choisir une table",
        format_func=lambda name: f"{name} ({fmt.fr_count(sizes[name], 'colonne')})",
    )
    columns = found.filter(found["table"] == table)
    described = columns["table_description"][0] if columns.height else ""
    if described:
        st.caption(described)
    st.dataframe(
        {
            "Colonne": columns["column"].to_list(),
            "Type": columns["type"].to_list(),
            "Description": columns["description"].fill_null("—").to_list(),
        },
        hide_index=True,
        width="stretch",
    )


def built(database, actor) -> None:
    when = build.built_at(database)
    if when is None:
        st.warning("La base d'analyse n'a pas encore été construite.")
    else:
        st.info(f"Données pseudonymisées du {fmt.fr_datetime(when)}.", icon=":material/schedule:")
    if rules.can_rebuild_analytics(actor) and st.button(
        "Reconstruire maintenant", key="console_rebuild", icon=":material/refresh:"
    ):
        with st.spinner("Reconstruction de la base d'analyse…"):
            info = build.rebuild(database)
        seconds = f"{info.seconds:.1f}".replace(".", ",")
        st.toast(f"Base d'analyse reconstruite en {seconds} s")
        st.rerun()

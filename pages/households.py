"""Ménages: search, filter, sort and page through households; open a file; export."""

import streamlit as st

from db import rules
from db.households import writes as households
from db.settings import get_setting
from ui import cached, exports, nav, session, tables
from ui import format as fmt
from ui.households import listing as hl

actor = session.require_page("households")
database = session.database()

st.title("Ménages", anchor=False)
term = st.text_input(
    "Rechercher",
    key="hh_term",
    placeholder="Nom, prénom, n° de dossier "
    "ou téléphone (sans accents ni majuscules : « eloise » trouve « Éloïse »)",
)
referents = dict(cached.run(database, "households/referents").iter_rows())
communes = cached.run(database, "households/communes")["commune"].to_list()
scope = rules.household_scope(actor, get_setting(database, "team_reads_all_files"))
params = {
    **hl.filters(referents, communes),
    "term": hl.search_term(term),
    **scope.as_sql_params(),
}

first = cached.run(database, "households/search", **params, limit=hl.PAGE_SIZE, offset=0)
total = first["total"][0] if first.height else 0
offset = hl.pager(total)
found = (
    first
    if offset == 0
    else cached.run(database, "households/search", **params, limit=hl.PAGE_SIZE, offset=offset)
)
if found.height == 0:
    st.info("Aucun ménage ne correspond à cette recherche.")
    st.stop()

# The keyboard's way to a file, above the table: a choice list near the bottom of the
# window does not open (no room below it).
nav.open_household_file(tables.file_picker(found, "id", "hh", "de cette page"))
picked = st.dataframe(
    hl.display_table(found, with_phone=not scope.tenants_only),
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="hh_table",
)
if picked.selection.rows:  # a click on a row opens its file
    household_id = found["id"][picked.selection.rows[0]]
    del st.session_state["hh_table"]  # back on the list, no row is still selected
    nav.open_household_file(household_id)
if rules.can_export_nominative(actor):
    st.subheader("Exporter la liste", anchor=False)
    all_rows = exports.query_rows(
        database,
        "households/search",
        hl.export_table,
        **params,
        limit=max(total, 1),
        offset=0,
    )

    def log(kind: str, rows: int) -> None:
        said = f"{kind}, {fmt.fr_count(rows, 'ligne')}"
        households.record_export(database, actor, "households", said)

    exports.export_panel(
        "menages", total, all_rows, log, what="ménage(s) de la recherche, toutes pages"
    )

"""Console SQL: ad-hoc reading queries of the analysts on the pseudonymised analytics base,
with their parameters, a quick chart, exports, saved queries, history and the schema."""

import streamlit as st

from db.analytics import build
from ui import session
from ui.console import editor, history, saved, schema, state

actor = session.require_page("sql_console")
database = session.database()

st.title("Console SQL", anchor=False)
if build.built_at(database) is None:  # the first visit, before the scheduler's first build
    with st.spinner("Première construction de la base d'analyse pseudonymisée…"):
        build.ensure_built(database)
# The open tab is kept in the address (?onglet=…); « Ouvrir » and « Relancer » set it.
tabs = st.tabs(state.TABS, key=state.TAB_KEY, bind="query-params")
# Bound to the address, the tabs are lazy: only the open one's code runs (`tab.open`).
for tab, show in zip(tabs, (editor.show, saved.show, history.show, schema.show), strict=True):
    if tab.open:
        with tab:
            show(database, actor)

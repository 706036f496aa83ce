"""Accompagnement: the team's support work across households: what is due, the lists of
measures, procedures, mediations, FSL applications and debt plans, and the table of
« Actions et solutions trouvées »."""

import streamlit as st

from db import rules
from db.settings import get_setting
from ui import session
from ui.support import summary, team, todo

actor = session.require_page("support")
database = session.database()

st.title("Accompagnement", anchor=False)
team_reads_all = get_setting(database, "team_reads_all_files")
scope = rules.household_scope(actor, team_reads_all)
workers = team.workers_for(database, actor, team_reads_all)
if workers.locked:
    st.caption("Les listes montrent les ménages dont vous êtes référent·e.")

names = ["À traiter", *(spec.tab for spec in team.LISTS), "Actions et solutions trouvées"]
# The open tab is kept in the address (?onglet=…): a reload or a shared link opens it again.
tabs = st.tabs(names, key="onglet", bind="query-params")
# Bound to the address, the tabs run lazily: only the open one's body runs (and queries).
if tabs[0].open:
    with tabs[0]:
        todo.show(database, actor, workers)
for tab, spec in zip(tabs[1:-1], team.LISTS, strict=True):
    if tab.open:
        with tab:
            team.show_list(database, spec, scope, workers)
if tabs[-1].open:
    with tabs[-1]:
        summary.show(database, actor)

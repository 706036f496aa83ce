"""Tableau de bord: the director's indicators for a period, with the change against the
period before, refreshed live without losing the chosen period and filters."""

import streamlit as st

from db.settings import get_setting
from ui import session
from ui.dashboard import filters, live

actor = session.require_page("dashboard")
database = session.database()

st.title("Tableau de bord", anchor=False)
team_reads_all = get_setting(database, "team_reads_all_files")
view = filters.chosen_view(database, actor, team_reads_all)
if view.own_caseload:
    st.caption("Les chiffres sont ceux des ménages dont vous êtes référent·e.")
if view.period is not None:
    live.show(database, actor, view, get_setting(database, "dashboard_refresh_seconds"))

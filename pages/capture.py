"""Captation: the pipeline that captures vacant dwellings from private owners: the board of
leads by stage (« Tableau ») and the funnel over a period (« Entonnoir »)."""

import streamlit as st

from ui import session
from ui.housing import capture_board, funnel
from ui.record_form import show_stale_refusal

actor = session.require_page("capture")
database = session.database()
st.title("Captation", anchor=False)
show_stale_refusal()
# The open tab is kept in the address (?onglet=…): a reload or a shared link opens it again.
board, funnel_tab = st.tabs(["Tableau", "Entonnoir"], key="onglet", bind="query-params")
# Lazy tabs: only the open tab's code runs, the other costs nothing.
if board.open:
    with board:
        capture_board.show(database, actor)
if funnel_tab.open:
    with funnel_tab:
        funnel.show(database)

"""Captation: the pipeline that captures vacant dwellings from private owners: the board of
leads by stage (« Tableau ») and the funnel over a period (« Entonnoir »)."""

import streamlit as st

from ui import session
from ui.housing import capture_board, funnel
from ui.record_form import show_stale_refusal
from ui.tabs import show_tabs

actor = session.require_page("capture")
database = session.database()
st.title("Captation", anchor=False)
show_stale_refusal()
show_tabs(
    {
        "Tableau": lambda: capture_board.show(database, actor),
        "Entonnoir": lambda: funnel.show(database),
    }
)

"""Tableau de bord: the director's indicators for a period, live."""

import streamlit as st

from ui import session

actor = session.require_page("dashboard")
database = session.database()

st.title("Tableau de bord")

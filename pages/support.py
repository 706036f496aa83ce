"""Accompagnement: the team's support work across households."""

import streamlit as st

from ui import session

actor = session.require_page("support")
database = session.database()
st.title("Accompagnement")

"""Rapport d'activité: the indicators of a period as an Excel workbook and a PDF."""

import streamlit as st

from ui import session
from ui.report import screen

actor = session.require_page("activity_report")
database = session.database()

st.title("Rapport d'activité", anchor=False)
screen.show(database, actor)

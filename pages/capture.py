"""Captation: the pipeline that captures vacant dwellings from private owners."""

import streamlit as st

from ui import session

actor = session.require_page("capture")
database = session.database()
st.title("Captation")

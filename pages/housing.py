"""Logements: the association's housing stock, its owners and leases."""

import streamlit as st

from ui import session

actor = session.require_page("housing")
database = session.database()
st.title("Logements")

"""Logements: the association's housing stock, its owners and leases."""

import streamlit as st

from db.rules import can_edit_housing
from ui import session
from ui.housing import dwelling, dwelling_form, owners, stock
from ui.record_form import show_stale_refusal

actor = session.require_page("housing")
database = session.database()
st.title("Logements", anchor=False)
show_stale_refusal()

editor = can_edit_housing(actor)
names = ["Parc", "Logement", "Propriétaires"] + (["Nouveau logement"] if editor else [])
# The open tab is kept in the address (?onglet=…): a reload or a shared link opens it again.
tabs = st.tabs(names, key="onglet", bind="query-params")
# Lazy tabs: only the open tab's code runs, the others cost nothing.
if tabs[0].open:
    with tabs[0]:
        stock.show(database, actor)
if tabs[1].open:
    with tabs[1]:
        dwelling.show(database, actor)
if tabs[2].open:
    with tabs[2]:
        owners.show(database, actor)
if editor and tabs[3].open:
    with tabs[3]:
        st.caption("Le propriétaire doit être enregistré d'abord (onglet « Propriétaires »).")
        dwelling_form.new_dwelling(database, actor)

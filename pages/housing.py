"""Logements: the association's housing stock, its owners and leases."""

import streamlit as st

from db.rules import can_edit_housing
from ui import session
from ui.housing import dwelling, dwelling_form, owners, stock
from ui.record_form import show_stale_refusal
from ui.tabs import show_tabs

actor = session.require_page("housing")
database = session.database()
st.title("Logements", anchor=False)
show_stale_refusal()

sections = {
    "Parc": lambda: stock.show(database, actor),
    "Logement": lambda: dwelling.show(database, actor),
    "Propriétaires": lambda: owners.show(database, actor),
}
if can_edit_housing(actor):
    sections["Nouveau logement"] = lambda: dwelling_form.new_dwelling_tab(database, actor)
show_tabs(sections)

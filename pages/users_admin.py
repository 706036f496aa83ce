"""Administration: accounts, logs, personal data, backups, settings and the lists an admin
extends. Each tab is one module of ui/admin/."""

import streamlit as st

from ui import session
from ui.admin import accounts, backups, logs, personal_data
from ui.admin import settings as admin_settings

PRIVATE_NOTES = "les notes privées restent privées"

actor = session.require_page("users_admin")
database = session.database()

st.title("Administration", anchor=False)
names = [
    "Comptes", "Journaux", "Données personnelles", "Sauvegardes", "Réglages",
    "Listes de l'accompagnement",
]  # fmt: skip
# The open tab is kept in the address (?onglet=…): a reload or a shared link opens it again.
tabs = st.tabs(names, key="onglet", bind="query-params")
# Bound to the address, the tabs are lazy: only the open one's code runs (`tab.open`).
if tabs[0].open:
    with tabs[0]:
        accounts.show(database, actor)
if tabs[1].open:
    with tabs[1]:
        logs.show(database, actor)
if tabs[2].open:
    with tabs[2]:
        personal_data.show(database, actor)
if tabs[3].open:
    with tabs[3]:
        backups.show(database, actor)
if tabs[4].open:
    with tabs[4]:
        admin_settings.settings_section(database, actor)
        st.caption(f"La modification d'un dossier reste réservée au référent ; {PRIVATE_NOTES}.")
if tabs[5].open:
    with tabs[5]:
        admin_settings.lists_section(database, actor)

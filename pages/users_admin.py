"""Administration: accounts, logs, personal data, backups, settings and the lists an admin
extends. Each tab is one module of ui/admin/."""

import streamlit as st

from ui import session
from ui.admin import accounts, backups, logs, personal_data
from ui.admin import settings as admin_settings
from ui.tabs import show_tabs

actor = session.require_page("users_admin")
database = session.database()

st.title("Administration", anchor=False)
show_tabs(
    {
        "Comptes": lambda: accounts.show(database, actor),
        "Journaux": lambda: logs.show(database, actor),
        "Données personnelles": lambda: personal_data.show(database, actor),
        "Sauvegardes": lambda: backups.show(database, actor),
        "Réglages": lambda: admin_settings.settings_section(database, actor),
        "Listes de l'accompagnement": lambda: admin_settings.lists_section(database, actor),
    }
)

"""Administration: accounts, logs, personal data, backups, settings, the lists an admin
extends, and the imports. Each tab is one module of ui/admin/ (ui/imports/ for the last).
Direction opens the page for the imports' history only."""

import streamlit as st

from db import rules
from ui import session
from ui.admin import accounts, backups, logs, personal_data
from ui.admin import settings as admin_settings
from ui.imports import tab as imports
from ui.tabs import show_tabs

actor = session.require_page("users_admin")
database = session.database()

st.title("Administration", anchor=False)
import_tab = {"Import": lambda: imports.show(database, actor)}
if rules.can_administer(actor):
    show_tabs(
        {
            "Comptes": lambda: accounts.show(database, actor),
            "Journaux": lambda: logs.show(database, actor),
            "Données personnelles": lambda: personal_data.show(database, actor),
            "Sauvegardes": lambda: backups.show(database, actor),
            "Réglages": lambda: admin_settings.settings_section(database, actor),
            "Listes de l'accompagnement": lambda: admin_settings.lists_section(database, actor),
        }
        | import_tab
    )
else:
    show_tabs(import_tab)

"""Habiter's entry point: page config, sign-in, the navigation of the signed-in roles."""

import os

os.umask(0o077)  # first of all: what the app writes is the service account's only (0600, 0700)

import streamlit as st

from db import catalog, rules
from db.analytics.build import start_scheduler
from db.background import start_once
from db.backup.channel import start_backup_thread
from db.logs.purge import start_purge_schedule
from ui import auth, exports, nav, patches, session, startup, theme
from ui.admin import own_password
from ui.plain import md_escape

patches.apply()  # already done by serve.py; here for a plain `streamlit run app.py`
st.set_page_config(page_title="Habiter", page_icon="🏠", layout="wide")
theme.apply()
database = session.database()
start_once("export-scratch-cleanup", exports.remove_leftover_scratch)  # a crash's leftovers
start_scheduler(database)  # one thread per process: later calls return it
start_backup_thread(database)  # scheduled backups and those `make backup` asks for
start_purge_schedule(database)  # the access log's daily purge, one thread too

# Nothing that can rerun the app (a widget, a component) is drawn above st.navigation, or
# Streamlit may run the default page instead of the one asked for: docs/sign-in.md.
actor = session.current_actor() if auth.signed_in(database) else None
if actor is None:
    # Every address leads to the login; no page is listed before sign-in.
    login_page = st.navigation(nav.login_pages(), position="hidden")
    startup.say_if_unknown_address()
    auth.login_form(database)
    st.caption("Outil interne de l'association. Accès réservé à l'équipe.")
    login_page.run()
    st.stop()

if auth.must_choose_password(database, actor):
    # Signed in with a temporary password: nothing of the app until the person chooses theirs.
    gate = st.navigation(nav.login_pages(), position="hidden")
    own_password.forced(database, actor)
    gate.run()
    st.stop()

page = st.navigation(nav.navigation_pages(actor))
startup.say_if_unknown_address()
with st.sidebar:
    st.write(f"**{md_escape(actor.display_name)}**")
    st.caption(", ".join(catalog.ROLE[role] for role in rules.roles_in_order(actor)))
    if st.button("Se déconnecter", key="sign_out", icon=":material/logout:"):
        auth.sign_out(database, actor.username)
with session.page_run_by(actor):  # the page's guard takes this actor, read once per run
    nav.run(page)

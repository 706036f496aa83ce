"""Habiter's entry point: page config, sign-in, the navigation of the signed-in roles."""

import streamlit as st

from db import catalog
from db.rules import ROLES
from ui import auth, nav, session
from ui.plain import md_escape

st.set_page_config(page_title="Habiter", page_icon="🏠", layout="wide")
database = session.database()

# Sign-in (by cookie or by the form) happens before the navigation is built, in the same
# run, so that the address asked for (a link to a file) opens once signed in.
actor = session.current_actor() if auth.sign_in(database) else None
if actor is None:
    st.caption("Outil interne de l'association. Accès réservé à l'équipe.")
    # Every address leads to the login; no page is listed before sign-in.
    st.navigation(nav.login_pages(), position="hidden").run()
    st.stop()

page = st.navigation(nav.navigation_pages(actor))
with st.sidebar:
    st.write(f"**{md_escape(actor.display_name)}**")
    st.caption(", ".join(catalog.ROLE[role] for role in ROLES if role in actor.roles))
    if st.button("Se déconnecter", key="sign_out", icon=":material/logout:"):
        auth.sign_out(database, actor.username)
nav.run(page)

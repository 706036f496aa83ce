"""Habiter's entry point: page config, sign-in, the navigation of the signed-in roles."""

import streamlit as st

from db import catalog
from db.rules import ROLES
from ui import auth, nav, session

st.set_page_config(page_title="Habiter", page_icon=":material/home_work:", layout="wide")
database = session.database()


def login_page() -> None:
    st.title("Habiter")
    if auth.sign_in(database):
        st.rerun()
    st.caption("Outil interne de l'association. Accès réservé à l'équipe.")


actor = session.current_actor() if st.session_state.get("authentication_status") else None
if actor is None:
    # A navigation of one hidden page, so that Streamlit lists no page before sign-in.
    st.navigation(
        [st.Page(login_page, title="Connexion", url_path="connexion")], position="hidden"
    ).run()
    st.stop()

page = st.navigation(nav.navigation_pages(actor))
with st.sidebar:
    st.write(f"**{actor.display_name}**")
    st.caption(", ".join(catalog.ROLE[role] for role in ROLES if role in actor.roles))
    if st.button("Se déconnecter", key="sign_out", icon=":material/logout:"):
        auth.sign_out(database, actor.username)
page.run()

"""Mon espace: greets the signed-in person and says what their roles let them do."""

import streamlit as st

from db import catalog
from db.rules import ROLES
from ui import nav, session
from ui.plain import md_escape

actor = session.require_page("home")

st.title(f"Bonjour {md_escape(actor.display_name)}")
st.write("Avec vos rôles, vous pouvez :")
for role in ROLES:
    if role in actor.roles:
        st.markdown(f"- **{catalog.ROLE[role]}** : {catalog.ROLE_CAN_DO[role]}")

links = [spec for spec in nav.menu_pages(actor) if spec.key != "home"]
if links:
    st.subheader("Accès rapide")
    for spec in links:
        st.page_link(nav.page_path(spec.key), label=spec.title, icon=spec.icon)

"""Mon espace: greets the signed-in person and says what their roles let them do."""

import streamlit as st

from db import catalog, clock, rules
from db.settings import get_setting
from db.support import reports
from ui import format as fmt
from ui import nav, session
from ui.admin import own_password
from ui.plain import md_escape

actor = session.require_page("home")
database = session.database()

st.title(f"Bonjour {md_escape(actor.display_name)}", anchor=False)
st.write("Avec vos rôles, vous pouvez :")
for role in rules.roles_in_order(actor):
    st.markdown(f"- **{catalog.ROLE[role]}** : {catalog.ROLE_CAN_DO[role]}")

if rules.has_caseload(actor):
    # What is due in their own files: the first tab of Accompagnement lists it.
    due = reports.to_do(database, actor.username, clock.today())
    late = int(due["overdue"].sum()) if due.height else 0
    horizon = get_setting(database, "to_do_horizon_days")
    said = (
        f"**À traiter : {fmt.fr_int(due.height)}** dans les {fmt.fr_int(horizon)} prochains jours"
    )
    st.markdown(said + (f", :red[**dont {fmt.fr_int(late)} en retard**]" if late else ""))
    st.page_link(
        nav.page_path("support"),
        label="Voir « À traiter » dans Accompagnement",
        icon=":material/checklist:",
    )

links = [spec for spec in nav.menu_pages(actor) if spec.key != "home"]
if links:
    st.subheader("Accès rapide", anchor=False)
    for spec in links:
        st.page_link(nav.page_path(spec.key), label=spec.title, icon=spec.icon)

own_password.section(database, actor)

"""Dossier du ménage: header, then members, resources, contacts, support work and history."""

import re

import streamlit as st

import queries
from db import clock, rules
from db.households import writes as households
from db.settings import get_setting
from ui import record_form, session
from ui.households import access_export, members_edit, sections, timeline
from ui.households import edit as household_edit
from ui.support import household_tabs as support_tabs

raw_id = st.query_params.get("id", "")


def log_refusal(who) -> None:
    """A refused opening is logged once per file and session (not at each rerun)."""
    if raw_id and st.session_state.get("file_refused") != raw_id:
        households.record_file_refused(session.database(), who, raw_id)
        st.session_state["file_refused"] = raw_id


actor = session.require_page("household_file", on_refused=log_refusal)
database = session.database()

# ASCII digits that fit a BIGINT: str.isdigit() also takes « ² » or « ٣ », which int() refuses.
if not re.fullmatch(r"[0-9]{1,18}", raw_id):
    st.error("Aucun dossier choisi : ouvrez un dossier depuis la page « Ménages ».")
    st.stop()
household_id = int(raw_id)
household = queries.run_one(database, "households/header", household_id=household_id)
team_reads_all = get_setting(database, "team_reads_all_files")
if household is None or not rules.can_read_household(actor, household, team_reads_all):
    log_refusal(actor)
    st.error("Ce dossier n'existe pas ou ne vous est pas accessible.")
    st.stop()

# One access-log row per opening, not per rerun of the same file.
if st.session_state.get("file_opened") != household_id:
    households.record_file_opened(database, actor, household_id)
    st.session_state["file_opened"] = household_id

sections.header(household)
access_export.button(database, actor, household_id)
record_form.show_stale_refusal()

can_edit = rules.can_edit_household(actor, household)
details = rules.can_read_social_details(actor, household, team_reads_all)
support = rules.can_read_support(actor, household, team_reads_all)
names = ["Informations", "Membres"] + (["Ressources", "Contacts"] if details else [])
names += list(support_tabs.TABS) if support else []
names += ["Historique"] if details else []
# Bound to the address (?onglet=…, beside ?id=…): a reload or a link opens the same tab, a
# refusal drawn above the tabs (a stale save) does not send the person back to the first
# one, and the tabs are lazy: only the open one's code runs.
tabs = dict(zip(names, st.tabs(names, key="onglet", bind="query-params"), strict=True))


def opened(name: str) -> bool:
    return name in tabs and tabs[name].open


if opened("Informations"):
    with tabs["Informations"]:
        sections.general_information(household)
        timeline.show(database, household_id)
        if can_edit:
            with st.expander("Modifier les informations"):
                household_edit.edit_form(database, actor, household)
            with st.expander("Clore ou rouvrir le dossier"):
                household_edit.close_or_reopen(database, actor, household)
members = queries.run(database, "households/members", household_id=household_id)
if opened("Membres"):
    with tabs["Membres"]:
        sections.members(members)
        if can_edit:
            with st.expander("Ajouter, corriger ou retirer un membre"):
                members_edit.add_member_form(database, actor, household)
                members_edit.update_member_form(database, actor, household, members)
                members_edit.remove_member_form(database, actor, household, members)
if details:
    resources = queries.run(
        database, "households/resources", household_id=household_id, day=clock.today()
    )
if opened("Ressources"):
    with tabs["Ressources"]:
        sections.resources(resources, members.height)
        if can_edit:
            with st.expander("Ajouter une ressource ou y mettre fin"):
                members_edit.add_resource_form(database, actor, household, members)
                members_edit.end_resource_form(database, actor, household, resources)
if opened("Contacts"):
    with tabs["Contacts"]:
        if rules.can_add_contact(actor, household):
            with st.expander("Nouveau contact", icon=":material/add_comment:"):
                household_edit.contact_form(database, actor, household_id)
        sections.contacts(database, household_id, actor)
if support:
    for name, show_tab in support_tabs.TABS.items():
        if opened(name):
            with tabs[name]:
                show_tab(database, actor, household, can_edit)
if opened("Historique"):
    with tabs["Historique"]:
        sections.history(database, household_id)

record_form.remember_shown("household", [household])
record_form.remember_shown("person", members.iter_rows(named=True))
if details:
    record_form.remember_shown("resource", resources.iter_rows(named=True))

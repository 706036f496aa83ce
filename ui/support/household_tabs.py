"""The support tabs of a household's file, each a table then, for those who edit the
file, its forms in expanders. Each remembers the versions it showed (ui/record_form.py)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from db import clock
from db.settings import get_setting
from ui import cached, paging
from ui.record_form import remember_shown
from ui.support import forms, fsl_forms, measure_forms, procedure_forms, sections

FIRST_PAGE = paging.Page(paging.PAGE_SIZE, 0, 1, 1)


def page_of(database, query: str, noun: tuple[str, str], household_id: int, heading=""):
    """One page of a household's list that grows with the years (its actions, mediations,
    FSL applications, reviews): counted and cut in the database. The page chooser, below
    the `heading` when there is one, only for a list longer than a page."""
    count = query.replace("/household_", "/count_household_")
    total = int(cached.run(database, count, household_id=household_id)["total"][0])
    if heading and total:
        st.markdown(heading)
    page = FIRST_PAGE
    if total > paging.PAGE_SIZE:
        key = f"{query.split('/household_')[-1]}_page_{household_id}"
        page = paging.pager(total, key, *noun)
    params = {"household_id": household_id, "limit": page.limit, "offset": page.offset}
    return cached.run(database, query, **params)


def measures_tab(database, actor, household: dict, can_edit: bool) -> None:
    hid = household["id"]
    review_months = get_setting(database, "measure_review_months")
    found = cached.run(
        database, "support/household_measures", household_id=hid, review_months=review_months
    )
    sections.measures(found)
    names = {m["id"]: sections.measure_name(m) for m in found.iter_rows(named=True)}
    heading, noun = "**Bilans et renouvellements**", ("événement", "événements")
    events = page_of(database, "support/household_reviews", noun, hid, heading)
    sections.reviews(events, names)
    if can_edit:
        kinds = cached.run(database, "support/catalog", list="measure_kind")
        with st.expander("Nouvelle mesure", icon=":material/add:"):
            measure_forms.add_measure_form(database, actor, hid, kinds)
        with st.expander("Suivre une mesure : plan signé, bilan, renouvellement, fin"):
            measure_forms.follow_measure(database, actor, hid, found)
    remember_shown("support_measure", found.iter_rows(named=True))


def procedures_tab(database, actor, household: dict, can_edit: bool) -> None:
    hid = household["id"]
    found = cached.run(database, "support/household_procedures", household_id=hid)
    stages = cached.run(database, "support/household_stages", household_id=hid)
    if found.height == 0:
        st.info("Aucune procédure d'expulsion enregistrée.")
    for procedure in found.iter_rows(named=True):
        with st.container(border=True):
            procedure_card(database, actor, hid, procedure, stages, can_edit)
    if can_edit:
        with st.expander("Ouvrir une procédure", icon=":material/add:"):
            procedure_forms.open_procedure_form(database, actor, hid)
    remember_shown("eviction_procedure", found.iter_rows(named=True))


def procedure_card(database, actor, hid, procedure: dict, stages: pl.DataFrame, can_edit) -> None:
    """A procedure: its stages in order, what is due next, and its forms while open."""
    own = stages.filter(pl.col("procedure_id") == procedure["id"])
    sections.procedure_heading(procedure)
    sections.procedure_stages(own)
    if procedure["closed_on"] is not None:
        return
    steps = [(s["stage"], s["stage_on"]) for s in own.iter_rows(named=True)]
    sections.next_step(steps, clock.today())
    if can_edit:
        with st.expander("Ajouter une étape ou clore sans expulsion"):
            procedure_forms.stage_form(database, actor, hid, procedure["id"], steps)
            procedure_forms.close_form(database, actor, hid, procedure)


# A list's forms, by the entity it lists: (expander, form of a new one), (expander, form
# that changes one of the list).
LIST_FORMS = {
    "debt_plan": (
        ("Nouveau plan d'apurement", forms.add_debt_plan_form),
        ("Changer le statut d'un plan", forms.debt_plan_status_form),
    ),
    "mediation": (
        ("Nouvelle médiation", forms.add_mediation_form),
        ("Corriger une médiation", forms.update_mediation_form),
    ),
    "fsl_application": (
        ("Nouvelle demande FSL", fsl_forms.add_fsl_form),
        ("Statut ou décision d'une demande", fsl_forms.update_fsl_form),
    ),
}


def forms_under(who: tuple | None, found: pl.DataFrame, entity: str) -> None:
    """Under a tab's list, for who edits the file (`who`: database, actor, household id):
    the form of a new record, then, when the list has one, the form that changes one.
    Then the versions shown are remembered."""
    (new_label, new_form), (change_label, change_form) = LIST_FORMS[entity]
    if who is not None:
        with st.expander(new_label, icon=":material/add:"):
            new_form(*who)
        if found.height:
            with st.expander(change_label):
                change_form(*who, found)
    remember_shown(entity, found.iter_rows(named=True))


def debt_plans_tab(database, actor, household: dict, can_edit: bool) -> None:
    hid = household["id"]
    found = cached.run(database, "support/household_debt_plans", household_id=hid)
    sections.debt_plans(found)
    forms_under((database, actor, hid) if can_edit else None, found, "debt_plan")


def mediations_tab(database, actor, household: dict, can_edit: bool) -> None:
    hid = household["id"]
    found = page_of(database, "support/household_mediations", ("médiation", "médiations"), hid)
    sections.mediations(found)
    forms_under((database, actor, hid) if can_edit else None, found, "mediation")


def fsl_tab(database, actor, household: dict, can_edit: bool) -> None:
    hid = household["id"]
    found = page_of(database, "support/household_fsl", ("demande FSL", "demandes FSL"), hid)
    sections.fsl_applications(found)
    forms_under((database, actor, hid) if can_edit else None, found, "fsl_application")


def actions_tab(database, actor, household: dict, can_edit: bool) -> None:
    hid = household["id"]
    sections.actions(page_of(database, "support/household_actions", ("action", "actions"), hid))
    if can_edit:
        kinds = cached.run(database, "support/catalog", list="action_kind")
        with st.expander("Nouvelle action", icon=":material/add:"):
            forms.add_action_form(database, actor, hid, kinds)


# The tabs in the file's order, after « Contacts » and before « Historique ».
TABS = {
    "Mesures": measures_tab,
    "Procédure d'expulsion": procedures_tab,
    "Plans d'apurement": debt_plans_tab,
    "Médiations": mediations_tab,
    "FSL": fsl_tab,
    "Autres actions": actions_tab,
}

"""Forms of the « Procédure d'expulsion » tab: open a procedure with its first stage, add
a stage (the next expected one offered first), close it « sans expulsion »."""

from __future__ import annotations

import streamlit as st

from db import catalog, clock
from db.support import lifecycle, writes
from db.support.models import FIELD_LABELS, ProcedureCloseIn, ProcedureIn, StageIn
from ui import forms
from ui.record_form import (
    amount_at,
    choice_at,
    date_at,
    form_key,
    given,
    in_words,
    keyed_version,
    run_write,
    send_key,
    shown_version,
    text_at,
)

LABELS = {**FIELD_LABELS, "outcome": "Issue", "closed_on": "Date de clôture"}


def stage_fields(errors: dict, key: str, choices: dict, first: str) -> dict:
    """A stage, its date and the rent arrears on that day."""
    c1, c2, c3 = st.columns(3)
    with c1:
        stage = choice_at(errors, "stage", "Étape", choices, first, f"{key}_stage")
    with c2:
        day = date_at(errors, "stage_on", "Date de l'étape", clock.today(), f"{key}_on")
    with c3:
        arrears = amount_at(errors, "arrears", "Dette locative (€)", None, f"{key}_arrears")
    return {"stage": stage, "stage_on": day, "arrears": arrears}


def open_procedure_form(database, actor, household_id: int) -> None:
    name = f"open_procedure_{household_id}"
    errors, key = forms.form_errors(name), form_key(name)
    with st.form(key):
        forms.errors_summary(errors, LABELS)
        landlord = text_at(errors, "landlord", "Bailleur", "", f"{key}_landlord")
        typed = {"landlord": landlord} | stage_fields(
            errors, key, catalog.EVICTION_STAGE, lifecycle.STAGES[0]
        )
        if st.form_submit_button("Ouvrir la procédure", type="primary"):
            run_write(
                lambda: writes.open_procedure(
                    database, actor, household_id, ProcedureIn.model_validate(given(typed))
                ),
                "Procédure enregistrée",
                name,
            )


def stage_form(database, actor, household_id: int, procedure_id: int, stages: list) -> None:
    """The stages after the last one, in the legal order, the next expected one first."""
    step = lifecycle.next_step(stages)
    if step is None:
        return
    later = lifecycle.STAGES[lifecycle.STAGES.index(step[0]) :]
    name = f"stage_{household_id}_{procedure_id}"
    errors, key = forms.form_errors(name), form_key(name)
    with st.form(key):
        forms.errors_summary(errors, LABELS)
        choices = {stage: catalog.EVICTION_STAGE[stage] for stage in later}
        typed = stage_fields(errors, key, choices, step[0])
        if st.form_submit_button("Ajouter l'étape", type="primary"):
            run_write(
                lambda: writes.add_stage(
                    database,
                    actor,
                    household_id,
                    procedure_id,
                    StageIn.model_validate(given(typed)),
                ),
                "Étape enregistrée",
                name,
            )


def close_form(database, actor, household_id: int, procedure: dict) -> None:
    name = f"close_procedure_{household_id}_{procedure['id']}"
    version = shown_version("eviction_procedure", procedure)
    keyed = keyed_version(name, "eviction_procedure", procedure)
    errors, key = forms.form_errors(name), f"{form_key(name)}_{keyed}"
    with st.form(form_key(name)):
        forms.errors_summary(errors, LABELS)
        c1, c2 = st.columns(2)
        with c1:
            outcome = choice_at(
                errors, "outcome", "Issue (sans expulsion)", catalog.EVICTION_EXIT, None,
                f"{key}_outcome",
            )  # fmt: skip
        with c2:
            day = date_at(errors, "closed_on", "Date de clôture", clock.today(), f"{key}_on")
        typed = {"outcome": outcome, "closed_on": day}
        if st.form_submit_button("Clore sans expulsion", key=send_key(name)):
            run_write(
                lambda: writes.close_procedure(
                    database,
                    actor,
                    household_id,
                    procedure["id"],
                    version,
                    ProcedureCloseIn.model_validate(given(typed)),
                ),  # fmt: skip
                "Procédure close",
                name,
                in_words("eviction_procedure", typed, LABELS),
            )

"""Forms of the « FSL » tab: a new application, and its status and decision as the
commission answers (at the version shown)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from db import catalog, clock
from db.support import writes
from db.support.models import FIELD_LABELS, FslIn
from ui import format as fmt
from ui import forms
from ui.record_form import (
    amount_at,
    choice_at,
    date_at,
    form_key,
    given,
    in_words,
    keyed_version,
    record_picker,
    run_write,
    send_key,
    shown_version,
    text_at,
)

LABELS = {**FIELD_LABELS, "kind": "Type d'aide"}
NEW = {
    "kind": None,
    "form": "subvention",
    "amount_requested": None,
    "status": "deposee",
    "submitted_on": None,
    "decided_on": None,
    "amount_granted": None,
    "refusal_reason": None,
}


def application_fields(errors: dict, key: str, current: dict) -> dict:
    """The fields of an application, a row each: what is asked, where it stands, what was
    granted or why it was refused."""
    typed = {}
    asked, standing, answer = st.columns(3), st.columns(3), st.columns([1, 2])
    with asked[0]:
        typed["kind"] = choice_at(
            errors, "kind", "Type d'aide", catalog.FSL_KIND, current["kind"], f"{key}_kind"
        )
    with asked[1]:
        typed["form"] = choice_at(
            errors, "form", "Forme", catalog.FSL_FORM, current["form"], f"{key}_form"
        )
    with asked[2]:
        typed["amount_requested"] = amount_at(
            errors, "amount_requested", "Montant demandé (€)", current["amount_requested"],
            f"{key}_req",
        )  # fmt: skip
    with standing[0]:
        typed["status"] = choice_at(
            errors, "status", "Statut", catalog.FSL_STATUS, current["status"], f"{key}_status"
        )
    with standing[1]:
        typed["submitted_on"] = date_at(
            errors, "submitted_on", "Déposée le", current["submitted_on"], f"{key}_sub"
        )
    with standing[2]:
        typed["decided_on"] = date_at(
            errors, "decided_on", "Décision le", current["decided_on"], f"{key}_dec"
        )
    with answer[0]:
        typed["amount_granted"] = amount_at(
            errors, "amount_granted", "Montant accordé (€)", current["amount_granted"],
            f"{key}_granted",
        )  # fmt: skip
    with answer[1]:
        typed["refusal_reason"] = text_at(
            errors, "refusal_reason", "Motif du refus", current["refusal_reason"], f"{key}_why"
        )
    return typed


def add_fsl_form(database, actor, household_id: int) -> None:
    name = f"add_fsl_{household_id}"
    errors, key = forms.form_errors(name), form_key(name)
    with st.form(key):
        forms.errors_summary(errors, LABELS)
        typed = application_fields(errors, key, NEW | {"submitted_on": clock.today()})
        if st.form_submit_button("Ajouter la demande", type="primary"):
            run_write(
                lambda: writes.add_fsl(
                    database, actor, household_id, FslIn.model_validate(given(typed))
                ),
                "Demande FSL enregistrée",
                name,
            )


def application_name(application: dict) -> str:
    kind = catalog.label(catalog.FSL_KIND, application["kind"])
    status = catalog.label(catalog.FSL_STATUS, application["status"])
    return f"{kind} — {fmt.fr_amount(application['amount_requested'])} ({status})"


def update_fsl_form(database, actor, household_id: int, found: pl.DataFrame) -> None:
    names = {a["id"]: application_name(a) for a in found.iter_rows(named=True)}
    chosen = record_picker("Demande FSL", names, f"fix_fsl_{household_id}", "Choisir une demande")
    if chosen is None:
        return
    application = found.filter(pl.col("id") == chosen).row(0, named=True)
    name = f"fix_fsl_{household_id}_{chosen}"
    version = shown_version("fsl_application", application)
    keyed = keyed_version(name, "fsl_application", application)
    errors = forms.form_errors(name)
    with st.form(form_key(name)):
        forms.errors_summary(errors, LABELS)
        typed = application_fields(errors, f"{form_key(name)}_{keyed}", application)
        if st.form_submit_button("Enregistrer la demande", type="primary", key=send_key(name)):
            run_write(
                lambda: writes.update_fsl(
                    database,
                    actor,
                    household_id,
                    chosen,
                    version,
                    FslIn.model_validate(given(typed)),
                ),  # fmt: skip
                "Demande FSL enregistrée",
                name,
                in_words("fsl_application", typed, LABELS),
            )

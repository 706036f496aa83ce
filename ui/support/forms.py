"""Forms of the « Plans d'apurement », « Médiations » and « Autres actions » tabs: add a
record; change a debt plan's status; correct a mediation at the version shown."""

from __future__ import annotations

import polars as pl
import streamlit as st

from db import catalog, clock
from db.support import writes
from db.support.models import FIELD_LABELS, ActionIn, DebtPlanIn, MediationIn
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

DEBT_PLAN_LABELS = {**FIELD_LABELS, "start_on": "Première mensualité"}
MEDIATION_LABELS = {**FIELD_LABELS, "outcome": "Résultat", "mediation_on": "Date de la médiation"}
ACTION_LABELS = {**FIELD_LABELS, "kind": "Action"}

# Debt plans -----------------------------------------------------------------------------


def add_debt_plan_form(database, actor, household_id: int) -> None:
    name = f"add_debt_plan_{household_id}"
    errors, key = forms.form_errors(name), form_key(name)
    with st.form(key):
        forms.errors_summary(errors, DEBT_PLAN_LABELS)
        c1, c2, c3 = st.columns(3)
        with c1:
            creditor = text_at(errors, "creditor", "Créancier", "", f"{key}_creditor")
            months = text_at(errors, "months", "Nombre de mensualités", "", f"{key}_months")
        with c2:
            debt = amount_at(errors, "total_debt", "Dette totale (€)", None, f"{key}_debt")
            start = date_at(errors, "start_on", "Première mensualité", clock.today(), f"{key}_on")
        with c3:
            instalment = amount_at(errors, "instalment", "Mensualité (€)", None, f"{key}_inst")
        typed = {
            "creditor": creditor,
            "total_debt": debt,
            "instalment": instalment,
            "months": months,
            "start_on": start,
        }
        if st.form_submit_button("Ajouter le plan", type="primary"):
            run_write(
                lambda: writes.add_debt_plan(
                    database, actor, household_id, DebtPlanIn.model_validate(given(typed))
                ),
                "Plan d'apurement enregistré",
                name,
            )


def plan_name(plan: dict) -> str:
    debt, start = fmt.fr_amount(plan["total_debt"]), fmt.fr_date(plan["start_on"])
    return f"{plan['creditor']} — {debt} dès le {start}"


def debt_plan_status_form(database, actor, household_id: int, plans: pl.DataFrame) -> None:
    """A plan's status changes (respected, broken, paid off); its terms stay as saved."""
    names = {p["id"]: plan_name(p) for p in plans.iter_rows(named=True)}
    chosen = record_picker("Plan d'apurement", names, f"fix_plan_{household_id}", "Choisir un plan")
    if chosen is None:
        return
    plan = plans.filter(pl.col("id") == chosen).row(0, named=True)
    name = f"fix_plan_{household_id}_{chosen}"
    version = shown_version("debt_plan", plan)
    keyed = keyed_version(name, "debt_plan", plan)
    errors, key = forms.form_errors(name), f"{form_key(name)}_{keyed}"
    with st.form(form_key(name)):
        forms.errors_summary(errors, DEBT_PLAN_LABELS)
        status = choice_at(
            errors, "status", "Statut", catalog.DEBT_PLAN_STATUS, plan["status"], f"{key}_status"
        )
        terms = {field: plan[field] for field in DebtPlanIn.model_fields}
        if st.form_submit_button("Enregistrer le statut", type="primary", key=send_key(name)):
            run_write(
                lambda: writes.update_debt_plan(
                    database,
                    actor,
                    household_id,
                    chosen,
                    version,
                    DebtPlanIn.model_validate(terms | {"status": status}),
                ),  # fmt: skip
                "Statut du plan enregistré",
                name,
                in_words("debt_plan", {"status": status}, DEBT_PLAN_LABELS),
            )


# Mediations -----------------------------------------------------------------------------


def mediation_fields(errors: dict, key: str, mediation: dict | None = None) -> dict:
    """The four fields of a mediation, filled with `mediation` when correcting one."""
    current = mediation or {"counterpart": None, "reason": None, "outcome": "en_cours"}
    c1, c2 = st.columns(2)
    with c1:
        counterpart = choice_at(
            errors, "counterpart", "Interlocuteur", catalog.MEDIATION_COUNTERPART,
            current["counterpart"], f"{key}_counterpart",
        )  # fmt: skip
        day = date_at(
            errors, "mediation_on", "Date de la médiation",
            current.get("mediation_on", clock.today()), f"{key}_on",
        )  # fmt: skip
    with c2:
        reason = choice_at(
            errors, "reason", "Motif", catalog.MEDIATION_REASON, current["reason"], f"{key}_reason"
        )
        outcome = choice_at(
            errors, "outcome", "Résultat", catalog.MEDIATION_OUTCOME, current["outcome"],
            f"{key}_outcome",
        )  # fmt: skip
    return {"counterpart": counterpart, "reason": reason, "mediation_on": day, "outcome": outcome}


def add_mediation_form(database, actor, household_id: int) -> None:
    name = f"add_mediation_{household_id}"
    errors, key = forms.form_errors(name), form_key(name)
    with st.form(key):
        forms.errors_summary(errors, MEDIATION_LABELS)
        typed = mediation_fields(errors, key)
        if st.form_submit_button("Ajouter la médiation", type="primary"):
            run_write(
                lambda: writes.add_mediation(
                    database, actor, household_id, MediationIn.model_validate(given(typed))
                ),
                "Médiation enregistrée",
                name,
            )


def mediation_name(mediation: dict) -> str:
    counterpart = catalog.label(catalog.MEDIATION_COUNTERPART, mediation["counterpart"])
    return f"{fmt.fr_date(mediation['mediation_on'])} — {counterpart}"


def update_mediation_form(database, actor, household_id: int, found: pl.DataFrame) -> None:
    names = {m["id"]: mediation_name(m) for m in found.iter_rows(named=True)}
    chosen = record_picker(
        "Médiation à corriger", names, f"fix_mediation_{household_id}", "Choisir une médiation"
    )
    if chosen is None:
        return
    mediation = found.filter(pl.col("id") == chosen).row(0, named=True)
    name = f"fix_mediation_{household_id}_{chosen}"
    version = shown_version("mediation", mediation)
    keyed = keyed_version(name, "mediation", mediation)
    errors = forms.form_errors(name)
    with st.form(form_key(name)):
        forms.errors_summary(errors, MEDIATION_LABELS)
        typed = mediation_fields(errors, f"{form_key(name)}_{keyed}", mediation)
        if st.form_submit_button("Enregistrer la médiation", type="primary", key=send_key(name)):
            run_write(
                lambda: writes.update_mediation(
                    database,
                    actor,
                    household_id,
                    chosen,
                    version,
                    MediationIn.model_validate(given(typed)),
                ),  # fmt: skip
                "Médiation corrigée",
                name,
                in_words("mediation", typed, MEDIATION_LABELS),
            )


# Other actions --------------------------------------------------------------------------


def add_action_form(database, actor, household_id: int, kinds: pl.DataFrame) -> None:
    """Kinds offered: the list's active entries (an admin extends it)."""
    choices = {k["code"]: k["label"] for k in kinds.iter_rows(named=True) if k["active"]}
    name = f"add_action_{household_id}"
    errors, key = forms.form_errors(name), form_key(name)
    with st.form(key):
        forms.errors_summary(errors, ACTION_LABELS)
        c1, c2 = st.columns([2, 1])
        with c1:
            kind = choice_at(errors, "kind", "Action", choices, None, f"{key}_kind")
        with c2:
            day = date_at(errors, "action_on", "Date", clock.today(), f"{key}_on")
        note = text_at(errors, "note", "Précision (facultative)", "", f"{key}_note", area=True)
        typed = {"kind": kind, "action_on": day, "note": note}
        if st.form_submit_button("Ajouter l'action", type="primary"):
            run_write(
                lambda: writes.add_action(
                    database, actor, household_id, ActionIn.model_validate(given(typed))
                ),
                "Action enregistrée",
                name,
            )

"""Forms of the « Mesures » tab: a new measure; for a running one, a review, a renewal
or its end (with the next review due and the latest end its kind allows)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from db import catalog, clock
from db.support import writes
from db.support.models import FIELD_LABELS, MeasureEndIn, MeasureIn, RenewalIn, ReviewIn
from ui import format as fmt
from ui import forms
from ui.plain import md_escape
from ui.record_form import (
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
from ui.support.sections import measure_name, review_overdue

LABELS = {**FIELD_LABELS, "kind": "Type de mesure", "outcome": "Conclusion du bilan"}


def kind_choices(kinds: pl.DataFrame) -> dict[str, str]:
    """The kinds offered for a new measure: the list's active entries."""
    return {k["code"]: k["label"] for k in kinds.iter_rows(named=True) if k["active"]}


def maximum_caption(kinds: pl.DataFrame) -> None:
    limited = [
        f"{md_escape(k['label'])} : {k['max_months']} mois"  # a label an admin typed
        for k in kinds.iter_rows(named=True)
        if k["active"] and k["max_months"]
    ]
    if limited:
        st.caption("Durée maximale, renouvellements compris : " + " ; ".join(limited) + ".")


def add_measure_form(database, actor, household_id: int, kinds: pl.DataFrame) -> None:
    name = f"add_measure_{household_id}"
    errors, key = forms.form_errors(name), form_key(name)
    choices = kind_choices(kinds)
    if not choices:
        st.info("Aucun type de mesure n'est proposé : l'administration peut en ajouter.")
        return
    with st.form(key):
        forms.errors_summary(errors, LABELS)
        maximum_caption(kinds)
        c1, c2 = st.columns(2)
        with c1:
            kind = choice_at(
                errors, "kind", "Type de mesure", choices, next(iter(choices)), f"{key}_kind"
            )
            start = date_at(errors, "start_on", "Début", clock.today(), f"{key}_start")
            signed = date_at(errors, "plan_signed_on", "Plan signé le", None, f"{key}_signed")
        with c2:
            prescriber = text_at(errors, "prescriber", "Prescripteur", "", f"{key}_prescriber")
            end = date_at(errors, "planned_end_on", "Fin prévue", None, f"{key}_end")
        typed = {
            "kind": kind,
            "prescriber": prescriber,
            "start_on": start,
            "planned_end_on": end,
            "plan_signed_on": signed,
        }
        if st.form_submit_button("Ajouter la mesure", type="primary"):
            run_write(
                lambda: writes.add_measure(
                    database, actor, household_id, MeasureIn.model_validate(given(typed))
                ),
                "Mesure enregistrée",
                name,
            )


def follow_measure(database, actor, household_id: int, measures: pl.DataFrame) -> None:
    """Pick a running measure, see what is due, then correct its terms, review, renew or
    end it."""
    running = measures.filter(pl.col("end_on").is_null())
    if running.height == 0:
        st.caption("Aucune mesure en cours à suivre.")
        return
    names = {m["id"]: measure_name(m) for m in running.iter_rows(named=True)}
    chosen = record_picker(
        "Mesure en cours", names, f"follow_measure_{household_id}", "Choisir une mesure"
    )
    if chosen is None:
        return
    measure = running.filter(pl.col("id") == chosen).row(0, named=True)
    measure_dates(measure)
    st.markdown("**Plan signé, prescripteur, dates**")
    terms_form(database, actor, household_id, measure)
    st.markdown("**Bilan**")
    review_form(database, actor, household_id, measure)
    st.markdown("**Renouvellement**")
    renewal_form(database, actor, household_id, measure)
    st.markdown("**Fin de la mesure**")
    end_form(database, actor, household_id, measure)


def measure_dates(measure: dict) -> None:
    due = f"Prochain bilan attendu le {fmt.fr_date(measure['review_due_on'])}"
    if review_overdue(measure, clock.today()):
        st.markdown(f":red[**{due} : en retard.**]")
    else:
        st.markdown(due + ".")
    latest = measure["latest_end_on"]
    st.markdown(
        f"Fin prévue le {fmt.fr_date(measure['planned_end_on'])} ; "
        + (f"fin au plus tard le {fmt.fr_date(latest)}." if latest else "pas de durée maximale.")
    )


def terms_form(database, actor, household_id: int, measure: dict) -> None:
    """The three-party plan is signed in the first month, after the start: its date, the
    prescriber and the dates are corrected here (the kind stays; the maximum still holds)."""
    name = f"terms_{household_id}_{measure['id']}"
    version = shown_version("support_measure", measure)
    keyed = keyed_version(name, "support_measure", measure)
    errors, key = forms.form_errors(name), f"{form_key(name)}_{keyed}"
    with st.form(form_key(name)):
        forms.errors_summary(errors, LABELS)
        c1, c2 = st.columns(2)
        with c1:
            signed = date_at(
                errors,
                "plan_signed_on",
                "Plan signé le",
                measure["plan_signed_on"],
                f"{key}_signed",
            )
            start = date_at(errors, "start_on", "Début", measure["start_on"], f"{key}_start")
        with c2:
            prescriber = text_at(
                errors, "prescriber", "Prescripteur", measure["prescriber"] or "", f"{key}_pres"
            )
            end = date_at(
                errors, "planned_end_on", "Fin prévue", measure["planned_end_on"], f"{key}_end"
            )
        typed = {
            "kind": measure["kind"],
            "prescriber": prescriber,
            "start_on": start,
            "planned_end_on": end,
            "plan_signed_on": signed,
        }
        if st.form_submit_button("Enregistrer la mesure", key=send_key(name)):
            run_write(
                lambda: writes.update_measure(
                    database,
                    actor,
                    household_id,
                    measure["id"],
                    version,
                    MeasureIn.model_validate(given(typed)),
                ),
                "Mesure modifiée",
                name,
                in_words("support_measure", typed, LABELS),
            )


def review_form(database, actor, household_id: int, measure: dict) -> None:
    name = f"review_{household_id}_{measure['id']}"
    errors, key = forms.form_errors(name), form_key(name)
    with st.form(key):
        forms.errors_summary(errors, LABELS)
        day = date_at(errors, "review_on", "Date du bilan", clock.today(), f"{key}_on")
        outcome = text_at(errors, "outcome", "Conclusion du bilan", "", f"{key}_outcome", area=True)
        if st.form_submit_button("Enregistrer le bilan", type="primary"):
            run_write(
                lambda: writes.add_review(
                    database,
                    actor,
                    household_id,
                    measure["id"],
                    ReviewIn(review_on=day, outcome=outcome),
                ),
                "Bilan enregistré",
                name,
            )


def renewal_form(database, actor, household_id: int, measure: dict) -> None:
    name = f"renew_{household_id}_{measure['id']}"
    version = shown_version("support_measure", measure)
    keyed = keyed_version(name, "support_measure", measure)
    errors, key = forms.form_errors(name), f"{form_key(name)}_{keyed}"
    labels = {**LABELS, "renewed_on": "Renouvelée le", "new_end_on": "Nouvelle fin prévue"}
    with st.form(form_key(name)):
        forms.errors_summary(errors, labels)
        c1, c2 = st.columns(2)
        with c1:
            day = date_at(errors, "renewed_on", "Renouvelée le", clock.today(), f"{key}_on")
        with c2:
            end = date_at(errors, "new_end_on", "Nouvelle fin prévue", None, f"{key}_end")
        typed = {"renewed_on": day, "new_end_on": end}
        if st.form_submit_button("Renouveler la mesure", type="primary", key=send_key(name)):
            run_write(
                lambda: writes.renew_measure(
                    database,
                    actor,
                    household_id,
                    measure["id"],
                    version,
                    RenewalIn.model_validate(given(typed)),
                ),
                "Mesure renouvelée",
                name,
                in_words("support_measure", typed, labels),
            )


def end_form(database, actor, household_id: int, measure: dict) -> None:
    name = f"end_measure_{household_id}_{measure['id']}"
    version = shown_version("support_measure", measure)
    keyed = keyed_version(name, "support_measure", measure)
    errors, key = forms.form_errors(name), f"{form_key(name)}_{keyed}"
    with st.form(form_key(name)):
        forms.errors_summary(errors, LABELS)
        c1, c2 = st.columns(2)
        with c1:
            day = date_at(errors, "end_on", "Fin", clock.today(), f"{key}_on")
        with c2:
            reason = choice_at(
                errors, "end_reason", "Motif de fin", catalog.MEASURE_END_REASON, None,
                f"{key}_reason",
            )  # fmt: skip
        typed = {"end_on": day, "end_reason": reason}
        if st.form_submit_button("Mettre fin à la mesure", key=send_key(name)):
            run_write(
                lambda: writes.end_measure(
                    database,
                    actor,
                    household_id,
                    measure["id"],
                    version,
                    MeasureEndIn.model_validate(given(typed)),
                ),
                "Mesure terminée",
                name,
                in_words("support_measure", typed, LABELS),
            )

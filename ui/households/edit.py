"""Forms of a household's file: edit general information, add a contact, close, reopen,
drawn and saved with the record kit (ui/record_form.py)."""

from __future__ import annotations

import streamlit as st

import queries
from db import catalog, clock
from db.households import writes as households
from db.households.models import FIELD_LABELS, CloseIn, ContactIn, HouseholdEdit
from ui import forms
from ui.forms import select_keeping
from ui.record_form import (
    form_key,
    in_words,
    keyed_version,
    run_write,
    send_key,
    shown_version,
)


def referent_choices(database, household: dict) -> dict:
    """The active social workers, plus the file's referent if their account is no longer
    one (shown as such, kept unless someone picks another)."""
    workers = dict(queries.run(database, "households/referents").iter_rows())
    current = household["referent"]
    if current is not None and current not in workers:
        workers[current] = f"{household['referent_name'] or current} (compte inactif)"
    return workers


def _key(household: dict, path: str, version: int) -> str:
    """Widgets keyed by the version the person is editing: what they typed survives the
    run that sends it even when the file changed meanwhile (the save is then refused and
    the typed values shown); the next run, on the newer version, starts from its data."""
    return f"e_{path}_{household['id']}_{version}"


def _text(column, label: str, household: dict, path: str, errors: dict, version: int) -> str:
    with column:
        typed = st.text_input(label, household[path] or "", key=_key(household, path, version))
        forms.field_error(errors, path)
    return typed


def _coded(column, label, catalogue, household, path, errors, version, **kw):
    with column:
        key = _key(household, path, version)
        chosen = select_keeping(label, catalogue, household[path], key, **kw)
        forms.field_error(errors, path)
    return chosen


def edit_form(database, actor, household: dict) -> None:
    hid = household["id"]
    version = shown_version("household", household)
    name = f"edit_{hid}"
    keyed = keyed_version(name, "household", household)
    errors = forms.form_errors(name)
    with st.form(form_key(name)):
        forms.errors_summary(errors, FIELD_LABELS)
        c1, c2 = st.columns(2)
        data = {
            "phone": _text(c1, "Téléphone", household, "phone", errors, keyed),
            "email": _text(c2, "E-mail", household, "email", errors, keyed),
            "address": _text(st.container(), "Adresse", household, "address", errors, keyed),
            "postal_code": _text(c1, "Code postal", household, "postal_code", errors, keyed),
            "commune": _text(c2, "Commune", household, "commune", errors, keyed),
        }
        data["family_type"] = _coded(
            c1,
            "Composition familiale",
            catalog.FAMILY_TYPE,
            household,
            "family_type",
            errors,
            keyed,
        )
        data["prescriber"] = _coded(
            c2, "Prescripteur", catalog.PRESCRIBER, household, "prescriber", errors, keyed
        )
        data["housing_situation"] = _coded(
            c1, "Situation de logement", catalog.HOUSING_SITUATION, household,
            "housing_situation", errors, keyed
        )  # fmt: skip
        workers = referent_choices(database, household)
        data["referent"] = _coded(
            c2, "Référent·e", workers, household, "referent", errors, keyed, allow_none=True
        )
        data["request_type"] = _coded(
            c1, "Type de demande", catalog.REQUEST_TYPE, household, "request_type", errors, keyed
        )
        with c2:
            data["consent_on"] = forms.date_field(
                "Date du consentement",
                household["consent_on"],
                key=_key(household, "consent_on", keyed),
            )
            forms.field_error(errors, "consent_on")
        if st.form_submit_button(
            "Enregistrer les modifications", type="primary", key=send_key(name)
        ):
            run_write(
                lambda: households.update_household(
                    database, actor, hid, version, HouseholdEdit.model_validate(data)
                ),
                "Modifications enregistrées",
                name,
                in_words(
                    "household",
                    {**data, "referent": workers.get(data["referent"], data["referent"])},
                    FIELD_LABELS,
                ),
            )


def contact_form(database, actor, household_id: int) -> None:
    name = f"contact_{household_id}"
    errors = forms.form_errors(name)
    with st.form(form_key(name)):
        forms.errors_summary(errors, FIELD_LABELS)
        c1, c2 = st.columns(2)
        with c1:
            day = forms.date_field("Date", clock.today())
            forms.field_error(errors, "contact_on")
        channel = c2.selectbox(
            "Canal",
            list(catalog.CONTACT_CHANNEL),
            format_func=catalog.CONTACT_CHANNEL.get,
            placeholder="Choisir dans la liste",
        )
        summary = st.text_area("Résumé")
        forms.field_error(errors, "summary")
        note = st.text_area("Note privée (visible de vous seul·e)")
        forms.field_error(errors, "private_note")
        if st.form_submit_button("Ajouter le contact", type="primary"):
            run_write(
                lambda: households.add_contact(
                    database,
                    actor,
                    household_id,
                    ContactIn(contact_on=day, channel=channel, summary=summary, private_note=note),
                ),
                "Contact enregistré",
                name,
            )


def close_or_reopen(database, actor, household: dict) -> None:
    hid, version = household["id"], shown_version("household", household)
    if household["status"] != "actif":
        if st.button("Rouvrir le dossier", key=f"reopen_{hid}"):
            run_write(
                lambda: households.reopen_household(database, actor, hid, version),
                "Dossier rouvert",
            )
        return
    name = f"close_{hid}"
    errors = forms.form_errors(name)
    forms.errors_summary(errors, FIELD_LABELS)
    c1, c2 = st.columns(2)
    reason = c1.selectbox(
        "Motif de clôture",
        list(catalog.CLOSE_REASON),
        index=None,
        format_func=catalog.CLOSE_REASON.get,
        key=f"close_reason_{hid}",
        placeholder="Choisir un motif",
    )
    with c2:
        day = forms.date_field("Date de clôture", clock.today(), key=f"close_on_{hid}")
        forms.field_error(errors, "closed_on")
    sure = st.checkbox("Je confirme la clôture de ce dossier", key=f"close_ok_{hid}")
    if st.button("Clore le dossier", disabled=not (sure and reason), key=f"close_{hid}"):
        run_write(
            lambda: households.close_household(
                database, actor, hid, version, CloseIn(reason=reason, closed_on=day)
            ),
            "Dossier clos",
            name,
        )

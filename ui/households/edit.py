"""Forms of a household's file: edit general information, add a contact, close, reopen,
drawn and saved with the record kit (ui/record_form.py)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

import queries
from db import catalog, clock
from db.households import writes as households
from db.households.models import FIELD_LABELS, CloseIn, ContactIn, HouseholdEdit
from ui import forms
from ui.record_form import (
    Field,
    Wording,
    add_form,
    change_form,
    date_at,
    draw_fields,
    run_write,
    select,
    shown_version,
)

# Across two columns, in this order; the address, longer, below them all.
GENERAL = (
    Field("phone", "Téléphone"),
    Field("email", "E-mail"),
    Field("postal_code", "Code postal"),
    Field("commune", "Commune"),
    Field("family_type", "Composition familiale", "choice", catalog.FAMILY_TYPE),
    Field("prescriber", "Prescripteur", "choice", catalog.PRESCRIBER),
    Field("housing_situation", "Situation de logement", "choice", catalog.HOUSING_SITUATION),
    Field("referent", "Référent·e", "choice", allow_none=True),  # its choices: the workers
    Field("request_type", "Type de demande", "choice", catalog.REQUEST_TYPE),
    Field("consent_on", "Date du consentement", "date"),
)
ADDRESS = (Field("address", "Adresse"),)
EDIT = Wording("Enregistrer les modifications", "Modifications enregistrées", FIELD_LABELS)
CONTACT = Wording("Ajouter le contact", "Contact enregistré", FIELD_LABELS)
CONTACT_NOTES = (
    Field("summary", "Résumé", "area"),
    Field("private_note", "Note privée (visible de vous seul·e)", "area"),
)


def referent_choices(database, household: dict) -> dict:
    """The active social workers, plus the file's referent if their account is no longer
    one (shown as such, kept unless someone picks another)."""
    workers = dict(queries.run(database, "households/referents").iter_rows())
    current = household["referent"]
    if current is not None and current not in workers:
        workers[current] = f"{household['referent_name'] or current} (compte inactif)"
    return workers


def edit_form(database, actor, household: dict) -> None:
    workers = referent_choices(database, household)
    fields = tuple(
        replace(field, choices=workers) if field.name == "referent" else field for field in GENERAL
    )

    def draw(errors: dict, key: str) -> dict:
        typed = draw_fields(fields, errors, household, key)
        return typed | draw_fields(ADDRESS, errors, household, key, columns=1)

    change_form(
        f"edit_{household['id']}",
        "household",
        household,
        EDIT,
        draw,
        lambda version, typed: households.update_household(
            database, actor, household["id"], version, HouseholdEdit.model_validate(typed)
        ),
        words=lambda typed: typed | {"referent": workers.get(typed["referent"], typed["referent"])},
    )


def contact_form(database, actor, household_id: int) -> None:
    def draw(errors: dict, key: str) -> dict:
        c1, c2 = st.columns(2)
        with c1:
            day = date_at(errors, "contact_on", "Date", clock.today(), f"{key}_on")
        with c2:
            channel = select("Canal", catalog.CONTACT_CHANNEL, f"{key}_channel")
        notes = draw_fields(CONTACT_NOTES, errors, {}, key, columns=1)
        return {"contact_on": day, "channel": channel} | notes

    add_form(
        f"contact_{household_id}",
        CONTACT,
        draw,
        lambda typed: households.add_contact(
            database, actor, household_id, ContactIn.model_validate(typed)
        ),
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

"""Forms of a household's file: edit general information, add a contact, close, reopen.

A refused save keeps what was typed and shows each French message beside its field; a
save over a newer version is refused naming who saved it, and what the person had typed
stays on screen beside the newer data so that they can apply it again.
"""

from __future__ import annotations

from datetime import date

import streamlit as st
from pydantic import ValidationError

import queries
from db import catalog, clock
from db.errors import HabiterError, StaleRecordError
from db.households import writes as households
from db.households.models import FIELD_LABELS, CloseIn, ContactIn, HouseholdEdit
from ui import format as fmt
from ui import forms
from ui.forms import select_keeping

STALE = "file_stale"


def _version_key(entity: str, record_id: int) -> str:
    return f"shown_version_{entity}_{record_id}"


def shown_version(entity: str, record: dict) -> int:
    """The version of a record as the previous run showed it: what the person saw when they
    filled the form they are now sending. Saving over a newer one is refused."""
    return st.session_state.get(_version_key(entity, record["id"]), record["version"])


def remember_shown(entity: str, records) -> None:
    """Called once the file is drawn: the next run's forms were filled against these."""
    for record in records:
        st.session_state[_version_key(entity, record["id"])] = record["version"]


def keyed_version(name: str, entity: str, record: dict) -> int:
    """The version a form's widgets are keyed on. In the run that sends the form: the one
    the person filled it against, so that what they typed survives even if the record
    changed meanwhile (the save is then refused, their input shown). Otherwise: the
    record's current one, so that newer data shows."""
    if st.session_state.get(send_key(name)):
        return shown_version(entity, record)
    return record["version"]


def send_key(name: str) -> str:
    return f"{name}_send"


def form_key(name: str) -> str:
    """The key of a form, new after each successful save so that it opens empty again
    (clear_on_submit would also empty it when the save is refused)."""
    return f"{name}_{st.session_state.get(f'generation_{name}', 0)}"


def _next_generation(name: str) -> None:
    st.session_state[f"generation_{name}"] = st.session_state.get(f"generation_{name}", 0) + 1


def readable_typed(typed: dict) -> dict[str, str]:
    """What a person typed, in words: {'Commune': 'Talence', 'Date de naissance': '03/01/2026'}."""
    shown = {}
    for field, value in typed.items():
        if field in catalog.CODED_COLUMN and value is not None:
            value = catalog.label(catalog.CODED_COLUMN[field], value)
        elif isinstance(value, date):
            value = fmt.fr_date(value)
        shown[FIELD_LABELS.get(field, field)] = "—" if value in (None, "") else str(value)
    return shown


def run_write(write, message: str, form: str | None = None, typed: dict | None = None) -> None:
    """Run one write of the file, then rerun.

    Refused input: its messages are kept for the next run, beside the fields of `form`.
    Stale record: the next run shows the newer data, the refusal and `typed`.
    """
    try:
        write()
    except StaleRecordError as exc:
        st.session_state[STALE] = {"message": str(exc), "typed": readable_typed(typed or {})}
    except (ValidationError, HabiterError) as exc:
        if form is None:
            st.error(str(exc))
            return
        forms.keep_errors(form, exc)
    else:
        if form is not None:
            forms.clear_errors(form)
            _next_generation(form)
        st.toast(message)
    st.rerun()


def show_stale_refusal() -> None:
    """The refusal of a save over a newer version, with what the person had typed."""
    stale = st.session_state.pop(STALE, None)
    if stale is None:
        return
    st.error(stale["message"])
    if stale["typed"]:
        with st.expander("Votre saisie non enregistrée (à reporter si besoin)", expanded=True):
            for label, value in stale["typed"].items():
                st.text(f"{label} : {value}")


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
                {**data, "referent": workers.get(data["referent"], data["referent"])},
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

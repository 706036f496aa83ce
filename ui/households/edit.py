"""Forms of a household's file: edit general information, add a contact, close, reopen."""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

import queries
from db import catalog, clock
from db.errors import HabiterError, StaleRecordError
from db.households import writes as households
from db.households.models import FIELD_LABELS, CloseIn, ContactIn, HouseholdEdit
from db.validation import french_errors
from ui.forms import select_keeping


def report(exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        for field, message in french_errors(exc, FIELD_LABELS).items():
            st.error(f"{field} : {message}" if field else message)
    else:
        st.error(str(exc))


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


def referent_choices(database, household: dict) -> dict:
    """The active social workers, plus the file's referent if their account is no longer
    one (shown as such, kept unless someone picks another)."""
    workers = dict(queries.run(database, "households/referents").iter_rows())
    current = household["referent"]
    if current is not None and current not in workers:
        workers[current] = f"{household['referent_name'] or current} (compte inactif)"
    return workers


def edit_form(database, actor, household: dict) -> None:
    hid = household["id"]
    version = shown_version("household", household)
    workers = referent_choices(database, household)
    with st.form(f"edit_{hid}"):
        c1, c2 = st.columns(2)
        data = {
            "phone": c1.text_input("Téléphone", household["phone"] or ""),
            "email": c2.text_input("E-mail", household["email"] or ""),
            "address": st.text_input("Adresse", household["address"] or ""),
            "postal_code": c1.text_input(
                "Code postal", household["postal_code"] or "", max_chars=5
            ),
            "commune": c2.text_input("Commune", household["commune"] or ""),
        }
        with c1:
            data["family_type"] = select_keeping(
                "Composition familiale",
                catalog.FAMILY_TYPE,
                household["family_type"],
                f"e_family_{hid}",
            )
            data["housing_situation"] = select_keeping(
                "Situation de logement",
                catalog.HOUSING_SITUATION,
                household["housing_situation"],
                f"e_hs_{hid}",
            )
            data["request_type"] = select_keeping(
                "Type de demande", catalog.REQUEST_TYPE, household["request_type"], f"e_rt_{hid}"
            )
        with c2:
            data["prescriber"] = select_keeping(
                "Prescripteur", catalog.PRESCRIBER, household["prescriber"], f"e_pr_{hid}"
            )
            data["referent"] = select_keeping(
                "Référent·e", workers, household["referent"], f"e_ref_{hid}", allow_none=True
            )
            data["consent_on"] = st.date_input(
                "Date du consentement",
                household["consent_on"],
                format="DD/MM/YYYY",
                max_value=clock.today(),
            )
        if st.form_submit_button("Enregistrer les modifications", type="primary"):
            save_edit(database, actor, hid, version, data)


def run_write(write, message: str) -> None:
    """Run one write of the file and rerun; a stale file reloads naming who changed it,
    a refused input shows its French messages and keeps what was typed."""
    try:
        write()
    except StaleRecordError as exc:  # the rerun shows the newer data, saved over next time
        st.session_state["file_stale_message"] = str(exc)
        st.rerun()
    except (ValidationError, HabiterError) as exc:
        report(exc)
    else:
        st.toast(message)
        st.rerun()


def save_edit(database, actor, household_id: int, version: int, data: dict) -> None:
    run_write(
        lambda: households.update_household(
            database, actor, household_id, version, HouseholdEdit.model_validate(data)
        ),
        "Modifications enregistrées",
    )


def contact_form(database, actor, household_id: int) -> None:
    with st.form(f"contact_{household_id}", clear_on_submit=True):
        c1, c2 = st.columns(2)
        day = c1.date_input("Date", clock.today(), max_value=clock.today(), format="DD/MM/YYYY")
        channel = c2.selectbox(
            "Canal", list(catalog.CONTACT_CHANNEL), format_func=catalog.CONTACT_CHANNEL.get
        )
        summary = st.text_area("Résumé", max_chars=5000)
        note = st.text_area("Note privée (visible de vous seul·e)", max_chars=5000)
        if st.form_submit_button("Ajouter le contact", type="primary"):
            run_write(
                lambda: households.add_contact(
                    database,
                    actor,
                    household_id,
                    ContactIn(contact_on=day, channel=channel, summary=summary, private_note=note),
                ),
                "Contact enregistré",
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
    c1, c2 = st.columns(2)
    reason = c1.selectbox(
        "Motif de clôture",
        list(catalog.CLOSE_REASON),
        index=None,
        format_func=catalog.CLOSE_REASON.get,
        key=f"close_reason_{hid}",
        placeholder="Choisir un motif",
    )
    day = c2.date_input(
        "Date de clôture",
        clock.today(),
        max_value=clock.today(),
        format="DD/MM/YYYY",
        key=f"close_on_{hid}",
    )
    sure = st.checkbox("Je confirme la clôture de ce dossier", key=f"close_ok_{hid}")
    if st.button("Clore le dossier", disabled=not (sure and reason), key=f"close_{hid}"):
        run_write(
            lambda: households.close_household(
                database, actor, hid, version, CloseIn(reason=reason, closed_on=day)
            ),
            "Dossier clos",
        )

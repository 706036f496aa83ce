"""The widgets of the intake form; pages/intake.py lays them out and saves."""

from __future__ import annotations

from datetime import date

import streamlit as st

from db import catalog, clock
from db.households.models import (
    FIELD_LABELS,
    propose_family_type,
)
from db.privacy.redact import redact_note, removed_sentence
from ui import forms, rows
from ui.record_form import select

P = "intake_"  # prefix of every widget key of this form


def members_editor(errors: dict[str, str]) -> list[dict]:
    """One line per member; returns what is typed, in the order shown."""
    members = []
    for position, row in enumerate(rows.row_ids(f"{P}members")):
        cols = st.columns([2, 2, 2, 2, 1.4, 0.6], vertical_alignment="bottom")
        with cols[0]:
            role = select(
                "Place dans le ménage",
                catalog.PERSON_ROLE,
                f"{P}m{row}_role",
                index=0 if position == 0 else 2,
            )
        with cols[1]:
            last = st.text_input("Nom", key=f"{P}m{row}_last")
        with cols[2]:
            first = st.text_input("Prénom", key=f"{P}m{row}_first")
        with cols[3]:
            born = forms.date_field("Date de naissance", None, f"{P}m{row}_birth")
        with cols[4]:
            sex = select("Sexe", catalog.SEX, f"{P}m{row}_sex", index=None, placeholder="—")
        with cols[5]:
            if position > 0:
                remove_button("members", row, f"{P}m{row}_remove", "Retirer ce membre")
        for field in ("role", "last_name", "first_name", "birth_date", "sex"):
            forms.field_error(errors, f"members.{position}.{field}", FIELD_LABELS[field])
        members.append(
            {"role": role, "last_name": last, "first_name": first, "birth_date": born, "sex": sex}
        )
    # The refusal about the members together (an adult, one head), then the button.
    group_end(errors, "members", "Ajouter un membre", ":material/person_add:", "add_member")
    return members


def remove_button(group: str, row: int, key: str, help: str) -> None:
    args = (f"{P}{group}", row)
    st.button("", icon=":material/delete:", key=key, help=help, on_click=rows.remove_row, args=args)


def group_end(errors: dict, group: str, label: str, icon: str, key: str) -> None:
    """Under a group's rows: the refusal about the rows together, then the button that adds
    a row."""
    forms.field_error(errors, group)
    st.button(label, icon=icon, key=f"{P}{key}", on_click=rows.add_row, args=(f"{P}{group}",))


def member_label(members: list[dict], index: int) -> str:
    member = members[index]
    name = f"{member['first_name']} {member['last_name']}".strip()
    return name or f"Membre {index + 1} ({catalog.PERSON_ROLE[member['role']]})"


def resources_editor(members: list[dict], errors: dict[str, str]) -> list[dict]:
    resources = []
    for position, row in enumerate(rows.row_ids(f"{P}resources", first=0)):
        cols = st.columns([3, 3, 2, 0.6], vertical_alignment="bottom")
        with cols[0]:
            index = st.selectbox(
                "Membre",
                range(len(members)),
                key=f"{P}r{row}_member",
                format_func=lambda i: member_label(members, i),
                placeholder="Choisir dans la liste",
            )
        with cols[1]:
            kind = select("Type de ressource", catalog.RESOURCE_TYPE, f"{P}r{row}_kind")
        with cols[2]:
            amount = forms.amount_input("Montant mensuel (€)", f"{P}r{row}_amount")
        with cols[3]:
            remove_button("resources", row, f"{P}r{row}_remove", "Retirer cette ressource")
        for field in ("member_index", "kind", "monthly_amount"):
            forms.field_error(errors, f"resources.{position}.{field}", FIELD_LABELS[field])
        resources.append({"member_index": index or 0, "kind": kind, "monthly_amount": amount})
    group_end(errors, "resources", "Ajouter une ressource", ":material/add:", "add_resource")
    return resources


def family_type_select(members: list[dict]) -> str:
    """Proposed from the members until the user chooses another value."""
    key = f"{P}family_type"
    if not st.session_state.get(f"{P}family_touched"):
        st.session_state[key] = propose_family_type(members)
    chosen = select(
        "Composition familiale",
        catalog.FAMILY_TYPE,
        key,
        on_change=lambda: st.session_state.update({f"{P}family_touched": True}),
    )
    st.caption("Proposée d'après les membres ; modifiable.")
    return chosen


def intake_day(may_backdate: bool, errors: dict[str, str]) -> date | None:
    """« Date de l'accueil »: today unless changed, by those who may date an intake of
    another day (db/rules.can_backdate_intake); for the others shown, fixed on today, so
    that they know what the file will say. None: today, decided at the save."""
    help_text = (
        "Le jour où le ménage a été reçu : aujourd'hui, ou un jour passé pour un accueil "
        "noté sur papier (jamais une date future)."
        if may_backdate
        else "Un accueil saisi à l'accueil est daté du jour. Pour un accueil d'un autre jour, "
        "demandez à un·e travailleur·euse social·e ou à la direction."
    )
    day = forms.date_field(
        "Date de l'accueil",
        clock.today(),
        f"{P}intake_on",
        disabled=not may_backdate,
        help=help_text,
    )
    forms.field_error(errors, "intake_on")
    return day if may_backdate else None


def consent_date() -> date | None:
    given = st.checkbox(
        "Le ménage a été informé et consent au traitement de ses données", key=f"{P}consent"
    )
    if not given:
        st.warning(
            "Sans consentement, seul un contact anonyme est enregistré : ni noms, "
            "ni dates de naissance, ni coordonnées."
        )
        return None
    return forms.date_field("Date du consentement", clock.today(), f"{P}consent_on")


def note_without_consent(note: str | None, members: list[dict], address: str | None) -> None:
    """Before the save: what a note without consent will lose, and the note as it will be
    stored (the same function strips it at the save)."""
    if not note or st.session_state.get(f"{P}consent"):
        return
    names = [m.get(part) or "" for m in members for part in ("last_name", "first_name")]
    redacted = redact_note(note, names=names, addresses=[address or ""])
    sentence = removed_sentence(redacted.removed, done=False)
    if not sentence:
        st.caption("Sans consentement : rien de nominatif n'a été repéré dans la note.")
        return
    st.info(sentence, icon=":material/visibility_off:")
    st.caption("Note telle qu'elle sera enregistrée :")
    st.text(redacted.text)

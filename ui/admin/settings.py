"""The admin's « Réglages »: every declared setting (db/settings.py) with its description,
and the lists of support work an admin extends (measure kinds with their maximum
duration, kinds of other actions)."""

from __future__ import annotations

import streamlit as st

import queries
from db.errors import ValidationFailed
from db.settings import SETTINGS, get_setting, is_set, limits_text, set_setting
from db.support import writes as support
from db.support.models import CatalogEntryIn
from ui import forms
from ui.record_form import form_key, run_write

PRIVATE_NOTES = "les notes privées restent privées"
# The team's reading rule is a switch; the others are numbers of days or months.
SWITCH_KEYS = {"team_reads_all_files": "team_reads_all"}
LISTS = {
    "measure_kind": "Types de mesure d'accompagnement",
    "action_kind": "Types d'autres actions",
}


def settings_section(database, actor) -> None:
    if not is_set(database, "association_name"):
        st.warning(
            "Le nom de l'association n'est pas encore renseigné : le rapport d'activité dit "
            f"« {SETTINGS['association_name'].default} ». Saisissez-le ci-dessous, avec sa "
            "commune."
        )
    for key, setting in SETTINGS.items():
        if setting.kind is bool:
            switch(database, actor, key, setting.description)
        else:
            number_form(database, actor, key, setting.description)
    st.caption(f"La modification d'un dossier reste réservée au référent ; {PRIVATE_NOTES}.")


def switch(database, actor, key: str, description: str) -> None:
    current = get_setting(database, key)
    wanted = st.toggle(description, value=current, key=SWITCH_KEYS.get(key, key))
    if wanted != current:
        set_setting(database, actor, key, wanted)
        st.toast("Réglage enregistré")
        st.rerun()


def whole_number(text: str, low: int, high: int, field: str) -> int:
    """A whole number typed in a text field (a browser's number field would filter the
    value with an English tooltip before any French message could be shown)."""
    value = text.strip()
    if not value.isdigit() or not low <= int(value) <= high:
        raise ValidationFailed(f"Un nombre entier de {low} à {high}, sans virgule.", field)
    return int(value)


def number_form(database, actor, key: str, description: str) -> None:
    """A number or a text, its limits said under the field before anything is typed."""
    errors = forms.form_errors(key)
    with st.form(form_key(key)):
        typed = st.text_input(
            description,
            value=str(get_setting(database, key)),
            key=f"{form_key(key)}_value",
        )
        forms.field_error(errors, "value")
        st.caption(limits_text(key))
        if st.form_submit_button("Enregistrer", key=f"save_{key}"):
            run_write(lambda: save_number(database, actor, key, typed), "Réglage enregistré", key)


def save_number(database, actor, key: str, typed: str) -> None:
    """A number within the setting's bounds, or a text of the setting's length (checked by
    set_setting, its spaces tidied)."""
    setting = SETTINGS[key]
    if setting.kind is str:
        set_setting(database, actor, key, typed)
        return
    set_setting(database, actor, key, whole_number(typed, setting.low, setting.high, "value"))


def lists_section(database, actor) -> None:
    for list_name, title in LISTS.items():
        st.subheader(title, anchor=False)
        entries = queries.run(database, "support/catalog", list=list_name)
        show_entries(entries, list_name)
        add_entry_form(database, actor, list_name)
        change_entry_form(database, actor, list_name, entries)


def show_entries(entries, list_name: str) -> None:
    rows = [
        {"Libellé": row["label"], "Proposé": "oui" if row["active"] else "non"}
        | (
            {"Durée maximale": f"{row['max_months']} mois" if row["max_months"] else "—"}
            if list_name == "measure_kind"
            else {}
        )
        for row in entries.iter_rows(named=True)
    ]
    st.dataframe(rows, hide_index=True, width="stretch")


def maximum_field(errors: dict, key: str, value: int | None = None) -> str:
    typed = st.text_input(
        "Durée maximale en mois, renouvellements compris (vide : sans maximum)",
        value="" if value is None else str(value),
        key=key,
    )
    forms.field_error(errors, "max_months")
    return typed


def months_or_none(typed: str) -> int | None:
    return None if not typed.strip() else whole_number(typed, 1, 120, "max_months")


def add_entry_form(database, actor, list_name: str) -> None:
    name = f"add_{list_name}"
    errors = forms.form_errors(name)
    with st.form(form_key(name)):
        forms.errors_summary(errors, {"label": "Libellé", "max_months": "Durée maximale"})
        label = st.text_input("Nouveau libellé", key=f"{form_key(name)}_label")
        forms.field_error(errors, "label")
        typed = (
            maximum_field(errors, f"{form_key(name)}_max") if list_name == "measure_kind" else ""
        )
        if st.form_submit_button("Ajouter à la liste", key=f"save_{name}"):
            run_write(
                lambda: support.add_catalog_entry(
                    database,
                    actor,
                    list_name,
                    CatalogEntryIn(label=label, max_months=months_or_none(typed)),
                ),
                "Ajouté à la liste",
                name,
            )


def change_entry_form(database, actor, list_name: str, entries) -> None:
    """The entry is chosen outside the form, so that its current values fill the form."""
    labels = dict(zip(entries["code"], entries["label"], strict=True))
    name = f"change_{list_name}"
    errors = forms.form_errors(name)
    code = st.selectbox(
        "Entrée à modifier",
        list(labels),
        format_func=labels.get,
        key=f"{name}_code",
        placeholder="Choisir dans la liste",
    )
    if code is None:
        return
    current = entries.filter(entries["code"] == code).row(0, named=True)
    with st.form(form_key(name)):
        forms.errors_summary(errors, {"max_months": "Durée maximale"})
        typed = ""
        if list_name == "measure_kind":
            typed = maximum_field(errors, f"{form_key(name)}_max_{code}", current["max_months"])
        active = st.checkbox(
            "Proposée pour une nouvelle saisie (les fiches existantes la gardent)",
            value=bool(current["active"]),
            key=f"{form_key(name)}_active_{code}",
        )
        if st.form_submit_button("Enregistrer", key=f"save_{name}"):
            run_write(
                lambda: change_entry(database, actor, list_name, code, typed, active),
                "Liste enregistrée",
                name,
            )


def change_entry(database, actor, list_name: str, code: str, typed: str, active: bool) -> None:
    months = months_or_none(typed)
    support.set_catalog_entry(database, actor, list_name, code, months, active)

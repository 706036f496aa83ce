"""The form of a dwelling: added for an owner (« Nouveau logement »), or edited at the
version it showed (« Logement »). A refused save keeps what was typed, each French
message beside its field."""

from __future__ import annotations

import streamlit as st

from db import catalog, clock
from db.catalog import WORKS
from db.housing import writes as housing
from db.housing.models import DwellingIn
from ui import forms
from ui import record_form as kit
from ui.housing import search
from ui.housing.dates import confirm_ahead
from ui.record_form import Wording, choice_at, date_at, text_at

LABELS = {
    "owner_id": "Propriétaire",
    "address": "Adresse",
    "postal_code": "Code postal",
    "commune": "Commune",
    "typology": "Typologie",
    "surface": "Surface (m²)",
    "floor": "Étage",
    "rent": "Loyer mensuel hors charges",
    "charges": "Charges mensuelles",
    "energy_class": "Classe énergie (DPE)",
    "programme": "Dispositif",
    "status": "En travaux",
    "entered_on": "Entrée dans le parc",
    "left_on": "Sortie du parc",
}


def _plain(value) -> str:
    if value is None:
        return ""
    return str(value).replace(".", ",")


def works(column, status: str | None, key: str, errors: dict) -> str:
    """Whether works are under way: all the record says of the dwelling's state. Occupied,
    vacant, restitué come from its leases and its dates (dwelling_state, migration 012).
    A status kept from before that rule is left as it was unless works are ticked."""
    with column:
        ticked = st.checkbox(LABELS["status"], value=status == WORKS, key=f"{key}_status")
        st.caption("Occupé, vacant ou restitué se déduisent des baux et des dates du parc.")
        forms.field_error(errors, "status")
    if ticked:
        return WORKS
    return status if status not in (None, WORKS) else "vacant"


def fields(owners: dict, current: dict, key: str, errors: dict) -> dict:
    """The dwelling's fields, opened on `current`; what was chosen, as the model takes it.
    `owners`: the owners offered (search.owners, drawn above the form)."""

    def text(column, path: str) -> str:
        with column:
            return text_at(errors, path, LABELS[path], _plain(current.get(path)), f"{key}_{path}")

    def coded(column, path: str, choices: dict, **kw):
        with column:
            return choice_at(
                errors, path, LABELS[path], choices, current.get(path), f"{key}_{path}", **kw
            )

    def amount(column, path: str) -> str:
        with column:
            typed = forms.amount_input(LABELS[path], f"{key}_{path}", _plain(current.get(path)))
            forms.field_error(errors, path)
        return typed

    def day(column, path: str):
        with column:
            return date_at(errors, path, LABELS[path], current.get(path), f"{key}_{path}")

    c1, c2 = st.columns(2)
    data = {"owner_id": coded(c1, "owner_id", owners)}
    data["address"] = text(c2, "address")
    data["postal_code"] = text(c1, "postal_code")
    data["commune"] = text(c2, "commune")
    data["typology"] = coded(c1, "typology", catalog.TYPOLOGY)
    data["surface"] = text(c2, "surface")
    data["floor"] = text(c1, "floor")
    data["energy_class"] = coded(c2, "energy_class", catalog.ENERGY_CLASS, allow_none=True)
    data["rent"] = amount(c1, "rent")
    data["charges"] = amount(c2, "charges")
    data["programme"] = coded(c1, "programme", catalog.PROGRAMME)
    data["status"] = works(c2, current.get("status"), key, errors)
    data["entered_on"] = day(c1, "entered_on")
    with c1:
        data["future_confirmed"] = confirm_ahead(errors, "entered_on", key)
    data["left_on"] = day(c2, "left_on")
    for path in ("surface", "floor"):
        data[path] = data[path].strip() or None
    return data


def typed_words(data: dict, owners: dict) -> dict:
    """What was typed, for a stale refusal to show back: the owner by name, no flag."""
    shown = {k: v for k, v in data.items() if k != "future_confirmed"}
    return shown | {"owner_id": owners.get(data["owner_id"])}


def new_dwelling(database, actor, owner_id: int | None = None) -> None:
    """« Nouveau logement »: a dwelling for a known owner."""
    name = "new_dwelling"
    blank = {"owner_id": owner_id, "status": "vacant", "charges": 0, "entered_on": clock.today()}
    owners = search.owners(database, f"{name}_owner_search", owner_id)  # outside: typing reruns
    kit.add_form(
        name,
        Wording(
            "Ajouter le logement", "Logement ajouté : ouvrez-le dans l'onglet « Logement ».", LABELS
        ),
        lambda errors, key: fields(owners, blank, key, errors),
        lambda data: housing.add_dwelling(database, actor, DwellingIn.model_validate(data)),
    )


def new_dwelling_tab(database, actor) -> None:
    """The tab « Nouveau logement »."""
    st.caption("Le propriétaire doit être enregistré d'abord (onglet « Propriétaires »).")
    new_dwelling(database, actor)


def edit_dwelling(database, actor, dwelling: dict) -> None:
    name = f"dwelling_{dwelling['id']}"
    owners = search.owners(database, f"{name}_owner_search", dwelling["owner_id"])
    kit.change_form(
        name,
        "dwelling",
        dwelling,
        Wording("Enregistrer le logement", "Logement enregistré", LABELS),
        lambda errors, key: fields(owners, dwelling, key, errors),
        lambda version, data: housing.update_dwelling(
            database, actor, dwelling["id"], version, DwellingIn.model_validate(data)
        ),
        lambda data: typed_words(data, owners),
    )

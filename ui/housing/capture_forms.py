"""Forms of the capture pipeline: a new lead (« Nouveau prospect ») and the signed
convention that brings the lead's dwelling into the stock with the association's lease.

A refused save keeps what was typed and shows each French message beside its field;
nothing is saved (convert_lead writes the owner, the dwelling and the lease together).
"""

from __future__ import annotations

import streamlit as st

from db import catalog, clock
from db.errors import ValidationFailed
from db.housing import capture
from db.housing.models import ConversionIn, LeadIn
from ui import forms
from ui import record_form as kit
from ui.housing import search
from ui.housing.dates import confirm_ahead
from ui.record_form import (
    Field,
    Wording,
    amount_at,
    choice_at,
    date_at,
    draw_fields,
    form_key,
    given,
    run_write,
    shown_version,
    text_at,
)

LEAD_LABELS = {
    "owner_id": "Propriétaire connu",
    "owner_kind": "Type de propriétaire",
    "owner_name": "Nom du propriétaire",
    "owner_phone": "Téléphone du propriétaire",
    "owner_email": "E-mail du propriétaire",
    "address": "Adresse",
    "postal_code": "Code postal",
    "commune": "Commune",
    "typology": "Typologie",
    "proposed_rent": "Loyer proposé",
    "market_rent": "Loyer de marché",
    "works_needed": "Travaux nécessaires",
    "incentives": "Incitations",
    "source": "Origine",
    "assignee": "Chargé·e",
    "stage": "Étape",
    "on": "Date",
}
CONVERSION_LABELS = {
    "owner": "Nouveau propriétaire",
    "owner_id": "Propriétaire connu",
    "owner.kind": "Type de propriétaire",
    "owner.name": "Nom du propriétaire",
    "owner.phone": "Téléphone",
    "owner.email": "E-mail",
    "owner.postal_code": "Code postal du propriétaire",
    "dwelling": "Logement",
    "dwelling.address": "Adresse",
    "dwelling.postal_code": "Code postal",
    "dwelling.commune": "Commune",
    "dwelling.typology": "Typologie",
    "dwelling.surface": "Surface",
    "dwelling.floor": "Étage",
    "dwelling.rent": "Loyer",
    "dwelling.charges": "Charges",
    "dwelling.programme": "Dispositif",
    "dwelling.entered_on": "Entrée dans le parc",
    "lease": "Bail",
    "lease.kind": "Type de titre",
    "lease.start_on": "Début du bail",
    "lease.end_on": "Fin du bail",
    "lease.rent": "Loyer du bail",
    "stage": "Étape",
}
MAIN_LEASES = {code: catalog.LEASE_KIND[code] for code in ("bail_principal", "mandat_gestion")}
OWNER_WAYS = {"connu": "Un propriétaire déjà connu", "nouveau": "Un nouveau propriétaire"}
NEW_LEAD = "capture_new_lead"
ADDED = "capture_added"  # the lead just added: the board opens it (a new lead is no card yet)


def filled(typed: dict) -> dict:
    """The fields filled in: an empty text, date or choice is left out."""
    return {field: value for field, value in typed.items() if value not in (None, "")}


def lead_in(typed: dict) -> LeadIn:
    """The lead as typed: an empty field left out, so that the model says what is missing."""
    return LeadIn.model_validate(given(typed) | {"incentives": typed["incentives"]})


def new_lead_form(database, actor, assignees: dict) -> None:
    known = search.owners(database, f"{NEW_LEAD}_owner_search")  # outside: typing reruns

    def draw(errors: dict, key: str) -> dict:
        return (
            lead_owner(errors, key, known)
            | lead_dwelling(errors, key)
            | lead_follow(errors, key, assignees, actor.username)
        )

    wording = Wording("Ajouter le prospect", "Prospect ajouté", LEAD_LABELS)
    kit.add_form(NEW_LEAD, wording, draw, lambda typed: add(database, actor, typed))


def lead_owner(errors: dict, key: str, known: dict) -> dict:
    """A known owner, or the owner described."""
    st.markdown("**Propriétaire**")
    c1, c2 = st.columns(2)
    with c1:
        owner_id = choice_at(
            errors,
            "owner_id",
            "Propriétaire connu (sinon, décrivez-le)",
            known,
            None,
            f"{key}_owner",
            allow_none=True,
        )
        name = text_at(errors, "owner_name", "Nom du propriétaire", "", f"{key}_name")
        phone = text_at(errors, "owner_phone", "Téléphone", "", f"{key}_phone")
    with c2:
        kind = choice_at(
            errors,
            "owner_kind",
            "Type de propriétaire",
            catalog.OWNER_KIND,
            None,
            f"{key}_kind",
            allow_none=True,
        )
        email = text_at(errors, "owner_email", "E-mail", "", f"{key}_email")
    return {
        "owner_id": owner_id,
        "owner_kind": kind,
        "owner_name": name,
        "owner_phone": phone,
        "owner_email": email,
    }


def lead_dwelling(errors: dict, key: str) -> dict:
    """The dwelling offered: where, what, at which rent, the works and the incentives."""
    st.markdown("**Logement**")
    c1, c2, c3 = st.columns(3)
    with c1:
        address = text_at(errors, "address", "Adresse", "", f"{key}_address")
        typology = choice_at(
            errors,
            "typology",
            "Typologie",
            catalog.TYPOLOGY,
            None,
            f"{key}_typ",
            allow_none=True,
        )
    with c2:
        postal = text_at(errors, "postal_code", "Code postal", "", f"{key}_postal")
        proposed = amount_at(errors, "proposed_rent", "Loyer proposé (€)", None, f"{key}_prop")
    with c3:
        commune = text_at(errors, "commune", "Commune", "", f"{key}_commune")
        market = amount_at(errors, "market_rent", "Loyer de marché (€)", None, f"{key}_mkt")
    works = text_at(errors, "works_needed", "Travaux nécessaires", "", f"{key}_works", True)
    incentives = st.multiselect(
        "Incitations proposées",
        list(catalog.INCENTIVE),
        format_func=catalog.INCENTIVE.get,
        key=f"{key}_incentives",
        placeholder="Choisir une ou plusieurs incitations",
        select_all=False,
    )
    forms.field_error(errors, "incentives")
    return {
        "address": address,
        "postal_code": postal,
        "commune": commune,
        "typology": typology,
        "proposed_rent": proposed,
        "market_rent": market,
        "works_needed": works,
        "incentives": incentives,
    }


def lead_follow(errors: dict, key: str, assignees: dict, username: str) -> dict:
    """Where the lead comes from, who follows it (the person typing, by default), since when."""
    fields = [
        Field("source", "Origine", "choice", catalog.CAPTURE_SOURCE, key="src"),
        Field("assignee", "Chargé·e", "choice", assignees, allow_none=True),
        Field("on", "Identifié le", "date"),
    ]
    mine = username if username in assignees else None
    return draw_fields(fields, errors, {"assignee": mine, "on": clock.today()}, key, 3)


def add(database, actor, typed: dict) -> dict:
    """The lead as typed, identified on the day typed["on"]."""
    if typed["on"] is None:
        raise ValidationFailed("Choisissez la date.", "on")
    fields = {field: value for field, value in typed.items() if field != "on"}
    lead = capture.add_lead(database, actor, lead_in(fields), typed["on"])
    st.session_state[ADDED] = lead["id"]
    return lead


# The signed convention ------------------------------------------------------------------


def conversion_name(lead_id: int) -> str:
    return f"capture_convert_{lead_id}"


def owner_part(database, errors: dict, key: str, lead: dict) -> dict:
    """The owner of the convention: a known one (searched; the lead's own first), or a new
    one (filled from the lead)."""
    st.markdown("**Propriétaire**")
    way = st.radio(
        "Propriétaire de la convention",
        list(OWNER_WAYS),
        index=0 if lead["owner_id"] is not None else 1,
        format_func=OWNER_WAYS.get,
        horizontal=True,
        key=f"{key}_way",
    )
    forms.field_error(errors, "owner")
    if way == "connu":
        known = search.owners(database, f"{key}_owner_search", lead["owner_id"])
        owner_id = choice_at(
            errors, "owner_id", "Propriétaire connu", known, lead["owner_id"], f"{key}_owner_id"
        )
        return {"owner_id": owner_id}
    c1, c2 = st.columns(2)
    with c1:
        name = text_at(errors, "owner.name", "Nom du propriétaire", lead["owner_name"], f"{key}_on")
        phone = text_at(errors, "owner.phone", "Téléphone", lead["owner_phone"], f"{key}_op")
    with c2:
        kind = choice_at(
            errors,
            "owner.kind",
            "Type de propriétaire",
            catalog.OWNER_KIND,
            lead["owner_kind"] or "personne_privee",
            f"{key}_ok",
        )
        email = text_at(errors, "owner.email", "E-mail", lead["owner_email"], f"{key}_oe")
    return {"owner": filled({"kind": kind, "name": name, "phone": phone, "email": email})}


def dwelling_part(errors: dict, key: str, lead: dict) -> dict:
    st.markdown("**Logement**")
    e = "dwelling."
    c1, c2, c3 = st.columns(3)
    with c1:
        address = text_at(errors, e + "address", "Adresse", lead["address"], f"{key}_address")
        typology = choice_at(
            errors, e + "typology", "Typologie", catalog.TYPOLOGY, lead["typology"], f"{key}_t"
        )
        rent = amount_at(errors, e + "rent", "Loyer (€)", lead["proposed_rent"], f"{key}_rent")
    with c2:
        postal = text_at(errors, e + "postal_code", "Code postal", lead["postal_code"], f"{key}_p")
        surface = amount_at(errors, e + "surface", "Surface (m²)", None, f"{key}_surface")
        charges = amount_at(errors, e + "charges", "Charges (€)", None, f"{key}_charges")
    with c3:
        commune = text_at(errors, e + "commune", "Commune", lead["commune"], f"{key}_commune")
        floor = text_at(errors, e + "floor", "Étage", "", f"{key}_floor")
        entered = date_at(
            errors, e + "entered_on", "Entrée dans le parc", lead["stage_on"], f"{key}_entered"
        )
        confirmed = confirm_ahead(errors, e + "entered_on", f"{key}_entered")
    programme = choice_at(
        errors, e + "programme", "Dispositif", catalog.PROGRAMME, "sous_location", f"{key}_prog"
    )
    return filled(
        {
            "address": address,
            "postal_code": postal,
            "commune": commune,
            "typology": typology,
            "surface": surface,
            "floor": floor,
            "rent": rent,
            "charges": charges,
            "programme": programme,
            "entered_on": entered,
            "future_confirmed": confirmed,
        }
    )


def lease_part(errors: dict, key: str, lead: dict) -> dict:
    st.markdown("**Bail principal ou mandat de l'association**")
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        kind = choice_at(
            errors, "lease.kind", "Type de titre", MAIN_LEASES, "bail_principal", f"{key}_kind"
        )
    with c2:
        start = date_at(errors, "lease.start_on", "Début", lead["stage_on"], f"{key}_start")
        confirmed = confirm_ahead(errors, "lease.start_on", f"{key}_start")
    with c3:
        end = date_at(errors, "lease.end_on", "Fin (facultative)", None, f"{key}_end")
    with c4:
        rent = amount_at(
            errors, "lease.rent", "Loyer du bail (€)", lead["proposed_rent"], f"{key}_lrent"
        )
    typed = {"kind": kind, "start_on": start, "end_on": end, "rent": rent}
    return filled(typed | {"future_confirmed": confirmed})


def conversion_form(database, actor, lead: dict) -> None:
    """« Convention signée »: the owner, the dwelling and the lease, saved together."""
    name = conversion_name(lead["id"])
    version = shown_version("capture_lead", lead)
    errors, key = forms.form_errors(name), form_key(name)
    forms.errors_summary(errors, CONVERSION_LABELS)
    owner = owner_part(database, errors, key, lead)  # outside the form: the radio redraws it
    with st.form(key):
        dwelling = dwelling_part(errors, key, lead)
        lease = lease_part(errors, key, lead)
        if st.form_submit_button("Enregistrer la convention et le logement", type="primary"):
            typed = {**owner, "dwelling": dwelling, "lease": lease}
            run_write(
                lambda: convert(database, actor, lead["id"], version, typed),
                "Convention enregistrée : le logement est dans le parc",
                name,
            )


def convert(database, actor, lead_id: int, version: int, typed: dict) -> dict:
    """convert_lead; a refusal of the lease's dates stands beside the lease's field."""
    conversion = ConversionIn.model_validate(typed)
    try:
        return capture.convert_lead(database, actor, lead_id, version, conversion)
    except ValidationFailed as exc:
        if exc.field in ("start_on", "end_on"):
            raise ValidationFailed(str(exc), f"lease.{exc.field}") from exc
        raise

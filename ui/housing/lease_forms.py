"""Forms of a dwelling's leases: sign one, end one (date and reason), record the slide
of a bail glissant. Refusals (overlap, outside the dwelling's time in the stock) stand
beside their field, in French; what was typed stays."""

from __future__ import annotations

import streamlit as st

from db import catalog, clock
from db.housing import writes as housing
from db.housing.models import LeaseEndIn, LeaseIn, SlideIn
from ui import format as fmt
from ui import forms
from ui import record_form as kit
from ui.housing import search
from ui.housing.dates import confirm_ahead
from ui.record_form import Wording, shown_version

LABELS = {
    "kind": "Type de bail",
    "household_id": "Ménage locataire",
    "start_on": "Premier jour",
    "end_on": "Dernier jour",
    "rent": "Loyer mensuel hors charges",
    "planned_slide_on": "Glissement prévu",
    "end_reason": "Motif de fin",
    "slid_on": "Glissement réalisé le",
}


def sign_form(database, actor, dwelling: dict) -> None:
    name = f"sign_{dwelling['id']}"
    homes = search.households(database, f"{name}_household_search")  # outside: typing reruns

    def draw(errors: dict, key: str) -> dict:
        c1, c2 = st.columns(2)
        kinds = list(catalog.LEASE_KIND)
        kind = c1.selectbox(
            LABELS["kind"],
            kinds,
            index=kinds.index("sous_location"),
            format_func=catalog.LEASE_KIND.get,
            placeholder="Choisir dans la liste",
        )
        with c1:
            forms.field_error(errors, "kind")
        with c2:
            household = st.selectbox(
                LABELS["household_id"],
                list(homes),
                index=None,
                format_func=homes.get,
                placeholder="Choisir un ménage trouvé",
            )
            forms.field_error(errors, "household_id")
        with c1:
            start = forms.date_field(LABELS["start_on"], clock.today())
            forms.field_error(errors, "start_on")
            confirmed = confirm_ahead(errors, "start_on", name)
        with c2:
            end = forms.date_field(LABELS["end_on"], None)
            forms.field_error(errors, "end_on")
        with c1:
            rent = forms.amount_input(
                LABELS["rent"], f"{name}_rent", str(dwelling["rent"]).replace(".", ",")
            )
            forms.field_error(errors, "rent")
        with c2:
            slide = forms.date_field(LABELS["planned_slide_on"] + ", bail glissant", None)
            forms.field_error(errors, "planned_slide_on")
        st.caption(
            "Le dernier jour est le dernier jour occupé : laissez-le vide pour un bail en cours."
        )
        data = {
            "kind": kind,
            "household_id": household,
            "start_on": start,
            "end_on": end,
            "rent": rent,
            "planned_slide_on": slide,
            "future_confirmed": confirmed,
        }
        if kind in catalog.MAIN_LEASE_KINDS and household is None:
            data.pop("household_id")
        return data

    kit.add_form(
        name,
        Wording("Signer le bail", "Bail signé", LABELS),
        draw,
        lambda data: housing.sign_lease(
            database, actor, dwelling["id"], LeaseIn.model_validate(data)
        ),
    )


def lease_label(lease: dict) -> str:
    who = lease["file_number"] or "association"
    return (
        f"Bail n° {lease['id']} — {catalog.label(catalog.LEASE_KIND, lease['kind'])}, "
        f"{who}, depuis le {fmt.fr_date(lease['start_on'])}"
    )


def chosen_lease(by_id: dict, label: str, placeholder: str) -> dict:
    """The lease a form acts on, among `by_id`; the first until another is chosen."""
    chosen = st.selectbox(
        label, list(by_id), format_func=lambda i: lease_label(by_id[i]), placeholder=placeholder
    )
    return by_id[chosen]


def end_form(database, actor, open_leases: list[dict]) -> None:
    if not open_leases:
        st.caption("Aucun bail en cours à terminer.")
        return
    name = "end_lease"
    by_id = {lease["id"]: lease for lease in open_leases}

    def draw(errors: dict, key: str) -> tuple:
        lease = chosen_lease(by_id, "Bail", "Choisir un bail en cours")
        c1, c2 = st.columns(2)
        with c1:
            end = forms.date_field(LABELS["end_on"], clock.today())
            forms.field_error(errors, "end_on")
            confirmed = confirm_ahead(errors, "end_on", name)
        with c2:
            reason = st.selectbox(
                LABELS["end_reason"],
                list(catalog.LEASE_END_REASON),
                index=None,
                format_func=catalog.LEASE_END_REASON.get,
                placeholder="Choisir un motif",
            )
            forms.field_error(errors, "end_reason")
        return lease, {"end_on": end, "end_reason": reason, "future_confirmed": confirmed}

    kit.add_form(
        name,
        Wording("Terminer le bail", "Bail terminé", LABELS),
        draw,
        lambda typed: end_lease(database, actor, *typed),
    )


def end_lease(database, actor, lease: dict, data: dict) -> None:
    """Ends the lease at the version the form showed."""
    version = shown_version("lease", lease)
    housing.end_lease(database, actor, lease["id"], version, LeaseEndIn.model_validate(data))


def slide_form(database, actor, open_leases: list[dict]) -> None:
    sliding = {lease["id"]: lease for lease in open_leases if lease["kind"] == "bail_glissant"}
    if not sliding:
        st.caption("Aucun bail glissant en cours.")
        return

    def draw(errors: dict, key: str) -> tuple:
        lease = chosen_lease(sliding, "Bail glissant", "Choisir un bail glissant")
        # A slide is recorded once it happened: a planned day still ahead is not offered.
        planned = lease["planned_slide_on"] or clock.today()
        day = forms.date_field(LABELS["slid_on"], min(planned, clock.today()))
        forms.field_error(errors, "slid_on")
        st.caption(
            "Dès ce jour, le ménage est locataire en titre ; la sous-location se termine la veille."
        )
        return lease, day

    kit.add_form(
        "slide_lease",
        Wording("Enregistrer le glissement", "Glissement enregistré", LABELS),
        draw,
        lambda typed: record_slide(database, actor, *typed),
    )


def record_slide(database, actor, lease: dict, day) -> None:
    """Records the slide at the version the form showed."""
    housing.record_slide(
        database, actor, lease["id"], shown_version("lease", lease), SlideIn(slid_on=day)
    )

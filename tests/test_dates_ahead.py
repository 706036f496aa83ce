"""Dates no one could mean (db/validation.check_ahead), today fixed at 05/12/2026: a fact
recorded after today is refused; a planned date asks for a confirmation up to a year
ahead and is refused further; a due date fixed ahead may run six years. Through the
models, the writes and the forms, each message in French beside its field."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from db import clock
from db.errors import ValidationFailed
from db.households import members as household_members
from db.households.models import ResourceIn
from db.housing import capture
from db.housing.models import (
    AbandonIn,
    DwellingIn,
    LeadIn,
    LeaseEndIn,
    LeaseIn,
    MoveIn,
    SlideIn,
)
from db.validation import CONFIRM_LABEL, french_errors
from tests.conftest import actor_of, head_of, open_page
from tests.housing_builders import PAGE, build_stock, by_label

TODAY = date(2026, 12, 5)
NEXT_MONTH = date(2027, 1, 5)
FAR = date(2031, 1, 1)


@pytest.fixture
def stock(database):
    return build_stock(database)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def refusal(model, **fields) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(fields)
    return french_errors(caught.value)


DWELLING = {
    "owner_id": 1,
    "address": "5 impasse des Mûriers",
    "commune": "Bègles",
    "typology": "T2",
    "rent": "500",
    "programme": "sous_location",
}


def test_a_resource_received_since_2031_is_refused_one_granted_for_next_month_is_not():
    fields = {"member_index": 0, "kind": "salaire", "monthly_amount": "900"}
    assert refusal(ResourceIn, **fields, valid_from=FAR) == {
        "valid_from": "la date « perçue depuis le » est trop loin (01/01/2031) : le 07/03/2027 "
        "au plus tard (vérifiez l'année)"
    }
    assert ResourceIn(**fields, valid_from=NEXT_MONTH).valid_from == NEXT_MONTH


def test_a_dwelling_entering_the_stock_in_2031_is_refused_next_month_asks_a_confirmation():
    assert refusal(DwellingIn, **DWELLING, entered_on=FAR) == {
        "entered_on": "l'entrée dans le parc est trop loin (01/01/2031) : le 06/12/2027 au plus "
        "tard (vérifiez l'année)"
    }
    asked = refusal(DwellingIn, **DWELLING, entered_on=NEXT_MONTH)["entered_on"]
    assert asked.startswith("l'entrée dans le parc est à venir (05/01/2027)")
    assert f"« {CONFIRM_LABEL} »" in asked
    confirmed = DwellingIn(**DWELLING, entered_on=NEXT_MONTH, future_confirmed=True)
    assert "future_confirmed" not in confirmed.model_dump()  # a flag, never stored
    # Its planned exit is a due date: six years ahead at most, no confirmation.
    assert DwellingIn(**DWELLING, entered_on=TODAY, left_on=FAR).left_on == FAR
    assert (
        "sortie du parc est trop loin"
        in refusal(DwellingIn, **DWELLING, entered_on=TODAY, left_on=date(2040, 1, 1))["left_on"]
    )


def test_a_lease_signed_ahead_asks_a_confirmation_its_end_and_slide_may_be_years_ahead():
    lease = {"kind": "bail_glissant", "household_id": 1}
    assert "à venir" in refusal(LeaseIn, **lease, start_on=NEXT_MONTH)["start_on"]
    assert "trop loin" in refusal(LeaseIn, **lease, start_on=FAR, future_confirmed=True)["start_on"]
    signed = LeaseIn(**lease, start_on=TODAY, end_on=date(2029, 12, 5), planned_slide_on=FAR)
    assert signed.planned_slide_on == FAR
    ending = {"end_reason": "conge_locataire"}
    assert "à venir" in refusal(LeaseEndIn, **ending, end_on=NEXT_MONTH)["end_on"]
    assert LeaseEndIn(**ending, end_on=NEXT_MONTH, future_confirmed=True).end_on == NEXT_MONTH


@pytest.mark.parametrize(
    ("model", "fields", "field"),
    [
        (SlideIn, {}, "slid_on"),
        (MoveIn, {"stage": "visite"}, "moved_on"),
        (AbandonIn, {"abandoned_reason": "autre"}, "abandoned_on"),
    ],
)
def test_a_fact_of_the_pipeline_after_today_is_refused(model, fields, field):
    message = refusal(model, **fields, **{field: NEXT_MONTH})[field]
    assert "ne peut pas être après aujourd'hui (05/12/2026)" in message


def test_the_writes_refuse_them_too(stock):
    db, gestion = stock["db"], stock["gestion"]
    home = stock["homes"][0]["id"]
    with pytest.raises(ValidationError):
        household_members.add_resource(
            db, actor_of(db, "social"), home, head_of(db, home), "salaire", "900", FAR
        )
    lead = LeadIn(
        owner_name="Mme Roux", address="12 rue Neuve", commune="Pessac", source="prospection"
    )
    with pytest.raises(ValidationFailed) as caught:
        capture.add_lead(db, gestion, lead, FAR)
    assert caught.value.field == "on" and "après aujourd'hui" in str(caught.value)


def new_dwelling_entering(at, day: date):
    by_label(at.selectbox, "Propriétaire", last=True).set_value(1)
    by_label(at.text_input, "Adresse", last=True).set_value("5 impasse des Mûriers")
    by_label(at.text_input, "Commune", last=True).set_value("Bègles")
    by_label(at.selectbox, "Typologie", last=True).set_value("T3")
    by_label(at.text_input, "Loyer mensuel hors charges", last=True).set_value("612,40")
    by_label(at.selectbox, "Dispositif", last=True).set_value("mandat_gestion")
    by_label(at.date_input, "Entrée dans le parc (JJ/MM/AAAA)", last=True).set_value(day)
    return by_label(at.button, "Ajouter le logement", last=True).click().run()


def dwellings(db) -> int:
    return db.cursor().execute("SELECT count(*) FROM dwelling").fetchone()[0]


def test_the_new_dwelling_form_refuses_2031_and_confirms_next_month(stock):
    page = open_page(stock["db"], "gestion", PAGE, {"onglet": "Nouveau logement"})
    at = new_dwelling_entering(page, FAR)
    assert not at.exception and dwellings(stock["db"]) == 3
    assert any(e.value.startswith("l'entrée dans le parc est trop loin") for e in at.error)
    assert by_label(at.text_input, "Adresse", last=True).value == "5 impasse des Mûriers"

    by_label(at.date_input, "Entrée dans le parc (JJ/MM/AAAA)", last=True).set_value(NEXT_MONTH)
    at = by_label(at.button, "Ajouter le logement", last=True).click().run()
    assert any("est à venir (05/01/2027)" in e.value for e in at.error)
    assert dwellings(stock["db"]) == 3
    by_label(at.checkbox, CONFIRM_LABEL).check()
    at = by_label(at.button, "Ajouter le logement", last=True).click().run()
    assert not at.exception and dwellings(stock["db"]) == 4


def test_the_resource_form_refuses_2031_beside_the_field(stock):
    db = stock["db"]
    home = stock["homes"][0]["id"]
    at = open_page(
        db, "social", "pages/household_file.py", {"id": str(home), "onglet": "Ressources"}
    )
    by_label(at.text_input, "Montant mensuel (€)").input("900")
    by_label(at.date_input, "Perçue depuis le (JJ/MM/AAAA)").set_value(FAR)
    at = by_label(at.button, "Ajouter la ressource").click().run()
    assert not at.exception
    messages = [e.value for e in at.error]
    assert any(m.startswith("la date « perçue depuis le » est trop loin") for m in messages)
    saved = db.cursor().execute("SELECT count(*) FROM resource WHERE household_id = ?", [home])
    assert saved.fetchone()[0] == 0

"""A dwelling, an owner and a capture lead each have an address of their own
(?logement=…, ?proprietaire=…, ?piste=…), as a household's file has ?id=: a reload or a
shared link opens the same record; a number that names none gets a French message, never
a traceback; a role that may not read the page gets the page's refusal."""

from __future__ import annotations

from datetime import date

import pytest

from db.demo.generate import create_demo_accounts
from tests.conftest import open_page
from tests.housing_builders import PAGE, build_stock, lead_at

CAPTURE = "pages/capture.py"
BAD = ["²", "٣", "abc", "9" * 40, "-1", "1.0", " 1", "0x1", "<b>1</b>"]


@pytest.fixture
def team(database):
    create_demo_accounts(database)
    return database


@pytest.fixture
def stock(database):
    return build_stock(database)


def headings(at) -> list[str]:
    return [s.value for s in at.subheader]


def errors(at) -> list[str]:
    return [e.value for e in at.error]


def test_a_dwelling_opens_from_its_address_and_a_choice_writes_it(stock):
    lilas, roses = stock["lilas"]["id"], stock["roses"]["id"]
    at = open_page(stock["db"], "social", PAGE, {"onglet": "Logement", "logement": str(lilas)})
    assert not at.exception and "3 rue des Lilas, Bordeaux" in headings(at)
    at.selectbox(key="logement_choisi").set_value(roses).run()
    assert "8 rue des Roses, Bordeaux" in headings(at)
    assert at.query_params["logement"] == str(roses)  # the address a reload opens


def test_a_chosen_dwelling_goes_into_the_address(stock):
    at = open_page(stock["db"], "gestion", PAGE, {"onglet": "Logement"})
    at.selectbox(key="logement_choisi").set_value(stock["parc"]["id"]).run()
    assert at.query_params["logement"] == str(stock["parc"]["id"])


@pytest.mark.parametrize("raw", BAD)
def test_a_dwelling_address_of_any_form_is_refused_in_french(stock, raw):
    at = open_page(stock["db"], "gestion", PAGE, {"onglet": "Logement", "logement": raw})
    assert not at.exception
    assert "Le numéro de logement de l'adresse n'est pas valide" in errors(at)[0]


def test_an_unknown_dwelling_is_said_in_french(stock):
    at = open_page(stock["db"], "gestion", PAGE, {"onglet": "Logement", "logement": "999"})
    assert errors(at) == [
        "Ce logement n'existe pas ou ne vous est pas accessible : choisissez-en un dans la liste."
    ]


@pytest.mark.parametrize("username", ["accueil", "analyste"])
def test_a_dwelling_address_is_refused_to_roles_without_housing(stock, username):
    query = {"onglet": "Logement", "logement": str(stock["lilas"]["id"])}
    at = open_page(stock["db"], username, PAGE, query)
    assert errors(at) == ["Cette page n'est pas accessible avec vos rôles."]
    assert "3 rue des Lilas, Bordeaux" not in headings(at)


def test_an_owner_opens_from_its_address(stock):
    sci = stock["owners"][0]["id"]
    at = open_page(
        stock["db"], "gestion", PAGE, {"onglet": "Propriétaires", "proprietaire": str(sci)}
    )
    assert "Logements de SCI Les Tilleuls : 2" in headings(at)
    at = open_page(stock["db"], "gestion", PAGE, {"onglet": "Propriétaires", "proprietaire": "²"})
    assert not at.exception
    assert "Le numéro de propriétaire de l'adresse n'est pas valide" in errors(at)[0]


def test_a_lead_opens_from_its_address(team):
    lead = lead_at(team, "visite", date(2026, 3, 2))
    at = open_page(team, "gestion", CAPTURE, {"piste": str(lead["id"])})
    assert not at.exception
    assert at.selectbox(key="piste_choisie").value == lead["id"]
    assert at.query_params["piste"] == str(lead["id"])
    at = open_page(team, "gestion", CAPTURE, {"piste": "abc"})
    assert "Le numéro de piste de l'adresse n'est pas valide" in errors(at)[0]
    at = open_page(team, "accueil", CAPTURE, {"piste": str(lead["id"])})
    assert errors(at) == ["Cette page n'est pas accessible avec vos rôles."]

"""One French message per kind of field, saying what is expected (issue 17): an empty
choice, a postcode wherever it is typed, a surface, an account's identifier, a length."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from db.accounts.users import NewUser
from db.households.models import ContactDetails
from db.housing.models import DwellingIn, LeadIn, OwnerIn
from db.validation import (
    AMOUNT_EXAMPLE,
    CHOOSE,
    PATTERNS,
    POSTCODE_EXPECTED,
    SURFACE_EXAMPLE,
    USERNAME_EXPECTED,
    french_errors,
)

ROOT = Path(__file__).parent.parent
DWELLING = {
    "address": "1 rue des Lilas",
    "postal_code": "33000",
    "commune": "Bordeaux",
    "typology": "T2",
    "rent": "450",
    "programme": "sous_location",
    "entered_on": "2026-01-01",
}


def messages(model: type[BaseModel], **data) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        model(**data)
    return french_errors(refused.value)


def test_an_empty_choice_asks_to_choose_not_valeur_invalide():
    assert messages(DwellingIn, **DWELLING | {"typology": None})["typology"] == CHOOSE


@pytest.mark.parametrize(
    "model, data",
    [
        (DwellingIn, DWELLING),
        (OwnerIn, {"kind": "particulier", "name": "Martin"}),
        (LeadIn, {}),
        (ContactDetails, {}),
    ],
    ids=["logement", "propriétaire", "piste", "demande"],
)
def test_a_postcode_gets_the_same_message_wherever_it_is_typed(model, data):
    assert messages(model, **data | {"postal_code": "330"})["postal_code"] == POSTCODE_EXPECTED


def test_a_surface_speaks_of_square_metres_not_of_money():
    said = messages(DwellingIn, **DWELLING | {"surface": "abc"})["surface"]
    assert said == SURFACE_EXAMPLE and said != AMOUNT_EXAMPLE
    assert DwellingIn(**DWELLING | {"surface": "45,5 m²"}).surface == 45.5


def test_an_identifier_says_which_characters_it_allows():
    refused = messages(
        NewUser,
        username="Jean Dupont",
        display_name="J",
        roles=["accueil"],
        password="un-mot-de-passe-assez-long-1",
    )
    assert refused["Identifiant"] == USERNAME_EXPECTED
    assert "minuscules" in USERNAME_EXPECTED and "(_)" in USERNAME_EXPECTED


def test_a_too_short_identifier_says_its_least_length():
    refused = messages(
        NewUser,
        username="j",
        display_name="J",
        roles=["accueil"],
        password="un-mot-de-passe-assez-long-1",
    )
    assert refused["Identifiant"] == "2 caractères au moins"


def test_every_pattern_of_a_model_has_its_message():
    """A pattern without its message would say « format invalide » and nothing more."""
    patterns = {
        keyword.value.value
        for path in (ROOT / "db").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg == "pattern" and isinstance(keyword.value, ast.Constant)
    }
    assert patterns and patterns <= set(PATTERNS)

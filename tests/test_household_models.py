"""Intake models: random bad input yields a validation error, never another exception."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from db.households.models import FIELD_LABELS, IntakeIn, normalise_phone, propose_family_type
from db.validation import french_errors
from tests.conftest import intake_fields

anything = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(),
    st.floats(),
    st.dates(),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
)
member = st.fixed_dictionaries(
    {},
    optional={
        "role": anything,
        "last_name": anything,
        "first_name": anything,
        "birth_date": anything,
        "sex": anything,
    },
)
intake = st.fixed_dictionaries(
    {},
    optional={
        "members": st.one_of(anything, st.lists(member, max_size=3)),
        "resources": st.one_of(
            anything,
            st.lists(
                st.dictionaries(
                    st.sampled_from(["member_index", "kind", "monthly_amount"]), anything
                ),
                max_size=3,
            ),
        ),
        "phone": anything,
        "email": anything,
        "postal_code": anything,
        "commune": anything,
        "family_type": anything,
        "housing_situation": anything,
        "prescriber": anything,
        "request_type": anything,
        "consent_on": anything,
        "first_note": anything,
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(intake)
def test_random_input_is_either_valid_or_a_french_validation_error(data):
    try:
        IntakeIn.model_validate(data)
    except ValidationError as exc:
        messages = french_errors(exc)
        assert messages and all(isinstance(m, str) and m for m in messages.values())


VALID = intake_fields(
    members=[
        {
            "role": "chef_menage",
            "last_name": "Dupont",
            "first_name": "Éloïse",
            "birth_date": date(1985, 3, 2),
            "sex": "F",
        }
    ]
)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"postal_code": "3300"}, "postal_code"),
        ({"phone": "12 34"}, "phone"),
        ({"email": "pas-un-mail"}, "email"),
        (
            {"members": [{**VALID["members"][0], "birth_date": date.today() + timedelta(days=1)}]},
            "birth_date",
        ),
        ({"members": [{**VALID["members"][0], "birth_date": date(1890, 1, 1)}]}, "birth_date"),
        (
            {
                "members": [
                    {
                        **VALID["members"][0],
                        "role": "enfant",
                        "birth_date": date.today() - timedelta(days=3000),
                    }
                ]
            },
            "members",
        ),
        (
            {"resources": [{"member_index": 0, "kind": "rsa", "monthly_amount": -1}]},
            "monthly_amount",
        ),
        (
            {"resources": [{"member_index": 0, "kind": "rsa", "monthly_amount": 50000}]},
            "monthly_amount",
        ),
        ({"family_type": "famille_royale"}, "family_type"),
    ],
)
def test_each_rule_refuses_its_field(change, field):
    with pytest.raises(ValidationError) as refused:
        IntakeIn.model_validate({**VALID, **change})
    locations = [e["loc"][-1] if e["loc"] else "" for e in refused.value.errors()]
    assert field in locations


def test_valid_intake_passes():
    assert IntakeIn.model_validate(VALID).anonymous is True


@pytest.mark.parametrize(
    "raw", ["0612345678", "06.12.34.56.78", "+33 6 12 34 56 78", "0033612345678"]
)
def test_phone_formats_are_normalised(raw):
    assert normalise_phone(raw) == "06 12 34 56 78"


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        (["chef_menage"], "isole"),
        (["chef_menage", "conjoint"], "couple"),
        (["chef_menage", "enfant"], "monoparentale"),
        (["chef_menage", "conjoint", "enfant"], "couple_enfants"),
        (["chef_menage", "autre_adulte", "autre_adulte"], "autre"),
    ],
)
def test_family_type_is_proposed_from_members(roles, expected):
    assert propose_family_type([{"role": r} for r in roles]) == expected


def test_household_rules_are_reported_with_the_other_fields_at_once():
    """« au moins un adulte » used to come only once every field was valid: at a second
    submit, after the postal code had been corrected."""
    child = {**VALID["members"][0], "role": "enfant", "birth_date": date(2020, 5, 1)}
    with pytest.raises(ValidationError) as refused:
        IntakeIn.model_validate({**VALID, "members": [child], "postal_code": "33"})
    messages = french_errors(refused.value, FIELD_LABELS)
    assert messages["Membre"] == "le ménage compte au moins un adulte"
    assert "Code postal" in messages


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("85,50", Decimal("85.50")),
        ("85.50", Decimal("85.50")),
        ("1 234,50", Decimal("1234.50")),
        ("1\u202f234,50 €", Decimal("1234.50")),
        ("607,75", Decimal("607.75")),
        ("0", Decimal("0")),
    ],
)
def test_amounts_typed_the_french_way_are_saved_exactly(typed, saved):
    resource = {"member_index": 0, "kind": "rsa", "monthly_amount": typed}
    assert (
        IntakeIn.model_validate({**VALID, "resources": [resource]}).resources[0].monthly_amount
        == saved
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-50", "supérieur ou égal à 0"),
        ("abc", "par exemple 85,50"),
        ("12,345", "2 chiffres après la virgule"),
        ("", "à renseigner"),
        ("20000,01", "inférieur ou égal à 20\u202f000"),
    ],
)
def test_a_bad_amount_is_refused_in_french(typed, message):
    resource = {"member_index": 0, "kind": "rsa", "monthly_amount": typed}
    with pytest.raises(ValidationError) as refused:
        IntakeIn.model_validate({**VALID, "resources": [resource]})
    assert message in french_errors(refused.value, FIELD_LABELS)["Ressource 1 — Montant mensuel"]

"""A household holds one lease at a time, whatever the dwelling (db/housing/leases.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import queries
from db.errors import ValidationFailed
from db.housing import writes as housing
from db.housing.models import DwellingIn, LeaseEndIn, LeaseIn
from db.rules import Actor
from tests.conftest import make_tenant
from tests.household_builders import a_file_of

STAFF = Actor.system("tests")


def second_dwelling(database, owner_id: int) -> int:
    dwelling = DwellingIn(
        owner_id=owner_id,
        address="8 allée Seconde",
        commune="Cenon",
        typology="T3",
        rent="500",
        programme="sous_location",
        entered_on=date(2020, 1, 1),
    )
    return housing.add_dwelling(database, STAFF, dwelling)["id"]


def test_a_household_holds_one_lease_at_a_time(demo_database):
    hid = a_file_of(demo_database)
    first = make_tenant(demo_database, hid, days_ago=100)
    owner = queries.run(demo_database, "housing/owners", limit=1, offset=0)["id"][0]
    other = second_dwelling(demo_database, owner)
    overlapping = LeaseIn(kind="sous_location", household_id=hid, start_on=date.today())
    with pytest.raises(ValidationFailed) as refusal:
        housing.sign_lease(demo_database, STAFF, other, overlapping)
    assert refusal.value.field == "household_id"
    assert f"(bail n° {first['id']})" in str(refusal.value)
    assert "un ménage n'a qu'un bail à la fois" in str(refusal.value)
    last_day = date.today() - timedelta(days=1)
    end = LeaseEndIn(end_on=last_day, end_reason="conge_locataire")
    housing.end_lease(demo_database, STAFF, first["id"], first["version"], end)
    moved = housing.sign_lease(demo_database, STAFF, other, overlapping)  # the next day: fine
    assert moved["start_on"] == last_day + timedelta(days=1)
    leases = queries.run(
        demo_database,
        "housing/household_lease_clash",
        household_id=hid,
        start_on=last_day,
        end_on=last_day,
    )
    assert leases["id"].to_list() == [first["id"]]

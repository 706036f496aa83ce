"""The household's file shows its housing history through the association: its leases."""

from __future__ import annotations

from datetime import timedelta

import queries
from db import clock
from db.housing.models import LeaseEndIn
from db.housing.writes import end_lease
from db.rules import Actor
from tests.conftest import make_tenant
from tests.household_builders import a_file_of, open_file


def test_the_file_shows_its_leases_with_the_association(demo_database):
    hid = a_file_of(demo_database)
    lease = make_tenant(demo_database, hid, days_ago=0)
    at = open_file(demo_database, "social", hid)
    expected = (
        f"T2, {hid} rue des Tests, Bordeaux — Sous-location "
        f"du {lease['start_on']:%d/%m/%Y}, en cours"
    )
    assert expected in [t.value for t in at.text]
    assert "**Logé par l'association**" in [m.value for m in at.markdown]


def test_the_leases_of_a_household_first_one_first_with_how_they_ended(demo_database):
    hid = a_file_of(demo_database)
    first = make_tenant(demo_database, hid, days_ago=400)
    ended_on = clock.today() - timedelta(days=200)
    end = LeaseEndIn(end_on=ended_on, end_reason="conge_locataire")
    end_lease(demo_database, Actor.system("tests"), first["id"], first["version"], end)
    second = make_tenant(demo_database, hid, days_ago=100)
    rows = queries.run(demo_database, "housing/household_leases", household_id=hid)
    assert rows.select("id", "end_on", "end_reason").rows() == [
        (first["id"], ended_on, "conge_locataire"),
        (second["id"], None, None),
    ]

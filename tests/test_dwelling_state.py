"""A dwelling's state on a day comes from one place (dwelling_state, migration 012: its
leases and its time in the stock), and the dwelling's sheet, the stock's list and counts,
the dashboard's drill list and its portable KPI agree with it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import queries
from db import clock
from db.housing import writes as housing
from db.housing.models import LeaseEndIn, LeaseIn
from queries.kpi import Filters
from tests.conftest import open_page
from tests.housing_builders import PAGE, build_stock, open_dwelling, table


@pytest.fixture
def stock(database):
    return build_stock(database)


def sheet_lines(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def stock_row(at, address: str):
    listed = table(at, "Adresse")
    return listed[listed["Adresse"] == address].iloc[0]


def test_a_signed_sublease_makes_the_sheet_and_the_stock_say_occupied_its_end_vacant(
    stock,
):
    """The record of « 3 rue des Lilas » says vacant: the lease, not the record, decides."""
    db, gestion, lilas = stock["db"], stock["gestion"], stock["lilas"]
    lease = housing.sign_lease(
        db,
        gestion,
        lilas["id"],
        LeaseIn(
            kind="sous_location",
            household_id=stock["homes"][0]["id"],
            start_on=clock.today() - timedelta(days=10),
        ),
    )
    at = open_dwelling(db, "gestion", lilas["id"])
    lines = sheet_lines(at)
    assert "**Statut aujourd'hui** : Occupé" in lines and "Occupant aujourd'hui" in lines
    assert "Vacant" not in lines
    at = open_page(db, "gestion", PAGE)
    assert stock_row(at, "3 rue des Lilas")["Statut"] == "Occupé"
    counts = table(at, "Dispositif")
    sub = counts[counts["Dispositif"] == "Sous-location / intermédiation locative"].iloc[0]
    assert (sub["Vacant"], sub["Occupé"]) == (1, 1)  # Lilas occupied, the Parc vacant

    housing.end_lease(
        db,
        gestion,
        lease["id"],
        lease["version"],
        LeaseEndIn(end_on=clock.today() - timedelta(days=1), end_reason="conge_locataire"),
    )
    at = open_dwelling(db, "gestion", lilas["id"])
    lines = sheet_lines(at)
    assert "**Statut aujourd'hui** : Vacant" in lines and "Occupant aujourd'hui" not in lines
    at = open_page(db, "gestion", PAGE)
    assert stock_row(at, "3 rue des Lilas")["Statut"] == "Vacant"


def test_works_ticked_on_the_record_are_the_state_unless_a_household_lives_there(
    stock,
):
    db = stock["db"]
    lilas = stock["lilas"]["id"]
    db.cursor().execute("UPDATE dwelling SET status = 'travaux' WHERE id = ?", [lilas])
    day = date(2025, 6, 1)
    state = db.cursor().execute("SELECT dwelling_state(?, ?)", [stock["lilas"]["id"], day])
    assert state.fetchone()[0] == "travaux"
    housing.sign_lease(
        db,
        stock["gestion"],
        stock["lilas"]["id"],
        LeaseIn(kind="sous_location", household_id=stock["homes"][0]["id"], start_on=day),
    )
    state = db.cursor().execute("SELECT dwelling_state(?, ?)", [stock["lilas"]["id"], day])
    assert state.fetchone()[0] == "occupe"


def test_the_portable_stock_kpi_and_the_drill_agree_with_dwelling_state(demo_database):
    """kpi/stock writes the rule out for SQLite (the benchmark): on the demo's stock, on
    several days, it counts what dwelling_state says, and so does the drill list."""
    cur = demo_database.cursor()
    for day in (date(2021, 6, 30), date(2024, 1, 1), clock.today()):
        params = {"start": date(day.year, 1, 1), "end": day, **Filters().as_params()}
        kpi = queries.run(demo_database, "kpi/stock", **params)
        expected = cur.execute(
            "SELECT programme, dwelling_state(d.id, ?) AS state, count(*) FROM dwelling d"
            " WHERE dwelling_state(d.id, ?) NOT IN ('prevu', 'restitue')"
            " GROUP BY ALL ORDER BY ALL",
            [day, day],
        ).fetchall()
        assert kpi.rows() == expected and expected, day
        drill = queries.run(demo_database, "kpi_drill/dwellings", **params)
        states = dict(
            cur.execute("SELECT id, dwelling_state(id, ?) FROM dwelling", [day]).fetchall()
        )
        assert all(states[r["dwelling_id"]] == r["state"] for r in drill.iter_rows(named=True))

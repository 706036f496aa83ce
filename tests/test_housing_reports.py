"""What the housing screens and reports read (queries/housing): occupancy and vacancy,
the capture funnel, households rehoused through a lease; every figure computed by hand
from the fixtures below. Dates are inclusive: a lease's end_on is its last day occupied."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import queries
from db.demo.generate import create_demo_accounts
from db.households import writes as households
from db.households.models import IntakeIn
from db.housing import capture
from db.housing import writes as housing
from db.housing.models import AbandonIn, ConversionIn, DwellingIn, LeadIn, LeaseIn, MoveIn, OwnerIn
from tests.conftest import actor_of, intake_fields

JANUARY_TO_MARCH = {"start": date(2025, 1, 1), "end": date(2025, 3, 31)}  # 90 days
YEAR_2025 = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}


@pytest.fixture
def team(database):
    create_demo_accounts(database)
    return database


@pytest.fixture
def gestion(team):
    return actor_of(team, "gestion")


@pytest.fixture
def homes(team) -> list[int]:
    social = actor_of(team, "social")
    return [
        households.create_intake(
            team, social, IntakeIn.model_validate(intake_fields(name, referent="social"))
        )["id"]
        for name in ("Aubert", "Brisson", "Carrel")
    ]


def flat(owner_id, entered_on, rent, left_on=None) -> DwellingIn:
    return DwellingIn(
        owner_id=owner_id,
        address="3 rue des Lilas",
        commune="Bordeaux",
        typology="T2",
        rent=rent,
        programme="sous_location",
        entered_on=entered_on,
        left_on=left_on,
    )


def sublease(household_id, start_on, end_on=None) -> LeaseIn:
    return LeaseIn(
        kind="sous_location", household_id=household_id, start_on=start_on, end_on=end_on
    )


@pytest.fixture
def stock(team, gestion, homes) -> dict:
    """A: in stock since June 2024 (600 €), let until 31 January then from 1 March, under
    the association's main lease; B: enters on 15 February (450 €), let 10 to 20 March;
    C: left the stock at the end of 2024."""
    owner = housing.add_owner(team, gestion, OwnerIn(kind="sci", name="SCI Les Tilleuls"))["id"]
    a = housing.add_dwelling(team, gestion, flat(owner, date(2024, 6, 1), "600"))["id"]
    b = housing.add_dwelling(team, gestion, flat(owner, date(2025, 2, 15), "450"))["id"]
    c = housing.add_dwelling(
        team, gestion, flat(owner, date(2024, 1, 1), "500", date(2024, 12, 31))
    )["id"]
    main = LeaseIn(kind="bail_principal", start_on=date(2024, 6, 1))
    housing.sign_lease(team, gestion, a, main)
    housing.sign_lease(team, gestion, a, sublease(homes[0], date(2024, 9, 1), date(2025, 1, 31)))
    housing.sign_lease(team, gestion, a, sublease(homes[1], date(2025, 3, 1)))
    housing.sign_lease(team, gestion, b, sublease(homes[2], date(2025, 3, 10), date(2025, 3, 20)))
    return {"a": a, "b": b, "c": c}


def test_vacancy_days_and_rent_lost_per_dwelling(team, stock):
    frame = queries.run(team, "housing/occupancy", **JANUARY_TO_MARCH)
    rows = frame.select(
        "dwelling_id", "stock_days", "occupied_days", "vacancy_days", "rent_lost"
    ).rows()
    assert rows == [
        # January 31 days + March 31 days let; February vacant: 28 × 600 / 30.
        (stock["a"], 90, 62, 28, Decimal("560.00")),
        # 15 February to 31 March: 45 days, 11 let; 34 × 450 / 30.
        (stock["b"], 45, 11, 34, Decimal("510.00")),
    ]


def test_the_stock_occupancy_rate_weighs_each_day_in_the_stock(team, stock):
    frame = queries.run(team, "housing/occupancy", **JANUARY_TO_MARCH)
    assert frame["stock_occupancy_rate"].unique().to_list() == [pytest.approx(73 / 135)]


def test_a_lease_ending_on_the_first_day_counts_that_day_occupied(team, stock):
    one_day = {"start": date(2025, 1, 31), "end": date(2025, 2, 1)}
    frame = queries.run(team, "housing/occupancy", **one_day)
    assert frame.select("dwelling_id", "occupied_days", "vacancy_days").rows() == [
        (stock["a"], 1, 1)
    ]


def test_households_rehoused_by_their_first_lease(team, stock, homes):
    frame = queries.run(team, "housing/rehoused_by_lease", **YEAR_2025)
    # The first household's first lease began in 2024: not rehoused in 2025.
    assert frame.select("household_id", "rehoused_on", "dwelling_id").rows() == [
        (homes[1], date(2025, 3, 1), stock["a"]),
        (homes[2], date(2025, 3, 10), stock["b"]),
    ]


def test_overlapping_leases_share_a_day(team, stock, homes):
    def clashes(start_on, end_on):
        rows = queries.run(
            team,
            "housing/overlapping_leases",
            dwelling_id=stock["a"],
            start_on=start_on,
            end_on=end_on,
            except_id=None,
        )
        return rows["start_on"].to_list()

    assert clashes(date(2025, 2, 1), date(2025, 2, 28)) == []  # February is free
    assert clashes(date(2025, 1, 31), date(2025, 2, 28)) == [date(2024, 9, 1)]
    assert clashes(date(2025, 2, 1), date(2025, 3, 1)) == [date(2025, 3, 1)]
    assert clashes(date(2030, 1, 1), None) == [date(2025, 3, 1)]  # open-ended


def test_records_carry_the_name_of_who_saved_them_last(team, stock):
    dwelling = queries.run_one(team, "housing/dwelling", record_id=stock["a"])
    assert (dwelling["owner_name"], dwelling["updated_by_name"]) == (
        "SCI Les Tilleuls",
        "Gilles Gestion",
    )
    leases = queries.run(team, "housing/dwelling_leases", dwelling_id=stock["a"])
    lease = queries.run_one(team, "housing/lease", record_id=leases["id"][-1])
    assert (lease["kind"], lease["updated_by_name"]) == ("bail_principal", "Gilles Gestion")


# The capture funnel -------------------------------------------------------------------


def lead(team, gestion, on: date) -> int:
    fields = LeadIn(owner_name="M. Roux", address="1 rue Neuve", commune="Pessac", source="annonce")
    return capture.add_lead(team, gestion, fields, on)["id"]


def moves(team, gestion, lead_id: int, *steps) -> int:
    version = 1
    for stage, on in steps:
        move = MoveIn(stage=stage, moved_on=on)
        version = capture.move_lead(team, gestion, lead_id, version, move)["version"]
    return version


def abandon(team, gestion, lead_id, version, on, reason):
    capture.abandon_lead(
        team, gestion, lead_id, version, AbandonIn(abandoned_on=on, abandoned_reason=reason)
    )


@pytest.fixture
def pipeline(team, gestion) -> dict:
    """1: identified 10/01, contacted 20/01, visited 01/02, convention 01/03, converted;
    2: identified 05/01, visited 25/01 (skipping « contacté »), abandoned 01/02;
    3: identified in 2024, contacted 04/01, abandoned 01/03; 4: identified 01/06,
    abandoned 15/06 (owner unreachable)."""
    first = lead(team, gestion, date(2025, 1, 10))
    version = moves(
        team,
        gestion,
        first,
        ("contacte", date(2025, 1, 20)),
        ("visite", date(2025, 2, 1)),
        ("convention_signee", date(2025, 3, 1)),
    )
    conversion = ConversionIn(
        owner=OwnerIn(kind="personne_privee", name="M. Roux"),
        dwelling=flat(None, date(2025, 4, 1), "480"),
        lease={"kind": "mandat_gestion", "start_on": date(2025, 4, 1)},
    )
    capture.convert_lead(team, gestion, first, version, conversion)
    second = lead(team, gestion, date(2025, 1, 5))
    version = moves(team, gestion, second, ("visite", date(2025, 1, 25)))
    abandon(team, gestion, second, version, date(2025, 2, 1), "loyer_trop_eleve")
    third = lead(team, gestion, date(2024, 12, 20))
    version = moves(team, gestion, third, ("contacte", date(2025, 1, 4)))
    abandon(team, gestion, third, version, date(2025, 3, 1), "loyer_trop_eleve")
    fourth = lead(team, gestion, date(2025, 6, 1))
    abandon(team, gestion, fourth, 1, date(2025, 6, 15), "injoignable")
    return {"converted": first}


def test_the_funnel_counts_leads_entering_and_reaching_each_stage(team, pipeline):
    frame = queries.run(team, "housing/funnel", **YEAR_2025)
    assert frame.select("stage", "entered", "reached").rows() == [
        ("identifie", 3, 4),  # the third lead was identified in 2024
        ("contacte", 2, 3),  # the second skipped it: passed all the same
        ("visite", 2, 2),
        ("proposition", 0, 1),
        ("negociation", 0, 1),
        ("convention_signee", 1, 1),
        ("mis_en_location", 0, 0),
    ]
    assert frame["conversion"].to_list() == [None, 0.75, pytest.approx(2 / 3), 0.5, 1, 1, 0]


def test_the_funnel_median_days_per_stage(team, pipeline):
    frame = queries.run(team, "housing/funnel", **YEAR_2025)
    medians = dict(frame.select("stage", "median_days").rows())
    # identifié: 10 days (first) and 20 days (second); the fourth was abandoned there.
    assert medians["identifie"] == 15
    assert (medians["contacte"], medians["visite"]) == (12, 28)
    assert medians["convention_signee"] is None  # still there


def test_dwellings_captured_per_year_and_why_leads_were_abandoned(team, pipeline):
    captured = queries.run(team, "housing/captured_by_year", **YEAR_2025)
    assert captured.rows() == [(2025, 1)]
    reasons = queries.run(team, "housing/abandon_reasons", **YEAR_2025)
    assert reasons.rows() == [("loyer_trop_eleve", 2), ("injoignable", 1)]
    first_quarter = {"start": date(2025, 1, 1), "end": date(2025, 3, 31)}
    assert queries.run(team, "housing/abandon_reasons", **first_quarter).rows() == [
        ("loyer_trop_eleve", 2)
    ]

"""The queries behind « Logements » (queries/housing), on the page tests' stock:
answers worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import queries
from db.housing import writes as housing
from db.housing.models import LeaseIn
from tests.housing_builders import build_stock

ANY = {"programme": None, "status": None, "commune": None, "typology": None}


@pytest.fixture
def stock(database):
    return build_stock(database)


def sign(made, dwelling, household, start, kind="sous_location", end=None, slide=None):
    return housing.sign_lease(
        made["db"],
        made["gestion"],
        made[dwelling]["id"],
        LeaseIn(
            kind=kind,
            household_id=household["id"],
            start_on=start,
            end_on=end,
            planned_slide_on=slide,
        ),
    )


def test_the_stock_filters_and_its_occupant_on_the_day(stock):
    aubert = stock["homes"][0]
    sign(stock, "parc", aubert, date(2025, 3, 1), end=date(2025, 3, 31))
    db = stock["db"]

    def listed(today, **filters):
        params = {
            **ANY,
            "owner_id": None,
            "dwelling_id": None,
            "today": today,
            "limit": None,
            "offset": 0,
            **filters,
        }
        return queries.run(db, "housing/stock", **params)

    every = listed(date(2025, 3, 31))
    assert every["address"].to_list() == ["3 rue des Lilas", "8 rue des Roses", "1 allée du Parc"]
    assert every["occupant_file_number"].to_list() == [None, None, aubert["file_number"]]
    # The lease's end_on is its last day: the day after, nobody occupies the dwelling.
    assert listed(date(2025, 4, 1))["occupant_id"].to_list() == [None, None, None]
    assert listed(date(2025, 3, 31), commune="Bordeaux", programme="sous_location")[
        "address"
    ].to_list() == ["3 rue des Lilas"]
    assert listed(date(2025, 3, 31), owner_id=stock["owners"][1]["id"])["id"].to_list() == [
        stock["parc"]["id"]
    ]
    # The database cuts the page and counts the whole list.
    page = listed(date(2025, 3, 31), limit=1, offset=1)
    assert page.select("address", "total").rows() == [("8 rue des Roses", 3)]
    one = listed(date(2025, 3, 31), dwelling_id=stock["roses"]["id"])
    assert one["address"].to_list() == ["8 rue des Roses"]


def test_the_counts_by_programme_and_state_on_the_day(stock):
    """The state comes from the leases and the dates (dwelling_state), not from the status
    typed on the record: « occupé » on the fixture's records without a lease is vacant."""
    aubert, brisson = stock["homes"]
    sign(stock, "roses", aubert, date(2025, 1, 1), "bail_glissant")
    sign(stock, "parc", brisson, date(2025, 2, 1), end=date(2025, 6, 30))
    day = {"today": date(2025, 3, 1)}
    counts = queries.run(stock["db"], "housing/stock_counts", **ANY, **day)
    assert counts.rows() == [
        ("bail_glissant", "occupe", 1),
        ("sous_location", "occupe", 1),
        ("sous_location", "vacant", 1),
    ]
    bordeaux = queries.run(
        stock["db"], "housing/stock_counts", **{**ANY, "commune": "Bordeaux"}, **day
    )
    assert bordeaux.rows() == [("bail_glissant", "occupe", 1), ("sous_location", "vacant", 1)]
    later = queries.run(stock["db"], "housing/stock_counts", **ANY, today=date(2025, 7, 1))
    assert later.rows() == [("bail_glissant", "occupe", 1), ("sous_location", "vacant", 2)]
    before = queries.run(stock["db"], "housing/stock_counts", **ANY, today=date(2024, 12, 1))
    assert before.rows() == [("bail_glissant", "prevu", 1), ("sous_location", "prevu", 2)]


def test_the_slides_due_by_a_day_overdue_ones_flagged(stock):
    aubert, brisson = stock["homes"]
    late = sign(stock, "roses", aubert, date(2025, 1, 1), "bail_glissant", slide=date(2025, 5, 1))
    sign(stock, "lilas", brisson, date(2025, 1, 1), "bail_glissant", slide=date(2025, 9, 2))
    due = queries.run(
        stock["db"],
        "housing/slides_due",
        today=date(2025, 6, 1),
        until=date(2025, 9, 1),
        limit=50,
        offset=0,
    )
    assert due.select("lease_id", "overdue").rows() == [(late["id"], True)]
    later = queries.run(
        stock["db"],
        "housing/slides_due",
        today=date(2025, 6, 1),
        until=date(2025, 9, 2),
        limit=50,
        offset=0,
    )
    assert later["overdue"].to_list() == [True, False]
    assert later["total"].to_list() == [2, 2]


def test_the_owners_with_their_dwellings(stock):
    owners = queries.run(stock["db"], "housing/owners", limit=50, offset=0)
    assert owners.select("name", "dwellings", "total").rows() == [
        ("SCI Les Tilleuls", 2, 2),
        ("Ville de Talence", 1, 2),
    ]
    second = queries.run(stock["db"], "housing/owners", limit=1, offset=1)
    assert second.select("name", "total").rows() == [("Ville de Talence", 2)]


def test_the_households_a_lease_may_be_signed_with(stock):
    rows = queries.run(stock["db"], "housing/active_households", term=None, limit=20)
    assert rows.select("file_number", "head_name").rows() == [
        (stock["homes"][0]["file_number"], "AUBERT Éloïse"),
        (stock["homes"][1]["file_number"], "BRISSON Éloïse"),
    ]
    found = queries.run(stock["db"], "housing/active_households", term="eloise bri", limit=20)
    assert found["head_name"].to_list() == ["BRISSON Éloïse"]
    number = stock["homes"][0]["file_number"]
    assert queries.run(stock["db"], "housing/active_households", term=number, limit=20)[
        "head_name"
    ].to_list() == ["AUBERT Éloïse"]
    assert queries.run(stock["db"], "housing/active_households", term=None, limit=1).height == 1


def test_the_stock_occupancy_of_a_year_on_the_page(stock):
    """3 dwellings in the stock all of 2025 (1 095 days), one let all year (365 days):
    33,3 %, 730 days of vacancy, twice 365 × 520,00 € ÷ 30 = 6 326,67 € of rent lost."""
    from db.french import fr_amount
    from tests.conftest import open_page
    from tests.housing_builders import PAGE

    sign(stock, "parc", stock["homes"][0], date(2025, 1, 1), end=date(2025, 12, 31))
    at = open_page(stock["db"], "gestion", PAGE)
    at.selectbox(key="parc_year").set_value(2025).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Taux d'occupation": "33,3\u202f%",
        "Jours de vacance": "730",
        "Loyer perdu": fr_amount(Decimal("12653.34")),
    }

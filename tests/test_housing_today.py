"""No day still to come is counted: a year of the stock or of a dwelling's sheet runs from
01/01 to today (ui/housing/shape.year_so_far, on periods.year and db/clock), and the
screen says which days it counted. Today is fixed at 05/12/2026 (db/clock.today)."""

from __future__ import annotations

from datetime import date

import pytest

import queries
from db import clock
from db.housing import writes as housing
from db.housing.models import LeaseIn
from queries.kpi import Filters, periods
from tests.conftest import open_page
from tests.housing_builders import PAGE, build_stock, open_dwelling

TODAY = date(2026, 12, 5)
SPAN = "du 01/01/2026 au 05/12/2026"
# Lilas, in the stock since 2025: let from 01/01 to 19/11/2026, vacant since 20/11.
VACANT_DAYS = 16  # 20/11 to 05/12, not the 42 days to 31/12


@pytest.fixture
def stock(database):
    return build_stock(database)


@pytest.fixture
def vacant_since_20_11(stock, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    housing.sign_lease(
        stock["db"],
        stock["gestion"],
        stock["lilas"]["id"],
        LeaseIn(
            kind="sous_location",
            household_id=stock["homes"][0]["id"],
            start_on=date(2026, 1, 1),
            end_on=date(2026, 11, 19),
        ),
    )
    return stock


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_dwelling_sheet_counts_its_vacancy_up_to_today(vacant_since_20_11):
    at = open_dwelling(vacant_since_20_11["db"], "gestion", vacant_since_20_11["lilas"]["id"])
    shown = metrics(at)
    assert shown["Jours de vacance"] == str(VACANT_DAYS)
    assert shown["Jours dans le parc"] == "339"
    assert shown["Loyer perdu"].startswith("277,33")  # 16 × 520 € ÷ 30
    assert any(SPAN in c.value for c in at.caption)


def test_the_stock_counts_its_year_up_to_today(vacant_since_20_11):
    at = open_page(vacant_since_20_11["db"], "gestion", PAGE)
    # Lilas 16 days, Roses and Parc (no household lease) every day of 2026 so far.
    assert metrics(at)["Jours de vacance"] == "694"  # 16 + 339 + 339
    assert any(f"Logements listés, {SPAN}" in c.value for c in at.caption)


def test_the_dashboard_and_the_report_housing_figures_stop_at_today(vacant_since_20_11):
    """Their periods come from periods.year(…, today): the KPIs never reach 31/12."""
    period = periods.year(2026, clock.today())
    assert (period.start, period.end) == (date(2026, 1, 1), TODAY)
    params = {"start": period.start, "end": period.end, **Filters().as_params()}
    vacancy = queries.run(vacant_since_20_11["db"], "kpi/vacancy_days", **params)
    assert int(vacancy["vacancy_days"].sum()) == 694
    occupancy = queries.run(vacant_since_20_11["db"], "kpi/occupancy_rate", **params)
    assert int(occupancy["stock_days"].sum()) == 3 * 339

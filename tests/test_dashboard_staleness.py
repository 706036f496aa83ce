"""The live dashboard's figures under writes: served for at most its refresh interval after
a write, instead of being recomputed at every write (bench/load.py: with intakes saved every
few seconds, every open dashboard recomputed every KPI each time, and every session waited)."""

from __future__ import annotations

import time

import queries.kpi as kpis
from db import clock
from db.households.models import IntakeIn
from db.households.writes import create_intake
from queries.kpi import periods
from tests.conftest import actor_of, intake_fields
from ui.dashboard import data

WELCOMED = "welcomed"


def welcomed(shown: list[kpis.Result]) -> float:
    return next(result.value for result in shown if result.kpi.key == WELCOMED)


def save_an_intake(database, name: str) -> None:
    intake = IntakeIn(**intake_fields(name, consent_on=clock.today()))
    create_intake(database, actor_of(database, "accueil"), intake)


def this_year() -> periods.Period:
    return periods.year(clock.today().year, clock.today())


def test_a_write_within_the_interval_recomputes_nothing(demo_database):
    period, everyone = this_year(), kpis.Filters()
    first = data.results(demo_database, period, everyone, period.start, max_age_s=3600)
    save_an_intake(demo_database, "Vasseur")
    again = data.results(demo_database, period, everyone, period.start, max_age_s=3600)
    assert again is first  # the same figures, not a recomputation
    fresh = data.results(demo_database, period, everyone, period.start)
    assert welcomed(fresh) == welcomed(first) + 1


def test_the_figures_follow_the_write_once_the_interval_is_over(demo_database):
    period, everyone = this_year(), kpis.Filters()
    first = data.results(demo_database, period, everyone, period.start, max_age_s=0.2)
    save_an_intake(demo_database, "Lemaire")
    time.sleep(0.3)
    later = data.results(demo_database, period, everyone, period.start, max_age_s=0.2)
    assert welcomed(later) == welcomed(first) + 1
    updated = data.computed_at(demo_database, period, everyone, period.start)
    assert (clock.now() - updated).total_seconds() < 5


def test_the_charts_follow_the_figures_shown_not_every_write(demo_database):
    """The charts are cached by the version of the figures shown (ui/dashboard/tiles.py):
    a write within the interval leaves that version, hence the charts, as they are."""
    period, everyone = this_year(), kpis.Filters()
    data.results(demo_database, period, everyone, period.start, max_age_s=3600)
    shown = data.served_version(demo_database, period, everyone, period.start)
    save_an_intake(demo_database, "Carpentier")
    data.results(demo_database, period, everyone, period.start, max_age_s=3600)
    assert data.served_version(demo_database, period, everyone, period.start) == shown
    assert demo_database.data_version > shown
    data.results(demo_database, period, everyone, period.start)
    assert data.served_version(demo_database, period, everyone, period.start) > shown

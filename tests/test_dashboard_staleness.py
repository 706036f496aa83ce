"""The live dashboard's figures under writes (ui/dashboard/data.py): served for at most its
refresh interval after a write, then recomputed in the background while the figures already
computed are shown, never in a person's rerun but for the first (bench/load.py: with intakes
saved every few seconds, every open dashboard recomputed every KPI inside someone's click)."""

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
SHORT = 0.2  # a refresh interval the tests can outlast


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
    exact = data.results(demo_database, period, everyone, period.start)  # the report's way
    assert welcomed(exact) == welcomed(first) + 1


def test_once_the_interval_is_over_the_rerun_waits_for_no_recomputation(demo_database):
    period, everyone = this_year(), kpis.Filters()
    first = data.results(demo_database, period, everyone, period.start, max_age_s=SHORT)
    save_an_intake(demo_database, "Lemaire")
    time.sleep(SHORT + 0.1)
    meanwhile = data.results(demo_database, period, everyone, period.start, max_age_s=SHORT)
    assert meanwhile is first  # shown at once; the new figures are computed aside
    data.wait_for_refresh(demo_database, period, everyone, period.start, timeout_s=60)
    later = data.results(demo_database, period, everyone, period.start, max_age_s=SHORT)
    assert welcomed(later) == welcomed(first) + 1
    updated = data.live(demo_database, period, everyone, period.start, max_age_s=SHORT).at
    assert (clock.now() - updated).total_seconds() < 60


def test_the_charts_follow_the_figures_shown_not_every_write(demo_database):
    """The charts are cached by the version of the figures shown (ui/dashboard/tiles.py),
    read with them in one object: a write within the interval leaves that version, hence
    the charts, as they are; a refresh brings figures and version together."""
    period, everyone = this_year(), kpis.Filters()
    first = data.live(demo_database, period, everyone, period.start, max_age_s=SHORT)
    save_an_intake(demo_database, "Carpentier")
    again = data.live(demo_database, period, everyone, period.start, max_age_s=3600)
    assert again is first
    assert demo_database.data_version > first.version
    time.sleep(SHORT + 0.1)
    data.live(demo_database, period, everyone, period.start, max_age_s=SHORT)
    data.wait_for_refresh(demo_database, period, everyone, period.start, timeout_s=60)
    later = data.live(demo_database, period, everyone, period.start, max_age_s=3600)
    assert later.version > first.version
    assert welcomed(later.results) == welcomed(first.results) + 1


def test_another_filter_is_never_served_the_figures_of_the_one_before(demo_database):
    """Filters changed while the figures of the filters before are recomputed in the
    background: the new filters get their own figures, computed for them, and the screen
    knows they are not ready yet (ui/dashboard/live.py then says « Mise à jour des
    chiffres… » instead of leaving the previous ones in sight)."""
    period, since = this_year(), this_year().start
    everyone, one_commune = kpis.Filters(), kpis.Filters(commune="Pessac")
    data.results(demo_database, period, everyone, since, max_age_s=SHORT)
    save_an_intake(demo_database, "Perrin")
    time.sleep(SHORT + 0.1)
    data.results(demo_database, period, everyone, since, max_age_s=SHORT)  # a refresh starts
    assert not data.ready(demo_database, period, one_commune, since)
    assert not data.refreshing(demo_database, period, one_commune, since)
    shown = data.results(demo_database, period, one_commune, since, max_age_s=SHORT)
    exact = data.results(demo_database, period, one_commune, since)  # the report's way
    assert welcomed(shown) == welcomed(exact)
    assert data.ready(demo_database, period, one_commune, since)
    data.wait_for_refresh(demo_database, period, everyone, since, timeout_s=60)
    assert data.ready(demo_database, period, everyone, since)
    assert not data.refreshing(demo_database, period, everyone, since)

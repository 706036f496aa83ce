"""The dashboard draws its cards first (issue 19: at 200 000 households its 25 plotly
charts took 0.6 to 3.7 s to draw in Chromium, its figures 0.1 s): a section's charts only
once « Afficher les graphiques » is on for it, a switch kept in the address; and sessions
showing the same view share its figures and its charts, computed once for the process."""

from __future__ import annotations

import pytest

from tests.conftest import open_page
from tests.support_builders import household, team_on_the_day
from ui.dashboard import charts, data, tiles

PAGE = "pages/dashboard.py"
SECTIONS = ("Ménages", "Accompagnement", "Logements", "Captation", "Équipe")


@pytest.fixture
def team(database, monkeypatch, admin):
    team_on_the_day(database, monkeypatch)
    for name in ("Aubert", "Brisson", "Carrel"):
        household(database, admin, "social", name)
    return database


def page(team, user: str = "direction", **query):
    at = open_page(team, user, PAGE, query)
    assert not at.exception, at.exception
    return at


def plotly_charts(at) -> list:
    return list(at.get("plotly_chart"))


def test_the_cards_are_drawn_and_no_chart_until_asked(team):
    at = page(team)
    assert any(m.label == "Ménages accueillis" and m.value == "3" for m in at.metric)
    assert not plotly_charts(at)
    assert [t.label for t in at.toggle if t.key.startswith("graphiques_")] == [
        tiles.SHOW_CHARTS
    ] * len(SECTIONS)


def test_a_section_switched_on_draws_its_charts_and_only_its_own(team):
    at = page(team)
    at.toggle(key="graphiques_menages").set_value(True).run()
    assert not at.exception, at.exception
    drawn = plotly_charts(at)
    assert drawn
    # The address itself is rewritten by the browser (tests/browser/test_dashboard_journey.py);
    # reading it back is test_the_charts_are_drawn_from_the_address's.
    at.toggle(key="graphiques_menages").set_value(False).run()
    assert not plotly_charts(at)
    assert len(drawn) < 25  # the other sections' charts were never drawn


def test_the_charts_are_drawn_from_the_address(team):
    at = page(team, graphiques_equipe="true")
    assert at.toggle(key="graphiques_equipe").value
    assert plotly_charts(at)


def test_the_same_view_in_two_sessions_is_computed_once(team):
    computed, built = data.computations, charts.built
    first = page(team, graphiques_menages="true")
    assert data.computations == computed + 1
    made = charts.built - built
    assert made == len(plotly_charts(first)) > 0
    second = page(team, graphiques_menages="true")
    assert [m.value for m in second.metric] == [m.value for m in first.metric]
    assert len(plotly_charts(second)) == made
    assert (data.computations, charts.built) == (computed + 1, built + made)  # nothing again
    page(team, annee="2025")  # another view: its own figures
    assert data.computations == computed + 2

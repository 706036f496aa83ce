"""Browser journeys of « Tableau de bord »: the director keeps it open while reception
saves an intake elsewhere, and sees « Ménages accueillis » rise without touching the
page; a filter chosen on screen goes into the address and survives a reload, and the
figures read are those of the period chosen (seen on a busy machine: « Mois » chosen,
the year's 31 read, because the year's figures stayed in sight while the month's were
computed and the test read them before the new run had even started)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from db import clock
from db.connection import close_database, open_database
from db.rules import Actor
from db.settings import set_setting
from queries.kpi import periods
from tests.browser.conftest import (
    AppServer,
    close_page,
    new_page,
    run_cli,
    sign_in,
    wait_app_idle,
)

pytestmark = pytest.mark.timeout(180)
REFRESH_SECONDS = 3
TIMEOUT = 20_000
WELCOMED = "Ménages accueillis"
# Records whether « Mise à jour des chiffres… » was ever on screen, however briefly.
WATCH_UPDATING_JS = """
(() => {
  window.__updatingSeen = false;
  new MutationObserver(() => {
    const alerts = document.querySelectorAll('[data-testid="stAlert"]');
    if ([...alerts].some(a => a.textContent.includes("Mise à jour des chiffres"))) {
      window.__updatingSeen = true;
    }
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
})()
"""


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """A server of its own whose dashboard refreshes every 3 seconds (set before it
    starts: another process cannot open the file while the server holds it)."""
    folder = tmp_path_factory.mktemp("habiter_dashboard")
    db = folder / "demo.duckdb"
    run_cli(db, "demo", "--households", "200")
    database = open_database(db)
    set_setting(database, Actor.system("tests"), "dashboard_refresh_seconds", REFRESH_SECONDS)
    close_database(db)
    server = AppServer(db=db, log_path=folder / "streamlit.log").start()
    yield server
    server.stop()


@pytest.fixture
def director(browser, live_server, request, tmp_path):
    page = new_page(browser, live_server.url)
    yield page
    close_page(page, live_server, request, tmp_path / "direction")


@pytest.fixture
def reception(browser, live_server, request, tmp_path):
    page = new_page(browser, live_server.url)
    yield page
    close_page(page, live_server, request, tmp_path / "accueil")


def card_value(page: Page, title: str) -> int:
    metric = page.get_by_test_id("stMetric").filter(has_text=title).first
    text = metric.get_by_test_id("stMetricValue").inner_text()
    return int(re.sub(r"\D", "", text))


def figures_of(page: Page, period: periods.Period):
    """The caption drawn with the figures, once it names `period` and is not left over
    from the run before (Streamlit marks those `data-stale` until it replaces them)."""
    fresh = page.locator('[data-testid="stElementContainer"]:not([data-stale="true"])')
    return fresh.get_by_test_id("stCaptionContainer").filter(
        has_text=f"Période : {period.label}, du "
    )


def open_dashboard(page: Page) -> None:
    sign_in(page, "direction", "demo-habiter")
    page.get_by_role("link", name="Tableau de bord").first.click()
    expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stMetric").filter(has_text=WELCOMED).first).to_be_visible(
        timeout=TIMEOUT
    )
    wait_app_idle(page)


def save_an_intake(page: Page) -> None:
    sign_in(page, "accueil", "demo-habiter")
    page.get_by_role("link", name="Nouvelle demande").first.click()
    page.get_by_label("Nom", exact=True).fill("Vasseur")
    page.get_by_label("Prénom", exact=True).fill("Inès")
    page.get_by_label("Code postal", exact=True).fill("33000")
    page.get_by_label("Commune", exact=True).fill("Bordeaux")
    page.get_by_role("button", name="Enregistrer la demande").click()
    expect(page.get_by_text("créé.")).to_be_visible(timeout=TIMEOUT)


def test_the_director_sees_a_new_intake_without_touching_the_page(director, reception):
    open_dashboard(director)
    before = card_value(director, WELCOMED)
    save_an_intake(reception)
    # No click, no reload: the fragment redraws itself every 3 seconds.
    expect(director.get_by_test_id("stMetric").filter(has_text=WELCOMED).first).to_contain_text(
        f"{before + 1}".replace("000", " 000"), timeout=TIMEOUT
    )
    assert card_value(director, WELCOMED) == before + 1
    director.screenshot(path="/tmp/dashboard-live.png", full_page=True)


def test_a_filter_goes_into_the_address_and_survives_a_reload(director):
    open_dashboard(director)
    today = clock.today()
    month = periods.month(today.year, today.month, today)
    director.evaluate(WATCH_UPDATING_JS)
    director.get_by_role("radio", name="Mois").or_(
        director.get_by_role("button", name="Mois", exact=True)
    ).first.click()
    expect(director).to_have_url(re.compile(r"periode=Mois"), timeout=TIMEOUT)
    # Wait for the month's figures themselves, not for a quiet moment: the run may not
    # have started yet when the page looks idle.
    expect(figures_of(director, month)).to_be_visible(timeout=TIMEOUT)
    wait_app_idle(director)
    # The year's figures were replaced at once, not left in sight while the month's
    # were computed.
    assert director.evaluate("window.__updatingSeen")
    shown = card_value(director, WELCOMED)
    director.reload()
    expect(figures_of(director, month)).to_be_visible(timeout=TIMEOUT)
    wait_app_idle(director)
    expect(director).to_have_url(re.compile(r"periode=Mois"))
    assert card_value(director, WELCOMED) == shown


def test_the_cards_come_without_charts_and_a_section_asks_for_its_own(director):
    """Cards first: no plotly chart until « Afficher les graphiques » is on for a section;
    then that section's charts, and the switch in the address survives a reload."""
    open_dashboard(director)
    assert director.get_by_test_id("stPlotlyChart").count() == 0
    director.get_by_test_id("stCheckbox").filter(has_text="Afficher les graphiques").first.click()
    expect(director).to_have_url(re.compile(r"graphiques_menages=true"), timeout=TIMEOUT)
    expect(director.get_by_test_id("stPlotlyChart").first).to_be_visible(timeout=TIMEOUT)
    wait_app_idle(director)
    drawn = director.get_by_test_id("stPlotlyChart").count()
    director.reload()
    expect(director.get_by_test_id("stPlotlyChart").first).to_be_visible(timeout=TIMEOUT)
    wait_app_idle(director)
    assert director.get_by_test_id("stPlotlyChart").count() == drawn

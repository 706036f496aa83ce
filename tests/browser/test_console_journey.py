"""Browser journey of « Console SQL »: `analyste` runs a query (Ctrl+Entrée), sees its
rows, saves it with a parameter, runs it again from the saved list with another value,
exports the result as CSV; `accueil` never reaches the console, not even by its address.
A full-page screenshot of each step goes to SHOTS, to be looked at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import open_login, sign_in, sign_out_button, wait_app_idle

pytestmark = pytest.mark.timeout(240)
SHOTS = Path("/tmp/console-journey")
PASSWORD = "demo-habiter"
TIMEOUT = 30_000  # the first visit may build the analytics base
BY_COMMUNE = "SELECT commune, count(*) AS menages FROM household GROUP BY commune ORDER BY commune"
IN_COMMUNE = (
    "SELECT commune, count(*) AS menages FROM household WHERE commune = $commune GROUP BY commune"
)
CAPTION = re.compile(r"^\d[\d\u202f]* lignes? en (< )?\d+,\d\d s$")  # 22 lignes en 0,03 s
BUILT = re.compile(r"Données pseudonymisées du \d\d/\d\d/\d{4} à \d\d:\d\d")
SAVED_NAME = "Ménages d'une commune"
REFUSAL = "Cette page n'est pas accessible avec vos rôles."
# Words of Streamlit's or plotly's own that would show in English.
ENGLISH = re.compile(r"\b(Press|Submit|Running|Download|Show|Fullscreen|Search|Copy|Loading)\b")


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    wait_app_idle(page)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    text = page.locator("[data-testid=stMain]").inner_text()
    assert not ENGLISH.search(text), ENGLISH.search(text).group(0)


def editor(page: Page):
    return page.get_by_label("Requête SQL")


def type_sql(page: Page, sql: str) -> None:
    editor(page).fill(sql)


def run(page: Page) -> None:
    page.get_by_role("button", name="Exécuter").click()
    wait_app_idle(page)


def cells(page: Page) -> list[str]:
    """The texts of the result table's cells (the grid's accessible copy of them)."""
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid.locator("td[role=gridcell]").first).to_be_attached(timeout=TIMEOUT)
    return [text.strip() for text in grid.locator("td[role=gridcell]").all_text_contents()]


def counts(found: list[str]) -> dict[str, int]:
    """The cells of (commune, households) rows, as a dict: the rows on screen."""
    pairs = zip(found[::2], found[1::2], strict=True)
    return {name: int(re.sub(r"\D", "", number)) for name, number in pairs}


def open_console(page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 1600})
    open_login(page)
    sign_in(page, "analyste", PASSWORD)
    expect(sign_out_button(page)).to_be_visible()
    wait_app_idle(page)
    page.get_by_role("link", name="Console SQL").first.click()
    expect(page.get_by_role("heading", name="Console SQL")).to_be_visible(timeout=TIMEOUT)
    expect(editor(page)).to_be_visible(timeout=TIMEOUT)
    wait_app_idle(page)


def count_in(page: Page, commune: str) -> int:
    """Run the saved query with `commune`: the households counted there."""
    field = page.get_by_label("Paramètre commune (texte)")
    field.fill(commune)
    run(page)
    found = cells(page)
    assert commune in found, found
    return int(re.sub(r"\D", "", found[found.index(commune) + 1]))


def test_an_analyst_queries_saves_reruns_with_another_value_and_exports(page: Page, tmp_path):
    open_console(page)
    shot(page, "01-console")

    type_sql(page, BY_COMMUNE)
    editor(page).press("Control+Enter")  # the form is sent from the keyboard
    wait_app_idle(page)
    expect(page.get_by_text(CAPTION)).to_be_visible()
    by_commune = cells(page)
    assert "Bordeaux" in by_commune
    shot(page, "02-result")
    page.get_by_text("Graphique", exact=True).click()
    expect(page.get_by_test_id("stPlotlyChart")).to_be_visible()
    page.wait_for_timeout(1_000)  # the expander opens with an animation
    shot(page, "02b-chart")

    type_sql(page, "DROP TABLE household")
    run(page)
    expect(page.get_by_test_id("stAlertContentError").filter(has_text="DROP").first).to_be_visible()
    expect(editor(page)).to_have_value("DROP TABLE household")
    shot(page, "02c-refused")

    type_sql(page, IN_COMMUNE)
    run(page)
    expect(page.get_by_text("indiquez ses paramètres")).to_be_visible()
    bordeaux = count_in(page, "Bordeaux")
    assert bordeaux == counts(by_commune)["Bordeaux"]
    shot(page, "03-parameter")

    page.get_by_role("tab", name="Requêtes enregistrées").click()
    wait_app_idle(page)
    page.get_by_label("Nom", exact=True).fill(SAVED_NAME)
    page.get_by_label("Description", exact=True).fill("Les ménages de la commune choisie")
    page.get_by_text("Partagée avec l'équipe").click()
    page.get_by_role("button", name="Enregistrer la requête").click()
    opener = page.get_by_role("button", name="Ouvrir")
    # The innermost block holding the saved query's name and its « Ouvrir » button.
    saved = page.get_by_test_id("stVerticalBlock").filter(has_text=SAVED_NAME).filter(has=opener)
    expect(saved.last).to_be_visible()
    shot(page, "04-saved")

    page.get_by_role("tab", name="Requête", exact=True).click()
    type_sql(page, "SELECT 1 AS un")
    run(page)
    page.get_by_role("tab", name="Requêtes enregistrées").click()
    wait_app_idle(page)
    saved.last.get_by_role("button", name="Ouvrir").click()
    wait_app_idle(page)
    expect(editor(page)).to_have_value(IN_COMMUNE)
    other = max(counts(by_commune).items(), key=lambda pair: (pair[0] != "Bordeaux", pair[1]))[0]
    counted = count_in(page, other)
    assert counted == counts(by_commune)[other] and other != "Bordeaux"
    shot(page, "05-saved-again")

    page.get_by_text("Exporter le résultat complet").click()
    page.get_by_role("button", name="Préparer l'export").click()
    button = page.get_by_role("button", name="Télécharger le fichier")
    expect(button).to_be_visible(timeout=TIMEOUT)
    shot(page, "06-export")
    with page.expect_download() as arrival:
        button.click()
    file = tmp_path / arrival.value.suggested_filename
    arrival.value.save_as(file)
    lines = file.read_text(encoding="utf-8-sig").splitlines()
    assert lines == ["commune;menages", f"{other};{counted}"]

    page.get_by_role("tab", name="Historique").click()
    expect(page.get_by_role("button", name="Relancer").first).to_be_visible()
    shot(page, "08-history")
    page.get_by_role("tab", name="Schéma").click()
    expect(
        page.get_by_text(re.compile(r"Données pseudonymisées du \d\d/\d\d/\d{4} à"))
    ).to_be_visible()
    # The households' table is shown first, with its description.
    expect(page.get_by_text("Ménage : l'unité de travail, un dossier par ménage")).to_be_visible()
    shot(page, "09-schema")


@pytest.mark.parametrize("how", ["menu", "address"])
def test_reception_cannot_reach_the_console(page: Page, how):
    page.set_viewport_size({"width": 1280, "height": 1200})
    open_login(page)
    sign_in(page, "accueil", PASSWORD)
    expect(sign_out_button(page)).to_be_visible()
    wait_app_idle(page)
    expect(page.get_by_role("link", name="Console SQL")).to_have_count(0)
    if how == "address":
        page.goto("/console-sql")  # a new session, signed in by the cookie
        expect(page.get_by_text(REFUSAL)).to_be_visible()
        expect(sign_out_button(page)).to_be_visible()
        shot(page, "07-reception-refused")
    expect(editor(page)).to_have_count(0)

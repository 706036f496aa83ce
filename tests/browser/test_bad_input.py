"""What a new user typed in a real browser, where AppTest cannot see what the browser does
to a value before the server gets it: French amounts, refused values, a long paste."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import (
    commit_typing,
    expect_error,
    open_a_file_of,
    open_login,
    open_section,
    sign_in,
    visible_form,
    wait_app_idle,
)

pytestmark = pytest.mark.timeout(150)
# Words of Streamlit's own English that must never reach the screen.
ENGLISH = ("Press Enter", "to submit form", "to apply", "None", "Page not found", "Help for")


def add_resource(page: Page, typed: str, shown: str | None = None) -> None:
    """Type an amount and add it; when `shown` is given, wait for the table to show it."""
    form = visible_form(page)
    form.get_by_role("textbox", name="Montant mensuel (€)").fill(typed)
    form.get_by_role("button", name="Ajouter la ressource").click()
    if shown:
        cell = page.locator("[data-testid=stDataFrame]:visible [role=gridcell]", has_text=shown)
        expect(cell.first).to_be_attached()
    wait_app_idle(page)


def shown_amounts(page: Page) -> list[str]:
    cells = page.locator("[data-testid=stDataFrame]:visible [role=gridcell]").all_inner_texts()
    return [cell.replace("\u202f", " ") for cell in cells if "€" in cell]


def test_french_amounts_are_saved_exactly_and_a_negative_one_is_refused(page: Page):
    open_a_file_of(page, "social")
    open_section(page, "Ressources", "Ajouter une ressource ou y mettre fin")
    add_resource(page, "85,50", "85,50")
    add_resource(page, "1 234,50", "234,50")
    amounts = shown_amounts(page)
    assert "85,50 €" in amounts and "1 234,50 €" in amounts, amounts
    assert "8 550,00 €" not in amounts and "123 450,00 €" not in amounts
    before = len(amounts)
    add_resource(page, "-50")
    expect_error(page, "doit être supérieur ou égal à 0")
    field = visible_form(page).get_by_role("textbox", name="Montant mensuel (€)")
    assert field.input_value() == "-50"  # kept, to be corrected
    assert len(shown_amounts(page)) == before  # nothing saved, not even 0,00 €


def test_a_birth_date_in_the_future_is_refused_in_french_and_kept(page: Page):
    open_a_file_of(page, "social")
    open_section(page, "Membres", "Ajouter, corriger ou retirer un membre")
    rows = page.locator("[data-testid=stDataFrame]:visible [role=row]")
    expect(rows.first).to_be_attached()
    rows_before = rows.count()
    form = visible_form(page)
    form.get_by_role("textbox", name="Nom", exact=True).fill("Futur")
    form.get_by_role("textbox", name="Prénom").fill("Noé")
    form.get_by_role("spinbutton", name="jour, Date de naissance").click()
    page.keyboard.type("01012035")
    page.keyboard.press("Escape")  # closes the calendar the typing opened
    form.get_by_role("button", name="Ajouter le membre").click()
    wait_app_idle(page)
    expect_error(page, "une date de naissance ne peut pas être dans le futur")
    typed = visible_form(page).get_by_test_id("stDateInputField").inner_text()
    assert typed.replace("\n", "").replace(" ", "") == "01/01/2035"
    assert rows.count() == rows_before


def test_a_long_paste_is_kept_and_refused_with_its_limit(page: Page):
    open_a_file_of(page, "social")
    open_section(page, "Contacts", "Nouveau contact")
    form = visible_form(page)
    pasted = "Très long compte rendu. " * 420  # 10 080 characters
    form.get_by_role("textbox", name="Résumé").fill(pasted)
    commit_typing(page)
    form.get_by_role("button", name="Ajouter le contact").click()
    wait_app_idle(page)
    expect_error(page, "trop long : 5\u202f000 caractères au plus")
    kept = visible_form(page).get_by_role("textbox", name="Résumé").input_value()
    assert kept == pasted


@pytest.mark.parametrize("username", ["accueil", "social", "direction"])
def test_no_english_word_on_the_screens_of_a_role(page: Page, username: str):
    open_login(page)
    sign_in(page, username, "demo-habiter")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    wait_app_idle(page)
    for title in ("Mon espace", "Nouvelle demande", "Ménages"):
        link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=title)
        if link.count() == 0:
            continue  # not a page of this role
        link.click()
        expect(page.locator("h1").first).to_be_visible()
        wait_app_idle(page)
        fields = page.locator("[data-testid=stTextInputField]:visible, textarea:visible")
        if fields.count():  # Streamlit's hint appears under a field being typed in
            fields.first.type("abc")
        text = page.get_by_test_id("stApp").inner_text()
        labels = " ".join(
            page.locator("[aria-label]").evaluate_all("els => els.map(e => e.ariaLabel)")
        )
        found = [word for word in ENGLISH if word in text or word in labels]
        assert found == [], (title, found)

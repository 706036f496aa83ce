"""Journey: an admin resets a person's password, who signs in with the temporary one, sees
only « Choisissez votre nouveau mot de passe », chooses one, then reaches their pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from db.demo.generate import DEMO_PASSWORD

from .conftest import new_page, open_login, sign_in, sign_out_button, wait_app_idle
from .signing import choose

pytestmark = pytest.mark.timeout(180)

USERNAME = "parcours.mdp"
NEW_PASSWORD = "une phrase bien à moi"


def temporary_password(page: Page) -> str:
    shown = page.get_by_test_id("stAlertContentSuccess").filter(has_text="Mot de passe provisoire")
    expect(shown).to_be_visible()
    return shown.locator("code").inner_text().strip()


def test_a_reset_password_must_be_changed_before_anything_else(page: Page, browser, app_server):
    page.set_viewport_size({"width": 1400, "height": 1100})
    open_login(page, "/administration")
    sign_in(page, "admin", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Administration")).to_be_visible()
    wait_app_idle(page)

    # The account, created with a first temporary password, then reset.
    page.get_by_label("Identifiant", exact=True).fill(USERNAME)
    page.get_by_label("Nom affiché", exact=True).fill("Parcours Mot de passe")
    page.get_by_test_id("stCheckbox").filter(has_text="Accueil").first.click()
    page.get_by_role("button", name="Créer le compte").click()
    first = temporary_password(page)
    wait_app_idle(page)
    page.get_by_role("tab", name="Modifier un compte").click()
    choose(page, page.get_by_role("combobox", name="Compte"), USERNAME)
    page.get_by_text(f"Je confirme la réinitialisation du mot de passe de « {USERNAME} »").click()
    wait_app_idle(page, 500)
    page.get_by_role("button", name="Réinitialiser le mot de passe").click()
    temporary = temporary_password(page)
    assert temporary != first

    # The person signs in with it, in a browser of their own.
    person = new_page(browser, app_server.url)
    try:
        open_login(person, "/menages")
        sign_in(person, USERNAME, temporary)
        forced = person.get_by_role("heading", name="Choisissez votre nouveau mot de passe")
        expect(forced).to_be_visible()
        expect(person.get_by_test_id("stSidebarNav")).to_have_count(0)  # no page listed
        expect(person.get_by_role("heading", name="Bonjour Parcours Mot de passe")).to_have_count(0)
        wait_app_idle(person)
        person.get_by_label("Mot de passe provisoire", exact=True).fill(temporary)
        person.get_by_label("Nouveau mot de passe", exact=True).fill("court")
        person.get_by_label("Confirmation du nouveau mot de passe", exact=True).fill("court")
        person.get_by_role("button", name="Changer mon mot de passe").click()
        expect(person.get_by_text("Le mot de passe compte au moins 12 caractères.")).to_be_visible()
        expect(forced).to_be_visible()
        wait_app_idle(person)
        person.get_by_label("Mot de passe provisoire", exact=True).fill(temporary)
        person.get_by_label("Nouveau mot de passe", exact=True).fill(NEW_PASSWORD)
        person.get_by_label("Confirmation du nouveau mot de passe", exact=True).fill(NEW_PASSWORD)
        person.get_by_role("button", name="Changer mon mot de passe").click()

        # Then the app, at the address asked for, with its pages.
        expect(person.get_by_role("heading", name="Ménages")).to_be_visible()
        nav = person.get_by_test_id("stSidebarNav")
        expect(nav.get_by_role("link", name="Mon espace")).to_be_visible()
        expect(forced).to_have_count(0)
        wait_app_idle(person)
        nav.get_by_role("link", name="Mon espace").click()
        expect(person.get_by_role("heading", name="Bonjour Parcours Mot de passe")).to_be_visible()

        # The new password signs in next time; the temporary one no longer does.
        wait_app_idle(person)
        sign_out_button(person).click()
        open_login(person)
        sign_in(person, USERNAME, temporary)
        expect(person.get_by_text("Identifiant ou mot de passe incorrect.")).to_be_visible()
        open_login(person)
        sign_in(person, USERNAME, NEW_PASSWORD)
        expect(person.get_by_role("heading", name="Bonjour Parcours Mot de passe")).to_be_visible()
    finally:
        person.context.close()

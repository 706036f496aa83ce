"""Browser journey: `gestion` adds a dwelling in « Logements », signs a sublease with a
household, and finds the household as the dwelling's current occupant, linked to its file;
the dwelling's sheet survives a reload (its address, ?logement=…)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from .conftest import open_login, sign_in, visible_form, wait_app_idle

pytestmark = pytest.mark.timeout(150)
ADDRESS = "12 rue du Parcours-Test"


def pick(page: Page, label: str, typed: str, exact: bool = False) -> str:
    """In the visible form (or the page), type `typed` into the select `label` and take the
    first option offered; returns what the select then shows."""
    form = visible_form(page)
    select = form.get_by_role("combobox", name=label) if form.count() else None
    if select is None or not select.count():
        select = page.get_by_role("combobox", name=label, exact=True)
    option = page.get_by_role("option", name=typed, exact=exact).first
    for _attempt in range(3):
        wait_app_idle(page, 500)
        select.focus()
        page.keyboard.press("ArrowDown")
        page.keyboard.type(typed)
        try:
            option.click(timeout=3_000)
            break
        except PlaywrightError:
            page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    wait_app_idle(page, 500)
    return select.input_value()


def test_gestion_adds_a_dwelling_and_lets_it_to_a_household(page: Page):
    page.set_viewport_size({"width": 1280, "height": 1400})
    open_login(page)
    sign_in(page, "gestion", "demo-habiter")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    wait_app_idle(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Logements").click()
    expect(page.get_by_role("heading", name="Logements", exact=True)).to_be_visible()
    wait_app_idle(page)

    page.get_by_role("tab", name="Nouveau logement").click()
    wait_app_idle(page)
    form = visible_form(page)
    pick(page, "Propriétaire", "n°")
    form.get_by_label("Adresse", exact=True).fill(ADDRESS)
    form.get_by_label("Commune", exact=True).fill("Bègles")
    pick(page, "Typologie", "T2", exact=True)
    form.get_by_label("Loyer mensuel hors charges").fill("610,50")
    pick(page, "Dispositif", "Sous-location / intermédiation locative", exact=True)
    # The Tab after the choice focuses the entry date, whose calendar opens over the button
    # (the owner's search box above the form moved it down): closed first.
    page.keyboard.press("Escape")
    wait_app_idle(page, 500)
    form.get_by_role("button", name="Ajouter le logement").click()
    wait_app_idle(page)
    expect(page.get_by_text("Logement ajouté")).to_be_visible()

    page.get_by_role("tab", name="Logement", exact=True).click()
    wait_app_idle(page)
    # A dwelling is found by a search (20 matches at most offered), then chosen.
    page.get_by_role("textbox", name="Chercher un logement").fill("parcours-test")
    page.keyboard.press("Enter")
    wait_app_idle(page)
    pick(page, "Logement", ADDRESS)
    expect(page.get_by_role("heading", name=f"{ADDRESS}, Bègles")).to_be_visible()
    # The sheet has its own address: a reload (or the link shared) opens the same dwelling.
    expect(page).to_have_url(re.compile(r"[?&]logement=\d+"))
    page.reload()
    wait_app_idle(page)
    expect(page.get_by_role("heading", name=f"{ADDRESS}, Bègles")).to_be_visible()
    expect(page.get_by_text("Aucun ménage n'occupe ce logement aujourd'hui.")).to_be_visible()
    page.get_by_text("Signer un bail", exact=True).click()
    wait_app_idle(page)
    chosen = pick(page, "Ménage locataire", "-")
    file_number, _dash, head = chosen.partition(" — ")
    assert file_number and head
    visible_form(page).get_by_role("button", name="Signer le bail").click()
    wait_app_idle(page)

    expect(page.get_by_text("Occupant aujourd'hui")).to_be_visible()
    link = page.get_by_role("link", name=f"Dossier {file_number} — {head}")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", re.compile(r"dossier\?id=\d+"))

    # The household is now a tenant of the association: rental management finds it in
    # « Ménages » (the read rule comes from the leases).
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Ménages").click()
    wait_app_idle(page)
    page.get_by_role("textbox", name="Rechercher", exact=True).fill(file_number)
    page.keyboard.press("Enter")
    wait_app_idle(page)
    expect(page.get_by_text("1 ménage(s)")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").first).to_contain_text(file_number)

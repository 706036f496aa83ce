"""Browser journey: reception fills and saves an intake, then finds it in « Ménages »."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in, wait_app_idle

pytestmark = pytest.mark.timeout(120)
TIMEOUT = 20_000


def test_reception_saves_an_intake_and_finds_it(page):
    sign_in(page, "accueil", "demo-habiter")
    expect(page.get_by_text("Bonjour Anne Accueil")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("link", name="Nouvelle demande").first.click()
    expect(page.get_by_role("heading", name="Nouvelle demande")).to_be_visible(timeout=TIMEOUT)

    page.get_by_label("Nom", exact=True).fill("Zébulon")
    page.get_by_label("Prénom", exact=True).fill("Éloïse")
    page.get_by_label("Téléphone", exact=True).fill("06 48 21 37 95")
    page.get_by_label("Code postal", exact=True).fill("33130")
    page.get_by_label("Commune", exact=True).fill("Bègles")
    page.get_by_text("Le ménage a été informé et consent").click()
    expect(page.get_by_role("group", name="Date du consentement")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Enregistrer la demande").click()

    created = page.get_by_text("créé.")
    expect(created).to_be_visible(timeout=TIMEOUT)
    file_number = created.inner_text().split()[1]

    page.get_by_role("link", name="Ménages").first.click()
    search = page.get_by_role("textbox", name="Rechercher", exact=True)
    expect(search).to_be_visible(timeout=TIMEOUT)
    search.fill("zebulon eloise")
    search.press("Enter")
    expect(page.get_by_text("1 ménage(s) — page 1 sur 1")).to_be_visible(timeout=TIMEOUT)
    # The grid draws on a canvas: its cells are in the page for assistive tech, not visible.
    cell = page.locator("[role=gridcell]", has_text=file_number)
    expect(cell.first).to_be_attached(timeout=TIMEOUT)

    # The keyboard's way to the file: the picker above the list, then « Ouvrir ».
    picker = page.get_by_role("combobox", name="Ouvrir un dossier")
    wait_app_idle(page)
    picker.focus()
    page.keyboard.type(file_number)
    expect(page.get_by_role("option", name=file_number)).to_be_visible(timeout=TIMEOUT)
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Ouvrir", exact=True).click()
    expect(page.get_by_role("heading", name=f"Dossier {file_number}")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.get_by_text("Zébulon").first).to_be_visible(timeout=TIMEOUT)

"""Browser journey: a social worker records a mediation and an FSL application in one of
their files, finds both there (the amount in French), and counted in « Accompagnement »'s
table of « Actions et solutions trouvées »."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from .conftest import open_login, open_section, sign_in, visible_form, wait_app_idle

pytestmark = pytest.mark.timeout(150)
NNBSP = "\u202f"  # the narrow no-break space of French amounts


def choose(page: Page, label: str, option: str) -> None:
    """Pick `option` in the visible form's select `label`: opened by the keyboard (a list
    near the window's bottom may not open to a click), filtered, the option clicked; again
    if the list closed meanwhile. Checked after leaving the field, where the select shows
    what it holds rather than the text typed to filter it."""
    select = visible_form(page).get_by_role("combobox", name=label)
    choice = page.get_by_role("option", name=option, exact=True)
    for _attempt in range(3):
        wait_app_idle(page, 500)
        select.focus()
        page.keyboard.press("ArrowDown")
        page.keyboard.type(option)
        try:
            choice.click(timeout=3_000)
            break
        except PlaywrightError:
            page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    expect(select).to_have_value(option)


def cells(page: Page, text: str):
    """The cells of the visible tables holding `text` (the grid draws on a canvas: its cells
    are in the page for assistive tech, not visible)."""
    grid = page.locator("[data-testid=stDataFrame]:visible [role=gridcell]")
    return grid.filter(has_text=text)


def counted(page: Page, label: str) -> int:
    """The count of one row of « Actions et solutions trouvées » (this year)."""
    row = page.locator("[data-testid=stDataFrame]:visible [role=row]").filter(has_text=label)
    expect(row.first).to_be_attached()
    return int(row.first.locator("[role=gridcell]").all_inner_texts()[-1])


def open_actions_found(page: Page) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Accompagnement").click()
    expect(page.get_by_role("heading", name="Accompagnement")).to_be_visible()
    wait_app_idle(page)
    page.get_by_role("tab", name="Actions et solutions trouvées").click()
    wait_app_idle(page)


def open_first_file(page: Page) -> None:
    """« Ménages », then the first file with the keyboard-friendly picker (as the shared
    open_a_file_of does after signing in)."""
    page.get_by_role("link", name="Ménages").first.click()
    picker = page.get_by_role("combobox", name="Ouvrir un dossier")
    expect(picker).to_be_visible()
    wait_app_idle(page)
    picker.focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("option").first).to_be_visible()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Ouvrir", exact=True).click()
    expect(page.locator("h1", has_text="Dossier")).to_be_visible()
    wait_app_idle(page)


def test_social_records_a_mediation_and_an_fsl_application(page: Page):
    page.set_viewport_size({"width": 1280, "height": 1000})
    open_login(page)
    sign_in(page, "social", "demo-habiter")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    wait_app_idle(page)
    open_actions_found(page)  # what is counted before, this year
    labels = ("Propriétaire privé", "Demandes FSL maintien déposées")
    counts = {label: counted(page, label) for label in labels}
    open_first_file(page)  # through the menu: no reload

    open_section(page, "Médiations", "Nouvelle médiation")
    landlords = cells(page, "Propriétaire privé").count()
    choose(page, "Interlocuteur", "Propriétaire privé")
    choose(page, "Motif", "Impayés de loyer")
    visible_form(page).get_by_role("button", name="Ajouter la médiation").click()
    expect(cells(page, "Propriétaire privé")).to_have_count(landlords + 1)
    wait_app_idle(page)

    open_section(page, "FSL", "Nouvelle demande FSL")
    amount = f"1{NNBSP}234,50{NNBSP}€"
    before = cells(page, amount).count()
    choose(page, "Type d'aide", "Maintien")
    visible_form(page).get_by_role("textbox", name="Montant demandé (€)").fill("1 234,50")
    visible_form(page).get_by_role("button", name="Ajouter la demande").click()
    expect(cells(page, amount)).to_have_count(before + 1)
    wait_app_idle(page)
    row = page.locator("[data-testid=stDataFrame]:visible [role=row]").filter(has_text=amount)
    expect(row.first).to_contain_text("Maintien")
    expect(row.first).to_contain_text("Déposée")

    page.get_by_role("tab", name="Médiations").click()
    expect(cells(page, "Propriétaire privé")).to_have_count(landlords + 1)

    open_actions_found(page)  # dated today: counted this year
    assert counted(page, "Propriétaire privé") == counts["Propriétaire privé"] + 1
    submitted = "Demandes FSL maintien déposées"  # counted at its submission, today
    assert counted(page, submitted) == counts[submitted] + 1

"""User text is shown as typed, never read as Markdown or HTML, and fetches nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import (
    commit_typing,
    open_a_file_of,
    open_section,
    sign_in,
    visible_form,
    wait_app_idle,
)

pytestmark = pytest.mark.timeout(120)
IMAGE = "![x](http://127.0.0.1:9/x.png)"
TAG = "<img src=x onerror=alert(1)>"
MARKS = "**gras** # titre"


def fetches_of_the_note(urls: list[str]) -> list[str]:
    """The image of the Markdown (port 9) or of the tag (a relative `x`)."""
    return [url for url in urls if "127.0.0.1:9/" in url or url.split("?")[0].endswith("/x")]


def test_a_note_with_markdown_and_html_shows_as_typed_and_fetches_nothing(page: Page):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_a_file_of(page, "social")
    open_section(page, "Contacts", "Nouveau contact")
    summary = f"{IMAGE} {TAG} {MARKS}"
    form = visible_form(page)
    form.get_by_role("textbox", name="Résumé").fill(summary)
    commit_typing(page)
    form.get_by_role("button", name="Ajouter le contact").click()
    # The saved contact is drawn in the list (the toast may be gone on a slow machine); a
    # refusal would be an error on screen, said as such rather than as a missing text.
    saved_or_refused = (
        page.get_by_test_id("stText")
        .filter(has_text=IMAGE)
        .or_(page.get_by_test_id("stAlertContentError"))
    )
    expect(saved_or_refused.first).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    expect(page.get_by_test_id("stText").filter(has_text=IMAGE)).to_have_count(1)
    wait_app_idle(page)  # whatever the note would fetch has been asked for

    assert fetches_of_the_note(fetched) == []
    expect(page.locator("img[src*='127.0.0.1:9'], img[src='x']")).to_have_count(0)
    # Shown in the list of contacts (not only in the form's text area), exactly as typed.
    shown = page.get_by_test_id("stText").filter(has_text=IMAGE)
    expect(shown).to_have_count(1)
    expect(shown).to_have_text(summary)
    expect(page.locator("strong", has_text="gras")).to_have_count(0)
    expect(page.get_by_role("heading", name="titre")).to_have_count(0)
    assert dialogs == []


def test_an_address_typed_as_a_name_is_no_link_in_the_file_s_title(page: Page):
    """GFM's autolink literals made « www.… » and « http://… » links, escapes or not."""
    sign_in(page, "accueil", "demo-habiter")
    page.get_by_role("link", name="Nouvelle demande").first.click()
    expect(page.get_by_role("heading", name="Nouvelle demande")).to_be_visible()
    wait_app_idle(page)
    page.get_by_label("Nom", exact=True).fill("http://exemple.fr")
    page.get_by_label("Prénom", exact=True).fill("www.exemple.fr")
    page.get_by_label("Adresse", exact=True).fill("jean@exemple.fr")
    page.get_by_label("Code postal", exact=True).fill("33130")
    page.get_by_label("Commune", exact=True).fill("Bègles")
    page.get_by_text("Le ménage a été informé et consent").click()
    expect(page.get_by_role("group", name="Date du consentement")).to_be_visible()
    page.get_by_role("button", name="Enregistrer la demande").click()
    page.get_by_role("link", name="Ouvrir le dossier").click()
    title = page.locator("h1", has_text="Dossier")
    expect(title).to_contain_text("exemple.fr")
    wait_app_idle(page)
    expect(page.locator("h1 a")).to_have_count(0)
    expect(page.locator("[data-testid=stMain] a[href*='exemple.fr']")).to_have_count(0)

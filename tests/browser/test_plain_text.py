"""User text is shown as typed, never read as Markdown or HTML, and fetches nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import open_a_file_of, open_section, visible_form, wait_app_idle

pytestmark = pytest.mark.timeout(120)
IMAGE = "![x](http://127.0.0.1:9/x.png)"
TAG = "<img src=x onerror=alert(1)>"
MARKS = "**gras** # titre"


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
    form.get_by_role("button", name="Ajouter le contact").click()
    shown = page.get_by_text(summary, exact=True)
    expect(shown.first).to_be_visible()
    wait_app_idle(page)
    assert page.locator("img[src*='127.0.0.1:9'], img[src='x']").count() == 0
    assert not [url for url in fetched if "127.0.0.1:9/" in url or url.endswith("/x")]
    assert dialogs == []

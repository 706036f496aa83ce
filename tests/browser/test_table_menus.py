"""The tables' own toolbar and column menu are English (« Type to search », « Sort
ascending », « Pin column »): none of it shows (ui/theme.py)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import open_login, sign_in, wait_app_idle

ENGLISH = ("Sort ascending", "Sort descending", "Pin column", "Hide column", "Autosize")


def test_no_english_table_toolbar_nor_column_menu(page: Page):
    page.set_viewport_size({"width": 1400, "height": 1000})
    open_login(page)
    sign_in(page, "direction", "demo-habiter")
    page.get_by_role("link", name="Ménages").first.click()
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()
    wait_app_idle(page)
    table.hover()
    box = table.bounding_box()
    page.mouse.click(box["x"] + 40, box["y"] + 15)  # the first column's header
    page.wait_for_timeout(800)
    for words in ENGLISH:
        expect(page.get_by_text(words, exact=True)).to_have_count(0)
    toolbar = page.get_by_test_id("stElementToolbar")
    assert toolbar.count() == 0 or not toolbar.first.is_visible()
    expect(page.get_by_placeholder("Type to search")).to_have_count(0)

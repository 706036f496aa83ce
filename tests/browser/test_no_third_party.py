"""Personal data of vulnerable people: the browser calls no third party, on any page."""

from playwright.sync_api import expect

from db.rules import PAGE_ROLES
from tests.browser.conftest import sign_in, wait_app_idle
from ui.nav import PAGES


def test_every_page_loads_without_calling_outside_the_server(page):
    sign_in(page, "admin", "demo-habiter")
    expect(page.get_by_text("Bonjour Alice Admin")).to_be_visible()
    for spec in PAGES:
        if "admin" not in PAGE_ROLES[spec.key]:
            continue
        page.goto(f"/{spec.url}" + ("?id=1" if spec.key == "household_file" else ""))
        expect(page.get_by_role("heading").first).to_be_visible()
        wait_app_idle(page)
    assert page.outside_requests == []

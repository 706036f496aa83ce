"""Addresses as people type or share them, on a server started as `make run` starts it
(serve.py): no English « Page not found » dialog, a French notice for an address that is
no page, and a link to a file that opens it even as a fresh server's first request."""

from __future__ import annotations

import duckdb
import pytest
from playwright.sync_api import Page, expect

from db.demo.generate import DEMO_PASSWORD
from tests.browser.conftest import (
    AppServer,
    close_page,
    login_button,
    new_page,
    run_cli,
    sign_in,
    sign_out_button,
    wait_app_idle,
)

NOTICE = "Cette adresse ne correspond à aucune page d'Habiter : voici la page d'accueil."
ENGLISH_DIALOG = ("Page not found", "does not seem to exist", "Running the app's main page")


def expect_no_english_dialog(page: Page) -> None:
    wait_app_idle(page)
    text = page.locator("body").inner_text()
    assert not any(words in text for words in ENGLISH_DIALOG), text
    assert page.get_by_role("dialog").count() == 0


@pytest.fixture
def served_fresh(tmp_path_factory, browser, request, tmp_path):
    """A serve.py server that no browser has visited yet, on a small demo database."""
    folder = tmp_path_factory.mktemp("habiter_served")
    db = folder / "demo.duckdb"
    run_cli(db, "demo", "--households", "20")
    with duckdb.connect(str(db), read_only=True) as con:
        file_id = con.execute("SELECT min(id) FROM household WHERE NOT anonymous").fetchone()[0]
    server = AppServer(db=db, log_path=folder / "streamlit.log").start()
    page = new_page(browser, server.url)
    try:
        yield page, file_id
    finally:
        close_page(page, server, request, tmp_path)
        server.stop()


def test_a_link_to_a_file_as_a_fresh_server_s_first_request(served_fresh):
    page, file_id = served_fresh
    page.goto(f"/dossier?id={file_id}")
    expect(login_button(page)).to_be_visible()
    expect_no_english_dialog(page)
    sign_in(page, "direction", DEMO_PASSWORD)
    expect(page.locator("h1", has_text="Dossier")).to_be_visible()
    assert page.url.endswith(f"/dossier?id={file_id}")


@pytest.mark.parametrize("address", ["/n-existe-pas", "/users_admin", "/household_file"])
def test_an_address_that_is_no_page_is_said_in_french(page: Page, address):
    page.goto(address)
    # The notice drawn above the form shifts it: during that run the browser briefly shows
    # the form of the run before beside the new one; the run's end leaves one.
    wait_app_idle(page)
    expect(login_button(page)).to_be_visible()
    sign_in(page, "accueil", DEMO_PASSWORD)
    expect(sign_out_button(page)).to_be_visible()
    page.goto(address)  # signed in by the cookie
    expect(page.get_by_text(NOTICE)).to_be_visible()
    expect(page.get_by_role("heading", name="Bonjour Anne Accueil")).to_be_visible()
    expect_no_english_dialog(page)

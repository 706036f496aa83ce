"""Steps the browser journeys share: sign in and wait for the greeting, check that the
page is signed out, choose an option of a select box as a person does."""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from db.demo.generate import DEMO_ACCOUNTS, DEMO_PASSWORD

from .conftest import login_button, open_login, sign_in, sign_out_button, wait_app_idle

DISPLAY_NAME = {username: name for username, name, _roles in DEMO_ACCOUNTS}


def greeting(page: Page, username: str):
    return page.get_by_role("heading", name=f"Bonjour {DISPLAY_NAME[username]}", exact=True)


def sign_in_and_wait(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    open_login(page)
    sign_in(page, username, password)
    expect(greeting(page, username)).to_be_visible()
    expect(sign_out_button(page)).to_be_visible()


def expect_signed_out(page: Page) -> None:
    expect(login_button(page)).to_be_visible()
    expect(page.get_by_label("Mot de passe", exact=True)).to_be_visible()
    expect(sign_out_button(page)).to_have_count(0)


def choose(page: Page, select, option: str) -> None:
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
    wait_app_idle(page, 500)

"""Sign-in, lockout, sign-out and the login cookie, in a real browser against `streamlit run`."""

from __future__ import annotations

import duckdb
import pytest
from playwright.sync_api import Page, expect

from db.demo.generate import DEMO_ACCOUNTS, DEMO_PASSWORD
from db.rules import PAGE_ROLES
from ui.nav import PAGES

from .conftest import (
    LOCKOUT_PASSWORD,
    LOCKOUT_USER,
    ROOT,
    login_button,
    open_login,
    sign_in,
    sign_out_button,
    wait_app_idle,
)
from .signing import DISPLAY_NAME, expect_signed_out, greeting, sign_in_and_wait

pytestmark = pytest.mark.timeout(120)

WRONG_CREDENTIALS = "Identifiant ou mot de passe incorrect."
LOCKED = "Compte verrouillé"
SETTLE_MS = 2_000  # after a reload, quiet time for a late rerun to sign in by mistake


def allowed(spec, roles) -> bool:
    return bool(set(roles) & PAGE_ROLES.get(spec.key, frozenset()))


@pytest.mark.parametrize("username, roles", [(u, r) for u, _n, r in DEMO_ACCOUNTS])
def test_each_role_sees_its_pages_and_only_them(page: Page, username, roles):
    sign_in_and_wait(page, username, DEMO_PASSWORD)

    listed = [spec.title for spec in PAGES if not spec.hidden and allowed(spec, roles)]
    others = [spec.title for spec in PAGES if not allowed(spec, roles)]
    assert listed, f"{username} devrait voir au moins une page"
    nav_links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    if len(listed) == 1:
        # Streamlit lists no menu for a single page: the greeting shows it is that page.
        expect(nav_links).to_have_count(0)
    else:
        expect(nav_links).to_have_count(len(listed))
        for index, title in enumerate(listed):
            expect(nav_links.nth(index)).to_have_accessible_name(title)
    for title in others:
        # Neither in the menu nor as a quick link on the page.
        expect(page.get_by_role("link", name=title, exact=True)).to_have_count(0)
    expect(page.get_by_test_id("stSidebar").get_by_text(DISPLAY_NAME[username])).to_be_visible()


def test_wrong_password_is_refused_in_french(page: Page):
    open_login(page)
    sign_in(page, "social", "pas-le-bon-mot-de-passe")
    expect(page.get_by_text(WRONG_CREDENTIALS, exact=True)).to_be_visible()
    expect_signed_out(page)
    expect(greeting(page, "social")).to_have_count(0)


def test_five_failures_lock_the_account(lockout_page: Page, lockout_server):
    """On a server and database of their own: the locked account is nobody else's."""
    page = lockout_page
    for attempt in range(1, 6):
        open_login(page)  # a fresh session each time: the message is this attempt's
        sign_in(page, LOCKOUT_USER, f"mauvais-{attempt}")
        message = LOCKED if attempt == 5 else WRONG_CREDENTIALS
        expect(page.get_by_text(message), f"tentative {attempt}").to_be_visible()
        expect_signed_out(page)
    open_login(page)
    sign_in(page, LOCKOUT_USER, LOCKOUT_PASSWORD)
    expect(page.get_by_text(LOCKED)).to_be_visible()
    expect(page.get_by_text(WRONG_CREDENTIALS, exact=True)).to_have_count(0)
    expect_signed_out(page)

    lockout_server.stop()  # DuckDB: only one process may hold the file
    with duckdb.connect(str(lockout_server.db), read_only=True) as con:
        actions = [
            row[0]
            for row in con.execute(
                "SELECT action FROM audit_log WHERE entity = 'users' AND entity_id = ?"
                " AND action IN ('login_failed', 'account_locked', 'login') ORDER BY id",
                [LOCKOUT_USER],
            ).fetchall()
        ]
        locked_until = con.execute(
            "SELECT locked_until FROM users WHERE username = ?", [LOCKOUT_USER]
        ).fetchone()[0]
        logins = con.execute(
            "SELECT count(*) FROM access_log WHERE username = ? AND action = 'login'",
            [LOCKOUT_USER],
        ).fetchone()[0]
    assert actions == ["login_failed"] * 4 + ["account_locked"]
    assert locked_until is not None
    assert logins == 0


def test_sign_out_shows_the_login_form_and_survives_a_reload(page: Page):
    sign_in_and_wait(page, "gestion")
    sign_out_button(page).click()
    expect_signed_out(page)
    expect(greeting(page, "gestion")).to_have_count(0)

    page.reload()
    expect_signed_out(page)
    wait_app_idle(page, SETTLE_MS)  # the login cookie, if still honoured, has acted by now
    expect_signed_out(page)
    expect(greeting(page, "gestion")).to_have_count(0)


def test_reload_keeps_the_session(page: Page):
    sign_in_and_wait(page, "direction")
    page.reload()
    expect(greeting(page, "direction")).to_be_visible()
    expect(sign_out_button(page)).to_be_visible()
    expect(login_button(page)).to_have_count(0)


def expect_accounts_page(page: Page) -> None:
    expect(page.get_by_role("heading", name="Administration", exact=True)).to_be_visible()
    expect(page.get_by_role("tab", name="Ajouter un compte")).to_be_visible()


def test_admin_reaches_the_accounts_page_and_a_reload_stays_there(page: Page):
    """Also shows that the markers the next test looks for are those of the accounts page."""
    sign_in_and_wait(page, "admin")
    menu = page.get_by_test_id("stSidebarNav")
    menu.get_by_role("link", name="Administration", exact=True).click()
    expect_accounts_page(page)
    page.reload()
    expect_accounts_page(page)
    expect(sign_out_button(page)).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)  # no "Page not found"


ACCOUNTS_URL = "/" + next(spec.url for spec in PAGES if spec.key == "users_admin")


def expect_no_accounts_content(page: Page) -> None:
    expect(page.get_by_role("heading", name="Administration", exact=True)).to_have_count(0)
    expect(page.get_by_role("tab", name="Ajouter un compte")).to_have_count(0)
    expect(page.get_by_text("Ajouter un compte")).to_have_count(0)


def test_a_link_to_a_page_signs_in_then_opens_it(page: Page):
    page.goto(ACCOUNTS_URL)
    expect_signed_out(page)
    expect(page.get_by_role("dialog")).to_have_count(0)  # the form is usable
    expect_no_accounts_content(page)
    sign_in(page, "admin", DEMO_PASSWORD)
    expect_accounts_page(page)


@pytest.mark.parametrize("path", ["/users_admin", ACCOUNTS_URL])
def test_accounts_page_is_unreachable_by_url_for_reception(page: Page, path):
    """The page's file name and its address, typed in: neither shows the page to reception."""
    page.goto(path)  # signed out: the login form, nothing of the page
    expect_signed_out(page)
    wait_app_idle(page)
    expect_no_accounts_content(page)

    sign_in_and_wait(page, "accueil")
    expect_no_accounts_content(page)
    page.goto(path)  # a new session, signed in by the cookie
    expect(sign_out_button(page)).to_be_visible()
    if path == ACCOUNTS_URL:  # a registered page: the guard's French refusal
        refusal = page.get_by_text("Cette page n'est pas accessible avec vos rôles.")
    else:  # a page file's name is no address: home
        refusal = greeting(page, "accueil")
    expect(refusal).to_be_visible()
    wait_app_idle(page)
    expect(refusal).to_be_visible()
    expect_no_accounts_content(page)


@pytest.mark.parametrize("page_file", sorted(p.stem for p in (ROOT / "pages").glob("*.py")))
def test_first_request_after_start_for_a_page_file_shows_the_login(page_file, fresh_page: Page):
    """Streamlit runs pages/<file>.py without app.py on a server's first request (its old
    pages/ mode, until st.navigation is called): the page guard sends it to app.py, so the
    visitor gets the sign-in form, no data and no list of page names."""
    fresh_page.goto(f"/{page_file}")
    expect(login_button(fresh_page)).to_be_visible()
    wait_app_idle(fresh_page)
    assert fresh_page.get_by_test_id("stSidebarNav").count() == 0, "page files listed"
    assert login_button(fresh_page).count() == 1, "no login form"
    main = fresh_page.get_by_test_id("stMain").inner_text()
    assert "Connexion" in main or "Se connecter" in main
    signed_in_words = ("Bonjour", "Ménages", "Nouvelle demande", "Administration", "Dossier")
    for shown_only_signed_in in signed_in_words:
        assert shown_only_signed_in not in main, shown_only_signed_in

"""Sessions in a real browser: an expired or tampered login cookie leads to the sign-in page,
one person signing out leaves the others signed in, a disabled account loses its open
sessions (at its next click, at a reload, and on the dashboard that refreshes by itself).

The cookies are forged with the server's own cookie key, so that a well-formed, well-signed
token is refused for the one reason each test gives it; a control in each test shows that
the same forging, without that reason, signs in.
"""

from __future__ import annotations

import base64
import json
import secrets
import time
from pathlib import Path

import jwt
import pytest
from playwright.sync_api import Page, expect

from db.connection import close_database, open_database
from db.demo.generate import DEMO_PASSWORD
from db.rules import Actor
from db.settings import set_setting
from ui.auth import COOKIE_DAYS, COOKIE_NAME

from .conftest import (
    AppServer,
    close_page,
    login_button,
    new_page,
    open_login,
    run_cli,
    sign_in,
    sign_out_button,
    wait_app_idle,
    warmed_server,
)
from .signing import choose, expect_signed_out, greeting, sign_in_and_wait

pytestmark = pytest.mark.timeout(180)

SETTLE_MS = 2_000  # quiet time after a page load, for a late rerun to sign in by mistake
HOUSEHOLDS = "/menages"
# Words only a signed-in screen shows (the sign-in page shows none of them).
SIGNED_IN_WORDS = ("Bonjour", "Ménages", "Nouvelle demande", "Administration", "Dossier")
DISABLED = "compte.coupe"  # made for the test, disabled while signed in twice
OWN_PASSWORD = "un mot de passe à moi"
REFRESH_SECONDS = 2  # the dashboard's refresh on the revocation server (the lowest allowed)


# --- Forging login cookies -----------------------------------------------------------------


def cookie_key_of(server: AppServer) -> str:
    """The key the server signs its login cookies with.

    conftest gives each server a random key in its environment (HABITER_COOKIE_KEY) and
    keeps no copy; serve.py runs Streamlit in that very process, so the key is read there.
    """
    environ = Path(f"/proc/{server.process.pid}/environ").read_bytes()
    for entry in environ.split(b"\0"):
        name, _, value = entry.partition(b"=")
        if name == b"HABITER_COOKIE_KEY":
            return value.decode()
    pytest.fail("HABITER_COOKIE_KEY absent de l'environnement du serveur", pytrace=False)


def login_token(key: str, username: str, expires_in_seconds: float) -> str:
    """A token as streamlit-authenticator writes it: the username and the expiry date."""
    payload = {"username": username, "exp_date": time.time() + expires_in_seconds}
    return jwt.encode(payload, key, algorithm="HS256")


def fresh_token(key: str, username: str) -> str:
    """A token issued now, as at a sign-in through the form."""
    return login_token(key, username, COOKIE_DAYS * 86400)


def with_username_changed(token: str, username: str) -> str:
    """The same token, its username replaced, its header and signature kept."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["username"] = username
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def unsigned(username: str) -> str:
    """A token that says it needs no signature (alg « none »)."""
    return jwt.encode({"username": username, "exp_date": time.time() + 3600}, None, "none")


# --- Pages ---------------------------------------------------------------------------------


@pytest.fixture
def open_page(browser, request, tmp_path):
    """Opens pages, each in a browser context of its own, on a given server; all closed at
    the end (a screenshot and the server's log of each on failure)."""
    opened: list[tuple[Page, AppServer]] = []

    def open_on(server: AppServer, cookie: str | None = None) -> Page:
        page = new_page(browser, server.url)
        if cookie is not None:
            page.context.add_cookies([{"name": COOKIE_NAME, "value": cookie, "url": server.url}])
        opened.append((page, server))
        return page

    yield open_on
    for index, (page, server) in enumerate(opened):
        folder = tmp_path / f"page{index}"
        folder.mkdir()
        close_page(page, server, request, folder)


def expect_sign_in_page_only(page: Page) -> None:
    """The sign-in form and nothing of the app, still so once the app has been idle a while."""
    expect(login_button(page)).to_be_visible()
    wait_app_idle(page, SETTLE_MS)
    expect_signed_out(page)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    expect(page.get_by_test_id("stMetric")).to_have_count(0)
    main = page.get_by_test_id("stMain").inner_text()
    for word in SIGNED_IN_WORDS:
        assert word not in main, f"« {word} » à l'écran sans connexion"


def expect_households_list(page: Page) -> None:
    expect(page.get_by_role("heading", name="Ménages", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    expect(sign_out_button(page)).to_be_visible()


# --- Expired and tampered cookies, on the suite's server -----------------------------------


def test_an_expired_cookie_leads_to_the_sign_in_page(open_page, app_server):
    key = cookie_key_of(app_server)
    control = open_page(app_server, fresh_token(key, "direction"))
    control.goto(HOUSEHOLDS)
    expect_households_list(control)  # the forging is right: a live token signs in

    for path in ("/", HOUSEHOLDS):
        expired = open_page(app_server, login_token(key, "direction", -60))
        expired.goto(path)
        expect_sign_in_page_only(expired)


def test_a_tampered_cookie_leads_to_the_sign_in_page(open_page, app_server):
    key = cookie_key_of(app_server)
    genuine = fresh_token(key, "accueil")
    control = open_page(app_server, genuine)
    control.goto(HOUSEHOLDS)
    expect_households_list(control)

    forged = {
        "nom changé, signature gardée": with_username_changed(genuine, "admin"),
        "signé d'une autre clé": fresh_token(secrets.token_urlsafe(36), "admin"),
        "sans signature": unsigned("admin"),
        "n'importe quoi": "pas-un-jeton.du-tout",
    }
    for what, token in forged.items():
        page = open_page(app_server, token)
        page.goto(HOUSEHOLDS)
        try:
            expect_sign_in_page_only(page)
        except AssertionError as exc:
            raise AssertionError(f"cookie {what} : {exc}") from exc


# --- Signing out, on the suite's server ----------------------------------------------------


def test_one_person_signing_out_leaves_another_signed_in(open_page, app_server):
    social = open_page(app_server)
    reception = open_page(app_server)
    sign_in_and_wait(social, "social")
    sign_in_and_wait(reception, "accueil")

    wait_app_idle(social)
    sign_out_button(social).click()
    expect_signed_out(social)

    wait_app_idle(reception)
    reception.get_by_test_id("stSidebarNav").get_by_role("link", name="Ménages").click()
    expect_households_list(reception)  # an action after the other's sign-out
    reception.reload()  # a new session, signed in by the cookie
    expect_households_list(reception)
    wait_app_idle(reception, SETTLE_MS)
    expect_households_list(reception)

    social.reload()
    expect_sign_in_page_only(social)
    expect(greeting(social, "social")).to_have_count(0)


# --- Disabled accounts, on a server of their own -------------------------------------------


@pytest.fixture(scope="module")
def revocation_server(tmp_path_factory, browser):
    """A demo server with an account made for the test (created before it starts: DuckDB
    lets one process hold the file), so that disabling it touches no other test; its
    dashboard refreshes every 2 seconds."""
    folder = tmp_path_factory.mktemp("habiter_sessions")
    db = folder / "demo.duckdb"
    run_cli(db, "demo", "--households", "50")
    # Gestion locative: « Ménages » and « Tableau de bord » both.
    run_cli(db, "user", "add", DISABLED, "--roles", "gestion_locative", "--password", OWN_PASSWORD)
    database = open_database(db)
    set_setting(database, Actor.system("tests"), "dashboard_refresh_seconds", REFRESH_SECONDS)
    close_database(db)
    with warmed_server(browser, db, folder / "streamlit.log") as server:
        yield server


def disable_through_the_admin_page(admin: Page, username: str) -> None:
    open_login(admin, "/administration")
    sign_in(admin, "admin", DEMO_PASSWORD)
    expect(admin.get_by_role("heading", name="Administration", exact=True)).to_be_visible()
    wait_app_idle(admin)
    admin.get_by_role("tab", name="Modifier un compte").click()
    choose(admin, admin.get_by_role("combobox", name="Compte"), username)
    admin.get_by_text(f"Je confirme la désactivation de « {username} »").click()
    wait_app_idle(admin, 500)
    admin.get_by_role("button", name="Désactiver", exact=True).click()
    expect(admin.get_by_role("button", name="Réactiver", exact=True)).to_be_visible()


def test_a_disabled_account_loses_its_open_sessions(open_page, revocation_server):
    """Two open sessions of the account: the dashboard, whose figures refresh on their own
    (a fragment, which reruns without app.py), and « Ménages ». Once the account is
    disabled, the dashboard shows the sign-in page at its next refresh with no click, and
    « Ménages » at its next click, then at a reload."""
    dashboard = open_page(revocation_server)
    open_login(dashboard, "/tableau-de-bord")
    sign_in(dashboard, DISABLED, OWN_PASSWORD)
    expect(dashboard.get_by_text("Mis à jour à")).to_be_visible()
    expect(dashboard.get_by_test_id("stMetric").first).to_be_visible()
    households = open_page(revocation_server)
    open_login(households, HOUSEHOLDS)
    sign_in(households, DISABLED, OWN_PASSWORD)
    expect_households_list(households)

    disable_through_the_admin_page(open_page(revocation_server), DISABLED)

    expect_sign_in_page_only(dashboard)  # no action there: its refresh, every 2 seconds
    wait_app_idle(households)
    households.get_by_test_id("stSidebarNav").get_by_role("link", name="Mon espace").click()
    expect_sign_in_page_only(households)  # the next click
    households.reload()  # a new session, with the login cookie still in the browser
    expect_sign_in_page_only(households)

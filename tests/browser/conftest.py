"""Browser suite: the real app under `streamlit run`, driven by Playwright and Debian's Chromium.

A session-wide server runs on a demo database in a pytest temporary folder. A missing
server or browser makes the tests FAIL, never skip. Every wait is bounded.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from .failure import page_text

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000  # every Playwright wait and expect
# A page opened by its address: on a new server, the first one pays the imports and the
# start-up threads' first work, which took more than TIMEOUT_MS on a loaded machine.
FIRST_PAGE_MS = 90_000
STARTUP_SECONDS = 60  # the server must answer its health check within this
CLI_SECONDS = 180  # creating a database with the command line
ASSOCIATION = ("--association", "Logis Solidaire", "--town", "Bordeaux")  # asked by init
# Requests to anything but the local server are aborted: the suite stays offline.
NOT_LOCAL = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")

QUIET_MS = 1_000  # the app is idle when no script run started or ended for this long
# Records when Streamlit's script state last changed (running / notRunning), so that a test
# can wait for the app to be idle: the login page reruns once by itself, when the cookie
# component first reports, and that rerun drops text typed into the form meanwhile.
TRACK_RUNS_JS = """
(() => {
  window.__habiterRunChangedAt = performance.now();
  const watch = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) { setTimeout(watch, 20); return; }
    window.__habiterRunChangedAt = performance.now();
    new MutationObserver(() => { window.__habiterRunChangedAt = performance.now(); })
      .observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
  };
  watch();
})();
"""
APP_IDLE_JS = """
(quietMs) => {
  const app = document.querySelector('[data-testid="stApp"]');
  return Boolean(app) && app.dataset.testScriptState === "notRunning"
    && app.dataset.testConnectionState === "CONNECTED"
    && performance.now() - window.__habiterRunChangedAt > quietMs;
}
"""

LOCKOUT_USER = "lockme"
LOCKOUT_PASSWORD = "verrou-correct-1"

expect.set_options(timeout=TIMEOUT_MS)


def run_cli(db: Path, *args: str) -> None:
    """`python cli.py --db <db> ...`, bounded; a failure stops the suite with its output."""
    command = [sys.executable, "cli.py", "--db", str(db), *args]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=CLI_SECONDS, check=False
    )
    if done.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} a échoué ({done.returncode}):\n{done.stdout}\n{done.stderr}",
            pytrace=False,
        )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SERVE = ("serve.py",)  # as `make run` starts the app
PLAIN_STREAMLIT = ("-m", "streamlit", "run", "app.py")  # without serve.py's start-up settings


@dataclass
class AppServer:
    """One server of the app (serve.py, or plain `streamlit run app.py`) on its own database."""

    db: Path
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    launcher: tuple[str, ...] = SERVE

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> AppServer:
        env = {
            **os.environ,
            "HABITER_DB": str(self.db),
            # 48 characters, never written to .streamlit/secrets.toml.
            "HABITER_COOKIE_KEY": secrets.token_urlsafe(36),
        }
        command = [
            sys.executable,
            *self.launcher,
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ]
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()  # the child keeps its own descriptor
        self.wait_healthy()
        return self

    def wait_healthy(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(
                    f"Le serveur Streamlit s'est arrêté (code {self.process.returncode}) :\n"
                    + self.log_tail(),
                    pytrace=False,
                )
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        self.stop()
        pytest.fail(
            f"Le serveur Streamlit n'a pas répondu sur {self.url}/_stcore/health en "
            f"{STARTUP_SECONDS} s :\n" + self.log_tail(),
            pytrace=False,
        )

    def stop(self) -> None:
        """Terminate the server and wait for it, so that its database file is released."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)

    def log_tail(self, lines: int = 60) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(pas de journal)"
        return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="session")
def app_server(tmp_path_factory, browser) -> AppServer:
    """The app on a 200-household demo database, for the whole session.

    One visit of "/" first, so that the start-up cost of the first session falls on no test
    (test_first_request_after_start_... checks that first session on a server of its own).
    """
    folder = tmp_path_factory.mktemp("habiter_app")
    db = folder / "demo.duckdb"
    run_cli(db, "demo", "--households", "200")
    with warmed_server(browser, db, folder / "streamlit.log") as server:
        yield server


@contextmanager
def warmed_server(browser, db: Path, log_path: Path) -> Iterator[AppServer]:
    """The app started on `db`, its first page visited once (the start-up cost of a first
    session falls on no test), stopped at the end."""
    server = AppServer(db=db, log_path=log_path).start()
    try:
        warm_up = new_page(browser, server.url)
        try:
            open_login(warm_up)
        finally:
            warm_up.context.close()
        yield server
    finally:
        server.stop()


@pytest.fixture
def lockout_server(tmp_path_factory) -> AppServer:
    """A server of its own for the lockout test: locking an account there touches no other
    test, and the test may stop it to read the audit log (DuckDB allows one process)."""
    folder = tmp_path_factory.mktemp("habiter_lockout")
    db = folder / "lockout.duckdb"
    run_cli(db, "init", *ASSOCIATION, "--password", "chef-du-verrou-1")
    run_cli(db, "user", "add", LOCKOUT_USER, "--roles", "accueil", "--password", LOCKOUT_PASSWORD)
    server = AppServer(db=db, log_path=folder / "streamlit.log").start()
    yield server
    server.stop()


@pytest.fixture
def fresh_server(tmp_path_factory) -> AppServer:
    """A server that no browser has visited yet, on a database with one admin account,
    started with plain `streamlit run app.py`: Streamlit's old pages/ mode is then on, and
    the page guard alone keeps a page file from running without app.py."""
    folder = tmp_path_factory.mktemp("habiter_fresh")
    db = folder / "fresh.duckdb"
    run_cli(db, "init", *ASSOCIATION, "--password", "chef-tout-neuf-1")
    log_path = folder / "streamlit.log"
    server = AppServer(db=db, log_path=log_path, launcher=PLAIN_STREAMLIT).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium introuvable : {CHROMIUM} (apt-get install chromium)", pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=TIMEOUT_MS * 2
        )
        yield launched
        launched.close()


def new_page(browser: Browser, base_url: str) -> Page:
    """A page in a fresh context (no cookie), offline but for the app, with bounded waits."""
    context = browser.new_context(base_url=base_url, locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    outside: list[str] = []

    def refuse(route) -> None:
        outside.append(route.request.url)
        route.abort()

    context.route(NOT_LOCAL, refuse)
    context.add_init_script(TRACK_RUNS_JS)
    page = context.new_page()
    page.outside_requests = outside  # read by the test that no third party is called
    return page


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def close_page(page: Page, server: AppServer, request, folder: Path) -> None:
    """Close the page's context; on a failed test, keep a screenshot and the server's log."""
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        shot = folder / "failure.png"
        try:
            page.screenshot(path=str(shot), full_page=True, timeout=5_000)
            request.node.add_report_section("teardown", "screenshot", str(shot))
        except Exception as exc:  # a screenshot must not hide the real failure
            request.node.add_report_section("teardown", "screenshot", f"impossible : {exc}")
        request.node.add_report_section("teardown", "page text", page_text(page))
        request.node.add_report_section("teardown", "streamlit log", server.log_tail())
    page.context.close()


@pytest.fixture
def page(browser, app_server, request, tmp_path) -> Page:
    """A fresh browser context per test, on the session's server."""
    page = new_page(browser, app_server.url)
    yield page
    close_page(page, app_server, request, tmp_path)


@pytest.fixture
def lockout_page(browser, lockout_server, request, tmp_path) -> Page:
    """A fresh browser context on the lockout test's own server."""
    page = new_page(browser, lockout_server.url)
    yield page
    close_page(page, lockout_server, request, tmp_path)


@pytest.fixture
def fresh_page(browser, fresh_server, request, tmp_path) -> Page:
    page = new_page(browser, fresh_server.url)
    yield page
    close_page(page, fresh_server, request, tmp_path)


# --- Helpers the tests share -------------------------------------------------------------


def open_login(page: Page, path: str = "/", timeout_ms: int = FIRST_PAGE_MS) -> None:
    page.goto(path)
    expect(page.get_by_role("button", name="Se connecter")).to_be_visible(timeout=timeout_ms)


def wait_app_idle(page: Page, quiet_ms: int = QUIET_MS) -> None:
    """Wait, at most TIMEOUT_MS, until no script run has started or ended for quiet_ms."""
    page.wait_for_function(APP_IDLE_JS, arg=quiet_ms, timeout=TIMEOUT_MS)


def sign_in(page: Page, username: str, password: str) -> None:
    """Fill the login form (already on screen or opened here) and submit it."""
    if page.url in ("", "about:blank"):
        open_login(page)
    expect(login_button(page)).to_be_visible()
    wait_app_idle(page)
    page.get_by_label("Identifiant", exact=True).fill(username)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Se connecter").click()


def sign_out_button(page: Page):
    return page.get_by_role("button", name="Se déconnecter")


def login_button(page: Page):
    return page.get_by_role("button", name="Se connecter")


def open_a_file_of(page: Page, username: str, password: str = "demo-habiter") -> None:
    """Sign in, then open the first file of « Ménages » with the keyboard-friendly picker."""
    page.set_viewport_size({"width": 1280, "height": 1000})
    open_login(page)
    sign_in(page, username, password)
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    wait_app_idle(page)
    page.get_by_role("link", name="Ménages").first.click()  # no reload: the menu
    picker = page.get_by_role("combobox", name="Ouvrir un dossier")
    expect(picker).to_be_visible()
    wait_app_idle(page)
    picker.focus()
    page.keyboard.press("ArrowDown")  # the keyboard opens the choices
    expect(page.get_by_role("option").first).to_be_visible()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Ouvrir", exact=True).click()
    expect(page.locator("h1", has_text="Dossier")).to_be_visible()
    wait_app_idle(page)


def commit_typing(page: Page) -> None:
    """Leave the field just typed in, and let the page redraw, before a click elsewhere.

    Typing leaves the focus in the field; the mouse-down of the next click blurs it, and
    Streamlit redraws the form then. Under load that redraw landed between the button's
    mouse-down and mouse-up, and the click was lost (a 10,000-character « Résumé » kept,
    no save, no refusal, in CI). Blurring first puts the redraw before the click."""
    page.evaluate(
        "() => new Promise(done => { document.activeElement?.blur();"
        " requestAnimationFrame(() => requestAnimationFrame(done)); })"
    )
    wait_app_idle(page)


def visible_form(page: Page):
    return page.locator("[data-testid=stForm]:visible").first


def open_section(page: Page, tab: str, expander: str) -> None:
    page.get_by_role("tab", name=tab).click()
    page.get_by_text(expander).click()
    wait_app_idle(page)


def expect_error(page: Page, message: str) -> None:
    """The French message is on screen (beside its field), once the save's run is over."""
    alert = page.get_by_test_id("stAlertContentError").filter(has_text=message)
    expect(alert.first).to_be_visible()
    wait_app_idle(page)

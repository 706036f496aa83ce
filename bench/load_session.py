"""One browser session of bench/load.py: it signs in, then loops through the actions of
its account, timing each from the click to the end of the last script run it caused."""

import asyncio
import contextlib
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.async_api import Page, async_playwright, expect  # noqa: E402

from bench.common import say  # noqa: E402
from bench.load_server import Watch, cpu_seconds, process_tree  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    APP_IDLE_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    NOT_LOCAL,
    TRACK_RUNS_JS,
)
from ui.nav import PAGES, UNEXPECTED_ERROR  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PASSWORD = "demo-habiter"
ACTION_TIMEOUT_MS = 30_000  # beyond this an action is an error
QUIET_MS = 600  # no run started or ended for this long: the action's last run is over
LOGIN_QUIET_MS = 1_000  # tests/browser/conftest.py's QUIET_MS before filling the login form
LOGIN_AT_ONCE = 4  # sign-ins in flight together before the window (bcrypt is CPU-bound)
ACTIONS = (
    "navigation",
    "recherche",
    "ouverture_dossier",
    "enregistrement_accueil",
    "tableau_de_bord",
    "requete_console",
)
ACCOUNTS = ("accueil", "social", "analyste", "direction")  # after session 0's direction
SEARCH_TERMS = ("martin", "bernard", "petit", "dubois", "moreau", "laurent", "garcia", "roux")
CONSOLE_QUERIES = (
    "SELECT commune, count(*) AS menages FROM household GROUP BY commune ORDER BY commune",
    "SELECT status, count(*) AS menages FROM household GROUP BY status ORDER BY status",
    "SELECT family_type, count(*) AS menages FROM household GROUP BY 1 ORDER BY 2 DESC",
)
WELCOMED = "Ménages accueillis"
# The address of each page by its title (ui/nav.py); « Mon espace » is also "/".
ADDRESSES = {spec.title: {spec.url} | ({""} if spec.key == "home" else set()) for spec in PAGES}
SHOTS = Path(tempfile.gettempdir()) / "habiter-load-errors"  # the first errors' screens
MAX_SHOTS = 12
STEP_ACTION = {
    "search": "recherche",
    "open_file": "ouverture_dossier",
    "save_intake": "enregistrement_accueil",
    "dashboard": "tableau_de_bord",
    "console": "requete_console",
    "home": "navigation",
}


# --- the sessions ---------------------------------------------------------------------


@dataclass
class Tally:
    """Latencies (ms) and errors per action, and the errors' first messages."""

    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    # With one session only (nothing overlaps): the server's CPU ms of each action.
    server_cpu: dict[str, list[float]] = field(default_factory=dict)
    server_pid: int | None = None
    # The websocket client's (bench/load_roles.py): the bytes each action received.
    sizes: dict[str, list[int]] = field(default_factory=dict)

    def add(self, action: str, ms: float) -> None:
        self.times.setdefault(action, []).append(ms)

    def fail(self, action: str, message: str) -> None:
        self.errors[action] = self.errors.get(action, 0) + 1
        if len(self.messages) < 20:
            self.messages.append(f"{action}: {message.splitlines()[0][:200]}")


class Session:
    """One browser context signed in as `account`, timing its actions into `tally`."""

    def __init__(self, page: Page, account: str, tally: Tally, number: int):
        self.page, self.account, self.tally = page, account, tally
        self.random = random.Random(number)
        self.number, self.saves, self.signed = number, 0, False

    async def timed(self, action: str, click, done) -> bool:
        """Time `click()` until the runs it caused are over and `done` is visible."""
        page = self.page
        start = await page.evaluate("performance.now()")
        cpu_before = self.server_cpu()
        try:
            await click()
            await page.wait_for_function(
                "(t) => window.__habiterRunChangedAt > t", arg=start, timeout=ACTION_TIMEOUT_MS
            )
            await expect(done).to_be_visible(timeout=ACTION_TIMEOUT_MS)
            await page.wait_for_function(APP_IDLE_JS, arg=QUIET_MS, timeout=ACTION_TIMEOUT_MS)
            ended = await page.evaluate("window.__habiterRunChangedAt")
        except Exception as exc:  # a timeout or a closed page: an error, then recover
            self.tally.fail(action, f"{type(exc).__name__}: {exc}")
            await self.shoot(action)
            await self.recover()
            return False
        shown = await self.error_on_screen()
        if shown:
            self.tally.fail(action, shown)
            await self.recover()
            return False
        self.tally.add(action, ended - start)
        if cpu_before is not None:
            used = (self.server_cpu() - cpu_before) * 1000
            self.tally.server_cpu.setdefault(action, []).append(used)
        return True

    async def shoot(self, action: str) -> None:
        """A screenshot of the first errors, to see what the page showed instead."""
        taken = sorted(SHOTS.glob("*.png")) if SHOTS.exists() else []
        if len(taken) >= MAX_SHOTS:
            return
        SHOTS.mkdir(parents=True, exist_ok=True)
        name = f"{action}-{self.account}-{self.number}-{time.monotonic_ns()}.png"
        with contextlib.suppress(Exception):  # a screenshot must not hide the error itself
            await self.page.screenshot(path=str(SHOTS / name), timeout=10_000)

    def server_cpu(self) -> float | None:
        pid = self.tally.server_pid
        return None if pid is None else cpu_seconds(process_tree(pid))

    async def error_on_screen(self) -> str | None:
        page = self.page
        if await page.get_by_test_id("stException").count():
            shown = await page.get_by_test_id("stException").first.inner_text()
            return "exception à l'écran : " + shown
        if await page.get_by_text(UNEXPECTED_ERROR[:40]).count():
            return "erreur inattendue à l'écran"
        return None

    async def recover(self) -> None:
        try:
            await self.page.goto("/", timeout=ACTION_TIMEOUT_MS)
            await self.idle()
        except Exception as exc:
            self.tally.fail("reprise", f"{type(exc).__name__}: {exc}")

    async def idle(self) -> None:
        await self.page.wait_for_function(APP_IDLE_JS, arg=QUIET_MS, timeout=ACTION_TIMEOUT_MS)

    async def sign_in(self) -> None:
        page = self.page
        try:
            await page.goto("/", timeout=ACTION_TIMEOUT_MS)
            await expect(page.get_by_role("button", name="Se connecter")).to_be_visible(
                timeout=ACTION_TIMEOUT_MS
            )
            # The login page reruns once when its cookie component reports, and that rerun
            # empties the form: as tests/browser/conftest.py's sign_in, a longer quiet.
            await page.wait_for_function(APP_IDLE_JS, arg=LOGIN_QUIET_MS)
            await page.get_by_label("Identifiant", exact=True).fill(self.account)
            await page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
        except Exception as exc:
            self.tally.fail("connexion", f"{type(exc).__name__}: {exc}")
            return
        self.signed = await self.timed(
            "connexion",
            page.get_by_role("button", name="Se connecter").click,
            page.get_by_role("button", name="Se déconnecter"),
        )

    async def go(self, title: str, action: str = "navigation", done=None) -> None:
        """The menu link to the page `title`; none when already there (a click on the
        current page's link runs nothing: it would wait for a run that never comes)."""
        page = self.page
        if urlparse(page.url).path.strip("/") in ADDRESSES[title]:
            return
        await self.timed(
            action,
            page.get_by_role("link", name=title).first.click,
            done or page.get_by_role("heading", name=title).first,
        )

    async def search(self) -> None:
        page = self.page
        await self.go("Ménages")
        field = page.get_by_role("textbox", name="Rechercher", exact=True)
        # Another term than the one in the field: Entrée on the same text runs nothing.
        shown = await field.input_value()
        await field.fill(self.random.choice([t for t in SEARCH_TERMS if t != shown]))
        caption = page.get_by_text("ménage(s) — page")
        await self.timed("recherche", lambda: field.press("Enter"), caption)

    async def open_file(self) -> None:
        page = self.page
        picker = page.get_by_role("combobox", name="Ouvrir un dossier")
        try:
            await picker.focus(timeout=ACTION_TIMEOUT_MS)
            await page.keyboard.press("ArrowDown")
            await page.get_by_role("option").first.wait_for(timeout=ACTION_TIMEOUT_MS)
            await page.keyboard.press("Enter")
        except Exception as exc:
            self.tally.fail("ouverture_dossier", f"{type(exc).__name__}: {exc}")
            await self.recover()
            return
        await self.timed(
            "ouverture_dossier",
            page.get_by_role("button", name="Ouvrir", exact=True).click,
            page.locator("h1", has_text="Dossier").first,
        )

    async def save_intake(self) -> None:
        page = self.page
        await self.go("Nouvelle demande")
        self.saves += 1
        letters = "".join(self.random.choice("bcdfglmnprstv") + "a" for _ in range(4))
        try:
            # The page keeps the last save's confirmation: « Saisir une autre demande ».
            again = page.get_by_role("button", name="Saisir une autre demande")
            if await again.count():
                await again.click()
                await page.get_by_label("Nom", exact=True).wait_for(timeout=ACTION_TIMEOUT_MS)
                await self.idle()
            await page.get_by_label("Nom", exact=True).fill(f"Charge{letters}")
            await page.get_by_label("Prénom", exact=True).fill(f"Session{self.number}x{self.saves}")
            phone = "07 " + " ".join(f"{self.random.randrange(100):02d}" for _ in range(4))
            await page.get_by_label("Téléphone", exact=True).fill(phone)  # no duplicate
            await page.get_by_label("Code postal", exact=True).fill("33130")
            await page.get_by_label("Commune", exact=True).fill("Bègles")
            await page.get_by_text("Le ménage a été informé et consent").click()
            await page.get_by_role("group", name="Date du consentement").wait_for(
                timeout=ACTION_TIMEOUT_MS
            )
        except Exception as exc:
            self.tally.fail("enregistrement_accueil", f"{type(exc).__name__}: {exc}")
            await self.recover()
            return
        await self.timed(
            "enregistrement_accueil",
            page.get_by_role("button", name="Enregistrer la demande").click,
            page.get_by_text("créé.").first,
        )

    async def dashboard(self) -> None:
        metric = self.page.get_by_test_id("stMetric").filter(has_text=WELCOMED).first
        await self.go("Tableau de bord", "tableau_de_bord", metric)

    async def console(self) -> None:
        page = self.page
        await self.go("Console SQL", done=page.get_by_label("Requête SQL"))
        try:
            await page.get_by_label("Requête SQL").fill(self.random.choice(CONSOLE_QUERIES))
        except Exception as exc:
            self.tally.fail("requete_console", f"{type(exc).__name__}: {exc}")
            await self.recover()
            return
        await self.timed(
            "requete_console",
            page.get_by_role("button", name="Exécuter").click,
            page.get_by_text("lignes en").first,
        )

    async def home(self) -> None:
        await self.go("Mon espace", done=self.page.get_by_text("Bonjour").first)

    def cycle(self) -> list:
        """This account's actions, in the order a person of that role would go."""
        return {
            "direction": [
                self.dashboard,
                self.search,
                self.open_file,
                self.save_intake,
                self.console,
                self.home,
            ],
            "accueil": [self.save_intake, self.search, self.open_file, self.home],
            "social": [self.search, self.open_file, self.home],
            "analyste": [self.dashboard, self.console, self.home],
        }[self.account]

    async def loop(self, until: float) -> None:
        """The cycle's actions in turn until `until`; signed in again if the sign-in failed."""
        steps = self.cycle()
        turn = 0
        while time.monotonic() < until:
            if not self.signed:
                await self.sign_in()
                continue
            step = steps[turn % len(steps)]
            try:
                await step()
            except Exception as exc:  # a wait outside the timed part: the action failed
                self.tally.fail(STEP_ACTION[step.__name__], f"{type(exc).__name__}: {exc}")
                await self.recover()
            turn += 1

    async def warm_up(self) -> None:
        """One untimed turn of the cycle: the caches a first visitor fills after a start."""
        for step in self.cycle():
            await step()


async def new_session(browser, url: str, account: str, tally: Tally, number: int) -> Session:
    context = await browser.new_context(
        base_url=url, locale="fr-FR", viewport={"width": 1280, "height": 1000}
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    await context.route(NOT_LOCAL, lambda route: route.abort())
    await context.add_init_script(TRACK_RUNS_JS)
    return Session(await context.new_page(), account, tally, number)


def account_of(number: int) -> str:
    return "direction" if number == 0 else ACCOUNTS[(number - 1) % len(ACCOUNTS)]


async def drive(
    url: str, sessions: int, seconds: float, server_pid: int, on_window, warm: bool = True
) -> dict:
    """Sign N sessions in, then run them for `seconds`; the tally and the window's CPU.
    With `warm`, one direction session first goes once through its cycle, untimed: the
    figures below are those of a server in use, not of its first minute."""
    tally = Tally(server_pid=server_pid if sessions == 1 else None)
    async with async_playwright() as driver:
        browser = await driver.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=60_000
        )
        clock = time.monotonic()
        if warm:
            first = await new_session(browser, url, "direction", Tally(), sessions)
            await first.sign_in()
            await first.warm_up()
            await first.page.context.close()
            say(f"    warm-up turn {time.monotonic() - clock:.0f} s")
        clock = time.monotonic()
        people = [await new_session(browser, url, account_of(n), tally, n) for n in range(sessions)]
        gate = asyncio.Semaphore(LOGIN_AT_ONCE)

        async def signed_in(person: Session) -> None:
            async with gate:
                await person.sign_in()

        await asyncio.gather(*(signed_in(person) for person in people))
        say(f"    {sessions} sign-in(s) {time.monotonic() - clock:.0f} s")
        watch = Watch(server_pid)
        server_cpu, browser_cpu = watch.cpu()
        load_before = os.getloadavg()
        watch.start()
        on_window()
        started = time.monotonic()
        await asyncio.gather(*(person.loop(started + seconds) for person in people))
        length = time.monotonic() - started
        server_after, browser_after = watch.cpu()
        watch.stop()
        version = browser.version
        await browser.close()
    return {
        "tally": tally,
        "window_s": round(length, 1),
        "server_cores": round((server_after - server_cpu) / length, 2),
        "server_cpu_s": round(server_after - server_cpu, 1),
        "browser_cores": round((browser_after - browser_cpu) / length, 2),
        "rss_peak_mb": round(watch.rss_peak),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "chromium": version,
    }

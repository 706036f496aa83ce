"""Load on one server of the app: N real browser sessions at once, latency per action.

    python bench/load.py [--sessions 1,10,30] [--households 200000] [--seconds 60]
    python bench/load.py --quick   # N = 1 and 3 on 2 000 households, 10 s each, no warm-up

For each N: a copy of the size's cached demo database (bench/common.py; the intakes saved
here never reach the cache), the app started as `make run` starts it (serve.py, on
127.0.0.1, a free port, its own cookie key), then one headless Chromium (Debian's, the
browser tests' flags) with N contexts. Each session signs in (timed as `connexion`, not in
the window), then loops for --seconds through the actions of its account:

- `direction` (session 0, so that N = 1 covers every action): the whole mix;
- then in turn `accueil` (intake, list), `social` (list, file), `analyste` (dashboard,
  console), `direction` again.

Actions: `navigation` (a menu link to a page), `recherche` (a term typed in « Ménages »,
Entrée), `ouverture_dossier` (« Ouvrir un dossier », « Ouvrir »), `enregistrement_accueil`
(« Enregistrer la demande » of a new household), `tableau_de_bord` (the menu link to the
dashboard, until its figures show), `requete_console` (« Exécuter » in « Console SQL »).

An action is timed from the click to the end of the last script run it caused, the
expected element being on screen (Streamlit's data-test-script-state, as
tests/browser/conftest.py's APP_IDLE_JS watches it: the quiet period that tells the run
is the last one is waited for, not counted). An error is a wait over ACTION_TIMEOUT_MS, a
Playwright exception, or an exception or the app's French error shown on screen; the
session then reloads and goes on. Server memory: the highest VmHWM (peak RSS) of the
server's process and its children, from /proc, reset for each N by a fresh server.
CPU: the seconds of CPU used during the window by the server, and by the browsers and
their driver, over the window's length (cores in use; the machine has os.cpu_count()),
and the server's CPU per action done; with N = 1 (nothing overlaps), the server's CPU of
each action, its median per action. Before each N, the machine's load average: on a
shared machine the latencies say as much about the other jobs as about the app.

Before the first N, a copy of the database gets the day's backup (`cli.py backup`), so
that the app's scheduled backup does not copy the whole file during the window; before
each window, one untimed turn of a `direction` session (not with --quick) fills what a
server's first visitor fills. --py-spy <path> records the server during each window
(raw stacks in /tmp/habiter-load-<N>.pyspy.txt): how the fixes of issue 13 were found.

Writes bench/results/load.json ({"meta": …, "rows": [{sessions, households, action,
count, p50_ms, p95_ms, errors, server_peak_mb}]}) and bench/results/load.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import polars as pl  # noqa: E402
import streamlit  # noqa: E402
from playwright.async_api import Page, async_playwright, expect  # noqa: E402

from bench.common import database_path, generate, say  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    APP_IDLE_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    NOT_LOCAL,
    TRACK_RUNS_JS,
    AppServer,
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
    "search": "recherche", "open_file": "ouverture_dossier",
    "save_intake": "enregistrement_accueil", "dashboard": "tableau_de_bord",
    "console": "requete_console", "home": "navigation",
}  # fmt: skip


# --- the server: its processes, memory and CPU from /proc -------------------------------


def process_tree(pid: int) -> list[int]:
    """The pid and its descendants (Linux /proc/<pid>/task/*/children)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def status_mb(pid: int, key: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_mb(pid: int) -> float:
    """The sum of the peak RSS (VmHWM) of the process and its children."""
    return sum(status_mb(p, "VmHWM") for p in process_tree(pid))


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds used so far by these processes."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return total / ticks


class Watch(threading.Thread):
    """Samples the server's RSS and the CPU seconds of the server and of the browsers."""

    def __init__(self, server_pid: int, period: float = 0.5):
        super().__init__(daemon=True)
        self.server_pid, self.period = server_pid, period
        self.rss_peak, self.done = 0.0, threading.Event()

    def browsers(self) -> list[int]:
        """This process's other descendants: Playwright's driver and Chromium."""
        return [p for p in process_tree(os.getpid()) if p not in self.server_tree()]

    def server_tree(self) -> set[int]:
        return set(process_tree(self.server_pid))

    def cpu(self) -> tuple[float, float]:
        return cpu_seconds(list(self.server_tree())), cpu_seconds(self.browsers())

    def run(self) -> None:
        while not self.done.wait(self.period):
            rss = sum(status_mb(p, "VmRSS") for p in self.server_tree())
            self.rss_peak = max(self.rss_peak, rss)

    def stop(self) -> None:
        self.done.set()
        self.join(timeout=5)


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
        field = page.get_by_label("Rechercher", exact=True)
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
                self.dashboard, self.search, self.open_file, self.save_intake, self.console,
                self.home,
            ],
            "accueil": [self.save_intake, self.search, self.open_file, self.home],
            "social": [self.search, self.open_file, self.home],
            "analyste": [self.dashboard, self.console, self.home],
        }[self.account]  # fmt: skip

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


# --- one N on a fresh server; the results ----------------------------------------------


def demo_database(households: int) -> Path:
    path = database_path(households)
    if not path.exists():  # made as bench/common.py makes it, without its SQLite copy
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.unlink(missing_ok=True)
        say(f"  generating {households} households into {path}")
        generate(str(partial), households)
        partial.rename(path)
    return path


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (p95 of 20 values is the 19th)."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(share * len(ordered)) - 1)])


def rows_of(sessions: int, households: int, tally: Tally, peak: float) -> list[dict]:
    actions = [*ACTIONS, "connexion"]
    actions += sorted(set(tally.errors) - set(actions))  # « reprise »: a failed reload
    rows = []
    for action in actions:
        times = tally.times.get(action, [])
        errors = tally.errors.get(action, 0)
        if not times and not errors:
            continue
        rows.append({
            "sessions": sessions, "households": households, "action": action,
            "count": len(times), "p50_ms": percentile(times, 0.50),
            "p95_ms": percentile(times, 0.95), "errors": errors,
            "server_peak_mb": round(peak),
        })  # fmt: skip
    return rows


def prepared_copy(source: Path, folder: Path) -> Path:
    """A copy of the cached database whose day's backup is taken: the app's scheduled
    backup (db/backup/channel.py) would otherwise copy the whole file during the window,
    as it does once a day in production, not under the load measured here."""
    db = folder / "prepared.duckdb"
    shutil.copyfile(source, db)
    done = subprocess.run(
        [sys.executable, "cli.py", "--db", str(db), "backup"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"sauvegarde préalable impossible :\n{done.stdout}\n{done.stderr}")
    return db


def profiler(py_spy: str | None, pid: int, seconds: float, out: Path):
    """py-spy recording the server for the window (raw stacks), when asked."""
    if not py_spy:
        return lambda: None

    def start() -> None:
        command = [
            py_spy, "record", "--pid", str(pid), "--duration", str(int(seconds)),
            "--rate", "50", "--format", "raw", "--nonblocking", "--output", str(out),
        ]  # fmt: skip
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        say(f"    py-spy → {out}")

    return start


def run_one(
    prepared: Path,
    sessions: int,
    households: int,
    seconds: float,
    py_spy: str | None,
    warm: bool = True,
) -> tuple[list, dict]:
    with tempfile.TemporaryDirectory(prefix="habiter-load-") as folder:
        db = Path(folder) / "demo.duckdb"
        shutil.copyfile(prepared, db)
        clock = time.monotonic()
        server = AppServer(db=db, log_path=Path(folder) / "streamlit.log").start()
        say(f"  {sessions} session(s), {households} households, {seconds:.0f} s")
        say(f"    copy and start {time.monotonic() - clock:.0f} s")
        pid = server.process.pid
        spy = profiler(py_spy, pid, seconds, Path(f"/tmp/habiter-load-{sessions}.pyspy.txt"))
        try:
            run = asyncio.run(drive(server.url, sessions, seconds, pid, spy, warm))
            peak = peak_mb(pid)
            log = server.log_tail(400)
        finally:
            server.stop()
    tally = run.pop("tally")
    actions = sum(len(times) for times in tally.times.values())
    # The server's own cost of an action, whatever the browsers and other jobs took.
    run["actions_done"] = actions
    run["server_cpu_ms_per_action"] = round(run["server_cpu_s"] * 1000 / max(actions, 1))
    run["server_peak_mb"] = round(peak)
    if tally.server_cpu:  # one session: the server's own CPU per action, median
        run["server_cpu_ms_p50_by_action"] = {
            action: percentile(used, 0.5) for action, used in tally.server_cpu.items()
        }
    run["error_messages"] = tally.messages
    run["log_tracebacks"] = log.count("Traceback")
    return rows_of(sessions, households, tally, peak), {"sessions": sessions, **run}


def meta(households: int, seconds: float, load_before: tuple) -> dict:
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python " + " ".join(sys.argv),
        "households": households,
        "seconds_per_n": seconds,
        "load_average_before": [round(x, 2) for x in load_before],
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "versions": {
            "python": platform.python_version(),
            "streamlit": streamlit.__version__,
            "duckdb": duckdb.__version__,
            "polars": pl.__version__,
            "playwright": version("playwright"),
        },
        "goal": "30 sessions, p95 < 1 000 ms per action, 0 error, server < 1 024 MB",
    }


def cell(value) -> str:
    return "—" if value is None else f"{value:,}".replace(",", " ")


def markdown(result: dict) -> str:
    info = result["meta"]
    lines = [
        f"# Charge : N sessions de navigateur sur un serveur ({info['date']})",
        "",
        f"`{info['command']}` — {info['cores']} cœurs, {info['memory_gb']} Go,"
        f" Python {info['versions']['python']}, Streamlit {info['versions']['streamlit']},"
        f" DuckDB {info['versions']['duckdb']}, Chromium {info.get('chromium', '?')}."
        f" Charge moyenne avant : {info['load_average_before']}.",
        "",
        "| sessions | ménages | action | nombre | p50 (ms) | p95 (ms) | erreurs"
        " | pic serveur (Mo) |",
        "|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in result["rows"]:
        lines.append(
            f"| {row['sessions']} | {cell(row['households'])} | {row['action']}"
            f" | {row['count']} | {cell(row['p50_ms'])} | {cell(row['p95_ms'])}"
            f" | {row['errors']} | {cell(row['server_peak_mb'])} |"
        )
    lines += [
        "",
        "| sessions | fenêtre (s) | charge avant | charge après | cœurs serveur"
        " | cœurs navigateurs | actions | CPU serveur par action (ms) | tracebacks au journal |",
        "|---:|---:|---|---|---:|---:|---:|---:|---:|",
    ]
    for run in info["runs"]:
        lines.append(
            f"| {run['sessions']} | {run['window_s']} | {run['load_before']}"
            f" | {run['load_after']} | {run['server_cores']} | {run['browser_cores']}"
            f" | {run['actions_done']} | {run['server_cpu_ms_per_action']}"
            f" | {run['log_tracebacks']} |"
        )
    for run in info["runs"]:
        if "server_cpu_ms_p50_by_action" in run:
            by_action = run["server_cpu_ms_p50_by_action"].items()
            used = ", ".join(f"{action} {cell(ms)} ms" for action, ms in by_action)
            lines += ["", f"CPU du serveur par action, une session seule (médiane) : {used}."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,10,30")
    parser.add_argument("--households", type=int, default=200_000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--quick", action="store_true", help="N = 1,3; 2 000 households; 10 s; no warm-up"
    )
    parser.add_argument("--py-spy", help="py-spy's path: record the server during each window")
    parser.add_argument("--out", type=Path, default=RESULTS / "load.json")
    args = parser.parse_args()
    if args.quick:
        args.sessions, args.households, args.seconds = "1,3", 2_000, 10.0
    counts = [int(n) for n in args.sessions.split(",")]
    result = {"meta": meta(args.households, args.seconds, os.getloadavg()), "rows": []}
    result["meta"]["runs"] = []
    work = tempfile.TemporaryDirectory(prefix="habiter-load-prepared-")
    prepared = prepared_copy(demo_database(args.households), Path(work.name))
    for sessions in counts:
        rows, run = run_one(
            prepared, sessions, args.households, args.seconds, args.py_spy, not args.quick
        )
        result["rows"] += rows
        result["meta"]["chromium"] = run.pop("chromium")
        result["meta"]["runs"].append(run)
        for row in rows:
            say(
                f"    {row['action']:<24} n={row['count']:<4} p50={row['p50_ms']}"
                f" p95={row['p95_ms']} errors={row['errors']}"
            )
        say(f"    server peak {run['server_peak_mb']} MB, cores {run['server_cores']}"
            f" (browsers {run['browser_cores']}), load {run['load_before']}")  # fmt: skip
    work.cleanup()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    args.out.with_suffix(".md").write_text(markdown(result))
    say(f"  written {args.out} and {args.out.with_suffix('.md')}")


if __name__ == "__main__":
    main()

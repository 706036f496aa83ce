"""Every page of the menu, as every role, in a real Chromium: the time to idle, the server's
CPU per visit, and the rows and cards drawn.

    python bench/screens.py [--sizes 2000,200000,1000000] [--visits 5] [--accounts ...]
    python bench/screens.py --quick   # 2 000 households, direction and accueil, 2 visits

For each size: a copy of the size's cached demo database (bench/common.py's cache, made
when missing; its day's backup taken first, as bench/load.py does, so that the app's
scheduled backup does not run during the visits), the app started as the browser tests
start it (tests/browser/conftest.py's AppServer: serve.py on 127.0.0.1), one headless
Chromium (Debian's, the tests' flags, in French). Each demo account signs in, then clicks
through its menu: a first round, then --visits rounds, each page left for the next one.

A visit is timed from the click on the menu link to the end of the last script run it
caused (Streamlit's script state, watched as tests/browser/conftest.py's APP_IDLE_JS does;
the quiet period that tells the run is the last is waited for, not counted). A visit not
idle after 30 s is « jamais au repos »: the page is reloaded and the tour goes on. The
server's CPU is read from /proc (its process and children) before the click and at idle.
Drawn: rows of every st.dataframe (its grid's aria-rowcount) and st.table, and the
bordered containers (cards), counted in the page once idle.

The server's very first visit of each page, after its start, may compute what later visits
reuse (caches shared by sessions): it is reported apart, and each account's first round
is left out of the medians. Rows: bench/results/screens.rows.json, for bench/report.py's
one table; every visit: bench/results/screens.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench import table  # noqa: E402
from bench.common import say  # noqa: E402
from bench.load import demo_database, prepared_copy  # noqa: E402
from bench.screens_browser import SCREEN_ERRORS, Visit, signed_in, tour  # noqa: E402
from bench.table import Row  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, AppServer  # noqa: E402
from ui.paging import MAX_DRAWN  # noqa: E402

ACCOUNTS = ("admin", "direction", "social", "accueil", "gestion", "analyste")
QUICK_ACCOUNTS = ("direction", "accueil")
SIZES = (2_000, 200_000, 1_000_000)
DETAIL = table.RESULTS / "screens.json"
# Issue 19's goals: up to 200,000 households, a median under 1 s for every role and under
# 200 ms of the server's CPU per visit; beyond, under 2 s.
GOAL_MS = 1_000
GOAL_CPU_MS = 200
LARGE = 200_000
GOAL_LARGE_MS = 2_000
NEVER_IDLE = "jamais au repos"


# --- the rows of the table -------------------------------------------------------------


def goal_ms(households: int) -> float:
    return GOAL_MS if households <= LARGE else GOAL_LARGE_MS


def goal_cpu_ms(households: int) -> float | None:
    return GOAL_CPU_MS if households <= LARGE else None


def median_ms(visits: list[Visit]) -> float:
    """The median time to idle; a visit never idle counts as endless."""
    return statistics.median(v.ms if v.ms is not None else float("inf") for v in visits)


def shown_ms(value: float) -> str:
    return NEVER_IDLE if value == float("inf") else table.ms(value)


def counted(visits: list[Visit]) -> list[Visit]:
    """The visits whose drawing was counted: a visit never idle was not."""
    return [v for v in visits if v.drawn]


def drawn_text(visits: list[Visit]) -> str:
    visits = counted(visits)
    if not visits:
        return "lignes et cartes non comptées"
    rows = max(v.drawn.get("rows", 0) for v in visits)
    cards = max(v.drawn.get("cards", 0) for v in visits)
    text = f"{table.number(rows, 0)} lignes, {table.number(cards, 0)} cartes"
    # A table in a closed expander or tab has no grid yet: its rows are not counted.
    closed = max(v.drawn.get("frames", 0) - v.drawn.get("frames_counted", 0) for v in visits)
    return text + (f" (hors {closed} tableau(x) fermé(s))" if closed else "")


def drawing_verdict(visits: list[Visit]) -> str:
    goal = f"≤ {MAX_DRAWN} lignes et cartes"
    if not counted(visits):
        return f"{goal} : non mesuré"
    most = max(v.drawn.get("rows", 0) + v.drawn.get("cards", 0) for v in counted(visits))
    return table.verdict(most <= MAX_DRAWN, goal)


def by_account(visits: list[Visit]) -> dict[str, list[Visit]]:
    found: dict[str, list[Visit]] = {}
    for one in visits:
        found.setdefault(one.account, []).append(one)
    return found


def verdicts(visits: list[Visit], households: int) -> str:
    """The goals of the screen at this size, each with its verdict, for its slowest role."""
    accounts = by_account(visits).values()
    slowest = max(median_ms(mine) for mine in accounts)
    limit = goal_ms(households)
    found = [table.verdict(slowest < limit, f"médiane < {limit // 1000:.0f} s pour chaque rôle")]
    cpu_limit = goal_cpu_ms(households)
    if cpu_limit is not None:
        costliest = max(statistics.median(v.cpu_ms for v in mine) for mine in accounts)
        found.append(table.verdict(costliest < cpu_limit, f"CPU < {table.ms(cpu_limit)}"))
    found.append(drawing_verdict(visits))
    return " ; ".join(found)


def following_row(title: str, visits: list[Visit], households: int) -> Row:
    """The visits after each account's first round: medians, the slowest role, the goals."""
    accounts = by_account(visits)
    known = [v.ms for v in visits if v.ms is not None]
    never = len(visits) - len(known)
    timing = table.p50_p95(known) + " ; " if known else ""
    timing += f"{NEVER_IDLE} : {never} sur {len(visits)}" if never else ""
    timing = timing.removesuffix(" ; ")
    errors = sum(v.error in SCREEN_ERRORS for v in visits)
    if errors:
        timing += f" ; erreur à l'écran : {errors} sur {len(visits)}"
    slowest = max(accounts, key=lambda account: median_ms(accounts[account]))
    painted = [v.painted_ms for v in visits if v.painted_ms is not None]
    if painted:
        timing += f" ; dessiné en {table.ms(statistics.median(painted))}"
    cpu = statistics.median(v.cpu_ms for v in visits)
    habiter = (
        f"{timing} ; CPU du serveur {table.ms(cpu)} par visite ; {drawn_text(visits)} ;"
        f" rôle le plus lent : {slowest} ({shown_ms(median_ms(accounts[slowest]))})"
    )
    measure = f"écran « {title} » : {len(visits)} visite(s), {len(accounts)} rôle(s)"
    return Row(measure, households, habiter, goal=verdicts(visits, households))


def first_row(title: str, first: Visit, households: int) -> Row:
    timing = NEVER_IDLE if first.ms is None else table.ms(first.ms)
    if first.painted_ms is not None:
        timing += f" (dessiné en {table.ms(first.painted_ms)})"
    habiter = f"{timing} ; CPU du serveur {table.ms(first.cpu_ms)} ; {drawn_text([first])}"
    measure = f"écran « {title} » : première visite après le démarrage ({first.account})"
    return Row(measure, households, habiter)


def rows_of(visits: list[Visit], households: int) -> list[Row]:
    """Per screen, in the order first visited: the server's first visit, then the others."""
    rows = []
    titles = list(dict.fromkeys(v.title for v in visits))
    for title in titles:
        mine = [v for v in visits if v.title == title]
        following = [v for v in mine if not v.first]
        if mine[0].first:
            rows.append(first_row(title, mine[0], households))
        if following:
            rows.append(following_row(title, following, households))
    return rows


# --- one size --------------------------------------------------------------------------


def measure_size(
    browser, source: Path, households: int, accounts: tuple[str, ...], visits: int
) -> dict:
    """Every account's tour on a fresh server over a copy of `source`, a demo database."""
    with tempfile.TemporaryDirectory(prefix="habiter-screens-") as folder:
        clock = time.monotonic()
        db = prepared_copy(source, Path(folder))
        server = AppServer(db=db, log_path=Path(folder) / "streamlit.log").start()
        say(
            f"  {table.number(households, 0)} ménages : copie et démarrage"
            f" {time.monotonic() - clock:.0f} s"
        )
        done: list[Visit] = []
        try:
            for account in accounts:
                page = signed_in(browser, server.url, account)
                try:
                    done += tour(page, account, server.process.pid, visits, say)
                finally:
                    page.context.close()
            tracebacks = server.log_tail(2_000).count("Traceback")
        finally:
            server.stop()
    return {"households": households, "visits": done, "log_tracebacks": tracebacks}


def detail(measured: list[dict]) -> dict:
    return {
        "command": "python " + " ".join(sys.argv),
        "date": datetime.now().isoformat(timespec="seconds"),
        "sizes": [{**size, "visits": [asdict(v) for v in size["visits"]]} for size in measured],
    }


def launched(playwright):
    """Debian's Chromium with the browser tests' flags, in French."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--lang=fr-FR"]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--visits", type=int, default=5, help="rounds after the first")
    parser.add_argument("--accounts", default=",".join(ACCOUNTS))
    parser.add_argument("--quick", action="store_true", help="2 000 ménages, 2 rôles, 2 tours")
    args = parser.parse_args()
    sizes = [2_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    accounts = QUICK_ACCOUNTS if args.quick else tuple(args.accounts.split(","))
    visits = 2 if args.quick else args.visits
    measured, rows = [], []
    with sync_playwright() as playwright:
        browser = launched(playwright)
        try:
            for households in sizes:
                source = demo_database(households)
                size = measure_size(browser, source, households, accounts, visits)
                measured.append(size)
                rows += rows_of(size["visits"], households)
                # Saved after each size: a later size that fails keeps the earlier ones.
                table.save("screens", rows)
                DETAIL.write_text(json.dumps(detail(measured), indent=1, ensure_ascii=False))
        finally:
            browser.close()
    say(f"{len(rows)} lignes → {table.RESULTS / 'screens.rows.json'} ; détail → {DETAIL}")


if __name__ == "__main__":
    main()

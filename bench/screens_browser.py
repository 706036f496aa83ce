"""One account in Chromium for bench/screens.py: it signs in, lists its menu, and visits a
page by its menu link, timing the visit from the click to Streamlit's idle, with the
server's CPU read from /proc and what the page drew counted in the page itself."""

from __future__ import annotations

import contextlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, expect  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402

from bench.load_server import cpu_seconds, process_tree  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    APP_IDLE_JS,
    NOT_LOCAL,
    TRACK_RUNS_JS,
    open_login,
    sign_in,
    sign_out_button,
)
from ui.nav import PAGES, UNEXPECTED_ERROR  # noqa: E402

PASSWORD = "demo-habiter"
VISIT_CAP_MS = 30_000  # a visit not idle by then is « jamais au repos »
QUIET_MS = 600  # bench/load_session.py's: no run started or ended for this long
PAINT_CAP_MS = 10_000  # a DOM still changing after this: its drawing time is not known
GRID_WAIT_MS = 5_000  # a table's grid appears just after the run; waited, not timed
SIGN_IN_MS = 60_000
CLICK_LOST_MS = 5_000  # no run after a click for this long: the click was lost
VIEWPORT = {"width": 1280, "height": 1000}
# The page's title by its address (ui/nav.py); "/" is « Mon espace ».
TITLES = {spec.url: spec.title for spec in PAGES} | {"": "Mon espace"}
# When the page's DOM last changed: Streamlit's idle says the server's script is over; the
# browser may still be drawing what it sent (charts, grids) on a busy machine.
TRACK_DRAWING_JS = """
(() => {
  window.__screensDomChangedAt = performance.now();
  const watch = () => {
    if (!document.body) { setTimeout(watch, 20); return; }
    new MutationObserver(() => { window.__screensDomChangedAt = performance.now(); })
      .observe(document.body, {childList: true, subtree: true, characterData: true});
  };
  watch();
})();
"""
DRAWING_DONE_JS = "(quietMs) => performance.now() - window.__screensDomChangedAt > quietMs"
# What the page drew: rows of st.dataframe (the grid's aria-rowcount, less its header) and
# of st.table, bordered containers (the cards), metrics and charts.
DRAWN_JS = """
() => {
  const all = (selector) => [...document.querySelectorAll(selector)];
  const grids = all('[data-testid="stDataFrame"] table[role="grid"]');
  const frameRows = grids.reduce(
    (n, grid) => n + Math.max(0, Number(grid.getAttribute('aria-rowcount') || 0) - 1), 0);
  const bordered = (block) => {
    const style = getComputedStyle(block);
    return style.borderTopStyle !== 'none' && style.borderTopWidth !== '0px';
  };
  return {
    rows: frameRows + all('[data-testid="stTable"] tbody tr').length,
    cards: all('[data-testid="stVerticalBlock"]').filter(bordered).length,
    frames: all('[data-testid="stDataFrame"]').length,
    frames_counted: grids.length,
    metrics: all('[data-testid="stMetric"]').length,
    charts: all('[data-testid="stPlotlyChart"], [data-testid="stVegaLiteChart"]').length,
  };
}
"""
# Every table on view has its grid; one in a closed expander or tab gets none until opened.
GRIDS_SHOWN_JS = """
() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
  .filter(frame => frame.checkVisibility())
  .every(frame => frame.querySelector('table[role="grid"]'))
"""


@dataclass
class Visit:
    """One visit of a page: ms to idle (None: never idle within the cap), the server's CPU
    ms, what was drawn, and an error shown or met."""

    account: str
    title: str
    first: bool
    ms: float | None
    cpu_ms: float
    drawn: dict = field(default_factory=dict)
    error: str | None = None
    painted_ms: float | None = None  # to the page's last DOM change, once idle


def new_page(browser: Browser, url: str) -> Page:
    """A French context, offline but for the app, that records Streamlit's runs."""
    context = browser.new_context(base_url=url, locale="fr-FR", viewport=VIEWPORT)
    context.set_default_timeout(VISIT_CAP_MS)
    context.route(NOT_LOCAL, lambda route: route.abort())
    context.add_init_script(TRACK_RUNS_JS)
    context.add_init_script(TRACK_DRAWING_JS)
    return context.new_page()


def signed_in(browser: Browser, url: str, account: str) -> Page:
    """A page signed in as `account`, as tests/browser sign in, idle on « Mon espace »."""
    page = new_page(browser, url)
    open_login(page)
    sign_in(page, account, PASSWORD)
    expect(sign_out_button(page)).to_be_visible(timeout=SIGN_IN_MS)
    page.wait_for_function(APP_IDLE_JS, arg=QUIET_MS, timeout=SIGN_IN_MS)
    return page


def menu_titles(page: Page) -> list[str]:
    """The titles of the menu's pages, in the menu's order."""
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    addresses = [
        urlparse(href).path.strip("/")
        for href in links.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    ]
    return [TITLES[address] for address in addresses if address in TITLES]


def current_title(page: Page) -> str | None:
    return TITLES.get(urlparse(page.url).path.strip("/"))


def server_cpu(pid: int) -> float:
    return cpu_seconds(process_tree(pid))


def visit(page: Page, account: str, title: str, pid: int, first: bool) -> Visit:
    """Click the menu link to `title` (never the page already shown: that runs nothing)
    and time until the last run it caused is over."""
    start = page.evaluate("performance.now()")
    cpu_before = server_cpu(pid)
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).first
    ms, error = idle_after(page, link, start)
    cpu_ms = (server_cpu(pid) - cpu_before) * 1000
    if ms is None:
        recover(page)
        return Visit(account, title, first, None, cpu_ms, {}, error)
    painted = painted_ms(page, start, ms)
    found = drawn(page)
    return Visit(account, title, first, ms, cpu_ms, found, shown_error(page) or error, painted)


def idle_after(page: Page, link, start: float) -> tuple[float | None, str | None]:
    """Ms from `start` to the end of the last run the click caused (None: not idle within
    the cap), and what went wrong."""
    error = None
    try:
        link.click()
        if not run_started(page, start, CLICK_LOST_MS):
            error = "clic sans effet, refait"  # the time still runs from the first click
            link.click()
            if not run_started(page, start, VISIT_CAP_MS - CLICK_LOST_MS):
                return None, "aucun passage du script après le clic"
        left = max(1_000, VISIT_CAP_MS - (page.evaluate("performance.now()") - start))
        page.wait_for_function(APP_IDLE_JS, arg=QUIET_MS, timeout=left)
    except PlaywrightError as exc:
        timed_out = "Timeout" in str(exc)
        return None, "pas au repos" if timed_out else f"{type(exc).__name__}: {exc}"[:200]
    return page.evaluate("window.__habiterRunChangedAt") - start, error


def painted_ms(page: Page, start: float, ms: float) -> float | None:
    """Ms from the click to the DOM's last change, once it stopped changing (bounded)."""
    try:
        page.wait_for_function(DRAWING_DONE_JS, arg=QUIET_MS, timeout=PAINT_CAP_MS)
    except PlaywrightError:
        return None
    return max(ms, page.evaluate("window.__screensDomChangedAt") - start)


def run_started(page: Page, start: float, timeout_ms: float) -> bool:
    """Whether a script run started or ended since `start`, waited for at most timeout_ms."""
    try:
        page.wait_for_function(
            "(t) => window.__habiterRunChangedAt > t", arg=start, timeout=timeout_ms
        )
    except PlaywrightError:
        return False
    return True


def drawn(page: Page) -> dict:
    """The rows and cards on screen, once every table's grid is there (bounded wait)."""
    # A table not on view (closed expander or tab) has no grid: its rows are not counted.
    with contextlib.suppress(PlaywrightError):
        page.wait_for_function(GRIDS_SHOWN_JS, timeout=GRID_WAIT_MS)
    return page.evaluate(DRAWN_JS)


SCREEN_ERRORS = ("exception à l'écran", "erreur inattendue à l'écran")


def shown_error(page: Page) -> str | None:
    if page.get_by_test_id("stException").count():
        return SCREEN_ERRORS[0]
    if page.get_by_text(UNEXPECTED_ERROR[:40]).count():
        return SCREEN_ERRORS[1]
    return None


def recover(page: Page) -> None:
    """Back to « Mon espace » by its address after a visit that never became idle."""
    try:
        page.goto("/", timeout=VISIT_CAP_MS)
        page.wait_for_function(APP_IDLE_JS, arg=QUIET_MS, timeout=VISIT_CAP_MS)
    except PlaywrightError:
        time.sleep(1)  # the next visit's own cap bounds the rest


def tour(page: Page, account: str, pid: int, visits: int, say) -> list[Visit]:
    """Every menu page: a first round (its visits reported apart), then `visits` rounds.
    « Mon espace », where the sign-in lands, comes last in each round, so that every click
    leaves another page."""
    titles = menu_titles(page)
    titles = [t for t in titles if t != "Mon espace"] + [t for t in titles if t == "Mon espace"]
    done = []
    for round_number in range(visits + 1):
        for title in titles:
            if current_title(page) == title:  # after a reload: that click would run nothing
                continue
            one = visit(page, account, title, pid, first=round_number == 0)
            shown = "jamais au repos" if one.ms is None else f"{one.ms:.0f} ms"
            say(f"    {account} · {title}: {shown}, CPU {one.cpu_ms:.0f} ms {one.drawn}")
            done.append(one)
    return done

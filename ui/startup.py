"""What Streamlit's configuration cannot say, set before its server starts (serve.py) and
again at each run of app.py (for a server started with plain `streamlit run app.py`).

- No page script ever runs on its own. With a pages/ folder, a server's first request runs
  the page file named by the address, without app.py (Streamlit's old pages/ mode); the
  page guard (ui/session.leave_if_run_bare) catches it, but the address is not a file name
  (/dossier, not /household_file), so Streamlit first opens its English « Page not found »
  dialog over the sign-in form. Declaring that the app does not use that mode removes both.
- An address that is no page gets a French notice, not that English dialog: app.py reads
  the flag set here (`say_if_unknown_address`) and says so above the page it shows instead.
- No third-party call, ever: when a browser connects from another origin, Streamlit asks
  checkip.amazonaws.com for the machine's external address, and opens a socket towards
  8.8.8.8 to learn its internal one (as for its start-up banner, already off in
  .streamlit/config.toml). Neither is needed: a browser on the app's own address is
  admitted as same-origin before either is asked for.
- A stop said in French: Streamlit's server prints « Stopping... » on SIGTERM or Ctrl+C.
  serve.py then ends the process without the interpreter's final teardown
  (`run_then_exit`), in which DuckDB's and polars' bindings (nanobind) print some forty
  English « nanobind: leaked … » lines.
"""

from __future__ import annotations

import atexit
import os
import sys
from collections.abc import Callable
from typing import NoReturn

import streamlit as st
from streamlit import cli_util, net_util
from streamlit.commands import navigation
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web.server.server import Server

from db.connection import close_all

UNKNOWN_ADDRESS = "habiter_unknown_address"
STOPPING = "Arrêt d'Habiter : le serveur s'arrête."


def prepare() -> None:
    """Idempotent: the three settings above."""
    PagesManager.uses_pages_directory = False
    navigation.send_page_not_found = _remember_unknown_address
    net_util.get_external_ip = _no_address
    net_util.get_internal_ip = _no_address
    if not getattr(Server.stop, "in_french", False):
        Server.stop = _stop_in_french(Server.stop)


def _stop_in_french(stop: Callable[[Server], None]) -> Callable[[Server], None]:
    """Streamlit's own stop, its English « Stopping... » said in French."""

    def stop_saying_so(server: Server) -> None:
        print(STOPPING, flush=True)
        english = cli_util.print_to_cli
        cli_util.print_to_cli = lambda *args, **kwargs: None
        try:
            stop(server)
        finally:
            cli_util.print_to_cli = english

    stop_saying_so.in_french = True
    return stop_saying_so


def run_then_exit(main: Callable[[], object]) -> NoReturn:
    """Run Streamlit's command line to its end (the server stopped), then end the process
    as a normal exit would (databases closed, `atexit` functions run, output flushed) but
    without the interpreter's final teardown and its « nanobind: leaked » lines."""
    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code
    close_all()
    atexit._run_exitfuncs()
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # what SystemExit("message") prints
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


def _no_address() -> None:
    return None


def _remember_unknown_address(ctx) -> None:
    """In place of Streamlit's message to the browser, which shows the English dialog."""
    ctx.session_state[UNKNOWN_ADDRESS] = True


def say_if_unknown_address() -> None:
    """After a run whose address matched no page: the default page comes with a notice."""
    if st.session_state.pop(UNKNOWN_ADDRESS, False):
        st.warning("Cette adresse ne correspond à aucune page d'Habiter : voici la page d'accueil.")

"""Every private part of Streamlit and streamlit-authenticator that Habiter replaces or
relies on, read from the versions below; tests/test_patches.py fails when an upgrade
changes one of them. Why each is needed: docs/streamlit-patches.md."""

from __future__ import annotations

import atexit
import time
from collections.abc import Callable

import jwt
from streamlit import cli_util, net_util
from streamlit.commands import navigation
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web.server.server import Server

STREAMLIT_VERSION = "1.67.0"
AUTHENTICATOR_VERSION = "0.4.2"
PYTHON_VERSION = (3, 11)  # atexit._run_exitfuncs
UNKNOWN_ADDRESS = "habiter_unknown_address"
STOPPING = "Arrêt d'Habiter : le serveur s'arrête."


def apply() -> None:
    """Idempotent: before the server starts (serve.py) and at each run of app.py."""
    PagesManager.uses_pages_directory = False  # no page file run on its own
    navigation.send_page_not_found = remember_unknown_address
    net_util.get_external_ip = no_address  # no third-party call
    net_util.get_internal_ip = no_address
    if not getattr(Server.stop, "in_french", False):
        Server.stop = stop_in_french(Server.stop)


def no_address() -> None:
    return None


def remember_unknown_address(ctx) -> None:
    """In place of Streamlit's message to the browser, which shows an English dialog."""
    ctx.session_state[UNKNOWN_ADDRESS] = True


def stop_in_french(stop: Callable[[Server], None]) -> Callable[[Server], None]:
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
    stop_saying_so.streamlit_stop = stop
    return stop_saying_so


def run_exit_functions() -> None:
    """What the interpreter's exit runs (`atexit`), without the rest of its teardown."""
    atexit._run_exitfuncs()


def login_cookie(raw: str | None, key: str) -> dict | None:
    """streamlit-authenticator's login cookie, when well signed and not expired, read as
    its `CookieModel.get_cookie` reads it: a JWT (HS256, the cookie key) holding the
    username and the expiry date."""
    if not raw:
        return None
    try:
        token = jwt.decode(raw, key, algorithms=["HS256"])
    except jwt.InvalidTokenError:
        return None
    if "username" not in token or token.get("exp_date", 0) <= time.time():
        return None
    return token

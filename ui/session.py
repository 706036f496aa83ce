"""The database and the signed-in person, as every page gets them."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.errors import StreamlitAPIException

import config
import queries
from db.connection import open_database
from db.errors import DatabaseOpenError
from db.rules import Actor, can_view_page
from ui import nav

APP_SCRIPT = "app.py"

SIGNED_IN_AT = "signed_in_at"
# The person app.py read for the page it is running (that run's thread), so that the
# users table is read once per run: by app.py, not again by the page's guard.
_this_run = threading.local()


def database():
    """The process-wide database; a French message and a stop when it cannot be opened."""
    try:
        return open_database(config.database_path())
    except DatabaseOpenError as exc:
        st.error(str(exc))
        st.stop()


def current_actor() -> Actor | None:
    """The signed-in person, re-read from the users table at every run (by app.py; by a
    fragment, which reruns without it).

    A disabled account or one whose sessions were revoked after this sign-in is
    signed out here, whatever the browser still holds.
    """
    username = st.session_state.get("username")
    if not st.session_state.get("authentication_status") or not username:
        return None
    user = queries.run_one(database(), "users/active_user", username=username)
    signed_in_at = st.session_state.get(SIGNED_IN_AT)
    revoked_at = user and user["sessions_revoked_at"]
    if user is None or (revoked_at and signed_in_at and revoked_at > signed_in_at):
        end_session()
        return None
    return Actor(user["username"], user["display_name"], frozenset(user["roles"]))


@contextmanager
def page_run_by(actor: Actor) -> Iterator[None]:
    """While app.py runs the page of `actor`, whom it has just read: the page's guard
    takes that person rather than reading the users table again."""
    _this_run.actor = actor
    try:
        yield
    finally:
        _this_run.actor = None


def rerun_app_unless_still(actor: Actor) -> None:
    """For a fragment, which reruns on its own without app.py, hence without its sign-in
    check: the whole app reruns when the person is no longer signed in as `actor` (account
    disabled, sessions revoked, roles changed), so that app.py shows the sign-in page or the
    page guard refuses, instead of the fragment drawing fresh data."""
    if current_actor() != actor:
        st.rerun(scope="app")


def end_session() -> None:
    for key in ("authentication_status", "username", "name", "roles", "email", SIGNED_IN_AT):
        st.session_state[key] = None
    st.session_state["logout"] = True


def require_page(page: str, on_refused: Callable[[Actor], None] | None = None) -> Actor:
    """Check at the top of each page that the signed-in person may see it; `on_refused`
    is told who was refused (the household file logs it)."""
    leave_if_run_bare()
    actor = getattr(_this_run, "actor", None)
    if actor is None:
        st.warning("Connectez-vous pour accéder à cette page.")
        st.stop()
    if not can_view_page(actor, page):
        if on_refused is not None:
            on_refused(actor)
        st.error("Cette page n'est pas accessible avec vos rôles.")
        st.stop()
    return actor


def leave_if_run_bare() -> None:
    """A page script run without app.py (Streamlit's pages/ mode, on a server's first
    request) goes to app.py, which shows the sign-in form and nothing else."""
    if nav.reached_through_navigation():
        return
    try:
        st.switch_page(APP_SCRIPT)
    except StreamlitAPIException:  # no app.py among the pages (a page tested on its own)
        st.warning("Connectez-vous pour accéder à cette page.")
        st.stop()

"""The pages of the app and their French titles; a role sees only what rules.py allows."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from db.rules import Actor, can_view_page

PAGES_DIR = Path(__file__).parent.parent / "pages"
# Set while app.py runs the chosen page: a page script run without it was started bare by
# Streamlit's old pages/ mode (a server's first request), before any sign-in.
_through_navigation = threading.local()
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSpec:
    key: str  # file name in pages/ and key in rules.PAGE_ROLES
    title: str
    icon: str
    url: str  # French address; never a file name of pages/, which Streamlit would run bare
    hidden: bool = False  # reached by a link, not listed in the menu


PAGES = (
    PageSpec("home", "Mon espace", ":material/home:", "mon-espace"),
    PageSpec("intake", "Nouvelle demande", ":material/person_add:", "nouvelle-demande"),
    PageSpec("households", "Ménages", ":material/groups:", "menages"),
    PageSpec(
        "household_file", "Dossier du ménage", ":material/folder_open:", "dossier", hidden=True
    ),
    PageSpec("support", "Accompagnement", ":material/volunteer_activism:", "accompagnement"),
    PageSpec("housing", "Logements", ":material/apartment:", "logements"),
    PageSpec("capture", "Captation", ":material/real_estate_agent:", "captation"),
    PageSpec("dashboard", "Tableau de bord", ":material/monitoring:", "tableau-de-bord"),
    PageSpec("activity_report", "Rapport d'activité", ":material/summarize:", "rapport-activite"),
    PageSpec("sql_console", "Console SQL", ":material/terminal:", "console-sql"),
    PageSpec("users_admin", "Administration", ":material/admin_panel_settings:", "administration"),
)


def page_path(key: str) -> str:
    return f"pages/{key}.py"


def open_household_file(household_id: int | None) -> None:
    """Go to a household's file (from a list, a drill-down, a search); None stays put."""
    if household_id is not None:
        st.switch_page(page_path("household_file"), query_params={"id": str(household_id)})


def visible_pages(actor: Actor) -> list[PageSpec]:
    return [spec for spec in PAGES if can_view_page(actor, spec.key)]


def menu_pages(actor: Actor) -> list[PageSpec]:
    """The pages listed in the menu: those of the person's roles, but for link-only ones."""
    return [spec for spec in visible_pages(actor) if not spec.hidden]


def navigation_pages(actor: Actor) -> list[st.Page]:
    """Every page is registered, so that a link to a page one's roles do not open gets the
    page guard's French refusal rather than Streamlit's English "Page not found"; only
    the role's pages are listed in the menu."""
    listed = {spec.key for spec in menu_pages(actor)}
    return [
        st.Page(
            str(PAGES_DIR / f"{spec.key}.py"),
            title=spec.title,
            icon=spec.icon,
            url_path=spec.url,
            default=spec.key == "home",
            visibility="visible" if spec.key in listed else "hidden",
        )
        for spec in PAGES
    ]


UNEXPECTED_ERROR = (
    "Une erreur inattendue a interrompu cette page. Ce qui était enregistré le reste ; "
    "ce qui ne l'était pas n'a pas été écrit. Rechargez la page ou réessayez ; si l'erreur "
    "revient, signalez-la avec l'heure : le détail est dans le journal du serveur."
)
# Set by the tests: an error then fails the test (AppTest's `exception`) as well.
RAISE_ERRORS = "HABITER_RAISE_ERRORS"


@contextmanager
def french_errors(where: str = "page") -> Iterator[None]:
    """An unexpected error is said in French (Streamlit's own message is in English), and
    written to the server's log."""
    try:
        yield
    except Exception:
        _log.exception("%s failed", where)
        st.error(UNEXPECTED_ERROR, icon=":material/error:")
        if os.environ.get(RAISE_ERRORS):
            raise


def run(page: st.Page) -> None:
    """Run the page chosen by app.py's navigation, marked as reached that way."""
    _through_navigation.active = True
    try:
        with french_errors(f"page {page.url_path}"):
            page.run()
    finally:
        _through_navigation.active = False


def reached_through_navigation() -> bool:
    return getattr(_through_navigation, "active", False)


def _nothing() -> None:
    """The body of the pages shown before sign-in: app.py has drawn the login form."""


def login_pages() -> list[st.Page]:
    """Every page's address, empty, so that a deep link is kept until sign-in.

    Each has its real page's url_path, hence its identity for Streamlit (a page's hash is
    that of its url_path): the rerun that follows a sign-in asks for the login page on
    screen and gets the real one (app.py).
    """
    main = st.Page(_nothing, title="Connexion", url_path="connexion", default=True)
    return [main] + [
        st.Page(_nothing, title=spec.title, url_path=spec.url, visibility="hidden")
        for spec in PAGES
        if spec.key != "home"
    ]

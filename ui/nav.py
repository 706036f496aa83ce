"""The pages of the app and their French titles; a role sees only what rules.py allows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from db.rules import Actor, can_view_page

SCREENS_DIR = Path(__file__).parent.parent / "screens"


@dataclass(frozen=True)
class PageSpec:
    key: str  # file name in screens/ and key in rules.PAGE_ROLES
    title: str
    icon: str
    url: str  # French address; never a file name of screens/, which Streamlit would run bare
    hidden: bool = False  # reached by a link, not listed in the menu


PAGES = (
    PageSpec("home", "Mon espace", ":material/home:", "mon-espace"),
    PageSpec("intake", "Nouvelle demande", ":material/person_add:", "nouvelle-demande"),
    PageSpec("households", "Ménages", ":material/groups:", "menages"),
    PageSpec(
        "household_file", "Dossier du ménage", ":material/folder_open:", "dossier", hidden=True
    ),
    PageSpec("users_admin", "Comptes", ":material/manage_accounts:", "comptes"),
)


def page_path(key: str) -> str:
    return f"screens/{key}.py"


def visible_pages(actor: Actor) -> list[PageSpec]:
    return [spec for spec in PAGES if can_view_page(actor, spec.key)]


def navigation_pages(actor: Actor) -> list[st.Page]:
    return [
        st.Page(
            str(SCREENS_DIR / f"{spec.key}.py"),
            title=spec.title,
            icon=spec.icon,
            url_path=spec.url,
            default=spec.key == "home",
            visibility="hidden" if spec.hidden else "visible",
        )
        for spec in visible_pages(actor)
    ]


def _nothing() -> None:
    """The body of the pages shown before sign-in: app.py has drawn the login form."""


def login_pages() -> list[st.Page]:
    """Every page's address, empty, so that a deep link is kept until sign-in."""
    main = st.Page(_nothing, title="Connexion", url_path="connexion", default=True)
    return [main] + [
        st.Page(_nothing, title=spec.title, url_path=spec.url, visibility="hidden")
        for spec in PAGES
        if spec.key != "home"
    ]

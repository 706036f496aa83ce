"""The pages of the app and their French titles; a role sees only what rules.py allows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from db.rules import Actor, can_view_page

PAGES_DIR = Path(__file__).parent.parent / "pages"


@dataclass(frozen=True)
class PageSpec:
    key: str  # file name in pages/ and key in rules.PAGE_ROLES
    title: str
    icon: str
    hidden: bool = False  # reached by a link, not listed in the menu


PAGES = (
    PageSpec("home", "Mon espace", ":material/home:"),
    PageSpec("users_admin", "Comptes", ":material/manage_accounts:"),
)


def page_path(key: str) -> str:
    return f"pages/{key}.py"


def visible_pages(actor: Actor) -> list[PageSpec]:
    return [spec for spec in PAGES if can_view_page(actor, spec.key)]


def navigation_pages(actor: Actor) -> list[st.Page]:
    return [
        st.Page(
            str(PAGES_DIR / f"{spec.key}.py"),
            title=spec.title,
            icon=spec.icon,
            url_path=spec.key,
            default=spec.key == "home",
            visibility="hidden" if spec.hidden else "visible",
        )
        for spec in visible_pages(actor)
    ]

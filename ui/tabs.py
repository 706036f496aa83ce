"""A page's tabs, one function for every page that has them (Logements, Captation,
Administration; Accompagnement and the household's file can use it too)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def show_tabs(sections: dict[str, Callable[[], None]]) -> None:
    """One tab per section, named by its key; `sections[name]()` draws its body.

    The open tab is kept in the address (?onglet=…): a reload or a shared link opens it
    again. Bound to the address, the tabs are lazy: only the open one's body runs."""
    tabs = st.tabs(list(sections), key="onglet", bind="query-params")
    for tab, draw in zip(tabs, sections.values(), strict=True):
        if tab.open:
            with tab:
                draw()

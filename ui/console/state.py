"""What the console keeps between runs: the editor's SQL, the open tab, the last outcome.

The callbacks here run before the script (a button's on_click), the only moment when a
widget's value, the editor's text or the open tab, may be set from code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

EDITOR_KEY = "console_sql"
# The editor's text outside its widget: the tabs are lazy, and Streamlit forgets the value
# of a widget that a run does not draw (another tab open).
DRAFT_KEY = "console_sql_draft"
TAB_KEY = "onglet"
QUERY_TAB = "Requête"
TABS = [QUERY_TAB, "Requêtes enregistrées", "Historique", "Schéma"]
OUTCOME_KEY = "console_outcome"
RUN_NOW_KEY = "console_run_now"


@dataclass
class Outcome:
    """The last run: its SQL and parameters (the exports run them again), then either a
    result or the French message of its refusal or failure."""

    sql: str
    params: dict = field(default_factory=dict)
    result: object | None = None  # db.analytics.console.ConsoleResult
    error: str | None = None


def put_in_editor(sql: str, run: bool = False, values: dict | None = None) -> None:
    """« Ouvrir » / « Relancer »: the SQL in the editor (its parameters' fields filled with
    `values`), the « Requête » tab open, the previous result gone; `run` executes it as
    the page draws."""
    from ui.console import params

    st.session_state[EDITOR_KEY] = sql
    params.fill(sql, values or {})
    st.session_state[TAB_KEY] = QUERY_TAB
    forget()
    st.session_state[RUN_NOW_KEY] = run


def editor_sql() -> str:
    """The editor's SQL, also while another tab is open."""
    if EDITOR_KEY in st.session_state:
        return st.session_state[EDITOR_KEY] or ""
    return st.session_state.get(DRAFT_KEY) or ""


def restore_draft() -> None:
    """Before the editor is drawn again: the text it had when another tab was opened."""
    if EDITOR_KEY not in st.session_state and st.session_state.get(DRAFT_KEY):
        st.session_state[EDITOR_KEY] = st.session_state[DRAFT_KEY]


def keep_draft(sql: str) -> None:
    st.session_state[DRAFT_KEY] = sql


def outcome() -> Outcome | None:
    return st.session_state.get(OUTCOME_KEY)


def keep(found: Outcome) -> None:
    st.session_state[OUTCOME_KEY] = found


def forget() -> None:
    st.session_state.pop(OUTCOME_KEY, None)


def take_run_now() -> bool:
    return bool(st.session_state.pop(RUN_NOW_KEY, False))

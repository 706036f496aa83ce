"""« Historique »: the signed-in person's last queries, each one run again in one click."""

from __future__ import annotations

import json

import streamlit as st

from db.analytics import console
from ui import format as fmt
from ui import paging
from ui.console import state
from ui.console.editor import failure
from ui.console.results import rows_text, seconds_text

PAGE_SIZE = 20  # cards, each with its SQL: a shorter page than a table's


def show(database, actor) -> None:
    total = console.count_history(database, actor)
    if not total:
        st.caption("Vous n'avez encore exécuté aucune requête.")
        return
    st.caption("Vos requêtes, de la plus récente à la plus ancienne.")
    shown = paging.pager(total, "console_history_page", "requête", page_size=PAGE_SIZE)
    found = console.history(database, actor, limit=shown.limit, offset=shown.offset)
    for number, row in enumerate(found.iter_rows(named=True)):
        with st.container(border=True):
            st.caption(line(row))
            st.code(row["sql"], language="sql", wrap_lines=True)
            if row.get("error"):
                st.error(error_text(row["error"]))
            st.button(
                "Relancer",
                key=f"console_rerun_{number}",
                on_click=state.put_in_editor,
                args=(row["sql"], True, values(row.get("params"))),
                icon=":material/replay:",
            )


def error_text(logged: str) -> str:
    """A failed run's message as the « Requête » tab said it: DuckDB's English error (its
    « Catalog Error: … ») with its kind in French first; a refusal or a time limit, logged
    in French, as it is."""
    kind = logged.partition(": ")[0]
    return failure(logged) if kind.endswith("Error") else logged


def values(params) -> dict:
    """The parameters' values of a logged run (JSON), to run it again with them."""
    if not params:
        return {}
    return json.loads(params) if isinstance(params, str) else dict(params)


def line(row: dict) -> str:
    """« Le 30/11/2026 à 12:15 · 0,12 s · 1 234 lignes » (« refusée » when refused)."""
    parts = [f"Le {fmt.fr_datetime(row['occurred_at'])}"]
    if row.get("purpose") == "export":
        parts.append("export")
    given = values(row.get("params"))
    if given:
        parts.append(", ".join(f"{name} = {value}" for name, value in given.items()))
    if row.get("seconds") is not None:
        parts.append(seconds_text(row["seconds"]))
    if row.get("refused"):
        parts.append("refusée")
    elif row.get("error"):
        parts.append("en erreur")
    elif row.get("rows") is not None:
        parts.append(rows_text(row["rows"]))
    return " · ".join(parts)

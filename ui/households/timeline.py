"""The dated history of a file: its openings and closings, its housing situations."""

from __future__ import annotations

import streamlit as st

import queries
from db import catalog
from ui import format as fmt


def status_line(event: dict) -> str:
    """« Clôture le 03/10/2026 (Relogé) »."""
    what = catalog.label(catalog.STATUS_EVENT, event["event"])
    text = f"{what} le {fmt.fr_date(event['occurred_on'])}"
    if event["close_reason"]:
        text += f" ({catalog.label(catalog.CLOSE_REASON, event['close_reason'])})"
    return text


def situation_line(row: dict) -> str:
    situation = catalog.label(catalog.HOUSING_SITUATION, row["situation"])
    return f"Depuis le {fmt.fr_date(row['from_on'])} : {situation}"


def show(database, household_id: int) -> None:
    events = queries.run(database, "households/status_history", household_id=household_id)
    situations = queries.run(database, "households/housing_history", household_id=household_id)
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**Suivi du dossier**")
        for event in events.iter_rows(named=True):
            st.text(status_line(event))
    with c2:
        st.markdown("**Situations de logement**")
        for row in situations.iter_rows(named=True):
            st.text(situation_line(row))

"""The dated history of a file: its openings and closings, its housing situations, and its
leases in the association's dwellings."""

from __future__ import annotations

import streamlit as st

from db import catalog
from ui import cached
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


def lease_line(lease: dict) -> str:
    """« T2, 12 rue X, Bordeaux — Sous-location du 01/03/2026 au 31/08/2026 (Congé…) »."""
    kind = catalog.label(catalog.LEASE_KIND, lease["kind"])
    span = f"du {fmt.fr_date(lease['start_on'])}"
    span += f" au {fmt.fr_date(lease['end_on'])}" if lease["end_on"] else ", en cours"
    text = f"{lease['typology']}, {lease['address']}, {lease['commune']} — {kind} {span}"
    if lease["end_reason"]:
        text += f" ({catalog.label(catalog.LEASE_END_REASON, lease['end_reason'])})"
    return text


LAST = 20  # the most recent lines of each list; the older ones are counted


def older(found) -> None:
    """« 3 plus anciens non affichés », when the list was cut to its last LAST lines."""
    hidden = int(found["total"][0]) - found.height if found.height else 0
    if hidden > 0:
        st.caption(f"… et {fmt.fr_count(hidden, 'plus ancien', 'plus anciens')} non affichés")


def show(database, household_id: int) -> None:
    last = {"household_id": household_id, "limit": LAST}
    events = cached.run(database, "households/status_history", **last)
    situations = cached.run(database, "households/housing_history", **last)
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**Suivi du dossier**")
        older(events)
        for event in events.iter_rows(named=True):
            st.text(status_line(event))
    with c2:
        st.markdown("**Situations de logement**")
        older(situations)
        for row in situations.iter_rows(named=True):
            st.text(situation_line(row))
    leases = cached.run(database, "housing/household_leases", household_id=household_id)
    if leases.height:
        st.markdown("**Logé par l'association**")
        for lease in leases.iter_rows(named=True):
            st.text(lease_line(lease))  # addresses as typed: plain text

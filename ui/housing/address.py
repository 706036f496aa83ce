"""A dwelling, an owner or a capture lead kept in the page's address (?logement=12,
?proprietaire=3, ?piste=5), as a household's file is (?id=): a reload or a shared link
opens the same record. Each kind has its own parameter because one page shows two kinds
(« Logements »: a dwelling's sheet and an owner's) and a tab changed keeps the others.

The page's guard (session.require_page) has already refused a role that may not read it;
here a number that is not one, or names no record of the list, gets a French message."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class Kind:
    param: str  # the address's parameter
    state_key: str  # the picker's widget key
    bad: str  # said when the parameter is not a number
    unknown: str  # said when it names no record that may be shown


DWELLING = Kind(
    "logement",
    "logement_choisi",
    "Le numéro de logement de l'adresse n'est pas valide : choisissez un logement dans la liste.",
    "Ce logement n'existe pas ou ne vous est pas accessible : choisissez-en un dans la liste.",
)
OWNER = Kind(
    "proprietaire",
    "proprietaire_choisi",
    "Le numéro de propriétaire de l'adresse n'est pas valide : choisissez un propriétaire "
    "dans la liste.",
    "Ce propriétaire n'existe pas ou ne vous est pas accessible : choisissez-en un dans la liste.",
)
LEAD = Kind(
    "piste",
    "piste_choisie",
    "Le numéro de piste de l'adresse n'est pas valide : choisissez une piste dans la liste.",
    "Cette piste n'existe pas ou ne vous est pas accessible : choisissez-en une dans la liste.",
)


def record_id(raw: str) -> int | None:
    """ASCII digits that fit a BIGINT, as the household's file reads its ?id=: « ² » or
    « ٣ » pass str.isdigit() but are no record's number."""
    return int(raw) if re.fullmatch(r"[0-9]{1,18}", raw) else None


def open_from_address(kind: Kind, raw: str | None, known: Collection[int]) -> None:
    """Before the picker is drawn: a new address (a reload, a link) chooses its record.

    An address already applied is not applied again, so that a choice made in the picker
    is not taken back by the address it replaced before the rerun that rewrites it."""
    seen = f"{kind.param}_vu"
    if raw is None or raw == st.session_state.get(seen):
        return
    st.session_state[seen] = raw
    number = record_id(raw)
    if number is None:
        st.error(kind.bad)
    elif number not in known:
        st.error(kind.unknown)
    else:
        st.session_state[kind.state_key] = number


def keep_in_address(kind: Kind, chosen: int | None) -> None:
    """After the picker: the address names the record shown, or none."""
    if chosen is None:
        if kind.param in st.query_params:
            st.query_params.pop(kind.param)
        return
    text = str(chosen)
    st.session_state[f"{kind.param}_vu"] = text
    if st.query_params.get(kind.param) != text:
        st.query_params[kind.param] = text

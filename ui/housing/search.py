"""Search boxes that stand for choice lists too long to draw: an owner, a dwelling, a
household is found by typing, and the list offers at most `LIMIT` matches (the database
cuts them), plus the record already chosen so that a new search does not drop it.

A search box stands outside the form it serves: inside one, typing would not rerun the
page until the form is sent."""

from __future__ import annotations

import streamlit as st

from db import catalog
from ui import cached

LIMIT = 20  # the most matches a search offers


def typed(label: str, key: str, placeholder: str) -> str | None:
    """The search's text, None when empty."""
    raw = st.text_input(label, key=key, placeholder=placeholder)
    return raw.strip() or None


def drop_unoffered(key: str, offered) -> None:
    """A picker's choice no longer offered (a new search, a record moved on) is emptied.
    Set to None rather than removed: the browser keeps a removed choice on screen."""
    if st.session_state.get(key) is not None and st.session_state[key] not in offered:
        st.session_state[key] = None


def owner_label(owner: dict) -> str:
    where = owner["commune"] or catalog.label(catalog.OWNER_KIND, owner["kind"])
    return f"{owner['name']} ({where}, n° {owner['id']})"


def kept_list(*ids) -> list[int]:
    """The records already chosen, that a search keeps among its matches."""
    return [int(i) for i in ids if isinstance(i, int)]


def owners(database, key: str, *kept) -> dict[int, str]:
    """A box « Chercher un propriétaire » and its matches, the owners `kept` names always
    among them (first): {id: label}, at most LIMIT."""
    term = typed(
        "Chercher un propriétaire", key,
        "Nom, commune ou numéro (sans accents ni majuscules)",
    )  # fmt: skip
    found = cached.run(
        database, "housing/owner_search", term=term, kept=kept_list(*kept), limit=LIMIT
    )
    # The query puts the kept owners first, so that the cut never drops them.
    return {row["id"]: owner_label(row) for row in found.iter_rows(named=True)}


def dwelling_label(row: dict) -> str:
    return f"n° {row['id']} — {row['address']}, {row['commune']} ({row['typology']})"


def dwellings(database, key: str, *kept) -> dict[int, str]:
    """A box « Chercher un logement » and its matches, the dwellings `kept` names always
    among them (first): {id: label}, at most LIMIT."""
    term = typed(
        "Chercher un logement", key,
        "Adresse, code postal, commune ou numéro (sans accents ni majuscules)",
    )  # fmt: skip
    found = cached.run(
        database, "housing/dwelling_search", term=term, kept=kept_list(*kept), limit=LIMIT
    )
    return {row["id"]: dwelling_label(row) for row in found.iter_rows(named=True)}


def households(database, key: str) -> dict[int, str]:
    """A box « Chercher un ménage » and the active households it finds: {id: label}, at
    most LIMIT."""
    term = typed(
        "Chercher un ménage locataire", key,
        "Nom du chef de ménage ou numéro de dossier (sans accents ni majuscules)",
    )  # fmt: skip
    found = cached.run(database, "housing/active_households", term=term, limit=LIMIT)
    return {r["id"]: f"{r['file_number']} — {r['head_name']}" for r in found.iter_rows(named=True)}

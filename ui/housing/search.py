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


def owner_label(owner: dict) -> str:
    where = owner["commune"] or catalog.label(catalog.OWNER_KIND, owner["kind"])
    return f"{owner['name']} ({where}, n° {owner['id']})"


def owners(database, key: str, owner_id: int | None = None) -> dict[int, str]:
    """A box « Chercher un propriétaire » and its matches, `owner_id` always among them:
    {id: label}, at most LIMIT + 1."""
    term = typed(
        "Chercher un propriétaire", key,
        "Nom, commune ou numéro (sans accents ni majuscules)",
    )  # fmt: skip
    found = cached.run(database, "housing/owner_search", term=term, owner_id=owner_id, limit=LIMIT)
    # The query puts `owner_id` first, so that the cut never drops it.
    return {row["id"]: owner_label(row) for row in found.iter_rows(named=True)}

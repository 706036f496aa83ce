"""Search boxes that stand for choice lists too long to draw: an owner, a dwelling, a
household is found by typing, and the list offers at most `LIMIT` matches (the database
cuts them), plus the record already chosen so that a new search does not drop it.

A search box stands outside the form it serves: inside one, typing would not rerun the
page until the form is sent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
import streamlit as st

from db import catalog
from ui import cached
from ui import format as fmt

LIMIT = 20  # the most matches a search offers


def typed(label: str, key: str, placeholder: str) -> str | None:
    """The search's text, None when empty."""
    raw = st.text_input(label, key=key, placeholder=placeholder)
    return raw.strip() or None


def say_found(term: str | None, rows: pl.DataFrame, noun: str) -> None:
    """Under a search: how many of the rows offered match it (a record already chosen stays
    offered, matching or not), or that none matched (a long paste is shown cut)."""
    if term is None:
        return
    shown = term if len(term) <= 40 else term[:40] + "…"
    # A search that keeps no chosen record (households) has no column « matched »: all match.
    found = rows.filter(pl.col("matched")).height if "matched" in rows.columns else rows.height
    if found == 0:
        st.caption(f"Aucun {noun} ne correspond à « {shown} ».")
    elif rows.height >= LIMIT:
        st.caption(
            f"Les {LIMIT} premiers résultats, dans la liste ci-dessous : précisez la recherche."
        )
    else:
        counted = fmt.fr_count(found, f"{noun} trouvé", f"{noun}s trouvés")
        st.caption(f"{counted}, dans la liste ci-dessous.")


def drop_unoffered(key: str, offered) -> None:
    """A picker's choice no longer offered (a new search, a record moved on) is emptied.
    Set to None rather than removed: the browser keeps a removed choice on screen."""
    if st.session_state.get(key) is not None and st.session_state[key] not in offered:
        st.session_state[key] = None


def owner_label(owner: dict) -> str:
    where = owner["commune"] or catalog.label(catalog.OWNER_KIND, owner["kind"])
    return f"{owner['name']} ({where}, n° {owner['id']})"


def dwelling_label(row: dict) -> str:
    return f"n° {row['id']} — {row['address']}, {row['commune']} ({row['typology']})"


def household_label(row: dict) -> str:
    return f"{row['file_number']} — {row['head_name']}"


@dataclass(frozen=True)
class Search:
    """A search box: its query (whose rows carry an id), its label and hint, the noun its
    count says, and how a row is named in the list it fills."""

    query: str
    label: str
    placeholder: str
    noun: str
    name: Callable[[dict], str]


OWNERS = Search(
    "housing/owner_search",
    "Chercher un propriétaire",
    "Nom, commune ou numéro (sans accents ni majuscules)",
    "propriétaire",
    owner_label,
)
DWELLINGS = Search(
    "housing/dwelling_search",
    "Chercher un logement",
    "Adresse, code postal, commune ou numéro (sans accents ni majuscules)",
    "logement",
    dwelling_label,
)
HOUSEHOLDS = Search(
    "housing/active_households",
    "Chercher un ménage locataire",
    "Nom du chef de ménage ou numéro de dossier (sans accents ni majuscules)",
    "ménage",
    household_label,
)


def search_box(database, search: Search, key: str, **params) -> dict[int, str]:
    """The box of `search` and what it finds for what is typed there, counted under the
    box: {id: name}, at most LIMIT, in the query's order."""
    term = typed(search.label, key, search.placeholder)
    rows = cached.run(database, search.query, term=term, limit=LIMIT, **params)
    say_found(term, rows, search.noun)
    return {row["id"]: search.name(row) for row in rows.iter_rows(named=True)}


def kept_list(*ids) -> list[int]:
    """The records already chosen, that a search keeps among its matches."""
    return [int(i) for i in ids if isinstance(i, int)]


def owners(database, key: str, *kept) -> dict[int, str]:
    """A box « Chercher un propriétaire » and its matches, the owners `kept` names always
    among them (first, so that the cut never drops them)."""
    return search_box(database, OWNERS, key, kept=kept_list(*kept))


def dwellings(database, key: str, *kept) -> dict[int, str]:
    """A box « Chercher un logement » and its matches, the dwellings `kept` names always
    among them (first)."""
    return search_box(database, DWELLINGS, key, kept=kept_list(*kept))


def households(database, key: str) -> dict[int, str]:
    """A box « Chercher un ménage » and the active households it finds."""
    return search_box(database, HOUSEHOLDS, key)

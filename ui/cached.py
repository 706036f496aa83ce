"""Reads cached until the next write: keyed by the database's data version.

Streamlit reruns a page at every click; the same list, the same communes and the same
referents are then served from memory until a write (an intake, an edit…) changes them.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

import queries
from db.connection import open_database


@st.cache_data(max_entries=512, show_spinner=False)
def _run(path: str, version: int, name: str, params: tuple) -> pl.DataFrame:
    return queries.run(open_database(path), name, **dict(params))


def run(database, name: str, **params) -> pl.DataFrame:
    """queries.run, served from the cache while nothing was written since."""
    return _run(str(database.path), database.data_version, name, tuple(sorted(params.items())))

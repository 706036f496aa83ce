"""Repeating rows of widgets (members, resources) that can be added and removed.

Each row has a stable id so that removing row 2 keeps what was typed in row 3.
"""

from __future__ import annotations

import streamlit as st


def row_ids(name: str, first: int = 1) -> list[int]:
    key = f"{name}_rows"
    if key not in st.session_state:
        st.session_state[key] = list(range(first))
    return st.session_state[key]


def add_row(name: str) -> None:
    ids = row_ids(name)
    st.session_state[f"{name}_rows"] = ids + [max(ids, default=-1) + 1]


def remove_row(name: str, row_id: int) -> None:
    st.session_state[f"{name}_rows"] = [i for i in row_ids(name) if i != row_id]


def clear_rows(name: str, prefix: str) -> None:
    """Forget the rows and every widget value of this group (after a save)."""
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]
    st.session_state.pop(f"{name}_rows", None)

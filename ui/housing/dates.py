"""The confirmation of a planned date ahead (db/validation.py, check_ahead): a dwelling
joining the stock next month, a lease signed or ended ahead. The box shows under the
date once a save asked for it, and stays while it is ticked."""

from __future__ import annotations

import streamlit as st

from db.validation import CONFIRM_FIELD, CONFIRM_LABEL, asks_confirmation


def confirm_ahead(errors: dict[str, str], path: str, key: str) -> bool:
    """Whether the person confirmed the date at `path`; drawn inside its form."""
    box = f"{key}_{CONFIRM_FIELD}"
    if not (asks_confirmation(errors.get(path)) or st.session_state.get(box)):
        return False
    return st.checkbox(CONFIRM_LABEL, key=box)

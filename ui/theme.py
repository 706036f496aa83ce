"""The little the app changes in Streamlit's own look, in one place."""

import streamlit as st

# Streamlit writes "Press Enter to apply" / "Press Ctrl+Enter to submit form" under a text
# field being typed in, in English, with no setting to change it: hidden (Enter still works).
HIDE_ENGLISH_HINTS = "<style>[data-testid='InputInstructions'] { display: none; }</style>"


def apply() -> None:
    st.html(HIDE_ENGLISH_HINTS)

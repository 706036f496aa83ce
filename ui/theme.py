"""The little the app changes in Streamlit's own look, in one place."""

import streamlit as st

# Streamlit writes "Press Enter to apply" / "Press Ctrl+Enter to submit form" under a text
# field being typed in, in English, with no setting to change it: hidden (Enter still works).
# The tables' own toolbar (search « Type to search », « Fullscreen ») and column menu
# (« Sort ascending », « Pin column », « Autosize »…) are English too, with no setting to
# translate them: hidden. The lists have their own French search, sort and export.
HIDE_ENGLISH_HINTS = """<style>
[data-testid='InputInstructions'],
[data-testid='stElementToolbar'],
[data-testid='stDataFrameColumnMenu'] { display: none !important; }
</style>"""


def apply() -> None:
    st.html(HIDE_ENGLISH_HINTS)

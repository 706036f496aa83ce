"""Journaux : le journal des modifications et celui des accès."""

import streamlit as st


def show(database, actor) -> None:
    st.caption("Cette partie arrive bientôt.")

"""Sauvegardes : la dernière, et en faire une maintenant."""

import streamlit as st


def show(database, actor) -> None:
    st.caption("Cette partie arrive bientôt.")

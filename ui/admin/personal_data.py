"""Données personnelles : durées de conservation, anonymisation, droit d'accès."""

import streamlit as st


def show(database, actor) -> None:
    st.caption("Cette partie arrive bientôt.")

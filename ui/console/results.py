"""The rows of a run as a table, with how many and how long, and a clear word when the
table holds only the first rows."""

from __future__ import annotations

import polars as pl
import streamlit as st

from ui import format as fmt


def seconds_text(seconds: float) -> str:
    """0,12 s ; « < 0,01 s » for a query quicker than that."""
    if seconds < 0.005:
        return "< 0,01 s"
    return f"{seconds:.2f}".replace(".", ",") + " s"


def rows_text(rows: int) -> str:
    """« 0 ligne », « 1 ligne », « 27 824 lignes »."""
    return fmt.fr_count(rows, "ligne")


def caption(result) -> str:
    """« 1 234 lignes en 0,12 s »"""
    return f"{rows_text(result.rows)} en {seconds_text(result.seconds)}"


def column_formats(frame: pl.DataFrame) -> dict:
    """Dates the French way; decimal numbers with a decimal comma (the browser's locale)."""
    config = {}
    for name, dtype in frame.schema.items():
        if dtype == pl.Date:
            config[name] = st.column_config.DateColumn(format="DD/MM/YYYY")
        elif isinstance(dtype, pl.Datetime):
            config[name] = st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm")
        elif dtype.is_float() or isinstance(dtype, pl.Decimal):
            config[name] = st.column_config.NumberColumn(format="localized")
    return config


def show(result) -> None:
    frame = result.frame
    st.caption(caption(result))
    if result.truncated:
        st.warning(
            f"Résultat tronqué : seules les {fmt.fr_int(frame.height)} premières lignes sont "
            "affichées. L'export, plus bas, donne le résultat complet.",
            icon=":material/content_cut:",
        )
    if frame.width == 0:
        st.info("La requête n'a rendu aucune colonne.")
        return
    st.dataframe(frame, hide_index=True, width="stretch", column_config=column_formats(frame))

"""Generic table helpers: the keyboard's way to open a listed household's file, and a
table height that shows more rows than Streamlit's default."""

from __future__ import annotations

import polars as pl
import streamlit as st

ROW_PIXELS = 35  # a row of st.dataframe, and its header
SHOWN_ROWS = 15  # rows on screen before the table scrolls


def table_height(rows: int) -> int:
    """Tall enough for SHOWN_ROWS rows without scrolling (Streamlit's own stops at 10)."""
    return ROW_PIXELS * (min(rows, SHOWN_ROWS) + 1) + 3


def file_picker(found: pl.DataFrame, id_column: str, key: str, where: str) -> int | None:
    """« Ouvrir un dossier »: a choice among the listed households and a button, for the
    keyboard (a click on a row needs the mouse); the id chosen once the button is pressed.
    `where` ends the placeholder: « de cette page », « de cette liste »."""
    households = found.unique(id_column, keep="first", maintain_order=True)
    labels = {
        row[id_column]: f"{row['file_number']} — {row['head_name']}"
        for row in households.iter_rows(named=True)
    }
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    chosen = c1.selectbox(
        "Ouvrir un dossier",
        list(labels),
        format_func=labels.get,
        index=None,
        placeholder=f"Choisir un ménage {where}",
        key=f"{key}_open",
    )
    opened = c2.button("Ouvrir", key=f"{key}_open_btn", disabled=chosen is None, type="primary")
    return chosen if opened else None

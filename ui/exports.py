"""CSV and Excel downloads, built only when clicked, each one logged by the caller."""

from __future__ import annotations

import io
from collections.abc import Callable

import polars as pl
import streamlit as st

from db import clock

MAX_ROWS = 1_000_000  # Excel holds 1 048 576 rows per sheet


def csv_bytes(frame: pl.DataFrame) -> bytes:
    # UTF-8 with BOM and ';' so that a French spreadsheet opens it right.
    return b"\xef\xbb\xbf" + frame.write_csv(separator=";").encode()


def excel_bytes(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_excel(buffer, worksheet="Export", autofit=True)
    return buffer.getvalue()


def download_buttons(
    frame: Callable[[], pl.DataFrame], name: str, log: Callable[[str], None]
) -> None:
    """Two buttons; the file is built (and the export logged) only when one is clicked."""
    stamp = clock.today().strftime("%Y-%m-%d")

    def as_csv() -> bytes:
        log("csv")
        return csv_bytes(frame())

    def as_excel() -> bytes:
        log("excel")
        return excel_bytes(frame())

    c1, c2 = st.columns(2)
    c1.download_button(
        "Exporter en CSV",
        as_csv,
        file_name=f"{name}-{stamp}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{name}_csv",
    )
    c2.download_button(
        "Exporter en Excel",
        as_excel,
        file_name=f"{name}-{stamp}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key=f"{name}_xlsx",
    )

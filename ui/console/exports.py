"""Exports of a run's whole result (up to 1 000 000 rows, the query run again) as CSV,
Excel or Parquet, each one logged; the file is handed out once, as ui/exports.py does."""

from __future__ import annotations

import io

import polars as pl
import streamlit as st

from db import clock
from db.analytics import console
from db.errors import HabiterError
from db.households import writes
from ui import exports
from ui import format as fmt
from ui.console.results import rows_text

NAME = "console"
EXPORT_CAP = 1_000_000
FORMATS = {"csv": "CSV", "xlsx": "Excel", "parquet": "Parquet"}
PARQUET_MIME = "application/vnd.apache.parquet"
KIND_KEY = "console_export_kind"
DELIVERED_KEY = f"{NAME}_delivered"  # set by ui/exports.offer's button, and by ours


def show(database, actor, found) -> None:
    with st.expander("Exporter le résultat complet", icon=":material/download:"):
        st.caption(
            f"La requête est exécutée à nouveau pour l'export, jusqu'à {fmt.fr_int(EXPORT_CAP)} "
            "lignes. Chaque export est tracé."
        )
        delivered = st.session_state.pop(DELIVERED_KEY, None)
        if delivered:
            exports.release_offered_files()
            st.success(f"Téléchargement de {delivered} lancé.")
        kind = st.radio(
            "Format", list(FORMATS), format_func=FORMATS.get, horizontal=True, key=KIND_KEY
        )
        if not st.button("Préparer l'export", key=f"{NAME}_prepare"):
            return
        result = found.result
        total = EXPORT_CAP if result.truncated else result.rows

        def frames():
            params = found.params or None
            return console.export_batches(database, actor, found.sql, params, cap=EXPORT_CAP)

        if kind == "parquet":
            prepared = prepare_parquet(frames, total)
        else:
            prepared = exports.prepare(kind, frames, total, exports.EXCEL_MAX_ROWS)
        if prepared is None:
            return
        data, rows = prepared
        try:
            writes.record_export(
                database, actor, NAME, f"{FORMATS[kind]}, {fmt.fr_int(rows)} lignes"
            )
        except HabiterError as exc:  # an export missing from the log is not handed out
            st.error(f"L'export n'a pas pu être inscrit au journal ; il n'est pas remis : {exc}")
            return
        if kind == "parquet":
            offer_parquet(data)
        else:
            exports.offer(NAME, kind, data)


def parquet_bytes(frames, progress) -> tuple[bytes, int]:
    """The batches in one Parquet file, in memory (at most EXPORT_CAP rows)."""
    batches, rows = [], 0
    found = frames()
    try:
        for batch in found:
            batches.append(batch)
            rows += batch.height
            progress(rows)
    finally:
        close = getattr(found, "close", None)
        if close is not None:
            close()
    buffer = io.BytesIO()
    (pl.concat(batches) if batches else pl.DataFrame()).write_parquet(buffer)
    return buffer.getvalue(), rows


def prepare_parquet(frames, total: int) -> tuple[bytes, int] | None:
    status = st.status("Préparation de l'export…", expanded=True)
    with status:
        bar = st.progress(0.0, text="Lecture des lignes…")

        def progress(done: int) -> None:
            bar.progress(min(done / max(total, 1), 1.0), text=f"{fmt.fr_int(done)} lignes lues")

        try:
            data, rows = parquet_bytes(frames, progress)
        except HabiterError as exc:
            status.update(label="Export impossible", state="error")
            st.error(str(exc))
            return None
        bar.empty()
        status.update(
            label=f"Export prêt : {rows_text(rows)}, {exports.size_text(len(data))}",
            state="complete",
            expanded=False,
        )
    return data, rows


def _delivered(file_name: str) -> None:
    st.session_state[DELIVERED_KEY] = file_name


def offer_parquet(data: bytes) -> None:
    file_name = f"{NAME}-{clock.today().strftime('%Y-%m-%d')}.parquet"
    st.download_button(
        "Télécharger le fichier",
        data,
        file_name=file_name,
        mime=PARQUET_MIME,
        icon=":material/download:",
        key=f"{NAME}_download",
        on_click=_delivered,
        args=(file_name,),
        type="primary",
    )
    st.caption("Le fichier est remis une seule fois : préparez-le à nouveau si besoin.")

"""CSV and Excel exports of a list, prepared on request, each one logged by the caller.

A million rows must not stay in the server's memory: the rows come from the database a
batch at a time and go straight to a temporary file (CSV as text, Excel through
xlsxwriter's constant-memory mode), with a progress bar. The finished file is read once
into the download button, the temporary file removed, and the button is not drawn again
at the next action on the page, which lets Streamlit drop the bytes.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import polars as pl
import streamlit as st
import xlsxwriter

from db import clock
from ui import format as fmt

EXCEL_MAX_ROWS = 1_048_575  # a sheet holds 1 048 576 rows, one of them the header
FORMATS = {"csv": "CSV (tableur, sans limite de lignes)", "xlsx": "Excel"}
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
Progress = Callable[[int], None]


def write_csv(frames: Iterable[pl.DataFrame], path: Path, progress: Progress) -> int:
    """UTF-8 with BOM and ';': a French spreadsheet opens it right. Returns the row count."""
    rows = 0
    with path.open("wb") as out:
        out.write(b"\xef\xbb\xbf")
        for frame in frames:
            out.write(frame.write_csv(separator=";", include_header=rows == 0).encode())
            rows += frame.height
            progress(rows)
    return rows


def write_xlsx(frames: Iterable[pl.DataFrame], path: Path, progress: Progress) -> int:
    """One sheet, written row by row to disk (constant memory). Returns the row count."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Export")
    rows = 0
    try:
        for frame in frames:
            if rows == 0:
                sheet.write_row(0, 0, frame.columns)
            for values in frame.iter_rows():
                rows += 1
                sheet.write_row(rows, 0, values)
            progress(rows)
    finally:
        book.close()
    return rows


WRITERS = {"csv": write_csv, "xlsx": write_xlsx}


def excel_refusal(total: int, limit: int = EXCEL_MAX_ROWS) -> str | None:
    """Why Excel cannot hold this list, in French, or None when it can."""
    if total <= limit:
        return None
    return (
        f"Excel ne contient pas plus de {fmt.fr_int(limit + 1)} lignes par feuille, et cette "
        f"liste en compte {fmt.fr_int(total)} : exportez-la en CSV, ou affinez la recherche."
    )


def build(kind: str, frames: Iterator[pl.DataFrame], total: int) -> Path:
    """Write the export to a temporary file, showing progress; the caller removes it."""
    handle, name = tempfile.mkstemp(prefix="habiter-export-", suffix=f".{kind}")
    os.close(handle)
    path = Path(name)
    bar = st.progress(0.0, text="Préparation de l'export…")

    def progress(done: int) -> None:
        share = min(done / max(total, 1), 1.0)
        bar.progress(share, text=f"Préparation de l'export : {fmt.fr_int(done)} lignes sur "
                     f"{fmt.fr_int(total)}")  # fmt: skip

    try:
        WRITERS[kind](frames, path, progress)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    bar.empty()
    return path


def take_file(path: Path) -> bytes:
    """The file's bytes, and the file gone from the disk."""
    try:
        return path.read_bytes()
    finally:
        path.unlink(missing_ok=True)


def export_panel(
    name: str,
    total: int,
    frames: Callable[[], Iterator[pl.DataFrame]],
    log: Callable[[str], None],
    excel_limit: int = EXCEL_MAX_ROWS,
) -> None:
    """Choose a format, prepare the file (logged), then download it once."""
    kind = st.radio(
        "Format", list(FORMATS), format_func=FORMATS.get, horizontal=True, key=f"{name}_kind"
    )
    refusal = excel_refusal(total, excel_limit) if kind == "xlsx" else None
    if refusal:
        st.warning(refusal)
    if not st.button(
        "Préparer l'export", key=f"{name}_prepare", disabled=bool(refusal) or not total
    ):
        return
    path = build(kind, frames(), total)
    log(kind)
    stamp = clock.today().strftime("%Y-%m-%d")
    # Drawn in this run only: at the next action the button, and its bytes, are gone.
    st.download_button(
        "Télécharger le fichier",
        take_file(path),
        file_name=f"{name}-{stamp}.{kind}",
        mime=MIME[kind],
        icon=":material/download:",
        key=f"{name}_download",
        on_click="ignore",
        type="primary",
    )
    st.caption("Le fichier reste disponible jusqu'à votre prochaine action sur cette page.")

"""CSV and Excel exports of a list: written to a private scratch folder batch by batch,
handed to the browser once, then released from the server's memory; each one logged by
the caller. Why this way, and not Streamlit's deferred download: docs/exports.md."""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import polars as pl
import streamlit as st
import xlsxwriter

import queries
from db import clock
from db.errors import HabiterError
from db.french import TEXT_STAYS_TEXT
from ui import format as fmt
from ui import french_files

EXCEL_MAX_ROWS = 1_048_575  # rows of data: a sheet holds 1 048 576 rows, one is the header
FORMATS = {"csv": "CSV (tableur, sans limite de lignes)", "xlsx": "Excel"}
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
BOM = b"\xef\xbb\xbf"  # UTF-8 byte order mark: Excel then reads the accents right
SCRATCH_PREFIX = "habiter-export-"
BATCH_ROWS = 50_000  # rows read from the database at a time: one batch in memory
# Row by row to disk; dates shown the French way; a NaN or an infinity (a console's
# division) as Excel's #NUM! rather than a failed export.
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "default_date_format": "dd/mm/yyyy",
    "nan_inf_to_errors": True,
    **TEXT_STAYS_TEXT,
}
RELEASE_DELAY_S = 5.0  # the browser asks for the file at the click; the bytes go after this
Progress = Callable[[int], None]
Frames = Callable[[], Iterator[pl.DataFrame]]

_log = logging.getLogger(__name__)


class TooManyRowsError(HabiterError):
    """The list holds more rows than the format can."""


def excel_refusal(total: int, limit: int = EXCEL_MAX_ROWS) -> str | None:
    """Why Excel cannot hold this list, in French, or None when it can."""
    if total <= limit:
        return None
    return (
        f"Excel ne contient pas plus de {fmt.fr_int(limit + 1)} lignes par feuille (en-tête "
        f"compris), et cette liste en compte {fmt.fr_int(total)} : exportez-la en CSV, "
        "ou affinez la recherche."
    )


def write_csv(frames: Iterable[pl.DataFrame], path: Path, progress: Progress) -> int:
    """UTF-8 with BOM and ';', one header, numbers and dates as a French spreadsheet reads
    them, and none of its cells run (ui/french_files.py). Returns the row count."""
    rows = 0
    with path.open("wb") as out:
        out.write(BOM)
        for number, frame in enumerate(frames):
            french = french_files.french_csv_frame(frame)
            french.write_csv(out, separator=";", include_header=number == 0)
            rows += frame.height
            progress(rows)
    return rows


def write_xlsx(
    frames: Iterable[pl.DataFrame], path: Path, progress: Progress, limit: int = EXCEL_MAX_ROWS
) -> int:
    """One sheet written row by row to disk (xlsxwriter's constant memory, its work files
    beside `path`), typed and formatted as ui/french_files.py says. Refuses, before writing
    them, rows past `limit`. Returns the row count."""
    book = xlsxwriter.Workbook(str(path), {**WORKBOOK_OPTIONS, "tmpdir": str(path.parent)})
    found = french_files.ListSheet(book, book.add_worksheet("Export"))
    try:
        for frame in frames:
            if found.rows + frame.height > limit:
                raise TooManyRowsError(excel_refusal(found.rows + frame.height, limit))
            progress(french_files.add_rows(found, frame))
        french_files.finish(found)
    except BaseException:
        with suppress(Exception):  # the first error is the one to report
            book.close()  # xlsxwriter then removes its own work files
        raise
    book.close()
    return found.rows


def remove_leftover_scratch(older_than_s: float = 3600.0, root: Path | None = None) -> int:
    """Remove the export folders that a stopped server left behind (a crash or a kill in
    the middle of an export): they may hold personal data. Returns how many went."""
    now = time.time()
    removed = 0
    for folder in Path(root or tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*"):
        if folder.is_dir() and now - folder.stat().st_mtime > older_than_s:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


@contextmanager
def scratch_folder() -> Iterator[Path]:
    """A private folder (mode 700) for one export's files, removed with all it holds."""
    folder = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def build_file(
    kind: str, frames: Iterator[pl.DataFrame], progress: Progress, limit: int = EXCEL_MAX_ROWS
) -> tuple[bytes, int]:
    """The export's bytes and row count. The file is written to disk batch by batch and
    read once; nothing of it stays on disk, whatever happens."""
    write = partial(write_xlsx, limit=limit) if kind == "xlsx" else write_csv
    with scratch_folder() as folder:
        path = folder / f"export.{kind}"
        try:
            rows = write(frames, path, progress)
        finally:
            close = getattr(frames, "close", None)
            if close is not None:
                close()  # the database cursor goes now, not at garbage collection
        return path.read_bytes(), rows


def size_text(size: int) -> str:
    """1,4 Mo, 820 ko: the size of a file, in French."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} Mo".replace(".", ",")
    return f"{max(size // 1000, 1)} ko"


def prepare(kind: str, frames: Frames, total: int, limit: int) -> tuple[bytes, int] | None:
    """Build the file under a status box with a progress bar; None, said in French, when
    it cannot be built."""
    status = st.status("Préparation de l'export…", expanded=True)
    with status:
        bar = st.progress(0.0, text="Lecture des lignes…")

        def progress(done: int) -> None:
            bar.progress(
                min(done / max(total, 1), 1.0),
                text=f"{fmt.fr_int(done)} lignes écrites sur {fmt.fr_int(total)}",
            )

        try:
            data, rows = build_file(kind, frames(), progress, limit)
        except TooManyRowsError as exc:
            status.update(label="Export refusé", state="error")
            st.error(str(exc))
            return None
        except Exception:
            _log.exception("Export %s impossible", kind)
            status.update(label="Export impossible", state="error")
            st.error(
                "L'export n'a pas pu être préparé (erreur du serveur, détail dans son "
                "journal) : aucun fichier n'a été produit. Réessayez, ou prévenez "
                "l'administration si cela se reproduit."
            )
            return None
        bar.empty()
        status.update(
            label=f"Export prêt : {fmt.fr_int(rows)} lignes, {size_text(len(data))}",
            state="complete",
            expanded=False,
        )
    return data, rows


def _media_files():
    """Streamlit's media file manager, or None outside a Streamlit server."""
    from streamlit import runtime

    return runtime.get_instance().media_file_mgr if runtime.exists() else None


def release_offered_files(manager=None, delay: float = RELEASE_DELAY_S) -> threading.Timer | None:
    """Ask Streamlit, `delay` seconds from now, to drop the downloads that no page shows.

    Streamlit does so itself at the end of every script run, but a download is only marked
    at the first run that no longer shows it and dropped at the next one, by anybody: with
    nobody clicking, a delivered export would stay in memory. The delay leaves the browser,
    which asks for the file at the click, the time to get it.
    """
    manager = manager or _media_files()
    if manager is None:
        return None
    timer = threading.Timer(delay, manager.remove_orphaned_files)
    timer.daemon = True
    timer.start()
    return timer


def _last_day_of_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def period_name(start: date, end: date) -> str:
    """How a file names the period it covers: « 2021 », « 2024-2026 » (whole years),
    « 2026-T2 » (a calendar quarter), « 2026-06 » (a month), else
    « du-2026-01-01-au-2026-03-31 »."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
    if start.day == 1 and end == _last_day_of_month(end):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 1:
            return f"{start.year}-{start.month:02d}"
        if months == 3 and start.month % 3 == 1:
            return f"{start.year}-T{start.month // 3 + 1}"
    return f"du-{start.isoformat()}-au-{end.isoformat()}"


Span = tuple[date, date]


def file_name(name: str, kind: str, period: Span | None = None) -> str:
    """« actions-solutions-2021.xlsx » for a file whose content has a period, named by
    it; « menages-2026-12-05.csv », the day of export, for a list as it is today."""
    when = period_name(*period) if period else clock.today().isoformat()
    return f"{name}-{when}.{kind}"


def _delivered(state_key: str, file_name: str) -> None:
    st.session_state[state_key] = file_name


def offer(name: str, kind: str, data: bytes, period: Span | None = None) -> None:
    """The download button, drawn in this run only: its bytes go once it is gone."""
    named = file_name(name, kind, period)
    st.download_button(
        "Télécharger le fichier",
        data,
        file_name=named,
        mime=MIME[kind],
        icon=":material/download:",
        key=f"{name}_download",
        on_click=_delivered,
        args=(f"{name}_delivered", named),
        type="primary",
    )
    st.caption(
        "Le fichier est remis une seule fois : après le téléchargement ou votre prochaine "
        "action sur cette page, préparez-le à nouveau si besoin."
    )


def _choose_csv(key: str) -> None:
    st.session_state[key] = "csv"


def export_panel(
    name: str,
    total: int,
    frames: Frames,
    log: Callable[[str, int], None],
    what: str = "lignes de la liste",
    excel_limit: int | None = None,
    period: Span | None = None,
) -> None:
    """Choose a format, prepare the file (logged with its row count), download it once;
    a table of a period is named by it (`file_name`)."""
    limit = EXCEL_MAX_ROWS if excel_limit is None else excel_limit
    st.caption(f"Les {fmt.fr_int(total)} {what}. Chaque export est tracé.")
    delivered = st.session_state.pop(f"{name}_delivered", None)
    if delivered:
        release_offered_files()
        st.success(
            f"Téléchargement de {delivered} lancé. S'il n'arrive pas, préparez l'export à nouveau."
        )
    kind_key = f"{name}_kind"
    kind = st.radio("Format", list(FORMATS), format_func=FORMATS.get, horizontal=True, key=kind_key)
    refusal = excel_refusal(total, limit) if kind == "xlsx" else None
    if refusal:
        st.warning(refusal)
        st.button("Choisir CSV", key=f"{name}_to_csv", on_click=_choose_csv, args=(kind_key,))
    if not st.button(
        "Préparer l'export", key=f"{name}_prepare", disabled=bool(refusal) or not total
    ):
        return
    prepared = prepare(kind, frames, total, limit)
    if prepared is None:
        return
    data, rows = prepared
    try:
        log(kind, rows)
    except HabiterError as exc:  # an export that is not in the log is not handed out
        st.error(f"L'export n'a pas pu être inscrit au journal, il n'est donc pas remis : {exc}")
        return
    offer(name, kind, data, period)


def query_rows(
    database,
    name: str,
    shape: Callable[[pl.DataFrame], pl.DataFrame],
    batch_rows: int = BATCH_ROWS,
    **params,
) -> Frames:
    """The rows of the named query for an export: read `batch_rows` at a time, each batch
    shaped for the file (French headers and labels) by `shape`."""

    def frames() -> Iterator[pl.DataFrame]:
        batches = queries.batches(database, name, batch_rows, **params)
        try:
            for batch in batches:
                yield shape(batch)
        finally:
            batches.close()

    return frames

"""What the import tab draws from the engine's objects: the dry run's report (counts per
sheet, ignored columns, notes, refused rows a page at a time), and the past imports.

Every cell of a file is drawn in st.dataframe, which shows text as typed (never Markdown
nor HTML); a file or sheet name written in Markdown goes through md_escape."""

from __future__ import annotations

from datetime import datetime

import polars as pl
import streamlit as st

import queries
from db.imports import summary
from db.imports.plan import ImportPlan
from db.imports.template import refused_workbook
from ui import format as fmt
from ui import paging
from ui.plain import md_escape

REFUSED_FILE = "lignes-refusees.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REFUSED_PAGE = "import_refused_page"
HISTORY_SHOWN = paging.PAGE_SIZE  # the newest imports; the log keeps them all
HASH_SHOWN = 12  # characters of the file's sha256: enough to tell two files apart


def text_table(headers: list[str], rows: list[list[str]]) -> pl.DataFrame:
    return (
        pl.DataFrame(rows, schema=headers, orient="row")
        if rows
        else pl.DataFrame(schema=dict.fromkeys(headers, pl.String))
    )


def plan_report(plan: ImportPlan) -> None:
    """The dry run: what each sheet would create, update or leave, then every refusal."""
    st.markdown(f"**Rapport de vérification de « {md_escape(plan.file_name)} »**")
    st.caption(summary.plan_sentence(plan))
    counts = text_table(summary.PLAN_HEADERS, summary.count_rows(plan.counts))
    st.dataframe(counts, hide_index=True, width="content")
    for line in summary.ignored_lines(plan):
        st.warning(md_escape(line), icon=":material/visibility_off:")
    for note in plan.notes[: paging.PAGE_SIZE]:
        st.caption(md_escape(note))
    if len(plan.notes) > paging.PAGE_SIZE:
        more = len(plan.notes) - paging.PAGE_SIZE
        st.caption(f"… et {fmt.fr_count(more, 'autre remarque')}.")
    refused_rows(plan)


def refused_rows(plan: ImportPlan) -> None:
    """The refused rows, a page at a time, and the workbook to correct them in."""
    if not plan.refusals:
        st.success("Aucune ligne refusée.", icon=":material/check_circle:")
        return
    total = len(plan.refusals)
    st.markdown(f"**{fmt.fr_count(total, 'ligne refusée', 'lignes refusées')}**")
    shown = plan.refusals
    if total > paging.PAGE_SIZE:  # one page needs no chooser: the heading says the count
        page = paging.pager(total, REFUSED_PAGE, "ligne refusée", "lignes refusées")
        shown = plan.refusals[page.offset : page.offset + page.limit]
    rows = [summary.refusal_row(refusal) for refusal in shown]
    st.dataframe(text_table(summary.REFUSAL_HEADERS, rows), hide_index=True)
    st.download_button(
        "Télécharger les lignes refusées",
        lambda: refused_workbook(plan),  # made on the click only
        file_name=REFUSED_FILE,
        mime=XLSX,
        icon=":material/download:",
        key="import_refused_download",
        on_click="ignore",
    )
    st.caption(
        "Le classeur reprend chaque ligne refusée telle qu'elle a été lue, avec une colonne "
        "« Motif » : corrigez-les, puis déposez-le à nouveau."
    )


def history(database) -> None:
    """The past imports, newest first: when, who, which file, what it did, how long."""
    st.subheader("Imports passés", anchor=False)
    found = queries.run(database, "imports/history", limit=HISTORY_SHOWN)
    if found.is_empty():
        st.caption("Aucun import pour l'instant.")
        return
    rows = [history_row(row) for row in found.iter_rows(named=True)]
    # The fingerprint last: on a narrow screen the table scrolls, and it is what one reads
    # least.
    headers = ["Date", "Par", "Fichier", "Durée", *summary.DONE_HEADERS[1:], "Empreinte"]
    st.dataframe(text_table(headers, rows), hide_index=True)
    if found.height == HISTORY_SHOWN:
        st.caption(f"Les {HISTORY_SHOWN} imports les plus récents.")


def history_row(row: dict) -> list[str]:
    figures = [fmt.fr_int(row[c] or 0) for c in ("created", "updated", "unchanged", "refused")]
    return [
        when(row["started_at"]),
        row["display_name"] or "",
        row["file_name"] or "",
        summary.fr_seconds(row["seconds"] or 0),
        *figures,
        (row["file_hash"] or "")[:HASH_SHOWN],
    ]


def when(moment: datetime | None) -> str:
    """21/11/2026 14:05."""
    if moment is None:
        return "—"
    return f"{fmt.fr_date(moment)} {moment.hour:02d}:{moment.minute:02d}"

"""« À traiter »: what is due or overdue in a worker's files, soonest first, overdue in
red, each row opening the household's file."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import streamlit as st

from db import clock, rules
from db.settings import get_setting
from db.support import reports
from ui import cached, nav, paging, tables
from ui import format as fmt
from ui.support import team

OVERDUE_COLOR = "color: #b3261e; font-weight: 600"  # a red that stays readable on white


def whose(actor: rules.Actor, workers: team.Workers) -> str | None:
    """Whose files: a social worker's own; direction and admin choose a worker or the whole
    team (None)."""
    if not rules.reads_team_files(actor):
        return actor.username
    return team.worker_filter(st.columns(3)[0], "todo_ref", workers)


def state(due_on: date, overdue: bool, today: date) -> str:
    """« En retard de 1 162 jours », « En retard de 1 jour » or « À venir »: words, not an
    emoji (the table's canvas has no emoji font: a blank box, seen)."""
    if not overdue:
        return "À venir"
    return f"En retard de {fmt.fr_count((today - due_on).days, 'jour')}"


def display_table(found: pl.DataFrame, one_worker: bool) -> pl.DataFrame:
    """The table as shown; without the referent's column when it shows one worker's."""
    today = clock.today()
    pairs = zip(found["due_on"], found["overdue"], strict=True)
    states = [state(due, late, today) for due, late in pairs]
    return found.select(
        pl.col("due_on").dt.strftime("%d/%m/%Y").alias("Échéance"),
        pl.Series("État", states, dtype=pl.String),
        pl.col("file_number").alias("Dossier"),
        pl.col("head_name").alias("Chef de ménage"),
        *([] if one_worker else [pl.col("referent_name").alias("Référent·e")]),
        # Last: the longest text, cut at the table's edge rather than pushing the file out.
        pl.col("what").alias("À faire"),
    ).with_columns(pl.col(pl.String).fill_null("—"))


def styled(table: pl.DataFrame, overdue: list[bool]):
    """The overdue rows in red. Streamlit colours a table's cells only through a pandas
    Styler, hence pandas here and nowhere else."""
    rows = table.to_pandas()
    return rows.style.apply(
        lambda row: [OVERDUE_COLOR if overdue[row.name] else ""] * len(row), axis=1
    )


def page_of(database, referent: str | None, today: date, page: paging.Page | None):
    """One page of the list (the first when `page` is None), each row with the counts of
    the whole list; cached until the next write."""
    page = page or paging.Page(paging.PAGE_SIZE, 0, 1, 1)
    params = reports.to_do_params(database, referent, today)
    return cached.run(database, "support/to_do", **params, limit=page.limit, offset=page.offset)


def show(database, actor: rules.Actor, workers: team.Workers) -> None:
    horizon = get_setting(database, "to_do_horizon_days")
    referent = whose(actor, workers)
    today = clock.today()
    # The first page says the counts; another page is read only when asked for.
    first = page_of(database, referent, today, None)
    last_day = today + timedelta(days=horizon)
    if first.height == 0:
        st.success(f"Rien à traiter dans les {fmt.fr_int(horizon)} prochains jours.")
        return
    total, late = int(first["total"][0]), int(first["late"][0])
    st.caption(
        f"{fmt.fr_count(total, 'échéance')} d'ici le {fmt.fr_date(last_day)} "
        f"({fmt.fr_count(horizon, 'jour')}), dont {fmt.fr_int(late)} en retard, la plus proche "
        "d'abord ; dossiers actifs seulement. Cliquez sur une ligne pour ouvrir le dossier."
    )
    team.first_page_on_change("todo_page", {"referent": referent, "today": today})
    page = paging.pager(total, "todo_page", "échéance")
    found = first if page.offset == 0 else page_of(database, referent, today, page)
    nav.open_household_file(tables.file_picker(found, "household_id", "todo", "de cette page"))
    picked = st.dataframe(
        styled(display_table(found, referent is not None), found["overdue"].to_list()),
        hide_index=True,
        width="stretch",
        height=tables.table_height(found.height),
        on_select="rerun",
        selection_mode="single-row",
        key="todo_table",
    )
    if picked.selection.rows:  # a click on a row opens its household's file
        del st.session_state["todo_table"]
        nav.open_household_file(int(found["household_id"][picked.selection.rows[0]]))

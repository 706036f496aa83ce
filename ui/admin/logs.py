"""Journaux : le journal des modifications et celui des accès, chacun à part, avec ses
filtres (personne, objet, action, période), sa pagination, son export et, pour les accès,
la purge de ce qui dépasse la durée de conservation de chacun (console SQL comprise)."""

from __future__ import annotations

import polars as pl
import streamlit as st

import queries
from db.audit import log_access
from db.errors import HabiterError
from db.logs import purge
from db.logs.describe import ACCESS_ACTION, LOG_ACTION, LOG_ENTITY, describe_diff
from db.logs.reading import ACCESS, AUDIT, LogFilter, batches, codes, count, page
from db.settings import get_setting
from ui import exports, paging
from ui import format as fmt
from ui.forms import date_field
from ui.households.sections import coded_columns_by_entity

ACTIONS = {AUDIT: LOG_ACTION, ACCESS: ACCESS_ACTION}
EXPORT_NAMES = {AUDIT: "journal-modifications", ACCESS: "journal-acces"}


def show(database, actor) -> None:
    st.subheader("Journal des modifications", anchor=False)
    st.caption("Qui a créé, modifié, clos ou supprimé quoi, et quand : les plus récents d'abord.")
    log_section(database, actor, AUDIT)
    st.divider()
    st.subheader("Journal des accès", anchor=False)
    months = get_setting(database, "access_log_retention_months")
    st.caption(
        "Tenu à part du journal des modifications : chaque consultation d'un dossier "
        "(refusée ou non), "
        "chaque export, chaque requête SQL, chaque connexion et chaque échec de connexion. "
        f"Conservé {months} mois, puis purgé (réglage « Le journal des accès est purgé de "
        "ce qui a plus de … mois »)."
    )
    log_section(database, actor, ACCESS)
    st.divider()
    st.subheader("Durées de conservation", anchor=False)
    purge_section(database, actor)


def chosen_filter(database, log: str) -> LogFilter:
    """The filters of one log, drawn in a row; the choices are what the log holds."""
    found = codes(database, log)
    actions = ACTIONS[log]
    c1, c2, c3, c4, c5 = st.columns(5)
    names = dict(queries.run(database, "users/names").iter_rows())
    username = c1.selectbox(
        "Personne",
        found["username"],
        index=None,
        format_func=lambda name: f"{names[name]} ({name})" if names.get(name) else name,
        key=f"{log}_user",
        placeholder="Toutes",
    )
    entity = c2.selectbox(
        "Objet",
        found["entity"],
        index=None,
        format_func=lambda code: LOG_ENTITY.get(code, code),
        key=f"{log}_entity",
        placeholder="Tous",
    )
    action = c3.selectbox(
        "Action",
        found["action"],
        index=None,
        format_func=lambda code: actions.get(code, code),
        key=f"{log}_action",
        placeholder="Toutes",
    )
    start_on = date_field("Du", None, key=f"{log}_start", container=c4)
    end_on = date_field("Au", None, key=f"{log}_end", container=c5)
    return LogFilter(username, entity, action, start_on, end_on)


def log_section(database, actor, log: str) -> None:
    wanted = chosen_filter(database, log)
    try:
        total = count(database, log, wanted)
    except HabiterError as exc:
        st.error(str(exc))
        return
    if not total:
        st.info("Aucune ligne ne correspond à ces filtres.")
        return
    shown = paging.pager(total, f"{log}_page", "ligne")
    st.caption("Des plus récentes aux plus anciennes.")
    rows = page(database, log, wanted, shown.limit, shown.offset)
    shape = table_shaper(database, log)
    st.dataframe(shape(rows), hide_index=True, width="stretch")
    with st.expander("Exporter ce journal (filtres appliqués)"):
        export(database, actor, log, wanted, total, shape)


def table_shaper(database, log: str):
    """The function that turns a batch of log rows into the French table shown and
    exported."""
    coded = coded_columns_by_entity(database) if log == AUDIT else {}

    def shape(rows: pl.DataFrame) -> pl.DataFrame:
        return pl.DataFrame(
            [french_row(row, log, coded) for row in rows.iter_rows(named=True)],
            schema=dict.fromkeys(COLUMNS[log], pl.String),
        )

    return shape


COLUMNS = {
    AUDIT: ["Quand", "Qui", "Action", "Objet", "N°", "Ménage", "Détail"],
    ACCESS: ["Quand", "Qui", "Action", "Objet", "N°", "Précision"],
}


def french_row(row: dict, log: str, coded: dict) -> dict:
    who = row["username"]
    if row["display_name"] and row["display_name"] != who:
        who = f"{row['display_name']} ({who})"
    found = {
        "Quand": fmt.fr_datetime(row["occurred_at"]),
        "Qui": who,
        "Action": ACTIONS[log].get(row["action"], row["action"]),
        "Objet": LOG_ENTITY.get(row["entity"], row["entity"] or "—"),
        "N°": row["entity_id"] or "—",
    }
    if log == AUDIT:
        household = row["household_id"]
        found["Ménage"] = "—" if household is None else str(household)
        found["Détail"] = describe_diff(
            row["entity"], row["diff"], coded.get(row["entity"]), row["action"]
        )
    else:
        found["Précision"] = row["detail"] or "—"
    return found


def export(database, actor, log: str, wanted: LogFilter, total: int, shape) -> None:
    def frames():
        for batch in batches(database, log, wanted, total):
            # « Quand » as a date-time cell that sorts (ui/french_files.py), not screen text
            yield shape(batch).with_columns(batch["occurred_at"].alias("Quand"))

    def record(kind: str, rows: int) -> None:
        what = "audit_log" if log == AUDIT else "access_log"
        log_access(database, actor.username, "export", what, None, f"{kind}, {rows} lignes")

    exports.export_panel(
        EXPORT_NAMES[log], total, frames, record, what="lignes du journal, filtres appliqués"
    )


LOG_NAMES = {
    "access_log": "Journal des accès",
    "console_log": "Journal de la console SQL",
    "audit_log": "Journal des modifications",
}


def purge_section(database, actor) -> None:
    """The purge of every log past its retention, behind a confirmation; the same purge
    runs once a day anyway."""
    done = st.session_state.pop("access_purged", None)
    if done is not None:
        st.success(f"Purge faite : {fmt.fr_int(done)} ligne(s) supprimée(s), inscrite au journal.")
    waiting = 0
    for log, name in LOG_NAMES.items():
        rows = purge.purgeable_rows(database, log=log)
        waiting += rows
        months = get_setting(database, purge.LOGS[log].setting)
        st.caption(
            f"{name} : conservé {months} mois ; "
            f"{fmt.fr_count(rows, 'ligne')} antérieure(s) au "
            f"{fmt.fr_date(purge.retention_cutoff(database, log=log))}."
        )
    st.caption("Ce qui dépasse la durée de conservation est purgé chaque jour automatiquement.")
    sure = st.checkbox(
        f"Je confirme la suppression définitive de {fmt.fr_int(waiting)} ligne(s) des journaux",
        key="access_purge_ok",
        disabled=not waiting,
    )
    label = f"Purger ce qui dépasse la durée de conservation ({fmt.fr_count(waiting, 'ligne')})"
    if st.button(label, key="access_purge", disabled=not (waiting and sure)):
        try:
            deleted = purge.purge_all_logs(database, actor)
        except HabiterError as exc:
            st.error(str(exc))
            return
        st.session_state["access_purged"] = sum(deleted.values())
        del st.session_state["access_purge_ok"]
        st.rerun()

"""Sauvegardes : la dernière (date, fichier, taille, vérifiée ou non), les récentes, et en
faire une maintenant. Les sauvegardes sont faites par le processus de l'application
(db/backup/) : aucune copie du fichier en service."""

from __future__ import annotations

import polars as pl
import streamlit as st

from db.backup import journal
from db.backup.modes import check_database_files
from db.backup.take import BackupError, backups_folder, recent_backups, take_backup
from db.settings import get_setting
from ui import format as fmt
from ui.plain import md_escape

DONE_KEY = "backup_just_taken"


def show(database, actor) -> None:
    every = get_setting(database, "backup_every_hours")
    keep = get_setting(database, "backup_keep_days")
    st.caption(
        f"Une sauvegarde est faite toutes les {every} heures et gardée {keep} jours, dans "
        f"{md_escape(str(backups_folder(database.path)))}. Chaque sauvegarde est rouverte et "
        "ses tables recomptées. Ces durées se changent dans « Réglages ». Les sauvegardes "
        "sont chiffrées : la clé (backup_key des secrets) est indispensable pour restaurer."
    )
    disk_warnings(database)
    just_taken = st.session_state.pop(DONE_KEY, None)
    if just_taken:
        st.success(just_taken)
    recent = recent_backups(database, limit=30)
    last_backup(recent)
    if st.button("Faire une sauvegarde maintenant", key="backup_now", icon=":material/backup:"):
        with st.spinner("Sauvegarde en cours…"):
            try:
                info = take_backup(database, actor)
            except BackupError as exc:
                st.error(str(exc))
                return
        if info.verified:
            st.session_state[DONE_KEY] = f"Sauvegarde faite et vérifiée : {info.path.name}"
        else:
            st.session_state[DONE_KEY] = f"Sauvegarde écrite mais non vérifiée : {info.error}"
        st.rerun()
    if not recent.is_empty():
        st.subheader("Sauvegardes récentes", anchor=False)
        st.dataframe(backups_table(recent), hide_index=True, width="stretch")


def disk_warnings(database) -> None:
    """Files other accounts can read, and anonymisations lost by a restore."""
    wide = check_database_files(database.path)
    if wide:
        st.warning(md_escape(wide), icon=":material/lock_open:")
    lost = journal.anonymisations_to_redo(database.path)
    if lost:
        dates = ", ".join(when.strftime("%d/%m/%Y") for when in lost)
        st.warning(f"{journal.REMINDER} Anonymisations perdues : {dates}.", icon=":material/undo:")


def last_backup(recent: pl.DataFrame) -> None:
    if recent.is_empty():
        st.warning("Aucune sauvegarde n'a encore été faite.")
        return
    last = recent.row(0, named=True)
    when = last["taken_at"].strftime("%d/%m/%Y à %H:%M")
    if last["error"] is None and last["verified"]:
        st.success(
            f"Dernière sauvegarde le {when} : {md_escape(file_name(last['file']))}, "
            f"{size_text(last['size_bytes'])}, vérifiée ({fmt.fr_count(last['tables'], 'table')}, "
            f"{fmt.fr_count(last['rows'], 'ligne')})."
        )
    else:
        st.error(f"La dernière sauvegarde, le {when}, a échoué : {md_escape(last['error'] or '')}")


def backups_table(recent: pl.DataFrame) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "Date": [t.strftime("%d/%m/%Y %H:%M") for t in recent["taken_at"]],
            "Fichier": [file_name(f) for f in recent["file"]],
            "Taille": [size_text(s) for s in recent["size_bytes"]],
            "Vérifiée": [
                "oui" if ok and err is None else "non"
                for ok, err in zip(recent["verified"], recent["error"], strict=True)
            ],
            "Lignes": [str(r) if r is not None else "" for r in recent["rows"]],
            "Demandée par": [who_text(w) for w in recent["taken_by"]],
            "Erreur": [e or "" for e in recent["error"]],
        }
    )


def file_name(path: str | None) -> str:
    return path.rsplit("/", 1)[-1] if path else "—"


def size_text(size: int | None) -> str:
    if size is None:
        return "—"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} ko".replace(".", ",")
    return f"{size / 1024 / 1024:.1f} Mo".replace(".", ",")


def who_text(username: str) -> str:
    return {
        "sauvegarde-programmee": "sauvegarde programmée",
        "make-backup": "make backup (application en marche)",
        "cli": "ligne de commande",
    }.get(username, username)

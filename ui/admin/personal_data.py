"""Données personnelles : durée de conservation (dossiers à anonymiser, dossiers gardés et
pourquoi, garde d'un dossier avec son motif, simulation, puis anonymisation confirmée),
effacement d'un dossier clos, et où se fait le droit d'accès."""

from __future__ import annotations

import polars as pl
import streamlit as st

import queries
from db import clock
from db.connection import open_database
from db.errors import HabiterError
from db.privacy import anonymise, erase, holds
from db.privacy.access_export import SECTIONS
from db.settings import get_setting
from ui import format as fmt
from ui import paging
from ui.households.access_export import BUTTON

DONE = "privacy_done"
MATCHES = 20  # the numbers a choice list offers at most; typing the start narrows them


def matches_caption(total: int, term: str | None) -> None:
    """How many files the typed start matches, when the list shows only some of them."""
    if total == 0:
        st.caption("Aucun dossier ne commence par ce numéro." if term else "Aucun dossier.")
    elif total > MATCHES:
        st.caption(
            f"{fmt.fr_int(MATCHES)} premiers sur {fmt.fr_count(total, 'dossier')} : tapez la "
            "suite du numéro pour trouver les autres."
        )


def numbers_matching(files: pl.DataFrame, key: str) -> dict:
    """The file numbers (number -> id) of `files` that start with what is typed in the
    search box drawn here, the first MATCHES of them, and the caption of the rest."""
    typed = st.text_input(
        "Numéro du dossier (ou son début)", key=key, placeholder="2026-0…"
    ).strip()
    found = files.filter(pl.col("file_number").str.starts_with(typed)) if typed else files
    matches_caption(found.height, typed or None)
    shown = found.head(MATCHES)
    return dict(zip(shown["file_number"], shown["id"], strict=True))


@st.cache_data(max_entries=4, show_spinner=False)
def _retention_lists(path: str, version: int, today) -> tuple[pl.DataFrame, pl.DataFrame]:
    database = open_database(path)
    return anonymise.eligible(database, today), anonymise.held_back(database, today)


def retention_lists(database) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The files proposed for anonymisation and those held back, read once per write (the
    data version) and per day: at 200,000 households, tens of thousands of files, which
    every click in this tab would otherwise read again."""
    return _retention_lists(str(database.path), database.data_version, clock.today())


def page_of(files: pl.DataFrame, key: str, noun: str = "dossier") -> pl.DataFrame:
    """One page of a list of files already read (the anonymisation acts on all of them)."""
    shown = paging.pager(files.height, key, noun)
    return files.slice(shown.offset, shown.limit)


def show(database, actor) -> None:
    done = st.session_state.pop(DONE, None)
    if done:
        st.success(done)
    st.subheader("Durée de conservation", anchor=False)
    retention(database, actor)
    st.subheader("Effacement d'un dossier", anchor=False)
    erasure(database, actor)
    st.subheader("Droit d'accès", anchor=False)
    st.caption(
        f"Depuis le dossier du ménage, le bouton « {BUTTON} » (direction et administration) "
        "produit en un clic tout ce qui est conservé sur le ménage, en PDF et en JSON ; "
        "les notes privées y figurent, car elles concernent la personne. Chaque export est "
        "inscrit au journal des accès."
    )


# Tables the access export does not show as sections, named here for the dry run.
MORE_SECTIONS = {"anonymisation_hold": "Motifs de garde"}


def counts_table(counts: dict[str, int]) -> None:
    rows = [
        {
            "Données": SECTIONS.get(table) or MORE_SECTIONS.get(table, table),
            "Valeurs retirées": count,
        }
        for table, count in counts.items()
    ]
    st.dataframe(rows, hide_index=True)


def retention(database, actor) -> None:
    years = get_setting(database, "retention_years")
    cutoff = anonymise.cutoff(database)
    files, _ = retention_lists(database)
    st.caption(
        f"Dossiers clos dont le dernier contact (ou la clôture, sans contact) est antérieur "
        f"au {fmt.fr_date(cutoff)} : plus de {years} an(s), réglage « Réglages ». Un dossier "
        "n'est proposé que si plus rien n'y court : ni bail, ni plan d'apurement en cours, "
        "ni demande FSL en attente, ni procédure d'expulsion ou mesure ouverte."
    )
    held_back(database, actor)
    if files.height == 0:
        st.info("Aucun dossier à anonymiser.")
        return
    st.markdown(f"**Dossiers proposés à l'anonymisation : {fmt.fr_int(files.height)}**")
    st.dataframe(file_rows(page_of(files, "privacy_eligible_page")), hide_index=True)
    hold(database, actor, files)
    confirm(database, actor, files["id"].to_list())


def file_rows(files, reasons: bool = False) -> list[dict]:
    rows = []
    for row in files.iter_rows(named=True):
        line = {
            "N° de dossier": row["file_number"],
            "Clos le": fmt.fr_date(row["closed_on"]),
            "Dernier contact": fmt.fr_date(row["last_contact_on"]),
        }
        if reasons:
            line["Pourquoi il est gardé"] = row["reasons"]
        rows.append(line)
    return rows


def held_back(database, actor) -> None:
    """The other closed files past retention, each with why it is kept."""
    _, kept = retention_lists(database)
    if kept.height == 0:
        return
    st.markdown(f"**Dossiers gardés : {fmt.fr_int(kept.height)}**")
    st.dataframe(file_rows(page_of(kept, "privacy_kept_page"), reasons=True), hide_index=True)
    by_admin = kept.filter(pl.col("reasons").str.contains("Gardé par l'administration"))
    if by_admin.height == 0:
        return
    numbers = numbers_matching(by_admin, "privacy_release_term")
    chosen = st.selectbox(
        "Dossier gardé à remettre dans la liste",
        list(numbers),
        index=None,
        placeholder="Choisir un numéro de dossier",
        key="privacy_release_file",
    )
    if chosen and st.button("Remettre dans la liste", key="privacy_release"):
        holds.release_file(database, actor, numbers[chosen])
        st.session_state[DONE] = f"Dossier {chosen} remis dans la liste à anonymiser."
        st.session_state.pop("privacy_release_file", None)
        st.rerun()


def hold(database, actor, files) -> None:
    """Keep one proposed file out of this anonymisation, with its reason (audited)."""
    st.markdown("**Garder un dossier** (besoin légal ou probatoire)")
    numbers = numbers_matching(files, "privacy_hold_term")
    with st.form("privacy_hold", clear_on_submit=False, border=True):
        chosen = st.selectbox(
            "Dossier à garder",
            list(numbers),
            index=None,
            placeholder="Choisir un numéro de dossier",
            key="privacy_hold_file",
        )
        reason = st.text_input("Motif", key="privacy_hold_reason")
        sent = st.form_submit_button("Garder ce dossier", key="privacy_hold_ok")
        if not sent:
            return
        if chosen is None:
            st.error("Choisissez le dossier à garder.")
            return
        try:
            holds.hold_file(database, actor, numbers[chosen], reason)
        except HabiterError as exc:
            st.error(str(exc))
            return
    st.session_state[DONE] = f"Dossier {chosen} gardé hors de l'anonymisation : {reason.strip()}"
    for key in ("privacy_hold_file", "privacy_hold_reason", "privacy_dry_counts"):
        st.session_state.pop(key, None)
    st.rerun()


def confirm(database, actor, ids: list[int]) -> None:
    """One button for all the proposed files, after a dry run and a confirmation."""
    count = fmt.fr_int(len(ids))
    if st.button(f"Simuler l'anonymisation des {count} dossiers", key="privacy_dry"):
        st.session_state["privacy_dry_counts"] = (ids, anonymise.dry_run(database, ids))
    simulated = st.session_state.get("privacy_dry_counts")
    if not simulated or simulated[0] != ids:
        st.caption("Simulez d'abord : rien n'est modifié, les valeurs à retirer sont comptées.")
        return
    st.markdown("**Ce que l'anonymisation retirerait** (rien n'est encore modifié) :")
    counts_table(simulated[1])
    sure = st.checkbox(
        f"Je confirme l'anonymisation définitive de {count} dossier(s) : noms, coordonnées, "
        "adresse, notes, résumés et lien aux logements seront retirés, sans retour possible",
        key="privacy_anonymise_ok",
    )
    label = f"Anonymiser les {count} dossiers"
    if st.button(label, key="privacy_anonymise", disabled=not sure, type="primary"):
        try:
            with st.spinner(f"Anonymisation de {count} dossier(s) en cours…"):
                done = anonymise.anonymise_households(database, actor, ids)
        except HabiterError as exc:
            st.error(str(exc))
            return
        removed = sum(done.values())
        st.session_state[DONE] = (
            f"{count} dossier(s) anonymisé(s) : {fmt.fr_int(removed)} valeur(s) "
            "retirée(s). L'opération est inscrite au journal, sans les valeurs retirées."
        )
        for key in ("privacy_dry_counts", "privacy_anonymise_ok"):
            st.session_state.pop(key, None)
        st.rerun()


def erasure(database, actor) -> None:
    st.caption(
        "Quand la loi le permet (demande de la personne, donnée sans motif de conservation), "
        "un dossier clos peut être effacé entièrement : ménage, membres et tout ce qui s'y "
        "rattache. Le journal garde seulement le numéro interne et les nombres de lignes."
    )
    typed = st.text_input(
        "Numéro du dossier clos à effacer (ou son début)",
        key="privacy_erase_term",
        placeholder="2026-0…",
    )
    term = typed.strip() or None
    closed = queries.run(database, "privacy/closed_files", term=term, limit=MATCHES)
    numbers = dict(zip(closed["file_number"], closed["id"], strict=True))
    chosen = st.selectbox(
        "Dossier clos à effacer",
        list(numbers),
        index=None,
        placeholder="Choisir un numéro de dossier",
        key="privacy_erase_file",
    )
    total = int(closed["total"][0]) if closed.height else 0
    matches_caption(total, term)
    if chosen is None:
        return
    sure = st.checkbox(
        f"Je confirme l'effacement définitif du dossier {chosen} et de tout ce qui s'y rattache",
        key="privacy_erase_ok",
    )
    if st.button("Effacer ce dossier", key="privacy_erase", disabled=not sure, type="primary"):
        try:
            counts = erase.erase_household(database, actor, numbers[chosen])
        except HabiterError as exc:
            st.error(str(exc))
            return
        st.session_state[DONE] = (
            f"Dossier {chosen} effacé : {fmt.fr_int(sum(counts.values()))} ligne(s) supprimée(s)."
        )
        for key in ("privacy_erase_file", "privacy_erase_ok"):
            st.session_state.pop(key, None)
        st.rerun()

"""« Requêtes enregistrées »: save the editor's SQL with a name, a description and whether
the team shares it; the person's own and the shared ones, to open or delete; the
indicators' queries (queries/kpi/) as read-only examples."""

from __future__ import annotations

import streamlit as st

from db import rules
from db.analytics import console, saved
from db.analytics.models import FIELD_LABELS, SavedQueryIn
from ui import format as fmt
from ui import forms, paging
from ui.console import state
from ui.plain import md_escape
from ui.record_form import form_key, run_write

FORM = "console_save"
LABELS = FIELD_LABELS
CONFIRM_KEY = "console_confirm_delete"
PAGE_SIZE = 20  # cards, each with its SQL: a shorter page than a table's


def show(database, actor) -> None:
    save_form(database, actor)
    st.subheader("Vos requêtes et celles de l'équipe", anchor=False)
    saved_list(database, actor)
    st.subheader("Exemples : les requêtes des indicateurs", anchor=False)
    st.caption("En lecture seule : « Ouvrir » les copie dans l'éditeur.")
    for number, (title, sql) in enumerate(console.kpi_examples()):
        with st.expander(title):
            st.code(sql, language="sql", wrap_lines=True)
            st.button(
                "Ouvrir",
                key=f"console_example_{number}",
                on_click=state.put_in_editor,
                args=(sql,),
                icon=":material/open_in_new:",
            )


def save_form(database, actor) -> None:
    errors = forms.form_errors(FORM)
    sql = state.editor_sql()
    with st.form(form_key(FORM)):
        st.markdown("**Enregistrer la dernière requête exécutée dans l'éditeur**")
        forms.errors_summary(errors, LABELS)
        name = st.text_input("Nom", key=f"{form_key(FORM)}_name")
        forms.field_error(errors, "name")
        description = st.text_input("Description", key=f"{form_key(FORM)}_description")
        forms.field_error(errors, "description")
        shared = st.checkbox("Partagée avec l'équipe", key=f"{form_key(FORM)}_shared")
        if sql.strip():
            st.code(sql, language="sql", wrap_lines=True)
        else:
            st.caption("Écrivez et exécutez d'abord la requête dans l'onglet « Requête ».")
        forms.field_error(errors, "sql")
        if st.form_submit_button("Enregistrer la requête", icon=":material/save:"):
            query = {"name": name, "description": description, "sql": sql, "shared": shared}
            run_write(
                lambda: saved.save_query(database, actor, SavedQueryIn(**query)),
                "Requête enregistrée",
                FORM,
            )


def _ask_delete(query_id: int) -> None:
    st.session_state[CONFIRM_KEY] = query_id


def _cancel_delete() -> None:
    st.session_state.pop(CONFIRM_KEY, None)


def saved_list(database, actor) -> None:
    """One page of the saved queries, each as a card."""
    total = saved.count_queries(database, actor)
    if not total:
        st.caption("Aucune requête enregistrée pour l'instant.")
        return
    shown = paging.pager(total, "console_saved_page", "requête", page_size=PAGE_SIZE)
    found = saved.list_queries(database, actor, limit=shown.limit, offset=shown.offset)
    for row in found.iter_rows(named=True):
        with st.container(border=True):
            shared = "partagée avec l'équipe" if row["shared"] else "privée"
            # Typed text, shared with the team: shown as typed, never read as Markdown.
            st.markdown(f"**{md_escape(row['name'])}**")
            owner = md_escape(row.get("owner_name") or row["owner"])
            described = md_escape(row["description"]) if row["description"] else "Sans description"
            st.caption(
                f"{described} · de {owner} · {shared}"
                f" · modifiée le {fmt.fr_datetime(row.get('updated_at'))}"
            )
            st.code(row["sql"], language="sql", wrap_lines=True)
            buttons(database, actor, row)


def buttons(database, actor, row: dict) -> None:
    key = row["id"]
    left, right = st.columns([1, 1])
    left.button(
        "Ouvrir",
        key=f"console_open_{key}",
        on_click=state.put_in_editor,
        args=(row["sql"],),
        icon=":material/open_in_new:",
    )
    if not rules.can_change_saved_query(actor, row):
        return
    if st.session_state.get(CONFIRM_KEY) != key:
        right.button(
            "Supprimer",
            key=f"console_delete_{key}",
            on_click=_ask_delete,
            args=(key,),
            icon=":material/delete:",
        )
        return
    st.warning(
        f"Supprimer la requête « {md_escape(row['name'])} » ? Elle ne pourra pas être retrouvée."
    )
    yes, no = st.columns([1, 1])
    if yes.button("Oui, supprimer", key=f"console_delete_yes_{key}", type="primary"):
        _cancel_delete()
        run_write(
            lambda: saved.delete_query(database, actor, key, row["version"]),
            "Requête supprimée",
        )
    no.button("Annuler", key=f"console_delete_no_{key}", on_click=_cancel_delete)

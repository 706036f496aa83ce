"""L'onglet « Import » de l'administration : le modèle à remplir, le dépôt des fichiers,
la vérification (rien n'est écrit), l'import confirmé, et les imports passés.

L'administrateur fait chaque étape ; la direction lit l'historique seulement
(rules.can_import, rules.can_read_imports). La vérification est gardée dans la session sous
l'empreinte des fichiers lus : elle n'est montrée, et importée, que tant que ces mêmes
fichiers sont choisis."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from db import rules
from db.errors import HabiterError
from db.imports import summary
from db.imports.check import check_files
from db.imports.plan import MAX_FILE_BYTES, ImportPlan, ImportRefused
from db.imports.template import template_workbook
from db.imports.write import run_import
from ui.imports import report
from ui.plain import md_inline

TEMPLATE_FILE = "habiter-modele-import.xlsx"
PLAN = "import_plan"  # (files' fingerprint, ImportPlan)
DONE = "import_done"  # the sentence of the import just made, shown after the rerun
GENERATION = "import_generation"  # a new uploader, emptied, after an import
READ_OK = "import_read_ok"
Progress = Callable[[int, int, str], None]


def show(database, actor: rules.Actor) -> None:
    if rules.can_import(actor):
        template_section(database)
        st.divider()
        upload_section(database, actor)
        st.divider()
    else:
        st.caption(
            "Les imports des tableurs de l'association, faits par un administrateur : "
            "qui, quand, quel fichier, ce qui a été créé ou mis à jour."
        )
    if rules.can_read_imports(actor):
        report.history(database)


def template_section(database) -> None:
    st.subheader("Modèle à remplir", anchor=False)
    st.caption(
        "Un classeur avec une feuille par sorte de ligne (ménages et membres, ressources, "
        "contacts, mesures d'accompagnement, procédures d'expulsion, plans d'apurement, "
        "médiations, demandes FSL, autres actions, propriétaires, logements, baux, pistes "
        "de captation), des colonnes aux noms français, "
        "une ligne d'exemple par feuille et une feuille « Valeurs permises » qui liste "
        "les choix de chaque colonne à choix. "
        "Chaque feuille est aussi acceptée seule, en fichier CSV (séparateur « ; »)."
    )
    st.download_button(
        "Télécharger le modèle",
        lambda: template_workbook(database),  # made on the click only
        file_name=TEMPLATE_FILE,
        mime=report.XLSX,
        icon=":material/download:",
        key="import_template",
        on_click="ignore",
    )


def upload_section(database, actor: rules.Actor) -> None:
    st.subheader("Fichiers à importer", anchor=False)
    done = st.session_state.pop(DONE, None)
    if done:
        st.success(done, icon=":material/check_circle:")
    uploaded = st.file_uploader(
        "Classeur .xlsx ou fichiers .csv",
        type=["xlsx", "csv"],
        accept_multiple_files=True,
        key=f"import_files_{st.session_state.get(GENERATION, 0)}",
        max_upload_size=MAX_FILE_BYTES // (1024 * 1024),
    )
    # The drop zone says the size limit itself (ui/frontend_fr.py): said once.
    st.caption("Un classeur .xlsx, ou plusieurs fichiers CSV à la fois (un par feuille).")
    if not uploaded:
        return
    try:
        for file in uploaded:
            summary.refuse_if_too_big(file.name, file.size)
    except ImportRefused as exc:
        st.error(refusal_text(exc), icon=":material/block:")
        return
    files = [(file.name, file.getvalue()) for file in uploaded]
    checked(database, actor, files)


def checked(database, actor: rules.Actor, files: list[tuple[str, bytes]]) -> None:
    """The check button, then the report of the dry run these files had, and the import."""
    key = summary.files_key(files)
    label = "Vérifier le fichier" if len(files) == 1 else "Vérifier les fichiers"
    if st.button(label, key="import_check", icon=":material/fact_check:"):
        check(database, actor, files, key)
    plan = kept_plan(key)
    if plan is None:
        st.caption(
            "La vérification lit chaque ligne avec les règles des formulaires et dit ce qui "
            "serait créé, mis à jour ou refusé : rien n'est écrit."
        )
        return
    report.plan_report(plan)
    confirm_and_import(database, actor, plan)


def kept_plan(key: str) -> ImportPlan | None:
    """The dry run of these very files; that of other files is let go (its memory too)."""
    kept = st.session_state.get(PLAN)
    if kept is None or kept[0] != key:
        st.session_state.pop(PLAN, None)
        return None
    return kept[1]


def check(database, actor: rules.Actor, files: list[tuple[str, bytes]], key: str) -> None:
    st.session_state.pop(PLAN, None)
    st.session_state.pop(report.REFUSED_PAGE, None)  # the new report opens on its first page
    st.session_state.pop(READ_OK, None)
    bar = st.progress(0.0, text="Lecture des fichiers…")
    try:
        plan = check_files(database, actor, files, progress=progress_bar(bar))
    except (ImportRefused, HabiterError) as exc:
        bar.empty()
        st.error(refusal_text(exc), icon=":material/block:")
        return
    bar.empty()
    st.session_state[PLAN] = (key, plan)


def confirm_and_import(database, actor: rules.Actor, plan: ImportPlan) -> None:
    """The import, once the report is said to be read: one transaction, all or nothing."""
    if not plan.writable:
        st.info("Rien à écrire : aucune ligne à créer ni à mettre à jour.", icon=":material/info:")
        return
    sure = st.checkbox(
        "J'ai lu le rapport : importer les lignes acceptées (les lignes refusées sont "
        "laissées de côté)",
        key=READ_OK,
    )
    if not st.button(
        "Importer", key="import_run", type="primary", disabled=not sure, icon=":material/upload:"
    ):
        return
    bar = st.progress(0.0, text="Écriture…")
    try:
        done = run_import(database, actor, plan, progress=progress_bar(bar))
    except (ImportRefused, HabiterError) as exc:
        bar.empty()
        st.error(f"Rien n'a été importé : {refusal_text(exc)}", icon=":material/block:")
        return
    st.session_state[DONE] = summary.done_sentence(done)
    for state in (PLAN, READ_OK, report.REFUSED_PAGE):
        st.session_state.pop(state, None)
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1  # files let go
    st.rerun()


def refusal_text(exc: Exception) -> str:
    """A refusal quotes a file, sheet or cell as typed: « **menages**.csv » must show its
    stars, not turn bold (st.error reads Markdown)."""
    return md_inline(str(exc))


def progress_bar(bar) -> Progress:
    """The engine's progress on `bar`, redrawn when the percentage or the step changes
    only: it reports often, and each redraw is a message to the browser."""
    shown: list = [None]

    def report_progress(done: int, total: int, what: str) -> None:
        share = min(done / total, 1.0) if total else 0.0
        now = (int(share * 100), what)
        if now != shown[0]:
            shown[0] = now
            bar.progress(share, text=summary.progress_words(done, total, what))

    return report_progress

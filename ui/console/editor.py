"""« Requête »: the SQL editor in a form (Ctrl+Entrée sends it, as the button does), the
fields of its parameters, then the last result, its chart and its exports."""

from __future__ import annotations

import streamlit as st

from db.analytics import console
from db.errors import HabiterError
from ui.console import chart, params, results, state
from ui.console import exports as console_exports

# The editor in a fixed-width font; its class is the one Streamlit gives a keyed widget.
MONOSPACE = f"""<style>
.st-key-{state.EDITOR_KEY} textarea {{
  font-family: "Source Code Pro", ui-monospace, Menlo, Consolas, monospace !important;
  font-size: 0.9rem;
}}
</style>"""
EXAMPLE = "ex. : SELECT commune, count(*) AS menages FROM household GROUP BY commune"
ERRORS = (console.QueryRefused, console.QueryFailed, console.QueryTimedOut)
# DuckDB's messages are English: their kind said in French first, its own words after.
DUCKDB_KINDS = {
    "Parser Error": "Erreur de syntaxe",
    "Binder Error": "Colonne, table ou fonction introuvable ou mal employée",
    "Catalog Error": "Table ou fonction inconnue",
    "Conversion Error": "Conversion de valeur impossible",
    "Invalid Input Error": "Valeur invalide",
    "Out of Range Error": "Valeur hors limites",
    "Not implemented Error": "Opération non prise en charge",
}


def show(database, actor) -> None:
    st.html(MONOSPACE)
    run_now = state.take_run_now()
    state.restore_draft()
    with st.form("console_form", border=False):
        sql = st.text_area("Requête SQL", key=state.EDITOR_KEY, height=200, placeholder=EXAMPLE)
        state.keep_draft(sql)
        values, missing, wrong = params.fields(parameter_kinds(sql))
        sent = st.form_submit_button("Exécuter", type="primary", icon=":material/play_arrow:")
    st.caption(
        "Lecture seule, sur des données pseudonymisées. Ctrl+Entrée dans l'éditeur exécute "
        "aussi la requête ; une requête peut utiliser des paramètres nommés, comme $debut."
    )
    if sent or run_now:
        if not sql.strip() or wrong or missing:
            state.forget()  # the last result under a refusal would read as this one's
        if not sql.strip():
            st.warning("Écrivez une requête avant de l'exécuter.")
        elif wrong or missing:
            refuse_parameters(missing, wrong)
        else:
            execute(database, actor, sql, values)
    show_outcome(database, actor, state.outcome())


def parameter_kinds(sql: str) -> dict[str, str]:
    if not sql.strip():
        return {}
    try:
        return console.parameters(sql)
    except HabiterError:  # the run says what is wrong with the SQL
        return {}


def refuse_parameters(missing: list[str], wrong: list[str]) -> None:
    lines = [f"- {message}" for message in wrong]
    if missing:
        lines.append(f"- à renseigner : {', '.join(missing)}")
    st.warning("La requête n'a pas été exécutée : indiquez ses paramètres.\n\n" + "\n".join(lines))


def execute(database, actor, sql: str, values: dict) -> None:
    with st.spinner("Exécution de la requête…"):
        try:
            result = console.run_query(database, actor, sql, values or None)
        except console.QueryFailed as exc:
            state.keep(state.Outcome(sql, values, error=failure(str(exc))))
        except ERRORS as exc:
            state.keep(state.Outcome(sql, values, error=str(exc)))
        else:
            state.keep(state.Outcome(sql, values, result=result))


def failure(message: str) -> str:
    """« Erreur de syntaxe. Message de DuckDB : syntax error at or near "SELEC" »."""
    kind, _, detail = message.partition(": ")
    if kind in DUCKDB_KINDS:
        return f"{DUCKDB_KINDS[kind]}. Message de DuckDB : {detail}"
    return f"La requête n'a pas abouti. Message de DuckDB : {message}"


def show_outcome(database, actor, found: state.Outcome | None) -> None:
    if found is None:
        return
    if found.error is not None:
        st.error(found.error, icon=":material/error:")
        return
    results.show(found.result)
    if found.result.frame.height:
        chart.show(found.result.frame)
    console_exports.show(database, actor, found)

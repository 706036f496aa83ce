"""The team's lists of « Accompagnement »: measures, procedures, mediations, FSL
applications and debt plans across households, each with its filters (kind, status,
worker, period) and its rows opening the household's file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import polars as pl
import streamlit as st

from db import catalog, clock, rules
from ui import cached, nav, paging, tables
from ui import format as fmt
from ui.forms import checked_period, date_field
from ui.households.listing import any_of

MEASURE_STATUS = {"en_cours": "En cours", "terminee": "Terminée"}
PROCEDURE_STATUS = {
    "en_cours": "En cours",
    "sans_expulsion": "Close sans expulsion",
    "expulsion": "Close par une expulsion",
}


@dataclass(frozen=True)
class Workers:
    """The worker filter as a person may use it: the choices, the one shown first, and
    whether it is locked (a social worker whom the team setting keeps to their files)."""

    choices: dict[str, str]
    default: str | None
    locked: bool


def workers_for(database, actor: rules.Actor, team_reads_all: bool) -> Workers:
    referents = dict(cached.run(database, "households/referents").iter_rows())
    social = rules.has_caseload(actor)
    if social and not rules.household_scope(actor, team_reads_all).sees_all:
        own = {actor.username: referents.get(actor.username, actor.display_name)}
        return Workers(own, actor.username, locked=True)
    return Workers(referents, actor.username if social else None, locked=False)


def current_year() -> tuple[date, date]:
    year = clock.today().year
    return date(year, 1, 1), date(year, 12, 31)


def period_filter(prefix: str, rule: str) -> tuple[date, date] | None:
    """The period (the current year unless changed) and what it means for this list; None,
    said in French, when it is incomplete or reversed."""
    first, last = current_year()
    c1, c2 = st.columns(2)
    start = date_field("Du", first, key=f"{prefix}_start", container=c1)
    end = date_field("Au", last, key=f"{prefix}_end", container=c2)
    st.caption(rule)
    return checked_period(start, end)


WHOLE_TEAM = ""  # the worker filter's choice of everybody (None reads as « no choice »)


def worker_filter(column, key: str, workers: Workers) -> str | None:
    """A worker's username, or None for the whole team; locked to their own files for a
    social worker whom the team setting keeps to them."""
    choices = workers.choices
    if workers.locked:
        column.selectbox(
            "Référent·e",
            list(choices),
            format_func=choices.get,
            key=key,
            disabled=True,
            placeholder="Choisir dans la liste",
        )
        return workers.default
    options = [WHOLE_TEAM, *choices]
    labels = {WHOLE_TEAM: "Toute l'équipe", **choices}
    index = options.index(workers.default) if workers.default in options else 0
    chosen = column.selectbox(
        "Référent·e",
        options,
        index=index,
        format_func=labels.get,
        key=key,
        placeholder="Choisir dans la liste",
    )
    return chosen or None


# Columns of the tables: French labels, dates and amounts, a dash for what is empty.


def day(column: str, title: str) -> pl.Expr:
    return pl.col(column).dt.strftime("%d/%m/%Y").alias(title)


def label(column: str, catalogue: dict, title: str) -> pl.Expr:
    return (
        pl.col(column)
        .replace_strict(catalogue, default=pl.col(column), return_dtype=pl.String)
        .alias(title)
    )


def amount(column: str, title: str) -> pl.Expr:
    return pl.col(column).map_elements(fmt.fr_amount, return_dtype=pl.String).alias(title)


def household_columns(one_worker: bool) -> list[pl.Expr]:
    """The household's columns; the referent's only when the list shows several workers'
    files (otherwise the same name on every row)."""
    columns = [pl.col("file_number").alias("Dossier"), pl.col("head_name").alias("Chef de ménage")]
    return columns + ([] if one_worker else [pl.col("referent_name").alias("Référent·e")])


def measures_table() -> list[pl.Expr]:
    return [
        pl.col("kind_label").alias("Type"),
        pl.col("prescriber").alias("Prescripteur"),
        day("start_on", "Début"),
        day("planned_end_on", "Fin prévue"),
        day("end_on", "Fin"),
        label("end_reason", catalog.MEASURE_END_REASON, "Motif de fin"),
    ]


def procedures_table() -> list[pl.Expr]:
    return [
        pl.col("landlord").alias("Bailleur"),
        day("opened_on", "Ouverte le"),
        label("last_stage", catalog.EVICTION_STAGE, "Dernière étape"),
        day("last_stage_on", "Étape du"),
        amount("last_arrears", "Dette locative"),
        day("closed_on", "Close le"),
        label("outcome", catalog.EVICTION_OUTCOME, "Issue"),
    ]


def mediations_table() -> list[pl.Expr]:
    return [
        day("mediation_on", "Date"),
        label("counterpart", catalog.MEDIATION_COUNTERPART, "Interlocuteur"),
        label("reason", catalog.MEDIATION_REASON, "Motif"),
        label("outcome", catalog.MEDIATION_OUTCOME, "Résultat"),
    ]


def fsl_table() -> list[pl.Expr]:
    return [
        label("kind", catalog.FSL_KIND, "Type d'aide"),
        label("form", catalog.FSL_FORM, "Forme"),
        label("status", catalog.FSL_STATUS, "Statut"),
        amount("amount_requested", "Demandé"),
        amount("amount_granted", "Accordé"),
        day("submitted_on", "Déposée le"),
        day("decided_on", "Décision le"),
        pl.col("refusal_reason").alias("Motif du refus"),
    ]


def debt_plans_table() -> list[pl.Expr]:
    return [
        pl.col("creditor").alias("Créancier"),
        label("status", catalog.DEBT_PLAN_STATUS, "Statut"),
        amount("total_debt", "Dette totale"),
        amount("instalment", "Mensualité"),
        pl.col("months").alias("Durée (mois)"),
        day("start_on", "Première mensualité"),
        day("last_instalment_on", "Dernière mensualité"),
    ]


def measure_kinds(database) -> dict:
    """Every measure kind an admin declared, withdrawn ones included: old records keep
    theirs."""
    entries = cached.run(database, "support/catalog", list="measure_kind")
    return dict(entries.select("code", "label").iter_rows())


@dataclass(frozen=True)
class TeamList:
    tab: str
    query: str  # one page of the list, each row with the list's count (total)
    prefix: str  # of the widgets' keys
    noun: tuple[str, str]  # counted by the pager: « 1 mesure », « 12 mesures »
    empty: str  # said when nothing matches
    period_rule: str  # what the period means for this list, said on screen
    kind_label: str | None  # the kind filter's label; None: the list has no kind
    kinds: Callable[[object], dict]  # database -> {code: label} of the kind filter
    statuses: dict
    columns: Callable[[], list[pl.Expr]]  # the table's columns after the household's


LISTS = (
    TeamList(
        "Mesures",
        "support/list_measures",
        "mes",
        ("mesure", "mesures"),
        "Aucune mesure",
        "Une mesure est listée si elle a couru à un moment de la période : commencée au plus "
        "tard le dernier jour, et sans fin ou finie au plus tôt le premier jour.",
        "Type de mesure",
        measure_kinds,
        MEASURE_STATUS,
        measures_table,
    ),
    TeamList(
        "Procédures",
        "support/list_procedures",
        "proc",
        ("procédure", "procédures"),
        "Aucune procédure",
        "Une procédure est listée si elle était ouverte à un moment de la période : première "
        "étape au plus tard le dernier jour, et non close ou close au plus tôt le premier jour.",
        "Dernière étape",
        lambda _database: catalog.EVICTION_STAGE,
        PROCEDURE_STATUS,
        procedures_table,
    ),
    TeamList(
        "Médiations",
        "support/list_mediations",
        "med",
        ("médiation", "médiations"),
        "Aucune médiation",
        "Une médiation est listée si elle est datée dans la période (premier et dernier jours "
        "compris).",
        "Interlocuteur",
        lambda _database: catalog.MEDIATION_COUNTERPART,
        catalog.MEDIATION_OUTCOME,
        mediations_table,
    ),
    TeamList(
        "FSL",
        "support/list_fsl",
        "fsl",
        ("demande FSL", "demandes FSL"),
        "Aucune demande FSL",
        "Une demande est listée si elle était en cours à un moment de la période : déposée "
        "(un brouillon : créée) au plus tard le dernier jour, et sans décision ou décidée au "
        "plus tôt le premier jour.",
        "Type d'aide",
        lambda _database: catalog.FSL_KIND,
        catalog.FSL_STATUS,
        fsl_table,
    ),
    TeamList(
        "Plans d'apurement",
        "support/list_debt_plans",
        "plan",
        ("plan d'apurement", "plans d'apurement"),
        "Aucun plan d'apurement",
        "Un plan est listé si ses mensualités couvrent une partie de la période : première "
        "mensualité au plus tard le dernier jour, dernière mensualité au plus tôt le premier "
        "jour (selon l'échéancier prévu).",
        None,
        lambda _database: {},
        catalog.DEBT_PLAN_STATUS,
        debt_plans_table,
    ),
)


def filters(database, spec: TeamList, workers: Workers) -> dict | None:
    """The query's filters as chosen, period included; None when the period is not
    usable."""
    # As many columns as filters: a list without kinds leaves no gap.
    columns = st.columns(3 if spec.kind_label else 2)
    kind = None
    if spec.kind_label is not None:
        kind = any_of(columns[0], spec.kind_label, spec.kinds(database), f"{spec.prefix}_kind")
    status = any_of(columns[-2], "Statut", spec.statuses, f"{spec.prefix}_status")
    referent = worker_filter(columns[-1], f"{spec.prefix}_ref", workers)
    period = period_filter(spec.prefix, spec.period_rule)
    if period is None:
        return None
    start, end = period
    return {"kind": kind, "status": status, "referent": referent, "start": start, "end": end}


def display_table(spec: TeamList, found: pl.DataFrame, one_worker: bool) -> pl.DataFrame:
    return found.select(household_columns(one_worker) + spec.columns()).with_columns(
        pl.col(pl.String).fill_null("—")
    )


def show_list(database, spec: TeamList, scope: rules.HouseholdScope, workers: Workers) -> None:
    """The list's count, then one page of it: the database counts and cuts, whatever the
    association's size."""
    params = filters(database, spec, workers)
    if params is None:
        return
    params |= scope.as_sql_params()
    key = f"{spec.prefix}_page"
    first_page_on_change(key, params)

    def read(limit: int, offset: int) -> pl.DataFrame:
        return cached.run(database, spec.query, **params, limit=limit, offset=offset)

    found, offset, total = paging.read_asked_page(read, key)
    period = f"du {fmt.fr_date(params['start'])} au {fmt.fr_date(params['end'])}"
    if total == 0:
        st.info(f"{spec.empty} {period} avec ces filtres.")
        return
    st.caption(f"Période {period} — cliquez sur une ligne pour ouvrir le dossier du ménage.")
    page = paging.pager(total, key, *spec.noun)
    found = paging.shown_page(read, found, offset, page)
    nav.open_household_file(tables.file_picker(found, "household_id", spec.prefix, "de cette page"))
    picked = st.dataframe(
        display_table(spec, found, one_worker=params["referent"] is not None),
        hide_index=True,
        width="stretch",
        height=tables.table_height(found.height),
        on_select="rerun",
        selection_mode="single-row",
        key=f"{spec.prefix}_table",
    )
    if picked.selection.rows:  # a click on a row opens its household's file
        del st.session_state[f"{spec.prefix}_table"]  # back here, no row is still selected
        nav.open_household_file(int(found["household_id"][picked.selection.rows[0]]))


def first_page_on_change(page_key: str, params: dict) -> None:
    """Another choice of filters shows its list from the first page (not page 7 of a list
    that may have 2)."""
    seen = f"{page_key}_filters"
    if st.session_state.get(seen, params) != params and page_key in st.session_state:
        st.session_state[page_key] = 1  # set before the page chooser is drawn: allowed
    st.session_state[seen] = params

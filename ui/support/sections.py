"""The tables of the support tabs of a household's file, in French: dates 21/11/2026,
amounts 1 234,50 €, codes as labels, a dash for what is empty."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import polars as pl
import streamlit as st

from db import catalog, clock
from db.support import lifecycle
from ui import format as fmt
from ui.plain import md_escape


def text(value) -> str:
    return "—" if value is None or value == "" else str(value)


def coded(catalogue: dict) -> Callable:
    return lambda code: catalog.label(catalogue, code)


# A column of a table: its header and how a value reads.
Column = tuple[str, Callable]


def show_table(found: pl.DataFrame | list[dict], columns: dict[str, Column], empty: str) -> None:
    """The records as a table of French text (shown as typed: a table is no Markdown),
    amounts aligned on the right."""
    records = found.to_dicts() if isinstance(found, pl.DataFrame) else found
    if not records:
        st.info(empty)
        return
    rows = [
        {header: shown(record[field]) for field, (header, shown) in columns.items()}
        for record in records
    ]
    right = st.column_config.TextColumn(alignment="right")
    st.dataframe(
        pl.DataFrame(rows, schema=[header for header, _ in columns.values()]),
        hide_index=True,
        column_config={h: right for h, shown in columns.values() if shown is fmt.fr_amount},
    )


def review_overdue(measure: dict, today: date) -> bool:
    due = measure["review_due_on"]
    return measure["end_on"] is None and due is not None and due < today


def next_review(measure: dict) -> str:
    late = " (en retard)" if measure["overdue"] else ""
    return fmt.fr_date(measure["review_due_on"]) + late


def ending(measure: dict) -> str:
    if measure["end_on"] is None:
        return "—"
    reason = catalog.label(catalog.MEASURE_END_REASON, measure["end_reason"])
    return f"{fmt.fr_date(measure['end_on'])} : {reason}"


def measures(found: pl.DataFrame) -> None:
    """The measures, with the next review due (late ones also said in red below) and the
    latest end their kind's maximum duration allows."""
    today = clock.today()
    records = [{**m, "overdue": review_overdue(m, today)} for m in found.iter_rows(named=True)]
    whole = [{**m, "review": next_review(m), "ending": ending(m)} for m in records]
    show_table(
        whole,
        {
            "kind_label": ("Type", text),
            "prescriber": ("Prescripteur", text),
            "start_on": ("Début", fmt.fr_date),
            "plan_signed_on": ("Plan signé le", fmt.fr_date),
            "planned_end_on": ("Fin prévue", fmt.fr_date),
            "latest_end_on": ("Fin au plus tard", fmt.fr_date),
            "review": ("Prochain bilan", text),
            "ending": ("Terminée le", text),
        },
        "Aucune mesure d'accompagnement enregistrée.",
    )
    for measure in records:
        if measure["overdue"]:
            st.error(overdue_notice(measure), icon=":material/event_busy:")


def overdue_notice(measure: dict) -> str:
    return (
        f"Bilan en retard : mesure {md_escape(measure['kind_label'])} commencée le "
        f"{fmt.fr_date(measure['start_on'])}, bilan attendu le "
        f"{fmt.fr_date(measure['review_due_on'])}."
    )


REVIEW_EVENT = {"bilan": "Bilan", "renouvellement": "Renouvellement"}


def reviews(found: pl.DataFrame, measure_names: dict[int, str]) -> None:
    """The reviews and renewals of the measures, newest first (their heading drawn above
    the page chooser, by household_tabs.page_of)."""
    if found.height == 0:
        return
    detailed = [{**r, "detail": review_detail(r)} for r in found.iter_rows(named=True)]
    show_table(
        detailed,
        {
            "event_on": ("Date", fmt.fr_date),
            "measure_id": ("Mesure", lambda m: measure_names.get(m, "—")),
            "event": ("Événement", coded(REVIEW_EVENT)),
            "detail": ("Conclusion ou nouvelle fin prévue", text),
            "recorded_by": ("Saisi par", text),
        },
        "",
    )


def review_detail(event: dict) -> str:
    if event["new_end_on"] is not None:
        return f"Fin prévue reportée au {fmt.fr_date(event['new_end_on'])}"
    return text(event["detail"])


def measure_name(measure: dict) -> str:
    return f"{measure['kind_label']} du {fmt.fr_date(measure['start_on'])}"


def debt_plans(found: pl.DataFrame) -> None:
    show_table(
        found,
        {
            "creditor": ("Créancier", text),
            "total_debt": ("Dette totale", fmt.fr_amount),
            "instalment": ("Mensualité", fmt.fr_amount),
            "months": ("Mensualités", str),
            "start_on": ("Première mensualité", fmt.fr_date),
            "last_instalment_on": ("Dernière mensualité", fmt.fr_date),
            "status": ("Statut", coded(catalog.DEBT_PLAN_STATUS)),
        },
        "Aucun plan d'apurement enregistré.",
    )


def mediations(found: pl.DataFrame) -> None:
    show_table(
        found,
        {
            "mediation_on": ("Date", fmt.fr_date),
            "counterpart": ("Interlocuteur", coded(catalog.MEDIATION_COUNTERPART)),
            "reason": ("Motif", coded(catalog.MEDIATION_REASON)),
            "outcome": ("Résultat", coded(catalog.MEDIATION_OUTCOME)),
        },
        "Aucune médiation enregistrée.",
    )


def fsl_applications(found: pl.DataFrame) -> None:
    show_table(
        found,
        {
            "kind": ("Type d'aide", coded(catalog.FSL_KIND)),
            "form": ("Forme", coded(catalog.FSL_FORM)),
            "amount_requested": ("Montant demandé", fmt.fr_amount),
            "submitted_on": ("Déposée le", fmt.fr_date),
            "status": ("Statut", coded(catalog.FSL_STATUS)),
            "decided_on": ("Décision le", fmt.fr_date),
            "amount_granted": ("Montant accordé", fmt.fr_amount),
            "refusal_reason": ("Motif du refus", text),
        },
        "Aucune demande FSL enregistrée.",
    )


def actions(found: pl.DataFrame) -> None:
    show_table(
        found,
        {
            "action_on": ("Date", fmt.fr_date),
            "kind_label": ("Action", text),
            "note": ("Précision", text),
            "recorded_by": ("Saisie par", text),
        },
        "Aucune autre action enregistrée.",
    )


# Eviction procedures ------------------------------------------------------------------


def procedure_stages(stages: pl.DataFrame) -> None:
    show_table(
        stages,
        {
            "stage": ("Étape", coded(catalog.EVICTION_STAGE)),
            "stage_on": ("Date", fmt.fr_date),
            "arrears": ("Dette locative", fmt.fr_amount),
        },
        "Aucune étape enregistrée.",
    )


def procedure_heading(procedure: dict) -> None:
    opened = fmt.fr_date(procedure["opened_on"])
    if procedure["closed_on"] is None:
        st.markdown(f"**Procédure en cours**, ouverte le {opened}")
    else:
        outcome = catalog.label(catalog.EVICTION_OUTCOME, procedure["outcome"])
        ending = "" if procedure["outcome"] == "expulsion" else " (sans expulsion)"
        st.markdown(
            f"**Procédure close** le {fmt.fr_date(procedure['closed_on'])} : "
            f"{outcome}{ending} — ouverte le {opened}"
        )
    st.text(f"Bailleur : {text(procedure['landlord'])}")  # typed by a user: plain text


def next_step(stages: list[tuple[str, date]], today: date) -> None:
    """What is due next and when, and the winter truce when it holds today or that day."""
    step = lifecycle.next_step(stages)
    if step is None:
        return
    stage, due = step
    when = f", échéance le {fmt.fr_date(due)}" if due else " (pas de délai fixé par la loi)"
    st.markdown(f"Prochaine étape attendue : **{catalog.EVICTION_STAGE[stage]}**{when}")
    truce_day = today if lifecycle.in_winter_truce(today) else due
    if truce_day is not None and lifecycle.in_winter_truce(truce_day):
        st.info(
            "Trêve hivernale (du 1er novembre au 31 mars) : aucune expulsion ne peut avoir "
            f"lieu avant le {fmt.fr_date(lifecycle.truce_end(truce_day))}.",
            icon=":material/ac_unit:",
        )

"""Forms of the « Plans d'apurement », « Médiations » and « Autres actions » tabs: add a
record; change a debt plan's status; correct a mediation at the version shown."""

from __future__ import annotations

import polars as pl

from db import catalog, clock
from db.support import writes
from db.support.models import FIELD_LABELS, ActionIn, DebtPlanIn, MediationIn
from ui import format as fmt
from ui.record_form import Field, add_form, change_form, draw_fields, given, record_picker

DEBT_PLAN_LABELS = {**FIELD_LABELS, "start_on": "Première mensualité"}
MEDIATION_LABELS = {**FIELD_LABELS, "outcome": "Résultat", "mediation_on": "Date de la médiation"}
ACTION_LABELS = {**FIELD_LABELS, "kind": "Action"}

# Across three columns: creditor and months, debt and first instalment's day, instalment.
DEBT_PLAN = (
    Field("creditor", "Créancier"),
    Field("total_debt", "Dette totale (€)", "amount", key="debt"),
    Field("instalment", "Mensualité (€)", "amount", key="inst"),
    Field("months", "Nombre de mensualités"),
    Field("start_on", "Première mensualité", "date", key="on"),
)
DEBT_PLAN_STATUS = (Field("status", "Statut", "choice", catalog.DEBT_PLAN_STATUS),)
MEDIATION = (
    Field("counterpart", "Interlocuteur", "choice", catalog.MEDIATION_COUNTERPART),
    Field("reason", "Motif", "choice", catalog.MEDIATION_REASON),
    Field("mediation_on", "Date de la médiation", "date", key="on"),
    Field("outcome", "Résultat", "choice", catalog.MEDIATION_OUTCOME),
)
NEW_MEDIATION = {"outcome": "en_cours"}

# Debt plans -----------------------------------------------------------------------------


def add_debt_plan_form(database, actor, household_id: int) -> None:
    add_form(
        f"add_debt_plan_{household_id}",
        labels=DEBT_PLAN_LABELS,
        draw=lambda errors, key: draw_fields(
            DEBT_PLAN, errors, {"start_on": clock.today()}, key, columns=3
        ),
        button="Ajouter le plan",
        save=lambda typed: writes.add_debt_plan(
            database, actor, household_id, DebtPlanIn.model_validate(given(typed))
        ),
        message="Plan d'apurement enregistré",
    )


def plan_name(plan: dict) -> str:
    debt, start = fmt.fr_amount(plan["total_debt"]), fmt.fr_date(plan["start_on"])
    return f"{plan['creditor']} — {debt} dès le {start}"


def debt_plan_status_form(database, actor, household_id: int, plans: pl.DataFrame) -> None:
    """A plan's status changes (respected, broken, paid off); its terms stay as saved."""
    names = {p["id"]: plan_name(p) for p in plans.iter_rows(named=True)}
    chosen = record_picker("Plan d'apurement", names, f"fix_plan_{household_id}", "Choisir un plan")
    if chosen is None:
        return
    plan = plans.filter(pl.col("id") == chosen).row(0, named=True)
    terms = {field: plan[field] for field in DebtPlanIn.model_fields}
    change_form(
        f"fix_plan_{household_id}_{chosen}",
        "debt_plan",
        plan,
        labels=DEBT_PLAN_LABELS,
        draw=lambda errors, key: draw_fields(DEBT_PLAN_STATUS, errors, plan, key, columns=1),
        button="Enregistrer le statut",
        save=lambda version, typed: writes.update_debt_plan(
            database, actor, household_id, chosen, version, DebtPlanIn.model_validate(terms | typed)
        ),
        message="Statut du plan enregistré",
    )


# Mediations -----------------------------------------------------------------------------


def add_mediation_form(database, actor, household_id: int) -> None:
    add_form(
        f"add_mediation_{household_id}",
        labels=MEDIATION_LABELS,
        draw=lambda errors, key: draw_fields(
            MEDIATION, errors, NEW_MEDIATION | {"mediation_on": clock.today()}, key
        ),
        button="Ajouter la médiation",
        save=lambda typed: writes.add_mediation(
            database, actor, household_id, MediationIn.model_validate(given(typed))
        ),
        message="Médiation enregistrée",
    )


def mediation_name(mediation: dict) -> str:
    counterpart = catalog.label(catalog.MEDIATION_COUNTERPART, mediation["counterpart"])
    return f"{fmt.fr_date(mediation['mediation_on'])} — {counterpart}"


def update_mediation_form(database, actor, household_id: int, found: pl.DataFrame) -> None:
    names = {m["id"]: mediation_name(m) for m in found.iter_rows(named=True)}
    chosen = record_picker(
        "Médiation à corriger", names, f"fix_mediation_{household_id}", "Choisir une médiation"
    )
    if chosen is None:
        return
    mediation = found.filter(pl.col("id") == chosen).row(0, named=True)
    change_form(
        f"fix_mediation_{household_id}_{chosen}",
        "mediation",
        mediation,
        labels=MEDIATION_LABELS,
        draw=lambda errors, key: draw_fields(MEDIATION, errors, mediation, key),
        button="Enregistrer la médiation",
        save=lambda version, typed: writes.update_mediation(
            database, actor, household_id, chosen, version, MediationIn.model_validate(given(typed))
        ),
        message="Médiation corrigée",
    )


# Other actions --------------------------------------------------------------------------

ACTION_NOTE = (Field("note", "Précision (facultative)", "area"),)


def add_action_form(database, actor, household_id: int, kinds: pl.DataFrame) -> None:
    """Kinds offered: the list's active entries (an admin extends it)."""
    choices = {k["code"]: k["label"] for k in kinds.iter_rows(named=True) if k["active"]}
    kind_and_day = (
        Field("kind", "Action", "choice", choices),
        Field("action_on", "Date", "date", key="on"),
    )

    def draw(errors: dict, key: str) -> dict:
        typed = draw_fields(kind_and_day, errors, {"action_on": clock.today()}, key, [2, 1])
        return typed | draw_fields(ACTION_NOTE, errors, {}, key, columns=1)

    add_form(
        f"add_action_{household_id}",
        labels=ACTION_LABELS,
        draw=draw,
        button="Ajouter l'action",
        save=lambda typed: writes.add_action(
            database, actor, household_id, ActionIn.model_validate(given(typed))
        ),
        message="Action enregistrée",
    )

"""Forms of the « Plans d'apurement », « Médiations » and « Autres actions » tabs: add a
record; change a debt plan's status; correct a mediation at the version shown."""

from __future__ import annotations

import polars as pl

from db import catalog, clock
from db.support import writes
from db.support.models import FIELD_LABELS, ActionIn, DebtPlanIn, MediationIn
from ui import format as fmt
from ui import record_form as kit
from ui.record_form import Field, Wording

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
ACTION_NOTE = (Field("note", "Précision (facultative)", "area"),)

NEW_PLAN = Wording("Ajouter le plan", "Plan d'apurement enregistré", DEBT_PLAN_LABELS)
PLAN_STATUS = Wording("Enregistrer le statut", "Statut du plan enregistré", DEBT_PLAN_LABELS)
NEW_MEDIATION = Wording("Ajouter la médiation", "Médiation enregistrée", MEDIATION_LABELS)
FIX_MEDIATION = Wording("Enregistrer la médiation", "Médiation corrigée", MEDIATION_LABELS)
NEW_ACTION = Wording("Ajouter l'action", "Action enregistrée", ACTION_LABELS)

# Debt plans -----------------------------------------------------------------------------


def add_debt_plan_form(database, actor, household_id: int) -> None:
    new = {"start_on": clock.today()}
    kit.add_form(
        f"add_debt_plan_{household_id}",
        NEW_PLAN,
        lambda errors, key: kit.draw_fields(DEBT_PLAN, errors, new, key, columns=3),
        kit.adding(writes.add_debt_plan, DebtPlanIn, database, actor, household_id),
    )


def plan_name(plan: dict) -> str:
    debt, start = fmt.fr_amount(plan["total_debt"]), fmt.fr_date(plan["start_on"])
    return f"{plan['creditor']} — {debt} dès le {start}"


def debt_plan_status_form(database, actor, household_id: int, plans: pl.DataFrame) -> None:
    """A plan's status changes (respected, broken, paid off); its terms stay as saved."""
    plan = kit.picked_record(
        "Plan d'apurement", plans, plan_name, f"fix_plan_{household_id}", "Choisir un plan"
    )
    if plan is None:
        return
    terms = {field: plan[field] for field in DebtPlanIn.model_fields}
    kit.change_form(
        f"fix_plan_{household_id}_{plan['id']}",
        "debt_plan",
        plan,
        PLAN_STATUS,
        lambda errors, key: kit.draw_fields(DEBT_PLAN_STATUS, errors, plan, key, columns=1),
        lambda version, typed: writes.update_debt_plan(
            database,
            actor,
            household_id,
            plan["id"],
            version,
            DebtPlanIn.model_validate(terms | typed),
        ),
    )


# Mediations -----------------------------------------------------------------------------


def add_mediation_form(database, actor, household_id: int) -> None:
    new = {"outcome": "en_cours", "mediation_on": clock.today()}
    kit.add_form(
        f"add_mediation_{household_id}",
        NEW_MEDIATION,
        lambda errors, key: kit.draw_fields(MEDIATION, errors, new, key),
        kit.adding(writes.add_mediation, MediationIn, database, actor, household_id),
    )


def mediation_name(mediation: dict) -> str:
    counterpart = catalog.label(catalog.MEDIATION_COUNTERPART, mediation["counterpart"])
    return f"{fmt.fr_date(mediation['mediation_on'])} — {counterpart}"


def update_mediation_form(database, actor, household_id: int, found: pl.DataFrame) -> None:
    mediation = kit.picked_record(
        "Médiation à corriger",
        found,
        mediation_name,
        f"fix_mediation_{household_id}",
        "Choisir une médiation",
    )
    if mediation is None:
        return
    kit.change_form(
        f"fix_mediation_{household_id}_{mediation['id']}",
        "mediation",
        mediation,
        FIX_MEDIATION,
        lambda errors, key: kit.draw_fields(MEDIATION, errors, mediation, key),
        kit.changing(
            writes.update_mediation, MediationIn, database, actor, household_id, mediation["id"]
        ),
    )


# Other actions --------------------------------------------------------------------------


def add_action_form(database, actor, household_id: int, kinds: pl.DataFrame) -> None:
    """Kinds offered: the list's active entries (an admin extends it)."""
    choices = {k["code"]: k["label"] for k in kinds.iter_rows(named=True) if k["active"]}
    kind_and_day = (
        Field("kind", "Action", "choice", choices),
        Field("action_on", "Date", "date", key="on"),
    )

    def draw(errors: dict, key: str) -> dict:
        typed = kit.draw_fields(kind_and_day, errors, {"action_on": clock.today()}, key, [2, 1])
        return typed | kit.draw_fields(ACTION_NOTE, errors, {}, key, columns=1)

    kit.add_form(
        f"add_action_{household_id}",
        NEW_ACTION,
        draw,
        kit.adding(writes.add_action, ActionIn, database, actor, household_id),
    )

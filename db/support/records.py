"""The kinds of support record (db/records.py writes them) and the two flows every support
form uses: add a record to a household, save one at the version its form showed, each
inside household_mutation (the household's edit rule, the audit rows, one transaction).
"""

from __future__ import annotations

from db import records
from db.households.writes import household_mutation
from db.mutation import Outcome
from db.records import RecordKind
from db.rules import Actor, can_edit_household
from db.support.models import ActionIn, DebtPlanIn, FslIn, MeasureIn, MediationIn


def kind(table: str, columns, query: str = "", what: str = "", append_only=False) -> RecordKind:
    """A support record: it belongs to a household, and is looked for in that one only."""
    missing = f"{what} n'existe pas dans ce dossier."
    columns = frozenset(columns) | {"household_id"}
    return RecordKind(table, columns, query, what, missing, append_only)


MEASURE = kind(
    "support_measure",
    set(MeasureIn.model_fields) | {"end_on", "end_reason"},
    "support/measure",
    "Cette mesure",
)
PROCEDURE = kind(
    "eviction_procedure",
    {"landlord", "closed_on", "outcome"},
    "support/procedure",
    "Cette procédure",
)
DEBT_PLAN = kind("debt_plan", DebtPlanIn.model_fields, "support/debt_plan", "Ce plan d'apurement")
MEDIATION = kind("mediation", MediationIn.model_fields, "support/mediation", "Cette médiation")
FSL = kind("fsl_application", FslIn.model_fields, "support/fsl_application", "Cette demande FSL")
ACTION = kind("support_action", ActionIn.model_fields, "support/action", "Cette action")
# Rows added once and never edited: no version, no updated_at.
REVIEW = kind("measure_review", {"measure_id", "review_on", "outcome"}, append_only=True)
RENEWAL = kind(
    "measure_renewal",
    {"measure_id", "renewed_on", "previous_end_on", "new_end_on"},
    append_only=True,
)
STAGE = kind("eviction_stage", {"procedure_id", "stage", "stage_on", "arrears"}, append_only=True)


def created(cur, actor: Actor, kind: RecordKind, household_id: int, values: dict):
    """The household's new row of `kind` and its Changed."""
    return records.create(cur, actor, kind, {"household_id": household_id, **values})


def load_record(cur, kind: RecordKind, household_id: int, record_id: int) -> dict:
    return records.load(cur, kind, household_id=household_id, record_id=record_id)


def add_record(database, actor: Actor, household_id: int, kind: RecordKind, values, check=None):
    """A new record of the household; `check(cur)` refuses it from the database's state."""

    def change(cur, _household) -> Outcome:
        if check is not None:
            check(cur)
        row, done = created(cur, actor, kind, household_id, values)
        return Outcome([done], value=row)

    return household_mutation(database, actor, household_id, "create", can_edit_household, change)


def save_record(database, actor, household_id, kind, record_id, version, changes, check=None):
    """Changes to a record at the version the form showed; `check(cur, current)` may refuse."""

    def change(cur, _household) -> Outcome:
        current = records.load_current(
            cur, kind, version, household_id=household_id, record_id=record_id
        )
        if check is not None:
            check(cur, current)
        after, done = records.edit(cur, actor, kind, current, changes)
        return Outcome([done] if done else [], value=after)

    return household_mutation(database, actor, household_id, "update", can_edit_household, change)

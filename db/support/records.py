"""The generic part of support writes: insert a record, change it at the version its form
showed, load it, each inside household_mutation (the household's edit rule, the audit rows).

Tables and columns come from the allow-lists below, never from input.
"""

from __future__ import annotations

from db.households.locking import check_version
from db.households.writes import household_mutation
from db.identifiers import allowed
from db.mutation import Changed, Outcome, required_row
from db.records import insert_record, update_record
from db.rules import Actor, can_edit_household
from db.support.models import ActionIn, DebtPlanIn, FslIn, MeasureIn, MediationIn

# The columns each table's writes may set: identifiers never come from input.
WRITABLE = {
    "support_measure": frozenset(MeasureIn.model_fields) | {"end_on", "end_reason"},
    "measure_review": frozenset({"measure_id", "review_on", "outcome"}),
    "measure_renewal": frozenset({"measure_id", "renewed_on", "previous_end_on", "new_end_on"}),
    "eviction_procedure": frozenset({"landlord", "closed_on", "outcome"}),
    "eviction_stage": frozenset({"procedure_id", "stage", "stage_on", "arrears"}),
    "debt_plan": frozenset(DebtPlanIn.model_fields),
    "mediation": frozenset(MediationIn.model_fields),
    "fsl_application": frozenset(FslIn.model_fields),
    "support_action": frozenset(ActionIn.model_fields),
}
# Rows added once and never edited: no version, no updated_at.
APPEND_ONLY = frozenset({"measure_review", "measure_renewal", "eviction_stage"})
RECORD_QUERY = {
    "support_measure": ("support/measure", "Cette mesure"),
    "eviction_procedure": ("support/procedure", "Cette procédure"),
    "debt_plan": ("support/debt_plan", "Ce plan d'apurement"),
    "mediation": ("support/mediation", "Cette médiation"),
    "fsl_application": ("support/fsl_application", "Cette demande FSL"),
    "support_action": ("support/action", "Cette action"),
}


def insert_row(cur, actor: Actor, table: str, household_id: int, values: dict) -> dict:
    """Insert one row of `table` for the household; returns it with its id."""
    allowed(table, WRITABLE, "table")
    columns = WRITABLE[table] | {"household_id"}
    row = {"household_id": household_id, **values}
    return insert_record(cur, actor, table, row, columns, table in APPEND_ONLY)


def update_row(cur, actor: Actor, table: str, current: dict, changes: dict) -> dict:
    """Set `changes` on the record at the version `current` holds; the version moves."""
    allowed(table, RECORD_QUERY, "table")
    return update_record(cur, actor, table, current, changes, WRITABLE[table])


def load_record(cur, table: str, household_id: int, record_id: int) -> dict:
    name, what = RECORD_QUERY[table]
    refusal = f"{what} n'existe pas dans ce dossier."
    return required_row(cur, name, refusal, household_id=household_id, record_id=record_id)


def add_record(database, actor: Actor, household_id: int, table: str, values: dict, check=None):
    """A new record of the household; `check(cur)` refuses it from the database's state."""

    def change(cur, _household) -> Outcome:
        if check is not None:
            check(cur)
        row = insert_row(cur, actor, table, household_id, values)
        return Outcome([Changed(table, row["id"], None, row, "create")], value=row)

    return household_mutation(database, actor, household_id, "create", can_edit_household, change)


def save_record(database, actor, household_id, table, record_id, version, changes, check=None):
    """Changes to a record at the version the form showed; `check(cur, current)` may refuse."""
    what = RECORD_QUERY[table][1]

    def change(cur, _household) -> Outcome:
        current = load_record(cur, table, household_id, record_id)
        check_version(current, version, what)
        if check is not None:
            check(cur, current)
        moved = {k: v for k, v in changes.items() if current.get(k) != v}
        if not moved:
            return Outcome([], value=current)
        after = update_row(cur, actor, table, current, moved)
        return Outcome([Changed(table, record_id, current, after, "update")], value=after)

    return household_mutation(database, actor, household_id, "update", can_edit_household, change)

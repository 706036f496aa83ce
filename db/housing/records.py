"""The generic part of housing writes: insert a record, change it at the version its form
showed, load it; each write runs in housing_mutation (the housing edit rule, the audit
rows, one transaction). Housing records belong to no household: a household's lease alone
names one, so that its audit rows show in that household's history.

Tables and columns come from the allow-lists below, never from input.
"""

from __future__ import annotations

from db.households.locking import check_version
from db.housing.models import DwellingIn, LeadIn, LeaseIn, OwnerIn
from db.identifiers import allowed
from db.mutation import Changed, Outcome, nothing, required_row, run_mutation
from db.records import insert_record, update_record
from db.rules import Actor, can_edit_housing

# The columns each table's writes may set: identifiers never come from input.
WRITABLE = {
    "owner": frozenset(OwnerIn.model_fields),
    "dwelling": frozenset(DwellingIn.model_fields),
    "lease": frozenset(LeaseIn.model_fields) | {"dwelling_id", "end_on", "end_reason", "slid_on"},
    "capture_lead": frozenset(LeadIn.model_fields)
    | {"stage", "stage_on", "abandoned_on", "abandoned_reason", "dwelling_id"},
    "capture_stage_event": frozenset({"lead_id", "stage", "moved_on", "moved_by", "reason"}),
}
# Rows added once and never edited: no version, no updated_at.
APPEND_ONLY = frozenset({"capture_stage_event"})
RECORD_QUERY = {
    "owner": ("housing/owner", "Ce propriétaire"),
    "dwelling": ("housing/dwelling", "Ce logement"),
    "lease": ("housing/lease", "Ce bail"),
    "capture_lead": ("housing/lead", "Cette piste de captation"),
}


def insert_row(cur, actor: Actor, table: str, values: dict) -> dict:
    """Insert one row of `table`; returns it with its id (and version 1 when it has one)."""
    allowed(table, WRITABLE, "table")
    return insert_record(cur, actor, table, values, WRITABLE[table], table in APPEND_ONLY)


def update_row(cur, actor: Actor, table: str, current: dict, changes: dict) -> dict:
    """Set `changes` on the record at the version `current` holds; the version moves."""
    allowed(table, RECORD_QUERY, "table")
    return update_record(cur, actor, table, current, changes, WRITABLE[table])


def load_record(cur, table: str, record_id: int) -> dict:
    name, what = RECORD_QUERY[table]
    return required_row(cur, name, f"{what} n'existe pas.", record_id=record_id)


def load_current(cur, table: str, record_id: int, version: int) -> dict:
    """The record at the version the form showed; a newer one is refused with its author."""
    current = load_record(cur, table, record_id)
    check_version(current, version, RECORD_QUERY[table][1])
    return current


def housing_mutation(database, actor: Actor, action: str, change) -> Outcome:
    """run_mutation under the housing edit rule; `change(cur)` returns the Outcome."""
    return run_mutation(
        database, actor, action, can_edit_housing, nothing, lambda cur, _n: change(cur)
    )


def created(cur, actor: Actor, table: str, values: dict) -> tuple[dict, Changed]:
    row = insert_row(cur, actor, table, values)
    return row, Changed(table, row["id"], None, row, "create")


def updated(cur, actor: Actor, table: str, current: dict, changes: dict, action="update"):
    """The record after `changes` (only those that move) and its Changed, or None."""
    moved = {k: v for k, v in changes.items() if current.get(k) != v}
    if not moved:
        return current, None
    after = update_row(cur, actor, table, current, moved)
    return after, Changed(table, current["id"], current, after, action)

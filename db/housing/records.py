"""The kinds of housing record (db/records.py writes them) and housing_mutation, in which
each housing write runs (the housing edit rule, the audit rows, one transaction). Housing
records belong to no household: a household's lease alone names one, so that its audit
rows show in that household's history.
"""

from __future__ import annotations

from db.errors import ValidationFailed
from db.french import fr_date
from db.housing.models import DwellingIn, LeadIn, LeaseIn, OwnerIn
from db.mutation import Outcome, nothing, run_mutation
from db.records import RecordKind, load_current
from db.rules import Actor, can_edit_housing

OWNER = RecordKind("owner", frozenset(OwnerIn.model_fields), "housing/owner", "Ce propriétaire")
DWELLING = RecordKind(
    "dwelling", frozenset(DwellingIn.model_fields), "housing/dwelling", "Ce logement"
)
LEASE = RecordKind(
    "lease",
    frozenset(LeaseIn.model_fields) | {"dwelling_id", "end_on", "end_reason", "slid_on"},
    "housing/lease",
    "Ce bail",
)
LEAD = RecordKind(
    "capture_lead",
    frozenset(LeadIn.model_fields)
    | {"stage", "stage_on", "abandoned_on", "abandoned_reason", "dwelling_id"},
    "housing/lead",
    "Cette piste de captation",
)
# Added once and never edited: no version, no updated_at.
STAGE_EVENT = RecordKind(
    "capture_stage_event",
    frozenset({"lead_id", "stage", "moved_on", "moved_by", "reason"}),
    append_only=True,
)


def housing_mutation(database, actor: Actor, action: str, change) -> Outcome:
    """run_mutation under the housing edit rule; `change(cur)` returns the Outcome."""
    return run_mutation(
        database, actor, action, can_edit_housing, nothing, lambda cur, _n: change(cur)
    )


def still_open(cur, kind: RecordKind, record_id: int, version: int, ended: str, refusal: str):
    """The record at the version the form showed, refused once its `ended` date is set
    (`refusal` names that day as {day})."""
    current = load_current(cur, kind, version, record_id=record_id)
    if current[ended] is not None:
        raise ValidationFailed(refusal.format(day=fr_date(current[ended])))
    return current

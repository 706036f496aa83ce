"""The kinds of household record (db/records.py writes them): the file, its members, their
resources, contacts, and the dated history of its status and housing situation.

Their audit rows never carried the bookkeeping stamps (audit_stamps=False): a file's
history shows what the person typed, as it always did.
"""

from __future__ import annotations

from db.households.models import ContactIn, HouseholdEdit, MemberIn
from db.records import RecordKind

UPDATED_STAMPS = ("updated_at", "updated_by")

HOUSEHOLD = RecordKind(
    "household",
    frozenset(HouseholdEdit.model_fields) | {"head_name", "status", "closed_on", "close_reason"},
    "households/header",
    "Ce dossier",
    audit_stamps=False,
    fixed=frozenset({"file_number", "anonymous", "opened_on"}),
)
PERSON = RecordKind(
    "person",
    frozenset(MemberIn.model_fields) | {"left_on"},
    "households/person",
    "Ce membre",
    "Ce membre n'appartient pas à ce ménage.",
    stamps=UPDATED_STAMPS,
    audit_stamps=False,
    fixed=frozenset({"household_id", "joined_on"}),
)
RESOURCE = RecordKind(
    "resource",
    frozenset({"valid_until"}),
    "households/resource",
    "Cette ressource",
    "Cette ressource n'existe pas dans ce ménage.",
    stamps=UPDATED_STAMPS,
    audit_stamps=False,
    fixed=frozenset({"household_id", "person_id", "kind", "monthly_amount", "valid_from"}),
)
# A contact is recorded, not edited; its author is the person who typed it.
CONTACT = RecordKind(
    "contact",
    frozenset(ContactIn.model_fields),
    stamps=("created_at", *UPDATED_STAMPS),
    audit_stamps=False,
    fixed=frozenset({"household_id", "author"}),
)
# Dated history, never overwritten (recorded_at/recorded_by, no version).
STATUS_EVENT = RecordKind(
    "household_status_event",
    frozenset({"household_id", "event", "occurred_on", "close_reason"}),
    append_only=True,
    stamps=("recorded_at", "recorded_by"),
)
SITUATION_EVENT = RecordKind(
    "housing_situation_event",
    frozenset({"household_id", "situation", "from_on"}),
    append_only=True,
    stamps=("recorded_at", "recorded_by"),
)

"""The access export written for the person it concerns: which columns a section shows and
under which French label, the catalogue's word of each code, people by their name and a
lease's dwelling by its address. Bookkeeping columns (ids, versions, search keys, who
saved a row when) are left out: the history section says who changed what and when.

Every column of every section is either labelled here or left out as technical
(tests/test_privacy_access.py fails when a new column is neither).
"""

from __future__ import annotations

from db import catalog
from db.logs.describe import ACCESS_ACTION, LOG_ACTION, LOG_ENTITY

TECHNICAL = frozenset(
    {"id", "household_id", "version", "search_key", "name_key", "anonymous"}
    | {"created_at", "created_by", "updated_at", "updated_by", "recorded_at", "recorded_by"}
    | {"last_contact_on", "entity_id"}  # obsolete, always empty; an internal id
    | {"person_id", "measure_id", "procedure_id", "dwelling_id"}  # read as a name below
)
# Labels beyond the catalogue's (catalog.COLUMN), and the same column read per table.
LABEL = {
    **catalog.COLUMN,
    "author": "Auteur·e",
    "joined_on": "Arrivée dans le ménage",
    "left_on": "Départ du ménage",
    "rent": "Loyer mensuel",
    "planned_slide_on": "Glissement prévu",
    "slid_on": "Glissement réalisé",
    "event": "Événement",
    "occurred_on": "Date",
    "situation": "Situation de logement",
    "from_on": "Depuis le",
    "to_on": "Jusqu'au",
    "occurred_at": "Date et heure",
    "username": "Par",
    "action": "Action",
    "entity": "Objet",
    "diff": "Détail",
    "detail": "Précision",
    "member": "Membre concerné",
    "dwelling": "Logement",
    "measure": "Mesure",
    "procedure": "Procédure",
    "number": "Numéro",
}
TABLE_LABEL = {
    "household_follow_span": {"from_on": "Début du suivi", "to_on": "Fin du suivi"},
    "eviction_procedure": {"closed_on": "Clôture", "outcome": "Issue"},
    "lease": {"end_on": "Fin", "end_reason": "Motif de fin"},
    "household_rehousing": {"rehoused_on": "Relogé le"},
    "anonymisation_hold": {"reason": "Motif", "held_at": "Décidé le", "held_by": "Décidé par"},
}
EXTRA_CODED = {
    "household_status_event": {"event": catalog.STATUS_EVENT},
    "housing_situation_event": {"situation": catalog.HOUSING_SITUATION},
    "audit_log": {"action": LOG_ACTION, "entity": LOG_ENTITY},
    "access_log": {"action": ACCESS_ACTION},
}
# Columns holding a username: the export names the person instead.
PEOPLE = frozenset({"referent", "author", "username", "held_by"})
AMOUNTS = frozenset(
    {"monthly_amount", "arrears", "total_debt", "instalment", "amount_requested", "amount_granted"}
    | {"rent"}
)


def label(table: str, column: str) -> str:
    return TABLE_LABEL.get(table, {}).get(column) or LABEL.get(column, column)


def coded(table: str, kinds: dict[str, dict]) -> dict[str, dict]:
    """The catalogue of each coded column of one section; measure and action kinds are
    data (support_catalog), given in `kinds`."""
    if table in {"audit_log", "access_log"}:
        return EXTRA_CODED[table]
    found = {**catalog.coded_columns(table), **EXTRA_CODED.get(table, {})}
    if table in kinds:
        found["kind"] = kinds[table]
    return found


def shown_columns(table: str, row: dict) -> list[str]:
    return [column for column in row if column not in TECHNICAL]


def for_the_person(table: str, row: dict, refs: dict) -> dict:
    """One row without its technical columns, people named, references read as text;
    machine keys and values otherwise (codes, ISO dates, numbers)."""
    out = {}
    if table == "eviction_procedure":
        out["number"] = refs["procedure"].get(row["id"])
    for column in shown_columns(table, row):
        value = row[column]
        out[column] = refs["names"].get(value, value) if column in PEOPLE else value
    if "person_id" in row:
        out["member"] = refs["members"].get(row["person_id"])
    if "measure_id" in row:
        out["measure"] = refs["measure"].get(row["measure_id"])
    if "procedure_id" in row:
        out["procedure"] = refs["procedure"].get(row["procedure_id"])
    if table == "lease":
        out["dwelling"] = refs["dwelling"].get(row["id"])
    return out

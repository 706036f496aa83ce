"""What anonymisation removes, table by table, and the scrubbing of the audit log's diffs.

Every table holding a household_id is listed in TABLES (tests/test_privacy_anonymise.py
fails when a new one is not): its free-text columns about the household get a neutral
value; codes, amounts and dates (what the figures count) are kept. Table and column names
reach the SQL text only from these constants.
"""

from __future__ import annotations

import json

import queries
from db import clock
from db.identifiers import allowed

REMOVED = "(anonymisé)"
ANONYMOUS = "Anonyme"

# table -> {column: SQL expression of its new value}. NOT NULL columns get REMOVED.
SCRUB: dict[str, dict[str, str]] = {
    "household": {
        "head_name": f"'{ANONYMOUS.upper()}'",
        "address": "NULL",
        "phone": "NULL",
        "email": "NULL",
    },
    "person": {
        "last_name": f"'{ANONYMOUS}'",
        "first_name": "'Personne ' || CAST(id AS VARCHAR)",
        "birth_date": "make_date(year(birth_date), 1, 1)",
    },
    "contact": {"summary": f"'{REMOVED}'", "private_note": "NULL"},
    "support_action": {"note": "NULL"},
    "measure_review": {"outcome": f"'{REMOVED}'"},
    "debt_plan": {"creditor": f"'{REMOVED}'"},
    "eviction_procedure": {"landlord": "NULL"},
    "fsl_application": {"refusal_reason": "NULL"},
    # Typed freely: it may name a person (the household's or a partner's worker).
    "support_measure": {"prescriber": "NULL"},
    # Never met once released (a held file is not anonymised): scrubbed all the same.
    "anonymisation_hold": {"reason": f"'{REMOVED}'"},
}
# Tables holding a household_id whose columns are codes, dates and amounts only.
KEPT_AS_IS = frozenset(
    {
        "resource",
        "measure_renewal",
        "eviction_stage",
        "mediation",
        "lease",  # detached from the household below (detach_leases)
        "household_rehousing",  # written by detach_leases: days only, no dwelling
        "household_status_event",
        "housing_situation_event",
        "household_follow_span",
        "audit_log",  # scrubbed below, by its diffs
    }
)
# Derived keys recomputed from the scrubbed names (db/households/search.py).
DERIVED = {"household": ("search_key",), "person": ("name_key",)}

# Fields of an audit diff that carry personal data, by entity (the table's name).
# A lease's diffs name its household: the link between the household and an address.
AUDIT_FIELDS: dict[str, frozenset[str]] = {
    table: frozenset(columns) | frozenset(DERIVED.get(table, ()))
    for table, columns in SCRUB.items()
} | {"lease": frozenset({"household_id"})}


def key_column(table: str) -> str:
    return "id" if table == "household" else "household_id"


def scrub_value(field: str, value):
    """The audit diff's value once scrubbed: a birth date keeps its year."""
    if value is None:
        return None
    if field == "birth_date" and isinstance(value, str) and len(value) >= 4:
        return value[:4] + "-01-01"
    return REMOVED


def scrub_diff(entity: str, diff: dict) -> tuple[dict, int]:
    """The diff without its personal values, and how many values went."""
    fields = AUDIT_FIELDS.get(entity, frozenset())
    removed = 0
    scrubbed = {}
    for field, pair in diff.items():
        if field in fields and isinstance(pair, list):
            new = [scrub_value(field, value) for value in pair]
            removed += sum(1 for old, now in zip(pair, new, strict=True) if old != now)
            scrubbed[field] = new
        else:
            scrubbed[field] = pair
    return scrubbed, removed


def scrub_audit(cur, ids: list[int], write: bool) -> int:
    """Scrub the audit rows of these households (and of their persons, resources and
    contacts); returns the number of values removed. `write` False: count only."""
    removed = 0
    for row in queries.fetch_rows(cur, "privacy/audit_rows", ids=ids):
        row_id, entity, diff = row["id"], row["entity"], row["diff"]
        parsed = json.loads(diff) if isinstance(diff, str) else (diff or {})
        if not isinstance(parsed, dict):
            continue
        scrubbed, count = scrub_diff(entity, parsed)
        if count and write:
            cur.execute(
                "UPDATE audit_log SET diff = $diff WHERE id = $id",
                {"diff": json.dumps(scrubbed), "id": row_id},
            )
        removed += count
    return removed


def count_values(cur, ids: list[int]) -> dict[str, int]:
    """Per table, how many values anonymising these households would remove."""
    counts = {}
    for table, columns in SCRUB.items():
        key = key_column(allowed(table, SCRUB, "table"))
        parts = [
            f"count(*) FILTER (WHERE {column} IS DISTINCT FROM ({expression}))"
            for column, expression in columns.items()
        ]
        sql = "SELECT " + " + ".join(parts) + " FROM " + table
        sql += " WHERE " + key + " IN (SELECT unnest($ids))"
        counts[table] = cur.execute(sql, {"ids": ids}).fetchone()[0] or 0
    counts["audit_log"] = scrub_audit(cur, ids, write=False)
    return counts


def scrub_tables(cur, ids: list[int]) -> None:
    """Give every personal column of these households its neutral value."""
    for table, columns in SCRUB.items():
        key = key_column(allowed(table, SCRUB, "table"))
        assignments = ", ".join(column + " = " + value for column, value in columns.items())
        sql = "UPDATE " + table + " SET " + assignments
        cur.execute(sql + " WHERE " + key + " IN (SELECT unnest($ids))", {"ids": ids})


def refresh_keys(cur, ids: list[int]) -> None:
    """Search and duplicate keys computed again from the scrubbed names."""
    cur.execute(
        "UPDATE person SET name_key = fold(trim(last_name) || ' ' || trim(first_name))"
        " WHERE household_id IN (SELECT unnest($ids))",
        {"ids": ids},
    )
    cur.execute(
        "UPDATE household SET search_key = fold(file_number || ' ' || $name)"
        " WHERE id IN (SELECT unnest($ids))",
        {"ids": ids, "name": ANONYMOUS},
    )


HOUSEHOLD_LEASE = "('sous_location', 'bail_glissant', 'bail_direct')"
# The household's rehousings as kpi/rehoused counts them (a household lease that does not
# continue another of its leases running the day before): the day only, kept exact as
# every figure counts it (a period may start on any day), without kind, end nor dwelling.
REHOUSINGS = f"""
INSERT INTO household_rehousing (household_id, rehoused_on)
SELECT l.household_id, l.start_on
FROM lease l
WHERE l.household_id IN (SELECT unnest($ids)) AND l.kind IN {HOUSEHOLD_LEASE}
  AND NOT EXISTS (
      SELECT 1 FROM lease p
      WHERE p.household_id = l.household_id AND p.id <> l.id AND p.kind IN {HOUSEHOLD_LEASE}
        AND p.start_on < l.start_on
        AND (p.end_on IS NULL OR date_diff('day', p.end_on, l.start_on) <= 1))
"""


def detach_leases(cur, ids: list[int], actor: str) -> None:
    """The leases stay the dwellings' (kind, dates, rent: occupancy unchanged) without
    their household, which keeps only the days it was rehoused; the audit rows about
    those leases no longer point at the household (their diffs are scrubbed before)."""
    cur.execute(REHOUSINGS, {"ids": ids})
    cur.execute(
        "UPDATE lease SET household_id = NULL, version = version + 1, updated_by = $actor,"
        " updated_at = $at WHERE household_id IN (SELECT unnest($ids))",
        {"ids": ids, "actor": actor, "at": clock.now()},
    )
    cur.execute(
        "UPDATE audit_log SET household_id = NULL"
        " WHERE entity = 'lease' AND household_id IN (SELECT unnest($ids))",
        {"ids": ids},
    )

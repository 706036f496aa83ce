"""What anonymisation removes, table by table, and the scrubbing of the audit log's diffs.

Every table holding a household_id is listed in TABLES (tests/test_privacy_anonymise.py
fails when a new one is not): its free-text columns about the household get a neutral
value; codes, amounts and dates (what the figures count) are kept. Table and column names
reach the SQL text only from these constants.
"""

from __future__ import annotations

import json

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
}
# Tables holding a household_id whose columns are codes, dates and amounts only.
KEPT_AS_IS = frozenset(
    {
        "resource",
        "support_measure",
        "measure_renewal",
        "eviction_stage",
        "mediation",
        "lease",
        "household_status_event",
        "housing_situation_event",
        "household_follow_span",
        "audit_log",  # scrubbed below, by its diffs
    }
)
# Derived keys recomputed from the scrubbed names (db/households/search.py).
DERIVED = {"household": ("search_key",), "person": ("name_key",)}

# Fields of an audit diff that carry personal data, by entity (the table's name).
AUDIT_FIELDS: dict[str, frozenset[str]] = {
    table: frozenset(columns) | frozenset(DERIVED.get(table, ()))
    for table, columns in SCRUB.items()
}


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


AUDIT_ROWS = """
SELECT id, entity, diff FROM audit_log
WHERE household_id IN (SELECT unnest($ids))
   OR (entity = 'household' AND entity_id IN (SELECT CAST(unnest($ids) AS VARCHAR)))
   OR (entity IN ('person', 'contact', 'resource') AND entity_id IN (
        SELECT CAST(id AS VARCHAR) FROM person WHERE household_id IN (SELECT unnest($ids))
        UNION ALL SELECT CAST(id AS VARCHAR) FROM contact
            WHERE household_id IN (SELECT unnest($ids))
        UNION ALL SELECT CAST(id AS VARCHAR) FROM resource
            WHERE household_id IN (SELECT unnest($ids))))
"""


def scrub_audit(cur, ids: list[int], write: bool) -> int:
    """Scrub the audit rows of these households (and of their persons, resources and
    contacts); returns the number of values removed. `write` False: count only."""
    removed = 0
    for row_id, entity, diff in cur.execute(AUDIT_ROWS, {"ids": ids}).fetchall():
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

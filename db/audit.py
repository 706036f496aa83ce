"""The audit diff (a pure function) and the audit and access log rows."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from db import clock
from db.french import fr_count

# Bookkeeping columns that change on every write and say nothing to a reader.
IGNORED = frozenset({"version", "updated_at", "updated_by", "search_key"})
# Never copied into the log: a hash, and a note meant for its author only.
SECRET = frozenset({"password_hash", "private_note"})


def to_json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    return value


def compute_diff(before: dict | None, after: dict | None) -> dict[str, list]:
    """Fields that differ, as {field: [old, new]}; secrets are masked, bookkeeping ignored."""
    before, after = before or {}, after or {}
    diff = {}
    for field in sorted(set(before) | set(after)):
        if field in IGNORED:
            continue
        old, new = before.get(field), after.get(field)
        if old == new:
            continue
        if field in SECRET:
            old, new = ("***" if old else None), ("***" if new else None)
        diff[field] = [to_json_value(old), to_json_value(new)]
    return diff


def write_audit(cur, username, action, entity, entity_id, diff, household_id=None) -> None:
    cur.execute(
        "INSERT INTO audit_log (occurred_at, username, action, entity, entity_id,"
        " household_id, diff) VALUES ($at, $username, $action, $entity, $entity_id,"
        " $household_id, $diff)",
        {"at": clock.now(), "username": username, "action": action, "entity": entity}
        | {"entity_id": str(entity_id), "household_id": household_id, "diff": json.dumps(diff)},
    )


def log_access(database, username, action, entity=None, entity_id=None, detail=None) -> None:
    """Trace a read of nominative data, an export or a query (CNIL: who, when, what)."""
    with database.transaction(changes_data=False, appends_only=True) as cur:
        cur.execute(
            "INSERT INTO access_log (occurred_at, username, action, entity, entity_id, detail)"
            " VALUES ($at, $username, $action, $entity, $entity_id, $detail)",
            {"at": clock.now(), "username": username, "action": action, "entity": entity}
            | {"entity_id": None if entity_id is None else str(entity_id), "detail": detail},
        )


SQL_SHOWN = 200  # characters of a console query kept in the access log's detail
PURPOSE = {"run": "Exécution", "export": "Export"}


def log_sql(database, username, purpose, sql, rows=None, error=None) -> None:
    """Trace one SQL console query in the access log (its full text stays in console_log)."""
    text = " ".join(str(sql).split())
    text = text if len(text) <= SQL_SHOWN else text[: SQL_SHOWN - 1] + "…"
    outcome = f"refusée ou en erreur : {error}" if error else fr_count(rows or 0, "ligne")
    detail = f"{PURPOSE.get(purpose, purpose)}, {outcome} : {text}"
    log_access(database, username, "sql", "console", None, detail[:1000])


def log_login_failure(database, username: str) -> None:
    """Trace a failed sign-in on an account in the access log."""
    log_access(database, username, "login_failed", "users", username)

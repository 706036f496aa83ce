"""Insert a record, or change it at the version its form showed: the SQL every area's
writes share (db/support/records.py, db/housing/records.py). Table and column names reach
the SQL text only through the caller's allow-list (`columns`), never from input.
"""

from __future__ import annotations

from db import clock
from db.identifiers import allowed
from db.rules import Actor


def insert_record(
    cur, actor: Actor, table: str, values: dict, columns: frozenset, append_only: bool = False
) -> dict:
    """Insert one row; returns it with its id (and version 1 unless it is never edited)."""
    for column in values:
        allowed(column, columns, "colonne")
    row = {**values, "created_at": clock.now(), "created_by": actor.username}
    if not append_only:
        row |= {"updated_at": row["created_at"], "updated_by": actor.username}
    sql = "INSERT INTO " + table + " (" + ", ".join(row) + ") VALUES ("
    sql += ", ".join("$" + column for column in row) + ") RETURNING id"
    row["id"] = cur.execute(sql, row).fetchone()[0]
    return row if append_only else {**row, "version": 1}


def update_record(
    cur, actor: Actor, table: str, current: dict, changes: dict, columns: frozenset
) -> dict:
    """Set `changes` on the record at the version `current` holds; the version moves."""
    for column in changes:
        allowed(column, columns, "colonne")
    assignments = [column + " = $" + column for column in changes]
    assignments += ["version = version + 1", "updated_at = $now", "updated_by = $by"]
    cur.execute(
        "UPDATE " + table + " SET " + ", ".join(assignments) + " WHERE id = $id AND version = $v",
        {**changes, "now": clock.now(), "by": actor.username}
        | {"id": current["id"], "v": current["version"]},
    )
    return {**current, **changes, "version": current["version"] + 1}

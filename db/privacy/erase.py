"""Erasure where the law allows it: a closed household and everything attached to it
(every row holding its household_id, its persons) deleted in one transaction, the audit
log's diffs about it scrubbed, and one log line holding its internal id and counts only."""

from __future__ import annotations

import queries
from db import rules
from db.audit import write_audit
from db.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from db.identifiers import allowed
from db.privacy import scrub
from db.rules import Actor

# Rows pointing at other rows of the household go first (foreign keys).
FIRST = ("eviction_stage", "measure_review", "measure_renewal", "resource")


def household_tables(cur) -> list[str]:
    """Every table of the schema with a household_id column, the audit log aside."""
    rows = queries.fetch_rows(cur, "privacy/household_tables")
    return [row["table_name"] for row in rows if row["table_name"] != "audit_log"]


def _delete(cur, tables: list[str], allowed_tables: list[str], household_id: int) -> dict:
    counts = {}
    for table in tables:
        allowed(table, allowed_tables, "table")
        deleted = cur.execute(
            "DELETE FROM " + table + " WHERE household_id = $id RETURNING 1", {"id": household_id}
        ).fetchall()
        counts[table] = len(deleted)
    return counts


def erase_household(database, actor: Actor, household_id: int) -> dict[str, int]:
    """Delete a closed household and everything attached; returns rows deleted per table.

    DuckDB checks a foreign key against the rows committed before the transaction, so a
    row goes only once the rows pointing at it are gone for good: three transactions.
    The first scrubs every personal value (audit log included), deletes the rows nothing
    points at and writes the log line: if a later step failed, nothing personal is left.
    """
    if not rules.can_erase_file(actor):
        raise PermissionDeniedError("Seul un administrateur peut effacer un dossier.")
    with database.reading() as cur:
        tables = household_tables(cur)
    first = [t for t in FIRST if t in tables]
    second = [t for t in tables if t not in FIRST]

    def work(cur) -> dict[str, int]:
        row = queries.fetch_row(cur, "privacy/status_and_hold", household_id=household_id)
        if row is None:
            raise NotFoundError("Ce dossier n'existe pas ou a déjà été effacé.")
        if row["status"] != "clos":
            raise ValidationFailed("Seul un dossier clos peut être effacé : clôturez-le d'abord.")
        scrub.scrub_audit(cur, [household_id], write=True)
        scrub.scrub_tables(cur, [household_id])
        counts = _delete(cur, first, tables, household_id)
        for table in second:
            allowed(table, tables, "table")
            found = queries.fetch_rows(
                cur, "privacy/table_rows", table=table, household_id=household_id
            )
            counts[table] = len(found)
        counts["household"] = 1
        # The internal id and counts only: no name, no file number.
        write_audit(
            cur,
            actor.username,
            "erase",
            "household",
            household_id,
            {"lignes_supprimees": counts},
        )
        return counts

    counts = database.run_transaction(work)
    with database.transaction() as cur:
        _delete(cur, second, tables, household_id)
    with database.transaction() as cur:
        cur.execute("DELETE FROM household WHERE id = $id", {"id": household_id})
    return counts

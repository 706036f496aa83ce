"""Every versioned insert and update of every area goes through here: a kind of record is
declared once (`RecordKind`: its table, the columns a write may set, the query that loads
one, how a refusal names it) and written with `insert`, `update` or `edit`, the version
checked by `check_version`. Table and column names reach the SQL text only through a
declaration's allow-list, never from input.
"""

from __future__ import annotations

from dataclasses import dataclass

from db import clock
from db.errors import StaleRecordError
from db.identifiers import allowed
from db.mutation import Changed, required_row
from db.rules import Actor

# The bookkeeping columns most tables have; a `*_at` column gets the time of the write,
# a `*_by` column the username of its author.
FULL_STAMPS = ("created_at", "created_by", "updated_at", "updated_by")
CREATED_STAMPS = ("created_at", "created_by")


@dataclass(frozen=True)
class RecordKind:
    """One kind of record, declared once per area (db/support/records.py...)."""

    table: str
    columns: frozenset[str]  # the allow-list: the columns a write may set
    query: str = ""  # the named query that loads one record inside a write
    what: str = ""  # "Cette mesure": how a refusal names the record
    missing: str = ""  # the refusal when it is not found; « {what} n'existe pas. » if empty
    append_only: bool = False  # added once, never edited: no version
    key: str = "id"
    stamps: tuple[str, ...] | None = None  # the bookkeeping columns; None: the usual ones
    # False for the household area's tables, whose audit rows never carried the stamps
    # (created_at would show in a file's history as a change of its own).
    audit_stamps: bool = True
    # Columns set when the record is created and never changed after (a file's number).
    fixed: frozenset[str] = frozenset()

    def created_stamps(self) -> tuple[str, ...]:
        if self.stamps is not None:
            return self.stamps
        return CREATED_STAMPS if self.append_only else FULL_STAMPS

    def updated_stamps(self) -> tuple[str, ...]:
        return tuple(c for c in self.created_stamps() if c.startswith("updated_"))


def stamped(actor: Actor, columns) -> dict:
    now = clock.now()
    return {column: now if column.endswith("_at") else actor.username for column in columns}


def check_version(current: dict, expected_version: int, what: str) -> None:
    """Refuse the write when `current` moved past the version the form showed.

    `what` names the record in the message ("Ce dossier", "Ce membre", "Cette ressource").
    """
    if current["version"] == expected_version:
        return
    who = current.get("updated_by_name") or current.get("updated_by") or "une autre personne"
    when = current.get("updated_at")
    at = f" le {when:%d/%m/%Y à %H:%M}" if when else ""
    raise StaleRecordError(
        # Worded for any record: « Cette mesure a été modifié » would be wrong French.
        f"{who} a enregistré une modification{at} pendant que vous consultiez "
        f"{what[0].lower()}{what[1:]}. "
        "Vos modifications n'ont pas été enregistrées : voici la version à jour.",
        changed_by=who,
        changed_at=when,
    )


def insert(cur, actor: Actor, kind: RecordKind, values: dict) -> dict:
    """Insert one row; returns it with its key (and version 1 unless it is never edited)."""
    for column in values:
        allowed(column, kind.columns | kind.fixed, "colonne")
    stamps = stamped(actor, kind.created_stamps())
    row = {**values, **stamps}
    sql = "INSERT INTO " + kind.table + " (" + ", ".join(row) + ") VALUES ("
    sql += ", ".join("$" + column for column in row) + ") RETURNING " + kind.key
    key = cur.execute(sql, row).fetchone()[0]
    kept = row if kind.audit_stamps else values
    return {**kept, kind.key: key} | ({} if kind.append_only else {"version": 1})


def update(cur, actor: Actor, kind: RecordKind, current: dict, changes: dict) -> dict:
    """Set `changes` on the record at the version `current` holds; the version moves."""
    for column in changes:
        allowed(column, kind.columns, "colonne")
    stamps = stamped(actor, kind.updated_stamps())
    assignments = [column + " = $" + column for column in {**changes, **stamps}]
    assignments.append("version = version + 1")
    where = " WHERE " + kind.key + " = $record_key AND version = $record_version"
    cur.execute(
        "UPDATE " + kind.table + " SET " + ", ".join(assignments) + where,
        {**changes, **stamps, "record_key": current[kind.key]}
        | {"record_version": current["version"]},
    )
    return {**current, **changes, "version": current["version"] + 1}


def create(cur, actor: Actor, kind: RecordKind, values: dict) -> tuple[dict, Changed]:
    """The new row and its Changed, for the audit."""
    row = insert(cur, actor, kind, values)
    return row, Changed(kind.table, row[kind.key], None, row, "create")


def edit(cur, actor: Actor, kind: RecordKind, current: dict, changes: dict, action="update"):
    """The record after `changes` (only those that move) and its Changed, or None."""
    moved = {k: v for k, v in changes.items() if current.get(k) != v}
    if not moved:
        return current, None
    after = update(cur, actor, kind, current, moved)
    return after, Changed(kind.table, current[kind.key], current, after, action)


def load(cur, kind: RecordKind, **params) -> dict:
    """The record the kind's query finds, inside a write, or NotFoundError."""
    return required_row(cur, kind.query, kind.missing or f"{kind.what} n'existe pas.", **params)


def load_current(cur, kind: RecordKind, version: int, **params) -> dict:
    """The record at the version the form showed; a newer one is refused with its author."""
    current = load(cur, kind, **params)
    check_version(current, version, kind.what)
    return current

"""Saved queries of the SQL console: private to their owner or shared with the team.

Each write goes through run_mutation: the rule (db/rules.py: the console's users create,
the owner or an admin change and delete), the current record at the version the form
showed, the change and its audit row, in one transaction.
"""

from __future__ import annotations

import polars as pl

import queries
from db import records
from db.analytics.models import SavedQueryIn
from db.errors import ValidationFailed
from db.mutation import Changed, Outcome, nothing, run_mutation
from db.records import RecordKind, check_version, create, edit
from db.rules import Actor, can_change_saved_query, can_use_console

TABLE = "saved_query"
WHAT = "Cette requête enregistrée"
SAVED_QUERY = RecordKind(
    TABLE,
    frozenset(SavedQueryIn.model_fields) | {"owner"},
    "console/saved_one",
    WHAT,
    f"{WHAT} n'existe plus.",
)


def list_queries(database, actor: Actor, limit: int | None = None, offset: int = 0) -> pl.DataFrame:
    """The person's own saved queries and those others shared, by name (a page of them
    when `limit` is given)."""
    return queries.run(
        database, "console/saved_list", username=actor.username, limit=limit, offset=offset
    )


def count_queries(database, actor: Actor) -> int:
    """How many saved queries the person sees: their own and those others shared."""
    found = queries.run(database, "console/saved_count", username=actor.username)
    return int(found["total"][0])


def load_query(database, query_id: int) -> dict | None:
    with database.reading() as cur:
        return queries.fetch_row(cur, "console/saved_one", query_id=query_id)


def save_query(database, actor: Actor, query: SavedQueryIn) -> dict:
    """A new saved query, owned by `actor`."""

    def apply(cur, _current) -> Outcome:
        _check_name(cur, actor.username, query.name, None)
        values = query.model_dump() | {"owner": actor.username}
        row, done = create(cur, actor, SAVED_QUERY, values)
        return Outcome([done], value=row)

    rule = lambda a, _c: can_use_console(a)  # noqa: E731
    return run_mutation(database, actor, "create", rule, nothing, apply).value


def update_query(database, actor: Actor, query_id: int, version: int, query: SavedQueryIn):
    """The query's new name, description, SQL or sharing, at the version the form showed."""

    def apply(cur, current) -> Outcome:
        check_version(current, version, WHAT)
        _check_name(cur, current["owner"], query.name, query_id)
        after, done = edit(cur, actor, SAVED_QUERY, current, query.model_dump())
        return Outcome([done] if done else [], value=after)

    load = _loader(query_id)
    return run_mutation(database, actor, "update", can_change_saved_query, load, apply).value


def delete_query(database, actor: Actor, query_id: int, version: int) -> None:
    """Delete the saved query (its owner or an admin), at the version the list showed."""

    def apply(cur, current) -> Outcome:
        check_version(current, version, WHAT)
        cur.execute("DELETE FROM saved_query WHERE id = $id", {"id": query_id})
        return Outcome([Changed(TABLE, query_id, current, None, "delete")])

    load = _loader(query_id)
    run_mutation(database, actor, "delete", can_change_saved_query, load, apply)


def _loader(query_id: int):
    def load_saved(cur) -> dict:
        return records.load(cur, SAVED_QUERY, query_id=query_id)

    return load_saved


def _check_name(cur, owner: str, name: str, query_id: int | None) -> None:
    taken = queries.fetch_row(
        cur, "console/saved_name_taken", owner=owner, title=name, query_id=query_id
    )
    if taken is not None:
        raise ValidationFailed(
            f"Vous avez déjà une requête nommée « {name} » : choisissez un autre nom.", "name"
        )

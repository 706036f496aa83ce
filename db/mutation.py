"""run_mutation: the one path of every write.

Rule check, current state, the change, its audit rows, all in ONE transaction;
the data version grows on commit so that cached reads refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import queries
from db.audit import compute_diff, write_audit
from db.errors import NotFoundError, PermissionDeniedError
from db.rules import Actor


@dataclass
class Changed:
    """One row written, as it was and as it is now."""

    entity: str
    entity_id: Any
    before: dict | None
    after: dict | None
    action: str | None = None  # defaults to the mutation's action


@dataclass
class Outcome:
    """What a write did: the rows it changed and a value for the caller."""

    changes: list[Changed] = field(default_factory=list)
    value: Any = None
    household_id: int | None = None


def run_mutation(
    database,
    actor: Actor,
    action: str,
    rule: Callable[[Actor, Any], bool],
    load: Callable[[Any], Any],
    apply: Callable[[Any, Any], Outcome],
) -> Outcome:
    """Load the current state, check the rule on it, apply, audit: all or nothing."""

    def work(cur) -> Outcome:
        current = load(cur)
        if not rule(actor, current):
            raise PermissionDeniedError("Vous n'avez pas le droit de faire cette modification.")
        outcome = apply(cur, current)
        for change in outcome.changes:
            diff = compute_diff(change.before, change.after)
            if not diff and change.before is not None and change.after is not None:
                continue  # only bookkeeping moved (version, updated_at): nothing to tell
            write_audit(
                cur,
                actor.username,
                change.action or action,
                change.entity,
                change.entity_id,
                diff,
                outcome.household_id,
            )
        return outcome

    return database.run_transaction(work)


def nothing(_cur) -> None:
    """`load` for a creation: there is no current state."""
    return None


def required_row(cur, name: str, refusal: str, **params) -> dict:
    """The one row of the named query, loaded inside a write's transaction, or a
    NotFoundError saying `refusal` (a record deleted or of another household)."""
    row = queries.fetch_row(cur, name, **params)
    if row is None:
        raise NotFoundError(refusal)
    return row

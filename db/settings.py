"""The association's settings: a small key -> JSON value table, audited like the rest."""

from __future__ import annotations

import json
from typing import Any

from db import clock
from db.mutation import Changed, Outcome, run_mutation
from db.rules import Actor, can_change_settings

DEFAULTS: dict[str, Any] = {
    # When true, every social worker may read (not edit) every household's file.
    "team_reads_all_files": False,
}


def get_setting(database, key: str) -> Any:
    row = database.cursor().execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
    return DEFAULTS.get(key) if row is None else json.loads(row[0])


def set_setting(database, actor: Actor, key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise KeyError(f"Réglage inconnu : {key}")

    def load(cur):
        row = cur.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
        return None if row is None else {"value": json.loads(row[0])}

    def apply(cur, current) -> Outcome:
        cur.execute(
            "INSERT OR REPLACE INTO setting (key, value, updated_at, updated_by)"
            " VALUES (?, ?, ?, ?)",
            [key, json.dumps(value), clock.now(), actor.username],
        )
        return Outcome([Changed("setting", key, current, {"value": value})])

    run_mutation(database, actor, "update", lambda a, _c: can_change_settings(a), load, apply)

"""Apply db/migrations/NNN_name.sql in order; applied versions live in the database."""

from __future__ import annotations

import re
from pathlib import Path

MIGRATIONS = Path(__file__).parent / "migrations"
_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


def migration_files() -> list[tuple[int, str, Path]]:
    found = []
    for file in sorted(MIGRATIONS.glob("*.sql")):
        match = _NAME.match(file.name)
        if not match:
            raise ValueError(f"Nom de migration invalide : {file.name}")
        found.append((int(match.group(1)), match.group(2), file))
    return found


def applied_versions(database) -> set[int]:
    with database.reading() as cur:
        cur.execute(
            "CREATE TABLE IF NOT EXISTS schema_migration ("
            " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
        )
        # Read before queries/ can be trusted: the schema may not be there yet.
        return {row[0] for row in cur.execute("SELECT version FROM schema_migration").fetchall()}


def apply_migrations(database) -> list[int]:
    """Apply the missing migrations, each in its own transaction; return those applied."""
    done = applied_versions(database)
    applied = []
    for version, name, file in migration_files():
        if version in done:
            continue
        with database.transaction() as cur:
            cur.execute(file.read_text(encoding="utf-8"))
            cur.execute(
                "INSERT INTO schema_migration (version, name) VALUES ($version, $name)",
                {"version": version, "name": name},
            )
        applied.append(version)
    return applied

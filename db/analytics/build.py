"""Build the pseudonymised analytics database from the main one, inside the app's process.

The main file is held by the app (another process cannot open it), so the app itself
builds the analytics file: a cursor of the main database ATTACHes a new file next to it
(`<analytics>.tmp-<random>`), copies each table of db/analytics/pseudonym.py in ONE read
transaction (a consistent snapshot of the main database, whose writers go on meanwhile:
nothing here takes the write lock), checkpoints and DETACHes it, then `os.replace`s it onto
`analytics_path(database)`. A reader sees the old complete file or the new complete one.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from db import clock
from db.analytics import pseudonym
from db.analytics.pseudonym import ident, literal, statement
from db.attach import fill_new_file
from db.background import start_once
from db.errors import UnknownSettingError

_log = logging.getLogger(__name__)
SUFFIX = ".analytics.duckdb"
DEFAULT_MINUTES = 15
_state_lock = threading.Lock()
_build_locks: dict[str, threading.Lock] = {}
_generations: dict[str, int] = {}
_built: dict[str, tuple[tuple[int, int], datetime | None]] = {}
THREAD = "analytics-rebuild"


@dataclass(frozen=True)
class BuildInfo:
    path: Path
    built_at: datetime
    seconds: float
    tables: int


def analytics_path(database) -> Path:
    """data/demo.duckdb → data/demo.analytics.duckdb."""
    return database.path.with_name(database.path.stem + SUFFIX)


def default_salt() -> str:
    """The secret salt: HABITER_PSEUDONYM_SALT, else the secrets file (made if missing)."""
    import config

    return (
        os.environ.get("HABITER_PSEUDONYM_SALT") or config.ensure_secrets()["pseudonymisation_salt"]
    )


def generation(database) -> int:
    """Grows at each rebuild of this process: a reader holding the old file reopens."""
    return _generations.get(str(analytics_path(database)), 0)


def rebuild(database, salt: str | None = None) -> BuildInfo:
    """Write a new analytics file and put it in place atomically; one build at a time."""
    salt = salt or default_salt()
    final = analytics_path(database)
    started = time.perf_counter()
    with _build_lock(final):
        built_at = clock.now()
        tmp = final.with_name(f"{final.name}.tmp-{secrets.token_hex(6)}")
        try:
            tables = _write(database, tmp, salt, built_at)
            os.replace(tmp, final)
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                leftover.unlink(missing_ok=True)
        with _state_lock:
            _generations[str(final)] = _generations.get(str(final), 0) + 1
            _built[str(final)] = (_file_key(final), built_at)
    seconds = time.perf_counter() - started
    _log.info("analytics database %s rebuilt in %.1f s", final, seconds)
    return BuildInfo(final, built_at, seconds, tables)


def ensure_built(database, salt: str | None = None) -> BuildInfo | None:
    """Build the analytics file if it is missing; None when it was already there."""
    return None if analytics_path(database).exists() else rebuild(database, salt)


def built_at(database) -> datetime | None:
    """When the analytics file in place was built, None when there is none."""
    final = analytics_path(database)
    key = _file_key(final)
    if key is None:
        return None
    with _state_lock:
        known = _built.get(str(final))
    if known is not None and known[0] == key:
        return known[1]
    value = _read_built_at(database, final)
    with _state_lock:
        _built[str(final)] = (key, value)
    return value


def _file_key(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns)


def _build_lock(final: Path) -> threading.Lock:
    with _state_lock:
        return _build_locks.setdefault(str(final), threading.Lock())


def _read_built_at(database, final: Path) -> datetime | None:
    """Read analytics_build through a read-only ATTACH from the main connection: a
    separate connection to the file would clash with the console's own configuration."""
    alias = ident(f"analytics_read_{secrets.token_hex(4)}")
    cur = database.cursor()
    try:
        cur.execute(statement("ATTACH {p} AS {a} (READ_ONLY)", p=literal(str(final)), a=alias))
        try:
            query = statement("SELECT max(built_at) FROM {a}.analytics_build", a=alias)
            return cur.execute(query).fetchone()[0]
        finally:
            cur.execute(statement("DETACH {a}", a=alias))
    except duckdb.Error as exc:
        _log.warning("reading when %s was built failed: %s", final, exc)
        return None
    finally:
        cur.close()


def _write(database, tmp: Path, salt: str, built_at: datetime) -> int:
    """Create the tables in the new file `tmp`, closed and complete on return."""
    alias = ident(f"analytics_build_{secrets.token_hex(4)}")
    cur = database.cursor()
    try:
        version = database.data_version
        return fill_new_file(
            cur, tmp, alias, lambda c: _copy_all(c, alias, salt, built_at, version)
        )
    finally:
        cur.close()


def _copy_all(cur, alias: str, salt: str, built_at: datetime, data_version: int) -> int:
    columns = _main_columns(cur)
    comments = _main_table_comments(cur)
    decided = set(pseudonym.TABLES) | set(pseudonym.VIEWS) | pseudonym.LEFT_OUT
    if unknown := sorted(set(columns) - decided):
        _log.warning("tables left out of the analytics database, undecided: %s", unknown)
    _create_maps(cur, salt)
    copied = 0
    for table, spec in pseudonym.TABLES.items():
        if table in columns:
            target = statement("{a}.{t}", a=alias, t=ident(table))
            _copy_table(cur, target, table, spec, columns[table], salt)
            _comment(cur, "TABLE", target, comments.get(table))
            copied += 1
    _drop_maps(cur)
    _copy_views_and_macros(cur, alias)
    _write_build_row(cur, alias, built_at, data_version)
    return copied + 1


def _main_columns(cur) -> dict[str, list[tuple[str, str | None]]]:
    rows = cur.execute(
        "SELECT table_name, column_name, comment FROM duckdb_columns()"
        " WHERE database_name = current_database() AND schema_name = 'main'"
        " AND NOT internal ORDER BY table_name, column_index"
    ).fetchall()
    found: dict[str, list[tuple[str, str | None]]] = {}
    for table, column, comment in rows:
        found.setdefault(table, []).append((column, comment))
    return found


def _main_table_comments(cur) -> dict[str, str | None]:
    rows = cur.execute(
        "SELECT table_name, comment FROM duckdb_tables()"
        " WHERE database_name = current_database() AND schema_name = 'main'"
    ).fetchall()
    return dict(rows)


def _copy_table(cur, target: str, table: str, spec, columns, salt: str) -> None:
    treatments = spec.treatments()
    selected, joins, notes = [], [], []
    for name, comment in columns:
        treatment = treatments.get(name)
        if treatment is None:
            _log.warning("column %s.%s left out of the analytics database, undecided", table, name)
            continue
        expression, join = pseudonym.column_sql(name, treatment, spec.years.get(name))
        if expression is not None:
            selected.append(expression)
            joins.append(join)
            notes.append((spec.years.get(name, name), pseudonym.column_comment(comment, treatment)))
    query = statement(
        "CREATE TABLE {target} AS SELECT {columns} FROM main.{table} AS t {joins}",
        target=target,
        columns=", ".join(selected),
        table=ident(table),
        joins=" ".join(joins),
    )
    cur.execute(query, {"salt": salt} if "$salt" in query else None)
    for name, note in notes:
        _comment(cur, "COLUMN", statement("{t}.{c}", t=target, c=ident(name)), note)


def _create_maps(cur, salt: str) -> None:
    for entity in pseudonym.MAPPED:
        cur.execute(pseudonym.map_sql(entity), {"salt": salt})


def _drop_maps(cur) -> None:
    for entity in pseudonym.MAPPED:
        cur.execute(statement("DROP TABLE {m}", m=pseudonym.map_table(entity)))


def _comment(cur, kind: str, target: str, text: str | None) -> None:
    if text:
        cur.execute(statement("COMMENT ON {k} {t} IS {x}", k=kind, t=target, x=literal(text)))


def _copy_views_and_macros(cur, alias: str) -> None:
    """The views and macros named in pseudonym.py, with the main schema's own text (they
    read only tables copied above)."""
    views = cur.execute(
        "SELECT view_name, sql, comment FROM duckdb_views()"
        " WHERE database_name = current_database() AND NOT internal"
    ).fetchall()
    for name, sql, comment in views:
        if name in pseudonym.VIEWS:
            target = statement("{a}.{v}", a=alias, v=ident(name))
            body = sql.split(" AS ", 1)[1]
            cur.execute(statement("CREATE VIEW {t} AS {b}", t=target, b=body))
            _comment(cur, "VIEW", target, comment)
    macros = cur.execute(
        "SELECT function_name, parameters, macro_definition FROM duckdb_functions()"
        " WHERE database_name = current_database() AND function_type = 'macro'"
        " AND NOT internal"
    ).fetchall()
    for name, parameters, definition in macros:
        if name in pseudonym.MACROS:
            cur.execute(
                statement(
                    "CREATE MACRO {a}.{m}({p}) AS {d}",
                    a=alias,
                    m=ident(name),
                    p=", ".join(map(ident, parameters)),
                    d=definition,
                )
            )


BUILD_COLUMNS = (
    ("built_at", "Date et heure de la construction"),
    ("source_version", "Version des données de la base principale (compteur du processus)"),
    ("schema_version", "Version du schéma de la base principale (dernière migration)"),
)


def _write_build_row(cur, alias: str, built_at: datetime, data_version: int) -> None:
    target = statement("{a}.analytics_build", a=alias)
    cur.execute(
        statement(
            "CREATE TABLE {t} AS SELECT CAST($built_at AS TIMESTAMP) AS built_at,"
            " CAST($data_version AS INTEGER) AS source_version,"
            " CAST(max(version) AS INTEGER) AS schema_version FROM main.schema_migration",
            t=target,
        ),
        {"built_at": built_at, "data_version": data_version},
    )
    _comment(cur, "TABLE", target, "Construction de cette base d'analyse pseudonymisée")
    for column, text in BUILD_COLUMNS:
        _comment(cur, "COLUMN", statement("{t}.{c}", t=target, c=ident(column)), text)


def _rebuild_minutes(database) -> int:
    from db.settings import get_setting

    try:
        return get_setting(database, "analytics_rebuild_minutes")
    except UnknownSettingError:
        return DEFAULT_MINUTES


def _stale(database) -> bool:
    when = built_at(database)
    return when is None or (clock.now() - when).total_seconds() > 60 * _rebuild_minutes(database)


def _schedule(database) -> None:
    """Rebuild now if missing or stale, then every `analytics_rebuild_minutes`, until
    the database is closed. Errors are logged, never raised."""
    wait = 0.0
    while True:
        time.sleep(wait)
        if getattr(database, "_conn", None) is None:
            return  # closed (end of a test, shutdown): a new instance has its own path
        try:
            if _stale(database):
                rebuild(database)
            wait = 60.0 * _rebuild_minutes(database)
        except Exception:
            _log.exception("rebuilding the analytics database failed")
            wait = 60.0 * DEFAULT_MINUTES


def start_scheduler(database) -> threading.Thread:
    """The one daemon thread of the process that keeps the analytics file fresh."""
    return start_once(THREAD, _schedule, database)

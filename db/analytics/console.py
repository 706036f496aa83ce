"""The SQL console's engine: ad-hoc reads of the pseudonymised analytics file.

What runs is decided by DuckDB's own parser, never by a regular expression on the text:
`extract_statements` gives each statement's type (only SELECT and EXPLAIN of a SELECT
pass; DESCRIBE, SUMMARIZE and SHOW parse as SELECT), and `json_serialize_sql` gives the
tree of each SELECT, walked for functions and table names that would read files, URLs or
the environment. Behind that check, the connection itself is read-only, with external
access off and its configuration locked, so a statement the check missed still cannot
write or read outside the file. A timer interrupts a query past the time limit; the rows
shown are capped; every call, refused or not, is logged in `console_log` of the main base.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

import queries
from db import clock
from db.analytics.guard import (
    CONSOLE_CONFIG,
    QueryFailed,
    QueryRefused,
    QueryTimedOut,
    check_statement,
    first_line,
    parameters,
)
from db.audit import log_sql
from db.connection import readonly_cursor
from db.errors import HabiterError, PermissionDeniedError
from db.rules import Actor, can_use_console
from db.settings import get_setting

__all__ = ["QueryFailed", "QueryRefused", "QueryTimedOut", "check_statement", "parameters"]
EXPORT_CAP = 1_000_000


@dataclass(frozen=True)
class ConsoleResult:
    frame: pl.DataFrame
    truncated: bool
    rows: int
    seconds: float


# Running --------------------------------------------------------------------------------


def analytics_file(database) -> tuple[Path, int]:
    """The analytics file of `database` and its build number (db/analytics/build.py)."""
    from db.analytics import build

    return build.analytics_path(database), build.generation(database)


def run_query(
    database,
    actor: Actor,
    sql: str,
    params: dict | None = None,
    row_cap: int | None = None,
    time_limit: float | None = None,
) -> ConsoleResult:
    """Check, run on the analytics file within the time limit, keep `row_cap` rows, log."""
    _require(actor)
    cap = row_cap or get_setting(database, "console_row_cap")
    limit = time_limit or get_setting(database, "console_time_limit_seconds")
    started = time.monotonic()
    entry = {"purpose": "run", "sql": sql, "params": params}
    try:
        statements = check_statement(sql)
        with readonly_cursor(*_file_and_config(database)) as cur, _deadline(cur, limit):
            reader = _execute(cur, statements, params or {}, cap + 1)
            frame = _first_rows(reader, cap + 1)
    except HabiterError as exc:
        _log(database, actor, entry, started, error=exc)
        raise
    truncated = frame.height > cap
    frame = frame.head(cap)
    seconds = _log(database, actor, entry, started, rows=frame.height, truncated=truncated)
    return ConsoleResult(frame, truncated, frame.height, seconds)


def export_batches(
    database, actor: Actor, sql: str, params: dict | None = None, cap: int = EXPORT_CAP
) -> Iterator[pl.DataFrame]:
    """The query's rows for an export, a batch at a time, `cap` rows at most; logged as
    an export once the batches are read (or abandoned). The time limit stops the query
    until its first batch; writing the file afterwards takes the time it needs."""
    _require(actor)
    limit = get_setting(database, "console_time_limit_seconds")
    started, rows = time.monotonic(), 0
    entry = {"purpose": "export", "sql": sql, "params": params}
    try:
        statements = check_statement(sql)
        with readonly_cursor(*_file_and_config(database)) as cur:
            with _deadline(cur, limit):
                reader = _execute(cur, statements, params or {}, 50_000)
                batch = _next_batch(reader)
            cut = False
            while batch is not None and not cut:
                frame = pl.from_arrow(batch).head(cap - rows)
                rows += frame.height
                yield frame
                more = frame.height < batch.num_rows
                batch = _read_on(reader)
                cut = rows >= cap and (more or batch is not None)
    except HabiterError as exc:
        _log(database, actor, entry, started, rows=rows or None, error=exc)
        raise
    _log(database, actor, entry, started, rows=rows, truncated=cut)


def _require(actor: Actor) -> None:
    if not can_use_console(actor):
        raise PermissionDeniedError("La console SQL est réservée aux analystes et à la direction.")


def _file_and_config(database) -> tuple[Path, dict, int]:
    path, generation = analytics_file(database)
    return path, CONSOLE_CONFIG, generation


class _Watchdog:
    """One thread per process interrupts the queries whose time is up: starting a timer
    thread per query cost some 2 ms, registering a deadline here some microseconds."""

    def __init__(self):
        self._cond = threading.Condition()
        self._due: dict[int, tuple[float, object, threading.Event]] = {}
        self._thread: threading.Thread | None = None

    def watch(self, cur, limit: float) -> threading.Event:
        fired = threading.Event()
        with self._cond:
            self._due[id(fired)] = (time.monotonic() + limit, cur, fired)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True, name="console")
                self._thread.start()
            self._cond.notify()
        return fired

    def release(self, fired: threading.Event) -> None:
        with self._cond:
            self._due.pop(id(fired), None)

    def _run(self) -> None:
        with self._cond:
            while True:
                next_due = self._interrupt_due(time.monotonic())
                self._cond.wait(None if next_due is None else max(next_due, 0.001))

    def _interrupt_due(self, now: float) -> float | None:
        """Interrupt the queries past their deadline; seconds until the next one. (A
        method of its own: no cursor stays referenced by the thread's frame.)"""
        for key, (deadline, cur, fired) in list(self._due.items()):
            if deadline <= now:
                fired.set()
                cur.interrupt()
                del self._due[key]
        return min((due[0] - now for due in self._due.values()), default=None)


_WATCHDOG = _Watchdog()


class _deadline:
    """Interrupt the cursor's query after `limit` seconds; say so as QueryTimedOut, and a
    DuckDB error as QueryFailed with DuckDB's own first line."""

    def __init__(self, cur, limit: float):
        self.cur, self.limit = cur, limit

    def __enter__(self):
        self.fired = _WATCHDOG.watch(self.cur, self.limit)

    def __exit__(self, kind, exc, _tb):
        _WATCHDOG.release(self.fired)
        if exc is None or not isinstance(exc, duckdb.Error | pa.ArrowException):
            return False
        if self.fired.is_set():
            raise QueryTimedOut(
                f"Requête arrêtée après {self.limit:g} s : elle dépassait le temps permis. "
                "Filtrez davantage ou agrégez avant de relancer."
            ) from None
        raise QueryFailed(first_line(exc)) from None


def _execute(cur, statements: list[str], params: dict, batch_rows: int):
    """Run each statement with the parameters it names bound; the last one's rows, as
    an Arrow reader (the rows past what is read are never fetched)."""
    for text in statements[:-1]:  # reads: run to their end, their rows not kept
        cur.execute(text, _bound(cur, text, params))
        cur.complete()
    last = statements[-1]
    return cur.sql(last, params=_bound(cur, last, params)).to_arrow_reader(batch_rows)


def _bound(cur, text: str, params: dict) -> dict | None:
    names = cur.extract_statements(text)[0].named_parameters
    missing = sorted(name for name in names if name not in params)
    if missing:
        raise QueryFailed("Valeur à donner au paramètre : " + ", ".join("$" + n for n in missing))
    return {name: params[name] for name in names} or None


def _first_rows(reader, wanted: int) -> pl.DataFrame:
    batches, rows = [], 0
    while rows < wanted:
        batch = _next_batch(reader)
        if batch is None:
            break
        batches.append(batch)
        rows += batch.num_rows
    return pl.from_arrow(pa.Table.from_batches(batches, schema=reader.schema)).head(wanted)


def _read_on(reader):
    """The next batch of an export, past the time limit: DuckDB's error said in its words."""
    try:
        return _next_batch(reader)
    except (duckdb.Error, pa.ArrowException) as exc:
        raise QueryFailed(first_line(exc)) from None


def _next_batch(reader):
    try:
        return reader.read_next_batch()
    except StopIteration:
        return None


def _log(database, actor, entry, started, rows=None, truncated=False, error=None) -> float:
    """One console_log row on the main base (caches stay valid); the seconds taken."""
    seconds = round(time.monotonic() - started, 4)
    values = {
        **entry,
        "params": None if entry["params"] is None else json.dumps(entry["params"], default=str),
        "at": clock.now(),
        "username": actor.username,
        "seconds": seconds,
        "rows": rows,
        "truncated": truncated,
        "refused": isinstance(error, QueryRefused),
        "error": None if error is None else str(error),
    }
    with database.transaction(changes_data=False) as cur:
        cur.execute(
            "INSERT INTO console_log (occurred_at, username, purpose, sql, params, seconds,"
            " rows, truncated, refused, error) VALUES ($at, $username, $purpose, $sql,"
            " $params, $seconds, $rows, $truncated, $refused, $error)",
            values,
        )
    log_sql(database, actor.username, entry["purpose"], entry["sql"], rows, error)
    return seconds


# What the screen shows beside the editor -----------------------------------------------


def history(database, actor: Actor, limit: int = 50, offset: int = 0) -> pl.DataFrame:
    """A page of the person's last queries, newest first."""
    return queries.run(
        database, "console/history", username=actor.username, limit=limit, offset=offset
    )


def count_history(database, actor: Actor) -> int:
    """How many queries the person has run (their history's length)."""
    found = queries.run(database, "console/history_count", username=actor.username)
    return int(found["total"][0])


def schema(database) -> pl.DataFrame:
    """The analytics file's columns: table, column, type, description (COMMENT ON)."""
    with readonly_cursor(*_file_and_config(database)) as cur:
        return cur.sql(queries.all_queries()["console/schema"].sql).pl()


def kpi_examples() -> list[tuple[str, str]]:
    """The indicators' SQL files, offered read-only as examples: (title, SQL)."""
    from queries.kpi import registry

    return [(kpi.title, kpi.sql) for kpi in registry()]

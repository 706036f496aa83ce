"""Helpers of the benchmarks: demo databases made once per size and schema version and kept
in a cache folder, their SQLite copy, bounded repeated timings, progress on stderr.

A database is named by its size and the schema version (the last migration and a digest of
the migrations and of the demo generator): a change to either makes a new file. Each file
is written under a temporary name and renamed once whole, so that a run stopped midway
never leaves a file that a later run would take for finished.

The SQLite copy holds every table (through Arrow batches: dates as ISO text, timestamps as
'YYYY-MM-DD HH:MM:SS', booleans as 0/1, decimals as REAL, the rest as text) and the views
(transpiled by sqlglot); `id` is the INTEGER PRIMARY KEY, every `*_id` column and every date
column has an index, then ANALYZE: a fair baseline for the same SQL.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import sqlglot  # noqa: E402

from bench.run import in_child, spaced  # noqa: E402
from db.connection import close_database, open_database  # noqa: E402
from db.migrate import migration_files  # noqa: E402

CACHE = Path(os.environ.get("HABITER_BENCH_CACHE", "/tmp/habiter-bench-dashboard"))
RAW_CONFIG = {"allocator_background_threads": True}  # the app's: one instance per file
CASE_BUDGET_S = 20.0  # a case stops repeating once its runs took this long
BATCH = 100_000


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the databases, made once per size and schema version ---------------------------------


def schema_version() -> str:
    """The last migration's number and a digest of the migrations and the demo generator."""
    digest = hashlib.sha1()
    files = [file for _, _, file in migration_files()]
    files += sorted((ROOT / "db" / "demo").glob("*.py"))
    for file in files:
        digest.update(file.name.encode() + file.read_bytes())
    return f"{migration_files()[-1][0]:03d}-{digest.hexdigest()[:8]}"


def database_path(households: int, folder: Path = CACHE) -> Path:
    return folder / f"demo-{households}-schema{schema_version()}.duckdb"


def sqlite_path(path: Path) -> Path:
    return path.with_suffix(".sqlite")


class Ticker:
    """Prints the elapsed time of a long step every `every` seconds."""

    def __init__(self, label: str, every: float = 30.0):
        self.label, self.every, self.start = label, every, time.perf_counter()
        self.done = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while not self.done.wait(self.every):
            say(f"    … {self.label}: {time.perf_counter() - self.start:.0f} s")

    def stop(self) -> float:
        self.done.set()
        return time.perf_counter() - self.start


def generate(path: str, households: int) -> float:
    """A demo database of `households` at `path`; seconds taken."""
    from db.demo.generate import create_demo_database

    database = open_database(path, create=True)
    ticker = Ticker(f"demo generation, {spaced(households)} households")

    def progress(done: int, total: int) -> None:
        say(f"    households {spaced(done)} / {spaced(total)}")

    create_demo_database(database, households=households, seed=42, progress=progress)
    close_database(path)  # checkpoints: the file is whole once closed
    return ticker.stop()


def sqlite_type(duck_type: str) -> tuple[str, str]:
    """The SQLite column type, and the DuckDB expression that converts `{}` to it."""
    upper = duck_type.upper()
    if upper == "BOOLEAN":
        return "INTEGER", "CAST({} AS INTEGER)"
    if upper == "DATE":
        return "TEXT", "CAST({} AS VARCHAR)"
    if upper.startswith("TIMESTAMP"):
        return "TEXT", "strftime({}, '%Y-%m-%d %H:%M:%S')"
    if upper.startswith(("DECIMAL", "DOUBLE", "FLOAT", "REAL", "NUMERIC")):
        return "REAL", "CAST({} AS DOUBLE)"
    if upper in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT"):
        return "INTEGER", "{}"
    if upper in ("USMALLINT", "UINTEGER", "UBIGINT"):
        return "INTEGER", "{}"
    if upper == "BLOB":
        return "BLOB", "{}"
    return "TEXT", "CAST({} AS VARCHAR)"  # VARCHAR, enums, UUID, JSON, lists as text


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def copy_table(cur, lite: sqlite3.Connection, table: str) -> int:
    columns = cur.execute(
        "SELECT column_name, data_type FROM duckdb_columns()"
        " WHERE schema_name = 'main' AND table_name = $t ORDER BY column_index",
        {"t": table},
    ).fetchall()
    definitions, selected, indexed = [], [], []
    for name, duck_type in columns:
        kind, expression = sqlite_type(duck_type)
        primary = name == "id" and kind == "INTEGER"
        definitions.append(f"{quoted(name)} {kind}{' PRIMARY KEY' if primary else ''}")
        selected.append(expression.format(quoted(name)) + " AS " + quoted(name))
        dated = duck_type.upper() == "DATE" or duck_type.upper().startswith("TIMESTAMP")
        if not primary and (name.endswith("_id") or dated):
            indexed.append(name)
    create = f"CREATE TABLE {quoted(table)} ({', '.join(definitions)})"
    lite.execute(create)
    marks = ", ".join("?" * len(columns))
    insert = f"INSERT INTO {quoted(table)} VALUES ({marks})"
    select = f"SELECT {', '.join(selected)} FROM {quoted(table)}"
    reader = cur.sql(select).to_arrow_reader(BATCH)
    rows = 0
    for batch in reader:
        lite.executemany(insert, zip(*(c.to_pylist() for c in batch.columns), strict=True))
        rows += batch.num_rows
    for name in indexed:
        index = f"CREATE INDEX {quoted(f'{table}_{name}_idx')} ON {quoted(table)} ({quoted(name)})"
        lite.execute(index)
    return rows


def build_sqlite(path: str, target: str) -> float:
    """The SQLite copy of every table and view of the DuckDB file; seconds taken."""
    ticker = Ticker("SQLite copy")
    raw = duckdb.connect(path, config=RAW_CONFIG)
    cur = raw.cursor()
    lite = sqlite3.connect(target)
    lite.execute("PRAGMA journal_mode = OFF")
    lite.execute("PRAGMA synchronous = OFF")
    tables = cur.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1"
    ).fetchall()
    for (table,) in tables:
        rows = copy_table(cur, lite, table)
        lite.commit()
        if rows >= BATCH:
            say(f"    SQLite copy: {table}, {spaced(rows)} rows")
    views = cur.execute(
        "SELECT view_name, sql FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal"
    ).fetchall()
    for name, sql in views:
        try:
            lite.execute(sqlglot.transpile(sql, read="duckdb", write="sqlite")[0])
        except (sqlglot.errors.SqlglotError, sqlite3.Error) as exc:
            say(f"    SQLite copy: view {name} left out ({exc})")
    lite.execute("ANALYZE")
    lite.commit()
    lite.close()
    cur.close()
    raw.close()
    return ticker.stop()


def ensure_databases(
    households: int, folder: Path = CACHE, child: bool = True, with_sqlite: bool = True
) -> Path:
    """The size's DuckDB file and its SQLite copy, made unless already in `folder`.

    Each is written under a temporary name and renamed once whole, so a run stopped
    midway never leaves a file that a later run would take for finished."""
    folder.mkdir(parents=True, exist_ok=True)
    path = database_path(households, folder)
    work = in_child if child else (lambda function, *args: function(*args))
    if not path.exists():
        partial = path.with_name(path.name + ".part")
        for stale in (partial, Path(str(partial) + ".wal")):
            stale.unlink(missing_ok=True)
        say(f"  generating {spaced(households)} households into {path}")
        seconds = work(generate, str(partial), households)
        partial.rename(path)
        say(f"  generated in {seconds:.0f} s")
    lite = sqlite_path(path)
    if with_sqlite and not lite.exists():
        partial = lite.with_name(lite.name + ".part")
        partial.unlink(missing_ok=True)
        say(f"  copying to SQLite: {lite}")
        seconds = work(build_sqlite, str(path), str(partial))
        partial.rename(lite)
        say(f"  SQLite copy made in {seconds:.0f} s")
    return path


class Timer:
    """Runs of each case, bounded by CASE_BUDGET_S."""

    def __init__(self):
        self.times: dict[tuple[str, str], list[float]] = {}

    def run(self, case: str, engine: str, work) -> None:
        done = self.times.setdefault((case, engine), [])
        if sum(done) > CASE_BUDGET_S * 1000:
            return
        start = time.perf_counter()
        work()
        done.append((time.perf_counter() - start) * 1000)

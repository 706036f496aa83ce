"""Latency of saving one intake, p50 and p95, beside the same statements on raw DuckDB
and on SQLite.

    python bench/intake.py [--sizes 2000,200000] [--saves 60]

At each size, a copy of the cached demo database (bench/common.py) takes `saves` intakes
through `create_intake`, the function the intake form calls: validation is done once
before (the form's job), so what is timed is the transaction with its rules, audit rows and
search keys. Every statement the app ran is recorded, and replayed, transaction by
transaction, on a second copy through a bare DuckDB connection (the app's Python taken
away) and, translated by sqlglot, on the SQLite copy (the same rows, another engine). A
statement SQLite cannot run is counted and said. Writes bench/results/intake.rows.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import sqlglot  # noqa: E402

from bench import table  # noqa: E402
from bench.common import RAW_CONFIG, ensure_databases, say, sqlite_path  # noqa: E402
from bench.run import bench_intake, in_child  # noqa: E402
from db.connection import close_database, open_database  # noqa: E402
from db.households.writes import create_intake  # noqa: E402
from db.rules import Actor  # noqa: E402

DEFAULT_SIZES = (2_000, 200_000)
GOAL_MS = 200  # a save answers within the blink of a form's rerun


class Recorder:
    """A cursor that notes every statement, with its parameters, grouped by transaction."""

    def __init__(self, cursor, transactions: list[list]):
        self._cursor, self._transactions = cursor, transactions

    def begin(self):
        self._transactions.append([])
        return self._cursor.begin()

    def execute(self, sql, parameters=None, *args, **kwargs):
        if self._transactions:
            self._transactions[-1].append((sql, parameters))
        self._cursor.execute(sql, parameters, *args, **kwargs)
        return self

    def __getattr__(self, name):
        return getattr(self._cursor, name)


def interleaved(app_path: str, raw_path: str, lite_path: str, saves: int) -> dict:
    """Each intake saved through the app, then its statements replayed on raw DuckDB and on
    SQLite at once: the three share whatever else the machine is doing."""
    database = open_database(app_path)
    transactions: list[list] = []
    opened = database._open_cursor  # the one door every cursor of the app goes through
    database._open_cursor = lambda: (lambda found: (found[0], Recorder(found[1], transactions)))(
        opened()
    )
    raw = duckdb.connect(raw_path, config=RAW_CONFIG)
    lite = SqliteReplay(lite_path)
    intake, actor = bench_intake(), Actor.system("bench")
    times: dict[str, list[float]] = {"app": [], "raw": [], "sqlite": []}
    for _ in range(saves):
        done = len(transactions)
        start = time.perf_counter()
        create_intake(database, actor, intake)
        times["app"].append((time.perf_counter() - start) * 1000)
        times["raw"].append(raw_replay(raw, transactions[done:]))
        times["sqlite"].append(lite.replay(transactions[done:]))
    close_database(app_path)
    raw.close()
    kinds = {sql for statements in transactions for sql, _ in statements}
    return times | {"refused": len(lite.refused), "statements": len(kinds)}


def raw_replay(raw, transactions: list[list]) -> float:
    """The same statements, transaction by transaction, on a bare DuckDB connection; ms."""
    start = time.perf_counter()
    for statements in transactions:
        raw.begin()
        for sql, parameters in statements:
            raw.execute(sql, parameters).fetchall()
        raw.commit()
    return (time.perf_counter() - start) * 1000


def sqlite_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date | datetime):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, default=str)
    return value


class SqliteReplay:
    """The same statements translated by sqlglot; those SQLite cannot run are noted, skipped."""

    def __init__(self, path: str):
        self.lite = sqlite3.connect(path, isolation_level=None)
        self.translated: dict[str, str | None] = {}
        self.refused: set[str] = set()

    def translate(self, sql: str) -> str | None:
        if sql not in self.translated:
            try:
                self.translated[sql] = sqlglot.transpile(sql, read="duckdb", write="sqlite")[0]
            except sqlglot.errors.SqlglotError:
                self.translated[sql] = None
        return self.translated[sql]

    def replay(self, transactions: list[list]) -> float:
        start = time.perf_counter()
        for statements in transactions:
            self.lite.execute("BEGIN")
            for sql, parameters in statements:
                lite_sql = self.translate(sql)
                values = {k: sqlite_value(v) for k, v in (parameters or {}).items()}
                try:
                    if lite_sql is None:
                        raise sqlite3.OperationalError("untranslatable")
                    self.lite.execute(lite_sql, values).fetchall()
                except sqlite3.Error:
                    self.refused.add(sql)
            self.lite.execute("COMMIT")
        return (time.perf_counter() - start) * 1000


def measure(households: int, saves: int) -> dict:
    source = ensure_databases(households)
    with tempfile.TemporaryDirectory(prefix="habiter-bench-intake-") as folder:
        app_copy, raw_copy = Path(folder) / "app.duckdb", Path(folder) / "raw.duckdb"
        lite_copy = Path(folder) / "copy.sqlite"
        for target in (app_copy, raw_copy):
            shutil.copyfile(source, target)
        shutil.copyfile(sqlite_path(source), lite_copy)
        say(f"  {table.number(households, 0)} households: {saves} intakes through the app")
        found = in_child(interleaved, str(app_copy), str(raw_copy), str(lite_copy), saves)
    return found | {"households": households}


def rows(result: dict) -> list[table.Row]:
    sqlite_cell = table.p50_p95(result["sqlite"])
    if result["refused"]:
        sqlite_cell += (
            f", {result['refused']} instruction(s) sur {result['statements']} non traduites"
        )
    p95 = table.percentile(result["app"], 95)
    return [
        table.Row(
            measure=f"enregistrer un accueil (create_intake, {len(result['app'])} fois)",
            households=result["households"],
            habiter=table.p50_p95(result["app"]),
            duckdb=table.p50_p95(result["raw"]),
            sqlite=sqlite_cell,
            goal=table.verdict(p95 < GOAL_MS, f"p95 < {GOAL_MS} ms"),
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--saves", type=int, default=60)
    args = parser.parse_args()
    found = []
    for size in sorted(int(size) for size in args.sizes.split(",")):
        result = measure(size, args.saves)
        found += rows(result)
        say(f"  {found[-1].measure}: {found[-1].habiter} / raw {found[-1].duckdb}")
    print(table.save("intake", found))


if __name__ == "__main__":
    main()

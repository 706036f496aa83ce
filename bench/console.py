"""The SQL console's overhead: a query through run_query beside the same on a raw DuckDB
connection of the same analytics file.

    python bench/console.py [--households 200000] [--repeat 7]

A copy of the demo database that bench/dashboard.py keeps in CACHE (made by
bench/common.py when there is none), its analytics file rebuilt (db.analytics.build), then
for each query below, interleaved, median of --repeat runs:

- `console`: db.analytics.console.run_query (parser check and tree walk, the time limit's
  timer, Arrow batches into polars, the row cap, the console_log row on the main base);
- `raw`: the same SQL on a cursor of a plain `duckdb.connect` of the analytics file
  (`.pl()`). It takes the console's configuration (one thread, 1 GB): DuckDB refuses a
  second instance of a file with another configuration in one process, and the same
  engine settings on both sides leave only the console's own work in the difference.

Each query returns fewer rows than the cap, so both sides fetch the same rows. Prints a
table (query × side, ms, overhead %), the goal (under 10 % overhead), reported, never
asserted; writes bench/results/console.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from bench import table as one_table  # noqa: E402
from bench.common import CACHE, ensure_databases, say  # noqa: E402
from bench.run import in_child, spaced  # noqa: E402
from db.analytics import build  # noqa: E402
from db.analytics.console import CONSOLE_CONFIG, run_query  # noqa: E402
from db.connection import close_all, open_database  # noqa: E402
from db.migrate import migration_files  # noqa: E402
from db.rules import Actor  # noqa: E402

WORK = Path("/tmp/habiter-bench-console")
RESULTS = ROOT / "bench" / "results" / "console.json"
GOAL = 0.10
ANALYST = Actor("bench-analyste", "Analyste", frozenset({"analyste"}))
QUERIES = {
    "households by commune": (
        "SELECT commune, count(*) AS households FROM household GROUP BY commune"
        " ORDER BY households DESC"
    ),
    "persons by family type": (
        "SELECT h.family_type, count(*) AS persons, count(DISTINCT h.id) AS households"
        " FROM person AS p JOIN household AS h ON h.id = p.household_id"
        " GROUP BY h.family_type ORDER BY persons DESC"
    ),
    "opened per month": (
        "SELECT date_trunc('month', opened_on) AS month, count(*) AS opened FROM household"
        " WHERE opened_on IS NOT NULL GROUP BY ALL ORDER BY month"
    ),
    "5 000 rows": "SELECT * FROM household ORDER BY id LIMIT 5000",
}


def cached_database(households: int) -> Path:
    """The newest cached demo file of this size whose schema is not ahead of ours."""
    current = migration_files()[-1][0]
    found = [
        (int(path.name.split("schema")[1][:3]), path.stat().st_mtime, path)
        for path in CACHE.glob(f"demo-{households}-schema*.duckdb")
    ]
    found = [item for item in found if item[0] <= current]
    return max(found)[2] if found else ensure_databases(households)


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def measure(households: int, repeat: int) -> dict:
    WORK.mkdir(exist_ok=True)
    copy = WORK / f"demo-{households}.duckdb"
    for old in WORK.glob(f"demo-{households}*"):
        old.unlink()
    shutil.copyfile(cached_database(households), copy)
    database = open_database(copy)
    info = build.rebuild(database, salt="bench-salt")
    raw = duckdb.connect(str(info.path), read_only=True, config=dict(CONSOLE_CONFIG))
    results = {}
    for name, sql in QUERIES.items():
        run_query(database, ANALYST, sql, row_cap=10_000, time_limit=600)  # warm both
        raw.cursor().sql(sql).pl()
        console_ms, raw_ms = [], []
        for _ in range(repeat):
            console_ms.append(
                timed(lambda s=sql: run_query(database, ANALYST, s, row_cap=10_000, time_limit=600))
            )
            cur = raw.cursor()
            raw_ms.append(timed(lambda s=sql, c=cur: c.sql(s).pl()))
            cur.close()
        console, bare = statistics.median(console_ms), statistics.median(raw_ms)
        results[name] = {
            "console_ms": round(console, 2),
            "raw_ms": round(bare, 2),
            "overhead": round(console / bare - 1, 3),
        }
    raw.close()
    close_all()
    for old in WORK.glob(f"demo-{households}*"):
        old.unlink()
    return {"households": households, "repeat": repeat, "queries": results}


def table(result: dict) -> str:
    rows = [("query", "console ms", "raw ms", "overhead")]
    for name, r in result["queries"].items():
        rows.append((name, f"{r['console_ms']:.1f}", f"{r['raw_ms']:.1f}", f"{r['overhead']:+.0%}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    say(f"SQL console at {spaced(args.households)} households")
    result = in_child(measure, args.households, args.repeat)
    print(table(result))
    overheads = [r["overhead"] for r in result["queries"].values()]
    median = statistics.median(overheads)
    verdict = "kept" if median < GOAL else "MISSED"
    print(f"goal: console under {GOAL:.0%} overhead; median overhead {median:+.1%} ({verdict})")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    one_table.save("console", table_rows(result))


# The queries in bench/README.md's words.
FRENCH_QUERIES = {
    "households by commune": "ménages par commune",
    "persons by family type": "personnes par type de famille",
    "opened per month": "ouvertures par mois",
    "5 000 rows": "5 000 lignes affichées",
}


def table_rows(result: dict) -> list[one_table.Row]:
    """Each query through the console (guard, limits, log) beside the raw copy."""
    return [
        one_table.Row(
            f"requête : {FRENCH_QUERIES.get(name, name)}",
            result["households"],
            one_table.ms(r["console_ms"]),
            one_table.ms(r["raw_ms"]),
            goal=f"surcoût {one_table.number(r['overhead'] * 100, 0)} %",
        )
        for name, r in result["queries"].items()
    ]


if __name__ == "__main__":
    main()

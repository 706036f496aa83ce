"""Timings of the support reads at several data sizes, beside the same SQL run raw.

    python bench/support.py [--sizes 10000,200000] [--repeat 5]

For each size, a demo database (households and their support records, db/demo) in a
temporary folder, then, in one process, `--repeat` rounds of:

- « À traiter » for one worker (`social`, about a third of the files):
  db/support/reports.to_do(database, "social", today), as the screen reads it;
- « Actions et solutions trouvées » for last calendar year:
  db/support/reports.actions_summary(database, 1 January, 31 December);
- beside each, on a raw DuckDB cursor of `duckdb.connect(path)`, with the same parameter
  values, fetched the same way (`.pl()`, a polars frame): the same main query
  (queries/support/to_do.sql, actions_summary.sql), and every query the app runs for the
  screen (to_do also reads three settings, actions_summary also the catalogue of kinds);
- for the actions table only, SQLite: the same main query and parameters on a copy of the
  four tables it reads (same household_id indexes), `fetchall()`. The « À traiter » SQL
  uses DuckDB functions (to_months, lists) with no SQLite equivalent: no SQLite row.

Runs are interleaved (app, raw, app, raw…) so that the machine's noise falls on both.
The raw connection opens the same file with the app's configuration (DuckDB refuses a
second configuration for one file in a process), so both share one buffer pool.
Prints a Markdown table (median and max in ms, first run cold) and writes it to
bench/results/support.md. Aims: both reads under 100 ms, within 1.2x of raw DuckDB.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

import queries  # noqa: E402
from bench import table as one_table  # noqa: E402
from bench.run import generate, header, in_child, markdown, peak_rss_mb, spaced  # noqa: E402
from db import catalog, clock  # noqa: E402
from db.connection import close_database, open_database  # noqa: E402
from db.settings import get_setting  # noqa: E402
from db.support import reports  # noqa: E402

DEFAULT_SIZES = (10_000, 200_000)
RESULTS = ROOT / "bench" / "results" / "support.md"
WORKER = "social"
AIM_MS, AIM_RATIO = 100.0, 1.2
TO_DO = "À traiter, one worker (reports.to_do)"
SUMMARY = "Actions et solutions trouvées, last year (reports.actions_summary)"
APP = ": the app"
RAW = ": raw DuckDB, the same main query (.pl())"
RAW_ALL = ": raw DuckDB, every query the app runs for it (.pl())"
SQLITE = ": SQLite, the same main query (fetchall)"
SETTINGS = ("to_do_horizon_days", "measure_review_months", "fsl_decision_wait_months")
# The tables actions_summary reads, copied to SQLite with the same index.
SQLITE_TABLES = {
    "mediation": ("counterpart", "mediation_on"),
    "debt_plan": ("start_on",),
    "fsl_application": ("kind", "submitted_on", "status"),
    "support_action": ("kind", "action_on"),
}
COUNTS = (
    "SELECT (SELECT count(*) FROM support_measure), (SELECT count(*) FROM measure_review),"
    " (SELECT count(*) FROM eviction_stage), (SELECT count(*) FROM mediation)"
    " + (SELECT count(*) FROM debt_plan) + (SELECT count(*) FROM fsl_application)"
    " + (SELECT count(*) FROM support_action)"
)


def to_do_params(database, today: date) -> dict:
    """What reports.to_do binds, read once (the raw run does not read settings)."""
    return {
        "referent": WORKER,
        "today": today,
        "horizon_days": get_setting(database, "to_do_horizon_days"),
        "review_months": get_setting(database, "measure_review_months"),
        "fsl_wait_months": get_setting(database, "fsl_decision_wait_months"),
        "stages": list(catalog.EVICTION_STAGE),
        "stage_labels": list(catalog.EVICTION_STAGE.values()),
        "limit": None,  # the whole list, as reports.to_do reads it by default
        "offset": 0,
    }


def sqlite_copy(cur, folder: Path) -> sqlite3.Connection:
    """The tables actions_summary reads, in a SQLite file (dates as ISO text)."""
    lite = sqlite3.connect(folder / "support.sqlite")
    for table, columns in SQLITE_TABLES.items():
        names = ", ".join(("household_id", *columns))
        lite.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, " + names + ")")
        lite.execute("CREATE INDEX " + table + "_household_idx ON " + table + " (household_id)")
        rows = [
            tuple(value.isoformat() if isinstance(value, date) else value for value in row)
            for row in cur.execute("SELECT id, " + names + " FROM " + table).fetchall()
        ]
        marks = ", ".join("?" * (len(columns) + 2))
        lite.executemany("INSERT INTO " + table + " VALUES (" + marks + ")", rows)
    lite.commit()
    return lite


def timed_once(work) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def measure(path: str, repeat: int) -> dict:
    """Every timing of one size, interleaved; runs in a process of its own."""
    database = open_database(path)
    today = clock.today()
    start, end = date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    queries.run(database, "support/catalog", list="action_kind")  # one-off imports, untimed
    raw = duckdb.connect(path, config={"allocator_background_threads": True}).cursor()
    sql = {name: query.sql for name, query in queries.all_queries().items()}
    todo_params = to_do_params(database, today)
    summary_params = {"start": start, "end": end}

    def raw_run(name: str, params: dict):
        return raw.sql(sql[name], params=params).pl()

    def raw_to_do_all():  # reports.to_do reads three settings, then its query
        for key in SETTINGS:
            raw_run("settings/value", {"key": key})
        return raw_run("support/to_do", todo_params)

    def raw_summary_all():  # reports.actions_summary reads the counts and the catalogue
        raw_run("support/catalog", {"list": "action_kind"})
        return raw_run("support/actions_summary", summary_params)

    with tempfile.TemporaryDirectory(prefix="habiter-sqlite-") as folder:
        lite = sqlite_copy(raw, Path(folder))
        lite_params = {"start": start.isoformat(), "end": end.isoformat()}
        summary_sql = sql["support/actions_summary"]
        works = {
            TO_DO + APP: lambda: reports.to_do(database, WORKER, today),
            TO_DO + RAW: lambda: raw_run("support/to_do", todo_params),
            TO_DO + RAW_ALL: raw_to_do_all,
            SUMMARY + APP: lambda: reports.actions_summary(database, start, end),
            SUMMARY + RAW: lambda: raw_run("support/actions_summary", summary_params),
            SUMMARY + RAW_ALL: raw_summary_all,
            SUMMARY + SQLITE: lambda: lite.execute(summary_sql, lite_params).fetchall(),
        }
        times = {label: [] for label in works}
        for _ in range(repeat):
            for label, work in works.items():
                times[label].append(timed_once(work))
        same = same_results(database, works, todo_params, summary_params)
        lite.close()
    with database.reading() as cur:
        counts = cur.execute(COUNTS).fetchone()
    shown = reports.to_do(database, WORKER, today)
    raw.close()
    close_database(path)
    return {
        "times": times,
        "same": same,
        "rows": {
            "to_do items (overdue)": f"{shown.height} ({shown['overdue'].sum()})",
            "measures / reviews / eviction stages": " / ".join(spaced(c) for c in counts[:3]),
            "mediations + debt plans + FSL + actions": spaced(counts[3]),
        },
        "rss": peak_rss_mb(),
    }


def same_results(database, works: dict, todo_params: dict, period: dict) -> str:
    """Whether each baseline returned the rows the app's query returned."""
    app_todo = queries.run(database, "support/to_do", **todo_params)
    app_summary = queries.run(database, "support/actions_summary", **period)
    checks = {
        "to_do, raw DuckDB": app_todo.equals(works[TO_DO + RAW]())
        and app_todo.equals(works[TO_DO + RAW_ALL]()),
        "actions, raw DuckDB": app_summary.equals(works[SUMMARY + RAW]())
        and app_summary.equals(works[SUMMARY + RAW_ALL]()),
        "actions, SQLite": sorted(app_summary.rows()) == sorted(works[SUMMARY + SQLITE]()),
    }
    return "; ".join(f"{name}: {'same' if ok else 'DIFFERS'}" for name, ok in checks.items())


def cell(times: list[float]) -> str:
    return f"{statistics.median(times):.1f} ({max(times):.1f})"


def size_cells(result: dict) -> dict[str, str]:
    times, cells = result["times"], {}
    for read in (TO_DO, SUMMARY):
        app = statistics.median(times[read + APP])
        for label in (APP, RAW, RAW_ALL, SQLITE):
            if read + label in times:
                cells[read + label] = cell(times[read + label])
        for label, against in ((RAW, "the main query"), (RAW_ALL, "every query")):
            ratio = app / statistics.median(times[read + label])
            met = app < AIM_MS and ratio <= AIM_RATIO
            cells[f"{read}: app / raw, {against} (aim < {AIM_MS:.0f} ms, ≤ {AIM_RATIO}x)"] = (
                f"{ratio:.2f}x, {'met' if met else 'NOT met'}"
            )
    cells.update(result["rows"])
    cells["baselines return the app's rows"] = result["same"]
    cells["peak RSS (MB)"] = f"{result['rss']:.0f}"
    return cells


# The reads in bench/README.md's words.
TABLE_NAMES = {
    TO_DO: "« À traiter » d'un·e référent·e (reports.to_do)",
    SUMMARY: "actions et solutions trouvées, l'an dernier (reports.actions_summary)",
}


def table_rows(households: int, times: dict) -> list[one_table.Row]:
    """Each read: the app, every query it runs on raw DuckDB, SQLite where it has a copy."""
    rows = []
    for read, name in TABLE_NAMES.items():
        app = statistics.median(times[read + APP])
        raw = statistics.median(times[read + RAW_ALL])
        lite = times.get(read + SQLITE)
        met = app < AIM_MS and app <= AIM_RATIO * raw
        rows.append(
            one_table.Row(
                name,
                households,
                one_table.ms(app),
                one_table.ms(raw),
                one_table.ms(statistics.median(lite)) if lite else "",
                one_table.verdict(met, "< 100 ms, ≤ 1,2 × DuckDB"),
            )
        )
    return rows


def measure_size(households: int, repeat: int) -> tuple[dict[str, str], list[one_table.Row]]:
    with tempfile.TemporaryDirectory(prefix="habiter-bench-support-") as folder:
        path = str(Path(folder) / "bench.duckdb")
        made = in_child(generate, path, households)
        result = in_child(measure, path, repeat)
    cells = {"demo generation with support records (s)": f"{made['ms'] / 1000:.0f}"}
    return cells | size_cells(result), table_rows(households, result["times"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    bare_rss = peak_rss_mb()
    columns, rows = {}, []
    for size in sizes:
        print(f"… {spaced(size)} households (support reads)", file=sys.stderr, flush=True)
        columns[size], size_rows = measure_size(size, args.repeat)
        rows += size_rows
    table = f"{header(args.repeat, bare_rss)}\n\n" + markdown(sizes, columns)
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table, encoding="utf-8")
    one_table.save("support", rows)


if __name__ == "__main__":
    main()

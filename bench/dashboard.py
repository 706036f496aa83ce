"""Timings of the dashboard: every KPI query and the whole screen, beside raw DuckDB and SQLite.

    python bench/dashboard.py [--sizes 2000,200000,1000000] [--repeat 5] [--without-sqlite]

For each size, a demo database (db/demo: households, support and housing records) and a
SQLite copy of the same data with indexes on its foreign keys and dates, each made once and
kept in CACHE, named by size and schema version (bench/common.py). Then, in a process of
its own per size:

- each KPI of queries/kpi/ (whatever the registry holds when run), on the period's first
  window (last calendar year, periods.year), no filter: engine `habiter` is queries.run;
  `duckdb` is the same SQL and parameters on a raw cursor of the same file
  (`.to_arrow_table()`); `sqlite` is the same SQL transpiled by sqlglot (duckdb → sqlite)
  on the SQLite copy (`fetchall()`). Median of --repeat runs, engines interleaved.
- case `dashboard`: engine `habiter` is ui.dashboard.data.results (every KPI on the period
  and on the previous one, as the screen computes them) right after st.cache_data.clear()
  and st.cache_resource.clear() (the screen keeps its figures in one or the other, by data
  version); case `dashboard_warm` the same call again, served from the cache (once the
  cold case is over its budget, the caches are no longer cleared: seen at 1 000 000, a
  « warm » of 10.9 s that was a cold computation);
  engines `duckdb` and `sqlite` run the same set of queries raw.

A KPI that fails on SQLite (transpile, run, or over QUERY_TIMEOUT_S) gets `median_ms: null`
and an `error`, and is left out of SQLite's dashboard (said in its `error`). A case whose
runs exceed CASE_BUDGET_S stops repeating (at least one run; the table says how many).
Before timing, one untimed pass checks that the three engines give each KPI the same
figure (queries.kpi.figure). Prints a table (case × engine, ms per size), the dashboard's
ratios against the goals, the slowest KPI, each size's peak RSS; writes
bench/results/dashboard.json (records: case, households, engine, median_ms, optional error,
peak_mb) and its rows of bench/README.md's table.

`--without-sqlite`: Habiter and raw DuckDB only, no SQLite copy made (a quick look at the
big sizes, where the copy and SQLite's runs take minutes); prints, writes nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sqlite3
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import polars as pl  # noqa: E402
import sqlglot  # noqa: E402

import queries  # noqa: E402
import queries.kpi as kpis  # noqa: E402
from bench import table as one_table  # noqa: E402
from bench.common import (  # noqa: E402
    CACHE,
    CASE_BUDGET_S,
    RAW_CONFIG,
    Timer,
    ensure_databases,
    say,
    sqlite_path,
)
from bench.dashboard_report import DASHBOARD, WARM, summary, table, table_rows  # noqa: E402
from bench.run import in_child, peak_rss_mb, spaced  # noqa: E402
from db import clock  # noqa: E402
from db.connection import close_database, open_database  # noqa: E402
from queries.kpi import periods  # noqa: E402

DEFAULT_SIZES = (2_000, 200_000, 1_000_000)
RESULTS = ROOT / "bench" / "results" / "dashboard.json"
ENGINES = ("habiter", "duckdb", "sqlite")
QUERY_TIMEOUT_S = 60.0  # a SQLite query stopped after this: recorded as an error


# --- the timings of one size ----------------------------------------------------------------


def the_period(today: date) -> tuple[periods.Period, date]:
    """Last calendar year (compared with the year before), and the cumulative tiles' start."""
    return periods.year(today.year - 1, today), date(today.year - 5, 1, 1)


def kpi_params(start: date, end: date, since: date) -> dict:
    return {"start": start, "end": end, "since": since, **kpis.Filters().as_params()}


def lite_value(value):
    return value.isoformat() if isinstance(value, date) else value


class Engines:
    """The three ways of running a KPI's SQL on one size's data."""

    def __init__(self, path: Path, used: tuple[str, ...] = ENGINES):
        self.used = used
        self.database = open_database(path)
        self.raw = duckdb.connect(str(path), config=RAW_CONFIG).cursor()
        self.lite = sqlite3.connect(sqlite_path(path) if "sqlite" in used else ":memory:")
        self.deadline = math.inf
        self.lite.set_progress_handler(lambda: int(time.perf_counter() > self.deadline), 10_000)
        self.transpiled: dict[str, str] = {}
        self.errors: dict[str, str] = {}  # SQLite's failures, by KPI name

    def close(self) -> None:
        self.lite.close()
        self.raw.close()
        close_database(self.database.path)

    def habiter(self, kpi: kpis.Kpi, params: dict) -> pl.DataFrame:
        return queries.run(self.database, kpi.name, **params)

    def duckdb(self, kpi: kpis.Kpi, params: dict):
        bound = {key: params[key] for key in kpi.params}  # DuckDB refuses unused ones
        return self.raw.sql(kpi.sql, params=bound or None).to_arrow_table()

    def sqlite(self, kpi: kpis.Kpi, params: dict) -> tuple[list[str], list[tuple]]:
        if kpi.name not in self.transpiled:
            self.transpiled[kpi.name] = sqlglot.transpile(kpi.sql, read="duckdb", write="sqlite")[0]
        self.deadline = time.perf_counter() + QUERY_TIMEOUT_S
        try:
            cursor = self.lite.execute(
                self.transpiled[kpi.name], {key: lite_value(v) for key, v in params.items()}
            )
            rows = cursor.fetchall()
        except sqlite3.OperationalError as exc:
            if time.perf_counter() > self.deadline:
                raise TimeoutError(f"stopped after {QUERY_TIMEOUT_S:.0f} s") from exc
            raise
        finally:
            self.deadline = math.inf
        return [column[0] for column in cursor.description], rows

    def frame(self, engine: str, kpi: kpis.Kpi, params: dict) -> pl.DataFrame:
        """The engine's rows as a polars frame, for the figures' comparison."""
        if engine == "habiter":
            return self.habiter(kpi, params)
        if engine == "duckdb":
            return pl.from_arrow(self.duckdb(kpi, params))
        columns, rows = self.sqlite(kpi, params)
        return pl.DataFrame(rows, schema=columns, orient="row")


def figures(engines: Engines, registry, params: dict) -> dict[str, dict[str, float | None]]:
    """Each KPI's card value on each engine; a SQLite failure goes to engines.errors."""
    found = {}
    for kpi in registry:
        found[kpi.name] = {}
        for engine in engines.used:
            try:
                found[kpi.name][engine] = kpis.figure(kpi, engines.frame(engine, kpi, params))
            except (sqlglot.errors.SqlglotError, sqlite3.Error, TimeoutError) as exc:
                if engine != "sqlite":
                    raise
                engines.errors[kpi.name] = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    return found


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def differences(found: dict) -> list[str]:
    """The KPIs whose figure differs between engines, said in a line each."""
    lines = []
    for name, values in found.items():
        reference = values["habiter"]
        for engine, value in values.items():
            if not same(reference, value):
                lines.append(f"{name}: habiter {reference}, {engine} {value}")
    return lines


def dashboard_raw(engines: Engines, engine: str, registry, windows, since: date) -> None:
    """The dashboard's queries run raw: every KPI on each window of both periods."""
    run = getattr(engines, engine)
    for kpi in registry:
        if engine == "sqlite" and kpi.name in engines.errors:
            continue
        for start, end in windows:
            run(kpi, kpi_params(start, end, since))


def measure(path: str, households: int, repeat: int, used: tuple[str, ...] = ENGINES) -> dict:
    """Every timing of one size, interleaved; the records, the figures, the peak RSS."""
    # Outside `streamlit run`, each cache call warns that it found no runtime: expected here.
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")
    import streamlit as st

    from ui.dashboard.data import results

    st.logger.set_log_level("error")
    engines = Engines(Path(path), used)
    today = clock.today()
    period, since = the_period(today)
    registry = kpis.registry()
    (start, end), filters = period.windows()[0], kpis.Filters()
    params = kpi_params(start, end, since)
    windows = period.windows() + period.previous().windows()
    found = figures(engines, registry, params)  # untimed: imports, checks, SQLite's errors
    timer = Timer()
    for _ in range(repeat):
        for kpi in registry:
            timer.run(kpi.name, "habiter", lambda k=kpi: engines.habiter(k, params))
            timer.run(kpi.name, "duckdb", lambda k=kpi: engines.duckdb(k, params))
            if "sqlite" in used and kpi.name not in engines.errors:
                timer.run(kpi.name, "sqlite", lambda k=kpi: engines.sqlite(k, params))
        cold = timer.times.get((DASHBOARD, "habiter"), [])
        if sum(cold) <= CASE_BUDGET_S * 1000:  # else the caches stay: warm stays warm
            st.cache_data.clear()  # cold: neither the queries nor the whole view are cached
            st.cache_resource.clear()
        timer.run(DASHBOARD, "habiter", lambda: results(engines.database, period, filters, since))
        timer.run(WARM, "habiter", lambda: results(engines.database, period, filters, since))
        for engine in used[1:]:  # duckdb, and sqlite unless left out
            raw = lambda e=engine: dashboard_raw(engines, e, registry, windows, since)  # noqa: E731
            timer.run(DASHBOARD, engine, raw)
    errors = dict(engines.errors)
    engines.close()
    peak = peak_rss_mb()
    records = []
    for kpi in registry:
        for engine in used:
            records.append(record(timer, kpi.name, engine, households, errors.get(kpi.name)))
    left_out = ", ".join(sorted(errors))
    lite_note = f"leaves out the KPIs failing on SQLite: {left_out}" if left_out else None
    for case, engine in ((DASHBOARD, "habiter"), (WARM, "habiter"), (DASHBOARD, "duckdb")):
        records.append(record(timer, case, engine, households, None) | {"peak_mb": round(peak)})
    if "sqlite" in used:
        records.append(record(timer, DASHBOARD, "sqlite", households, None, lite_note))
        records[-1]["peak_mb"] = round(peak)
    runs = {f"{case} {engine}": len(times) for (case, engine), times in timer.times.items()}
    return {"records": records, "figures": found, "peak_mb": peak, "runs": runs}


def record(timer: Timer, case, engine, households, error, note=None) -> dict:
    """One row of results.json; a failed engine has no time and says why."""
    times = timer.times.get((case, engine), [])
    if error and engine == "sqlite":
        return {
            "case": case,
            "households": households,
            "engine": engine,
            "median_ms": None,
            "error": error,
        }
    entry = {
        "case": case,
        "households": households,
        "engine": engine,
        "median_ms": round(statistics.median(times), 2) if times else None,
    }
    if note:
        entry["error"] = note
    return entry


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--without-sqlite", action="store_true", help="Habiter and DuckDB only")
    args = parser.parse_args()
    used = ENGINES[:2] if args.without_sqlite else ENGINES
    sizes = sorted(int(size) for size in args.sizes.split(","))
    say(f"{len(kpis.registry())} KPIs in queries/kpi/; databases in {CACHE}")
    records, runs, peaks, diffs = [], {}, {}, {}
    for size in sizes:
        say(f"… {spaced(size)} households")
        path = ensure_databases(size, with_sqlite="sqlite" in used)
        say(f"  timing ({args.repeat} rounds)")
        result = in_child(measure, str(path), size, args.repeat, used)
        records += result["records"]
        runs[size], peaks[size] = result["runs"], result["peak_mb"]
        diffs[size] = differences(result["figures"])
        say(f"  peak RSS of the timing process: {result['peak_mb']:.0f} MB")
        if "sqlite" in used:  # a partial run never replaces the table's figures
            RESULTS.parent.mkdir(parents=True, exist_ok=True)
            RESULTS.write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n")
    print(
        f"{date.today()}, {len(os.sched_getaffinity(0))} CPU, DuckDB {duckdb.__version__},"
        f" SQLite {sqlite3.sqlite_version}, {len(kpis.registry())} KPIs; median ms of"
        f" {args.repeat} runs; KPI rows: last year, no filter; dashboard: every KPI on it"
        " and on the year before.\n"
    )
    print(table(records, runs, sizes, args.repeat))
    print()
    print(summary(records, sizes, peaks, diffs))
    if "sqlite" in used:
        one_table.save("dashboard", table_rows(records, sizes))


if __name__ == "__main__":
    main()

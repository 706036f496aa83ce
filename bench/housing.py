"""Timings of the housing reads at several data sizes, beside the same SQL run raw.

    python bench/housing.py [--sizes 10000,200000] [--repeat 5]

For each size, a demo database (households, support records, and the housing stock scaled
with them: a dwelling per nine households, db/demo/housing.py) in a temporary folder, then,
in one process, `--repeat` rounds of:

- occupancy and vacancy days of every dwelling for last calendar year:
  queries/housing/occupancy.sql through queries.run(database, …), as the app reads it;
- the capture funnel over last calendar year: queries/housing/funnel.sql, the same way;
- beside each, on a raw DuckDB cursor of `duckdb.connect(path)`, the same SQL with the
  same parameter values, fetched the same way (`.pl()`, a polars frame).

No SQLite row: both queries use DuckDB functions (date_diff, greatest/least, median with
FILTER) that SQLite lacks, so it would not be the same SQL.

Runs are interleaved (app, raw, app, raw…) so that the machine's noise falls on both.
The raw connection opens the same file with the app's configuration (DuckDB refuses a
second configuration for one file in a process), so both share one buffer pool.
Prints a Markdown table (median and max in ms, first run cold) and writes it to
bench/results/housing.md. Aims: both reads under 100 ms, within 1.2x of raw DuckDB.
"""

from __future__ import annotations

import argparse
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
from db import clock  # noqa: E402
from db.connection import close_database, open_database  # noqa: E402

DEFAULT_SIZES = (10_000, 200_000)
RESULTS = ROOT / "bench" / "results" / "housing.md"
AIM_MS, AIM_RATIO = 100.0, 1.2
READS = {
    "housing/occupancy": "Occupancy and vacancy days, last year (housing/occupancy)",
    "housing/funnel": "Capture funnel, last year (housing/funnel)",
}
APP = ": the app (queries.run)"
RAW = ": raw DuckDB, the same SQL (.pl())"
COUNTS = (
    "SELECT (SELECT count(*) FROM dwelling), (SELECT count(*) FROM lease),"
    " (SELECT count(*) FROM lease WHERE household_id IS NOT NULL),"
    " (SELECT count(*) FROM capture_lead), (SELECT count(*) FROM capture_stage_event)"
)


def timed_once(work) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def measure(path: str, repeat: int) -> dict:
    """Every timing of one size, interleaved; runs in a process of its own."""
    database = open_database(path)
    today = clock.today()
    period = {"start": date(today.year - 1, 1, 1), "end": date(today.year - 1, 12, 31)}
    queries.run(database, "housing/abandon_reasons", **period)  # one-off imports, untimed
    raw = duckdb.connect(path, config={"allocator_background_threads": True}).cursor()
    sql = {name: queries.all_queries()[name].sql for name in READS}
    works = {}
    for name, label in READS.items():
        works[label + APP] = lambda name=name: queries.run(database, name, **period)
        works[label + RAW] = lambda name=name: raw.sql(sql[name], params=period).pl()
    times = {label: [] for label in works}
    for _ in range(repeat):
        for label, work in works.items():
            times[label].append(timed_once(work))
    same = "; ".join(
        f"{name}: {'same' if works[label + APP]().equals(works[label + RAW]()) else 'DIFFERS'}"
        for name, label in READS.items()
    )
    occupancy = works[READS["housing/occupancy"] + APP]()
    with database.reading() as cur:
        counts = cur.execute(COUNTS).fetchall()[0]
    raw.close()
    close_database(path)
    rate = occupancy["stock_occupancy_rate"][0] if occupancy.height else None
    return {
        "times": times,
        "same": same,
        "rows": {
            "dwellings / leases (of households)": (
                f"{spaced(counts[0])} / {spaced(counts[1])} ({spaced(counts[2])})"
            ),
            "leads / stage moves": f"{spaced(counts[3])} / {spaced(counts[4])}",
            "occupancy rows (stock occupancy rate)": (
                f"{spaced(occupancy.height)} ({rate:.1%})" if rate is not None else "0"
            ),
        },
        "rss": peak_rss_mb(),
    }


def cell(times: list[float]) -> str:
    return f"{statistics.median(times):.1f} ({max(times):.1f})"


def size_cells(result: dict) -> dict[str, str]:
    times, cells = result["times"], {}
    for label in READS.values():
        cells[label + APP] = cell(times[label + APP])
        cells[label + RAW] = cell(times[label + RAW])
        app = statistics.median(times[label + APP])
        ratio = app / statistics.median(times[label + RAW])
        met = app < AIM_MS and ratio <= AIM_RATIO
        cells[f"{label}: app / raw (aim < {AIM_MS:.0f} ms, ≤ {AIM_RATIO}x)"] = (
            f"{ratio:.2f}x, {'met' if met else 'NOT met'}"
        )
    cells.update(result["rows"])
    cells["raw DuckDB returns the app's rows"] = result["same"]
    cells["peak RSS (MB)"] = f"{result['rss']:.0f}"
    return cells


# The reads in bench/README.md's words.
TABLE_NAMES = {
    "housing/occupancy": "occupation et jours de vacance, l'an dernier (housing/occupancy)",
    "housing/funnel": "entonnoir de captation, l'an dernier (housing/funnel)",
}


def table_rows(households: int, times: dict) -> list[one_table.Row]:
    rows = []
    for name, label in READS.items():
        app = statistics.median(times[label + APP])
        raw = statistics.median(times[label + RAW])
        met = app < AIM_MS and app <= AIM_RATIO * raw
        rows.append(
            one_table.Row(
                TABLE_NAMES[name],
                households,
                one_table.ms(app),
                one_table.ms(raw),
                "",
                one_table.verdict(met, "< 100 ms, ≤ 1,2 × DuckDB"),
            )
        )
    return rows


def measure_size(households: int, repeat: int) -> tuple[dict[str, str], list[one_table.Row]]:
    with tempfile.TemporaryDirectory(prefix="habiter-bench-housing-") as folder:
        path = str(Path(folder) / "bench.duckdb")
        made = in_child(generate, path, households)
        result = in_child(measure, path, repeat)
    cells = {"demo generation with support and housing (s)": f"{made['ms'] / 1000:.0f}"}
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
        print(f"… {spaced(size)} households (housing reads)", file=sys.stderr, flush=True)
        columns[size], size_rows = measure_size(size, args.repeat)
        rows += size_rows
    table = f"{header(args.repeat, bare_rss)}\n\n" + markdown(sizes, columns)
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table, encoding="utf-8")
    one_table.save("housing", rows)


if __name__ == "__main__":
    main()

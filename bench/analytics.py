"""Rebuild time of the pseudonymised analytics database, and the app's reads meanwhile.

    python bench/analytics.py [--sizes 200000,1000000] [--reads-for 5]

For each size, a copy of the demo database that bench/dashboard.py keeps in CACHE (any
schema up to the current one: opening the copy applies the missing migrations; made with
bench/common.py when there is none), in a process of its own:

- `read idle`: a small read of the app (one household's file: queries.run of
  households/header and households/members on a random household) repeated for
  --reads-for seconds, nothing else running;
- `rebuild`: db.analytics.build.rebuild on a thread of the same process (as the app's
  scheduler does), while the main thread repeats the same small read: `read during` is
  its latency meanwhile.

Prints a table (size × measure), the goal (rebuild under 30 s at 1 000 000 households,
reported, never asserted), and writes bench/results/analytics.json.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import queries  # noqa: E402
from bench import table as one_table  # noqa: E402
from bench.common import CACHE, ensure_databases, say  # noqa: E402
from bench.run import in_child, peak_rss_mb, spaced  # noqa: E402
from db.analytics import build  # noqa: E402
from db.connection import close_database, open_database  # noqa: E402
from db.migrate import migration_files  # noqa: E402

DEFAULT_SIZES = (200_000, 1_000_000)
WORK = Path("/tmp/habiter-bench-analytics")
RESULTS = ROOT / "bench" / "results" / "analytics.json"
GOAL_S = 30.0
SALT = "bench-salt"


def cached_database(households: int) -> Path:
    """The newest cached demo file of this size whose schema is not ahead of ours, else
    one made by bench/common.py."""
    current = migration_files()[-1][0]
    found = []
    for path in CACHE.glob(f"demo-{households}-schema*.duckdb"):
        number = int(path.name.split("schema")[1][:3])
        if number <= current:
            found.append((number, path.stat().st_mtime, path))
    if found:
        return max(found)[2]
    return ensure_databases(households)


def small_read(database, ids: list[int]) -> float:
    """One household's file as the app opens it; milliseconds."""
    household_id = random.choice(ids)
    start = time.perf_counter()
    queries.run(database, "households/header", **header_params(household_id))
    queries.run(database, "households/members", household_id=household_id)
    return (time.perf_counter() - start) * 1000


def header_params(household_id: int) -> dict:
    params = dict.fromkeys(queries.all_queries()["households/header"].params)
    return params | {"household_id": household_id}


def reads(database, ids, until) -> list[float]:
    found = []
    while not until():
        found.append(small_read(database, ids))
    return found


def summary(latencies: list[float]) -> dict:
    ordered = sorted(latencies)
    return {
        "reads": len(ordered),
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
        "max_ms": round(ordered[-1], 1),
    }


def measure(households: int, reads_for: float) -> dict:
    source = cached_database(households)
    WORK.mkdir(exist_ok=True)
    copy = WORK / f"demo-{households}.duckdb"
    for old in WORK.glob(f"demo-{households}.*"):
        old.unlink()
    shutil.copyfile(source, copy)
    database = open_database(copy)
    ids = [i for (i,) in database.cursor().execute("SELECT id FROM household").fetchall()]
    small_read(database, ids)  # warm
    stop_at = time.monotonic() + reads_for
    idle = reads(database, ids, lambda: time.monotonic() > stop_at)
    outcome = {}

    def rebuild():
        outcome["info"] = build.rebuild(database, salt=SALT)

    thread = threading.Thread(target=rebuild)
    thread.start()
    during = reads(database, ids, lambda: not thread.is_alive())
    thread.join()
    info = outcome["info"]
    result = {
        "households": households,
        "source": source.name,
        "rebuild_s": round(info.seconds, 2),
        "tables": info.tables,
        "analytics_mb": round(info.path.stat().st_size / 2**20, 1),
        "read_idle": summary(idle),
        "read_during": summary(during) if during else None,
        "peak_mb": round(peak_rss_mb()),
    }
    close_database(copy)
    for old in WORK.glob(f"demo-{households}.*"):
        old.unlink()
    return result


def table(results: list[dict]) -> str:
    rows = [("households", "rebuild s", "file MB", "read idle ms", "read during ms", "peak MB")]
    for r in results:
        idle, during = r["read_idle"], r["read_during"] or {}
        rows.append(
            (
                spaced(r["households"]),
                f"{r['rebuild_s']:.1f}",
                f"{r['analytics_mb']:.0f}",
                f"{idle['median_ms']} (p95 {idle['p95_ms']}, max {idle['max_ms']})",
                f"{during.get('median_ms')} (p95 {during.get('p95_ms')}, "
                f"max {during.get('max_ms')}, n={during.get('reads')})",
                str(r["peak_mb"]),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--reads-for", type=float, default=5.0)
    args = parser.parse_args()
    results = []
    for households in [int(size) for size in args.sizes.split(",")]:
        say(f"analytics rebuild at {spaced(households)} households")
        results.append(in_child(measure, households, args.reads_for))
    print(table(results))
    largest = max(results, key=lambda r: r["households"])
    verdict = "kept" if largest["rebuild_s"] < GOAL_S else "MISSED"
    print(
        f"goal: rebuild under {GOAL_S:.0f} s at 1 000 000 households; "
        f"{spaced(largest['households'])}: {largest['rebuild_s']:.1f} s ({verdict})"
    )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    one_table.save("analytics", table_rows(results))


def table_rows(results: list[dict]) -> list[one_table.Row]:
    """bench/README.md's rows: the rebuild, and a console read while it runs."""
    rows = []
    for r in results:
        goal = "< 30 s à 1 million de ménages"
        met = r["rebuild_s"] < GOAL_S
        rows.append(
            one_table.Row(
                f"reconstruire la copie pseudonymisée ({r['tables']} tables,"
                f" {one_table.number(r['analytics_mb'])} Mo)",
                r["households"],
                f"{one_table.number(r['rebuild_s'])} s",
                goal=one_table.verdict(met, goal) if r["households"] >= 1_000_000 else "",
            )
        )
        for key, when in (("read_idle", "au repos"), ("read_during", "pendant la reconstruction")):
            read = r[key]
            figure = f"{one_table.ms(read['median_ms'])} (p95 {one_table.ms(read['p95_ms'])})"
            label = f"une lecture de la console {when} ({read['reads']} lectures)"
            rows.append(one_table.Row(label, r["households"], figure))
    return rows


if __name__ == "__main__":
    main()

"""Timings of the household reads and writes at several data sizes, beside a baseline.

    python bench/run.py [--sizes 1000,10000] [--repeat 5]

Prints a Markdown table (median and max in ms) and writes it to bench/results/latest.md.
Each size gets its own demo DuckDB file in a temporary folder, deleted at the end.
The baseline is the same search done the naive way (load the whole table into polars,
normalise in Python, filter, sort, slice), measured in the same run on the same file.
Last at each size, 20 writers save intakes at once (bench/concurrency.py): refused and
lost saves, and one save's p50 (p95).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

# Run as `python bench/run.py`: the project's packages live one folder up.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import polars as pl  # noqa: E402

import queries  # noqa: E402
from bench import concurrency  # noqa: E402
from bench import table as one_table  # noqa: E402
from db import clock  # noqa: E402
from db.connection import close_database, open_database  # noqa: E402
from db.demo import generate as demo  # noqa: E402
from db.households.models import IntakeIn, MemberIn, ResourceIn  # noqa: E402
from db.households.writes import create_intake  # noqa: E402
from db.rules import Actor  # noqa: E402

DEFAULT_SIZES = (1_000, 10_000, 100_000, 1_000_000)
RESULTS = ROOT / "bench" / "results" / "latest.md"
BASELINE = "baseline: load all + polars filter"
OPEN_FILE = "open one file: header, members, resources, contacts, histories"
SEARCH_DEFAULTS = {
    "term": None,
    "status": None,
    "referent": None,
    "commune": None,
    "housing_situation": None,
    "request_type": None,
    "sort": "name",
    "limit": 25,
    "offset": 0,
    # The read rule's scope, as someone who reads every file (a director) has it.
    "sees_all": True,
    "referent_of": None,
    "sees_tenants": False,
}
# The list's columns; the last contact comes from the contacts (household.last_contact_on
# is obsolete and empty since migration 003).
LIST_ROWS = (
    "SELECT h.id, h.file_number, h.head_name, h.status, h.referent, h.commune,"
    " h.housing_situation, h.request_type, h.family_type, h.phone, h.opened_on,"
    " lc.last_contact_on, association_tenant(h.id, current_date) AS association_tenant"
    " FROM household h"
    " LEFT JOIN household_last_contact lc ON lc.household_id = h.id"
)
# households/search's orders: columns, then which are descending (ties: newest id first).
SORTS = {
    "name": (["head_name", "id"], [False, True]),
    "last_contact_desc": (["last_contact_on", "id"], [True, True]),
}


def timed(work, repeat: int) -> list[float]:
    """Milliseconds of each of `repeat` runs; the first is cold, hence median and max."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux and only ever grows: the peak of this process so far.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_child(work, *args):
    """Run one step in a fresh interpreter, so that its peak RSS is its own."""
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
        return pool.submit(work, *args).result()


def generate(path: str, households: int) -> dict[str, float]:
    database = open_database(path, create=True)
    start = time.perf_counter()
    demo.create_demo_database(database, households)
    elapsed = (time.perf_counter() - start) * 1000
    close_database(path)  # checkpoints, so the file size that follows is the real one
    return {"ms": elapsed, "rss": peak_rss_mb()}


def sample(database) -> dict:
    """A household in the middle of the table, with a phone and a named head.

    Also a first query through polars, untimed: its one-off imports and setup belong to
    the start of the app's long-lived process, not to any one search.
    """
    queries.run(database, "households/communes")
    with database.reading() as cur:
        rows = cur.execute("SELECT count(*) FROM household").fetchone()[0]
        row = cur.execute(
            "SELECT h.id, h.phone, p.last_name, p.first_name, p.birth_date FROM household h"
            " JOIN person p ON p.household_id = h.id AND p.role = 'chef_menage'"
            " WHERE h.id >= $middle AND h.phone IS NOT NULL AND NOT h.anonymous"
            " ORDER BY h.id LIMIT 1",
            {"middle": rows // 2},
        ).fetchone()
    keys = ("id", "phone", "last_name", "first_name", "birth_date")
    return {"rows": rows, **dict(zip(keys, row, strict=True))}


def search_cases(found: dict) -> dict[str, dict]:
    digits = found["phone"].replace(" ", "")
    cases = {
        "no filter, by name, page 1": {},
        "term 'martin'": {"term": "martin"},
        "phone digits term (one household's 10 digits)": {"term": digits},
        "status actif + commune Bordeaux, by last contact": {
            "status": "actif",
            "commune": "Bordeaux",
            "sort": "last_contact_desc",
        },
        "deep page (offset 90 % of rows), by name": {"offset": found["rows"] * 9 // 10},
    }
    return {label: {**SEARCH_DEFAULTS, **params} for label, params in cases.items()}


def open_file(database, household_id: int) -> None:
    """What the household page reads when a file is opened."""
    for name in ("header", "members"):
        queries.run(database, f"households/{name}", household_id=household_id)
    for name in ("status_history", "housing_history"):  # the last lines, as the file shows
        queries.run(database, f"households/{name}", household_id=household_id, limit=20)
    page = {"limit": 50, "offset": 0}  # the first page of each list, as the file draws it
    queries.run(database, "households/history", household_id=household_id, **page)
    queries.run(database, "households/resources", household_id=household_id, day=clock.today())
    queries.run(database, "households/contacts", household_id=household_id, viewer="social", **page)


def bench_intake() -> IntakeIn:
    """One valid intake; built once, outside the timing (validation is not the write)."""
    return IntakeIn(
        phone="06 12 34 56 78",
        postal_code="33000",
        commune="Bordeaux",
        family_type="monoparentale",
        housing_situation="heberge_tiers",
        prescriber="ccas",
        request_type="acces",
        referent="social",
        consent_on=clock.today(),
        members=[
            MemberIn(
                role="chef_menage",
                last_name="Banc",
                first_name="Élodie",
                birth_date=date(1990, 5, 17),
                sex="F",
            ),
            MemberIn(
                role="enfant",
                last_name="Banc",
                first_name="Noé",
                birth_date=date(2018, 3, 2),
                sex="M",
            ),
        ],
        resources=[ResourceIn(member_index=0, kind="rsa", monthly_amount=Decimal("607"))],
        first_note="Premier accueil.",
    )


def sql_operations(path: str, repeat: int) -> dict:
    database = open_database(path)
    found = sample(database)
    rows = {}
    for label, params in search_cases(found).items():
        run = lambda p=params: queries.run(database, "households/search", **p)  # noqa: E731
        rows["search: " + label] = timed(run, repeat)
    rows["duplicates: name + birth date, and phone"] = timed(
        lambda: queries.run(
            database,
            "households/duplicates",
            last_names=[found["last_name"]],
            first_names=[found["first_name"]],
            birth_dates=[found["birth_date"]],
            phone=found["phone"],
        ),
        repeat,
    )
    rows[OPEN_FILE] = timed(lambda: open_file(database, found["id"]), repeat)
    intake, actor = bench_intake(), Actor.system("bench")
    # Last, since it adds households: the searches above saw exactly `size` rows.
    rows["create_intake (one write with its audit rows)"] = timed(
        lambda: create_intake(database, actor, intake), repeat
    )
    close_database(path)
    return {"rows": rows, "rss": peak_rss_mb()}


def plain(text: str) -> str:
    """Lowercase without accents, in Python, as a spreadsheet-minded search would do it."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def naive_search(database, p: dict) -> pl.DataFrame:
    """The same search as households/search, over the whole table loaded on every call."""
    with database.reading() as cur:
        frame = cur.sql(LIST_ROWS).pl()
    for column in ("status", "referent", "commune", "housing_situation", "request_type"):
        if p[column] is not None:
            frame = frame.filter(pl.col(column) == p[column])
    if not p["sees_all"]:  # the read rule's scope, as households/search applies it
        in_scope = pl.col("referent") == p["referent_of"]
        if p["sees_tenants"]:
            in_scope |= pl.col("association_tenant")
        frame = frame.filter(in_scope.fill_null(False))
    if p["term"] is not None:
        digits = pl.col("phone").str.replace_all(r"[^0-9]", "")
        text = pl.concat_str(["file_number", "head_name", digits], separator=" ", ignore_nulls=True)
        key = text.map_elements(plain, return_dtype=pl.String)
        frame = frame.filter(key.str.contains(plain(p["term"]), literal=True))
    columns, descending = SORTS[p["sort"]]
    ordered = frame.sort(columns, descending=descending, nulls_last=True)
    return ordered.slice(p["offset"], p["limit"]).with_columns(total=pl.lit(frame.height))


def baseline_operations(path: str, repeat: int) -> dict:
    database = open_database(path)
    rows, differs = {}, []
    for label, params in search_cases(sample(database)).items():
        rows[f"{BASELINE} — {label}"] = timed(lambda p=params: naive_search(database, p), repeat)
        # The baseline only matches head_name where search_key has every member's name.
        sql_page = queries.run(database, "households/search", **params)
        if naive_search(database, params)["id"].to_list() != sql_page["id"].to_list():
            differs.append(label)
    close_database(path)
    return {"rows": rows, "rss": peak_rss_mb(), "differs": differs}


def cell(times: list[float]) -> str:
    return f"{statistics.median(times):.1f} ({max(times):.1f})"


def measure_size(households: int, repeat: int) -> tuple[dict[str, str], list[str], list]:
    """Every row of the table for one size, each step in its own process."""
    with tempfile.TemporaryDirectory(prefix="habiter-bench-") as folder:
        path = str(Path(folder) / "bench.duckdb")
        made = in_child(generate, path, households)
        size_mb = os.path.getsize(path) / 1e6
        sql = in_child(sql_operations, path, repeat)
        naive = in_child(baseline_operations, path, repeat)
        # Last: it adds households, the searches above saw exactly `size` rows.
        writers = in_child(concurrency.concurrent_writers, path, bench_intake(), repeat)
    cells = {
        "demo generation (ms, one run)": f"{made['ms']:.0f}",
        "database file (MB)": f"{size_mb:.1f}",
        "peak RSS: generation (MB)": f"{made['rss']:.0f}",
    }
    for label, times in sql["rows"].items():
        cells[label] = cell(times)
        baseline = label.replace("search:", BASELINE + " —", 1)
        if baseline in naive["rows"]:  # each baseline row right under its SQL search
            cells[baseline] = cell(naive["rows"][baseline])
    cells.update(concurrency.cells(writers))
    cells["peak RSS: SQL operations (MB)"] = f"{sql['rss']:.0f}"
    cells["peak RSS: baseline (MB)"] = f"{naive['rss']:.0f}"
    return cells, naive["differs"], table_rows(households, sql["rows"], writers)


# The searches in bench/README.md's words.
FRENCH_CASES = {
    "no filter, by name, page 1": "sans filtre, par nom, page 1",
    "term 'martin'": "le mot « martin »",
    "phone digits term (one household's 10 digits)": "les 10 chiffres d'un téléphone",
    "status actif + commune Bordeaux, by last contact": "actifs de Bordeaux, par dernier contact",
    "deep page (offset 90 % of rows), by name": "page lointaine (à 90 % des lignes), par nom",
}


def table_rows(households: int, times: dict, writers: dict) -> list[one_table.Row]:
    """The size's rows of bench/README.md: the list's searches, a file, 20 writers."""
    rows = [
        one_table.Row(
            "recherche : " + FRENCH_CASES.get(label[8:], label[8:]),
            households,
            one_table.p50_p95(found),
        )
        for label, found in times.items()
        if label.startswith("search: ")
    ]
    rows.append(
        one_table.Row(
            "ouvrir un dossier (en-tête, membres, ressources, contacts)",
            households,
            one_table.p50_p95(times[OPEN_FILE]),
        )
    )
    clean = writers["refused"] == 0 and writers["lost"] == 0
    rows.append(
        one_table.Row(
            f"{concurrency.WRITERS} saisies simultanées : une saisie",
            households,
            f"{one_table.p50_p95(writers['times'])} ; {writers['refused']} refusée(s),"
            f" {writers['lost']} perdue(s) sur {writers['attempts']}",
            goal=one_table.verdict(clean, "aucune refusée ni perdue"),
        )
    )
    return rows


def spaced(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def header(repeat: int, bare_rss: float) -> str:
    return (
        f"{datetime.now():%Y-%m-%d %H:%M}, {len(os.sched_getaffinity(0))} CPU (nproc),"
        f" Python {platform.python_version()}, DuckDB {duckdb.__version__},"
        f" polars {pl.__version__}. {repeat} runs per operation, ms as median (max)."
        f" Each RSS is one process's peak; interpreter and imports alone: {bare_rss:.0f} MB."
    )


def markdown(sizes: list[int], columns: dict[int, dict[str, str]]) -> str:
    def row(cells) -> str:
        return "| " + " | ".join(cells) + " |"

    labels = dict.fromkeys(label for size in sizes for label in columns[size])
    lines = [row(["operation", *map(spaced, sizes)]), row(["---", *["---:"] * len(sizes)])]
    lines += [row([label, *(columns[size].get(label, "") for size in sizes)]) for label in labels]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    bare_rss = peak_rss_mb()  # nothing loaded yet: the floor under every RSS row
    columns, differs, rows = {}, set(), []
    for size in sizes:
        print(f"… {spaced(size)} households", file=sys.stderr, flush=True)
        columns[size], differing, size_rows = measure_size(size, args.repeat)
        differs.update(differing)
        rows += size_rows
    table = f"{header(args.repeat, bare_rss)}\n\n" + markdown(sizes, columns)
    if differs:
        table += (
            f"\nThe baseline's page differs from the SQL one for: {', '.join(sorted(differs))}"
            " (it searches head_name only; search_key holds every member's name).\n"
        )
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table, encoding="utf-8")
    one_table.save("households", rows)


if __name__ == "__main__":
    main()

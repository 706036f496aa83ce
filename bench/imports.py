"""The import of a spreadsheet at several sizes: its check and its write, beside the same
rows inserted by raw DuckDB and by SQLite.

    python bench/imports.py [--sizes 1000,10000] [--formats xlsx,csv] [--readme]
    python bench/imports.py --readme-only

At each size, a deterministic file of `size` households in the template's own columns
(db/imports/households.py, support.py): « Ménages et membres » (1 to 4 members each),
« Ressources » (1 or 2 per household) and « Autres actions » (3 per household on
average: 30 000 actions at 10 000 households); once as one workbook (.xlsx, dates as date
cells, amounts as numbers, the way Excel saves them) and once as one CSV file per sheet
(« ; », French dates and amounts). Each file is imported into a fresh database (migrated,
with the demo accounts) in a fresh process, so that the process's peak RSS (VmHWM of
/proc/self/status) is the import's own: the check (check_files: read, every row through
the forms' models) and the write (run_import: one transaction, the audit rows, spans and
search keys) are timed apart, in wall-clock and in CPU seconds of the process.

The baselines take the rows the import wrote (every table, audit rows included) and insert
them, in one transaction, into another fresh database: by raw DuckDB (one Arrow insert
per table, the fastest way DuckDB offers) and by SQLite (executemany, the same tables with
an INTEGER PRIMARY KEY and an index on every *_id and date column, as bench/common.py's
copy). Writes bench/results/imports.rows.json (and imports.json with every figure); with
--readme, the « Import » section of bench/README.md too (--readme-only: that section
again from the last imports.json, after bench/report.py has rewritten the page).
Aims (issue 21): at 10 000 households the check under 30 s, the write under 60 s, and
the process under 1 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import table  # noqa: E402
from bench.common import RAW_CONFIG, quoted, say, sqlite_type  # noqa: E402
from bench.import_files import sheets_of, write_csvs, write_workbook  # noqa: E402
from bench.run import in_child  # noqa: E402

DEFAULT_SIZES = (1_000, 10_000)
FORMATS = ("xlsx", "csv")
RESULTS = ROOT / "bench" / "results" / "imports.json"
GOAL_CHECK_S, GOAL_WRITE_S, GOAL_MB = 30.0, 60.0, 1024.0
GOAL_SIZE = 10_000  # the size the aims are stated for


def cpu_s() -> float:
    """The process's CPU seconds, every thread (DuckDB's too): on a shared machine, what the
    work cost whatever else ran beside it."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def peak_mb() -> float:
    """The process's peak RSS in MB, its own: VmHWM of /proc/self/status. (getrusage's
    ru_maxrss keeps, across the exec of a spawned child, the RSS of the parent it was
    forked from: a parent holding the rows of 10 000 households would count in it.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fresh_database(path: str):
    """A migrated database with the demo accounts (the referents, the import's author)."""
    from db.connection import open_database
    from db.demo.generate import create_demo_accounts

    database = open_database(path, create=True)
    create_demo_accounts(database)
    return database


def table_counts(database) -> dict[str, tuple[int, int | None]]:
    """Table -> (rows, highest id or None): what the import adds is what comes after."""
    with database.reading() as cur:
        tables = [t for (t,) in cur.execute(TABLES).fetchall()]
        found = {}
        for name in tables:
            has_id = cur.execute(HAS_ID, {"t": name}).fetchone()[0]
            top = "max(id)" if has_id else "NULL"
            sql = "SELECT count(*), " + top + " FROM " + quoted(name)
            found[name] = cur.execute(sql).fetchone()
    return found


TABLES = "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1"
HAS_ID = (
    "SELECT count(*) > 0 FROM duckdb_columns() WHERE schema_name = 'main'"
    " AND table_name = $t AND column_name = 'id'"
)


def import_files(db_path: str, files: list[str], dump: str) -> dict:
    """Check then write `files` into a fresh database; the rows written, to `dump`."""
    from db.connection import close_database
    from db.imports.check import check_files
    from db.imports.write import run_import
    from db.rules import Actor

    database = fresh_database(db_path)
    before = table_counts(database)
    actor = Actor.system("admin")
    ready_mb = peak_mb()
    load = os.getloadavg()[0]
    data = [(Path(f).name, Path(f).read_bytes()) for f in files]
    start, start_cpu = time.perf_counter(), cpu_s()
    plan = check_files(database, actor, data)
    checked, checked_cpu = time.perf_counter(), cpu_s()
    check_mb = peak_mb()
    done = run_import(database, actor, plan)
    written, written_cpu = time.perf_counter(), cpu_s()
    write_mb = peak_mb()  # before the rows are copied out for the baselines
    added = dump_added(database, before, dump)
    close_database(db_path)
    return {
        "check_s": checked - start,
        "write_s": written - checked,
        "check_cpu_s": checked_cpu - start_cpu,
        "write_cpu_s": written_cpu - checked_cpu,
        "ready_mb": ready_mb,
        "load_before": load,
        "load_after": os.getloadavg()[0],
        "check_mb": check_mb,
        "peak_mb": write_mb,
        "created": sum(c.created for c in done.counts),
        "refused": sum(c.refused for c in plan.counts),
        "added": added,
    }


def dump_added(database, before: dict, folder: str) -> dict[str, int]:
    """Every row the import added, one Parquet file per table (for the baselines)."""
    added = {}
    after = table_counts(database)
    with database.reading() as cur:
        for name, (rows, _top) in after.items():
            was_rows, was_top = before.get(name, (0, None))
            if rows == was_rows:
                continue
            where = f" WHERE id > {int(was_top)}" if was_top is not None else ""
            if was_rows and was_top is None:
                say(f"    {name}: {rows - was_rows} rows added to a table without id, left out")
                continue
            target = str(Path(folder) / f"{name}.parquet")
            copy = "COPY (SELECT * FROM " + quoted(name) + where + ") TO '" + target + "'"
            cur.execute(copy + " (FORMAT parquet)")
            added[name] = rows - was_rows
    return added


# --- the baselines: the same rows, raw DuckDB and SQLite ----------------------------------


def raw_duckdb(db_path: str, dump: str, order: list[str]) -> dict:
    """The same rows inserted by a bare DuckDB connection, one Arrow insert per table."""
    import duckdb
    import pyarrow.parquet as pq

    from db.connection import close_database

    fresh_database(db_path)
    close_database(db_path)
    frames = {name: pq.read_table(Path(dump) / f"{name}.parquet") for name in order}
    raw = duckdb.connect(db_path, config=RAW_CONFIG)
    raw.execute("SET enable_progress_bar = false")  # its bar would print amid the figures
    start, start_cpu = time.perf_counter(), cpu_s()
    raw.begin()
    for name, frame in frames.items():
        raw.register("rows", frame)
        columns = ", ".join(quoted(c) for c in frame.column_names)
        insert = "INSERT INTO " + quoted(name) + " (" + columns + ") SELECT " + columns
        raw.execute(insert + " FROM rows")
        raw.unregister("rows")
    raw.commit()
    seconds, cpu = time.perf_counter() - start, cpu_s() - start_cpu
    raw.close()
    return {"raw_s": seconds, "raw_cpu_s": cpu, "raw_mb": peak_mb()}


def sqlite_baseline(lite_path: str, dump: str, order: list[str]) -> dict:
    """The same rows inserted by SQLite (executemany), into tables indexed as bench/common's
    copy; the rows are converted to SQLite's values before the clock starts."""
    import duckdb

    reader = duckdb.connect()
    lite = sqlite3.connect(lite_path, isolation_level=None)
    batches = {}
    for name in order:
        source = f"read_parquet('{Path(dump) / (name + '.parquet')}')"
        columns = reader.execute("DESCRIBE SELECT * FROM " + source).fetchall()
        create_sqlite_table(lite, name, [(c[0], c[1]) for c in columns])
        selected = ", ".join(
            sqlite_type(kind)[1].format(quoted(column)) for column, kind, *_ in columns
        )
        marks = ", ".join("?" * len(columns))
        batches[name] = (
            f"INSERT INTO {quoted(name)} VALUES ({marks})",
            reader.execute("SELECT " + selected + " FROM " + source).fetchall(),
        )
    start, start_cpu = time.perf_counter(), cpu_s()
    lite.execute("BEGIN")
    for insert, rows in batches.values():
        lite.executemany(insert, rows)
    lite.execute("COMMIT")
    seconds, cpu = time.perf_counter() - start, cpu_s() - start_cpu
    lite.close()
    return {"sqlite_s": seconds, "sqlite_cpu_s": cpu, "sqlite_mb": peak_mb()}


def create_sqlite_table(lite: sqlite3.Connection, name: str, columns: list[tuple]) -> None:
    definitions, indexed = [], []
    for column, duck_type in columns:
        kind, _ = sqlite_type(duck_type)
        primary = column == "id" and kind == "INTEGER"
        definitions.append(f"{quoted(column)} {kind}{' PRIMARY KEY' if primary else ''}")
        dated = duck_type.upper() == "DATE" or duck_type.upper().startswith("TIMESTAMP")
        if not primary and (column.endswith("_id") or dated):
            indexed.append(column)
    lite.execute("CREATE TABLE " + quoted(name) + " (" + ", ".join(definitions) + ")")
    for column in indexed:
        index = quoted(f"{name}_{column}_idx")
        lite.execute("CREATE INDEX " + index + " ON " + quoted(name) + " (" + quoted(column) + ")")


# --- one size ------------------------------------------------------------------------------


def measure(households: int, formats: list[str]) -> list[dict]:
    from db.imports.write import TABLE_ORDER

    found = []
    with tempfile.TemporaryDirectory(prefix="habiter-bench-imports-") as folder:
        work = Path(folder)
        say(f"  {table.number(households, 0)} households: writing the files")
        sheets = sheets_of(households)
        rows = {label: len(sheet[1]) for label, sheet in sheets.items()}
        files = {"xlsx": [work / "import.xlsx"]}
        write_workbook(files["xlsx"][0], sheets)
        (work / "csv").mkdir()
        files["csv"] = write_csvs(work / "csv", sheets)
        del sheets
        for kind in formats:
            dump = work / f"dump-{kind}"
            dump.mkdir()
            say(f"  {table.number(households, 0)} households, {kind}: check and write")
            paths = [str(f) for f in files[kind]]
            app = in_child(import_files, str(work / f"app-{kind}.duckdb"), paths, str(dump))
            say(
                f"    check {app['check_s']:.1f} s (CPU {app['check_cpu_s']:.1f} s),"
                f" write {app['write_s']:.1f} s (CPU {app['write_cpu_s']:.1f} s),"
                f" peak {app['peak_mb']:.0f} MB, {app['refused']} refused"
            )
            order = insert_order(app["added"], TABLE_ORDER)
            raw = in_child(raw_duckdb, str(work / f"raw-{kind}.duckdb"), str(dump), order)
            lite = in_child(sqlite_baseline, str(work / f"lite-{kind}.sqlite"), str(dump), order)
            say(f"    raw DuckDB {raw['raw_s']:.2f} s, SQLite {lite['sqlite_s']:.2f} s")
            size = sum(f.stat().st_size for f in files[kind])
            facts = {"households": households, "format": kind, "rows": rows, "bytes": size}
            found.append(app | raw | lite | facts)
    return found


def insert_order(tables, table_order: tuple[str, ...]) -> list[str]:
    """The import's log first, then parents before children (the write's order), then the
    rest (audit rows, references, spans, search keys)."""

    def rank(name: str) -> tuple:
        if name == "import_log":
            return (0, 0, name)
        if name in table_order:
            return (1, table_order.index(name), name)
        return (2, 0, name)

    return sorted(tables, key=rank)


# --- the table -----------------------------------------------------------------------------

FORMAT_WORDS = {"xlsx": "un classeur .xlsx", "csv": "3 fichiers CSV"}


def seconds(value: float) -> str:
    return f"{table.number(value, 2 if value < 10 else 1)} s"


def rows_of(result: dict) -> list[table.Row]:
    """Two rows per size and format: the check, the write with its baselines."""
    households, kind = result["households"], result["format"]
    counted = sum(result["rows"].values())
    actions = result["rows"]["Autres actions"]
    mb = table.number(result["peak_mb"], 0)
    what = (
        f"{FORMAT_WORDS[kind]} ({table.number(result['bytes'] / 1024**2, 1)} Mo,"
        f" {table.number(counted, 0)} lignes dont {table.number(actions, 0)} actions)"
    )
    aims = households == GOAL_SIZE
    check_goal = write_goal = ""
    if aims:
        check_goal = table.verdict(result["check_s"] < GOAL_CHECK_S, "< 30 s")
        met = result["write_s"] < GOAL_WRITE_S and result["peak_mb"] < GOAL_MB
        write_goal = table.verdict(met, "< 60 s, processus < 1 Gio")
    return [
        table.Row(
            measure=f"vérifier {what} : lecture et contrôle (check_files)",
            households=households,
            habiter=f"{seconds(result['check_s'])} (CPU {seconds(result['check_cpu_s'])}) ;"
            f" mémoire de pointe {table.number(result['check_mb'], 0)} Mo",
            goal=check_goal,
        ),
        table.Row(
            measure=f"écrire {what} : une transaction, {table.number(result['created'], 0)}"
            " lignes créées, journal, périodes et recherche (run_import)",
            households=households,
            habiter=f"{seconds(result['write_s'])} (CPU {seconds(result['write_cpu_s'])}) ;"
            f" mémoire de pointe {mb} Mo",
            duckdb=f"{seconds(result['raw_s'])} (CPU {seconds(result['raw_cpu_s'])}) ;"
            " mêmes lignes, une insertion Arrow par table",
            sqlite=f"{seconds(result['sqlite_s'])} (CPU {seconds(result['sqlite_cpu_s'])}) ;"
            " mêmes lignes, executemany",
            goal=write_goal,
        ),
    ]


# --- the « Import » section of bench/README.md --------------------------------------------

PAGE = ROOT / "bench" / "README.md"
START, END = "<!-- imports:start -->", "<!-- imports:end -->"


def section(payload: dict) -> str:
    """The « Import » section: how it was measured, on what, and the table."""
    from bench.report import machine, versions

    when = datetime.fromisoformat(payload["measured_at"])
    lines = [
        START,
        "## Import",
        "",
        f"Produit par `{payload['command']}` le {when:%d/%m/%Y à %H:%M} (UTC) ; refaire :"
        " `make bench` (tailles `IMPORT_SIZES`, 1 000 et 10 000 ménages par défaut).",
        "",
        f"- Machine : {machine().split(' ; ')[0]} ; charge moyenne sur 1 minute avant chaque"
        " import dans la colonne « Charge » (au-delà de 2, la machine est partagée et la durée"
        " s'allonge : le temps CPU du processus, à côté, ne change pas).",
        f"- Versions : {versions()}.",
        "- Fichiers : « Ménages et membres » (1 à 4 membres par ménage), « Ressources » (1 ou 2"
        " par ménage), « Autres actions » (3 par ménage en moyenne), dans les colonnes du"
        " modèle ; un classeur .xlsx (dates en cellules date, montants en nombres, textes en"
        " chaînes partagées, comme Excel les enregistre) ou 3 fichiers CSV (« ; », dates et"
        " montants à la française).",
        "- Chaque import dans une base neuve (migrée, comptes de démonstration), dans un"
        " processus neuf : « Vérifier » est check_files (lecture, chaque ligne par les modèles"
        " des formulaires, doublons), « Écrire » est run_import (une transaction : lignes,"
        " journal, périodes de suivi, clés de recherche) ; durée, puis temps CPU du processus"
        " (tous ses fils) ; mémoire de pointe : le RSS maximal du processus (VmHWM), base"
        " ouverte, vérification et écriture comprises.",
        "- « DuckDB brut » et « SQLite » : les lignes que l'import a écrites (toutes les"
        " tables, journal compris), insérées dans une autre base neuve en une transaction :"
        " une insertion Arrow par table sur une connexion DuckDB nue ; executemany dans les"
        " mêmes tables SQLite (clé primaire entière, un index par colonne *_id et date).",
        "",
        "| Ménages | Fichier | Lignes (dont actions) | Vérifier | Écrire | Mémoire de pointe"
        " | DuckDB brut | SQLite | Charge | Objectif |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    lines += [table_line(result) for result in payload["results"]]
    lines += ["", END]
    return "\n".join(lines)


def table_line(result: dict) -> str:
    counted = sum(result["rows"].values())
    actions = result["rows"]["Autres actions"]
    size_mb = table.number(result["bytes"] / 1024**2, 1)
    cells = [
        table.number(result["households"], 0),
        f"{FORMAT_WORDS[result['format']]}, {size_mb} Mo",
        f"{table.number(counted, 0)} ({table.number(actions, 0)})",
        timed(result, "check"),
        timed(result, "write"),
        f"{table.number(result['peak_mb'], 0)} Mo (au départ :"
        f" {table.number(result['ready_mb'], 0)} Mo)",
        timed(result, "raw"),
        timed(result, "sqlite"),
        table.number(result["load_before"], 1),
        goals(result),
    ]
    return "| " + " | ".join(cells) + " |"


def timed(result: dict, step: str) -> str:
    return f"{seconds(result[step + '_s'])} (CPU {seconds(result[step + '_cpu_s'])})"


def goals(result: dict) -> str:
    if result["households"] != GOAL_SIZE:
        return ""
    return " ; ".join(
        [
            table.verdict(result["check_s"] < GOAL_CHECK_S, "vérifier < 30 s"),
            table.verdict(result["write_s"] < GOAL_WRITE_S, "écrire < 60 s"),
            table.verdict(result["peak_mb"] < GOAL_MB, "< 1 Gio"),
        ]
    )


def write_section(payload: dict) -> None:
    """The section replaced in place (or added at the end): bench/report.py rewrites the
    page without it, so `make bench` writes it again after the report."""
    page = PAGE.read_text(encoding="utf-8")
    text = section(payload)
    if START in page and END in page:
        page = page[: page.index(START)] + text + page[page.index(END) + len(END) :]
    else:
        page = page.rstrip("\n") + "\n\n" + text + "\n"
    PAGE.write_text(page, encoding="utf-8")
    say(f"{PAGE}: section « Import » written")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--readme", action="store_true", help="write the « Import » section")
    parser.add_argument(
        "--readme-only", action="store_true", help="the section again, from the last results"
    )
    args = parser.parse_args()
    if args.readme_only:
        write_section(json.loads(RESULTS.read_text(encoding="utf-8")))
        return
    formats = [f for f in args.formats.split(",") if f in FORMATS]
    results = []
    for size in sorted(int(size) for size in args.sizes.split(",")):
        results += measure(size, formats)
    payload = {
        "command": "python " + " ".join(sys.argv),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "results": results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n")
    print(table.save("imports", [row for result in results for row in rows_of(result)]))
    if args.readme:
        write_section(payload)


if __name__ == "__main__":
    main()

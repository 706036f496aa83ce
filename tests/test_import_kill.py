"""All or nothing: an import stopped in the middle of its write leaves the database exactly
as it was. `cli.py import` writes a file of 3,000 households with their members and
actions; it is killed with SIGKILL once it reports writing (its progress on stderr), and the
database, opened again (DuckDB replays its WAL), has the same rows as before, and takes the
same import whole afterwards. And a write that fails in the middle (a row a constraint
refuses, in the second table or the last) rolls back everything the import wrote before.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from db.connection import close_database, open_database
from db.demo.generate import create_demo_accounts
from db.imports.check import check_files
from db.imports.write import run_import
from db.rules import Actor

ROOT = Path(__file__).parent.parent
ADMIN = Actor.system("test-admin")
HOUSEHOLDS = 3_000
TABLES = (
    "household",
    "person",
    "household_status_event",
    "housing_situation_event",
    "household_follow_span",
    "support_action",
    "audit_log",
    "import_log",
    "import_ref",
    "file_counter",
)
HOUSEHOLD_HEADER = (
    "Réf. ménage;Date de l'accueil;Nom;Prénom;Date de naissance;Place dans le ménage;"
    "Code postal;Commune;Composition;Situation de logement;Prescripteur;Type de demande;"
    "Date du consentement"
)
ACTIONS_HEADER = "Réf.;Réf. ménage;Type d'action;Date;Précision"
ACTION_KINDS = (
    "Négociation avec un huissier",
    "Dossier de surendettement déposé",
    "Ouverture ou rétablissement de droits",
)
WAIT_S = 240  # for any line of the importer's progress (a loaded machine checks slowly)


def letters(number: int) -> str:
    """A distinct name per number, in letters (the duplicate rule folds names)."""
    word = ""
    for _ in range(6):
        number, digit = divmod(number, 26)
        word += chr(ord("a") + digit)
    return word.capitalize()


def household_rows(first: int, count: int) -> list[str]:
    """Households `first`… with three members each: two adults and a child."""
    tail = "33000;Bordeaux;Couple avec enfants;Hébergé·e chez un tiers;CCAS;Accès au logement"
    rows = []
    for n in range(first, first + count):
        name, day = letters(n), f"{n % 28 + 1:02d}/{n % 12 + 1:02d}/2023"
        rows += [
            f"M{n};{day};{name};Alix;{day[:6]}1985;Chef·fe de ménage;{tail};{day}",
            f"M{n};{day};{name};Sacha;{day[:6]}1987;Conjoint·e;{tail};{day}",
            f"M{n};{day};{name};Noa;{day[:6]}2015;Enfant;{tail};{day}",
        ]
    return rows


def action_rows(first: int, count: int) -> list[str]:
    return [
        f"A{n}-{k};M{n};{kind};{n % 28 + 1:02d}/06/2024;Action {k} du ménage {n}"
        for n in range(first, first + count)
        for k, kind in enumerate(ACTION_KINDS)
    ]


def write_files(folder: Path, first: int, count: int) -> list[Path]:
    """The two sheets as CSV files, as a French Excel saves them."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name, header, rows in (
        ("Ménages et membres.csv", HOUSEHOLD_HEADER, household_rows(first, count)),
        ("Autres actions.csv", ACTIONS_HEADER, action_rows(first, count)),
    ):
        path = folder / name
        path.write_bytes("\r\n".join([header, *rows, ""]).encode("cp1252"))
        files.append(path)
    return files


def as_uploaded(paths: list[Path]) -> list[tuple[str, bytes]]:
    return [(path.name, path.read_bytes()) for path in paths]


def snapshot(cur) -> dict[str, object]:
    """Row counts of what an import writes, and the file-number counters themselves."""
    found: dict[str, object] = {
        table: cur.execute("SELECT count(*) FROM " + table).fetchone()[0] for table in TABLES
    }
    found["counters"] = cur.execute("SELECT * FROM file_counter ORDER BY year").fetchall()
    return found


def snapshot_of(path: Path) -> dict[str, object]:
    """The database as the app opens it after a restart (WAL replayed), then closed."""
    database = open_database(path)
    try:
        with database.reading() as cur:
            return snapshot(cur)
    finally:
        close_database(path)


@pytest.fixture
def earlier_import(tmp_path) -> Path:
    """A database with accounts and a first import of 20 households: the log, the refs,
    the audit and the counters already hold rows that must stay as they are."""
    path = tmp_path / "habiter.duckdb"
    database = open_database(path, create=True)
    create_demo_accounts(database)
    plan = check_files(database, ADMIN, as_uploaded(write_files(tmp_path / "first", 0, 20)))
    assert plan.refusals == []
    run_import(database, ADMIN, plan)
    close_database(path)
    return path


def start_import(path: Path, files: list[Path]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "cli.py", "--db", str(path), "import", *map(str, files)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,  # the report: not read, so never a full pipe
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def lines_of(stream) -> queue.Queue:
    """The stream's lines as they come (None at its end), read by a thread: the test waits
    on the queue with a timeout, never on a read that could block."""
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        with stream:  # closed by its reader, at its end (the process's death)
            for line in stream:
                lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def wait_for(lines: queue.Queue, fragment: str, seen: list[str]) -> None:
    """Until a line holds `fragment`; fails if the stream ends or WAIT_S pass first."""
    deadline = time.monotonic() + WAIT_S
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        if line is None:
            pytest.fail(f"the import ended before « {fragment} »: {seen[-5:]}")
        seen.append(line)
        if fragment in line:
            return
    pytest.fail(f"no « {fragment} » within {WAIT_S} s: {seen[-5:]}")


# The moments of the kill: the households written, their members going in; every table
# but the last written, the actions going in. Measured on the 2-core machine under load
# (3,000 households): the check takes 7 s, the write 2.3 s, of which 1.9 s after the first
# moment and 1.1 s after the second; the later steps (audit rows 0.45 s, follow-up periods
# 0.03 s) are too short to be sure to kill inside them.
KILL_AT = ("Écriture : Membre", "Écriture : Autre action")


@pytest.mark.timeout(900)
@pytest.mark.parametrize("moment", KILL_AT)
def test_an_import_killed_while_writing_leaves_the_database_as_it_was(
    earlier_import, tmp_path, moment
):
    before = snapshot_of(earlier_import)
    files = write_files(tmp_path / "big", 1_000, HOUSEHOLDS)
    importer = start_import(earlier_import, files)
    seen: list[str] = []
    try:
        wait_for(lines_of(importer.stderr), moment, seen)
        importer.send_signal(signal.SIGKILL)
        status = importer.wait(timeout=60)
    finally:
        importer.kill()  # no-op once dead; bounds the test if an assertion failed first
        importer.wait(timeout=60)
    assert status == -signal.SIGKILL, (
        f"the import finished (status {status}) before the kill at « {moment} »: "
        f"make the file bigger. Last lines: {seen[-5:]}"
    )
    assert snapshot_of(earlier_import) == before
    with duckdb.connect(str(earlier_import)) as con:  # DuckDB alone opens it cleanly too
        assert con.execute("SELECT count(*) FROM household").fetchone()[0] == before["household"]
        con.execute("CHECKPOINT")  # the replayed WAL folds into the file without complaint

    # The file is then imported whole, numbered after the earlier import's households.
    database = open_database(earlier_import)
    try:
        done = run_import(database, ADMIN, check_files(database, ADMIN, as_uploaded(files)))
        with database.reading() as cur:
            after = snapshot(cur)
    finally:
        close_database(earlier_import)
    assert after["household"] == before["household"] + HOUSEHOLDS
    assert after["person"] == before["person"] + 3 * HOUSEHOLDS
    assert after["support_action"] == before["support_action"] + 3 * HOUSEHOLDS
    assert after["import_log"] == before["import_log"] + 1 and done.import_id > 1


def break_a_row(plan, table: str) -> None:
    """One new row of `table` in the checked plan that its table's constraints refuse: a
    person without a name (NOT NULL), an action of a household that does not exist
    (FOREIGN KEY). The rows of the tables written before it are then already inserted."""
    row = next(new for new in plan.work.news if new.kind.table == table)
    if table == "person":
        row.values["last_name"] = None
    else:
        row.values["household_id"] = 999_999_999


@pytest.mark.parametrize("table", ["person", "support_action"])
def test_a_write_failing_in_the_middle_leaves_the_database_as_it_was(
    earlier_import, tmp_path, table
):
    files = as_uploaded(write_files(tmp_path / "next", 500, 30))
    database = open_database(earlier_import)
    try:
        with database.reading() as cur:
            before = snapshot(cur)
        plan = check_files(database, ADMIN, files)
        break_a_row(plan, table)
        # The constraint's own error, not DuckDB's « transaction is aborted » raised by a
        # clean-up over it.
        with pytest.raises(duckdb.ConstraintException):
            run_import(database, ADMIN, plan)
        with database.reading() as cur:
            assert snapshot(cur) == before
        retried = check_files(database, ADMIN, files)  # nothing of it was kept: all new
        assert sum(c.created for c in retried.counts) == 30 * 3 + 30 * 3
        run_import(database, ADMIN, retried)
        with database.reading() as cur:
            assert snapshot(cur)["household"] == before["household"] + 30
    finally:
        close_database(earlier_import)

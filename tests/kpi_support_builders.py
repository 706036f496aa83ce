"""The support fixture that the support indicators are checked on (tests/test_kpi_support.py,
test_kpi_fsl.py, test_kpi_support_drill.py), written with plain SQL, and the helpers that
run an indicator or a drill-down on it, on DuckDB and on SQLite.

The period is the first quarter of 2026 (01/01–31/03, both days included); records start,
end, are dated or close just before, on, inside and just after its bounds.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal

import sqlglot

import queries
from queries import kpi

START, END = date(2026, 1, 1), date(2026, 3, 31)
NOW = datetime(2026, 4, 20, 9, 0)
STAMP = (NOW, "test", NOW, "test")

# id, file number, head of household, commune, referent
HOUSEHOLDS = [
    (1, "F-1", "Aubert Anne", "Bordeaux", "social"),
    (2, "F-2", "Bernard Bruno", "Bordeaux", "mlefevre"),
    (3, "F-3", "Colin Chloé", "Pessac", "social"),
    (4, "F-4", "Durand David", "Pessac", "mlefevre"),
]
# id, household, kind, start, end, reviews
MEASURES = [
    (1, 1, "asll", date(2025, 10, 1), date(2026, 2, 15), []),  # ends inside
    (2, 1, "avdl", date(2026, 2, 1), None, []),  # starts inside, runs on
    (3, 2, "asll", date(2025, 6, 1), date(2025, 12, 31), []),  # ends the day before
    (4, 2, "asll", date(2026, 4, 1), None, []),  # starts the day after
    (5, 3, "asll", date(2026, 3, 31), None, []),  # starts on the last day
    (6, 4, "mous", date(2025, 1, 1), date(2026, 1, 1), []),  # ends on the first day
    (7, 4, "asll", date(2026, 1, 10), date(2026, 3, 31), []),  # ends on the last day
    (8, 3, "mous", date(2025, 9, 15), None, [date(2025, 12, 20), date(2026, 4, 5)]),
    (9, 1, "asll", date(2025, 12, 31), None, []),  # review due on 31/03: not late
    (10, 2, "avdl", date(2025, 12, 30), None, []),  # review due on 30/03: late
    (11, 4, "asll", date(2025, 11, 30), None, []),  # due on 28/02 (no 30/02)
]
# household, counterpart, outcome, day
MEDIATIONS = [
    (1, "huissier", "accord", date(2026, 1, 1)),
    (1, "huissier", "accord", date(2026, 3, 31)),
    (2, "huissier", "echec", date(2026, 2, 10)),
    (3, "bailleur_social", "accord", date(2026, 2, 20)),
    (4, "bailleur_social", "en_cours", date(2025, 12, 31)),
    (4, "bailleur_social", "en_cours", date(2026, 4, 1)),
]
# id, household, kind, status, submitted, decided, requested, granted
FSL = [
    (1, 1, "maintien", "accordee", date(2026, 1, 5), date(2026, 2, 4), 1000, 800),  # 30 days
    (2, 1, "maintien", "refusee", date(2026, 1, 1), date(2026, 3, 31), 500, None),  # 89 days
    (3, 2, "energie", "accordee", date(2026, 3, 20), date(2026, 4, 10), 300, 300),
    (4, 3, "acces", "accordee", date(2025, 12, 1), date(2026, 1, 10), 2000, 1500),  # 40 days
    (5, 4, "maintien", "deposee", date(2026, 3, 31), None, 700, None),
    (6, 4, "maintien", "brouillon", None, None, 100, None),
    (7, 2, "maintien", "ajournee", date(2026, 2, 1), date(2026, 3, 1), 400, None),
    (8, 3, "energie", "refusee", date(2025, 10, 1), date(2025, 12, 31), 200, None),
    (9, 1, "maintien", "accordee", date(2026, 2, 1), date(2026, 3, 3), 600, 600),  # 30 days
    (10, 4, "acces", "deposee", date(2026, 4, 1), None, 900, None),
]
# id, household, stages, closed on, outcome
PROCEDURES = [
    (
        1,
        1,
        [
            ("commandement_payer", date(2025, 10, 1)),
            ("assignation", date(2026, 2, 1)),
            ("audience", date(2026, 4, 15)),
        ],
        None,
        None,
    ),
    (
        2,
        2,
        [("commandement_payer", date(2025, 6, 1)), ("signalement_ccapex", date(2025, 7, 1))],
        date(2025, 12, 31),
        "dette_soldee",
    ),
    (3, 3, [("commandement_payer", date(2026, 3, 31))], None, None),
    (4, 4, [("commandement_payer", date(2026, 4, 1))], None, None),
    (
        5,
        4,
        [("commandement_payer", date(2025, 5, 1)), ("jugement", date(2025, 11, 1))],
        date(2026, 1, 1),
        "plan_accepte",
    ),
    (
        6,
        2,
        [
            ("commandement_payer", date(2025, 1, 10)),
            ("commandement_quitter", date(2025, 9, 1)),
            ("concours_accorde", date(2025, 10, 15)),
            ("expulsion", date(2026, 4, 2)),
        ],
        date(2026, 4, 2),
        "expulsion",
    ),
    (
        7,
        1,
        [("commandement_payer", date(2025, 2, 1)), ("audience", date(2025, 6, 1))],
        date(2026, 3, 15),
        "reloge",
    ),
    (
        8,
        3,
        [("commandement_payer", date(2024, 1, 1)), ("expulsion", date(2025, 6, 5))],
        date(2026, 2, 1),
        "expulsion",
    ),
    (9, 2, [("commandement_payer", date(2025, 1, 1))], date(2026, 4, 1), "dette_soldee"),
]


def build(database):
    """The households and their support records above, inserted with plain SQL."""
    cur = database.cursor()
    for hid, number, head, commune, referent in HOUSEHOLDS:
        cur.execute(
            "INSERT INTO household (id, file_number, head_name, commune, referent, opened_on,"
            " created_at, created_by, updated_at, updated_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [hid, number, head, commune, referent, date(2024, 1, 1), *STAMP],
        )
    for mid, hid, kind, start, end, reviews in MEASURES:
        cur.execute(
            "INSERT INTO support_measure (id, household_id, kind, start_on, planned_end_on,"
            " end_on, created_at, created_by, updated_at, updated_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [mid, hid, kind, start, date(2027, 1, 1), end, *STAMP],
        )
        for day in reviews:
            cur.execute(
                "INSERT INTO measure_review (measure_id, household_id, review_on, outcome,"
                " created_at, created_by) VALUES (?, ?, ?, 'ok', ?, ?)",
                [mid, hid, day, *STAMP[:2]],
            )
    for hid, counterpart, outcome, day in MEDIATIONS:
        cur.execute(
            "INSERT INTO mediation (household_id, counterpart, reason, mediation_on, outcome,"
            " created_at, created_by, updated_at, updated_by)"
            " VALUES (?, ?, 'impayes', ?, ?, ?, ?, ?, ?)",
            [hid, counterpart, day, outcome, *STAMP],
        )
    for fid, hid, kind, status, submitted, decided, requested, granted in FSL:
        cur.execute(
            "INSERT INTO fsl_application (id, household_id, kind, form, amount_requested,"
            " amount_granted, submitted_on, decided_on, status, created_at, created_by,"
            " updated_at, updated_by) VALUES (?, ?, ?, 'subvention', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [fid, hid, kind, requested, granted, submitted, decided, status, *STAMP],
        )
    for pid, hid, stages, closed, outcome in PROCEDURES:
        cur.execute(
            "INSERT INTO eviction_procedure (id, household_id, closed_on, outcome, created_at,"
            " created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [pid, hid, closed, outcome, *STAMP],
        )
        for stage, day in stages:
            cur.execute(
                "INSERT INTO eviction_stage (procedure_id, household_id, stage, stage_on,"
                " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
                [pid, hid, stage, day, *STAMP[:2]],
            )
    cur.close()
    return database


def run(database, name, start=START, end=END, **filters):
    params = dict(commune=None, programme=None, measure_kind=None, worker=None) | filters
    return queries.run(database, f"kpi/{name}", start=start, end=end, since=START, **params)


def rows(frame) -> list[tuple]:
    return [tuple(row) for row in frame.iter_rows()]


def card(name, frame):
    return kpi.figure(kpi.by_key(name), frame)


def drill(database, name, reader=None, **filters):
    """The drill-down as a director (reader None) or as a social worker `reader`."""
    params = dict(commune=None, programme=None, measure_kind=None, worker=None) | filters
    return queries.run(
        database,
        name,
        start=START,
        end=END,
        since=START,
        sees_all=reader is None,
        referent_of=reader,
        sees_tenants=False,
        **params,
    )


def picked(frame, *columns):
    return [tuple(row) for row in frame.select(columns).iter_rows()]


# SQLite: the same files, transpiled by sqlglot as the benchmark does ---------------------


TABLES = [
    "household",
    "setting",
    "support_measure",
    "measure_review",
    "mediation",
    "fsl_application",
    "eviction_procedure",
    "eviction_stage",
]


def sqlite_copy(database) -> sqlite3.Connection:
    """The fixture's tables in SQLite, dates as ISO text (as the benchmark stores them)."""
    lite = sqlite3.connect(":memory:")
    cur = database.cursor()
    for table in TABLES:
        relation = cur.table(table)
        columns = relation.columns
        # Table and column names come from the constant list and the schema, not input.
        create = "CREATE TABLE " + table + " (" + ", ".join(columns) + ")"
        insert = "INSERT INTO " + table + " VALUES (" + ", ".join("?" for _ in columns) + ")"
        lite.execute(create)
        lite.executemany(insert, [[sqlite_value(v) for v in row] for row in relation.fetchall()])
    cur.close()
    return lite


def sqlite_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def on_sqlite(lite, name, **params):
    sql = sqlglot.transpile(queries.all_queries()[name].sql, read="duckdb", write="sqlite")
    bound = {key: sqlite_value(value) for key, value in params.items()}
    return [tuple(row) for row in lite.execute(sql[0], bound).fetchall()]


def same(left: list[tuple], right: list[tuple]) -> bool:
    def rounded(rows):
        return [tuple(round(v, 9) if isinstance(v, float) else v for v in r) for r in rows]

    return rounded(left) == rounded(right)

"""The housing stock and the capture pipeline that the Logements and Captation indicators are
checked on (tests/test_kpi_housing.py, test_kpi_capture.py), built with plain SQL, and the
helpers that run a tile on DuckDB and on SQLite. Dates are inclusive: a lease's end_on is
its last day occupied, a dwelling's left_on its last day in the stock.

The stock, over the first quarter of 2025 (90 days), dwelling by dwelling:

    dwelling  programme          commune   rent    in stock  occupied  vacant  lost    on 31/03
    A         sous_location      Bordeaux  600     90        62        28      560.00  occupe
    B         sous_location      Bordeaux  450     45        22        23      345.00  occupe
    C         bail_glissant      Pessac    300     41        14        27      270.00  (left)
    D         bail_glissant      Pessac    390     90         0        90     1170.00  travaux
    F         pension_famille    Bordeaux  350     90        90         0        0.00  occupe
    G         patrimoine_propre  Pessac    505.50   1         0         1       16.85  vacant
    H         mandat_gestion     Bordeaux  600     90         0        90     1800.00  vacant
    (E enters on 1 April, I left on 31 December: neither is in the quarter's stock.)

The leads and their dated moves (the pipeline):

    lead  commune   assignee  moves
    L1    Pessac    gestion   identifie 10/01, contacte 20/01, visite 01/02,
                              convention_signee 01/03, mis_en_location 05/04 (dwelling G)
    L2    Bordeaux  gestion   identifie 05/01, visite 25/01 (skipping contacte), abandoned 01/02
    L3    Bordeaux  capteur   identifie 20/12/2024, contacte 04/01, proposition 14/02,
                              convention_signee 31/03
    L4    Pessac    capteur   identifie 25/03, contacte 02/04
    L5    Bordeaux  capteur   identifie 01/11/2024, convention_signee 31/12/2024,
                              mis_en_location 01/01 (dwelling K)
"""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest
import sqlglot

import queries
import queries.kpi
from db.households import writes as households
from db.households.models import IntakeIn
from tests.conftest import actor_of, intake_fields

Q1 = {
    "start": date(2025, 1, 1),
    "end": date(2025, 3, 31),
    "since": date(2020, 1, 1),
    "commune": None,
    "programme": None,
    "measure_kind": None,
    "worker": None,
}
Q2 = Q1 | {"start": date(2025, 4, 1), "end": date(2025, 6, 30)}
Q4_2024 = Q1 | {"start": date(2024, 10, 1), "end": date(2024, 12, 31)}
STAMP = "now(), 'tests', now(), 'tests'"


def add_households(team, count: int) -> list[int]:
    social = actor_of(team, "social")
    return [
        households.create_intake(
            team, social, IntakeIn.model_validate(intake_fields(f"Nom{n}", referent="social"))
        )["id"]
        for n in range(count)
    ]


def add_dwelling(cur, programme, commune, rent, entered_on, left_on=None, status="vacant"):
    sql = (
        "INSERT INTO dwelling (owner_id, address, commune, typology, rent, programme, status,"
        " entered_on, left_on, created_at, created_by, updated_at, updated_by)"
        " VALUES (1, '3 rue des Lilas', ?, 'T2', ?, ?, ?, ?, ?, " + STAMP + ") RETURNING id"
    )
    row = [commune, rent, programme, status, entered_on, left_on]
    return cur.execute(sql, row).fetchone()[0]


def add_lease(cur, dwelling_id, kind, household_id, start_on, end_on=None, slid_on=None):
    sql = (
        "INSERT INTO lease (dwelling_id, kind, household_id, start_on, end_on, slid_on,"
        " created_at, created_by, updated_at, updated_by)"
        " VALUES (?, ?, ?, ?, ?, ?, " + STAMP + ")"
    )
    cur.execute(sql, [dwelling_id, kind, household_id, start_on, end_on, slid_on])


def build_stock(team) -> dict:
    """The stock of the module docstring: dwellings A to I and their leases; ids by letter."""
    h = add_households(team, 8)
    cur = team.cursor()
    cur.execute(
        "INSERT INTO owner (kind, name, created_at, created_by, updated_at, updated_by)"
        " VALUES ('sci', 'SCI Les Tilleuls', " + STAMP + ")"
    )
    d = {
        "A": add_dwelling(cur, "sous_location", "Bordeaux", "600", date(2024, 6, 1)),
        "B": add_dwelling(cur, "sous_location", "Bordeaux", "450", date(2025, 2, 15)),
        "C": add_dwelling(
            cur, "bail_glissant", "Pessac", "300", date(2024, 1, 1), date(2025, 2, 10), "restitue"
        ),
        "D": add_dwelling(cur, "bail_glissant", "Pessac", "390", date(2024, 1, 1), None, "travaux"),
        "E": add_dwelling(cur, "pension_famille", "Bordeaux", "200", date(2025, 4, 1)),
        # Its record says « travaux », but a household's lease covers 31 March: occupied.
        "F": add_dwelling(
            cur, "pension_famille", "Bordeaux", "350", date(2024, 12, 31), None, "travaux"
        ),
        "G": add_dwelling(cur, "patrimoine_propre", "Pessac", "505.50", date(2025, 3, 31)),
        "H": add_dwelling(
            cur, "mandat_gestion", "Bordeaux", "600", date(2024, 1, 1), date(2025, 3, 31)
        ),
        "I": add_dwelling(
            cur, "sous_location", "Bordeaux", "500", date(2024, 1, 1), date(2024, 12, 31)
        ),
    }
    # The association's main lease on A: no household, never an occupied day.
    add_lease(cur, d["A"], "bail_principal", None, date(2024, 6, 1))
    add_lease(cur, d["A"], "sous_location", h[0], date(2024, 9, 1), date(2025, 1, 31))
    add_lease(cur, d["A"], "sous_location", h[1], date(2025, 3, 1))
    add_lease(cur, d["B"], "sous_location", h[2], date(2025, 3, 10), date(2025, 3, 20))
    # B's bail glissant slides on 1 April, the day after the quarter.
    add_lease(
        cur, d["B"], "bail_glissant", h[3], date(2025, 3, 21), date(2025, 3, 31), date(2025, 4, 1)
    )
    add_lease(
        cur, d["C"], "bail_glissant", h[4], date(2024, 3, 1), date(2025, 1, 14), date(2025, 1, 15)
    )
    add_lease(
        cur, d["D"], "bail_glissant", h[5], date(2024, 2, 1), date(2024, 12, 31), date(2025, 1, 1)
    )
    add_lease(cur, d["F"], "sous_location", h[6], date(2024, 12, 31))
    # I's slides on 31 December, the day before the quarter.
    add_lease(
        cur, d["I"], "bail_glissant", h[7], date(2024, 1, 1), date(2024, 12, 30), date(2024, 12, 31)
    )
    return d


def add_lead(cur, commune, assignee, moves, abandoned_on=None, dwelling_id=None) -> int:
    stage, stage_on = moves[-1]
    sql = (
        "INSERT INTO capture_lead (address, commune, source, assignee, stage, stage_on,"
        " abandoned_on, dwelling_id, created_at, created_by, updated_at, updated_by)"
        " VALUES ('1 rue Neuve', ?, 'annonce', ?, ?, ?, ?, ?, " + STAMP + ") RETURNING id"
    )
    row = [commune, assignee, stage, stage_on, abandoned_on, dwelling_id]
    lead_id = cur.execute(sql, row).fetchone()[0]
    for stage, on in moves:
        cur.execute(
            "INSERT INTO capture_stage_event (lead_id, stage, moved_on, moved_by, created_at,"
            " created_by) VALUES (?, ?, ?, 'tests', now(), 'tests')",
            [lead_id, stage, on],
        )
    return lead_id


def build_pipeline(database) -> dict:
    """The leads of the module docstring and the dwellings they became; ids by name."""
    cur = database.cursor()
    d = {
        "B": add_dwelling(cur, "sous_location", "Bordeaux", "450", date(2025, 2, 15)),
        "G": add_dwelling(cur, "patrimoine_propre", "Pessac", "500", date(2025, 3, 31)),
        "K": add_dwelling(cur, "sous_location", "Bordeaux", "400", date(2025, 1, 1)),
        "E": add_dwelling(cur, "pension_famille", "Bordeaux", "200", date(2025, 4, 1)),
        "F": add_dwelling(cur, "pension_famille", "Bordeaux", "350", date(2024, 12, 31)),
    }
    y = 2025
    leads = {
        "L1": add_lead(
            cur,
            "Pessac",
            "gestion",
            [
                ("identifie", date(y, 1, 10)),
                ("contacte", date(y, 1, 20)),
                ("visite", date(y, 2, 1)),
                ("convention_signee", date(y, 3, 1)),
                ("mis_en_location", date(y, 4, 5)),
            ],
            dwelling_id=d["G"],
        ),
        "L2": add_lead(
            cur,
            "Bordeaux",
            "gestion",
            [
                ("identifie", date(y, 1, 5)),
                ("visite", date(y, 1, 25)),
            ],
            abandoned_on=date(y, 2, 1),
        ),
        "L3": add_lead(
            cur,
            "Bordeaux",
            "capteur",
            [
                ("identifie", date(2024, 12, 20)),
                ("contacte", date(y, 1, 4)),
                ("proposition", date(y, 2, 14)),
                ("convention_signee", date(y, 3, 31)),
            ],
        ),
        "L4": add_lead(
            cur,
            "Pessac",
            "capteur",
            [
                ("identifie", date(y, 3, 25)),
                ("contacte", date(y, 4, 2)),
            ],
        ),
        "L5": add_lead(
            cur,
            "Bordeaux",
            "capteur",
            [
                ("identifie", date(2024, 11, 1)),
                ("convention_signee", date(2024, 12, 31)),
                ("mis_en_location", date(y, 1, 1)),
            ],
            dwelling_id=d["K"],
        ),
    }
    return d | leads


def kpi(team, name: str, **changes):
    return queries.run(team, name, **(Q1 | changes))


def card(name: str, frame) -> float | None:
    return queries.kpi.figure(queries.kpi.by_key(name.split("/")[1]), frame)


# SQLite: the same files, transpiled ----------------------------------------------------

SQLITE_TABLES = {
    "dwelling": ("id", "programme", "commune", "status", "rent", "entered_on", "left_on"),
    "lease": ("id", "dwelling_id", "household_id", "kind", "start_on", "end_on", "slid_on"),
    "capture_lead": ("id", "commune", "assignee", "dwelling_id"),
    "capture_stage_event": ("id", "lead_id", "stage", "moved_on"),
}


def plain(value):
    if isinstance(value, date):
        return value.isoformat()
    return float(value) if isinstance(value, Decimal) else value


def sqlite_copy(database, folder) -> sqlite3.Connection:
    """The tables the housing and capture tiles read, in SQLite (dates as ISO text)."""
    lite = sqlite3.connect(folder / "kpi.sqlite")
    cur = database.cursor()
    for table, columns in SQLITE_TABLES.items():
        names = ", ".join(columns)
        lite.execute("CREATE TABLE " + table + " (" + names + ")")
        rows = cur.execute("SELECT " + names + " FROM " + table).fetchall()
        marks = ", ".join("?" * len(columns))
        insert = "INSERT INTO " + table + " VALUES (" + marks + ")"
        lite.executemany(insert, [tuple(plain(v) for v in row) for row in rows])
    lite.commit()
    return lite


def on_sqlite(lite, name: str, **params) -> list[tuple]:
    query = queries.all_queries()[name]
    sql = sqlglot.transpile(query.sql, read="duckdb", write="sqlite")[0]
    return lite.execute(sql, {k: plain(params[k]) for k in query.params}).fetchall()


def same_rows(duck: list[tuple], lite: list[tuple]) -> bool:
    def close(a, b):
        if isinstance(a, float | int) and isinstance(b, float | int):
            return b == pytest.approx(a)
        return a == b

    return len(duck) == len(lite) and all(
        len(x) == len(y) and all(close(a, b) for a, b in zip(x, y, strict=True))
        for x, y in zip(duck, lite, strict=True)
    )

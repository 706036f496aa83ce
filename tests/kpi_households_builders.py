"""The households fixture of the households and persons indicators (tests/test_kpi_households.py,
test_kpi_rehoused.py, test_kpi_persons.py), written with plain SQL, and the helpers that run
an indicator on it, on DuckDB and on SQLite. The period is the first quarter of 2025;
records cut through its bounds.

The households are listed in HOUSEHOLDS below (H1 Aubert … H11 Klein, in that order).
Followed in the quarter: all but H3 (closed before) and H6 (opened after): 9 households.
Welcomed in the quarter: H8 (first day), H2, H9 (last day).

Rehousings in the records (LEASES and MEASURES below):
  H1  sublease from 2025-02-01                               bail 2025-02-01
  H2  sublease from 2025-03-31                               bail 2025-03-31
  H4  bail glissant from 2024-06-01, bail direct 2025-02-01  bail 2024-06-01 (the slide is none)
  H5  measure ended « relogé » 2024-12-31                    mesure 2024-12-31
  H7  measure ended « relogé » 2025-01-10, sublease 01-20    mesure 2025-01-10
  H8  measure ended « relogé » 2025-02-20                    mesure 2025-02-20
  H9  measure ended « relogé » 2025-04-01                    mesure 2025-04-01
  H6  sublease from 2025-04-01                               bail 2025-04-01
  H10 sublease from 2024-12-31, a move on 2025-02-15         bail 2024-12-31 (the move is none)
  H11 sublease in 2023, a new one from 2025-03-01            bail 2023-01-01 and 2025-03-01
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
import sqlglot

import queries
from db.households.spans import rebuild_spans
from queries import kpi

Q1 = {"start": date(2025, 1, 1), "end": date(2025, 3, 31)}
NO_FILTER = {"commune": None, "programme": None, "measure_kind": None, "worker": None}
SINCE = date(2024, 1, 1)
AT = datetime(2025, 6, 1, 9, 0)

HOUSEHOLDS = [
    # name, request type, family type, prescriber, referent, commune, status events
    ("Aubert", "acces", "isole", "ccas", "social", "Bordeaux", [("ouverture", "2024-06-01")]),
    ("Brisson", "acces", "couple", "siao", "social", "Pessac", [("ouverture", "2025-02-10")]),
    (
        "Carrel",
        "maintien",
        "monoparentale",
        "ccas",
        "mlefevre",
        "Bordeaux",
        [("ouverture", "2023-01-01"), ("cloture", "2024-12-31")],
    ),
    (
        "Dumas",
        "maintien",
        "couple_enfants",
        "caf",
        "mlefevre",
        "Bordeaux",
        [("ouverture", "2023-05-01"), ("cloture", "2024-10-01"), ("reouverture", "2025-03-31")],
    ),
    (
        "Esnault",
        "acces",
        "isole",
        "ccas",
        None,
        "Talence",
        [("ouverture", "2024-11-01"), ("cloture", "2025-01-01")],
    ),
    ("Fabre", "acces", "isole", "ccas", "social", "Bordeaux", [("ouverture", "2025-04-01")]),
    ("Gomez", "maintien", "isole", "hopital", "kbenali", "Mérignac", [("ouverture", "2024-12-31")]),
    (
        "Hamon",
        "acces",
        "monoparentale",
        None,
        "social",
        "Pessac",
        [("ouverture", "2025-01-01"), ("cloture", "2025-02-01"), ("reouverture", "2025-03-01")],
    ),
    ("Izard", "maintien", "couple", "ccas", "kbenali", "Bordeaux", [("ouverture", "2025-03-31")]),
    (
        "Jacob",
        "acces",
        "autre",
        "caf",
        "mlefevre",
        "Mérignac",
        [("ouverture", "2024-01-01"), ("cloture", "2025-03-31")],
    ),
    ("Klein", "maintien", "isole", "spontanee", None, "Talence", [("ouverture", "2024-02-01")]),
]

MEASURES = [
    # household, kind, start, end, end reason
    ("Aubert", "asll", "2024-06-01", "2025-01-15", "objectifs_atteints"),  # ends inside
    ("Brisson", "asll", "2024-11-01", "2024-12-31", "abandon"),  # ends the day before
    ("Carrel", "asll", "2024-01-01", None, None),
    ("Dumas", "avdl", "2025-03-31", None, None),  # starts on the last day
    ("Gomez", "avdl", "2024-12-01", "2025-01-10", "reloge"),
    ("Gomez", "asll", "2025-04-01", None, None),  # starts the day after
    ("Hamon", "mous", "2025-01-05", "2025-02-20", "reloge"),
    ("Izard", "equipe_mobile", "2025-03-31", "2025-04-01", "reloge"),  # relogé the day after
    ("Esnault", "mous", "2024-05-01", "2024-12-31", "reloge"),  # relogé the day before
]

RESOURCES = [
    # household, kind, valid from, valid until (the first day no longer received)
    ("Aubert", "rsa", "2024-06-01", None),
    ("Aubert", "apl", "2024-06-01", None),
    ("Brisson", "salaire", "2025-03-31", None),  # from the last day
    ("Brisson", "aah", "2025-01-10", "2025-01-10"),  # ended the day it began: never received
    ("Carrel", "rsa", "2023-01-01", None),  # not followed
    ("Dumas", "rsa", "2023-05-01", "2025-01-01"),  # last received 2024-12-31
    ("Dumas", "salaire", "2025-04-01", None),  # from the day after
    ("Esnault", "sans_ressources", "2024-11-01", None),
    ("Gomez", "rsa", "2024-12-31", "2025-01-02"),  # received on 1 January
    ("Gomez", "salaire", "2024-01-01", "2025-03-01"),
    ("Izard", "rsa", None, None),  # always
]

LEASES = [
    # household (None: the association's main lease), kind, start, end
    (None, "bail_principal", "2020-01-01", None),
    ("Aubert", "sous_location", "2025-02-01", None),  # rehoused mid-period
    ("Brisson", "sous_location", "2025-03-31", None),  # same day as nothing else: bail
    ("Dumas", "bail_glissant", "2024-06-01", "2025-01-31"),
    ("Dumas", "bail_direct", "2025-02-01", None),  # the slide: not a new rehousing
    ("Gomez", "sous_location", "2025-01-20", None),  # after its measure ended « relogé »
    ("Fabre", "sous_location", "2025-04-01", None),  # the day after
    ("Jacob", "sous_location", "2024-12-31", "2025-02-14"),  # the day before
    ("Jacob", "sous_location", "2025-02-15", None),  # a move without a gap: not new
    ("Klein", "sous_location", "2023-01-01", "2023-12-31"),
    ("Klein", "sous_location", "2025-03-01", None),  # a new home after a gap
]


def build(database) -> dict[str, int]:
    """The households above, their status history, measures, resources and leases: ids
    by name."""
    cur = database.cursor()
    ids = {}
    for number, (name, request, family, prescriber, referent, commune, events) in enumerate(
        HOUSEHOLDS, start=1
    ):
        status = "clos" if events[-1][0] == "cloture" else "actif"
        ids[name] = cur.execute(
            "INSERT INTO household (file_number, status, referent, commune, head_name,"
            " request_type, family_type, prescriber, opened_on, created_at, created_by,"
            " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'test', ?, 'test')"
            " RETURNING id",
            [
                f"2025-{number:04d}",
                status,
                referent,
                commune,
                f"{name.upper()} Anne",
                request,
                family,
                prescriber,
                events[0][1],
                AT,
                AT,
            ],
        ).fetchone()[0]
        for event, day in events:
            cur.execute(
                "INSERT INTO household_status_event (household_id, event, occurred_on,"
                " recorded_at, recorded_by) VALUES (?, ?, ?, ?, 'test')",
                [ids[name], event, day, AT],
            )
    rebuild_spans(cur)
    for name, kind, start, end, reason in MEASURES:
        cur.execute(
            "INSERT INTO support_measure (household_id, kind, start_on, planned_end_on, end_on,"
            " end_reason, created_at, created_by, updated_at, updated_by)"
            " VALUES (?, ?, ?, DATE '2026-12-31', ?, ?, ?, 'test', ?, 'test')",
            [ids[name], kind, start, end, reason, AT, AT],
        )
    for name, kind, valid_from, valid_until in RESOURCES:
        cur.execute(
            "INSERT INTO resource (household_id, kind, monthly_amount, valid_from, valid_until)"
            " VALUES (?, ?, 500, ?, ?)",
            [ids[name], kind, valid_from, valid_until],
        )
    dwelling = cur.execute(
        "INSERT INTO dwelling (owner_id, address, commune, typology, rent, programme, status,"
        " entered_on, created_at, created_by, updated_at, updated_by) VALUES (1, '3 rue des"
        " Lilas', 'Bordeaux', 'T2', 500, 'sous_location', 'occupe', DATE '2020-01-01', ?,"
        " 'test', ?, 'test') RETURNING id",
        [AT, AT],
    ).fetchone()[0]
    for name, kind, start, end in LEASES:
        cur.execute(
            "INSERT INTO lease (dwelling_id, kind, household_id, start_on, end_on, created_at,"
            " created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, 'test', ?, 'test')",
            [dwelling, kind, ids.get(name), start, end, AT, AT],
        )
    return ids


def run(database, name: str, period=Q1, **filters) -> list[tuple]:
    frame = queries.run(database, name, since=SINCE, **period, **(NO_FILTER | filters))
    return frame.rows()


def card(database, key: str, period=Q1, **filters) -> float | None:
    frame = queries.run(database, f"kpi/{key}", since=SINCE, **period, **(NO_FILTER | filters))
    return kpi.figure(kpi.by_key(key), frame)


def drill(database, name: str, scope: dict, period=Q1, **filters):
    return queries.run(database, name, since=SINCE, **period, **(NO_FILTER | filters), **scope)


ALL = {"sees_all": True, "referent_of": None, "sees_tenants": False}


def worker(username: str, tenants: bool = False) -> dict:
    return {"sees_all": False, "referent_of": username, "sees_tenants": tenants}


# How the rehoused indicators name the way a household was rehoused.
BAIL = "Bail de l'association"
MESURE = "Mesure terminée « relogé »"


# SQLite: the same files, transpiled by sqlglot as the benchmark does ---------------------


# What the SQLite copy holds: each table's columns the KPIs read, written out.
COPIES = [
    (
        "CREATE TABLE household (id, file_number, status, referent, commune, head_name,"
        " request_type, family_type, prescriber, opened_on)",
        "SELECT id, file_number, status, referent, commune, head_name, request_type,"
        " family_type, prescriber, opened_on FROM household",
        "INSERT INTO household VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    (
        "CREATE TABLE household_status_event (id, household_id, event, occurred_on)",
        "SELECT id, household_id, event, occurred_on FROM household_status_event",
        "INSERT INTO household_status_event VALUES (?, ?, ?, ?)",
    ),
    (
        "CREATE TABLE household_rehousing (household_id, rehoused_on)",
        "SELECT household_id, rehoused_on FROM household_rehousing",
        "INSERT INTO household_rehousing VALUES (?, ?)",
    ),
    (
        "CREATE TABLE household_follow_span (household_id, from_on, to_on)",
        "SELECT household_id, from_on, to_on FROM household_follow_span",
        "INSERT INTO household_follow_span VALUES (?, ?, ?)",
    ),
    (
        "CREATE TABLE support_measure (id, household_id, kind, start_on, end_on, end_reason)",
        "SELECT id, household_id, kind, start_on, end_on, end_reason FROM support_measure",
        "INSERT INTO support_measure VALUES (?, ?, ?, ?, ?, ?)",
    ),
    (
        "CREATE TABLE resource (id, household_id, kind, valid_from, valid_until)",
        "SELECT id, household_id, kind, valid_from, valid_until FROM resource",
        "INSERT INTO resource VALUES (?, ?, ?, ?, ?)",
    ),
    (
        "CREATE TABLE lease (id, dwelling_id, kind, household_id, start_on, end_on)",
        "SELECT id, dwelling_id, kind, household_id, start_on, end_on FROM lease",
        "INSERT INTO lease VALUES (?, ?, ?, ?, ?, ?)",
    ),
]


def sqlite_copy(database) -> sqlite3.Connection:
    """The fixture's rows in SQLite, dates as ISO text as the benchmark stores them."""
    copy = sqlite3.connect(":memory:")
    for create, select, insert in COPIES:
        copy.execute(create)
        rows = database.cursor().execute(select).fetchall()
        copy.executemany(
            insert, [[v.isoformat() if isinstance(v, date) else v for v in row] for row in rows]
        )
    return copy


def on_sqlite(copy, name: str, params: dict) -> list[tuple]:
    query = queries.all_queries()[name]
    sql = sqlglot.transpile(query.sql, read="duckdb", write="sqlite")[0]
    bound = {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in params.items()
        if key in query.params
    }
    return copy.execute(sql, bound).fetchall()


def same(left: list[tuple], right: list[tuple]) -> bool:
    return len(left) == len(right) and all(
        list(a) == [pytest.approx(v) if isinstance(v, float) else v for v in b]
        for a, b in zip(left, right, strict=True)
    )

"""Households rehoused (in the period and since a date), the caseload per worker, the
rehoused drill-down, and every households KPI run again on SQLite (transpiled by sqlglot,
as the benchmark does) with the same answers: on the fixture of tests/test_kpi_households.py.

Rehousings in the records (LEASES and MEASURES there):
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
from datetime import date

import pytest
import sqlglot

import queries
from tests.test_kpi_households import ALL, NO_FILTER, Q1, SINCE, build, card, drill, run, worker

BAIL = "Bail de l'association"
MESURE = "Mesure terminée « relogé »"


@pytest.fixture
def homes(database):
    return build(database)


def test_rehoused_in_the_quarter_once_each_by_what_came_first(database, homes):
    # bail: H1 (mid-period), H2 (lease and nothing else on the last day), H11 (a new home
    # after a gap); mesure: H7 (its measure ended before its lease began), H8. Not H4 (a
    # slide), H10 (a move), H5 and H9 (the day before, the day after), H6 (the day after).
    assert run(database, "kpi/rehoused") == [(BAIL, 3), (MESURE, 2)]
    assert card(database, "rehoused") == 5.0
    assert run(database, "kpi/rehoused", commune="Pessac") == [(BAIL, 1), (MESURE, 1)]
    assert run(database, "kpi/rehoused", worker="social") == [(BAIL, 2), (MESURE, 1)]
    assert run(database, "kpi/rehoused", measure_kind="avdl") == [(MESURE, 1)]  # H7


def test_a_lease_on_the_day_a_measure_ends_reloge_counts_as_the_lease(database, homes):
    database.cursor().execute(
        "INSERT INTO support_measure (household_id, kind, start_on, planned_end_on, end_on,"
        " end_reason, created_at, created_by, updated_at, updated_by) VALUES (?, 'asll',"
        " DATE '2025-01-01', DATE '2026-01-01', DATE '2025-03-31', 'reloge', now(), 't',"
        " now(), 't')",
        [homes["Brisson"]],
    )
    assert run(database, "kpi/rehoused") == [(BAIL, 3), (MESURE, 2)]
    january = {"start": date(2025, 1, 1), "end": date(2025, 1, 31)}
    assert run(database, "kpi/rehoused", january) == [(MESURE, 1)]  # H7 on 10/01 only


def test_rehoused_drill_lists_each_household_on_its_first_day(database, homes):
    listed = drill(database, "kpi_drill/households_rehoused", ALL)
    seen = list(zip(listed["head_name"], listed["how"], listed["rehoused_on"], strict=True))
    assert seen == [
        ("BRISSON Anne", BAIL, date(2025, 3, 31)),
        ("KLEIN Anne", BAIL, date(2025, 3, 1)),
        ("HAMON Anne", MESURE, date(2025, 2, 20)),
        ("AUBERT Anne", BAIL, date(2025, 2, 1)),
        ("GOMEZ Anne", MESURE, date(2025, 1, 10)),
    ]
    assert listed["household_id"][0] == homes["Brisson"]
    counts = listed.group_by("how").len().sort("how").rows()
    assert counts == run(database, "kpi/rehoused")
    mine = drill(database, "kpi_drill/households_rehoused", worker("kbenali"))
    assert mine["head_name"].to_list() == ["GOMEZ Anne"]
    marc = drill(database, "kpi_drill/households_rehoused", worker("mlefevre"))
    assert marc.height == 0
    pessac = drill(database, "kpi_drill/households_rehoused", ALL, commune="Pessac")
    assert pessac["head_name"].to_list() == ["BRISSON Anne", "HAMON Anne"]


def test_rehoused_since_a_date_month_by_month(database, homes):
    # From 01/01/2024: H4 in June; H5 and H10 in December; H7 in January; H1 and H8 in
    # February; H2 and H11 in March.
    assert run(database, "kpi/rehoused_since") == [
        ("2024-06", 1, 1),
        ("2024-12", 2, 3),
        ("2025-01", 1, 4),
        ("2025-02", 2, 6),
        ("2025-03", 2, 8),
    ]
    assert card(database, "rehoused_since") == 8.0
    frame = queries.run(
        database, "kpi/rehoused_since", since=date(2025, 1, 1), start=None, end=date(2025, 3, 31),
        **NO_FILTER,
    )  # fmt: skip
    assert frame.rows() == [("2025-01", 1, 1), ("2025-02", 2, 3), ("2025-03", 2, 5)]
    assert run(database, "kpi/rehoused_since", worker="mlefevre") == [
        ("2024-06", 1, 1), ("2024-12", 1, 2),
    ]  # fmt: skip
    assert run(database, "kpi/rehoused_since", commune="Talence") == [
        ("2024-12", 1, 1), ("2025-03", 1, 2),
    ]  # fmt: skip
    # The measures kept from 01/01/2024: H5's MOUS ended in December 2024.
    assert run(database, "kpi/rehoused_since", measure_kind="mous") == [
        ("2024-12", 1, 1), ("2025-02", 1, 2),
    ]  # fmt: skip


def test_rehoused_since_counts_a_household_at_its_first_rehousing_since_the_date(database, homes):
    from_2023 = {"start": None, "end": date(2025, 3, 31)}
    frame = queries.run(
        database, "kpi/rehoused_since", since=date(2023, 1, 1), **from_2023, **NO_FILTER
    )
    # H11 is counted in January 2023, not again in March 2025.
    assert frame.rows()[0] == ("2023-01", 1, 1)
    assert frame.rows()[-1] == ("2025-03", 1, 8)  # H2 only


def test_caseload_per_referent_at_the_end_of_the_period(database, homes):
    # Active on 31/03: social H1, H2, H8; kbenali H7, H9 (opened that day); mlefevre H4
    # (reopened that day), H10 (closed that day); no referent H11. H5 closed on 01/01.
    rows = run(database, "kpi/caseload")
    assert rows == [
        ("social", 3, pytest.approx(7 / 3)),
        ("kbenali", 2, pytest.approx(7 / 3)),
        ("mlefevre", 2, pytest.approx(7 / 3)),
        (None, 1, pytest.approx(7 / 3)),
    ]
    assert card(database, "caseload") == pytest.approx(7 / 3)
    day_before = {"start": date(2025, 1, 1), "end": date(2025, 3, 30)}
    assert run(database, "kpi/caseload", day_before) == [
        ("social", 3, pytest.approx(5 / 3)),
        ("kbenali", 1, pytest.approx(5 / 3)),
        ("mlefevre", 1, pytest.approx(5 / 3)),
        (None, 1, pytest.approx(5 / 3)),
    ]
    first_day = {"start": date(2025, 1, 1), "end": date(2025, 1, 1)}
    assert run(database, "kpi/caseload", first_day) == [
        ("social", 2, pytest.approx(4 / 3)),  # H1, H8 opened that day
        (None, 2, pytest.approx(4 / 3)),  # H5 closed that day, H11
        ("kbenali", 1, pytest.approx(4 / 3)),
        ("mlefevre", 1, pytest.approx(4 / 3)),
    ]
    assert run(database, "kpi/caseload", commune="Bordeaux") == [
        ("kbenali", 1, 1.0), ("mlefevre", 1, 1.0), ("social", 1, 1.0),
    ]  # fmt: skip
    assert run(database, "kpi/caseload", worker="mlefevre") == [("mlefevre", 2, 2.0)]
    assert run(database, "kpi/caseload", measure_kind="asll") == [("social", 1, 1.0)]
    only_unassigned = run(database, "kpi/caseload", commune="Talence")
    assert only_unassigned == [(None, 1, None)]
    assert card(database, "caseload", commune="Talence") is None


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
KPIS = (
    "welcomed", "followed", "rehoused", "rehoused_since", "composition", "rsa_share",
    "salary_share", "resources", "prescribers", "communes", "caseload",
)  # fmt: skip


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


@pytest.mark.parametrize("key", KPIS)
def test_each_kpi_gives_the_same_rows_on_sqlite(database, homes, key):
    copy = sqlite_copy(database)
    cases = [NO_FILTER, NO_FILTER | {"commune": "Pessac"}, NO_FILTER | {"worker": "social"}]
    cases.append(NO_FILTER | {"measure_kind": "avdl"})
    for filters in cases:
        params = {**Q1, "since": SINCE, **filters}
        expected = queries.run(database, f"kpi/{key}", **params).rows()
        assert same(on_sqlite(copy, f"kpi/{key}", params), expected), (key, filters)
    assert queries.run(database, f"kpi/{key}", **Q1, since=SINCE, **NO_FILTER).height > 0

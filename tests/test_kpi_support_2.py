"""The FSL indicators (grants and amounts granted: tests/test_kpi_fsl.py), the support
drill-downs and the portability of every support indicator to SQLite, on the fixture of
tests/test_kpi_support.py (first quarter of 2026)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal

import pytest
import sqlglot

import queries
from db.settings import set_setting
from tests.test_kpi_support import END, START, build, card, rows, run

SUPPORT_KPIS = [
    "kpi/measures",
    "kpi/reviews_overdue",
    "kpi/mediations",
    "kpi/fsl_applications",
    "kpi/fsl_grants",
    "kpi/fsl_amounts",
    "kpi/fsl_approval_rate",
    "kpi/fsl_decision_days",
    "kpi/evictions_by_stage",
    "kpi/evictions_avoided",
]


@pytest.fixture
def support(database):
    return build(database)


def test_fsl_applications_submitted_in_the_period_by_kind_and_status_on_the_last_day(support):
    frame = run(support, "fsl_applications").drop("requested")  # amounts: test_kpi_fsl.py
    # Submitted from 01/01 to 31/03: 1, 2 (01/01), 3 (decided on 10/04: still « déposée »
    # on 31/03), 5 (31/03), 7, 9. Not 4, 8 (before), 10 (01/04), nor the draft 6.
    assert rows(frame) == [
        ("energie", "deposee", 1),
        ("maintien", "accordee", 2),
        ("maintien", "ajournee", 1),
        ("maintien", "deposee", 1),
        ("maintien", "refusee", 1),
    ]
    assert card("fsl_applications", frame) == 6
    assert rows(run(support, "fsl_applications", worker="mlefevre").drop("requested")) == [
        ("energie", "deposee", 1),
        ("maintien", "ajournee", 1),
        ("maintien", "deposee", 1),
    ]
    assert card("fsl_applications", run(support, "fsl_applications", commune="Bordeaux")) == 5
    assert rows(run(support, "fsl_applications", measure_kind="mous").drop("requested")) == [
        ("maintien", "deposee", 1)
    ]
    # Seen from 30/04, application 3 is granted.
    later = run(support, "fsl_applications", end=date(2026, 4, 30))
    assert ("energie", "accordee", 1) in rows(later.drop("requested"))


def test_fsl_approval_rate_of_the_decisions_taken_in_the_period(support):
    frame = run(support, "fsl_approval_rate")
    # Decided from 01/01 to 31/03: 1 (granted), 2 (refused on 31/03), 4 (granted on
    # 10/01, submitted before), 9 (granted). Not 3 (10/04), 8 (31/12), 7 (adjourned).
    assert rows(frame) == [("acces", 1, 1, 1.0, 0.75), ("maintien", 3, 2, 2 / 3, 0.75)]
    assert card("fsl_approval_rate", frame) == 0.75
    bordeaux = run(support, "fsl_approval_rate", commune="Bordeaux")
    assert rows(bordeaux) == [("maintien", 3, 2, 2 / 3, 2 / 3)]
    nothing = run(support, "fsl_approval_rate", worker="mlefevre")
    assert nothing.height == 0 and card("fsl_approval_rate", nothing) is None
    mous = run(support, "fsl_approval_rate", measure_kind="mous")
    assert rows(mous) == [("acces", 1, 1, 1.0, 1.0)]


def test_fsl_decision_days_median_by_kind_and_overall(support):
    frame = run(support, "fsl_decision_days")
    # acces: 4 (01/12 to 10/01: 40 days); maintien: 1 (30), 9 (30), 2 (89): median 30
    # (the mean would be 49,7). Overall 30, 30, 40, 89: (30 + 40) / 2 = 35.
    assert rows(frame) == [("acces", 1, 40.0, 35.0), ("maintien", 3, 30.0, 35.0)]
    assert card("fsl_decision_days", frame) == 35
    assert rows(run(support, "fsl_decision_days", commune="Bordeaux")) == [
        ("maintien", 3, 30.0, 30.0)
    ]
    assert rows(run(support, "fsl_decision_days", worker="social")) == [
        ("acces", 1, 40.0, 35.0),
        ("maintien", 3, 30.0, 35.0),
    ]
    assert run(support, "fsl_decision_days", worker="mlefevre").height == 0
    assert rows(run(support, "fsl_decision_days", measure_kind="mous")) == [
        ("acces", 1, 40.0, 40.0)
    ]


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


def test_drill_measures_one_row_per_household_and_kind(support):
    frame = drill(support, "kpi_drill/measures")
    assert frame.columns[:4] == ["household_id", "file_number", "head_name", "kind"]
    assert picked(frame, "file_number", "kind", "measures", "review_overdue") == [
        ("F-1", "asll", 2, False),  # 1 ended, 9 due on 31/03
        ("F-1", "avdl", 1, False),
        ("F-2", "avdl", 1, True),
        ("F-3", "asll", 1, False),
        ("F-3", "mous", 1, True),
        ("F-4", "asll", 2, True),  # 11
        ("F-4", "mous", 1, False),  # 6 ended on 01/01
    ]
    # The same total as the tile.
    assert frame["measures"].sum() == card("measures", run(support, "measures"))
    assert picked(drill(support, "kpi_drill/measures", reader="social"), "file_number", "kind") == [
        ("F-1", "asll"),
        ("F-1", "avdl"),
        ("F-3", "asll"),
        ("F-3", "mous"),
    ]
    pessac_mous = drill(support, "kpi_drill/measures", measure_kind="mous", commune="Pessac")
    assert picked(pessac_mous, "kind") == [
        ("mous",),
        ("mous",),
    ]


def test_drill_mediations(support):
    frame = drill(support, "kpi_drill/mediations")
    assert picked(frame, "household_id", "file_number", "counterpart", "outcome", "mediations") == [
        (1, "F-1", "huissier", "accord", 2),
        (2, "F-2", "huissier", "echec", 1),
        (3, "F-3", "bailleur_social", "accord", 1),
    ]
    assert frame["last_mediation_on"][0] == date(2026, 3, 31)
    marc = drill(support, "kpi_drill/mediations", reader="mlefevre")
    assert marc["file_number"].to_list() == ["F-2"]
    assert drill(support, "kpi_drill/mediations", worker="social").height == 2


def test_drill_fsl_applications_with_their_status_on_the_last_day(support):
    frame = drill(support, "kpi_drill/fsl")
    assert picked(frame, "application_id", "kind", "status", "granted") == [
        (2, "maintien", "refusee", 0.0),
        (1, "maintien", "accordee", 800.0),
        (9, "maintien", "accordee", 600.0),
        (7, "maintien", "ajournee", 0.0),
        (3, "energie", "deposee", 0.0),
        (5, "maintien", "deposee", 0.0),
    ]
    assert frame["decided_on"][4] is None  # decided on 10/04, after the period
    assert drill(support, "kpi_drill/fsl", reader="social")["application_id"].to_list() == [2, 1, 9]
    assert drill(support, "kpi_drill/fsl", measure_kind="mous")["application_id"].to_list() == [5]


def test_drill_procedures_with_their_stage_and_their_outcome_by_the_last_day(support):
    frame = drill(support, "kpi_drill/procedures")
    assert picked(frame, "procedure_id", "file_number", "stage", "outcome") == [
        (9, "F-2", "commandement_payer", None),  # closed on 01/04
        (3, "F-3", "commandement_payer", None),
        (1, "F-1", "assignation", None),
        (7, "F-1", "audience", "reloge"),
        (5, "F-4", "jugement", "plan_accepte"),
        (6, "F-2", "concours_accorde", None),
        (8, "F-3", "expulsion", "expulsion"),
    ]
    avoided = frame.filter(frame["outcome"].is_in(["plan_accepte", "reloge"]))
    assert avoided.height == card("evictions_avoided", run(support, "evictions_avoided"))
    assert frame.height == card("evictions_by_stage", run(support, "evictions_by_stage"))
    marc = drill(support, "kpi_drill/procedures", reader="mlefevre")
    assert marc["procedure_id"].to_list() == [9, 5, 6]
    pessac = drill(support, "kpi_drill/procedures", commune="Pessac")
    assert pessac["procedure_id"].to_list() == [3, 5, 8]


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


@pytest.mark.parametrize("name", SUPPORT_KPIS)
def test_each_support_indicator_gives_the_same_rows_on_sqlite(support, name):
    lite = sqlite_copy(support)
    checked = 0
    for filters in ({}, {"commune": "Pessac"}, {"worker": "social"}, {"measure_kind": "avdl"}):
        for start, end in ((START, END), (date(2026, 2, 1), date(2026, 3, 1))):
            params = dict(commune=None, programme=None, measure_kind=None, worker=None)
            params |= dict(filters, start=start, end=end, since=START)
            expected = rows(queries.run(support, name, **params))
            assert same(on_sqlite(lite, name, **params), expected), (filters, start, end)
            checked += len(expected)
    assert checked > 0


def test_the_review_interval_setting_is_read_on_sqlite_too(support, admin):
    set_setting(support, admin, "measure_review_months", 1)
    params = dict(start=START, end=END, since=START, commune=None, measure_kind=None, worker=None)
    expected = rows(queries.run(support, "kpi/reviews_overdue", programme=None, **params))
    assert expected == [("asll", 3), ("avdl", 2), ("mous", 1)]
    assert on_sqlite(sqlite_copy(support), "kpi/reviews_overdue", **params) == expected

"""The support indicators (queries/kpi/, section Accompagnement) on the fixture of
tests/kpi_support_builders.py, each checked against an answer counted by hand; the FSL ones
are in tests/test_kpi_fsl.py, the drill-downs in tests/test_kpi_support_drill.py. Every
support indicator also gives the same rows on SQLite (through sqlglot), as the benchmark
runs them.
"""

from __future__ import annotations

from datetime import date

import pytest

import queries
from db.settings import set_setting
from tests.kpi_support_builders import (
    END,
    STAMP,
    START,
    build,
    card,
    on_sqlite,
    rows,
    run,
    same,
    sqlite_copy,
)


@pytest.fixture
def support(database):
    return build(database)


def test_measures_active_on_a_day_of_the_period_by_kind(support):
    frame = run(support, "measures")
    # asll: 1 (ends inside), 5 (starts on the last day), 7, 9, 11; not 3 (ended on
    # 31/12) nor 4 (starts on 01/04). avdl: 2, 10. mous: 6 (ends on the first day), 8.
    assert rows(frame) == [("asll", 5), ("avdl", 2), ("mous", 2)]
    assert card("measures", frame) == 9
    assert rows(run(support, "measures", commune="Bordeaux")) == [("asll", 2), ("avdl", 2)]
    assert rows(run(support, "measures", worker="mlefevre")) == [
        ("asll", 2),
        ("avdl", 1),
        ("mous", 1),
    ]
    assert rows(run(support, "measures", measure_kind="avdl")) == [("avdl", 2)]
    # The previous quarter: 1, 3, 6, 8, 9 (from 31/12), 10 (from 30/12), 11.
    before = run(support, "measures", start=date(2025, 10, 1), end=date(2025, 12, 31))
    assert rows(before) == [("asll", 4), ("avdl", 1), ("mous", 2)]


def test_reviews_overdue_on_the_last_day_of_the_period(support):
    frame = run(support, "reviews_overdue")
    # Running on 31/03: 2 (due 01/05), 5 (due 30/06), 7 (due 10/04), 8 (last review
    # 20/12, the one of 05/04 comes after: due 20/03, late), 9 (due 31/03: not late on
    # 31/03), 10 (due 30/03: late), 11 (30/11 + 3 months = 28/02: late). Measure 1 would
    # be late but ended on 15/02.
    assert rows(frame) == [("asll", 1), ("avdl", 1), ("mous", 1)]
    assert card("reviews_overdue", frame) == 3
    assert rows(run(support, "reviews_overdue", worker="social")) == [("mous", 1)]
    assert rows(run(support, "reviews_overdue", commune="Pessac")) == [("asll", 1), ("mous", 1)]
    assert rows(run(support, "reviews_overdue", measure_kind="asll")) == [("asll", 1)]


def test_a_review_due_on_a_day_the_month_lacks_falls_on_the_months_last_day(support):
    # 11 started on 30/11/2025: its review is due on 28/02/2026, late from 01/03.
    on_the_day = run(support, "reviews_overdue", end=date(2026, 2, 28))
    assert rows(on_the_day) == []
    assert card("reviews_overdue", on_the_day) == 0
    assert rows(run(support, "reviews_overdue", end=date(2026, 3, 1))) == [("asll", 1)]


def test_reviews_overdue_follow_the_review_interval_setting(support, admin):
    set_setting(support, admin, "measure_review_months", 1)
    # Every month: 2 (due 01/03), 7 (10/02), 8 (20/01), 9 (31/01), 10 (30/01), 11
    # (30/12) are late on 31/03; 5 (due 30/04) is not.
    frame = run(support, "reviews_overdue")
    assert rows(frame) == [("asll", 3), ("avdl", 2), ("mous", 1)]
    assert card("reviews_overdue", frame) == 6


def test_mediations_by_counterpart_and_outcome(support):
    frame = run(support, "mediations")
    # Those of 01/01 and 31/03 count; those of 31/12 and 01/04 do not.
    assert rows(frame) == [
        ("bailleur_social", "accord", 1),
        ("huissier", "accord", 2),
        ("huissier", "echec", 1),
    ]
    assert card("mediations", frame) == 4
    assert rows(run(support, "mediations", commune="Pessac")) == [("bailleur_social", "accord", 1)]
    assert rows(run(support, "mediations", worker="mlefevre")) == [("huissier", "echec", 1)]
    # A mous measure in the period: households 3 (measure 8) and 4 (measure 6, to 01/01).
    assert rows(run(support, "mediations", measure_kind="mous")) == [
        ("bailleur_social", "accord", 1)
    ]
    assert rows(run(support, "mediations", measure_kind="avdl")) == [
        ("huissier", "accord", 2),
        ("huissier", "echec", 1),
    ]


def test_eviction_procedures_by_their_stage_on_the_last_day(support):
    frame = run(support, "evictions_by_stage")
    # Open in the period: 1 (at assignation: its audience comes after 31/03), 3 (opened
    # on 31/03), 5 (closed on 01/01), 6 (its eviction comes on 02/04), 7, 8, 9 (closed
    # on 01/04). Not 2 (closed on 31/12) nor 4 (opened on 01/04).
    assert rows(frame) == [
        ("commandement_payer", 1, 2),
        ("assignation", 3, 1),
        ("audience", 4, 1),
        ("jugement", 5, 1),
        ("concours_accorde", 8, 1),
        ("expulsion", 9, 1),
    ]
    assert card("evictions_by_stage", frame) == 7
    assert rows(run(support, "evictions_by_stage", commune="Pessac")) == [
        ("commandement_payer", 1, 1),
        ("jugement", 5, 1),
        ("expulsion", 9, 1),
    ]
    assert rows(run(support, "evictions_by_stage", worker="mlefevre")) == [
        ("commandement_payer", 1, 1),
        ("jugement", 5, 1),
        ("concours_accorde", 8, 1),
    ]
    assert rows(run(support, "evictions_by_stage", measure_kind="avdl")) == [
        ("commandement_payer", 1, 1),
        ("assignation", 3, 1),
        ("audience", 4, 1),
        ("concours_accorde", 8, 1),
    ]


def test_the_stage_reached_is_the_furthest_in_the_legal_order(support):
    cur = support.cursor()
    # Two stages of procedure 3 on the same day, the later one in law with the lower id.
    cur.execute(
        "INSERT INTO eviction_stage (id, procedure_id, household_id, stage, stage_on,"
        " created_at, created_by) VALUES (0, 3, 3, 'signalement_ccapex', DATE '2026-03-31',"
        " ?, ?)",
        list(STAMP[:2]),
    )
    frame = run(support, "evictions_by_stage")
    assert rows(frame)[:2] == [("commandement_payer", 1, 1), ("signalement_ccapex", 2, 1)]


def test_evictions_avoided_are_procedures_closed_in_the_period_without_eviction(support):
    frame = run(support, "evictions_avoided")
    # Closed in the period: 5 (01/01, plan), 7 (15/03, relogé), 8 (an eviction). Not 2
    # (31/12) nor 9 (01/04).
    assert rows(frame) == [("plan_accepte", 1), ("reloge", 1)]
    assert card("evictions_avoided", frame) == 2
    assert rows(run(support, "evictions_avoided", commune="Bordeaux")) == [("reloge", 1)]
    assert rows(run(support, "evictions_avoided", worker="mlefevre")) == [("plan_accepte", 1)]
    assert rows(run(support, "evictions_avoided", measure_kind="mous")) == [("plan_accepte", 1)]
    none = run(support, "evictions_avoided", start=date(2025, 6, 1), end=date(2025, 6, 30))
    assert none.height == 0 and card("evictions_avoided", none) == 0


# The same files on SQLite ---------------------------------------------------------------


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

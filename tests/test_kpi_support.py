"""The support indicators (queries/kpi/, section Accompagnement) on a fixture built here,
each checked against an answer counted by hand; the FSL ones and the drill-downs are in
tests/test_kpi_support_2.py, on the same fixture.

The period is the first quarter of 2026 (01/01–31/03, both days included); records start,
end, are dated or close just before, on, inside and just after its bounds.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

import queries
from db.settings import set_setting
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
    (1, 1, [("commandement_payer", date(2025, 10, 1)), ("assignation", date(2026, 2, 1)),
            ("audience", date(2026, 4, 15))], None, None),
    (2, 2, [("commandement_payer", date(2025, 6, 1)), ("signalement_ccapex", date(2025, 7, 1))],
     date(2025, 12, 31), "dette_soldee"),
    (3, 3, [("commandement_payer", date(2026, 3, 31))], None, None),
    (4, 4, [("commandement_payer", date(2026, 4, 1))], None, None),
    (5, 4, [("commandement_payer", date(2025, 5, 1)), ("jugement", date(2025, 11, 1))],
     date(2026, 1, 1), "plan_accepte"),
    (6, 2, [("commandement_payer", date(2025, 1, 10)), ("commandement_quitter", date(2025, 9, 1)),
            ("concours_accorde", date(2025, 10, 15)), ("expulsion", date(2026, 4, 2))],
     date(2026, 4, 2), "expulsion"),
    (7, 1, [("commandement_payer", date(2025, 2, 1)), ("audience", date(2025, 6, 1))],
     date(2026, 3, 15), "reloge"),
    (8, 3, [("commandement_payer", date(2024, 1, 1)), ("expulsion", date(2025, 6, 5))],
     date(2026, 2, 1), "expulsion"),
    (9, 2, [("commandement_payer", date(2025, 1, 1))], date(2026, 4, 1), "dette_soldee"),
]  # fmt: skip


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


@pytest.fixture
def support(database):
    return build(database)


def run(database, name, start=START, end=END, **filters):
    params = dict(commune=None, programme=None, measure_kind=None, worker=None) | filters
    return queries.run(database, f"kpi/{name}", start=start, end=end, since=START, **params)


def rows(frame) -> list[tuple]:
    return [tuple(row) for row in frame.iter_rows()]


def card(name, frame):
    return kpi.figure(kpi.by_key(name), frame)


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

"""Households rehoused (in the period and since a date) and the rehoused drill-down, on the
fixture of tests/kpi_households_builders.py (its docstring lists every rehousing)."""

from __future__ import annotations

from datetime import date

import pytest

import queries
from tests.kpi_households_builders import (
    ALL,
    BAIL,
    MESURE,
    NO_FILTER,
    build,
    card,
    drill,
    run,
    worker,
)


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
        database,
        "kpi/rehoused_since",
        since=date(2025, 1, 1),
        start=None,
        end=date(2025, 3, 31),
        **NO_FILTER,
    )
    assert frame.rows() == [("2025-01", 1, 1), ("2025-02", 2, 3), ("2025-03", 2, 5)]
    assert run(database, "kpi/rehoused_since", worker="mlefevre") == [
        ("2024-06", 1, 1),
        ("2024-12", 1, 2),
    ]
    assert run(database, "kpi/rehoused_since", commune="Talence") == [
        ("2024-12", 1, 1),
        ("2025-03", 1, 2),
    ]
    # The measures kept from 01/01/2024: H5's MOUS ended in December 2024.
    assert run(database, "kpi/rehoused_since", measure_kind="mous") == [
        ("2024-12", 1, 1),
        ("2025-02", 1, 2),
    ]


def test_rehoused_since_counts_a_household_at_its_first_rehousing_since_the_date(database, homes):
    from_2023 = {"start": None, "end": date(2025, 3, 31)}
    frame = queries.run(
        database, "kpi/rehoused_since", since=date(2023, 1, 1), **from_2023, **NO_FILTER
    )
    # H11 is counted in January 2023, not again in March 2025.
    assert frame.rows()[0] == ("2023-01", 1, 1)
    assert frame.rows()[-1] == ("2025-03", 1, 8)  # H2 only

"""Every support indicator gives the same rows on SQLite (the same files, transpiled by
sqlglot, as the benchmark runs them), on the fixture of tests/kpi_support_builders.py."""

from __future__ import annotations

from datetime import date

import pytest

import queries
from db.settings import set_setting
from tests.kpi_support_builders import END, START, build, on_sqlite, rows, same, sqlite_copy

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

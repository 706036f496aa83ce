"""Every households KPI run again on SQLite (transpiled by sqlglot, as the benchmark does)
gives the same answers, on the fixture of tests/kpi_households_builders.py."""

from __future__ import annotations

import pytest

import queries
from tests.kpi_households_builders import NO_FILTER, Q1, SINCE, build, on_sqlite, same, sqlite_copy


@pytest.fixture
def homes(database):
    return build(database)


KPIS = (
    "welcomed", "followed", "rehoused", "rehoused_since", "composition", "rsa_share",
    "salary_share", "resources", "prescribers", "communes", "caseload",
)  # fmt: skip


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

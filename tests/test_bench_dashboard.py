"""bench/dashboard.py at a tiny size (300 households): its databases, its records, and the
same figure for every KPI on the three engines (queries.run, raw DuckDB, SQLite through
sqlglot). No timing is asserted: only that each is there."""

from __future__ import annotations

import sqlite3

import duckdb
import pytest

import queries.kpi as kpis
from bench import common, dashboard

HOUSEHOLDS = 300
KEYS = {"case", "households", "engine", "median_ms"}
OPTIONAL = {"error", "peak_mb"}


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench-dashboard")
    return common.ensure_databases(HOUSEHOLDS, folder, child=False)


@pytest.fixture(scope="module")
def measured(path):
    return dashboard.measure(str(path), HOUSEHOLDS, repeat=1)


def test_the_databases_are_named_by_size_and_schema_and_reused(path):
    assert path.name == f"demo-{HOUSEHOLDS}-schema{common.schema_version()}.duckdb"
    assert common.sqlite_path(path).exists()
    made = (path.stat().st_mtime_ns, common.sqlite_path(path).stat().st_mtime_ns)
    again = common.ensure_databases(HOUSEHOLDS, path.parent, child=False)
    assert again == path
    assert (path.stat().st_mtime_ns, common.sqlite_path(path).stat().st_mtime_ns) == made


def test_the_sqlite_copy_holds_the_same_rows_as_plain_values(path):
    raw = duckdb.connect(str(path), config=common.RAW_CONFIG)
    lite = sqlite3.connect(common.sqlite_path(path))
    try:
        tables = [t for (t,) in raw.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        assert "household" in tables
        for table in tables:
            count = f'SELECT count(*) FROM "{table}"'
            assert lite.execute(count).fetchone() == raw.execute(count).fetchone(), table
        opened, anonymous = lite.execute(
            "SELECT opened_on, anonymous FROM household ORDER BY id LIMIT 1"
        ).fetchone()
        expected = raw.execute(
            "SELECT CAST(opened_on AS VARCHAR), CAST(anonymous AS INTEGER) FROM household"
            " ORDER BY id LIMIT 1"
        ).fetchone()
        assert (opened, anonymous) == expected
        assert len(opened) == 10 and opened[4] == "-"  # ISO text, comparable as a string
        indexes = {row[1] for row in lite.execute("PRAGMA index_list(support_measure)")}
        assert {"support_measure_household_id_idx", "support_measure_start_on_idx"} <= indexes
        # The views are there too, transpiled.
        assert lite.execute("SELECT count(*) FROM household_last_contact").fetchone()[0] > 0
    finally:
        lite.close()
        raw.close()


def test_every_kpi_has_the_same_figure_on_the_three_engines(measured):
    registry = kpis.registry()
    assert len(registry) >= 1
    assert set(measured["figures"]) == {kpi.name for kpi in registry}
    for name, values in measured["figures"].items():
        assert set(values) == set(dashboard.ENGINES), name
    assert dashboard.differences(measured["figures"]) == []
    # A figure that moves on one engine is caught.
    name = registry[0].name
    changed = {name: dict(measured["figures"][name], sqlite=-1.0)}
    assert dashboard.differences(changed) == [
        f"{name}: habiter {changed[name]['habiter']}, sqlite -1.0"
    ]


def test_the_records_have_the_expected_shape(measured):
    records = measured["records"]
    registry = kpis.registry()
    for entry in records:
        assert KEYS <= entry.keys() <= KEYS | OPTIONAL, entry
        assert entry["households"] == HOUSEHOLDS
        assert entry["engine"] in dashboard.ENGINES
        # A time is missing only with the reason why.
        assert entry["median_ms"] is not None or "error" in entry, entry
        if entry["median_ms"] is not None:
            assert entry["median_ms"] > 0
    cases = {(entry["case"], entry["engine"]) for entry in records}
    expected = {(kpi.name, engine) for kpi in registry for engine in dashboard.ENGINES}
    expected |= {(dashboard.DASHBOARD, engine) for engine in dashboard.ENGINES}
    expected.add((dashboard.WARM, "habiter"))
    assert cases == expected
    assert len(records) == len(expected)
    # Every KPI runs on SQLite too: none is recorded as failing there.
    assert [entry for entry in records if entry.get("error")] == []
    assert measured["peak_mb"] > 0


def test_the_table_and_the_summary_name_every_case(measured):
    records, sizes = measured["records"], [HOUSEHOLDS]
    text = dashboard.table(records, {HOUSEHOLDS: measured["runs"]}, sizes, repeat=1)
    for entry in records:
        assert f"| {entry['case']} | {entry['engine']} |" in text
    summary = dashboard.summary(records, sizes, {HOUSEHOLDS: measured["peak_mb"]}, {})
    assert "habiter/duckdb" in summary and "slowest KPI" in summary


def test_a_sqlite_failure_is_recorded_without_hiding_the_others():
    timer = common.Timer()
    timer.times[("kpi/x", "habiter")] = [3.0, 1.0, 2.0]
    failed = dashboard.record(timer, "kpi/x", "sqlite", 10, "OperationalError: no such function")
    assert failed == {
        "case": "kpi/x",
        "households": 10,
        "engine": "sqlite",
        "median_ms": None,
        "error": "OperationalError: no such function",
    }
    assert dashboard.record(timer, "kpi/x", "habiter", 10, None)["median_ms"] == 2.0
    text = dashboard.table([failed], {10: {}}, [10], repeat=1)
    assert "| kpi/x | sqlite | failed |" in text


def test_without_sqlite_only_habiter_and_duckdb_are_timed(path):
    measured = dashboard.measure(str(path), HOUSEHOLDS, repeat=1, used=dashboard.ENGINES[:2])
    assert {r["engine"] for r in measured["records"]} == {"habiter", "duckdb"}
    assert {r["case"] for r in measured["records"]} >= {"dashboard", "dashboard_warm"}
    assert dashboard.differences(measured["figures"]) == []

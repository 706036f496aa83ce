"""The SQL console runs reads on the analytics file: row cap, DuckDB's messages, the time
limit, the rest of the app answering meanwhile, the log, the parameters' kinds."""

from __future__ import annotations

import contextlib
import math
import threading
import time
from datetime import date

import pytest

import queries
from db.analytics import build, console
from db.analytics.console import QueryFailed, QueryTimedOut, parameters, run_query
from db.errors import PermissionDeniedError
from db.rules import Actor
from db.settings import get_setting, set_setting

ANALYST = Actor("ana", "Ana Lyste", frozenset({"analyste"}))
LONG = "SELECT sum(a.range * b.range) AS s FROM range(100000) AS a, range(100000) AS b"


@pytest.fixture
def analytics(demo_database):
    build.rebuild(demo_database, salt="sel-de-test")
    return demo_database


def households_in(database, where: str = "TRUE", params=()) -> int:
    """The households of the main base, counted there: what the analytics copy must hold."""
    sql = "SELECT count(*) FROM household WHERE " + where
    return database.cursor().execute(sql, list(params)).fetchone()[0]


def logged(database) -> list[dict]:
    page = {"username": ANALYST.username, "limit": 50, "offset": 0}
    return queries.run(database, "console/history", **page).rows(named=True)


def test_a_select_runs_with_its_row_count_and_duration(analytics):
    started = time.monotonic()
    result = run_query(analytics, ANALYST, "SELECT count(*) AS n FROM household")
    wall = time.monotonic() - started
    assert households_in(analytics) == 60  # the demo fixture's households
    assert result.frame["n"].to_list() == [60]
    assert (result.rows, result.truncated) == (1, False)
    # The duration is the query's own: positive, and within the time the call took.
    assert math.isfinite(result.seconds) and 0 < result.seconds <= round(wall, 4)


@pytest.mark.parametrize(
    "sql",
    [
        "WITH h AS (SELECT commune FROM household) SELECT count(*) FROM h",
        "DESCRIBE household",
        "SUMMARIZE SELECT 1 AS a",
        "SHOW TABLES",
        "EXPLAIN SELECT * FROM household",
        "VALUES (1, 'a')",
        "FROM household LIMIT 2",
        "SELECT 1; SELECT 2 AS two",
    ],
)
def test_every_reading_form_runs(analytics, sql):
    assert run_query(analytics, ANALYST, sql).rows >= 1


def test_rows_past_the_cap_are_cut_and_said(analytics):
    result = run_query(analytics, ANALYST, "SELECT * FROM range(100000)", row_cap=10)
    assert (result.rows, result.truncated, result.frame.height) == (10, True, 10)
    exact = run_query(analytics, ANALYST, "SELECT * FROM range(10)", row_cap=10)
    assert (exact.rows, exact.truncated) == (10, False)
    assert [row["truncated"] for row in logged(analytics)] == [False, True]  # newest first


def test_the_cap_defaults_to_the_setting(analytics, admin):
    set_setting(analytics, admin, "console_row_cap", 25)
    assert get_setting(analytics, "console_row_cap") == 25
    result = run_query(analytics, ANALYST, "SELECT * FROM range(1000)")
    assert (result.rows, result.truncated) == (25, True)


def test_a_syntax_error_gives_duckdbs_message_not_a_traceback(analytics):
    with pytest.raises(QueryFailed) as failure:
        run_query(analytics, ANALYST, "SELEC commune FROM household")
    assert str(failure.value).startswith("Parser Error")
    assert "SELEC" in str(failure.value) and "\n" not in str(failure.value)


def test_a_binder_error_gives_duckdbs_message(analytics):
    with pytest.raises(QueryFailed) as failure:
        run_query(analytics, ANALYST, "SELECT no_such_column FROM household")
    assert str(failure.value).startswith("Binder Error")
    assert "no_such_column" in str(failure.value) and "Traceback" not in str(failure.value)


def test_a_missing_parameter_is_said(analytics):
    with pytest.raises(QueryFailed, match=r"\$debut"):
        run_query(analytics, ANALYST, "SELECT * FROM household WHERE opened_on >= $debut")


def test_parameters_are_bound(analytics):
    sql = "SELECT count(*) AS n FROM household WHERE opened_on >= $debut AND $k = 1"
    result = run_query(analytics, ANALYST, sql, {"debut": date(2000, 1, 1), "k": 1})
    assert result.frame["n"][0] == households_in(analytics, "opened_on >= ?", [date(2000, 1, 1)])
    assert logged(analytics)[0]["params"] == '{"debut": "2000-01-01", "k": 1}'
    later = run_query(analytics, ANALYST, sql, {"debut": date(2100, 1, 1), "k": 1})
    assert later.frame["n"][0] == 0


def test_a_query_past_the_limit_is_stopped_within_a_second_more(analytics):
    started = time.monotonic()
    with pytest.raises(QueryTimedOut) as stop:
        run_query(analytics, ANALYST, LONG, time_limit=1)
    assert time.monotonic() - started < 1 + 1
    assert "arrêtée après 1 s" in str(stop.value)
    assert logged(analytics)[0]["error"] == str(stop.value)


def test_the_main_base_answers_while_a_console_query_runs(analytics):
    """The console's connection is its own: a 3-second query there blocks no screen."""
    outcome = {}

    def long_query():
        try:
            run_query(analytics, ANALYST, LONG, time_limit=3)
        except QueryTimedOut as exc:
            outcome["stopped"] = exc

    worker = threading.Thread(target=long_query)
    worker.start()
    time.sleep(0.5)
    started = time.monotonic()
    with analytics.reading() as cur:
        count = cur.execute("SELECT count(*) FROM household").fetchone()[0]
    answered = time.monotonic() - started
    still_running = worker.is_alive()
    worker.join()
    assert count == households_in(analytics) and still_running
    assert answered < 0.5
    assert "stopped" in outcome


def test_every_call_is_logged_refused_failed_or_run(analytics):
    for sql in ["SELECT 1 AS a", "DROP TABLE household", "SELECT nope"]:
        with contextlib.suppress(console.QueryRefused, QueryFailed):
            run_query(analytics, ANALYST, sql)
    rows = logged(analytics)
    assert [(r["sql"], r["refused"], r["rows"]) for r in rows] == [
        ("SELECT nope", False, None),
        ("DROP TABLE household", True, None),
        ("SELECT 1 AS a", False, 1),
    ]
    assert rows[1]["error"].startswith("Instruction refusée") and rows[2]["error"] is None
    assert console.history(analytics, ANALYST).height == 3
    oldest = console.history(analytics, ANALYST, limit=1, offset=2)
    assert oldest["sql"].to_list() == ["SELECT 1 AS a"]  # on a page of its own
    counted = queries.run(analytics, "console/history_count", username=ANALYST.username)
    assert counted["total"][0] == console.count_history(analytics, ANALYST) == 3


def test_only_the_console_roles_run_queries(analytics):
    reception = Actor("acc", "Accueil", frozenset({"accueil"}))
    with pytest.raises(PermissionDeniedError):
        run_query(analytics, reception, "SELECT 1")


def test_a_rebuild_is_seen_by_the_next_query(analytics, admin):
    before = run_query(analytics, ANALYST, "SELECT count(*) AS n FROM household").frame["n"][0]
    analytics.cursor().execute("DELETE FROM household_follow_span")
    with analytics.transaction() as cur:
        cur.execute("UPDATE household SET commune = 'Nouvelle-Commune' WHERE id = 1")
    build.rebuild(analytics, salt="sel-de-test")
    sql = "SELECT count(*) AS n FROM household WHERE commune = 'Nouvelle-Commune'"
    assert run_query(analytics, ANALYST, sql).frame["n"][0] == 1
    total = run_query(analytics, ANALYST, "SELECT count(*) AS n FROM household")
    assert total.frame["n"][0] == before


def test_exports_stream_batches_up_to_their_cap_and_are_logged(analytics):
    sql = "SELECT * FROM range(120000)"
    frames = list(console.export_batches(analytics, ANALYST, sql, cap=100001))
    assert sum(f.height for f in frames) == 100001 and len(frames) > 1
    row = logged(analytics)[0]
    assert (row["purpose"], row["rows"], row["truncated"]) == ("export", 100001, True)


def test_the_schema_lists_the_analytics_columns_with_their_descriptions(analytics):
    frame = console.schema(analytics)
    assert {"table", "column", "type", "description"} <= set(frame.columns)
    commune = frame.filter((frame["table"] == "household") & (frame["column"] == "commune"))
    assert commune.height == 1 and commune["description"][0] != ""
    assert "console_log" not in frame["table"].to_list()
    assert "duckdb_columns()" in queries.all_queries()["console/schema"].sql


def test_the_indicators_are_offered_as_examples():
    examples = console.kpi_examples()
    assert len(examples) > 10
    title, sql = examples[0]
    assert title and sql.lstrip().startswith("-- name: kpi/")


def test_parameters_kinds_come_from_their_use_then_their_name():
    sql = (
        "SELECT * FROM household WHERE opened_on >= $debut AND opened_on < $fin"
        " AND commune = $commune AND version > $n + 1 AND CAST($k AS INTEGER) = 2"
        " AND created_at BETWEEN $a AND $b AND $seuil IS NOT NULL AND $moment < current_date"
    )
    assert parameters(sql) == {
        "debut": "date",
        "fin": "date",
        "commune": "text",
        "n": "number",
        "k": "number",
        "a": "date",
        "b": "date",
        "seuil": "number",
        "moment": "date",
    }
    assert parameters("SELECT $x::DATE AS d, $t AS t") == {"x": "date", "t": "text"}
    assert parameters("SELECT 1") == {} and parameters("DROP TABLE household") == {}
    assert parameters("SELECT * FROM household WHERE commune = $c", {"commune": "text"}) == {
        "c": "text"
    }

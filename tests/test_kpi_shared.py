"""The shared definitions of queries/shared/, put into their readers by `-- with:` lines:
the expansion itself, and each definition read alone on the demo data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import queries

READER = "-- name: a/reader\n-- d\n-- with: spans = a/spans(start=since)\n"
SPANS = "-- name: a/spans\n-- d\nSELECT id FROM t WHERE day BETWEEN $start AND $end\n"
YEAR = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}


def test_a_shared_query_becomes_a_cte_with_its_parameters_renamed():
    texts = {"a/spans": SPANS, "a/reader": READER + "SELECT count(*) FROM spans\n"}
    sql = queries.expand(texts["a/reader"], texts)
    assert "WITH spans AS (\n    SELECT id FROM t WHERE day BETWEEN $since AND $end\n)" in sql
    assert sql.endswith(")\nSELECT count(*) FROM spans")
    parsed = queries.parse_query(sql, Path("a/reader.sql"))
    assert parsed.params == {"since", "end"}


def test_the_readers_own_ctes_follow_the_shared_ones():
    texts = {"a/spans": SPANS}
    sql = queries.expand(READER + "WITH mine AS (SELECT 1)\nSELECT * FROM mine\n", texts)
    assert "\n),\nmine AS (SELECT 1)\nSELECT * FROM mine" in sql
    assert sql.count("WITH ") == 1


def test_an_unknown_shared_query_is_refused():
    with pytest.raises(ValueError, match="a/spans"):
        queries.expand(READER + "SELECT 1\n", {})


def test_every_reader_runs_expanded_sql_with_no_with_line_left_unexpanded():
    named = queries.all_queries()
    readers = [q for q in named.values() if "-- with: " in q.sql]
    assert {"kpi/followed", "kpi/vacancy_days", "housing/occupancy"} <= {q.name for q in readers}
    for query in readers:
        cte = query.sql.split("-- with: ", 1)[1].split(" =", 1)[0]
        assert f"WITH {cte} AS (" in query.sql, query.name


def test_followed_households_are_those_of_the_households_list(demo_database):
    shared = queries.run(demo_database, "shared/followed_households", **YEAR)
    listed = queries.run(demo_database, "households/followed", **YEAR)
    assert shared.height > 0
    assert sorted(shared["household_id"]) == listed["household_id"].to_list()
    assert (shared["counted_on"] <= YEAR["end"]).all()


def test_filtered_households_follow_the_filters(demo_database):
    everyone = {"commune": None, "worker": None, "measure_kind": None, **YEAR}
    all_rows = queries.run(demo_database, "shared/filtered_households", **everyone)
    commune = all_rows["commune"].drop_nulls()[0]
    some = queries.run(
        demo_database, "shared/filtered_households", **{**everyone, "commune": commune}
    )
    assert 0 < some.height < all_rows.height
    assert set(some["commune"]) == {commune}


def test_rehoused_households_are_counted_once(demo_database):
    since = {"start": date(2000, 1, 1), "end": date(2030, 12, 31)}
    rehoused = queries.run(demo_database, "shared/rehoused_households", **since)
    assert rehoused.height > 0
    assert rehoused["household_id"].n_unique() == rehoused.height


def test_dwelling_days_never_count_more_occupied_days_than_days_in_stock(demo_database):
    days = queries.run(demo_database, "shared/dwelling_days", **YEAR)
    assert days.height > 0
    assert (days["occupied_days"] <= days["stock_days"]).all()
    assert (days["stock_days"] <= 365).all()


def test_resources_received_are_those_perceived_in_the_period(demo_database):
    received = queries.run(demo_database, "shared/resources_received", **YEAR)
    every = demo_database.cursor().sql("SELECT * FROM resource").pl().iter_rows(named=True)
    start, end = YEAR["start"], YEAR["end"]
    expected = [
        (r["household_id"], r["kind"])
        for r in every
        if (r["valid_from"] is None or r["valid_from"] <= end)
        and (r["valid_until"] is None or r["valid_until"] > start)
        and (None in (r["valid_from"], r["valid_until"]) or r["valid_until"] > r["valid_from"])
    ]
    assert received.height > 0
    assert sorted(received.iter_rows()) == sorted(expected)


def test_filtered_dwelling_days_keep_the_programme_asked(demo_database):
    everyone = {"commune": None, "programme": None, **YEAR}
    days = queries.run(demo_database, "shared/filtered_dwelling_days", **everyone)
    assert days.height == queries.run(demo_database, "shared/dwelling_days", **YEAR).height
    programme = days["programme"][0]
    some = queries.run(
        demo_database, "shared/filtered_dwelling_days", **{**everyone, "programme": programme}
    )
    assert 0 < some.height <= days.height and set(some["programme"]) == {programme}

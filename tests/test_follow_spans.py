"""The periods of follow-up (household_follow_span, migration 008): kept in step by the
writes of the status history, the same rows as rebuild_spans derives from the events, and
backfilled by the migration on a database that already holds events."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import queries
from db.connection import Database
from db.households import writes as households
from db.households.models import CloseIn, IntakeIn
from db.households.spans import rebuild_spans
from db.migrate import apply_migrations, migration_files
from db.rules import Actor
from tests.conftest import intake_fields

TODAY = date.today()
AT = datetime(2025, 6, 1, 9, 0)
SPANS_SQL = "SELECT household_id, from_on, to_on FROM household_follow_span"


def spans(cur, household_id: int | None = None) -> list[tuple]:
    """The table's rows, sorted (the table has no order of its own)."""
    where = "" if household_id is None else f" WHERE household_id = {int(household_id)}"
    rows = cur.execute(SPANS_SQL + where).fetchall()
    return sorted(rows, key=lambda r: (r[0], r[1], r[2] or date.max))


def rebuilt(database) -> list[tuple]:
    """What rebuild_spans derives from the events, read inside a transaction rolled back:
    the table the writes left is untouched."""
    cur = database.cursor()
    cur.begin()
    try:
        rebuild_spans(cur)
        return spans(cur)
    finally:
        cur.rollback()


def new_household(database, actor) -> int:
    intake = IntakeIn.model_validate(intake_fields("Mercœur", "Zoé"))
    return households.create_intake(database, actor, intake)["id"]


def version_of(database, household_id: int) -> int:
    return households.load_household(database.cursor(), household_id)["version"]


def close(database, actor, household_id: int, day: date) -> None:
    closing = CloseIn(reason="abandon", closed_on=day)
    households.close_household(
        database, actor, household_id, version_of(database, household_id), closing
    )


def reopen(database, actor, household_id: int) -> None:
    households.reopen_household(database, actor, household_id, version_of(database, household_id))


def opened_earlier(database, household_id: int, day: date) -> None:
    """A file opened on `day` (intake can only be today): its opening moved back with
    plain SQL, spans derived again as the migration would."""
    cur = database.cursor()
    cur.execute("UPDATE household SET opened_on = ? WHERE id = ?", [day, household_id])
    cur.execute(
        "UPDATE household_status_event SET occurred_on = ? WHERE household_id = ?",
        [day, household_id],
    )
    rebuild_spans(cur)


@pytest.fixture
def actor() -> Actor:
    return Actor.system("test-admin")


def test_intake_closing_reopening_and_second_closing_keep_the_spans(database, actor):
    hid = new_household(database, actor)
    cur = database.cursor()
    assert spans(cur, hid) == [(hid, TODAY, None)]  # the intake opens a period
    close(database, actor, hid, TODAY)
    assert spans(cur, hid) == [(hid, TODAY, TODAY)]  # the closing ends it, same day
    reopen(database, actor, hid)
    assert spans(cur, hid) == [(hid, TODAY, TODAY), (hid, TODAY, None)]  # a new one opens
    close(database, actor, hid, TODAY)
    assert spans(cur, hid) == [(hid, TODAY, TODAY), (hid, TODAY, TODAY)]
    assert spans(cur) == rebuilt(database)
    # Followed on the day, and not the day after: read from the spans.
    followed = queries.run(database, "households/followed", start=TODAY, end=TODAY)
    assert followed["household_id"].to_list() == [hid]
    tomorrow = TODAY + timedelta(days=1)
    after = queries.run(database, "households/followed", start=tomorrow, end=tomorrow)
    assert after.height == 0


def test_an_earlier_opening_then_closings_in_the_past(database, actor):
    hid = new_household(database, actor)
    opened = TODAY - timedelta(days=100)
    opened_earlier(database, hid, opened)
    close(database, actor, hid, TODAY - timedelta(days=60))
    reopen(database, actor, hid)
    cur = database.cursor()
    assert spans(cur, hid) == [(hid, opened, TODAY - timedelta(days=60)), (hid, TODAY, None)]
    # A closing typed with a date before the reopening (the form allows any day since
    # the first opening): the spans stay those the history gives, as rebuild_spans does.
    close(database, actor, hid, TODAY - timedelta(days=30))
    assert spans(cur) == rebuilt(database)
    assert spans(cur, hid) == [(hid, opened, TODAY - timedelta(days=60)), (hid, TODAY, None)]


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    opened_days_ago=st.integers(min_value=0, max_value=400),
    closings=st.lists(st.integers(min_value=0, max_value=400), min_size=0, max_size=4),
    reopen_last=st.booleans(),
)
def test_the_writes_give_the_spans_rebuild_spans_gives(
    database, actor, opened_days_ago, closings, reopen_last
):
    """Random sequences of closings (any day from the opening to today) and reopenings
    (today) through the real writes: the table always equals a rebuild from the events."""
    hid = new_household(database, actor)
    opened = TODAY - timedelta(days=opened_days_ago)
    opened_earlier(database, hid, opened)
    for i, days_ago in enumerate(closings):
        if i:
            reopen(database, actor, hid)
        close(database, actor, hid, max(opened, TODAY - timedelta(days=days_ago)))
    if closings and reopen_last:
        reopen(database, actor, hid)
    cur = database.cursor()
    assert spans(cur) == rebuilt(database)
    mine = spans(cur, hid)
    openings = 1 + max(len(closings) - 1, 0) + (1 if closings and reopen_last else 0)
    assert len(mine) == openings  # one period per opening
    assert all(from_on >= opened for _h, from_on, _t in mine)


# --- the migration's backfill ---------------------------------------------------------------

HISTORY = {
    # events in the order they were recorded; the expected spans
    "open": ([("ouverture", "2024-01-10")], [("2024-01-10", None)]),
    "closed": (
        [("ouverture", "2023-03-01"), ("cloture", "2024-02-29")],
        [("2023-03-01", "2024-02-29")],
    ),
    "reopened twice": (
        [
            ("ouverture", "2022-01-01"),
            ("cloture", "2022-06-30"),
            ("reouverture", "2023-01-15"),
            ("cloture", "2023-12-31"),
            ("reouverture", "2024-05-02"),
        ],
        [("2022-01-01", "2022-06-30"), ("2023-01-15", "2023-12-31"), ("2024-05-02", None)],
    ),
    "closed and reopened the same day": (
        [
            ("ouverture", "2024-01-01"),
            ("cloture", "2024-03-01"),
            ("reouverture", "2024-03-01"),
            ("cloture", "2024-04-01"),
        ],
        [("2024-01-01", "2024-03-01"), ("2024-03-01", "2024-04-01")],
    ),
    "recorded out of date order": (
        [("ouverture", "2024-01-01"), ("reouverture", "2024-09-01"), ("cloture", "2024-05-01")],
        [("2024-01-01", "2024-05-01"), ("2024-09-01", None)],
    ),
}


def day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def test_the_migration_fills_the_spans_of_the_events_already_there(tmp_path):
    """A database migrated up to 007 holding status events, then migrated: the spans are
    the ones each history gives, and those rebuild_spans gives."""
    target = next(v for v, name, _file in migration_files() if name == "follow_spans")
    database = Database(tmp_path / "before.duckdb")
    try:
        with database.transaction() as cur:
            cur.execute(
                "CREATE TABLE schema_migration (version INTEGER PRIMARY KEY,"
                " name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
            )
        for version, name, file in migration_files():
            if version < target:
                with database.transaction() as cur:
                    cur.execute(file.read_text(encoding="utf-8"))
                    cur.execute(
                        "INSERT INTO schema_migration (version, name) VALUES (?, ?)",
                        [version, name],
                    )
        cur = database.cursor()
        assert cur.execute(
            "SELECT count(*) FROM information_schema.tables"
            " WHERE table_name = 'household_follow_span'"
        ).fetchone() == (0,)
        expected = []
        for number, (name, (events, periods)) in enumerate(HISTORY.items(), start=1):
            hid = cur.execute(
                "INSERT INTO household (file_number, status, head_name, opened_on, created_at,"
                " created_by, updated_at, updated_by) VALUES (?, 'actif', ?, ?, ?, 't', ?, 't')"
                " RETURNING id",
                [f"2024-{number:04d}", name, events[0][1], AT, AT],
            ).fetchone()[0]
            for event, on in events:
                cur.execute(
                    "INSERT INTO household_status_event (household_id, event, occurred_on,"
                    " recorded_at, recorded_by) VALUES (?, ?, ?, ?, 't')",
                    [hid, event, on, AT],
                )
            expected += [(hid, day(start), day(end)) for start, end in periods]

        assert target in apply_migrations(database)
        backfilled = spans(database.cursor())
        assert backfilled == sorted(expected, key=lambda r: (r[0], r[1], r[2] or date.max))
        assert backfilled == rebuilt(database)
    finally:
        database.close()

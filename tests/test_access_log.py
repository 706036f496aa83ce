"""The access log: every kind of access written (file read, export, SQL query, sign-in and
failure), its purge at the retention boundary, audited, and the daily purge thread."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from datetime import date, datetime

import pytest

from db import background
from db.analytics import build, console
from db.audit import log_access
from db.errors import PermissionDeniedError
from db.households import writes as households
from db.logs import purge
from db.rules import Actor
from db.settings import set_setting
from tests.conftest import app_test, open_page

TODAY = date(2026, 11, 30)
ANALYST = Actor("ana", "Ana Lyste", frozenset({"analyste"}))


def add_access(database, at: datetime, username="social", detail="dossier 12") -> None:
    database.cursor().execute(
        "INSERT INTO access_log (occurred_at, username, action, entity, entity_id, detail)"
        " VALUES (?, ?, 'read', 'household', '12', ?)",
        [at, username, detail],
    )


def accesses(database, action: str) -> list[tuple]:
    return (
        database.cursor()
        .execute(
            "SELECT username, entity, entity_id, detail FROM access_log WHERE action = ?"
            " ORDER BY id",
            [action],
        )
        .fetchall()
    )


def purge_rows(database) -> list[dict]:
    cur = database.cursor()
    rows = cur.execute(
        "SELECT username, action, entity, entity_id, household_id, diff FROM audit_log"
        " WHERE action = 'purge'"
    ).fetchall()
    names = ["username", "action", "entity", "id", "hh", "diff"]
    return [dict(zip(names, row, strict=True)) for row in rows]


# The boundary ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "months", "cutoff"),
    [
        (date(2026, 11, 30), 12, date(2025, 11, 30)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2028, 3, 31), 1, date(2028, 2, 29)),
        (date(2026, 1, 15), 6, date(2025, 7, 15)),
    ],
)
def test_the_cutoff_is_the_same_day_n_months_before(today, months, cutoff):
    assert purge.cutoff_day(today, months) == cutoff


def test_a_row_of_exactly_n_months_ago_is_kept_one_day_older_is_purged(database, admin):
    add_access(database, datetime(2025, 11, 30, 0, 0, 0), detail="exactement 12 mois")
    add_access(database, datetime(2025, 11, 29, 23, 59, 59), detail="un jour de plus")
    add_access(database, datetime(2026, 11, 29, 10, 0), detail="récent")
    assert purge.purgeable_rows(database, TODAY) == 1
    assert purge.purge_access_log(database, admin, TODAY) == 1
    kept = [row[3] for row in accesses(database, "read")]
    assert kept == ["exactement 12 mois", "récent"]


def test_the_purge_follows_the_setting(database, admin):
    add_access(database, datetime(2026, 5, 29, 12, 0), detail="six mois et un jour")
    add_access(database, datetime(2026, 5, 30, 12, 0), detail="six mois")
    assert purge.purge_access_log(database, admin, TODAY) == 0
    set_setting(database, admin, "access_log_retention_months", 6)
    assert purge.purge_access_log(database, admin, TODAY) == 1
    assert [row[3] for row in accesses(database, "read")] == ["six mois"]


def test_the_purge_is_audited_with_its_count_and_cutoff_and_no_personal_data(database, admin):
    for day in (1, 2, 3):
        add_access(database, datetime(2024, 6, day, 9, 0), username="social", detail="Dupont")
    purge.purge_access_log(database, admin, TODAY)
    (row,) = purge_rows(database)
    assert (row["username"], row["entity"], row["id"], row["hh"]) == (
        admin.username,
        "access_log",
        "2025-11-30",
        None,
    )
    assert json.loads(row["diff"]) == {
        "cutoff_on": [None, "2025-11-30"],
        "deleted_rows": [None, 3],
        "retention_months": [None, 12],
    }
    assert "social" not in row["diff"] and "Dupont" not in row["diff"]


def test_a_purge_with_nothing_to_delete_writes_no_audit_row(database, admin):
    add_access(database, datetime(2026, 11, 1, 9, 0))
    assert purge.purge_access_log(database, admin, TODAY) == 0
    assert purge_rows(database) == []


def test_only_an_admin_purges(database):
    add_access(database, datetime(2020, 1, 1, 9, 0))
    with pytest.raises(PermissionDeniedError, match="administration"):
        purge.purge_access_log(database, ANALYST, TODAY)
    assert len(accesses(database, "read")) == 1


# The daily thread ---------------------------------------------------------------------


def test_the_scheduled_purge_deletes_old_rows_as_the_system(database):
    add_access(database, datetime(2020, 1, 1, 9, 0))
    assert purge.purge_once(database) == 1
    assert purge_rows(database)[0]["username"] == purge.PURGE_ACTOR


def test_a_failed_scheduled_purge_is_logged_never_raised(database, caplog):
    database.cursor().execute("DROP TABLE access_log")
    assert purge.purge_once(database) is None
    assert "Purge du journal des accès impossible" in caplog.text


def test_the_purge_thread_is_one_daemon_per_process(database):
    first = purge.start_purge_schedule(database)
    assert first.daemon and first.is_alive() and first.name == "access-log-purge"
    assert purge.start_purge_schedule(database) is first
    assert [t for t in threading.enumerate() if t.name == "access-log-purge"] == [first]


def test_the_app_starts_the_purge_thread_which_purges(database, monkeypatch):
    """The process's thread is reset for this test: the one app.py starts is new."""
    monkeypatch.delitem(background._started, purge.THREAD, raising=False)
    add_access(database, datetime(2020, 1, 1, 9, 0))
    app_test("app.py").run()
    thread = background._started[purge.THREAD]
    assert thread.daemon and thread.is_alive()
    for _ in range(100):
        if not accesses(database, "read"):
            break
        time.sleep(0.05)
    assert accesses(database, "read") == []
    assert purge_rows(database)[0]["username"] == purge.PURGE_ACTOR


# Every kind of access is written ------------------------------------------------------


def test_opening_a_household_file_is_logged(demo_database):
    hid = demo_database.cursor().execute("SELECT min(id) FROM household").fetchone()[0]
    at = open_page(demo_database, "direction", "pages/household_file.py", {"id": str(hid)})
    assert not at.exception
    assert accesses(demo_database, "read") == [("direction", "household", str(hid), None)]


def test_an_export_is_logged(database, admin):
    households.record_export(database, admin, "households", "csv, 3 lignes")
    assert accesses(database, "export") == [(admin.username, "households", None, "csv, 3 lignes")]


def test_each_sql_query_is_logged_run_or_refused(demo_database):
    build.rebuild(demo_database, salt="sel-de-test")
    console.run_query(demo_database, ANALYST, "SELECT 42 AS a")
    with contextlib.suppress(console.QueryRefused):
        console.run_query(demo_database, ANALYST, "DROP TABLE household")
    rows = accesses(demo_database, "sql")
    assert [(r[0], r[1]) for r in rows] == [("ana", "console"), ("ana", "console")]
    assert rows[0][3] == "Exécution, 1 ligne : SELECT 42 AS a"
    assert rows[1][3].startswith("Exécution, refusée ou en erreur : Instruction refusée")
    assert rows[1][3].endswith(": DROP TABLE household")


def test_a_long_query_is_shortened_in_the_access_log(database):
    from db.audit import SQL_SHOWN, log_sql

    log_sql(database, "ana", "export", "SELECT " + "x, " * 500 + "1", rows=7)
    (row,) = accesses(database, "sql")
    assert row[3].startswith("Export, 7 lignes : SELECT x, x,")
    assert row[3].endswith("…") and len(row[3]) < SQL_SHOWN + 40


def sign_in(database, password: str):
    at = app_test("app.py")
    at.run()
    at.text_input[0].input("social")
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run()


def test_a_sign_in_is_logged(demo_database):
    from db.demo.generate import DEMO_PASSWORD

    at = sign_in(demo_database, DEMO_PASSWORD)
    assert not at.exception
    assert accesses(demo_database, "login") == [("social", "users", "social", None)]
    assert accesses(demo_database, "login_failed") == []


def test_a_failed_sign_in_is_logged(demo_database):
    at = sign_in(demo_database, "pas-le-bon-mot-de-passe")
    assert "Identifiant ou mot de passe incorrect." in [e.value for e in at.error]
    assert accesses(demo_database, "login_failed") == [("social", "users", "social", None)]
    assert accesses(demo_database, "login") == []


def test_log_access_keeps_who_what_and_when(database):
    log_access(database, "social", "read", "household", 12)
    assert accesses(database, "read") == [("social", "household", "12", None)]


# Refused openings of a household's file ------------------------------------------------


def refusals(database) -> list[tuple]:
    return accesses(database, "read_refused")


def test_a_refused_file_opening_is_logged_as_refused(demo_database):
    """A social worker opening another worker's file: refused on screen, and logged."""
    other = (
        demo_database.cursor()
        .execute("SELECT id FROM household WHERE referent = 'kbenali' ORDER BY id LIMIT 1")
        .fetchone()[0]
    )
    at = open_page(demo_database, "social", "pages/household_file.py", {"id": str(other)})
    assert "pas accessible" in at.error[0].value
    at.run()  # a rerun of the same refusal is not another attempt
    assert refusals(demo_database) == [("social", "household", str(other), "refusé")]
    assert accesses(demo_database, "read") == []


def test_a_role_without_the_file_page_is_logged_when_it_asks_for_a_file(demo_database):
    at = open_page(demo_database, "analyste", "pages/household_file.py", {"id": "7"})
    assert "pas accessible" in at.error[0].value
    assert refusals(demo_database) == [("analyste", "household", "7", "refusé")]


def test_a_file_opening_is_logged_while_a_long_write_holds_the_write_lock(database):
    """An import holds the write lock for its whole transaction: the access log of a file
    opened meanwhile is written at once, not after it (the app stays usable)."""
    holding, release = threading.Event(), threading.Event()

    def long_write():
        with database.transaction() as cur:
            cur.execute("INSERT INTO file_counter VALUES (1999, 0)")
            holding.set()
            release.wait(timeout=60)

    writer = threading.Thread(target=long_write)
    writer.start()
    try:
        assert holding.wait(timeout=30)
        reader = threading.Thread(target=log_access, args=(database, "social", "read"))
        reader.start()
        reader.join(timeout=30)
        assert not reader.is_alive(), "the access log waited for the long write"
        assert writer.is_alive()  # the long write was still open when the log was written
    finally:
        release.set()
        writer.join(timeout=30)
    assert accesses(database, "read") == [("social", None, None, None)]

"""The SQL console's log and the audit log have a retention of their own, purged with the
access log (same moment, same audit of the purge); a file's history reads on when its
old rows are gone."""

from __future__ import annotations

import json
from datetime import date, datetime

import queries
from db.logs import purge
from db.settings import SETTINGS, set_setting
from tests.conftest import open_page

TODAY = date(2026, 11, 30)


def add_console(database, at: datetime, sql: str) -> None:
    database.cursor().execute(
        "INSERT INTO console_log (occurred_at, username, sql, seconds) VALUES (?, 'ana', ?, 0.1)",
        [at, sql],
    )


def console_sql(database) -> list[str]:
    rows = database.cursor().execute("SELECT sql FROM console_log ORDER BY id").fetchall()
    return [row[0] for row in rows]


def purges(database) -> list[tuple]:
    return (
        database.cursor()
        .execute("SELECT entity, diff FROM audit_log WHERE action = 'purge' ORDER BY id")
        .fetchall()
    )


def test_each_log_has_a_retention_setting_with_a_cnil_default():
    assert SETTINGS["console_log_retention_months"].default == 6
    assert SETTINGS["audit_log_retention_months"].default == 12
    assert "Historique" in SETTINGS["audit_log_retention_months"].description
    assert "CNIL" in SETTINGS["console_log_retention_months"].description


def test_the_console_log_keeps_six_months_then_follows_its_setting(database, admin):
    add_console(database, datetime(2026, 5, 29, 9, 0), "SELECT 'six mois et un jour'")
    add_console(database, datetime(2026, 5, 30, 9, 0), "SELECT 'six mois'")
    add_console(database, datetime(2026, 9, 1, 9, 0), "SELECT 'trois mois'")
    assert purge.purgeable_rows(database, TODAY, "console_log") == 1
    assert purge.purge_log(database, admin, "console_log", TODAY) == 1
    assert console_sql(database) == ["SELECT 'six mois'", "SELECT 'trois mois'"]
    set_setting(database, admin, "console_log_retention_months", 3)
    assert purge.purge_log(database, admin, "console_log", TODAY) == 1
    assert console_sql(database) == ["SELECT 'trois mois'"]
    entities = [entity for entity, _diff in purges(database)]
    assert entities == ["console_log", "console_log"]


def test_the_audit_log_purge_keeps_its_own_row_and_no_personal_data(database, admin):
    database.cursor().execute(
        "INSERT INTO audit_log (occurred_at, username, action, entity, entity_id, household_id,"
        " diff) VALUES ('2025-01-01 10:00', 'social', 'update', 'household', '7', 7,"
        ' \'{"commune": ["Bordeaux", "Pessac"]}\')'
    )
    assert purge.purge_log(database, admin, "audit_log", TODAY) == 1
    ((entity, diff),) = purges(database)
    assert entity == "audit_log"
    assert json.loads(diff) == {
        "cutoff_on": [None, "2025-11-30"],
        "deleted_rows": [None, 1],
        "retention_months": [None, 12],
    }
    left = database.cursor().execute("SELECT count(*) FROM audit_log WHERE household_id = 7")
    assert left.fetchone()[0] == 0


def test_the_daily_purge_purges_every_log_at_the_same_moment(database):
    add_console(database, datetime(2020, 1, 1, 9, 0), "SELECT 1")
    database.cursor().execute(
        "INSERT INTO access_log (occurred_at, username, action) VALUES ('2020-01-01', 'x', 'read')"
    )
    database.cursor().execute(
        "INSERT INTO audit_log (occurred_at, username, action, entity, entity_id, diff)"
        " VALUES ('2020-01-01', 'x', 'update', 'setting', 'k', '{}')"
    )
    assert purge.purge_once(database) == 3
    assert sorted(entity for entity, _diff in purges(database)) == [
        "access_log",
        "audit_log",
        "console_log",
    ]


def test_a_file_whose_history_was_purged_still_opens_and_says_why(demo_database, admin):
    household_id, referent = (
        demo_database.cursor()
        .execute("SELECT id, referent FROM household WHERE referent = 'social' LIMIT 1")
        .fetchone()
    )
    demo_database.cursor().execute(
        "INSERT INTO audit_log (occurred_at, username, action, entity, entity_id, household_id,"
        " diff) VALUES ('2020-01-01', 'social', 'update', 'household', ?, ?, '{}')",
        [str(household_id), household_id],
    )
    purge.purge_all_logs(demo_database, admin)
    query = {"id": str(household_id), "onglet": "Historique"}
    at = open_page(demo_database, referent, "pages/household_file.py", query)
    assert not at.exception
    shown = [info.value for info in at.info]
    assert any(
        "Aucune modification enregistrée" in text and "plus de 12 mois" in text for text in shown
    )


def test_the_count_queries_count_what_the_purge_deletes(database):
    add_console(database, datetime(2020, 1, 1, 9, 0), "SELECT 1")
    add_console(database, datetime(2026, 11, 29, 9, 0), "SELECT 2")
    database.cursor().execute(
        "INSERT INTO audit_log (occurred_at, username, action, entity, entity_id, diff)"
        " VALUES ('2020-01-01', 'x', 'update', 'setting', 'k', '{}')"
    )
    found = queries.run(database, "audit/audit_older_than", cutoff_on=date(2025, 11, 30))
    assert found["total"].to_list() == [1]
    found = queries.run(database, "audit/console_older_than", cutoff_on=date(2025, 11, 30))
    assert found["total"].to_list() == [1]

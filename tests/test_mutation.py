import json

import pytest

from db.audit import compute_diff
from db.errors import PermissionDeniedError
from db.mutation import Changed, Outcome, nothing, run_mutation
from db.rules import Actor

READER = Actor("lecteur", "Lecteur", frozenset({"accueil"}))


def audit_rows(database):
    return (
        database.cursor()
        .execute("SELECT username, action, entity, entity_id, diff FROM audit_log ORDER BY id")
        .fetchall()
    )


def insert_setting(cur, _current):
    row = {"key": "k", "value": "1"}
    cur.execute("INSERT INTO setting VALUES ('k', '1', now()::TIMESTAMP, 'x')")
    return Outcome([Changed("setting", "k", None, row)], value="ok")


def test_one_audit_row_with_the_diff_in_the_same_write(database, admin):
    outcome = run_mutation(database, admin, "create", lambda a, c: True, nothing, insert_setting)
    assert outcome.value == "ok"
    rows = audit_rows(database)
    assert len(rows) == 1
    username, action, entity, entity_id, diff = rows[0]
    assert (username, action, entity, entity_id) == ("test-admin", "create", "setting", "k")
    assert json.loads(diff) == {"key": [None, "k"], "value": [None, "1"]}


def test_failure_leaves_neither_change_nor_audit(database, admin):
    def broken(cur, current):
        insert_setting(cur, current)
        return Outcome([Changed("setting", "k", None, {"bad": object()})])  # not JSON

    with pytest.raises(TypeError):
        run_mutation(database, admin, "create", lambda a, c: True, nothing, broken)
    assert database.cursor().execute("SELECT count(*) FROM setting").fetchone() == (0,)
    assert audit_rows(database) == []


def test_refused_by_the_rule_writes_nothing(database):
    version = database.data_version
    with pytest.raises(PermissionDeniedError):
        run_mutation(
            database, READER, "create", lambda a, c: a.has("admin"), nothing, insert_setting
        )
    assert database.cursor().execute("SELECT count(*) FROM setting").fetchone() == (0,)
    assert audit_rows(database) == []
    assert database.data_version == version


def test_the_rule_sees_the_current_state(database, admin):
    seen = []

    def rule(actor, current):
        seen.append(current)
        return True

    run_mutation(database, admin, "update", rule, lambda cur: {"value": "old"}, insert_setting)
    assert seen == [{"value": "old"}]


def test_data_version_grows_after_a_mutation(database, admin):
    version = database.data_version
    run_mutation(database, admin, "create", lambda a, c: True, nothing, insert_setting)
    assert database.data_version > version


class TestDiff:
    def test_only_changed_fields(self):
        assert compute_diff({"a": 1, "b": 2}, {"a": 1, "b": 3}) == {"b": [2, 3]}

    def test_creation_and_deletion(self):
        assert compute_diff(None, {"a": 1}) == {"a": [None, 1]}
        assert compute_diff({"a": 1}, None) == {"a": [1, None]}

    def test_secrets_are_masked_and_bookkeeping_ignored(self):
        diff = compute_diff(
            {"password_hash": "x", "version": 1}, {"password_hash": "y", "version": 2}
        )
        assert diff == {"password_hash": ["***", "***"]}

    def test_dates_become_iso_text(self):
        from datetime import date

        assert compute_diff({}, {"d": date(2026, 11, 21)}) == {"d": [None, "2026-11-21"]}

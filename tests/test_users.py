import json
from datetime import timedelta

import bcrypt
import pytest
from pydantic import ValidationError

from db import clock
from db.accounts import users
from db.errors import PermissionDeniedError, ValidationFailed
from db.rules import Actor


def new_user(username="marie", roles=("travailleur_social",)):
    return users.NewUser(
        username=username,
        display_name="Marie",
        email="marie@asso.example",
        roles=list(roles),
        password="un-bon-mot-de-passe",
    )


def actions(database, username):
    return [
        r[0]
        for r in database.cursor()
        .execute(
            "SELECT action FROM audit_log WHERE entity = 'users' AND entity_id = ? ORDER BY id",
            [username],
        )
        .fetchall()
    ]


def test_create_user_stores_a_bcrypt_hash_and_audits_without_it(database, admin):
    users.create_user(database, admin, new_user())
    stored = users.load_user(database.cursor(), "marie")
    assert bcrypt.checkpw(b"un-bon-mot-de-passe", stored["password_hash"].encode())
    diff = json.loads(database.cursor().execute("SELECT diff FROM audit_log").fetchone()[0])
    assert diff["password_hash"] == [None, "***"]
    assert "un-bon-mot-de-passe" not in json.dumps(diff)


def test_only_admin_creates_accounts(database):
    social = Actor("s", "S", frozenset({"travailleur_social"}))
    with pytest.raises(PermissionDeniedError):
        users.create_user(database, social, new_user())


def test_unknown_role_and_short_password_are_refused():
    with pytest.raises(ValidationError):
        users.NewUser(username="x1", display_name="X", roles=["pirate"], password="longenough")
    with pytest.raises(ValidationError):
        users.NewUser(username="x1", display_name="X", roles=["admin"], password="court")


def test_duplicate_username_is_refused(database, admin):
    users.create_user(database, admin, new_user())
    with pytest.raises(ValidationFailed, match="existe déjà"):
        users.create_user(database, admin, new_user())


def test_five_failures_lock_for_fifteen_minutes(database, admin):
    users.create_user(database, admin, new_user())
    for _ in range(users.MAX_FAILED_ATTEMPTS - 1):
        assert not users.is_locked(users.record_failed_login(database, "marie"))
    locked = users.record_failed_login(database, "marie")
    assert users.is_locked(locked)
    assert locked["locked_until"] - clock.now() <= timedelta(minutes=15)
    assert not users.is_locked(locked, at=clock.now() + timedelta(minutes=16))
    assert actions(database, "marie").count("login_failed") == 4
    assert actions(database, "marie")[-1] == "account_locked"


def test_failure_on_unknown_account_writes_nothing(database):
    assert users.record_failed_login(database, "personne") is None
    assert database.cursor().execute("SELECT count(*) FROM audit_log").fetchone() == (0,)


def test_roles_password_and_activation(database, admin):
    users.create_user(database, admin, new_user())
    users.set_roles(database, admin, "marie", ["direction", "accueil"])
    users.reset_password(database, admin, "marie", "nouveau-secret")
    users.set_active(database, admin, "marie", False)
    stored = users.load_user(database.cursor(), "marie")
    assert stored["roles"] == ["accueil", "direction"]
    assert bcrypt.checkpw(b"nouveau-secret", stored["password_hash"].encode())
    assert stored["active"] is False and stored["sessions_revoked_at"] is not None
    assert actions(database, "marie") == ["create", "set_roles", "reset_password", "disable"]


def test_set_roles_refuses_an_empty_list(database, admin):
    users.create_user(database, admin, new_user())
    with pytest.raises(ValidationFailed):
        users.set_roles(database, admin, "marie", [])


def test_logout_revokes_sessions(database, admin):
    users.create_user(database, admin, new_user())
    users.revoke_sessions(database, "marie")
    assert users.load_user(database.cursor(), "marie")["sessions_revoked_at"] is not None
    assert actions(database, "marie")[-1] == "logout"


@pytest.mark.parametrize("password", ["a" * 73, "é" * 37])  # 73 and 74 bytes
def test_a_password_past_bcrypt_s_72_bytes_is_refused_in_french(database, admin, password):
    """bcrypt refuses more than 72 bytes with an English error: the model says it first."""
    with pytest.raises(ValidationError, match="72 octets au plus"):
        users.NewUser(username="lea", display_name="Léa", roles=["accueil"], password=password)
    users.create_user(database, admin, new_user())
    with pytest.raises(ValidationFailed, match="72 octets au plus"):
        users.reset_password(database, admin, "marie", password)
    assert actions(database, "marie") == ["create"]


def test_a_password_of_72_bytes_is_accepted(database, admin):
    users.create_user(database, admin, new_user())
    users.reset_password(database, admin, "marie", "é" * 36)
    stored = users.load_user(database.cursor(), "marie")
    assert bcrypt.checkpw(("é" * 36).encode(), stored["password_hash"].encode())


def test_reset_sets_a_temporary_password_to_change_and_unlocks(database, admin):
    users.create_user(database, admin, new_user())
    assert not users.must_change_password(database, "marie")  # a chosen password
    for _ in range(users.MAX_FAILED_ATTEMPTS):
        users.record_failed_login(database, "marie")
    users.reset_password(database, admin, "marie", "provisoire-2026")
    stored = users.load_user(database.cursor(), "marie")
    assert stored["must_change_password"] is True
    assert not users.is_locked(stored) and stored["failed_attempts"] == 0
    assert actions(database, "marie")[-1] == "reset_password"


def test_an_account_created_with_a_temporary_password_must_change_it(database, admin):
    users.create_user(database, admin, new_user(), temporary=True)
    assert users.must_change_password(database, "marie")


def test_unlock_clears_the_lock_and_the_failures_audited(database, admin):
    users.create_user(database, admin, new_user())
    for _ in range(users.MAX_FAILED_ATTEMPTS):
        users.record_failed_login(database, "marie")
    assert users.is_locked(users.read_user(database, "marie"))
    users.unlock(database, admin, "marie")
    stored = users.read_user(database, "marie")
    assert stored["locked_until"] is None and stored["failed_attempts"] == 0
    assert actions(database, "marie")[-1] == "unlock"
    social = Actor("s", "S", frozenset({"travailleur_social"}))
    with pytest.raises(PermissionDeniedError):
        users.unlock(database, social, "marie")


def marie(database) -> Actor:
    stored = users.read_user(database, "marie")
    return Actor("marie", stored["display_name"], frozenset(stored["roles"]))


def test_own_change_checks_the_current_password_then_the_rules(database, admin):
    users.create_user(database, admin, new_user())
    me = marie(database)
    refusals = [
        ("mauvais", "nouveau-secret-1", "nouveau-secret-1", "current"),
        ("un-bon-mot-de-passe", "court", "court", "new"),
        ("un-bon-mot-de-passe", "marie-en-2026", "marie-en-2026", "new"),
        ("un-bon-mot-de-passe", "motdepasse123", "motdepasse123", "new"),
        ("un-bon-mot-de-passe", "un-bon-mot-de-passe", "un-bon-mot-de-passe", "new"),
        ("un-bon-mot-de-passe", "nouveau-secret-1", "nouveau-secret-2", "confirmation"),
    ]
    for current, new, confirmation, field in refusals:
        with pytest.raises(ValidationFailed) as refused:
            users.change_own_password(database, me, current, new, confirmation)
        assert refused.value.field == field, (new, str(refused.value))
    assert actions(database, "marie") == ["create"]  # nothing written


def test_own_change_replaces_the_password_ends_other_sessions_and_is_audited(database, admin):
    users.create_user(database, admin, new_user())
    users.reset_password(database, admin, "marie", "provisoire-2026")
    changed = users.change_own_password(
        database, marie(database), "provisoire-2026", "ma phrase secrète", "ma phrase secrète"
    )
    stored = users.load_user(database.cursor(), "marie")
    assert bcrypt.checkpw("ma phrase secrète".encode(), stored["password_hash"].encode())
    assert stored["must_change_password"] is False
    assert stored["sessions_revoked_at"] == changed["sessions_revoked_at"] is not None
    row = (
        database.cursor()
        .execute("SELECT username, action, diff FROM audit_log ORDER BY id DESC LIMIT 1")
        .fetchone()
    )
    assert row[:2] == ("marie", "change_password")
    assert "ma phrase" not in row[2] and json.loads(row[2])["password_hash"] == ["***", "***"]


def test_nobody_changes_another_s_password_through_the_own_change(database, admin):
    users.create_user(database, admin, new_user())
    users.create_user(database, admin, new_user("paul"))
    paul = Actor("paul", "Paul", frozenset({"travailleur_social"}))
    with pytest.raises(ValidationFailed):  # checked against Paul's own password
        users.change_own_password(database, paul, "mauvais", "x" * 14, "x" * 14)

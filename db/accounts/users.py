"""User accounts: creation, roles, passwords, activation, login failures and lockout."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

import bcrypt
from pydantic import BaseModel, EmailStr, Field, ValidationInfo, field_validator

import queries
from db import clock

# The rules live in passwords.py; re-exported here, where callers have always found them.
from db.accounts.passwords import MAX_PASSWORD_BYTES, MIN_PASSWORD, password_refusal  # noqa: F401
from db.errors import NotFoundError, ValidationFailed
from db.mutation import Changed, Outcome, nothing, run_mutation
from db.records import RecordKind, create, update
from db.rules import ROLES, Actor, can_manage_users, is_any_user

MAX_FAILED_ATTEMPTS = 5
LOCK_DURATION = timedelta(minutes=15)
# An account: its columns that _update_user may set (identifiers never come from input);
# keyed by its username, stamped with its creation only.
USERS = RecordKind(
    "users",
    frozenset(
        {
            "roles",
            "password_hash",
            "failed_attempts",
            "locked_until",
            "sessions_revoked_at",
            "active",
            "must_change_password",
        }
    ),
    key="username",
    stamps=("created_at",),
    fixed=frozenset({"username", "display_name", "email"}),
)


class NewUser(BaseModel):
    username: str = Field(min_length=2, max_length=40, pattern=r"^[a-z0-9._-]+$")
    display_name: str = Field(min_length=1, max_length=120)
    email: EmailStr | None = None
    roles: list[str] = Field(min_length=1)
    password: str

    @field_validator("password")
    @classmethod
    def acceptable_password(cls, password: str, info: ValidationInfo) -> str:
        refusal = password_refusal(password, info.data.get("username"))
        if refusal:
            raise ValueError(refusal)
        return password

    @field_validator("roles")
    @classmethod
    def known_roles(cls, roles: list[str]) -> list[str]:
        unknown = sorted(set(roles) - set(ROLES))
        if unknown:
            raise ValueError(f"Rôle inconnu : {', '.join(unknown)}")
        return sorted(set(roles))


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def generate_password(username: str | None = None) -> str:
    """16 random characters that the rules accept (a short username could turn up in them)."""
    while True:
        password = secrets.token_urlsafe(12)
        if password_refusal(password, username) is None:
            return password


def load_user(cur, username: str) -> dict | None:
    return queries.fetch_row(cur, "users/account", username=username)


def read_user(database, username: str) -> dict | None:
    """The account as it is now, read on a cursor closed afterwards."""
    with database.reading() as cur:
        return load_user(cur, username)


def _require(user: dict | None, username: str) -> dict:
    if user is None:
        raise NotFoundError(f"Aucun compte « {username} ».")
    return user


def create_user(
    database,
    actor: Actor,
    data: NewUser,
    password_hash: str | None = None,
    temporary: bool = False,
) -> dict:
    """Create an account; `password_hash` spares hashing again a password already hashed.

    `temporary`: the password was made up for the person (the admin screen), who must
    choose their own at the first sign-in.
    """

    def apply(cur, _current) -> Outcome:
        if load_user(cur, data.username):
            raise ValidationFailed(f"Le compte « {data.username} » existe déjà.", "username")
        values = {
            "username": data.username,
            "display_name": data.display_name,
            "email": data.email,
            "password_hash": password_hash or hash_password(data.password),
            "roles": data.roles,
            "active": True,
            "must_change_password": temporary,
        }
        row, done = create(cur, actor, USERS, values)
        return Outcome([done], value=row)

    return run_mutation(database, actor, "create", _rule_manage, nothing, apply).value


def _rule_manage(actor: Actor, _current) -> bool:
    return can_manage_users(actor)


def _update_user(database, actor, username, action, changes: dict, rule=_rule_manage) -> dict:
    """Set `changes` on one account, audited; the only UPDATE of the users table."""

    def apply(cur, current) -> Outcome:
        current = _require(current, username)
        after = update(cur, actor, USERS, current, changes)
        return Outcome([Changed("users", username, current, after)], value=after)

    def load(cur):
        return load_user(cur, username)

    return run_mutation(database, actor, action, rule, load, apply).value


def set_roles(database, actor: Actor, username: str, roles: list[str]) -> dict:
    roles = NewUser.known_roles(roles)
    if not roles:
        raise ValidationFailed("Un compte a au moins un rôle.")
    return _update_user(database, actor, username, "set_roles", {"roles": roles})


def reset_password(database, actor: Actor, username: str, password: str) -> dict:
    """A temporary password set by an admin: the account is unlocked, its sessions end, and
    its holder must choose a new password at the next sign-in."""
    refusal = password_refusal(password, username)
    if refusal:
        raise ValidationFailed(refusal)
    changes = {
        "password_hash": hash_password(password),
        "failed_attempts": 0,
        "locked_until": None,
        "sessions_revoked_at": clock.now(),
        "must_change_password": True,
    }
    return _update_user(database, actor, username, "reset_password", changes)


def unlock(database, actor: Actor, username: str) -> dict:
    """Lift a lockout after failed sign-ins (or forget the failures counted so far)."""
    changes = {"locked_until": None, "failed_attempts": 0}
    return _update_user(database, actor, username, "unlock", changes)


def change_own_password(database, actor: Actor, current: str, new: str, confirmation: str) -> dict:
    """The signed-in person changes their own password, the current one checked first.

    Every other session of the account ends (sessions_revoked_at moves to now); the caller
    keeps its own by moving its sign-in time to the returned account's sessions_revoked_at.
    A refusal is a ValidationFailed whose `field` is "current", "new" or "confirmation".
    """
    user = _require(read_user(database, actor.username), actor.username)
    if not current or not bcrypt.checkpw(current.encode(), user["password_hash"].encode()):
        raise ValidationFailed("Le mot de passe actuel est incorrect.", field="current")
    refusal = password_refusal(new, actor.username)
    if refusal:
        raise ValidationFailed(refusal, field="new")
    if new == current:
        raise ValidationFailed("Choisissez un mot de passe différent de l'actuel.", field="new")
    if new != confirmation:
        raise ValidationFailed(
            "La confirmation diffère du nouveau mot de passe.", field="confirmation"
        )
    changes = {
        "password_hash": hash_password(new),
        "must_change_password": False,
        "sessions_revoked_at": clock.now(),
    }

    def own_account(who: Actor, account) -> bool:
        return account is not None and who.username == account["username"]

    return _update_user(database, actor, actor.username, "change_password", changes, own_account)


def must_change_password(database, username: str) -> bool:
    user = read_user(database, username)
    return bool(user and user.get("must_change_password"))


def set_active(database, actor: Actor, username: str, active: bool) -> dict:
    changes = {"active": active, "sessions_revoked_at": clock.now()}
    return _update_user(database, actor, username, "enable" if active else "disable", changes)


def is_locked(user: dict, at: datetime | None = None) -> bool:
    locked_until = user.get("locked_until")
    return locked_until is not None and locked_until > (at or clock.now())


def record_failed_login(database, username: str) -> dict | None:
    """Count a failed attempt on an existing account; the 5th locks it for 15 minutes."""
    user = read_user(database, username)
    if user is None:
        return None
    attempts = user["failed_attempts"] + 1
    changes = {"failed_attempts": attempts}
    action = "login_failed"
    if attempts >= MAX_FAILED_ATTEMPTS:
        changes = {"failed_attempts": 0, "locked_until": clock.now() + LOCK_DURATION}
        action = "account_locked"
    return _update_user(database, _self(user), username, action, changes, rule=is_any_user)


def record_successful_login(database, username: str) -> None:
    user = read_user(database, username)
    if user and user["failed_attempts"]:
        _update_user(
            database, _self(user), username, "login", {"failed_attempts": 0}, rule=is_any_user
        )


def revoke_sessions(database, username: str) -> None:
    """Logout: every login cookie issued before now stops working, on every browser."""
    user = read_user(database, username)
    if user:
        _update_user(
            database,
            _self(user),
            username,
            "logout",
            {"sessions_revoked_at": clock.now()},
            rule=is_any_user,
        )


def _self(user: dict) -> Actor:
    return Actor(user["username"], user["display_name"], frozenset(user["roles"]))

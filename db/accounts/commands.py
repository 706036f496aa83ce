"""An account's input on the command line (cli.py init, user add, user roles), checked in
French before anything is written: each refusal is one HabiterError of one line."""

from __future__ import annotations

from pydantic import ValidationError

from db.accounts import users
from db.errors import HabiterError
from db.rules import ROLES
from db.validation import FIELD_LABELS, french_message


def parse_roles(text: str | None) -> list[str]:
    roles = sorted({role.strip() for role in (text or "").split(",") if role.strip()})
    possible = ", ".join(ROLES)
    if not roles:
        raise HabiterError(f"Précisez au moins un rôle avec --roles (rôles : {possible}).")
    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        raise HabiterError(f"Rôle inconnu : {', '.join(unknown)} (rôles : {possible}).")
    return roles


def check_password(password: str) -> None:
    refusal = users.password_refusal(password)
    if refusal:
        raise HabiterError(refusal)


def new_user(username, name, email, roles, password) -> users.NewUser:
    """The account to create, every field checked, or a HabiterError in French."""
    role_list = parse_roles(roles)
    check_password(password)
    try:
        return users.NewUser(
            username=username,
            display_name=name or username,
            email=email,
            roles=role_list,
            password=password,
        )
    except ValidationError as exc:
        raise HabiterError(explain(exc)) from exc


def explain(exc: ValidationError) -> str:
    """The French message of each invalid field of a model, on one line."""
    parts = [f"{FIELD_LABELS.get(f, f)} : {m}" for f, m in field_messages(exc).items()]
    return " ; ".join(parts).rstrip(".") + "."


def field_messages(exc: ValidationError) -> dict[str, str]:
    """{field: what it expects, in French}, the first refusal of each field (the command
    line and the « Comptes » screen say the same)."""
    found: dict[str, str] = {}
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else ""
        found.setdefault(field, _field_message(field, error))
    return found


def _field_message(field: str, error: dict) -> str:
    context = error.get("ctx", {})
    if field == "username" and error["type"] == "string_pattern_mismatch":
        return "lettres minuscules sans accent, chiffres, « . », « _ » ou « - » seulement"
    if field == "roles" and error["type"] == "too_short":
        return "au moins un rôle"
    if error["type"] == "string_too_short" and context.get("min_length", 1) > 1:
        return f"au moins {context['min_length']} caractères"
    return french_message(error)

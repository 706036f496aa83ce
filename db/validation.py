"""French messages for pydantic validation errors, one per invalid field."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from pydantic import ValidationError, ValidationInfo

from db import clock
from db.french import NBSP, fr_date

# Field names as a user reads them; models add their own with FIELD_LABELS.
FIELD_LABELS = {
    "username": "Identifiant",
    "display_name": "Nom affiché",
    "email": "E-mail",
    "roles": "Rôles",
    "password": "Mot de passe",
}

# What a field with a pattern expects, by its pattern: the message says the rule, never
# « format invalide » (a test checks that every pattern of db/ has its message here).
POSTCODE_EXPECTED = "5 chiffres attendus, par exemple 33000"
USERNAME_EXPECTED = (
    "lettres minuscules sans accent, chiffres, point (.), tiret (-) ou tiret bas (_), "
    "sans espace, par exemple m.dupont"
)
PATTERNS = {r"^\d{5}$": POSTCODE_EXPECTED, r"^[a-z0-9._-]+$": USERNAME_EXPECTED}
# A choice left empty reaches its model as None: what to do, not « valeur invalide ».
CHOOSE = "choisissez une valeur de la liste"
CHOICE_TYPES = {"string_type", "int_type", "enum", "literal_error", "bool_type"}

MESSAGES = {
    "missing": "à renseigner",
    "string_too_short": "à renseigner",
    "too_short": "à renseigner",
    "string_too_long": "trop long : {max_length} caractères au plus",
    "too_long": "{max_length} au plus",
    "date_parsing": "date invalide",
    "date_type": "date invalide",
    "date_from_datetime_parsing": "date invalide",
    "decimal_parsing": "nombre invalide",
    "decimal_max_places": "{decimal_places} chiffres après la virgule au plus",
    "decimal_type": "nombre invalide",
    "float_parsing": "nombre invalide",
    "int_parsing": "nombre entier attendu",
    "greater_than_equal": "doit être supérieur ou égal à {ge}",
    "greater_than": "doit être supérieur à {gt}",
    "less_than_equal": "doit être inférieur ou égal à {le}",
    "less_than": "doit être inférieur à {lt}",
    "literal_error": "valeur non prévue",
    "enum": "valeur non prévue",
}


AMOUNT_EXAMPLE = "montant invalide : écrivez par exemple 85,50 ou 1 234,50"
SURFACE_EXAMPLE = "un nombre de m², par exemple 45 ou 45,5"
# Spaces a French number may hold between thousands: plain, no-break, narrow no-break.
_SPACES = str.maketrans("", "", " \u00a0\u202f")


def french_amount(value):
    """'85,50', '85.50', '1 234,50' or '1.234,50 €' as a Decimal, exactly as typed.

    A browser's number field drops a decimal comma ('85,50' became 8550): amounts are
    typed as text and read here, on the server. Other values pass unchanged.
    """
    return _french_decimal(value, "€", AMOUNT_EXAMPLE)


def french_surface(value):
    """'45', '45,5' or '45,5 m²' as a Decimal; its refusal speaks of m², not of money."""
    if isinstance(value, str):
        value = value.strip().removesuffix("m²").removesuffix("m2")
    return _french_decimal(value, "", SURFACE_EXAMPLE)


def _french_decimal(value, unit: str, example: str):
    if not isinstance(value, str):
        return value
    text = value.translate(_SPACES).removesuffix(unit) if unit else value.translate(_SPACES)
    if not text:
        raise ValueError("à renseigner")
    if "," in text:  # French: the comma is the decimal mark, dots group thousands
        text = text.replace(".", "").replace(",", ".")
    try:
        if re.fullmatch(r"-?\d+(\.\d*)?", text):
            return Decimal(text)
    except InvalidOperation:
        pass
    raise ValueError(example)


def field_path(location: tuple, labels: dict[str, str]) -> str:
    """('members', 1, 'birth_date') -> 'Membre 2 — Date de naissance'."""
    parts = []
    for item in location:
        if isinstance(item, int):
            parts[-1] = f"{parts[-1]} {item + 1}" if parts else str(item + 1)
        else:
            parts.append(labels.get(item, FIELD_LABELS.get(item, item)))
    return " — ".join(parts)


def french_message(error: dict) -> str:
    if error["type"] == "value_error":
        if "email" in error["msg"].lower():
            return "adresse e-mail invalide"
        cause = error.get("ctx", {}).get("error")
        return str(cause) if cause else error["msg"].removeprefix("Value error, ")
    if error.get("input", "") is None:  # a field left empty
        return _empty_message(error["type"])
    if error["type"] == "string_pattern_mismatch":
        return PATTERNS.get(error["ctx"]["pattern"], "format invalide")
    if error["type"] == "string_too_short" and error["ctx"]["min_length"] > 1:
        return "{min_length} caractères au moins".format(**error["ctx"])
    template = MESSAGES.get(error["type"])
    if template is None:
        return "valeur invalide"
    return template.format(**{k: _french_number(v) for k, v in error.get("ctx", {}).items()})


def _empty_message(kind: str) -> str:
    """A required field left empty: a list to choose from, a date or a value to give."""
    if kind in CHOICE_TYPES:
        return CHOOSE
    return "date à renseigner" if kind.startswith("date") else "à renseigner"


def _french_number(value):
    """20000 as « 20 000 », 0.5 as « 0,5 » in a message; other values unchanged."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    whole, _, cents = f"{value:,}".partition(".")
    text = whole.replace(",", NBSP)
    return f"{text},{cents}" if cents else text


def french_errors(exc: ValidationError, labels: dict[str, str] | None = None) -> dict[str, str]:
    """{readable field path: French message}, the first message of each field."""
    found: dict[str, str] = {}
    for error in exc.errors():
        path = field_path(tuple(error["loc"]), labels or {})
        found.setdefault(path, french_message(error))
    return found


# Dates no one could mean ----------------------------------------------------------------
# One rule for every date of the housing forms, the capture pipeline and the household's
# resources. A fact recorded (a stage reached, an abandonment, a slide) has happened:
# after today it is refused. A resource may be recorded a little ahead (an allowance
# granted from next month), up to three months, no further. A planned date (a dwelling joining
# the stock, a lease starting or ending ahead) is legitimate up to a year ahead, once the
# person has confirmed it; further ahead it is refused. A due date fixed in advance (a
# lease's last day at signing, a slide planned, the dwelling's planned exit) may run up to
# six years ahead, the longest term of a French lease, and needs no confirmation.
FACT, SOON, PLANNED, DUE = "fait", "bientot", "prevu", "echeance"
DAYS_AHEAD = {FACT: 0, SOON: 92, PLANNED: 366, DUE: 6 * 366}
CONFIRM_FIELD = "future_confirmed"  # the model's flag, declared before its dates
CONFIRM_LABEL = "Je confirme cette date à venir"


def check_ahead(day, kind: str, what: str, confirmed: bool = False):
    """`day` if it may be meant, as the rule above says; else a French ValueError."""
    today = clock.today()
    if day is None or day <= today:
        return day
    limit = today + timedelta(days=DAYS_AHEAD[kind])
    if kind == FACT:
        raise ValueError(
            f"{what} ne peut pas être après aujourd'hui ({fr_date(today)}) : seul ce qui a "
            "déjà eu lieu s'enregistre ici"
        )
    if day > limit:
        raise ValueError(
            f"{what} est trop loin ({fr_date(day)}) : le {fr_date(limit)} au plus tard "
            "(vérifiez l'année)"
        )
    if kind == PLANNED and not confirmed:
        raise ValueError(
            f"{what} est à venir ({fr_date(day)}) : si elle est prévue, cochez "
            f"« {CONFIRM_LABEL} » et enregistrez à nouveau"
        )
    return day


def asks_confirmation(message: str | None) -> bool:
    """Whether a field's message is check_ahead's request for a confirmation."""
    return bool(message) and f"« {CONFIRM_LABEL} »" in message


def ahead_rule(kind: str, what: str):
    """A pydantic validator applying check_ahead to a field; a planned date reads the
    model's confirmation (CONFIRM_FIELD), declared before it."""

    def check(value, info: ValidationInfo):
        return check_ahead(value, kind, what, bool(info.data.get(CONFIRM_FIELD)))

    return check

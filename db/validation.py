"""French messages for pydantic validation errors, one per invalid field."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from pydantic import ValidationError

from db.french import NBSP

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

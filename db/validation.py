"""French messages for pydantic validation errors, one per invalid field."""

from __future__ import annotations

from pydantic import ValidationError

# Field names as a user reads them; models add their own with FIELD_LABELS.
FIELD_LABELS = {
    "username": "Identifiant",
    "display_name": "Nom affiché",
    "email": "E-mail",
    "roles": "Rôles",
    "password": "Mot de passe",
}

MESSAGES = {
    "missing": "à renseigner",
    "string_too_short": "à renseigner",
    "too_short": "à renseigner",
    "string_too_long": "trop long ({max_length} caractères au plus)",
    "string_pattern_mismatch": "format invalide",
    "date_parsing": "date invalide",
    "date_type": "date invalide",
    "date_from_datetime_parsing": "date invalide",
    "decimal_parsing": "nombre invalide",
    "float_parsing": "nombre invalide",
    "int_parsing": "nombre entier attendu",
    "greater_than_equal": "doit être supérieur ou égal à {ge}",
    "greater_than": "doit être supérieur à {gt}",
    "less_than_equal": "doit être inférieur ou égal à {le}",
    "literal_error": "valeur non prévue",
    "enum": "valeur non prévue",
}


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
    template = MESSAGES.get(error["type"])
    if template is None:
        return "valeur invalide"
    return template.format(**error.get("ctx", {}))


def french_errors(exc: ValidationError, labels: dict[str, str] | None = None) -> dict[str, str]:
    """{readable field path: French message}, the first message of each field."""
    found: dict[str, str] = {}
    for error in exc.errors():
        path = field_path(tuple(error["loc"]), labels or {})
        found.setdefault(path, french_message(error))
    return found

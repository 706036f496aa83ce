"""Identifiers (columns, sort keys) that reach SQL text come from an allow-list.

A plain check rather than `assert`, which `python -O` removes.
"""

from __future__ import annotations

from collections.abc import Collection

from db.errors import UnknownIdentifierError


def allowed(value: str, choices: Collection[str], what: str) -> str:
    """`value` itself when it is one of `choices`; UnknownIdentifierError otherwise."""
    if value not in choices:
        raise UnknownIdentifierError(f"{what} inconnu·e : {value!r}")
    return value

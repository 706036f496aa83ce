"""The fields of a query's named parameters ($debut, $commune…): a date picker, a number
typed the French way, or a text, as H2's `parameters(sql)` reads them from their use."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

import streamlit as st

from ui import forms

KIND_WORDS = {"date": "date", "number": "nombre", "text": "texte"}
SPACES = re.compile(r"[\s\u00a0\u202f]")


class Missing:
    """A parameter left empty: the query does not run."""


def french_number(text: str) -> int | float | None:
    """« 1 234,5 », « 1234.5 », « -12 » → a number; None when it is none."""
    cleaned = SPACES.sub("", text).replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def field_key(name: str, kind: str) -> str:
    return f"console_param_{kind}_{name}"


def shown_value(kind: str, value):
    """A logged value as its field holds it: a date, a number written the French way."""
    if kind == "date":
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    if kind == "number":
        return str(value).replace(".", ",")
    return str(value)


def fill(sql: str, values: dict) -> None:
    """Put `values` in the fields of the parameters of `sql` (from a callback)."""
    if not values:
        return
    from db.analytics import console

    for name, kind in console.parameters(sql).items():
        if name in values and values[name] is not None:
            st.session_state[field_key(name, kind)] = shown_value(kind, values[name])


def fields(kinds: dict[str, str]) -> tuple[dict, list[str], list[str]]:
    """Draw one field per parameter; return the values read, the names left empty and
    the French messages of values that are not what the parameter needs."""
    values: dict = {}
    missing: list[str] = []
    wrong: list[str] = []
    if not kinds:
        return values, missing, wrong
    st.markdown("**Paramètres**")
    columns = st.columns(min(len(kinds), 3))
    for number, (name, kind) in enumerate(kinds.items()):
        column = columns[number % len(columns)]
        label = f"Paramètre {name} ({KIND_WORDS.get(kind, 'texte')})"
        key = field_key(name, kind)
        if kind == "date":
            value = forms.date_field(f"Paramètre {name}", None, key=key, container=column)
        elif kind == "number":
            typed = column.text_input(label, key=key, placeholder="ex. 1 234,5")
            value = french_number(typed) if typed.strip() else Missing
            if value is None:
                wrong.append(f"{name} : un nombre est attendu, par exemple 1 234,5.")
                value = Missing
        else:
            value = column.text_input(label, key=key, placeholder="ex. Bordeaux")
            value = value if value != "" else Missing
        if value is Missing or value is None:
            missing.append(name)
        else:
            values[name] = value
    return values, missing, wrong

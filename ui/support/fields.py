"""The fields of the support forms: each one draws its widget, then its French message
(when the last save refused it) right under it, and returns what was typed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import streamlit as st

from db import catalog
from db.french import NBSP
from ui import format as fmt
from ui import forms


def date_at(errors: dict, field: str, label: str, value: date | None, key: str) -> date | None:
    day = forms.date_field(label, value, key=key)
    forms.field_error(errors, field)
    return day


def amount_at(errors: dict, field: str, label: str, value: Decimal | None, key: str) -> str:
    typed = forms.amount_input(label, key, amount_text(value))
    forms.field_error(errors, field)
    return typed


def amount_text(value: Decimal | None) -> str:
    """An amount as a form shows it again, to be read back the same: '1 234,50'."""
    return "" if value is None else fmt.fr_amount(value).removesuffix(f"{NBSP}€")


def choice_at(errors: dict, field: str, label: str, choices: dict, current, key: str, **kw):
    chosen = forms.select_keeping(label, choices, current, key, **kw)
    forms.field_error(errors, field)
    return chosen


def text_at(errors: dict, field: str, label: str, value, key: str, area: bool = False) -> str:
    widget = st.text_area if area else st.text_input
    typed = widget(label, "" if value is None else str(value), key=key)
    forms.field_error(errors, field)
    return typed


def record_picker(label: str, choices: dict, key: str, placeholder: str):
    """Which record a form changes; None until one is chosen."""
    return st.selectbox(
        label, list(choices), index=None, format_func=choices.get, key=key, placeholder=placeholder
    )


def in_words(entity: str, typed: dict, labels: dict) -> dict[str, str]:
    """What a person typed, labelled and in French, for a stale refusal to show it back:
    codes as the entity's labels, dates 21/11/2026 (run_write shows it as given)."""
    coded = catalog.coded_columns(entity)
    shown = {}
    for field, value in typed.items():
        if field in coded and value is not None:
            value = catalog.label(coded[field], value)
        elif isinstance(value, date):
            value = fmt.fr_date(value)
        shown[labels.get(field, field)] = "—" if value in (None, "") else str(value)
    return shown


def given(typed: dict) -> dict:
    """The fields filled in: an empty date or choice is left out, so that the model says
    « à renseigner » (a None would read « date invalide »)."""
    return {field: value for field, value in typed.items() if value is not None}

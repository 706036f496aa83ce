"""Helpers for forms: French messages from pydantic validation errors."""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from db.validation import french_errors


def show_validation_errors(exc: ValidationError) -> None:
    for field, message in french_errors(exc).items():
        st.error(f"{field} : {message}" if field else message)


NONE_LABEL = "— aucun —"


def select_keeping(label: str, choices: dict, current, key: str, allow_none: bool = False):
    """A select that opens on the record's current value and saves exactly what is chosen.

    A current value missing from `choices` (a code no longer offered) is shown as it is,
    never replaced by the first choice; an empty one shows « — aucun — », and saving it
    then gets the form's own French message if the field is required.
    """
    options, labels = list(choices), dict(choices)
    if current is not None and current not in labels:
        options.append(current)
        labels[current] = f"{current} (n'est plus proposé)"
    if allow_none or current is None:
        options.insert(0, None)
        labels[None] = NONE_LABEL
    return st.selectbox(
        label, options, index=options.index(current), format_func=labels.get, key=key
    )

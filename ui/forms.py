"""Helpers for forms: French messages from pydantic validation errors."""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from db.validation import french_errors


def show_validation_errors(exc: ValidationError) -> None:
    for field, message in french_errors(exc).items():
        st.error(f"{field} : {message}" if field else message)

"""Property-based tests (hypothesis) of every input model: typed nonsense gets French
messages, or a save that reads back exactly as typed.

Each model gets random forms mixing plausible values with hostile ones: 10,000-character
strings, control characters, emoji, right-to-left text (Arabic, Hebrew, U+202E), SQL-looking
text, Markdown, dates of year 1 and 9999, negative and huge amounts, amounts typed the
French way. Either pydantic refuses, and every message (through db/validation.py, as the
forms show them) is French, or the model holds exactly what was typed (text trimmed of its
surrounding blanks, « 85,50 » as 85.50) and, saved through the real write function on a
real DuckDB file, every field reads back equal.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from db.french import fr_amount, fr_date, fr_datetime
from db.households import models as household_models
from db.validation import AMOUNT_EXAMPLE, french_errors
from tests.model_strategies import (
    MODELS,
    STRATEGIES,
    check_holds_as_typed,
    models_settings,
    validated,
)


def test_every_input_model_has_a_strategy():
    """A new model (or a renamed one) cannot be left out of the properties below."""
    assert len(MODELS) >= 30
    assert sorted(set(MODELS) - set(STRATEGIES)) == []
    assert sorted(set(STRATEGIES) - set(MODELS)) == []


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_a_model_refuses_in_french_or_holds_what_was_typed(name):
    @models_settings(40)
    @given(STRATEGIES[name])
    def check(pair):
        sent, expected = pair
        instance = validated(name, sent)
        if instance is not None:
            check_holds_as_typed(instance, sent, expected)

    check()


def test_amounts_typed_the_french_way_are_read_exactly():
    resource = household_models.ResourceIn
    for typed, value in [
        ("85,50", Decimal("85.50")),
        ("85.50", Decimal("85.50")),
        ("1 234,50", Decimal("1234.50")),
        ("1\u202f234,50", Decimal("1234.50")),
        ("1.234,50 €", Decimal("1234.50")),
        ("0,5", Decimal("0.5")),
    ]:
        held = resource(member_index=0, kind="salaire", monthly_amount=typed).monthly_amount
        assert held == value, typed
    with pytest.raises(ValidationError) as refused:
        resource(member_index=0, kind="salaire", monthly_amount="85,5,0")
    assert list(french_errors(refused.value).values()) == [AMOUNT_EXAMPLE]


# ------------------------------------------------------------------ French formats


@given(day=st.one_of(st.sampled_from([date(1, 1, 1), date(9999, 12, 31)]), st.dates()))
def test_a_date_of_any_year_reads_back_from_its_french_form(day):
    """01/01/0001, never « 01/01/1 »: year 1 or 9999 as typed in a contact's date."""
    shown = fr_date(day)
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", shown), shown
    assert datetime.strptime(shown, "%d/%m/%Y").date() == day
    moment = datetime.combine(day, time(9, 5))
    assert fr_datetime(moment) == f"{shown} à 09:05"


@given(cents=st.integers(min_value=-(10**15), max_value=10**15))
def test_an_amount_shown_the_french_way_reads_back_to_the_cent(cents):
    """fr_amount, then read as a French user types it (db/validation.py): the same."""
    value = Decimal(cents).scaleb(-2)
    shown = fr_amount(value)
    assert shown.endswith("\u202f€") and "." not in shown
    assert household_models.french_amount(shown) == value

"""The calendar rules of support work, at their boundaries (db/support/lifecycle.py)."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.errors import ValidationFailed
from db.support import lifecycle


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 3, 1), 18, date(2027, 9, 1)),
        (date(2026, 5, 31), 0, date(2026, 5, 31)),
    ],
)
def test_months_are_added_the_calendar_way(day, months, expected):
    assert lifecycle.add_months(day, months) == expected


def test_a_review_is_due_three_months_after_the_last_one_or_the_start():
    assert lifecycle.review_due_on(date(2026, 1, 10), None, 3) == date(2026, 4, 10)
    assert lifecycle.review_due_on(date(2026, 1, 10), date(2026, 5, 2), 3) == date(2026, 8, 2)


@pytest.mark.parametrize(
    ("end_on", "refused"),
    [(date(2027, 9, 1), False), (date(2027, 9, 2), True), (date(2026, 9, 1), False)],
)
def test_an_asll_runs_18_months_at_most(end_on, refused):
    """Started 01/03/2026, an ASLL may run to 01/09/2027 and not a day more."""
    check = lambda: lifecycle.check_within_maximum("ASLL", date(2026, 3, 1), end_on, 18)  # noqa: E731
    if refused:
        with pytest.raises(ValidationFailed) as refusal:
            check()
        assert "18 mois au plus" in str(refusal.value)
        assert "01/09/2027" in str(refusal.value) and "02/09/2027" in str(refusal.value)
    else:
        check()


def test_a_kind_without_maximum_refuses_no_end():
    lifecycle.check_within_maximum("MOUS relogement", date(2020, 1, 1), date(2030, 1, 1), None)


@pytest.mark.parametrize(
    ("day", "in_truce"),
    [
        (date(2026, 10, 31), False),
        (date(2026, 11, 1), True),
        (date(2026, 12, 31), True),
        (date(2027, 1, 1), True),
        (date(2027, 3, 31), True),
        (date(2027, 4, 1), False),
        (date(2027, 7, 14), False),
    ],
)
def test_the_winter_truce_runs_from_1_november_to_31_march(day, in_truce):
    assert lifecycle.in_winter_truce(day) is in_truce


@pytest.mark.parametrize(
    ("day", "refused"),
    [
        (date(2026, 10, 31), False),
        (date(2026, 11, 1), True),
        (date(2027, 3, 31), True),
        (date(2027, 4, 1), False),
    ],
)
def test_no_expulsion_is_recorded_in_the_truce(day, refused):
    stages = [("concours_accorde", date(2026, 10, 1))]
    if refused:
        with pytest.raises(ValidationFailed, match="trêve hivernale"):
            lifecycle.check_stage(stages, "expulsion", day)
    else:
        lifecycle.check_stage(stages, "expulsion", day)


def test_a_stage_comes_after_the_previous_one_in_order_and_in_time():
    stages = [("commandement_payer", date(2026, 3, 1)), ("assignation", date(2026, 6, 1))]
    with pytest.raises(ValidationFailed, match="ordre de la loi"):
        lifecycle.check_stage(stages, "signalement_ccapex", date(2026, 7, 1))
    with pytest.raises(ValidationFailed, match="avant la précédente"):
        lifecycle.check_stage(stages, "audience", date(2026, 5, 31))
    lifecycle.check_stage(stages, "audience", date(2026, 6, 1))  # same day: allowed
    lifecycle.check_stage(stages, "jugement", date(2026, 9, 1))  # a stage may be skipped


@pytest.mark.parametrize(
    ("stages", "expected"),
    [
        ([], ("commandement_payer", None)),
        ([("commandement_payer", date(2026, 1, 31))], ("signalement_ccapex", date(2026, 3, 31))),
        ([("assignation", date(2026, 5, 1))], ("audience", date(2026, 6, 12))),
        ([("audience", date(2026, 6, 12))], ("jugement", None)),
        ([("commandement_quitter", date(2026, 8, 20))], ("demande_concours", date(2026, 10, 20))),
        ([("demande_concours", date(2026, 9, 1))], ("concours_accorde", date(2026, 11, 1))),
        # Concours granted in the truce: the eviction is due on 1 April.
        ([("concours_accorde", date(2026, 11, 5))], ("expulsion", date(2027, 4, 1))),
        ([("concours_accorde", date(2026, 10, 31))], ("expulsion", date(2026, 10, 31))),
        ([("concours_accorde", date(2027, 3, 31))], ("expulsion", date(2027, 4, 1))),
        ([("expulsion", date(2027, 5, 2))], None),
    ],
)
def test_the_next_step_and_its_due_date(stages, expected):
    assert lifecycle.next_step(stages) == expected


@pytest.mark.parametrize(
    ("debt", "instalment", "months", "message"),
    [
        ("1000", "100", 10, None),  # exact
        ("1000", "85.50", 12, None),  # 1 026: over by less than one instalment
        ("1000", "85.50", 11, "il manque 59,50"),  # 940,50
        ("1000", "100", 11, "une mensualité de moins"),  # over by a whole instalment
    ],
)
def test_a_debt_plan_covers_its_debt_within_one_instalment(debt, instalment, months, message):
    check = lambda: lifecycle.check_debt_plan(Decimal(debt), Decimal(instalment), months)  # noqa: E731
    if message is None:
        check()
    else:
        with pytest.raises(ValidationFailed, match=message):
            check()


@given(
    debt=st.decimals(min_value=1, max_value=50_000, places=2),
    instalment=st.decimals(min_value=1, max_value=5_000, places=2),
)
def test_the_fewest_instalments_that_cover_the_debt_are_always_accepted(debt, instalment):
    months = math.ceil(debt / instalment)
    lifecycle.check_debt_plan(debt, instalment, months)
    if months > 1:
        with pytest.raises(ValidationFailed):
            lifecycle.check_debt_plan(debt, instalment, months - 1)

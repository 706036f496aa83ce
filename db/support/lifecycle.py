"""The calendar rules of support work: reviews, maximum durations, the eviction procedure's
next step and the winter truce, debt plans that cover their debt.

Pure functions of dates and amounts, so that each rule is tested at its boundaries. The
same rules, as SQL, give the « À traiter » list (queries/support/to_do.sql); the tests
hold the two to the same answers.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

from db import catalog
from db.errors import ValidationFailed
from db.french import fr_amount as euros
from db.french import fr_date as french_date

STAGES = list(catalog.EVICTION_STAGE)
# What the law leaves before the next step (not département rules): two months to pay
# after a commandement de payer or to leave after a commandement de quitter les lieux,
# two months for the prefect to answer a request for the police, six weeks at least
# between a summons and its hearing.
NEXT_STEP_DELAY = {
    "commandement_payer": ("months", 2),
    "assignation": ("days", 42),
    "commandement_quitter": ("months", 2),
    "demande_concours": ("months", 2),
}


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31/01 + 1 month: 28/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_due_on(start_on: date, last_review_on: date | None, every_months: int) -> date:
    """A review is due `every_months` after the last one, or after the start."""
    return add_months(last_review_on or start_on, every_months)


def latest_end_on(start_on: date, max_months: int | None) -> date | None:
    """The last day a measure of this kind may run to, renewals included."""
    return None if max_months is None else add_months(start_on, max_months)


def check_within_maximum(
    kind_label: str, start_on: date, end_on: date, max_months: int | None, field: str | None = None
) -> None:
    """Refuse a start or a renewal that would pass the kind's maximum duration."""
    latest = latest_end_on(start_on, max_months)
    if latest is not None and end_on > latest:
        raise ValidationFailed(
            f"Une mesure {kind_label} dure {max_months} mois au plus : commencée le "
            f"{french_date(start_on)}, elle finit au plus tard le {french_date(latest)}, "
            f"et la fin demandée est le {french_date(end_on)}.",
            field,
        )


def in_winter_truce(day: date) -> bool:
    """1 November to 31 March, both included: no eviction may be carried out."""
    return day.month >= 11 or day.month <= 3


def truce_end(day: date) -> date:
    """The first day after the truce that holds `day` (1 April)."""
    return date(day.year + (day.month >= 11), 4, 1)


def check_stage(stages: list[tuple[str, date]], stage: str, stage_on: date) -> None:
    """A new stage comes after those recorded, in the legal order and in time."""
    if stages:
        last, last_on = stages[-1]
        if STAGES.index(stage) <= STAGES.index(last):
            raise ValidationFailed(
                f"L'étape « {catalog.EVICTION_STAGE[stage]} » ne peut pas suivre "
                f"« {catalog.EVICTION_STAGE[last]} » : les étapes vont dans l'ordre de la loi.",
                "stage",
            )
        if stage_on < last_on:
            raise ValidationFailed(
                f"Cette étape ne peut pas être datée avant la précédente "
                f"(« {catalog.EVICTION_STAGE[last]} » du {french_date(last_on)}).",
                "stage_on",
            )
    check_no_eviction_in_truce(stage, stage_on)


def check_no_eviction_in_truce(stage: str | None, stage_on: date) -> None:
    """No eviction is carried out during the winter truce."""
    if stage == "expulsion" and in_winter_truce(stage_on):
        raise ValidationFailed(
            f"Aucune expulsion pendant la trêve hivernale (du 1er novembre au 31 mars) : "
            f"le {french_date(stage_on)} en fait partie.",
            "stage_on",
        )


def next_step(stages: list[tuple[str, date]]) -> tuple[str, date | None] | None:
    """The next expected stage and the day it is due (None: no legal delay), or None
    once the eviction took place. An eviction due in the truce is due on 1 April."""
    if not stages:
        return STAGES[0], None
    last, last_on = stages[-1]
    if last == STAGES[-1]:
        return None
    following = STAGES[STAGES.index(last) + 1]
    unit, amount = NEXT_STEP_DELAY.get(last, ("days", 0))
    due = add_months(last_on, amount) if unit == "months" else last_on + timedelta(amount)
    if last not in NEXT_STEP_DELAY and following != "expulsion":
        due = None
    if following == "expulsion" and due is not None and in_winter_truce(due):
        due = truce_end(due)
    return following, due


def check_debt_plan(total_debt: Decimal, instalment: Decimal, months: int) -> None:
    """The instalments cover the debt, and not by more than one instalment."""
    covered = instalment * months
    if covered < total_debt:
        raise ValidationFailed(
            f"{months} mensualités de {euros(instalment)} font {euros(covered)} : il manque "
            f"{euros(total_debt - covered)} pour couvrir la dette de {euros(total_debt)}."
        )
    if covered - total_debt >= instalment:
        raise ValidationFailed(
            f"{months} mensualités de {euros(instalment)} font {euros(covered)}, soit "
            f"{euros(covered - total_debt)} de plus que la dette de {euros(total_debt)} : "
            "une mensualité de moins suffit."
        )

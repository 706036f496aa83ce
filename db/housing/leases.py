"""The rules of a lease's dates, checked inside the write's transaction.

Dates are inclusive: a lease's end_on is the last day the household occupies the dwelling,
so a lease ending on D and another starting on D share a day and are refused, while the
next may start on D + 1. An open-ended lease (no end_on) overlaps every day from its
start. A dwelling's left_on is its last day in the stock. Only household leases must never
overlap; the association's main lease or mandate runs under them.
"""

from __future__ import annotations

from datetime import date

import queries
from db.errors import ValidationFailed
from db.french import fr_date


def span(start_on: date, end_on: date | None) -> str:
    if end_on is None:
        return f"depuis le {fr_date(start_on)}, sans fin"
    return f"du {fr_date(start_on)} au {fr_date(end_on)}"


def check_within_stock(dwelling: dict, start_on: date, end_on: date | None) -> None:
    """A lease's dates fall within the dwelling's time in the stock."""
    entered, left = dwelling["entered_on"], dwelling["left_on"]
    if start_on < entered:
        raise ValidationFailed(
            f"Le bail ne peut pas commencer avant l'entrée du logement dans le parc "
            f"({fr_date(entered)}).",
            "start_on",
        )
    if left is not None and (end_on is None or end_on > left):
        raise ValidationFailed(
            f"Le logement sort du parc le {fr_date(left)} : le bail doit se terminer "
            "au plus tard ce jour-là.",
            "end_on",
        )


def check_no_overlap(
    cur, dwelling_id: int, start_on: date, end_on: date | None, except_id: int | None = None
) -> None:
    """Two household leases of one dwelling never share a day; the refusal names the lease
    in the way, and stands beside the date that runs into it."""
    clashes = queries.fetch_rows(
        cur,
        "housing/overlapping_leases",
        dwelling_id=dwelling_id,
        start_on=start_on,
        end_on=end_on,
        except_id=except_id,
    )
    if not clashes:
        return
    other = clashes[0]
    field = "start_on" if other["start_on"] <= start_on else "end_on"
    raise ValidationFailed(
        f"Ce logement est déjà loué au ménage {other['file_number']} "
        f"{span(other['start_on'], other['end_on'])} (bail n° {other['id']}) : "
        "les deux baux se chevauchent. Un bail peut commencer le lendemain du dernier "
        "jour du précédent.",
        field,
    )


def check_leases_within(cur, dwelling_id: int, entered_on: date, left_on: date | None) -> None:
    """A dwelling's new time in the stock keeps every lease it already has."""
    for lease in queries.fetch_rows(cur, "housing/dwelling_leases", dwelling_id=dwelling_id):
        if lease["start_on"] < entered_on:
            raise ValidationFailed(
                f"Le bail n° {lease['id']} ({span(lease['start_on'], lease['end_on'])}) "
                "commence avant cette entrée dans le parc.",
                "entered_on",
            )
        if left_on is not None and (lease["end_on"] is None or lease["end_on"] > left_on):
            raise ValidationFailed(
                f"Le bail n° {lease['id']} ({span(lease['start_on'], lease['end_on'])}) "
                "se poursuit après cette sortie du parc.",
                "left_on",
            )


def check_one_lease_at_a_time(cur, household_id: int, start_on: date, end_on: date | None) -> None:
    """A household holds one lease at a time, whatever the dwelling."""
    clashes = queries.fetch_rows(
        cur,
        "housing/household_lease_clash",
        household_id=household_id,
        start_on=start_on,
        end_on=end_on,
    )
    if clashes:
        other = clashes[0]
        raise ValidationFailed(
            f"Ce ménage est déjà logé au {other['address']}, {other['commune']} "
            f"{span(other['start_on'], other['end_on'])} (bail n° {other['id']}) : "
            "un ménage n'a qu'un bail à la fois.",
            "household_id",
        )

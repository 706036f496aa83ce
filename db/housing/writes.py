"""Writes of the housing stock: owners, dwellings, leases (signed, ended, slid).

Each goes through run_mutation (via housing_mutation): the housing edit rule, the current
record at the version the form showed, the change and its audit rows in one transaction.
The dates of leases follow db/housing/leases.py (end_on is the last day occupied).
"""

from __future__ import annotations

from datetime import timedelta

import queries
from db.errors import ValidationFailed
from db.french import fr_date
from db.housing.leases import (
    check_leases_within,
    check_no_overlap,
    check_one_lease_at_a_time,
    check_within_stock,
)
from db.housing.models import DwellingIn, LeaseEndIn, LeaseIn, OwnerIn, SlideIn
from db.housing.records import DWELLING, LEASE, OWNER, housing_mutation, still_open
from db.mutation import Outcome
from db.records import create, edit, load, load_current
from db.rules import Actor

# Owners -------------------------------------------------------------------------------


def add_owner(database, actor: Actor, owner: OwnerIn) -> dict:
    def change(cur) -> Outcome:
        row, done = create(cur, actor, OWNER, owner.model_dump())
        return Outcome([done], value=row)

    return housing_mutation(database, actor, "create", change).value


def update_owner(database, actor: Actor, owner_id: int, version: int, owner: OwnerIn) -> dict:
    def change(cur) -> Outcome:
        current = load_current(cur, OWNER, version, record_id=owner_id)
        after, done = edit(cur, actor, OWNER, current, owner.model_dump())
        return Outcome([done] if done else [], value=after)

    return housing_mutation(database, actor, "update", change).value


# Dwellings ----------------------------------------------------------------------------


def require_owner(cur, owner_id: int | None) -> dict:
    if owner_id is None:
        raise ValidationFailed("Choisissez le propriétaire du logement.", "owner_id")
    return load(cur, OWNER, record_id=owner_id)


def add_dwelling(database, actor: Actor, dwelling: DwellingIn) -> dict:
    def change(cur) -> Outcome:
        require_owner(cur, dwelling.owner_id)
        row, done = create(cur, actor, DWELLING, dwelling.model_dump())
        return Outcome([done], value=row)

    return housing_mutation(database, actor, "create", change).value


def update_dwelling(database, actor, dwelling_id: int, version: int, dwelling: DwellingIn):
    """A dwelling's new details; its time in the stock keeps the leases it has."""

    def change(cur) -> Outcome:
        current = load_current(cur, DWELLING, version, record_id=dwelling_id)
        require_owner(cur, dwelling.owner_id)
        check_leases_within(cur, dwelling_id, dwelling.entered_on, dwelling.left_on)
        after, done = edit(cur, actor, DWELLING, current, dwelling.model_dump())
        return Outcome([done] if done else [], value=after)

    return housing_mutation(database, actor, "update", change).value


# Leases -------------------------------------------------------------------------------


def sign_lease(database, actor: Actor, dwelling_id: int, lease: LeaseIn) -> dict:
    """A new lease of the dwelling: within its time in the stock and, for a household's,
    sharing no day with another household lease, nor with another lease of the household."""

    def change(cur) -> Outcome:
        dwelling = load(cur, DWELLING, record_id=dwelling_id)
        check_within_stock(dwelling, lease.start_on, lease.end_on)
        if lease.household_id is not None:
            household = queries.fetch_row(cur, "households/header", household_id=lease.household_id)
            if household is None:
                raise ValidationFailed("Ce ménage n'existe pas : choisissez-le.", "household_id")
            check_no_overlap(cur, dwelling_id, lease.start_on, lease.end_on)
            check_one_lease_at_a_time(cur, lease.household_id, lease.start_on, lease.end_on)
        values = {"dwelling_id": dwelling_id, **lease.model_dump()}
        row, done = create(cur, actor, LEASE, values)
        return Outcome([done], value=row, household_id=lease.household_id)

    return housing_mutation(database, actor, "create", change).value


def open_lease(cur, lease_id: int, version: int) -> dict:
    refusal = "Ce bail a pris fin le {day} : il ne change plus."
    return still_open(cur, LEASE, lease_id, version, "end_on", refusal)


def end_lease(database, actor: Actor, lease_id: int, version: int, end: LeaseEndIn) -> dict:
    """The last day the household occupies the dwelling, and why the lease ends."""

    def change(cur) -> Outcome:
        current = open_lease(cur, lease_id, version)
        if end.end_on < current["start_on"]:
            raise ValidationFailed(
                f"La fin ne peut pas précéder le début du bail ({fr_date(current['start_on'])}).",
                "end_on",
            )
        dwelling = load(cur, DWELLING, record_id=current["dwelling_id"])
        check_within_stock(dwelling, current["start_on"], end.end_on)
        after, done = edit(cur, actor, LEASE, current, end.model_dump(), "end")
        return Outcome([done], value=after, household_id=current["household_id"])

    return housing_mutation(database, actor, "end", change).value


def record_slide(database, actor: Actor, lease_id: int, version: int, slide: SlideIn) -> dict:
    """A bail glissant slides: from `slid_on` the household is the direct tenant, so the
    association's sublease ends the day before (reason « glissement »)."""

    def change(cur) -> Outcome:
        current = open_lease(cur, lease_id, version)
        if current["kind"] != "bail_glissant":
            raise ValidationFailed("Seul un bail glissant peut glisser au ménage.", "slid_on")
        if slide.slid_on <= current["start_on"]:
            raise ValidationFailed(
                f"Le glissement vient après le début du bail ({fr_date(current['start_on'])}).",
                "slid_on",
            )
        dwelling = load(cur, DWELLING, record_id=current["dwelling_id"])
        check_within_stock(dwelling, current["start_on"], slide.slid_on - timedelta(days=1))
        changes = {
            "slid_on": slide.slid_on,
            "end_on": slide.slid_on - timedelta(days=1),
            "end_reason": "glissement",
        }
        after, done = edit(cur, actor, LEASE, current, changes)
        return Outcome([done], value=after, household_id=current["household_id"])

    return housing_mutation(database, actor, "update", change).value

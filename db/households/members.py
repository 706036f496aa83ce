"""Members and resources of an existing household, edited from its file.

Each member and each resource carries its own version: correcting one member does not
make a colleague's open form for another member, a resource or the general information
stale; two people editing the same member still cannot save over each other.
A resource is ended (dated), not deleted, so that past resources stay answerable.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import queries
from db import clock
from db.errors import ValidationFailed
from db.households.models import MemberIn, ResourceIn
from db.households.records import PERSON, RESOURCE
from db.households.search import refresh_search_keys
from db.households.writes import head_name, household_mutation, insert_member, insert_resource
from db.mutation import Changed, Outcome
from db.records import load, load_current, update
from db.rules import Actor, can_edit_household


def load_person(cur, household_id: int, person_id: int) -> dict:
    return load(cur, PERSON, household_id=household_id, person_id=person_id)


def add_member(
    database, actor: Actor, household_id: int, member: MemberIn, joined_on: date | None = None
) -> dict:
    """A member who joins the household on `joined_on` (today by default)."""
    day = joined_on or clock.today()

    def change(cur, _household) -> Outcome:
        if member.role == "chef_menage":
            raise ValidationFailed("Le ménage a déjà un·e chef·fe de ménage.")
        person = insert_member(cur, actor, household_id, member, day)
        refresh_search_keys(cur, household_id)
        return Outcome([Changed("person", person["id"], None, person)], value=person)

    return household_mutation(database, actor, household_id, "create", can_edit_household, change)


def update_member(
    database, actor: Actor, household_id: int, person_id: int, version: int, member: MemberIn
) -> dict:
    """Correct a member's details; the head's name follows in the household's header."""

    def change(cur, _household) -> Outcome:
        person = load_current(cur, PERSON, version, household_id=household_id, person_id=person_id)
        if (person["role"] == "chef_menage") != (member.role == "chef_menage"):
            raise ValidationFailed("La place de chef·fe de ménage ne se change pas ici.")
        after = update(cur, actor, PERSON, person, member.model_dump())
        if member.role == "chef_menage":
            # A copy kept for the list: it follows the head without touching the file's
            # version, so nobody's open general-information form goes stale.
            cur.execute(
                "UPDATE household SET head_name = $name WHERE id = $id",
                {"name": head_name(member), "id": household_id},
            )
        refresh_search_keys(cur, household_id)
        return Outcome([Changed("person", person_id, person, after, "update")], value=after)

    return household_mutation(database, actor, household_id, "update", can_edit_household, change)


def _ended(cur, actor: Actor, kind, current: dict, changes: dict) -> Changed:
    """A member or a resource dated as ended: kept, so that past days stay answerable."""
    after = update(cur, actor, kind, current, changes)
    return Changed(kind.table, current["id"], current, after, "end")


def remove_member(database, actor: Actor, household_id: int, person_id: int, version: int) -> None:
    """A member who left: from today they are no longer one (kept, dated, so that the
    persons of the household are counted on past days), and their resources end today."""

    def change(cur, _household) -> Outcome:
        person = load_current(cur, PERSON, version, household_id=household_id, person_id=person_id)
        if person["role"] == "chef_menage":
            raise ValidationFailed("Le ou la chef·fe de ménage ne peut pas être retiré·e.")
        today = clock.today()
        current = queries.fetch_rows(
            cur, "households/person_resources", person_id=person_id, day=today
        )
        ends = {"valid_until": today}
        changes = [_ended(cur, actor, RESOURCE, resource, ends) for resource in current]
        return Outcome(changes + [_ended(cur, actor, PERSON, person, {"left_on": today})])

    household_mutation(database, actor, household_id, "end", can_edit_household, change)


def add_resource(
    database,
    actor: Actor,
    household_id: int,
    person_id: int,
    kind: str,
    monthly_amount: Decimal,
    valid_from: date | None = None,
) -> dict:
    checked = ResourceIn(
        member_index=0, kind=kind, monthly_amount=monthly_amount, valid_from=valid_from
    )
    start = checked.valid_from or clock.today()

    def change(cur, _household) -> Outcome:
        load_person(cur, household_id, person_id)
        row = insert_resource(
            cur, actor, household_id, person_id, checked.kind, checked.monthly_amount, start
        )
        return Outcome([Changed("resource", row["id"], None, row)], value=row)

    return household_mutation(database, actor, household_id, "create", can_edit_household, change)


def end_resource(
    database,
    actor: Actor,
    household_id: int,
    resource_id: int,
    version: int,
    until: date | None = None,
) -> None:
    """The resource is no longer received from `until` (today by default)."""
    end = until or clock.today()

    def change(cur, _household) -> Outcome:
        resource = load_current(
            cur, RESOURCE, version, household_id=household_id, resource_id=resource_id
        )
        if resource["valid_until"] is not None:
            raise ValidationFailed("Cette ressource a déjà pris fin.")
        if resource["valid_from"] is not None and end < resource["valid_from"]:
            raise ValidationFailed("La fin d'une ressource ne peut pas précéder son début.")
        return Outcome([_ended(cur, actor, RESOURCE, resource, {"valid_until": end})])

    household_mutation(database, actor, household_id, "end", can_edit_household, change)

"""Members and resources of an existing household, edited from its file.

Every change bumps the household's version: two people editing the same file at once
cannot both save over each other.
"""

from __future__ import annotations

from decimal import Decimal

from db.errors import NotFoundError, ValidationFailed
from db.households.models import MemberIn, ResourceIn
from db.households.search import refresh_search_keys
from db.households.writes import (
    household_mutation,
    insert_member,
    insert_resource,
    update_household_row,
)
from db.mutation import Changed, Outcome
from db.rules import Actor, can_edit_household

PERSON_COLUMNS = ("id", "household_id", "role", "last_name", "first_name", "birth_date", "sex")
RESOURCE_COLUMNS = ("id", "household_id", "person_id", "kind", "monthly_amount")


def _row(cur, sql: str, columns: tuple, key) -> dict | None:
    found = cur.execute(sql, [key]).fetchone()
    return None if found is None else dict(zip(columns, found, strict=True))


def _load_person(cur, household_id: int, person_id: int) -> dict:
    person = _row(
        cur,
        "SELECT " + ", ".join(PERSON_COLUMNS) + " FROM person WHERE id = ?",
        PERSON_COLUMNS,
        person_id,
    )
    if person is None or person["household_id"] != household_id:
        raise NotFoundError("Ce membre n'appartient pas à ce ménage.")
    return person


def _touch(cur, actor, household: dict) -> Changed:
    """The household's version moves with its members (optimistic locking of the file)."""
    after = update_household_row(cur, actor, household, {})
    return Changed("household", household["id"], household, after)


def add_member(database, actor: Actor, household_id: int, version: int, member: MemberIn) -> dict:
    def change(cur, household) -> Outcome:
        if member.role == "chef_menage":
            raise ValidationFailed("Le ménage a déjà un·e chef·fe de ménage.")
        person = insert_member(cur, household_id, member)
        refresh_search_keys(cur, household_id)
        return Outcome(
            [Changed("person", person["id"], None, person), _touch(cur, actor, household)],
            value=person,
        )

    return household_mutation(
        database, actor, household_id, "create", can_edit_household, change, version
    )


def update_member(
    database, actor: Actor, household_id: int, version: int, person_id: int, member: MemberIn
) -> dict:
    """Correct a member's details; the head's name follows in the household's header."""

    def change(cur, household) -> Outcome:
        person = _load_person(cur, household_id, person_id)
        if (person["role"] == "chef_menage") != (member.role == "chef_menage"):
            raise ValidationFailed("La place de chef·fe de ménage ne se change pas ici.")
        after = {**person, **member.model_dump()}
        cur.execute(
            "UPDATE person SET role = $role, last_name = $last_name, first_name = $first_name,"
            " birth_date = $birth_date, sex = $sex WHERE id = $id",
            {**member.model_dump(), "id": person_id},
        )
        head = {}
        if member.role == "chef_menage":
            head = {"head_name": f"{member.last_name.upper()} {member.first_name}"}
        household_after = update_household_row(cur, actor, household, head)
        refresh_search_keys(cur, household_id)
        return Outcome(
            [
                Changed("person", person_id, person, after, "update"),
                Changed("household", household_id, household, household_after),
            ],
            value=after,
        )

    return household_mutation(
        database, actor, household_id, "update", can_edit_household, change, version
    )


def remove_member(database, actor: Actor, household_id: int, version: int, person_id: int) -> None:
    def change(cur, household) -> Outcome:
        person = _load_person(cur, household_id, person_id)
        if person["role"] == "chef_menage":
            raise ValidationFailed("Le ou la chef·fe de ménage ne peut pas être retiré·e.")
        changes = []
        for resource in _resources_of(cur, person_id):
            changes.append(Changed("resource", resource["id"], resource, None, "delete"))
        cur.execute("DELETE FROM resource WHERE person_id = ?", [person_id])
        cur.execute("DELETE FROM person WHERE id = ?", [person_id])
        refresh_search_keys(cur, household_id)
        changes += [
            Changed("person", person_id, person, None, "delete"),
            _touch(cur, actor, household),
        ]
        return Outcome(changes)

    household_mutation(database, actor, household_id, "delete", can_edit_household, change, version)


def _resources_of(cur, person_id: int) -> list[dict]:
    sql = "SELECT " + ", ".join(RESOURCE_COLUMNS) + " FROM resource WHERE person_id = ?"
    return [
        dict(zip(RESOURCE_COLUMNS, r, strict=True))
        for r in cur.execute(sql, [person_id]).fetchall()
    ]


def add_resource(
    database,
    actor: Actor,
    household_id: int,
    version: int,
    person_id: int,
    kind: str,
    monthly_amount: Decimal,
) -> dict:
    checked = ResourceIn(member_index=0, kind=kind, monthly_amount=monthly_amount)

    def change(cur, household) -> Outcome:
        _load_person(cur, household_id, person_id)
        row = insert_resource(cur, household_id, person_id, checked.kind, checked.monthly_amount)
        return Outcome(
            [Changed("resource", row["id"], None, row), _touch(cur, actor, household)], value=row
        )

    return household_mutation(
        database, actor, household_id, "create", can_edit_household, change, version
    )


def remove_resource(
    database, actor: Actor, household_id: int, version: int, resource_id: int
) -> None:
    def change(cur, household) -> Outcome:
        sql = "SELECT " + ", ".join(RESOURCE_COLUMNS) + " FROM resource WHERE id = ?"
        resource = _row(cur, sql, RESOURCE_COLUMNS, resource_id)
        if resource is None or resource["household_id"] != household_id:
            raise NotFoundError("Cette ressource n'existe pas dans ce ménage.")
        cur.execute("DELETE FROM resource WHERE id = ?", [resource_id])
        return Outcome(
            [
                Changed("resource", resource_id, resource, None, "delete"),
                _touch(cur, actor, household),
            ]
        )

    household_mutation(database, actor, household_id, "delete", can_edit_household, change, version)

"""The private-note rule lives in rules.can_read_private_note; queries/households/contacts.sql
filters by it too, so that a note never leaves the base for anyone else. Both must agree for
every role, every author and every viewer."""

from __future__ import annotations

import pytest

import queries
from db import clock, rules
from db.demo import generate as demo
from db.households import writes
from db.households.models import ContactIn, IntakeIn
from db.rules import Actor
from tests.conftest import actor_of, intake_fields


@pytest.fixture
def household(database) -> int:
    """A file followed by « social », with a private note by « admin » and one by « social »,
    and a contact without note."""
    demo.create_demo_database(database, households=8, seed=7)
    admin, social = actor_of(database, "admin"), actor_of(database, "social")
    hid = writes.create_intake(
        database, admin, IntakeIn(**intake_fields("Note", "Privée", referent="social"))
    )["id"]
    for author, note in ((admin, "note de l'admin"), (social, "note du référent"), (social, None)):
        contact = ContactIn(
            contact_on=clock.today(), channel="telephone", summary="Appel", private_note=note
        )
        writes.add_contact(database, author, hid, contact)
    return hid


@pytest.mark.parametrize("role", rules.ROLES)
def test_the_query_and_the_rule_agree(database, household, role):
    stored = (
        database.cursor()
        .execute(
            "SELECT id, author, private_note IS NOT NULL FROM contact WHERE household_id = $id",
            {"id": household},
        )
        .fetchall()
    )
    with_note = {row_id: noted for row_id, _author, noted in stored}
    authors = {author for _id, author, _noted in stored}
    shown = {True: 0, False: 0}
    for username in sorted(authors | {"quelqu_un"}):
        viewer = Actor(username, username, frozenset({role}))
        found = queries.run(
            database,
            "households/contacts",
            household_id=household,
            viewer=username,
            limit=None,
            offset=0,
        )
        for row in found.iter_rows(named=True):
            may_read = rules.can_read_private_note(viewer, row)
            if with_note[row["id"]]:
                assert (row["private_note"] is not None) is may_read, (username, row["author"])
                shown[may_read] += 1
            else:
                assert row["private_note"] is None
    assert shown[True] >= 2 and shown[False] >= 2, "the combinations tried prove nothing"

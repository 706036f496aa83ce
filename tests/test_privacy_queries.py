"""The reads of db/privacy (queries/privacy) on a real file: what erasure, anonymisation,
the holds and the right of access load, and that nothing of another household comes in."""

from __future__ import annotations

import queries
from db import clock
from db.households import members, writes
from db.households.models import CloseIn, ContactIn, IntakeIn, MemberIn
from db.privacy import holds
from db.rules import Actor
from tests.conftest import intake_fields

ADMIN = Actor.system("test-admin")


def closed_household(database) -> int:
    """A closed household of two persons, with a contact: rows in several tables and in
    the audit log about the household, its members and its contacts."""
    hid = another_household(database, "Fermé")
    members.add_member(
        database, ADMIN, hid, MemberIn(role="enfant", last_name="Fermé", first_name="Léa")
    )
    contact = ContactIn(contact_on=clock.today(), channel="telephone", summary="Appel")
    writes.add_contact(database, ADMIN, hid, contact)
    version = queries.run_one(database, "households/header", household_id=hid)["version"]
    closing = CloseIn(reason="reloge", closed_on=clock.today())
    writes.close_household(database, ADMIN, hid, version, closing)
    return hid


def another_household(database, name: str = "Autre") -> int:
    return writes.create_intake(database, ADMIN, IntakeIn(**intake_fields(name, "Jean")))["id"]


def test_status_and_hold_of_a_closed_file(database):
    hid = closed_household(database)
    row = queries.run_one(database, "privacy/status_and_hold", household_id=hid)
    assert row == {"status": "clos", "reason": None, "held_at": None, "held_by": None}
    holds.hold_file(database, ADMIN, hid, "Contentieux en cours")
    row = queries.run_one(database, "privacy/status_and_hold", household_id=hid)
    assert (row["reason"], row["held_by"]) == ("Contentieux en cours", ADMIN.username)
    assert row["held_at"] is not None
    assert queries.run_one(database, "privacy/status_and_hold", household_id=hid + 99) is None


def test_open_among_counts_the_files_not_closed(database):
    closed, still_open = closed_household(database), another_household(database)

    def total(ids):
        return queries.run_one(database, "privacy/open_among", ids=ids)["total"]

    assert (total([closed]), total([closed, still_open]), total([])) == (0, 1, 0)


def test_audit_rows_of_a_household_its_members_and_contacts_in_order(database):
    hid, other = closed_household(database), another_household(database)
    rows = queries.run(database, "privacy/audit_rows", ids=[hid])
    assert {"household", "person", "contact"} <= set(rows["entity"])
    order = list(zip(rows["occurred_at"], rows["id"], strict=True))
    assert order == sorted(order)
    theirs = queries.run(database, "privacy/audit_rows", ids=[other])
    assert theirs.height > 0 and not set(rows["id"]) & set(theirs["id"])


def test_household_row_and_table_rows_hold_only_this_household(database):
    hid, other = closed_household(database), another_household(database)
    household = queries.run(database, "privacy/household_row", household_id=hid)
    assert household["id"].to_list() == [hid] and "phone" in household.columns
    persons = queries.run(database, "privacy/table_rows", table="person", household_id=hid)
    assert persons.height == 2 and set(persons["household_id"]) == {hid}
    assert persons["id"].to_list() == sorted(persons["id"])
    with database.reading() as cur:
        theirs = queries.fetch_rows(cur, "privacy/table_rows", table="person", household_id=other)
    assert [row["household_id"] for row in theirs] == [other]

"""A closed household whose names, phone and e-mail are written everywhere a file keeps
them, for the anonymisation and erasure tests (tests/test_privacy_*.py)."""

from __future__ import annotations

from datetime import date

import queries
from db import clock
from db.households import members, writes
from db.households.models import CloseIn, ContactIn, HouseholdEdit, IntakeIn, MemberIn
from db.rules import Actor
from tests.conftest import intake_fields

FAR = date(2060, 1, 1)
ADMIN = Actor.system("test-admin")
NAMES = ("Quiquempoix", "Zébulonne", "Théophraste")
PHONE, NEW_PHONE, EMAIL = "06 11 22 33 44", "07 98 76 54 32", "zebulonne.q@exemple.fr"


def named_household(database) -> int:
    """A closed household with distinctive names everywhere: intake, note, edit (phone
    and address in the audit diffs), a member added then renamed, a private note."""
    fields = intake_fields(NAMES[0], NAMES[1], phone=PHONE, email=EMAIL, referent="social")
    fields |= {"address": "12 impasse Quiquempoix", "consent_on": clock.today()}
    fields["first_note"] = f"Premier entretien avec Mme {NAMES[1]} {NAMES[0]}."
    created = writes.create_intake(database, ADMIN, IntakeIn(**fields))
    hid = created["id"]
    edit = HouseholdEdit(**{**fields, "phone": NEW_PHONE, "address": "3 rue Théophraste"})
    writes.update_household(database, ADMIN, hid, 1, edit)
    child = MemberIn(
        role="enfant", last_name=NAMES[0], first_name="Léon", birth_date=date(2015, 8, 9)
    )
    person = members.add_member(database, ADMIN, hid, child)
    renamed = MemberIn(
        role="enfant", last_name=NAMES[0], first_name=NAMES[2], birth_date=date(2015, 8, 9)
    )
    members.update_member(database, ADMIN, hid, person["id"], 1, renamed)
    note = ContactIn(
        contact_on=clock.today(),
        channel="telephone",
        summary=f"Appel de {NAMES[2]}",
        private_note=f"{NAMES[0]} inquiète pour {NAMES[2]}",
    )
    writes.add_contact(database, ADMIN, hid, note)
    version = queries.run_one(database, "households/header", household_id=hid)["version"]
    writes.close_household(
        database, ADMIN, hid, version, CloseIn(reason="reloge", closed_on=clock.today())
    )
    return hid

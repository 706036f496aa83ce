"""Concurrent saves through the same functions as the forms: none refused by the engine,
none lost, one audit row each; a stale edit of one record is still refused."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from db.errors import StaleRecordError
from db.households import writes as households
from db.households.models import ContactIn, HouseholdEdit, IntakeIn
from tests.conftest import actor_of, intake_fields

WRITERS, EACH = 20, 25
JOIN_SECONDS = 120


def intake(writer: int, number: int) -> IntakeIn:
    return IntakeIn.model_validate(
        intake_fields(
            f"Écrivain{writer}",
            f"N{number}",
            resources=[{"member_index": 0, "kind": "rsa", "monthly_amount": "607,75"}],
            first_note="Premier accueil.",
            consent_on=date.today(),
        )
    )


def run_all(work, count: int) -> list[Exception]:
    """`work(i)` in `count` threads at once; every thread must end within the bound."""
    errors: list[Exception] = []
    start = threading.Barrier(count)

    def body(i: int) -> None:
        start.wait(timeout=30)
        try:
            work(i)
        except Exception as exc:  # noqa: BLE001 - collected and asserted by the caller
            errors.append(exc)

    threads = [threading.Thread(target=body, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a writer hung"
    return errors


def count(database, sql: str, **params) -> int:
    with database.reading() as cur:
        return cur.execute(sql, params).fetchone()[0]


def audit_rows(database, action: str, entity: str) -> int:
    return count(
        database,
        "SELECT count(*) FROM audit_log WHERE action = $action AND entity = $entity",
        action=action,
        entity=entity,
    )


def read_household(database, household_id: int) -> dict:
    with database.reading() as cur:
        return households.load_household(cur, household_id)


@pytest.mark.timeout(300)
def test_twenty_writers_saving_intakes_none_refused_none_lost(demo_database, admin):
    households_before = count(demo_database, "SELECT count(*) FROM household")
    audit_before = count(demo_database, "SELECT count(*) FROM audit_log WHERE action = 'create'")
    household_audit_before = audit_rows(demo_database, "create", "household")
    acknowledged: list[str] = []

    def writer(i: int) -> None:
        for number in range(EACH):
            created = households.create_intake(demo_database, admin, intake(i, number))
            acknowledged.append(created["file_number"])

    assert run_all(writer, WRITERS) == []
    total = WRITERS * EACH
    assert len(acknowledged) == total and len(set(acknowledged)) == total
    assert count(demo_database, "SELECT count(*) FROM household") == households_before + total
    # One audit row per created record: household, head, resource, first contact.
    created_rows = (
        count(demo_database, "SELECT count(*) FROM audit_log WHERE action = 'create'")
        - audit_before
    )
    assert created_rows == total * 4
    # Exactly one 'create' row per household: a retried attempt left none behind.
    assert audit_rows(demo_database, "create", "household") - household_audit_before == total
    audited = count(
        demo_database,
        "SELECT count(DISTINCT a.entity_id) FROM audit_log a JOIN household h"
        " ON a.entity = 'household' AND a.action = 'create' AND a.entity_id = h.id::VARCHAR"
        " WHERE h.file_number IN (SELECT unnest($numbers))",
        numbers=acknowledged,
    )
    assert audited == total
    saved = count(
        demo_database,
        "SELECT count(DISTINCT file_number) FROM household WHERE head_name LIKE 'ÉCRIVAIN%'",
    )
    assert saved == total


@pytest.mark.timeout(300)
def test_twenty_people_editing_different_files_and_adding_contacts_all_succeed(demo_database):
    social = actor_of(demo_database, "social")
    with demo_database.reading() as cur:
        ids = [
            r[0]
            for r in cur.execute(
                "SELECT id FROM household WHERE referent = 'social' ORDER BY id LIMIT 20"
            ).fetchall()
        ]
    assert len(ids) == 20

    def edit(i: int) -> None:
        current = read_household(demo_database, ids[i])
        fields = {k: current[k] for k in HouseholdEdit.model_fields}
        edit = HouseholdEdit.model_validate({**fields, "commune": f"Commune {i}"})
        households.update_household(demo_database, social, ids[i], current["version"], edit)
        note = ContactIn(contact_on=date.today(), channel="telephone", summary=f"Appel {i}")
        households.add_contact(demo_database, social, ids[i], note)

    assert run_all(edit, len(ids)) == []
    for i, household_id in enumerate(ids):
        assert read_household(demo_database, household_id)["commune"] == f"Commune {i}"


def test_two_saves_of_the_same_file_from_one_version_the_second_is_refused(demo_database):
    social = actor_of(demo_database, "social")
    with demo_database.reading() as cur:
        hid = cur.execute("SELECT min(id) FROM household WHERE referent = 'social'").fetchone()[0]
    current = read_household(demo_database, hid)
    updates_before = audit_rows(demo_database, "update", "household")
    fields = {k: current[k] for k in HouseholdEdit.model_fields}

    def save(i: int) -> None:
        edit = HouseholdEdit.model_validate({**fields, "commune": f"Ville {i}"})
        households.update_household(demo_database, social, hid, current["version"], edit)

    errors = run_all(save, 2)
    assert len(errors) == 1 and isinstance(errors[0], StaleRecordError)
    # The user's conflict, said in French, with who saved first; the engine refused nothing.
    assert "a enregistré une modification le" in str(errors[0])
    assert read_household(demo_database, hid)["version"] == current["version"] + 1
    assert audit_rows(demo_database, "update", "household") == updates_before + 1

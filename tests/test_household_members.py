"""Members and resources edited from a household's file: audited, versioned, guarded."""

import json
from datetime import date, datetime
from decimal import Decimal

import pytest

import queries
from db.errors import NotFoundError, PermissionDeniedError, StaleRecordError, ValidationFailed
from db.households import members as household_members
from db.households import writes as households
from db.households.models import ContactIn, IntakeIn, MemberIn
from tests.conftest import actor_of, head_of, intake_fields, open_page


def a_file(database):
    return (
        database.cursor()
        .execute(
            "SELECT id, version FROM household WHERE referent = 'social' AND status = 'actif'"
            " ORDER BY id LIMIT 1"
        )
        .fetchone()
    )


def audit(database, household_id):
    return (
        database.cursor()
        .execute(
            "SELECT action, entity, diff FROM audit_log WHERE household_id = ? ORDER BY id",
            [household_id],
        )
        .fetchall()
    )


def baby():
    return MemberIn(
        role="enfant", last_name="Petit", first_name="Noé", birth_date=date(2026, 1, 3), sex="M"
    )


def person_version(database, person_id):
    return (
        database.cursor()
        .execute("SELECT version FROM person WHERE id = $id", {"id": person_id})
        .fetchone()[0]
    )


def test_add_member_is_searchable_audited_and_leaves_the_file_version(demo_database):
    hid, version = a_file(demo_database)
    social = actor_of(demo_database, "social")
    household_members.add_member(demo_database, social, hid, baby())
    key, file_version = (
        demo_database.cursor()
        .execute("SELECT search_key, version FROM household WHERE id = ?", [hid])
        .fetchone()
    )
    assert "petit noe" in key and file_version == version
    action, entity, diff = audit(demo_database, hid)[-1]
    assert (action, entity) == ("create", "person")
    assert json.loads(diff)["first_name"] == [None, "Noé"]


def test_remove_member_ends_their_resources_and_logs_both(demo_database):
    hid, _version = a_file(demo_database)
    social = actor_of(demo_database, "social")
    person = household_members.add_member(demo_database, social, hid, baby())
    household_members.add_resource(demo_database, social, hid, person["id"], "aah", Decimal("500"))
    household_members.remove_member(demo_database, social, hid, person["id"], 1)
    ended = (
        demo_database.cursor()
        .execute("SELECT valid_until FROM resource WHERE person_id = ?", [person["id"]])
        .fetchall()
    )
    assert ended == [(date.today(),)]  # kept, dated: last year's resources stay answerable
    assert [(a, e) for a, e, _d in audit(demo_database, hid)[-2:]] == [
        ("end", "resource"),
        ("end", "person"),
    ]


def test_a_member_who_leaves_is_kept_dated_and_no_longer_listed(demo_database):
    """The persons of a household are counted on past days: a member who left stays, with
    the day they joined and the first day they were no longer one."""
    hid, _version = a_file(demo_database)
    social = actor_of(demo_database, "social")
    person = household_members.add_member(
        demo_database, social, hid, baby(), joined_on=date(2026, 1, 3)
    )
    household_members.remove_member(demo_database, social, hid, person["id"], 1)
    dates = (
        demo_database.cursor()
        .execute("SELECT joined_on, left_on FROM person WHERE id = ?", [person["id"]])
        .fetchone()
    )
    assert dates == (date(2026, 1, 3), date.today())
    listed = queries.run(demo_database, "households/members", household_id=hid)
    assert person["id"] not in listed["id"].to_list()
    with pytest.raises(NotFoundError):  # nobody edits or removes a member who left
        household_members.remove_member(demo_database, social, hid, person["id"], 2)


def test_two_people_editing_the_same_member_the_second_is_refused(demo_database):
    hid, _version = a_file(demo_database)
    social = actor_of(demo_database, "social")
    person = household_members.add_member(demo_database, social, hid, baby())
    first = baby().model_copy(update={"first_name": "Léo"})
    household_members.update_member(demo_database, social, hid, person["id"], 1, first)
    second = baby().model_copy(update={"first_name": "Lou"})
    with pytest.raises(StaleRecordError, match="Samia Social"):
        household_members.update_member(demo_database, social, hid, person["id"], 1, second)
    with pytest.raises(StaleRecordError):
        household_members.remove_member(demo_database, social, hid, person["id"], 1)
    assert person_version(demo_database, person["id"]) == 2


def test_a_colleagues_contact_or_resource_leaves_my_forms_valid(demo_database, admin):
    """Each record has its own version: a contact, a resource or a member added by someone
    else does not make the general-information form or another member's form stale."""
    from db.households.models import HouseholdEdit

    hid, version = a_file(demo_database)
    social = actor_of(demo_database, "social")
    head = head_of(demo_database, hid)
    head_version = person_version(demo_database, head)
    note = ContactIn(contact_on=date.today(), channel="telephone", summary="Appel")
    households.add_contact(demo_database, admin, hid, note)
    household_members.add_resource(demo_database, admin, hid, head, "rsa", Decimal("607.75"))
    household_members.add_member(demo_database, admin, hid, baby())
    current = households.load_household(demo_database.cursor(), hid)
    fields = {k: current[k] for k in HouseholdEdit.model_fields}
    edit = HouseholdEdit.model_validate({**fields, "commune": "Talence"})
    assert households.update_household(demo_database, social, hid, version, edit)["commune"] == (
        "Talence"
    )
    renamed = MemberIn(role="chef_menage", last_name="Durand", first_name="Iris")
    household_members.update_member(demo_database, social, hid, head, head_version, renamed)


def test_ending_a_resource_twice_from_the_same_version_is_refused(demo_database):
    hid, _version = a_file(demo_database)
    social = actor_of(demo_database, "social")
    row = household_members.add_resource(
        demo_database, social, hid, head_of(demo_database, hid), "are", Decimal("85.50")
    )
    household_members.end_resource(demo_database, social, hid, row["id"], 1)
    with pytest.raises(StaleRecordError, match="consultiez cette ressource"):
        household_members.end_resource(demo_database, social, hid, row["id"], 1)


def test_head_of_household_stays(demo_database):
    hid, _version = a_file(demo_database)
    social = actor_of(demo_database, "social")
    head = head_of(demo_database, hid)
    with pytest.raises(ValidationFailed):
        household_members.remove_member(
            demo_database, social, hid, head, person_version(demo_database, head)
        )
    with pytest.raises(ValidationFailed):
        household_members.add_member(
            demo_database, social, hid, MemberIn(role="chef_menage", last_name="X", first_name="Y")
        )


def test_resources_of_another_household_are_refused(demo_database):
    hid, _version = a_file(demo_database)
    social = actor_of(demo_database, "social")
    foreign = (
        demo_database.cursor()
        .execute("SELECT id FROM resource WHERE household_id <> ? LIMIT 1", [hid])
        .fetchone()[0]
    )
    with pytest.raises(NotFoundError):
        household_members.end_resource(demo_database, social, hid, foreign, 1)


def test_only_the_referent_edits_members(demo_database):
    hid, _version = a_file(demo_database)
    with pytest.raises(PermissionDeniedError):
        household_members.add_member(
            demo_database, actor_of(demo_database, "direction"), hid, baby()
        )


def test_private_note_never_reaches_the_audit_log(demo_database):
    hid, _version = a_file(demo_database)
    households.add_contact(
        demo_database,
        actor_of(demo_database, "social"),
        hid,
        ContactIn(
            contact_on=date.today(),
            channel="entretien",
            summary="Point",
            private_note="Confidentiel",
        ),
    )
    rows = demo_database.cursor().execute("SELECT diff FROM audit_log").fetchall()
    assert not any("Confidentiel" in (r[0] or "") for r in rows)


def test_history_speaks_french(demo_database, admin):
    from db.households.models import HouseholdEdit

    hid, version = a_file(demo_database)
    current = households.load_household(demo_database.cursor(), hid)
    assert current["housing_situation"] != "logement_indigne"
    fields = {k: current[k] for k in HouseholdEdit.model_fields}
    edit = HouseholdEdit.model_validate({**fields, "housing_situation": "logement_indigne"})
    households.update_household(demo_database, admin, hid, version, edit)
    query = {"id": str(hid), "onglet": "Historique"}
    at = open_page(demo_database, "social", "pages/household_file.py", query)
    details = list(at.dataframe[-1].value["Détail"])
    assert any(
        "Situation de logement :" in d and "→ Logement insalubre ou indigne" in d for d in details
    )


def test_a_referent_must_be_an_active_social_worker(demo_database, admin):
    from db.households.models import IntakeIn

    intake = intake_fields("A", "B")
    before = demo_database.cursor().execute("SELECT count(*) FROM audit_log").fetchone()
    for referent in ("accueil", "personne"):
        with pytest.raises(ValidationFailed, match="travailleur"):
            households.create_intake(
                demo_database, admin, IntakeIn.model_validate({**intake, "referent": referent})
            )
    after = demo_database.cursor().execute("SELECT count(*) FROM audit_log").fetchone()
    assert before == after
    created = households.create_intake(
        demo_database, admin, IntakeIn.model_validate({**intake, "referent": "social"})
    )
    assert created["referent"] == "social"


def test_correcting_the_head_renames_the_file_and_stays_searchable(demo_database):
    hid, _version = a_file(demo_database)
    social = actor_of(demo_database, "social")
    head = head_of(demo_database, hid)
    household_members.update_member(
        demo_database,
        social,
        hid,
        head,
        person_version(demo_database, head),
        MemberIn(
            role="chef_menage",
            last_name="Lefèvre",
            first_name="Anaïs",
            birth_date=date(1990, 2, 3),
            sex="F",
        ),
    )
    name, key = (
        demo_database.cursor()
        .execute("SELECT head_name, search_key FROM household WHERE id = ?", [hid])
        .fetchone()
    )
    assert name == "LEFÈVRE Anaïs" and "lefevre anais" in key
    action, entity, diff = audit(demo_database, hid)[-1]
    assert (action, entity) == ("update", "person")
    assert json.loads(diff)["first_name"][1] == "Anaïs"
    with pytest.raises(ValidationFailed):  # a head stays head
        household_members.update_member(
            demo_database,
            social,
            hid,
            head,
            person_version(demo_database, head),
            MemberIn(role="enfant", last_name="A", first_name="B"),
        )


def test_the_migration_dates_only_the_members_added_after_the_intake(database, monkeypatch):
    """Migration 013: a member the audit log shows added after their file was created
    joined that day; those declared at the intake have no date (already there)."""
    from pathlib import Path

    from db import clock
    from db.demo import generate as demo

    demo.create_demo_accounts(database)
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 3, 1, 10, 0))
    intake = IntakeIn(**intake_fields("Lenoir", referent="social"))
    hid = households.create_intake(database, actor_of(database, "accueil"), intake)["id"]
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 4, 2, 9, 0))
    added = household_members.add_member(database, actor_of(database, "social"), hid, baby())
    cur = database.cursor()
    cur.execute("UPDATE person SET joined_on = NULL")  # as before the migration
    script = Path("db/migrations/013_member_dates.sql").read_text()
    backfill = script[script.index("UPDATE person") : script.index("CREATE INDEX")]
    cur.execute(backfill)
    joined = cur.execute(
        "SELECT id, joined_on FROM person WHERE household_id = ? ORDER BY id", [hid]
    ).fetchall()
    assert joined == [(head_of(database, hid), None), (added["id"], date(2026, 4, 2))]

"""Writes of the housing stock and the capture pipeline (db/housing): who may, what is
refused (lease dates, stages), one audit row per record changed, a version per record,
and the conversion of a lead all or nothing."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

import queries
from db import records
from db.demo.generate import create_demo_accounts
from db.errors import PermissionDeniedError, StaleRecordError, ValidationFailed
from db.households import writes as households
from db.households.models import IntakeIn
from db.housing import capture
from db.housing import writes as housing
from db.housing.models import (
    AbandonIn,
    ConversionIn,
    DwellingIn,
    LeadIn,
    LeaseEndIn,
    LeaseIn,
    MoveIn,
    OwnerIn,
    SlideIn,
)
from db.rules import can_edit_housing, can_read_housing
from tests.conftest import actor_of, intake_fields


@pytest.fixture
def team(database):
    create_demo_accounts(database)
    return database


@pytest.fixture
def gestion(team):
    return actor_of(team, "gestion")


@pytest.fixture
def dwelling(team, gestion) -> dict:
    """A T2 in the stock from 1 January 2025, with no end."""
    owner = housing.add_owner(team, gestion, OwnerIn(kind="sci", name="SCI Les Tilleuls"))
    return housing.add_dwelling(team, gestion, flat(owner["id"]))


@pytest.fixture
def homes(team):
    """Two households' ids."""
    social = actor_of(team, "social")
    return [
        households.create_intake(
            team, social, IntakeIn.model_validate(intake_fields(name, referent="social"))
        )["id"]
        for name in ("Aubert", "Brisson")
    ]


def flat(owner_id, entered_on=date(2025, 1, 1), left_on=None, **changes) -> DwellingIn:
    return DwellingIn(
        owner_id=owner_id,
        address="3 rue des Lilas",
        commune="Bordeaux",
        postal_code="33000",
        typology="T2",
        rent="520,00",
        charges="40",
        programme="sous_location",
        entered_on=entered_on,
        left_on=left_on,
        **changes,
    )


def sublease(household_id, start_on, end_on=None, kind="sous_location") -> LeaseIn:
    return LeaseIn(kind=kind, household_id=household_id, start_on=start_on, end_on=end_on)


def audit_rows(database, entity: str) -> list[tuple]:
    return (
        database.cursor()
        .execute(
            "SELECT action, entity_id, household_id FROM audit_log WHERE entity = $e ORDER BY id",
            {"e": entity},
        )
        .fetchall()
    )


def count(database, table: str) -> int:
    return database.cursor().execute("SELECT count(*) FROM " + table).fetchone()[0]


# Leases: dates ------------------------------------------------------------------------


def test_a_lease_may_start_the_day_after_the_last_day_of_the_previous(
    team, gestion, dwelling, homes
):
    first = housing.sign_lease(
        team, gestion, dwelling["id"], sublease(homes[0], date(2025, 2, 1), date(2025, 6, 30))
    )
    second = housing.sign_lease(team, gestion, dwelling["id"], sublease(homes[1], date(2025, 7, 1)))
    leases = queries.run(team, "housing/dwelling_leases", dwelling_id=dwelling["id"])
    assert leases["id"].to_list() == [second["id"], first["id"]]
    assert audit_rows(team, "lease") == [
        ("create", str(first["id"]), homes[0]),
        ("create", str(second["id"]), homes[1]),
    ]


def test_a_lease_starting_on_the_last_day_of_another_is_refused_naming_it(
    team, gestion, dwelling, homes
):
    first = housing.sign_lease(
        team, gestion, dwelling["id"], sublease(homes[0], date(2025, 2, 1), date(2025, 6, 30))
    )
    with pytest.raises(ValidationFailed) as refusal:
        housing.sign_lease(team, gestion, dwelling["id"], sublease(homes[1], date(2025, 6, 30)))
    assert f"bail n° {first['id']}" in str(refusal.value)
    assert "du 01/02/2025 au 30/06/2025" in str(refusal.value)
    assert refusal.value.field == "start_on"
    assert count(team, "lease") == 1


def test_a_lease_ending_into_a_later_one_is_refused_beside_its_end(team, gestion, dwelling, homes):
    housing.sign_lease(team, gestion, dwelling["id"], sublease(homes[0], date(2025, 7, 1)))
    with pytest.raises(ValidationFailed) as refusal:
        housing.sign_lease(
            team, gestion, dwelling["id"], sublease(homes[1], date(2025, 3, 1), date(2025, 7, 1))
        )
    assert "depuis le 01/07/2025, sans fin" in str(refusal.value)
    assert refusal.value.field == "end_on"
    # The day before is free.
    housing.sign_lease(
        team, gestion, dwelling["id"], sublease(homes[1], date(2025, 3, 1), date(2025, 6, 30))
    )


def test_an_open_ended_lease_overlaps_everything_after_its_start(team, gestion, dwelling, homes):
    housing.sign_lease(team, gestion, dwelling["id"], sublease(homes[0], date(2025, 3, 1)))
    with pytest.raises(ValidationFailed):
        housing.sign_lease(
            team, gestion, dwelling["id"], sublease(homes[1], date(2026, 10, 1), date(2026, 11, 1))
        )
    with pytest.raises(ValidationFailed):  # open-ended before it: overlaps it too
        housing.sign_lease(team, gestion, dwelling["id"], sublease(homes[1], date(2025, 1, 1)))


def test_the_association_lease_runs_under_household_leases(team, gestion, dwelling, homes):
    housing.sign_lease(team, gestion, dwelling["id"], sublease(homes[0], date(2025, 3, 1)))
    main = LeaseIn(kind="bail_principal", start_on=date(2025, 1, 1), end_on=date(2026, 12, 31))
    assert housing.sign_lease(team, gestion, dwelling["id"], main)["household_id"] is None


def test_a_lease_outside_the_dwelling_time_in_the_stock_is_refused(team, gestion, dwelling, homes):
    until = flat(dwelling["owner_id"], left_on=date(2026, 12, 31))
    housing.update_dwelling(team, gestion, dwelling["id"], 1, until)
    with pytest.raises(ValidationFailed) as early:
        housing.sign_lease(team, gestion, dwelling["id"], sublease(homes[0], date(2024, 12, 31)))
    assert "01/01/2025" in str(early.value) and early.value.field == "start_on"
    with pytest.raises(ValidationFailed) as late:  # open-ended past the dwelling's exit
        housing.sign_lease(team, gestion, dwelling["id"], sublease(homes[0], date(2026, 1, 1)))
    assert late.value.field == "end_on"
    # Both edges are days in the stock.
    housing.sign_lease(
        team, gestion, dwelling["id"], sublease(homes[0], date(2025, 1, 1), date(2026, 12, 31))
    )


def test_a_dwelling_cannot_leave_the_stock_before_its_lease_ends(team, gestion, dwelling, homes):
    housing.sign_lease(
        team, gestion, dwelling["id"], sublease(homes[0], date(2025, 2, 1), date(2025, 9, 30))
    )
    earlier = flat(dwelling["owner_id"], left_on=date(2025, 9, 29))
    with pytest.raises(ValidationFailed) as refusal:
        housing.update_dwelling(team, gestion, dwelling["id"], 1, earlier)
    assert refusal.value.field == "left_on"
    later = flat(dwelling["owner_id"], left_on=date(2025, 9, 30))
    assert housing.update_dwelling(team, gestion, dwelling["id"], 1, later)["version"] == 2


def test_a_lease_is_ended_then_no_longer(team, gestion, dwelling, homes):
    lease = housing.sign_lease(team, gestion, dwelling["id"], sublease(homes[0], date(2025, 2, 1)))
    end = LeaseEndIn(end_on=date(2025, 5, 31), end_reason="conge_locataire")
    ended = housing.end_lease(team, gestion, lease["id"], 1, end)
    assert (ended["end_on"], ended["version"]) == (date(2025, 5, 31), 2)
    assert [row[0] for row in audit_rows(team, "lease")] == ["create", "end"]
    with pytest.raises(ValidationFailed, match="a pris fin le 31/05/2025"):
        housing.end_lease(team, gestion, lease["id"], 2, end)


def test_a_sliding_lease_ends_the_day_before_its_slide(team, gestion, dwelling, homes):
    lease = housing.sign_lease(
        team, gestion, dwelling["id"], sublease(homes[0], date(2025, 2, 1), kind="bail_glissant")
    )
    slid = housing.record_slide(team, gestion, lease["id"], 1, SlideIn(slid_on=date(2026, 2, 1)))
    assert (slid["slid_on"], slid["end_on"], slid["end_reason"]) == (
        date(2026, 2, 1),
        date(2026, 1, 31),
        "glissement",
    )
    plain = housing.sign_lease(team, gestion, dwelling["id"], sublease(homes[1], date(2026, 2, 1)))
    with pytest.raises(ValidationFailed, match="Seul un bail glissant"):
        housing.record_slide(team, gestion, plain["id"], 1, SlideIn(slid_on=date(2026, 2, 15)))


def test_a_household_lease_needs_its_household_and_a_main_lease_has_none():
    with pytest.raises(ValidationError, match="ménage locataire"):
        LeaseIn(kind="sous_location", start_on=date(2025, 1, 1))
    with pytest.raises(ValidationError, match="celui de l'association"):
        LeaseIn(kind="mandat_gestion", household_id=1, start_on=date(2025, 1, 1))


# Rights, audit, versions --------------------------------------------------------------


def test_only_rental_management_direction_and_admin_edit_the_stock(team):
    owner = OwnerIn(kind="personne_privee", name="M. Roux")
    for username in ("social", "accueil", "analyste"):
        with pytest.raises(PermissionDeniedError):
            housing.add_owner(team, actor_of(team, username), owner)
    assert count(team, "owner") == 0
    for username in ("gestion", "direction", "admin"):
        assert can_edit_housing(actor_of(team, username))
        housing.add_owner(team, actor_of(team, username), owner)
    assert [can_read_housing(actor_of(team, u)) for u in ("social", "accueil")] == [True, False]
    assert [row[0] for row in audit_rows(team, "owner")] == ["create"] * 3


def test_a_stale_owner_is_refused_naming_who_saved_it(team, gestion):
    owner = housing.add_owner(team, gestion, OwnerIn(kind="sci", name="SCI Alpha"))
    housing.update_owner(team, gestion, owner["id"], 1, OwnerIn(kind="sci", name="SCI Alpha 2"))
    with pytest.raises(StaleRecordError, match="Gilles Gestion"):
        housing.update_owner(
            team, actor_of(team, "direction"), owner["id"], 1, OwnerIn(kind="sci", name="SCI B")
        )
    assert queries.run_one(team, "housing/owner", record_id=owner["id"])["name"] == "SCI Alpha 2"
    assert [row[0] for row in audit_rows(team, "owner")] == ["create", "update"]


# The capture pipeline -----------------------------------------------------------------


def lead_in() -> LeadIn:
    fields = {"owner_name": "Mme Perrin", "owner_kind": "personne_privee"}
    return LeadIn(address="8 cours Victor Hugo", commune="Talence", source="annonce", **fields)


def stages_of(database, lead_id: int) -> list[tuple]:
    rows = (
        database.cursor()
        .execute(
            "SELECT stage, moved_on, reason FROM capture_stage_event WHERE lead_id = ? ORDER BY id",
            [lead_id],
        )
        .fetchall()
    )
    return rows


def test_a_lead_skips_stages_forward_and_goes_back_only_with_a_reason(team, gestion):
    lead = capture.add_lead(team, gestion, lead_in(), date(2025, 1, 10))
    moved = capture.move_lead(
        team, gestion, lead["id"], 1, MoveIn(stage="visite", moved_on=date(2025, 1, 20))
    )
    with pytest.raises(ValidationFailed) as refusal:
        capture.move_lead(
            team, gestion, lead["id"], 2, MoveIn(stage="contacte", moved_on=date(2025, 2, 1))
        )
    assert refusal.value.field == "reason"
    with pytest.raises(ValidationFailed) as early:
        capture.move_lead(
            team, gestion, lead["id"], 2, MoveIn(stage="proposition", moved_on=date(2025, 1, 19))
        )
    assert early.value.field == "moved_on" and "20/01/2025" in str(early.value)
    back = MoveIn(stage="contacte", moved_on=date(2025, 2, 1), reason="Visite à refaire")
    assert capture.move_lead(team, gestion, lead["id"], moved["version"], back)["stage"] == (
        "contacte"
    )
    assert stages_of(team, lead["id"]) == [
        ("identifie", date(2025, 1, 10), None),
        ("visite", date(2025, 1, 20), None),
        ("contacte", date(2025, 2, 1), "Visite à refaire"),
    ]
    assert len(audit_rows(team, "capture_stage_event")) == 3
    assert [row[0] for row in audit_rows(team, "capture_lead")] == ["create", "update", "update"]


def test_an_abandoned_lead_moves_no_more(team, gestion):
    lead = capture.add_lead(team, gestion, lead_in(), date(2025, 1, 10))
    abandon = AbandonIn(abandoned_on=date(2025, 3, 1), abandoned_reason="loyer_trop_eleve")
    capture.abandon_lead(team, gestion, lead["id"], 1, abandon)
    with pytest.raises(ValidationFailed, match="abandonnée le 01/03/2025"):
        capture.move_lead(
            team, gestion, lead["id"], 2, MoveIn(stage="visite", moved_on=date(2025, 3, 2))
        )


def conversion(start_on=date(2025, 4, 1)) -> ConversionIn:
    return ConversionIn(
        owner=OwnerIn(kind="personne_privee", name="Mme Perrin"),
        dwelling=flat(None, entered_on=date(2025, 4, 1)),
        lease={"kind": "mandat_gestion", "start_on": start_on},
    )


def signed_lead(team, gestion) -> dict:
    lead = capture.add_lead(team, gestion, lead_in(), date(2025, 1, 10))
    move = MoveIn(stage="convention_signee", moved_on=date(2025, 3, 20))
    return capture.move_lead(team, gestion, lead["id"], 1, move)


def test_a_signed_convention_becomes_an_owner_a_dwelling_and_a_mandate(team, gestion):
    lead = signed_lead(team, gestion)
    done = capture.convert_lead(team, gestion, lead["id"], lead["version"], conversion())
    assert done["dwelling"]["owner_id"] == done["owner"]["id"]
    assert (done["lease"]["kind"], done["lease"]["household_id"]) == ("mandat_gestion", None)
    stored = queries.run_one(team, "housing/lead", record_id=lead["id"])
    assert stored["dwelling_id"] == done["dwelling"]["id"]
    for entity in ("owner", "dwelling", "lease"):
        assert [row[0] for row in audit_rows(team, entity)] == ["create"]
    assert [row[0] for row in audit_rows(team, "capture_lead")] == ["create", "update", "update"]


def test_a_conversion_refused_at_its_lease_leaves_nothing(team, gestion):
    lead = signed_lead(team, gestion)
    before = count(team, "audit_log")
    with pytest.raises(ValidationFailed) as refusal:  # the lease starts before the stock
        capture.convert_lead(team, gestion, lead["id"], 2, conversion(date(2025, 3, 31)))
    assert refusal.value.field == "start_on"
    assert [count(team, t) for t in ("owner", "dwelling", "lease")] == [0, 0, 0]
    assert count(team, "audit_log") == before


def test_a_conversion_failing_at_its_last_row_leaves_nothing(team, gestion, monkeypatch):
    lead = signed_lead(team, gestion)
    before = count(team, "audit_log")
    real = records.update

    def failing(cur, actor, kind, current, changes):
        if kind.table == "capture_lead":
            raise RuntimeError("disque plein")
        return real(cur, actor, kind, current, changes)

    monkeypatch.setattr(records, "update", failing)
    with pytest.raises(RuntimeError):
        capture.convert_lead(team, gestion, lead["id"], 2, conversion())
    assert [count(team, t) for t in ("owner", "dwelling", "lease")] == [0, 0, 0]
    assert count(team, "audit_log") == before
    assert queries.run_one(team, "housing/lead", record_id=lead["id"])["dwelling_id"] is None


def test_a_lead_converts_only_once_its_convention_is_signed(team, gestion):
    lead = capture.add_lead(team, gestion, lead_in(), date(2025, 1, 10))
    with pytest.raises(ValidationFailed, match="Convention signée"):
        capture.convert_lead(team, gestion, lead["id"], 1, conversion())
    with pytest.raises(ValidationFailed, match="convention signée"):
        capture.move_lead(
            team, gestion, lead["id"], 1, MoveIn(stage="mis_en_location", moved_on=date(2025, 5, 1))
        )
    assert count(team, "dwelling") == 0


def test_stale_dwellings_and_leads_are_refused_naming_who_saved_them(team, gestion, dwelling):
    director = actor_of(team, "direction")
    housing.update_dwelling(team, director, dwelling["id"], 1, flat(dwelling["owner_id"], floor=2))
    with pytest.raises(StaleRecordError, match="Dominique Directrice"):
        housing.update_dwelling(team, gestion, dwelling["id"], 1, flat(dwelling["owner_id"]))
    assert [row[0] for row in audit_rows(team, "dwelling")] == ["create", "update"]
    lead = capture.add_lead(team, gestion, lead_in(), date(2025, 1, 10))
    visit = MoveIn(stage="visite", moved_on=date(2025, 2, 1))
    capture.move_lead(team, director, lead["id"], 1, visit)
    abandon = AbandonIn(abandoned_on=date(2025, 2, 2), abandoned_reason="autre")
    with pytest.raises(StaleRecordError, match="Dominique Directrice"):
        capture.abandon_lead(team, gestion, lead["id"], 1, abandon)


def test_a_social_worker_signs_no_lease(team, dwelling, homes):
    with pytest.raises(PermissionDeniedError):
        housing.sign_lease(
            team, actor_of(team, "social"), dwelling["id"], sublease(homes[0], date(2025, 2, 1))
        )
    assert count(team, "lease") == 0


def test_a_lease_of_an_unknown_household_is_refused_beside_it(team, gestion, dwelling):
    with pytest.raises(ValidationFailed) as refusal:
        housing.sign_lease(team, gestion, dwelling["id"], sublease(999, date(2025, 2, 1)))
    assert refusal.value.field == "household_id"

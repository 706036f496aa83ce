"""AppTest of pages/capture.py (« Captation »): who opens it; the board's forms add a lead
(French amounts saved exactly), move it (dated, by whom), refuse a way back without a
reason beside its field, and convert a signed convention into owner, dwelling and lease."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import queries
from db import clock
from db.demo.generate import create_demo_accounts
from db.french import NBSP
from db.housing import capture
from db.housing.models import MoveIn
from tests.conftest import actor_of, open_page
from tests.housing_builders import lead_at

PAGE = "pages/capture.py"
TODAY = clock.today()


@pytest.fixture
def team(database):
    create_demo_accounts(database)
    return database


def rows(database, sql: str, *params) -> list[tuple]:
    return database.cursor().execute(sql, list(params)).fetchall()


def submit(at, label: str):
    [button] = [b for b in at.button if b.label == label]
    return button.click().run()


def errors(at) -> list[str]:
    return [e.value for e in at.error]


@pytest.mark.parametrize("username", ["gestion", "direction", "admin"])
def test_the_pipeline_opens_for_rental_management(demo_database, username):
    at = open_page(demo_database, username, PAGE)
    assert not at.exception and at.title[0].value == "Captation"
    assert [t.label for t in at.tabs] == ["Tableau", "Entonnoir"]


@pytest.mark.parametrize("username", ["accueil", "analyste", "social"])
def test_the_pipeline_is_refused_to_others_in_french(demo_database, username):
    at = open_page(demo_database, username, PAGE)
    assert "Cette page n'est pas accessible avec vos rôles." in [e.value for e in at.error]
    assert not at.tabs


def test_a_new_lead_from_the_form_keeps_french_amounts_exactly(team):
    at = open_page(team, "gestion", PAGE)
    key = "capture_new_lead_0"
    at.text_input(key=f"{key}_name").input("M. Garnier")
    at.text_input(key=f"{key}_address").input("4 allée des Pins")
    at.text_input(key=f"{key}_postal").input("33700")
    at.text_input(key=f"{key}_commune").input("Mérignac")
    at.selectbox(key=f"{key}_typ").set_value("T3")
    at.text_input(key=f"{key}_prop").input("1 234,50")
    at.text_input(key=f"{key}_mkt").input("1\u202f300,05")
    at.multiselect(key=f"{key}_incentives").set_value(["loc2", "prime"])
    at.selectbox(key=f"{key}_src").set_value("bouche_a_oreille")
    at.date_input(key=f"{key}_on").set_value(date(TODAY.year, 1, 5))
    at = submit(at, "Ajouter le prospect")
    assert not at.exception and not errors(at)
    [lead] = rows(
        team,
        "SELECT id, owner_name, proposed_rent, market_rent, incentives, source, stage, "
        "stage_on, assignee FROM capture_lead",
    )
    assert lead[1:] == (
        "M. Garnier",
        Decimal("1234.50"),
        Decimal("1300.05"),
        ["loc2", "prime"],
        "bouche_a_oreille",
        "identifie",
        date(TODAY.year, 1, 5),
        "gestion",
    )
    events = rows(team, "SELECT stage, moved_on, moved_by FROM capture_stage_event")
    assert events == [("identifie", date(TODAY.year, 1, 5), "gestion")]
    assert at.selectbox(key="piste_choisie").value == lead[0]  # the new lead opens
    shown = " ".join(c.value for c in at.caption)
    assert f"proposé 1{NBSP}234,50{NBSP}€ · marché 1{NBSP}300,05{NBSP}€" in shown
    assert "**M\\. Garnier**  \n4 allée des Pins, 33700 Mérignac" in [m.value for m in at.markdown]
    assert "Loc'Avantages Loc2, Prime" in shown


def test_a_lead_without_owner_or_address_is_refused_beside_its_fields(team):
    at = open_page(team, "gestion", PAGE)
    at.selectbox(key="capture_new_lead_0_src").set_value("annonce")
    at = submit(at, "Ajouter le prospect")
    shown = errors(at)
    assert "nommez le propriétaire ou choisissez un propriétaire connu" in " ".join(shown)
    assert any(m.startswith("Rien n'a été enregistré : 3 point(s)") for m in shown)
    assert rows(team, "SELECT count(*) FROM capture_lead") == [(0,)]


def test_a_move_is_recorded_with_its_date_and_who_made_it(team):
    lead = lead_at(team, "identifie", date(TODAY.year, 1, 10))
    at = open_page(team, "direction", PAGE)
    at.selectbox(key="capture_move_pick").set_value(lead["id"])
    at.run()
    key = f"capture_move_{lead['id']}_0"
    at.selectbox(key=f"{key}_stage").set_value("visite")  # « Contacté » skipped
    at.date_input(key=f"{key}_on").set_value(date(TODAY.year, 2, 3))
    at = submit(at, "Enregistrer le passage")
    assert not at.exception and not errors(at)
    events = rows(
        team,
        "SELECT stage, moved_on, moved_by, reason FROM capture_stage_event "
        "WHERE lead_id = ? ORDER BY id",
        lead["id"],
    )
    assert events == [
        ("identifie", date(TODAY.year, 1, 10), "gestion", None),
        ("visite", date(TODAY.year, 2, 3), "direction", None),
    ]
    assert rows(team, "SELECT stage, stage_on FROM capture_lead") == [
        ("visite", date(TODAY.year, 2, 3))
    ]


def test_going_back_without_a_reason_is_refused_beside_the_field(team):
    lead = lead_at(team, "proposition", date(TODAY.year, 3, 1))
    at = open_page(team, "gestion", PAGE)
    at.selectbox(key="capture_move_pick").set_value(lead["id"])
    at.run()
    key = f"capture_move_{lead['id']}_0"
    at.selectbox(key=f"{key}_stage").set_value("contacte")
    at = submit(at, "Enregistrer le passage")
    assert "Dites pourquoi la piste revient en arrière." in errors(at)  # under the field
    assert at.text_input(key=f"{key}_reason").value == ""
    assert rows(team, "SELECT stage FROM capture_lead") == [("proposition",)]
    assert rows(team, "SELECT count(*) FROM capture_stage_event") == [(1,)]

    at.text_input(key=f"{key}_reason").input("Le propriétaire hésite à nouveau")
    at = submit(at, "Enregistrer le passage")
    assert not errors(at)
    assert rows(team, "SELECT stage, reason FROM capture_stage_event ORDER BY id")[-1] == (
        "contacte",
        "Le propriétaire hésite à nouveau",
    )


def move_to_convention(team, username: str = "gestion"):
    lead = lead_at(team, "negociation", date(TODAY.year, 4, 1), proposed_rent="612,40")
    at = open_page(team, username, PAGE)
    at.selectbox(key="capture_move_pick").set_value(lead["id"])
    at.run()
    key = f"capture_move_{lead['id']}_0"
    at.selectbox(key=f"{key}_stage").set_value("convention_signee")
    at.date_input(key=f"{key}_on").set_value(date(TODAY.year, 5, 2))
    at = submit(at, "Enregistrer le passage")
    assert not at.exception and not errors(at)
    return lead, at


def test_the_signed_convention_creates_owner_dwelling_and_lease(team):
    lead, at = move_to_convention(team)
    # The move opened the conversion form on this lead, filled from it.
    assert at.selectbox(key="capture_convert_pick").value == lead["id"]
    assert "Logement et bail à enregistrer \\(ci\\-dessous\\)" in " ".join(
        c.value for c in at.caption
    )
    key = f"capture_convert_{lead['id']}_0"
    assert at.text_input(key=f"{key}_on").value == "Mme Roux"
    assert at.text_input(key=f"{key}_rent").value == "612,40"
    at.text_input(key=f"{key}_surface").input("58,5")
    at.text_input(key=f"{key}_charges").input("45")
    at = submit(at, "Enregistrer la convention et le logement")
    assert not at.exception and not errors(at)
    [owner] = rows(team, "SELECT id, name, kind FROM owner")
    assert owner[1:] == ("Mme Roux", "personne_privee")
    [dwelling] = rows(
        team,
        "SELECT id, owner_id, address, commune, typology, surface, rent, charges, entered_on "
        "FROM dwelling",
    )
    assert dwelling[1:] == (
        owner[0],
        "12 rue Neuve",
        "Pessac",
        "T3",
        Decimal("58.50"),
        Decimal("612.40"),
        Decimal("45.00"),
        date(TODAY.year, 5, 2),
    )
    assert rows(team, "SELECT dwelling_id, kind, start_on, rent, household_id FROM lease") == [
        (dwelling[0], "bail_principal", date(TODAY.year, 5, 2), Decimal("612.40"), None)
    ]
    assert rows(team, "SELECT dwelling_id, owner_id FROM capture_lead") == [(dwelling[0], owner[0])]
    assert not [e for e in at.expander if e.label.startswith("Convention signée")]
    assert "Logement dans le parc" in " ".join(c.value for c in at.caption)


def test_a_refused_conversion_saves_nothing_and_says_why_beside_the_field(team):
    lead, at = move_to_convention(team)
    key = f"capture_convert_{lead['id']}_0"
    at.date_input(key=f"{key}_start").set_value(date(TODAY.year, 4, 30))  # before its entry
    at = submit(at, "Enregistrer la convention et le logement")
    beside = (
        "Le bail ne peut pas commencer avant l'entrée du logement dans le parc "
        f"(02/05/{TODAY.year})."
    )
    assert beside in errors(at)  # alone, under the field; the summary names it too
    assert at.date_input(key=f"{key}_start").value == date(TODAY.year, 4, 30)  # kept
    for table in ("owner", "dwelling", "lease"):
        assert rows(team, f"SELECT count(*) FROM {table}") == [(0,)]  # noqa: S608
    assert rows(team, "SELECT dwelling_id FROM capture_lead") == [(None,)]


def test_an_abandoned_lead_leaves_the_columns_for_the_list_below(team):
    lead = lead_at(team, "visite", date(TODAY.year, 2, 1))
    at = open_page(team, "gestion", PAGE)
    at.selectbox(key="capture_drop_pick").set_value(lead["id"])
    at.run()
    key = f"capture_drop_{lead['id']}_0"
    at.selectbox(key=f"{key}_reason").set_value("injoignable")
    at.date_input(key=f"{key}_on").set_value(date(TODAY.year, 2, 20))
    at = submit(at, "Abandonner la piste")
    assert rows(team, "SELECT abandoned_on, abandoned_reason FROM capture_lead") == [
        (date(TODAY.year, 2, 20), "injoignable")
    ]
    [table] = [d.value for d in at.dataframe if "Motif" in d.value.columns]
    assert table.to_dict("records") == [
        {
            "Propriétaire": "Mme Roux",
            "Adresse": "12 rue Neuve, Pessac",
            "Étape atteinte": "Visite",
            "Abandonnée le": f"20/02/{TODAY.year}",
            "Motif": "Propriétaire injoignable",
            "Chargé·e": actor_of(team, "gestion").display_name,
        }
    ]
    assert not [m.value for m in at.markdown if "Mme Roux" in m.value]  # no card left


def test_the_board_query_counts_days_in_the_stage(team):
    lead_at(team, "contacte", date(2026, 1, 10))
    board = queries.run(
        team,
        "housing/capture_leads_urgent",
        assignee=None,
        commune=None,
        min_days=None,
        per_stage=5,
        today=date(2026, 1, 31),
    )
    assert board.select("stage", "owner_name", "days_in_stage", "assignee").rows() == [
        ("contacte", "Mme Roux", 21, "gestion")
    ]


def test_known_owners_and_assignees_are_listed_by_name(team):
    found = queries.run(team, "housing/owner_search", term=None, kept=[], limit=20)
    assert found.is_empty()
    assignees = queries.run(team, "housing/capture_assignees")["username"].to_list()
    assert assignees == ["gestion"]


def test_a_lead_moved_by_its_worker_shows_them(team):
    lead = lead_at(team, "identifie", date(TODAY.year, 1, 10))
    capture.move_lead(
        team,
        actor_of(team, "gestion"),
        lead["id"],
        1,
        MoveIn(stage="contacte", moved_on=date(TODAY.year, 1, 12)),
    )
    at = open_page(team, "gestion", PAGE)
    assert "**Contacté** (1)" in [m.value for m in at.markdown]


def test_a_move_over_a_newer_version_is_refused_naming_who_saved_it(team):
    lead = lead_at(team, "identifie", date(TODAY.year, 1, 10))
    at = open_page(team, "gestion", PAGE)
    at.selectbox(key="capture_move_pick").set_value(lead["id"])
    at.run()
    direction = actor_of(team, "direction")
    capture.move_lead(
        team, direction, lead["id"], 1, MoveIn(stage="contacte", moved_on=date(TODAY.year, 1, 12))
    )
    key = f"capture_move_{lead['id']}_0"
    at.selectbox(key=f"{key}_stage").set_value("visite")
    at = submit(at, "Enregistrer le passage")
    assert any(direction.display_name in message for message in errors(at))
    assert rows(team, "SELECT stage FROM capture_lead") == [("contacte",)]

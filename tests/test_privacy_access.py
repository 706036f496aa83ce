"""Right of access: the export holds every section of the household's file (a test fails
when a table or a column is neither shown nor left out on purpose), written for the
person it concerns; a private note reaches it only through its author, who reviewed it,
and the export says what it leaves out; the access log's entries about the file are in it.
"""

from __future__ import annotations

import json

import pypdfium2 as pdfium
import pytest

import queries
from db import clock, rules
from db.demo import generate as demo
from db.households import writes
from db.households.models import ContactIn, IntakeIn
from db.privacy import access_export, access_fields, erase
from db.settings import get_setting
from tests.conftest import actor_of, intake_fields, open_page
from ui.households.access_export import to_pdf

ADMIN_NOTE = "Zorglub inquiète pour sa fille"
SOCIAL_NOTE = "violences conjugales évoquées"


def pdf_text(pdf: bytes) -> str:
    pages = pdfium.PdfDocument(pdf)
    return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in pages)


@pytest.fixture
def file_with_notes(database):
    """A couple with children followed by « social », a private note by an admin and one by
    « social » (the referent), a consultation by direction. -> (household id, note ids)."""
    demo.create_demo_database(database, households=8, seed=7)
    admin, social = actor_of(database, "admin"), actor_of(database, "social")
    fields = intake_fields("Zorglub", "Ermengarde", referent="social")
    fields |= {"family_type": "couple_enfants", "consent_on": clock.today()}
    hid = writes.create_intake(database, admin, IntakeIn(**fields))["id"]
    ids = {}
    for actor, note in ((admin, ADMIN_NOTE), (social, SOCIAL_NOTE)):
        contact = ContactIn(
            contact_on=clock.today(), channel="telephone", summary="Appel", private_note=note
        )
        ids[actor.username] = writes.add_contact(database, actor, hid, contact)["id"]
    writes.record_file_opened(database, actor_of(database, "direction"), hid)
    return hid, ids


def test_every_table_and_column_is_shown_or_left_out_on_purpose(database):
    tables = set(erase.household_tables(database.cursor())) | {"audit_log", "household"}
    assert tables | {"access_log"} == set(access_export.SECTIONS), "export the new table"
    listed = queries.run(database, "privacy/household_tables")["table_name"].to_list()
    assert "contact" in listed and "household_last_contact" not in listed  # a view
    for table in tables:
        columns = database.cursor().execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = $t"
            " AND schema_name = 'main'",
            {"t": table},
        )
        for (column,) in columns.fetchall():
            shown = access_fields.label(table, column) != column
            assert shown or column in access_fields.TECHNICAL, (table, column)


def test_another_authors_private_note_never_reaches_the_export(database, file_with_notes):
    hid, _ids = file_with_notes
    direction = actor_of(database, "direction")
    export = access_export.collect(database, hid, direction, frozenset())
    data, text = access_export.to_json(export), pdf_text(to_pdf(export))
    for note in (ADMIN_NOTE, SOCIAL_NOTE):
        assert note not in data and note not in text
    said = "2 notes privées d'autres intervenant·es ne figurent pas ici"
    assert said in text and "article 15, paragraphe 4" in text
    assert said in json.loads(data)["notes_privees"]["texte"][0]
    # A note id ticked by someone else than its author changes nothing.
    export = access_export.collect(database, hid, direction, frozenset(_ids.values()))
    assert SOCIAL_NOTE not in access_export.to_json(export)


def test_the_author_includes_the_notes_they_reviewed(database, file_with_notes):
    hid, ids = file_with_notes
    social = actor_of(database, "social")
    export = access_export.collect(database, hid, social, frozenset({ids["social"]}))
    data, text = access_export.to_json(export), pdf_text(to_pdf(export))
    assert SOCIAL_NOTE in data and SOCIAL_NOTE in text and ADMIN_NOTE not in data + text
    assert "1 note privée d'un·e autre intervenant·e ne figure pas ici" in text
    unticked = access_export.collect(database, hid, social, frozenset())
    text = pdf_text(to_pdf(unticked))
    assert SOCIAL_NOTE not in text and "1 note privée ne figure pas ici" in text


def test_the_consultations_of_the_file_are_listed(database, file_with_notes):
    hid, _ids = file_with_notes
    export = access_export.collect(database, hid, actor_of(database, "direction"))
    rows = export["sections"]["access_log"]["lignes"]
    logged = queries.run(database, "privacy/household_accesses", household_id=hid)
    assert logged["action"].to_list() == ["read"]
    director = actor_of(database, "direction").display_name
    assert [(r["username"], r["action"]) for r in rows] == [(director, "read")]
    text = pdf_text(to_pdf(export))
    assert "Consultations et exports du dossier" in text and f"Par {director}" in text
    assert "Action Consultation" in text


def test_the_pdf_is_written_for_the_person(database, file_with_notes):
    hid, _ids = file_with_notes
    leased = (
        database.cursor()
        .execute(
            "SELECT l.household_id, d.address FROM lease l JOIN dwelling d ON d.id = l.dwelling_id"
            " WHERE l.household_id IS NOT NULL ORDER BY l.id LIMIT 1"
        )
        .fetchone()
    )
    dwellings = queries.run(database, "privacy/lease_dwellings", household_id=leased[0])
    assert leased[1] in dwellings["address"].to_list()
    for household, needles in ((hid, ["Couple avec enfants"]), (leased[0], [leased[1]])):
        pdf = to_pdf(access_export.collect(database, household, actor_of(database, "admin")))
        text = pdf_text(pdf)
        for needle in needles + ["Composition familiale", "page 1 / "]:
            assert needle in text, needle
        for code in ("couple_enfants", "hebergement_urgence", "Version de l", "search_key"):
            assert code not in text, code
        assert "Texte de recherche" not in text and "Identifiant" not in text
        meta = pdfium.PdfDocument(pdf).get_metadata_dict()
        assert meta["Author"] == get_setting(database, "association_name") != "Habiter"
        assert b"DejaVuSans" in pdf and b"FontFile2" in pdf  # embedded


def test_the_json_keeps_machine_keys_and_adds_french_labels(database, file_with_notes):
    hid, _ids = file_with_notes
    export = access_export.collect(database, hid, actor_of(database, "direction"))
    household = json.loads(access_export.to_json(export))["sections"]["household"]
    assert household["lignes"][0]["family_type"] == "couple_enfants"
    assert household["libelles"]["family_type"] == "Composition familiale"
    assert household["codes"]["family_type"] == {"couple_enfants": "Couple avec enfants"}
    assert "search_key" not in household["lignes"][0] and "version" not in household["libelles"]


def test_the_rule_of_private_notes():
    social = rules.Actor("social", "S", frozenset({"travailleur_social"}))
    boss = rules.Actor("direction", "D", frozenset({"direction"}))
    note = {"id": 4, "author": "social"}
    assert rules.private_note_in_access_export(social, note, frozenset({4}))
    assert not rules.private_note_in_access_export(social, note, frozenset())
    assert not rules.private_note_in_access_export(boss, note, frozenset({4}))


def access_rows(database) -> list[tuple]:
    return (
        database.cursor()
        .execute(
            "SELECT username, entity, entity_id, detail FROM access_log WHERE action = 'export'"
        )
        .fetchall()
    )


def note_boxes(at, hid: int) -> list:
    return [box for box in at.checkbox if box.key.startswith(f"access_export_{hid}_note_")]


def test_the_household_file_export_for_direction_and_the_referent(database, file_with_notes):
    hid, ids = file_with_notes
    at = open_page(database, "direction", "pages/household_file.py", {"id": str(hid)})
    assert not at.exception and not note_boxes(at, hid)  # direction wrote no note here
    at.button(key=f"access_export_{hid}_button").click().run()
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Télécharger le PDF", "Télécharger le JSON"]
    assert access_rows(database) == [
        ("direction", "household", str(hid), "droit d'accès (PDF et JSON)")
    ]

    social = open_page(database, "social", "pages/household_file.py", {"id": str(hid)})
    box = social.checkbox(key=f"access_export_{hid}_note_{ids['social']}")
    assert SOCIAL_NOTE in box.label and len(note_boxes(social, hid)) == 1
    box.check().run()
    social.button(key=f"access_export_{hid}_button").click().run()
    assert not social.exception and len(access_rows(database)) == 2

    other = open_page(database, "mlefevre", "pages/household_file.py", {"id": str(hid)})
    assert f"access_export_{hid}_button" not in [b.key for b in other.button]

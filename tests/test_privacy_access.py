"""Right of access: the export holds every section of the household's file (a test fails
when a table holding a household_id is not exported), private notes and the audit history
included, as JSON and as a readable PDF; the household file's button is for direction
and admin, and each export goes to the access log."""

from __future__ import annotations

import json

import pypdfium2 as pdfium

import queries
from db.demo import generate as demo
from db.privacy import access_export, erase
from tests.conftest import open_page
from tests.test_privacy_anonymise import EMAIL, NAMES, NEW_PHONE, named_household
from ui.households.access_export import BUTTON, to_pdf

PHONE_LABEL = "Téléphone du ménage"


def test_every_table_holding_a_household_id_is_a_section(database):
    tables = set(erase.household_tables(database.cursor())) | {"audit_log", "household"}
    assert tables == set(access_export.SECTIONS), "a new table holds a household_id: export it"
    listed = queries.run(database, "privacy/household_tables")["table_name"].to_list()
    assert "contact" in listed and "household_last_contact" not in listed  # a view, not a table
    labels = queries.run(database, "privacy/column_labels")
    assert access_export.labels(database)[("household", "phone")] == PHONE_LABEL
    assert labels.height > 100


def test_the_export_holds_every_section_private_notes_and_history(database):
    demo.create_demo_database(database, households=20, seed=7)
    hid = named_household(database)
    export = access_export.collect(database, hid)
    sections = export["sections"]
    assert list(sections) == list(access_export.SECTIONS)
    assert sections["household"]["lignes"][0]["phone"] == NEW_PHONE
    assert {p["first_name"] for p in sections["person"]["lignes"]} == {NAMES[1], NAMES[2]}
    notes = [c["private_note"] for c in sections["contact"]["lignes"]]
    assert f"{NAMES[0]} inquiète pour {NAMES[2]}" in notes
    history = sections["audit_log"]["lignes"]
    assert {row["entity"] for row in history} >= {"household", "person", "contact"}
    assert any(row["action"] == "close" for row in history)
    assert sections["household_status_event"]["lignes"]
    data = json.loads(access_export.to_json(export))
    assert data["sections"]["household"]["lignes"][0]["email"] == EMAIL
    assert NAMES[1] in access_export.to_json(export)  # readable, not escaped

    pdf = to_pdf(export, access_export.labels(database))
    document = pdfium.PdfDocument(pdf)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    assert "Droit d'accès" in text and "Historique des modifications" in text
    assert NAMES[0] in text and NEW_PHONE in text and PHONE_LABEL in text
    for title in access_export.SECTIONS.values():
        assert title in text.replace("\r\n", " ").replace("\n", " "), title


def access_rows(database) -> list[tuple]:
    return (
        database.cursor()
        .execute(
            "SELECT username, entity, entity_id, detail FROM access_log WHERE action = 'export'"
        )
        .fetchall()
    )


def test_the_household_file_button_exports_and_logs(database):
    demo.create_demo_database(database, households=20, seed=7)
    hid = named_household(database)
    at = open_page(database, "direction", "pages/household_file.py", {"id": str(hid)})
    assert not at.exception
    at.button(key=f"access_export_{hid}_button").click().run()
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Télécharger le PDF", "Télécharger le JSON"]
    assert access_rows(database) == [
        ("direction", "household", str(hid), "droit d'accès (PDF et JSON)")
    ]

    social = open_page(database, "social", "pages/household_file.py", {"id": str(hid)})
    assert social.title[0].value.startswith("Dossier ")  # the file opens, without the button
    assert BUTTON not in [button.label for button in social.button]

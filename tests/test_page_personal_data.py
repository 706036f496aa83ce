"""Administration, « Données personnelles »: the files past retention listed, a dry run
that writes nothing, anonymisation only after the explicit confirmation, erasure of a
closed file behind its own confirmation."""

from __future__ import annotations

from db.demo import generate as demo
from db.privacy import anonymise
from tests.conftest import open_page

PAGE = "pages/users_admin.py"


def texts(at) -> str:
    return " ".join(str(e.value) for e in list(at.success) + list(at.info) + list(at.caption))


def test_files_past_retention_are_anonymised_after_a_dry_run_and_a_confirmation(database):
    demo.create_demo_database(database, households=60, seed=7)
    waiting = anonymise.eligible(database)
    assert waiting.height > 0
    at = open_page(database, "admin", PAGE, {"onglet": "Données personnelles"})
    assert not at.exception
    shown = [frame.value for frame in at.dataframe]
    assert any(
        "N° de dossier" in frame.columns
        and set(frame["N° de dossier"]) == set(waiting["file_number"])
        for frame in shown
    )
    version = database.data_version
    assert "privacy_anonymise" not in keys(at), "no anonymisation before a dry run"
    at.button(key="privacy_dry").click().run()
    assert database.data_version == version, "the dry run writes nothing"
    assert any("Valeurs retirées" in frame.value.columns for frame in at.dataframe)
    assert at.button(key="privacy_anonymise").disabled
    assert anonymise.eligible(database).height == waiting.height, "no confirmation, no change"

    at.checkbox(key="privacy_anonymise_ok").check().run()
    at.button(key="privacy_anonymise").click().run()
    assert not at.exception
    assert f"{waiting.height} dossier(s) anonymisé(s)" in texts(at)
    assert "Aucun dossier à anonymiser." in texts(at)
    assert anonymise.eligible(database).height == 0


def keys(at) -> set:
    return {button.key for button in at.button}


def test_a_closed_file_is_erased_after_its_confirmation(database):
    demo.create_demo_database(database, households=30, seed=7)
    hid, number = (
        database.cursor()
        .execute("SELECT id, file_number FROM household WHERE status = 'clos' ORDER BY id LIMIT 1")
        .fetchone()
    )
    at = open_page(database, "admin", PAGE, {"onglet": "Données personnelles"})
    at.selectbox(key="privacy_erase_file").select(number).run()
    assert at.button(key="privacy_erase").disabled
    at.checkbox(key="privacy_erase_ok").check().run()
    at.button(key="privacy_erase").click().run()
    assert not at.exception
    assert f"Dossier {number} effacé" in texts(at)
    left = database.cursor().execute("SELECT count(*) FROM household WHERE id = ?", [hid])
    assert left.fetchone()[0] == 0
    assert number not in at.selectbox(key="privacy_erase_file").options


def test_held_back_files_say_why_and_a_file_is_held_with_its_reason(database):
    demo.create_demo_database(database, households=60, seed=7)
    waiting = anonymise.eligible(database)
    kept = anonymise.held_back(database)
    at = open_page(database, "admin", PAGE, {"onglet": "Données personnelles"})
    reasons = [f.value for f in at.dataframe if "Pourquoi il est gardé" in f.value.columns]
    if kept.height:
        assert set(reasons[0]["N° de dossier"]) == set(kept["file_number"])
    number = waiting["file_number"][0]
    at.button(key="privacy_hold_ok").click().run()
    assert "Choisissez le dossier à garder." in " ".join(e.value for e in at.error)
    at.selectbox(key="privacy_hold_file").select(number)
    at.text_input(key="privacy_hold_reason").input("Litige avec le bailleur")
    at.button(key="privacy_hold_ok").click().run()
    assert not at.exception
    assert f"Dossier {number} gardé hors de l'anonymisation" in texts(at)
    shown = [f.value for f in at.dataframe if "Pourquoi il est gardé" in f.value.columns][0]
    line = shown.loc[shown["N° de dossier"] == number, "Pourquoi il est gardé"].iloc[0]
    assert "Gardé par l'administration le" in line and "Litige avec le bailleur" in line
    left = waiting.height - 1
    at.button(key="privacy_dry").click().run()
    assert f"définitive de {left} dossier(s)" in at.checkbox(key="privacy_anonymise_ok").label
    assert at.button(key="privacy_anonymise").label == f"Anonymiser les {left} dossiers"

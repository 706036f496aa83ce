"""AppTest of pages/intake.py: a valid intake, an invalid one, the duplicate warning."""

import json

from tests.conftest import open_page
from tests.household_builders import fill_valid

PAGE = "pages/intake.py"


def count(database, table):
    return database.cursor().execute("SELECT count(*) FROM " + table).fetchone()[0]


def open_form(database, username="accueil"):
    return open_page(database, username, PAGE)


def test_valid_intake_creates_household_members_resources_and_audit(database):
    from db.demo import generate as demo

    demo.create_demo_accounts(database)
    at = fill_valid(open_form(database))
    before = count(database, "audit_log")
    at.button(key="intake_save").click().run()
    assert not at.exception
    assert "créé" in at.success[0].value
    assert count(database, "household") == 1
    assert count(database, "person") == 1
    assert count(database, "resource") == 1
    assert count(database, "contact") == 1
    entities = [
        r[0]
        for r in database.cursor()
        .execute("SELECT entity FROM audit_log ORDER BY id")
        .fetchall()[before:]
    ]
    assert sorted(entities) == ["contact", "household", "person", "resource"]
    number, phone, key = (
        database.cursor().execute("SELECT file_number, phone, search_key FROM household").fetchone()
    )
    assert number.endswith("-0001") and phone == "06 11 22 33 44" and "eloise" in key
    diff = json.loads(
        database.cursor()
        .execute("SELECT diff FROM audit_log WHERE entity = 'resource'")
        .fetchone()[0]
    )
    assert diff["kind"] == [None, "rsa"]


def test_invalid_intake_shows_french_errors_keeps_input_and_writes_nothing(database):
    from db.demo import generate as demo

    demo.create_demo_accounts(database)
    at = open_form(database)
    at.text_input(key="intake_m0_last").input("Martin")
    at.text_input(key="intake_phone").input("12345")
    at.text_input(key="intake_postal_code").input("330")
    at.run()
    before = count(database, "audit_log")
    at.button(key="intake_save").click().run()
    shown = [e.value for e in at.error]
    assert "numéro à 10 chiffres attendu, par exemple 06 12 34 56 78" in shown  # beside it
    assert "5 chiffres attendus, par exemple 33000" in shown  # postal code "330"
    assert "Prénom : à renseigner" in shown  # named, under the members row
    assert "à renseigner" in shown  # commune
    summary = next(m for m in shown if m.startswith("Rien n'a été enregistré"))
    assert "4 point(s) à corriger" in summary and "Votre saisie est conservée" in summary
    assert at.text_input(key="intake_m0_last").value == "Martin"
    assert count(database, "household") == 0 and count(database, "audit_log") == before


def test_duplicate_warning_then_confirmation(demo_database):
    existing = (
        demo_database.cursor()
        .execute("SELECT h.phone, h.file_number FROM household h WHERE phone IS NOT NULL LIMIT 1")
        .fetchone()
    )
    households_before = count(demo_database, "household")
    at = fill_valid(open_form(demo_database), last="Zyx", first="Abc", phone=existing[0])
    at.button(key="intake_save").click().run()
    assert "ressemblent à cette demande" in at.warning[-1].value
    links = " ".join(link.label for link in at.get("page_link"))
    assert existing[1] in links and "même numéro de téléphone" in links
    assert count(demo_database, "household") == households_before
    at.button(key="intake_confirm").click().run()
    assert "créé" in at.success[0].value
    assert count(demo_database, "household") == households_before + 1


def test_duplicate_ignores_case_and_accents(demo_database):
    from datetime import date

    cur = demo_database.cursor()
    cur.execute(
        "UPDATE person SET last_name = 'Lefèvre', first_name = 'Éloïse',"
        " birth_date = DATE '1990-05-04' WHERE id = 1"
    )
    cur.execute("UPDATE person SET name_key = 'lefevre eloise' WHERE id = 1")
    at = fill_valid(
        open_form(demo_database), last="LEFEVRE", first="eloise", phone="06 99 99 99 98"
    )
    at.date_input(key="intake_m0_birth").set_value(date(1990, 5, 4)).run()
    at.button(key="intake_save").click().run()
    links = " ".join(link.label for link in at.get("page_link"))
    assert "même nom, prénom et date de naissance" in links


def test_without_consent_only_an_anonymous_contact_is_kept(database):
    from db.demo import generate as demo

    demo.create_demo_accounts(database)
    at = fill_valid(open_form(database))
    at.checkbox(key="intake_consent").uncheck().run()
    assert "contact anonyme" in at.warning[0].value
    at.button(key="intake_save").click().run()
    row = database.cursor().execute("SELECT anonymous, phone, head_name FROM household").fetchone()
    assert row == (True, None, "ANONYME Personne 1")
    names = database.cursor().execute("SELECT last_name, birth_date FROM person").fetchall()
    assert names == [("Anonyme", None)]


def test_roles_without_intake_are_refused(demo_database):
    at = open_page(demo_database, "gestion", PAGE)
    assert "pas accessible" in at.error[0].value
    assert [b.key for b in at.button] == ["sign_out"]


ISSUE_NOTE = (
    "Mme Zorglubeski Ermengarde, tel 06 99 88 77 66, fuit son conjoint M. Zorglubeski Bertrand"
)


def test_without_consent_the_note_keeps_no_name_nor_phone_in_contact_or_audit(database):
    from db.demo import generate as demo

    demo.create_demo_accounts(database)
    at = fill_valid(open_form(database), last="Zorglubeski", first="Ermengarde")
    at.checkbox(key="intake_consent").uncheck().run()
    at.text_area(key="intake_note").input(ISSUE_NOTE).run()
    before = "Sans consentement, la note sera enregistrée sans : 2 noms, 1 numéro de téléphone."
    assert before in [info.value for info in at.info]
    at.button(key="intake_save").click().run()
    assert not at.exception
    after = "Sans consentement, la note a été enregistrée sans : 2 noms, 1 numéro de téléphone."
    assert after in [info.value for info in at.info]
    (summary,) = database.cursor().execute("SELECT summary FROM contact").fetchone()
    assert summary == "[nom retiré], tel [téléphone retiré], fuit son conjoint [nom retiré]"
    audit = database.cursor().execute("SELECT diff FROM audit_log").fetchall()
    diffs = " ".join(row[0] for row in audit)
    for nominative in ("Zorglubeski", "Ermengarde", "Bertrand", "06 99", "0699", "99 88"):
        assert nominative not in diffs
    assert "[nom retir" in diffs  # the JSON escapes the accent


def test_with_consent_the_note_is_kept_word_for_word(database):
    from db.demo import generate as demo

    demo.create_demo_accounts(database)
    at = fill_valid(open_form(database))
    at.text_area(key="intake_note").input(ISSUE_NOTE).run()
    assert not [info.value for info in at.info if "Sans consentement" in info.value]
    at.button(key="intake_save").click().run()
    (summary,) = database.cursor().execute("SELECT summary FROM contact").fetchone()
    assert summary == ISSUE_NOTE

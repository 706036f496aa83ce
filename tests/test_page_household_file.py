"""AppTest of pages/household_file.py: sections by role, stale edit, private notes, closing."""

from datetime import date

import pytest

import queries
from db.errors import PermissionDeniedError, StaleRecordError
from db.households import writes as households
from db.households.models import CloseIn, ContactIn, HouseholdEdit
from tests.conftest import actor_of, head_of
from tests.household_builders import a_file_of, open_file


def edit_of(database, household_id, **changes) -> HouseholdEdit:
    current = households.load_household(database.cursor(), household_id)
    fields = {k: current[k] for k in HouseholdEdit.model_fields}
    return HouseholdEdit.model_validate({**fields, **changes})


def tab_labels(at):
    return [tab.label for tab in at.tabs]


def test_referent_sees_every_section_and_opening_is_logged(demo_database):
    hid = a_file_of(demo_database)
    at = open_file(demo_database, "social", hid)
    assert not at.exception
    assert tab_labels(at) == [
        "Informations",
        "Membres",
        "Ressources",
        "Contacts",
        "Mesures",
        "Procédure d'expulsion",
        "Plans d'apurement",
        "Médiations",
        "FSL",
        "Autres actions",
        "Historique",
    ]
    assert "Total mensuel" not in [m.label for m in at.metric]  # a closed tab is not drawn
    logged = (
        demo_database.cursor()
        .execute(
            "SELECT username FROM access_log WHERE action = 'read' AND entity_id = ?", [str(hid)]
        )
        .fetchall()
    )
    assert logged == [("social",)]
    at.query_params["onglet"] = "Ressources"
    assert "Total mensuel" in [m.label for m in at.run().metric]


def test_reception_sees_general_information_only(demo_database):
    at = open_file(demo_database, "accueil", a_file_of(demo_database))
    assert tab_labels(at) == ["Informations", "Membres"]
    assert "Total mensuel" not in [m.label for m in at.metric]


def test_another_workers_file_is_refused(demo_database):
    at = open_file(demo_database, "social", a_file_of(demo_database, "kbenali"))
    assert "pas accessible" in at.error[0].value
    assert not at.tabs


def test_private_note_is_invisible_to_another_worker(demo_database, admin):
    hid = a_file_of(demo_database)
    social = actor_of(demo_database, "social")
    households.add_contact(
        demo_database,
        social,
        hid,
        ContactIn(
            contact_on=date.today(),
            channel="telephone",
            summary="Appel de suivi",
            private_note="Secret de Samia",
        ),
    )
    mine = open_file(demo_database, "social", hid, "Contacts")
    assert any("Secret de Samia" in t.value for t in mine.text)
    director = open_file(demo_database, "direction", hid, "Contacts")
    shown = " ".join(
        e.value for kind in (director.text, director.caption, director.markdown) for e in kind
    )
    assert "Appel de suivi" in shown and "Secret de Samia" not in shown


def test_contact_updates_last_contact_and_is_audited(demo_database):
    """A contact is a record of its own: one audit row for it, none for the household,
    whose last contact date is derived and whose version stays."""
    hid = a_file_of(demo_database)
    social = actor_of(demo_database, "social")
    before = households.load_household(demo_database.cursor(), hid)
    households.add_contact(
        demo_database,
        social,
        hid,
        ContactIn(contact_on=date.today(), channel="entretien", summary="Point budget"),
    )
    current = households.load_household(demo_database.cursor(), hid)
    assert current["last_contact_on"] == date.today()
    assert current["version"] == before["version"]
    entities = [
        r[0]
        for r in demo_database.cursor()
        .execute("SELECT entity FROM audit_log WHERE household_id = ? ORDER BY id", [hid])
        .fetchall()
    ]
    assert entities[-2:] != ["contact", "household"] and entities[-1] == "contact"
    at = open_file(demo_database, "social", hid, "Historique")
    history = at.dataframe[-1].value
    newest = history.iloc[0]
    assert (newest["Action"], newest["Objet"], newest["Détail"]) == (
        "Création",
        "Contact",
        "Entretien",
    )


def test_stale_edit_is_refused_naming_who_changed_it(demo_database, admin):
    hid = a_file_of(demo_database)
    social = actor_of(demo_database, "social")
    version = households.load_household(demo_database.cursor(), hid)["version"]
    households.update_household(
        demo_database, admin, hid, version, edit_of(demo_database, hid, commune="Cenon")
    )
    with pytest.raises(StaleRecordError) as refused:
        households.update_household(
            demo_database, social, hid, version, edit_of(demo_database, hid, commune="Talence")
        )
    assert "test-admin" in str(refused.value) and refused.value.changed_by == "test-admin"
    assert households.load_household(demo_database.cursor(), hid)["commune"] == "Cenon"


def test_stale_edit_in_the_page_shows_the_newer_data(demo_database, admin):
    hid = a_file_of(demo_database)
    at = open_file(demo_database, "social", hid)
    version = households.load_household(demo_database.cursor(), hid)["version"]
    households.update_household(
        demo_database, admin, hid, version, edit_of(demo_database, hid, commune="Floirac")
    )
    commune = next(t for t in at.text_input if t.label == "Commune")
    commune.input("Talence")
    save = next(b for b in at.button if b.label == "Enregistrer les modifications")
    save.click().run()
    assert any("test-admin a enregistré une modification" in e.value for e in at.error)
    assert households.load_household(demo_database.cursor(), hid)["commune"] == "Floirac"
    assert any("Floirac" in m.value for m in at.markdown)


def test_edit_refused_to_a_non_referent(demo_database):
    hid = a_file_of(demo_database, "kbenali")
    version = households.load_household(demo_database.cursor(), hid)["version"]
    with pytest.raises(PermissionDeniedError):
        households.update_household(
            demo_database,
            actor_of(demo_database, "social"),
            hid,
            version,
            edit_of(demo_database, hid, commune="Cenon"),
        )


def test_close_and_reopen_with_history(demo_database):

    hid = a_file_of(demo_database)
    social = actor_of(demo_database, "social")
    version = households.load_household(demo_database.cursor(), hid)["version"]
    closed = households.close_household(
        demo_database, social, hid, version, CloseIn(reason="reloge", closed_on=date.today())
    )
    assert closed["status"] == "clos"
    reopened = households.reopen_household(demo_database, social, hid, version + 1)
    assert reopened["status"] == "actif" and reopened["close_reason"] is None
    at = open_file(demo_database, "social", hid, "Historique")
    history = at.dataframe[-1].value
    assert list(history["Action"][:2]) == ["Réouverture", "Clôture"]


def test_referent_adds_a_member_from_the_file(demo_database):
    hid = a_file_of(demo_database)
    at = open_file(demo_database, "social", hid, "Membres")
    before = at.dataframe[0].value.shape[0]
    form_inputs = [t for t in at.text_input if t.form_id == f"add_member_{hid}_0"]
    form_inputs[0].input("Petit")
    form_inputs[1].input("Noé")
    next(b for b in at.button if b.label == "Ajouter le membre").click().run()
    assert not at.exception
    assert at.dataframe[0].value.shape[0] == before + 1
    assert "Noé" in list(at.dataframe[0].value["Prénom"])


def test_closing_from_the_file_needs_a_reason_and_a_confirmation(demo_database):
    hid = a_file_of(demo_database)
    at = open_file(demo_database, "social", hid)
    close = at.button(key=f"close_{hid}")
    assert close.disabled
    at.selectbox(key=f"close_reason_{hid}").select("reloge").run()
    assert at.button(key=f"close_{hid}").disabled  # not confirmed yet
    at.checkbox(key=f"close_ok_{hid}").check().run()
    at.button(key=f"close_{hid}").click().run()
    assert not at.exception
    current = households.load_household(demo_database.cursor(), hid)
    assert (current["status"], current["close_reason"]) == ("clos", "reloge")
    assert any("Dossier clos le" in i.value for i in at.info)


def test_a_file_shown_again_after_someone_else_saved_can_be_saved(demo_database, admin):
    hid = a_file_of(demo_database)
    at = open_file(demo_database, "social", hid)
    version = households.load_household(demo_database.cursor(), hid)["version"]
    households.update_household(
        demo_database, admin, hid, version, edit_of(demo_database, hid, commune="Floirac")
    )
    at.run()  # any interaction redraws the file: the newer data is now on screen
    next(t for t in at.text_input if t.label == "Commune").input("Talence")
    next(b for b in at.button if b.label == "Enregistrer les modifications").click().run()
    assert not any("a enregistré une modification" in e.value for e in at.error)
    assert households.load_household(demo_database.cursor(), hid)["commune"] == "Talence"


def test_referent_corrects_a_member_from_the_file(demo_database):
    hid = a_file_of(demo_database)
    head = head_of(demo_database, hid)
    at = open_file(demo_database, "social", hid, "Membres")
    at.selectbox(key=f"fix_member_{hid}").set_value(head).run()
    first_name = next(
        t
        for t in at.text_input
        if t.form_id == f"fix_member_{hid}_{head}_0" and t.label == "Prénom"
    )
    first_name.input("Anaïs")
    next(b for b in at.button if b.label == "Enregistrer le membre").click().run()
    assert not at.exception
    assert at.title[0].value.endswith("Anaïs")


def test_an_invalid_member_shows_french_errors_and_writes_nothing(demo_database):
    hid = a_file_of(demo_database)
    before = demo_database.cursor().execute("SELECT count(*) FROM person").fetchone()[0]
    at = open_file(demo_database, "social", hid, "Membres")
    next(b for b in at.button if b.label == "Ajouter le membre").click().run()
    messages = " ".join(e.value for e in at.error)
    assert "Nom : à renseigner" in messages and "Prénom : à renseigner" in messages
    after = demo_database.cursor().execute("SELECT count(*) FROM person").fetchone()[0]
    assert after == before


def test_removing_a_resource_asks_for_a_confirmation(demo_database):
    hid, resource = (
        demo_database.cursor()
        .execute(
            "SELECT h.id, r.id FROM household h JOIN resource r ON r.household_id = h.id"
            " WHERE h.referent = 'social' AND h.status = 'actif' ORDER BY h.id LIMIT 1"
        )
        .fetchone()
    )
    at = open_file(demo_database, "social", hid, "Ressources")
    at.selectbox(key=f"rm_res_{hid}").set_value(resource).run()
    assert at.button(key=f"rm_res_{hid}_btn").disabled
    at.checkbox(key=f"rm_res_{hid}_ok").check().run()
    at.button(key=f"rm_res_{hid}_btn").click().run()
    assert not at.exception
    ended = (
        demo_database.cursor()
        .execute("SELECT valid_until FROM resource WHERE id = ?", [resource])
        .fetchone()[0]
    )
    assert ended == date.today()  # kept, dated: no longer among the current resources
    shown = queries.run(demo_database, "households/resources", household_id=hid, day=date.today())
    assert resource not in shown["id"].to_list()


def save_commune_as_admin(database, household_id, commune):
    at = open_file(database, "admin", household_id)
    next(t for t in at.text_input if t.label == "Commune").input(commune)
    next(b for b in at.button if b.label == "Enregistrer les modifications").click().run()
    assert not at.exception
    return at


def test_a_referent_whose_account_is_disabled_is_kept_on_save(demo_database, admin):
    """The referent select shows the current referent even when no longer an active social
    worker, and a save of another field keeps them (it used to set the first worker)."""
    from db.accounts import users

    hid = a_file_of(demo_database, "kbenali")
    users.set_active(demo_database, admin, "kbenali", False)
    at = save_commune_as_admin(demo_database, hid, "Cenon")
    shown = next(s for s in at.selectbox if s.label == "Référent·e")
    assert "(compte inactif)" in shown.format_func(shown.value)
    saved = households.load_household(demo_database.cursor(), hid)
    assert (saved["commune"], saved["referent"]) == ("Cenon", "kbenali")


def test_a_file_without_referent_is_saved_without_one(demo_database):
    hid = a_file_of(demo_database)
    demo_database.cursor().execute(
        "UPDATE household SET referent = NULL WHERE id = $id", {"id": hid}
    )
    at = save_commune_as_admin(demo_database, hid, "Bègles")
    shown = next(s for s in at.selectbox if s.label == "Référent·e")
    assert shown.format_func(shown.value) == "— aucun —"
    saved = households.load_household(demo_database.cursor(), hid)
    assert (saved["commune"], saved["referent"]) == ("Bègles", None)


def test_an_amount_typed_the_french_way_is_saved_exactly(demo_database):
    hid = a_file_of(demo_database)
    at = open_file(demo_database, "social", hid, "Ressources")
    amount = next(t for t in at.text_input if t.label == "Montant mensuel (€)")
    amount.input("85,50")
    next(b for b in at.button if b.label == "Ajouter la ressource").click().run()
    assert not at.exception
    saved = (
        demo_database.cursor()
        .execute(
            "SELECT monthly_amount FROM resource WHERE household_id = $id ORDER BY id DESC LIMIT 1",
            {"id": hid},
        )
        .fetchone()[0]
    )
    assert str(saved) == "85.50"


def test_a_refused_edit_shows_its_message_beside_the_field_and_keeps_the_input(demo_database):
    hid = a_file_of(demo_database)
    before = households.load_household(demo_database.cursor(), hid)
    at = open_file(demo_database, "social", hid)
    long_address = "12 rue des Lilas " * 20  # 340 characters
    next(t for t in at.text_input if t.label == "Adresse").input(long_address)
    next(b for b in at.button if b.label == "Enregistrer les modifications").click().run()
    assert not at.exception
    assert "trop long : 200 caractères au plus" in [e.value for e in at.error]
    summary = next(e.value for e in at.error if e.value.startswith("Rien n'a été enregistré"))
    assert "1 point(s) à corriger" in summary and "Adresse : trop long" in summary
    assert next(t for t in at.text_input if t.label == "Adresse").value == long_address
    assert households.load_household(demo_database.cursor(), hid)["version"] == before["version"]


def test_a_stale_save_names_the_person_and_keeps_what_was_typed(demo_database):
    hid = a_file_of(demo_database)
    at = open_file(demo_database, "social", hid)
    version = households.load_household(demo_database.cursor(), hid)["version"]
    households.update_household(
        demo_database,
        actor_of(demo_database, "admin"),
        hid,
        version,
        edit_of(demo_database, hid, commune="Floirac"),
    )
    next(t for t in at.text_input if t.label == "Commune").input("Talence")
    next(b for b in at.button if b.label == "Enregistrer les modifications").click().run()
    refusal = next(e.value for e in at.error if "a enregistré une modification" in e.value)
    assert refusal.startswith(
        "Alice Admin a enregistré une modification le"
    )  # the person, not the login
    assert "Commune : Talence" in [t.value for t in at.text]
    assert households.load_household(demo_database.cursor(), hid)["commune"] == "Floirac"


def test_the_file_shows_its_dated_openings_closings_and_situations(demo_database, admin):
    hid = a_file_of(demo_database)
    current = households.load_household(demo_database.cursor(), hid)
    today = date.today()
    closing = CloseIn(reason="reloge", closed_on=today)
    households.close_household(demo_database, admin, hid, current["version"], closing)
    households.reopen_household(demo_database, admin, hid, current["version"] + 1)
    at = open_file(demo_database, "social", hid)
    shown = [t.value for t in at.text]
    opened = f"Ouverture le {current['opened_on']:%d/%m/%Y}"
    assert shown[:3] == [
        opened,
        f"Clôture le {today:%d/%m/%Y} (Relogé)",
        f"Réouverture le {today:%d/%m/%Y}",
    ]
    assert any(t.startswith(f"Depuis le {current['opened_on']:%d/%m/%Y} : ") for t in shown)

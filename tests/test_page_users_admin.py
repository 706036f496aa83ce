"""AppTest of pages/users_admin.py: the admin manages accounts; nobody else gets in."""

import bcrypt
import pytest

from db.accounts import users
from tests.conftest import ROOT, app_test, open_page, sign_in_apptest

PAGE = "pages/users_admin.py"


def test_admin_sees_accounts_and_creates_one(demo_database):
    at = open_page(demo_database, "admin", PAGE)
    assert not at.exception
    assert "social" in at.dataframe[0].value["Identifiant"].to_list()
    at.text_input[0].input("lea")
    at.text_input[1].input("Léa Martin")
    at.checkbox(key="add_role_accueil").check()
    at.button[0].click().run()
    assert "Mot de passe provisoire" in at.success[0].value
    created = users.load_user(demo_database.cursor(), "lea")
    assert created["roles"] == ["accueil"] and created["display_name"] == "Léa Martin"


def test_invalid_account_shows_french_errors_and_writes_nothing(demo_database):
    at = open_page(demo_database, "admin", PAGE)
    at.text_input[0].input("X")  # capital letter, too short
    at.button[0].click().run()
    messages = " ".join(e.value for e in at.error)
    assert "Identifiant" in messages and "Rôles" in messages
    assert users.load_user(demo_database.cursor(), "x") is None


def test_other_roles_are_refused(demo_database):
    at = open_page(demo_database, "social", PAGE)
    assert "pas accessible" in at.error[0].value
    assert not at.dataframe


def test_admin_opens_every_file_to_the_team_with_an_audited_setting(demo_database):
    from db.settings import get_setting

    at = open_page(demo_database, "admin", PAGE, {"onglet": "Réglages"})
    at.toggle(key="team_reads_all").set_value(True).run()
    assert get_setting(demo_database, "team_reads_all_files") is True
    action, entity = (
        demo_database.cursor()
        .execute("SELECT action, entity FROM audit_log ORDER BY id DESC LIMIT 1")
        .fetchone()
    )
    assert (action, entity) == ("update", "setting")


def typed_into(at, key_start: str, key_end: str):
    """The text field of a form whose key (generation included) starts and ends so."""
    return next(
        t
        for t in at.text_input
        if t.key and t.key.startswith(key_start) and t.key.endswith(key_end)
    )


def test_a_number_setting_refuses_a_comma_beside_its_field_and_saves_a_whole_number(
    demo_database,
):
    from db.settings import get_setting

    at = open_page(demo_database, "admin", PAGE, {"onglet": "Réglages"})
    typed_into(at, "measure_review_months", "_value").set_value("2,5")
    at.button(key="save_measure_review_months").click().run()
    assert "Un nombre entier de 1 à 3650, sans virgule." in [e.value for e in at.error]
    assert typed_into(at, "measure_review_months", "_value").value == "2,5"  # kept
    assert get_setting(demo_database, "measure_review_months") == 3
    typed_into(at, "measure_review_months", "_value").set_value("2")
    at.button(key="save_measure_review_months").click().run()
    assert get_setting(demo_database, "measure_review_months") == 2
    assert not at.error


def test_admin_adds_a_measure_kind_with_its_maximum_and_withdraws_it(demo_database):
    import queries

    at = open_page(demo_database, "admin", PAGE, {"onglet": "Listes de l'accompagnement"})
    typed_into(at, "add_measure_kind", "_label").set_value("Accompagnement renforcé")
    typed_into(at, "add_measure_kind", "_max").set_value("9")
    at.button(key="save_add_measure_kind").click().run()
    kinds = queries.run(demo_database, "support/catalog", list="measure_kind")
    added = kinds.filter(kinds["code"] == "accompagnement_renforce").row(0, named=True)
    assert (added["label"], added["max_months"], added["active"]) == (
        "Accompagnement renforcé",
        9,
        True,
    )
    at.selectbox(key="change_measure_kind_code").set_value("accompagnement_renforce").run()
    box = next(c for c in at.checkbox if (c.key or "").endswith("_active_accompagnement_renforce"))
    box.uncheck()
    at.button(key="save_change_measure_kind").click().run()
    kinds = queries.run(demo_database, "support/catalog", list="measure_kind")
    assert kinds.filter(kinds["code"] == "accompagnement_renforce")["active"].to_list() == [False]
    assert not at.exception and not at.error


def test_a_maximum_in_words_is_refused_beside_its_field(demo_database):
    import queries

    at = open_page(demo_database, "admin", PAGE, {"onglet": "Listes de l'accompagnement"})
    typed_into(at, "add_measure_kind", "_label").set_value("Mesure X")
    typed_into(at, "add_measure_kind", "_max").set_value("douze")
    at.button(key="save_add_measure_kind").click().run()
    assert "Un nombre entier de 1 à 120, sans virgule." in [e.value for e in at.error]
    kinds = queries.run(demo_database, "support/catalog", list="measure_kind")
    assert "mesure_x" not in kinds["code"].to_list()


# --- Accounts: reset, unlock, disable; forced and own password change ----------------------


def last_audit(database, username: str):
    return (
        database.cursor()
        .execute(
            "SELECT username, action FROM audit_log WHERE entity = 'users' AND entity_id = ?"
            " ORDER BY id DESC LIMIT 1",
            [username],
        )
        .fetchone()
    )


def choose_account(at, username: str):
    at.selectbox[0].set_value(username).run()
    return at


def test_a_reset_asks_a_confirmation_shows_the_password_once_and_is_audited(demo_database):
    at = choose_account(open_page(demo_database, "admin", PAGE), "social")
    assert at.button(key="reset_pw").disabled  # not before the confirmation
    at.checkbox(key="reset_ok_social").check().run()
    at.button(key="reset_pw").click().run()
    shown = next(s.value for s in at.success if "Mot de passe provisoire" in s.value)
    password = shown.split("`")[1]
    assert users.password_refusal(password, "social") is None
    stored = users.read_user(demo_database, "social")
    assert bcrypt.checkpw(password.encode(), stored["password_hash"].encode())
    assert stored["must_change_password"] is True
    assert last_audit(demo_database, "social") == ("admin", "reset_password")
    at.run()  # shown once: gone at the next action
    assert not any(password in s.value for s in at.success)


def test_a_created_account_must_change_its_password(demo_database):
    at = open_page(demo_database, "admin", PAGE)
    at.text_input[0].input("lea")
    at.text_input[1].input("Léa Martin")
    at.checkbox(key="add_role_accueil").check()
    at.button[0].click().run()
    assert users.must_change_password(demo_database, "lea")
    assert last_audit(demo_database, "lea") == ("admin", "create")


def test_admin_unlocks_a_locked_account_audited(demo_database):
    for _ in range(users.MAX_FAILED_ATTEMPTS):
        users.record_failed_login(demo_database, "accueil")
    at = choose_account(open_page(demo_database, "admin", PAGE), "accueil")
    assert any("Verrouillé jusqu'à" in w.value for w in at.warning)
    at.button(key="unlock").click().run()
    stored = users.read_user(demo_database, "accueil")
    assert stored["locked_until"] is None and stored["failed_attempts"] == 0
    assert last_audit(demo_database, "accueil") == ("admin", "unlock")
    assert not any("Verrouillé" in w.value for w in at.warning)


def test_disable_is_confirmed_audited_and_there_is_no_delete(demo_database):
    at = choose_account(open_page(demo_database, "admin", PAGE), "gestion")
    assert not any("Supprimer" in b.label for b in at.button)
    assert at.button(key="toggle_active").disabled
    at.checkbox(key="off_ok_gestion").check().run()
    at.button(key="toggle_active").click().run()
    assert users.read_user(demo_database, "gestion")["active"] is False
    assert last_audit(demo_database, "gestion") == ("admin", "disable")
    at.button(key="toggle_active").click().run()  # « Réactiver », no confirmation needed
    assert users.read_user(demo_database, "gestion")["active"] is True
    assert last_audit(demo_database, "gestion") == ("admin", "enable")


def test_a_disabled_user_s_open_session_ends_at_its_next_action(demo_database, admin):
    at = open_page(demo_database, "social", "pages/home.py")
    assert at.title[0].value.startswith("Bonjour")
    users.set_active(demo_database, admin, "social", False)
    at.run()
    assert not any(t.value.startswith("Bonjour") for t in at.title)
    assert at.session_state["authentication_status"] is None


def password_fields(at):
    return [at.text_input(key=f"own_password_{f}") for f in ("current", "new", "confirmation")]


def submit_password(at, current: str, new: str, confirmation: str | None = None):
    for field, value in zip(password_fields(at), (current, new, confirmation or new), strict=True):
        field.input(value)
    return at.button(key="FormSubmitter:own_password-Changer mon mot de passe").click().run()


def test_a_temporary_password_hides_the_app_until_a_new_one_is_chosen(demo_database, admin):
    users.reset_password(demo_database, admin, "social", "provisoire-2026")
    at = app_test("app.py")
    sign_in_apptest(at, demo_database, "social")
    at.run()
    assert [t.value for t in at.title] == ["Choisissez votre nouveau mot de passe"]
    assert not at.dataframe and not at.tabs and not at.expander  # nothing of Mon espace
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(str(ROOT / "pages/support.py"))  # no page is registered
    submit_password(at, "provisoire-2026", "court")
    assert "Le mot de passe compte au moins 12 caractères." in [e.value for e in at.error]
    assert users.must_change_password(demo_database, "social")
    submit_password(at, "provisoire-2026", "une phrase à moi", "une phrase à moi")
    assert not users.must_change_password(demo_database, "social")
    assert not at.exception
    assert "Choisissez votre nouveau mot de passe" not in [t.value for t in at.title]
    assert at.session_state["authentication_status"]  # this session stays open
    at.switch_page(str(ROOT / "pages/home.py")).run()
    assert at.title[0].value.startswith("Bonjour")
    assert last_audit(demo_database, "social") == ("social", "change_password")


def test_everyone_changes_their_own_password_in_mon_espace(demo_database):
    at = open_page(demo_database, "accueil", "pages/home.py")
    assert "Changer mon mot de passe" in [e.label for e in at.expander]
    submit_password(at, "pas-le-bon-mot", "nouveau-secret-1")
    assert "Le mot de passe actuel est incorrect." in [e.value for e in at.error]
    submit_password(at, "demo-habiter", "nouveau-secret-1", "nouveau-secret-2")
    assert "La confirmation diffère du nouveau mot de passe." in [e.value for e in at.error]
    submit_password(at, "demo-habiter", "accueil-2026!")
    assert "Le mot de passe ne doit pas contenir l'identifiant." in [e.value for e in at.error]
    assert last_audit(demo_database, "accueil") == ("demo", "create")  # nothing written yet
    submit_password(at, "demo-habiter", "nouveau-secret-1")
    assert any(s.value.startswith("Mot de passe changé") for s in at.success)
    stored = users.read_user(demo_database, "accueil")
    assert bcrypt.checkpw(b"nouveau-secret-1", stored["password_hash"].encode())
    assert last_audit(demo_database, "accueil") == ("accueil", "change_password")
    assert at.title[0].value.startswith("Bonjour")  # still signed in


def test_each_number_setting_says_its_limits_before_any_refusal(demo_database):
    at = open_page(demo_database, "admin", PAGE, {"onglet": "Réglages"})
    said = [c.value for c in at.caption]
    assert "Un nombre entier de 6 à 24." in said
    assert "Un nombre entier de 10 à 1\u202f000\u202f000." in said
    assert "De 2 à 120 caractères." in said

"""AppTest of pages/users_admin.py: the admin manages accounts; nobody else gets in."""

from db.accounts import users
from tests.conftest import open_page

PAGE = "pages/users_admin.py"


def test_admin_sees_accounts_and_creates_one(demo_database):
    at = open_page(demo_database, "admin", PAGE)
    assert not at.exception
    assert "social" in at.dataframe[0].value["Identifiant"].to_list()
    at.text_input[0].input("lea")
    at.text_input[1].input("Léa Martin")
    at.multiselect[0].select("accueil")
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
    at = open_page(demo_database, "direction", PAGE)
    assert "pas accessible" in at.error[0].value
    assert not at.dataframe


def test_admin_opens_every_file_to_the_team_with_an_audited_setting(demo_database):
    from db.settings import get_setting

    at = open_page(demo_database, "admin", PAGE)
    at.toggle(key="team_reads_all").set_value(True).run()
    assert get_setting(demo_database, "team_reads_all_files") is True
    action, entity = (
        demo_database.cursor()
        .execute("SELECT action, entity FROM audit_log ORDER BY id DESC LIMIT 1")
        .fetchone()
    )
    assert (action, entity) == ("update", "setting")

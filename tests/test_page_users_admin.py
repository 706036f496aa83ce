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

    at = open_page(demo_database, "admin", PAGE)
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

    at = open_page(demo_database, "admin", PAGE)
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

    at = open_page(demo_database, "admin", PAGE)
    typed_into(at, "add_measure_kind", "_label").set_value("Mesure X")
    typed_into(at, "add_measure_kind", "_max").set_value("douze")
    at.button(key="save_add_measure_kind").click().run()
    assert "Un nombre entier de 1 à 120, sans virgule." in [e.value for e in at.error]
    kinds = queries.run(demo_database, "support/catalog", list="measure_kind")
    assert "mesure_x" not in kinds["code"].to_list()

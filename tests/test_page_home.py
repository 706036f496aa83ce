"""AppTest of app.py (navigation by role) and of the home page."""

import pytest

from db.demo.generate import DEMO_ACCOUNTS
from db.rules import PAGE_ROLES
from tests.conftest import actor_of, app_test, open_page, sign_in_apptest
from ui import nav
from ui.nav import PAGES

ROLE_OF = {username: roles[0] for username, _name, roles in DEMO_ACCOUNTS}


def test_home_greets_and_says_what_the_role_can_do(demo_database):
    at = open_page(demo_database, "accueil", "pages/home.py")
    assert not at.exception
    assert at.title[0].value == "Bonjour Anne Accueil"
    text = " ".join(m.value for m in at.markdown)
    assert "enregistrer une nouvelle demande" in text
    assert "gérer les comptes" not in text


def test_home_asks_to_sign_in_without_a_user(demo_database):
    at = app_test("pages/home.py").run()
    assert "Connectez-vous" in at.warning[0].value
    assert not at.title


@pytest.mark.parametrize("username", sorted(ROLE_OF))
def test_app_menu_lists_the_role_pages_only(demo_database, username):
    at = app_test("app.py")
    sign_in_apptest(at, demo_database, username)
    at.run()
    assert not at.exception
    actor = actor_of(demo_database, username)
    expected = {spec.key for spec in PAGES if ROLE_OF[username] in PAGE_ROLES[spec.key]}
    assert {spec.key for spec in nav.menu_pages(actor)} == expected - {"household_file"}
    assert at.sidebar.button[0].label == "Se déconnecter"


@pytest.mark.parametrize("username", sorted(ROLE_OF))
def test_a_page_outside_the_role_is_refused_in_french(demo_database, username):
    """Every page is registered, so a link to a forbidden one gets the guard's refusal,
    never Streamlit's English "Page not found"."""
    for spec in PAGES:
        at = open_page(demo_database, username, f"pages/{spec.key}.py")
        assert not at.exception
        refused = [e.value for e in at.error if "n'est pas accessible avec vos rôles" in e.value]
        assert bool(refused) == (ROLE_OF[username] not in PAGE_ROLES[spec.key]), spec.key


def test_app_without_a_user_shows_the_login_only(demo_database):
    at = app_test("app.py").run()
    assert "Habiter" in at.title[0].value
    assert not at.sidebar.button


def test_app_on_a_missing_database_says_so_in_french(tmp_path, monkeypatch):
    missing = tmp_path / "absente.duckdb"
    monkeypatch.setenv("HABITER_DB", str(missing))
    at = app_test("app.py").run()
    assert "n'existe pas" in at.error[0].value
    assert not missing.exists()


def test_home_tells_a_social_worker_what_is_due_overdue_in_red(database, admin, monkeypatch):
    """On 15/06/2026, a file of `social` has a review overdue since 10/04 and a debt plan
    ending on 01/07; one of a colleague has an FSL decision overdue, not counted."""
    from datetime import date

    from tests.support_builders import debt_plan, fsl, household, measure, team_on_the_day

    team_on_the_day(database, monkeypatch)
    hid, _ = household(database, admin, "social", "Martin")
    measure(database, admin, hid, date(2026, 1, 10), date(2026, 12, 31))
    debt_plan(database, admin, hid, date(2025, 8, 1))
    other, _ = household(database, admin, "mlefevre", "Petit")
    fsl(database, admin, other, submitted=date(2026, 3, 1))

    at = open_page(database, "social", "pages/home.py")
    said = [m.value for m in at.markdown if m.value.startswith("**À traiter")]
    assert said == ["**À traiter : 2** dans les 30 prochains jours, :red[**dont 1 en retard**]"]
    assert "Voir « À traiter » dans Accompagnement" in [link.label for link in at.get("page_link")]
    at = open_page(database, "mlefevre", "pages/home.py")
    assert [m.value for m in at.markdown if m.value.startswith("**À traiter")] == [
        "**À traiter : 1** dans les 30 prochains jours, :red[**dont 1 en retard**]"
    ]


def test_home_says_nothing_overdue_without_red_and_nothing_to_others(database):
    from db.demo.generate import create_demo_accounts

    create_demo_accounts(database)
    at = open_page(database, "social", "pages/home.py")
    said = [m.value for m in at.markdown if m.value.startswith("**À traiter")]
    assert said == ["**À traiter : 0** dans les 30 prochains jours"]
    at = open_page(database, "direction", "pages/home.py")
    assert not [m.value for m in at.markdown if "À traiter :" in m.value]
    assert "Voir « À traiter » dans Accompagnement" not in [
        link.label for link in at.get("page_link")
    ]

"""Shared fixtures: a real DuckDB file in a temporary folder, actors, AppTest sign-in."""

from __future__ import annotations

import os

import pytest

from db.accounts import users
from db.connection import close_database, open_database
from db.demo import generate as demo
from db.rules import Actor
from ui.nav import RAISE_ERRORS

# A page's unexpected error is said in French to users; in tests it also fails the test.
os.environ[RAISE_ERRORS] = "1"


@pytest.fixture
def database(tmp_path, monkeypatch):
    """A migrated, empty database file, also the one the app opens (HABITER_DB)."""
    path = tmp_path / "habiter.duckdb"
    monkeypatch.setenv("HABITER_DB", str(path))
    db = open_database(path, create=True)
    yield db
    close_database(path)


@pytest.fixture
def demo_database(database):
    """The database with the demo accounts and a small set of demo households."""
    demo.create_demo_database(database, households=60, seed=7)
    return database


@pytest.fixture
def admin() -> Actor:
    return Actor.system("test-admin")


def actor_of(database, username: str) -> Actor:
    user = users.load_user(database.cursor(), username)
    return Actor(user["username"], user["display_name"], frozenset(user["roles"]))


def sign_in_apptest(app_test, database, username: str) -> None:
    """The one place where tests set the signed-in user: AppTest cannot run the login
    cookie component, so the session state the login would leave is set directly."""
    from db import clock

    user = users.load_user(database.cursor(), username)
    app_test.session_state["authentication_status"] = True
    app_test.session_state["username"] = username
    app_test.session_state["name"] = user["display_name"]
    app_test.session_state["signed_in_at"] = clock.now()


ROOT = __import__("pathlib").Path(__file__).parent.parent


def app_test(relative_path: str):
    """An AppTest of one of the project's scripts (app.py or pages/<key>.py)."""
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(ROOT / relative_path), default_timeout=30)


def open_page(database, username: str, page_path: str, query: dict | None = None):
    """The app as `username` sees it, on one page (links between pages then work)."""
    at = app_test("app.py")
    sign_in_apptest(at, database, username)
    at.run()
    at.switch_page(str(ROOT / page_path))
    at.query_params.update(query or {})
    return at.run()


@pytest.fixture(autouse=True, scope="session")
def _close_databases_at_the_end():
    """Databases opened through the app's cache stay open; close them before exit."""
    yield
    from db.connection import close_all

    close_all()


def head_of(database, household_id: int) -> int:
    """The id of a household's head (chef·fe de ménage)."""
    return (
        database.cursor()
        .execute(
            "SELECT id FROM person WHERE household_id = ? AND role = 'chef_menage'", [household_id]
        )
        .fetchone()[0]
    )


def intake_fields(last_name: str = "Dupont", first_name: str = "Éloïse", **changes) -> dict:
    """The fields of a valid intake form (one adult, no resource), with `changes` applied."""
    return {
        "members": [{"role": "chef_menage", "last_name": last_name, "first_name": first_name}],
        "postal_code": "33000",
        "commune": "Bordeaux",
        "family_type": "isole",
        "housing_situation": "heberge_tiers",
        "prescriber": "ccas",
        "request_type": "acces",
        **changes,
    }


def make_tenant(database, household_id: int, days_ago: int = 30) -> dict:
    """The household becomes a tenant of the association: an owner, a dwelling in the stock
    since 2020 and a sublease that began `days_ago` days ago, open-ended."""
    from datetime import date, timedelta

    from db import clock
    from db.housing import writes as housing
    from db.housing.models import DwellingIn, LeaseIn, OwnerIn

    admin = Actor.system("tests")
    owner = housing.add_owner(database, admin, OwnerIn(kind="personne_privee", name="M. Bailleur"))
    dwelling = housing.add_dwelling(
        database,
        admin,
        DwellingIn(
            owner_id=owner["id"],
            address=f"{household_id} rue des Tests",
            commune="Bordeaux",
            typology="T2",
            rent="450",
            programme="sous_location",
            entered_on=date(2020, 1, 1),
        ),
    )
    lease = LeaseIn(
        kind="sous_location",
        household_id=household_id,
        start_on=clock.today() - timedelta(days=days_ago),  # the tests' day, if fixed
    )
    return housing.sign_lease(database, admin, dwelling["id"], lease)

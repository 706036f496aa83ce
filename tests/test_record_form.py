"""The record kit (ui/record_form.py) on its own: a small screen that corrects a mediation
of a real DuckDB file through `change_form` and `draw_fields`, as any area's form does."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

import queries
from db import clock
from db.households import writes as households
from db.households.models import IntakeIn
from db.support import writes as support
from db.support.models import MediationIn
from tests.conftest import actor_of, intake_fields, sign_in_apptest

TODAY = clock.today()
WHOLE = {"limit": None, "offset": 0}


def mediation_screen(household_id: int, username: str) -> None:
    """The screen under test: its first mediation's outcome and date, corrected at the
    version shown (drawn by the kit alone; run by AppTest in this process)."""
    import os

    import queries
    from db import catalog
    from db.accounts import users
    from db.connection import open_database
    from db.rules import Actor
    from db.support import writes
    from db.support.models import MediationIn
    from ui.record_form import (
        Field,
        Wording,
        change_form,
        draw_fields,
        remember_shown,
        show_stale_refusal,
    )

    database = open_database(os.environ["HABITER_DB"])  # the test's file (conftest)
    user = users.load_user(database.cursor(), username)
    actor = Actor(user["username"], user["display_name"], frozenset(user["roles"]))
    fields = (
        Field("outcome", "Résultat", "choice", catalog.MEDIATION_OUTCOME),
        Field("mediation_on", "Date de la médiation", "date", key="on"),
    )
    show_stale_refusal()
    found = queries.run(
        database, "support/household_mediations", household_id=household_id, limit=10, offset=0
    )
    mediation = found.row(0, named=True)
    change_form(
        "kit",
        "mediation",
        mediation,
        Wording("Enregistrer", "Médiation corrigée", {f.name: f.label for f in fields}),
        lambda errors, key: draw_fields(fields, errors, mediation, key),
        lambda version, typed: writes.update_mediation(
            database,
            actor,
            household_id,
            mediation["id"],
            version,
            MediationIn.model_validate({**mediation, **typed}),
        ),
    )
    remember_shown("mediation", [mediation])


@pytest.fixture
def mediation(demo_database) -> dict:
    """A new file of `social` with one mediation of last November."""
    social = actor_of(demo_database, "social")
    intake = IntakeIn.model_validate(intake_fields("Kit", "Léa", referent="social"))
    household_id = households.create_intake(demo_database, social, intake)["id"]
    typed = MediationIn(
        counterpart="bailleur_social",
        reason="impayes",
        mediation_on=date(TODAY.year - 1, 11, 12),
        outcome="en_cours",
    )
    return support.add_mediation(demo_database, social, household_id, typed) | {
        "household_id": household_id
    }


def open_screen(database, household_id: int) -> AppTest:
    at = AppTest.from_function(
        mediation_screen,
        default_timeout=30,
        kwargs={"household_id": household_id, "username": "social"},
    )
    sign_in_apptest(at, database, "social")
    at.run()
    assert not at.exception
    return at


def saved(database, household_id: int) -> list[tuple]:
    found = queries.run(
        database, "support/household_mediations", household_id=household_id, **WHOLE
    )
    return found.select("outcome", "mediation_on", "version").rows()


def save(at: AppTest) -> AppTest:
    at.button(key="kit_send").click()
    return at.run()


def test_a_change_at_the_version_shown_is_saved_and_the_form_shows_it(demo_database, mediation):
    hid = mediation["household_id"]
    at = open_screen(demo_database, hid)
    at.selectbox(key="kit_0_1_outcome").set_value("accord")
    save(at)
    assert saved(demo_database, hid) == [("accord", date(TODAY.year - 1, 11, 12), 2)]
    # After the save, a new form on the new version: the saved value, no refusal.
    assert at.selectbox(key="kit_1_2_outcome").value == "accord"
    assert not at.error


def test_a_refused_value_stays_typed_with_its_message_under_its_field(demo_database, mediation):
    hid = mediation["household_id"]
    at = open_screen(demo_database, hid)
    tomorrow = TODAY + timedelta(days=1)
    at.date_input(key="kit_0_1_on").set_value(tomorrow)
    at.selectbox(key="kit_0_1_outcome").set_value("echec")
    save(at)
    message = "une médiation ne peut pas être dans le futur"
    # Under the date, in its own column; named in the summary above the form.
    column = next(c for c in at.columns if any(d.key == "kit_0_1_on" for d in c.date_input))
    assert [e.value for e in column.error] == [message]
    assert any(
        e.value.startswith("Rien n'a été enregistré") and message in e.value for e in at.error
    )
    assert at.date_input(key="kit_0_1_on").value == tomorrow  # what was typed stays
    assert at.selectbox(key="kit_0_1_outcome").value == "echec"
    assert saved(demo_database, hid) == [("en_cours", date(TODAY.year - 1, 11, 12), 1)]


def test_a_stale_save_says_who_and_when_and_shows_what_was_typed(demo_database, mediation):
    hid = mediation["household_id"]
    at = open_screen(demo_database, hid)
    admin = actor_of(demo_database, "admin")
    newer = MediationIn(**{**mediation, "outcome": "plan_apurement"})
    support.update_mediation(demo_database, admin, hid, mediation["id"], 1, newer)
    at.selectbox(key="kit_0_1_outcome").set_value("accord")
    save(at)
    refusal = next(e.value for e in at.error if "consultiez" in e.value)
    assert refusal.startswith(f"{admin.display_name} a enregistré une modification le ")
    assert TODAY.strftime("%d/%m/%Y") in refusal
    typed = [t.value for t in at.text]
    assert "Résultat : Accord" in typed  # in words, as the list says it
    assert f"Date de la médiation : 12/11/{TODAY.year - 1}" in typed
    assert saved(demo_database, hid)[0][::2] == ("plan_apurement", 2)
    assert at.selectbox(key="kit_0_2_outcome").value == "plan_apurement"  # the newer data


def test_a_field_of_an_unknown_kind_is_refused_where_it_is_described():
    from ui.record_form import Field

    with pytest.raises(ValueError, match="'dates'"):
        Field("start_on", "Début", "dates")

"""« Date de l'accueil » (issue 21): an intake dated on a past day, for the paper intakes of
a day spent outside. The model refuses a future or implausible day; create_intake dates
every row of the file on that day (its number takes that year's series); only the roles
of db/rules.can_backdate_intake may give a past day; the page offers it to them; the
indicator of households welcomed counts the file in its intake year."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from db import clock
from db.demo import generate as demo
from db.errors import ValidationFailed
from db.households import writes as households
from db.households.models import FIELD_LABELS, IntakeIn
from db.rules import Actor, can_backdate_intake
from db.validation import french_errors
from tests.conftest import intake_fields, open_page
from tests.household_builders import fill_valid
from tests.kpi_households_builders import card, run

PAST = date(2025, 3, 12)
YEAR_2025 = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}
INTAKE_TABLES = (
    "household",
    "person",
    "resource",
    "contact",
    "household_status_event",
    "housing_situation_event",
    "household_follow_span",
)


def backdated(day=PAST, **changes) -> IntakeIn:
    """A consenting household of two adults with a resource without a date, a resource
    received since a given day, and a first note."""
    fields = intake_fields(
        members=[
            {"role": "chef_menage", "last_name": "Durand", "first_name": "Léa"},
            {"role": "conjoint", "last_name": "Durand", "first_name": "Marc"},
        ],
        family_type="couple",
        resources=[
            {"member_index": 0, "kind": "rsa", "monthly_amount": "607,50"},
            {
                "member_index": 1,
                "kind": "salaire",
                "monthly_amount": "1 200",
                "valid_from": "2024-09-01",
            },
        ],
        consent_on=day,
        first_note="Reçus lors de la permanence au CCAS.",
        intake_on=day,
        **changes,
    )
    return IntakeIn.model_validate(fields)


def one(database, sql: str, *params):
    return database.cursor().execute(sql, list(params)).fetchall()


def counts(database) -> dict[str, int]:
    cur = database.cursor()
    return {t: cur.execute("SELECT count(*) FROM " + t).fetchone()[0] for t in INTAKE_TABLES}


def role(name: str) -> Actor:
    return Actor(name, name, frozenset({name}))


# The model ------------------------------------------------------------------------------


def test_the_day_defaults_to_today():
    intake = IntakeIn.model_validate(intake_fields())
    assert intake.intake_on is None and intake.day == clock.today()
    assert IntakeIn.model_validate(intake_fields(intake_on="")).intake_on is None
    assert IntakeIn.model_validate(intake_fields(intake_on=PAST)).day == PAST
    assert FIELD_LABELS["intake_on"] == "Date de l'accueil"


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (clock.today() + timedelta(days=1), "la date de l'accueil ne peut pas être dans le futur"),
        (date(1989, 12, 31), "date de l'accueil peu plausible (avant le 01/01/1990)"),
        (date(25, 3, 12), "date de l'accueil peu plausible"),
    ],
)
def test_a_future_or_implausible_day_is_refused_in_french(day, message):
    with pytest.raises(ValidationError) as refused:
        IntakeIn.model_validate(intake_fields(intake_on=day))
    errors = french_errors(refused.value)
    assert list(errors) == ["intake_on"] and message in errors["intake_on"]


def test_the_first_plausible_day_is_accepted():
    assert IntakeIn.model_validate(intake_fields(intake_on=date(1990, 1, 1))).day.year == 1990


# The write ------------------------------------------------------------------------------


def test_every_row_of_a_backdated_intake_is_dated_on_its_day(database, admin):
    households.create_intake(database, admin, backdated(day=date(2026, 1, 5)))
    created = households.create_intake(database, admin, backdated())
    hid = created["id"]
    # Its year's series, not today's: the first 2025 file although a 2026 one came before.
    assert created["file_number"] == "2025-0001" and created["opened_on"] == PAST
    status = one(
        database,
        "SELECT event, occurred_on FROM household_status_event WHERE household_id = ?",
        hid,
    )
    assert status == [("ouverture", PAST)]
    situation = one(
        database,
        "SELECT situation, from_on FROM housing_situation_event WHERE household_id = ?",
        hid,
    )
    assert situation == [("heberge_tiers", PAST)]
    resources = one(
        database, "SELECT kind, valid_from FROM resource WHERE household_id = ? ORDER BY kind", hid
    )
    assert resources == [("rsa", PAST), ("salaire", date(2024, 9, 1))]  # a given day is kept
    contacts = one(database, "SELECT contact_on, summary FROM contact WHERE household_id = ?", hid)
    assert contacts == [(PAST, "Reçus lors de la permanence au CCAS.")]
    spans = one(
        database, "SELECT from_on, to_on FROM household_follow_span WHERE household_id = ?", hid
    )
    assert spans == [(PAST, None)]


def test_an_intake_of_today_is_dated_today(database, admin):
    created = households.create_intake(database, admin, IntakeIn.model_validate(intake_fields()))
    today = clock.today()
    assert created["opened_on"] == today
    assert created["file_number"].startswith(f"{today.year}-")


# The rule -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "may"),
    [
        ("admin", True),
        ("direction", True),
        ("travailleur_social", True),
        ("accueil", False),
        ("gestion_locative", False),
        ("analyste", False),
    ],
)
def test_who_may_backdate_an_intake(name, may):
    assert can_backdate_intake(role(name)) is may


def test_reception_is_refused_a_past_day_and_nothing_is_written(database):
    before = counts(database)
    audit = one(database, "SELECT count(*) FROM audit_log")
    with pytest.raises(ValidationFailed) as refused:
        households.create_intake(database, role("accueil"), backdated())
    assert refused.value.field == "intake_on"
    assert str(refused.value) == (
        "Seuls les travailleur·euse·s sociaux·ales, la direction et l'administration "
        "peuvent dater un accueil d'un autre jour qu'aujourd'hui."
    )
    assert counts(database) == before
    assert one(database, "SELECT count(*) FROM audit_log") == audit
    assert one(database, "SELECT count(*) FROM file_counter") == [(0,)]  # no number used


def test_reception_may_still_date_an_intake_today(database):
    day = clock.today()
    created = households.create_intake(database, role("accueil"), backdated(day=day))
    assert created["opened_on"] == day


# The page -------------------------------------------------------------------------------


def test_a_social_worker_dates_an_intake_on_a_past_day(database):
    demo.create_demo_accounts(database)
    at = fill_valid(open_page(database, "social", "pages/intake.py"))
    picker = at.date_input(key="intake_intake_on")
    assert picker.value == clock.today() and not picker.disabled
    picker.set_value(PAST).run()
    at.button(key="intake_save").click().run()
    assert not at.exception and "2025-0001" in at.success[0].value
    assert one(database, "SELECT opened_on, file_number FROM household") == [(PAST, "2025-0001")]


def test_a_future_day_is_refused_beside_the_field_and_nothing_is_written(database):
    demo.create_demo_accounts(database)
    at = fill_valid(open_page(database, "social", "pages/intake.py"))
    at.date_input(key="intake_intake_on").set_value(clock.today() + timedelta(days=2)).run()
    at.button(key="intake_save").click().run()
    assert not at.exception and not at.success
    shown = [e.value for e in at.error]
    assert any("la date de l'accueil ne peut pas être dans le futur" in m for m in shown)
    assert at.text_input(key="intake_m0_last").value == "Dupont"  # the form stays filled
    assert counts(database)["household"] == 0


def test_reception_sees_the_day_fixed_on_today_and_its_intake_is_today(database):
    demo.create_demo_accounts(database)
    at = fill_valid(open_page(database, "accueil", "pages/intake.py"))
    picker = at.date_input(key="intake_intake_on")
    assert picker.disabled and picker.value == clock.today()
    assert "travailleur·euse social·e" in picker.help
    at.button(key="intake_save").click().run()
    assert not at.exception and at.success
    assert one(database, "SELECT opened_on FROM household") == [(clock.today(),)]


# The dashboard --------------------------------------------------------------------------


def test_a_backdated_household_is_welcomed_in_its_intake_year(database):
    social = role("travailleur_social")
    households.create_intake(database, social, backdated())
    households.create_intake(database, social, IntakeIn.model_validate(intake_fields()))
    assert run(database, "kpi/welcomed", YEAR_2025) == [("acces", 1)]
    assert card(database, "welcomed", YEAR_2025) == 1.0
    this_year = {"start": date(clock.today().year, 1, 1), "end": clock.today()}
    assert run(database, "kpi/welcomed", this_year) == [("acces", 1)]  # today's alone

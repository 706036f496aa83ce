"""History in the schema: dated status and housing situations, dated resources, the last
contact derived from the contacts; all answerable in SQL, none from the audit JSON."""

from datetime import date, timedelta
from decimal import Decimal

import duckdb
import polars as pl
import pytest

import queries
from db.connection import close_database, open_database
from db.errors import ValidationFailed
from db.households import members as household_members
from db.households import writes as households
from db.households.models import CloseIn, HouseholdEdit, IntakeIn
from db.migrate import migration_files
from tests.conftest import actor_of, head_of, intake_fields, open_page
from ui.households import timeline

TODAY = date.today()


def new_intake(database, actor) -> dict:
    intake = IntakeIn.model_validate(
        intake_fields(
            "Mercœur",
            "Zoé",
            referent="social",
            consent_on=TODAY,
            resources=[{"member_index": 0, "kind": "rsa", "monthly_amount": "607.75"}],
        )
    )
    return households.create_intake(database, actor, intake)


def version_of(database, household_id: int) -> int:
    return households.load_household(database.cursor(), household_id)["version"]


def test_reopening_keeps_the_earlier_closing(demo_database, admin):
    hid = new_intake(demo_database, admin)["id"]
    closing = CloseIn(reason="abandon", closed_on=TODAY)
    households.close_household(demo_database, admin, hid, version_of(demo_database, hid), closing)
    households.reopen_household(demo_database, admin, hid, version_of(demo_database, hid))
    again = CloseIn(reason="reloge", closed_on=TODAY)
    households.close_household(demo_database, admin, hid, version_of(demo_database, hid), again)
    events = queries.run(demo_database, "households/status_history", household_id=hid, limit=20)
    last_two = queries.run(demo_database, "households/status_history", household_id=hid, limit=2)
    assert last_two["event"].to_list() == ["reouverture", "cloture"]  # the last, oldest first
    assert last_two["total"].to_list() == [4, 4]
    assert events.select("event", "occurred_on", "close_reason").rows() == [
        ("ouverture", TODAY, None),
        ("cloture", TODAY, "abandon"),
        ("reouverture", TODAY, None),
        ("cloture", TODAY, "reloge"),
    ]
    closed = queries.run(demo_database, "households/closed_between", start=TODAY, end=TODAY)
    mine = closed.filter(pl.col("household_id") == hid)["close_reason"].to_list()
    assert mine == ["abandon", "reloge"]


def test_a_closing_before_the_opening_is_refused(demo_database, admin):
    hid = new_intake(demo_database, admin)["id"]
    early = CloseIn(reason="abandon", closed_on=TODAY - timedelta(days=3))
    with pytest.raises(ValidationFailed, match="ouverture"):
        households.close_household(demo_database, admin, hid, version_of(demo_database, hid), early)


def test_followed_in_a_period_comes_from_the_status_history(demo_database):
    """Demo files open on opened_on and close on closed_on: the SQL over the events must
    find exactly the files open at some point of the period."""
    start, end = date(TODAY.year - 1, 1, 1), date(TODAY.year - 1, 12, 31)
    followed = set(
        queries.run(demo_database, "households/followed", start=start, end=end)[
            "household_id"
        ].to_list()
    )
    rows = demo_database.cursor().sql("SELECT id, opened_on, closed_on FROM household").pl()
    expected = {
        r["id"]
        for r in rows.iter_rows(named=True)
        if r["opened_on"] <= end and (r["closed_on"] is None or r["closed_on"] >= start)
    }
    assert expected and followed == expected


def test_housing_situation_at_intake_is_kept_and_each_change_dated(demo_database, admin):
    hid = new_intake(demo_database, admin)["id"]
    current = households.load_household(demo_database.cursor(), hid)
    fields = {k: current[k] for k in HouseholdEdit.model_fields}
    edit = HouseholdEdit.model_validate({**fields, "housing_situation": "logement_indigne"})
    households.update_household(demo_database, admin, hid, current["version"], edit)
    history = queries.run(demo_database, "households/housing_history", household_id=hid, limit=20)
    assert history.select("situation", "from_on").rows() == [
        ("heberge_tiers", TODAY),
        ("logement_indigne", TODAY),
    ]


def test_resources_are_dated_and_answer_for_any_day(demo_database, admin):
    hid = new_intake(demo_database, admin)["id"]
    social = actor_of(demo_database, "social")
    head = head_of(demo_database, hid)
    later = household_members.add_resource(
        demo_database, social, hid, head, "apl", Decimal("250"), TODAY + timedelta(days=10)
    )
    rsa = queries.run(demo_database, "households/resources", household_id=hid, day=TODAY)
    assert rsa["kind"].to_list() == ["rsa"] and later["id"] not in rsa["id"].to_list()
    soon = queries.run(
        demo_database, "households/resources", household_id=hid, day=TODAY + timedelta(days=10)
    )
    assert sorted(soon["kind"].to_list()) == ["apl", "rsa"]
    household_members.end_resource(demo_database, social, hid, rsa["id"][0], 1, TODAY)
    received = queries.run(demo_database, "households/person_resources", person_id=head, day=TODAY)
    assert received["kind"].to_list() == ["apl"]
    yesterday = queries.run(
        demo_database, "households/resources", household_id=hid, day=TODAY - timedelta(days=1)
    )
    assert yesterday.height == 0  # the intake's resources start on the intake's day


def test_last_contact_is_derived_from_the_contacts(demo_database):
    derived = (
        demo_database.cursor()
        .sql(
            "SELECT h.id, lc.last_contact_on FROM household h"
            " LEFT JOIN household_last_contact lc ON lc.household_id = h.id ORDER BY h.id"
        )
        .pl()
    )
    direct = (
        demo_database.cursor()
        .sql(
            "SELECT household_id AS id, max(contact_on) AS last_contact_on FROM contact"
            " GROUP BY 1 ORDER BY 1"
        )
        .pl()
    )
    assert derived.filter(pl.col("last_contact_on").is_not_null()).equals(direct)
    header = queries.run_one(demo_database, "households/header", household_id=1)
    assert header["last_contact_on"] == direct.filter(pl.col("id") == 1)["last_contact_on"][0]


def test_migration_003_backfills_the_history_of_existing_files(tmp_path):
    """A database at version 2 holding files gets their openings, closings, housing
    situations and resource start dates when it is migrated."""
    path = tmp_path / "old.duckdb"
    raw = duckdb.connect(str(path))
    raw.execute(
        "CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    for version, name, file in migration_files()[:2]:
        raw.execute(file.read_text())
        raw.execute(
            "INSERT INTO schema_migration (version, name) VALUES ($v, $n)",
            {"v": version, "n": name},
        )
    raw.execute(
        "INSERT INTO household (file_number, status, housing_situation, opened_on, closed_on,"
        " close_reason, last_contact_on, created_at, created_by, updated_at, updated_by)"
        " VALUES ('2024-0001', 'clos', 'sans_domicile', DATE '2024-02-01', DATE '2024-09-30',"
        " 'reloge', DATE '2024-09-30', now()::TIMESTAMP, 'x', now()::TIMESTAMP, 'x')"
    )
    raw.execute(
        "INSERT INTO resource (household_id, person_id, kind, monthly_amount)"
        " VALUES (1, NULL, 'rsa', 600)"
    )
    raw.close()
    database = open_database(path)
    try:
        events = queries.run(database, "households/status_history", household_id=1, limit=20)
        assert events.select("event", "occurred_on").rows() == [
            ("ouverture", date(2024, 2, 1)),
            ("cloture", date(2024, 9, 30)),
        ]
        housing = queries.run(database, "households/housing_history", household_id=1, limit=20)
        assert housing.select("situation", "from_on").rows() == [
            ("sans_domicile", date(2024, 2, 1))
        ]
        resources = queries.run(
            database, "households/resources", household_id=1, day=date(2024, 3, 1)
        )
        assert resources["valid_from"].to_list() == [date(2024, 2, 1)]
    finally:
        close_database(path)


def test_ligatures_fold_like_their_letters_in_search_and_duplicates(demo_database, admin):
    """« MERCOEUR » and « Mercœur », « Laetitia » and « Lætitia » are the same name."""
    created = new_intake(demo_database, admin)  # Zoé Mercœur
    found = queries.run(
        demo_database,
        "households/search",
        term="mercoeur zoe",
        status=None,
        referent=None,
        commune=None,
        housing_situation=None,
        request_type=None,
        sort="name",
        limit=5,
        offset=0,
        **{"sees_all": True, "referent_of": None, "sees_tenants": False},
    )
    assert found["file_number"].to_list() == [created["file_number"]]
    demo_database.cursor().execute(
        "UPDATE person SET birth_date = DATE '1980-04-02' WHERE household_id = $id",
        {"id": created["id"]},
    )
    twins = queries.run(
        demo_database,
        "households/duplicates",
        last_names=["MERCOEUR"],
        first_names=["zoe"],
        birth_dates=[date(1980, 4, 2)],
        phone=None,
    )
    assert twins["id"].to_list() == [created["id"]]


def test_a_long_timeline_shows_its_last_lines_and_counts_the_older(demo_database):
    """The file's « Suivi du dossier »: its last lines, oldest first, and a count of the rest."""
    hid = (
        demo_database.cursor()
        .execute("SELECT min(id) FROM household WHERE referent = 'social' AND status = 'actif'")
        .fetchone()[0]
    )
    demo_database.cursor().execute(
        "INSERT INTO household_status_event (household_id, event, occurred_on, recorded_at,"
        " recorded_by) SELECT $h, CASE WHEN i % 2 = 0 THEN 'cloture' ELSE 'reouverture' END,"
        " DATE '2025-01-01' + i::INT, now(), 'admin' FROM range(30) t(i)",
        {"h": hid},
    )
    at = open_page(demo_database, "social", "pages/household_file.py", {"id": str(hid)})
    lines = [t.value for t in at.text if t.value.startswith(("Clôture", "Réouverture"))]
    assert len(lines) == timeline.LAST
    assert lines[-1].startswith("Réouverture le 30/01/2025")  # the newest, last
    assert any("et 11 plus anciens non affichés" in c.value for c in at.caption)  # 31 in all

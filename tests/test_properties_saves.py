"""Property: a valid model saved through the real write function on a real DuckDB file
reads back exactly as typed (tests/model_strategies.py's plausible forms); a refusal of
the database is French."""

from __future__ import annotations

from datetime import timedelta

import duckdb
import pytest
from hypothesis import given
from pydantic import BaseModel

from db.accounts import users
from db.analytics import saved
from db.connection import close_database, open_database
from db.demo import generate as demo
from db.errors import HabiterError
from db.households import models as household_models
from db.households import writes as households
from db.housing import capture
from db.housing import models as housing_models
from db.housing import writes as housing
from db.support import models as support_models
from db.support import writes as support
from tests.conftest import intake_fields
from tests.hostile_input import TODAY
from tests.model_strategies import (
    ADMIN,
    MODELS,
    PLAUSIBLE,
    assert_french,
    check_holds_as_typed,
    models_settings,
    strings_in,
    validated,
)

# ------------------------------------------------- saved, then read back from the file


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory):
    """One database for the module: a file with the demo accounts and one household."""
    path = tmp_path_factory.mktemp("proprietes") / "habiter.duckdb"
    db = open_database(path, create=True)
    demo.create_demo_accounts(db)
    yield db
    close_database(path)


def new_household(db) -> int:
    fields = intake_fields("Martin", consent_on=TODAY)
    return households.create_intake(db, ADMIN, household_models.IntakeIn(**fields))["id"]


def rows_where(db, table: str, key: str, value) -> list[dict]:
    """The rows of `table` whose `key` is `value`, by id, through DuckDB's relational API
    (a table's name is no parameter, and no SQL is built from strings)."""
    cur = db.cursor()
    match = duckdb.ColumnExpression(key) == duckdb.ConstantExpression(value)
    found = cur.table(table).filter(match)
    found = found.order("id") if "id" in found.columns else found
    return [dict(zip(found.columns, row, strict=True)) for row in found.fetchall()]


def row_of(db, table: str, key: str, value) -> dict:
    (row,) = rows_where(db, table, key, value)
    return row


def rows_of(db, table: str, household_id: int) -> list[dict]:
    return rows_where(db, table, "household_id", household_id)


def assert_reads_back(row: dict, instance: BaseModel, skip=()) -> None:
    """Every field of the model that is a column of `row` reads back equal."""
    for name, value in instance.model_dump().items():
        if name in row and name not in skip:
            assert row[name] == value, (name, value, row[name])


def save_intake(db, model):
    hid = households.create_intake(db, ADMIN, model)["id"]
    assert_reads_back(row_of(db, "household", "id", hid), model)
    people = rows_of(db, "person", hid)
    assert len(people) == len(model.members)
    for person, member_in in zip(people, model.members, strict=True):
        assert_reads_back(person, member_in)
    resources = rows_of(db, "resource", hid)
    assert [r["monthly_amount"] for r in resources] == [r.monthly_amount for r in model.resources]
    notes = [c["summary"] for c in rows_of(db, "contact", hid)]
    assert notes == ([model.first_note] if model.first_note else [])


def save_household_edit(db, model):
    hid = new_household(db)
    households.update_household(db, ADMIN, hid, 1, model)
    assert_reads_back(row_of(db, "household", "id", hid), model)


def save_contact(db, model):
    row = households.add_contact(db, ADMIN, new_household(db), model)
    assert_reads_back(row_of(db, "contact", "id", row["id"]), model)


def saver_in_household(write, table):
    def save(db, model):
        row = write(db, ADMIN, new_household(db), model)
        assert_reads_back(row_of(db, table, "id", row["id"]), model)

    return save


def save_review(db, model):
    hid = new_household(db)
    measure = support_models.MeasureIn(
        kind="mous", start_on=TODAY - timedelta(days=500), planned_end_on=TODAY
    )
    measure_id = support.add_measure(db, ADMIN, hid, measure)["id"]
    row = support.add_review(db, ADMIN, hid, measure_id, model)
    assert_reads_back(row_of(db, "measure_review", "id", row["id"]), model)


def save_procedure(db, model):
    hid = new_household(db)
    row = support.open_procedure(db, ADMIN, hid, model)
    assert row_of(db, "eviction_procedure", "id", row["id"])["landlord"] == model.landlord
    stage = row_of(db, "eviction_stage", "procedure_id", row["id"])
    assert_reads_back(stage, model, skip=("landlord",))


def save_catalog_entry(db, model):
    row = support.add_catalog_entry(db, ADMIN, "action_kind", model)
    stored = db.cursor().execute(
        "SELECT label FROM support_catalog WHERE list = 'action_kind' AND code = ?", [row["code"]]
    )
    assert stored.fetchone()[0] == model.label


def saver(write, table):
    def save(db, model):
        row = write(db, ADMIN, model)
        assert_reads_back(row_of(db, table, "id", row["id"]), model)

    return save


def save_dwelling(db, model):
    owner = housing.add_owner(db, ADMIN, housing_models.OwnerIn(kind="sci", name="SCI Test"))
    dwelling = model.model_copy(update={"owner_id": owner["id"]})
    row = housing.add_dwelling(db, ADMIN, dwelling)
    assert_reads_back(row_of(db, "dwelling", "id", row["id"]), dwelling)


def save_lead(db, model):
    row = capture.add_lead(db, ADMIN, model, TODAY)
    assert_reads_back(row_of(db, "capture_lead", "id", row["id"]), model)


def save_new_user(db, model):
    users.create_user(db, ADMIN, model, password_hash="x")
    assert_reads_back(row_of(db, "users", "username", model.username), model, skip=("password",))


SAVERS = {
    "IntakeIn": save_intake,
    "HouseholdEdit": save_household_edit,
    "ContactIn": save_contact,
    "MeasureIn": saver_in_household(support.add_measure, "support_measure"),
    "ReviewIn": save_review,
    "ProcedureIn": save_procedure,
    "DebtPlanIn": saver_in_household(support.add_debt_plan, "debt_plan"),
    "FslIn": saver_in_household(support.add_fsl, "fsl_application"),
    "ActionIn": saver_in_household(support.add_action, "support_action"),
    "CatalogEntryIn": save_catalog_entry,
    "OwnerIn": saver(housing.add_owner, "owner"),
    "DwellingIn": save_dwelling,
    "LeadIn": save_lead,
    "SavedQueryIn": saver(saved.save_query, "saved_query"),
    "NewUser": save_new_user,
}


def test_every_model_with_free_text_or_an_amount_is_saved_in_a_property():
    """The models whose fields a user types freely are saved below; the others hold
    codes and dates only, or are parts of a saved one (a member, a resource), or need a
    record built first (a stage, a move, a conversion: their texts are the same types)."""
    parts = {"MemberIn", "ResourceIn", "ContactDetails", "StageIn", "MoveIn", "ConversionIn"}
    codes_and_dates = {
        "CloseIn",
        "RenewalIn",
        "MeasureEndIn",
        "ProcedureCloseIn",
        "MediationIn",
        "LeaseIn",
        "MainLeaseIn",
        "LeaseEndIn",
        "SlideIn",
        "AbandonIn",
    }
    assert set(MODELS) == set(SAVERS) | parts | codes_and_dates


def saved_or_refused_in_french(db, save, model, typed) -> bool:
    """A save refused by a rule of the database says why in French; else it reads back."""
    try:
        save(db, model)
        return True
    except HabiterError as refusal:
        assert_french(str(refusal), typed)
        return False


@pytest.mark.parametrize("name", sorted(SAVERS))
def test_a_valid_model_saved_reads_back_exactly_as_typed(name, shared_db):
    saves = []

    @models_settings(10)
    @given(PLAUSIBLE[name])
    def check(pair):
        sent, expected = pair
        instance = validated(name, sent)
        if instance is None:
            return
        check_holds_as_typed(instance, sent, expected)
        typed = strings_in(sent)
        saves.append(saved_or_refused_in_french(shared_db, SAVERS[name], instance, typed))

    check()
    assert any(saves), "aucun enregistrement : la propriété n'a rien prouvé"

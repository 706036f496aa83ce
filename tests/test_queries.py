from pathlib import Path

import polars as pl
import pytest

import queries
from tests.household_builders import EVERY_HOUSEHOLD as SEARCH


def test_every_query_has_a_description():
    for query in queries.all_queries().values():
        assert query.description, query.name


def test_header_is_required(tmp_path):
    with pytest.raises(ValueError, match="name"):
        queries.parse_query("SELECT 1", Path("x.sql"))


def test_parameters_are_found_outside_comments():
    query = queries.parse_query("-- name: a/b\n-- d $not_me\nSELECT $x, $y_2", Path("b.sql"))
    assert query.params == {"x", "y_2"}


def test_run_binds_parameters_and_returns_polars(demo_database):
    frame = queries.run(demo_database, "users/active_user", username="social")
    assert isinstance(frame, pl.DataFrame)
    assert frame["display_name"].to_list() == ["Samia Social"]


def test_a_missing_parameter_is_an_error(demo_database):
    with pytest.raises(TypeError, match="username"):
        queries.run(demo_database, "users/active_user")


def test_injection_is_just_a_value(demo_database):
    frame = queries.run(demo_database, "users/active_user", username="x' OR '1'='1")
    assert frame.height == 0


def test_credentials_list_only_active_accounts(demo_database, admin):
    from db.accounts import users

    users.set_active(demo_database, admin, "gestion", False)
    names = queries.run(demo_database, "users/credentials")["username"].to_list()
    assert "gestion" not in names and "social" in names
    assert "gestion" in queries.run(demo_database, "users/list_users")["username"].to_list()


# households/search's orders, as polars sorts: (columns, descending, nulls last).
ORDERS = {
    "name": (["head_name", "id"], [False, True]),
    "file_number": (["file_number", "id"], [False, True]),
    "opened_desc": (["opened_on", "id"], [True, True]),
    "last_contact_desc": (["last_contact_on", "id"], [True, True]),
}


@pytest.mark.parametrize("sort", sorted(ORDERS))
def test_search_pages_follow_the_order_asked(demo_database, sort):
    everything = (
        demo_database.cursor()
        .sql(
            "SELECT h.id, h.head_name, h.file_number, h.opened_on, c.last_contact_on"
            " FROM household h LEFT JOIN (SELECT household_id, max(contact_on) AS"
            " last_contact_on FROM contact GROUP BY 1) c ON c.household_id = h.id"
        )
        .pl()
    )
    columns, descending = ORDERS[sort]
    expected = everything.sort(columns, descending=descending, nulls_last=True)["id"]
    pages = [
        queries.run(
            demo_database, "households/search", **SEARCH, sort=sort, limit=25, offset=offset
        )["id"]
        for offset in (0, 25, 50)
    ]
    assert pl.concat(pages).to_list() == expected.to_list()


def test_search_total_counts_every_match_not_the_page(demo_database):
    found = queries.run(
        demo_database, "households/search", **SEARCH, sort="name", limit=5, offset=0
    )
    assert found.height == 5 and found["total"][0] == 60


@pytest.mark.parametrize("username", ["admin", "direction", "social", "accueil", "gestion"])
@pytest.mark.parametrize("team_reads_all", [False, True])
def test_list_scope_is_exactly_the_read_rule(demo_database, username, team_reads_all):
    """rules.household_scope gives both the Python check and the SQL filter of the list."""
    from db.rules import can_read_household, household_scope
    from tests.conftest import actor_of

    actor = actor_of(demo_database, username)
    listed = queries.run(
        demo_database,
        "households/search",
        **{**SEARCH, **household_scope(actor, team_reads_all).as_sql_params()},
        sort="name",
        limit=1000,
        offset=0,
    )
    everything = (
        demo_database.cursor()
        .sql(
            "SELECT h.id, h.referent, association_tenant(h.id, current_date) AS association_tenant"
            " FROM household h"
        )
        .pl()
    )
    if username == "gestion":  # the demo's tenants make the test able to fail for them
        assert everything["association_tenant"].sum() > 0
    readable = [
        row["id"]
        for row in everything.iter_rows(named=True)
        if can_read_household(actor, row, team_reads_all)
    ]
    assert sorted(listed["id"].to_list()) == sorted(readable)


def test_the_rows_writes_load_come_from_named_queries(demo_database, admin):
    """What a write loads inside its transaction is a named SQL file too."""
    from db.settings import get_setting, set_setting
    from tests.conftest import head_of

    cur = demo_database.cursor()
    person = queries.fetch_row(
        cur, "households/person", household_id=1, person_id=head_of(demo_database, 1)
    )
    assert person["role"] == "chef_menage" and person["version"] == 1
    assert (
        queries.fetch_row(cur, "households/person", household_id=2, person_id=person["id"]) is None
    )
    resource_id, household_id = cur.execute(
        "SELECT id, household_id FROM resource ORDER BY id LIMIT 1"
    ).fetchone()
    row = queries.fetch_row(
        cur, "households/resource", household_id=household_id, resource_id=resource_id
    )
    assert row["id"] == resource_id and row["valid_until"] is None
    assert (
        queries.fetch_row(
            cur, "households/resource", household_id=household_id + 1, resource_id=resource_id
        )
        is None
    )
    assert queries.fetch_row(cur, "users/role_holder", username="social", role="travailleur_social")
    assert not queries.fetch_row(
        cur, "users/role_holder", username="accueil", role="travailleur_social"
    )
    assert queries.run_one(demo_database, "settings/value", key="team_reads_all_files") is None
    set_setting(demo_database, admin, "team_reads_all_files", True)
    assert queries.run_one(demo_database, "settings/value", key="team_reads_all_files") == {
        "value": "true"
    }
    assert get_setting(demo_database, "team_reads_all_files") is True


def test_settings_are_typed_and_declared(demo_database, admin):
    from db.errors import UnknownSettingError, ValidationFailed
    from db.settings import get_setting, set_setting

    with pytest.raises(UnknownSettingError):
        get_setting(demo_database, "no_such_setting")
    with pytest.raises(UnknownSettingError):
        set_setting(demo_database, admin, "no_such_setting", 1)
    with pytest.raises(ValidationFailed, match="oui ou non"):
        set_setting(demo_database, admin, "team_reads_all_files", 1)
    assert get_setting(demo_database, "team_reads_all_files") is False


def test_an_identifier_off_its_allow_list_raises_a_named_error(demo_database, admin):
    from db.errors import UnknownIdentifierError
    from db.households.records import HOUSEHOLD
    from db.records import update

    with pytest.raises(UnknownIdentifierError):
        update(demo_database.cursor(), admin, HOUSEHOLD, {"id": 1, "version": 1}, {"id = 0; --": 1})


def test_a_file_number_and_a_phone_are_found_by_the_search(demo_database):
    from ui.households.listing import search_term

    row = (
        demo_database.cursor()
        .execute(
            "SELECT file_number, phone FROM household WHERE phone IS NOT NULL ORDER BY id LIMIT 1"
        )
        .fetchone()
    )
    for typed in (row[0], row[1], "+33 " + row[1][1:]):
        found = queries.run(
            demo_database,
            "households/search",
            **{**SEARCH, "term": search_term(typed)},
            sort="name",
            limit=5,
            offset=0,
        )
        assert row[0] in found["file_number"].to_list(), typed


SUPPORT_LISTS = [
    "support/list_measures",
    "support/list_procedures",
    "support/list_mediations",
    "support/list_fsl",
    "support/list_debt_plans",
]


@pytest.mark.parametrize("team_reads_all", [False, True])
def test_support_lists_scope_is_exactly_the_read_rule(database, admin, monkeypatch, team_reads_all):
    """Each list of « Accompagnement » shows, for every person who opens the page, the
    records of exactly the households rules.can_read_support admits: referents' own
    files, tenants of the association for rental management, files without a referent."""
    from datetime import date

    from db import clock
    from db.households.models import IntakeIn
    from db.households.writes import create_intake
    from db.rules import Actor, can_read_support, can_view_page, household_scope
    from tests.conftest import actor_of, intake_fields, make_tenant
    from tests.support_builders import one_of_each, team_on_the_day

    team_on_the_day(database, monkeypatch)
    households = []
    for referent in ("social", "mlefevre", None):
        for tenant in (False, True):
            fields = intake_fields(referent=referent)
            created = create_intake(database, admin, IntakeIn(**fields, consent_on=clock.today()))
            one_of_each(database, admin, created["id"])
            if tenant:  # a current sublease makes it a tenant of the association
                make_tenant(database, created["id"], days_ago=10)
            households.append(created | {"referent": referent, "association_tenant": tenant})
    actors = [actor_of(database, name) for name in ("admin", "direction", "social", "mlefevre")]
    actors += [
        Actor("social", "Samia Social", frozenset({"travailleur_social", "gestion_locative"})),
        Actor("social", "Samia Social", frozenset({"travailleur_social", "accueil"})),
    ]
    for actor in actors:
        assert can_view_page(actor, "support")
        readable = sorted(h["id"] for h in households if can_read_support(actor, h, team_reads_all))
        scope = household_scope(actor, team_reads_all).as_sql_params()
        for name in SUPPORT_LISTS:
            params = {"kind": None, "status": None, "referent": None, **scope}
            params |= {"start": date(2000, 1, 1), "end": date(2100, 12, 31)}
            listed = queries.run(database, name, **params, limit=100, offset=0)
            assert sorted(listed["household_id"].to_list()) == readable, (actor.roles, name)
            # The pager's count applies the same rule: its total is the list's length.
            assert listed["total"].to_list() == [len(readable)] * listed.height, (actor.roles, name)

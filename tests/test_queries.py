from pathlib import Path

import polars as pl
import pytest

import queries


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


SEARCH = {
    "term": None,
    "status": None,
    "referent": None,
    "commune": None,
    "housing_situation": None,
    "request_type": None,
    "only_referent": None,
    "only_tenants": False,
}
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
        .sql("SELECT id, head_name, file_number, opened_on, last_contact_on FROM household")
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
    """ui/households/listing.scope() writes rules.can_read_household as SQL filters."""
    from db.rules import can_read_household
    from tests.conftest import actor_of
    from ui.households.listing import scope

    actor = actor_of(demo_database, username)
    listed = queries.run(
        demo_database,
        "households/search",
        **{**SEARCH, **scope(actor, team_reads_all)},
        sort="name",
        limit=1000,
        offset=0,
    )
    everything = (
        demo_database.cursor().sql("SELECT id, referent, housing_situation FROM household").pl()
    )
    readable = [
        row["id"]
        for row in everything.iter_rows(named=True)
        if can_read_household(actor, row, team_reads_all)
    ]
    assert sorted(listed["id"].to_list()) == sorted(readable)

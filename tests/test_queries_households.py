"""The household reads that the pages show, each checked against the tables."""

from datetime import date

import pytest

import queries
from db.accounts import users
from db.households import writes as households
from db.households.models import ContactIn
from tests.conftest import actor_of


def rows(database, sql: str, **params) -> list[tuple]:
    with database.reading() as cur:
        return cur.execute(sql, params or None).fetchall()


def test_communes_are_the_distinct_communes_in_order(demo_database):
    expected = [r[0] for r in rows(demo_database, "SELECT DISTINCT commune FROM household")]
    found = queries.run(demo_database, "households/communes")["commune"].to_list()
    assert found == sorted(expected) and len(found) == len(set(found))


def test_referents_are_the_active_social_workers(demo_database, admin):
    users.set_active(demo_database, admin, "kbenali", False)
    found = queries.run(demo_database, "households/referents")["username"].to_list()
    assert sorted(found) == ["mlefevre", "social"]


def test_members_come_head_first_with_their_age_and_version(demo_database):
    hid = rows(demo_database, "SELECT household_id FROM person GROUP BY 1 HAVING count(*) > 2")[0][
        0
    ]
    members = queries.run(demo_database, "households/members", household_id=hid)
    assert members["role"][0] == "chef_menage"
    assert (
        members.height
        == rows(demo_database, "SELECT count(*) FROM person WHERE household_id = $h", h=hid)[0][0]
    )
    assert set(members["version"].to_list()) == {1}
    born = members.filter(members["birth_date"].is_not_null()).row(0, named=True)
    today = date.today()
    age = (
        today.year
        - born["birth_date"].year
        - ((today.month, today.day) < (born["birth_date"].month, born["birth_date"].day))
    )
    assert born["age"] == age


def test_contacts_show_a_private_note_to_its_author_only(demo_database):
    hid = rows(demo_database, "SELECT min(id) FROM household WHERE referent = 'social'")[0][0]
    note = ContactIn(
        contact_on=date.today(), channel="telephone", summary="Appel", private_note="Secret"
    )
    households.add_contact(demo_database, actor_of(demo_database, "social"), hid, note)
    page = {"household_id": hid, "limit": 50, "offset": 0}
    mine = queries.run(demo_database, "households/contacts", viewer="social", **page)
    theirs = queries.run(demo_database, "households/contacts", viewer="kbenali", **page)
    assert mine["private_note"][0] == "Secret" and theirs["private_note"][0] is None
    counted = queries.run(demo_database, "households/contacts_count", household_id=hid)
    everything = queries.run(
        demo_database, "households/contacts", viewer="x", **page | {"limit": None}
    )
    assert counted["total"][0] == everything.height
    assert mine["contact_on"].to_list() == sorted(mine["contact_on"].to_list(), reverse=True)


def test_history_lists_the_files_audit_rows_newest_first(demo_database):
    hid = rows(demo_database, "SELECT min(id) FROM household WHERE referent = 'social'")[0][0]
    note = ContactIn(contact_on=date.today(), channel="telephone", summary="Appel")
    for _ in range(2):  # two audit rows: more than the page of one below
        households.add_contact(demo_database, actor_of(demo_database, "social"), hid, note)
    history = queries.run(demo_database, "households/history", household_id=hid, limit=1, offset=0)
    assert history.height == 1
    total = queries.run(demo_database, "households/history_count", household_id=hid)["total"][0]
    everything = queries.run(
        demo_database, "households/history", household_id=hid, limit=None, offset=0
    )
    assert total == everything.height == 2
    newest = history.row(0, named=True)
    assert (newest["action"], newest["entity"], newest["display_name"]) == (
        "create",
        "contact",
        "Samia Social",
    )


def test_an_account_is_read_whether_active_or_not(demo_database, admin):
    users.set_active(demo_database, admin, "kbenali", False)
    with demo_database.reading() as cur:
        account = queries.fetch_row(cur, "users/account", username="kbenali")
    assert account["active"] is False and account["display_name"] == "Karim Benali"


def found_by(database, term: str) -> list[str]:
    from tests.household_builders import EVERY_HOUSEHOLD as SEARCH

    rows = queries.run(
        database, "households/search", **{**SEARCH, "term": term}, sort="name", limit=100, offset=0
    )
    return rows["file_number"].to_list()


def test_the_words_of_a_search_match_in_any_order(demo_database):
    """« Prénom Nom » as people type it finds « NOM Prénom »; each word must match."""
    number, last, first = (
        demo_database.cursor()
        .execute(
            "SELECT h.file_number, p.last_name, p.first_name FROM household h"
            " JOIN person p ON p.household_id = h.id AND p.role = 'chef_menage'"
            " WHERE NOT h.anonymous ORDER BY h.id LIMIT 1"
        )
        .fetchone()
    )
    assert number in found_by(demo_database, f"{first} {last}")
    assert number in found_by(demo_database, f"  {last.upper()}   {first.lower()} ")
    assert number not in found_by(demo_database, f"{first} {last} zzzz")


@pytest.mark.parametrize("typed", ["%", "_", "%%", "a_b"])
def test_percent_and_underscore_are_characters_not_wildcards(demo_database, typed):
    assert found_by(demo_database, typed) == []

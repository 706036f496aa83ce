"""« Logements » at scale: a demo of 2 000 households (over 200 dwellings, over 150 owners,
over a thousand active households). The stock and the owners are counted and cut by the
database (one page of at most 50 rows, the right total), and every choice of an owner, a
dwelling or a household offers at most 20 matches of a search."""

from __future__ import annotations

from datetime import date

import pytest

import queries
from db import clock
from db.connection import close_database, open_database
from db.demo import generate as demo
from tests.conftest import open_page
from ui.housing import search

PAGE = "pages/housing.py"
FILTERS = {"programme": None, "status": None, "commune": None, "typology": None}


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = tmp_path_factory.mktemp("housing_scale") / "habiter.duckdb"
    database = open_database(path, create=True)
    demo.create_demo_database(database, households=2000, seed=7)
    yield database
    close_database(path)


@pytest.fixture
def scale(big, monkeypatch):
    """The module's database, the one the app opens; the tests only read it."""
    monkeypatch.setenv("HABITER_DB", str(big.path))
    return big


def count(database, sql: str, *params) -> int:
    return database.cursor().execute(sql, list(params)).fetchone()[0]


def table(at, column: str):
    [frame] = [d.value for d in at.dataframe if column in d.value.columns]
    return frame


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


@pytest.mark.parametrize("username", ["gestion", "direction", "social"])
def test_the_stock_shows_one_page_and_the_database_total(scale, username):
    dwellings = count(scale, "SELECT count(*) FROM dwelling")
    assert dwellings > 200
    at = open_page(scale, username, PAGE)
    assert not at.exception
    assert f"Logements : {dwellings}" in [s.value for s in at.subheader]
    pages = -(-dwellings // 50)
    assert f"{dwellings} logements — page 1 sur {pages}" in captions(at)
    assert len(table(at, "Occupant aujourd'hui")) == 50
    at.number_input(key="parc_page").set_value(pages).run()
    assert len(table(at, "Occupant aujourd'hui")) == dwellings - 50 * (pages - 1)


def test_a_filter_narrows_the_stock_and_its_total(scale):
    commune = (
        scale.cursor()
        .execute("SELECT commune FROM dwelling GROUP BY commune ORDER BY count(*) DESC LIMIT 1")
        .fetchone()[0]
    )
    there = count(scale, "SELECT count(*) FROM dwelling WHERE commune = ?", commune)
    at = open_page(scale, "gestion", PAGE)
    at.selectbox(key="parc_commune").set_value(commune).run()
    assert f"Logements : {there}" in [s.value for s in at.subheader]
    listed = table(at, "Occupant aujourd'hui")
    assert len(listed) == min(50, there) and set(listed["Commune"]) == {commune}
    communes = queries.run(scale, "housing/stock_communes")["commune"].to_list()
    assert commune in communes and communes == sorted(communes)


def test_the_stock_occupancy_sums_the_dwellings_occupancy(scale):
    year = {
        "start": date(clock.today().year - 1, 1, 1),
        "end": date(clock.today().year - 1, 12, 31),
    }
    each = queries.run(scale, "housing/occupancy", **year)
    sums = queries.run(
        scale, "housing/stock_occupancy", **FILTERS, dwelling_id=None, today=clock.today(), **year
    ).row(0, named=True)
    assert sums["dwellings"] == each.height > 0
    assert sums["stock_days"] == each["stock_days"].sum()
    assert sums["occupied_days"] == each["occupied_days"].sum()
    assert sums["rent_lost"] == each["rent_lost"].sum()


def test_the_owners_are_paged_and_found_by_search(scale):
    owners = count(scale, "SELECT count(*) FROM owner")
    assert owners > 50
    at = open_page(scale, "direction", PAGE, {"onglet": "Propriétaires"})
    assert not at.exception
    pages = -(-owners // 50)
    assert f"{owners} propriétaires — page 1 sur {pages}" in captions(at)
    assert len(table(at, "Logements")) == 50
    offered = at.selectbox(key="proprietaire_choisi").options
    assert len(offered) == search.LIMIT
    name = scale.cursor().execute("SELECT name FROM owner ORDER BY id DESC LIMIT 1").fetchone()[0]
    at.text_input(key="proprietaire_cherche").input(name.upper()).run()
    offered = at.selectbox(key="proprietaire_choisi").options
    assert 1 <= len(offered) <= search.LIMIT and all(o.startswith(name) for o in offered)


def test_a_dwelling_is_chosen_among_at_most_twenty_matches(scale):
    at = open_page(scale, "gestion", PAGE, {"onglet": "Logement"})
    assert len(at.selectbox(key="logement_choisi").options) == search.LIMIT
    dwelling_id, commune = (
        scale.cursor()
        .execute("SELECT id, commune FROM dwelling ORDER BY id DESC LIMIT 1")
        .fetchone()
    )
    at.text_input(key="logement_cherche").input(str(dwelling_id)).run()
    assert [o.split(" — ")[0] for o in at.selectbox(key="logement_choisi").options] == [
        f"n° {dwelling_id}"
    ]
    at.selectbox(key="logement_choisi").set_value(dwelling_id).run()
    assert not at.exception
    # The sign form's household and the dwelling form's owner: searches too.
    households = [s for s in at.selectbox if s.label == "Ménage locataire"]
    assert len(households[0].options) <= search.LIMIT
    owners = [s for s in at.selectbox if s.label == "Propriétaire"]
    assert 1 <= len([o for o in owners[0].options if o != "— aucun —"]) <= search.LIMIT
    found = queries.run(scale, "housing/dwelling_search", term=commune, kept=[], limit=20)
    assert found.height <= search.LIMIT and set(found["commune"]) == {commune}


def test_the_new_dwelling_form_offers_at_most_twenty_owners(scale):
    at = open_page(scale, "gestion", PAGE, {"onglet": "Nouveau logement"})
    [owners] = [s for s in at.selectbox if s.label == "Propriétaire"]
    assert len([o for o in owners.options if o != "— aucun —"]) == search.LIMIT

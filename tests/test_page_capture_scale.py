"""« Captation » at scale: a demo of 2 000 households plus 120 leads added through the db
layer. The board draws at most 5 cards per stage beside the database's count of each stage,
the filters (assignee, commune, age at the stage) narrow those counts as SQL does, the
stage's table shows one page of at most 50 rows with the right total, and a lead or an
owner is found by a search that offers at most 20 matches."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

import queries
from db import catalog, clock
from db.connection import close_database, open_database
from db.demo import generate as demo
from db.housing import capture
from db.housing.models import LeadIn
from tests.conftest import actor_of, open_page
from ui.housing import capture_forms, search

PAGE = "pages/capture.py"
EXTRA = 120  # leads at « Identifié » in Cenon, without assignee, 0 to 119 days at the stage
HEADER = re.compile(r"^\*\*(?P<label>[^*]+)\*\* \((?P<count>[\d\u202f]+)\)$")
ANY = {"assignee": None, "commune": None, "min_days": None}


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = tmp_path_factory.mktemp("capture_scale") / "habiter.duckdb"
    database = open_database(path, create=True)
    demo.create_demo_database(database, households=2000, seed=7)
    gestion = actor_of(database, "gestion")
    for n in range(EXTRA):
        lead = LeadIn(
            owner_name=f"M. Échelle {n}",
            address=f"{n} rue du Volume",
            commune="Cenon",
            source="prospection",
        )
        capture.add_lead(database, gestion, lead, clock.today() - timedelta(days=n))
    yield database
    close_database(path)


@pytest.fixture
def scale(big, monkeypatch):
    """The module's database, the one the app opens; the tests only read it."""
    monkeypatch.setenv("HABITER_DB", str(big.path))
    return big


def sql_counts(database, where: str = "TRUE", *params) -> dict[str, int]:
    rows = database.cursor().execute(
        "SELECT stage, count(*) FROM capture_lead WHERE abandoned_on IS NULL AND "  # noqa: S608
        f"{where} GROUP BY stage",
        list(params),
    )
    return dict(rows.fetchall())


def shown_counts(at) -> dict[str, int]:
    """Each stage's count as its column's header says it (« **Identifié** (165) »)."""
    labels = {label: stage for stage, label in catalog.CAPTURE_STAGE.items()}
    shown = {}
    for m in at.markdown:
        found = HEADER.match(m.value)
        if found and found["label"] in labels:
            shown[labels[found["label"]]] = int(found["count"].replace("\u202f", ""))
    assert len(shown) == len(catalog.CAPTURE_STAGE)
    return {stage: n for stage, n in shown.items() if n}


def cards_per_column(at) -> list[int]:
    """The cards drawn in each stage's column (a card: owner in bold, then the address)."""
    drawn = []
    for column in at.columns:
        texts = [m.value for m in column.markdown]
        if texts and HEADER.match(texts[0]):
            drawn.append(sum(1 for t in texts[1:] if t.startswith("**") and "  \n" in t))
    assert len(drawn) == len(catalog.CAPTURE_STAGE)
    return drawn


def test_the_board_draws_five_cards_per_stage_beside_the_database_counts(scale):
    at = open_page(scale, "gestion", PAGE)
    assert not at.exception
    expected = sql_counts(scale)
    assert shown_counts(at) == expected
    assert expected["identifie"] > 100  # enough leads for the cut to matter
    drawn = cards_per_column(at)
    assert drawn == [min(5, expected.get(stage, 0)) for stage in catalog.CAPTURE_STAGE]


def test_the_cards_are_the_leads_longest_at_their_stage(scale):
    cards = queries.run(
        scale, "housing/capture_leads_urgent", **ANY, per_stage=5, today=clock.today()
    )
    oldest = scale.cursor().execute(
        "SELECT id FROM capture_lead WHERE abandoned_on IS NULL AND stage = 'identifie' "
        "ORDER BY stage_on, id LIMIT 5"
    )
    chosen = cards.filter(cards["stage"] == "identifie")["id"].to_list()
    assert chosen == [r[0] for r in oldest.fetchall()]


def test_the_filters_narrow_the_counts_as_sql_does(scale):
    at = open_page(scale, "direction", PAGE)
    everything = shown_counts(at)
    at.selectbox(key="capture_f_commune").set_value("Cenon").run()
    in_cenon = shown_counts(at)
    assert in_cenon == sql_counts(scale, "commune = ?", "Cenon")
    assert sum(in_cenon.values()) < sum(everything.values())
    at.selectbox(key="capture_f_commune").set_value(None).run()
    at.selectbox(key="capture_f_age").set_value(90).run()
    old = shown_counts(at)
    assert old == sql_counts(scale, "date_diff('day', stage_on, current_date) >= 90")
    assert sum(old.values()) < sum(everything.values())
    at.selectbox(key="capture_f_age").set_value(None).run()
    at.selectbox(key="capture_f_assignee").set_value("gestion").run()
    assert shown_counts(at) == sql_counts(scale, "assignee = ?", "gestion")
    assert max(cards_per_column(at)) <= 5


def test_the_stage_table_shows_one_page_and_the_total(scale):
    at = open_page(scale, "gestion", PAGE)
    at.selectbox(key="capture_stage_all").set_value("identifie").run()
    total = sql_counts(scale)["identifie"]
    [table] = [d.value for d in at.dataframe if "Jours" in d.value.columns]
    assert len(table) == 50
    pages = -(-total // 50)
    assert f"{total} pistes — page 1 sur {pages}" in [c.value for c in at.caption]
    at.number_input(key="capture_stage_page").set_value(pages).run()
    [table] = [d.value for d in at.dataframe if "Jours" in d.value.columns]
    assert len(table) == total - 50 * (pages - 1)
    page = queries.run(
        scale,
        "housing/capture_leads_page",
        **ANY,
        stage="identifie",
        abandoned=False,
        today=clock.today(),
        limit=50,
        offset=50 * (pages - 1),
    )
    assert table["N°"].tolist() == [str(i) for i in page["id"]]
    assert set(page["total"]) == {total}
    # The board's filters cut the table too: the page is then back to the first.
    at.selectbox(key="capture_f_commune").set_value("Cenon").run()
    in_cenon = sql_counts(scale, "commune = ?", "Cenon")["identifie"]
    assert in_cenon < total
    at.number_input(key="capture_stage_page").set_value(1).run()
    shown = f"{in_cenon} pistes — page 1 sur {-(-in_cenon // 50)}"
    assert shown in [c.value for c in at.caption]


def test_the_abandoned_leads_are_paged_latest_first(scale):
    abandoned = queries.run(
        scale,
        "housing/capture_leads_page",
        **ANY,
        stage=None,
        abandoned=True,
        today=clock.today(),
        limit=50,
        offset=0,
    )
    [(total,)] = (
        scale.cursor()
        .execute("SELECT count(*) FROM capture_lead WHERE abandoned_on IS NOT NULL")
        .fetchall()
    )
    assert abandoned.height == min(50, total) and set(abandoned["total"]) == {total}
    days = abandoned["abandoned_on"].to_list()
    assert days == sorted(days, reverse=True)


def test_a_lead_to_act_on_is_found_by_search_among_at_most_twenty(scale):
    at = open_page(scale, "gestion", PAGE)
    drawn = len(at.selectbox(key="capture_move_pick").options)
    assert drawn == sum(cards_per_column(at))  # the cards only, no list of every lead
    at.text_input(key="capture_search").input("volume cenon").run()
    offered = at.selectbox(key="capture_move_pick").options
    assert drawn < len(offered) <= drawn + search.LIMIT
    found = queries.run(
        scale,
        "housing/capture_lead_search",
        term="ECHELLE",
        lead_id=None,
        limit=search.LIMIT,
        today=clock.today(),
    )
    assert found.height == search.LIMIT  # 120 match: the database cuts at 20
    assert all(n.startswith("M. Échelle") for n in found["owner_name"])
    [(lead_id,)] = (
        scale.cursor()
        .execute("SELECT id FROM capture_lead WHERE owner_name = 'M. Échelle 7'")
        .fetchall()
    )
    by_number = queries.run(
        scale,
        "housing/capture_lead_search",
        term=f" {lead_id} ",
        lead_id=None,
        limit=search.LIMIT,
        today=clock.today(),
    )
    assert lead_id in by_number["id"].to_list()
    at.text_input(key="capture_search").input(str(lead_id)).run()
    at.selectbox(key="capture_move_pick").set_value(lead_id).run()
    assert not at.exception
    assert at.selectbox(key=f"capture_move_{lead_id}_0_stage")  # its move form is open


def owners_offered(at, key: str) -> list[str]:
    return [o for o in at.selectbox(key=key).options if o != "— aucun —"]


def test_the_new_lead_form_offers_at_most_twenty_owners(scale):
    [(owners,)] = scale.cursor().execute("SELECT count(*) FROM owner").fetchall()
    assert owners > search.LIMIT
    at = open_page(scale, "gestion", PAGE)
    key = "capture_new_lead_0_owner"
    assert len(owners_offered(at, key)) == search.LIMIT
    name = queries.run(scale, "housing/owner_search", term=None, kept=[], limit=1)["name"][0]
    at.text_input(key=f"{capture_forms.NEW_LEAD}_owner_search").input(name).run()
    assert 1 <= len(owners_offered(at, key)) <= search.LIMIT
    assert all(o.startswith(name) for o in owners_offered(at, key))
    communes = queries.run(scale, "housing/capture_communes")["commune"].to_list()
    assert "Cenon" in communes and communes == sorted(communes)
    counts = queries.run(scale, "housing/capture_counts", **ANY, today=clock.today())
    assert dict(counts.iter_rows()) == sql_counts(scale)

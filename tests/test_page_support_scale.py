"""« Accompagnement » when the lists are longer than a page: the database counts and cuts,
the screen draws one page of 50 rows, its total the count of the whole list; only the open
tab runs.

One demo of 3,000 households, built once for the file (every list of the current year is
longer than a page for the direction). The expected counts are SQL written here, apart from
the app's queries.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

import queries
from db import clock
from db.connection import close_database, open_database
from db.demo import generate as demo
from db.french import fr_count
from db.support import reports
from tests.conftest import open_page
from tests.support_builders import PAGE, TABS, open_tab, tab
from ui.paging import MAX_DRAWN, PAGE_SIZE
from ui.support import team

HOUSEHOLDS = 3000


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "habiter.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HABITER_DB", str(path))
        database = open_database(path, create=True)
        demo.create_demo_database(database, households=HOUSEHOLDS, seed=7)
        yield database
    close_database(path)


def this_year() -> dict:
    year = clock.today().year
    return {"start": date(year, 1, 1), "end": date(year, 12, 31)}


# Each list's rows of the period, counted apart from the app's queries ($referent NULL:
# every worker's).
COUNTS = {
    "Mesures": """
        FROM support_measure x JOIN household h ON h.id = x.household_id
        WHERE x.start_on <= $end AND (x.end_on IS NULL OR x.end_on >= $start)""",
    "Procédures": """
        FROM eviction_procedure x JOIN household h ON h.id = x.household_id
        WHERE (SELECT min(s.stage_on) FROM eviction_stage s WHERE s.procedure_id = x.id) <= $end
          AND (x.closed_on IS NULL OR x.closed_on >= $start)""",
    "Médiations": """
        FROM mediation x JOIN household h ON h.id = x.household_id
        WHERE x.mediation_on >= $start AND x.mediation_on <= $end""",
    "FSL": """
        FROM fsl_application x JOIN household h ON h.id = x.household_id
        WHERE coalesce(x.submitted_on, CAST(x.created_at AS DATE)) <= $end
          AND (x.decided_on IS NULL OR x.decided_on >= $start)""",
    "Plans d'apurement": """
        FROM debt_plan x JOIN household h ON h.id = x.household_id
        WHERE x.start_on <= $end
          AND x.start_on + INTERVAL (x.months - 1) MONTH >= $start""",
}
SPECS = {spec.tab: spec for spec in team.LISTS}


def counted(database, label: str, referent: str | None = None, extra: str = "") -> int:
    sql = f"SELECT count(*) {COUNTS[label]} AND ($referent IS NULL OR h.referent = $referent)"
    with database.reading() as cur:
        return cur.execute(sql + extra, {**this_year(), "referent": referent}).fetchone()[0]


def rows_drawn(at) -> int:
    return sum(len(table.value) for table in at.dataframe)


def pager_caption(at, label: str) -> str:
    return next(c.value for c in tab(at, label).caption if "— page" in c.value)


def file_numbers(at, label: str) -> list[str]:
    return pl.from_pandas(tab(at, label).dataframe[0].value)["Dossier"].to_list()


def full_list(database, spec, referent=None) -> list[str]:
    """The whole list, in its order, as the app's query reads it without a page."""
    params = {"kind": None, "status": None, "referent": referent, **this_year()}
    params |= {"sees_all": True, "referent_of": None, "sees_tenants": False}
    found = queries.run(database, spec.query, **params, limit=None, offset=0)
    return found["file_number"].to_list()


@pytest.mark.parametrize("label", list(COUNTS))
def test_each_list_draws_one_page_and_counts_the_whole_list(big, label):
    spec = SPECS[label]
    total = counted(big, label)
    assert total > PAGE_SIZE  # the demo is large enough: more than a page
    at = open_page(big, "direction", PAGE, {"onglet": label})
    assert not at.exception and not at.error
    assert rows_drawn(at) == PAGE_SIZE <= MAX_DRAWN
    pages = -(-total // PAGE_SIZE)
    assert pager_caption(at, label) == f"{fr_count(total, *spec.noun)} — page 1 sur {pages}"
    whole = full_list(big, spec)
    assert len(whole) == total
    assert file_numbers(at, label) == whole[:PAGE_SIZE]
    at.number_input(key=f"{spec.prefix}_page").set_value(2).run()
    assert file_numbers(at, label) == whole[PAGE_SIZE : 2 * PAGE_SIZE]  # the next rows
    assert "page 2 sur" in pager_caption(at, label)


def test_the_lists_count_what_they_list(big):
    """The `total` of support/list_* (on each row of a page, the whole list's count) with
    the filters of their list, against the SQL counts above."""
    scope = {"sees_all": True, "referent_of": None, "sees_tenants": False}
    names = {
        "Mesures": "support/list_measures",
        "Procédures": "support/list_procedures",
        "Médiations": "support/list_mediations",
        "FSL": "support/list_fsl",
        "Plans d'apurement": "support/list_debt_plans",
    }
    for label, name in names.items():
        for referent in (None, "social"):
            params = {"kind": None, "status": None, "referent": referent, **this_year(), **scope}
            total = queries.run(big, name, **params, limit=2, offset=1)["total"].to_list()
            assert total == [counted(big, label, referent)] * 2, (label, referent)


@pytest.mark.parametrize("label", list(COUNTS))
def test_the_worker_filter_narrows_the_count(big, label):
    spec = SPECS[label]
    at = open_page(big, "direction", PAGE, {"onglet": label})
    at.selectbox(key=f"{spec.prefix}_ref").set_value("social").run()
    own = counted(big, label, "social")
    assert 0 < own < counted(big, label)
    assert pager_caption(at, label).startswith(fr_count(own, *spec.noun) + " —")
    assert rows_drawn(at) == min(own, PAGE_SIZE)
    assert file_numbers(at, label) == full_list(big, spec, "social")[:PAGE_SIZE]


def test_the_status_filter_narrows_the_count(big):
    at = open_page(big, "direction", PAGE, {"onglet": "Mesures"})
    at.selectbox(key="mes_status").set_value("en_cours").run()
    running = counted(big, "Mesures", extra=" AND x.end_on IS NULL")
    assert 0 < running < counted(big, "Mesures")
    assert pager_caption(at, "Mesures").startswith(fr_count(running, "mesure") + " —")


def test_another_filter_shows_its_list_from_the_first_page(big):
    at = open_page(big, "direction", PAGE, {"onglet": "Mesures"})
    at.number_input(key="mes_page").set_value(3).run()
    assert "page 3 sur" in pager_caption(at, "Mesures")
    at.selectbox(key="mes_ref").set_value("social").run()
    assert "page 1 sur" in pager_caption(at, "Mesures") and not at.warning
    assert file_numbers(at, "Mesures") == full_list(big, SPECS["Mesures"], "social")[:PAGE_SIZE]


def test_a_social_worker_counts_their_own_files(big):
    at = open_page(big, "social", PAGE, {"onglet": "FSL"})
    own = counted(big, "FSL", "social")
    assert pager_caption(at, "FSL").startswith(fr_count(own, "demande FSL", "demandes FSL"))


def test_to_do_draws_one_page_of_the_whole_list(big):
    whole = reports.to_do(big, None, clock.today())
    assert whole.height > PAGE_SIZE
    at = open_page(big, "direction", PAGE)  # « À traiter », the first tab
    todo = tab(at, "À traiter")
    assert rows_drawn(at) == PAGE_SIZE
    assert todo.caption[0].value.startswith(fr_count(whole.height, "échéance") + " d'ici le")
    late = int(whole["overdue"].sum())
    assert f"dont {late} en retard" in todo.caption[0].value
    assert file_numbers(at, "À traiter") == whole["file_number"].to_list()[:PAGE_SIZE]
    at.number_input(key="todo_page").set_value(2).run()
    expected = whole["file_number"].to_list()[PAGE_SIZE : 2 * PAGE_SIZE]
    assert file_numbers(at, "À traiter") == expected
    own = reports.to_do(big, "social", clock.today()).height
    assert 0 < own < whole.height
    at.selectbox(key="todo_ref").set_value("social").run()  # the worker filter, in the SQL
    assert tab(at, "À traiter").caption[0].value.startswith(fr_count(own, "échéance") + " ")


def test_only_the_open_tab_runs(big):
    at = open_page(big, "direction", PAGE, {"onglet": "Médiations"})
    assert [t.label for t in at.tabs] == TABS
    assert tab(at, "Médiations").dataframe
    for label in TABS:
        if label != "Médiations":
            assert not tab(at, label).dataframe and not tab(at, label).caption, label
    keys = {w.key for w in at.selectbox}
    assert "med_kind" in keys and not {"mes_kind", "fsl_kind", "todo_ref", "sum_year"} & keys
    open_tab(at, "Actions et solutions trouvées")
    assert tab(at, "Actions et solutions trouvées").dataframe
    assert not tab(at, "Médiations").dataframe


def test_every_tab_draws_at_most_max_drawn_rows(big):
    at = open_page(big, "direction", PAGE)
    for label in TABS:
        open_tab(at, label)
        assert not at.exception, label
        assert rows_drawn(at) <= MAX_DRAWN, label


# The support tabs of a household's file: a list that grows with the years is paged too.

FILE_PAGE = "pages/household_file.py"
LONG = 53  # more than a page of each: actions, mediations, FSL applications, reviews


@pytest.fixture
def long_file(database, admin, monkeypatch):
    """One household followed for years: LONG actions, mediations, FSL applications and
    reviews of one measure, dated one a day back from 15/06/2026."""
    from datetime import timedelta

    from db.support import writes
    from db.support.models import ReviewIn
    from tests.support_builders import (
        TODAY,
        action,
        fsl,
        household,
        measure,
        mediation,
        team_on_the_day,
    )

    team_on_the_day(database, monkeypatch)
    hid, _ = household(database, admin, "social", "Martin")
    started = measure(database, admin, hid, TODAY - timedelta(days=LONG), TODAY.replace(2027))
    for back in range(LONG):
        on = TODAY - timedelta(days=back)
        action(database, admin, hid, "droits", on)
        mediation(database, admin, hid, on)
        fsl(database, admin, hid, submitted=on)
        writes.add_review(database, admin, hid, started["id"], ReviewIn(review_on=on, outcome="Vu"))
    return hid


def file_table(at, column: str):
    """The rows of the file's table that has this column."""
    return next(t.value for t in at.dataframe if column in t.value.columns)


FILE_LISTS = {  # query: (its count, its tab, a column of its table, its pager's key)
    "support/household_actions": (
        "support/count_household_actions",
        "Autres actions",
        "Action",
        "actions",
    ),
    "support/household_mediations": (
        "support/count_household_mediations",
        "Médiations",
        "Interlocuteur",
        "mediations",
    ),
    "support/household_fsl": ("support/count_household_fsl", "FSL", "Type d'aide", "fsl"),
    "support/household_reviews": (
        "support/count_household_reviews",
        "Mesures",
        "Événement",
        "reviews",
    ),
}
NOUNS = {"actions": "actions", "mediations": "médiations", "fsl": "demandes FSL"}
NOUNS["reviews"] = "événements"


def test_the_long_lists_of_a_file_are_paged(database, long_file):
    hid = long_file
    at = open_page(database, "social", FILE_PAGE, {"id": str(hid)})
    for query, (count, label, column, key) in FILE_LISTS.items():
        assert queries.run(database, count, household_id=hid)["total"].to_list() == [LONG]
        open_tab(at, label)  # the file's tabs run lazily too
        assert not at.exception
        assert len(file_table(at, column)) == PAGE_SIZE, query
        assert any(c.value == f"{LONG} {NOUNS[key]} — page 1 sur 2" for c in at.caption)
        assert rows_drawn(at) <= MAX_DRAWN, query
        whole = queries.run(database, query, household_id=hid, limit=None, offset=0)
        assert whole.height == LONG
        at.number_input(key=f"{key}_page_{hid}").set_value(2).run()
        assert len(file_table(at, column)) == LONG - PAGE_SIZE, query  # the rest
        rest = queries.run(database, query, household_id=hid, limit=PAGE_SIZE, offset=PAGE_SIZE)
        assert rest.rows() == whole.rows()[PAGE_SIZE:], query

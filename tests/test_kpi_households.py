"""The households indicators (queries/kpi: welcomed, followed, composition, resources,
prescribers, communes, caseload) and their drill-downs, on the fixture of
tests/kpi_households_builders.py whose expected answers are counted by hand. Rehousing:
tests/test_kpi_rehoused.py. Every households indicator also gives the same rows on SQLite
(through sqlglot), as the benchmark runs them.
"""

from __future__ import annotations

from datetime import date

import pytest

import queries
from tests.kpi_households_builders import (
    ALL,
    NO_FILTER,
    Q1,
    SINCE,
    build,
    card,
    drill,
    on_sqlite,
    run,
    same,
    sqlite_copy,
    worker,
)


@pytest.fixture
def homes(database):
    return build(database)


def test_welcomed_counts_files_opened_within_the_bounds(database, homes):
    # H8 on the first day, H2, H9 on the last; H7 the day before and H6 the day after are
    # out; H4's reopening is no welcome.
    assert run(database, "kpi/welcomed") == [("acces", 2), ("maintien", 1)]
    assert card(database, "welcomed") == 3.0
    assert run(database, "kpi/welcomed", commune="Pessac") == [("acces", 2)]
    assert run(database, "kpi/welcomed", worker="kbenali") == [("maintien", 1)]
    assert run(database, "kpi/welcomed", measure_kind="equipe_mobile") == [("maintien", 1)]
    assert run(database, "kpi/welcomed", measure_kind="asll") == []
    assert card(database, "welcomed", measure_kind="asll") == 0.0


def test_welcomed_drill_lists_them_latest_first_within_the_readers_scope(database, homes):
    listed = drill(database, "kpi_drill/households_welcomed", ALL)
    assert listed["head_name"].to_list() == ["IZARD Anne", "BRISSON Anne", "HAMON Anne"]
    assert listed["household_id"].to_list() == [homes["Izard"], homes["Brisson"], homes["Hamon"]]
    assert listed["prescriber"].to_list() == ["ccas", "siao", None]
    mine = drill(database, "kpi_drill/households_welcomed", worker("kbenali"))
    assert mine["head_name"].to_list() == ["IZARD Anne"]  # Brisson and Hamon are Samia's
    pessac = drill(database, "kpi_drill/households_welcomed", ALL, commune="Pessac")
    assert pessac["commune"].to_list() == ["Pessac", "Pessac"]


def test_followed_reads_the_status_history(database, homes):
    # acces: H1, H2, H5 (closed on the first day), H8 (closed and reopened: once), H10
    # (closed on the last day); maintien: H4 (reopened on the last day), H7, H9, H11.
    assert run(database, "kpi/followed") == [("acces", 5), ("maintien", 4)]
    assert card(database, "followed") == 9.0
    assert run(database, "kpi/followed", commune="Bordeaux") == [("acces", 1), ("maintien", 2)]
    assert run(database, "kpi/followed", worker="social") == [("acces", 3)]
    # H1's ASLL ends inside the quarter; H2's ended the day before, H7's starts the day after.
    assert run(database, "kpi/followed", measure_kind="asll") == [("acces", 1)]
    assert run(database, "kpi/followed", measure_kind="avdl") == [("maintien", 2)]  # H4, H7


def test_followed_on_a_single_day(database, homes):
    day = {"start": date(2025, 2, 15), "end": date(2025, 2, 15)}
    # H8 is closed from 01/02 to 01/03; H2 opened on 10/02; H5 closed on 01/01.
    assert run(database, "kpi/followed", day) == [("acces", 3), ("maintien", 2)]


def test_followed_drill_matches_the_figure_and_the_read_rule(database, homes):
    listed = drill(database, "kpi_drill/households_followed", ALL)
    assert listed.height == 9
    assert set(listed["household_id"]) == set(homes.values()) - {homes["Carrel"], homes["Fabre"]}
    counts = listed.group_by("request_type").len().sort("request_type").rows()
    assert counts == run(database, "kpi/followed")
    assert {"family_type", "request_type", "commune"} <= set(listed.columns)
    mine = drill(database, "kpi_drill/households_followed", worker("social"))
    assert mine["head_name"].to_list() == ["AUBERT Anne", "BRISSON Anne", "HAMON Anne"]
    # Rental management also sees the association's tenants today: H7, H10, H11 (H4's
    # bail direct is the owner's lease, not the association's).
    tenants = drill(database, "kpi_drill/households_followed", worker("social", tenants=True))
    assert tenants["head_name"].to_list() == [
        "AUBERT Anne",
        "BRISSON Anne",
        "GOMEZ Anne",
        "HAMON Anne",
        "JACOB Anne",
        "KLEIN Anne",
    ]
    assert drill(database, "kpi_drill/households_followed", worker("nobody")).height == 0


def test_composition_of_the_households_followed(database, homes):
    assert run(database, "kpi/composition") == [
        ("isole", 4),  # H1, H5, H7, H11
        ("couple", 2),  # H2, H9
        ("autre", 1),  # H10
        ("couple_enfants", 1),  # H4
        ("monoparentale", 1),  # H8
    ]
    assert card(database, "composition") == 9.0
    assert run(database, "kpi/composition", commune="Talence") == [("isole", 2)]
    assert run(database, "kpi/composition", worker="mlefevre") == [
        ("autre", 1),
        ("couple_enfants", 1),
    ]
    assert run(database, "kpi/composition", measure_kind="mous") == [("monoparentale", 1)]


def test_rsa_share_counts_resources_received_on_a_day_of_the_period(database, homes):
    # H1 (open), H7 (received on 1 January only), H9 (always); not H4 (ended: last day
    # received 31/12), not H3 (not followed).
    assert run(database, "kpi/rsa_share") == [(9, 3, pytest.approx(3 / 9))]
    assert card(database, "rsa_share") == pytest.approx(1 / 3)
    assert run(database, "kpi/rsa_share", worker="social") == [(3, 1, pytest.approx(1 / 3))]
    assert run(database, "kpi/rsa_share", commune="Pessac") == [(2, 0, 0.0)]
    assert run(database, "kpi/rsa_share", measure_kind="avdl") == [(2, 1, 0.5)]  # H4, H7
    nobody = run(database, "kpi/rsa_share", commune="Lormont")
    assert nobody == [(0, 0, None)]
    assert card(database, "rsa_share", commune="Lormont") is None


def test_salary_share(database, homes):
    # H2 from the last day, H7 until 28/02; not H4 (from the day after).
    assert run(database, "kpi/salary_share") == [(9, 2, pytest.approx(2 / 9))]
    assert card(database, "salary_share") == pytest.approx(2 / 9)
    assert run(database, "kpi/salary_share", commune="Bordeaux") == [(3, 0, 0.0)]
    assert run(database, "kpi/salary_share", worker="kbenali") == [(2, 1, 0.5)]
    assert run(database, "kpi/salary_share", measure_kind="mous") == [(1, 0, 0.0)]
    march = {"start": date(2025, 3, 1), "end": date(2025, 3, 31)}
    assert run(database, "kpi/salary_share", march) == [(8, 1, 0.125)]  # H7's ended 01/03


def test_resources_by_kind_and_the_share_with_any(database, homes):
    # H2's AAH ended on its first day: never received. With a resource other than « sans
    # ressources »: H1, H2, H7, H9, 4 of 9.
    rows = run(database, "kpi/resources")
    assert rows == [
        ("rsa", 3, pytest.approx(3 / 9), pytest.approx(4 / 9)),
        ("salaire", 2, pytest.approx(2 / 9), pytest.approx(4 / 9)),
        ("apl", 1, pytest.approx(1 / 9), pytest.approx(4 / 9)),
        ("sans_ressources", 1, pytest.approx(1 / 9), pytest.approx(4 / 9)),
    ]
    assert card(database, "resources") == pytest.approx(4 / 9)
    assert run(database, "kpi/resources", commune="Talence") == [
        ("sans_ressources", 1, 0.5, 0.0),  # H5 and H11 (no resource recorded)
    ]
    assert card(database, "resources", commune="Talence") == 0.0
    assert run(database, "kpi/resources", worker="social") == [
        ("apl", 1, pytest.approx(1 / 3), pytest.approx(2 / 3)),
        ("rsa", 1, pytest.approx(1 / 3), pytest.approx(2 / 3)),
        ("salaire", 1, pytest.approx(1 / 3), pytest.approx(2 / 3)),
    ]
    assert run(database, "kpi/resources", measure_kind="equipe_mobile") == [("rsa", 1, 1.0, 1.0)]


def test_prescribers_and_communes_of_the_households_welcomed(database, homes):
    assert run(database, "kpi/prescribers") == [("ccas", 1), ("siao", 1), (None, 1)]
    assert card(database, "prescribers") == 3.0
    assert run(database, "kpi/prescribers", commune="Pessac") == [("siao", 1), (None, 1)]
    assert run(database, "kpi/prescribers", worker="kbenali") == [("ccas", 1)]
    assert run(database, "kpi/prescribers", measure_kind="mous") == [(None, 1)]
    assert run(database, "kpi/communes") == [("Pessac", 2), ("Bordeaux", 1)]
    assert card(database, "communes") == 3.0
    assert run(database, "kpi/communes", worker="kbenali") == [("Bordeaux", 1)]
    assert run(database, "kpi/communes", commune="Pessac") == [("Pessac", 2)]
    assert run(database, "kpi/communes", measure_kind="mous") == [("Pessac", 1)]
    year_2024 = {"start": date(2024, 1, 1), "end": date(2024, 12, 31)}
    # H10, H11, H1, H5, H7 opened in 2024.
    assert run(database, "kpi/communes", year_2024) == [
        ("Mérignac", 2),
        ("Talence", 2),
        ("Bordeaux", 1),
    ]


def test_caseload_per_referent_at_the_end_of_the_period(database, homes):
    # Active on 31/03: social H1, H2, H8; kbenali H7, H9 (opened that day); mlefevre H4
    # (reopened that day), H10 (closed that day); no referent H11. H5 closed on 01/01.
    rows = run(database, "kpi/caseload")
    assert rows == [
        ("social", 3, pytest.approx(7 / 3)),
        ("kbenali", 2, pytest.approx(7 / 3)),
        ("mlefevre", 2, pytest.approx(7 / 3)),
        (None, 1, pytest.approx(7 / 3)),
    ]
    assert card(database, "caseload") == pytest.approx(7 / 3)
    day_before = {"start": date(2025, 1, 1), "end": date(2025, 3, 30)}
    assert run(database, "kpi/caseload", day_before) == [
        ("social", 3, pytest.approx(5 / 3)),
        ("kbenali", 1, pytest.approx(5 / 3)),
        ("mlefevre", 1, pytest.approx(5 / 3)),
        (None, 1, pytest.approx(5 / 3)),
    ]
    first_day = {"start": date(2025, 1, 1), "end": date(2025, 1, 1)}
    assert run(database, "kpi/caseload", first_day) == [
        ("social", 2, pytest.approx(4 / 3)),  # H1, H8 opened that day
        (None, 2, pytest.approx(4 / 3)),  # H5 closed that day, H11
        ("kbenali", 1, pytest.approx(4 / 3)),
        ("mlefevre", 1, pytest.approx(4 / 3)),
    ]
    assert run(database, "kpi/caseload", commune="Bordeaux") == [
        ("kbenali", 1, 1.0),
        ("mlefevre", 1, 1.0),
        ("social", 1, 1.0),
    ]
    assert run(database, "kpi/caseload", worker="mlefevre") == [("mlefevre", 2, 2.0)]
    assert run(database, "kpi/caseload", measure_kind="asll") == [("social", 1, 1.0)]
    only_unassigned = run(database, "kpi/caseload", commune="Talence")
    assert only_unassigned == [(None, 1, None)]
    assert card(database, "caseload", commune="Talence") is None


# The same files on SQLite ---------------------------------------------------------------


KPIS = (
    "welcomed",
    "followed",
    "rehoused",
    "rehoused_since",
    "composition",
    "rsa_share",
    "salary_share",
    "resources",
    "prescribers",
    "communes",
    "caseload",
)


@pytest.mark.parametrize("key", KPIS)
def test_each_kpi_gives_the_same_rows_on_sqlite(database, homes, key):
    copy = sqlite_copy(database)
    cases = [NO_FILTER, NO_FILTER | {"commune": "Pessac"}, NO_FILTER | {"worker": "social"}]
    cases.append(NO_FILTER | {"measure_kind": "avdl"})
    for filters in cases:
        params = {**Q1, "since": SINCE, **filters}
        expected = queries.run(database, f"kpi/{key}", **params).rows()
        assert same(on_sqlite(copy, f"kpi/{key}", params), expected), (key, filters)
    assert queries.run(database, f"kpi/{key}", **Q1, since=SINCE, **NO_FILTER).height > 0

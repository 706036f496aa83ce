"""The households indicators (queries/kpi: welcomed, followed, composition, resources,
prescribers, communes) and their drill-downs, on a fixture written here with plain SQL
whose expected answers are counted by hand. The period is the first quarter of 2025;
records cut through its bounds. Rehousing and caseload: tests/test_kpi_households_2.py.

The households are listed in HOUSEHOLDS below (H1 Aubert … H11 Klein, in that order).
Followed in the quarter: all but H3 (closed before) and H6 (opened after): 9 households.
Welcomed in the quarter: H8 (first day), H2, H9 (last day).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

import queries
from db.households.spans import rebuild_spans
from queries import kpi

Q1 = {"start": date(2025, 1, 1), "end": date(2025, 3, 31)}
NO_FILTER = {"commune": None, "programme": None, "measure_kind": None, "worker": None}
SINCE = date(2024, 1, 1)
AT = datetime(2025, 6, 1, 9, 0)

HOUSEHOLDS = [
    # name, request type, family type, prescriber, referent, commune, status events
    ("Aubert", "acces", "isole", "ccas", "social", "Bordeaux", [("ouverture", "2024-06-01")]),
    ("Brisson", "acces", "couple", "siao", "social", "Pessac", [("ouverture", "2025-02-10")]),
    ("Carrel", "maintien", "monoparentale", "ccas", "mlefevre", "Bordeaux",
     [("ouverture", "2023-01-01"), ("cloture", "2024-12-31")]),
    ("Dumas", "maintien", "couple_enfants", "caf", "mlefevre", "Bordeaux",
     [("ouverture", "2023-05-01"), ("cloture", "2024-10-01"), ("reouverture", "2025-03-31")]),
    ("Esnault", "acces", "isole", "ccas", None, "Talence",
     [("ouverture", "2024-11-01"), ("cloture", "2025-01-01")]),
    ("Fabre", "acces", "isole", "ccas", "social", "Bordeaux", [("ouverture", "2025-04-01")]),
    ("Gomez", "maintien", "isole", "hopital", "kbenali", "Mérignac",
     [("ouverture", "2024-12-31")]),
    ("Hamon", "acces", "monoparentale", None, "social", "Pessac",
     [("ouverture", "2025-01-01"), ("cloture", "2025-02-01"), ("reouverture", "2025-03-01")]),
    ("Izard", "maintien", "couple", "ccas", "kbenali", "Bordeaux", [("ouverture", "2025-03-31")]),
    ("Jacob", "acces", "autre", "caf", "mlefevre", "Mérignac",
     [("ouverture", "2024-01-01"), ("cloture", "2025-03-31")]),
    ("Klein", "maintien", "isole", "spontanee", None, "Talence", [("ouverture", "2024-02-01")]),
]  # fmt: skip

MEASURES = [
    # household, kind, start, end, end reason
    ("Aubert", "asll", "2024-06-01", "2025-01-15", "objectifs_atteints"),  # ends inside
    ("Brisson", "asll", "2024-11-01", "2024-12-31", "abandon"),  # ends the day before
    ("Carrel", "asll", "2024-01-01", None, None),
    ("Dumas", "avdl", "2025-03-31", None, None),  # starts on the last day
    ("Gomez", "avdl", "2024-12-01", "2025-01-10", "reloge"),
    ("Gomez", "asll", "2025-04-01", None, None),  # starts the day after
    ("Hamon", "mous", "2025-01-05", "2025-02-20", "reloge"),
    ("Izard", "equipe_mobile", "2025-03-31", "2025-04-01", "reloge"),  # relogé the day after
    ("Esnault", "mous", "2024-05-01", "2024-12-31", "reloge"),  # relogé the day before
]

RESOURCES = [
    # household, kind, valid from, valid until (the first day no longer received)
    ("Aubert", "rsa", "2024-06-01", None),
    ("Aubert", "apl", "2024-06-01", None),
    ("Brisson", "salaire", "2025-03-31", None),  # from the last day
    ("Brisson", "aah", "2025-01-10", "2025-01-10"),  # ended the day it began: never received
    ("Carrel", "rsa", "2023-01-01", None),  # not followed
    ("Dumas", "rsa", "2023-05-01", "2025-01-01"),  # last received 2024-12-31
    ("Dumas", "salaire", "2025-04-01", None),  # from the day after
    ("Esnault", "sans_ressources", "2024-11-01", None),
    ("Gomez", "rsa", "2024-12-31", "2025-01-02"),  # received on 1 January
    ("Gomez", "salaire", "2024-01-01", "2025-03-01"),
    ("Izard", "rsa", None, None),  # always
]

LEASES = [
    # household (None: the association's main lease), kind, start, end
    (None, "bail_principal", "2020-01-01", None),
    ("Aubert", "sous_location", "2025-02-01", None),  # rehoused mid-period
    ("Brisson", "sous_location", "2025-03-31", None),  # same day as nothing else: bail
    ("Dumas", "bail_glissant", "2024-06-01", "2025-01-31"),
    ("Dumas", "bail_direct", "2025-02-01", None),  # the slide: not a new rehousing
    ("Gomez", "sous_location", "2025-01-20", None),  # after its measure ended « relogé »
    ("Fabre", "sous_location", "2025-04-01", None),  # the day after
    ("Jacob", "sous_location", "2024-12-31", "2025-02-14"),  # the day before
    ("Jacob", "sous_location", "2025-02-15", None),  # a move without a gap: not new
    ("Klein", "sous_location", "2023-01-01", "2023-12-31"),
    ("Klein", "sous_location", "2025-03-01", None),  # a new home after a gap
]


def build(database) -> dict[str, int]:
    """The households above, their status history, measures, resources and leases: ids
    by name."""
    cur = database.cursor()
    ids = {}
    for number, (name, request, family, prescriber, referent, commune, events) in enumerate(
        HOUSEHOLDS, start=1
    ):
        status = "clos" if events[-1][0] == "cloture" else "actif"
        ids[name] = cur.execute(
            "INSERT INTO household (file_number, status, referent, commune, head_name,"
            " request_type, family_type, prescriber, opened_on, created_at, created_by,"
            " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'test', ?, 'test')"
            " RETURNING id",
            [f"2025-{number:04d}", status, referent, commune, f"{name.upper()} Anne",
             request, family, prescriber, events[0][1], AT, AT],
        ).fetchone()[0]  # fmt: skip
        for event, day in events:
            cur.execute(
                "INSERT INTO household_status_event (household_id, event, occurred_on,"
                " recorded_at, recorded_by) VALUES (?, ?, ?, ?, 'test')",
                [ids[name], event, day, AT],
            )
    rebuild_spans(cur)
    for name, kind, start, end, reason in MEASURES:
        cur.execute(
            "INSERT INTO support_measure (household_id, kind, start_on, planned_end_on, end_on,"
            " end_reason, created_at, created_by, updated_at, updated_by)"
            " VALUES (?, ?, ?, DATE '2026-12-31', ?, ?, ?, 'test', ?, 'test')",
            [ids[name], kind, start, end, reason, AT, AT],
        )
    for name, kind, valid_from, valid_until in RESOURCES:
        cur.execute(
            "INSERT INTO resource (household_id, kind, monthly_amount, valid_from, valid_until)"
            " VALUES (?, ?, 500, ?, ?)",
            [ids[name], kind, valid_from, valid_until],
        )
    dwelling = cur.execute(
        "INSERT INTO dwelling (owner_id, address, commune, typology, rent, programme, status,"
        " entered_on, created_at, created_by, updated_at, updated_by) VALUES (1, '3 rue des"
        " Lilas', 'Bordeaux', 'T2', 500, 'sous_location', 'occupe', DATE '2020-01-01', ?,"
        " 'test', ?, 'test') RETURNING id",
        [AT, AT],
    ).fetchone()[0]
    for name, kind, start, end in LEASES:
        cur.execute(
            "INSERT INTO lease (dwelling_id, kind, household_id, start_on, end_on, created_at,"
            " created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, 'test', ?, 'test')",
            [dwelling, kind, ids.get(name), start, end, AT, AT],
        )
    return ids


@pytest.fixture
def homes(database):
    return build(database)


def run(database, name: str, period=Q1, **filters) -> list[tuple]:
    frame = queries.run(database, name, since=SINCE, **period, **(NO_FILTER | filters))
    return frame.rows()


def card(database, key: str, period=Q1, **filters) -> float | None:
    frame = queries.run(database, f"kpi/{key}", since=SINCE, **period, **(NO_FILTER | filters))
    return kpi.figure(kpi.by_key(key), frame)


def drill(database, name: str, scope: dict, period=Q1, **filters):
    return queries.run(database, name, since=SINCE, **period, **(NO_FILTER | filters), **scope)


ALL = {"sees_all": True, "referent_of": None, "sees_tenants": False}


def worker(username: str, tenants: bool = False) -> dict:
    return {"sees_all": False, "referent_of": username, "sees_tenants": tenants}


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
        "AUBERT Anne", "BRISSON Anne", "GOMEZ Anne", "HAMON Anne", "JACOB Anne", "KLEIN Anne",
    ]  # fmt: skip
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
        ("autre", 1), ("couple_enfants", 1),
    ]  # fmt: skip
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
        ("Mérignac", 2), ("Talence", 2), ("Bordeaux", 1),
    ]  # fmt: skip

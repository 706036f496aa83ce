"""Persons beside households: the persons of the households welcomed, followed and
rehoused (and the cumulative since a date), each household counting its members on the
day it is counted; on the fixture of tests/kpi_households_builders.py (its docstring lists
the rehousings) with the members below, counted by hand.

A member is one on a day from the day they joined (empty: always) to the day before the
day they left (the first day they are no longer one, as a resource's end).
"""

from __future__ import annotations

from datetime import date

import pytest

import queries
from tests.kpi_households_builders import (
    ALL,
    BAIL,
    MESURE,
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
)

MEMBERS = [
    # household, role, joined on, left on (the first day no longer a member)
    ("Aubert", "chef_menage", "2024-06-01", None),
    ("Aubert", "enfant", "2025-02-02", None),  # born the day after the rehousing
    ("Brisson", "chef_menage", "2025-02-10", None),
    ("Brisson", "conjoint", "2025-02-10", None),
    ("Brisson", "enfant", "2025-03-01", None),  # joined after the opening
    ("Brisson", "autre_adulte", "2024-01-01", "2025-02-10"),  # left on the opening day
    ("Brisson", "autre_adulte", None, "2025-02-11"),  # left the day after the opening
    ("Dumas", "chef_menage", "2023-05-01", None),
    ("Dumas", "conjoint", None, "2025-03-31"),  # left on the quarter's last day
    ("Dumas", "enfant", "2025-04-01", None),  # joined the day after the quarter
    ("Esnault", "chef_menage", "2024-11-01", None),
    ("Esnault", "conjoint", None, "2025-01-02"),  # still there on the closing day
    ("Esnault", "enfant", "2025-02-01", None),  # joined after the file was closed
    ("Hamon", "chef_menage", "2025-01-01", None),
    ("Hamon", "enfant", "2025-01-01", None),
    ("Izard", "chef_menage", None, None),  # always
]

# Households welcomed in the quarter, members on the day their file was opened:
#   Hamon (acces, 01/01): 2; Brisson (acces, 10/02): head, partner and the adult who
#   left on 11/02, not the one who left on 10/02 nor the child who came on 01/03: 3;
#   Izard (maintien, 31/03): 1.
WELCOMED = [("acces", 2, 5), ("maintien", 1, 1)]
# Followed: members on the last day followed in the quarter (31/03; Esnault: 01/01, its
# closing day). acces: Aubert 2, Brisson 3, Esnault 2, Hamon 2, Jacob 0; maintien:
# Dumas 1 (its partner left on 31/03, its child came after), Gomez 0, Izard 1, Klein 0.
FOLLOWED = [("acces", 5, 9), ("maintien", 4, 2)]
# Rehoused: members on the day of the rehousing. bail: Aubert 1 (on 01/02, the child
# came the day after), Brisson 3 (on 31/03), Klein 0; mesure: Gomez 0, Hamon 2.
REHOUSED = [(BAIL, 3, 4), (MESURE, 2, 2)]
# Since 01/01/2024: Dumas 2 (June 2024: its partner still there); Esnault 2 and Jacob 0
# (December); Gomez 0 (January); Aubert 1 and Hamon 2 (February); Brisson 3 and Klein 0
# (March).
SINCE_ROWS = [
    ("2024-06", 1, 2, 1, 2),
    ("2024-12", 2, 2, 3, 4),
    ("2025-01", 1, 0, 4, 4),
    ("2025-02", 2, 3, 6, 7),
    ("2025-03", 2, 3, 8, 10),
]
PERSONS_KPIS = (
    "persons_welcomed",
    "persons_followed",
    "persons_rehoused",
    "persons_rehoused_since",
)


def add_members(database, ids: dict[str, int]) -> None:
    cur = database.cursor()
    for number, (name, role, joined, left) in enumerate(MEMBERS, start=1):
        cur.execute(
            "INSERT INTO person (household_id, role, last_name, first_name, joined_on, left_on)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [ids[name], role, name.upper(), f"Membre {number}", joined, left],
        )


@pytest.fixture
def homes(database):
    ids = build(database)
    add_members(database, ids)
    return ids


def test_persons_welcomed_are_the_members_on_the_day_the_file_was_opened(database, homes):
    assert run(database, "kpi/persons_welcomed") == WELCOMED
    assert card(database, "persons_welcomed") == 6.0
    # The households are those of « Ménages accueillis », type by type.
    households = run(database, "kpi/welcomed")
    assert [(t, n) for t, n, _p in WELCOMED] == households
    assert run(database, "kpi/persons_welcomed", commune="Pessac") == [("acces", 2, 5)]
    listed = drill(database, "kpi_drill/households_welcomed", ALL)
    assert dict(zip(listed["head_name"], listed["persons"], strict=True)) == {
        "IZARD Anne": 1,
        "BRISSON Anne": 3,
        "HAMON Anne": 2,
    }


def test_persons_followed_are_the_members_on_the_last_day_followed(database, homes):
    assert run(database, "kpi/persons_followed") == FOLLOWED
    assert card(database, "persons_followed") == 11.0
    households = run(database, "kpi/followed")
    assert [(t, n) for t, n, _p in FOLLOWED] == households
    # Esnault's file closed on 01/01: its partner, who left on 02/01, is counted.
    january = {"start": date(2025, 1, 1), "end": date(2025, 1, 1)}
    assert run(database, "kpi/persons_followed", january, commune="Talence") == [
        ("acces", 1, 2),
        ("maintien", 1, 0),
    ]
    listed = drill(database, "kpi_drill/households_followed", ALL)
    assert sum(listed["persons"]) == 11
    assert listed.filter(listed["head_name"] == "DUMAS Anne")["persons"].to_list() == [1]


def test_persons_rehoused_are_the_members_on_the_day_of_the_rehousing(database, homes):
    assert run(database, "kpi/persons_rehoused") == REHOUSED
    assert card(database, "persons_rehoused") == 6.0
    assert [(h, n) for h, n, _p in REHOUSED] == run(database, "kpi/rehoused")
    assert run(database, "kpi/persons_rehoused", worker="social") == [(BAIL, 2, 4), (MESURE, 1, 2)]
    listed = drill(database, "kpi_drill/households_rehoused", ALL)
    assert dict(zip(listed["head_name"], listed["persons"], strict=True)) == {
        "BRISSON Anne": 3,
        "KLEIN Anne": 0,
        "HAMON Anne": 2,
        "AUBERT Anne": 1,
        "GOMEZ Anne": 0,
    }


def test_persons_rehoused_since_a_date_month_by_month(database, homes):
    assert run(database, "kpi/persons_rehoused_since") == SINCE_ROWS
    assert card(database, "persons_rehoused_since") == 10.0
    households = [(m, n, c) for m, n, _p, c, _cp in SINCE_ROWS]
    assert households == run(database, "kpi/rehoused_since")


@pytest.mark.parametrize("key", PERSONS_KPIS)
def test_each_persons_kpi_gives_the_same_rows_on_sqlite(database, homes, key):
    copy = sqlite_copy(database)
    copy.execute("CREATE TABLE person (id, household_id, joined_on, left_on)")
    rows = database.cursor().execute("SELECT id, household_id, joined_on, left_on FROM person")
    copy.executemany(
        "INSERT INTO person VALUES (?, ?, ?, ?)",
        [[v.isoformat() if isinstance(v, date) else v for v in row] for row in rows.fetchall()],
    )
    for filters in (NO_FILTER, NO_FILTER | {"commune": "Pessac"}, NO_FILTER | {"worker": "social"}):
        params = {**Q1, "since": SINCE, **filters}
        expected = queries.run(database, f"kpi/{key}", **params).rows()
        assert same(on_sqlite(copy, f"kpi/{key}", params), expected), (key, filters)

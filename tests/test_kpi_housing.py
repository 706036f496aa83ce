"""The Logements tiles of the dashboard (queries/kpi: stock, occupancy_rate, vacancy_days,
slides) and the dwellings behind them (kpi_drill/dwellings), each figure computed by hand
from the stock below, built with plain SQL. The same files also run on SQLite (through
sqlglot), as the benchmark runs them. Dates are inclusive: a lease's end_on is its last day
occupied, a dwelling's left_on its last day in the stock.

The first quarter of 2025 (90 days), dwelling by dwelling:

    dwelling  programme          commune   rent    in stock  occupied  vacant  lost    on 31/03
    A         sous_location      Bordeaux  600     90        62        28      560.00  occupe
    B         sous_location      Bordeaux  450     45        22        23      345.00  occupe
    C         bail_glissant      Pessac    300     41        14        27      270.00  (left)
    D         bail_glissant      Pessac    390     90         0        90     1170.00  travaux
    F         pension_famille    Bordeaux  350     90        90         0        0.00  occupe
    G         patrimoine_propre  Pessac    505.50   1         0         1       16.85  vacant
    H         mandat_gestion     Bordeaux  600     90         0        90     1800.00  vacant
    (E enters on 1 April, I left on 31 December: neither is in the quarter's stock.)
"""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest
import sqlglot

import queries
import queries.kpi
from db.demo.generate import create_demo_accounts
from db.households import writes as households
from db.households.models import IntakeIn
from tests.conftest import actor_of, intake_fields

Q1 = {
    "start": date(2025, 1, 1),
    "end": date(2025, 3, 31),
    "since": date(2020, 1, 1),
    "commune": None,
    "programme": None,
    "measure_kind": None,
    "worker": None,
}
Q2 = Q1 | {"start": date(2025, 4, 1), "end": date(2025, 6, 30)}
Q4_2024 = Q1 | {"start": date(2024, 10, 1), "end": date(2024, 12, 31)}
STAMP = "now(), 'tests', now(), 'tests'"


@pytest.fixture
def team(database):
    create_demo_accounts(database)
    return database


def add_households(team, count: int) -> list[int]:
    social = actor_of(team, "social")
    return [
        households.create_intake(
            team, social, IntakeIn.model_validate(intake_fields(f"Nom{n}", referent="social"))
        )["id"]
        for n in range(count)
    ]


def add_dwelling(cur, programme, commune, rent, entered_on, left_on=None, status="vacant"):
    sql = (
        "INSERT INTO dwelling (owner_id, address, commune, typology, rent, programme, status,"
        " entered_on, left_on, created_at, created_by, updated_at, updated_by)"
        " VALUES (1, '3 rue des Lilas', ?, 'T2', ?, ?, ?, ?, ?, " + STAMP + ") RETURNING id"
    )
    row = [commune, rent, programme, status, entered_on, left_on]
    return cur.execute(sql, row).fetchone()[0]


def add_lease(cur, dwelling_id, kind, household_id, start_on, end_on=None, slid_on=None):
    sql = (
        "INSERT INTO lease (dwelling_id, kind, household_id, start_on, end_on, slid_on,"
        " created_at, created_by, updated_at, updated_by)"
        " VALUES (?, ?, ?, ?, ?, ?, " + STAMP + ")"
    )
    cur.execute(sql, [dwelling_id, kind, household_id, start_on, end_on, slid_on])


@pytest.fixture
def stock(team) -> dict:
    h = add_households(team, 8)
    cur = team.cursor()
    cur.execute(
        "INSERT INTO owner (kind, name, created_at, created_by, updated_at, updated_by)"
        " VALUES ('sci', 'SCI Les Tilleuls', " + STAMP + ")"
    )
    d = {
        "A": add_dwelling(cur, "sous_location", "Bordeaux", "600", date(2024, 6, 1)),
        "B": add_dwelling(cur, "sous_location", "Bordeaux", "450", date(2025, 2, 15)),
        "C": add_dwelling(
            cur, "bail_glissant", "Pessac", "300", date(2024, 1, 1), date(2025, 2, 10), "restitue"
        ),
        "D": add_dwelling(cur, "bail_glissant", "Pessac", "390", date(2024, 1, 1), None, "travaux"),
        "E": add_dwelling(cur, "pension_famille", "Bordeaux", "200", date(2025, 4, 1)),
        # Its record says « travaux », but a household's lease covers 31 March: occupied.
        "F": add_dwelling(
            cur, "pension_famille", "Bordeaux", "350", date(2024, 12, 31), None, "travaux"
        ),
        "G": add_dwelling(cur, "patrimoine_propre", "Pessac", "505.50", date(2025, 3, 31)),
        "H": add_dwelling(
            cur, "mandat_gestion", "Bordeaux", "600", date(2024, 1, 1), date(2025, 3, 31)
        ),
        "I": add_dwelling(
            cur, "sous_location", "Bordeaux", "500", date(2024, 1, 1), date(2024, 12, 31)
        ),
    }
    # The association's main lease on A: no household, never an occupied day.
    add_lease(cur, d["A"], "bail_principal", None, date(2024, 6, 1))
    add_lease(cur, d["A"], "sous_location", h[0], date(2024, 9, 1), date(2025, 1, 31))
    add_lease(cur, d["A"], "sous_location", h[1], date(2025, 3, 1))
    add_lease(cur, d["B"], "sous_location", h[2], date(2025, 3, 10), date(2025, 3, 20))
    # B's bail glissant slides on 1 April, the day after the quarter.
    add_lease(cur, d["B"], "bail_glissant", h[3], date(2025, 3, 21), date(2025, 3, 31),
              date(2025, 4, 1))  # fmt: skip
    add_lease(cur, d["C"], "bail_glissant", h[4], date(2024, 3, 1), date(2025, 1, 14),
              date(2025, 1, 15))  # fmt: skip
    add_lease(cur, d["D"], "bail_glissant", h[5], date(2024, 2, 1), date(2024, 12, 31),
              date(2025, 1, 1))  # fmt: skip
    add_lease(cur, d["F"], "sous_location", h[6], date(2024, 12, 31))
    # I's slides on 31 December, the day before the quarter.
    add_lease(cur, d["I"], "bail_glissant", h[7], date(2024, 1, 1), date(2024, 12, 30),
              date(2024, 12, 31))  # fmt: skip
    return d


def kpi(team, name: str, **changes):
    return queries.run(team, name, **(Q1 | changes))


def card(name: str, frame) -> float | None:
    return queries.kpi.figure(queries.kpi.by_key(name.split("/")[1]), frame)


# SQLite: the same files, transpiled ----------------------------------------------------

SQLITE_TABLES = {
    "dwelling": ("id", "programme", "commune", "status", "rent", "entered_on", "left_on"),
    "lease": ("id", "dwelling_id", "household_id", "kind", "start_on", "end_on", "slid_on"),
    "capture_lead": ("id", "commune", "assignee", "dwelling_id"),
    "capture_stage_event": ("id", "lead_id", "stage", "moved_on"),
}


def plain(value):
    if isinstance(value, date):
        return value.isoformat()
    return float(value) if isinstance(value, Decimal) else value


def sqlite_copy(database, folder) -> sqlite3.Connection:
    """The tables the housing and capture tiles read, in SQLite (dates as ISO text)."""
    lite = sqlite3.connect(folder / "kpi.sqlite")
    cur = database.cursor()
    for table, columns in SQLITE_TABLES.items():
        names = ", ".join(columns)
        lite.execute("CREATE TABLE " + table + " (" + names + ")")
        rows = cur.execute("SELECT " + names + " FROM " + table).fetchall()
        marks = ", ".join("?" * len(columns))
        insert = "INSERT INTO " + table + " VALUES (" + marks + ")"
        lite.executemany(insert, [tuple(plain(v) for v in row) for row in rows])
    lite.commit()
    return lite


def on_sqlite(lite, name: str, **params) -> list[tuple]:
    query = queries.all_queries()[name]
    sql = sqlglot.transpile(query.sql, read="duckdb", write="sqlite")[0]
    return lite.execute(sql, {k: plain(params[k]) for k in query.params}).fetchall()


def same_rows(duck: list[tuple], lite: list[tuple]) -> bool:
    def close(a, b):
        if isinstance(a, float | int) and isinstance(b, float | int):
            return b == pytest.approx(a)
        return a == b

    return len(duck) == len(lite) and all(
        len(x) == len(y) and all(close(a, b) for a, b in zip(x, y, strict=True))
        for x, y in zip(duck, lite, strict=True)
    )


# The stock on the last day -------------------------------------------------------------


def test_the_stock_on_the_last_day_by_programme_and_state(team, stock):
    frame = kpi(team, "kpi/stock")
    assert frame.rows() == [
        ("bail_glissant", "travaux", 1),  # D; C left on 10 February
        ("mandat_gestion", "vacant", 1),  # H leaves on 31 March: still in the stock that day
        ("patrimoine_propre", "vacant", 1),  # G enters on 31 March
        ("pension_famille", "occupe", 1),  # F, let though its record says « travaux »
        ("sous_location", "occupe", 2),  # A (since 1 March), B (bail glissant to 31 March)
    ]
    assert card("kpi/stock", frame) == 6


def test_the_stock_follows_the_commune_and_programme_filters(team, stock):
    pessac = kpi(team, "kpi/stock", commune="Pessac")
    assert pessac.rows() == [("bail_glissant", "travaux", 1), ("patrimoine_propre", "vacant", 1)]
    assert card("kpi/stock", kpi(team, "kpi/stock", programme="sous_location")) == 2


def test_the_stock_at_the_end_of_an_earlier_period(team, stock):
    frame = kpi(team, "kpi/stock", **{k: Q4_2024[k] for k in ("start", "end")})
    # 31/12/2024: A let (first household), C let, D let to its last day, F let from that
    # day, H vacant, I leaves that day (vacant); B, E, G not yet in the stock.
    assert frame.rows() == [
        ("bail_glissant", "occupe", 2),
        ("mandat_gestion", "vacant", 1),
        ("pension_famille", "occupe", 1),
        ("sous_location", "occupe", 1),
        ("sous_location", "vacant", 1),
    ]


# Occupancy and vacancy over the period -------------------------------------------------


def test_the_occupancy_rate_per_programme_and_overall(team, stock):
    frame = kpi(team, "kpi/occupancy_rate")
    assert frame.select("programme", "stock_days", "occupied_days").rows() == [
        ("bail_glissant", 131, 14),
        ("mandat_gestion", 90, 0),
        ("patrimoine_propre", 1, 0),
        ("pension_famille", 90, 90),
        ("sous_location", 135, 84),
    ]
    assert frame["rate"].to_list() == pytest.approx([14 / 131, 0, 0, 1, 84 / 135])
    assert frame["overall_rate"].to_list() == pytest.approx([188 / 447] * 5)
    assert card("kpi/occupancy_rate", frame) == pytest.approx(188 / 447)


def test_the_occupancy_rate_agrees_with_the_occupancy_report(team, stock):
    report = queries.run(team, "housing/occupancy", start=Q1["start"], end=Q1["end"])
    frame = kpi(team, "kpi/occupancy_rate")
    assert report["stock_occupancy_rate"][0] == pytest.approx(frame["overall_rate"][0])


def test_the_occupancy_rate_follows_the_filters(team, stock):
    pessac = kpi(team, "kpi/occupancy_rate", commune="Pessac")
    assert card("kpi/occupancy_rate", pessac) == pytest.approx(14 / 132)  # C, D, G
    one = kpi(team, "kpi/occupancy_rate", programme="sous_location")
    assert card("kpi/occupancy_rate", one) == pytest.approx(84 / 135)
    nothing = kpi(team, "kpi/occupancy_rate", commune="Talence")
    assert card("kpi/occupancy_rate", nothing) is None


def test_vacancy_days_and_rent_lost_per_programme(team, stock):
    frame = kpi(team, "kpi/vacancy_days")
    assert frame.rows() == [
        ("bail_glissant", 117, pytest.approx(1440.0)),  # 270 + 1170
        ("mandat_gestion", 90, pytest.approx(1800.0)),
        ("patrimoine_propre", 1, pytest.approx(16.85)),  # 505.50 / 30
        ("pension_famille", 0, pytest.approx(0.0)),
        ("sous_location", 51, pytest.approx(905.0)),  # 560 + 345
    ]
    assert card("kpi/vacancy_days", frame) == 259
    report = queries.run(team, "housing/occupancy", start=Q1["start"], end=Q1["end"])
    assert report["vacancy_days"].sum() == 259
    assert float(report["rent_lost"].sum()) == pytest.approx(frame["rent_lost"].sum())


def test_vacancy_days_follow_the_filters(team, stock):
    assert card("kpi/vacancy_days", kpi(team, "kpi/vacancy_days", commune="Pessac")) == 118
    one = kpi(team, "kpi/vacancy_days", programme="bail_glissant")
    assert one.rows() == [("bail_glissant", 117, pytest.approx(1440.0))]


def test_one_day_periods_count_the_lease_end_and_the_entry(team, stock):
    last_of_january = kpi(team, "kpi/vacancy_days", start=date(2025, 1, 31), end=date(2025, 2, 1))
    # A: 31/01 let, 01/02 vacant; C, D vacant both days; F let; H vacant; B, G not in.
    assert last_of_january.select("programme", "vacancy_days").rows() == [
        ("bail_glissant", 4),
        ("mandat_gestion", 2),
        ("pension_famille", 0),
        ("sous_location", 1),
    ]


# Slides ---------------------------------------------------------------------------------


def test_slides_in_the_period_by_programme(team, stock):
    frame = kpi(team, "kpi/slides")
    assert frame.rows() == [("bail_glissant", 2)]  # C on 15/01, D on 01/01
    assert card("kpi/slides", frame) == 2
    assert kpi(team, "kpi/slides", **{k: Q2[k] for k in ("start", "end")}).rows() == [
        ("sous_location", 1)  # B on 1 April
    ]
    before = kpi(team, "kpi/slides", **{k: Q4_2024[k] for k in ("start", "end")})
    assert before.rows() == [("sous_location", 1)]  # I on 31 December


def test_slides_follow_the_filters(team, stock):
    bordeaux = kpi(team, "kpi/slides", commune="Bordeaux")
    assert bordeaux.height == 0
    assert card("kpi/slides", bordeaux) == 0
    assert kpi(team, "kpi/slides", programme="bail_glissant").rows() == [("bail_glissant", 2)]
    assert kpi(team, "kpi/slides", programme="sous_location").height == 0


# The dwellings behind the tiles --------------------------------------------------------


def test_the_dwellings_behind_the_housing_tiles(team, stock):
    frame = kpi(team, "kpi_drill/dwellings")
    assert frame.columns[0] == "dwelling_id"
    d = stock
    assert frame.select(
        "dwelling_id", "programme", "state", "stock_days", "occupied_days", "vacancy_days",
        "slid_on",
    ).rows() == [
        (d["C"], "bail_glissant", "restitue", 41, 14, 27, date(2025, 1, 15)),
        (d["D"], "bail_glissant", "travaux", 90, 0, 90, date(2025, 1, 1)),
        (d["H"], "mandat_gestion", "vacant", 90, 0, 90, None),
        (d["G"], "patrimoine_propre", "vacant", 1, 0, 1, None),
        (d["F"], "pension_famille", "occupe", 90, 90, 0, None),
        (d["A"], "sous_location", "occupe", 90, 62, 28, None),
        (d["B"], "sous_location", "occupe", 45, 22, 23, None),
    ]  # fmt: skip
    assert frame["rent_lost"].to_list() == pytest.approx([270, 1170, 1800, 16.85, 0, 560, 345])
    # The same dwellings and days as the tiles: the drill-down adds up to their figures.
    assert frame["vacancy_days"].sum() == card("kpi/vacancy_days", kpi(team, "kpi/vacancy_days"))
    in_stock = frame.filter(frame["state"] != "restitue").height
    assert in_stock == card("kpi/stock", kpi(team, "kpi/stock"))


def test_the_dwellings_follow_the_filters(team, stock):
    pessac = kpi(team, "kpi_drill/dwellings", commune="Pessac")
    assert pessac["dwelling_id"].to_list() == [stock["C"], stock["D"], stock["G"]]
    one = kpi(team, "kpi_drill/dwellings", programme="sous_location")
    assert one["dwelling_id"].to_list() == [stock["A"], stock["B"]]


# The same files on SQLite ---------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["kpi/stock", "kpi/occupancy_rate", "kpi/vacancy_days", "kpi/slides"]
)
def test_the_housing_tiles_give_the_same_rows_on_sqlite(team, stock, tmp_path, name):
    lite = sqlite_copy(team, tmp_path)
    for params in (Q1, Q1 | {"commune": "Pessac"}, Q1 | {"programme": "sous_location"}, Q4_2024):
        duck = kpi(team, name, **params).rows()
        assert same_rows(duck, on_sqlite(lite, name, **params)), (name, params)
    lite.close()

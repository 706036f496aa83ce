"""The Captation tiles of the dashboard (queries/kpi: captured, capture_funnel,
capture_stage_days) and the leads behind them (kpi_drill/leads), each figure computed by
hand from the pipeline of tests/kpi_housing_builders.py (its docstring gives each lead's
moves; the first quarter of 2025 is the period). The same files also run on
SQLite (through sqlglot), as the benchmark runs them.
"""

from __future__ import annotations

from datetime import date

import pytest

import queries
from tests.kpi_housing_builders import (
    Q1,
    build_pipeline,
    card,
    kpi,
    on_sqlite,
    same_rows,
    sqlite_copy,
)

STAGES = [
    "identifie",
    "contacte",
    "visite",
    "proposition",
    "negociation",
    "convention_signee",
    "mis_en_location",
]


@pytest.fixture
def pipeline(database) -> dict:
    return build_pipeline(database)


# Dwellings captured ---------------------------------------------------------------------


def test_dwellings_entering_the_stock_in_the_period(database, pipeline):
    frame = kpi(database, "kpi/captured")
    # B (15/02) entered directly, K (01/01) and G (31/03) through a lead; F entered on
    # 31/12/2024 and E on 01/04: outside the quarter.
    assert frame.rows() == [("patrimoine_propre", 1, 1), ("sous_location", 2, 1)]
    assert card("kpi/captured", frame) == 3


def test_dwellings_captured_follow_the_filters(database, pipeline):
    assert kpi(database, "kpi/captured", commune="Pessac").rows() == [("patrimoine_propre", 1, 1)]
    assert kpi(database, "kpi/captured", programme="sous_location").rows() == [
        ("sous_location", 2, 1)
    ]
    # A worker: the dwellings of the leads in their charge only (L5's K is the capteur's).
    assert kpi(database, "kpi/captured", worker="gestion").rows() == [("patrimoine_propre", 1, 1)]
    assert card("kpi/captured", kpi(database, "kpi/captured", worker="capteur")) == 1


# The funnel ----------------------------------------------------------------------------


def test_the_funnel_counts_leads_entering_and_reaching_each_stage(database, pipeline):
    frame = kpi(database, "kpi/capture_funnel")
    assert frame.select("position", "stage", "entered", "reached").rows() == [
        (1, "identifie", 3, 5),  # L1, L2, L4 identified; every lead moved in the quarter
        (2, "contacte", 2, 4),  # L2 skipped it; L4 only identified in the quarter
        (3, "visite", 2, 4),  # L5 moved further (mis en location): all earlier stages passed
        (4, "proposition", 1, 3),
        (5, "negociation", 0, 3),
        (6, "convention_signee", 2, 3),  # L1, L3 signed; L5 reached « mis en location »
        (7, "mis_en_location", 1, 1),  # L5 on 1 January; L1 on 5 April, after the quarter
    ]
    assert frame["conversion"].to_list() == pytest.approx([None, 0.8, 1, 0.75, 1, 1, 1 / 3])
    assert frame["signed"].to_list() == [3] * 7
    assert card("kpi/capture_funnel", frame) == 3


def test_the_funnel_tile_agrees_with_the_pipeline_report(database, pipeline):
    report = queries.run(database, "housing/funnel", start=Q1["start"], end=Q1["end"])
    frame = kpi(database, "kpi/capture_funnel")
    columns = ["stage", "entered", "reached"]
    assert frame.select(columns).rows() == report.select(columns).rows()
    assert frame["conversion"].to_list()[1:] == pytest.approx(report["conversion"].to_list()[1:])


def test_the_funnel_follows_the_commune_and_worker_filters(database, pipeline):
    mine = kpi(database, "kpi/capture_funnel", worker="gestion")  # L1, L2
    assert mine["reached"].to_list() == [2, 2, 2, 1, 1, 1, 0]
    assert card("kpi/capture_funnel", mine) == 1
    bordeaux = kpi(database, "kpi/capture_funnel", commune="Bordeaux")  # L2, L3, L5
    assert bordeaux["reached"].to_list() == [3, 3, 3, 2, 2, 2, 1]
    assert card("kpi/capture_funnel", bordeaux) == 2


def test_an_empty_period_keeps_the_seven_stages(database, pipeline):
    frame = kpi(database, "kpi/capture_funnel", start=date(2023, 1, 1), end=date(2023, 12, 31))
    assert frame["stage"].to_list() == STAGES
    assert frame["reached"].to_list() == [0] * 7
    assert frame["conversion"].to_list() == [None] * 7
    assert card("kpi/capture_funnel", frame) == 0


# Days at each stage ---------------------------------------------------------------------


def test_median_days_at_each_stage(database, pipeline):
    frame = kpi(database, "kpi/capture_stage_days")
    assert frame["stage"].to_list() == STAGES
    # identifié: L4 8 days (to 02/04, after the quarter), L1 10, L2 20; contacté: L1 12,
    # L3 41; visite: L1 28 (L2 abandoned there); proposition: L3 45; convention signée:
    # L1 35 (to 05/04), L3 still there; L5's signature was in 2024; nobody left « mis en
    # location ».
    assert frame.select("median_days", "stays").rows() == [
        (10, 3),
        (26.5, 2),
        (28, 1),
        (45, 1),
        (None, 0),
        (35, 1),
        (None, 0),
    ]


def test_median_days_from_identification_to_signature(database, pipeline):
    frame = kpi(database, "kpi/capture_stage_days")
    # Signed in the quarter: L1 (10/01 → 01/03: 50 days), L3 (20/12/2024 → 31/03: 101 days).
    assert frame["overall_median_days"].to_list() == [75.5] * 7
    assert card("kpi/capture_stage_days", frame) == 75.5


def test_the_stage_medians_agree_with_the_pipeline_report(database, pipeline):
    report = queries.run(database, "housing/funnel", start=Q1["start"], end=Q1["end"])
    frame = kpi(database, "kpi/capture_stage_days")
    assert frame["median_days"].to_list() == report["median_days"].to_list()


def test_stage_days_follow_the_commune_and_worker_filters(database, pipeline):
    mine = kpi(database, "kpi/capture_stage_days", worker="gestion")  # L1, L2
    assert mine["median_days"].to_list() == [15, 12, 28, None, None, 35, None]
    assert card("kpi/capture_stage_days", mine) == 50
    bordeaux = kpi(database, "kpi/capture_stage_days", commune="Bordeaux")  # L2, L3, L5
    assert bordeaux["median_days"].to_list() == [20, 41, None, 45, None, None, None]
    assert card("kpi/capture_stage_days", bordeaux) == 101


def test_no_signature_in_the_period_leaves_the_card_empty(database, pipeline):
    april = {"start": date(2025, 4, 1), "end": date(2025, 4, 30)}
    frame = kpi(database, "kpi/capture_stage_days", **april)
    assert card("kpi/capture_stage_days", frame) is None
    assert frame["stays"].sum() == 0  # L1 and L4 moved in April, still at their stage


# The leads behind the tiles ------------------------------------------------------------


def test_the_leads_behind_the_capture_tiles(database, pipeline):
    frame = kpi(database, "kpi_drill/leads")
    assert frame.columns[0] == "lead_id"
    assert "head_name" not in frame.columns
    p = pipeline
    columns = ["lead_id", "stage", "current_stage", "assignee", "last_moved_on"]
    assert frame.select(columns).rows() == [
        (p["L4"], "identifie", "contacte", "capteur", date(2025, 3, 25)),
        (p["L2"], "visite", "visite", "gestion", date(2025, 1, 25)),
        (p["L1"], "convention_signee", "mis_en_location", "gestion", date(2025, 3, 1)),
        (p["L3"], "convention_signee", "convention_signee", "capteur", date(2025, 3, 31)),
        (p["L5"], "mis_en_location", "mis_en_location", "capteur", date(2025, 1, 1)),
    ]
    # As many leads as reached the funnel's first stage.
    first = kpi(database, "kpi/capture_funnel")["reached"][0]
    assert frame.height == first


def test_the_leads_follow_the_commune_and_worker_filters(database, pipeline):
    mine = kpi(database, "kpi_drill/leads", worker="gestion")
    assert mine["lead_id"].to_list() == [pipeline["L2"], pipeline["L1"]]
    pessac = kpi(database, "kpi_drill/leads", commune="Pessac")
    assert pessac["lead_id"].to_list() == [pipeline["L4"], pipeline["L1"]]


# The same files on SQLite ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["kpi/captured", "kpi/capture_funnel", "kpi/capture_stage_days"])
def test_the_capture_tiles_give_the_same_rows_on_sqlite(database, pipeline, tmp_path, name):
    lite = sqlite_copy(database, tmp_path)
    for params in (Q1, Q1 | {"commune": "Bordeaux"}, Q1 | {"worker": "gestion"}):
        duck = kpi(database, name, **params).rows()
        assert same_rows(duck, on_sqlite(lite, name, **params)), (name, params)
    lite.close()

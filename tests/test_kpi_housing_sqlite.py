"""The Logements and Captation tiles give the same rows on SQLite (the same files,
transpiled by sqlglot, as the benchmark runs them), on the stock and the pipeline of
tests/kpi_housing_builders.py."""

from __future__ import annotations

import pytest

from db.demo.generate import create_demo_accounts
from tests.kpi_housing_builders import (
    Q1,
    Q4_2024,
    build_pipeline,
    build_stock,
    kpi,
    on_sqlite,
    same_rows,
    sqlite_copy,
)


@pytest.fixture
def team(database):
    create_demo_accounts(database)
    return database


@pytest.fixture
def stock(team) -> dict:
    return build_stock(team)


@pytest.fixture
def pipeline(database) -> dict:
    return build_pipeline(database)


@pytest.mark.parametrize(
    "name", ["kpi/stock", "kpi/occupancy_rate", "kpi/vacancy_days", "kpi/slides"]
)
def test_the_housing_tiles_give_the_same_rows_on_sqlite(team, stock, tmp_path, name):
    lite = sqlite_copy(team, tmp_path)
    for params in (Q1, Q1 | {"commune": "Pessac"}, Q1 | {"programme": "sous_location"}, Q4_2024):
        duck = kpi(team, name, **params).rows()
        assert same_rows(duck, on_sqlite(lite, name, **params)), (name, params)
    lite.close()


@pytest.mark.parametrize("name", ["kpi/captured", "kpi/capture_funnel", "kpi/capture_stage_days"])
def test_the_capture_tiles_give_the_same_rows_on_sqlite(database, pipeline, tmp_path, name):
    lite = sqlite_copy(database, tmp_path)
    for params in (Q1, Q1 | {"commune": "Bordeaux"}, Q1 | {"worker": "gestion"}):
        duck = kpi(database, name, **params).rows()
        assert same_rows(duck, on_sqlite(lite, name, **params)), (name, params)
    lite.close()

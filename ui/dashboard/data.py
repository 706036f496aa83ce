"""The dashboard's figures for a period: every KPI of the registry, on the period and the
one before it, kept per data version, so a refresh re-runs nothing until a write changes
the data, and a new intake shows at the next refresh."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import streamlit as st

import queries
import queries.kpi as kpis
from db.connection import open_database
from queries.kpi.periods import Period
from ui import cached

# Queries run side by side, each on its own cursor: DuckDB releases the GIL while it works,
# and a small query leaves a core idle while Python converts its result.
WORKERS = 2


def reader(database):
    """The cached runner, one query at a time (the activity report's, for its progress)."""
    return lambda name, **params: cached.run(database, name, **params)


def results(database, period: Period, filters: kpis.Filters, since: date) -> list[kpis.Result]:
    return _results(str(database.path), database.data_version, period, filters, since)


@st.cache_resource(max_entries=256, show_spinner=False)
def _results(path: str, version: int, period: Period, filters, since: date) -> list:
    """The whole set for one view and data version. Results are never changed once
    computed, so they are shared, not copied."""
    return compute_all(open_database(path), period, filters, since)


def compute_all(database, period: Period, filters: kpis.Filters, since: date) -> list:
    def run(name: str, **params):
        return queries.run(database, name, **params)

    def one(kpi: kpis.Kpi) -> kpis.Result:
        return kpis.compute(run, kpi, period, filters, since)

    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="kpi") as pool:
        return list(pool.map(one, kpis.registry()))

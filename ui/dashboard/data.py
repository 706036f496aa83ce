"""The dashboard's figures for a period: every KPI of the registry, on the period and the
one before it, kept per data version, so a refresh re-runs nothing until a write changes
the data, and a new intake shows at the next refresh."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime

import streamlit as st

import queries
import queries.kpi as kpis
from db import clock
from db.connection import open_database
from queries.kpi.periods import Period
from ui import cached

# Queries run side by side, each on its own cursor: DuckDB releases the GIL while it works,
# and a small query leaves a core idle while Python converts its result.
WORKERS = 2


def reader(database):
    """The cached runner, one query at a time (the activity report's, for its progress)."""
    return lambda name, **params: cached.run(database, name, **params)


# The data version each view's figures were last computed at, and when (monotonic, wall).
_computed: dict[tuple, tuple[int, float, datetime]] = {}
_computed_lock = threading.Lock()


def results(
    database, period: Period, filters: kpis.Filters, since: date, max_age_s: float = 0
) -> list[kpis.Result]:
    """Every KPI on the period and the one before. With `max_age_s`, figures computed less
    than that long ago are served even if a write came since: under load, intakes are saved
    every few seconds, and recomputing the whole set at each of them (some 0.7 s of both
    cores at 200 000 households) for every open dashboard delayed every other session.
    The live dashboard passes its refresh interval: a new intake still shows at the latest
    one refresh later."""
    return _results(*_key(database, period, filters, since, max_age_s), period, filters, since)


def computed_at(database, period: Period, filters: kpis.Filters, since: date) -> datetime:
    """When the figures `results` serves for this view were computed (now if never)."""
    seen = _computed.get((str(database.path), period, filters, since))
    return seen[2] if seen else clock.now()


def served_version(database, period: Period, filters: kpis.Filters, since: date) -> int:
    """The data version of the figures `results` serves for this view: what the charts
    built from them depend on (not the current version, which moves at every write)."""
    seen = _computed.get((str(database.path), period, filters, since))
    return seen[0] if seen else database.data_version


def _key(database, period, filters, since, max_age_s: float) -> tuple[str, int]:
    """The file and the data version whose figures to serve for this view."""
    path, current = str(database.path), database.data_version
    view = (path, period, filters, since)
    with _computed_lock:
        seen = _computed.get(view)
        if seen is not None and seen[0] != current and time.monotonic() - seen[1] < max_age_s:
            return path, seen[0]
        if seen is None or seen[0] != current:
            _computed[view] = (current, time.monotonic(), clock.now())
        return path, current


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

"""The dashboard's figures for a period: every KPI of the registry, on the period and the
one before it.

Two ways to read them. Without `max_age_s` (the activity report, its exports): the figures
of the current data version, computed once per version (st.cache_resource). With it (the
live dashboard, which passes its refresh interval): the figures last computed for the view,
recomputed in a background thread once a write came AND they are `max_age_s` old, never
in a person's rerun but for the very first. bench/load.py showed why: intakes are saved
every few seconds when the team works, and recomputing every KPI at each of them (0.7 s of
both cores at 200 000 households, several seconds on a busy machine) inside the rerun of
whoever opened the dashboard next made that action the slowest of all, and slowed every
other session meanwhile. A new intake shows at most two refresh intervals later.

Everything is keyed by the view (database, period, filters, date of the cumulative), for
the whole process: every session showing the same view is served the same figures, and
the charts built from them (ui/dashboard/charts.py, keyed by their version), computed
once; a view is never served another's figures. `ready` tells the screen whether the view's own
figures exist, so that it replaces the previous view's by « Mise à jour des chiffres… »
while they are computed, and `refreshing` whether a background recompute runs."""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime

import polars as pl
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
LIVE_VIEWS = 256  # views kept for the live dashboard, the oldest dropped beyond
_cost: dict[str, float] = {}  # each KPI's last time (s, one period): the slowest start first
_log = logging.getLogger(__name__)


def reader(database):
    """The cached runner, one query at a time (the activity report's, for its progress)."""
    return lambda name, **params: cached.run(database, name, **params)


@dataclass(frozen=True)
class Served:
    """The figures of one view, the data version they were computed at, and when."""

    version: int
    started: float  # time.monotonic() when their computation began
    at: datetime  # the same moment, as the caption says it
    results: list


_served: dict[tuple, Served] = {}  # view -> the figures the live dashboard shows
_refreshing: dict[tuple, threading.Thread] = {}
_first_locks: dict[tuple, threading.Lock] = {}
_lock = threading.Lock()
computations = 0  # whole sets computed by the live dashboard since the start: for the tests


def results(
    database, period: Period, filters: kpis.Filters, since: date, max_age_s: float = 0
) -> list[kpis.Result]:
    """Every KPI on the period and the one before (see the module's docstring)."""
    if max_age_s <= 0:
        return _results(str(database.path), database.data_version, period, filters, since)
    return live(database, period, filters, since, max_age_s).results


def live(database, period: Period, filters: kpis.Filters, since: date, max_age_s: float) -> Served:
    """The live dashboard's figures for the view, with their version and time in the same
    object: read apart, a background refresh landing in between paired the figures of one
    version with the charts cached under the next. Shared by every session of the process
    showing the same view."""
    view = _view(database, period, filters, since)
    served = _served.get(view) or _first(database, view)
    stale = served.version != database.data_version
    if stale and time.monotonic() - served.started >= max_age_s:
        _refresh_in_background(database, view)
    return served


def ready(database, period: Period, filters: kpis.Filters, since: date) -> bool:
    """Whether the live dashboard holds figures computed for exactly this view: when it
    does not, they are computed in the rerun and the screen says so meanwhile, rather than
    leave the previous view's figures in sight (seen: « Mois » chosen, the year's figures
    read)."""
    return _view(database, period, filters, since) in _served


def refreshing(database, period: Period, filters: kpis.Filters, since: date) -> bool:
    """Whether this view's figures are being recomputed in the background right now."""
    return _view(database, period, filters, since) in _refreshing


def wait_for_refresh(database, period, filters, since, timeout_s: float = 60) -> None:
    """Wait (bounded) for the view's background refresh, if one runs: for the tests."""
    thread = _refreshing.get(_view(database, period, filters, since))
    if thread is not None:
        thread.join(timeout_s)


def _view(database, period, filters, since) -> tuple:
    return (str(database.path), period, filters, since)


def _compute(database, view: tuple) -> Served:
    global computations
    version, started, at = database.data_version, time.monotonic(), clock.now()
    with _lock:
        computations += 1
    figures = compute_all(database, *view[1:])
    return Served(version, started, at, figures)


def _keep(view: tuple, served: Served) -> None:
    with _lock:
        _served.pop(view, None)
        _served[view] = served  # last in the dict: the most recently computed
        while len(_served) > LIVE_VIEWS:
            _served.pop(next(iter(_served)))


def _first(database, view: tuple) -> Served:
    """The view's first figures, computed in this rerun; once, however many ask at once."""
    with _lock:
        first_lock = _first_locks.setdefault(view, threading.Lock())
    with first_lock:
        served = _served.get(view)
        if served is None:
            served = _compute(database, view)
            _keep(view, served)
    with _lock:
        _first_locks.pop(view, None)  # those still waiting hold it; the figures are kept
    return served


def _refresh_in_background(database, view: tuple) -> None:
    """One refresh at a time per view, in a thread of its own; meanwhile the figures
    already computed are shown."""

    def refresh() -> None:
        try:
            _keep(view, _compute(database, view))
        except Exception:  # the figures shown stay; the next refresh tries again
            _log.exception("dashboard refresh failed")
        finally:
            with _lock:
                _refreshing.pop(view, None)

    with _lock:
        if view in _refreshing:
            return
        thread = threading.Thread(target=refresh, name="dashboard-refresh", daemon=True)
        _refreshing[view] = thread
    thread.start()


@st.cache_resource(max_entries=256, show_spinner=False)
def _results(path: str, version: int, period: Period, filters, since: date) -> list:
    """The whole set for one view and data version. Results are never changed once
    computed, so they are shared, not copied."""
    return compute_all(open_database(path), period, filters, since)


def compute_all(database, period: Period, filters: kpis.Filters, since: date) -> list:
    """Every KPI on the period and on the one before: each (KPI, period) a task of its own,
    the slowest of the last run started first, so that two workers end together rather
    than one waiting for the last long query (a KPI ran both periods in a row before)."""
    registry = kpis.registry()
    spans = (period.windows(), period.previous().windows())
    tasks = sorted(
        ((kpi, which) for kpi in registry for which in (0, 1)),  # 0: the period, 1: before
        key=lambda task: -_cost.get(task[0].name, 0.0),
    )

    def one(task) -> pl.DataFrame:
        kpi, which = task
        started = time.perf_counter()
        frame = kpis.run_kpi(_runner(database), kpi, spans[which], filters, since)
        _cost[kpi.name] = time.perf_counter() - started
        return frame

    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="kpi") as pool:
        done = pool.map(one, tasks)
        frames = {(kpi.name, which): frame for (kpi, which), frame in zip(tasks, done, strict=True)}
    return [kpis.result(kpi, frames[kpi.name, 0], frames[kpi.name, 1]) for kpi in registry]


def _runner(database):
    return lambda name, **params: queries.run(database, name, **params)

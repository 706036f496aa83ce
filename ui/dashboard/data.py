"""The dashboard's figures for a period: every KPI of the registry, each query read
through the data-version cache (ui/cached.py), so a refresh re-runs nothing until a write
changes the data, and a new intake shows at the next refresh."""

from __future__ import annotations

from datetime import date

import streamlit as st

import queries.kpi as kpis
from db.connection import open_database
from queries.kpi.periods import Period
from ui import cached


def reader(database):
    """The cached runner the registry computes with."""
    return lambda name, **params: cached.run(database, name, **params)


def results(database, period: Period, filters: kpis.Filters, since: date) -> list[kpis.Result]:
    return _results(str(database.path), database.data_version, period, filters, since)


@st.cache_resource(max_entries=256, show_spinner=False)
def _results(path: str, version: int, period: Period, filters, since: date) -> list:
    """The whole set for one view and data version: a refresh with nothing written hashes
    one key instead of fifty (each query stays cached on its own for other views).
    Results are never changed once computed, so they are shared, not copied."""
    return kpis.compute_all(reader(open_database(path)), period, filters, since)

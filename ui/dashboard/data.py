"""The dashboard's figures for a period: every KPI of the registry, each query read
through the data-version cache (ui/cached.py), so a refresh re-runs nothing until a write
changes the data, and a new intake shows at the next refresh."""

from __future__ import annotations

from datetime import date

import queries.kpi as kpis
from queries.kpi.periods import Period
from ui import cached


def reader(database):
    """The cached runner the registry computes with."""
    return lambda name, **params: cached.run(database, name, **params)


def results(database, period: Period, filters: kpis.Filters, since: date) -> list[kpis.Result]:
    return kpis.compute_all(reader(database), period, filters, since)

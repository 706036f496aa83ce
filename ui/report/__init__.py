"""Rapport d'activité: the indicators of a period, as the dashboard computes them, put
into the two files funders receive (an Excel workbook and a PDF).

`gather` reads the figures once (through the dashboard's cached reader, so the report
holds the screen's figures) with the codes already replaced by their French labels; the
workbook (workbook.py) and the PDF (pdf.py) are then written from that `Report` alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import polars as pl

import queries.kpi as kpis
from db import clock, settings
from db.french import fr_date
from db.support import reports
from queries.kpi.periods import Period
from ui import exports
from ui.dashboard import data, labels

# Called after each step: (steps done, steps in all, what was just done, in French).
Progress = Callable[[int, int, str], None]

EMPTY = "Aucune donnée sur la période"
ACTIONS_TITLE = "Actions et solutions trouvées"


@dataclass(frozen=True)
class Indicator:
    """One indicator of the report: its result (figures) and its rows as shown, codes
    replaced by their French labels, columns still under their SQL names."""

    result: kpis.Result
    rows: pl.DataFrame

    @property
    def kpi(self) -> kpis.Kpi:
        return self.result.kpi

    def table(self) -> pl.DataFrame:
        """The rows under their French column names."""
        names = {c: self.kpi.columns.get(c, c) for c in self.rows.columns}
        return self.rows.rename(names)


@dataclass(frozen=True)
class Report:
    association: str
    period: Period
    filters: kpis.Filters
    filter_texts: tuple[str, ...]  # « Commune : Bordeaux », in French
    since: date
    made_on: date
    indicators: tuple[Indicator, ...]
    actions: pl.DataFrame
    town: str = ""  # the association's, from Réglages

    @property
    def signature(self) -> str:
        """« Logis Solidaire Gironde (Bordeaux) »: the association, as a line of a file."""
        return f"{self.association} ({self.town})" if self.town else self.association

    @property
    def span(self) -> str:
        """« du 01/01/2026 au 30/11/2026 »."""
        return span_text(self.period)

    @property
    def previous_span(self) -> str:
        return span_text(self.period.previous())

    @property
    def averaged(self) -> bool:
        return self.period.years > 1

    def sections(self) -> list[tuple[str, list[Indicator]]]:
        """The indicators by section, in the registry's order."""
        grouped: dict[str, list[Indicator]] = {}
        for indicator in self.indicators:
            grouped.setdefault(indicator.kpi.section, []).append(indicator)
        return list(grouped.items())


def span_text(period: Period) -> str:
    return f"du {fr_date(period.start)} au {fr_date(period.end)}"


def gather(
    database,
    period: Period,
    filters: kpis.Filters | None = None,
    since: date | None = None,
    progress: Progress | None = None,
) -> Report:
    """Every indicator of the registry over `period` and the period before it, computed
    as the dashboard does (ui/dashboard/data.py's reader), one at a time for `progress`."""
    filters = filters or kpis.Filters()
    since = since or period.start
    run = data.reader(database)
    registry = kpis.registry()
    indicators = []
    for number, kpi in enumerate(registry, start=1):
        result = kpis.compute(run, kpi, period, filters, since)
        rows = labels.with_labels(database, result.frame, kpi.labels)
        indicators.append(Indicator(result, rows))
        if progress:
            progress(number, len(registry) + 1, kpi.title)
    actions = reports.actions_summary(database, period.start, period.end)
    if progress:
        progress(len(registry) + 1, len(registry) + 1, ACTIONS_TITLE)
    return Report(
        association=settings.get_setting(database, "association_name"),
        period=period,
        filters=filters,
        filter_texts=labels.filter_texts(database, filters),
        since=since,
        made_on=clock.today(),
        indicators=tuple(indicators),
        actions=actions,
        town=settings.get_setting(database, "association_town"),
    )


def file_name(report: Report, kind: str) -> str:
    """rapport-activite-2025.pdf, …-2026-T2.xlsx, …-du-2026-01-01-au-2026-11-30.pdf: named
    by its period, as every export of a period is (ui/exports.file_name)."""
    return exports.file_name("rapport-activite", kind, (report.period.start, report.period.end))

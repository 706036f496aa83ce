"""The indicators' registry (queries/kpi): every KPI file says what it counts and how to
chart it, in a header the dashboard and the report are assembled from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import queries
import queries.kpi as kpis
from ui.dashboard import labels

EVERY_KPI = [kpi.key for kpi in kpis.registry()]
DESCRIPTION = "-- Ménages exemple : ceux ouverts pendant la période, bornes comprises.\n"
NAME_AND_DESCRIPTION = "-- name: kpi/example\n" + DESCRIPTION
HEADER = {
    "title": "Exemple",
    "section": "Ménages",
    "order": "10",
    "figure": "sum households",
    "format": "count",
    "chart": "bar x=commune y=households",
    "columns": "commune=Commune, households=Ménages",
}


def kpi_text(drop: str | None = None, **changes) -> str:
    header = {k: v for k, v in (HEADER | changes).items() if k != drop}
    lines = "".join(f"-- {key}: {value}\n" for key, value in header.items())
    return NAME_AND_DESCRIPTION + lines + "SELECT commune, count(*) AS households FROM household\n"


def parsed(text: str) -> kpis.Kpi:
    return kpis.parse_kpi(queries.parse_query(text, Path("kpi/example.sql")))


def test_a_complete_header_is_read():
    kpi = parsed(kpi_text(columns="commune=Commune, households=Ménages, tous types"))
    assert kpi.chart == kpis.Chart("bar", "commune", "households")
    assert kpi.columns == {"commune": "Commune", "households": "Ménages, tous types"}
    assert (kpi.aggregate, kpi.figure_column, kpi.format) == ("sum", "households", "count")


@pytest.mark.parametrize("line", list(HEADER))
def test_a_kpi_file_without_one_of_its_header_lines_is_refused(line):
    with pytest.raises(kpis.KpiHeaderError, match=line):
        parsed(kpi_text(drop=line))


def test_a_kpi_file_whose_description_says_nothing_is_refused():
    text = kpi_text().replace(NAME_AND_DESCRIPTION.splitlines()[1], "-- Ménages")
    with pytest.raises(kpis.KpiHeaderError, match="description"):
        parsed(text)


@pytest.mark.parametrize(
    "change",
    [
        {"chart": "camembert x=a y=b"},
        {"chart": "bar x=commune"},
        {"figure": "average households"},
        {"figure": "sum"},
        {"format": "kilos"},
        {"section": "Divers"},
    ],
)
def test_an_unusable_header_value_is_refused(change):
    with pytest.raises(kpis.KpiHeaderError):
        parsed(kpi_text(**change))


def test_the_filters_a_kpi_follows_are_the_parameters_its_sql_reads():
    kpi = parsed(kpi_text().replace("FROM household", "FROM household WHERE commune = $commune"))
    assert kpi.filters == ("commune",)


@pytest.mark.parametrize("key", EVERY_KPI)
def test_each_kpi_names_its_columns_labels_and_drill_down(database, key):
    """Run on an empty database: the columns it returns are those its header names, the
    chart's and the card's columns among them; its labels and drill-down exist."""
    kpi = kpis.by_key(key)
    frame = queries.run(
        database,
        kpi.name,
        start=date(2026, 1, 1),
        end=date(2026, 3, 31),
        since=date(2024, 1, 1),
        **kpis.Filters().as_params(),
    )
    assert set(frame.columns) == set(kpi.columns), kpi.name
    used = {kpi.chart.x, kpi.chart.y, kpi.chart.color, kpi.figure_column} - {None}
    assert used <= set(frame.columns), kpi.name
    assert set(kpi.labels.values()) <= labels.catalogue_names(), kpi.name
    assert kpi.drill is None or kpi.drill in queries.all_queries(), kpi.name
    assert kpi.params <= {"start", "end", "since", *kpis.FILTERS}, kpi.name


def test_the_registry_holds_every_indicator_of_the_domain_guide():
    sections = {kpi.section for kpi in kpis.registry()}
    assert sections == set(kpis.SECTIONS)
    assert len(EVERY_KPI) >= 20

"""The activity report's PDF, rendered page by page with pypdfium2 and its text read
back: A4 portrait, no blank page, every indicator of the registry (as it is when the test
runs) with the very value the dashboard shows, its chart in the Okabe-Ito colours,
« page n / total » on each page; an empty database still gives a report."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

import queries.kpi as kpis
from db import clock
from db.demo import generate as demo
from queries.kpi import periods
from tests.report_readers import pages_of
from ui import report
from ui.dashboard import data
from ui.dashboard.values import fr_value
from ui.report import charts, pdf, text

OKABE_BLUE = (0, 114, 178)


def plain(value: str) -> str:
    """A screen's text as the PDF writes it: a plain space for the narrow one."""
    return " ".join(value.replace("\u202f", " ").split())


def inked(image) -> int:
    """How many pixels are not white."""
    return sum(count for count, colour in image.getcolors(1 << 24) if colour != (255, 255, 255))


@pytest.fixture
def last_year():
    return periods.year(clock.today().year - 1, clock.today())


def test_the_pdf_holds_every_indicator_with_the_screens_figures(demo_database, last_year):
    shown = data.results(demo_database, last_year, kpis.Filters(), last_year.start)
    pages = pages_of(pdf.build(report.gather(demo_database, last_year)))
    assert len(shown) == len(kpis.registry())
    everything = " ".join(found for found, _, _ in pages)
    for result in shown:
        assert plain(result.kpi.title) in everything
        value = plain(fr_value(result.kpi.format, result.value))
        assert f"{plain(result.kpi.title)} : {value} du" in everything or (
            result.value is None and f"{plain(result.kpi.title)} : aucune valeur" in everything
        ), result.kpi.title
        assert f"Valeur : {value}" in everything
    assert "Actions et solutions trouvées" in everything
    for number, (found, image, size) in enumerate(pages, start=1):
        assert size == pytest.approx((595.28, 841.89), abs=0.5)  # A4 portrait
        assert inked(image) > 1000, number
        assert found.endswith(f"page {number} / {len(pages)}"), found[-60:]
        assert "\u202f" not in found


def test_the_cover_says_the_association_the_report_and_the_period(demo_database, last_year):
    year = last_year.start.year
    cover, _, _ = pages_of(pdf.build(report.gather(demo_database, last_year)))[0]
    assert cover.startswith(
        f"Association d'insertion par le logement Rapport d'activité "
        f"du 01/01/{year} au 31/12/{year} (année {year})"
    )
    assert f"Établi le {clock.today().strftime('%d/%m/%Y')}" in cover


def test_charts_are_drawn_in_the_colour_blind_safe_palette(demo_database, last_year):
    built = report.gather(demo_database, last_year)
    drawn = [i for i in built.indicators if charts.drawing(i, pdf.WIDTH) is not None]
    expected = [i for i in built.indicators if i.kpi.chart.kind != "none" and i.rows.height > 0]
    assert drawn == expected and drawn  # every chart of an indicator with rows
    blue = sum(
        count
        for _, image, _ in pages_of(pdf.build(built))
        for count, colour in image.getcolors(1 << 24)
        if all(abs(a - b) <= 2 for a, b in zip(colour, OKABE_BLUE, strict=True))
    )
    assert blue > 2000


def test_each_chart_kind_draws_from_any_rows(demo_database, last_year):
    """The first indicator of the registry drawn as each kind, with and without a colour
    column (more categories than a chart keeps: the smallest go into « Autres »)."""
    kpi = kpis.registry()[0]
    rows = pl.DataFrame(
        {
            "x": [f"Catégorie {n}" for n in range(20)] * 2,
            "c": ["Un"] * 20 + ["Deux"] * 20,
            "y": [float(n) for n in range(40)],
        }
    )
    for kind in ("bar", "hbar", "line", "pie", "funnel"):
        for color in (None, "c"):
            chart = kpis.Chart(kind, "x", "y", color)
            changed = kpis.Kpi(**{**kpi.__dict__, "chart": chart})
            result = kpis.Result(changed, rows, 1.0, 2.0)
            drawing = charts.drawing(report.Indicator(result, rows), pdf.WIDTH)
            assert drawing is not None and drawing.width == pdf.WIDTH
    categories, names, values = charts.series(report.Indicator(result, rows), charts.MAX_BARS)
    assert len(categories) == charts.MAX_BARS and categories[-1] == "Autres"
    assert names == ["Un", "Deux"]
    assert sum(map(sum, values)) == sum(range(40))


def test_an_empty_database_still_gives_a_readable_report(database):
    demo.create_demo_accounts(database)
    period = periods.month(clock.today().year, clock.today().month, clock.today())
    pages = pages_of(pdf.build(report.gather(database, period)))
    everything = " ".join(found for found, _, _ in pages)
    assert "Aucune donnée sur la période" in everything
    for kpi in kpis.registry():
        assert plain(kpi.title) in everything
    assert all(inked(image) > 1000 for _, image, _ in pages)


def test_the_sentence_says_the_figures_and_the_previous_period(last_year):
    kpi = kpis.Kpi(**{**kpis.registry()[0].__dict__, "format": "count", "title": "Ménages"})
    period = periods.dates(date(2026, 1, 1), date(2026, 11, 30), date(2026, 11, 30))
    built = report.Report("Asso", period, kpis.Filters(), (), period.start, period.end, (), None)
    frame = pl.DataFrame()

    def said(value, previous):
        result = kpis.Result(kpi, frame, value, previous)
        return text.sentence(built, report.Indicator(result, frame))

    assert said(1228.0, 1210.0) == (
        "Ménages : 1\u202f228 du 01/01/2026 au 30/11/2026, contre 1\u202f210 sur la période "
        "précédente (+18)."
    )
    assert said(5.0, 7.0).endswith("contre 7 sur la période précédente (−2).")
    assert said(5.0, 5.0).endswith("(stable).")
    assert said(5.0, None).endswith("aucune valeur sur la période précédente.")
    assert "aucune donnée sur la période" in said(None, 3.0)


def test_pdf_text_keeps_french_spaces_and_accents():
    """DejaVu Sans draws French whole; in a paragraph, a no-break space (which reportlab
    never breaks at, unlike the narrow one) holds « 1 234,50 € » and « Valeur : »."""
    assert text.pdf_safe("Valeur : 1\u202f234,50\u202f€ — Référent·e, 4ᵉ trimestre, −2") == (
        "Valeur\u00a0: 1\u00a0234,50\u00a0€ — Référent·e, 4ᵉ trimestre, −2"
    )
    assert text.drawable("1\u202f234 Erdős, Łódź") == "1\u202f234 Erdős, Łódź"
    assert text.drawable("東京") == "??"  # a character DejaVu Sans lacks

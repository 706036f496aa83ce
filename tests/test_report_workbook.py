"""The activity report's Excel workbook, read back from its XML (no Excel reader is
installed): a cover with the period, one sheet per indicator of the registry as it is
when the test runs, holding the screen's figures, and « Actions et solutions trouvées »."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

import queries.kpi as kpis
from db import clock
from db.demo import generate as demo
from db.support import reports as support_reports
from queries.kpi import periods
from tests.report_readers import read_workbook
from ui import report
from ui.dashboard import data
from ui.report import workbook


def texts_of(cells: dict) -> list[str]:
    return [v for v in cells.values() if isinstance(v, str)]


def row_of(cells: dict, number: int) -> list:
    """The values of a row (1-based), in column order."""
    found = [(ref, v) for ref, v in cells.items() if re.fullmatch(rf"[A-Z]+{number}", ref)]
    return [v for _, v in sorted(found, key=lambda item: (len(item[0]), item[0]))]


def figure(value):
    """What a figure's cell holds: the number itself, « — » when unknown."""
    return "—" if value is None else pytest.approx(float(value))


@pytest.fixture
def last_year():
    return periods.year(clock.today().year - 1, clock.today())


def test_the_workbook_holds_a_cover_one_sheet_per_indicator_and_the_actions(
    demo_database, last_year
):
    built = report.gather(demo_database, last_year)
    sheets = read_workbook(workbook.build(built))
    registry = kpis.registry()
    names = workbook.indicator_sheet_names(registry)
    assert list(sheets) == ["Rapport", *names, "Actions et solutions trouvées"]
    assert len(sheets) == len(registry) + 2
    cover = texts_of(sheets["Rapport"])
    year = last_year.start.year
    assert "Association d'insertion par le logement" in cover
    assert "Rapport d'activité" in cover
    assert f"du 01/01/{year} au 31/12/{year} (année {year})" in cover
    assert f"la période précédente, du 01/01/{year - 1} au 31/12/{year - 1}" in cover
    assert clock.today().strftime("%d/%m/%Y") in cover
    assert "aucun (toute l'association)" in cover
    assert {k.title for k in registry} <= set(cover)
    styles = zipfile.ZipFile(io.BytesIO(workbook.build(built))).read("xl/styles.xml").decode()
    assert 'formatCode="#,##0"' in styles  # counts as numbers, shown 1 234 by a French Excel
    if any(k.format == "euros" for k in registry):
        assert 'formatCode="#,##0.00 &quot;€&quot;"' in styles


def test_each_indicator_sheet_holds_the_screens_figures_and_its_rows(demo_database, last_year):
    shown = data.results(demo_database, last_year, kpis.Filters(), last_year.start)
    sheets = read_workbook(workbook.build(report.gather(demo_database, last_year)))
    names = workbook.indicator_sheet_names([r.kpi for r in shown])
    for result, name in zip(shown, names, strict=True):
        cells = sheets[name]
        assert cells["A1"] == result.kpi.title
        assert cells["B3"] == result.kpi.description
        assert cells["B4"] == figure(result.value)  # a number, not the text « 1 234 »
        assert cells["B5"] == figure(result.previous)
        if result.frame.height == 0:
            assert cells["A10"] == "Aucune donnée sur la période"
            continue
        header = row_of(cells, workbook.TABLE_ROW + 1)
        assert header == [result.kpi.columns.get(c, c) for c in result.frame.columns]
        last = row_of(cells, workbook.TABLE_ROW + 1 + result.frame.height)
        numbers = [
            float(value)
            for column, value in zip(result.frame.columns, result.frame.row(-1), strict=True)
            if result.frame.schema[column].is_numeric() and value is not None
        ]
        assert [v for v in last if isinstance(v, float)] == pytest.approx(numbers), name
        assert row_of(cells, workbook.TABLE_ROW + 2 + result.frame.height) == []


def test_the_actions_sheet_holds_the_summary_of_the_period(demo_database, last_year):
    sheets = read_workbook(workbook.build(report.gather(demo_database, last_year)))
    cells = sheets["Actions et solutions trouvées"]
    expected = support_reports.actions_summary(demo_database, last_year.start, last_year.end)
    assert row_of(cells, 4) == ["Rubrique", "Action ou solution", "Nombre", "Ce qui est compté"]
    rows = [row_of(cells, 5 + n) for n in range(expected.height)]
    assert [tuple(r) for r in rows] == [(a, b, float(n), c) for a, b, n, c in expected.iter_rows()]
    assert sum(r[2] for r in rows) > 0  # the demo's year holds actions


def test_an_empty_database_gives_a_workbook_that_says_so(database):
    demo.create_demo_accounts(database)
    period = periods.dates(clock.today().replace(day=1), clock.today(), clock.today())
    sheets = read_workbook(workbook.build(report.gather(database, period)))
    assert len(sheets) == len(kpis.registry()) + 2
    registry = kpis.registry()
    names = workbook.indicator_sheet_names(registry)
    for kpi, name in zip(registry, names, strict=True):
        if kpi.aggregate == "sum" and kpi.chart.kind != "none":
            assert sheets[name]["B4"] == 0.0, name  # a zero, as a number
    assert any(
        "Aucune donnée sur la période" in texts_of(cells) for cells in list(sheets.values())[1:-1]
    )
    actions = sheets["Actions et solutions trouvées"]
    assert all(v == 0.0 for ref, v in actions.items() if ref.startswith("C") and ref != "C4")


def test_the_filters_are_said_on_the_cover(demo_database, last_year):
    """Codes said by their labels: a programme from the catalogue, a worker's name from
    the accounts (the query "users/names")."""
    filters = kpis.Filters(commune="Bordeaux", programme="bail_glissant", worker="social")
    cover = texts_of(
        read_workbook(workbook.build(report.gather(demo_database, last_year, filters)))["Rapport"]
    )
    said = "Commune : Bordeaux ; Dispositif : Bail glissant ; Référent·e : Samia Social"
    assert said in cover
    unfiltered = report.gather(demo_database, last_year)
    filtered = report.gather(demo_database, last_year, kpis.Filters(worker="social"))
    assert [i.result.value for i in filtered.indicators] != [
        i.result.value for i in unfiltered.indicators
    ]


def test_sheet_names_are_short_valid_and_unique():
    titles = [
        "Rapport",  # the cover's name, whatever the case
        "Part des ménages suivis au RSA / à l'AAH [mesure]",
        "Part des ménages suivis au RSA / à l'AAH (autre)",
        "actions et solutions trouvées",
        "'Cité'",
        "???",
    ]
    names = workbook.sheet_names(titles)
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)
    assert len({n.lower() for n in names} | {"rapport", "actions et solutions trouvées"}) == 8
    assert names[0] == "Rapport (2)"
    assert names[1] == "Part des ménages suivis au RSA"
    assert names[2] == "Part des ménages suivis (2)"  # whole words, no « au » left hanging
    assert names[4] == "Cité"
    assert names[5] == "Indicateur"


def test_every_indicator_has_a_whole_word_sheet_name():
    """Each indicator of the registry, as it is when the test runs: a name within Excel's
    31 characters, unique, made of whole words (its own short title's, or its title's),
    never ending on « de », « des », « au »… (not « Composition familiale des ménag »)."""
    registry = kpis.registry()
    names = workbook.indicator_sheet_names(list(registry))
    assert len({n.lower() for n in names} | {"rapport", "actions et solutions trouvées"}) == (
        len(registry) + 2
    )
    for kpi, name in zip(registry, names, strict=True):
        words = workbook.short_title(kpi).split()
        kept = re.sub(r" \(\d+\)$", "", name).split()  # « (2) » tells two apart
        assert len(name) <= 31 and kept == words[: len(kept)], kpi.name
        assert kept[-1].lower() not in workbook.LINK_WORDS, kpi.name
    by_kpi = dict(zip([k.name for k in registry], names, strict=True))
    assert by_kpi["kpi/composition"] == "Composition familiale"
    assert by_kpi["kpi/salary_share"] == "Ménages avec un salaire"


def test_a_title_too_long_is_cut_after_a_whole_word():
    assert workbook.whole_words("Composition familiale des ménages suivis", 31) == (
        "Composition familiale"
    )
    assert (
        workbook.whole_words("Anticonstitutionnellement" * 2, 31)
        == (("Anticonstitutionnellement" * 2)[:31])
    )


def test_shares_read_with_one_decimal_in_the_workbook(demo_database, last_year):
    """The cover's shares: numbers under « 0.0 % » (70,8 % in a French Excel), their
    change in points under a signed « 0.0 "point(s)" » format."""
    built = report.gather(demo_database, last_year)
    cover = openpyxl.load_workbook(io.BytesIO(workbook.build(built)))["Rapport"]
    shares = [i for i in built.indicators if i.kpi.format == "percent"]
    rows = {row[1].value: row for row in cover.iter_rows() if row[1].value}
    assert shares
    for indicator in shares:
        value, previous, change = rows[indicator.kpi.title][2:5]
        if indicator.result.value is not None:
            assert isinstance(value.value, float) and value.number_format == "0.0 %"
        if indicator.result.previous is not None:
            assert previous.number_format == "0.0 %"
        if indicator.result.change is not None:
            assert isinstance(change.value, float) and '"point' in change.number_format

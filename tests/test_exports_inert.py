"""Every file the app writes for a spreadsheet runs none of its cells: a text typed
« =1+1 », « @SUM(A1:A2) » or « =HYPERLINK(…) » opens as that text. A CSV prefixes such a
cell with a single quote (OWASP's rule, « +33 6… » and « -12 » typed as text included)
and leaves numbers alone; a workbook writes text as text, never as a formula or a link.
Each test opens the real file: the csv module for a CSV, the sheet's XML for a workbook
(no Excel reader is installed)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import tempfile
import zipfile
from datetime import date

import polars as pl
import pypdfium2 as pdfium
import pytest

from db import clock
from db.analytics import build, console
from db.households import writes as households
from db.households.models import IntakeIn
from db.privacy import access_export as access
from db.rules import Actor
from queries.kpi import periods
from tests.conftest import intake_fields
from ui import exports, report
from ui.households import listing
from ui.households.access_export import to_pdf
from ui.report import workbook

HOSTILE = [
    "=1+1",
    "@SUM(A1:A2)",
    '=HYPERLINK("http://exemple.fr","clic")',
    "+33 6 12 34 56 78",
    "-12",
    "\tvaleur",
    "\rvaleur",
]
PLAIN = ["Dupont", "0612345678", " =1+1", "1 + 1 = 2", "https://exemple.fr"]
ANALYST = Actor("ana", "Ana Lyste", frozenset({"analyste"}))


@pytest.fixture(autouse=True)
def scratch(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def hostile_frame() -> pl.DataFrame:
    texts = HOSTILE + PLAIN
    return pl.DataFrame(
        {
            "=Nom": texts,
            "Nombre": [-(n + 1) for n in range(len(texts))],  # a number, negative or not
            "Montant": [-12.5] * len(texts),
            "Vide": pl.Series([None] * len(texts), dtype=pl.String),
        }
    )


def csv_rows(data: bytes) -> list[list[str]]:
    """The CSV as a spreadsheet reads it: UTF-8 with BOM, ';' between cells."""
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def sheet_xml(data: bytes, sheet: int = 1) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return book.read(f"xl/worksheets/sheet{sheet}.xml").decode()


def shared_strings(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        xml = book.read("xl/sharedStrings.xml").decode()
    return [re.sub(r"<[^>]+>", "", s) for s in re.findall(r"<si>(.*?)</si>", xml, re.S)]


def inline_strings(data: bytes) -> list[str]:
    """The text cells of a constant-memory sheet (written inline, not shared)."""
    found = re.findall(r"<is><t[^>]*>(.*?)</t></is>", sheet_xml(data), re.S)
    return [t.replace("&quot;", '"').replace("&amp;", "&") for t in found]


def assert_no_formula_nor_link(data: bytes) -> None:
    """No cell is a formula, no link leaves the workbook (the report's cover links to its
    own sheets: a location, not an address)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        for name in book.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = book.read(name).decode()
                assert "<f>" not in xml, name
                assert not re.search(r"<hyperlink [^>]*r:id=", xml), name


def test_a_list_exported_as_csv_runs_none_of_its_cells():
    data, rows = exports.build_file("csv", iter([hostile_frame()]), lambda _n: None)
    header, *cells = csv_rows(data)
    assert rows == len(HOSTILE) + len(PLAIN)
    assert header == ["'=Nom", "Nombre", "Montant", "Vide"]  # a header is text too
    names = [row[0] for row in cells]
    assert names == [f"'{text}" for text in HOSTILE] + PLAIN
    assert [row[1] for row in cells] == [str(-(n + 1)) for n in range(rows)]  # numbers kept
    assert {row[2] for row in cells} == {"-12,5"}  # French decimal, a number: no quote
    assert {row[3] for row in cells} == {""}


def test_a_csv_in_several_batches_is_inert_in_each():
    frame = hostile_frame()
    batches = iter([frame.head(3), frame.slice(3)])
    data, _ = exports.build_file("csv", batches, lambda _n: None)
    header, *cells = csv_rows(data)
    assert header[0] == "'=Nom" and len(cells) == frame.height
    assert all(row[0].startswith("'") for row in cells[: len(HOSTILE)])


def test_a_list_exported_as_excel_holds_text_never_a_formula():
    data, _ = exports.build_file("xlsx", iter([hostile_frame()]), lambda _n: None)
    assert_no_formula_nor_link(data)
    texts = inline_strings(data)
    assert texts[0] == "=Nom"  # the header as typed, a text cell
    assert set(HOSTILE[:4]) <= set(texts)  # each as typed: a workbook's text is inert


def test_a_categorical_column_is_text_for_the_csv():
    frame = pl.DataFrame({"Commune": ["=1+1", "Pessac"]}).cast(pl.Categorical)
    data, _ = exports.build_file("csv", iter([frame]), lambda _n: None)
    assert csv_rows(data) == [["Commune"], ["'=1+1"], ["Pessac"]]


@pytest.fixture
def analytics(database):
    build.rebuild(database, salt="sel-de-test")
    return database


CONSOLE_SQL = (
    'SELECT \'=1+1\' AS "=HYPERLINK(""http://exemple.fr"")", '
    "'@SUM(A1:A2)' AS formule, -12 AS nombre, '-12' AS texte"
)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_console_result_runs_none_of_its_cells(analytics, kind):
    """An analyst's aliases are headers: they are made inert too."""
    frames = console.export_batches(analytics, ANALYST, CONSOLE_SQL)
    data, rows = exports.build_file(kind, frames, lambda _n: None)
    assert rows == 1
    if kind == "csv":
        assert csv_rows(data) == [
            ['\'=HYPERLINK("http://exemple.fr")', "formule", "nombre", "texte"],
            ["'=1+1", "'@SUM(A1:A2)", "-12", "'-12"],
        ]
    else:
        assert_no_formula_nor_link(data)
        assert inline_strings(data) == [
            '=HYPERLINK("http://exemple.fr")',
            "formule",
            "nombre",
            "texte",
            "=1+1",
            "@SUM(A1:A2)",
            "-12",
        ]
        assert re.search(r'<c r="C2"[^>]*><v>-12</v></c>', sheet_xml(data))  # a number


def test_the_activity_report_workbook_writes_typed_text_as_text(demo_database):
    """A label or a commune typed « =1+1 » reaches the report's tables (written by polars'
    write_excel, which calls xlsxwriter's write()): it stays text."""
    period = periods.year(2025, date(2026, 6, 15))
    gathered = report.gather(demo_database, period)
    hostile = pl.DataFrame(
        {
            "Rubrique": ["=1+1", "@SUM(A1:A2)"],
            "Action ou solution": ['=HYPERLINK("http://exemple.fr","clic")', "http://x.fr"],
            "Nombre": [3, 4],
            "Ce qui est compté": ["-12", "+33 6"],
        }
    )
    data = workbook.build(dataclasses.replace(gathered, actions=hostile))
    assert_no_formula_nor_link(data)
    strings = shared_strings(data)
    assert {"=1+1", "@SUM(A1:A2)", '=HYPERLINK("http://exemple.fr","clic")'} <= set(strings)
    assert {"http://x.fr", "-12", "+33 6"} <= set(strings)


def test_the_households_list_typed_by_a_person_runs_nothing_in_its_csv(database, admin):
    """From the intake to the file: a name typed « =1+1 », an address « @SUM(…) »."""
    fields = intake_fields(
        "=1+1", '=HYPERLINK("http://exemple.fr","clic")', consent_on=clock.today()
    )
    intake = IntakeIn(**fields, address="@SUM(A1:A2)")
    created = households.create_intake(database, admin, intake)
    frames = exports.query_rows(
        database,
        "households/search",
        lambda batch: listing.display_table(batch, with_phone=True),
        term=None,
        status=None,
        referent=None,
        commune=None,
        housing_situation=None,
        request_type=None,
        sort="name",
        sees_all=True,
        referent_of=None,
        sees_tenants=False,
        limit=10,
        offset=0,
    )
    data, _ = exports.build_file("csv", frames(), lambda _n: None)
    header, row = csv_rows(data)
    cells = dict(zip(header, row, strict=True))
    assert cells["Dossier"] == created["file_number"]
    assert cells["Chef de ménage"].startswith("'=1+1 ")


def test_the_right_of_access_files_hold_typed_text_as_plain_text(database, admin):
    """The access export is a PDF and a JSON, no spreadsheet: the PDF draws a typed formula
    or link as text (no link in it), the JSON gives the data exactly as held."""
    link = '<a href="http://exemple.fr">clic</a>'
    fields = intake_fields("=1+1", link, consent_on=clock.today())
    typed = '=HYPERLINK("http://exemple.fr","clic")'
    created = households.create_intake(database, admin, IntakeIn(**fields, address=typed))
    export = access.collect(database, created["id"])
    pdf = to_pdf(export)
    assert b"/URI" not in pdf and b"/Link" not in pdf
    text = " ".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(pdf))
    assert typed in " ".join(text.split()) and "clic</a>" in text
    held = json.loads(access.to_json(export))["sections"]
    assert held["household"]["lignes"][0]["address"] == typed
    assert held["person"]["lignes"][0]["last_name"] == "=1+1"

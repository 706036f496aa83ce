"""Exports that open right in a French office: every list read back as Excel (openpyxl)
and as a French spreadsheet reads a CSV (comma decimals, dd/mm/yyyy), and, where
LibreOffice is installed, converted by Calc under a French locale and summed."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import polars as pl
import pytest

import queries
from db import clock
from tests.household_builders import SEARCH
from ui import exports
from ui.households import listing
from ui.housing import shape

EUROS = '#,##0.00 "€"'
NARROW = ("\u202f", "\u00a0")  # the thousands separators a French text puts in


def xlsx_of(frame: pl.DataFrame):
    data, _ = exports.build_file("xlsx", iter([frame]), lambda _n: None)
    return openpyxl.load_workbook(io.BytesIO(data))["Export"]


def csv_of(frame: pl.DataFrame) -> list[dict[str, str]]:
    data, _ = exports.build_file("csv", iter([frame]), lambda _n: None)
    assert data.startswith(exports.BOM)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def french_number(text: str) -> float:
    """A CSV cell read as a French Calc reads it: comma decimal, nothing else."""
    assert "." not in text and "€" not in text and not any(c in text for c in NARROW), text
    return float(text.replace(",", "."))


def column(sheet, header: str) -> list:
    names = [cell.value for cell in sheet[1]]
    return list(
        sheet.iter_rows(min_row=2, min_col=names.index(header) + 1, max_col=names.index(header) + 1)
    )


def stock(database) -> pl.DataFrame:
    return queries.run(
        database,
        "housing/stock",
        programme=None,
        status=None,
        commune=None,
        typology=None,
        owner_id=None,
        dwelling_id=None,
        today=clock.today(),
        limit=None,
        offset=0,
    )


def a_list() -> pl.DataFrame:
    """Rents of 1 000 € and more (a narrow space in their French text), a negative
    figure, a date, a share."""
    return pl.DataFrame(
        {
            "Nom": ["Martin", "=1+1", None],
            "Loyer (€)": [1000.0, 363.0, 1234.5],
            "Solde": [Decimal("-12.50"), Decimal("3.25"), None],
            "Part (%)": [0.125, 0.5, None],
            "Quand": [date(2026, 11, 21), None, date(2025, 1, 2)],
            "Heure": [datetime(2026, 11, 21, 9, 5), None, None],
        },
        schema_overrides={"Solde": pl.Decimal(10, 2)},
    )


def test_the_stock_export_holds_rents_and_charges_as_euros_and_dates_as_dates(demo_database):
    found = stock(demo_database)
    sheet = xlsx_of(shape.stock_export(found))
    rents = [row[0] for row in column(sheet, "Loyer hors charges (€)")]
    assert all(isinstance(c.value, int | float) and c.number_format == EUROS for c in rents)
    assert sum(c.value for c in rents) == pytest.approx(float(found["rent"].sum()))
    charges = [row[0] for row in column(sheet, "Charges (€)")]
    assert all(c.number_format == EUROS for c in charges)
    entered = [row[0] for row in column(sheet, "Entrée dans le parc") if row[0].value]
    assert entered and all(isinstance(c.value, datetime) for c in entered)
    assert {c.number_format for c in entered} == {"dd/mm/yyyy"}


def test_the_stock_csv_reads_as_numbers_in_a_french_spreadsheet(demo_database):
    found = stock(demo_database)
    rows = csv_of(shape.stock_export(found))
    total = sum(french_number(row["Loyer hors charges (€)"]) for row in rows)
    assert total == pytest.approx(float(found["rent"].sum()))
    days = [row["Entrée dans le parc"] for row in rows if row["Entrée dans le parc"]]
    assert days and all(datetime.strptime(d, "%d/%m/%Y") for d in days)


def test_a_list_in_excel_has_a_bold_frozen_header_a_filter_and_fitted_widths():
    sheet = xlsx_of(a_list())
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F4"
    widths = {k: d.width for k, d in sheet.column_dimensions.items()}
    assert set(widths) == set("ABCDEF") and all(6 <= w <= 61 for w in widths.values())
    assert widths["F"] >= 16  # « 21/11/2026 09:05 » shown whole


def test_a_list_in_excel_types_amounts_shares_and_dates():
    sheet = xlsx_of(a_list())
    _, rent, balance, share, day, hour = sheet[2]
    assert (rent.value, rent.number_format) == (1000, EUROS)
    assert (balance.value, balance.number_format) == (-12.5, "#,##0.00")
    assert (share.value, share.number_format) == (0.125, "0.0 %")
    assert (day.value, day.number_format) == (datetime(2026, 11, 21), "dd/mm/yyyy")
    assert (hour.value, hour.number_format) == (datetime(2026, 11, 21, 9, 5), "dd/mm/yyyy hh:mm")
    assert sheet["A3"].value == "=1+1" and sheet["A3"].data_type == "s"  # text, not run


def test_a_list_in_csv_is_french_and_a_negative_number_stays_a_number():
    first, second, third = csv_of(a_list())
    assert first == {
        "Nom": "Martin",
        "Loyer (€)": "1000,00",
        "Solde": "-12,50",
        "Part (%)": "12,5",
        "Quand": "21/11/2026",
        "Heure": "21/11/2026 09:05",
    }
    assert second["Nom"] == "'=1+1" and third["Loyer (€)"] == "1234,50"
    assert sum(french_number(r["Loyer (€)"]) for r in (first, second, third)) == 2597.5


def test_the_households_list_exports_its_last_contact_as_a_date(demo_database):
    found = queries.run(demo_database, "households/search", **SEARCH, limit=1000, offset=0)
    sheet = xlsx_of(listing.export_table(found))
    days = [row[0] for row in column(sheet, "Dernier contact") if row[0].value]
    assert days and all(isinstance(c.value, datetime) for c in days)
    assert {c.number_format for c in days} == {"dd/mm/yyyy"}
    assert sheet.auto_filter.ref and sheet.freeze_panes == "A2"


def test_a_console_result_csv_writes_decimal_amounts_with_a_comma():
    result = pl.DataFrame({"rent": [Decimal("363.00"), Decimal("1000.50")]})
    assert [row["rent"] for row in csv_of(result)] == ["363,00", "1000,50"]


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) n'est pas installé")
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_libreoffice_in_french_sums_the_rents_of_the_export(tmp_path, kind):
    """Calc, French locale, opens the file and converts it: every rent, 1 000 € included,
    is a number (its converted sheet sums them all)."""
    data, _ = exports.build_file(kind, iter([a_list()]), lambda _n: None)
    source = tmp_path / f"export.{kind}"
    source.write_bytes(data)
    env = {**os.environ, "LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8", "HOME": str(tmp_path)}
    # CSV: ';', UTF-8, French language for the numbers (filter options of Calc).
    target = "xlsx:Calc MS Excel 2007 XML" if kind == "csv" else "ods"
    options = ["--infilter=CSV:59,34,76,1,,1036"] if kind == "csv" else []
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            *options,
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    if kind == "xlsx":  # read back the ods as xlsx again, through Calc too
        ods = tmp_path / "out" / "export.ods"
        subprocess.run(
            [
                SOFFICE,
                "--headless",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(tmp_path / "back"),
                str(ods),
            ],
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
        converted = tmp_path / "back" / "export.xlsx"
    else:
        converted = tmp_path / "out" / "export.xlsx"
    sheet = openpyxl.load_workbook(converted).active
    rents = [sheet.cell(row, 2).value for row in range(2, 5)]
    assert all(isinstance(v, int | float) for v in rents), rents
    assert sum(rents) == 2597.5
    assert isinstance(sheet.cell(2, 5).value, datetime)

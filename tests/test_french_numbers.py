"""One format for the numbers a person reads: « 1 162 », « 27 824 lignes », « 0 ligne »,
« 70,8 % » (one decimal everywhere, as Excel's « 0.0 % » shows it) and « +0,1 point »,
the difference of the two shares as shown."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import polars as pl
import pypdfium2 as pdfium
import pytest

import queries.kpi as kpis
from db import audit
from db.french import NBSP, fr_count, fr_percent, fr_points, percent_figure, points_between
from queries.kpi import periods
from ui import report
from ui.console.results import rows_text
from ui.dashboard.values import fr_change, fr_value
from ui.report import Indicator, pdf
from ui.report import text as texts
from ui.support import todo


@pytest.mark.parametrize(
    ("share", "shown"),
    [
        (0.708, "70,8"),
        (0.71, "71,0"),  # never « 71 % » beside « 70,8 % »
        (0.7085, "70,9"),  # a half goes up, as in Excel
        (0.70849, "70,8"),
        (1, "100,0"),
        (0, "0,0"),
        (-0.0004, "0,0"),  # never « −0,0 »
        (-0.025, "\u22122,5"),
        (12.345, f"1{NBSP}234,5"),
    ],
)
def test_a_share_has_one_decimal_the_french_way(share, shown):
    assert fr_percent(share) == f"{shown}{NBSP}%"
    assert fr_value("percent", share) == fr_percent(share)  # the dashboard's cards, the report


def test_a_difference_of_shares_is_said_in_points_with_one_decimal():
    assert fr_points(Decimal("0.1")) == f"+0,1{NBSP}point"
    assert fr_points(Decimal("-2.5")) == f"\u22122,5{NBSP}points"
    assert fr_points(Decimal("1.95")) == f"+2,0{NBSP}points"
    assert fr_change("percent", -0.025) == f"\u22122,5{NBSP}points"
    assert fr_change("percent", 0.0004) == f"0,0{NBSP}point"  # no sign on nothing
    assert points_between(0.708, 0.707) == Decimal("0.1")
    assert points_between(0.70849, 0.70751) == 0  # both read 70,8 %
    assert percent_figure(0.70751) == Decimal("70.8")


def test_a_count_is_spaced_and_agrees_with_its_noun():
    assert fr_count(0, "ligne") == "0 ligne"
    assert fr_count(1, "ligne") == "1 ligne"
    assert fr_count(27824, "ligne") == f"27{NBSP}824 lignes"
    assert rows_text(0) == "0 ligne" and rows_text(27824) == f"27{NBSP}824 lignes"
    assert todo.state(date(2023, 4, 10), True, date(2026, 6, 15)) == (
        f"En retard de 1{NBSP}162 jours"
    )
    assert todo.state(date(2026, 6, 14), True, date(2026, 6, 15)) == "En retard de 1 jour"
    assert todo.state(date(2026, 6, 20), False, date(2026, 6, 15)) == "À venir"


def test_the_access_log_says_a_console_run_rows_the_french_way(database):
    audit.log_sql(database, "ana", "run", "SELECT 1", rows=27824)
    audit.log_sql(database, "ana", "export", "SELECT 1", rows=0)
    with database.reading() as cur:
        details = [
            r[0] for r in cur.execute("SELECT detail FROM access_log ORDER BY id").fetchall()
        ]
    assert details == [
        f"Exécution, 27{NBSP}824 lignes : SELECT 1",
        "Export, 0 ligne : SELECT 1",
    ]


def rate(value: float | None, previous: float | None) -> Indicator:
    """The FSL grant rate as the report holds it, with these two figures."""
    kpi = next(k for k in kpis.registry() if k.name == "kpi/fsl_approval_rate")
    frame = pl.DataFrame()
    return Indicator(kpis.Result(kpi, frame, value, previous), frame)


def test_the_report_says_a_rate_and_its_change_by_one_rule():
    """« 71 % » in one place, « 70,8 % » in another and « +0,1 point » between them was
    the fault: each share has one decimal, and the change is their difference as shown."""
    indicator = rate(0.71, 0.7075)
    assert texts.value_text(indicator) == f"71,0{NBSP}%"
    assert texts.previous_text(indicator) == f"70,8{NBSP}%"
    assert texts.change_text(indicator) == f"+0,2{NBSP}point"
    same = rate(0.70849, 0.70751)  # 0,098 point apart, both shown 70,8 %
    assert texts.change_text(same) == "stable"
    assert texts.change_text(rate(0.7, None)) == "—"


def test_every_share_in_the_pdf_report_has_one_decimal(demo_database):
    """The PDF's texts and its charts' axes and labels: « 20,0 % », never « 20 % »."""
    period = periods.year(2025, date(2026, 6, 15))
    document = pdfium.PdfDocument(pdf.build(report.gather(demo_database, period)))
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    shares = re.findall(r"(\d[\d ,.]*)\s%", text)
    assert shares and all(re.fullmatch(r"\d[\d ]*,\d", s.strip()) for s in shares), shares

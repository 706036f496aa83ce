"""The association's name and town (Administration › Réglages, asked by `cli.py init`)
head the activity report: the PDF's cover and the foot of each of its pages, and the
first line of the workbook's first sheet."""

from __future__ import annotations

from db import clock, settings
from db.demo import generate as demo
from db.rules import Actor
from queries.kpi import periods
from tests.report_readers import pages_of, read_workbook
from ui import report
from ui.report import pdf, workbook


def test_the_report_s_files_carry_the_association_s_name_and_town(database):
    demo.create_demo_accounts(database)
    settings.set_association(database, Actor.system("test"), "Toit Commun", "Mérignac")
    today = clock.today()
    built = report.gather(database, periods.month(today.year, today.month, today))
    pages = pages_of(pdf.build(built))
    assert pages[0][0].startswith("Toit Commun Mérignac Rapport d'activité du ")
    for found, _, _ in pages:
        assert "Toit Commun (Mérignac) – Rapport d'activité du " in found, found[-90:]
    assert "Association d'insertion" not in " ".join(found for found, _, _ in pages)
    first_sheet = next(iter(read_workbook(workbook.build(built)).values()))
    assert first_sheet["A1"] == "Toit Commun (Mérignac)"

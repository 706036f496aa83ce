"""AppTest of pages/activity_report.py: open to direction and admin only, the previous
calendar year by default, « Préparer le rapport » logs the workbook and the PDF, then
offers both; an empty database still gives a report."""

from __future__ import annotations

from datetime import date

import pytest

from db import clock
from db.demo import generate as demo
from tests.conftest import open_page

PAGE = "pages/activity_report.py"
BUTTONS = ["Télécharger le classeur Excel", "Télécharger le PDF"]


def reports_logged(database) -> list[tuple]:
    with database.reading() as cur:
        return cur.execute(
            "SELECT username, entity, detail FROM access_log "
            "WHERE action = 'export' ORDER BY detail DESC"
        ).fetchall()


def downloads(at) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


@pytest.mark.parametrize("username", ["direction", "admin"])
def test_the_page_opens_on_the_previous_year_for_direction_and_admin(demo_database, username):
    at = open_page(demo_database, username, PAGE)
    assert not at.exception and not at.error
    assert at.title[0].value == "Rapport d'activité"
    assert at.radio(key="report_kind").value == "annee"
    last_year = clock.today().year - 1
    assert at.selectbox(key="report_year").value == last_year
    assert any(f"du 01/01/{last_year} au 31/12/{last_year}" in c.value for c in at.caption)
    assert downloads(at) == []


@pytest.mark.parametrize("username", ["analyste", "accueil"])
def test_the_page_is_refused_to_others_in_french(demo_database, username):
    at = open_page(demo_database, username, PAGE)
    assert "Cette page n'est pas accessible avec vos rôles." in [e.value for e in at.error]
    assert "report_prepare" not in [b.key for b in at.button] and not at.radio
    assert reports_logged(demo_database) == []


def test_preparing_the_report_logs_both_files_and_offers_them(demo_database):
    at = open_page(demo_database, "direction", PAGE)
    at.button(key="report_prepare").click().run()
    assert not at.exception and not at.error
    assert downloads(at) == BUTTONS
    assert at.status[0].label.startswith("Rapport prêt")
    label = f"année {clock.today().year - 1}"
    assert reports_logged(demo_database) == [
        ("direction", "activity_report", f"xlsx, {label}"),
        ("direction", "activity_report", f"pdf, {label}"),
    ]
    pdf, xlsx = (b.proto for b in reversed(at.get("download_button")))
    assert xlsx.label == BUTTONS[0] and pdf.label == BUTTONS[1]


def test_an_empty_database_still_gives_a_report(database):
    demo.create_demo_accounts(database)  # people who can sign in, no household at all
    at = open_page(database, "admin", PAGE)
    at.radio(key="report_kind").set_value("moyenne_3_ans").run()
    assert not at.exception
    assert any("moyenne des trois années" in c.value for c in at.caption)
    at.button(key="report_prepare").click().run()
    assert not at.exception and not at.error
    assert downloads(at) == BUTTONS
    last = clock.today().year - 1
    assert [detail for _, _, detail in reports_logged(database)] == [
        f"xlsx, moyenne {last - 2}–{last}",
        f"pdf, moyenne {last - 2}–{last}",
    ]


def test_reversed_dates_are_refused_in_french_and_nothing_is_prepared(demo_database):
    at = open_page(demo_database, "direction", PAGE)
    at.radio(key="report_kind").set_value("dates").run()
    at.date_input(key="report_start").set_value(date(2026, 5, 1)).run()
    at.date_input(key="report_end").set_value(date(2026, 4, 30)).run()
    assert at.error[0].value == (
        "La fin de la période précède son début : corrigez l'une des deux dates."
    )
    assert "report_prepare" not in [b.key for b in at.button]
    assert reports_logged(demo_database) == []


def test_a_month_and_a_quarter_are_offered_with_their_french_label(demo_database):
    at = open_page(demo_database, "direction", PAGE)
    at.radio(key="report_kind").set_value("mois").run()
    at.selectbox(key="report_m_year").set_value(2026).run()
    at.selectbox(key="report_month").set_value(2).run()
    assert any("du 01/02/2026 au 28/02/2026 (février 2026)" in c.value for c in at.caption)
    at.radio(key="report_kind").set_value("trimestre").run()
    at.selectbox(key="report_q_year").set_value(2025).run()
    at.selectbox(key="report_quarter").set_value(2).run()
    assert any("du 01/04/2025 au 30/06/2025" in c.value for c in at.caption)
    assert not at.exception and not at.error


def test_a_filtered_report_is_prepared_and_logged(demo_database):
    at = open_page(demo_database, "direction", PAGE)
    at.selectbox(key="report_worker").set_value("social").run()
    at.selectbox(key="report_programme").set_value("bail_glissant").run()
    at.button(key="report_prepare").click().run()
    assert not at.exception and not at.error
    assert downloads(at) == BUTTONS
    assert len(reports_logged(demo_database)) == 2

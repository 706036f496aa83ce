"""The bad input of issue 21 that is about the rows (the whole-file refusals are in
tests/test_import_read.py): a 5,000-character cell, Markdown and HTML in names, a measure
longer than its kind's maximum. Each gets a French answer, and nothing wrong is written."""

from __future__ import annotations

import pytest

from db.demo.generate import create_demo_accounts
from db.imports.check import check_files
from db.imports.write import run_import
from db.rules import Actor

ADMIN = Actor.system("admin")
HEADER = (
    "Réf. ménage;Date de l'accueil;Nom;Prénom;Date de naissance;Place dans le ménage;"
    "Code postal;Commune;Composition;Situation de logement;Prescripteur;Type de demande;"
    "Date du consentement"
)
# With the consent date: without one, the intake keeps no name (domain.md).
TAIL = "33000;Bordeaux;Isolé·e;Hébergé·e chez un tiers;CCAS;Accès au logement;12/03/2024"


@pytest.fixture
def admin_db(database):
    create_demo_accounts(database)
    return database


def household_line(ref: str, last_name: str, first_name: str = "Éloïse") -> str:
    return f"{ref};12/03/2024;{last_name};{first_name};05/07/1988;Chef·fe de ménage;{TAIL}"


def households_csv(*lines: str) -> tuple[str, bytes]:
    return ("Ménages et membres.csv", "\n".join([HEADER, *lines]).encode("utf-8"))


def table_rows(database, sql: str) -> list[tuple]:
    with database.reading() as cur:
        return cur.execute(sql).fetchall()


def test_a_5000_character_cell_is_refused_in_french_and_the_reason_stays_short(admin_db):
    pasted = "Dupont " * 715  # 5,005 characters, as a paste of a whole note into a name
    plan = check_files(
        admin_db, ADMIN, [households_csv(household_line("A1", pasted), household_line("A2", "Roy"))]
    )
    [refusal] = plan.refusals
    assert (refusal.line, refusal.column) == (2, "Nom")
    assert refusal.reason == "trop long : 80 caractères au plus"
    assert plan.counts[0].created == 1
    run_import(admin_db, ADMIN, plan)
    assert table_rows(admin_db, "SELECT last_name FROM person") == [("Roy",)]


def test_markdown_and_html_in_names_are_kept_as_typed(admin_db):
    typed = "**Jean** <b>x</b> [lien](http://exemple.fr) <script>alert(1)</script>"
    plan = check_files(admin_db, ADMIN, [households_csv(household_line("A1", typed, "_Léa_"))])
    assert plan.refusals == []
    run_import(admin_db, ADMIN, plan)
    assert table_rows(admin_db, "SELECT last_name, first_name FROM person") == [(typed, "_Léa_")]


def test_a_measure_longer_than_its_kinds_maximum_is_refused(admin_db):
    measures = "\n".join(
        [
            "Réf.;Réf. ménage;Type de mesure;Début;Fin prévue",
            "M1;A1;ASLL;01/01/2023;31/12/2026",
            "M2;A1;ASLL;01/04/2024;31/03/2025",
        ]
    )
    files = [households_csv(household_line("A1", "Martin")), ("mesures.csv", measures.encode())]
    plan = check_files(admin_db, ADMIN, files)
    [refusal] = plan.refusals
    assert (refusal.sheet, refusal.line) == ("Mesures d'accompagnement", 2)
    assert "mois" in refusal.reason and "ASLL" in refusal.reason
    run_import(admin_db, ADMIN, plan)
    assert table_rows(admin_db, "SELECT start_on::VARCHAR FROM support_measure") == [
        ("2024-04-01",)
    ]

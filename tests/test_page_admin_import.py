"""AppTest of « Administration › Import »: the admin downloads the template, drops files,
reads the dry run and imports; direction reads the history only; nobody else gets in."""

from __future__ import annotations

from datetime import datetime

import pytest

from db.imports import summary
from db.imports.plan import MAX_FILE_BYTES, ImportPlan, Refusal, SheetCount
from tests.conftest import open_page
from ui.imports import report, tab

PAGE = "pages/users_admin.py"
IMPORT = {"onglet": "Import"}
XLSX = report.XLSX
ADMIN_TABS = {"Comptes", "Journaux", "Sauvegardes", "Réglages"}


def tab_labels(at) -> set[str]:
    return {t.label for t in at.tabs}


def imports_logged(database) -> int:
    return database.cursor().execute("SELECT count(*) FROM import_log").fetchone()[0]


def log_an_import(database, file_name: str = "suivi-2025.xlsx") -> None:
    database.cursor().execute(
        "INSERT INTO import_log (started_at, username, file_name, file_hash, created, updated,"
        " unchanged, refused, counts, seconds) VALUES ($at, 'admin', $name, $hash, 1234, 5, 6,"
        " 7, '{}', 12.34)",
        {"at": datetime(2026, 11, 21, 14, 5), "name": file_name, "hash": "ab" * 32},
    )


def sample_files() -> list[tuple[str, bytes, str]]:
    """Two households as a French Excel would export them, one of them refused."""
    rows = [
        "Réf. ménage;Date de l'accueil;Nom;Prénom;Date de naissance;Place dans le ménage;"
        "Code postal;Commune;Composition;Situation de logement;Prescripteur;Type de demande;"
        "Date du consentement",
        "Z1;12/03/2024;Quintal;Zéphyrine;05/07/1961;Chef·fe de ménage;33000;Bordeaux;"
        "Isolé·e;Hébergé·e chez un tiers;CCAS;Accès au logement;12/03/2024",
        "Z2;31/02/2024;Quintal;Aurèle;05/07/1962;Chef·fe de ménage;33000;Bordeaux;"
        "Isolé·e;Hébergé·e chez un tiers;CCAS;Accès au logement;12/03/2024",
    ]
    return [("menages.csv", "\n".join(rows).encode("cp1252"), "text/csv")]


def test_admin_sees_the_template_the_uploader_and_an_empty_history(database, demo_database):
    at = open_page(demo_database, "admin", PAGE, IMPORT)
    assert not at.exception
    assert ADMIN_TABS | {"Import"} <= tab_labels(at)
    template = at.get("download_button")[0]
    assert template.proto.label == "Télécharger le modèle"
    uploader = at.file_uploader[0]
    assert uploader.accept_multiple_files and set(uploader.allowed_type) == {".xlsx", ".csv"}
    assert uploader.proto.max_upload_size_mb == 50  # the drop zone says « 50 Mo au plus »
    captions = " ".join(c.value for c in at.caption)
    assert "Valeurs permises" in captions and "Mo" not in captions  # said once, not twice
    assert "Aucun import pour l'instant." in captions


def test_direction_reads_the_history_only(demo_database):
    log_an_import(demo_database, "**gras** <b>suivi</b>.xlsx")
    at = open_page(demo_database, "direction", PAGE, IMPORT)
    assert not at.exception
    assert tab_labels(at) == {"Import"}
    assert not at.file_uploader and not at.get("download_button")
    row = at.dataframe[0].value.iloc[0]
    assert row["Date"] == "21/11/2026 14:05"
    assert row["Fichier"] == "**gras** <b>suivi</b>.xlsx"  # as typed, in a table
    assert row["Empreinte"] == "ab" * 6
    assert row["Créées"] == "1\u202f234" and row["Durée"] == "12,3 s"


def test_direction_asking_another_tab_gets_the_import_tab(demo_database):
    at = open_page(demo_database, "direction", PAGE, {"onglet": "Comptes"})
    assert not at.exception
    assert tab_labels(at) == {"Import"}
    assert not at.text_input  # the accounts' form is not drawn


@pytest.mark.parametrize("username", ["social", "accueil", "gestion", "analyste"])
def test_other_roles_cannot_open_the_page(demo_database, username):
    at = open_page(demo_database, username, PAGE, IMPORT)
    assert "pas accessible" in at.error[0].value
    assert not at.file_uploader and not at.dataframe


def test_a_file_over_the_limit_is_refused_at_once_in_french(demo_database):
    at = open_page(demo_database, "admin", PAGE, IMPORT)
    at.file_uploader[0].set_value(("gros.csv", b"x" * (MAX_FILE_BYTES + 1), "text/csv")).run()
    assert not at.exception
    assert "50 Mo" in at.error[0].value and "gros.csv" in at.error[0].value
    assert [b for b in at.button if b.key == "import_check"] == []


def test_a_file_that_is_no_spreadsheet_is_refused_and_nothing_is_written(demo_database):
    at = open_page(demo_database, "admin", PAGE, IMPORT)
    at.file_uploader[0].set_value(("rapport.xlsx", b"%PDF-1.4 pas un tableur", XLSX)).run()
    at.button(key="import_check").click().run()
    assert not at.exception
    assert at.error, "a French refusal"
    assert not [b for b in at.button if b.key == "import_run"]
    assert imports_logged(demo_database) == 0


def hostile_plan() -> ImportPlan:
    refusals = [
        Refusal("Ménages et membres", 2 + i, "Nom", f"**gras** <script>x</script> {i}", {})
        for i in range(120)
    ]
    return ImportPlan(
        file_name="<b>fichier</b>.xlsx",
        file_hash="0" * 64,
        counts=[SheetCount("Ménages et membres", 3, 1, 2, 120), SheetCount("Ressources", 5)],
        refusals=refusals,
        ignored_columns={"Ménages et membres": ["**Couleur**"]},
        notes=["ligne 4 : rejoint le dossier 2023-0012"],
    )


def draw_report():
    """A script for AppTest.from_function: the report of the plan put in the session."""
    import streamlit as st

    from ui.imports import report

    report.plan_report(st.session_state["plan"])


def test_the_report_counts_pages_the_refusals_and_shows_cells_as_typed():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(draw_report, default_timeout=30)
    at.session_state["plan"] = hostile_plan()
    at.run()
    assert not at.exception
    counts = at.dataframe[0].value
    assert list(counts.columns) == summary.PLAN_HEADERS
    assert list(counts.iloc[-1]) == ["Total", "8", "1", "2", "120"]
    refused = at.dataframe[1].value
    assert len(refused) == 50  # a page of them
    assert refused["Motif"][0] == "**gras** <script>x</script> 0"
    assert "\\*\\*Couleur\\*\\*" in at.warning[0].value
    assert at.get("download_button")[0].proto.label == "Télécharger les lignes refusées"
    at.number_input(key=report.REFUSED_PAGE).set_value(3).run()
    assert len(at.dataframe[1].value) == 20


def test_the_progress_bar_is_redrawn_only_when_it_moves():
    drawn = []

    class Bar:
        def progress(self, share, text):
            drawn.append((share, text))

    step = tab.progress_bar(Bar())
    for done in range(0, 10_001):
        step(done, 10_000, "Ménages et membres")
    assert len(drawn) == 101
    assert drawn[-1] == (1.0, "Ménages et membres : 10\u202f000 / 10\u202f000")


def test_admin_checks_then_imports_and_finds_it_in_the_history(demo_database):
    at = open_page(demo_database, "admin", PAGE, IMPORT)
    at.file_uploader[0].set_value(sample_files()).run()
    assert not [b for b in at.button if b.key == "import_run"]  # nothing before the check
    at.button(key="import_check").click().run()
    assert not at.exception
    counts = at.dataframe[0].value
    assert list(counts.columns) == summary.PLAN_HEADERS
    assert imports_logged(demo_database) == 0  # the dry run wrote nothing
    assert at.button(key="import_run").disabled  # until the report is said to be read
    at.checkbox(key=tab.READ_OK).check().run()
    at.button(key="import_run").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Import n°")
    assert imports_logged(demo_database) == 1
    assert not at.file_uploader[0].value  # a fresh uploader for the next files
    assert len(at.dataframe[0].value) == 1  # the history, its one import

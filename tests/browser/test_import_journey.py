"""Browser journey of issue 21: the admin downloads the import's template, fills two sheets
(three households welcomed last year, four actions of last year, two rows wrong), uploads
it, reads the dry run, downloads the refused rows, corrects them, imports both files, then
finds the households in « Ménages » with their past intake dates and last year's
« Actions et solutions trouvées » counting the imported actions."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import openpyxl
import pytest
from playwright.sync_api import Page, expect

from db import clock

from .conftest import AppServer, close_page, new_page, run_cli, wait_app_idle
from .signing import choose, sign_in_and_wait

pytestmark = pytest.mark.timeout(180)
LAST_YEAR = clock.today().year - 1
FAMILY = "Quillevéré"  # a name no demo household has: the search finds only ours
ACTION = "Négociation avec un huissier"
ACTION_CODE_SQL = "SELECT code FROM support_catalog WHERE list = 'action_kind' AND label = $label"
KEPT_SHEETS = ("Lisez-moi", "Ménages et membres", "Autres actions", "Valeurs permises")
HOUSEHOLD = {
    "Code postal": "29280",
    "Commune": "Plouzané",
    "Composition": "Isolé·e",
    "Situation de logement": "Hébergé·e chez un tiers",
    "Prescripteur": "CCAS",
    "Type de demande": "Accès au logement",
    "Place dans le ménage": "Chef·fe de ménage",
}
# (Réf. ménage, first name, birth date, day and month of the intake); the third has only
# a child: refused (« au moins un adulte »).
PEOPLE = (
    ("Q-1", "Zélie", "03/04/1980", "14/02"),
    ("Q-2", "Anatole", "21/11/1975", "09/06"),
    ("Q-3", "Maëlys", "02/05/2016", "17/10"),
)
# (Réf., Réf. ménage, day and month); 31/02 does not exist: refused.
ACTIONS = (("A-1", "Q-1", "03/03"), ("A-2", "Q-2", "31/02"), ("A-3", "Q-2", "12/07"))
ACTIONS += (("A-4", "Q-1", "05/12"),)


def last_year(day_month: str) -> str:
    return f"{day_month}/{LAST_YEAR}"


@pytest.fixture(scope="module")
def import_server(tmp_path_factory) -> AppServer:
    """A server of this file's own: the import writes into its database, no other test's
    counts move (the refusals' test writes nothing). Last year's count of ACTION is read
    before the server holds the file."""
    folder = tmp_path_factory.mktemp("habiter_import")
    db = folder / "import.duckdb"
    run_cli(db, "demo", "--households", "20")
    with duckdb.connect(str(db), read_only=True) as con:
        code = con.execute(ACTION_CODE_SQL, {"label": ACTION}).fetchone()[0]
        before = con.execute(
            "SELECT count(*) FROM support_action WHERE kind = $kind AND year(action_on) = $year",
            {"kind": code, "year": LAST_YEAR},
        ).fetchone()[0]
    server = AppServer(db=db, log_path=folder / "streamlit.log").start()
    server.actions_before = before
    yield server
    server.stop()


@pytest.fixture
def import_page(browser, import_server, request, tmp_path) -> Page:
    page = new_page(browser, import_server.url)
    yield page
    close_page(page, import_server, request, tmp_path)


# The workbook, filled and corrected as a person does in a spreadsheet ------------------


def row_of(headers: list[str], cells: dict[str, str]) -> list[str]:
    return [cells.get(header, "") for header in headers]


def fill_template(template: Path, filled: Path) -> None:
    """Two sheets filled (their example row replaced), the others deleted."""
    book = openpyxl.load_workbook(template)
    for name in book.sheetnames:
        if name not in KEPT_SHEETS:
            del book[name]
    households, actions = book["Ménages et membres"], book["Autres actions"]
    for sheet in (households, actions):
        sheet.delete_rows(2)  # the example
    headers = [cell.value for cell in households[1]]
    for ref, first_name, born, intake in PEOPLE:
        role = {"Place dans le ménage": "Enfant"} if ref == "Q-3" else {}
        cells = HOUSEHOLD | role | {"Réf. ménage": ref, "Nom": FAMILY, "Prénom": first_name}
        cells |= {"Date de naissance": born, "Date de l'accueil": last_year(intake)}
        cells["Date du consentement"] = last_year(intake)
        households.append(row_of(headers, cells))
    headers = [cell.value for cell in actions[1]]
    for ref, household, day in ACTIONS:
        cells = {"Réf.": ref, "Réf. ménage": household, "Type d'action": ACTION}
        actions.append(row_of(headers, cells | {"Date": last_year(day)}))
    book.save(filled)


def correct_refused(refused: Path, corrected: Path) -> None:
    """Each refused row says why in « Motif »; corrected in place, the « Motif » and
    « Ligne » columns left (the import reads the workbook without them)."""
    book = openpyxl.load_workbook(refused)
    assert set(book.sheetnames) == {"Ménages et membres", "Autres actions"}
    for sheet in book.worksheets:
        headers = [cell.value for cell in sheet[1]]
        assert headers[:2] == ["Motif", "Ligne"]
        assert sheet.max_row == 2  # one refused row in each
        row = dict(zip(headers, sheet[2], strict=True))
        if sheet.title == "Ménages et membres":
            assert "au moins un adulte" in row["Motif"].value
            row["Place dans le ménage"].value = "Chef·fe de ménage"
            row["Date de naissance"].value = "02/05/1990"  # the mother's, typed wrong
        else:
            assert "date invalide" in row["Motif"].value
            row["Date"].value = last_year("28/02")
    book.save(corrected)


# Steps on screen ---------------------------------------------------------------------------


def download(page: Page, button: str, folder: Path) -> Path:
    with page.expect_download() as arrival:
        page.get_by_role("button", name=button).click()
    saved = folder / arrival.value.suggested_filename
    arrival.value.save_as(saved)
    return saved


def open_import_tab(page: Page) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Administration").click()
    expect(page.get_by_role("heading", name="Administration", exact=True)).to_be_visible()
    wait_app_idle(page)
    page.get_by_role("tab", name="Import").click()
    expect(page.get_by_role("button", name="Télécharger le modèle")).to_be_visible()
    wait_app_idle(page)


def check_file(page: Page, workbook: Path, sentence: str) -> None:
    """Upload one workbook, ask for the dry run, read its one-line summary."""
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(workbook)
    # The uploader shortens a long name on screen; its « Retirer » button says it whole.
    expect(page.get_by_role("button", name=f"Retirer {workbook.name}")).to_be_visible()
    wait_app_idle(page)  # the upload's own run: a click during it is lost
    page.get_by_role("button", name="Vérifier le fichier").click()
    expect(page.get_by_text(sentence)).to_be_visible()
    wait_app_idle(page)


def cells(page: Page, text: str):
    """Cells of the visible tables holding `text` (the grid draws on a canvas: its cells
    are in the page for assistive tech, not visible)."""
    return page.locator("[data-testid=stDataFrame]:visible [role=gridcell]").filter(has_text=text)


def run_import(page: Page, done: str) -> None:
    page.get_by_text("J'ai lu le rapport").click()
    importer = page.get_by_role("button", name="Importer", exact=True)
    expect(importer).to_be_enabled()
    importer.click()
    expect(page.get_by_test_id("stAlertContentSuccess").filter(has_text=done)).to_be_visible()
    wait_app_idle(page)


def open_file(page: Page, first_name: str) -> None:
    """« Ménages », the search by name, then the file through the keyboard's picker."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Ménages").click()
    search = page.get_by_role("textbox", name="Rechercher", exact=True)
    expect(search).to_be_visible()
    wait_app_idle(page)
    search.fill(f"{FAMILY} {first_name}")
    search.press("Enter")
    expect(page.get_by_text("1 ménage(s) — page 1 sur 1")).to_be_visible()
    wait_app_idle(page)
    picker = page.get_by_role("combobox", name="Ouvrir un dossier")
    picker.focus()
    page.keyboard.press("ArrowDown")  # the keyboard opens the choices: the one file found
    expect(page.get_by_role("option", name=re.compile(first_name))).to_be_visible()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Ouvrir", exact=True).click()
    expect(page.locator("h1", has_text=f"{FAMILY} {first_name}")).to_be_visible()
    wait_app_idle(page)


def counted(page: Page, label: str) -> int:
    row = page.locator("[data-testid=stDataFrame]:visible [role=row]").filter(has_text=label)
    expect(row.first).to_be_attached()
    return int(row.first.locator("[role=gridcell]").all_inner_texts()[-1])


def test_admin_imports_last_years_households_and_actions(
    import_page: Page, import_server: AppServer, tmp_path: Path
):
    page = import_page
    page.set_viewport_size({"width": 1280, "height": 1000})
    sign_in_and_wait(page, "admin")
    open_import_tab(page)

    template = download(page, "Télécharger le modèle", tmp_path)
    assert template.name == "habiter-modele-import.xlsx"
    filled = tmp_path / f"suivi-{LAST_YEAR}.xlsx"
    fill_template(template, filled)

    check_file(page, filled, "5 à créer, 0 à mettre à jour, 0 déjà présente, 2 refusées.")
    expect(cells(page, "le ménage compte au moins un adulte")).to_have_count(1)
    expect(cells(page, f"date invalide : {last_year('31/02')}")).to_have_count(1)
    expect(page.get_by_role("spinbutton", name="Page")).to_have_count(0)  # one page of two
    refused = download(page, "Télécharger les lignes refusées", tmp_path)
    corrected = tmp_path / "lignes-corrigees.xlsx"
    correct_refused(refused, corrected)
    run_import(page, "5 créées, 0 mise à jour, 0 inchangée, 2 refusées")

    check_file(page, corrected, "2 à créer, 0 à mettre à jour, 0 déjà présente, 0 refusée.")
    # The workbook's own « Motif » and « Ligne » are read as its, not as unknown columns.
    expect(page.get_by_text("colonnes inconnues")).to_have_count(0)
    expect(page.get_by_text("Aucune ligne refusée.")).to_be_visible()
    run_import(page, "2 créées, 0 mise à jour, 0 inchangée, 0 refusée")
    expect(cells(page, filled.name)).to_have_count(1)  # « Imports passés »
    expect(cells(page, corrected.name)).to_have_count(1)

    for _ref, first_name, _born, intake in PEOPLE:
        open_file(page, first_name)
        title = page.locator("h1", has_text=f"{FAMILY} {first_name}").inner_text()
        assert re.match(rf"Dossier {LAST_YEAR}-\d{{4}} ", title), title  # last year's series
        expect(page.get_by_text(f"Ouvert le : {last_year(intake)}")).to_be_visible()

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Accompagnement").click()
    expect(page.get_by_role("heading", name="Accompagnement")).to_be_visible()
    wait_app_idle(page)
    page.get_by_role("tab", name="Actions et solutions trouvées").click()
    wait_app_idle(page)
    choose(page, page.get_by_role("combobox", name="Année"), str(LAST_YEAR))
    period = f"Toute l'association, du 01/01/{LAST_YEAR} au 31/12/{LAST_YEAR}"
    expect(page.get_by_text(period)).to_be_visible()
    assert counted(page, ACTION) == import_server.actions_before + len(ACTIONS)


def test_a_refused_file_is_named_as_typed(import_page: Page, tmp_path: Path):
    """A whole-file refusal quotes the file's name: Markdown in it shows as typed (stars,
    tags), never bold; a PDF renamed .xlsx is refused in French; nothing is imported."""
    page = import_page
    page.set_viewport_size({"width": 1280, "height": 1000})
    sign_in_and_wait(page, "admin")
    open_import_tab(page)
    named = tmp_path / "**suivi** <b>x<b>.csv"
    named.write_bytes("Nom;Prénom\r\nMartin;Éloïse\r\n".encode("cp1252"))
    pdf = tmp_path / "rapport.xlsx"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    refusals = page.get_by_test_id("stAlertContentError")
    for upload, said in (
        (named, "Feuille « **suivi** <b>x<b> » inconnue."),
        (pdf, "Ce fichier n'est pas un classeur .xlsx."),
    ):
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(upload)
        expect(page.get_by_role("button", name=f"Retirer {upload.name}")).to_be_visible()
        wait_app_idle(page)
        page.get_by_role("button", name="Vérifier le fichier").click()
        expect(refusals.filter(has_text=said)).to_be_visible()
        expect(refusals.locator("strong")).to_have_count(0)
        wait_app_idle(page)
        page.get_by_role("button", name=f"Retirer {upload.name}").click()
        expect(refusals).to_have_count(0)
        wait_app_idle(page)
    expect(page.get_by_role("button", name="Importer", exact=True)).to_have_count(0)

"""The director exports the list: the file is prepared, arrives in the browser, and the
export is in the access log."""

from __future__ import annotations

import re

import duckdb
import pytest
from playwright.sync_api import Page, expect

from .conftest import (
    AppServer,
    close_page,
    new_page,
    open_login,
    run_cli,
    sign_in,
    wait_app_idle,
)

pytestmark = pytest.mark.timeout(120)
HEADER = "Dossier;Chef de ménage;Téléphone;Statut"
EXPORT_HOUSEHOLDS = 30


@pytest.fixture
def export_server(tmp_path_factory) -> AppServer:
    """A server of its own: the test stops it to read the access log (DuckDB lets one
    process hold the file)."""
    folder = tmp_path_factory.mktemp("habiter_export")
    db = folder / "export.duckdb"
    run_cli(db, "demo", "--households", str(EXPORT_HOUSEHOLDS))
    server = AppServer(db=db, log_path=folder / "streamlit.log").start()
    yield server
    server.stop()


@pytest.fixture
def export_page(browser, export_server, request, tmp_path) -> Page:
    page = new_page(browser, export_server.url)
    yield page
    close_page(page, export_server, request, tmp_path)


def open_the_list_as_director(page: Page) -> int:
    """Sign in as `direction`, open « Ménages »; the number of households listed."""
    page.set_viewport_size({"width": 1280, "height": 1000})
    open_login(page)
    sign_in(page, "direction", "demo-habiter")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    wait_app_idle(page)
    page.get_by_role("link", name="Ménages").first.click()
    expect(page.get_by_role("button", name="Préparer l'export")).to_be_visible()
    wait_app_idle(page)
    counted = page.get_by_text(re.compile(r"^\d+ ménage\(s\) — page")).inner_text()
    return int(counted.split()[0])


def download(page: Page, label: str, folder):
    """Choose the format, prepare the file, click the download button: the saved file."""
    page.get_by_text(label, exact=False).first.click()
    wait_app_idle(page)
    page.get_by_role("button", name="Préparer l'export").click()
    download_button = page.get_by_role("button", name="Télécharger le fichier")
    expect(download_button).to_be_visible()
    with page.expect_download() as arrival:
        download_button.click()
    saved = folder / arrival.value.suggested_filename
    arrival.value.save_as(saved)
    return saved


def test_a_csv_export_arrives_in_the_browser_and_is_logged(
    export_page: Page, export_server: AppServer, tmp_path
):
    total = open_the_list_as_director(export_page)
    saved = download(export_page, "CSV", tmp_path)

    assert saved.suffix == ".csv" and saved.name.startswith("menages-")
    lines = saved.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0].startswith(HEADER)
    assert len(lines) == 1 + total == 1 + EXPORT_HOUSEHOLDS

    export_server.stop()  # DuckDB: only one process may hold the file
    with duckdb.connect(str(export_server.db), read_only=True) as con:
        logged = con.execute(
            "SELECT username, entity, detail FROM access_log WHERE action = 'export'"
        ).fetchall()
    assert logged == [("direction", "households", f"csv, {total} lignes")]


def test_an_excel_export_arrives_in_the_browser(page: Page, tmp_path):
    open_the_list_as_director(page)
    saved = download(page, "Excel", tmp_path)
    assert saved.suffix == ".xlsx" and saved.name.startswith("menages-")
    assert saved.read_bytes()[:2] == b"PK"  # an xlsx is a zip file

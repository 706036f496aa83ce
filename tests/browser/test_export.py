"""The director exports the list: the file is prepared, then arrives in the browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import open_login, sign_in, wait_app_idle

pytestmark = pytest.mark.timeout(120)


@pytest.mark.parametrize(("kind", "label"), [("csv", "CSV"), ("xlsx", "Excel")])
def test_the_export_arrives_in_the_browser(page: Page, kind: str, label: str, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 1000})
    open_login(page)
    sign_in(page, "direction", "demo-habiter")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    wait_app_idle(page)
    page.get_by_role("link", name="Ménages").first.click()
    expect(page.get_by_role("button", name="Préparer l'export")).to_be_visible()
    wait_app_idle(page)
    page.get_by_text(label, exact=False).first.click()
    wait_app_idle(page)
    page.get_by_role("button", name="Préparer l'export").click()
    download_button = page.get_by_role("button", name="Télécharger le fichier")
    expect(download_button).to_be_visible()
    with page.expect_download() as arrival:
        download_button.click()
    saved = tmp_path / arrival.value.suggested_filename
    arrival.value.save_as(saved)
    assert saved.suffix == f".{kind}" and saved.name.startswith("menages-")
    content = saved.read_bytes()
    if kind == "csv":
        header = content.decode("utf-8-sig").splitlines()[0]
        assert header.startswith("Dossier;Chef de ménage;Téléphone;Statut")
    else:
        assert content[:2] == b"PK"  # an xlsx is a zip file

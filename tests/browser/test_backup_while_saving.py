"""A real server holds the database while reception saves intakes in the browser: `cli.py
backup` asks the app for a backup meanwhile, the account commands say in French that the
app holds the base, the backup matches the counts recorded at its moment, and the app
starts on the restored file."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest
from playwright.sync_api import expect

import config
from db.backup.commands import HELD
from db.backup.take import decrypted
from tests.browser.conftest import (
    ROOT,
    AppServer,
    new_page,
    open_login,
    run_cli,
    sign_in,
    wait_app_idle,
)

pytestmark = pytest.mark.timeout(400)
TIMEOUT = 20_000


def cli(db, *args: str, wait: bool = True):
    command = [sys.executable, "cli.py", "--db", str(db), *args]
    if not wait:
        return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=200)


def save_intake(page, last_name: str) -> None:
    """Fill and save an intake on « Nouvelle demande » (its form on screen, or the « Saisir
    une autre demande » button after the previous one)."""
    another = page.get_by_role("button", name="Saisir une autre demande")
    if another.is_visible():
        another.click()
    expect(page.get_by_label("Nom", exact=True)).to_be_visible(timeout=TIMEOUT)
    wait_app_idle(page)
    page.get_by_label("Nom", exact=True).fill(last_name)
    page.get_by_label("Prénom", exact=True).fill("Éloïse")
    page.get_by_label("Code postal", exact=True).fill("33130")
    page.get_by_label("Commune", exact=True).fill("Bègles")
    page.get_by_text("Le ménage a été informé et consent").click()
    expect(page.get_by_role("group", name="Date du consentement")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Enregistrer la demande").click()
    created = page.get_by_text("créé.")
    not_a_duplicate = page.get_by_role("button", name="Ce n'est pas un doublon")
    expect(created.or_(not_a_duplicate)).to_be_visible(timeout=TIMEOUT)
    if not_a_duplicate.is_visible():
        not_a_duplicate.click()
    expect(created).to_be_visible(timeout=TIMEOUT)
    wait_app_idle(page)


def test_backup_while_intakes_are_saved_then_restore(browser, tmp_path):
    db = tmp_path / "demo.duckdb"
    run_cli(db, "demo", "--households", "200")
    server = AppServer(db=db, log_path=tmp_path / "streamlit.log").start()
    page = new_page(browser, server.url)
    try:
        open_login(page)  # the app's process now holds the file and runs its backup thread
        sign_in(page, "accueil", "demo-habiter")
        expect(page.get_by_text("Bonjour Anne Accueil")).to_be_visible(timeout=TIMEOUT)

        page.get_by_role("link", name="Nouvelle demande").first.click()
        refused = cli(db, "user", "list")
        assert refused.returncode == 1 and refused.stderr.strip() == f"Erreur : {HELD}"

        save_intake(page, "Avantcopie")
        asking = cli(db, "backup", wait=False)
        for number in range(3):  # saved while the backup is asked for and taken
            save_intake(page, f"Pendantcopie{number}")
        out, err = asking.communicate(timeout=200)
        assert asking.returncode == 0, err.decode()
        text = out.decode()
        assert "L'application tient la base : la sauvegarde lui est demandée" in text
        backup = tmp_path / "backups" / text.strip().splitlines()[-1].rsplit("/", 1)[-1]
        assert backup.is_file()
        save_intake(page, "Aprescopie")
    finally:
        page.context.close()
        server.stop()

    with duckdb.connect(str(db), read_only=True) as live:
        recorded, verified, by = live.execute(
            "SELECT counts, verified, taken_by FROM backup_log WHERE file = ?", [str(backup)]
        ).fetchone()
        live_households = live.execute("SELECT count(*) FROM household").fetchone()[0]
    assert verified and by == "make-backup"
    recorded = json.loads(recorded)
    with (
        decrypted(backup, config.backup_key()) as plain,
        duckdb.connect(str(plain), read_only=True) as copy,
    ):
        tables = [t for (t,) in copy.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        found = {t: copy.table(t).aggregate("count(*)").fetchall()[0][0] for t in tables}
        names = {n for (n,) in copy.execute("SELECT last_name FROM person").fetchall()}
    assert found == recorded
    assert 201 <= recorded["household"] < live_households
    assert "Avantcopie" in names and "Aprescopie" not in names

    restored = cli(db, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    restored_db = next(tmp_path.glob("restored-*.duckdb"))
    again = AppServer(db=restored_db, log_path=tmp_path / "restored.log").start()
    page = new_page(browser, again.url)
    try:
        open_login(page)
        sign_in(page, "accueil", "demo-habiter")
        expect(page.get_by_text("Bonjour Anne Accueil")).to_be_visible(timeout=TIMEOUT)
    finally:
        page.context.close()
        again.stop()

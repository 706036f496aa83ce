"""Disk trouble during a save, on real pages (Streamlit AppTest) and a real DuckDB file.

- A full disk: the database lives on a small tmpfs (16 MiB) mounted for the test, which a
  filler file then fills to the last byte. Mounting needs root, as on the dev machines and
  CI; without it the test fails and says why (it is never skipped).
- A disk that invalidates DuckDB's instance: a backup's checkpoint on that full disk
  ("database has been invalidated because of a previous fatal error"); every later query of
  the process failed until a restart, the app must now go on by itself.
- A read-only database: root ignores file modes, and a disk cannot be remounted read-only
  while the database file is open for writing through it. So the database's folder gets a
  read-only bind mount of itself, after DuckDB's last checkpoint deleted `<db>.wal`: the
  file already open keeps its way to the disk, but the next save must create `<db>.wal`
  again, and the system refuses it (« read-only file system »), as it would to a server
  whose disk turned read-only. Unmounting ends the condition. The process keeps its own
  identity, so the test runs wherever the checkout sits (a clone under /root, mode 700).

Each time: a French message on screen (no traceback, no English), the form's input kept,
nothing saved before lost, and the next save works without restarting the process.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import threading
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import pytest

from db.backup.take import backups_folder, take_backup
from db.connection import close_database, open_database
from db.demo import generate as demo
from db.errors import HabiterError
from db.households import writes as households
from db.households.models import IntakeIn
from db.rules import Actor
from tests.conftest import intake_fields, open_page
from tests.household_builders import fill_valid

INTAKE = "pages/intake.py"
FILE = "pages/household_file.py"
SESSIONS = 10
# DuckDB's and the system's words, none of which may reach the screen.
ENGLISH = ("Error", "error", "No space", "Permission", "denied", "Traceback", "invalidated")


# The disk ----------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MiB tmpfs, unmounted at the end whatever happens."""
    folder = tmp_path / "disque"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if mounted.returncode != 0:
        pytest.fail(
            "Impossible de monter un petit disque (tmpfs) pour simuler un disque plein : ce "
            f"test doit tourner en root (machine de dev, CI). mount : {mounted.stderr.strip()}"
        )
    try:
        yield folder
    finally:
        close_database(folder / "habiter.duckdb")
        if subprocess.run(["umount", str(folder)], timeout=30).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], timeout=30, check=True)


@pytest.fixture
def database_on(small_disk, monkeypatch):
    """The app's database (HABITER_DB) on the small disk, with the demo accounts."""
    path = small_disk / "habiter.duckdb"
    monkeypatch.setenv("HABITER_DB", str(path))
    database = open_database(path, create=True)
    demo.create_demo_accounts(database)
    return database


@contextmanager
def full(folder: Path):
    """The disk filled to the last byte, then freed again."""
    filler = folder / "remplissage"
    with filler.open("wb", buffering=0) as out:
        block = b"\0" * 65536
        while True:
            try:
                out.write(block)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc
                if len(block) == 1:
                    break
                block = block[: len(block) // 2]
    assert shutil.disk_usage(folder).free == 0
    try:
        yield
    finally:
        filler.unlink()


# What the screen shows ---------------------------------------------------------------


def count(database, sql: str, *params) -> int:
    with database.reading() as cur:
        return cur.execute(sql, list(params)).fetchone()[0]


def households_named(database, last_name: str) -> int:
    return count(
        database, "SELECT count(*) FROM household WHERE head_name LIKE ?", last_name.upper() + " %"
    )


def shown_refusal(at) -> str:
    """The one French refusal on screen; never a traceback nor DuckDB's English."""
    assert not at.exception, at.exception
    said = [e.value for e in at.error]
    assert said, "no message on screen"
    for text in said:
        assert not any(word in text for word in ENGLISH), text
        assert "à corriger" not in text, text  # nothing the person typed is wrong
    return " ".join(said)


def intake_typed(at) -> tuple:
    return (
        at.text_input(key="intake_m0_last").value,
        at.text_input(key="intake_m0_first").value,
        at.text_input(key="intake_phone").value,
        at.text_input(key="intake_commune").value,
        at.text_input(key="intake_r0_amount").value,
        at.text_area(key="intake_note").value,
    )


def intake_form(database, last_name: str, phone: str):
    """The intake page as « accueil » fills it (each test's households have their own
    phone: a shared one would stop the save at the duplicate warning)."""
    at = open_page(database, "accueil", INTAKE)
    return fill_valid(at, last=last_name, first="Éloïse", phone=phone)


def save_intake(database, last_name: str):
    """A first household, followed by « social », saved through the intake page."""
    at = intake_form(database, last_name, "05 56 00 00 01")
    at.selectbox(key="intake_referent").select("social").run()
    return at.button(key="intake_save").click().run()


def intake(name: str) -> IntakeIn:
    return IntakeIn.model_validate(intake_fields(name, "Léa", consent_on=date.today()))


def reopened(path: Path):
    """The database as the app opens it after a restart: what the disk really holds."""
    close_database(path)
    return open_database(path)


# The tests ---------------------------------------------------------------------------


def test_a_full_disk_refuses_an_intake_in_french_keeps_the_form_then_saves_it(
    database_on, small_disk
):
    before = save_intake(database_on, "Avant")
    assert "créé" in before.success[0].value
    at = intake_form(database_on, "Plein", "05 56 00 00 11")
    typed = intake_typed(at)
    audit = count(database_on, "SELECT count(*) FROM audit_log")
    with full(small_disk):
        at.button(key="intake_save").click().run()
        said = shown_refusal(at)
        assert "Le disque du serveur est plein" in said and "rien n'a été enregistré" in said
        assert intake_typed(at) == typed
        assert households_named(database_on, "Plein") == 0
        assert count(database_on, "SELECT count(*) FROM audit_log") == audit
    # Space is back: the same press, in the same session, saves what was kept.
    at.button(key="intake_save").click().run()
    assert not at.exception and "créé" in at.success[0].value
    database = reopened(database_on.path)
    assert households_named(database, "Avant") == 1 and households_named(database, "Plein") == 1
    # household, person, resource, first contact: one audit row each, none for the refusal
    assert count(database, "SELECT count(*) FROM audit_log") == audit + 4


def test_a_backup_on_a_full_disk_no_longer_breaks_every_later_query(database_on, small_disk):
    """DuckDB invalidates its instance when a checkpoint cannot be written: before the fix,
    every query of the process failed from then on ("database has been invalidated"), the
    intake page included, until the server was restarted."""
    assert "créé" in save_intake(database_on, "Avant").success[0].value
    backups_folder(database_on.path).mkdir()
    at = intake_form(database_on, "Invalide", "05 56 00 00 12")
    typed = intake_typed(at)
    with full(small_disk):
        with pytest.raises(HabiterError):
            take_backup(database_on, Actor.system("sauvegarde"))
        at.button(key="intake_save").click().run()
        said = shown_refusal(at)
        assert "Le disque du serveur est plein" in said
        assert intake_typed(at) == typed
        assert households_named(database_on, "Avant") == 1
    at.button(key="intake_save").click().run()
    assert not at.exception and "créé" in at.success[0].value
    database = reopened(database_on.path)
    assert households_named(database, "Avant") == 1
    assert households_named(database, "Invalide") == 1


def test_writers_at_once_after_an_invalidation_open_the_file_again_once_and_all_save(
    database_on, small_disk, caplog
):
    """Ten sessions saving at the same moment find DuckDB's instance invalidated (a backup's
    checkpoint on the full disk): one of them opens the file again, under the lock, and
    all ten saves go through; none sees DuckDB's fatal error."""
    with full(small_disk), pytest.raises(duckdb.FatalException):
        database_on.cursor().execute("CHECKPOINT")  # a backup's first step
    errors: list[Exception] = []
    start = threading.Barrier(SESSIONS)

    def save(i: int) -> None:
        start.wait(timeout=30)
        try:
            households.create_intake(database_on, Actor.system(f"s{i}"), intake(f"Ensemble{i}"))
        except Exception as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(SESSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    assert caplog.text.count("opened again") == 1
    database = reopened(database_on.path)
    saved = count(database, "SELECT count(*) FROM household WHERE head_name LIKE 'ENSEMBLE%'")
    assert saved == SESSIONS


# Read-only ---------------------------------------------------------------------------


@pytest.fixture
def database_in_folder(tmp_path, monkeypatch):
    """The app's database in a folder of its own, with the demo accounts."""
    path = tmp_path / "lecture" / "habiter.duckdb"
    path.parent.mkdir()
    monkeypatch.setenv("HABITER_DB", str(path))
    database = open_database(path, create=True)
    demo.create_demo_accounts(database)
    try:
        yield database
    finally:
        close_database(path)


def mount(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *arguments], capture_output=True, text=True, timeout=30)


@contextmanager
def read_only(database):
    """The database's folder read-only: a read-only bind mount of the folder on itself."""
    with database.transaction() as cur:
        cur.execute("CHECKPOINT")  # writes the WAL into the file, which deletes the WAL
    assert not Path(str(database.path) + ".wal").exists()
    folder = str(database.path.parent)
    bound = mount("--bind", folder, folder)
    if bound.returncode != 0:
        pytest.fail(
            "Impossible de monter le dossier de la base en lecture seule : ce test doit "
            f"tourner en root (machine de dev, CI). mount : {bound.stderr.strip()}"
        )
    try:
        frozen = mount("-o", "remount,bind,ro", folder)
        assert frozen.returncode == 0, frozen.stderr
        assert not os.access(folder, os.W_OK)
        yield
    finally:
        if subprocess.run(["umount", folder], timeout=30).returncode != 0:
            subprocess.run(["umount", "-l", folder], timeout=30, check=True)


def contact_form(at):
    summary = next(area for area in at.text_area if area.label == "Résumé")
    button = next(b for b in at.button if b.label == "Ajouter le contact")
    return summary, button


def contacts_saying(database, summary: str) -> int:
    return count(database, "SELECT count(*) FROM contact WHERE summary = ?", summary)


def test_a_read_only_database_refuses_a_contact_in_french_keeps_it_then_saves_it(
    database_in_folder,
):
    database = database_in_folder
    assert "créé" in save_intake(database, "Lecture").success[0].value
    hid = count(database, "SELECT max(id) FROM household")
    at = open_page(database, "social", FILE, {"id": str(hid), "onglet": "Contacts"})
    summary, button = contact_form(at)
    summary.input("Premier appel.")
    button.click().run()  # as root: saved, and every module the save needs is loaded
    assert not at.exception and contacts_saying(database, "Premier appel.") == 1
    summary, button = contact_form(at)
    summary.input("Appel pendant la panne.")
    with read_only(database):
        button.click().run()
        said = shown_refusal(at)
        assert "lecture seule" in said and "rien n'a été enregistré" in said
        assert contact_form(at)[0].value == "Appel pendant la panne."
        assert contacts_saying(database, "Appel pendant la panne.") == 0
    contact_form(at)[1].click().run()
    assert not at.exception
    reread = reopened(database.path)
    assert contacts_saying(reread, "Premier appel.") == 1
    assert contacts_saying(reread, "Appel pendant la panne.") == 1


def test_a_read_only_database_refuses_an_intake_and_the_page_still_works(
    database_in_folder,
):
    database = database_in_folder
    assert "créé" in save_intake(database, "Avant").success[0].value
    at = intake_form(database, "Seule", "05 56 00 00 13")
    typed = intake_typed(at)
    with read_only(database):
        at.button(key="intake_save").click().run()
        said = shown_refusal(at)
        assert "lecture seule" in said
        assert intake_typed(at) == typed
    at.button(key="intake_save").click().run()
    assert not at.exception and "créé" in at.success[0].value
    reread = reopened(database.path)
    assert households_named(reread, "Avant") == 1 and households_named(reread, "Seule") == 1

"""Backups as a DPO wants them: encrypted with the key of the secrets (nothing readable
without it, a wrong key or a modified byte refused), pruned whoever made them, and the
anonymisations a restore loses reminded to the admin."""

from __future__ import annotations

import os
import time
from datetime import date, timedelta

import pytest

import config
from db import clock
from db.backup import crypt, journal
from db.backup.restore import check_backup, restore
from db.backup.take import backups_folder, prune, take_backup
from db.households import writes as households
from db.households.models import IntakeIn
from db.rules import Actor
from tests.conftest import intake_fields, open_page

ADMIN = Actor.system("test-admin")
NAME = "Zorglubeski"
KEY = "cle-de-test-des-sauvegardes-assez-longue-0123456789"


@pytest.fixture
def backup_key(monkeypatch):
    monkeypatch.setenv("HABITER_BACKUP_KEY", KEY)
    return KEY


@pytest.fixture
def backup(database, backup_key):
    intake = intake_fields(NAME, "Ermengarde", consent_on=date.today())
    households.create_intake(database, ADMIN, IntakeIn.model_validate(intake))
    return take_backup(database, ADMIN)


def test_a_backup_holds_no_name_in_clear_and_restores_with_its_key(database, backup):
    assert backup.verified, backup.error
    assert NAME.encode() not in backup.path.read_bytes()
    assert crypt.is_encrypted(backup.path)
    done = restore(backup.path, database.path)
    with done.path.open("rb") as restored:
        assert NAME.encode() in restored.read()  # the restored base is the clear one
    assert done.counts["household"] == 1


def test_without_the_key_or_with_another_the_backup_is_refused(
    database, backup, monkeypatch, tmp_path
):
    monkeypatch.delenv("HABITER_BACKUP_KEY")
    monkeypatch.setattr(config, "SECRETS_FILE", tmp_path / "absent" / "secrets.toml")
    with pytest.raises(config.ConfigError, match="La clé des sauvegardes est absente"):
        restore(backup.path, database.path)
    monkeypatch.setenv("HABITER_BACKUP_KEY", "une-autre-cle-tout-aussi-longue-0123456789")
    with pytest.raises(Exception, match="ne correspond pas à ce fichier"):
        restore(backup.path, database.path)
    assert not list(database.path.parent.glob("restored-*"))
    assert not list(database.path.parent.glob(".restauration-*"))


def test_a_modified_or_truncated_backup_is_refused(database, backup, tmp_path):
    data = bytearray(backup.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = tmp_path / "modifiee.duckdb.chiffre"
    tampered.write_bytes(bytes(data))
    with pytest.raises(Exception, match="modifié ou tronqué"):
        check_backup(tampered)
    cut = tmp_path / "tronquee.duckdb.chiffre"  # a whole chunk dropped from the end
    cut.write_bytes(backup.path.read_bytes()[: crypt.HEADER_BYTES + crypt.CHUNK + crypt.TAG])
    with pytest.raises(Exception, match="modifié ou tronqué"):
        check_backup(cut)


def test_chunks_cannot_be_swapped(tmp_path):
    plain = tmp_path / "clair"
    plain.write_bytes(b"a" * crypt.CHUNK + b"b" * crypt.CHUNK + b"c")
    sealed = tmp_path / "chiffre"
    crypt.encrypt_file(plain, sealed, KEY)
    data = sealed.read_bytes()
    head, size = crypt.HEADER_BYTES, crypt.CHUNK + crypt.TAG
    swapped = data[:head] + data[head + size : head + 2 * size] + data[head : head + size]
    swapped += data[head + 2 * size :]
    sealed.write_bytes(swapped)
    with pytest.raises(Exception, match="modifié ou tronqué"):
        crypt.decrypt_file(sealed, tmp_path / "sortie", KEY)
    assert not (tmp_path / "sortie").exists()


def stamped(days_ago: int) -> str:
    return (clock.now() - timedelta(days=days_ago)).strftime("%Y%m%d-%H%M%S")


def test_prune_removes_every_kind_of_old_copy_and_keeps_the_live_base(database):
    folder, backups = database.path.parent, backups_folder(database.path)
    backups.mkdir()
    old = [
        backups / f"habiter-{stamped(31)}.duckdb.chiffre",
        backups / f"habiter-{stamped(40)}.duckdb",  # an older clear backup
        folder / f"restored-{stamped(31)}.duckdb",
        folder / f"habiter.avant-restauration-{stamped(35)}.duckdb",
    ]
    young = [
        backups / f"habiter-{stamped(29)}.duckdb.chiffre",
        folder / f"restored-{stamped(2)}.duckdb",
        folder / f"habiter.avant-restauration-{stamped(29)}.duckdb",
        folder / "notes.duckdb",
    ]
    for file in old + young:
        file.write_text("x")
    old_wal = folder / f"restored-{stamped(31)}.duckdb.wal"
    old_wal.write_text("x")
    assert sorted(prune(database.path, 30)) == sorted(old)
    assert all(file.exists() for file in young)
    assert not any(file.exists() for file in [*old, old_wal])


def test_prune_never_removes_the_base_in_service_even_an_old_restored_one(tmp_path):
    live = tmp_path / f"restored-{stamped(90)}.duckdb"
    live.write_text("x")
    assert prune(live, 30) == []
    assert live.exists()


def test_a_restore_reminds_the_anonymisations_made_since_its_backup(database, backup):
    three_days_old = backup.path.with_name(f"habiter-{stamped(3)}.duckdb.chiffre")
    backup.path.rename(three_days_old)
    later = clock.now() - timedelta(days=1)
    journal.record_anonymisation(database.path, 3, at=clock.now() - timedelta(days=4))
    journal.record_anonymisation(database.path, 5, at=later)
    done = restore(three_days_old, database.path)
    assert journal.anonymisations_to_redo(database.path) == []  # the live base lost nothing
    assert journal.anonymisations_to_redo(done.path) == [later]
    for name in (journal.ANONYMISATIONS, journal.RESTORES):
        assert (database.path.parent / name).stat().st_mode & 0o777 == 0o600
    journal.record_anonymisation(done.path, 5, at=clock.now() + timedelta(minutes=1))
    assert journal.anonymisations_to_redo(done.path) == []  # run again: no more reminder


def test_the_backups_tab_shows_the_reminder_after_a_restore(demo_database, backup_key):
    info = take_backup(demo_database, ADMIN)
    journal.record_anonymisation(demo_database.path, 4, at=info.taken_at + timedelta(hours=1))
    journal.record_restore(demo_database.path, info.taken_at, at=info.taken_at + timedelta(hours=3))
    at = open_page(demo_database, "admin", "pages/users_admin.py", {"onglet": "Sauvegardes"})
    warnings = " ".join(w.value for w in at.warning)
    assert "Des anonymisations ont été faites depuis cette sauvegarde" in warnings
    day = (info.taken_at + timedelta(hours=1)).strftime("%d/%m/%Y")
    assert f"Anonymisations perdues : {day}" in warnings


def test_make_backup_applies_the_retention_with_the_app_stopped(tmp_path, backup_key):
    from tests.browser.conftest import ASSOCIATION
    from tests.cli_process import cli_on as cli

    base = tmp_path / "habiter.duckdb"
    made = cli(base, "init", *ASSOCIATION, "--admin", "chef", "--password", "Tilleul-Bordeaux-26")
    assert made.returncode == 0, made.stderr
    (tmp_path / "backups").mkdir()
    old = [
        tmp_path / "backups" / f"habiter-{stamped(45)}.duckdb.chiffre",
        tmp_path / f"restored-{stamped(45)}.duckdb",
        tmp_path / f"habiter.avant-restauration-{stamped(45)}.duckdb",
    ]
    for file in old:
        file.write_text("x")
    done = cli(base, "backup")
    assert done.returncode == 0, done.stderr
    assert "3 copie(s) de plus de 30 jours supprimée(s)." in done.stdout
    assert not any(file.exists() for file in old)
    assert len(list((tmp_path / "backups").glob("habiter-*.chiffre"))) == 1


def test_the_base_put_aside_by_a_restore_is_private(database, backup, tmp_path):
    live = tmp_path / "autre" / "habiter.duckdb"
    live.parent.mkdir()
    first = restore(backup.path, live)  # a base of its own, no process holds it
    first.path.rename(live)
    live.chmod(0o644)  # made before the umask, or by another tool
    done = restore(backup.path, live, over_live=True)
    assert done.replaced.stat().st_mode & 0o777 == 0o600
    assert live.stat().st_mode & 0o777 == 0o600


def test_prune_removes_the_clear_copies_a_crash_left_behind(database):
    backups = backups_folder(database.path)
    backups.mkdir()
    crashed = backups / ".habiter-20261101-120000.duckdb.chiffre.tmp-0a1b2c"
    running = backups / ".habiter-20261205-120000.duckdb.chiffre.tmp-3d4e5f"
    for file in (crashed, running):
        file.write_text(NAME)
    yesterday = time.time() - 2 * 86400
    os.utime(crashed, (yesterday, yesterday))
    assert prune(database.path, 30) == [crashed]
    assert running.exists() and not crashed.exists()

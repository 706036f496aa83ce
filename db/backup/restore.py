"""Restore a backup: decrypt it with the backup key (an older clear backup is read as is),
check that it opens and holds Habiter's tables, then put it in a new file beside the live
database; over the live file only when asked and the app is stopped (the live file is then
kept aside, renamed, never deleted). The restore is noted in the journal
(db/backup/journal.py) so that the app reminds the anonymisations to run again."""

from __future__ import annotations

import os
import secrets
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

import config
from db import clock
from db.backup import crypt, journal
from db.backup.channel import held_by_another_process
from db.backup.take import STAMP, date_in_name, decrypted, file_counts
from db.errors import HabiterError

EXPECTED_TABLES = ("schema_migration", "household", "person", "users", "audit_log", "setting")


@dataclass(frozen=True)
class Restored:
    path: Path
    counts: dict[str, int]
    replaced: Path | None = None  # where the live file was put aside, over-the-live only


def check_backup(file: Path, secret: str | None = None) -> dict[str, int]:
    """Every table's row count of the backup, or a HabiterError saying what is wrong."""
    file = Path(file)
    if not file.is_file():
        raise HabiterError(f"{file} n'existe pas ou n'est pas un fichier.")
    if crypt.is_encrypted(file):
        with _decrypted_beside(file, file.parent, secret) as plain:
            return check_backup(plain)
    if held_by_another_process(file):
        raise HabiterError(f"{file} est tenu par un programme en marche : pas une sauvegarde.")
    try:
        counts = file_counts(file)
    except duckdb.Error as exc:
        raise HabiterError(f"{file} ne s'ouvre pas comme une base Habiter (DuckDB).") from exc
    missing = [table for table in EXPECTED_TABLES if table not in counts]
    if missing:
        absent = ", ".join(missing)
        raise HabiterError(f"{file} n'est pas une sauvegarde d'Habiter : il manque {absent}.")
    return counts


def restore(file: Path, live: Path, over_live: bool = False) -> Restored:
    """Put the checked backup `file` in data/restored-YYYYMMDD-HHMMSS.duckdb (beside
    `live`), or over `live` when `over_live` and no process holds it."""
    file, live = Path(file).resolve(), Path(live).resolve()
    if file == live:
        raise HabiterError(
            f"{file} est la base en service : choisissez un fichier de sauvegarde "
            f"(dans {live.parent / 'backups'})."
        )
    if not file.is_file():
        raise HabiterError(f"{file} n'existe pas ou n'est pas un fichier.")
    with _decrypted_beside(file, live.parent) as plain:
        counts = check_backup(plain)
        target = _restore_checked(plain, live, over_live)
    journal.record_restore(target.path, _backup_date(file))
    return Restored(target.path, counts, target.replaced)


def _restore_checked(plain: Path, live: Path, over_live: bool) -> Restored:
    stamp = clock.now().strftime(STAMP)
    if not over_live:
        target = live.parent / f"restored-{stamp}.duckdb"
        _copy(plain, target)
        return Restored(target, {})
    if held_by_another_process(live):
        raise HabiterError(
            f"L'application tient {live} : arrêtez-la avant de restaurer par-dessus la base "
            "en service, ou restaurez sans CONFIRM=oui dans un nouveau fichier."
        )
    aside = None
    if live.exists():
        aside = live.with_name(f"{live.stem}.avant-restauration-{stamp}{live.suffix}")
        os.replace(live, aside)
        aside.chmod(0o600)  # an older base may have been made wider: the copy is private
        wal = live.with_name(live.name + ".wal")
        if wal.exists():  # the old file's journal must not be replayed onto the backup
            os.replace(wal, aside.with_name(aside.name + ".wal"))
    _copy(plain, live)
    return Restored(live, {}, aside)


@contextmanager
def _decrypted_beside(file: Path, folder: Path, secret: str | None = None):
    """The backup itself when it is clear (an older backup), else its decrypted copy in a
    temporary file of `folder`, removed at the end."""
    if not crypt.is_encrypted(file):
        yield file
        return
    with decrypted(file, secret or config.backup_key(create=False), folder) as plain:
        yield plain


def _backup_date(file: Path) -> datetime:
    """When the backup was taken: the date in its name, else the file's date."""
    return date_in_name(file) or datetime.fromtimestamp(file.stat().st_mtime).replace(microsecond=0)


def _copy(file: Path, target: Path) -> None:
    if target.exists():
        raise HabiterError(f"{target} existe déjà : Habiter ne l'écrase pas.")
    tmp = target.with_name(f".{target.name}.tmp-{secrets.token_hex(4)}")
    try:
        shutil.copyfile(file, tmp)
        tmp.chmod(0o600)  # the service account only, whatever the umask
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)

"""Restore a backup: check that it opens and holds Habiter's tables, then copy it to a new
file beside the live database; over the live file only when asked and the app is stopped
(the live file is then kept aside, renamed, never deleted)."""

from __future__ import annotations

import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from db import clock
from db.backup.channel import held_by_another_process
from db.backup.take import STAMP, file_counts
from db.errors import HabiterError

EXPECTED_TABLES = ("schema_migration", "household", "person", "users", "audit_log", "setting")


@dataclass(frozen=True)
class Restored:
    path: Path
    counts: dict[str, int]
    replaced: Path | None = None  # where the live file was put aside, over-the-live only


def check_backup(file: Path) -> dict[str, int]:
    """Every table's row count of the backup, or a HabiterError saying what is wrong."""
    file = Path(file)
    if not file.is_file():
        raise HabiterError(f"{file} n'existe pas ou n'est pas un fichier.")
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
    """Copy the checked backup `file` to data/restored-YYYYMMDD-HHMMSS.duckdb (beside
    `live`), or over `live` when `over_live` and no process holds it."""
    file, live = Path(file).resolve(), Path(live).resolve()
    if file == live:
        raise HabiterError(
            f"{file} est la base en service : choisissez un fichier de sauvegarde "
            f"(dans {live.parent / 'backups'})."
        )
    counts = check_backup(file)
    stamp = clock.now().strftime(STAMP)
    if not over_live:
        target = live.parent / f"restored-{stamp}.duckdb"
        _copy(file, target)
        return Restored(target, counts)
    if held_by_another_process(live):
        raise HabiterError(
            f"L'application tient {live} : arrêtez-la avant de restaurer par-dessus la base "
            "en service, ou restaurez sans CONFIRM=oui dans un nouveau fichier."
        )
    aside = None
    if live.exists():
        aside = live.with_name(f"{live.stem}.avant-restauration-{stamp}{live.suffix}")
        os.replace(live, aside)
        wal = live.with_name(live.name + ".wal")
        if wal.exists():  # the old file's journal must not be replayed onto the backup
            os.replace(wal, aside.with_name(aside.name + ".wal"))
    _copy(file, live)
    return Restored(live, counts, aside)


def _copy(file: Path, target: Path) -> None:
    if target.exists():
        raise HabiterError(f"{target} existe déjà : Habiter ne l'écrase pas.")
    tmp = target.with_name(f".{target.name}.tmp-{secrets.token_hex(4)}")
    try:
        shutil.copyfile(file, tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)

"""Take a backup of the main database inside the app's own process.

Another process cannot open the file the app holds, and copying the live file could catch
it half written, so the process that holds it makes the copy: a CHECKPOINT, then a cursor
ATTACHes a new file (`backups/.habiter-….tmp-<random>` beside the database), and in ONE
read transaction counts every table's rows and runs `COPY FROM DATABASE` into it (a
consistent snapshot; writers go on meanwhile). The file is DETACHed, renamed to
`backups/habiter-YYYYMMDD-HHMMSS.duckdb`, then reopened read-only and every table's row
count compared with the counts taken in the copy's transaction. A row of backup_log says
how it went (not personal data, so no audit row).

The backup is encrypted (db/backup/crypt.py) with the backup key of the secrets: the clear
copy lives only in the 0700 backups folder while it is written, then is encrypted into
`habiter-YYYYMMDD-HHMMSS.duckdb.chiffre` and removed; the verification decrypts it again
into a temporary file.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

import config
import queries
from db import clock
from db.analytics.pseudonym import ident, literal, statement
from db.attach import fill_new_file
from db.backup import crypt
from db.errors import HabiterError
from db.rules import Actor

_log = logging.getLogger(__name__)
PREFIX = "habiter-"
SUFFIX = ".duckdb.chiffre"
STAMP = "%Y%m%d-%H%M%S"
_lock = threading.Lock()  # one backup at a time in the process


class BackupError(HabiterError):
    """A backup that could not be written; its message is French."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    size: int
    verified: bool
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None

    @property
    def tables(self) -> int:
        return len(self.counts)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def backups_folder(database_path: Path) -> Path:
    """data/habiter.duckdb → data/backups/."""
    return Path(database_path).parent / "backups"


def take_backup(database, actor: Actor) -> BackupInfo:
    """Write, rename and verify a new backup; logged in backup_log. A failure to write is
    logged too and raised as a BackupError; a failed verification is returned (verified
    False, error set), the file kept for inspection."""
    with _lock:
        started = time.perf_counter()
        taken_at = clock.now()
        folder = backups_folder(database.path)
        final = _free_name(folder, taken_at)
        tmp = folder / f".{final.name}.tmp-{secrets.token_hex(6)}"
        sealed = tmp.with_name(tmp.name + ".chiffre")
        try:
            secret = _backup_key()
            folder.mkdir(parents=True, exist_ok=True)
            counts = _copy(database, tmp)
            crypt.encrypt_file(tmp, sealed, secret)
            os.replace(sealed, final)
        except (OSError, duckdb.Error, BackupError) as exc:
            _log.exception("backup of %s failed", database.path)
            why = str(exc) if isinstance(exc, BackupError) else _why(exc)
            message = f"La sauvegarde n'a pas pu être écrite dans {folder} ({why})."
            _write_log(database, actor, taken_at, None, {}, time.perf_counter() - started, message)
            raise BackupError(message) from exc
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal"), sealed):
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)
        error = verify(final, counts, secret)
        info = BackupInfo(
            final,
            taken_at,
            final.stat().st_size,
            error is None,
            counts,
            time.perf_counter() - started,
            error,
        )
        _write_log(database, actor, taken_at, info, counts, info.seconds, error)
        _log.info("backup %s written in %.1f s (verified: %s)", final, info.seconds, info.verified)
        return info


def _backup_key() -> str:
    try:
        return config.backup_key()
    except config.ConfigError as exc:
        raise BackupError(str(exc)) from exc


def _free_name(folder: Path, taken_at: datetime) -> Path:
    """habiter-YYYYMMDD-HHMMSS.duckdb.chiffre, or with -2, -3… when two backups share a
    second."""
    stem = PREFIX + taken_at.strftime(STAMP)
    candidate, number = folder / f"{stem}{SUFFIX}", 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}{SUFFIX}"
    return candidate


def _copy(database, tmp: Path) -> dict[str, int]:
    """Copy the whole database into the new file `tmp`; the row counts of the snapshot."""
    alias = ident(f"backup_{secrets.token_hex(4)}")
    cur = database.cursor()
    try:
        try:
            cur.execute("CHECKPOINT")
        except duckdb.Error as exc:  # a busy database: the copy is consistent without it
            _log.info("checkpoint before the backup skipped: %s", exc)
        main = cur.execute("SELECT current_database()").fetchone()[0]
        copy = statement("COPY FROM DATABASE {m} TO {a}", m=ident(main), a=alias)

        def fill(c) -> dict[str, int]:
            counts = table_counts(c)
            c.execute(copy)
            return counts

        return fill_new_file(cur, tmp, alias, fill)
    finally:
        cur.close()


def table_counts(cur) -> dict[str, int]:
    """Every base table of the current database's main schema and its number of rows,
    read in the cursor's transaction."""
    tables = [
        name
        for (name,) in cur.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
            " AND schema_name = 'main' AND NOT internal AND NOT temporary ORDER BY table_name"
        ).fetchall()
    ]
    if not tables:
        return {}
    union = " UNION ALL ".join(
        statement("SELECT {n} AS t, count(*) AS c FROM main.{t}", n=literal(t), t=ident(t))
        for t in tables
    )
    return {name: count for name, count in cur.execute(union).fetchall()}


def verify(path: Path, expected: dict[str, int], secret: str | None = None) -> str | None:
    """None when the file opens (decrypted with `secret` when it is encrypted) and each
    table holds the expected rows; else what differs, in French."""
    try:
        counts = backup_counts(path, secret)
    except HabiterError as exc:
        return str(exc)
    except duckdb.Error as exc:
        return f"La sauvegarde ne s'ouvre pas ({_why(exc)})."
    missing = sorted(set(expected) - set(counts))
    if missing:
        return f"Tables absentes de la sauvegarde : {', '.join(missing)}."
    differ = [t for t in sorted(expected) if counts[t] != expected[t]]
    if differ:
        return "Nombres de lignes différents : " + ", ".join(
            f"{t} ({counts[t]} au lieu de {expected[t]})" for t in differ
        )
    return None


def backup_counts(path: Path, secret: str | None = None) -> dict[str, int]:
    """Every table's row count of a backup: an encrypted one is decrypted into a temporary
    file beside it (0600, removed after), a clear one (older backups) is read as is."""
    path = Path(path)
    if not crypt.is_encrypted(path):
        return file_counts(path)
    with decrypted(path, secret or config.backup_key(create=False)) as plain:
        return file_counts(plain)


@contextlib.contextmanager
def decrypted(path: Path, secret: str, folder: Path | None = None):
    """The decrypted copy of the backup `path`, in a temporary file of `folder` (the
    backup's own by default) removed at the end."""
    plain = (folder or path.parent) / f".{path.name}.clair-{secrets.token_hex(6)}.duckdb"
    try:
        crypt.decrypt_file(path, plain, secret)
        yield plain
    finally:
        for leftover in (plain, plain.with_name(plain.name + ".wal")):
            leftover.unlink(missing_ok=True)


def file_counts(path: Path) -> dict[str, int]:
    """Every table's row count of a database file, opened read-only on its own connection
    (a file this process does not otherwise hold)."""
    conn = duckdb.connect(str(path), read_only=True)
    try:
        return table_counts(conn)
    finally:
        conn.close()


def _write_log(database, actor, taken_at, info, counts, seconds, error) -> None:
    with database.transaction(changes_data=False) as cur:
        cur.execute(
            "INSERT INTO backup_log (taken_at, file, size_bytes, verified, tables, rows,"
            " counts, seconds, taken_by, error) VALUES ($at, $file, $size, $verified,"
            " $tables, $rows, $counts, $seconds, $by, $error)",
            {
                "at": taken_at,
                "file": str(info.path) if info else None,
                "size": info.size if info else None,
                "verified": bool(info and info.verified),
                "tables": len(counts) if info else None,
                "rows": sum(counts.values()) if info else None,
                "counts": json.dumps(counts) if info else None,
                "seconds": round(seconds, 3),
                "by": actor.username,
                "error": error,
            },
        )


def recent_backups(database, limit: int = 20):
    """The latest rows of backup_log, newest first (a polars frame)."""
    return queries.run(database, "backup/recent", limit=limit)


def last_success(database) -> datetime | None:
    row = queries.run_one(database, "backup/last_success")
    return row["taken_at"] if row else None


def prune(database_path: Path, keep_days: int, now: datetime | None = None) -> list[Path]:
    """Remove every copy older than keep_days (by the date in its name), whoever made it:
    the backups, the `restored-*` copies and the `*.avant-restauration-*` files beside the
    database (never the database in service itself); those removed."""
    limit = (now or clock.now()) - timedelta(days=keep_days)
    live = Path(database_path).resolve()
    removed = []
    for file, taken in kept_copies(database_path):
        if taken < limit and file.resolve() != live:
            for gone in (file, file.with_name(file.name + ".wal")):
                gone.unlink(missing_ok=True)
            removed.append(file)
    return removed + _remove_leftovers(database_path)


def _remove_leftovers(database_path: Path, older_than_s: float = 86400.0) -> list[Path]:
    """The clear temporary copies a crash left behind (`.habiter-….tmp-…`, `.….clair-…`,
    `.restauration-…`), once a day old: no backup or restore runs that long."""
    folder = Path(database_path).parent
    found = [
        *backups_folder(database_path).glob(".*"),
        *folder.glob(".restauration-*"),
        *folder.glob(".restored-*.tmp-*"),
    ]
    limit = time.time() - older_than_s
    old = [file for file in found if file.is_file() and file.stat().st_mtime < limit]
    for file in old:
        file.unlink(missing_ok=True)
    return old


def kept_copies(database_path: Path) -> list[tuple[Path, datetime]]:
    """Each backup or restore copy of the database's folder and the date in its name."""
    folder = Path(database_path).parent
    found = [
        *backups_folder(database_path).glob(PREFIX + "*.duckdb*"),
        *folder.glob("restored-*.duckdb"),
        *folder.glob("*.avant-restauration-*.duckdb"),
    ]
    dated = [(file, date_in_name(file)) for file in sorted(found) if not file.name.endswith(".wal")]
    return [(file, taken) for file, taken in dated if taken is not None]


def date_in_name(file: Path) -> datetime | None:
    """The YYYYMMDD-HHMMSS stamp that follows the name's prefix, if any."""
    name = file.name
    if ".avant-restauration-" in name:
        stamp = name.split(".avant-restauration-", 1)[1]
    elif name.startswith(("restored-", PREFIX)):
        stamp = name.split("-", 1)[1]
    else:
        return None
    try:
        return datetime.strptime(stamp[: len("YYYYmmdd-HHMMSS")], STAMP)
    except ValueError:
        return None


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno is not None:
        return {
            errno.ENOSPC: "disque plein",
            errno.EACCES: "droits insuffisants",
            errno.EROFS: "disque en lecture seule",
            errno.EEXIST: "un fichier occupe la place du dossier",
            errno.ENOTDIR: "un fichier occupe la place du dossier",
        }.get(exc.errno, f"erreur système n° {exc.errno}")
    return "fichier refusé par DuckDB"

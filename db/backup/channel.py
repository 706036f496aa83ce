"""Backups asked from another process, and the app's backup thread.

`make backup` cannot open the file the app holds, so it leaves a request file in
`requests/` beside the database (`backup-<id>.request`, JSON naming the database) and waits
for `backup-<id>.done` (JSON: the backup's path, or a French error). The app's backup
thread looks at that folder every half second, claims a request by renaming it (two
servers never take the same one), takes the backup and writes the answer through a
temporary name. The same thread takes the scheduled backups (`backup_every_hours`) and
removes those older than `backup_keep_days`.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
import time
from pathlib import Path

import duckdb

from db import clock
from db.background import start_once
from db.backup.take import BackupError, last_success, prune, take_backup
from db.connection import open_database
from db.errors import DatabaseOpenError
from db.rules import Actor

_log = logging.getLogger(__name__)
REQUEST, CLAIMED, DONE = ".request", ".taking", ".done"
POLL_SECONDS = 0.5
FIRST_CHECK_SECONDS = 60.0  # the first scheduled check waits for the app to settle
CHECK_EVERY_SECONDS = 300.0
SCHEDULED = Actor.system("sauvegarde-programmee")
REQUESTED = Actor.system("make-backup")
THREAD = "backups"


def requests_folder(database_path: Path) -> Path:
    return Path(database_path).resolve().parent / "requests"


def held_by_another_process(path: Path) -> bool:
    """Whether a program holds the database file, tried by opening it read-only: DuckDB's
    lock (another process) or a connection of this process with another configuration.
    False when it is missing, free or no DuckDB file."""
    if not Path(path).is_file():
        return False
    try:
        duckdb.connect(str(path), read_only=True).close()
    except duckdb.ConnectionException:
        return True  # held by this very process (tests, a tool that opened it)
    except duckdb.IOException as exc:
        return "lock" in str(exc).lower()
    except duckdb.Error:
        return False
    return False


def is_lock_error(exc: BaseException) -> bool:
    """Whether opening the database failed because another process holds it."""
    cause = exc.__cause__
    return isinstance(cause, duckdb.IOException) and "lock" in str(cause).lower()


def open_unless_held(path: Path):
    """The database opened by this process, or None when another process holds it."""
    try:
        return open_database(path)
    except DatabaseOpenError as exc:
        if is_lock_error(exc):
            return None
        raise


# --- The asking side (cli.py backup) -------------------------------------------------------


def ask_backup(database_path: Path, wait_seconds: float = 120.0) -> dict:
    """Leave a request for the app that holds `database_path` and wait for its answer:
    {"ok": True, "file": ..., "verified": ...} or {"ok": False, "message": ...}."""
    folder = requests_folder(database_path)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"backup-{clock.now():%Y%m%d%H%M%S}-{secrets.token_hex(4)}"
    request = folder / (name + REQUEST)
    _write_json(request, {"database": str(Path(database_path).resolve()), "action": "backup"})
    answer = folder / (name + DONE)
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if answer.exists():
            try:
                return json.loads(answer.read_text(encoding="utf-8"))
            finally:
                answer.unlink(missing_ok=True)
        time.sleep(0.2)
    request.unlink(missing_ok=True)  # not taken: no backup later by surprise
    seconds = round(wait_seconds)
    return {
        "ok": False,
        "message": f"l'application n'a pas répondu en {seconds} s : la base est tenue par un "
        "autre programme, ou l'application est occupée. Réessayez, ou arrêtez l'application "
        "et relancez « make backup ».",
    }


def _write_json(path: Path, content: dict) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    tmp.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


# --- The app's side ------------------------------------------------------------------------


def serve_requests(database) -> int:
    """Answer the waiting backup requests for this database; how many were answered."""
    folder = requests_folder(database.path)
    if not folder.is_dir():
        return 0
    answered = 0
    for request in sorted(folder.glob("backup-*" + REQUEST)):
        try:
            wanted = json.loads(request.read_text(encoding="utf-8")).get("database")
        except (OSError, ValueError):
            continue
        if wanted != str(Path(database.path).resolve()):
            continue  # another database's app will answer
        claimed = request.with_suffix(CLAIMED)
        try:
            os.rename(request, claimed)
        except OSError:
            continue  # taken by another thread or process
        _write_json(request.with_suffix(DONE), _answer(database))
        claimed.unlink(missing_ok=True)
        answered += 1
    return answered


def _answer(database) -> dict:
    try:
        info = take_backup(database, REQUESTED)
        _prune(database)
    except BackupError as exc:
        return {"ok": False, "message": str(exc)}
    except Exception:
        _log.exception("backup asked by make backup failed")
        message = "la sauvegarde a échoué (voir le journal de l'application)."
        return {"ok": False, "message": message}
    return {
        "ok": True,
        "file": str(info.path),
        "size": info.size,
        "verified": info.verified,
        "tables": info.tables,
        "rows": info.rows,
        "error": info.error,
    }


def scheduled_backup(database) -> bool:
    """Take a backup when the last good one is older than backup_every_hours, then remove
    those past backup_keep_days; whether a backup was taken."""
    from db.settings import get_setting

    every = get_setting(database, "backup_every_hours")
    last = last_success(database)
    taken = last is None or (clock.now() - last).total_seconds() >= every * 3600
    if taken:
        take_backup(database, SCHEDULED)
    _prune(database)
    return taken


def _prune(database) -> list[Path]:
    from db.settings import get_setting

    return prune(database.path, get_setting(database, "backup_keep_days"))


def _run(database) -> None:
    next_check = time.monotonic() + FIRST_CHECK_SECONDS
    while getattr(database, "_conn", None) is not None:  # closed: shutdown, end of a test
        try:
            serve_requests(database)
            if time.monotonic() >= next_check:
                next_check = time.monotonic() + CHECK_EVERY_SECONDS
                scheduled_backup(database)
        except Exception:
            _log.exception("backup thread: error")
        time.sleep(POLL_SECONDS)


def start_backup_thread(database) -> threading.Thread:
    """The one daemon thread of the process for backups."""
    return start_once(THREAD, _run, database)

"""The one DuckDB database instance of the process, a cursor per use, transactions.

Streamlit serves every session from one process, and DuckDB refuses a second
connection to the same file with another configuration, so the process keeps one
`Database` per path and hands out cursors (one per thread or rerun).

A disk that refuses a write (full, read-only) fails the save with a French StorageError,
nothing of it written. When DuckDB could not write a checkpoint it invalidates its whole
instance ("database has been invalidated because of a previous fatal error"), and every
later query of the process fails: the `Database` then closes that instance and opens the
file again, so that the app goes on without a restart once the disk accepts writes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from db.errors import DatabaseOpenError, StorageError, WriteConflictError

T = TypeVar("T")
RETRIES = 4
CLOSE_TRIES = 100  # × CLOSE_WAIT_S: at most 10 s for a background task's query to end
CLOSE_WAIT_S = 0.1
_lock = threading.Lock()
_log = logging.getLogger(__name__)
_instances: dict[str, Database] = {}
_readonly: dict[tuple, ReadOnlyDatabase] = {}

# What the operating system says, in DuckDB's English, when the disk refuses a write.
_DISK_FULL = ("no space left on device", "disk quota exceeded", "file too large")
_READ_ONLY = ("permission denied", "read-only file system", "operation not permitted")
_INVALIDATED = "database has been invalidated"
DISK_FULL_MESSAGE = (
    "Le disque du serveur est plein : rien n'a été enregistré. Votre saisie est conservée : "
    "enregistrez à nouveau une fois de la place libérée (prévenez la personne qui gère "
    "le serveur)."
)
READ_ONLY_MESSAGE = (
    "La base de données est en lecture seule (droits du fichier ou du disque) : rien n'a "
    "été enregistré. Votre saisie est conservée : enregistrez à nouveau une fois l'écriture "
    "rétablie (prévenez la personne qui gère le serveur)."
)
DISK_MESSAGE = (
    "Le disque du serveur a refusé l'écriture : rien n'a été enregistré. Votre saisie est "
    "conservée : enregistrez à nouveau dans un instant."
)


class Database:
    """An open DuckDB file; `data_version` grows with every committed write."""

    def __init__(self, path: Path):
        self.path = path
        self._conn = _connect(path)
        self._closed = False
        # Taken to replace an invalidated DuckDB instance: once, whichever thread sees it.
        self._reopen_lock = threading.Lock()
        self.data_version = 0
        # Write transactions take turns, one at a time in the process. Every write of the
        # app comes from this one process, and DuckDB's optimistic concurrency refuses one
        # of two overlapping transactions that touch the same row: every intake bumps the
        # same file_counter row, so 20 writers saving intakes at once saw most of them
        # refused even after the retries. Waiting for the lock costs a few milliseconds.
        # Reads (plain cursors, reading()) never take it and are never blocked by it.
        # A user's stale form is still refused: that is the record's version check.
        # Re-entrant, so that a write opened inside another one in the same thread
        # (a log row written while a transaction is open) waits for nothing, not forever.
        self._write_lock = threading.RLock()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self._open_cursor()[1]

    def _open_cursor(self) -> tuple[duckdb.DuckDBPyConnection, duckdb.DuckDBPyConnection]:
        """The connection and a new cursor of it (opened again if an earlier reopening
        failed: the disk may accept it now)."""
        conn = self._conn
        if conn is None:
            conn = self._reopen(None)
        return conn, conn.cursor()

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for reads, closed at the end of the block."""
        conn, cur = self._open_cursor()
        try:
            yield cur
        except duckdb.Error as exc:
            self.recover_from(exc, conn)
            raise
        finally:
            _close_quietly(cur)

    def recover_from(self, exc: BaseException, conn=None) -> bool:
        """After an error of `conn` (by default the current connection), replace DuckDB's
        instance if the error says it was invalidated (a checkpoint the disk refused): the
        next query then works. True if it was invalidated."""
        if not is_invalidated(exc):
            return False
        with contextlib.suppress(DatabaseOpenError, duckdb.Error):  # the next cursor retries
            self._reopen(conn or self._conn)
        return True

    def _reopen(self, broken) -> duckdb.DuckDBPyConnection:
        """Close the invalidated connection `broken` and open the file again. Threads that
        see the same failure at once reopen it once: the others find it replaced."""
        with self._reopen_lock:
            if self._closed:
                raise duckdb.ConnectionException("Connection already closed!")
            if self._conn is not None and self._conn is not broken:
                return self._conn  # another thread replaced it already
            self._conn = None
            if broken is not None:
                _log.warning("database %s invalidated by DuckDB: opened again", self.path)
                with contextlib.suppress(duckdb.Error):
                    broken.close()  # its cursors close with it
            self._conn = _connect(self.path)
            return self._conn

    def _writing_cursor(self) -> tuple[duckdb.DuckDBPyConnection, duckdb.DuckDBPyConnection]:
        """A cursor for a write, on a working instance: one invalidated earlier (a backup's
        checkpoint on a full disk) is replaced first, before anything is written."""
        conn, cur = self._open_cursor()
        try:
            cur.execute("SELECT 1")
        except duckdb.Error as exc:
            _close_quietly(cur)
            if not self.recover_from(exc, conn):
                raise
            conn, cur = self._open_cursor()
        return conn, cur

    @contextmanager
    def transaction(
        self, changes_data: bool = True, appends_only: bool = False
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write transaction on a fresh cursor, one at a time in the process: committed
        on success, rolled back on error. `changes_data=False` (access logs) keeps cached
        reads valid. A write the disk refuses raises StorageError, in French.

        `appends_only`: a transaction that only appends rows to a log no one updates (the
        access log) cannot conflict, so it does not wait for the write lock: a reader's
        file opening stays immediate while a long write (an import) holds it."""
        with contextlib.nullcontext() if appends_only else self._write_lock:
            conn, cur = self._writing_cursor()
            try:
                cur.begin()
                yield cur
                cur.commit()
            except BaseException as exc:
                # A failed commit has already ended the transaction: rolling it back again
                # would raise DuckDB's "no transaction is active" in place of the cause.
                with contextlib.suppress(duckdb.Error):
                    cur.rollback()
                refusal = self._refusal(exc, conn)
                if refusal is not None:
                    raise StorageError(refusal) from exc
                raise
            finally:
                _close_quietly(cur)
            if changes_data:
                self.data_version += 1

    def _refusal(self, exc: BaseException, conn) -> str | None:
        """The French message of a save the disk refused (replacing the DuckDB instance
        if the failure invalidated it), or None for any other error."""
        if not isinstance(exc, duckdb.Error):
            return None
        invalidated = self.recover_from(exc, conn)
        text = str(exc).lower()
        # DuckDB names the file it could not write ('Could not write file "…wal"'): the
        # system's words below, met elsewhere (a constraint quoting what was typed), are not.
        if not (invalidated or isinstance(exc, duckdb.IOException) or 'file "' in text):
            return None
        if any(words in text for words in _DISK_FULL):
            return DISK_FULL_MESSAGE
        if any(words in text for words in _READ_ONLY):
            return READ_ONLY_MESSAGE
        return DISK_MESSAGE

    def run_transaction(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run `work(cursor)` in a transaction, re-running it when a write conflicts.

        A context manager cannot run its body twice, so retrying takes a function. Each
        attempt holds the write lock; the pause between attempts does not. The lock leaves
        conflicts only with writes made outside it (a statement run in autocommit on a bare
        cursor, which the app does not do): what is left, the retries absorb.
        """
        for attempt in range(RETRIES):
            try:
                with self.transaction() as cur:
                    return work(cur)
            except duckdb.TransactionException as exc:
                if "conflict" not in str(exc).lower():
                    raise
                time.sleep(0.02 * (attempt + 1))
        raise WriteConflictError(
            "Une autre personne modifiait les mêmes données au même moment. "
            "Rien n'a été enregistré : réessayez."
        )

    def close(self) -> None:
        """Close and drop the connection, even if this object outlives it. A background
        task (analytics build, backup, purge) may be using it: DuckDB then refuses to
        close rather than wait, so we wait for it, a bounded while."""
        with self._reopen_lock:
            self._closed = True
        if self._conn is None:
            return
        for _ in range(CLOSE_TRIES):
            try:
                self._conn.close()
                break
            except duckdb.Error as exc:  # "connection is busy with another call"
                if "busy" not in str(exc):
                    raise
                time.sleep(CLOSE_WAIT_S)
        else:
            self._conn.close()  # the last refusal is raised
        self._conn = None


def is_invalidated(exc: BaseException) -> bool:
    """DuckDB's instance refuses every query since a fatal error (a failed checkpoint)."""
    return isinstance(exc, duckdb.FatalException) or _INVALIDATED in str(exc)


def _close_quietly(cur: duckdb.DuckDBPyConnection) -> None:
    """Close a cursor; one of an instance replaced meanwhile is already closed."""
    with contextlib.suppress(duckdb.Error):
        cur.close()


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    check_path(path)
    try:
        # Background threads give freed memory back to the system (after an export).
        return duckdb.connect(str(path), config={"allocator_background_threads": True})
    except duckdb.IOException as exc:
        if "not a valid DuckDB database" in str(exc):
            raise DatabaseOpenError(
                f"Le fichier {path} existe mais n'est pas une base Habiter (DuckDB). "
                "Il n'a pas été modifié."
            ) from exc
        if "lock" in str(exc).lower():
            raise DatabaseOpenError(
                f"La base {path} est déjà ouverte par un autre programme "
                "(une autre instance d'Habiter ?)."
            ) from exc
        _log.warning("opening %s failed: %s", path, exc)  # DuckDB's English: the log only
        raise DatabaseOpenError(
            f"Impossible d'ouvrir la base {path} : le disque ou le fichier refuse la lecture. "
            "Vérifiez l'espace libre et les droits, puis relancez."
        ) from exc


def check_path(path: Path) -> None:
    """Refuse, in French, a path whose folder is missing or not writable."""
    folder = path.parent
    if path.is_dir():
        raise DatabaseOpenError(f"{path} est un dossier, pas un fichier de base de données.")
    if not folder.is_dir():
        raise DatabaseOpenError(f"Le dossier {folder} n'existe pas : vérifiez HABITER_DB.")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise DatabaseOpenError(f"Habiter ne peut pas écrire dans {path} : droits insuffisants.")


def open_database(path: str | Path, create: bool = False) -> Database:
    """The process-wide instance for `path`, opened (and migrated) on first use.

    A missing file is created only when asked (make init, make run's demo): the app given
    a mistyped path says so rather than start on an empty database nobody can sign in to.
    """
    key = str(Path(path).resolve())
    with _lock:
        if key not in _instances:
            check_path(Path(key))
            if not create and not Path(key).exists():
                raise DatabaseOpenError(
                    f"La base {path} n'existe pas : créez-la avec « make init » (production) "
                    "ou lancez « make run » (démonstration)."
                )
            from db.migrate import apply_migrations

            database = Database(Path(key))
            apply_migrations(database)
            _instances[key] = database
        return _instances[key]


def close_database(path: str | Path) -> None:
    """Close and forget the instance (tests and command-line tools)."""
    key = str(Path(path).resolve())
    with _lock:
        database = _instances.pop(key, None)
    if database is not None:
        database.close()


def close_all() -> None:
    """Close every instance of the process (end of a test session, shutdown)."""
    with _lock:
        databases = list(_instances.values()) + list(_readonly.values())
        _instances.clear()
        _readonly.clear()
    for database in databases:
        database.close()


class ReadOnlyDatabase:
    """A file opened read-only with its own configuration (the SQL console's analytics
    file: external access off, configuration locked, memory and thread limits).

    `tag` tells which build of the file it reads; `busy` counts the queries running on it,
    so that a newer build replaces it only once none runs."""

    def __init__(self, path: Path, config: dict, tag: int):
        self.path, self.config, self.tag = path, dict(config), tag
        self._conn = _connect_readonly(path, config)
        self.busy = 0

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self._conn.cursor()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _connect_readonly(path: Path, config: dict) -> duckdb.DuckDBPyConnection:
    if not path.is_file():
        raise DatabaseOpenError(f"La base {path} n'existe pas encore.")
    try:
        return duckdb.connect(str(path), read_only=True, config=dict(config))
    except duckdb.Error as exc:
        _log.warning("opening %s read-only failed: %s", path, exc)
        raise DatabaseOpenError(
            f"Impossible d'ouvrir la base {path} en lecture : {str(exc).splitlines()[0]}"
        ) from exc


def open_readonly(path: str | Path, config: dict, tag: int = 0) -> ReadOnlyDatabase:
    """The process's read-only instance of `path` under `config`, at build `tag`.

    One per path and configuration: DuckDB refuses a second connection to a file with
    another configuration. A newer `tag` (the file was rebuilt and replaced) closes the
    older instance and opens the new file once no query runs on the old one; until then
    the old one keeps serving, so that a running query is never cut by a rebuild.
    """
    with _lock:
        return _pick_readonly(path, config, tag)


def _pick_readonly(path: str | Path, config: dict, tag: int) -> ReadOnlyDatabase:
    key = (str(Path(path).resolve()), tuple(sorted(config.items(), key=lambda kv: kv[0])))
    current = _readonly.get(key)
    if current is not None and (current.tag == tag or current.busy):
        return current
    if current is not None:
        current.close()
        del _readonly[key]
    opened = ReadOnlyDatabase(Path(key[0]), config, tag)
    _readonly[key] = opened
    return opened


@contextmanager
def readonly_cursor(path: str | Path, config: dict, tag: int = 0):
    """A cursor of the read-only instance (see open_readonly) for one query: the instance
    counts as busy, and is not replaced by a newer build, until the block ends."""
    with _lock:
        database = _pick_readonly(path, config, tag)
        database.busy += 1
        cur = database.cursor()
    try:
        yield cur
    finally:
        cur.close()
        with _lock:
            database.busy -= 1

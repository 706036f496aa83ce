import os
import threading
import time
from pathlib import Path

import duckdb
import pytest

from db.connection import close_database, open_database
from db.errors import DatabaseOpenError, WriteConflictError


def test_missing_folder_is_refused_in_french(tmp_path):
    with pytest.raises(DatabaseOpenError, match="n'existe pas"):
        open_database(tmp_path / "absent" / "x.duckdb")


def test_a_file_that_is_not_duckdb_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("des notes, pas une base")
    with pytest.raises(DatabaseOpenError, match="n'est pas une base"):
        open_database(path)
    assert path.read_text() == "des notes, pas une base"


def test_unwritable_folder_is_refused(tmp_path):
    """/proc/self refuses writes to everyone, root included (CI runs as root, for whom a
    chmod'ed folder stays writable): the refusal is asserted on every machine."""
    unwritable = Path("/proc/self") / "habiter.duckdb"
    assert not os.access(unwritable.parent, os.W_OK)
    with pytest.raises(DatabaseOpenError, match="droits insuffisants"):
        open_database(unwritable, create=True)


def test_one_instance_per_path(database, tmp_path):
    assert open_database(database.path) is database


def test_transaction_rolls_back_on_error(database):
    with pytest.raises(RuntimeError), database.transaction() as cur:
        cur.execute("INSERT INTO setting VALUES ('a', '1', now()::TIMESTAMP, 'x')")
        raise RuntimeError("boom")
    with database.reading() as cur:
        assert cur.execute("SELECT count(*) FROM setting").fetchone() == (0,)


def _conflicting_update(database):
    """Start, on another cursor, a transaction that holds an update of row 'k'."""
    other = database.cursor()
    other.begin()
    other.execute("UPDATE setting SET value = '2' WHERE key = 'k'")
    return other


def test_write_conflict_is_retried_then_succeeds(database):
    database.cursor().execute("INSERT INTO setting VALUES ('k', '0', now()::TIMESTAMP, 'x')")
    attempts = []

    def work(cur):
        attempts.append(1)
        if len(attempts) == 1:
            other = _conflicting_update(database)
            try:
                cur.execute("UPDATE setting SET value = '3' WHERE key = 'k'")
            finally:
                other.commit()
        else:
            cur.execute("UPDATE setting SET value = '3' WHERE key = 'k'")
        return len(attempts)

    assert database.run_transaction(work) == 2
    with database.reading() as cur:
        assert cur.execute("SELECT value FROM setting").fetchone() == ("3",)


def test_a_conflict_on_every_attempt_raises_a_named_error(database):
    database.cursor().execute("INSERT INTO setting VALUES ('k', '0', now()::TIMESTAMP, 'x')")

    def work(cur):
        other = _conflicting_update(database)
        try:
            cur.execute("UPDATE setting SET value = '3' WHERE key = 'k'")
        finally:
            other.rollback()

    with pytest.raises(WriteConflictError, match="réessayez"):
        database.run_transaction(work)


def test_data_version_grows_on_commit_only(database):
    version = database.data_version
    with database.transaction() as cur:
        cur.execute("SELECT 1")
    assert database.data_version == version + 1
    with pytest.raises(duckdb.Error), database.transaction() as cur:
        cur.execute("SELECT * FROM no_such_table")
    assert database.data_version == version + 1


def test_cursors_from_threads(database):
    errors = []

    def read():
        try:
            with database.reading() as cur:
                cur.execute("SELECT count(*) FROM users").fetchone()
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert not any(thread.is_alive() for thread in threads), "a reader hung"
    assert errors == []
    close_database(database.path)


def test_reading_closes_its_cursor_even_on_error(database):
    with pytest.raises(RuntimeError), database.reading() as cur:
        kept = cur
        raise RuntimeError("boom")
    with pytest.raises(duckdb.ConnectionException):
        kept.execute("SELECT 1")


def test_reads_do_not_wait_for_a_write_in_progress(database):
    """A write holds the process-wide lock; a read in another thread still goes through."""
    writing, read_done = threading.Event(), threading.Event()

    def write():
        with database.transaction() as cur:
            cur.execute("INSERT INTO setting VALUES ('w', '1', now()::TIMESTAMP, 'x')")
            writing.set()
            read_done.wait(timeout=10)

    def read():
        writing.wait(timeout=10)
        with database.reading() as cur:
            cur.execute("SELECT count(*) FROM setting").fetchone()
        read_done.set()

    threads = [threading.Thread(target=write), threading.Thread(target=read)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=15)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    assert read_done.is_set(), "the read waited for the write to end"


def test_writes_from_threads_take_turns(database):
    """Two writers never hold a write transaction at the same time."""
    inside, overlaps = [], []

    def write(i):
        with database.transaction() as cur:
            inside.append(i)
            overlaps.append(len(inside))
            cur.execute(
                "INSERT INTO setting VALUES ($key, '1', now()::TIMESTAMP, 'x')", {"key": f"t{i}"}
            )
            inside.remove(i)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=15)
    assert not any(thread.is_alive() for thread in threads), "a writer hung"
    assert overlaps == [1] * 8


def test_a_missing_file_is_created_only_when_asked(tmp_path):
    path = tmp_path / "faute-de-frappe.duckdb"
    with pytest.raises(DatabaseOpenError, match="make init"):
        open_database(path)
    assert not path.exists()
    open_database(path, create=True)
    assert path.exists()
    close_database(path)


def test_closing_waits_for_a_background_task_still_querying(tmp_path):
    """DuckDB refuses to close a connection busy in another thread (an analytics build, a
    backup, the log purge): closing waits for the query to end instead of failing."""
    path = tmp_path / "busy.duckdb"
    database = open_database(path, create=True)
    busy = threading.Event()

    def long_query() -> None:
        busy.set()
        database._conn.execute("SELECT count(*) FROM range(300000000) t(i) WHERE i % 7 = 3")

    worker = threading.Thread(target=long_query)
    worker.start()
    busy.wait(5)
    time.sleep(0.05)
    close_database(path)  # refused at once by DuckDB, then retried until the query ends
    worker.join(20)
    assert database._conn is None

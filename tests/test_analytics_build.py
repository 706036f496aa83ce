"""The pseudonymised analytics database: nothing nominative in it, stable pseudonyms,
birth years only, built atomically by the app's own process."""

from __future__ import annotations

import hashlib
import threading
import time

import duckdb
import pytest

import queries
from db import background
from db.analytics import build, pseudonym
from db.analytics.pseudonym import ident, statement
from db.demo.generate import create_demo_database

SALT = "sel-de-test"
USER_COLUMNS = "SELECT DISTINCT column_name FROM duckdb_columns() WHERE NOT internal"


@pytest.fixture
def demo(database):
    create_demo_database(database, households=200, seed=7)
    return database


def read(path, sql: str, params=None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def database_rows(database, sql: str) -> list[tuple]:
    return database.cursor().execute(sql).fetchall()


def nominative_values(database) -> set[str]:
    """Every name, phone number, e-mail and street address of the main database."""
    sources = {
        "household": "head_name address phone email search_key file_number",
        "person": "last_name first_name name_key",
        "owner": "name phone email address",
        "capture_lead": "owner_name owner_phone owner_email address works_needed",
        "dwelling": "address",
        "contact": "summary private_note",
        "users": "display_name email",
    }
    cur = database.cursor()
    values = set()
    for table, columns in sources.items():
        for column in columns.split():
            query = statement("SELECT DISTINCT {c} FROM {t}", c=ident(column), t=ident(table))
            rows = cur.execute(query).fetchall()
            values |= {value for (value,) in rows if value}
    return values


def analytics_strings(path) -> set[str]:
    """Every value of every VARCHAR (or VARCHAR[], JSON) column of every analytics table."""
    found = set()
    with duckdb.connect(str(path), read_only=True) as con:
        columns = con.execute(
            "SELECT table_name, column_name FROM duckdb_columns()"
            " WHERE NOT internal AND data_type IN ('VARCHAR', 'VARCHAR[]', 'JSON')"
        ).fetchall()
        for table, column in columns:
            query = "SELECT DISTINCT CAST({c} AS VARCHAR) FROM {t}"
            rows = con.execute(statement(query, c=ident(column), t=ident(table)))
            found |= {value for (value,) in rows.fetchall() if value}
    return found


def test_no_nominative_column_or_value_in_the_analytics_file(demo):
    info = build.rebuild(demo, salt=SALT)
    names = nominative_values(demo)
    assert len(names) > 1000  # the demo data has names, phones, e-mails, addresses
    leaked = {
        value
        for value in analytics_strings(info.path)
        if any(name in value for name in names if len(name) > 3)
    }
    assert leaked == set()
    usernames = {name for (name,) in database_rows(demo, "SELECT username FROM users")}
    assert usernames & analytics_strings(info.path) == set()  # staff: pseudonyms only
    columns = {c for (c,) in read(info.path, USER_COLUMNS)}
    forbidden = {"head_name", "last_name", "first_name", "phone", "email", "address"}
    assert columns & (forbidden | {"birth_date", "search_key", "name_key", "summary"}) == set()
    tables = {t for (t,) in read(info.path, "SELECT table_name FROM duckdb_tables()")}
    assert tables & {"users", "audit_log", "access_log", "setting_secret"} == set()


def test_every_table_and_column_of_the_main_schema_is_decided(demo):
    cur = demo.cursor()
    columns = cur.execute(
        "SELECT table_name, column_name FROM duckdb_columns()"
        " WHERE database_name = current_database() AND schema_name = 'main'"
    ).fetchall()
    undecided = [
        (table, column)
        for table, column in columns
        if table not in pseudonym.LEFT_OUT
        and table not in pseudonym.VIEWS
        and column not in pseudonym.TABLES.get(table, pseudonym.Table()).treatments()
    ]
    assert undecided == []


def test_pseudonyms_are_stable_join_and_change_with_the_salt(demo):
    path = build.rebuild(demo, salt=SALT).path
    query = "SELECT id FROM household ORDER BY id"
    first = read(path, query)
    assert build.rebuild(demo, salt=SALT).path == path
    assert read(path, query) == first
    build.rebuild(demo, salt="un-autre-sel")
    other = read(path, query)
    assert len(other) == len(first) == 200
    assert set(other).isdisjoint(first)
    # The same household has the same pseudonym in every table: joins still work.
    main_people = demo.cursor().execute("SELECT count(*) FROM person").fetchone()[0]
    joined = "SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id"
    assert read(path, joined) == [(main_people,)]
    assert all(len(value) == 16 for (value,) in other)


def test_the_salt_is_not_written_in_the_file(demo):
    path = build.rebuild(demo, salt="sel-tres-reconnaissable").path
    assert b"sel-tres-reconnaissable" not in path.read_bytes()
    assert not any("sel-tres" in value for value in analytics_strings(path))


def test_birth_dates_become_years(demo):
    path = build.rebuild(demo, salt=SALT).path
    main = demo.cursor().execute(
        "SELECT year(birth_date) AS y, count(*) FROM person GROUP BY y ORDER BY y NULLS LAST"
    )
    expected = main.fetchall()
    query = "SELECT birth_year, count(*) FROM person GROUP BY 1 ORDER BY 1 NULLS LAST"
    assert read(path, query) == expected
    query = "SELECT data_type, comment FROM duckdb_columns() WHERE column_name = 'birth_year'"
    types = read(path, query)
    assert types == [("INTEGER", pseudonym.YEAR_NOTE)]


def test_comments_are_copied_with_a_note_where_the_value_changed(demo):
    path = build.rebuild(demo, salt=SALT).path
    query = (
        "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE NOT internal"
        " AND table_name IN (SELECT table_name FROM duckdb_tables())"
    )
    comments = {(table, column): comment for table, column, comment in read(path, query)}
    assert comments[("household", "commune")] == "Commune de résidence"
    assert comments[("household", "id")].endswith(pseudonym.PSEUDONYM_NOTE)
    assert comments[("contact", "author")].endswith(pseudonym.WORKER_NOTE)
    assert all(comments.values())  # every column of the console's schema browser explained


def test_built_at_generation_and_the_build_table(demo):
    assert build.built_at(demo) is None
    before = build.generation(demo)
    info = build.rebuild(demo, salt=SALT)
    assert build.generation(demo) == before + 1
    assert build.built_at(demo) == info.built_at
    rows = read(info.path, "SELECT built_at, source_version, schema_version FROM analytics_build")
    assert rows[0][0] == info.built_at and rows[0][2] >= 8
    assert info.tables == len(read(info.path, "SELECT table_name FROM duckdb_tables()"))
    assert build.ensure_built(demo, salt=SALT) is None  # already there


def test_built_at_is_read_from_the_file_by_a_fresh_process_state(demo):
    info = build.rebuild(demo, salt=SALT)
    build._built.clear()  # as after a restart: read from the file itself
    assert build.built_at(demo) == info.built_at


def test_the_file_is_replaced_atomically(demo):
    path = build.rebuild(demo, salt=SALT).path
    old = duckdb.connect(str(path), read_only=True)
    try:
        before = old.execute("SELECT count(*) FROM household").fetchone()
        build.rebuild(demo, salt="un-autre-sel")
        # The connection opened before still reads the old complete file.
        assert old.execute("SELECT count(*) FROM household").fetchone() == before
    finally:
        old.close()
    leftovers = [p.name for p in path.parent.iterdir() if ".tmp-" in p.name]
    assert leftovers == []
    assert read(path, "SELECT count(*) FROM household") == [before]


def test_app_reads_answer_during_a_rebuild(demo):
    done = threading.Event()

    def keep_rebuilding():
        for _ in range(3):
            build.rebuild(demo, salt=SALT)
        done.set()

    worker = threading.Thread(target=keep_rebuilding)
    worker.start()
    answers = 0
    while not done.is_set():
        assert len(queries.run(demo, "households/communes")) > 0
        answers += 1
        time.sleep(0.005)
    worker.join()
    assert answers > 0


def test_a_failed_build_leaves_the_old_file_and_no_leftover(demo):
    path = build.rebuild(demo, salt=SALT).path
    before = read(path, "SELECT id FROM household ORDER BY id")
    demo.cursor().execute("DROP TABLE schema_migration")  # the build needs it: fails
    with pytest.raises(duckdb.Error):
        build.rebuild(demo, salt="un-autre-sel")
    assert read(path, "SELECT id FROM household ORDER BY id") == before
    assert [p.name for p in path.parent.iterdir() if ".tmp-" in p.name] == []


def test_the_scheduler_builds_a_missing_file_once_per_process(demo, monkeypatch):
    monkeypatch.setenv("HABITER_PSEUDONYM_SALT", SALT)
    monkeypatch.delitem(background._started, build.THREAD, raising=False)
    thread = build.start_scheduler(demo)
    assert build.start_scheduler(demo) is thread and thread.daemon
    deadline = time.monotonic() + 30
    while build.built_at(demo) is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert build.built_at(demo) is not None


def expected_pseudonym(entity: str, value) -> str:
    return hashlib.sha256(f"{SALT}:{entity}:{value}".encode()).hexdigest()[:16]


def test_mapped_and_hashed_pseudonyms_follow_one_formula(demo):
    path = build.rebuild(demo, salt=SALT).path
    first = database_rows(demo, "SELECT min(id) FROM household")[0][0]
    households = {value for (value,) in read(path, "SELECT id FROM household")}
    assert expected_pseudonym("household", first) in households
    authors = {value for (value,) in read(path, "SELECT DISTINCT author FROM contact")}
    assert expected_pseudonym("worker", "social") in authors  # from the users table
    creators = {value for (value,) in read(path, "SELECT DISTINCT created_by FROM household")}
    assert creators == {expected_pseudonym("worker", "demo")}  # no account: hashed in place

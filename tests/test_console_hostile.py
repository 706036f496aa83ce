"""The SQL console refuses, before running anything, every statement that would write,
change the engine, or read a file, a URL or the environment; and nothing moves on disk."""

from __future__ import annotations

import pytest

from db.analytics import build
from db.analytics.console import QueryRefused, check_statement, run_query
from db.connection import close_database, open_database
from db.demo import generate as demo
from db.rules import Actor

ANALYST = Actor("ana", "Ana Lyste", frozenset({"analyste"}))
TMP = "{tmp}"  # replaced by the test's folder: a write there would show

# (statement, a word the French message must hold)
HOSTILE = [
    ("INSERT INTO household (id) VALUES (1)", "INSERT"),
    ("insert into household (id) values (1)", "INSERT"),
    ("UPDATE household SET commune = 'x'", "UPDATE"),
    ("update household set commune = 'x'", "UPDATE"),
    ("DELETE FROM household", "DELETE"),
    ("delete from household", "DELETE"),
    ("CREATE TABLE t (a INT)", "CREATE"),
    ("create table t as select 1 as a", "CREATE"),
    ("CREATE MACRO m() AS 1", "CREATE"),
    ("DROP TABLE household", "DROP"),
    ("drop table household", "DROP"),
    ("ALTER TABLE household ADD COLUMN x INT", "ALTER"),
    ("alter table household rename to h", "ALTER"),
    ("COMMENT ON TABLE household IS 'x'", "COMMENT"),
    ("COPY household TO '{tmp}/x.csv'", "COPY"),
    ("copy (select 1) to '{tmp}/y.parquet' (format parquet)", "COPY"),
    ("ATTACH '{tmp}/new.duckdb' AS n", "ATTACH"),
    ("attach '{tmp}/new2.duckdb'", "ATTACH"),
    ("DETACH analytics", "DETACH"),
    ("INSTALL httpfs", "INSTALL"),
    ("install httpfs", "INSTALL"),
    ("LOAD httpfs", "LOAD"),
    ("load json", "LOAD"),
    ("SET threads = 8", "SET"),
    ("set enable_external_access = true", "SET"),
    ("SET VARIABLE x = 1", "SET"),
    ("RESET threads", "RESET"),
    ("USE memory", "USE"),
    ("PRAGMA version", "PRAGMA"),
    ("pragma database_list", "PRAGMA"),
    ("EXPORT DATABASE '{tmp}/export'", "EXPORT"),
    ("export database '{tmp}/export2' (format parquet)", "EXPORT"),
    ("IMPORT DATABASE '{tmp}/export'", "IMPORT"),
    ("CHECKPOINT", "CHECKPOINT"),
    ("checkpoint", "CHECKPOINT"),
    ("CALL pragma_version()", "CALL"),
    ("call duckdb_settings()", "CALL"),
    ("BEGIN TRANSACTION", "BEGIN"),
    ("VACUUM", "VACUUM"),
    ("PREPARE p AS SELECT 1", "PREPARE"),
    ("UPDATE EXTENSIONS", "UPDATE"),
    ("/* a comment */ DROP TABLE household", "DROP"),
    ("-- a comment\nDELETE FROM household", "DELETE"),
    ("SELECT 1 /* then */; -- a write\n DROP TABLE household", "instruction 2 sur 2"),
    ("SELECT 1; DROP TABLE household", "DROP"),
    ("SELECT 1; SELECT 2; insert into household (id) values (1)", "instruction 3 sur 3"),
    ("WITH x AS (SELECT 1 AS id) INSERT INTO household (id) SELECT id FROM x", "INSERT"),
    ("EXPLAIN ANALYZE DELETE FROM household", "EXPLAIN DELETE"),
    ("SELECT * FROM read_csv('/etc/passwd')", "read_csv"),
    ("select * from READ_CSV_AUTO('/etc/passwd')", "read_csv_auto"),
    ("SELECT * FROM read_parquet('{tmp}/x.parquet')", "read_parquet"),
    ("SELECT * FROM parquet_scan('{tmp}/x.parquet')", "parquet_scan"),
    ("SELECT * FROM read_json('/etc/passwd')", "read_json"),
    ("SELECT * FROM read_json_auto('/etc/passwd')", "read_json_auto"),
    ("SELECT * FROM read_json_objects('/etc/passwd')", "read_json_objects"),
    ("SELECT * FROM read_ndjson('/etc/passwd')", "read_ndjson"),
    ("SELECT * FROM read_text('/etc/passwd')", "read_text"),
    ("SELECT content FROM read_blob('/etc/passwd')", "read_blob"),
    ("SELECT * FROM glob('/etc/*')", "glob"),
    ("SELECT * FROM sniff_csv('/etc/passwd')", "sniff_csv"),
    ("SELECT * FROM parquet_metadata('{tmp}/x.parquet')", "parquet_metadata"),
    ("SELECT * FROM parquet_schema('{tmp}/x.parquet')", "parquet_schema"),
    ("SELECT * FROM read_csv(['/etc/passwd', '/etc/hosts'])", "read_csv"),
    ("SELECT * FROM '/etc/passwd'", "/etc/passwd"),
    ("FROM 'x.csv'", "x.csv"),
    ('from "data.parquet"', "data.parquet"),
    ("SELECT * FROM 'https://example.org/data.csv'", "https://example.org/data.csv"),
    ("SELECT getenv('HOME')", "getenv"),
    ("select GETENV('PATH') AS p", "getenv"),
    ("SELECT * FROM duckdb_secrets()", "duckdb_secrets"),
    ("SELECT * FROM household WHERE commune IN (SELECT content FROM read_text('/etc/h'))", "read"),
    ("WITH f AS (SELECT * FROM read_csv('/etc/passwd')) SELECT * FROM f", "read_csv"),
    ("DESCRIBE SELECT * FROM read_csv('/etc/passwd')", "read_csv"),
    ("SELECT * FROM query('SELECT 1')", "query"),
    ("SELECT * FROM query_table('household')", "query_table"),
    ("SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT 1'))", "json_exec"),
    ("SELECT * FROM duckdb_settings()", "duckdb_settings"),
    ("", "vide"),
    ("   \n ", "vide"),
    ("-- nothing but a comment", "commentaires"),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("console")


@pytest.fixture(scope="module")
def analytics(folder):
    """One demo base and its analytics file for the whole table (built once: faster)."""
    path = folder / "habiter.duckdb"
    database = open_database(path, create=True)
    demo.create_demo_database(database, households=30, seed=11)
    build.rebuild(database, salt="sel-de-test")
    yield database
    close_database(path)


def disk(folder) -> dict:
    """Every file of the test's folder but the main base (its log grows), with size and
    modification time."""
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file() and not path.name.startswith("habiter.duckdb")
    }


def tables(database) -> list[tuple]:
    """The analytics file's tables and their row counts, read through the console."""
    sql = "SELECT table_name, estimated_size, column_count FROM duckdb_tables() ORDER BY 1"
    return run_query(database, ANALYST, sql).frame.rows()


def test_there_are_at_least_forty_hostile_statements():
    assert len(HOSTILE) >= 40


@pytest.mark.parametrize(("sql", "named"), HOSTILE)
def test_a_hostile_statement_is_refused_in_french_and_nothing_moves(analytics, folder, sql, named):
    sql = sql.replace(TMP, str(folder))
    before_disk, before_tables = disk(folder), tables(analytics)
    with pytest.raises(QueryRefused) as refusal:
        run_query(analytics, ANALYST, sql)
    message = str(refusal.value)
    assert named.lower() in message.lower()
    assert any(word in message for word in ("refusé", "vide", "commentaires")), message
    assert disk(folder) == before_disk
    assert tables(analytics) == before_tables
    assert not (folder / "x.csv").exists() and not (folder / "export").exists()
    logged = analytics.cursor().execute(
        "SELECT refused, error FROM console_log WHERE sql = $sql", {"sql": sql}
    )
    assert logged.fetchall() == [(True, message)]


@pytest.mark.parametrize(("sql", "named"), HOSTILE)
def test_the_check_alone_refuses_it_without_a_database(sql, named):
    with pytest.raises(QueryRefused):
        check_statement(sql.replace(TMP, "/tmp/never"))


def test_the_engine_itself_is_locked_behind_the_check(analytics):
    """Should a statement pass the check, the connection still reads no file and its
    configuration cannot be changed."""
    sql = (
        "SELECT current_setting('enable_external_access') AS external,"
        " current_setting('lock_configuration') AS locked,"
        " current_setting('threads') AS threads"
    )
    row = run_query(analytics, ANALYST, sql).frame.row(0, named=True)
    assert row == {"external": False, "locked": True, "threads": 1}

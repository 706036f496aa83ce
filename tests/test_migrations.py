from db.connection import close_database, open_database
from db.migrate import apply_migrations, migration_files


def test_migrations_apply_in_order_and_are_recorded(database):
    versions = [v for v, _name, _file in migration_files()]
    assert versions == sorted(versions) and versions[0] == 1
    applied = [
        r[0]
        for r in database.cursor()
        .execute("SELECT version FROM schema_migration ORDER BY version")
        .fetchall()
    ]
    assert applied == versions


def test_rerunning_migrations_is_a_no_op(database):
    before = database.cursor().execute("SELECT count(*) FROM schema_migration").fetchone()
    assert apply_migrations(database) == []
    after = database.cursor().execute("SELECT count(*) FROM schema_migration").fetchone()
    assert before == after


def test_reopening_a_file_keeps_its_data(tmp_path):
    path = tmp_path / "again.duckdb"
    db = open_database(path, create=True)
    db.cursor().execute("INSERT INTO setting VALUES ('k', '1', now()::TIMESTAMP, 'x')")
    close_database(path)
    db = open_database(path)
    assert db.cursor().execute("SELECT count(*) FROM setting").fetchone() == (1,)
    close_database(path)


def test_every_column_has_a_french_comment(database):
    missing = (
        database.cursor()
        .execute(
            "SELECT table_name, column_name FROM duckdb_columns()"
            " WHERE database_name = current_database() AND schema_name = 'main'"
            " AND table_name <> 'schema_migration' AND comment IS NULL"
        )
        .fetchall()
    )
    assert missing == []

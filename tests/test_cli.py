"""The command line, run as a user runs it: a real process, exit codes, French messages."""

import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).parent.parent


def cli(*args, env_db=None):
    return subprocess.run(
        [sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_init_creates_an_empty_database_with_one_admin(tmp_path):
    path = tmp_path / "prod.duckdb"
    result = cli("--db", str(path), "init", "--admin", "chef")
    assert result.returncode == 0, result.stderr
    assert "Mot de passe (affiché une seule fois)" in result.stdout
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT username, roles FROM users").fetchall() == [("chef", ["admin"])]
        assert con.execute("SELECT count(*) FROM household").fetchone() == (0,)


def test_init_never_overwrites(tmp_path):
    path = tmp_path / "prod.duckdb"
    path.write_text("précieux")
    result = cli("--db", str(path), "init")
    assert result.returncode == 1
    assert "ne l'écrase pas" in result.stderr
    assert path.read_text() == "précieux"


def test_bad_paths_end_with_a_french_message_and_non_zero_exit(tmp_path):
    not_db = tmp_path / "texte.duckdb"
    not_db.write_text("pas une base")
    for path, message in [
        (tmp_path / "absent" / "x.duckdb", "n'existe pas"),
        (tmp_path / "faute.duckdb", "make init"),
        (not_db, "n'est pas une base"),
    ]:
        result = cli("--db", str(path), "check")
        assert result.returncode == 1
        assert message in result.stderr
    assert not_db.read_text() == "pas une base"
    assert not (tmp_path / "faute.duckdb").exists()


def test_demo_database_has_one_account_per_role(tmp_path):
    path = tmp_path / "demo.duckdb"
    result = cli("--db", str(path), "demo", "--households", "30")
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(path), read_only=True) as con:
        accounts = dict(con.execute("SELECT username, roles FROM users").fetchall())
        assert con.execute("SELECT count(*) FROM household").fetchone() == (30,)
    expected = {
        "admin": "admin",
        "direction": "direction",
        "social": "travailleur_social",
        "accueil": "accueil",
        "gestion": "gestion_locative",
        "analyste": "analyste",
    }
    for username, role in expected.items():
        assert accounts[username] == [role]
    again = cli("--db", str(path), "demo", "--if-missing")
    assert again.returncode == 0 and "existante" in again.stdout


def test_user_management_from_the_command_line(tmp_path):
    path = tmp_path / "prod.duckdb"
    cli("--db", str(path), "init", "--password", "admin-secret-1")
    steps = [
        ("user", "add", "lea", "--name", "Léa", "--roles", "accueil"),
        ("user", "roles", "lea", "--roles", "accueil,travailleur_social"),
        ("user", "reset-password", "lea", "--password", "nouveau-secret"),
        ("user", "disable", "lea"),
    ]
    for step in steps:
        result = cli("--db", str(path), *step)
        assert result.returncode == 0, result.stderr
    with duckdb.connect(str(path), read_only=True) as con:
        roles, active = con.execute(
            "SELECT roles, active FROM users WHERE username='lea'"
        ).fetchone()
        audit = [
            r[0]
            for r in con.execute(
                "SELECT action FROM audit_log WHERE entity_id = 'lea' ORDER BY id"
            ).fetchall()
        ]
    assert roles == ["accueil", "travailleur_social"] and active is False
    assert audit == ["create", "set_roles", "reset_password", "disable"]
    unknown = cli("--db", str(path), "user", "roles", "personne", "--roles", "admin")
    assert unknown.returncode == 1 and "Aucun compte" in unknown.stderr

"""The command line, run as a user runs it: a real process, exit codes, French messages."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.cli_process import ROOT, accounts_of, assert_french_error, cli

ASSOCIATION = ("--association", "Logis Solidaire", "--town", "Bordeaux")


def test_init_creates_an_empty_database_with_one_admin(tmp_path):
    path = tmp_path / "prod.duckdb"
    result = cli("--db", str(path), "init", *ASSOCIATION, "--admin", "chef")
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
    cli("--db", str(path), "init", *ASSOCIATION, "--password", "secret-du-chef-1")
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


@pytest.mark.parametrize(
    "options, fragment",
    [
        (["--password", "court"], "au moins 12 caractères"),
        (["--password", "x" * 100], "trop long"),
        (["--password", "assez-long-1", "--admin", "Chef Z"], "Identifiant"),
        (["--password", "assez-long-1", "--email", "chef"], "adresse e-mail invalide"),
    ],
)
def test_init_checks_its_input_before_creating_anything(tmp_path, options, fragment):
    path = tmp_path / "prod.duckdb"
    assert_french_error(cli("--db", str(path), "init", *ASSOCIATION, *options), fragment)
    assert list(tmp_path.iterdir()) == []  # nothing created: the retry is not refused
    retry = cli("--db", str(path), "init", *ASSOCIATION, "--password", "assez-long-1")
    assert retry.returncode == 0, retry.stderr
    assert accounts_of(path) == {"admin": ["admin"]}


@pytest.fixture(scope="module")
def accounts_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("comptes") / "prod.duckdb"
    assert (
        cli("--db", str(path), "init", *ASSOCIATION, "--password", "secret-du-chef-1").returncode
        == 0
    )
    added = cli(
        "--db", str(path), "user", "add", "lea", "--name", "Léa Martin", "--roles", "accueil"
    )
    assert added.returncode == 0, added.stderr
    return path


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["user", "add", "zoe"], "--roles"),
        (["user", "add", "zoe", "--roles", "chef"], "Rôle inconnu : chef"),
        (["user", "add", "zoe", "--roles", ""], "au moins un rôle"),
        (["user", "add", "Zoé B", "--roles", "accueil"], "Identifiant"),
        (["user", "add", "zoe", "--roles", "accueil", "--email", "zoe"], "e-mail"),
        (["user", "add", "zoe", "--roles", "accueil", "--password", "é" * 40], "trop long"),
        (["user", "add", "zoe", "--roles", "accueil", "--password", "court"], "12 caractères"),
        (["user", "add", "lea", "--roles", "accueil"], "existe déjà"),
        (["user", "roles", "personne", "--roles", "accueil"], "Aucun compte « personne »"),
        (["user", "roles", "lea", "--roles", "chef,accueil"], "Rôle inconnu : chef"),
        (["user", "roles", "lea"], "--roles"),
        (["user", "reset-password", "lea", "--password", "court"], "12 caractères"),
        (["user", "disable", "personne"], "Aucun compte"),
        (["user", "disable"], "identifiant"),
        (["user", "frob"], "frob"),
        (["user", "list", "--bogus"], "--bogus"),
        (["frob"], "frob"),
    ],
)
def test_account_errors_are_one_french_line_and_change_nothing(accounts_db, args, fragment):
    assert_french_error(cli("--db", str(accounts_db), *args), fragment)
    assert accounts_of(accounts_db) == {"admin": ["admin"], "lea": ["accueil"]}


@pytest.mark.parametrize(
    "path, args, fragment",
    [
        ("/proc/habiter-absent/x.duckdb", ["demo", "--households", "5"], "/proc/habiter-absent"),
        ("/proc/habiter.duckdb", ["demo", "--households", "5"], "/proc"),
        ("/proc/habiter.duckdb", ["init", *ASSOCIATION, "--password", "assez-long-1"], "/proc"),
        ("/proc/version", ["user", "list"], "n'est pas une base"),
        ("/dev/null", ["user", "list"], "pas un fichier ordinaire"),
        ("/dev/null", ["check"], "pas un fichier ordinaire"),
    ],
)
def test_unusable_paths_are_refused_in_french(path, args, fragment):
    assert_french_error(cli("--db", path, *args), fragment)


@pytest.mark.parametrize("size", ["-5", "0", "abc", "1.5", "5000001"])
def test_demo_size_is_a_whole_number_within_bounds(tmp_path, size):
    path = tmp_path / "demo.duckdb"
    assert_french_error(cli("--db", str(path), "demo", "--households", size), "nombre entier")
    assert not path.exists()


def test_user_list_is_an_aligned_plain_table_with_french_headers(accounts_db):
    result = cli("--db", str(accounts_db), "user", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = lines[0]
    for title in ("Identifiant", "Nom", "E-mail", "Rôles", "Actif"):
        assert title in header
    assert not re.search(r"shape|[┌│┆╞]|display_name|username", result.stdout), result.stdout
    (lea,) = [line for line in lines if line.startswith("lea ")]  # one line per account
    assert lea.index("Léa Martin") == header.index("Nom")
    assert lea.index("Accueil") == header.index("Rôles")
    assert "2 compte(s)" in result.stdout


# --- The README's commands, through make, on a machine without uv on the PATH ------------


def newcomer_path() -> str:
    """The PATH without any folder that holds a uv: make has to bring its own."""
    folders = os.environ.get("PATH", "").split(os.pathsep)
    return os.pathsep.join(folder for folder in folders if not (Path(folder) / "uv").exists())


def make(*args: str, **env: str) -> subprocess.CompletedProcess:
    """`make` as a newcomer runs it: no uv on the PATH, no HABITER_DB unless given."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("HABITER_", "MAKE"))}
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env={**base, "PATH": newcomer_path(), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_account_and_demo_commands_of_the_readme_run_through_make(tmp_path):
    assert shutil.which("uv", path=newcomer_path()) is None
    db = tmp_path / "prod.duckdb"
    assert (
        cli("--db", str(db), "init", *ASSOCIATION, "--password", "secret-du-chef-1").returncode == 0
    )
    added = make("user", f"DB={db}", "ARGS=add lea --name 'Léa Martin' --roles accueil")
    assert added.returncode == 0, added.stdout + added.stderr
    assert "Compte créé : lea" in added.stdout
    listed = make("cli", "ARGS=user list", HABITER_DB=str(db))  # HABITER_DB without DB=
    assert listed.returncode == 0 and "Léa Martin" in listed.stdout, listed.stderr
    refused = make("user", f"DB={db}", "ARGS=roles lea --roles chef")
    assert refused.returncode != 0 and "Rôle inconnu : chef" in refused.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("SELECT display_name, roles FROM users WHERE username='lea'").fetchone()
    assert row == ("Léa Martin", ["accueil"])
    big = tmp_path / "big.duckdb"
    made = make("demo", "HOUSEHOLDS=25", f"DB={big}")
    assert made.returncode == 0, made.stdout + made.stderr
    with duckdb.connect(str(big), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM household").fetchone() == (25,)


def test_make_bench_takes_the_sizes_and_defaults_to_the_readme_ones():
    planned = make("-n", "bench", "SIZES=1000,10000", "REPEAT=1").stdout
    assert "bench/run.py --sizes 1000,10000 --repeat 1" in planned, planned
    assert "--sizes 1000,10000,100000,1000000" in make("-n", "bench").stdout

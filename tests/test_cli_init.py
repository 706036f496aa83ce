"""`cli.py init` asks the association's name and town; no command prints back a password
the person typed (a generated one is shown once). Real processes, a real terminal (pty)."""

import json
import os
import pty
import select
import sys
import time

import duckdb
import pytest

from db.connection import close_database, open_database
from tests.cli_process import ROOT, accounts_of, assert_french_error, cli

TYPED = "mon-secret-bien-a-moi-1"
TERMINAL_SECONDS = 60


def settings_of(path) -> dict:
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute("SELECT key, value FROM setting").fetchall()
    return {key: json.loads(value) for key, value in rows}


def test_init_stores_the_association_s_name_and_town_audited(tmp_path):
    path = tmp_path / "prod.duckdb"
    options = ("--association", "  Logis   Solidaire ", "--town", "Pessac")
    done = cli("--db", str(path), "init", *options, "--password", TYPED)
    assert done.returncode == 0, done.stderr
    assert "Association : Logis Solidaire, Pessac" in done.stdout
    assert settings_of(path) == {
        "association_name": "Logis Solidaire",
        "association_town": "Pessac",
    }
    with duckdb.connect(str(path), read_only=True) as con:
        audited = con.execute(
            "SELECT entity_id, username FROM audit_log WHERE entity = 'setting' ORDER BY id"
        ).fetchall()
    assert [key for key, _ in audited] == ["association_name", "association_town"]
    assert all(who.startswith("cli (") for _, who in audited)  # the system account too


@pytest.mark.parametrize(
    "options, fragment",
    [
        (["--town", "Pessac"], "Nom de l'association : à préciser avec --association"),
        (["--association", "Logis"], "Commune de l'association : à préciser avec --town"),
        (["--association", " x ", "--town", "Pessac"], "de 2 à 120 caractères"),
        (["--association", "Logis", "--town", "   "], "de 1 à 80 caractères"),
        (["--association", "L" * 121, "--town", "Pessac"], "de 2 à 120 caractères"),
    ],
)
def test_init_checks_the_association_before_creating_anything(tmp_path, options, fragment):
    path = tmp_path / "prod.duckdb"
    assert_french_error(cli("--db", str(path), "init", "--password", TYPED, *options), fragment)
    assert list(tmp_path.iterdir()) == []


def test_the_demo_database_has_a_demo_association(tmp_path):
    path = tmp_path / "demo.duckdb"
    assert cli("--db", str(path), "demo", "--households", "5").returncode == 0
    assert settings_of(path) == {
        "association_name": "Logis Solidaire Gironde",
        "association_town": "Bordeaux",
    }


def test_a_password_typed_on_the_command_line_is_never_printed_back(tmp_path):
    path = tmp_path / "prod.duckdb"
    close_database(open_database(path, create=True).path)
    made = cli("--db", str(path), "user", "add", "chef", "--roles", "admin", "--password", TYPED)
    added = cli("--db", str(path), "user", "add", "lea", "--roles", "accueil", "--password", TYPED)
    reset = cli("--db", str(path), "user", "reset-password", "lea", "--password", TYPED + "2")
    for done in (made, added, reset):
        assert done.returncode == 0, done.stderr
        assert TYPED not in done.stdout + done.stderr
    assert "Compte créé : lea" in added.stdout and "non affiché" in added.stdout
    generated = cli("--db", str(path), "user", "add", "zoe", "--roles", "accueil")
    assert "mot de passe (affiché une seule fois) : " in generated.stdout
    assert accounts_of(path) == {"chef": ["admin"], "lea": ["accueil"], "zoe": ["accueil"]}


def read_until(fd: int, expected: str, output: bytearray) -> None:
    """Read the terminal until `expected` shows (or the command ends)."""
    deadline = time.monotonic() + TERMINAL_SECONDS
    while expected.encode() not in output and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if ready:
            try:
                chunk = os.read(fd, 1024)
            except OSError:  # the command ended: the terminal is closed
                return
            if not chunk:
                return
            output += chunk


def on_terminal(args: list[str], answers: list[tuple[str, str]]) -> tuple[int, str]:
    """`python cli.py ARGS` on a real terminal, each prompt answered; its code and output."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, on the terminal
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "cli.py", *args])
    output = bytearray()
    for prompt, answer in answers:
        read_until(fd, prompt, output)
        os.write(fd, answer.encode() + b"\n")
    read_until(fd, "\0", output)  # everything, up to the end
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode(errors="replace")


def test_init_on_a_terminal_asks_the_association_and_never_shows_the_typed_password(tmp_path):
    path = tmp_path / "prod.duckdb"
    answers = [
        ("Nom de l'association : ", "Toit Commun"),
        ("Commune de l'association : ", "Mérignac"),
        ("Mot de passe de l'administrateur", TYPED),
        ("Confirmez : ", TYPED),
    ]
    code, output = on_terminal(["--db", str(path), "init"], answers)
    assert code == 0, output
    assert "Association : Toit Commun, Mérignac" in output
    assert TYPED not in output
    assert settings_of(path)["association_town"] == "Mérignac"

"""`cli.py backup`, `cli.py restore` and the account commands, run as real processes, with
the database free and with it held by another process that runs the app's backup thread
(as app.py starts it). The browser suite does the same against a real server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import config
from db.backup.commands import HELD
from db.backup.take import decrypted
from tests.browser.conftest import ASSOCIATION
from tests.cli_process import cli_on as cli

ROOT = Path(__file__).parent.parent
# The app's process as far as the database goes: open it, start the backup thread, wait.
HOLDER = """
import sys, time
sys.path.insert(0, {root!r})
from db.connection import open_database
from db.backup.channel import start_backup_thread
start_backup_thread(open_database({db!r}))
print("prêt", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def base(tmp_path) -> Path:
    db = tmp_path / "habiter.duckdb"
    done = cli(db, "init", *ASSOCIATION, "--admin", "chef", "--password", "Tilleul-Bordeaux-2026")
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def app_holding(base):
    """A process holding `base` with the backup thread running, until the test ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER.format(root=str(ROOT), db=str(base))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "prêt"
    yield holder
    holder.stdin.close()
    holder.wait(timeout=30)


def backup_rows(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT taken_by, verified, file FROM backup_log ORDER BY id").fetchall()


def test_backup_with_the_app_stopped_is_taken_by_the_command(base):
    done = cli(base, "backup")
    assert done.returncode == 0, done.stderr
    printed = Path(done.stdout.strip().splitlines()[-1])
    assert printed.parent == base.parent / "backups" and printed.is_file()
    assert "Sauvegarde vérifiée" in done.stdout and "tient la base" not in done.stdout
    assert backup_rows(base) == [("cli", True, str(printed))]


def test_backup_with_the_app_running_is_asked_of_the_app(base, app_holding):
    done = cli(base, "backup")
    assert done.returncode == 0, done.stderr
    assert "L'application tient la base : la sauvegarde lui est demandée" in done.stdout
    printed = Path(done.stdout.strip().splitlines()[-1])
    assert printed.is_file() and printed.name.startswith("habiter-")
    with (
        decrypted(printed, config.backup_key()) as plain,
        duckdb.connect(str(plain), read_only=True) as con,
    ):
        assert con.execute("SELECT username FROM users").fetchall() == [("chef",)]
    assert list((base.parent / "requests").iterdir()) == []
    app_holding.stdin.close()
    app_holding.wait(timeout=30)
    assert backup_rows(base) == [("make-backup", True, str(printed))]


def test_account_commands_say_in_french_that_the_app_holds_the_base(base, app_holding):
    for args in (["user", "list"], ["user", "add", "lea", "--roles", "accueil"]):
        done = cli(base, *args)
        assert done.returncode == 1
        assert done.stderr.strip() == f"Erreur : {HELD}"
    app_holding.stdin.close()
    app_holding.wait(timeout=30)
    done = cli(base, "user", "list")
    assert done.returncode == 0 and "chef" in done.stdout and "lea" not in done.stdout


def test_restore_into_a_new_file_and_never_over_the_live_one_without_confirm(base):
    backup = Path(cli(base, "backup").stdout.strip().splitlines()[-1])
    refused = cli(base, "restore", str(base))
    assert refused.returncode == 1 and "est la base en service" in refused.stderr
    missing = cli(base, "restore", "")
    assert missing.returncode == 1 and "make restore FILE=" in missing.stderr
    done = cli(base, "restore", str(backup))
    assert done.returncode == 0, done.stderr
    restored = next(base.parent.glob("restored-*.duckdb"))
    assert f"HABITER_DB={restored} make run" in done.stdout
    checked = cli(restored, "user", "list")  # opens, migrates, reads
    assert checked.returncode == 0 and "chef" in checked.stdout


def test_restore_over_the_live_file_needs_the_app_stopped(base, app_holding):
    backup = Path(cli(base, "backup").stdout.strip().splitlines()[-1])
    refused = cli(base, "restore", str(backup), "--confirm")
    assert refused.returncode == 1 and "arrêtez-la" in refused.stderr
    app_holding.stdin.close()
    app_holding.wait(timeout=30)
    assert cli(base, "user", "add", "apres", "--roles", "accueil").returncode == 0
    done = cli(base, "restore", str(backup), "--confirm")
    assert done.returncode == 0, done.stderr
    kept = next(base.parent.glob("habiter.avant-restauration-*.duckdb"))
    assert "apres" in cli(kept, "user", "list").stdout
    assert "apres" not in cli(base, "user", "list").stdout  # the backup's accounts again

"""Files kept on disk readable by the service account only: the base, its backups and the
other files the app writes are made 0600 in 0700 folders by the real commands (umask 077
at their start), checked as the unprivileged `nobody` account; and the start-up check
names a file too widely open, with the command that fixes it."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from db.backup.modes import check_database_files, wide_paths
from tests.browser.conftest import ASSOCIATION
from tests.cli_process import cli_on as cli

KEY = "cle-de-test-des-sauvegardes-assez-longue-0123456789"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def server_folder():
    """A folder any account may traverse, as /srv/habiter would be (not pytest's 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="habiter-modes-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="runuser needs root")
def test_nobody_cannot_read_the_base_or_a_backup_made_by_the_commands(server_folder, monkeypatch):
    monkeypatch.setenv("HABITER_BACKUP_KEY", KEY)
    base = server_folder / "data" / "habiter.duckdb"
    made = cli(base, "init", *ASSOCIATION, "--admin", "chef", "--password", "Tilleul-Bordeaux-26")
    assert made.returncode == 0, made.stderr
    done = cli(base, "backup")
    assert done.returncode == 0, done.stderr
    backup = Path(done.stdout.strip().splitlines()[-1])
    for folder in (base.parent, backup.parent):
        assert mode(folder) == 0o700, folder
    written = [p for p in base.parent.rglob("*") if p.is_file()]
    assert backup in written and base in written
    assert {p.name: mode(p) for p in written} == {p.name: 0o600 for p in written}
    for path in (base, backup):
        seen = subprocess.run(
            ["runuser", "-u", "nobody", "--", "cat", str(path)], capture_output=True
        )
        assert seen.returncode != 0 and b"Permission denied" in seen.stderr
    checked = cli(base, "check")
    assert checked.returncode == 0 and "Attention" not in checked.stdout


def test_the_start_up_check_names_a_wide_file_and_the_fix(tmp_path):
    base = tmp_path / "data" / "habiter.duckdb"
    base.parent.mkdir(mode=0o700)
    base.write_text("x")
    base.chmod(0o600)
    (base.parent / "backups").mkdir()
    (base.parent / "backups").chmod(0o755)  # whatever the umask of the test process
    backup = base.parent / "backups" / "habiter-20261201-120000.duckdb.chiffre"
    backup.write_text("x")
    backup.chmod(0o644)
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text("x")
    secrets_file.chmod(0o600)
    backups = base.parent / "backups"
    assert wide_paths(base, secrets_file) == [backups, backup]
    warning = check_database_files(base)
    assert warning.startswith("Fichiers ou dossiers lisibles par d'autres comptes")
    assert f"chmod 700 {backups}" in warning and f"chmod 600 {backup}" in warning
    backup.chmod(0o600)
    backups.chmod(0o700)
    assert wide_paths(base, secrets_file) == []


def test_cli_check_prints_the_warning_for_a_wide_base(tmp_path):
    base = tmp_path / "habiter.duckdb"
    made = cli(base, "init", *ASSOCIATION, "--admin", "chef", "--password", "Tilleul-Bordeaux-26")
    assert made.returncode == 0, made.stderr
    base.chmod(0o644)
    checked = cli(base, "check")
    assert checked.returncode == 0
    assert "Attention : Fichiers ou dossiers lisibles" in checked.stdout
    assert f"chmod 600 {base}" in checked.stdout

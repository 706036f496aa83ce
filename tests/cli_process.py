"""The command line run as a user runs it, a real process, for the tests of cli.py
(tests/test_cli*.py, test_files_private.py): its French refusals, the accounts it wrote."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).parent.parent


# What a library or the system says in English, never to reach a user of the command line.
ENGLISH = re.compile(
    r"Traceback|validation error|pydantic|https?://|\bError\b|\busage\b|\binvalid\b|"
    r"\brequired\b|\bshould\b|\bmust\b|\bcannot\b|No such|Permission denied|\bnot a\b|"
    r"\bexpected\b|choose from|unrecognized|\bvalue\b"
)


def cli(*args, env_db=None):
    return subprocess.run(
        [sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def assert_french_error(result, fragment: str) -> None:
    """A refusal: non-zero exit, one French line on stderr naming the problem, no English."""
    assert result.returncode != 0, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Erreur : "), result.stderr
    assert fragment in lines[0], result.stderr
    assert not ENGLISH.search(result.stderr + result.stdout), result.stderr + result.stdout


def accounts_of(path: Path) -> dict:
    with duckdb.connect(str(path), read_only=True) as con:
        return dict(con.execute("SELECT username, roles FROM users").fetchall())


# On a given database file (the backup and restore commands).
def cli_on(db: Path, *args: str, timeout: int = 150) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "cli.py", "--db", str(db), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )

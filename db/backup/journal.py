"""What a restore cannot know: the anonymisations made after its backup was taken.

A restored base holds the households as they were at the backup, anonymised ones
included, and knows nothing of what followed. So each anonymisation is written, with its
date, in a small journal beside the databases (`anonymisations.journal`, outside every
base), and each restore in `restaurations.journal` with the date of its backup. The admin
is reminded to anonymise again while an anonymisation made between the backup and the
restore has not been followed by a new one on the restored base.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from db import clock

ANONYMISATIONS = "anonymisations.journal"
RESTORES = "restaurations.journal"
REMINDER = (
    "Des anonymisations ont été faites depuis cette sauvegarde : relancez l'anonymisation "
    "(Administration › Données personnelles)."
)


def record_anonymisation(database_path: Path, households: int, at: datetime | None = None):
    """To call after an anonymisation ran on `database_path` (households: how many)."""
    when = (at or clock.now()).isoformat(timespec="seconds")
    _append(Path(database_path).parent / ANONYMISATIONS, {"quand": when, "menages": households})


def record_restore(target: Path, backup_taken_at: datetime, at: datetime | None = None):
    """A backup taken at `backup_taken_at` was restored as `target`."""
    line = {
        "base": Path(target).name,
        "sauvegarde_du": backup_taken_at.isoformat(timespec="seconds"),
        "restauree_le": (at or clock.now()).isoformat(timespec="seconds"),
    }
    _append(Path(target).parent / RESTORES, line)


def anonymisations_to_redo(database_path: Path) -> list[datetime]:
    """The dates of the anonymisations lost by the last restore into this base, or [] when
    there is none or one ran on it since."""
    path = Path(database_path)
    restores = [r for r in _read(path.parent / RESTORES) if r.get("base") == path.name]
    if not restores:
        return []
    backup_at = datetime.fromisoformat(restores[-1]["sauvegarde_du"])
    restored_at = datetime.fromisoformat(restores[-1]["restauree_le"])
    done = [datetime.fromisoformat(a["quand"]) for a in _read(path.parent / ANONYMISATIONS)]
    if any(when > restored_at for when in done):
        return []
    return [when for when in done if backup_at < when <= restored_at]


def _append(journal: Path, line: dict) -> None:
    """One JSON line added; the journal is created 0600 whatever the umask."""
    fd = os.open(journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as file:
        file.write(json.dumps(line, ensure_ascii=False) + "\n")


def _read(journal: Path) -> list[dict]:
    if not journal.is_file():
        return []
    lines = journal.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]

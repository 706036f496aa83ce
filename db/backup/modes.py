"""Files kept on disk readable by the service account only.

Every entry point (serve.py, app.py, cli.py) sets the umask 077 first, so what the app
writes (database, WAL, backups, restored copies, analytics copy, requests, journals,
secrets) is created 0600, its folders 0700. A file made before that, or by another tool,
can still be wider: the start-up check names it with the command that fixes it.
"""

from __future__ import annotations

import shlex
import stat
from pathlib import Path

import config

PRIVATE_UMASK = 0o077
OTHERS = 0o077  # any right of the group or of the other accounts


def wide_paths(database_path: Path, secrets_file: Path | None = None) -> list[Path]:
    """The app's files and folders that another account than the service's can reach:
    the database's folder and everything in it, two levels down (backups/, requests/),
    and the secrets file."""
    folder = Path(database_path).resolve().parent
    candidates = [folder, *_inside(folder, depth=2), secrets_file or config.SECRETS_FILE]
    return [path for path in candidates if _is_wide(path)]


def _inside(folder: Path, depth: int) -> list[Path]:
    if depth == 0 or not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.is_symlink():
            continue
        found.append(path)
        if path.is_dir():
            found.extend(_inside(path, depth - 1))
    return found


def _is_wide(path: Path) -> bool:
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False  # absent (no secrets file yet) or gone meanwhile
    return bool(stat.S_IMODE(mode) & OTHERS)


def wide_paths_warning(paths: list[Path]) -> str | None:
    """The French warning naming the files and folders too widely open, with the chmod
    commands that fix them; None when there is none."""
    if not paths:
        return None
    folders = [p for p in paths if p.is_dir()]
    files = [p for p in paths if not p.is_dir()]
    fixes = [
        f"chmod {mode} {' '.join(shlex.quote(str(p)) for p in group)}"
        for mode, group in (("700", folders), ("600", files))
        if group
    ]
    names = ", ".join(str(p) for p in paths)
    return (
        f"Fichiers ou dossiers lisibles par d'autres comptes que celui du service : {names}. "
        f"Ils contiennent des données personnelles. Corrigez avec : {' ; '.join(fixes)}"
    )


def check_database_files(database_path: Path) -> str | None:
    """The warning for the database's files, or None when all are private."""
    return wide_paths_warning(wide_paths(database_path))

"""`cli.py backup` and `cli.py restore`: what they do and the French lines they print."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from db.backup import channel
from db.backup.restore import restore
from db.backup.take import prune, take_backup
from db.errors import DatabaseOpenError, HabiterError
from db.rules import Actor

HELD = (
    "L'application tient la base : utilisez l'écran Administration › Comptes, "
    "ou arrêtez l'application."
)
NBSP = "\u202f"
CLI = Actor.system("cli")


def cli_backup(args) -> None:
    """`cli.py backup` (args.db, args.wait)."""
    backup(Path(args.db), args.wait, CLI, lambda line: print(line, flush=True))


def cli_restore(args) -> None:
    """`cli.py restore FICHIER [--confirm]` (args.db, args.file, args.confirm)."""
    restore_file(args.file, Path(args.db), args.confirm, print)


def backup(path: Path, wait_seconds: float, actor: Actor, say: Callable[[str], None]) -> Path:
    """Back up by this process when the database is free, else ask the app that holds it;
    the backup's path, printed last. A HabiterError in French otherwise."""
    path = Path(path)
    if not path.is_file():
        raise HabiterError(f"La base {path} n'existe pas : rien à sauvegarder.")
    database = channel.open_unless_held(path)
    if database is not None:
        info = take_backup(database, actor)
        prune_old_copies(database, say)
        answer = {"ok": True, "file": str(info.path), "size": info.size, "rows": info.rows}
        answer |= {"verified": info.verified, "error": info.error}
    else:
        say("L'application tient la base : la sauvegarde lui est demandée…")
        answer = channel.ask_backup(path, wait_seconds)
    if not answer["ok"]:
        raise HabiterError(answer["message"])
    if not answer["verified"]:
        raise HabiterError(
            f"sauvegarde écrite dans {answer['file']} mais non vérifiée : {answer['error']}"
        )
    size = f"{answer['size'] / 1024 / 1024:.1f}".replace(".", ",")
    say(f"Sauvegarde vérifiée ({spaced(answer['rows'])} lignes, {size} Mo) :")
    say(answer["file"])
    return Path(answer["file"])


def prune_old_copies(database, say: Callable[[str], None]) -> None:
    """The retention of the app, applied by `make backup` too (app stopped)."""
    from db.settings import get_setting

    keep = get_setting(database, "backup_keep_days")
    removed = prune(database.path, keep)
    if removed:
        say(f"{len(removed)} copie(s) de plus de {keep} jours supprimée(s).")


def restore_file(file: str, live: Path, confirm: bool, say: Callable[[str], None]) -> Path:
    """Restore `file` into a new file beside `live` (over it with `confirm`); the path."""
    if not file:
        raise HabiterError(
            "Précisez la sauvegarde à restaurer : make restore FILE=data/backups/….duckdb"
        )
    done = restore(Path(file), Path(live), over_live=confirm)
    rows = spaced(sum(done.counts.values()))
    say(f"Sauvegarde lisible : {len(done.counts)} tables, {rows} lignes.")
    if done.replaced is not None:
        say(f"Base restaurée à la place de {done.path} ; l'ancienne est gardée : {done.replaced}")
        say("Relancez l'application.")
    else:
        say(f"Base restaurée dans un nouveau fichier : {done.path}")
        say(f"Pour lancer l'application sur elle : HABITER_DB={done.path} make run")
    return done.path


def unless_held(open_existing: Callable, path):
    """`open_existing(path)`, or the French refusal HELD when another process holds it."""
    try:
        return open_existing(path)
    except DatabaseOpenError as exc:
        if channel.is_lock_error(exc):
            raise HabiterError(HELD) from exc
        raise


def spaced(number: int) -> str:
    return f"{number:,}".replace(",", NBSP)

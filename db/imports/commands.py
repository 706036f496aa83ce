"""`cli.py import FICHIER… [--dry-run] [--refused REFUSÉES.xlsx]`: the dry run, the screen's
report in plain text, and without --dry-run the import, with its progress on stderr."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

from db.connection import Database
from db.errors import HabiterError
from db.french import fr_count, fr_int, os_reason, plain_table
from db.imports import summary
from db.imports.check import check_files
from db.imports.plan import ImportPlan, ImportRefused
from db.imports.template import refused_workbook
from db.imports.write import run_import
from db.rules import Actor

SHOWN = 50  # refused rows and notes printed; the --refused workbook has them all


def cli_import(args, open_database: Callable[[], Database], actor: Actor) -> int:
    """The dry run, its report, and without --dry-run the import; the exit code (cli.py's
    IMPORT_CODES). The files and the --refused path are checked before the database opens."""
    refused_path = checked_refused_path(args.refused, args.files)
    files = import_files(args.files)
    database = open_database()
    print(f"Vérification de {len(files)} fichier(s)…", file=sys.stderr)
    try:
        plan = check_files(database, actor, files, progress=stderr_progress())
    except ImportRefused as exc:
        raise HabiterError(str(exc)) from exc
    print(plan_text(plan, refused_path))
    if refused_path is not None:
        write_refused(refused_path, plan)
    code = 1 if plan.refusals else 0
    if args.dry_run:
        return code
    if not plan.writable:
        print("Rien à écrire : aucune ligne à créer ni à mettre à jour.")
        return code
    print(summary.done_sentence(imported(database, plan, actor)))
    return code


def imported(database: Database, plan: ImportPlan, actor: Actor):
    print("Écriture en une seule transaction…", file=sys.stderr)
    try:
        return run_import(database, actor, plan, progress=stderr_progress())
    except (ImportRefused, HabiterError) as exc:
        raise HabiterError(f"Rien n'a été importé : {exc}") from exc
    except Exception as exc:  # the transaction was rolled back: say so, in French
        raise HabiterError(
            f"Rien n'a été importé : erreur inattendue ({type(exc).__name__}). "
            "Détail technique : relancez avec HABITER_DEBUG=1."
        ) from exc


def checked_refused_path(refused: str | None, files: list[str]) -> Path | None:
    """The workbook of refused rows: an .xlsx in an existing folder, never a file to import
    (it is written over: a re-run must not leave the rows of an earlier one)."""
    if refused is None:
        return None
    path = Path(refused)
    if path.suffix.lower() != ".xlsx":
        raise HabiterError(f"--refused {refused} : un classeur .xlsx est attendu.")
    if not path.resolve().parent.is_dir():
        raise HabiterError(f"--refused {refused} : le dossier {path.parent} n'existe pas.")
    if any(path.resolve() == Path(name).resolve() for name in files):
        raise HabiterError(f"--refused {refused} : c'est un des fichiers à importer.")
    return path


def import_files(names: list[str]) -> list[tuple[str, bytes]]:
    """Each file's name (without its folders, as the screen gives it) and bytes; a file
    over the limit is refused before it is read."""
    files = []
    for name in names:
        path = Path(name)
        try:
            if not path.exists():
                raise HabiterError(f"« {name} » : fichier introuvable.")
            if not path.is_file():
                raise HabiterError(f"« {name} » n'est pas un fichier ordinaire.")
            summary.refuse_if_too_big(path.name, path.stat().st_size)
            files.append((path.name, path.read_bytes()))
        except OSError as exc:
            raise HabiterError(f"Impossible de lire « {name} » : {os_reason(exc)}.") from exc
        except ImportRefused as exc:
            raise HabiterError(str(exc)) from exc
    return files


def stderr_progress():
    """The engine's progress on stderr: one line redrawn on a terminal, one line per step
    otherwise (a log, or a program that waits for « Écriture »)."""
    redraw = sys.stderr.isatty()
    shown = [""]

    def report(done: int, total: int, what: str) -> None:
        words = f"  {summary.progress_words(done, total, what)}"
        if redraw:
            end = "\n" if total and done >= total else ""
            print(f"\r{words.ljust(len(shown[0]))}", end=end, file=sys.stderr, flush=True)
        else:
            print(words, file=sys.stderr, flush=True)
        shown[0] = words

    return report


def plan_text(plan: ImportPlan, refused_path: Path | None) -> str:
    """The screen's report of the dry run, in plain text: counts, ignored columns, notes,
    refused rows (the first SHOWN)."""
    lines = [f"Rapport de vérification de « {plain(plan.file_name)} »", ""]
    lines += [plain_table(summary.PLAN_HEADERS, summary.count_rows(plan.counts)), ""]
    lines += [summary.plan_sentence(plan)]
    lines += [plain(line) for line in summary.ignored_lines(plan)]
    lines += [plain(note) for note in plan.notes[:SHOWN]]
    if len(plan.notes) > SHOWN:
        lines.append(f"… et {fr_count(len(plan.notes) - SHOWN, 'autre remarque')}.")
    return "\n".join(lines + ["", *refusals_text(plan, refused_path)])


def refusals_text(plan: ImportPlan, refused_path: Path | None) -> list[str]:
    total = len(plan.refusals)
    if not total:
        return ["Aucune ligne refusée."]
    rows = [[plain(cell) for cell in summary.refusal_row(r)] for r in plan.refusals[:SHOWN]]
    lines = [f"{fr_count(total, 'ligne refusée', 'lignes refusées')} :", ""]
    lines.append(plain_table(summary.REFUSAL_HEADERS, rows))
    if total > SHOWN:
        lines.append(f"… et {fr_int(total - SHOWN)} autres.")
    if refused_path is None:
        lines.append("Toutes les lignes refusées, avec leur « Motif » : --refused FICHIER.xlsx")
    return lines


def write_refused(path: Path, plan: ImportPlan) -> None:
    try:
        path.write_bytes(refused_workbook(plan))
    except OSError as exc:
        raise HabiterError(f"Impossible d'écrire {path} : {os_reason(exc)}.") from exc
    print(f"Lignes refusées, avec leur « Motif » : {path}")


def plain(text: str) -> str:
    """A file's text as typed, minus what a terminal would obey (escapes, line breaks)."""
    return "".join(
        "\N{REPLACEMENT CHARACTER}" if unicodedata.category(c) in ("Cc", "Cf") else c for c in text
    )

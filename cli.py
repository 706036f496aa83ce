"""Habiter on the command line: databases (demo, init, check, backup, restore), secrets,
accounts, imports.

The command line only parses arguments and calls db/; run `python cli.py --help`.
Every error ends as one French line on stderr and a non-zero exit code. The input is
checked before anything is created, and the English of a library (argparse, pydantic,
DuckDB, the system) is never shown; HABITER_DEBUG=1 adds the technical detail.
"""

from __future__ import annotations

import os

os.umask(0o077)  # first of all: what the app writes is the service account's only (0600, 0700)

import argparse
import getpass
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import config
import queries
from db import settings
from db.accounts import users
from db.accounts.commands import check_password, new_user, parse_roles
from db.backup import commands as backups
from db.backup.channel import is_lock_error
from db.backup.modes import check_database_files
from db.connection import Database, check_path, close_database, open_database
from db.demo import generate as demo
from db.errors import DatabaseOpenError, HabiterError, ValidationFailed
from db.french import NBSP, fr_int, os_reason, plain_table, users_table
from db.rules import ROLES, Actor

# ASSOCIATION: (option of init, setting, French label) of the association's name and town.
ASSOCIATION = (
    ("association", "association_name", "Nom de l'association"),
    ("town", "association_town", "Commune de l'association"),
)
MAX_HOUSEHOLDS = 5_000_000


def system_account() -> str:
    """Who runs the command, as the system knows them: the journal's « who »."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return f"uid {os.getuid()}"


CLI = Actor.system(f"cli ({system_account()})")


def cmd_check(args) -> None:
    existing_database(args.db)
    print(f"Base prête : {args.db}")
    warning = check_database_files(Path(args.db))
    if warning:
        print(f"Attention : {warning}")


def cmd_demo(args) -> None:
    path = Path(args.db)
    if path.exists():
        if args.if_missing:
            existing_database(path)  # checks it and applies new migrations
            print(f"Base de démonstration existante : {path}")
            return
        raise HabiterError(f"{path} existe déjà : supprimez-le ou choisissez un autre chemin.")
    started = time.perf_counter()
    try:
        with new_database(path) as database:
            demo.create_demo_database(database, args.households, args.seed, progress=_progress)
            settings.set_association(database, CLI, *settings.DEMO_ASSOCIATION)
    finally:
        print()  # ends the progress line
    seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    print(f"Base de démonstration créée : {path} ({fr_int(args.households)} ménages, {seconds} s)")


def _progress(done: int, total: int) -> None:
    print(f"\r  {fr_int(done)}/{fr_int(total)} ménages", end="", flush=True)


def cmd_init(args) -> None:
    path = Path(args.db)
    if path.exists():
        raise HabiterError(f"{path} existe déjà : Habiter ne l'écrase pas.")
    name, town = (asked_text(args, option, key, label) for option, key, label in ASSOCIATION)
    password, typed = (args.password, True) if args.password else _ask_password()
    admin = new_user(args.admin, args.name, args.email, "admin", password)
    with new_database(path) as database:
        users.create_user(database, CLI, admin)
        settings.set_association(database, CLI, name, town)
    print(f"Base de production créée : {path}")
    print(f"Association : {name}, {town}")
    print(f"Compte administrateur : {args.admin}")
    if not typed:
        print(f"Mot de passe (affiché une seule fois) : {password}")


def asked_text(args, option: str, key: str, label: str) -> str:
    """An option's text, else asked on a terminal, checked as the setting `key` is."""
    typed = getattr(args, option)
    if typed is None and sys.stdin.isatty():
        typed = input(f"{label} : ")
    if typed is None:
        raise HabiterError(f"{label} : à préciser avec --{option}.")
    try:
        return settings.tidy_text(key, typed)
    except ValidationFailed as exc:
        raise HabiterError(f"{label} : {settings.limits_text(key).lower()}") from exc


def _ask_password() -> tuple[str, bool]:
    """Asked on a terminal, else generated; and whether the person typed it (a password
    typed is never shown again; a generated one is, once, by the caller)."""
    if sys.stdin.isatty():
        first = getpass.getpass("Mot de passe de l'administrateur (vide : généré) : ")
        if first:
            check_password(first)
            if first != getpass.getpass("Confirmez : "):
                raise HabiterError("Les deux mots de passe diffèrent.")
            return first, True
    return users.generate_password(), False


def cmd_secrets(_args) -> None:
    config.ensure_secrets()
    config.cookie_key()
    config.backup_key()
    print(f"Secrets présents dans {config.SECRETS_FILE}")


# --- Accounts: each action checks its input, then opens the database --------------------


def account_database(path: str | Path) -> Database:
    """The database for an account command; a clear French refusal while the app holds it."""
    return backups.unless_held(existing_database, path)


def user_list(args) -> None:
    print(accounts_text(queries.run(account_database(args.db), "users/list_users")))


def user_add(args) -> None:
    password = args.password or users.generate_password(args.username)
    account = new_user(args.username, args.name, args.email, args.roles, password)
    users.create_user(account_database(args.db), CLI, account)
    print(f"Compte créé : {args.username} ; {password_said(args.password, password)}")


def user_roles(args) -> None:
    roles = parse_roles(args.roles)
    users.set_roles(account_database(args.db), CLI, args.username, roles)
    print(f"Rôles de {args.username} : {', '.join(roles)} (inscrit au journal des modifications)")


def user_reset_password(args) -> None:
    password = args.password or users.generate_password(args.username)
    check_password(password)
    users.reset_password(account_database(args.db), CLI, args.username, password)
    print(f"Mot de passe de {args.username} remplacé ; {password_said(args.password, password)}")


def password_said(typed: str | None, password: str) -> str:
    """A password the person typed is never printed back; a generated one is, once."""
    if typed:
        return "mot de passe choisi, non affiché"
    return f"mot de passe (affiché une seule fois) : {password}"


def user_set_active(args) -> None:
    active = args.action == "enable"
    users.set_active(account_database(args.db), CLI, args.username, active)
    print(f"Compte {args.username} {'réactivé' if active else 'désactivé'}")


# --- Import of the association's spreadsheets (db/imports/commands.py) ----------------------

IMPORT_HELD = (
    "L'application tient la base : importez par l'écran Administration › Import, "
    "ou arrêtez l'application."
)
IMPORT_ABOUT = """\
Vérifie chaque ligne avec les règles des formulaires et affiche le même rapport que
l'écran Administration › Import ; puis, sans --dry-run, importe les lignes acceptées en
une seule transaction (tout ou rien). Les lignes refusées sont laissées de côté, comme à
l'écran : corrigez-les dans le classeur de --refused, puis importez-le à nouveau."""
IMPORT_CODES = """codes de sortie :
  0  import fait, ou vérification (--dry-run) sans ligne refusée
  1  des lignes refusées : sans --dry-run, les lignes acceptées sont tout de même importées
  2  rien n'est écrit : fichier refusé en entier (trop gros, pas un tableur, colonne
     obligatoire absente…), fichier illisible, base indisponible ou erreur"""


def cmd_import(args) -> int:
    """`cli.py import` (db/imports/commands.py says what it does and its exit codes)."""
    # The engine and its workbooks take half a second to import: for this command only
    # (`make run` calls cli.py twice at each start).
    from db.imports import commands as imports

    return imports.cli_import(args, lambda: import_database(args.db), CLI)


def import_database(path: str | Path) -> Database:
    """The database to import into; a clear French refusal while the app holds it."""
    try:
        return existing_database(path)
    except DatabaseOpenError as exc:
        if is_lock_error(exc):
            raise HabiterError(IMPORT_HELD) from exc
        raise


# --- Input, checked in French before anything is written ----------------------------------


def whole_number(low: int, high: int, what: str):
    """An argparse type: a whole number from low to high, else a French message."""

    def parse(text: str) -> int:
        try:
            value = int(text.replace(" ", "").replace(NBSP, ""))
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            span = f"de {fr_int(low)} à {fr_int(high)}"
            raise argparse.ArgumentTypeError(f"« {text} » : {what}, {span}")
        return value

    return parse


# --- Database files ------------------------------------------------------------------------


def existing_database(path: str | Path) -> Database:
    """The database at `path`, which must exist; a device, a pipe or a socket is refused
    before DuckDB writes to it."""
    path = Path(path)
    if path.exists() and not path.is_file() and not path.is_dir():
        raise HabiterError(f"{path} n'est pas un fichier ordinaire, donc pas une base Habiter.")
    return open_database(path)


@contextmanager
def new_database(path: Path) -> Iterator[Database]:
    """A database file created for this command, once the folder is known to take it; it
    disappears if the command fails, so that a retry is not refused as « existe déjà »."""
    _check_can_create(path)
    try:
        yield open_database(path, create=True)
    except BaseException:
        close_database(path)
        for leftover in (path, path.with_name(path.name + ".wal")):
            leftover.unlink(missing_ok=True)
        raise


def _check_can_create(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HabiterError(f"Impossible de créer le dossier {folder} : {os_reason(exc)}.") from exc
    check_path(path)
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        message = f"Habiter ne peut pas créer de fichier dans {folder} : {os_reason(exc)}."
        raise HabiterError(message) from exc


# --- French output -------------------------------------------------------------------------


def accounts_text(accounts) -> str:
    """The accounts as the « Comptes » screen shows them, in plain text."""
    table = users_table(accounts)
    if table.is_empty():
        return "Aucun compte."
    rows = [[str(cell) for cell in row] for row in table.rows()]
    return plain_table(table.columns, rows) + f"\n\n{len(rows)} compte(s)"


# --- Arguments -----------------------------------------------------------------------------

# argparse's own sentences that this parser can print, in French, in the wording of the
# Python version below (tests/test_patches.py checks each is still argparse's).
ARGPARSE_PYTHON = (3, 11)
ARGPARSE_FRENCH = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "show this help message and exit": "afficher cette aide et quitter",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s : %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "« %(value)s » inconnu (%(choices)s)",
    "the following arguments are required: %s": "à préciser : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "expected one argument": "une valeur est attendue",
    "ignored explicit argument %r": "valeur %r refusée",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s ambiguë : %(matches)s",
}
ROLES_HELP = f"séparés par des virgules, parmi : {', '.join(ROLES)}"


def french_argparse() -> None:
    """The one patch of the command line: argparse builds its messages through its
    module's `_` (gettext), looked up at each message."""
    argparse._ = lambda text: ARGPARSE_FRENCH.get(text, text)


class FrenchParser(argparse.ArgumentParser):
    def error(self, message: str):
        self.exit(2, f"Erreur : {message}. Aide : python {self.prog} --help\n")


def parser() -> argparse.ArgumentParser:
    french_argparse()
    main = FrenchParser(prog="cli.py", description="Habiter en ligne de commande")
    main.add_argument(
        "--db", default=str(config.database_path()), metavar="FICHIER", help="fichier DuckDB"
    )
    sub = main.add_subparsers(dest="command", required=True, metavar="commande")
    command(sub, "check", "ouvrir la base et appliquer les migrations", cmd_check)
    demo_cmd = command(sub, "demo", "créer une base de démonstration", cmd_demo)
    households = whole_number(1, MAX_HOUSEHOLDS, "un nombre entier de ménages")
    demo_cmd.add_argument("--households", type=households, default=1500, metavar="N")
    demo_cmd.add_argument("--seed", type=whole_number(0, 10**9, "un nombre entier"), default=42)
    demo_cmd.add_argument("--if-missing", action="store_true", help="seulement si absente")
    init = command(sub, "init", "créer une base de production vide avec un admin", cmd_init)
    init.add_argument("--admin", default="admin", metavar="IDENTIFIANT", help="administrateur")
    init.add_argument("--name", default="Administrateur", metavar="NOM", help="nom affiché")
    init.add_argument("--email", metavar="E-MAIL", help="adresse e-mail")
    init.add_argument("--password", metavar="MOT_DE_PASSE", help="sinon demandé ou généré")
    init.add_argument("--association", metavar="NOM", help="nom de l'association, sinon demandé")
    init.add_argument("--town", metavar="COMMUNE", help="sa commune, sinon demandée")
    command(sub, "secrets", "créer les secrets manquants", cmd_secrets)
    add_user_commands(sub.add_parser("user", help="gérer les comptes"))
    backup = command(sub, "backup", "sauvegarder (via l'app si elle tourne)", backups.cli_backup)
    seconds = whole_number(1, 3600, "un nombre entier de secondes")
    backup.add_argument("--wait", type=seconds, default=120, metavar="SECONDES", help="au plus")
    restoring = command(sub, "restore", "restaurer une sauvegarde", backups.cli_restore)
    restoring.add_argument("file", metavar="FICHIER", help="la sauvegarde à restaurer")
    restoring.add_argument("--confirm", action="store_true", help="par-dessus la base")
    add_import_command(sub)
    return main


def add_import_command(sub) -> None:
    importing = command(sub, "import", "importer des tableurs (.xlsx, .csv)", cmd_import)
    importing.description = IMPORT_ABOUT
    importing.epilog = IMPORT_CODES
    importing.formatter_class = argparse.RawDescriptionHelpFormatter
    importing.add_argument(
        "files",
        nargs="+",
        metavar="FICHIER",
        help="un classeur .xlsx, ou des fichiers .csv (un par feuille, séparateur « ; »)",
    )
    importing.add_argument("--dry-run", action="store_true", help="vérifier sans rien écrire")
    importing.add_argument(
        "--refused", metavar="REFUSÉES.xlsx", help="y écrire les lignes refusées et leur motif"
    )
    importing.set_defaults(error_code=2)


def add_user_commands(user: argparse.ArgumentParser) -> None:
    actions = user.add_subparsers(dest="action", required=True, metavar="action")
    command(actions, "list", "lister les comptes", user_list)
    add = account_command(actions, "add", "créer un compte", user_add)
    add.add_argument("--name", metavar="NOM", help="nom affiché (par défaut l'identifiant)")
    add.add_argument("--email", metavar="E-MAIL", help="adresse e-mail")
    add.add_argument("--roles", required=True, metavar="RÔLES", help=ROLES_HELP)
    add.add_argument("--password", metavar="MOT_DE_PASSE", help="sinon généré et affiché")
    roles = account_command(actions, "roles", "remplacer les rôles d'un compte", user_roles)
    roles.add_argument("--roles", required=True, metavar="RÔLES", help=ROLES_HELP)
    reset = account_command(actions, "reset-password", "nouveau mot de passe", user_reset_password)
    reset.add_argument("--password", metavar="MOT_DE_PASSE", help="sinon généré et affiché")
    account_command(actions, "disable", "désactiver un compte", user_set_active)
    account_command(actions, "enable", "réactiver un compte", user_set_active)


def command(commands, name: str, description: str, run) -> argparse.ArgumentParser:
    parser_of_command = commands.add_parser(name, help=description)
    parser_of_command.set_defaults(run=run)
    return parser_of_command


def account_command(actions, name: str, description: str, run) -> argparse.ArgumentParser:
    parser_of_action = command(actions, name, description, run)
    parser_of_action.add_argument("username", metavar="identifiant")
    return parser_of_action


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    error_code = getattr(args, "error_code", 1)  # import: 1 says « rows refused », so 2
    try:
        code = args.run(args)
    except (HabiterError, config.ConfigError) as exc:
        return fail(french_only(exc), exc, code=error_code)
    except KeyboardInterrupt as exc:
        return fail("interrompu.", exc, code=130)
    except Exception as exc:  # never a traceback, never a library's English
        return fail(f"erreur inattendue ({type(exc).__name__}).", exc, code=error_code)
    finally:
        close_database(args.db)
    return code or 0  # a command may say its own code (import); the others return None


def french_only(exc: Exception) -> str:
    """A Habiter error's message, without the English of the DuckDB error it may quote."""
    message, cause = str(exc), str(exc.__cause__ or "")
    if isinstance(exc, DatabaseOpenError) and cause and cause in message:
        return message.replace(cause, "").rstrip(" :.") + " : fichier refusé par DuckDB."
    return message


def fail(message: str, exc: BaseException, code: int = 1) -> int:
    """One French line on stderr; the technical detail only when HABITER_DEBUG is set."""
    if os.environ.get("HABITER_DEBUG"):
        traceback.print_exception(exc)
    elif not isinstance(exc, HabiterError | config.ConfigError | KeyboardInterrupt):
        message += " Détail technique : relancez avec HABITER_DEBUG=1."
    print(f"Erreur : {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())

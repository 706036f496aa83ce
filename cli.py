"""Habiter on the command line: databases (demo, init, check), secrets and user accounts.

The command line only parses arguments and calls db/; run `python cli.py --help`.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from pathlib import Path

import config
import queries
from db.accounts import users
from db.connection import close_database, open_database
from db.demo import generate as demo
from db.errors import HabiterError
from db.rules import Actor

CLI = Actor.system("cli")


def cmd_check(args) -> None:
    open_database(args.db)
    print(f"Base prête : {args.db}")


def cmd_demo(args) -> None:
    path = Path(args.db)
    if path.exists():
        if args.if_missing:
            open_database(path)  # checks it and applies new migrations
            print(f"Base de démonstration existante : {path}")
            return
        raise HabiterError(f"{path} existe déjà : supprimez-le ou choisissez un autre chemin.")
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    database = open_database(path, create=True)
    demo.create_demo_database(database, args.households, args.seed, progress=_progress)
    print(
        f"\nBase de démonstration créée : {path} ({args.households} ménages, "
        f"{time.perf_counter() - started:.1f} s)"
    )


def _progress(done: int, total: int) -> None:
    print(f"\r  {done}/{total} ménages", end="", flush=True)


def cmd_init(args) -> None:
    path = Path(args.db)
    if path.exists():
        raise HabiterError(f"{path} existe déjà : Habiter ne l'écrase pas.")
    password = args.password or _ask_password()
    database = open_database(path, create=True)
    users.create_user(
        database,
        CLI,
        users.NewUser(
            username=args.admin,
            display_name=args.name,
            email=args.email,
            roles=["admin"],
            password=password,
        ),
    )
    print(f"Base de production créée : {path}")
    print(f"Compte administrateur : {args.admin}")
    if not args.password:
        print(f"Mot de passe (affiché une seule fois) : {password}")


def _ask_password() -> str:
    """Asked on a terminal; generated otherwise (and printed once by the caller)."""
    if sys.stdin.isatty():
        first = getpass.getpass("Mot de passe de l'administrateur (vide : généré) : ")
        if first and first != getpass.getpass("Confirmez : "):
            raise HabiterError("Les deux mots de passe diffèrent.")
        if first:
            return first
    return users.generate_password()


def cmd_secrets(_args) -> None:
    config.ensure_secrets()
    config.cookie_key()
    print(f"Secrets présents dans {config.SECRETS_FILE}")


def cmd_user(args) -> None:
    database = open_database(args.db)
    if args.action == "list":
        print(queries.run(database, "users/list_users"))
    elif args.action == "add":
        password = args.password or users.generate_password()
        users.create_user(
            database,
            CLI,
            users.NewUser(
                username=args.username,
                display_name=args.name or args.username,
                email=args.email,
                roles=args.roles.split(","),
                password=password,
            ),
        )
        print(f"Compte créé : {args.username} ; mot de passe : {password}")
    elif args.action == "roles":
        users.set_roles(database, CLI, args.username, args.roles.split(","))
        print(f"Rôles de {args.username} : {args.roles}")
    elif args.action == "reset-password":
        password = args.password or users.generate_password()
        users.reset_password(database, CLI, args.username, password)
        print(f"Nouveau mot de passe de {args.username} : {password}")
    else:
        users.set_active(database, CLI, args.username, args.action == "enable")
        print(f"Compte {args.username} {'réactivé' if args.action == 'enable' else 'désactivé'}")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="habiter", description="Habiter en ligne de commande")
    main.add_argument("--db", default=str(config.database_path()), help="fichier DuckDB")
    sub = main.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="ouvrir la base et appliquer les migrations")
    demo_cmd = sub.add_parser("demo", help="créer une base de démonstration")
    demo_cmd.add_argument("--households", type=int, default=1500)
    demo_cmd.add_argument("--seed", type=int, default=42)
    demo_cmd.add_argument("--if-missing", action="store_true")
    init = sub.add_parser("init", help="créer une base de production vide avec un admin")
    init.add_argument("--admin", default="admin")
    init.add_argument("--name", default="Administrateur")
    init.add_argument("--email", default=None)
    init.add_argument("--password", default=None)
    sub.add_parser("secrets", help="créer les secrets manquants")
    user = sub.add_parser("user", help="gérer les comptes")
    user.add_argument(
        "action", choices=["list", "add", "roles", "reset-password", "disable", "enable"]
    )
    user.add_argument("username", nargs="?")
    user.add_argument("--name")
    user.add_argument("--email")
    user.add_argument("--roles", default="")
    user.add_argument("--password")
    return main


COMMANDS = {
    "check": cmd_check,
    "demo": cmd_demo,
    "init": cmd_init,
    "secrets": cmd_secrets,
    "user": cmd_user,
}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "user" and args.action != "list" and not args.username:
        print("Erreur : précisez l'identifiant du compte.", file=sys.stderr)
        return 2
    try:
        COMMANDS[args.command](args)
    except (HabiterError, config.ConfigError, ValueError) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    finally:
        close_database(args.db)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Where the database lives and the secrets the app needs, from the environment or files.

Secrets are generated on first run when missing and never committed
(.streamlit/secrets.toml is git-ignored).
"""

from __future__ import annotations

import os
import secrets
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent
SECRETS_FILE = ROOT / ".streamlit" / "secrets.toml"
DEFAULT_DB = ROOT / "data" / "demo.duckdb"
# The key streamlit-authenticator ships with, and other keys nobody should run with.
REFUSED_KEYS = frozenset({"some_key", "some_signature_key", "random_signature_key", ""})
MIN_KEY_LENGTH = 32


class ConfigError(Exception):
    """A setting is missing or unsafe; the message is French and says how to fix it."""


def database_path() -> Path:
    return Path(os.environ.get("HABITER_DB", DEFAULT_DB))


def read_secrets(path: Path = SECRETS_FILE) -> dict:
    if not path.exists():
        return {}
    with path.open("rb") as file:
        return tomllib.load(file)


def ensure_secrets(path: Path = SECRETS_FILE) -> dict:
    """Create the missing secrets (cookie key, pseudonymisation salt, backup key) and return
    them all."""
    values = read_secrets(path)
    missing = {
        name: secrets.token_urlsafe(48)
        for name in ("cookie_key", "pseudonymisation_salt", "backup_key")
        if name not in values
    }
    if missing:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as file:
            for name, value in missing.items():
                file.write(f'{name} = "{value}"\n')
        path.chmod(0o600)
    return {**values, **missing}


def cookie_key() -> str:
    """The key that signs login cookies: environment first, then secrets.toml."""
    key = os.environ.get("HABITER_COOKIE_KEY") or ensure_secrets().get("cookie_key", "")
    if key in REFUSED_KEYS or len(key) < MIN_KEY_LENGTH:
        raise ConfigError(
            "La clé des cookies de connexion est absente, trop courte ou connue de tous. "
            f"Supprimez-la de {SECRETS_FILE} pour en générer une, ou définissez "
            f"HABITER_COOKIE_KEY (au moins {MIN_KEY_LENGTH} caractères)."
        )
    return key


def backup_key(create: bool = True) -> str:
    """The key that encrypts backups: environment first, then secrets.toml (created there
    when missing and `create`; a restore never creates one, it could not decrypt)."""
    key = os.environ.get("HABITER_BACKUP_KEY") or (
        ensure_secrets() if create else read_secrets(SECRETS_FILE)
    ).get("backup_key", "")
    if len(key) < MIN_KEY_LENGTH:
        raise ConfigError(
            "La clé des sauvegardes est absente ou trop courte : définissez HABITER_BACKUP_KEY "
            f"(au moins {MIN_KEY_LENGTH} caractères) ou remettez backup_key dans "
            f"{SECRETS_FILE}, la clé du serveur qui a fait la sauvegarde."
        )
    return key

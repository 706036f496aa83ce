"""Backups encrypted with AES-256-GCM, streamed in authenticated chunks.

DuckDB's own encryption cannot write securely here (it needs the httpfs extension, which
cannot be downloaded), so the backup file is encrypted as a whole. A base can weigh
gigabytes: the file is read and written one chunk (1 Mio) at a time. Layout:

    MAGIC (16 bytes) | salt (32 bytes) | key check (16 bytes) | chunk 0 | chunk 1 | …

Each file has its own key, derived (HKDF-SHA256) from the backup key of the secrets and
the file's random salt, so nonces never repeat across files. A chunk's nonce is its index
(11 bytes) and a last-chunk flag (1 byte), and the header is its associated data: chunks
cannot be reordered, dropped, truncated or moved to another file without the decryption
failing. The key check (HMAC of the file key) tells a wrong key from a tampered file.
"""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from db.errors import HabiterError

MAGIC = b"HABITER-CHIFFRE1"
SALT_BYTES = 32
CHECK_BYTES = 16
HEADER_BYTES = len(MAGIC) + SALT_BYTES + CHECK_BYTES
CHUNK = 1024 * 1024
TAG = 16
WRONG_KEY = (
    "La clé des sauvegardes ne correspond pas à ce fichier : utilisez la clé du serveur "
    "qui l'a écrit (HABITER_BACKUP_KEY ou backup_key dans .streamlit/secrets.toml)."
)
TAMPERED = "Le fichier de sauvegarde a été modifié ou tronqué : il est refusé."


def is_encrypted(path: Path) -> bool:
    """Whether the file starts as an encrypted Habiter backup."""
    with Path(path).open("rb") as file:
        return file.read(len(MAGIC)) == MAGIC


def encrypt_file(plain: Path, target: Path, secret: str) -> None:
    """Write `plain` encrypted into the new file `target` (0600 by the process umask)."""
    salt = secrets.token_bytes(SALT_BYTES)
    key = _file_key(secret, salt)
    header = MAGIC + salt + _key_check(key)
    cipher = AESGCM(key)
    with Path(plain).open("rb") as source, _private_new(target) as out:
        out.write(header)
        for index, chunk, last in _chunks(source, CHUNK):
            out.write(cipher.encrypt(_nonce(index, last), chunk, header))
        out.flush()
        os.fsync(out.fileno())


def decrypt_file(encrypted: Path, target: Path, secret: str) -> None:
    """Write the decrypted `encrypted` into the new file `target`; a French HabiterError
    for a wrong key or a modified file (the partial target is then removed)."""
    with Path(encrypted).open("rb") as source:
        header = source.read(HEADER_BYTES)
        cipher = _checked_cipher(header, secret)
        with _private_new(target) as out:
            try:
                for index, chunk, last in _chunks(source, CHUNK + TAG):
                    out.write(_open_chunk(cipher, index, chunk, last, header))
            except BaseException:
                Path(target).unlink(missing_ok=True)  # no half-decrypted file left
                raise


def _private_new(path: Path) -> BinaryIO:
    """A new file, readable by the service account only whatever the umask."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def _checked_cipher(header: bytes, secret: str) -> AESGCM:
    if len(header) < HEADER_BYTES or not header.startswith(MAGIC):
        raise HabiterError("Ce fichier n'est pas une sauvegarde chiffrée d'Habiter.")
    salt = header[len(MAGIC) : len(MAGIC) + SALT_BYTES]
    key = _file_key(secret, salt)
    if not hmac.compare_digest(header[-CHECK_BYTES:], _key_check(key)):
        raise HabiterError(WRONG_KEY)
    return AESGCM(key)


def _open_chunk(cipher: AESGCM, index: int, chunk: bytes, last: bool, header: bytes) -> bytes:
    try:
        return cipher.decrypt(_nonce(index, last), chunk, header)
    except InvalidTag as exc:
        raise HabiterError(TAMPERED) from exc


def _chunks(source: BinaryIO, size: int) -> Iterator[tuple[int, bytes, bool]]:
    """(index, bytes, is_last) of each chunk; an empty file gives one empty last chunk."""
    index, current = 0, source.read(size)
    while True:
        following = source.read(size)
        yield index, current, not following
        if not following:
            return
        index, current = index + 1, following


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _file_key(secret: str, salt: bytes) -> bytes:
    info = b"habiter-sauvegarde-v1"
    kdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info)
    return kdf.derive(secret.encode("utf-8"))


def _key_check(key: bytes) -> bytes:
    return hmac.digest(key, b"habiter-verification-de-cle", "sha256")[:CHECK_BYTES]

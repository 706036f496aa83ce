"""The password rules, in one place: every screen, the command line and the model use them.

At least 12 characters, at most 72 bytes (bcrypt reads no further), not the username nor
containing it, not one of the common passwords below. Each refusal is one French sentence.
"""

from __future__ import annotations

MIN_PASSWORD = 12
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further, and refuses longer passwords

# Passwords tried first by anyone guessing, of 12 characters or more (shorter ones are
# refused anyway). Compared without case, spaces or hyphens.
COMMON_PASSWORDS = frozenset(
    {
        "123456789012",
        "1234567890123",
        "12345678901234",
        "123456123456",
        "111111111111",
        "000000000000",
        "azertyuiop12",
        "azertyuiop123",
        "azertyuiopqs",
        "azertyazerty",
        "qwertyuiop12",
        "qwertyuiop123",
        "qwertyqwerty",
        "motdepasse12",
        "motdepasse123",
        "motdepasse1234",
        "motdepasse2024",
        "motdepasse2025",
        "motdepasse2026",
        "monmotdepasse",
        "password1234",
        "password12345",
        "password123456",
        "passwordpassword",
        "motdepassemotdepasse",
        "bonjour12345",
        "bonjourbonjour",
        "soleil123456",
        "doudou123456",
        "chouchou1234",
        "marseille1234",
        "marseille2024",
        "parisparis12",
        "iloveyou1234",
        "jetaime12345",
        "jetaimejetaime",
        "abcdefghijkl",
        "abcdef123456",
        "abc123abc123",
        "aaaaaaaaaaaa",
        "administrateur",
        "administrator",
        "admin1234567",
        "adminadmin12",
        "bienvenue123",
        "bienvenue1234",
        "welcome12345",
        "changeme1234",
        "habiter12345",
        "habiterhabiter",
        "association1",
        "association12",
        "association123",
    }
)


def _plain(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch not in " -_.")


def password_refusal(password: str, username: str | None = None) -> str | None:
    """Why a password cannot be used, in French, or None."""
    if len(password) < MIN_PASSWORD:
        return f"Le mot de passe compte au moins {MIN_PASSWORD} caractères."
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        return (
            f"Le mot de passe est trop long : {MAX_PASSWORD_BYTES} octets au plus "
            f"({MAX_PASSWORD_BYTES} caractères sans accents, moins avec)."
        )
    if username and username.casefold() in password.casefold():
        return "Le mot de passe ne doit pas contenir l'identifiant."
    if _plain(password) in COMMON_PASSWORDS:
        return "Ce mot de passe est trop courant : choisissez-en un autre."
    return None

"""The password rules of db/accounts/passwords.py, as every screen and the command line apply
them: 12 characters at least, 72 bytes at most, not the username, not a common password."""

import pytest
from pydantic import ValidationError

from db.accounts import users
from db.accounts.passwords import COMMON_PASSWORDS, MIN_PASSWORD, password_refusal
from db.demo.generate import DEMO_PASSWORD
from db.errors import ValidationFailed


@pytest.mark.parametrize(
    ("password", "username", "refusal"),
    [
        ("court", None, "au moins 12 caractères"),
        ("onze-signes", None, "au moins 12 caractères"),  # 11 characters
        ("a" * 73, None, "72 octets au plus"),
        ("é" * 37, None, "72 octets au plus"),  # 37 characters, 74 bytes
        ("marie.dupont", "marie.dupont", "ne doit pas contenir l'identifiant"),
        ("Mon-MARIE-de-2026", "marie", "ne doit pas contenir l'identifiant"),
        ("motdepasse123", None, "trop courant"),
        ("azertyuiop12", None, "trop courant"),
        ("123456789012", None, "trop courant"),
        ("Password1234", None, "trop courant"),  # case does not help
        ("mot-de-passe-123", None, "trop courant"),  # nor hyphens
    ],
)
def test_a_bad_password_is_refused_with_its_french_reason(password, username, refusal):
    assert refusal in password_refusal(password, username)


@pytest.mark.parametrize(
    ("password", "username"),
    [
        ("douze-signes", None),  # exactly 12
        ("é" * 36, None),  # 72 bytes
        (DEMO_PASSWORD, "admin"),  # the demo's shared password still signs in
        ("le chat dort au soleil", "marie"),
        ("marie-pas-la", "mari.e"),
    ],
)
def test_a_good_password_is_accepted(password, username):
    assert password_refusal(password, username) is None


def test_the_common_list_is_short_and_long_enough_to_matter():
    assert 40 <= len(COMMON_PASSWORDS) <= 80
    assert all(len(p) >= MIN_PASSWORD for p in COMMON_PASSWORDS)  # shorter ones fail anyway


def test_the_model_refuses_a_password_holding_the_username():
    with pytest.raises(ValidationError, match="identifiant"):
        users.NewUser(
            username="lea", display_name="Léa", roles=["accueil"], password="lea-est-la-2026"
        )


def test_reset_applies_the_rules_too(database, admin):
    users.create_user(
        database,
        admin,
        users.NewUser(username="lea", display_name="Léa", roles=["accueil"], password="x" * 14),
    )
    for bad in ("court", "lea-lea-lea-lea", "azertyuiop12"):
        with pytest.raises(ValidationFailed):
            users.reset_password(database, admin, "lea", bad)


@pytest.mark.parametrize("username", [None, "ab", "x1"])
def test_generated_passwords_pass_the_rules(username):
    for _ in range(50):
        assert password_refusal(users.generate_password(username), username) is None

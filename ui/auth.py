"""Sign-in, lockout and sign-out, with streamlit-authenticator over the users table."""

from __future__ import annotations

import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities.exceptions import LoginError

import config
import queries
from db import clock
from db.accounts import users
from db.audit import log_access, log_login_failure
from ui import patches
from ui.session import SIGNED_IN_AT, end_session

COOKIE_NAME = "habiter_session"
COOKIE_DAYS = 1.0
LOGIN_FIELDS = {
    "Form name": "Connexion",
    "Username": "Identifiant",
    "Password": "Mot de passe",
    "Login": "Se connecter",
}
LOCKED_MESSAGE = (
    "Compte verrouillé pendant 15 minutes après 5 échecs de connexion. Réessayez plus tard "
    "ou demandez à un administrateur de réinitialiser votre mot de passe."
)


def credentials(database) -> dict:
    """The library's credentials dict, read from the active accounts.

    A locked account is given the maximum of failed attempts, so that the library
    refuses it before even checking the password.
    """
    now = clock.now()
    found = {}
    for user in queries.run(database, "users/credentials").iter_rows(named=True):
        found[user["username"]] = {
            "name": user["display_name"],
            "email": user["email"] or "",
            "password": user["password_hash"],
            "roles": list(user["roles"]),
            "failed_login_attempts": users.MAX_FAILED_ATTEMPTS if users.is_locked(user, now) else 0,
            "revoked_at": user["sessions_revoked_at"],
        }
    return {"usernames": found}


def make_authenticator(creds: dict) -> stauth.Authenticate:
    return stauth.Authenticate(
        creds,
        COOKIE_NAME,
        config.cookie_key(),
        COOKIE_DAYS,
        auto_hash=False,
        login_sleep_time=0.1,
    )


def cookie_is_revoked(token: dict, creds: dict) -> bool:
    """A cookie is refused when its account is gone or signed out after it was issued."""
    user = creds["usernames"].get(token.get("username", ""))
    if user is None:
        return True
    issued = token["exp_date"] - COOKIE_DAYS * 86400
    revoked_at = user["revoked_at"]
    if revoked_at is None:
        return False
    # revoked_at is stored to the second (clock.now()): a cookie issued within that second
    # is refused too, or signing out less than a second after signing in would not revoke it.
    return issued < revoked_at.replace(tzinfo=clock.PARIS).timestamp() + 1


def signed_in(database) -> bool:
    """True when the session is signed in, or signs it in now from the login cookie,
    drawing nothing (why: docs/sign-in.md)."""
    if st.session_state.get("authentication_status"):
        return True
    if st.session_state.get("logout"):
        return False  # signed out in this session: the cookie sent with the page is stale
    token = cookie_token()
    if token is None:
        return False
    creds = credentials(database)
    if cookie_is_revoked(token, creds):
        st.session_state["logout"] = True
        return False
    username = token["username"]
    user = creds["usernames"][username]
    # The session state the library sets when it signs in from its cookie.
    st.session_state["email"] = user["email"]
    st.session_state["name"] = user["name"]
    st.session_state["roles"] = user["roles"]
    st.session_state["authentication_status"] = True
    st.session_state["username"] = username
    # The same sign-in carried on (a reload, a new tab): not logged as another one.
    st.session_state[SIGNED_IN_AT] = clock.now()
    return True


def cookie_token() -> dict | None:
    """The login cookie sent with the page's request, as the library checks it."""
    return patches.login_cookie(st.context.cookies.get(COOKIE_NAME), config.cookie_key())


def login_form(database) -> None:
    """The login form; after a sign-in, the next run shows the app, not this one (the
    library's cookie component must run first: docs/sign-in.md)."""
    st.title("Habiter", anchor=False)
    creds = credentials(database)
    # The cookie has had its turn in signed_in(): here, only the form signs in.
    st.session_state["logout"] = True
    authenticator = make_authenticator(creds)
    attempts_before = {name: u["failed_login_attempts"] for name, u in creds["usernames"].items()}
    try:
        authenticator.login(
            location="main", fields=LOGIN_FIELDS, max_login_attempts=users.MAX_FAILED_ATTEMPTS
        )
        locked_now = record_failures(database, creds, attempts_before)
    except LoginError:
        locked_now = True
    if locked_now:
        st.session_state["authentication_status"] = None
        st.error(LOCKED_MESSAGE)
    elif st.session_state.get("authentication_status"):
        on_signed_in(database, st.session_state["username"])
    elif st.session_state.get("authentication_status") is False:
        st.error("Identifiant ou mot de passe incorrect.")


def record_failures(database, creds: dict, attempts_before: dict) -> bool:
    """The library counts a failure in its dict; persist it. True when it locked the account."""
    for name, user in creds["usernames"].items():
        if user.get("failed_login_attempts", 0) > attempts_before.get(name, 0):
            log_login_failure(database, name)
            updated = users.record_failed_login(database, name)
            return bool(updated and users.is_locked(updated))
    return False


def must_choose_password(database, actor) -> bool:
    """True while the account holds a temporary password (set by an admin)."""
    return users.must_change_password(database, actor.username)


def on_signed_in(database, username: str) -> None:
    st.session_state[SIGNED_IN_AT] = clock.now()
    users.record_successful_login(database, username)
    log_access(database, username, "login", "users", username)


def sign_out(database, username: str) -> None:
    """End the session for real: revoke server-side, forget the cookie, rerun at once."""
    users.revoke_sessions(database, username)
    creds = credentials(database)
    if username in creds["usernames"]:
        make_authenticator(creds).logout(location="unrendered")
    end_session()
    st.rerun()

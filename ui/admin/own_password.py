"""« Changer mon mot de passe »: every user's own form (Mon espace), and the one screen of
a person signed in with a temporary password until they choose theirs (app.py).

The current password is checked, the rules of db/accounts/passwords.py applied, the change
audited. Every other session of the account ends; this one stays open (its sign-in time
moves past the revocation), though a reload of the page asks to sign in again, since the
login cookie was issued before the change.
"""

import streamlit as st

from db.accounts import users
from db.accounts.passwords import MIN_PASSWORD
from db.errors import ValidationFailed
from ui import auth
from ui.forms import clear_errors, field_error, form_errors, keep_errors
from ui.session import SIGNED_IN_AT

FORM = "own_password"
CHANGED = "own_password_changed"
RULES = (
    f"Au moins {MIN_PASSWORD} caractères ; ni votre identifiant, ni un mot de passe courant. "
    "Une phrase de quelques mots se retient mieux qu'une suite de signes."
)
DONE = (
    "Mot de passe changé. Vos autres sessions ouvertes sont fermées ; si vous rechargez "
    "cette page, reconnectez-vous avec le nouveau mot de passe."
)


def section(database, actor) -> None:
    """The expander of Mon espace, open just after a change to say it is done."""
    changed = st.session_state.pop(CHANGED, False)
    with st.expander("Changer mon mot de passe", expanded=changed, icon=":material/key:"):
        if changed:
            st.success(DONE)
        password_form(database, actor)


def forced(database, actor) -> None:
    """The whole screen while the account holds a temporary password."""
    st.title("Choisissez votre nouveau mot de passe", anchor=False)
    st.info(
        "Vous vous êtes connecté avec un mot de passe provisoire. Choisissez le vôtre pour "
        "accéder à l'application : personne d'autre, pas même un administrateur, ne le "
        "connaîtra."
    )
    password_form(database, actor, current_label="Mot de passe provisoire")
    if st.button("Se déconnecter", key="sign_out", icon=":material/logout:"):
        auth.sign_out(database, actor.username)


def password_form(database, actor, current_label: str = "Mot de passe actuel") -> None:
    errors = form_errors(FORM)
    with st.form(FORM, clear_on_submit=False):
        current = st.text_input(current_label, type="password", key=f"{FORM}_current")
        field_error(errors, "current")
        new = st.text_input("Nouveau mot de passe", type="password", key=f"{FORM}_new")
        field_error(errors, "new")
        confirmation = st.text_input(
            "Confirmation du nouveau mot de passe", type="password", key=f"{FORM}_confirmation"
        )
        field_error(errors, "confirmation")
        st.caption(RULES)
        submitted = st.form_submit_button("Changer mon mot de passe", type="primary")
    if not submitted:
        return
    try:
        account = users.change_own_password(database, actor, current, new, confirmation)
    except ValidationFailed as exc:
        keep_errors(FORM, exc)
    else:
        clear_errors(FORM)
        # This session stays open: signed in as late as the revocation of the others.
        st.session_state[SIGNED_IN_AT] = account["sessions_revoked_at"]
        st.session_state[CHANGED] = True
        for field in ("current", "new", "confirmation"):
            st.session_state.pop(f"{FORM}_{field}", None)
    st.rerun()

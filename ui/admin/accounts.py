"""« Comptes » of Administration: add an account, set its roles, reset its password (a
temporary one, shown once, to change at the next sign-in), disable or enable it, unlock it.

Every action is a write of db/accounts/users.py, audited there. No account is ever deleted:
one that leaves is disabled, and its history keeps its name.
"""

import polars as pl
import streamlit as st
from pydantic import ValidationError

import queries
from db import catalog, clock, rules
from db.accounts import users
from db.accounts.commands import field_messages
from db.errors import HabiterError
from db.rules import ROLES
from ui import format as fmt
from ui import forms
from ui.plain import md_escape

SHOWN_ONCE = "affiché une seule fois, à transmettre en main propre"
CHANGE_AT_SIGN_IN = "La personne choisira le sien à sa prochaine connexion."
# A temporary password shown on the run after the click that made it, then forgotten.
JUST_MADE = "accounts_temporary_password"
# The new account named in the confirmation asked before it is created an administrator.
ADMIN_ASKED = "accounts_admin_asked"
# The refusals of the last « Créer le compte », drawn beside their fields.
ADD_ERRORS = "accounts_add_errors"
ADD_FIELDS = {
    "username": "Identifiant",
    "display_name": "Nom affiché",
    "email": "E-mail",
    "roles": "Rôles",
    "password": "Mot de passe",
}
JOURNAL = (
    "Chaque changement de rôles est inscrit au journal des modifications (onglet "
    "« Journaux ») : qui l'a fait, quand, les rôles avant et après."
)


def show(database, actor) -> None:
    accounts = queries.run(database, "users/list_users")
    st.dataframe(accounts_table(accounts), hide_index=True, width="stretch")
    notice = st.container()  # always drawn: the tabs below keep their place, hence their state
    made = st.session_state.pop(JUST_MADE, None)
    if made:
        who, password = made
        notice.success(
            f"Mot de passe provisoire de « {md_escape(who)} », {SHOWN_ONCE} : "
            f"`{password}`\n\n{CHANGE_AT_SIGN_IN}"
        )

    add_tab, edit_tab = st.tabs(["Ajouter un compte", "Modifier un compte"], key="accounts_tab")
    with add_tab:
        add_form(database, actor)
    with edit_tab:
        chosen = st.selectbox(
            "Compte", accounts["username"].to_list(), index=None, placeholder="Choisir un compte"
        )
        if chosen:
            current = accounts.filter(accounts["username"] == chosen).row(0, named=True)
            try:
                edit_account(database, actor, current)
            except HabiterError as exc:
                st.error(str(exc))


def accounts_table(accounts: pl.DataFrame) -> pl.DataFrame:
    """The accounts as the command line lists them, and whether each must change its
    password (a temporary one, not yet replaced)."""
    pending = accounts["must_change_password"].fill_null(False)
    return fmt.users_table(accounts).with_columns(
        pl.Series("Mot de passe provisoire", ["oui" if p else "non" for p in pending])
    )


def role_label(role: str) -> str:
    return catalog.ROLE.get(role, role)


def role_checkboxes(prefix: str, ticked) -> list[str]:
    """One checkbox per role, under its French name: a role is granted only by ticking it
    (a multiselect offers « Select all », every role at once). What each role may do is
    told in an expander below (a checkbox's `help` button has an English name)."""
    st.markdown("**Rôles**")
    roles = [
        role
        for role in ROLES
        if st.checkbox(role_label(role), value=role in ticked, key=f"{prefix}{role}")
    ]
    with st.expander("Ce que permet chaque rôle"):
        st.markdown(
            "\n".join(f"- **{role_label(r)}** : {catalog.ROLE_CAN_DO.get(r, '')}." for r in ROLES)
        )
    return roles


def admin_confirmation(username: str) -> str:
    return (
        f"Je confirme donner le rôle « {role_label('admin')} » à « {md_escape(username)} » : "
        "tous les "
        "comptes, les journaux, les réglages, les sauvegardes et tous les dossiers"
    )


def add_form(database, actor) -> None:
    asked = st.session_state.get(ADMIN_ASKED)
    errors = st.session_state.get(ADD_ERRORS, {})
    with st.form("add_user", clear_on_submit=False):
        forms.errors_summary(errors, ADD_FIELDS)
        username = st.text_input("Identifiant", placeholder="minuscules, chiffres, . _ -")
        forms.field_error(errors, "username")
        display_name = st.text_input("Nom affiché")
        forms.field_error(errors, "display_name")
        email = st.text_input("E-mail (facultatif)")
        forms.field_error(errors, "email")
        roles = role_checkboxes("add_role_", ())
        forms.field_error(errors, "roles")
        if asked:
            st.warning("Cochez la confirmation ci-dessous, puis « Créer le compte ».")
        confirmed = bool(asked) and st.checkbox(
            admin_confirmation(asked), key=f"add_admin_ok_{asked}"
        )
        st.caption(f"Un mot de passe provisoire est créé, {SHOWN_ONCE}. {CHANGE_AT_SIGN_IN}")
        submitted = st.form_submit_button("Créer le compte", type="primary", key="add_account")
    if not submitted:
        return
    username = username.strip().lower()
    if rules.needs_admin_confirmation(roles) and not (confirmed and asked == username):
        st.session_state[ADMIN_ASKED] = username
        st.rerun()  # the form again, with the confirmation that names the account
    create_account(database, actor, username, display_name, email, roles)


def create_account(database, actor, username, display_name, email, roles) -> None:
    """Add the account, or keep each refusal for the next run, beside its field."""
    password = users.generate_password(username)
    try:
        users.create_user(
            database,
            actor,
            users.NewUser(
                username=username,
                display_name=display_name.strip(),
                email=email.strip() or None,
                roles=roles,
                password=password,
            ),
            temporary=True,
        )
    except ValidationError as exc:
        st.session_state[ADD_ERRORS] = field_messages(exc)
    except HabiterError as exc:
        st.session_state[ADD_ERRORS] = {getattr(exc, "field", None) or "": str(exc)}
    else:
        st.session_state.pop(ADMIN_ASKED, None)
        st.session_state.pop(ADD_ERRORS, None)
        st.session_state[JUST_MADE] = (username, password)
        st.toast(f"Compte « {username} » créé")
    st.rerun()


def roles_section(database, actor, current: dict) -> None:
    """The account's roles, ticked one by one; Administration granted only once confirmed."""
    chosen = current["username"]
    roles = role_checkboxes(f"role_{chosen}_", current["roles"])
    changed = sorted(roles) != sorted(current["roles"])
    confirmed = True
    if rules.needs_admin_confirmation(roles, current["roles"]):
        confirmed = st.checkbox(admin_confirmation(chosen), key=f"admin_ok_{chosen}")
    if not roles:
        st.error("Cochez au moins un rôle : un compte a au moins un rôle.")
    st.caption(JOURNAL)
    ready = changed and confirmed and bool(roles)
    if st.button("Enregistrer les rôles", key="save_roles", disabled=not ready):
        users.set_roles(database, actor, chosen, roles)
        st.toast(f"Rôles de « {chosen} » enregistrés")
        st.rerun()


def edit_account(database, actor, current: dict) -> None:
    chosen = current["username"]
    state = "actif" if current["active"] else "désactivé"
    st.write(f"**{md_escape(current['display_name'])}** ({md_escape(chosen)}), compte {state}.")

    roles_section(database, actor, current)

    st.subheader("Mot de passe", anchor=False)
    st.caption(
        "Un mot de passe provisoire remplace l'actuel ; les sessions ouvertes de ce compte "
        f"se ferment et le compte est déverrouillé. {CHANGE_AT_SIGN_IN}"
    )
    sure = st.checkbox(
        f"Je confirme la réinitialisation du mot de passe de « {chosen} »", key=f"reset_ok_{chosen}"
    )
    if st.button("Réinitialiser le mot de passe", key="reset_pw", disabled=not sure):
        password = users.generate_password(chosen)
        users.reset_password(database, actor, chosen, password)
        st.session_state[JUST_MADE] = (chosen, password)
        st.rerun()

    locked = users.is_locked(current, clock.now())
    if locked or current["failed_attempts"]:
        failures = f"{current['failed_attempts']} échec(s) de connexion récent(s)"
        said = "Verrouillé jusqu'à " + current["locked_until"].strftime("%d/%m/%Y %H:%M")
        st.warning(said if locked else failures)
        if st.button("Déverrouiller", key="unlock"):
            users.unlock(database, actor, chosen)
            st.toast(f"Compte « {chosen} » déverrouillé")
            st.rerun()

    st.subheader("Accès", anchor=False)
    if chosen == actor.username:
        st.caption("Vous ne pouvez pas désactiver votre propre compte.")
    elif current["active"]:
        st.caption(
            "Un compte désactivé ne peut plus se connecter et ses sessions ouvertes se ferment "
            "à leur prochaine action ; son historique reste, à son nom."
        )
        off = st.checkbox(f"Je confirme la désactivation de « {chosen} »", key=f"off_ok_{chosen}")
        if st.button("Désactiver", key="toggle_active", disabled=not off):
            users.set_active(database, actor, chosen, False)
            st.toast(f"Compte « {chosen} » désactivé")
            st.rerun()
    elif st.button("Réactiver", key="toggle_active"):
        users.set_active(database, actor, chosen, True)
        st.toast(f"Compte « {chosen} » réactivé")
        st.rerun()

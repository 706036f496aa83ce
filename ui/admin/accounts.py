"""« Comptes » of Administration: add an account, set its roles, reset its password (a
temporary one, shown once, to change at the next sign-in), disable or enable it, unlock it.

Every action is a write of db/accounts/users.py, audited there. No account is ever deleted:
one that leaves is disabled, and its history keeps its name.
"""

import polars as pl
import streamlit as st
from pydantic import ValidationError

import queries
from db import catalog, clock
from db.accounts import users
from db.errors import HabiterError
from db.rules import ROLES
from ui import format as fmt
from ui.forms import show_validation_errors
from ui.plain import md_escape

SHOWN_ONCE = "affiché une seule fois, à transmettre en main propre"
CHANGE_AT_SIGN_IN = "La personne choisira le sien à sa prochaine connexion."
# A temporary password shown on the run after the click that made it, then forgotten.
JUST_MADE = "accounts_temporary_password"


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


def add_form(database, actor) -> None:
    with st.form("add_user", clear_on_submit=False):
        username = st.text_input("Identifiant", placeholder="minuscules, chiffres, . _ -")
        display_name = st.text_input("Nom affiché")
        email = st.text_input("E-mail (facultatif)")
        roles = st.multiselect(
            "Rôles",
            ROLES,
            format_func=role_label,
            placeholder="Choisir dans la liste",
            select_all=False,
        )
        st.caption(f"Un mot de passe provisoire est créé, {SHOWN_ONCE}. {CHANGE_AT_SIGN_IN}")
        submitted = st.form_submit_button("Créer le compte", type="primary")
    if not submitted:
        return
    username = username.strip().lower()
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
        show_validation_errors(exc)
    except HabiterError as exc:
        st.error(str(exc))
    else:
        st.session_state[JUST_MADE] = (username, password)
        st.toast(f"Compte « {username} » créé")
        st.rerun()


def edit_account(database, actor, current: dict) -> None:
    chosen = current["username"]
    state = "actif" if current["active"] else "désactivé"
    st.write(f"**{md_escape(current['display_name'])}** ({md_escape(chosen)}), compte {state}.")

    new_roles = st.multiselect(
        "Rôles",
        ROLES,
        default=list(current["roles"]),
        format_func=role_label,
        key=f"roles_{chosen}",
        placeholder="Choisir dans la liste",
        select_all=False,
    )
    if st.button("Enregistrer les rôles", key="save_roles"):
        users.set_roles(database, actor, chosen, new_roles)
        st.toast("Rôles enregistrés")
        st.rerun()

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

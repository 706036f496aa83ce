"""« Comptes » of Administration: the accounts (add, roles, password, disable)."""

import streamlit as st
from pydantic import ValidationError

import queries
from db import catalog
from db.accounts import users
from db.errors import HabiterError
from db.rules import ROLES
from ui import format as fmt
from ui.forms import show_validation_errors


def show(database, actor) -> None:
    accounts = queries.run(database, "users/list_users")
    st.dataframe(
        fmt.users_table(accounts),
        hide_index=True,
        width="stretch",
    )

    role_label = catalog.ROLE.get
    add_tab, edit_tab = st.tabs(["Ajouter un compte", "Modifier un compte"])
    with add_tab, st.form("add_user", clear_on_submit=False):
        username = st.text_input("Identifiant", placeholder="minuscules, chiffres, . _ -")
        display_name = st.text_input("Nom affiché")
        email = st.text_input("E-mail (facultatif)")
        roles = st.multiselect(
            "Rôles", ROLES, format_func=role_label, placeholder="Choisir dans la liste"
        )
        if st.form_submit_button("Créer le compte", type="primary"):
            password = users.generate_password()
            try:
                users.create_user(
                    database,
                    actor,
                    users.NewUser(
                        username=username.strip().lower(),
                        display_name=display_name.strip(),
                        email=email.strip() or None,
                        roles=roles,
                        password=password,
                    ),
                )
            except ValidationError as exc:
                show_validation_errors(exc)
            except HabiterError as exc:
                st.error(str(exc))
            else:
                st.success(
                    f"Compte « {username} » créé. Mot de passe provisoire, à transmettre "
                    f"en main propre : `{password}`"
                )

    with edit_tab:
        chosen = st.selectbox(
            "Compte", accounts["username"].to_list(), index=None, placeholder="Choisir un compte"
        )
        if chosen:
            current = accounts.filter(accounts["username"] == chosen).row(0, named=True)
            new_roles = st.multiselect(
                "Rôles",
                ROLES,
                default=list(current["roles"]),
                format_func=role_label,
                key=f"roles_{chosen}",
                placeholder="Choisir dans la liste",
            )
            cols = st.columns(3)
            try:
                if cols[0].button("Enregistrer les rôles", key="save_roles"):
                    users.set_roles(database, actor, chosen, new_roles)
                    st.toast("Rôles enregistrés")
                    st.rerun()
                if cols[1].button("Réinitialiser le mot de passe", key="reset_pw"):
                    password = users.generate_password()
                    users.reset_password(database, actor, chosen, password)
                    st.success(f"Nouveau mot de passe de « {chosen} » : `{password}`")
                toggle = "Réactiver" if not current["active"] else "Désactiver"
                if chosen != actor.username and cols[2].button(toggle, key="toggle_active"):
                    users.set_active(database, actor, chosen, not current["active"])
                    st.toast(f"Compte {'réactivé' if not current['active'] else 'désactivé'}")
                    st.rerun()
            except HabiterError as exc:
                st.error(str(exc))

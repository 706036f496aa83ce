"""AppTest of Administration › Comptes, the roles: a role is granted only by ticking it,
never by a bulk « select all »; granting Administration asks a confirmation that names the
account; every change of roles is in the journal with who and when. And Réglages: the
association's name and town, their limits said beforehand."""

import json

from db import settings
from db.accounts import users
from db.catalog import ROLE
from db.rules import ROLES
from tests.conftest import open_page

PAGE = "pages/users_admin.py"


def role_boxes(at, prefix: str) -> dict:
    return {c.key.removeprefix(prefix): c for c in at.checkbox if (c.key or "").startswith(prefix)}


def no_bulk_choice_of_roles(at) -> None:
    """No multiselect offers the roles (Streamlit's adds « Select all », one click for
    every role): one checkbox per role, under its French name."""
    assert not [m for m in at.multiselect if set(m.options) & set(ROLE.values())]


def roles_audit(database, username: str) -> list[tuple]:
    return (
        database.cursor()
        .execute(
            "SELECT username, occurred_at, diff FROM audit_log WHERE entity = 'users'"
            " AND entity_id = ? AND action = 'set_roles' ORDER BY id",
            [username],
        )
        .fetchall()
    )


def test_a_new_account_gets_only_the_roles_ticked_one_by_one(demo_database):
    at = open_page(demo_database, "admin", PAGE)
    no_bulk_choice_of_roles(at)
    boxes = role_boxes(at, "add_role_")
    assert set(boxes) == set(ROLES)
    assert [b.label for b in boxes.values()] == [ROLE[r] for r in boxes]
    assert not any(b.value for b in boxes.values())  # nothing ticked beforehand
    at.text_input[0].input("lea")
    at.text_input[1].input("Léa Martin")
    boxes["accueil"].check()
    at.button(key="add_account").click().run()
    assert users.read_user(demo_database, "lea")["roles"] == ["accueil"]


def test_creating_an_administrator_asks_a_confirmation_naming_the_account(demo_database):
    at = open_page(demo_database, "admin", PAGE)
    at.text_input[0].input("paul")
    at.text_input[1].input("Paul Durand")
    role_boxes(at, "add_role_")["admin"].check()
    at.button(key="add_account").click().run()
    assert users.read_user(demo_database, "paul") is None  # not before the confirmation
    confirm = at.checkbox(key="add_admin_ok_paul")
    assert "« paul »" in confirm.label and "Administration" in confirm.label
    confirm.check()
    at.button(key="add_account").click().run()
    assert users.read_user(demo_database, "paul")["roles"] == ["admin"]


def test_granting_administration_asks_a_confirmation_naming_the_account(demo_database):
    at = open_page(demo_database, "admin", PAGE)
    at.selectbox[0].set_value("social").run()
    no_bulk_choice_of_roles(at)
    boxes = role_boxes(at, "role_social_")
    assert {r for r, b in boxes.items() if b.value} == {"travailleur_social"}
    boxes["admin"].check().run()
    confirm = at.checkbox(key="admin_ok_social")
    assert "« social »" in confirm.label and "Administration" in confirm.label
    assert at.button(key="save_roles").disabled  # not before the confirmation
    confirm.check().run()
    at.button(key="save_roles").click().run()
    assert users.read_user(demo_database, "social")["roles"] == ["admin", "travailleur_social"]
    (who, when, diff), *_ = roles_audit(demo_database, "social")
    assert who == "admin" and when is not None
    assert json.loads(diff)["roles"] == [["travailleur_social"], ["admin", "travailleur_social"]]


def test_a_change_without_administration_needs_no_confirmation_and_is_audited(demo_database):
    at = open_page(demo_database, "admin", PAGE)
    at.selectbox[0].set_value("accueil").run()
    assert at.button(key="save_roles").disabled  # nothing changed yet
    role_boxes(at, "role_accueil_")["gestion_locative"].check().run()
    assert not [c for c in at.checkbox if (c.key or "").startswith("admin_ok_")]
    at.button(key="save_roles").click().run()
    assert users.read_user(demo_database, "accueil")["roles"] == ["accueil", "gestion_locative"]
    assert [who for who, _, _ in roles_audit(demo_database, "accueil")] == ["admin"]
    journal = " ".join(c.value for c in at.caption)
    assert "journal des modifications" in journal


# --- Réglages: the association's name and town ---------------------------------------------


def setting_field(at, key: str):
    return next(
        t for t in at.text_input if (t.key or "").startswith(key) and t.key.endswith("_value")
    )


def test_the_association_s_name_and_town_are_set_in_reglages_audited(demo_database):
    at = open_page(demo_database, "admin", PAGE, {"onglet": "Réglages"})
    unnamed = "Le nom de l'association n'est pas encore renseigné"
    assert any(unnamed in w.value for w in at.warning)
    said = [c.value for c in at.caption]
    assert "De 2 à 120 caractères." in said and "De 1 à 80 caractères." in said  # beforehand
    setting_field(at, "association_town").set_value("  Pessac ")
    at.button(key="save_association_town").click().run()
    assert settings.get_setting(demo_database, "association_town") == "Pessac"
    long_name = "L" * 121
    setting_field(at, "association_name").set_value(long_name)
    at.button(key="save_association_name").click().run()
    assert "De 2 à 120 caractères, s'il vous plaît." in [e.value for e in at.error]
    assert setting_field(at, "association_name").value == long_name  # kept
    assert settings.get_setting(demo_database, "association_name") != long_name
    audited = (
        demo_database.cursor()
        .execute(
            "SELECT username, entity_id FROM audit_log WHERE entity = 'setting'"
            " ORDER BY id DESC LIMIT 1"
        )
        .fetchone()
    )
    assert audited == ("admin", "association_town")
    setting_field(at, "association_name").set_value("Toit Commun")
    at.button(key="save_association_name").click().run()
    assert not any(unnamed in w.value for w in at.warning)


def test_a_refused_account_says_what_each_field_expects_and_keeps_the_input(demo_database):
    at = open_page(demo_database, "admin", PAGE)
    at.text_input[0].input("Zoé B")
    at.text_input[1].input("Zoé Bernard")
    at.button(key="add_account").click().run()
    said = [e.value.replace("\\", "") for e in at.error]  # Markdown's escapes aside
    expected = "lettres minuscules sans accent, chiffres, « . », « _ » ou « - » seulement"
    assert expected in said  # under the field, and in the summary above the form
    assert "au moins un rôle" in said
    assert not any("format invalide" in text for text in said)
    assert [at.text_input[0].value, at.text_input[1].value] == ["Zoé B", "Zoé Bernard"]
    at.text_input[0].input("social")
    role_boxes(at, "add_role_")["accueil"].check()
    at.button(key="add_account").click().run()
    assert "Le compte « social » existe déjà." in [e.value for e in at.error]
    assert users.read_user(demo_database, "social")["roles"] == ["travailleur_social"]

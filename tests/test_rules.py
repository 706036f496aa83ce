"""Who may do what: a table of role x action, checked both ways."""

import pytest

from db import rules
from db.rules import Actor


def actor(*roles, username="u"):
    return Actor(username, username, frozenset(roles))


OWN = {"referent": "u", "housing_situation": "heberge_tiers"}
OTHERS = {"referent": "someone", "housing_situation": "heberge_tiers"}
TENANT = {"referent": "someone", "association_tenant": True}

# (check, role, expected)
TABLE = [
    (lambda a: rules.can_create_intake(a), "accueil", True),
    (lambda a: rules.can_create_intake(a), "travailleur_social", True),
    (lambda a: rules.can_create_intake(a), "direction", True),
    (lambda a: rules.can_create_intake(a), "admin", True),
    (lambda a: rules.can_create_intake(a), "gestion_locative", False),
    (lambda a: rules.can_create_intake(a), "analyste", False),
    (lambda a: rules.can_read_household(a, OTHERS), "accueil", True),
    (lambda a: rules.can_read_household(a, OTHERS), "travailleur_social", False),
    (lambda a: rules.can_read_household(a, OWN), "travailleur_social", True),
    (
        lambda a: rules.can_read_household(a, OTHERS, team_reads_all=True),
        "travailleur_social",
        True,
    ),
    (lambda a: rules.can_read_household(a, OTHERS), "gestion_locative", False),
    (lambda a: rules.can_read_household(a, TENANT), "gestion_locative", True),
    (lambda a: rules.can_read_household(a, OTHERS), "analyste", False),
    (lambda a: rules.can_read_household(a, OTHERS), "direction", True),
    (lambda a: rules.can_read_social_details(a, OTHERS), "accueil", False),
    (lambda a: rules.can_read_social_details(a, OWN), "travailleur_social", True),
    (lambda a: rules.can_read_social_details(a, OTHERS), "direction", True),
    (lambda a: rules.can_read_social_details(a, TENANT), "gestion_locative", False),
    (lambda a: rules.can_edit_household(a, OWN), "travailleur_social", True),
    (lambda a: rules.can_edit_household(a, OTHERS), "travailleur_social", False),
    (lambda a: rules.can_edit_household(a, OTHERS), "direction", False),
    (lambda a: rules.can_edit_household(a, OTHERS), "admin", True),
    (lambda a: rules.can_edit_household(a, OWN), "accueil", False),
    (lambda a: rules.can_export_nominative(a), "direction", True),
    (lambda a: rules.can_export_nominative(a), "admin", True),
    (lambda a: rules.can_export_nominative(a), "travailleur_social", False),
    (lambda a: rules.can_export_nominative(a), "analyste", False),
    (lambda a: rules.can_manage_users(a), "admin", True),
    (lambda a: rules.can_manage_users(a), "direction", False),
    (lambda a: rules.can_view_page(a, "users_admin"), "admin", True),
    (lambda a: rules.can_view_page(a, "users_admin"), "travailleur_social", False),
    (lambda a: rules.can_view_page(a, "users_admin"), "direction", True),
    (lambda a: rules.can_administer(a), "admin", True),
    (lambda a: rules.can_administer(a), "direction", False),
    (lambda a: rules.can_import(a), "admin", True),
    (lambda a: rules.can_import(a), "direction", False),
    (lambda a: rules.can_read_imports(a), "direction", True),
    (lambda a: rules.can_read_imports(a), "analyste", False),
    (lambda a: rules.can_view_page(a, "intake"), "gestion_locative", False),
    (lambda a: rules.can_view_page(a, "households"), "gestion_locative", True),
    (lambda a: rules.can_view_page(a, "households"), "analyste", False),
    (lambda a: rules.can_view_page(a, "home"), "analyste", True),
    (lambda a: rules.can_view_page(a, "no_such_page"), "admin", False),
]


@pytest.mark.parametrize(("check", "role", "expected"), TABLE)
def test_role_action_table(check, role, expected):
    assert check(actor(role)) is expected


def test_private_note_is_for_its_author_only():
    note = {"author": "u", "private_note": "x"}
    assert rules.can_read_private_note(actor("travailleur_social"), note)
    assert not rules.can_read_private_note(actor("admin", "direction", username="v"), note)


def test_several_roles_add_up():
    both = actor("accueil", "gestion_locative")
    assert rules.can_create_intake(both) and rules.can_view_page(both, "households")


def test_every_page_of_the_navigation_has_rules():
    from ui.nav import PAGES

    assert {spec.key for spec in PAGES} <= set(rules.PAGE_ROLES)


# Who passes each rule moved out of the screens and db/privacy, role by role.
ONLY = {
    rules.can_erase_file: {"admin"},
    rules.can_anonymise: {"admin"},
    rules.can_purge_logs: {"admin"},
    rules.can_rebuild_analytics: {"admin", "direction"},
    rules.reads_team_files: {"admin", "direction"},
    rules.has_caseload: {"travailleur_social"},
}


@pytest.mark.parametrize("rule", list(ONLY), ids=lambda rule: rule.__name__)
def test_each_rule_admits_its_roles_only(rule):
    assert {role for role in rules.ROLES if rule(actor(role))} == ONLY[rule]


def test_a_social_worker_alone_is_kept_to_their_caseload_unless_the_team_reads_all():
    assert rules.own_caseload_only(actor("travailleur_social"), team_reads_all=False)
    assert not rules.own_caseload_only(actor("travailleur_social"), team_reads_all=True)
    assert not rules.own_caseload_only(actor("travailleur_social", "direction"), False)
    assert not rules.own_caseload_only(actor("analyste"), False)


def test_a_saved_query_is_changed_by_its_owner_or_an_admin():
    mine, theirs = {"owner": "u"}, {"owner": "someone"}
    assert rules.can_change_saved_query(actor("analyste"), mine)
    assert not rules.can_change_saved_query(actor("analyste"), theirs)
    assert rules.can_change_saved_query(actor("admin"), theirs)
    assert not rules.can_change_saved_query(actor("accueil"), mine)  # no console


def test_granting_administration_asks_a_confirmation_keeping_it_does_not():
    assert rules.needs_admin_confirmation(["admin", "direction"])
    assert not rules.needs_admin_confirmation(["admin"], ["admin", "analyste"])
    assert not rules.needs_admin_confirmation(["direction"], ["admin"])


def test_roles_are_listed_in_the_order_of_roles():
    assert rules.roles_in_order(actor("analyste", "admin", "accueil")) == [
        "admin",
        "accueil",
        "analyste",
    ]

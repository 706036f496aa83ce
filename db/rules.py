"""Who may do what: pure functions used by the navigation, the pages and every mutation."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("admin", "direction", "travailleur_social", "accueil", "gestion_locative", "analyste")
ALL_ROLES = frozenset(ROLES)
# A household's referent is an active account holding this role.
REFERENT_ROLE = "travailleur_social"
INTAKE_ROLES = frozenset({"accueil", "travailleur_social", "direction", "admin"})
HOUSEHOLD_LIST_ROLES = INTAKE_ROLES | {"gestion_locative"}
FULL_READERS = frozenset({"direction", "admin"})
SUPPORT_ROLES = frozenset({"travailleur_social", "direction", "admin"})

# Which roles see which page (the key is the page's file name without .py).
PAGE_ROLES: dict[str, frozenset[str]] = {
    "home": ALL_ROLES,
    "intake": INTAKE_ROLES,
    "households": HOUSEHOLD_LIST_ROLES,
    "household_file": HOUSEHOLD_LIST_ROLES,
    "support": SUPPORT_ROLES,
    "housing": frozenset({"gestion_locative", "direction", "admin", "travailleur_social"}),
    "capture": frozenset({"gestion_locative", "direction", "admin"}),
    "dashboard": frozenset(
        {"direction", "admin", "analyste", "travailleur_social", "gestion_locative"}
    ),
    "activity_report": FULL_READERS,
    # Direction opens it for the history of imports only (can_administer gates the rest).
    "users_admin": frozenset({"admin", "direction"}),
    "sql_console": frozenset({"analyste", "direction", "admin"}),
}


@dataclass(frozen=True)
class Actor:
    """The person acting: a signed-in user, or a named system task."""

    username: str
    display_name: str
    roles: frozenset[str]

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @classmethod
    def system(cls, name: str) -> Actor:
        return cls(username=name, display_name=name, roles=frozenset({"admin"}))


def can_view_page(actor: Actor, page: str) -> bool:
    return actor.has(*PAGE_ROLES.get(page, frozenset()))


def can_create_intake(actor: Actor) -> bool:
    return actor.has(*INTAKE_ROLES)


BACKDATE_ROLES = frozenset({"travailleur_social", "direction", "admin"})
BACKDATE_WHO = "les travailleur·euse·s sociaux·ales, la direction et l'administration"


def can_backdate_intake(actor: Actor) -> bool:
    """Date an intake before today (a paper intake of a day spent outside, a file brought
    in by the import). Its date opens the file, takes that year's file number and counts
    the household among that year's « ménages accueillis »: a funder's figure. Reception
    welcomes the households of the day at the desk (docs: domain.md), so its intakes are
    today's; the social workers who go out to meet households, and direction and admin
    who answer for the figures, may date one earlier."""
    return actor.has(*BACKDATE_ROLES)


@dataclass(frozen=True)
class HouseholdScope:
    """Which households a person may read: the one read rule, for Python and for SQL."""

    sees_all: bool
    referent_of: str | None  # their own caseload
    sees_tenants: bool  # the association's tenants

    def admits(self, household: dict) -> bool:
        return (
            self.sees_all
            or (self.referent_of is not None and household.get("referent") == self.referent_of)
            or (self.sees_tenants and is_association_tenant(household))
        )

    @property
    def tenants_only(self) -> bool:
        """Rental management alone: the tenants, without their phone in the list."""
        return self.sees_tenants and not self.sees_all and self.referent_of is None

    def as_sql_params(self) -> dict:
        """The parameters of the scope filter that every household list applies."""
        return {
            "sees_all": self.sees_all,
            "referent_of": self.referent_of,
            "sees_tenants": self.sees_tenants,
        }


def household_scope(actor: Actor, team_reads_all: bool = False) -> HouseholdScope:
    social = actor.has("travailleur_social")
    return HouseholdScope(
        sees_all=actor.has(*FULL_READERS, "accueil") or (social and team_reads_all),
        referent_of=actor.username if social else None,
        sees_tenants=actor.has("gestion_locative"),
    )


def can_read_household(actor: Actor, household: dict, team_reads_all: bool = False) -> bool:
    """General information of one file: what the list and the file header show."""
    return household_scope(actor, team_reads_all).admits(household)


def is_association_tenant(household: dict) -> bool:
    """A current sublease or bail glissant of the association (from the leases: the
    header's `association_tenant`, migration 007), not a situation typed at intake."""
    return bool(household.get("association_tenant"))


def can_read_social_details(actor: Actor, household: dict, team_reads_all: bool = False) -> bool:
    """Resources and contacts: social workers, direction and admin, never reception alone."""
    if actor.has(*FULL_READERS):
        return True
    return actor.has("travailleur_social") and can_read_household(actor, household, team_reads_all)


def can_read_support(actor: Actor, household: dict, team_reads_all: bool = False) -> bool:
    """Measures, procedures, debt plans, mediations, FSL, other actions of a file: the
    readers of its social details (never reception nor rental management alone)."""
    return can_read_social_details(actor, household, team_reads_all)


def can_edit_household(actor: Actor, household: dict | None) -> bool:
    """A social worker edits their own caseload; admin edits any file."""
    if household is None:
        return False
    if actor.has("admin"):
        return True
    return actor.has("travailleur_social") and household.get("referent") == actor.username


def can_add_contact(actor: Actor, household: dict | None) -> bool:
    return can_edit_household(actor, household)


def can_read_private_note(actor: Actor, contact: dict) -> bool:
    """A private note is visible to its author only, whatever their role.
    queries/households/contacts.sql applies the same rule (tests/test_rules_private_note.py)."""
    return contact.get("author") == actor.username


def private_note_in_access_export(actor: Actor, contact: dict, reviewed: frozenset) -> bool:
    """A private note reaches an access export only through its author, who reviewed it
    (ticked it while making the export); another author's note never. Why: the person is
    entitled to it like to the rest of the file (CNIL: free text is covered by the right
    of access), but only its author may read it (need to know, professional secrecy) and
    so only its author can check that handing it over harms no one else, a member of the
    household or a third party named in it (GDPR art. 15.4). The export says what it
    leaves out and why (db/privacy/access_export.py)."""
    return can_read_private_note(actor, contact) and contact.get("id") in reviewed


def can_make_access_export(actor: Actor, household: dict | None) -> bool:
    """Direction and admin for any file; the referent social worker for their caseload,
    so that the author of private notes can review and include them."""
    return actor.has(*FULL_READERS) or can_edit_household(actor, household)


def can_export_nominative(actor: Actor) -> bool:
    return actor.has(*FULL_READERS)


def can_manage_users(actor: Actor) -> bool:
    return actor.has("admin")


def needs_admin_confirmation(roles, current_roles=()) -> bool:
    """Granting Administration (every account, log and file) asks a confirmation that
    names the account; keeping it does not."""
    return "admin" in roles and "admin" not in current_roles


def roles_in_order(actor: Actor) -> list[str]:
    """The actor's roles in the order of ROLES, as the screen lists them."""
    return [role for role in ROLES if role in actor.roles]


def has_caseload(actor: Actor) -> bool:
    """A social worker: the referent of their own files (their to-do list, their filter)."""
    return actor.has("travailleur_social")


def reads_team_files(actor: Actor) -> bool:
    """Direction and admin: they choose a worker or the whole team in the support lists."""
    return actor.has(*FULL_READERS)


def own_caseload_only(actor: Actor, team_reads_all: bool) -> bool:
    """A social worker (neither director nor admin) whose team does not read every file:
    the dashboard's worker filter is locked to their own files."""
    return has_caseload(actor) and not reads_team_files(actor) and not team_reads_all


# Personal data (db/privacy, db/logs): an administrator's decisions.
def can_erase_file(actor: Actor, _current: dict | None = None) -> bool:
    """Erase a closed file where the law allows it."""
    return actor.has("admin")


def can_anonymise(actor: Actor, _current: dict | None = None) -> bool:
    """Anonymise closed files past retention, and hold one back or release it."""
    return actor.has("admin")


def can_purge_logs(actor: Actor, _current: dict | None = None) -> bool:
    """Delete the audit, access and console log rows past their retention period."""
    return actor.has("admin")


def can_administer(actor: Actor) -> bool:
    """The Administration page's own tabs (accounts, logs, personal data, backups,
    settings, lists): admin; direction opens the page for the imports' history alone."""
    return actor.has("admin")


def can_change_settings(actor: Actor) -> bool:
    return actor.has("admin")


def can_import(actor: Actor, _current: dict | None = None) -> bool:
    """Bring the association's spreadsheets in (db/imports): admin."""
    return actor.has("admin")


def can_read_imports(actor: Actor) -> bool:
    """The history of imports: admin, and direction, who answers for the figures."""
    return actor.has("admin", "direction")


def is_any_user(actor: Actor, _current: dict | None = None) -> bool:
    """For changes a person makes to their own account (login failures, logout)."""
    return True


# Housing stock, leases and the capture pipeline (db/housing).
HOUSING_ROLES = frozenset({"gestion_locative", "direction", "admin"})
HOUSING_READERS = HOUSING_ROLES | {"travailleur_social"}


def can_edit_housing(actor: Actor, _current: dict | None = None) -> bool:
    """Owners, dwellings, leases and capture leads: rental management, direction, admin."""
    return actor.has(*HOUSING_ROLES)


def can_read_housing(actor: Actor, _current: dict | None = None) -> bool:
    """The stock and its leases are read by social workers too (never reception alone)."""
    return actor.has(*HOUSING_READERS)


# The SQL console (db/analytics): pseudonymised data, read only.
def can_use_console(actor: Actor, _current: dict | None = None) -> bool:
    """Run queries on the analytics file, save them: analysts, direction, admin."""
    return actor.has(*PAGE_ROLES["sql_console"])


def can_rebuild_analytics(actor: Actor) -> bool:
    """Rebuild the pseudonymised copy now, without waiting for the night: admin, direction."""
    return actor.has("admin", "direction")


def can_change_saved_query(actor: Actor, current: dict | None) -> bool:
    """A saved query is changed or deleted by its owner, or by an admin."""
    if current is None or not can_use_console(actor):
        return False
    return actor.has("admin") or current.get("owner") == actor.username

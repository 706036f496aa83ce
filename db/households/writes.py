"""Writes of the household area: intake, general information, contacts, closing.

Each goes through run_mutation: rule, current state, change and audit rows in one
transaction. Each editable record carries its own version (optimistic locking): the
general information here, members and resources in members.py.
"""

from __future__ import annotations

from datetime import date

import queries
from db import clock
from db.audit import log_access
from db.errors import NotFoundError, ValidationFailed
from db.households.models import (
    ANONYMOUS_NAME,
    CloseIn,
    ContactIn,
    HouseholdEdit,
    IntakeIn,
    MemberIn,
)
from db.households.records import (
    CONTACT,
    HOUSEHOLD,
    PERSON,
    RESOURCE,
    SITUATION_EVENT,
    STATUS_EVENT,
)
from db.households.search import refresh_search_keys
from db.households.spans import rebuild_household_spans
from db.mutation import Changed, Outcome, nothing, run_mutation
from db.privacy.redact import Redacted, redact_note
from db.records import check_version, insert, update
from db.rules import (
    BACKDATE_WHO,
    REFERENT_ROLE,
    Actor,
    can_add_contact,
    can_backdate_intake,
    can_create_intake,
    can_edit_household,
)


def load_household(cur, household_id: int) -> dict:
    """The file as its header shows it (one SQL file for both), or NotFoundError."""
    household = queries.fetch_row(cur, "households/header", household_id=household_id)
    if household is None:
        raise NotFoundError(f"Le ménage n°{household_id} n'existe pas.")
    return household


def check_referent(cur, username: str | None) -> None:
    """A referent is an active social worker's account, or nobody yet."""
    if username is None:
        return
    found = queries.fetch_row(cur, "users/role_holder", username=username, role=REFERENT_ROLE)
    if found is None:
        raise ValidationFailed(f"« {username} » n'est pas un·e travailleur·euse social·e actif·ve.")


def next_file_number(cur, day: date) -> str:
    """YYYY-NNNN from the year's counter row (writes are serialised by the connection)."""
    cur.execute("INSERT OR IGNORE INTO file_counter VALUES ($year, 0)", {"year": day.year})
    number = cur.execute(
        "UPDATE file_counter SET last_number = last_number + 1 WHERE year = $year"
        " RETURNING last_number",
        {"year": day.year},
    ).fetchone()[0]
    return f"{day.year}-{number:04d}"


def anonymised_members(intake: IntakeIn) -> list[MemberIn]:
    """Without consent: no names, no birth dates (only what statistics need)."""
    return [
        MemberIn(role=m.role, last_name=ANONYMOUS_NAME, first_name=f"Personne {i}", sex=m.sex)
        for i, m in enumerate(intake.members, start=1)
    ]


def head_name(member: MemberIn) -> str:
    return f"{member.last_name.upper()} {member.first_name}"


def new_household_row(intake: IntakeIn, members: list[MemberIn]) -> dict:
    """The file's row as an intake opens it, its number aside (the intake and the import
    number it each their way, in the intake year's series)."""
    head = next(m for m in members if m.role == "chef_menage")
    private = not intake.anonymous
    return {
        "status": "actif",
        "referent": intake.referent,
        "head_name": head_name(head),
        "address": intake.address if private else None,
        "phone": intake.phone if private else None,
        "email": intake.email if private else None,
        "postal_code": intake.postal_code,
        "commune": intake.commune,
        "family_type": intake.family_type,
        "housing_situation": intake.housing_situation,
        "prescriber": intake.prescriber,
        "request_type": intake.request_type,
        "consent_on": intake.consent_on,
        "anonymous": intake.anonymous,
        "opened_on": intake.day,
    }


def _insert_household(cur, actor: Actor, intake: IntakeIn, members: list[MemberIn]) -> dict:
    row = {"file_number": next_file_number(cur, intake.day), **new_household_row(intake, members)}
    return insert(cur, actor, HOUSEHOLD, row)


def record_status(cur, actor, household_id: int, event: str, day: date, reason=None) -> None:
    """A dated row of the file's status history: never overwritten, so a reopening keeps
    the earlier closing and "followed in a period" is answerable in SQL. The household's
    periods of follow-up (household_follow_span, read by the indicators) are derived again
    from its history in the same transaction: an opening adds an open period, a closing
    ends the open one, whatever the order in which the dates were typed."""
    values = {"household_id": household_id, "event": event, "occurred_on": day}
    insert(cur, actor, STATUS_EVENT, values | {"close_reason": reason})
    rebuild_household_spans(cur, household_id)


def record_housing_situation(cur, actor, household_id: int, situation: str, day: date) -> None:
    """The housing situation from `day` on: the one at intake, then each change."""
    values = {"household_id": household_id, "situation": situation, "from_on": day}
    insert(cur, actor, SITUATION_EVENT, values)


def insert_member(cur, actor: Actor, household_id: int, member: MemberIn, joined_on: date) -> dict:
    """A member from `joined_on`: the persons of a household are counted on a day."""
    row = {"household_id": household_id, **member.model_dump(), "joined_on": joined_on}
    return insert(cur, actor, PERSON, row)


def insert_resource(cur, actor, household_id, person_id, kind, amount, valid_from) -> dict:
    row = {
        "household_id": household_id,
        "person_id": person_id,
        "kind": kind,
        "monthly_amount": amount,
        "valid_from": valid_from,
    }
    return insert(cur, actor, RESOURCE, row)


def insert_contact(cur, actor: Actor, household_id: int, contact: ContactIn) -> dict:
    row = {"household_id": household_id, "author": actor.username, **contact.model_dump()}
    return insert(cur, actor, CONTACT, row)


def _insert_members_and_resources(cur, actor, hid, intake, members) -> list[Changed]:
    changes, person_ids = [], []
    for member in members:
        person = insert_member(cur, actor, hid, member, None)  # already there: no date
        person_ids.append(person["id"])
        changes.append(Changed("person", person["id"], None, person))
    for resource in intake.resources:
        person_id = person_ids[resource.member_index]
        since = resource.valid_from or intake.day  # « perçue depuis le », else the intake's
        row = insert_resource(
            cur, actor, hid, person_id, resource.kind, resource.monthly_amount, since
        )
        changes.append(Changed("resource", row["id"], None, row))
    return changes


def first_note_to_store(intake: IntakeIn) -> Redacted | None:
    """The first-contact note as it may be stored. Without consent, nothing nominative:
    its names (those typed in the form too), phone numbers, e-mail and street addresses
    are replaced by markers, before the contact row and its audit diff see it."""
    if not intake.first_note:
        return None
    if not intake.anonymous:
        return Redacted(intake.first_note)
    names = [name for m in intake.members for name in (m.last_name, m.first_name)]
    return redact_note(intake.first_note, names=names, addresses=[intake.address or ""])


def check_intake_day(actor: Actor, intake: IntakeIn) -> None:
    """An intake dated before today only for the roles that may backdate one: the rule
    holds whatever the screen shows (the model has already refused a future day)."""
    if intake.day < clock.today() and not can_backdate_intake(actor):
        raise ValidationFailed(
            f"Seuls {BACKDATE_WHO} peuvent dater un accueil d'un autre jour qu'aujourd'hui.",
            field="intake_on",
        )


def write_intake(cur, actor: Actor, intake: IntakeIn) -> Outcome:
    """The rows of one intake inside the caller's transaction (create_intake's, or an
    import's), all dated on the intake's day: the file, its number in that year's series,
    its opening, its housing situation, its resources without a date, its first contact."""
    check_intake_day(actor, intake)
    check_referent(cur, intake.referent)
    note = first_note_to_store(intake)
    members = anonymised_members(intake) if intake.anonymous else intake.members
    household = _insert_household(cur, actor, intake, members)
    hid = household["id"]
    record_status(cur, actor, hid, "ouverture", intake.day)
    record_housing_situation(cur, actor, hid, intake.housing_situation, intake.day)
    changes = [Changed("household", hid, None, household)]
    changes += _insert_members_and_resources(cur, actor, hid, intake, members)
    if note is not None:
        contact = ContactIn(contact_on=intake.day, channel="entretien", summary=note.text)
        row = insert_contact(cur, actor, hid, contact)
        changes.append(Changed("contact", row["id"], None, row))
    refresh_search_keys(cur, hid)
    removed = note.removed if note else {}
    return Outcome(changes, value={**household, "note_removed": removed}, household_id=hid)


def create_intake(database, actor: Actor, intake: IntakeIn) -> dict:
    """A new household with its members, resources and first contact; one audit row each.
    The household's row, and under "note_removed" what the note lost (kind: count)."""

    def apply(cur, _current) -> Outcome:
        return write_intake(cur, actor, intake)

    return run_mutation(
        database, actor, "create", lambda a, _c: can_create_intake(a), nothing, apply
    ).value


def household_mutation(database, actor, household_id, action, rule, change):
    """Load the household, check the rule on it, apply `change(cur, current)`."""

    def apply(cur, current) -> Outcome:
        outcome = change(cur, current)
        outcome.household_id = household_id
        return outcome

    return run_mutation(
        database, actor, action, rule, lambda cur: load_household(cur, household_id), apply
    ).value


def update_household(
    database, actor: Actor, household_id: int, version: int, edit: HouseholdEdit
) -> dict:
    def change(cur, current) -> Outcome:
        check_version(current, version, HOUSEHOLD.what)
        changes = {k: v for k, v in edit.model_dump().items() if current.get(k) != v}
        if not changes:
            return Outcome([], value=current)
        if "referent" in changes:
            check_referent(cur, edit.referent)
        after = update(cur, actor, HOUSEHOLD, current, changes)
        if "housing_situation" in changes:
            record_housing_situation(
                cur, actor, household_id, edit.housing_situation, clock.today()
            )
        if "phone" in changes:
            refresh_search_keys(cur, household_id)
        return Outcome([Changed("household", household_id, current, after)], value=after)

    return household_mutation(database, actor, household_id, "update", can_edit_household, change)


def add_contact(database, actor: Actor, household_id: int, contact: ContactIn) -> dict:
    """Record a contact: a record of its own, the household is left as it was (its last
    contact date is derived from the contacts)."""

    def change(cur, _current) -> Outcome:
        row = insert_contact(cur, actor, household_id, contact)
        return Outcome([Changed("contact", row["id"], None, row)], value=row)

    return household_mutation(database, actor, household_id, "create", can_add_contact, change)


def close_household(
    database, actor: Actor, household_id: int, version: int, closing: CloseIn
) -> dict:
    def change(cur, current) -> Outcome:
        check_version(current, version, HOUSEHOLD.what)
        if current["status"] != "actif":
            raise ValidationFailed("Ce dossier est déjà clos.")
        if current["opened_on"] and closing.closed_on < current["opened_on"]:
            raise ValidationFailed(
                "La date de clôture ne peut pas précéder l'ouverture du dossier "
                f"({current['opened_on']:%d/%m/%Y})."
            )
        closed = {"status": "clos", "closed_on": closing.closed_on, "close_reason": closing.reason}
        after = update(cur, actor, HOUSEHOLD, current, closed)
        record_status(cur, actor, household_id, "cloture", closing.closed_on, closing.reason)
        return Outcome([Changed("household", household_id, current, after)], value=after)

    return household_mutation(database, actor, household_id, "close", can_edit_household, change)


def reopen_household(database, actor: Actor, household_id: int, version: int) -> dict:
    def change(cur, current) -> Outcome:
        check_version(current, version, HOUSEHOLD.what)
        if current["status"] == "actif":
            raise ValidationFailed("Ce dossier est déjà ouvert.")
        reopened = {"status": "actif", "closed_on": None, "close_reason": None}
        after = update(cur, actor, HOUSEHOLD, current, reopened)
        record_status(cur, actor, household_id, "reouverture", clock.today())
        return Outcome([Changed("household", household_id, current, after)], value=after)

    return household_mutation(database, actor, household_id, "reopen", can_edit_household, change)


def record_file_opened(database, actor: Actor, household_id: int) -> None:
    """Each opening of a household's file goes to the access log (CNIL)."""
    log_access(database, actor.username, "read", "household", household_id)


def record_file_refused(database, actor: Actor, household_id: str) -> None:
    """A refused opening of a file (no right, or no such file) goes to the access log
    too: who tried, when, which file."""
    log_access(database, actor.username, "read_refused", "household", household_id[:30], "refusé")


def record_export(database, actor: Actor, what: str, detail: str) -> None:
    log_access(database, actor.username, "export", what, None, detail)

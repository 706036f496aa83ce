"""Writes of the household area: intake, general information, contacts, closing.

Each goes through run_mutation: rule, current state, change and audit rows in one
transaction. Edits carry the version the form was opened on (optimistic locking).
"""

from __future__ import annotations

from datetime import date

from db import clock
from db.audit import log_access
from db.errors import NotFoundError, StaleRecordError, ValidationFailed
from db.households.models import (
    ANONYMOUS_NAME,
    CloseIn,
    ContactIn,
    HouseholdEdit,
    IntakeIn,
    MemberIn,
)
from db.households.search import refresh_search_keys
from db.mutation import Changed, Outcome, nothing, run_mutation
from db.rules import Actor, can_add_contact, can_create_intake, can_edit_household

HOUSEHOLD_COLUMNS = (
    "id",
    "file_number",
    "status",
    "referent",
    "head_name",
    "address",
    "phone",
    "email",
    "postal_code",
    "commune",
    "family_type",
    "housing_situation",
    "prescriber",
    "request_type",
    "consent_on",
    "anonymous",
    "opened_on",
    "last_contact_on",
    "closed_on",
    "close_reason",
    "updated_at",
    "updated_by",
    "version",
)
SELECT_HOUSEHOLD = "SELECT " + ", ".join(HOUSEHOLD_COLUMNS) + " FROM household WHERE id = ?"
EDITABLE = tuple(HouseholdEdit.model_fields)


def load_household(cur, household_id: int) -> dict | None:
    row = cur.execute(SELECT_HOUSEHOLD, [household_id]).fetchone()
    return None if row is None else dict(zip(HOUSEHOLD_COLUMNS, row, strict=True))


def _require(household: dict | None, household_id: int) -> dict:
    if household is None:
        raise NotFoundError(f"Le ménage n°{household_id} n'existe pas.")
    return household


def check_referent(cur, username: str | None) -> None:
    """A referent is an active social worker's account, or nobody yet."""
    if username is None:
        return
    found = cur.execute(
        "SELECT 1 FROM users WHERE username = ? AND active"
        " AND list_contains(roles, 'travailleur_social')",
        [username],
    ).fetchone()
    if found is None:
        raise ValidationFailed(f"« {username} » n'est pas un·e travailleur·euse social·e actif·ve.")


def next_file_number(cur, day: date) -> str:
    """YYYY-NNNN; two intakes at once conflict on the counter row and one is retried."""
    cur.execute("INSERT OR IGNORE INTO file_counter VALUES (?, 0)", [day.year])
    number = cur.execute(
        "UPDATE file_counter SET last_number = last_number + 1 WHERE year = ?"
        " RETURNING last_number",
        [day.year],
    ).fetchone()[0]
    return f"{day.year}-{number:04d}"


def _anonymised(intake: IntakeIn) -> list[MemberIn]:
    """Without consent: no names, no birth dates (only what statistics need)."""
    return [
        MemberIn(role=m.role, last_name=ANONYMOUS_NAME, first_name=f"Personne {i}", sex=m.sex)
        for i, m in enumerate(intake.members, start=1)
    ]


def _insert_household(cur, actor: Actor, intake: IntakeIn, members: list[MemberIn]) -> dict:
    now, today = clock.now(), clock.today()
    head = next(m for m in members if m.role == "chef_menage")
    private = not intake.anonymous
    row = {
        "file_number": next_file_number(cur, today),
        "status": "actif",
        "referent": intake.referent,
        "head_name": f"{head.last_name.upper()} {head.first_name}",
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
        "opened_on": today,
        "last_contact_on": today,
    }
    columns = ", ".join(row)
    values = ", ".join("$" + c for c in row)
    sql = "INSERT INTO household (" + columns + ", created_at, created_by, updated_at,"
    row["id"] = cur.execute(
        sql + " updated_by) VALUES (" + values + ", $now, $by, $now, $by) RETURNING id",
        {**row, "now": now, "by": actor.username},
    ).fetchone()[0]
    return row


def insert_member(cur, household_id: int, member: MemberIn) -> dict:
    row = {"household_id": household_id, **member.model_dump()}
    row["id"] = cur.execute(
        "INSERT INTO person (household_id, role, last_name, first_name, birth_date, sex)"
        " VALUES ($household_id, $role, $last_name, $first_name, $birth_date, $sex)"
        " RETURNING id",
        row,
    ).fetchone()[0]
    return row


def insert_resource(cur, household_id: int, person_id: int, kind: str, amount) -> dict:
    row = {
        "household_id": household_id,
        "person_id": person_id,
        "kind": kind,
        "monthly_amount": amount,
    }
    row["id"] = cur.execute(
        "INSERT INTO resource (household_id, person_id, kind, monthly_amount)"
        " VALUES ($household_id, $person_id, $kind, $monthly_amount) RETURNING id",
        row,
    ).fetchone()[0]
    return row


def insert_contact(cur, actor: Actor, household_id: int, contact: ContactIn) -> dict:
    row = {"household_id": household_id, "author": actor.username, **contact.model_dump()}
    row["id"] = cur.execute(
        "INSERT INTO contact (household_id, contact_on, channel, author, summary, private_note,"
        " created_at) VALUES ($household_id, $contact_on, $channel, $author, $summary,"
        " $private_note, $now) RETURNING id",
        {**row, "now": clock.now()},
    ).fetchone()[0]
    return row


def create_intake(database, actor: Actor, intake: IntakeIn) -> dict:
    """A new household with its members, resources and first contact; one audit row each."""

    def apply(cur, _current) -> Outcome:
        check_referent(cur, intake.referent)
        members = _anonymised(intake) if intake.anonymous else intake.members
        household = _insert_household(cur, actor, intake, members)
        hid = household["id"]
        changes = [Changed("household", hid, None, household)]
        person_ids = []
        for member in members:
            person = insert_member(cur, hid, member)
            person_ids.append(person["id"])
            changes.append(Changed("person", person["id"], None, person))
        for resource in intake.resources:
            row = insert_resource(
                cur, hid, person_ids[resource.member_index], resource.kind, resource.monthly_amount
            )
            changes.append(Changed("resource", row["id"], None, row))
        if intake.first_note:
            note = ContactIn(
                contact_on=clock.today(), channel="entretien", summary=intake.first_note
            )
            row = insert_contact(cur, actor, hid, note)
            changes.append(Changed("contact", row["id"], None, row))
        refresh_search_keys(cur, hid)
        return Outcome(changes, value=household, household_id=hid)

    return run_mutation(
        database, actor, "create", lambda a, _c: can_create_intake(a), nothing, apply
    ).value


def _check_version(current: dict, expected_version: int) -> None:
    if current["version"] != expected_version:
        raise StaleRecordError(
            f"Ce dossier a été modifié par {current['updated_by']} le "
            f"{current['updated_at']:%d/%m/%Y à %H:%M} pendant que vous l'aviez ouvert. "
            "Vos modifications n'ont pas été enregistrées : voici la version à jour.",
            changed_by=current["updated_by"],
            changed_at=current["updated_at"],
        )


def update_household_row(cur, actor, current: dict, changes: dict) -> dict:
    """Set `changes` (columns of HOUSEHOLD_COLUMNS) on a household at its current version."""
    assert set(changes) <= set(HOUSEHOLD_COLUMNS), set(changes) - set(HOUSEHOLD_COLUMNS)
    assignments = [column + " = $" + column for column in changes]
    assignments += ["version = version + 1", "updated_at = $now", "updated_by = $by"]
    sql = "UPDATE household SET " + ", ".join(assignments)
    cur.execute(
        sql + " WHERE id = $id AND version = $v",
        {
            **changes,
            "now": clock.now(),
            "by": actor.username,
            "id": current["id"],
            "v": current["version"],
        },
    )
    return {**current, **changes, "version": current["version"] + 1}


def household_mutation(database, actor, household_id, action, rule, change, version=None):
    """Load the household, check rule and version, apply `change(cur, current)`."""

    def load(cur):
        return _require(load_household(cur, household_id), household_id)

    def apply(cur, current) -> Outcome:
        if version is not None:
            _check_version(current, version)
        outcome = change(cur, current)
        outcome.household_id = household_id
        return outcome

    return run_mutation(database, actor, action, rule, load, apply).value


def update_household(
    database, actor: Actor, household_id: int, version: int, edit: HouseholdEdit
) -> dict:
    def change(cur, current) -> Outcome:
        changes = {k: v for k, v in edit.model_dump().items() if current.get(k) != v}
        if not changes:
            return Outcome([], value=current)
        if "referent" in changes:
            check_referent(cur, edit.referent)
        after = update_household_row(cur, actor, current, changes)
        if "phone" in changes:
            refresh_search_keys(cur, household_id)
        return Outcome([Changed("household", household_id, current, after)], value=after)

    return household_mutation(
        database, actor, household_id, "update", can_edit_household, change, version
    )


def add_contact(database, actor: Actor, household_id: int, contact: ContactIn) -> dict:
    """Record a contact; the household's last contact date follows."""

    def change(cur, current) -> Outcome:
        row = insert_contact(cur, actor, household_id, contact)
        changes = [Changed("contact", row["id"], None, row)]
        last = current["last_contact_on"]
        if last is None or contact.contact_on > last:
            after = update_household_row(
                cur, actor, current, {"last_contact_on": contact.contact_on}
            )
            changes.append(Changed("household", household_id, current, after))
        return Outcome(changes, value=row)

    return household_mutation(database, actor, household_id, "create", can_add_contact, change)


def close_household(
    database, actor: Actor, household_id: int, version: int, closing: CloseIn
) -> dict:
    def change(cur, current) -> Outcome:
        if current["status"] != "actif":
            raise StaleRecordError("Ce dossier est déjà clos.")
        after = update_household_row(
            cur,
            actor,
            current,
            {"status": "clos", "closed_on": closing.closed_on, "close_reason": closing.reason},
        )
        return Outcome([Changed("household", household_id, current, after)], value=after)

    return household_mutation(
        database, actor, household_id, "close", can_edit_household, change, version
    )


def reopen_household(database, actor: Actor, household_id: int, version: int) -> dict:
    def change(cur, current) -> Outcome:
        after = update_household_row(
            cur, actor, current, {"status": "actif", "closed_on": None, "close_reason": None}
        )
        return Outcome([Changed("household", household_id, current, after)], value=after)

    return household_mutation(
        database, actor, household_id, "reopen", can_edit_household, change, version
    )


def record_file_opened(database, actor: Actor, household_id: int) -> None:
    """Each opening of a household's file goes to the access log (CNIL)."""
    log_access(database, actor.username, "read", "household", household_id)


def record_export(database, actor: Actor, what: str, detail: str) -> None:
    log_access(database, actor.username, "export", what, None, detail)

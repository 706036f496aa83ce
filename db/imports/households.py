"""The household sheets of an import: « Ménages et membres » (one row per member, grouped
by « Réf. ménage »), « Ressources » and « Contacts ».

A household is checked as the intake form checks it (IntakeIn: members, the file's
general information, one head, at least one adult) and by the intake's duplicate rule:
a household of the file that matches a file of the app joins it instead of being created.
It keeps its dates: intake (its file number takes that year's series), closing with its
reason, reopening, housing situation.
"""

from __future__ import annotations

from datetime import date

import queries
from db import catalog
from db.households.models import (
    EARLIEST_INTAKE,
    ContactIn,
    HouseholdEdit,
    IntakeIn,
    MemberIn,
    ResourceIn,
    check_past_date,
)
from db.households.records import (
    CONTACT,
    HOUSEHOLD,
    PERSON,
    RESOURCE,
    SITUATION_EVENT,
    STATUS_EVENT,
)
from db.households.writes import anonymised_members, new_household_row
from db.imports import values
from db.imports.context import (
    FILE_NUMBER,
    HOUSEHOLD_REF,
    REF,
    Context,
    account_named,
    cut,
    household_of,
    plan_record,
    prefetch_numbers,
    row_hash,
)
from db.imports.sheets import AMOUNT, CHOICE, DATE, PHONE, Column, Row, Sheet, SheetRows, validated
from db.imports.work import Change, New, Ref
from db.rules import REFERENT_ROLE

OWN_REF = Column("Réf.", REF, note="votre référence de la ligne (facultative)")
HOUSEHOLD_COLUMNS = (
    Column(
        "Réf. ménage",
        HOUSEHOLD_REF,
        example="EXEMPLE-M1",
        note="la « Réf. ménage » de la feuille « Ménages et membres »",
    ),
    Column("N° de dossier", FILE_NUMBER, note="ou le numéro d'un dossier déjà dans Habiter"),
)

HOUSEHOLDS = Sheet(
    "menages",
    "Ménages et membres",
    (
        Column(
            "Réf. ménage",
            HOUSEHOLD_REF,
            example="EXEMPLE-M1",
            note="même référence sur chaque ligne d'un ménage",
        ),
        Column("Date de l'accueil", "intake_on", DATE, True, example="12/03/2024"),
        Column("Nom", "last_name", required=True, example="Martin"),
        Column("Prénom", "first_name", required=True, example="Éloïse"),
        Column("Date de naissance", "birth_date", DATE, example="05/07/1988"),
        Column("Sexe", "sex", CHOICE, choices=catalog.SEX, example="Femme"),
        Column(
            "Place dans le ménage", "role", CHOICE, True, catalog.PERSON_ROLE, "Chef·fe de ménage"
        ),
        Column("Téléphone", "phone", PHONE, example="06 12 34 56 78"),
        Column("E-mail", "email"),
        Column("Adresse", "address", example="12 rue des Lilas"),
        Column("Code postal", "postal_code", required=True, example="33000"),
        Column("Commune", "commune", required=True, example="Bordeaux"),
        Column(
            "Composition", "family_type", CHOICE, True, catalog.FAMILY_TYPE, "Famille monoparentale"
        ),
        Column(
            "Situation de logement", "housing_situation", CHOICE, True, catalog.HOUSING_SITUATION
        ),
        Column("Prescripteur", "prescriber", CHOICE, True, catalog.PRESCRIBER),
        Column(
            "Type de demande",
            "request_type",
            CHOICE,
            True,
            catalog.REQUEST_TYPE,
            "Accès au logement",
        ),
        Column("Référent", "referent", note="identifiant ou nom d'un·e travailleur·euse social·e"),
        Column(
            "Date du consentement",
            "consent_on",
            DATE,
            example="12/03/2024",
            note="vide : accueil anonyme (sans nom)",
        ),
        Column("Date de clôture", "closed_on", DATE),
        Column("Motif de clôture", "close_reason", CHOICE, choices=catalog.CLOSE_REASON),
        Column("Date de réouverture", "reopened_on", DATE),
    ),
    "Une ligne par membre ; les membres d'un ménage ont la même « Réf. ménage » ; les "
    "informations du ménage sont lues sur la ligne de son chef ou de sa cheffe de ménage.",
)
RESOURCES = Sheet(
    "ressources",
    "Ressources",
    (
        OWN_REF,
        *HOUSEHOLD_COLUMNS,
        Column("Nom", "last_name", required=True, example="Martin"),
        Column("Prénom", "first_name", required=True, example="Éloïse"),
        Column("Type de ressource", "kind", CHOICE, True, catalog.RESOURCE_TYPE),
        Column("Montant mensuel", "monthly_amount", AMOUNT, True, example="612,50"),
        Column("Perçue depuis le", "valid_from", DATE, True, example="01/03/2024"),
        Column("Jusqu'au", "valid_until", DATE),
    ),
    "Une ligne par ressource d'un membre (nom et prénom comme dans « Ménages et membres »).",
)
CONTACTS = Sheet(
    "contacts",
    "Contacts",
    (
        OWN_REF,
        *HOUSEHOLD_COLUMNS,
        Column("Date du contact", "contact_on", DATE, True, example="15/03/2024"),
        Column("Canal", "channel", CHOICE, True, catalog.CONTACT_CHANNEL),
        Column("Résumé", "summary", required=True, example="Premier entretien"),
    ),
    "Une ligne par contact avec le ménage.",
)
SHEETS = (HOUSEHOLDS, RESOURCES, CONTACTS)
GENERAL = tuple(HouseholdEdit.model_fields)
MEMBER = tuple(MemberIn.model_fields)


# « Ménages et membres » -----------------------------------------------------------------


def plan_households(ctx: Context, rows: SheetRows) -> None:
    checked = []
    for ref, group in groups(rows.rows):
        household = check_household(ctx, group)
        if household is None or any(r.errors for r in group):
            refuse_group(ctx, group)
            continue
        checked.append((ref, group, household))
    fresh = [c for c in checked if not already_imported(ctx, *c)]
    joined = existing_files(ctx, [household for _ref, _group, household in fresh])
    for index, (ref, group, household) in enumerate(fresh):
        if index in joined:
            join(ctx, ref, group, joined[index])
        else:
            create(ctx, ref, group, household)


def groups(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    """Rows by « Réf. ménage »; without one, a head's row and the rows under it."""
    by_ref: dict[str, list[Row]] = {}
    current = None
    for row in rows:
        ref = row.get(HOUSEHOLD_REF)
        if ref:
            by_ref.setdefault(str(ref), []).append(row)
            current = None
        elif row.get("role") == "chef_menage" or current is None:
            current = []
            by_ref["contenu:" + row_hash(row)] = current
            current.append(row)
        else:
            current.append(row)
    return list(by_ref.items())


def refuse_group(ctx: Context, group: list[Row]) -> None:
    wrong = [r.line for r in group if r.errors]
    for row in group:
        if not row.errors:
            lines = ", ".join(str(n) for n in wrong)
            row.errors[""] = f"ménage refusé avec sa ou ses lignes en erreur ({lines})"
        ctx.refuse(HOUSEHOLDS, row)


def check_household(ctx: Context, group: list[Row]) -> IntakeIn | None:
    """The household as the intake form would take it; errors put on its rows."""
    members = [validated(r, HOUSEHOLDS, MemberIn, pick(r, MEMBER)) for r in group]
    head = next((r for r in group if r.get("role") == "chef_menage"), group[0])
    check_dates(head)
    referent = referent_of(ctx, head)
    if any(m is None for m in members):
        return None
    data = pick(head, GENERAL) | {"referent": referent, "members": members}
    data["intake_on"] = head.get("intake_on")
    labels = HOUSEHOLDS.labels() | {"members": "Place dans le ménage"}
    intake = validated(head, HOUSEHOLDS, IntakeIn, data, labels)
    return intake if not head.errors else None


def pick(row: Row, names) -> dict:
    return {name: row.get(name) for name in names if row.get(name) is not None}


def check_dates(head: Row) -> None:
    """Intake, closing and reopening: in the past, in that order, a closing with its reason."""
    try:
        intake_on = check_past_date(head.get("intake_on"), "la date de l'accueil")
        if intake_on is None:
            raise ValueError("date à renseigner")
        if intake_on < EARLIEST_INTAKE:  # the form's own floor (db/households/models.py)
            earliest = f"{EARLIEST_INTAKE:%d/%m/%Y}"
            raise ValueError(f"date de l'accueil peu plausible (avant le {earliest})")
    except ValueError as refusal:
        head.errors.setdefault("Date de l'accueil", str(refusal))
        return
    closed_on, reason, reopened_on = (
        head.get(n) for n in ("closed_on", "close_reason", "reopened_on")
    )
    later(head, "Date de clôture", closed_on, intake_on, "la clôture", "l'accueil")
    if bool(closed_on) != bool(reason):
        column = "Motif de clôture" if closed_on else "Date de clôture"
        head.errors.setdefault(column, "à renseigner : une clôture a sa date et son motif")
    if reopened_on and not closed_on:
        head.errors.setdefault("Date de réouverture", "seulement pour un dossier clos")
    elif reopened_on:
        later(head, "Date de réouverture", reopened_on, closed_on, "la réouverture", "la clôture")


def later(row: Row, column: str, day, earlier, what: str, earlier_what: str) -> None:
    if day is None:
        return
    try:
        check_past_date(day, what)
    except ValueError as refusal:
        row.errors.setdefault(column, str(refusal))
        return
    if earlier is not None and day < earlier:
        row.errors.setdefault(
            column, f"{what} ne peut pas précéder {earlier_what} ({earlier:%d/%m/%Y})"
        )


def referent_of(ctx: Context, head: Row) -> str | None:
    """The referent's username, given as a username or a display name."""
    typed = head.get("referent")
    if not typed:
        return None
    username = account_named(ctx, typed, "imports/referents", role=REFERENT_ROLE)
    if username is None:
        head.errors.setdefault(
            "Référent", f"« {cut(typed)} » n'est pas un·e travailleur·euse social·e actif·ve"
        )
    return username


def group_hash(group: list[Row]) -> str:
    return row_hash(Row(0, {}, {str(i): row_hash(r) for i, r in enumerate(group)}))


def already_imported(ctx: Context, ref: str, group: list[Row], intake: IntakeIn) -> bool:
    """A household an earlier import brought in: its general information updated if the
    rows changed, else left alone (its members stay as they are)."""
    earlier = ctx.earlier.get((HOUSEHOLDS.key, ref))
    if earlier is None:
        return False
    household_id, was = earlier
    ctx.targets[(HOUSEHOLDS.key, ref)] = household_id
    fingerprint = group_hash(group)
    if was == fingerprint:
        ctx.count(HOUSEHOLDS).unchanged += len(group)
        return True
    changes = intake.model_dump(include=set(GENERAL)) if not intake.anonymous else {}

    def load(cur):
        return queries.fetch_row(cur, HOUSEHOLD.query, household_id=household_id)

    ctx.work.changes.append(Change(HOUSEHOLD, load, changes, household_id))
    ctx.work.refs.append(Ref(HOUSEHOLDS.key, ref, household_id, fingerprint))
    ctx.count(HOUSEHOLDS).updated += len(group)
    return True


def existing_files(ctx: Context, intakes: list[IntakeIn]) -> dict[int, dict]:
    """The intake's duplicate rule for every household of the file at once: index -> the
    file of the app it would join (same name and birth date of a member, or phone)."""
    keys, last, first, born, phone_keys, phones = [], [], [], [], [], []
    for index, intake in enumerate(intakes):
        if intake.anonymous:
            continue
        for member in (m for m in intake.members if m.birth_date):
            keys.append(index)
            last.append(member.last_name)
            first.append(member.first_name)
            born.append(member.birth_date)
        if intake.phone:
            phone_keys.append(index)
            phones.append(intake.phone)
    if not keys and not phones:
        return {}
    found = queries.fetch_rows(
        ctx.cur,
        "imports/duplicates",
        keys=keys,
        last_names=last,
        first_names=first,
        birth_dates=born,
        phone_keys=phone_keys,
        phones=phones,
    )
    return {row["key"]: row for row in found}


def join(ctx: Context, ref: str, group: list[Row], existing: dict) -> None:
    """The household is already a file of the app: its rows join it, nothing is created."""
    ctx.targets[(HOUSEHOLDS.key, ref)] = existing["id"]
    ctx.work.refs.append(Ref(HOUSEHOLDS.key, ref, existing["id"], group_hash(group)))
    ctx.count(HOUSEHOLDS).unchanged += len(group)
    lines = ", ".join(str(r.line) for r in group)
    ctx.notes.append(
        f"{HOUSEHOLDS.label}, ligne {lines} : rejoint le dossier {existing['file_number']} "
        f"({existing['reason']})"
    )


def create(ctx: Context, ref: str, group: list[Row], intake: IntakeIn) -> None:
    head = next((r for r in group if r.get("role") == "chef_menage"), group[0])
    dates = {n: head.get(n) for n in ("intake_on", "closed_on", "close_reason", "reopened_on")}
    members = anonymised_members(intake) if intake.anonymous else intake.members
    key = (HOUSEHOLDS.key, ref)
    household = ctx.work.add(New(HOUSEHOLD, household_row(intake, members, dates), key))
    ctx.targets[key] = household
    persons = ctx.cache.setdefault("persons", {})
    for index, member in enumerate(members):
        person_key = (*key, "membre", index)
        row = {"household_id": household, **member.model_dump(), "joined_on": None}
        persons[(household, name_key(member.last_name, member.first_name))] = ctx.work.add(
            New(PERSON, row, person_key, household)
        )
    for event, day, reason in history(dates):
        values_ = {
            "household_id": household,
            "event": event,
            "occurred_on": day,
            "close_reason": reason,
        }
        ctx.work.add(New(STATUS_EVENT, values_, None, household))
    situation = {
        "household_id": household,
        "situation": intake.housing_situation,
        "from_on": dates["intake_on"],
    }
    ctx.work.add(New(SITUATION_EVENT, situation, None, household))
    ctx.work.refs.append(Ref(HOUSEHOLDS.key, ref, household, group_hash(group)))
    ctx.work.households.append(household)
    ctx.count(HOUSEHOLDS).created += len(group)


def household_row(intake: IntakeIn, members: list[MemberIn], dates: dict) -> dict:
    """The intake's row, closed when the file says so (and not reopened since)."""
    closed = dates["closed_on"] is not None and dates["reopened_on"] is None
    return new_household_row(intake, members) | {
        "file_number": None,  # the write numbers it in its intake year's series
        "status": "clos" if closed else "actif",
        "closed_on": dates["closed_on"] if closed else None,
        "close_reason": dates["close_reason"] if closed else None,
    }


def history(dates: dict) -> list[tuple[str, date, str | None]]:
    """The file's status history: opened, closed with its reason, reopened."""
    events = [("ouverture", dates["intake_on"], None)]
    if dates["closed_on"]:
        events.append(("cloture", dates["closed_on"], dates["close_reason"]))
    if dates["reopened_on"]:
        events.append(("reouverture", dates["reopened_on"], None))
    return events


def name_key(last_name: str, first_name: str) -> str:
    return values.fold(f"{last_name} {first_name}")


# « Ressources » and « Contacts » -----------------------------------------------------------


def plan_resources(ctx: Context, rows: SheetRows) -> None:
    prefetch_numbers(ctx, rows.rows)
    prefetch_persons(ctx, rows.rows)
    for row in rows.rows:
        household = household_of(ctx, row)
        person = person_of(ctx, row, household) if household is not None else None
        data = pick(row, ("kind", "monthly_amount", "valid_from")) | {"member_index": 0}
        if row.get("valid_from") is None:
            row.errors.setdefault("Perçue depuis le", "date à renseigner")
        resource = validated(row, RESOURCES, ResourceIn, data)
        until = row.get("valid_until")
        if resource and until and resource.valid_from and until < resource.valid_from:
            row.errors.setdefault(
                "Jusqu'au",
                f"ne peut pas précéder « perçue depuis le » ({resource.valid_from:%d/%m/%Y})",
            )
        if row.errors or resource is None:
            ctx.refuse(RESOURCES, row)
            continue

        def values_of(resource=resource, household=household, person=person, until=until):
            return {
                "household_id": household,
                "person_id": person,
                "kind": resource.kind,
                "monthly_amount": resource.monthly_amount,
                "valid_from": resource.valid_from,
                "valid_until": until,
            }

        plan_record(ctx, RESOURCES, row, RESOURCE, values_of, household)


def prefetch_persons(ctx: Context, rows: list[Row]) -> None:
    """The members of the app's households the sheet names, read at once."""
    ids = set()
    for row in rows:
        found = household_of(ctx, Row(row.line, {}, dict(row.fields)), required=False)
        if isinstance(found, int):
            ids.add(found)
    persons = ctx.cache.setdefault("persons", {})
    if ids:
        for p in queries.fetch_rows(ctx.cur, "imports/persons_of", household_ids=sorted(ids)):
            persons[(p["household_id"], name_key(p["last_name"], p["first_name"]))] = p["id"]


def person_of(ctx: Context, row: Row, household):
    last, first = row.get("last_name") or "", row.get("first_name") or ""
    found = ctx.cache.get("persons", {}).get((household, name_key(last, first)))
    if found is None:
        row.errors.setdefault("Nom", f"aucun membre « {cut(last)} {cut(first)} » dans ce ménage")
    return found


def plan_contacts(ctx: Context, rows: SheetRows) -> None:
    prefetch_numbers(ctx, rows.rows)
    for row in rows.rows:
        household = household_of(ctx, row)
        contact = validated(
            row, CONTACTS, ContactIn, pick(row, ("contact_on", "channel", "summary"))
        )
        if row.errors or contact is None:
            ctx.refuse(CONTACTS, row)
            continue

        def values_of(contact=contact, household=household):
            return {"household_id": household, "author": ctx.actor.username, **contact.model_dump()}

        plan_record(ctx, CONTACTS, row, CONTACT, values_of, household)


PLANNERS = {
    HOUSEHOLDS.key: plan_households,
    RESOURCES.key: plan_resources,
    CONTACTS.key: plan_contacts,
}

"""The housing sheets of an import: « Propriétaires », « Logements », « Baux » and « Pistes
de captation », each row checked by its form's model (db/housing/models.py) and by the rules
the form's write adds (db/housing/writes.py, leases.py, capture.py).

Records name each other by the association's references: a dwelling its owner by « Réf.
propriétaire », a lease its dwelling by « Réf. logement » and its household by « Réf.
ménage » or « N° de dossier », each found in this file or in an earlier import. A lease
falls within its dwelling's time in the stock; two household leases of one dwelling never
share a day, nor two leases of one household, within the file (checked in memory) and
against the leases already in the database. A lead keeps its dates: one dated stage event
per stage, as capture.py writes them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import queries
from db import catalog
from db.errors import ValidationFailed
from db.french import fr_date
from db.housing import models
from db.housing.leases import check_leases_within, check_within_stock, span
from db.housing.records import DWELLING, LEAD, LEASE, OWNER, STAGE_EVENT
from db.imports import values
from db.imports.context import (
    REF,
    Context,
    account_named,
    cut,
    household_of,
    own_ref,
    plan_record,
    prefetch_numbers,
    row_hash,
)
from db.imports.households import HOUSEHOLD_COLUMNS, pick
from db.imports.sheets import (
    AMOUNT,
    CHOICE,
    DATE,
    INT,
    PHONE,
    Column,
    Row,
    Sheet,
    SheetRows,
    validated,
)
from db.imports.work import New
from db.validation import CONFIRM_FIELD, FACT, check_ahead

OWNER_REF, DWELLING_REF = "owner_ref", "dwelling_ref"
OWNER_REF_LABEL, DWELLING_REF_LABEL = "Réf. propriétaire", "Réf. logement"
REF_LABELS = {OWNER_REF: OWNER_REF_LABEL, DWELLING_REF: DWELLING_REF_LABEL}

OWNERS = Sheet(
    "proprietaires",
    "Propriétaires",
    (
        Column(
            "Réf.",
            REF,
            example="EXEMPLE-PR1",
            note="la référence que les logements reprennent en « Réf. propriétaire »",
        ),
        Column("Type de propriétaire", "kind", CHOICE, True, catalog.OWNER_KIND),
        Column("Nom", "name", required=True, example="Mme Lefèvre"),
        Column("Téléphone", "phone", PHONE, example="05 56 12 34 56"),
        Column("E-mail", "email"),
        Column("Adresse", "address", example="4 cours Victor Hugo"),
        Column("Code postal", "postal_code", example="33000"),
        Column("Commune", "commune", example="Bordeaux"),
    ),
    "Une ligne par propriétaire.",
)
DWELLINGS = Sheet(
    "logements",
    "Logements",
    (
        Column(
            "Réf.",
            REF,
            example="EXEMPLE-L1",
            note="la référence que les baux reprennent en « Réf. logement »",
        ),
        Column(
            OWNER_REF_LABEL,
            OWNER_REF,
            required=True,
            example="EXEMPLE-PR1",
            note="la « Réf. » d'un propriétaire de la feuille « Propriétaires »",
        ),
        Column("Adresse", "address", required=True, example="12 rue des Lilas, appt 3"),
        Column("Code postal", "postal_code", example="33000"),
        Column("Commune", "commune", required=True, example="Bordeaux"),
        Column("Typologie", "typology", CHOICE, True, catalog.TYPOLOGY, "T2"),
        Column("Surface", "surface", AMOUNT, example="45,5", note="en m²"),
        Column("Étage", "floor", INT, example="2"),
        Column("Loyer hors charges", "rent", AMOUNT, True, example="520,00"),
        Column("Charges", "charges", AMOUNT, example="40,00"),
        Column("Classe énergie", "energy_class", CHOICE, choices=catalog.ENERGY_CLASS),
        Column("Dispositif", "programme", CHOICE, True, catalog.PROGRAMME),
        Column(
            "Statut",
            "status",
            CHOICE,
            choices=catalog.DWELLING_STATUS,
            note="« En travaux » pour des travaux en cours ; les baux disent s'il est occupé",
        ),
        Column("Entrée dans le parc", "entered_on", DATE, True, example="01/01/2023"),
        Column("Sortie du parc", "left_on", DATE, note="son dernier jour dans le parc"),
    ),
    "Une ligne par logement du parc.",
)
LEASES = Sheet(
    "baux",
    "Baux",
    (
        Column("Réf.", REF, example="EXEMPLE-B1", note="votre référence du bail (facultative)"),
        Column(
            DWELLING_REF_LABEL,
            DWELLING_REF,
            required=True,
            example="EXEMPLE-L1",
            note="la « Réf. » d'un logement de la feuille « Logements »",
        ),
        Column("Type de bail", "kind", CHOICE, True, catalog.LEASE_KIND, "Sous-location"),
        *HOUSEHOLD_COLUMNS,
        Column("Début", "start_on", DATE, True, example="01/04/2024"),
        Column("Fin", "end_on", DATE, note="le dernier jour occupé ; vide : bail en cours"),
        Column("Motif de fin", "end_reason", CHOICE, choices=catalog.LEASE_END_REASON),
        Column("Loyer", "rent", AMOUNT, example="480,00"),
        Column("Glissement prévu", "planned_slide_on", DATE, note="bail glissant seulement"),
        Column("Glissé le", "slid_on", DATE, note="le bail glissant a glissé au ménage ce jour"),
    ),
    "Une ligne par bail ; un bail principal ou un mandat de gestion n'a pas de ménage.",
)
LEADS = Sheet(
    "pistes",
    "Pistes de captation",
    (
        Column("Réf.", REF, example="EXEMPLE-C1", note="votre référence de la piste (facultative)"),
        Column(OWNER_REF_LABEL, OWNER_REF, note="un propriétaire connu ; sinon son nom ci-après"),
        Column("Type de propriétaire", "owner_kind", CHOICE, choices=catalog.OWNER_KIND),
        Column("Nom du propriétaire", "owner_name", example="M. Garnier"),
        Column("Téléphone du propriétaire", "owner_phone", PHONE),
        Column("E-mail du propriétaire", "owner_email"),
        Column("Adresse", "address", required=True, example="7 rue du Port"),
        Column("Code postal", "postal_code", example="33130"),
        Column("Commune", "commune", required=True, example="Bègles"),
        Column("Typologie", "typology", CHOICE, choices=catalog.TYPOLOGY, example="T3"),
        Column("Loyer proposé", "proposed_rent", AMOUNT, example="600,00"),
        Column("Loyer du marché", "market_rent", AMOUNT, example="680,00"),
        Column("Travaux à prévoir", "works_needed"),
        Column("Incitations", "incentives", choices=catalog.INCENTIVE, note="séparées par « , »"),
        Column("Origine", "source", CHOICE, True, catalog.CAPTURE_SOURCE, "Prospection"),
        Column("Chargé·e de captation", "assignee", note="identifiant ou nom (gestion locative)"),
        Column("Identifiée le", "identified_on", DATE, True, example="02/09/2024"),
        Column("Étape", "stage", CHOICE, choices=catalog.CAPTURE_STAGE, example="Visite"),
        Column("Étape atteinte le", "stage_on", DATE, example="16/09/2024"),
        Column("Abandonnée le", "abandoned_on", DATE),
        Column("Motif d'abandon", "abandoned_reason", CHOICE, choices=catalog.ABANDON_REASON),
        Column(
            DWELLING_REF_LABEL,
            DWELLING_REF,
            note="convention signée : la « Réf. » du logement entré dans le parc",
        ),
    ),
    "Une ligne par piste, à l'étape où elle en est ; sa date d'identification et celle de "
    "son étape font son historique.",
)
SHEETS = (OWNERS, DWELLINGS, LEASES, LEADS)
# A date ahead in a file (a lease signed for next month) is meant, as if confirmed in the
# form; past the form's horizon (a year) it is still refused as a slip.
AHEAD_MEANT = {CONFIRM_FIELD: True}
OWNER_FIELDS = tuple(models.OwnerIn.model_fields)
DWELLING_FIELDS = tuple(f for f in models.DwellingIn.model_fields if f != "owner_id")
LEASE_FIELDS = ("kind", "start_on", "end_on", "rent", "planned_slide_on")
LEAD_FIELDS = tuple(f for f in models.LeadIn.model_fields if f not in ("owner_id", "incentives"))


# References between the sheets ------------------------------------------------------------


def refused_refs(ctx: Context) -> dict[tuple[str, str], int]:
    """(sheet, ref) -> line of the rows refused so far: a row naming one says so."""
    return ctx.cache.setdefault("housing_refused", {})


def refuse(ctx: Context, sheet: Sheet, row: Row) -> None:
    if row.get(REF):
        refused_refs(ctx)[(sheet.key, str(row.get(REF)))] = row.line
    ctx.refuse(sheet, row)


def referenced(ctx: Context, row: Row, field: str, sheet: Sheet, what: str, required=True):
    """The record a row names by its reference (this file or an earlier import), or None
    with a French reason naming the reference."""
    ref = row.get(field)
    if not ref:
        if required:
            row.errors.setdefault(REF_LABELS[field], "à renseigner")
        return None
    found = ctx.target(sheet.key, str(ref))
    if found is None:
        line = refused_refs(ctx).get((sheet.key, str(ref)))
        if line is None:
            reason = f"aucun {what} « {cut(ref)} » dans le fichier"
        else:
            reason = f"le {what} « {cut(ref)} » est refusé ({sheet.label}, ligne {line})"
        row.errors.setdefault(REF_LABELS[field], reason)
    return found


def rule_error(row: Row, sheet: Sheet, refusal: ValidationFailed, field: str) -> None:
    """A refusal of the form's write, put beside the column it names."""
    row.errors.setdefault(sheet.labels().get(refusal.field or field, ""), str(refusal))


def is_update(ctx: Context, sheet: Sheet, row: Row) -> int | None:
    """The record an earlier import made of this row, when the row changed since."""
    earlier = ctx.earlier.get((sheet.key, own_ref(sheet, row)))
    return earlier[0] if earlier and earlier[1] != row_hash(row) else None


# « Propriétaires » ---------------------------------------------------------------------


def plan_owners(ctx: Context, rows: SheetRows) -> None:
    for row in rows.rows:
        owner = validated(row, OWNERS, models.OwnerIn, pick(row, OWNER_FIELDS))
        if row.errors or owner is None:
            refuse(ctx, OWNERS, row)
            continue
        plan_record(ctx, OWNERS, row, OWNER, lambda owner=owner: owner.model_dump())


# « Logements » -------------------------------------------------------------------------


def dwellings_known(ctx: Context) -> dict:
    """Dwelling (Link or id) -> its time in the stock and its owner, as the file says or,
    for a dwelling of an earlier import the file does not list, as the database says."""
    return ctx.cache.setdefault("dwellings", {})


def plan_dwellings(ctx: Context, rows: SheetRows) -> None:
    for row in rows.rows:
        owner = referenced(ctx, row, OWNER_REF, OWNERS, "propriétaire")
        data = pick(row, DWELLING_FIELDS) | AHEAD_MEANT
        dwelling = validated(row, DWELLINGS, models.DwellingIn, data)
        earlier = is_update(ctx, DWELLINGS, row)
        if dwelling is not None and earlier is not None:
            try:  # its new time in the stock keeps the leases it has (writes.update_dwelling)
                check_leases_within(ctx.cur, earlier, dwelling.entered_on, dwelling.left_on)
            except ValidationFailed as refusal:
                rule_error(row, DWELLINGS, refusal, "entered_on")
        if row.errors or dwelling is None or owner is None:
            refuse(ctx, DWELLINGS, row)
            continue

        def values_of(dwelling=dwelling, owner=owner):
            return dwelling.model_dump() | {"owner_id": owner}

        key = (DWELLINGS.key, own_ref(DWELLINGS, row))
        twice = key in ctx.targets  # plan_record refuses a reference given twice
        plan_record(ctx, DWELLINGS, row, DWELLING, values_of)
        if not twice:
            stock = {"entered_on": dwelling.entered_on, "left_on": dwelling.left_on}
            dwellings_known(ctx)[ctx.targets[key]] = stock | {"owner_id": owner}


def prefetch_dwellings(ctx: Context, rows: list[Row]) -> set[int]:
    """The dwellings of earlier imports a sheet names and the file does not list, read at
    once for all its rows; their ids."""
    ids = {ctx.target(DWELLINGS.key, str(r.get(DWELLING_REF))) for r in rows if r.get(DWELLING_REF)}
    ids = {i for i in ids if isinstance(i, int)}
    known = dwellings_known(ctx)
    wanted = sorted(ids - set(known))
    if wanted:
        for found in queries.fetch_rows(ctx.cur, "imports/dwellings_of", ids=wanted):
            known[found["id"]] = found
    return ids


# « Baux » ----------------------------------------------------------------------------------


def plan_leases(ctx: Context, rows: SheetRows) -> None:
    prefetch_numbers(ctx, rows.rows)
    dwellings = prefetch_dwellings(ctx, rows.rows)
    households = {household_of(ctx, Row(r.line, {}, dict(r.fields)), False) for r in rows.rows}
    # The leases this file imports again: their dates are the file's, checked in memory,
    # not those the database still holds.
    again = {
        ctx.earlier[key][0]
        for row in rows.rows
        if (key := (LEASES.key, own_ref(LEASES, row))) in ctx.earlier
    }
    found = queries.fetch_rows(
        ctx.cur,
        "imports/household_leases_of",
        dwelling_ids=sorted(dwellings),
        household_ids=sorted(h for h in households if isinstance(h, int)),
    )
    known = ctx.cache.setdefault("lease_spans", {})
    for lease in (f for f in found if f["id"] not in again):
        known.setdefault(("logement", lease["dwelling_id"]), []).append(lease)
        known.setdefault(("menage", lease["household_id"]), []).append(lease)
    for row in rows.rows:
        plan_lease(ctx, row)


def plan_lease(ctx: Context, row: Row) -> None:
    dwelling = referenced(ctx, row, DWELLING_REF, DWELLINGS, "logement")
    household = household_of(ctx, row, required=False)
    lease, ending = checked_lease(row, household)
    if lease is not None and dwelling is not None:
        lease_rules(ctx, row, lease, dwelling, household)
    if row.errors or lease is None or dwelling is None:
        refuse(ctx, LEASES, row)
        return

    def values_of(lease=lease, dwelling=dwelling, household=household, ending=ending):
        held = household if lease.household_id is not None else None
        return {"dwelling_id": dwelling, **lease.model_dump(), "household_id": held, **ending}

    tenant = household if lease.household_id is not None else None
    plan_record(ctx, LEASES, row, LEASE, values_of, tenant)


def checked_lease(row: Row, household) -> tuple[models.LeaseIn | None, dict]:
    """The lease as the form takes it, and how it ended (its reason, its slide)."""
    data = pick(row, LEASE_FIELDS) | AHEAD_MEANT
    slid_on = row.get("slid_on")
    if slid_on is not None and row.get("end_on") is None:
        data["end_on"] = slid_on - timedelta(days=1)  # as writes.record_slide ends it
    if household is not None:  # a household of this file has no id yet
        data["household_id"] = household if isinstance(household, int) else 0
    elif row.get("household_ref") or row.get("file_number_ref"):
        data["household_id"] = 0  # not found: household_of said why
    labels = LEASES.labels() | {"household_id": "Réf. ménage"}
    lease = validated(row, LEASES, models.LeaseIn, data, labels)
    ending = {"end_reason": row.get("end_reason"), "slid_on": slid_on}
    if lease is None:
        return None, ending
    if slid_on is not None:
        check_slide(row, lease, slid_on)
        ending["end_reason"] = ending["end_reason"] or "glissement"
    elif ending["end_reason"] is not None:
        validated(row, LEASES, models.LeaseEndIn, pick(row, ("end_on", "end_reason")))
    return lease, ending


def check_slide(row: Row, lease: models.LeaseIn, slid_on: date) -> None:
    """A bail glissant slid: after its start; its sublease ended the day before."""
    if lease.kind != "bail_glissant":
        row.errors.setdefault("Glissé le", "seul un bail glissant peut glisser au ménage")
        return
    validated(row, LEASES, models.SlideIn, {"slid_on": slid_on}, {"slid_on": "Glissé le"})
    if slid_on <= lease.start_on:
        row.errors.setdefault(
            "Glissé le", f"le glissement vient après le début du bail ({fr_date(lease.start_on)})"
        )
    if lease.end_on != slid_on - timedelta(days=1):
        row.errors.setdefault(
            "Fin", f"un bail glissé prend fin la veille du glissement ({fr_date(slid_on)})"
        )
    if row.get("end_reason") not in (None, "glissement"):
        row.errors.setdefault("Motif de fin", "un bail glissé prend fin par « Glissement du bail »")


def lease_rules(ctx, row: Row, lease: models.LeaseIn, dwelling, household) -> None:
    """writes.sign_lease's rules: within the stock; for a household's lease, no other
    household lease of the dwelling, no other lease of the household, on any of its days:
    the leases of the file checked so far and those of the database (but the ones this
    file imports again), all in memory."""
    stock = dwellings_known(ctx).get(dwelling)
    if stock is not None:
        try:
            check_within_stock(stock, lease.start_on, lease.end_on)
        except ValidationFailed as refusal:
            rule_error(row, LEASES, refusal, "start_on")
    if lease.household_id is None or household is None or row.errors:
        return
    spans = ctx.cache.setdefault("lease_spans", {})
    mine = {"start_on": lease.start_on, "end_on": lease.end_on, "line": row.line}
    if other := first_shared(spans.get(("logement", dwelling), []), mine):
        overlap(row, mine, other)
    if other := first_shared(spans.get(("menage", household), []), mine):
        clash(row, other)
    if not row.errors and (LEASES.key, own_ref(LEASES, row)) not in ctx.targets:
        spans.setdefault(("logement", dwelling), []).append(mine)
        spans.setdefault(("menage", household), []).append(mine)


def first_shared(leases: list[dict], mine: dict) -> dict | None:
    """The first lease sharing a day with `mine` (dates inclusive; no end: open-ended)."""
    start_on, end_on = mine["start_on"], mine["end_on"] or date.max
    return next(
        (o for o in leases if o["start_on"] <= end_on and start_on <= (o["end_on"] or date.max)),
        None,
    )


def which(other: dict) -> str:
    return f"ligne {other['line']}" if "line" in other else f"bail n° {other['id']}"


def overlap(row: Row, mine: dict, other: dict) -> None:
    """Two household leases of one dwelling share a day: said beside the date that runs
    into the other lease, as leases.check_no_overlap says it."""
    held = "ce logement a déjà un bail de ménage"
    if "file_number" in other:
        held = f"ce logement est déjà loué au ménage {other['file_number']}"
    row.errors.setdefault(
        "Début" if other["start_on"] <= mine["start_on"] else "Fin",
        f"{held} {span(other['start_on'], other['end_on'])} ({which(other)}) : les deux baux "
        "se chevauchent. Un bail peut commencer le lendemain du dernier jour du précédent.",
    )


def clash(row: Row, other: dict) -> None:
    """A household holds one lease at a time, as leases.check_one_lease_at_a_time says."""
    held = "ce ménage a déjà un bail"
    if "address" in other:
        held = f"ce ménage est déjà logé au {other['address']}, {other['commune']}"
    row.errors.setdefault(
        "Réf. ménage",
        f"{held} {span(other['start_on'], other['end_on'])} ({which(other)}) : "
        "un ménage n'a qu'un bail à la fois.",
    )


# « Pistes de captation » ------------------------------------------------------------------


def plan_leads(ctx: Context, rows: SheetRows) -> None:
    prefetch_dwellings(ctx, rows.rows)
    for row in rows.rows:
        plan_lead(ctx, row)


def plan_lead(ctx: Context, row: Row) -> None:
    owner = referenced(ctx, row, OWNER_REF, OWNERS, "propriétaire", required=False)
    dwelling = referenced(ctx, row, DWELLING_REF, DWELLINGS, "logement", required=False)
    if owner is None and dwelling is not None:  # the dwelling's owner, as convert_lead sets it
        owner = (dwellings_known(ctx).get(dwelling) or {}).get("owner_id")
    data = pick(row, LEAD_FIELDS) | {"incentives": incentives(row)}
    if owner is not None or row.get(OWNER_REF):
        data["owner_id"] = owner if isinstance(owner, int) else 0
    data["assignee"] = assignee_of(ctx, row)
    lead = validated(
        row, LEADS, models.LeadIn, data, LEADS.labels() | {"owner_id": OWNER_REF_LABEL}
    )
    state = lead_state(row, dwelling) if lead is not None else None
    if row.errors or lead is None or state is None:
        refuse(ctx, LEADS, row)
        return
    identified_on = state.pop("identified_on")
    extra = {"owner_id": owner, "dwelling_id": dwelling, **state}
    changed = is_update(ctx, LEADS, row)
    news = len(ctx.work.news)
    plan_record(ctx, LEADS, row, LEAD, lambda: lead.model_dump() | extra)
    target = ctx.targets.get((LEADS.key, own_ref(LEADS, row)))
    if len(ctx.work.news) > news:
        history = [("identifie", identified_on), (state["stage"], state["stage_on"])]
        for stage, day in dict(history).items():
            add_stage_event(ctx, target, stage, day)
    elif changed is not None:
        moved_since(ctx, changed, state)


def incentives(row: Row) -> list[str]:
    """« Loc'Avantages Loc1, Prime » -> their codes; a French error for one not in the list."""
    typed = row.get("incentives")
    if not typed:
        return []
    codes = []
    for part in re.split(r"[,;\n]", str(typed)):
        if not part.strip():
            continue
        wanted = values.fold(part)
        code = next(
            (c for c, label in catalog.INCENTIVE.items() if wanted in (c, values.fold(label))),
            None,
        )
        if code is None:
            row.errors.setdefault(
                "Incitations",
                f"valeur non prévue : « {cut(part.strip())} » (voir la feuille "
                "« Valeurs permises »)",
            )
            return []
        codes.append(code)
    return codes


def assignee_of(ctx: Context, row: Row) -> str | None:
    """The username of the lead's person in charge, typed as a username or a name."""
    typed = row.get("assignee")
    if not typed:
        return None
    username = account_named(ctx, typed, "housing/capture_assignees")
    if username is None:
        row.errors.setdefault(
            "Chargé·e de captation",
            f"« {cut(typed)} » n'est pas un compte actif de la gestion locative",
        )
    return username


def lead_state(row: Row, dwelling) -> dict | None:
    """The lead's stage and the day it reached it, its abandonment: capture.py's rules."""
    identified_on = row.get("identified_on")
    stage = row.get("stage") or "identifie"
    stage_on = row.get("stage_on") or (identified_on if stage == "identifie" else None)
    try:
        check_ahead(identified_on, FACT, "la date d'identification")
    except ValueError as refusal:
        row.errors.setdefault("Identifiée le", str(refusal))
    if identified_on is None:
        row.errors.setdefault("Identifiée le", "date à renseigner")
    if stage_on is None:
        row.errors.setdefault("Étape atteinte le", "date à renseigner pour cette étape")
    if row.errors:
        return None
    labels = {"stage": "Étape", "moved_on": "Étape atteinte le"}
    validated(row, LEADS, models.MoveIn, {"stage": stage, "moved_on": stage_on}, labels)
    if stage_on < identified_on:
        row.errors.setdefault(
            "Étape atteinte le",
            f"ne peut pas précéder l'identification de la piste ({fr_date(identified_on)})",
        )
    stage_rules(row, stage, dwelling)
    abandon = lead_abandon(row, stage_on, dwelling)
    state = {"stage": stage, "stage_on": stage_on, "identified_on": identified_on}
    return None if row.errors else state | abandon


def stage_rules(row: Row, stage: str, dwelling) -> None:
    """« Mis en location » follows a convention whose dwelling is in the stock; a dwelling
    in the stock is a convention signed (capture.move_lead, convert_lead)."""
    if stage == "mis_en_location" and dwelling is None:
        row.errors.setdefault(
            DWELLING_REF_LABEL, "à renseigner : une piste mise en location a son logement"
        )
    if dwelling is not None and stage not in ("convention_signee", "mis_en_location"):
        row.errors.setdefault(
            DWELLING_REF_LABEL, "seulement pour une piste à l'étape « Convention signée » ou après"
        )


def lead_abandon(row: Row, stage_on: date, dwelling) -> dict:
    """An abandoned lead: its date and reason together, not before its stage, and only
    while its dwelling is not in the stock (capture.abandon_lead)."""
    day, reason = row.get("abandoned_on"), row.get("abandoned_reason")
    if day is None and reason is None:
        return {"abandoned_on": None, "abandoned_reason": None}
    labels = {"abandoned_on": "Abandonnée le", "abandoned_reason": "Motif d'abandon"}
    data = pick(row, ("abandoned_on", "abandoned_reason"))
    abandon = validated(row, LEADS, models.AbandonIn, data, labels)
    if dwelling is not None:
        row.errors.setdefault("Abandonnée le", "le logement de cette piste est déjà dans le parc")
    if abandon is not None and abandon.abandoned_on < stage_on:
        row.errors.setdefault(
            "Abandonnée le", f"ne peut pas précéder la date de l'étape ({fr_date(stage_on)})"
        )
    return abandon.model_dump() if abandon else {}


def add_stage_event(ctx: Context, lead, stage: str, day: date) -> None:
    """One dated row per stage, as capture.stage_event writes it (by whoever imports)."""
    values_ = {"lead_id": lead, "stage": stage, "moved_on": day}
    values_ |= {"moved_by": ctx.actor.username, "reason": None}
    ctx.work.add(New(STAGE_EVENT, values_))


def moved_since(ctx: Context, lead_id: int, state: dict) -> None:
    """A lead of an earlier import now at another stage (or since another day): the move
    is one more dated event, as capture.move_lead adds it."""
    current = queries.fetch_row(ctx.cur, LEAD.query, record_id=lead_id)
    if current and (current["stage"], current["stage_on"]) != (state["stage"], state["stage_on"]):
        add_stage_event(ctx, lead_id, state["stage"], state["stage_on"])


PLANNERS = {
    OWNERS.key: plan_owners,
    DWELLINGS.key: plan_dwellings,
    LEASES.key: plan_leases,
    LEADS.key: plan_leads,
}

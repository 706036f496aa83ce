"""Writes of the capture pipeline: a lead is added, moved from stage to stage (one dated
capture_stage_event row per move), abandoned with a reason, or converted on a signed
convention into an owner, a dwelling and the association's lease, all or nothing.

Stages may be skipped forward; going back to an earlier stage needs a reason.
"""

from __future__ import annotations

from datetime import date

from db import catalog
from db.errors import ValidationFailed
from db.french import fr_date
from db.housing.leases import check_within_stock
from db.housing.models import AbandonIn, ConversionIn, LeadIn, MoveIn
from db.housing.records import (
    DWELLING,
    LEAD,
    LEASE,
    OWNER,
    STAGE_EVENT,
    housing_mutation,
    still_open,
)
from db.mutation import Outcome
from db.records import create, edit, load
from db.rules import Actor
from db.validation import FACT, check_ahead

STAGES = list(catalog.CAPTURE_STAGE)
CONVENTION = "convention_signee"


def rank(stage: str) -> int:
    return STAGES.index(stage)


def stage_event(cur, actor: Actor, lead_id: int, stage: str, on: date, reason=None):
    values = {"lead_id": lead_id, "stage": stage, "moved_on": on, "moved_by": actor.username}
    return create(cur, actor, STAGE_EVENT, values | {"reason": reason})


def add_lead(database, actor: Actor, lead: LeadIn, on: date, stage: str = "identifie") -> dict:
    """A new lead at `stage` (identifié unless it comes in further on) from `on`."""
    if stage not in catalog.CAPTURE_STAGE or stage == "mis_en_location":
        raise ValidationFailed("Étape : choisissez une valeur de la liste.", "stage")
    try:  # the day the lead was found has happened (db/validation.py)
        check_ahead(on, FACT, "la date")
    except ValueError as exc:
        raise ValidationFailed(f"{str(exc)[0].upper()}{str(exc)[1:]}.", "on") from exc

    def change(cur) -> Outcome:
        if lead.owner_id is not None:
            load(cur, OWNER, record_id=lead.owner_id)
        values = lead.model_dump() | {"stage": stage, "stage_on": on}
        row, done = create(cur, actor, LEAD, values)
        _event, moved = stage_event(cur, actor, row["id"], stage, on)
        return Outcome([done, moved], value=row)

    return housing_mutation(database, actor, "create", change).value


def active_lead(cur, lead_id: int, version: int) -> dict:
    refusal = "Cette piste a été abandonnée le {day}."
    return still_open(cur, LEAD, lead_id, version, "abandoned_on", refusal)


def not_before_stage(current: dict, on: date, field: str) -> None:
    if on < current["stage_on"]:
        raise ValidationFailed(
            f"La piste est à l'étape « {catalog.CAPTURE_STAGE[current['stage']]} » depuis le "
            f"{fr_date(current['stage_on'])} : choisissez une date à partir de ce jour.",
            field,
        )


def move_lead(database, actor: Actor, lead_id: int, version: int, move: MoveIn) -> dict:
    """The lead moves to another stage on `moved_on`: forward, skipping stages if need be,
    or back with a reason. « Mis en location » follows a converted convention."""

    def change(cur) -> Outcome:
        current = active_lead(cur, lead_id, version)
        if move.stage == current["stage"]:
            raise ValidationFailed("La piste est déjà à cette étape.", "stage")
        back = rank(move.stage) < rank(current["stage"])
        if back and not move.reason:
            raise ValidationFailed("Dites pourquoi la piste revient en arrière.", "reason")
        if back and current["dwelling_id"] is not None and rank(move.stage) < rank(CONVENTION):
            raise ValidationFailed(
                "La convention est signée et le logement est dans le parc.", "stage"
            )
        if move.stage == "mis_en_location" and current["dwelling_id"] is None:
            raise ValidationFailed(
                "Enregistrez d'abord la convention signée (le logement et son bail).", "stage"
            )
        not_before_stage(current, move.moved_on, "moved_on")
        _event, moved = stage_event(
            cur, actor, lead_id, move.stage, move.moved_on, move.reason if back else None
        )
        changes = {"stage": move.stage, "stage_on": move.moved_on}
        after, done = edit(cur, actor, LEAD, current, changes)
        return Outcome([moved, done], value=after)

    return housing_mutation(database, actor, "update", change).value


def abandon_lead(database, actor: Actor, lead_id: int, version: int, abandon: AbandonIn):
    def change(cur) -> Outcome:
        current = active_lead(cur, lead_id, version)
        if current["dwelling_id"] is not None:
            raise ValidationFailed("Le logement de cette piste est déjà dans le parc.")
        not_before_stage(current, abandon.abandoned_on, "abandoned_on")
        after, done = edit(cur, actor, LEAD, current, abandon.model_dump())
        return Outcome([done], value=after)

    return housing_mutation(database, actor, "update", change).value


def convert_lead(database, actor, lead_id: int, version: int, conversion: ConversionIn):
    """The signed convention: the owner (known, or created), the dwelling, the
    association's main lease or mandate, the lead pointing at its dwelling; one
    transaction with its audit rows, nothing left if any step is refused."""

    def change(cur) -> Outcome:
        current = active_lead(cur, lead_id, version)
        if current["stage"] != CONVENTION:
            raise ValidationFailed(
                "Passez d'abord la piste à l'étape « Convention signée ».", "stage"
            )
        if current["dwelling_id"] is not None:
            raise ValidationFailed("Cette piste a déjà son logement dans le parc.")
        steps = []
        if conversion.owner is not None:
            owner, done = create(cur, actor, OWNER, conversion.owner.model_dump())
            steps.append(done)
        else:
            owner = load(cur, OWNER, record_id=conversion.owner_id)
        values = conversion.dwelling.model_dump() | {"owner_id": owner["id"]}
        dwelling, done = create(cur, actor, DWELLING, values)
        steps.append(done)
        lease_in = conversion.lease
        check_within_stock(dwelling, lease_in.start_on, lease_in.end_on)
        values = {"dwelling_id": dwelling["id"], **lease_in.model_dump()}
        lease, done = create(cur, actor, LEASE, values)
        steps.append(done)
        changes = {"dwelling_id": dwelling["id"], "owner_id": owner["id"]}
        after, done = edit(cur, actor, LEAD, current, changes)
        steps.append(done)
        value = {"owner": owner, "dwelling": dwelling, "lease": lease, "lead": after}
        return Outcome(steps, value=value)

    return housing_mutation(database, actor, "create", change).value
